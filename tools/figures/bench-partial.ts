// Times the check of texts never checked before against partial snapshots (the language server's
// index worker and the office index: core/store partialFromReader over a MemoryIndexReader), as the
// check worker does: one SnapshotCache, each new text finds a new set of documents, most of them
// found before. CPU per check (the check alone, after the lookups), and the findings compared with
// the embedded (whole) snapshot's. --embedded: the same texts checked against the embedded snapshot
// only (CPU per check, for the ratio database / embedded).
//   node --import tsx tools/figures/bench-partial.ts [--root DIR] [--texts N] [--size CHARS] [--figures-only] [--no-compare] [--embedded]
//   (node --expose-gc: the heap used after the last check, collected)
//   --root: another checkout (e.g. `git archive` of an older commit with node_modules linked), for before/after
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { arg, here, quantile as q, realText, sharedCorpus } from '../common';

const root = arg('--root') ?? here;
const count = Number(arg('--texts') ?? 11);
const size = Number(arg('--size') ?? 20_000);
const cacheDir = `/tmp/check-speed-cache-${root.replace(/\W/g, '_')}`;
mkdirSync(cacheDir, { recursive: true });

const stats = (s: number[]) => `median ${q(s, 0.5).toFixed(1)} ms, p95 ${q(s, 0.95).toFixed(1)} ms, total ${s.reduce((a, b) => a + b, 0).toFixed(0)} ms`;

async function main() {
  const { CHECKS } = await import(join(root, 'server/src/core/service'));
  const { createNodeService, seedsDir } = await import(join(root, 'server/src/node/environment'));
  const { resolveCorpusPaths } = await import(join(root, 'server/src/node/corpusFiles'));
  const { indexCorpus } = await import(join(root, 'server/src/node/indexer'));
  const { MemoryIndexReader } = await import(join(root, 'server/src/core/store/memory'));
  const { partialFromReader } = await import(join(root, 'server/src/core/store'));
  const { corpusClaims } = await import(join(root, 'server/src/core/figures/check-restate'));
  const service = createNodeService('en');
  const r = indexCorpus(service, resolveCorpusPaths([seedsDir(), sharedCorpus], root).files, { cacheDir });
  const snap = service.assemble(r.files, r.phrases);
  const reader = new MemoryIndexReader(r.files, service.gazetteer);
  const severities = process.argv.includes('--figures-only')
    ? Object.fromEntries(Object.keys(CHECKS).map(c => [c, c.startsWith('figure-') ? 'warning' : 'off']))
    : undefined;
  const cache = {};
  const long = realText(size * (1 + count));
  const slice = (i: number) => long.slice(i * size, (i + 1) * size);
  // warm: dictionaries, gazetteer, the first partial
  {
    const t = slice(0);
    const { snapshot } = await partialFromReader(reader, service.gazetteer, t, { cache });
    service.check(process.argv.includes('--embedded') ? snap : snapshot, t, { severities });
  }
  const cpu: number[] = [];
  const claimsCpu: number[] = [];
  if (process.argv.includes('--embedded')) {
    // the same texts checked against the whole (embedded) snapshot, for the ratio
    for (let i = 1; i <= count; i++) {
      const t = slice(i);
      const c0 = process.cpuUsage();
      service.check(snap, t, { severities });
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    console.log(`embedded snapshot, never-checked texts (${count} of ${size}): check CPU ${stats(cpu)}`);
    return;
  }
  const docs: number[] = [];
  let differ = 0, findings = 0;
  for (let i = 1; i <= count; i++) {
    const t = slice(i);
    const { partial, snapshot } = await partialFromReader(reader, service.gazetteer, t, { cache });
    docs.push(partial.documents.length);
    const k0 = process.cpuUsage();
    // (what corpusClaims costs of the check: the check then finds it cached)
    corpusClaims(snapshot.figures, snapshot.docs);
    const k = process.cpuUsage(k0);
    claimsCpu.push((k.user + k.system) / 1000);
    const c0 = process.cpuUsage();
    const got = service.check(snapshot, t, { severities });
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000 + claimsCpu[claimsCpu.length - 1]);
    if (process.argv.includes('--no-compare')) continue;
    const want = service.check(snap, t, { severities });
    findings += want.length;
    if (JSON.stringify(got) !== JSON.stringify(want)) differ++;
  }
  (globalThis as { gc?: () => void }).gc?.();
  const heap = (process.memoryUsage().heapUsed / 1e6).toFixed(0);
  console.log(`partial snapshots, never-checked texts (${count} of ${size}, ${q(docs, 0.5)} documents median): check CPU ${stats(cpu)}, of which corpusClaims ${stats(claimsCpu)}; ${findings} findings, ${differ} texts differ from the embedded check; heap ${heap} MB`);
}
main().catch(e => {
  console.error(e);
  process.exit(1);
});
