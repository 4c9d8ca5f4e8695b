// One build script for both bundles (client and server) and the CLI. nodejieba is a native module:
// it stays external and ships beside the bundle in node_modules.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  external: ['vscode', 'nodejieba'],
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js' },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' },
  { ...common, entryPoints: ['server/src/indexWorker.ts'], outfile: 'server/out/indexWorker.js' },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js' },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map(b => esbuild.build(b)));
}
