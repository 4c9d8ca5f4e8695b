// Times (and, with --prof, profiles) the check of texts never checked before in a warm process, as
// bench/run.ts's 'never checked' row does: seeds + ../shared/corpus indexed and one 20,000-character
// report checked (dictionaries and corpus loaded), then fresh 20,000-character stretches of the
// reports, each checked once. Wall and CPU time per check; each group of checks alone on texts of
// its own (so no group warms another's caches).
//
//   node --import tsx tools/check-speed/first-check.ts [--root DIR] [--texts N] [--groups] [--prof FILE.cpuprofile] [--only GROUP]
//   ... --ab OTHER [--only GROUP] OTHER's tree and this one in one process, alternating (before/after under the same load)
//   --root: another checkout (e.g. `git archive` of an older commit with node_modules linked), for before/after
import { mkdirSync } from 'node:fs';
import { startCpuProfile } from './cpuProfile';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { arg, here, quantile as q, realText, sharedCorpus } from '../common';

const root = arg('--root') ?? here;
const count = Number(arg('--texts') ?? 11);
const size = Number(arg('--size') ?? 20_000);
const cacheDir = `/tmp/check-speed-cache-${root.replace(/\W/g, '_')}`;
mkdirSync(cacheDir, { recursive: true });

const stats = (s: number[]) => `median ${q(s, 0.5).toFixed(1)} ms, p95 ${q(s, 0.95).toFixed(1)} ms`;

async function load(root: string) {
  const { createNodeService, seedsDir } = await import(join(root, 'server/src/node/environment'));
  const { resolveCorpusPaths } = await import(join(root, 'server/src/node/corpusFiles'));
  const { indexCorpus } = await import(join(root, 'server/src/node/indexer'));
  const service = createNodeService('en');
  const r = indexCorpus(service, resolveCorpusPaths([seedsDir(), sharedCorpus], root).files, { cacheDir: `/tmp/check-speed-cache-${root.replace(/\W/g, '_')}` });
  return { service, snap: service.assemble(r.files, r.phrases) };
}

/** The checks the server's check worker runs before a writer's first (trees before they existed: none). */
async function warmUp(root: string, service: { check(snap: unknown, text: string): unknown }, snap: unknown) {
  const { WARM_UP_TEXTS } = await import(join(root, 'server/src/core/service'));
  for (const w of Object.values(WARM_UP_TEXTS ?? {}) as string[]) service.check(snap, w);
}

/**
 * --ab OTHER: this tree and OTHER in one process, each text checked by one then the other (order
 * alternating), so both meet the same load: CPU per check of each, and the ratio per text.
 */
