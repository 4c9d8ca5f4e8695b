// Indexing in stages over LSP: the index the checks read (figures, mentions, lookup records) goes live
// and the corpus diagnostics are published before phrases are mined (mining segments every file, the
// larger part of a cold index); completion offers the mined phrases once they are in.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { completeWhenMined, startServer, type TestServer } from '../helpers/lspClient';
import { tracedWorkspace } from '../helpers/trace';

const { workspace, traceFile, traced } = tracedWorkspace('pd-staged');
let server: TestServer | undefined;

after(async () => server?.stop());

test('the corpus checks are ready before phrases are mined, and completion then offers the mined phrases', async () => {
  // a fresh cache: every seed file is analysed, and mining would have to segment them all
  server = await startServer(workspace, 'en', {}, { env: { POLICY_DRAFT_TRACE: traceFile } });
  await server.waitFor('ready', () => server!.statuses.find(s => s.state === 'ready'), 240_000);
  const live = traced(/^index worker: index \d+ read$/);
  assert.ok(live !== undefined, 'the index went live');
  const minedBy = traced(/^indexer: phrases mined/);
  assert.ok(minedBy === undefined || minedBy > live, 'phrases were mined after the index went live, not before');

  const uri = pathToFileURL(join(workspace, 'typing.md')).toString();
  const text = '下一步，持续优化营';
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  // while they are mined completion answers without them (and says so): asked again until they are in
  const list = await completeWhenMined(server.connection, { textDocument: { uri }, position: { line: 0, character: text.length } });
  assert.ok(list.items.slice(0, 5).some(i => i.label === '优化营商环境'), list.items.map(i => i.label).join(','));
  const mined = traced(/^indexer: phrases mined/);
  assert.ok(mined !== undefined && mined > live, 'the phrases completion offered were mined after the index went live');
});
