// Hover on a draft that no check has read an index for yet (just opened, the corpus being indexed)
// can say nothing of the corpus: it answers with that note at once instead of waiting for what hover
// reads (the gazetteer, the near-miss index, the converters: about a second) to be built. That is
// built afterwards in the answer worker, once the index is read (not while indexing takes every
// core), never on the thread that reads the client's messages, and once the draft is checked hover
// answers in full.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Hover } from 'vscode-languageserver/node';
import { FIGURE_AT as figureAt, FIGURE_DRAFT as DRAFT, hoverText as text, startServer, type TestServer } from '../helpers/lspClient';
import { tracedBy, tracedWorkspace } from '../helpers/trace';

const { workspace, traceFile, traced } = tracedWorkspace('pd-hover-first');
const uri = pathToFileURL(join(workspace, 'draft.md')).toString();
let server: TestServer | undefined;

after(async () => server?.stop());

test('a hover before the draft\'s first check answers with the note alone, and hover is built once the index is read', async () => {
  // a fresh cache: the first index takes a while, so the draft's first corpus check is far off
  server = await startServer(workspace, 'en', {}, { env: { POLICY_DRAFT_TRACE: traceFile } });
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
  const early = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: figureAt }) as Hover | null;
  const answeredAt = Date.now();
  assert.equal(server.statuses.some(s => s.state === 'ready'), false, 'the index was ready before the hover: nothing was tested');
  assert.match(text(early), /^_(Indexing the corpus|Checking the draft against the corpus)/);
  // the note alone: no figure read, no range (hover's reading of the draft was not built for it)
  assert.equal(early?.range, undefined);
  assert.doesNotMatch(text(early), /591/);
  // once the draft has been checked against the index, hover answers in full (with the figure's range)
  await server.waitFor('ready', () => server!.statuses.find(s => s.state === 'ready'), 240_000);
  await server.waitFor('the draft checked against the index', () => {
    const p = server!.diagnostics.get(uri);
    return p && server!.statuses.some(s => s.state === 'ready') ? p : undefined;
  }, 120_000);
  let later: Hover | null = null;
  for (let i = 0; i < 300; i++) {
    later = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: figureAt }) as Hover | null;
    if (later?.range && !/Checking the draft|Indexing the corpus/.test(text(later))) break;
    await new Promise(r => setTimeout(r, 200));
  }
  assert.ok(later?.range, `a full hover once checked: ${text(later)}`);
  assert.match(text(later), /591/);
  // what hover reads was built afterwards, in the answer worker, once the index was read (the trace
  // is polled: no notification comes when it is done)
  for (let i = 0; i < 600 && traced('answer worker: hover warmed up') === undefined; i++) await new Promise(r => setTimeout(r, 100));
  const building = traced('answer worker: hover warm-up begins');
  assert.ok(building !== undefined && building >= answeredAt - 5, 'hover was built after the early hover was answered');
  // (or, on a machine so busy that indexing took over 10 s, server.ts LONG_INDEX_MS, once it had run that long)
  const read = traced(/^index worker: index \d+ read$/);
  const requested = traced('main: index requested');
  assert.ok(read !== undefined && requested !== undefined, 'traced');
  assert.ok(building >= read || building - requested >= 10_000, `hover was built after the index was read (${building - read} ms) or once it had run long (${building - requested} ms)`);
  // built by the answer worker, not by the thread that reads the client's messages (threadId 0)
  const builder = tracedBy(traceFile, 'answer worker: hover warmed up');
  assert.ok(builder !== undefined && builder !== '0', `hover was built by thread ${builder}`);
});
