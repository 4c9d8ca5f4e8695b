#!/usr/bin/env node
// The universal .vsix in a real VS Code (code-server 4.100.3 in headless chromium) with the native
// segmenter unloadable: the package is built and unpacked, a nodejieba whose native module is not a
// loadable library is planted in its node_modules (as a failed or foreign build would leave it), and
// the whole in-host suite (test/e2e/suite: diagnostics, quick fixes, hover, completion, outline,
// commands) runs against the unpacked package with a fresh corpus cache, so the corpus is segmented
// by the WebAssembly segmenter. The LSP log must name it.
// Usage: node test/package/universal-e2e.mjs [--keep]    (needs npm run build and the e2e set-up)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, resultsDir } from '../../scripts/e2e/paths.mjs';
import { assertSystemPackages, ensureCodeServer } from '../../scripts/e2e/install-code-server.mjs';
import { prepareUserData, startCodeServer } from '../../scripts/e2e/code-server.mjs';
import { launchBrowser, runSuite } from '../../scripts/e2e/browser.mjs';
import { ensureBuilt, makeRunDir } from '../../scripts/e2e/workspace.mjs';
import { packageVsix } from '../../scripts/package-vsix.mjs';

const keep = process.argv.includes('--keep');
const LOCALE = 'zh-cn';

/** Regular files under `dir` (the editor's sockets, which vanish as it stops, are not files). */
function filesUnder(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(p));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

assertSystemPackages();
ensureCodeServer();
ensureBuilt();
const run = makeRunDir('policy-draft-universal-e2e-');
console.log(`[universal-e2e] scratch dir ${run.dir}`);
let failed = 0;
const t0 = Date.now();
try {
  const vsix = join(run.dir, 'policy-draft-universal.vsix');
  const { files } = await packageVsix({ out: vsix, quiet: true, target: 'universal' });
  const unpacked = join(run.dir, 'unpacked');
  const unzip = spawnSync('unzip', ['-q', vsix, '-d', unpacked], { encoding: 'utf8' });
  if (unzip.status !== 0) throw new Error(`unzip failed: ${unzip.stderr}`);
  const ext = join(unpacked, 'extension');
  if (existsSync(join(ext, 'node_modules', 'nodejieba'))) throw new Error('the universal package carries nodejieba');
  // The native module made unloadable: nodejieba's loader is there, its binding is not a library.
  const broken = join(ext, 'node_modules', 'nodejieba');
  mkdirSync(join(broken, 'build', 'Release'), { recursive: true });
  cpSync(join(projectRoot, 'node_modules', 'nodejieba', 'index.js'), join(broken, 'index.js'));
  cpSync(join(projectRoot, 'node_modules', 'nodejieba', 'package.json'), join(broken, 'package.json'));
  writeFileSync(join(broken, 'build', 'Release', 'nodejieba.node'), 'MZ not a shared object for this platform');
  console.log(`[universal-e2e] ${files.length} files in the universal .vsix; nodejieba planted with an unloadable binding`);

  prepareUserData(run.userDataDir, { locale: LOCALE });
  const server = await startCodeServer({
    workspace: run.workspace,
    userDataDir: run.userDataDir,
    extensionsDir: run.extensionsDir,
    locale: LOCALE,
    logFile: join(run.logs, 'code-server.log'),
    // A fresh corpus cache, so the server segments the seeds itself; no forced segmenter.
    env: { POLICY_DRAFT_E2E_LOCALE: LOCALE, POLICY_DRAFT_SEGMENTER: '', POLICY_DRAFT_CACHE: join(run.dir, 'cache') },
  });
  const browser = await launchBrowser();
  try {
    const { code, summary } = await runSuite(
      browser,
      server.url,
      { folder: run.workspace, extensionDevelopmentPath: ext, extensionTestsPath: join(projectRoot, 'test', 'e2e', 'suite', 'index') },
      { timeoutMs: 300_000, logFile: join(resultsDir, 'universal-e2e-extension-host.log') },
    );
    console.log(`${code === 0 ? 'ok  ' : 'FAIL'} in-host suite on the universal .vsix${summary ? ` — ${summary}` : ''}`);
    if (code !== 0) failed++;
  } finally {
    await browser.close();
    server.stop();
  }
  // The language server's log (the "Policy Draft" output channel, kept in the user-data dir).
  const logs = filesUnder(run.userDataDir).filter((f) => f.endsWith('.log')).map((f) => readFileSync(f, 'utf8'));
  const said = logs.join('\n').split('\n').filter((l) => /segment/i.test(l) && l.includes('policy-draft'));
  for (const l of said.slice(0, 4)) console.log(`  log: ${l.trim()}`);
  const wasm = said.some((l) => /jieba-wasm/.test(l));
  const native = said.some((l) => /nodejieba \(native\)|segmentation: nodejieba/.test(l));
  console.log(`${wasm && !native ? 'ok  ' : 'FAIL'} the server log names jieba-wasm as the segmenter`);
  if (!wasm || native) failed++;
} catch (e) {
  failed++;
  console.log(`FAIL ${e instanceof Error ? e.stack : e}`);
} finally {
  if (failed) cpSync(run.logs, join(resultsDir, 'universal-e2e-logs'), { recursive: true });
  if (!keep) run.cleanup();
  else console.log(`[universal-e2e] kept ${run.dir}`);
}
console.log(`\n[universal-e2e] took ${((Date.now() - t0) / 1000).toFixed(0)} s`);
console.log(`${failed ? 0 : 2} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
