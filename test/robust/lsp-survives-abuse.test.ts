// The language server under abuse, over stdio as any editor speaks to it: named pipes as team and
// corpus files, a 10 MB draft, bursts of edits, positions past the end, cancelled requests, hover
// after close, fuzzed drafts, and shutdown/exit or SIGTERM while it works. After each, it answers.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { CancellationTokenSource, type CompletionList, type Hover, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { startServer, type TestServer } from '../helpers/lspClient';
import { mkfifo, tempDir } from './helpers';

let server: TestServer;
let workspace: string;
const uri = (name: string) => pathToFileURL(join(workspace, name)).toString();
const SMALL = '# 关于全区经济运行情况的报告\n\n全区經濟运行平稳，宝安区组织全区591名干部挂点对接区内企业。\n';

before(async () => {
  workspace = tempDir('lsp-ws');
  mkdirSync(join(workspace, '.policy-draft/phrases'), { recursive: true });
  mkfifo(join(workspace, '.policy-draft/regions.txt'));
  mkfifo(join(workspace, '.policy-draft/phrases/pipe.txt'));
  mkdirSync(join(workspace, 'corpus'));
  mkfifo(join(workspace, 'corpus/pipe.txt'));
  writeFileSync(join(workspace, 'corpus/report.txt'), '关于全区经济运行情况的报告\n全年新增就业岗位1200个。\n2024-02-01\n');
  server = await startServer(workspace, 'en', { corpus: { paths: ['corpus'] } });
  server.connection.onNotification('window/showMessage', (m: { message: string }) => { shown.push(m.message); });
});

const shown: string[] = [];

after(async () => server?.stop());

async function open(name: string, text: string, version = 1): Promise<void> {
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(name), languageId: 'markdown', version, text } });
}

const hover = (name: string, line: number, character: number) =>
  server.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri(name) }, position: { line, character } }) as Promise<Hover | null>;

const diagnosticsOf = (name: string, version?: number) => server.waitFor(`diagnostics of ${name}${version ? ` v${version}` : ''}`, () => {
  const p = server.diagnostics.get(uri(name));
  return p && (version === undefined || p.version === version) ? p : undefined;
}, 120_000);

test('named pipes as regions.txt, a phrase library and a corpus file: indexing finishes and lists the pipe', async () => {
  const ready = await server.waitFor('index ready', () => server.statuses.find(s => s.state === 'ready'), 120_000);
  assert.ok((ready.documents as number) >= 15, `the seeds and the corpus folder were indexed: ${ready.documents}`);
  const r = await server.connection.sendRequest('workspace/executeCommand', { command: 'policyDraft.server.corpusReport', arguments: [] }) as { text: string };
  assert.match(r.text, /corpus\/pipe\.txt .*\n {2}skipped: not a regular file \(a named pipe\)/);
  // The team files that are pipes are named in the editor, not silently dropped.
  for (let i = 0; i < 100 && shown.length < 2; i++) await new Promise(r => setTimeout(r, 100));
  assert.ok(shown.some(m => /regions\.txt: team file skipped: not a regular file \(a named pipe\)/.test(m)), shown.join('\n'));
  assert.ok(shown.some(m => /phrases\/pipe\.txt: team file skipped: not a regular file \(a named pipe\)/.test(m)), shown.join('\n'));
  await open('small.md', SMALL);
  const d = await diagnosticsOf('small.md', 1);
  assert.ok(d.diagnostics.some(x => x.code === 'script-mixed'), 'the server still checks');
});

test('a 10 MB draft does not hold up hover and completion on another document, nor on itself', async () => {
  const paragraph = '全区新增就业岗位1200个，同比增长5.6%。宝安区组织全区591名干部挂点对接区内企业，地区生产总值达到15亿元。\n';
  const big = paragraph.repeat(Math.ceil(10 * 1024 * 1024 / Buffer.byteLength(paragraph)));
  await open('small2.md', SMALL);
  await diagnosticsOf('small2.md', 1);
  await open('big.md', big);
  const h = await hover('small2.md', 2, 8);
  const c = await server.connection.sendRequest('textDocument/completion', { textDocument: { uri: uri('small2.md') }, position: { line: 2, character: 4 } }) as CompletionList | null;
  assert.ok(c === null || Array.isArray(c.items));
  assert.equal(server.diagnostics.get(uri('big.md')), undefined, 'hover and completion waited for the 10 MB check');
  void h;
  await server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: uri('big.md'), version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '一、' }],
  });
  await hover('big.md', 0, 1);
  const p = server.diagnostics.get(uri('big.md'));
  assert.ok(p === undefined || p.version !== 2, 'hover on the edited 10 MB draft waited for its check');
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri('big.md') } });
});

test('a burst of edits ends with the diagnostics of the last version', async () => {
  await open('burst.md', SMALL);
  let text = SMALL;
  for (let v = 2; v <= 60; v++) {
    const insert = v % 2 ? '經' : '经';
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: uri('burst.md'), version: v },
      contentChanges: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: insert }],
    });
    text = text + insert;
  }
  const d = await diagnosticsOf('burst.md', 60);
  const lines = text.split('\n');
  for (const x of d.diagnostics) assert.ok(x.range.end.line < lines.length && x.range.end.character <= lines[x.range.end.line].length);
});

