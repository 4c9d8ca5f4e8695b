// In-host checks for the packaged extension (installed from the .vsix, not the checkout):
// it is the installed copy that runs, its language server starts (nodejieba included) and
// answers with corpus-backed diagnostics and completions.
'use strict';
const assert = require('assert');
const path = require('path');
const { test, runAll } = require('../suite/harness');
const h = require('../suite/helpers');
const { vscode } = h;

test('the installed copy of the extension is the one that runs', async () => {
  const ext = vscode.extensions.getExtension('policy-draft.policy-draft');
  assert.ok(ext, 'policy-draft.policy-draft is installed');
  const installedUnder = process.env.POLICY_DRAFT_E2E_EXTENSIONS_DIR;
  assert.ok(installedUnder, 'the runner passes the extensions dir');
  assert.ok(ext.extensionPath.startsWith(installedUnder), `${ext.extensionPath} is under ${installedUnder}`);
  const doc = await h.openFixture('drafts/01-baoan.md');
  assert.equal(doc.languageId, 'markdown');
  await h.waitFor(() => ext.isActive, { what: 'activation' });
  const jieba = path.join(ext.extensionPath, 'node_modules', 'nodejieba', 'build', 'Release', 'nodejieba.node');
  assert.ok(require('fs').existsSync(jieba), `${jieba} shipped`);
});

test('its server starts and reports corpus-backed diagnostics in Chinese', async () => {
  const doc = await h.openFixture('drafts/01-baoan.md');
  const diags = await h.waitForDiagnostics(doc.uri, ['region-unknown', 'figure-conflict-corpus'], { timeout: 100_000 });
  const region = diags.find((d) => h.codeOf(d) === 'region-unknown');
  assert.ok(h.overlaps(region.range, h.rangeOf(doc, '宝按区')), h.describeDiagnostics(doc.uri));
  assert.match(region.message, h.HAN);
});

test('completion from the corpus works in the packaged extension', async () => {
  const doc = await h.openFixture('drafts/completion.md');
  const at = doc.lineAt(2).range.end;
  await h.waitFor(
    async () => {
      const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, at);
      return ((list && list.items) || []).some((i) => String(typeof i.label === 'string' ? i.label : i.label.label).includes('营商环境'));
    },
    { what: 'a phrase completion', timeout: 60_000 },
  );
});

async function run() {
  const result = await runAll();
  if (result.failed > 0 || result.total === 0) throw new Error(`${result.failed} of ${result.total} packaged-extension tests failed`);
}

module.exports = { run };
