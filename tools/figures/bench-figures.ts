// Dev benchmark (not a test): checkFigures and hoverFigure on a 20,000-character draft made of the
// dev drafts, against the seeds + shared corpus (as `npm run bench` does), through the real service.
// Usage: node --import tsx tools/figures/bench-figures.ts [seeds]   (SAMPLES=1 prints every run)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkFigures, hoverFigure } from '../../server/src/core/figures/index';
import { createLocalizer } from '../../server/src/core/l10n/index';
import type { FeatureContext } from '../../server/src/core/model';
import { toSimplified } from '../../server/src/core/text/script';
import { createNodeService, seedsDir } from '../../server/src/node/environment';
import { resolveCorpusPaths } from '../../server/src/node/corpusFiles';
import { indexCorpus } from '../../server/src/node/indexer';

const root = join(__dirname, '../..');
const which = process.argv.includes('seeds') ? 'seeds' : 'all';
const service = createNodeService('en');
const files = resolveCorpusPaths(which === 'seeds' ? [seedsDir()] : [seedsDir(), join(root, '../shared/corpus')], root).files;
const r = indexCorpus(service, files, { cacheDir: '/tmp/fig-bench-cache-' + which });
const snap = service.assemble(r.files, r.phrases);
const parts = ['01-baoan.md', '02-panzhihua.md', '03-chengdu.md'].map(f => join(root, '../shared/eval/dev', f)).filter(existsSync).map(f => readFileSync(f, 'utf8'));
let text = '';
while (text.length < 20_000) text += parts.join('\n\n') + '\n\n';
text = text.slice(0, 20_000);
const ctx: FeatureContext = { t: createLocalizer('en'), docs: new Map(), cite: () => undefined };
const stats = (s: number[]) => { s.sort((a, b) => a - b); return `median ${s[Math.floor(s.length / 2)].toFixed(1)} ms, p95 ${s[Math.min(s.length - 1, Math.floor(s.length * 0.95))].toFixed(1)} ms`; };
const draftOf = (t: string) => ({ text: t, norm: toSimplified(t) });
console.log(`corpus ${which}: ${snap.figures.count} figures; draft ${text.length} chars`);
checkFigures(draftOf(text), snap.figures, ctx);
const checks: number[] = [];
for (let i = 0; i < 30; i++) {
  const d = draftOf(text.slice(0, 10_000) + (i % 2 ? '全年' : '全市') + text.slice(10_002));
  const t0 = performance.now();
  checkFigures(d, snap.figures, ctx);
  checks.push(performance.now() - t0);
}
console.log(`checkFigures: ${stats(checks)}`); if (process.env.SAMPLES) console.log(checks.map(x => x.toFixed(0)).join(" "));
const d = draftOf(text);
const hovers: number[] = [];
for (let i = 0; i < 50; i++) {
  const at = text.indexOf('%', i * 300);
  const t0 = performance.now();
  hoverFigure(d, at < 0 ? i : at - 1, snap.figures, ctx);
  hovers.push(performance.now() - t0);
}
console.log(`hoverFigure: ${stats(hovers)}`);
const full: number[] = [];
for (let i = 0; i < 10; i++) {
  const t = text.slice(0, 10_000) + (i % 2 ? '全年' : '全市') + text.slice(10_002);
  const t0 = performance.now();
  service.check(snap, t);
  full.push(performance.now() - t0);
}
console.log(`service.check (all checks): ${stats(full)}`);
