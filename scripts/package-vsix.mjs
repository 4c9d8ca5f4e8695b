#!/usr/bin/env node
// Packages the extension as a .vsix with @vscode/vsce, offline. Run after `npm run build`
// (`npm run package` does both). What goes in is decided by .vscodeignore (a whitelist); this
// script then checks that everything the extension needs at run time is in the package,
// including nodejieba's native module and dictionaries, which the bundles keep external.
// Usage: node scripts/package-vsix.mjs [--out FILE]   (prints the .vsix path)
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** Files (or globs ending in /) without which the packaged extension does not work. */
export const REQUIRED = [
  'package.json',
  'client/out/extension.js',
  'server/out/server.js',
  'server/out/indexWorker.js',
  'server/data/',
  'seeds/',
  'l10n/bundle.l10n.zh-cn.json',
  'package.nls.json',
  'package.nls.zh-cn.json',
  'syntaxes/policy-draft.tmLanguage.json',
  'syntaxes/policy-draft.injection.json',
  'syntaxes/language-configuration.json',
  'node_modules/nodejieba/package.json',
  'node_modules/nodejieba/index.js',
  'node_modules/nodejieba/build/Release/nodejieba.node',
  'node_modules/nodejieba/submodules/cppjieba/dict/jieba.dict.utf8',
  'node_modules/nodejieba/submodules/cppjieba/dict/hmm_model.utf8',
  'node_modules/nodejieba/submodules/cppjieba/dict/user.dict.utf8',
  'node_modules/nodejieba/submodules/cppjieba/dict/idf.utf8',
  'node_modules/nodejieba/submodules/cppjieba/dict/stop_words.utf8',
];

/** Which REQUIRED entries a file list lacks. */
export function missingFrom(files) {
  const set = new Set(files);
  return REQUIRED.filter((r) => (r.endsWith('/') ? !files.some((f) => f.startsWith(r)) : !set.has(r)));
}

/**
 * The VS Code target this machine's nodejieba binary is built for: the .vsix is platform-specific
 * because it carries a native module (N-API, so any Node/Electron version of that platform).
 */
export function currentTarget() {
  const musl = process.platform === 'linux' && !process.report?.getReport?.().header?.glibcVersionRuntime;
  return `${musl ? 'alpine' : process.platform}-${process.arch}`;
}

export async function packageVsix({ out, quiet = false, target = currentTarget() } = {}) {
  const vsce = require('@vscode/vsce');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const packagePath = resolve(out ?? join(root, `${pkg.name}-${pkg.version}.vsix`));
  for (const built of ['client/out/extension.js', 'server/out/server.js']) {
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run npm run build first (npm run package does)`);
  }
  const options = { cwd: root, packageManager: vsce.PackageManager.Npm };
  const files = await vsce.listFiles(options);
  const missing = missingFrom(files);
  if (missing.length) throw new Error(`the package would lack: ${missing.join(', ')} (see .vscodeignore)`);
  // vsce prints the whole file tree; the e2e run keeps its own output short.
  const saved = { log: console.log, info: console.info, warn: console.warn };
  if (quiet) console.log = console.info = console.warn = () => {};
  try {
    await vsce.createVSIX({
      cwd: root,
      packagePath,
      dependencies: true,
      allowMissingRepository: true,
      skipLicense: true,
      allowStarActivation: true,
      target,
    });
  } finally {
    Object.assign(console, saved);
  }
  return { packagePath, files };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;
  packageVsix({ out }).then(
    ({ packagePath, files }) => {
      console.error(`[package] ${files.length} files`);
      console.log(packagePath);
    },
    (e) => {
      console.error(`[package] ${e instanceof Error ? e.message : e}`);
      process.exit(1);
    },
  );
}
