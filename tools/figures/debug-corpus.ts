// Dev tool (not a test): a draft's figure findings against a corpus folder through the real service, and
// the corpus claims of the clauses most like the draft clause holding PATTERN.
// Usage: node --import tsx tools/figures/debug-corpus.ts CORPUS_DIR DRAFT [PATTERN]
import { readFileSync } from 'node:fs';
import { createNodeService } from '../../server/src/node/environment';
import { resolveCorpusPaths } from '../../server/src/node/corpusFiles';
import { indexCorpus } from '../../server/src/node/indexer';
import { checkFigures } from '../../server/src/core/figures/index';
import { corpusClaims, draftContext } from '../../server/src/core/figures/check-restate';
import { readClaims } from '../../server/src/core/figures/claims';
import { extractFiguresFrom } from '../../server/src/core/figures/extract';
import { segmentsOf } from '../../server/src/core/figures/restate';
import { firstLine } from '../../server/src/core/figures/segments';
import { createLocalizer } from '../../server/src/core/l10n/index';
import { toSimplified } from '../../server/src/core/text/script';
const [dir, draftFile, pattern] = process.argv.slice(2);
const service = createNodeService('en');
const files = resolveCorpusPaths([dir], process.cwd()).files;
const r = indexCorpus(service, files, { cacheDir: '/tmp/fig-debug-cache' });
const snap = service.assemble(r.files, r.phrases);
const text = readFileSync(draftFile, 'utf8');
const draft = { text, norm: toSimplified(text) };
const ctx = { t: createLocalizer('en'), docs: snap.docs, cite: () => undefined, isSelf: (id: string) => snap.docs.get(id)?.source === draftFile } as any;
for (const f of checkFigures(draft, snap.figures, ctx)) console.log(f.code, draft.norm.slice(f.start - 20, f.start) + '【' + draft.norm.slice(f.start, f.end) + '】', f.message);
if (pattern) {
  const figures = extractFiguresFrom(draft.norm, { title: firstLine(draft.norm) });
  const claims = readClaims(draft.norm, figures, draftContext(draft, firstLine(draft.norm)));
  const cc = corpusClaims(snap.figures, snap.docs);
  const strip = (c: any) => { const { figure, ...rest } = c; return figure.text + ' ' + JSON.stringify(rest); };
  for (const seg of segmentsOf(draft.norm, claims, '')) {
    if (!seg.claims.some(c => new RegExp(pattern).test(c.figure.text))) continue;
    console.log('DRAFT', seg.words, seg.claims.map(strip).join(' ; '));
    for (const n of (cc.segments as any).near(seg)) console.log('  near', n.sim.toFixed(2), n.seg.doc, JSON.stringify(cc.docs.get(n.seg.doc)), n.seg.words, n.seg.claims.map(strip).join(' ; '));
  }
}
