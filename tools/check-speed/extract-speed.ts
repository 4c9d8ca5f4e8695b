// Times figure extraction (extractFigures, as the indexer runs it on each corpus document) over the reports
// of ../shared/corpus/gwr-national: CPU ms per pass over all of them.
//   node --import tsx tools/check-speed/extract-speed.ts [--passes N] [--prof FILE.cpuprofile]
//   ... --ab OTHER   OTHER's tree and this one in one process, passes alternating (before/after under one load)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { arg, here, quantile as q, sharedCorpus } from '../common';
import { startCpuProfile } from './cpuProfile';
import { extractFigures } from '../../server/src/core/figures';

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
  const figures = fns.map(f => texts.reduce((n, t) => n + f(t, {}).length, 0));
  const stop = await startCpuProfile(arg('--prof'));
  const cpu: number[][] = trees.map(() => []);
  for (let p = 0; p < passes; p++) {
    for (const k of p % 2 ? [...fns.keys()].reverse() : fns.keys()) {
      const c0 = process.cpuUsage();
      for (const t of texts) fns[k](t, {});
      const c = process.cpuUsage(c0);
      cpu[k].push((c.user + c.system) / 1000);
    }
  }
  await stop();
  const chars = texts.reduce((n, t) => n + t.length, 0);
  trees.forEach((tree, k) => console.log(`extraction (${tree}): ${texts.length} reports, ${chars} characters, ${figures[k]} figures; CPU per pass median ${q(cpu[k], 0.5).toFixed(0)} ms (${cpu[k].map(x => x.toFixed(0)).join(' ')})`));
  if (other) console.log(`ratio of medians ${(q(cpu[1], 0.5) / q(cpu[0], 0.5)).toFixed(2)}`);
}
void main();
