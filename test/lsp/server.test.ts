import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CompletionList, Hover } from 'vscode-languageserver/node';
import { completeWhenMined, startServer, type TestServer } from '../helpers/lspClient';

let server: TestServer;
let workspace: string;
const draftUri = () => pathToFileURL(join(workspace, 'draft.md')).toString();
const DRAFT = '# 关于宝安区干部挂点服务企业工作情况的报告\n\n全区經濟运行平稳，宝安区组织全区591名干部挂点对接区内企业。\n';

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'pd-ws-'));
  mkdirSync(join(workspace, '.policy-draft/phrases'), { recursive: true });
  writeFileSync(join(workspace, '.policy-draft/phrases/team.txt'), '# team phrases\n推动干部下沉一线\n');
  server = await startServer(workspace);
});

after(async () => server?.stop());

test('the server indexes the seeds and reports the corpus size', async () => {
  const ready = await server.waitFor('index ready', () => server.statuses.find(s => s.state === 'ready'));
  assert.ok((ready.documents as number) >= 15, `documents: ${ready.documents}`);
  assert.ok((ready.characters as number) > 40_000, `characters: ${ready.characters}`);
  // Indexing reported window/workDoneProgress from begin to end.
  const kinds = await server.waitFor('progress end', () => (server.progress.some(p => p.kind === 'end') ? server.progress.map(p => p.kind) : undefined));
  assert.equal(kinds[0], 'begin');
  assert.match(server.progress[0].title ?? '', /Indexing the policy corpus/);
});

test('opening a draft publishes diagnostics with the check code', async () => {
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: draftUri(), languageId: 'markdown', version: 1, text: DRAFT },
  });
  const diags = await server.waitFor('script-mixed diagnostic', () => {
    const d = server.diagnostics.get(draftUri())?.diagnostics.filter(x => x.code === 'script-mixed');
    return d?.length ? d : undefined;
  });
  assert.equal(diags[0].range.start.line, 2);
  assert.equal(diags[0].range.start.character, 2);
  assert.equal(diags[0].range.end.character, 4);
  assert.equal(diags[0].source, 'policy-draft');
  const actions = await server.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: draftUri() },
    range: diags[0].range,
    context: { diagnostics: diags },
  }) as Array<{ title: string; edit: { changes: Record<string, Array<{ newText: string }>> } }>;
  assert.equal(actions[0].edit.changes[draftUri()][0].newText, '经济');
});

test('an edit is re-checked: fixing the character clears the finding', async () => {
  await server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: draftUri(), version: 2 },
    contentChanges: [{ range: { start: { line: 2, character: 2 }, end: { line: 2, character: 4 } }, text: '经济' }],
  });
  await server.waitFor('diagnostics of version 2 without script-mixed', () => {
    const p = server.diagnostics.get(draftUri());
    return p && p.version === 2 && !p.diagnostics.some(d => d.code === 'script-mixed') ? true : undefined;
  });
});

test('completion offers the team phrase first, replacing exactly the typed part', async () => {
  const uri = pathToFileURL(join(workspace, 'typing.md')).toString();
  const text = '全区坚持问题导向，推动干';
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const list = await server.connection.sendRequest('textDocument/completion', {
    textDocument: { uri }, position: { line: 0, character: text.length },
  }) as CompletionList;
  const first = list.items[0];
  assert.equal(first.label, '推动干部下沉一线');
  const edit = first.textEdit as { range: { start: { character: number }; end: { character: number } }; newText: string };
  assert.deepEqual([edit.range.start.character, edit.range.end.character], [text.length - 3, text.length]);
  assert.equal(edit.newText, '推动干部下沉一线');
});

test('completion offers standard phrasing mined from the corpus', async () => {
  const uri = pathToFileURL(join(workspace, 'typing2.md')).toString();
  const text = '下一步，持续优化营';
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  // (asked again while the corpus phrases are still being mined: those answers say so and hold none)
  const list = await completeWhenMined(server.connection, { textDocument: { uri }, position: { line: 0, character: text.length } });
  assert.ok(list.items.slice(0, 5).some(i => i.label === '优化营商环境'), list.items.map(i => i.label).join(','));
});

test('hover on a figure shows what the corpus holds, with the source document', async () => {
  const uri = pathToFileURL(join(workspace, 'hover.md')).toString();
  const text = '截至目前，宝安区591名干部通过线上线下共走访企业5.8万家次。';
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  // hover reads what the draft's last check read of the index: before that check it says so
  const early = await server.connection.sendRequest('textDocument/hover', {
    textDocument: { uri }, position: { line: 0, character: text.indexOf('5.8') + 1 },
  }) as Hover | null;
  if (!server.diagnostics.get(uri)) assert.match((early?.contents as { value: string }).value, /Checking the draft against the corpus/);
  await server.waitFor('the draft checked', () => server.diagnostics.get(uri));
  const hover = await server.connection.sendRequest('textDocument/hover', {
    textDocument: { uri }, position: { line: 0, character: text.indexOf('5.8') + 1 },
  }) as Hover | null;
  assert.ok(hover, 'a hover');
  const value = (hover.contents as { value: string }).value;
  assert.match(value, /58,?000|5\.8万/);
  assert.match(value, /004_6b241039d71ad9d0\.txt|宝安区组织591名干部/);
});

test('document symbols follow the heading numbers', async () => {
  const uri = pathToFileURL(join(workspace, 'outline.md')).toString();
  const text = '一、总体情况\n（一）构建一张网络\n（二）搭建一个平台\n二、下一步工作\n';
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const symbols = await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as
    Array<{ name: string; children?: Array<{ name: string }> }>;
  assert.deepEqual(symbols.map(s => s.name.replace(/\s+/g, '')), ['一、总体情况', '二、下一步工作']);
  assert.deepEqual((symbols[0].children ?? []).map(c => c.name.replace(/\s+/g, '')), ['（一）构建一张网络', '（二）搭建一个平台']);
});

test('the corpus report lists the seed files and what was cleaned', async () => {
  const r = await server.connection.sendRequest('workspace/executeCommand', { command: 'policyDraft.server.corpusReport', arguments: [] }) as { text: string };
  assert.match(r.text, /000_899c6a7993118e76\.txt/);
  assert.match(r.text, /pinyin debris removed: \d+/);
});

test('the built-in library offers standard formulas the seeds do not hold', async () => {
  const uri = pathToFileURL(join(workspace, 'typing3.md')).toString();
  const text = '全区坚持稳中求';
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const list = await server.connection.sendRequest('textDocument/completion', {
    textDocument: { uri }, position: { line: 0, character: text.length },
  }) as CompletionList;
  const item = list.items.find(i => i.label === '稳中求进工作总基调');
  assert.ok(item, list.items.map(i => i.label).join(','));
  const edit = item.textEdit as { range: { start: { character: number } } };
  assert.equal(edit.range.start.character, text.length - 3);
  // Team phrases rank above the built-in ones.
  const team = await server.connection.sendRequest('textDocument/completion', {
    textDocument: { uri: pathToFileURL(join(workspace, 'typing.md')).toString() }, position: { line: 0, character: '全区坚持问题导向，推动干'.length },
  }) as CompletionList;
  assert.equal(team.items[0].label, '推动干部下沉一线');
});
