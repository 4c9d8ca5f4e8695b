// The request side: a cancelled request is answered with RequestCancelled (-32800), hover and
// completion answer while a long check runs, and shutdown + exit (or SIGTERM) end the process
// whatever the indexer is doing.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, type CompletionList, type Hover } from 'vscode-languageserver/node';
import { startServer, type TestServer } from '../helpers/lspClient';

const workspace = mkdtempSync(join(tmpdir(), 'pd-lifecycle-ws-'));
const uri = pathToFileURL(join(workspace, 'draft.md')).toString();
const servers: TestServer[] = [];

after(async () => {
  for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
});

const exited = (server: TestServer) =>
  new Promise<{ code: number | null; signal: string | null }>(resolve => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      resolve({ code: server.child.exitCode, signal: server.child.signalCode });
    } else server.child.once('exit', (code, signal) => resolve({ code, signal }));
  });

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms).unref())]);
}

test('$/cancelRequest answers the request with RequestCancelled (-32800)', async () => {
  const server = await startServer(workspace);
  servers.push(server);
  const text = '全区经济运行平稳，宝安区组织全区591名干部挂点对接区内企业。';
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const source = new CancellationTokenSource();
  const pending = server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 18 } }, source.token);
  source.cancel();
  await assert.rejects(pending, (e: { code?: number }) => e.code === -32800);
  // The server goes on answering.
  const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 18 } }) as Hover | null;
  assert.ok(hover);
  await server.stop();
});

test('hover and completion answer while a long draft is being checked', async () => {
  const server = await startServer(workspace);
  servers.push(server);
  await server.waitFor('ready', () => server.statuses.find(s => s.state === 'ready'), 240_000);
  // About 2 MB of draft: its check takes far longer than a request may wait.
  const para = '全区经济运行平稳，宝安区组织全区591名干部挂点对接区内企业，完成投资12.5亿元，同比增长8.3%。\n';
  const big = para.repeat(40_000);
  const bigUri = pathToFileURL(join(workspace, 'big.md')).toString();
  const small = '推动高质';
  const smallUri = pathToFileURL(join(workspace, 'small.md')).toString();
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: smallUri, languageId: 'markdown', version: 1, text: small } });
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'markdown', version: 1, text: big } });
  // Requests while the big draft's check runs are answered before its diagnostics arrive.
  const list = await server.connection.sendRequest('textDocument/completion', {
    textDocument: { uri: smallUri }, position: { line: 0, character: small.length },
  }) as CompletionList;
  assert.ok(list.items.length > 0);
  const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: bigUri }, position: { line: 10, character: 18 } }) as Hover | null;
  assert.ok(hover);
  assert.equal(server.diagnostics.has(bigUri), false, 'the big draft was checked before the requests were answered: nothing was tested');
  await server.stop();
});

test('shutdown and exit end the process, even while the corpus is being indexed', async () => {
  // A fresh cache: the index worker is busy segmenting when the client leaves.
  const server = await startServer(workspace);
  servers.push(server);
  const gone = exited(server);
  await within(server.connection.sendRequest('shutdown'), 5000, 'shutdown answered');
  await server.connection.sendNotification('exit');
  const end = await within(gone, 5000, 'process ended after exit');
  // Exit code 0 after a shutdown; a worker stuck in native code (the dictionary load) cannot be
  // joined, and then the server ends itself with SIGKILL rather than hang.
  assert.ok(end.code === 0 || end.signal === 'SIGKILL', JSON.stringify(end));
});

test('SIGTERM ends the process while the corpus is being indexed', async () => {
  const server = await startServer(workspace, 'en', {}, { cacheDir: mkdtempSync(join(tmpdir(), 'pd-lifecycle-cache-')) });
  servers.push(server);
  const gone = exited(server);
  await server.waitFor('indexing started', () => server.statuses.find(s => s.state === 'indexing'));
  server.child.kill('SIGTERM');
  const end = await within(gone, 5000, 'process ended after SIGTERM');
  assert.ok(end.code === 0 || end.signal !== null);
});
