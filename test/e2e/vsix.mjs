// The packaged extension: build the .vsix, install it into a fresh code-server with
// --install-extension, and run test/e2e/suite-vsix inside it (no development path).
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, resultsDir } from '../../scripts/e2e/paths.mjs';
import { codeServerCli, prepareUserData, startCodeServer } from '../../scripts/e2e/code-server.mjs';
import { runSuite } from '../../scripts/e2e/browser.mjs';
import { packageVsix } from '../../scripts/package-vsix.mjs';

export async function runVsixCheck({ browser, run, locale }) {
  const vsix = join(run.dir, 'policy-draft.vsix');
  const { files } = await packageVsix({ out: vsix, quiet: true });
  const userDataDir = join(run.dir, 'vsix-user-data');
  const extensionsDir = join(run.dir, 'vsix-extensions');
  prepareUserData(userDataDir, { locale });
  const installed = codeServerCli(['--install-extension', vsix], { userDataDir, extensionsDir });
  assert.equal(installed.status, 0, `--install-extension failed: ${installed.stdout}\n${installed.stderr}`);
  assert.match(installed.stdout, /successfully installed/);
  const dirName = readdirSync(extensionsDir).find((d) => d.startsWith('policy-draft.policy-draft-'));
  assert.ok(dirName, `installed under ${extensionsDir}: ${readdirSync(extensionsDir)}`);
  const extDir = join(extensionsDir, dirName);
  assert.ok(existsSync(join(extDir, 'node_modules', 'nodejieba', 'build', 'Release', 'nodejieba.node')), 'nodejieba unpacked');

  const server = await startCodeServer({
    workspace: run.workspace,
    userDataDir,
    extensionsDir,
    locale,
    logFile: join(run.logs, 'code-server-vsix.log'),
    env: { POLICY_DRAFT_E2E_EXTENSIONS_DIR: extensionsDir },
  });
  try {
    const { code } = await runSuite(
      browser,
      server.url,
      {
        folder: run.workspace,
        // Tests run only in a development host: anchor them to an empty extension (see its package.json).
        extensionDevelopmentPath: join(projectRoot, 'test', 'e2e', 'suite-vsix', 'anchor'),
        extensionTestsPath: join(projectRoot, 'test', 'e2e', 'suite-vsix', 'index'),
      },
      { timeoutMs: 150_000, logFile: join(resultsDir, 'e2e-vsix-extension-host.log') },
    );
    if (code !== 0) throw new Error(`the packaged-extension suite exited with ${code}`);
    return `${files.length} files in the .vsix`;
  } finally {
    server.stop();
  }
}