async function ab(other: string) {
  const a = await load(other);
  const b = await load(root);
  const long = realText(size * (1 + count));
  const slice = (i: number) => long.slice(i * size, (i + 1) * size);
  for (const [x, r] of [[a, other], [b, root]] as const) {
    x.service.check(x.snap, slice(0));
    for (let i = 0; i < 5; i++) x.service.check(x.snap, `${slice(0)}\n${i}`);
    await warmUp(r, x.service, x.snap);
  }
  // --only GROUP: that group of checks alone (script-mixed, figure-, region-, heading-sequence, standards, phrase-preferred)
  const group = arg('--only');
  const { CHECKS } = await import(join(root, 'server/src/core/service'));
  const member = (c: string) => (group === 'standards' ? /^(punct|number|docnum|date|attachment)-/.test(c) : c.startsWith(group!));
  const severities = group ? Object.fromEntries(Object.keys(CHECKS).map(c => [c, member(c) ? 'warning' : 'off'])) as Record<string, 'off'> : undefined;
  const cpuOf = (x: typeof a, t: string) => {
    const c0 = process.cpuUsage();
    x.service.check(x.snap, t, { severities });
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  const ca: number[] = [], cb: number[] = [], ratio: number[] = [];
  for (let i = 1; i <= count; i++) {
    const t = slice(i);
    let x: number, y: number;
    if (i % 2) { x = cpuOf(a, t); y = cpuOf(b, t); } else { y = cpuOf(b, t); x = cpuOf(a, t); }
    ca.push(x); cb.push(y); ratio.push(y / x);
  }
  if (process.argv.includes('--verbose')) console.log(ca.map((x, i) => `${x.toFixed(0)}/${cb[i].toFixed(0)}`).join(' '));
  console.log(`never checked${group ? ` (${group} alone)` : ''}, CPU per check (${count} texts of ${size}): ${other} ${stats(ca)}; ${root} ${stats(cb)}; ratio median ${q(ratio, 0.5).toFixed(2)}; total CPU ${ca.reduce((x, y) => x + y, 0).toFixed(0)} / ${cb.reduce((x, y) => x + y, 0).toFixed(0)} ms`);
}

async function main() {
  if (arg('--ab')) return ab(arg('--ab')!);
  const { CHECKS } = await import(join(root, 'server/src/core/service'));
  const { createNodeService, seedsDir } = await import(join(root, 'server/src/node/environment'));
  const { resolveCorpusPaths } = await import(join(root, 'server/src/node/corpusFiles'));
  const { indexCorpus } = await import(join(root, 'server/src/node/indexer'));
  const service = createNodeService('en');
  const r = indexCorpus(service, resolveCorpusPaths([seedsDir(), sharedCorpus], root).files, { cacheDir });
  const snap = service.assemble(r.files, r.phrases);
  const groupsWanted = process.argv.includes('--groups');
  const groups = ['script-mixed', 'figure-', 'region-', 'heading-sequence', 'standards', 'phrase-preferred'];
  const long = realText(size * (1 + count * (1 + (groupsWanted ? groups.length : 0))));
  const slice = (i: number) => long.slice(i * size, (i + 1) * size);
  const text = slice(0);
  service.check(snap, text);
  for (let i = 0; i < 5; i++) service.check(snap, `${text}\n${i}`);
  await warmUp(root, service, snap);

  // --only GROUP: the timed (and profiled) checks run that group alone
  const only = arg('--only');
  const onlyMember = (c: string) => (only === 'standards' ? /^(punct|number|docnum|date|attachment)-/.test(c) : c.startsWith(only!));
  const onlySeverities = only ? Object.fromEntries(Object.keys(CHECKS).map(c => [c, onlyMember(c) ? 'warning' : 'off'])) as Record<string, 'off'> : undefined;
  const stopProfile = await startCpuProfile(arg('--prof'));
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 1; i <= count; i++) {
    const t = slice(i);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    service.check(snap, t, { severities: onlySeverities });
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  await stopProfile();
  console.log(`never checked${only ? ` (${only} alone)` : ''} (${count} texts of ${size}): wall ${stats(wall)}; CPU ${stats(cpu)}`);
  if (process.argv.includes('--verbose')) console.log(wall.map((x, i) => `${x.toFixed(1)}/${cpu[i].toFixed(1)}`).join(' '));
  if (!groupsWanted) return;
  const parts: string[] = [];
  let next = count + 1;
  for (const group of groups) {
    const member = (c: string) => (group === 'standards' ? /^(punct|number|docnum|date|attachment)-/.test(c) : c.startsWith(group));
    const only = Object.fromEntries(Object.keys(CHECKS).map(c => [c, member(c) ? 'warning' : 'off'])) as Record<string, 'off'>;
    const runs: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = slice(next++);
      const c0 = process.cpuUsage();
      service.check(snap, t, { severities: only });
      const c = process.cpuUsage(c0);
      runs.push((c.user + c.system) / 1000);
    }
    parts.push(`${group} ${q(runs, 0.5).toFixed(1)}`);
  }
  console.log(`each group alone, never-checked texts, CPU median ms (simplified form included in each): ${parts.join(', ')}`);
}
void main();
