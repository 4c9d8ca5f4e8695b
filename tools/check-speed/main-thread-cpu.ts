// Times the check of texts never checked before (as first-check.ts and bench/run.ts's 'never checked'
// row) by the CPU time of the main thread alone (Linux /proc/thread-self/schedstat, nanoseconds), beside
// the process's CPU (GC helper threads included) and wall time. On a shared machine the main thread's CPU
// time moves least with the load; run two trees one after the other, several times, to compare them.
//   node --import tsx tools/check-speed/main-thread-cpu.ts [--root DIR] [--texts N] [--only GROUP] [--size N]
//   (GROUP: figure-, region-, script-mixed, heading-sequence, standards, phrase-preferred; default every check)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { arg, here, quantile as q, realText, sharedCorpus } from '../common';

const STAT = '/proc/thread-self/schedstat';
/** The main thread's CPU time so far, ms (its schedstat's first field). */
const threadMs = () => Number(readFileSync(STAT, 'utf8').split(' ')[0]) / 1e6;

async function main() {
  if (!existsSync(STAT)) throw new Error(`${STAT} not found: this tool needs Linux`);
  const root = arg('--root') ?? here;
  const count = Number(arg('--texts') ?? 21);
  const size = Number(arg('--size') ?? 20_000);
  const { CHECKS } = await import(join(root, 'server/src/core/service'));
  const { createNodeService, seedsDir } = await import(join(root, 'server/src/node/environment'));
  const { resolveCorpusPaths } = await import(join(root, 'server/src/node/corpusFiles'));
  const { indexCorpus } = await import(join(root, 'server/src/node/indexer'));
  const service = createNodeService('en');
  const r = indexCorpus(service, resolveCorpusPaths([seedsDir(), sharedCorpus], root).files, { cacheDir: `/tmp/check-speed-cache-${root.replace(/\W/g, '_')}` });
  const snap = service.assemble(r.files, r.phrases);
  const group = arg('--only');
  const member = (c: string) => (group === 'standards' ? /^(punct|number|docnum|date|attachment)-/.test(c) : c.startsWith(group!));
  const severities = group ? Object.fromEntries(Object.keys(CHECKS).map(c => [c, member(c) ? 'warning' : 'off'])) as Record<string, 'off'> : undefined;
  const long = realText(size * (1 + count));
  const slice = (i: number) => long.slice(i * size, (i + 1) * size);
  // warm: the first check of a snapshot, and re-checks of the same text
  service.check(snap, slice(0), { severities });
  for (let i = 0; i < 5; i++) service.check(snap, `${slice(0)}\n${i}`, { severities });
  const main: number[] = [], cpu: number[] = [], wall: number[] = [];
  for (let i = 1; i <= count; i++) {
    const t = slice(i);
    const m0 = threadMs(), c0 = process.cpuUsage(), w0 = performance.now();
    service.check(snap, t, { severities });
    wall.push(performance.now() - w0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    main.push(threadMs() - m0);
  }
  const sum = (s: number[]) => s.reduce((x, y) => x + y, 0);
  console.log(`${root}${group ? ` (${group} alone)` : ''}, never checked (${count} texts of ${size}): main thread CPU median ${q(main, 0.5).toFixed(1)} ms (total ${sum(main).toFixed(0)}), process CPU median ${q(cpu, 0.5).toFixed(1)} ms (total ${sum(cpu).toFixed(0)}), wall median ${q(wall, 0.5).toFixed(1)} ms, p95 ${q(wall, 0.95).toFixed(1)} ms`);
}
void main();
