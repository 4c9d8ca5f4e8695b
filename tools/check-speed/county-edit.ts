// Times (and, with --prof, profiles) bench/db.ts's embedded row "after a one-character edit (county
// drafts)" in process, without PostgreSQL: the dev-real county drafts joined to 20,000 characters,
// checked against seeds + ../shared/corpus, then edits of it (a character added at the end, as the
// bench does, or with --middle a character changed in the middle). CPU per check.
//
//   node --import tsx tools/check-speed/county-edit.ts [--root DIR] [--edits N] [--middle] [--prof FILE.cpuprofile]
//   ... --ab OTHER    OTHER's tree and this one in one process, alternating (before/after under the same load)
//   ... --only GROUP  that group of checks alone (figure-, region-, script-mixed, ...)
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { startCpuProfile } from './cpuProfile';
import { join } from 'node:path';
import { arg, here, quantile as q, sharedCorpus } from '../common';

const root = arg('--root') ?? here;
const count = Number(arg('--edits') ?? 30);
const middle = process.argv.includes('--middle');
const devReal = join(here, '../shared/eval/dev-real');

const stats = (s: number[]) => `median ${q(s, 0.5).toFixed(1)} ms, p95 ${q(s, 0.95).toFixed(1)} ms`;

function countyText(): string {
  const drafts = readdirSync(devReal).filter(f => f.endsWith('.md') && f !== 'README.md').sort().map(f => readFileSync(join(devReal, f), 'utf8'));
  let county = '';
  for (let i = 0; county.length < 20_000; i++) county += `${drafts[i % drafts.length]}\n\n`;
  return county.slice(0, 20_000);
}

/** The i-th edit of `base`: as bench/db.ts (`base + '。'.repeat(i)`, checked with a trailing U+3000), or in the middle. */
function edit(base: string, i: number): string {
  if (!middle) return `${base}${'。'.repeat(i)}\u3000`;
  const at = 10_000 + (i % 7) * 13;
  return base.slice(0, at) + (i % 2 ? '全' : '本') + base.slice(at + 1);
}

async function load(root: string) {
  const { createNodeService, seedsDir } = await import(join(root, 'server/src/node/environment'));
  const { resolveCorpusPaths } = await import(join(root, 'server/src/node/corpusFiles'));
  const { indexCorpus } = await import(join(root, 'server/src/node/indexer'));
  const { CHECKS } = await import(join(root, 'server/src/core/service'));
  const cacheDir = `/tmp/check-speed-cache-${root.replace(/\W/g, '_')}`;
  mkdirSync(cacheDir, { recursive: true });
  const service = createNodeService('en');
  const r = indexCorpus(service, resolveCorpusPaths([seedsDir(), sharedCorpus], root).files, { cacheDir });
  const group = arg('--only');
  const member = (c: string) => c.startsWith(group!);
  const severities = group ? Object.fromEntries(Object.keys(CHECKS).map(c => [c, member(c) ? 'warning' : 'off'])) : undefined;
  return { service, snap: service.assemble(r.files, r.phrases), severities };
}

type Loaded = Awaited<ReturnType<typeof load>>;
const cpuOf = (x: Loaded, t: string) => {
  const c0 = process.cpuUsage();
  x.service.check(x.snap, t, { severities: x.severities });
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

async function main() {
  const base = countyText();
  const other = arg('--ab');
  const trees = other ? [await load(other), await load(root)] : [await load(root)];
  for (const x of trees) {
    x.service.check(x.snap, base, { severities: x.severities });
    for (let i = 1; i <= 5; i++) x.service.check(x.snap, edit(base, 1000 + i), { severities: x.severities });
  }
  const stopProfile = await startCpuProfile(arg('--prof'));
  const cpu: number[][] = trees.map(() => []);
  for (let i = 1; i <= count; i++) {
    const t = edit(base, i);
    const order = i % 2 ? trees.map((_, k) => k) : trees.map((_, k) => k).reverse();
    for (const k of order) cpu[k].push(cpuOf(trees[k], t));
  }
  await stopProfile();
  const what = `county drafts, one-character edit${middle ? ' (middle)' : ' (end)'}${arg('--only') ? `, ${arg('--only')} alone` : ''}`;
  if (!other) return console.log(`${what}: CPU ${stats(cpu[0])}`);
  const ratio = cpu[0].map((x, i) => cpu[1][i] / x);
  console.log(`${what}, CPU per check: ${other} ${stats(cpu[0])}; ${root} ${stats(cpu[1])}; ratio median ${q(ratio, 0.5).toFixed(2)}`);
}
void main();
