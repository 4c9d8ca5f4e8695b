// One build script for both bundles (client and server) and the CLI. nodejieba is a native module:
// it stays external and ships beside the bundle in node_modules.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// One hash of the server sources and data for every bundle: the analysis cache is keyed by it, so the
// CLI and the server (and its workers) share cache entries.
function sourceHash() {
  const h = createHash('sha1');
  const walk = dir => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(p).update(readFileSync(p));
    }
  };
  walk('server/src');
  walk('server/data');
  return h.digest('hex').slice(0, 16);
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  // Non-ASCII (the converters' dictionaries, the tables) as UTF-8, not \u escapes: the bundles are a
  // third smaller and load faster (Node reads sources as UTF-8).
  charset: 'utf8',
  // pg-native: pg's optional libpq binding, never used (pg speaks the protocol itself)
  external: ['vscode', 'nodejieba', 'pg-native'],
  define: { __POLICY_DRAFT_CODE_HASH__: JSON.stringify(sourceHash()) },
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js' },
  // The server's entry: answers `initialize` and starts the workers before loading main.js (lsp/start.ts).
  { ...common, entryPoints: ['server/src/lsp/start.ts'], outfile: 'server/out/server.js' },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/main.js' },
  { ...common, entryPoints: ['server/src/indexWorker.ts'], outfile: 'server/out/indexWorker.js' },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js' },
  // `policy-lint index --workers N`: the analysis threads of the office index (PostgreSQL)
  { ...common, entryPoints: ['server/src/node/store/worker.ts'], outfile: 'server/out/dbIndexWorker.js' },
  // phrase mining in a short-lived process of its own (node/mineChild.ts; nodejieba stays external)
  { ...common, entryPoints: ['server/src/node/mineChild.ts'], outfile: 'server/out/mine.js' },
];

// jieba-wasm (the portable segmenter) is bundled; its glue reads the .wasm beside the bundle.
const wasmGlue = createRequire(import.meta.url).resolve('jieba-wasm');
mkdirSync('server/out', { recursive: true });
copyFileSync(join(dirname(wasmGlue), 'jieba_rs_wasm_bg.wasm'), 'server/out/jieba_rs_wasm_bg.wasm');

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map(b => esbuild.build(b)));
}
