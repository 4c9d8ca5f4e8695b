// Dev benchmark (not a test): the figure checks of a 20,000-character draft after one-character edits
// (the block-by-block reading keeps every untouched block), against the seeds + shared corpus, in CPU ms.
// Usage: node --import tsx tools/figures/bench-edit.ts [FILE]   (default: the bench's real report text)
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkFigures, hoverFigure } from '../../server/src/core/figures/index';
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
let text = '';
if (process.argv[2]) text = readFileSync(process.argv[2], 'utf8').slice(0, 20_000);
else {
  // as bench/run.ts realText: the national reports, latest first
  const dir = join(root, '../shared/corpus/gwr-national');
  const list = existsSync(dir) ? readdirSync(dir).sort().reverse().map(f => join(dir, f)) : [];
  for (let i = 0; text.length < 20_000 && list.length; i++) text += readFileSync(list[i % list.length], 'utf8') + '\n\n';
  text = text.slice(0, 20_000);
}
const ctx: FeatureContext = { t: createLocalizer('en'), docs: snap.docs, cite: () => undefined };
const cpu = (fn: () => void) => {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
};
const draftOf = (t: string) => ({ text: t, norm: toSimplified(t) });
const first = cpu(() => checkFigures(draftOf(text), snap.figures, ctx));
const appended: number[] = [];
for (let i = 0; i < Number(process.env.APPENDS ?? 20); i++) {
  const d = draftOf(`${text}\n${i}`);
  appended.push(cpu(() => checkFigures(d, snap.figures, ctx)));
}
const edited: number[] = [];
// PROFILE=file.cpuprofile: a CPU profile of the edits alone
const session = process.env.PROFILE ? new (require('node:inspector').Session)() : undefined;
if (session) {
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
}
for (let i = 0; i < (session ? 300 : Number(process.env.EDITS ?? 30)); i++) {
  const at = 10_000 + (i % 7) * 13;
  const d = draftOf(text.slice(0, at) + (i % 2 ? '全' : '本') + text.slice(at + 1));
  edited.push(cpu(() => checkFigures(d, snap.figures, ctx)));
}
if (session) session.post('Profiler.stop', (_e: unknown, r: { profile: unknown }) => require('node:fs').writeFileSync(process.env.PROFILE!, JSON.stringify(r.profile)));
const hovers: number[] = [];
const d = draftOf(text);
for (let i = 0; i < 50; i++) {
  const at = text.indexOf('%', i * 350);
  hovers.push(cpu(() => hoverFigure(d, at < 0 ? i : at - 1, snap.figures, ctx)));
}
const q = (s: number[], p: number) => [...s].sort((a, b) => a - b)[Math.min(s.length - 1, Math.floor(s.length * p))].toFixed(1);
console.log(`draft ${text.length} chars; CPU ms`);
console.log(`first check (nothing cached)        ${first.toFixed(1)}`);
console.log(`a new last line                      median ${q(appended, 0.5)}  p95 ${q(appended, 0.95)}`);
console.log(`one-character edit at 10,000         median ${q(edited, 0.5)}  p95 ${q(edited, 0.95)}`);
console.log(`hover (after a check of the text)    median ${q(hovers, 0.5)}  p95 ${q(hovers, 0.95)}`);
