// The extension's commands through the real command palette API.
'use strict';
const assert = require('assert');
const path = require('path');
const { test } = require('./harness');
const h = require('./helpers');
const { vscode } = h;

test('commands are registered', async () => {
  // The commands are registered when the extension activates, on opening a draft: when this test runs
  // first nothing has been opened yet, so open one and wait for activation, then check every command.
  await h.openFixture('drafts/outline.gw');
  const ids = ['policyDraft.rebuildIndex', 'policyDraft.showCorpus', 'policyDraft.addToPhraseLibrary', 'policyDraft.openSource'];
  let all = [];
  await h.waitFor(async () => {
    all = await vscode.commands.getCommands(true);
    return ids.every((id) => all.includes(id));
  }, { what: 'the extension\'s commands', describe: () => ids.filter((id) => !all.includes(id)).join(', ') });
  for (const id of ids) assert.ok(all.includes(id), `${id} registered`);
});

test('show what the corpus holds opens a report of the indexed seeds', async () => {
  // Until the first index is in, the report is empty: close it and ask again (every 500 ms).
  await h.waitFor(async () => {
    await vscode.commands.executeCommand('policyDraft.showCorpus');
    const editor = vscode.window.activeTextEditor;
    const text = editor && editor.document.isUntitled ? editor.document.getText() : '';
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    return /000_899c6a7993118e76\.txt/.test(text) && /2025-09-01/.test(text) ? text : undefined;
  }, { what: 'a corpus report naming the seed files', timeout: 90_000, interval: 500 });
});

test('open the source of a cited figure opens the corpus file at the line', async () => {
  const ext = vscode.extensions.all.find((e) => e.packageJSON && e.packageJSON.name === 'policy-draft');
  assert.ok(ext, 'the extension is installed');
  const source = path.join(ext.extensionPath, 'seeds', '004_6b241039d71ad9d0.txt');
  await vscode.commands.executeCommand('policyDraft.openSource', source, 30);
  const editor = await h.waitFor(() => {
    const e = vscode.window.activeTextEditor;
    return e && e.document.uri.fsPath === source ? e : undefined;
  }, { what: 'the seed file in the active editor' });
  assert.equal(editor.selection.active.line, 30);
  assert.match(editor.document.lineAt(30).text, /5\.8万家次/);
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
});

test('rebuild the corpus index runs and the draft keeps its diagnostics', async () => {
  const doc = await h.openFixture('drafts/script-mixed.md');
  await h.waitForDiagnostics(doc.uri, ['script-mixed'], { timeout: 90_000 });
  await vscode.commands.executeCommand('policyDraft.rebuildIndex');
  await h.waitForDiagnostics(doc.uri, ['script-mixed'], { timeout: 90_000 });
});
