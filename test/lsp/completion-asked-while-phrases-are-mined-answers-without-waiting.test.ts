// Completion never waits for phrase mining: asked while the live index's phrases are still being mined,
// it answers at once from what it has (team libraries, the shipped table), says the corpus phrases are
// still coming, and mining goes on; a later completion has them.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CompletionList } from 'vscode-languageserver/node';
import { completeWhenMined, phrasesNote, startServer, type TestServer } from '../helpers/lspClient';
import { tracedWorkspace } from '../helpers/trace';

const { workspace, traceFile, traced } = tracedWorkspace('pd-mining');
let server: TestServer | undefined;

after(async () => server?.stop());

test('a completion asked while phrases are mined answers from the team library at once, says so, and a later one has the mined phrases', async () => {
  mkdirSync(join(workspace, '.policy-draft/phrases'), { recursive: true });
  writeFileSync(join(workspace, '.policy-draft/phrases/team.txt'), '# team phrases\n持续优化营商服务专班\n');
  // Without the shipped table (it holds common phrasing too) the corpus phrases are the mined ones.
  // Only .gw drafts are checked here: the markdown draft below is never checked, so nothing but the
  // completion itself asks for the phrases (a first corpus check would start mining at idle time).
  server = await startServer(workspace, 'en', { languages: ['policy-draft'], phrases: { builtin: false } }, { env: { POLICY_DRAFT_TRACE: traceFile } });
  await server.waitFor('ready', () => server!.statuses.find(s => s.state === 'ready'), 240_000);
  assert.equal(traced(/^index worker: mining the phrases/), undefined, 'nothing asked for the phrases yet');

  const uri = pathToFileURL(join(workspace, 'typing.md')).toString();
  const text = '下一步，持续优化营';
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const params = { textDocument: { uri }, position: { line: 0, character: text.length } };
  const first = await server.connection.sendRequest('textDocument/completion', params) as CompletionList;
  // answered before mining was done: the trace has mining started by this question and not finished
  const startedMining = traced(/^index worker: mining the phrases/);
  assert.ok(startedMining !== undefined, 'the question started mining');
  assert.equal(traced(/^indexer: phrases mined/), undefined, 'the answer came before the phrases were mined');
  assert.equal(phrasesNote(first), 'mining', first.items.map(i => i.label).join(','));
  assert.match(String(first.items.at(-1)?.label), /still being mined/);
  assert.equal(first.isIncomplete, true);
  // what it had: the team phrase, and no corpus phrase yet
  assert.equal(first.items[0].label, '持续优化营商服务专班');
  assert.ok(!first.items.some(i => i.label === '优化营商环境'), 'no mined phrase before mining is done');

  // mining went on without anyone waiting: a later completion has the mined phrases
  const later = await completeWhenMined(server.connection, params);
  assert.ok(later.items.some(i => i.label === '优化营商环境'), later.items.map(i => i.label).join(','));
  assert.equal(phrasesNote(later), undefined);
  const mined = traced(/^indexer: phrases mined/);
  const answeredWhileMining = traced(/^answer worker: completion answered while phrases are mined$/);
  assert.ok(mined !== undefined && answeredWhileMining !== undefined && answeredWhileMining <= mined, 'the first answer was traced before mining ended');
});
