#!/usr/bin/env node
// Packages the extension with @vscode/vsce, offline: one .vsix per VS Code platform target and a
// universal one. Run after `npm run build` (`npm run package` does both).
//
// What goes in is decided by .vscodeignore (a whitelist). Every package carries the bundles and the
// WebAssembly segmenter (server/out/jieba_rs_wasm_bg.wasm, server/data/jieba/). Only the target this
// machine compiles nodejieba for (here linux-x64) also carries nodejieba's native module and
// dictionaries; the other targets and the universal package leave node_modules/nodejieba out, and the
// server uses the WebAssembly segmenter there. This script checks each file list before packaging.
//
// Usage: node scripts/package-vsix.mjs [--target T]... [--out-dir DIR]   (prints the .vsix paths)
//        node scripts/package-vsix.mjs --out FILE        (one package for this machine's target)
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** The platform packages `npm run package` builds, then the universal one (no target). */
export const TARGETS = ['win32-x64', 'linux-x64', 'linux-arm64', 'darwin-arm64', 'darwin-x64', 'universal'];

/** What every package needs at run time (entries ending in / are folders that must hold a file). */
export const REQUIRED_COMMON = [
  'package.json',
  'client/out/extension.js',
  'server/out/server.js',
  'server/out/indexWorker.js',
  'server/out/cli.js',
  'server/out/jieba_rs_wasm_bg.wasm',
  'server/data/jieba/hmm_model.utf8',
  'server/data/',
  'seeds/',
  'l10n/bundle.l10n.zh-cn.json',
  'package.nls.json',
  'package.nls.zh-cn.json',
  'syntaxes/policy-draft.tmLanguage.json',
  'syntaxes/policy-draft.injection.json',
  'syntaxes/language-configuration.json',
];

/** nodejieba at run time: its loader, the native binding and the dictionaries it loads. */
export const REQUIRED_NATIVE = [
  'node_modules/nodejieba/package.json',
  'node_modules/nodejieba/index.js',
  'node_modules/nodejieba/build/Release/nodejieba.node',
  'node_modules/nodejieba/submodules/cppjieba/dict/jieba.dict.utf8',
  'node_modules/nodejieba/submodules/cppjieba/dict/hmm_model.utf8',
  'node_modules/nodejieba/submodules/cppjieba/dict/user.dict.utf8',
  'node_modules/nodejieba/submodules/cppjieba/dict/idf.utf8',
  'node_modules/nodejieba/submodules/cppjieba/dict/stop_words.utf8',
];
/** Kept for callers of the single-package API. */
export const REQUIRED = [...REQUIRED_COMMON, ...REQUIRED_NATIVE];

/**
 * The VS Code target this machine's nodejieba binary is built for (N-API: any Node or Electron
 * version of that platform).
 */
export function currentTarget() {
  const musl = process.platform === 'linux' && !process.report?.getReport?.().header?.glibcVersionRuntime;
  return `${musl ? 'alpine' : process.platform}-${process.arch}`;
}

/** Whether a package for `target` carries nodejieba's native module built on this machine. */
export function carriesNative(target) {
  return target === currentTarget() && existsSync(join(root, 'node_modules/nodejieba/build/Release/nodejieba.node'));
}

/** Which required entries a file list lacks, and which files it must not have, for a target. */
export function checkFileList(files, target) {
  const native = carriesNative(target);
  // Every bundle and asset the build wrote (a bundle added later, too).
  const built = readdirSync(join(root, 'server/out'))
    .filter((f) => /\.(js|wasm)$/.test(f))
    .map((f) => `server/out/${f}`);
  const required = [...new Set([...REQUIRED_COMMON, ...built, ...(native ? REQUIRED_NATIVE : [])])];
  const set = new Set(files);
  const missing = required.filter((r) => (r.endsWith('/') ? !files.some((f) => f.startsWith(r)) : !set.has(r)));
  const forbidden = native ? [] : files.filter((f) => f.startsWith('node_modules/nodejieba/') || f.endsWith('.node'));
  return { missing, forbidden, native };
}

/** Which REQUIRED entries a file list lacks (this machine's target, native module included). */
export function missingFrom(files) {
  return REQUIRED.filter((r) => (r.endsWith('/') ? !files.some((f) => f.startsWith(r)) : !new Set(files).has(r)));
}

/** .vscodeignore as it applies to a target: without nodejieba where the package does not carry it. */
function ignoreFileFor(target, dir) {
  const text = readFileSync(join(root, '.vscodeignore'), 'utf8');
  if (carriesNative(target)) return join(root, '.vscodeignore');
  const file = join(dir, `vscodeignore-${target}`);
  writeFileSync(file, text.split('\n').filter((l) => !/^!node_modules\/nodejieba\//.test(l.trim())).join('\n'));
  return file;
}

export function vsixName(target) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return target === 'universal' ? `${pkg.name}-${pkg.version}.vsix` : `${pkg.name}-${target}-${pkg.version}.vsix`;
}

/** Builds one package; target 'universal' (no target) or a VS Code platform target. */
export async function packageVsix({ out, quiet = false, target = currentTarget() } = {}) {
  const vsce = require('@vscode/vsce');
  const packagePath = resolve(out ?? join(root, vsixName(target)));
  for (const built of ['client/out/extension.js', 'server/out/server.js', 'server/out/jieba_rs_wasm_bg.wasm']) {
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run npm run build first (npm run package does)`);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'policy-draft-vsix-'));
  try {
    const ignoreFile = ignoreFileFor(target, scratch);
    const options = { cwd: root, packageManager: vsce.PackageManager.Npm, ignoreFile };
    const files = await vsce.listFiles(options);
    const { missing, forbidden, native } = checkFileList(files, target);
    if (missing.length) throw new Error(`the ${target} package would lack: ${missing.join(', ')} (see .vscodeignore)`);
    if (forbidden.length) throw new Error(`the ${target} package would carry a native module it cannot load: ${forbidden.join(', ')}`);
    // vsce prints the whole file tree; the e2e run keeps its own output short.
    const saved = { log: console.log, info: console.info, warn: console.warn };
    if (quiet) console.log = console.info = console.warn = () => {};
    try {
      await vsce.createVSIX({
        cwd: root,
        packagePath,
        ignoreFile,
        dependencies: true,
        allowMissingRepository: true,
        skipLicense: true,
        allowStarActivation: true,
        ...(target === 'universal' ? {} : { target }),
      });
    } finally {
      Object.assign(console, saved);
    }
    return { packagePath, files, target, native };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Builds the packages for `targets` into outDir. */
export async function packageAll({ targets = TARGETS, outDir = join(root, 'dist'), quiet = true } = {}) {
  mkdirSync(outDir, { recursive: true });
  const results = [];
  for (const target of targets) results.push(await packageVsix({ out: join(outDir, vsixName(target)), quiet, target }));
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const value = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const targets = args.flatMap((a, i) => (args[i - 1] === '--target' ? [a] : []));
  const run = value('--out')
    ? packageVsix({ out: value('--out'), target: targets[0] ?? currentTarget() }).then((r) => [r])
    : packageAll({ targets: targets.length ? targets : TARGETS, outDir: value('--out-dir') });
  run.then(
    (results) => {
      for (const r of results) {
        console.error(`[package] ${r.target}: ${r.files.length} files, ${r.native ? 'nodejieba (native) + ' : ''}jieba-wasm`);
        console.log(r.packagePath);
      }
    },
    (e) => {
      console.error(`[package] ${e instanceof Error ? e.message : e}`);
      process.exit(1);
    },
  );
}
