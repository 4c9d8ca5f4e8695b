#!/usr/bin/env node
// Try the extension without VS Code: starts code-server (VS Code in the browser) on 127.0.0.1
// with the extension installed from a freshly packaged .vsix and the example drafts open, and
// prints the address. `npm run try` builds first.
// Usage: node scripts/try-code-server.mjs [--port 8080] [--locale zh-cn|en] [--dev] [--smoke]
//   --dev    load the extension from this checkout (development host) instead of the .vsix
//   --smoke  start, check that it answers, print the address and stop (for tests)
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { e2eHome, projectRoot } from './e2e/paths.mjs';
import { ensureCodeServer } from './e2e/install-code-server.mjs';
import { codeServerCli, prepareUserData, startCodeServer } from './e2e/code-server.mjs';
import { ensureBuilt } from './e2e/workspace.mjs';
import { workbenchUrl } from './e2e/browser.mjs';
import { packageVsix } from './package-vsix.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const port = Number(opt('--port', process.env.PORT || 8080));
const locale = opt('--locale', 'zh-cn');
const dev = args.includes('--dev');
const smoke = args.includes('--smoke');

function fail(message) {
  console.error(`[try] ${message}`);
  process.exit(1);
}

try {
  ensureCodeServer();
  ensureBuilt();
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}

// A copy of examples/ that the visitor may edit freely; kept between runs (new example files
// are added, edited ones are left alone).
const home = join(e2eHome, 'try');
const workspace = join(home, 'workspace');
const userDataDir = join(home, 'user-data');
const extensionsDir = join(home, 'extensions');
const examples = join(projectRoot, 'examples');
mkdirSync(workspace, { recursive: true });
if (existsSync(examples)) cpSync(examples, workspace, { recursive: true, force: false, errorOnExist: false });
prepareUserData(userDataDir, { locale, settings: { 'workbench.startupEditor': 'none' } });

if (!dev) {
  const vsix = join(home, 'policy-draft.vsix');
  await packageVsix({ out: vsix, quiet: true }).catch((e) => fail(`packaging failed: ${e.message}`));
  const r = codeServerCli(['--install-extension', vsix, '--force'], { userDataDir, extensionsDir });
  if (r.status !== 0) fail(`--install-extension failed: ${r.stdout}${r.stderr}`);
}

let server;
try {
  server = await startCodeServer({ workspace, userDataDir, extensionsDir, port, locale, logFile: join(home, 'code-server.log') });
} catch (e) {
  fail(`code-server did not start on 127.0.0.1:${port} (${e instanceof Error ? e.message : e}); try --port with another number`);
}
const url = dev
  ? workbenchUrl(server.url, { folder: workspace, extensionDevelopmentPath: projectRoot })
  : workbenchUrl(server.url, { folder: workspace });

console.log(`
  公文起草助手 (Policy Draft) is running in VS Code for the browser:

    ${url}

  Open examples: ${workspace}${existsSync(join(workspace, 'draft.md')) ? ' (start with draft.md)' : ''}
  Extension: ${dev ? `loaded from ${projectRoot}` : 'installed from a freshly packaged .vsix'}
  Log: ${join(home, 'code-server.log')}
  Stop with Ctrl+C.
`);

const stop = () => {
  server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

if (smoke) {
  const res = await fetch(url);
  const ok = res.ok && (await res.text()).includes('workbench');
  server.stop();
  if (!ok) fail(`the workbench page did not load (${res.status})`);
  console.log('[try] smoke check passed');
  process.exit(0);
} else {
  // Stay in the foreground until code-server exits or the visitor presses Ctrl+C.
  server.child.on('exit', (code) => process.exit(code ?? 0));
}
