// Headless Debian chromium through playwright-core, and the in-host test mechanism that
// @vscode/test-web uses: open the workbench with extensionDevelopmentPath/extensionTestsPath in
// the URL payload; the workbench calls window.codeAutomationExit(code) when the suite ends.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromiumPath } from './paths.mjs';

export async function launchBrowser() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`chromium not found at ${chromiumPath}. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/** The workbench URL for a folder, optionally with a development extension and a test suite. */
export function workbenchUrl(base, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const host = new URL(base).host;
  const remote = (p) => `vscode-remote://${host}${p}`;
  const params = new URLSearchParams();
  if (folder) params.set('folder', folder);
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (payload.length) params.set('payload', JSON.stringify(payload));
  return `${base}/?${params.toString()}`;
}

/**
 * Runs an extension test suite inside code-server's extension host and resolves with its exit
 * code. Extension-host console output arrives as page console messages and is forwarded to `log`.
 */
export async function runExtensionTests(browser, base, opts, { timeoutMs = 180_000, log = (m) => console.log(m) } = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  page.on('console', (msg) => {
    const text = msg.text();
    // The extension host's own console is relayed with a prefix; keep the workbench's noise out.
    if (/\[Extension Host\]/.test(text) || text.includes('[e2e]')) log(text.replace(/^%c\[Extension Host\] %c?/, '').replace(/ color: [^ ]+ ?/g, ''));
  });
  page.on('pageerror', (err) => log(`[page error] ${err.message}`));
  await page.goto(workbenchUrl(base, opts));
  let timer;
  const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
  const code = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  await context.close();
  if (code === 'timeout') throw new Error(`the in-host test suite did not finish within ${timeoutMs / 1000} s`);
  return code;
}

/**
 * Runs an in-host suite, echoes its `[e2e]` lines, keeps the whole extension-host log in `logFile`
 * and resolves with the exit code and the suite's "N passed, M failed" line (if it printed one).
 */
export async function runSuite(browser, base, opts, { timeoutMs, logFile }) {
  const lines = [];
  const code = await runExtensionTests(browser, base, opts, {
    timeoutMs,
    log: (m) => {
      lines.push(m);
      if (m.includes('[e2e]')) console.log(m.replace(/^.*?\[e2e\] ?/, '  '));
    },
  });
  mkdirSync(dirname(logFile), { recursive: true });
  writeFileSync(logFile, lines.join('\n') + '\n');
  const summary = lines.map((l) => /(\d+) passed, (\d+) failed/.exec(l)).filter(Boolean).pop();
  return { code, summary: summary ? summary[0] : '' };
}
