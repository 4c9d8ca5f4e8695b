// The figure checks alone on texts never checked before, statically imported so it can be bundled for a
// profile by source line (tools/check-speed/profile-lines.mjs): seeds + ../shared/corpus indexed, one
// 20,000-character report checked to warm up, then N fresh stretches each checked once, figure- only.
//   npx esbuild tools/check-speed/figures-first.ts --bundle --platform=node --outfile=/tmp/x/out/f.js
//   (/tmp/x/data -> server/data, /tmp/x/node_modules -> node_modules), then
//   node /tmp/x/out/f.js [--texts N] [--prof FILE.cpuprofile]   (run from the checkout's root)
//   --read: time (and profile) only the draft's reading (incremental.ts readDraft) of each fresh text, in
//   the same warm process with the corpus loaded (its heap as large as a check's)
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { startCpuProfile } from './cpuProfile';
import { arg, quantile as q, realText } from '../common';
import { CHECKS } from '../../server/src/core/service';
import { createNodeService, seedsDir } from '../../server/src/node/environment';
import { resolveCorpusPaths } from '../../server/src/node/corpusFiles';
import { indexCorpus } from '../../server/src/node/indexer';
import { readDraft } from '../../server/src/core/figures/incremental';
import { toSimplified } from '../../server/src/core/text/script';

async function main() {
  const root = process.cwd();
  const count = Number(arg('--texts') ?? 20);
  const size = 20_000;
  const service = createNodeService('en');
  const r = indexCorpus(service, resolveCorpusPaths([seedsDir(), join(root, '../shared/corpus')], root).files, { cacheDir: `/tmp/check-speed-cache-figures-first` });
  const snap = service.assemble(r.files, r.phrases);
  const only = Object.fromEntries(Object.keys(CHECKS).map(c => [c, c.startsWith('figure-') ? 'warning' : 'off'])) as Record<string, 'off'>;
  const long = realText(size * (2 + count));
  const slice = (i: number) => long.slice(i * size, (i + 1) * size);
  service.check(snap, slice(0), { severities: only });
  for (let i = 0; i < 5; i++) service.check(snap, `${slice(0)}\n${i}`, { severities: only });
  const read = process.argv.includes('--read');
  const norms = read ? Array.from({ length: count + 1 }, (_, i) => toSimplified(slice(i))) : [];
  const stop = await startCpuProfile(arg('--prof'));
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 1; i <= count; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    if (read) readDraft(norms[i]);
    else service.check(snap, slice(i), { severities: only });
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  await stop();
  console.log(`${read ? 'reading (readDraft) alone' : 'figure- alone'}, never checked (${count} texts of ${size}): CPU median ${q(cpu, 0.5).toFixed(1)} ms, wall median ${q(wall, 0.5).toFixed(1)} ms`);
}
void main();
