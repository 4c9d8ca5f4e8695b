// While the corpus is being indexed, hover's tables (the gazetteer, the near-miss index, the
// converters: 1.5-2 s of CPU) are not built: indexing takes every core, and building them then
// delays the first corpus diagnostics. A hover meanwhile — also after the draft's first diagnostics
// (checked before any index is in) — is answered by the request thread with the note that the corpus
// is being indexed and how far it is, never as if the corpus held nothing. Hover's tables are built
// once the index is read (or once a long index has run LONG_INDEX_MS: hovers then answer at once when
// it is in), and hover then answers from the corpus.
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Hover } from 'vscode-languageserver/node';
import { FIGURE_AT as figureAt, FIGURE_DRAFT as DRAFT, hoverText as text, startServer, type TestServer } from '../helpers/lspClient';
import { tracedWorkspace } from '../helpers/trace';

/** server.ts LONG_INDEX_MS */
const LONG_INDEX_MS = 10_000;
const SHARED_CORPUS = resolve(__dirname, '../../../shared/corpus');
const { workspace, traceFile, traced } = tracedWorkspace('pd-hover-indexing');
const uri = pathToFileURL(join(workspace, 'draft.md')).toString();
let server: TestServer | undefined;

after(async () => server?.stop());

test('a hover while the corpus is indexed says so (files read so far), and hover is built only once the index is read', async () => {
  // a fresh cache and ../shared/corpus: the first index takes seconds after the draft's first check
  server = await startServer(workspace, 'en', { corpus: { paths: [SHARED_CORPUS] } }, { env: { POLICY_DRAFT_TRACE: traceFile } });
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
  // the draft's first diagnostics (checked before any index is in), then progress past them
  await server.waitFor('the first diagnostics', () => server!.diagnostics.get(uri), 120_000);
  const firstOut = Date.now();
  await server.waitFor('indexing progress after the first diagnostics', () =>
    server!.statuses.find(s => s.state === 'indexing' && Number(s.done) > 0 && Date.now() - firstOut > 1500) ?? server!.statuses.find(s => s.state === 'ready'), 240_000);
  const during = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: figureAt }) as Hover | null;
  assert.equal(server.statuses.some(s => s.state === 'ready'), false, 'the index was ready before the hover: nothing was tested');
  // the note alone, with how far indexing is: nothing of the corpus, and no claim that it has nothing
  assert.match(text(during), /^_Indexing the corpus \(\d+\/\d+ files\)…_$/);

  await server.waitFor('ready', () => server!.statuses.find(s => s.state === 'ready'), 600_000);
  let later: Hover | null = null;
  for (let i = 0; i < 300; i++) {
    later = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: figureAt }) as Hover | null;
    if (later?.range && !/Checking the draft|Indexing the corpus/.test(text(later))) break;
    await new Promise(r => setTimeout(r, 200));
  }
  assert.ok(later?.range, `a full hover once the index is read: ${text(later)}`);
  assert.match(text(later), /591/);
  // hover's tables: not built while the index was read, built after (polled: no notification says so)
  for (let i = 0; i < 600 && traced('answer worker: hover warm-up begins') === undefined; i++) await new Promise(r => setTimeout(r, 100));
  // (or, on a machine so busy that indexing took over LONG_INDEX_MS, once it had run that long)
  const read = traced(/^index worker: index \d+ read$/);
  const requested = traced('main: index requested');
  const building = traced('answer worker: hover warm-up begins');
  assert.ok(read !== undefined && requested !== undefined && building !== undefined, 'traced');
  assert.ok(building >= read || building - requested >= LONG_INDEX_MS, `hover's tables were built after the index was read (${building - read} ms) or once it had run long (${building - requested} ms)`);
});
