// Team files and settings over plain LSP: a broken phrase library is reported in that file and
// the rest keeps working; a library reloads on change; a setting change applies without a restart.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CompletionList } from 'vscode-languageserver/node';
import { startServer, type TestServer } from '../helpers/lspClient';

let server: TestServer;
let workspace: string;
const settings: Record<string, unknown> = {};
const lib = () => join(workspace, '.policy-draft/phrases');

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'pd-team-'));
  mkdirSync(lib(), { recursive: true });
  writeFileSync(join(lib(), 'good.txt'), '推动干部下沉一线\n');
  writeFileSync(join(lib(), 'broken.yaml'), 'phrases:\n  - phrase: 优化营商环境\n    note: [unclosed\n');
  writeFileSync(join(workspace, '.policy-draft/regions.txt'), '# team places\n燕川街道\n');
  server = await startServer(workspace, 'en', settings);
  await server.waitFor('index ready', () => server.statuses.find(s => s.state === 'ready'));
});

after(async () => server?.stop());

async function complete(uri: string, text: string) {
  return server.connection.sendRequest('textDocument/completion', {
    textDocument: { uri }, position: { line: 0, character: text.length },
  }) as Promise<CompletionList>;
}

test('a broken library gets diagnostics in that file; the good one still completes', async () => {
  const brokenUri = pathToFileURL(join(lib(), 'broken.yaml')).toString();
  const diags = await server.waitFor('library problems', () => {
    const d = server.diagnostics.get(brokenUri)?.diagnostics;
    return d?.length ? d : undefined;
  });
  assert.equal(diags[0].code, 'phrase-library');
  assert.ok(diags[0].range.start.line >= 1, `problem placed in the file: line ${diags[0].range.start.line}`);
  const uri = pathToFileURL(join(workspace, 'a.md')).toString();
  const text = '全区推动干';
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const list = await complete(uri, text);
  assert.equal(list.items[0]?.label, '推动干部下沉一线');
});

test('a library reloads when its file changes, with no restart', async () => {
  writeFileSync(join(lib(), 'good.txt'), '推动干部下沉一线\n建立一套长效闭环服务机制\n');
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: pathToFileURL(join(lib(), 'good.txt')).toString(), type: 2 }],
  });
  const uri = pathToFileURL(join(workspace, 'b.md')).toString();
  const text = '下一步，建立一套长';
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  // The reload is asynchronous: ask until the new phrase is offered (bounded by waitFor's timeout).
  const deadline = Date.now() + 20_000;
  let list = await complete(uri, text);
  while (list.items[0]?.label !== '建立一套长效闭环服务机制' && Date.now() < deadline) {
    await new Promise(r => setImmediate(r));
    list = await complete(uri, text);
  }
  assert.equal(list.items[0]?.label, '建立一套长效闭环服务机制');
});

test('the add-to-library command appends the phrase and it completes at once', async () => {
  const target = join(lib(), 'added.txt');
  const ok = await server.connection.sendRequest('workspace/executeCommand', {
    command: 'policyDraft.server.addToLibrary', arguments: [target, '守住不发生规模性返贫底线'],
  });
  assert.equal(ok, true);
  assert.match(readFileSync(target, 'utf8'), /守住不发生规模性返贫底线/);
  const uri = pathToFileURL(join(workspace, 'c.md')).toString();
  const text = '坚决守住不发生规模';
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const list = await complete(uri, text);
  assert.ok(list.items.slice(0, 3).some(i => i.label === '守住不发生规模性返贫底线'), list.items.map(i => i.label).join(','));
});

test('a team region name is known; a severity setting applies without a restart', async () => {
  const uri = pathToFileURL(join(workspace, 'd.md')).toString();
  const text = '宝安区燕川街道投放电动代步车，全区經濟运行平稳。\n';
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const first = await server.waitFor('diagnostics for d.md', () => server.diagnostics.get(uri));
  assert.ok(first.diagnostics.some(d => d.code === 'script-mixed'));
  assert.ok(!first.diagnostics.some(d => d.code === 'region-unknown'), 'the team name is not flagged');
  settings.checks = { 'script-mixed': 'off' };
  server.diagnostics.delete(uri);
  await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  const second = await server.waitFor('re-checked diagnostics', () => server.diagnostics.get(uri));
  assert.ok(!second.diagnostics.some(d => d.code === 'script-mixed'));
});
