#!/usr/bin/env node
// The same in-host suite (test/e2e/suite) in desktop VS Code via @vscode/test-electron, on a
// machine that can download VS Code (this one cannot: use run-code-server.mjs here).
// Env: VSCODE_VERSION (default 1.100.3, the version code-server 4.100.3 embeds),
//      POLICY_DRAFT_E2E_GREP (filter tests by name).
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { projectRoot } from '../../scripts/e2e/paths.mjs';
import { prepareUserData } from '../../scripts/e2e/code-server.mjs';
import { ensureBuilt, makeRunDir } from '../../scripts/e2e/workspace.mjs';

const LOCALE = 'zh-cn';
ensureBuilt();
const run = makeRunDir('policy-draft-electron-');
// Same user data as under code-server: quiet settings, and a zh-cn language pack registration
// so vscode.env.language is zh-cn without downloading the official pack.
prepareUserData(run.userDataDir, { locale: LOCALE });

let code = 0;
try {
  await runTests({
    version: process.env.VSCODE_VERSION || '1.100.3',
    extensionDevelopmentPath: projectRoot,
    extensionTestsPath: join(projectRoot, 'test', 'e2e', 'suite', 'index'),
    launchArgs: [
      run.workspace,
      `--user-data-dir=${run.userDataDir}`,
      `--extensions-dir=${run.extensionsDir}`,
      `--locale=${LOCALE}`,
      '--disable-workspace-trust',
      '--disable-telemetry',
    ],
    extensionTestsEnv: {
      POLICY_DRAFT_E2E_LOCALE: LOCALE,
      ...(process.env.POLICY_DRAFT_E2E_GREP ? { POLICY_DRAFT_E2E_GREP: process.env.POLICY_DRAFT_E2E_GREP } : {}),
    },
  });
} catch (e) {
  const message = e instanceof Error ? e.message : String(e);
  console.error(`[e2e] the electron run failed: ${message}`);
  if (/download|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|fetch|getaddrinfo|socket/i.test(message)) {
    console.error('[e2e] VS Code could not be downloaded here; run `npm run test:e2e` (code-server) instead.');
  }
  code = 1;
} finally {
  run.cleanup();
}
process.exit(code);
