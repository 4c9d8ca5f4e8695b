#!/usr/bin/env node
// The real-editor tests under code-server (VS Code 1.100 in headless chromium):
//   1. the grammar, tokenized by the VS Code's own TextMate engine (test/e2e/grammar);
//   2. the in-host suite (test/e2e/suite) against the extension in this checkout;
//   3. what a person sees: squiggles, the Problems panel, a hover and the suggest widget,
//      screenshots in test-results/screenshots;
//   4. the packaged .vsix: installed with --install-extension, its server answers;
//   5. `npm run try` (scripts/try-code-server.mjs --smoke) serves the workbench.
// Usage: node test/e2e/run-code-server.mjs [--only grammar,suite,visual,vsix,try] [--keep]
// Env: POLICY_DRAFT_E2E_GREP (filter in-host tests by name), POLICY_DRAFT_E2E_HOME (install dir).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { projectRoot, resultsDir, screenshotsDir } from '../../scripts/e2e/paths.mjs';
import { assertSystemPackages, ensureCodeServer } from '../../scripts/e2e/install-code-server.mjs';
import { prepareUserData, startCodeServer } from '../../scripts/e2e/code-server.mjs';
import { launchBrowser, runSuite } from '../../scripts/e2e/browser.mjs';
import { freePort } from '../../scripts/e2e/code-server.mjs';
import { ensureBuilt, makeRunDir } from '../../scripts/e2e/workspace.mjs';
import { runVisualCheck } from './visual.mjs';
import { runVsixCheck } from './vsix.mjs';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : undefined;
const keep = args.includes('--keep');
const want = (phase) => !only || only.includes(phase);
const LOCALE = 'zh-cn';

const results = [];
function record(name, ok, ms, detail = '') {
  results.push({ name, ok, ms, detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} (${(ms / 1000).toFixed(1)} s)${detail ? ` — ${detail}` : ''}`);
}

async function phase(name, fn) {
  const started = Date.now();
  try {
    const detail = await fn();
    record(name, true, Date.now() - started, detail);
  } catch (e) {
    record(name, false, Date.now() - started, e instanceof Error ? e.message : String(e));
  }
}

const t0 = Date.now();
try {
  assertSystemPackages();
  ensureCodeServer();
  ensureBuilt();
} catch (e) {
  console.error(`\n[e2e] cannot run the editor tests: ${e instanceof Error ? e.message : e}\n`);
  process.exit(2);
}
mkdirSync(screenshotsDir, { recursive: true });
// Screenshots and logs of an earlier run must not pass for this one's.
if (want('visual')) for (const f of readdirSync(screenshotsDir)) if (f.endsWith('.png')) rmSync(join(screenshotsDir, f));
rmSync(join(resultsDir, 'e2e-logs'), { recursive: true, force: true });
const run = makeRunDir();
console.log(`[e2e] scratch dir ${run.dir}`);

if (want('grammar')) {
  await phase('grammar: tokenized by VS Code\'s TextMate engine', () => {
    const r = spawnSync(process.execPath, ['--test', '--test-reporter=dot', join(projectRoot, 'test', 'e2e', 'grammar', 'tokenize.test.mjs')], {
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error(`grammar tests failed (exit ${r.status})`);
  });
}

let browser;
try {
  if (want('suite') || want('visual')) {
    prepareUserData(run.userDataDir, { locale: LOCALE });
    const server = await startCodeServer({
      workspace: run.workspace,
      userDataDir: run.userDataDir,
      extensionsDir: run.extensionsDir,
      locale: LOCALE,
      logFile: join(run.logs, 'code-server.log'),
      env: { POLICY_DRAFT_E2E_LOCALE: LOCALE },
    });
    browser = await launchBrowser();
    try {
      if (want('suite')) {
        await phase('in-host suite (extension development host)', async () => {
          const { code, summary } = await runSuite(
            browser,
            server.url,
            {
              folder: run.workspace,
              extensionDevelopmentPath: projectRoot,
              extensionTestsPath: join(projectRoot, 'test', 'e2e', 'suite', 'index'),
            },
            { timeoutMs: 240_000, logFile: join(resultsDir, 'e2e-extension-host.log') },
          );
          if (code !== 0) throw new Error(`exit code ${code}${summary ? `: ${summary}` : ''}`);
          return summary;
        });
      }
      if (want('visual')) {
        await phase('what a person sees (screenshots)', () =>
          runVisualCheck(browser, server.url, { workspace: run.workspace, extensionDevelopmentPath: projectRoot, screenshotsDir }),
        );
      }
    } finally {
      server.stop();
    }
  }
  if (want('vsix')) {
    await phase('packaged .vsix installs into code-server and its server starts', async () => {
      browser ??= await launchBrowser();
      return runVsixCheck({ browser, run, locale: LOCALE, screenshotsDir });
    });
  }
  if (want('try')) {
    await phase('npm run try serves the workbench with the extension', async () => {
      const port = await freePort();
      const r = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'try-code-server.mjs'), '--smoke', '--port', String(port)], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      if (r.status !== 0 || !r.stdout.includes('smoke check passed')) throw new Error(`exit ${r.status}: ${r.stdout}${r.stderr}`);
    });
  }
} finally {
  await browser?.close();
  if (results.some((r) => !r.ok)) {
    // Keep code-server's logs where CI keeps test results.
    cpSync(run.logs, join(resultsDir, 'e2e-logs'), { recursive: true });
  }
  if (!keep) run.cleanup();
  else console.log(`[e2e] kept ${run.dir}`);
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`\n[e2e] editor tests took ${((Date.now() - t0) / 1000).toFixed(0)} s; screenshots in ${screenshotsDir}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