test('positions past the end of a line or the document answer without an error', async () => {
  await open('short.md', '全区经济运行平稳。');
  for (const [line, character] of [[0, 500], [40, 0], [1_000_000, 1_000_000]]) {
    await hover('short.md', line, character);
    const c = await server.connection.sendRequest('textDocument/completion', { textDocument: { uri: uri('short.md') }, position: { line, character } }) as CompletionList | null;
    assert.ok(c === null || Array.isArray(c.items));
  }
  await server.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: uri('short.md') }, range: { start: { line: 90, character: 0 }, end: { line: 99, character: 9 } }, context: { diagnostics: [] },
  });
});

test('hover and completion on a closed document answer null, not an error', async () => {
  await open('closed.md', SMALL);
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri('closed.md') } });
  assert.equal(await hover('closed.md', 2, 4), null);
  const c = await server.connection.sendRequest('textDocument/completion', { textDocument: { uri: uri('closed.md') }, position: { line: 2, character: 4 } }) as CompletionList | null;
  assert.ok(c === null || c.items.length === 0);
});

test('$/cancelRequest is answered with RequestCancelled (-32800)', async () => {
  await open('cancel.md', SMALL.repeat(200));
  const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => {
    const source = new CancellationTokenSource();
    const p = server.connection.sendRequest('textDocument/completion', { textDocument: { uri: uri('cancel.md') }, position: { line: 2 + i, character: 6 } }, source.token)
      .then(() => 'answered', (e: { code?: number }) => (e.code === -32800 ? 'cancelled' : `error ${e.code}`));
    source.cancel();
    return p;
  }));
  assert.ok(outcomes.every(o => o === 'answered' || o === 'cancelled'), outcomes.join(', '));
  assert.ok(outcomes.includes('cancelled'), 'no request was cancelled');
  assert.ok(Array.isArray(((await server.connection.sendRequest('textDocument/completion', { textDocument: { uri: uri('cancel.md') }, position: { line: 2, character: 6 } })) as CompletionList).items));
});

test('100 fuzzed drafts through one session: no crash, ranges inside, numbers printed as numbers', async () => {
  const pieces = ['全区', '宝安区', '同比增长', '下降', '%', '个百分点', '万', '亿元', '名', '其中', '，', '。', '\n', '一、', '（一）',
    '1.', '𠮷', '九', '十', '亿', '0', '5', '.', '余', '近', '翻两番', '倍', '經濟', '占', '三成', '1' + '0'.repeat(120)];
  const drafts = fc.sample(fc.array(fc.constantFrom(...pieces), { maxLength: 120 }).map(a => a.join('')), { seed: 42, numRuns: 100 });
  await open('fuzz.md', '');
  let v = 1;
  for (const text of drafts) {
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri('fuzz.md'), version: ++v }, contentChanges: [{ text }] });
    const d: PublishDiagnosticsParams = await diagnosticsOf('fuzz.md', v);
    const lines = text.split(/\r?\n/);
    for (const x of d.diagnostics) {
      assert.ok(x.range.end.line < Math.max(1, lines.length), `${x.code} past the last line`);
      assert.ok(x.range.end.character <= (lines[x.range.end.line] ?? '').length, `${x.code} past the end of its line`);
      const message = typeof x.message === 'string' ? x.message : x.message.value;
      assert.doesNotMatch(message, /\de[+-]\d|NaN|Infinity|undefined/, message);
    }
  }
});

test('shutdown and exit end the process promptly, even while a 10 MB draft is being checked', async () => {
  const s = await startServer(tempDir('lsp-exit'));
  const big = '全区新增就业岗位1200个，同比增长5.6%，其中宝安区占三成。\n'.repeat(200_000);
  await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///big.md', languageId: 'markdown', version: 1, text: big } });
  const exited = new Promise<number | null>(resolve => s.child.once('exit', code => resolve(code)));
  const t0 = Date.now();
  await s.connection.sendRequest('shutdown');
  await s.connection.sendNotification('exit');
  const code = await Promise.race([exited, new Promise<'alive'>(r => setTimeout(() => r('alive'), 3000))]);
  const ms = Date.now() - t0;
  s.child.kill('SIGKILL');
  s.connection.dispose();
  assert.notEqual(code, 'alive', 'the server was still running 3 s after exit');
  assert.ok(ms < 3000, `${ms} ms`);
});

test('SIGTERM ends the server while it indexes a corpus with a named pipe in it', async () => {
  const ws = tempDir('lsp-term');
  mkdirSync(join(ws, '.policy-draft'));
  mkfifo(join(ws, '.policy-draft/regions.txt'));
  mkfifo(join(ws, 'pipe.txt'));
  const s = await startServer(ws, 'en', { corpus: { paths: ['pipe.txt'] } });
  const exited = new Promise<string>(resolve => s.child.once('exit', () => resolve('exited')));
  s.child.kill('SIGTERM');
  const r = await Promise.race([exited, new Promise<string>(res => setTimeout(() => res('alive'), 3000))]);
  s.child.kill('SIGKILL');
  s.connection.dispose();
  assert.equal(r, 'exited');
});
