// One index, in the index worker: the check worker asks it for each draft's documents and mentions,
// and the request thread's hovers read what the draft's last check read. The findings and hovers of
// real drafts over LSP must be exactly those of the whole index assembled in process (as the CLI
// checks), while the request thread holds only the documents the open drafts' checks found, far
// fewer than the corpus has. Then a re-index (a corpus file changed) is answered the same way.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Hover } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CorpusSnapshot, FileAnalysis } from '../../server/src/core/corpus/snapshot';
import { PhraseRowsReader } from '../../server/src/core/store/memory';
import { assemblePhrases, completionPrefixes } from '../../server/src/core/store/phrases';
import type { PolicyService } from '../../server/src/core/service';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { resolveCorpusPaths } from '../../server/src/node/corpusFiles';
import { createNodeService, seedsDir } from '../../server/src/node/environment';
import { indexCorpus } from '../../server/src/node/indexer';
import { hoverOffsets } from '../helpers/hoverOffsets';
import { startServer, type TestServer } from '../helpers/lspClient';

const SHARED = resolve(__dirname, '../../../shared');
const BAODING = join(SHARED, 'corpus/county-reports-baoding');
const DEV_REAL = join(SHARED, 'eval/dev-real');

let service: PolicyService;
let whole: CorpusSnapshot;
let analyses: FileAnalysis[];
let server: TestServer;
const drafts = readdirSync(DEV_REAL).filter(f => f.endsWith('.md') && f !== 'README.md').sort().slice(0, 4).map(f => join(DEV_REAL, f));

before(async () => {
  assert.ok(drafts.length >= 3, `dev-real drafts in ${DEV_REAL} (../shared is required)`);
  const cacheDir = mkdtempSync(join(tmpdir(), 'pd-lsp-cache-'));
  service = createNodeService('en');
  // the whole index as the CLI assembles it, from the cache the server then reads
  const r = indexCorpus(service, resolveCorpusPaths([seedsDir(), BAODING], process.cwd()).files, { cacheDir });
  whole = service.assemble(r.files, r.phrases);
  analyses = r.files;
  server = await startServer(mkdtempSync(join(tmpdir(), 'pd-ws-')), 'en', { corpus: { paths: [BAODING] } }, { cacheDir });
});

after(async () => server?.stop());

const HOVER_STRIDE = 307;

const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Opens (or re-checks) every draft and compares its diagnostics and hovers with the whole index's. */
async function compareAll(version: number): Promise<{ findings: number; hovers: number }> {
  let findings = 0, hovers = 0;
  for (const file of drafts) {
    const uri = pathToFileURL(file).toString();
    const text = readFileSync(file, 'utf8');
    if (version === 1) {
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
    } else {
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    }
    const published = await server.waitFor(`diagnostics of ${file}`, () => {
      const p = server.diagnostics.get(uri);
      return p && p.version === version ? p : undefined;
    }, 120_000);
    const doc = TextDocument.create(uri, 'markdown', version, text);
    const expected = service.check(whole, text, { source: file });
    assert.deepEqual(plain(published.diagnostics), plain(expected.map((f): Diagnostic => toDiagnostic(doc, f))), `${file}: diagnostics`);
    findings += expected.length;
    for (const at of hoverOffsets(text, service.gazetteer, HOVER_STRIDE)) {
      const h = service.hover(whole, text, at, file);
      const got = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: doc.positionAt(at) }) as Hover | null;
      assert.equal(got ? (got.contents as { value: string }).value : null, h ? h.markdown : null, `${file}: hover at ${at}`);
      if (h) hovers++;
    }
  }
  return { findings, hovers };
}

test('diagnostics and hovers over LSP are the whole index\'s, and the request thread holds a fraction of it', async () => {
  await server.waitFor('index ready', () => server.statuses.find(s => s.state === 'ready'), 300_000);
  const { findings, hovers } = await compareAll(1);
  // the comparison compared something: the drafts have findings and the hovers cite the corpus
  assert.ok(findings > 5, `findings: ${findings}`);
  assert.ok(hovers > 20, `hovers: ${hovers}`);
  const report = await server.connection.sendRequest('workspace/executeCommand', { command: 'policyDraft.server.corpusReport', arguments: [] }) as
    { report: { stats: { documents: number } }; requestThread: { documents: number } };
  assert.equal(report.report.stats.documents, whole.stats.documents);
  assert.ok(report.requestThread.documents > 0, 'the hovers read corpus documents');
  assert.ok(report.requestThread.documents < whole.stats.documents / 2,
    `the request thread holds ${report.requestThread.documents} of ${whole.stats.documents} documents`);
});

test('after a re-index (a corpus file changed) the checks and hovers still read the whole index\'s answers', async () => {
  const readies = server.statuses.filter(s => s.state === 'ready').length;
  const changed = resolveCorpusPaths([BAODING], process.cwd()).files[0];
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(changed).toString(), type: 2 }] });
  await server.waitFor('the second index', () => (server.statuses.filter(s => s.state === 'ready').length > readies ? true : undefined), 300_000);
  const { findings } = await compareAll(2);
  assert.ok(findings > 5, `findings: ${findings}`);
});

test('completion from the phrase rows of the typed prefixes alone (what the answer worker asks the index worker for) is the whole index\'s', () => {
  // as the index worker answers (PhraseRowsReader over the analyses it holds) and the answer worker
  // completes (lsp/answerWorker.ts: the typed prefixes, their rows, the small index assembled from them)
  const reader = new PhraseRowsReader(() => whole.phrases, analyses);
  const meta = reader.meta();
  const heads = new Set(meta.heads);
  let items = 0, most = 0;
  for (const file of drafts) {
    const text = readFileSync(file, 'utf8');
    for (let at = 2; at < text.length; at += 17) {
      const { index, docs } = assemblePhrases(meta, reader.rows(completionPrefixes(text, at, meta, heads)));
      const small: CorpusSnapshot = { ...service.assemble([], index), docs, stats: whole.stats };
      const expected = service.complete(whole, text, at, []);
      assert.deepEqual(service.complete(small, text, at, []), expected, `${file}: completion at ${at}`);
      items += expected.length;
      // the documents' text comes only as the windows the examples are cut from
      // (at most 42 characters either side of each phrase's example, whatever the size of the corpus)
      const held = [...docs.values()].reduce((n, d) => n + d.text.replace(/ /g, '').length, 0);
      const windows = index.phrases.reduce((n, p) => n + p.at[2] - p.at[1] + 2 * 42, 0);
      assert.ok(held <= windows, `${held} characters held; windows ${windows}`);
      most = Math.max(most, held);
    }
  }
  // the comparison compared something: corpus phrases were offered, with their examples
  assert.ok(items > 1000, `items: ${items}`);
  assert.ok(most > 0 && most < whole.stats.characters / 10, `at most ${most} characters held; corpus ${whole.stats.characters}`);
});
