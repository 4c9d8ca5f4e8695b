// Times figure extraction (extractFigures, as the indexer runs it on each corpus document) over the reports
// of ../shared/corpus/gwr-national: CPU ms per pass over all of them.
//   node --import tsx tools/check-speed/extract-speed.ts [--passes N] [--prof FILE.cpuprofile]
//   ... --ab OTHER   OTHER's tree and this one in one process, passes alternating (before/after under one load)
//   ... --read       instead: a draft's reading (incremental.ts readDraft) of every 20,000-character stretch of
//                    those reports, the caches cleared before each pass (as for drafts never checked)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { arg, here, quantile as q, sharedCorpus } from '../common';
import { startCpuProfile } from './cpuProfile';
import { extractFigures } from '../../server/src/core/figures';
import { clearDraftCache, readDraft } from '../../server/src/core/figures/incremental';

type Extract = (text: string, opts: object) => unknown[];
const load = async (root: string): Promise<Extract> => (await import(join(root, 'server/src/core/figures'))).extractFigures;

async function main() {
  const dir = join(sharedCorpus, 'gwr-national');
  const texts = readdirSync(dir).sort().map(f => readFileSync(join(dir, f), 'utf8'));
  const passes = Number(arg('--passes') ?? 8);
  const other = arg('--ab');
  const trees = other ? [other, here] : [here];
  // (this tree's imported statically: the script can be bundled for a profile by source line)
  const fns: Extract[] = other ? [await load(other), extractFigures] : [extractFigures];
  let inputs = texts;
  if (process.argv.includes('--read')) {
    // every 20,000-character stretch of the reports joined, each pass on cold caches
    const all = texts.join('\n\n');
    inputs = [];
    for (let at = 0; at + 20_000 <= all.length; at += 20_000) inputs.push(all.slice(at, at + 20_000));
    const reader = (m: { readDraft: typeof readDraft; clearDraftCache: typeof clearDraftCache }): Extract => (t: string) => {
      if (t === inputs[0]) m.clearDraftCache();
      return m.readDraft(t).figures;
    };
    fns.splice(0, fns.length, ...(other ? [reader(await import(join(other, 'server/src/core/figures/incremental'))), reader({ readDraft, clearDraftCache })] : [reader({ readDraft, clearDraftCache })]));
  }
  const figures = fns.map(f => inputs.reduce((n, t) => n + f(t, {}).length, 0));
  const stop = await startCpuProfile(arg('--prof'));
  const cpu: number[][] = trees.map(() => []);
  for (let p = 0; p < passes; p++) {
    for (const k of p % 2 ? [...fns.keys()].reverse() : fns.keys()) {
      const c0 = process.cpuUsage();
      for (const t of inputs) fns[k](t, {});
      const c = process.cpuUsage(c0);
      cpu[k].push((c.user + c.system) / 1000);
    }
  }
  await stop();
  const chars = inputs.reduce((n, t) => n + t.length, 0);
  const what = process.argv.includes('--read') ? 'reading' : 'extraction';
  trees.forEach((tree, k) => console.log(`${what} (${tree}): ${inputs.length} texts, ${chars} characters, ${figures[k]} figures; CPU per pass median ${q(cpu[k], 0.5).toFixed(0)} ms (${cpu[k].map(x => x.toFixed(0)).join(' ')})`));
  if (other) {
    const pairs = cpu[1].map((x, p) => x / cpu[0][p]);
    console.log(`ratio of medians ${(q(cpu[1], 0.5) / q(cpu[0], 0.5)).toFixed(2)}, median ratio of the passes ${q(pairs, 0.5).toFixed(2)}, ratio of the fastest passes ${(Math.min(...cpu[1]) / Math.min(...cpu[0])).toFixed(2)}`);
  }
}
void main();
