// Dev tool (not a test): the figures and claims of one file whose text matches a pattern.
// Usage: node --import tsx tools/figures/debug-figs.ts FILE PATTERN
import { readFileSync } from 'node:fs';
import { extractFiguresFrom } from '../../server/src/core/figures/extract';
import { readClaims } from '../../server/src/core/figures/claims';
import { draftContext } from '../../server/src/core/figures/check-restate';
import { firstLine } from '../../server/src/core/figures/segments';
import { toSimplified } from '../../server/src/core/text/script';
const text = readFileSync(process.argv[2], 'utf8');
const norm = toSimplified(text);
const figures = extractFiguresFrom(norm, { title: firstLine(norm) });
const dc = draftContext({ text, norm }, firstLine(norm));
console.log(JSON.stringify(dc));
const claims = readClaims(norm, figures, dc);
const re = new RegExp(process.argv[3]);
for (const c of claims) {
  const f = c.figure;
  if (!re.test(f.text)) continue;
  const { figure, ...rest } = c;
  const { left, right, text: _t, start, end, numStart, numEnd, sentenceStart, clauseStart, ...fr } = f;
  console.log(f.text, '|', norm.slice(f.start - 25, f.start), '|', JSON.stringify(fr), JSON.stringify(rest));
}
