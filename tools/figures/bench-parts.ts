// Dev benchmark (not a test): the time of each part of checkFigures on a 20,000-character draft made of
// the dev drafts, against the seeds + shared corpus. Usage: node --import tsx tools/figures/bench-parts.ts [FILE]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFigures } from '../../server/src/core/figures/index';
import { extractFiguresFrom } from '../../server/src/core/figures/extract';
import { readClaims } from '../../server/src/core/figures/claims';
import { checkArithmetic } from '../../server/src/core/figures/check-arithmetic';
import { checkCorpusConflicts } from '../../server/src/core/figures/check-corpus';
import { checkDraftConflicts } from '../../server/src/core/figures/check-draft';
import { checkRestatedCorpus, checkRestatedDraft, corpusClaims, draftContext } from '../../server/src/core/figures/check-restate';
import { firstLine } from '../../server/src/core/figures/segments';
import { mainSubject } from '../../server/src/core/figures/subject';
import { createLocalizer } from '../../server/src/core/l10n/index';
import type { FeatureContext } from '../../server/src/core/model';
import { toSimplified } from '../../server/src/core/text/script';
import { createNodeService, seedsDir } from '../../server/src/node/environment';
import { resolveCorpusPaths } from '../../server/src/node/corpusFiles';
import { indexCorpus } from '../../server/src/node/indexer';

const root = join(__dirname, '../..');
const service = createNodeService('en');
const files = resolveCorpusPaths([seedsDir(), join(root, '../shared/corpus')], root).files;
const r = indexCorpus(service, files, { cacheDir: '/tmp/fig-bench-cache-all' });
const snap = service.assemble(r.files, r.phrases);
const file = process.argv[2];
let text = '';
if (file) text = readFileSync(file, 'utf8').slice(0, 20_000);
else {
  const parts = ['01-baoan.md', '02-panzhihua.md', '03-chengdu.md'].map(f => join(root, '../shared/eval/dev', f)).filter(existsSync).map(f => readFileSync(f, 'utf8'));
  while (text.length < 20_000) text += parts.join('\n\n') + '\n\n';
  text = text.slice(0, 20_000);
}
const ctx: FeatureContext = { t: createLocalizer('en'), docs: snap.docs, cite: () => undefined };
const draft = { text, norm: toSimplified(text) };
checkFigures(draft, snap.figures, ctx);
corpusClaims(snap.figures, snap.docs);
const times: Record<string, number[]> = {};
const time = <T>(name: string, fn: () => T): T => {
  // CPU time of this process (the machine is shared: wall time mostly measures the neighbours)
  const t0 = process.cpuUsage();
  const out = fn();
  const d = process.cpuUsage(t0);
  (times[name] ??= []).push((d.user + d.system) / 1000);
  return out;
};
for (let i = 0; i < 25; i++) {
  const t = text.slice(0, 10_000) + (i % 2 ? '全年' : '全市') + text.slice(10_002);
  const d = { text: t, norm: toSimplified(t) };
  const title = firstLine(d.norm);
  const figures = time('extract', () => extractFiguresFrom(d.norm, { title }));
  const claims = time('claims', () => readClaims(d.norm, figures, draftContext(d, title)));
  const main = time('mainSubject', () => mainSubject(d.norm, title));
  time('arithmetic', () => checkArithmetic(d, figures, main, ctx));
  time('corpus rules', () => checkCorpusConflicts(d, figures, snap.figures, ctx));
  time('corpus restate', () => checkRestatedCorpus(d, claims, snap.figures, ctx));
  time('draft rules', () => checkDraftConflicts(d, figures, ctx));
  time('draft restate', () => checkRestatedDraft(d, claims, ctx));
  time('checkFigures', () => checkFigures({ text: t + ' ', norm: d.norm + ' ' }, snap.figures, ctx));
}
const med = (s: number[]) => s.sort((a, b) => a - b)[Math.floor(s.length / 2)].toFixed(1);
console.log(`draft ${text.length} chars`);
for (const [k, v] of Object.entries(times)) console.log(`${k.padEnd(16)} median ${med(v)} ms CPU`);
