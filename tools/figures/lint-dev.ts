// Dev stand-in for the CLI until server/out/cli.js exists: figure checks of drafts against the
// seeds (naively ingested), printed in the CLI's JSON shape for score.mjs.
// Usage: node --import tsx tools/figures/lint-dev.ts [--corpus DIR] [--text] DRAFT...
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildFigureIndex, checkFigures, extractFigures } from '../../server/src/core/figures/index';
import { createLocalizer } from '../../server/src/core/l10n/index';
import type { CorpusDocument, FeatureContext } from '../../server/src/core/model';
import { ingestText } from '../../server/src/core/text/ingest';
import { lineColAt, toOriginal } from '../../server/src/core/text/offsetMap';
import { toSimplified } from '../../server/src/core/text/script';
const args = process.argv.slice(2);
let corpusDir = 'seeds';
let asText = false;
let locale = 'en';
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--corpus') corpusDir = args[++i];
  else if (args[i] === '--text') asText = true;
  else if (args[i] === '--zh') locale = 'zh-cn';
  else files.push(args[i]);
}

function position(text: string, offset: number) {
  let line = 0, start = 0;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) { line++; start = i + 1; }
  return { line, character: offset - start };
}

const docs = new Map<string, CorpusDocument>();
const starts = new Map<string, number[]>();
const input: Array<{ doc: CorpusDocument; figures: ReturnType<typeof extractFigures> }> = [];
for (const f of readdirSync(corpusDir).sort()) {
  const path = join(corpusDir, f);
  const result = ingestText(path, readFileSync(path, 'utf8'));
  starts.set(path, result.lineStarts);
  for (const doc of result.docs) {
    docs.set(doc.id, doc);
    input.push({ doc, figures: extractFigures(doc.text, { date: doc.date, title: doc.title }) });
  }
}
const index = buildFigureIndex(input);
const ctx: FeatureContext = {
  t: createLocalizer(locale),
  docs,
  cite: ref => {
    const doc = docs.get(ref.docId);
    if (!doc) return undefined;
    const ls = starts.get(doc.source)!;
    return {
      source: doc.source, title: doc.title, date: doc.date,
      start: lineColAt(ls, toOriginal(doc.map, ref.start)), end: lineColAt(ls, toOriginal(doc.map, ref.end)),
    };
  },
};
const out = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const norm = toSimplified(text);
  const findings = checkFigures({ text, norm: norm.length === text.length ? norm : text }, index, ctx);
  out.push({
    file,
    diagnostics: findings.map(f => ({ range: { start: position(text, f.start), end: position(text, f.end) }, code: f.code, message: f.message, severity: 2, related: f.related, fixes: f.fixes })),
  });
  if (asText) for (const f of findings) console.log(`${file}:${position(text, f.start).line + 1} ${f.code} «${text.slice(f.start, f.end)}» ${f.message}`);
}
if (!asText) console.log(JSON.stringify(out, null, 1));
