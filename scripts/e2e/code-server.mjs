// Starts and stops a code-server instance for tests and for `npm run try`.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, writeFileSync, openSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { codeServerBin, projectRoot } from './paths.mjs';

const ZH_CN_TRANSLATIONS = join(projectRoot, 'test', 'e2e', 'zh-cn-locale', 'main.i18n.json');

/** Settings that keep dialogs, walkthroughs and notices from covering the workbench. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.layoutControl.enabled': false,
  'window.commandCenter': false,
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Writes User/settings.json and argv.json (locale) into a user-data dir. For zh-cn it also
 * registers a language pack (test/e2e/zh-cn-locale): without one, code-server falls back to
 * English and vscode.env.language stays 'en' whatever --locale says.
 */
export function prepareUserData(userDataDir, { settings = {}, locale } = {}) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  if (locale) writeFileSync(join(userDataDir, 'User', 'argv.json'), JSON.stringify({ locale }, null, 2));
  if (locale?.toLowerCase() === 'zh-cn') {
    // The hash names code-server's translation cache: derive it from the content so edits show.
    const hash = createHash('md5').update(readFileSync(ZH_CN_TRANSLATIONS)).digest('hex');
    const packs = {
      'zh-cn': {
        hash,
        label: '中文(简体)',
        extensions: [{ extensionIdentifier: { id: 'policy-draft-e2e.zh-cn-locale' }, version: '1.0.0' }],
        translations: { vscode: ZH_CN_TRANSLATIONS },
      },
    };
    writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify(packs, null, 2));
  }
}

async function waitHealthy(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
      lastError = new Error(`healthz answered ${res.status}`);
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not become healthy within ${timeoutMs} ms: ${lastError}`);
}

/**
 * Starts code-server in its own process group (so stop() also ends its file watcher and
 * extension host). Returns {url, port, stop, logFile}.
 */
export async function startCodeServer({
  workspace,
  userDataDir,
  extensionsDir,
  port,
  locale,
  logFile,
  extraArgs = [],
  env = {},
}) {
  port = port ?? (await freePort());
  mkdirSync(extensionsDir, { recursive: true });
  const args = [
    codeServerBin,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...(locale ? ['--locale', locale] : []),
    ...extraArgs,
    ...(workspace ? [workspace] : []),
  ];
  const out = logFile ? openSync(logFile, 'a') : 'ignore';
  const child = spawn(process.execPath, args, {
    detached: true, // new session and process group, like setsid
    stdio: ['ignore', out, out],
    env: { ...process.env, XDG_CONFIG_HOME: join(userDataDir, 'xdg-config'), XDG_DATA_HOME: join(userDataDir, 'xdg-data'), ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  try {
    await waitHealthy(url, child, 30_000);
  } catch (e) {
    stop();
    throw e;
  }
  return { url, port, stop, child, logFile };
}

/** Runs code-server's CLI (e.g. --install-extension) synchronously. */
export function codeServerCli(args, { userDataDir, extensionsDir }) {
  return spawnSync(process.execPath, [codeServerBin, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CONFIG_HOME: join(userDataDir, 'xdg-config'), XDG_DATA_HOME: join(userDataDir, 'xdg-data') },
  });
}
