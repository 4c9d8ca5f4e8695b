// Dev probe (not a test): recall of figure-conflict-corpus on drafts that copy a seed paragraph with one
// figure's digits swapped (the examiners' usual slip), and precision on the unchanged paragraph.
// Usage: node --import tsx tools/figures/probe-recall.ts [-v]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildFigureIndex, checkFigures, extractFigures } from '../../server/src/core/figures/index';
import { createLocalizer } from '../../server/src/core/l10n/index';
import type { CorpusDocument, FeatureContext } from '../../server/src/core/model';
import { ingestText } from '../../server/src/core/text/ingest';
import { toSimplified } from '../../server/src/core/text/script';

const verbose = process.argv.includes('-v');
const docs = new Map<string, CorpusDocument>();
const input: Array<{ doc: CorpusDocument; figures: ReturnType<typeof extractFigures> }> = [];
for (const f of readdirSync('seeds').sort()) {
  for (const doc of ingestText(join('seeds', f), readFileSync(join('seeds', f), 'utf8')).docs) {
    docs.set(doc.id, doc);
    input.push({ doc, figures: extractFigures(doc.text, { date: doc.date, title: doc.title }) });
  }
}
const index = buildFigureIndex(input);
const ctx: FeatureContext = { t: createLocalizer('en'), docs, cite: () => undefined };
let tried = 0, found = 0, clean = 0, paras = 0;
const misses: Record<string, number> = {};
for (const { doc, figures } of input) {
  const text = toSimplified(doc.text);
  for (const f of figures) {
    if (f.rule || f.baseline || f.part || f.ambiguous || f.bound || f.high !== undefined) continue;
    const num = text.slice(f.numStart, f.numEnd);
    const m = /\d\d/.exec(num.replace(/\./g, 'x'));
    if (!m || m[0][0] === m[0][1]) continue;
    const swapped = num.slice(0, m.index) + m[0][1] + m[0][0] + num.slice(m.index + 2);
    // the paragraph holding the figure, under the document's title
    const pStart = text.lastIndexOf('\n', f.start) + 1;
    let pEnd = text.indexOf('\n', f.end);
    if (pEnd < 0) pEnd = text.length;
    const head = `# ${toSimplified(doc.title)}\n\n`;
    const para = text.slice(pStart, pEnd);
    const changed = head + text.slice(pStart, f.numStart) + swapped + text.slice(f.numEnd, pEnd);
    const at = head.length + (f.numStart - pStart);
    tried++;
    const got = checkFigures({ text: changed, norm: changed }, index, ctx).filter(x => x.code === 'figure-conflict-corpus' || x.code === 'figure-conflict-draft');
    if (got.some(x => x.start <= at && at < x.end)) found++;
    else {
      const df = extractFigures(changed, { title: toSimplified(doc.title) }).find(x => x.start <= at && at < x.end);
      const why = !df ? 'not-extracted' : !df.subject ? 'draft-no-subject' : !f.subject ? 'corpus-no-subject' : df.subject !== f.subject ? 'subject-differs' : JSON.stringify(df.period ?? null) !== JSON.stringify(f.period ?? null) ? 'period-differs' : 'other';
      misses[why] = (misses[why] ?? 0) + 1;
      if (verbose) console.log('MISS', why, f.text, '->', swapped, '|', f.indicator, '/', df?.indicator, '|', f.subject, df?.subject, '|', JSON.stringify(f.period), JSON.stringify(df?.period), '|', text.slice(Math.max(pStart, f.start - 30), f.end + 10).replace(/\n/g, ' '));
    }
    if (f === figures.find(g => g.start >= pStart && g.start < pEnd)) {
      paras++;
      const orig = head + para;
      const fp = checkFigures({ text: orig, norm: orig }, index, ctx).filter(x => x.code.startsWith('figure-'));
      if (fp.length === 0) clean++;
      else if (verbose) for (const x of fp) console.log('FP', x.code, orig.slice(x.start, x.end), x.message);
    }
  }
}
console.log(`swapped-digit copies: ${found}/${tried} found; unchanged paragraphs clean ${clean}/${paras}`, misses);
