// Entry point the extension host loads (extensionTestsPath): the same file serves
// code-server (test/e2e/run-code-server.mjs) and @vscode/test-electron (test/e2e/run-electron.mjs).
'use strict';
const path = require('path');
const fs = require('fs');
const { runAll } = require('./harness');

async function run() {
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) require(path.join(__dirname, f));
  const result = await runAll({ grep: process.env.POLICY_DRAFT_E2E_GREP || undefined });
  if (result.total === 0) throw new Error('no test selected');
  if (result.failed > 0) throw new Error(`${result.failed} of ${result.total} editor tests failed`);
}

module.exports = { run };
