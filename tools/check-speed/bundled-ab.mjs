// Never-checked checks of two trees, each bundled with esbuild as the server ships (no tsx, no
// keepNames) and run in a process of its own, the trees taking turns: the A/B to trust for a
// difference of a few percent (first-check.ts --ab puts both trees in one process, sharing one heap
// and its collector). Each run indexes seeds + ../shared/corpus (a cache per tree), checks one text and
// the check worker's warm-up texts, then checks TEXTS stretches of 20,000 characters of the national
// reports never checked before; it prints the median and total wall time of those checks.
//   node tools/check-speed/bundled-ab.mjs TREE_A TREE_B [--texts 41] [--only figure-|region-|standards] [--rounds 3]
// A tree is a checkout with node_modules (a worktree with node_modules linked will do).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
};
const texts = Number(opt('--texts', 41));
const only = opt('--only', '');
const rounds = Number(opt('--rounds', 3));
const trees = args.map(t => resolve(t));
if (trees.length !== 2) {
  console.error('usage: node tools/check-speed/bundled-ab.mjs TREE_A TREE_B [--texts N] [--only GROUP] [--rounds N]');
  process.exit(2);
}

const loop = root => `
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createNodeService, seedsDir } from ${JSON.stringify(join(root, 'server/src/node/environment'))};
import { resolveCorpusPaths } from ${JSON.stringify(join(root, 'server/src/node/corpusFiles'))};
import { indexCorpus } from ${JSON.stringify(join(root, 'server/src/node/indexer'))};
import * as core from ${JSON.stringify(join(root, 'server/src/core/service'))};
const shared = ${JSON.stringify(join(root, '../shared/corpus'))};
const [n, only] = [Number(process.argv[2]), process.argv[3] ?? ''];
const dir = join(shared, 'gwr-national');
const files = readdirSync(dir).sort().reverse().map(f => join(dir, f));
let long = '';
for (let i = 0; long.length < 20000 * (n + 1); i++) long += readFileSync(files[i % files.length], 'utf8') + '\\n\\n';
const member = (c: string) => (only === 'standards' ? /^(punct|number|docnum|date|attachment)-/.test(c) : c.startsWith(only));
const severities = only ? Object.fromEntries(Object.keys(core.CHECKS).map(c => [c, member(c) ? 'warning' : 'off'])) as never : undefined;
const service = createNodeService('en');
const r = indexCorpus(service, resolveCorpusPaths([seedsDir(), shared], ${JSON.stringify(root)}).files, { cacheDir: ${JSON.stringify(join(root, 'server/bench-out/ab-cache'))} });
const snap = service.assemble(r.files, r.phrases);
service.check(snap, long.slice(0, 20000));
for (const w of Object.values((core as { WARM_UP_TEXTS?: Record<string, string> }).WARM_UP_TEXTS ?? {})) service.check(snap, w);
const times: number[] = [];
for (let i = 1; i <= n; i++) {
  const t0 = performance.now();
  service.check(snap, long.slice(i * 20000, (i + 1) * 20000), { severities });
  times.push(performance.now() - t0);
}
const sorted = [...times].sort((a, b) => a - b);
console.log(\`median \${sorted[n >> 1].toFixed(1)} ms, total \${times.reduce((a, b) => a + b, 0).toFixed(0)} ms\`);
`;

const bundles = [];
for (const root of trees) {
  const dir = join(root, 'server/bench-out');
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'ab-loop.ts');
  writeFileSync(entry, loop(root));
  const outfile = join(dir, 'ab-loop.js');
  // (in server/bench-out, beside server/out: the bundle finds the gazetteer and dictionaries as the server does)
  await build({
    entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error',
    external: ['vscode', 'nodejieba', 'pg-native'], define: { __POLICY_DRAFT_CODE_HASH__: JSON.stringify(root) },
    nodePaths: [join(root, 'node_modules')],
  });
  bundles.push(outfile);
}
const totals = trees.map(() => 0);
for (let round = 0; round < rounds; round++) {
  // (the order alternates, so neither tree always runs first)
  const order = round % 2 ? [1, 0] : [0, 1];
  for (const k of order) {
    const r = spawnSync(process.execPath, [bundles[k], String(texts), only], { encoding: 'utf8' });
    if (r.status !== 0) {
      console.error(r.stderr);
      process.exit(1);
    }
    const line = r.stdout.trim();
    totals[k] += Number(/total (\d+)/.exec(line)?.[1] ?? NaN);
    console.log(`${trees[k]}: ${line}`);
  }
}
console.log(`total over ${rounds} runs each: ${totals[0]} / ${totals[1]} ms (B ÷ A = ${(totals[1] / totals[0]).toFixed(2)})`);
