// Start-up: the server answers before anything heavy is loaded, says the corpus is still being indexed
// instead of claiming it holds nothing, publishes the corpus findings when the index is in, and a
// restart on a warm cache never loads the segmentation dictionaries (only corpus analysis segments).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CompletionList, Hover } from 'vscode-languageserver/node';
import { completeWhenMined, hoverText, startServer, type TestServer } from '../helpers/lspClient';

const cacheDir = mkdtempSync(join(tmpdir(), 'pd-startup-cache-'));
const workspace = mkdtempSync(join(tmpdir(), 'pd-startup-ws-'));
const uri = pathToFileURL(join(workspace, 'draft.md')).toString();
const DRAFT = '# 关于宝安区干部挂点服务企业工作情况的报告\n\n全区经济运行平稳，宝安区组织全区591名干部挂点对接区内企业。\n推动高质';
const figureAt = { line: 2, character: DRAFT.split('\n')[2].indexOf('591') + 1 };
const servers: TestServer[] = [];

after(async () => {
  for (const s of servers) await s.stop();
});

/** Shared objects the server process has mapped (the segmenter's native module shows up here once loaded). */
function mappedFiles(server: TestServer): string {
  return readFileSync(`/proc/${server.child.pid}/maps`, 'utf8');
}


test('while the first index is built, hover and completion say the corpus is being indexed', async () => {
  // A fresh cache: the index worker must load the dictionaries and segment every seed file first.
  const server = await startServer(workspace, 'en', {}, { cacheDir });
  servers.push(server);
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
  const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: figureAt }) as Hover | null;
  const completion = await server.connection.sendRequest('textDocument/completion', {
    textDocument: { uri }, position: { line: 3, character: 4 },
  }) as CompletionList;
  const indexedBefore = server.statuses.some(s => s.state === 'ready');
  assert.equal(indexedBefore, false, 'the index was ready before the first requests: nothing was tested');
  assert.match(hoverText(hover), /Indexing the corpus/);
  assert.doesNotMatch(hoverText(hover), /no figure/);
  const note = completion.items.find(i => /Indexing the corpus/.test(i.label));
  assert.ok(note, `items: ${completion.items.map(i => i.label).join(', ')}`);
  // Accepting the note changes nothing: it replaces the typed characters with themselves.
  const edit = note.textEdit as { newText: string };
  assert.equal(edit.newText, '推动高质');

  // When the index is in, the corpus findings are published without another edit, and hover
  // answers from the corpus.
  await server.waitFor('ready', () => server.statuses.find(s => s.state === 'ready'), 240_000);
  const beforeReady = server.diagnostics.get(uri);
  await server.waitFor('diagnostics published again once the index is in', () =>
    server.diagnostics.get(uri) !== beforeReady ? true : undefined, 60_000);
  const later = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: figureAt }) as Hover | null;
  assert.doesNotMatch(hoverText(later), /Indexing the corpus/);
  // (asked again until the phrases are mined: the cache the next test restarts on then holds them)
  const again = await completeWhenMined(server.connection, { textDocument: { uri }, position: { line: 3, character: 4 } });
  assert.ok(!again.items.some(i => /Indexing the corpus/.test(i.label)));
  await server.stop();
});

test('a restart on a warm cache answers and checks without ever loading the segmenter', async () => {
  const server = await startServer(workspace, 'en', {}, { cacheDir });
  servers.push(server);
  // initialize has been answered (startServer awaited it): the dictionaries are not loaded.
  assert.doesNotMatch(mappedFiles(server), /nodejieba/);
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
  const ready = await server.waitFor('ready', () => server.statuses.find(s => s.state === 'ready'), 120_000);
  assert.ok((ready.documents as number) > 0);
  await server.waitFor('diagnostics after the index', () => (server.diagnostics.get(uri) ? true : undefined));
  const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: figureAt }) as Hover | null;
  assert.ok(hoverText(hover).length > 0);
  // Every file came from the cache, the checks ran, hover answered: still no segmenter in the process.
  assert.doesNotMatch(mappedFiles(server), /nodejieba/);
});
