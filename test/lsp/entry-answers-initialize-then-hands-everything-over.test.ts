// server/out/server.js answers `initialize` itself, before it loads the full server (main.js); the
// full server then reads every message again from the start. The client must see exactly one answer
// to `initialize` (the capabilities the full server declares), and every message it sent meanwhile
// (here in the same write or IPC burst as `initialize`) must still be handled — over stdio and over
// IPC (VS Code's transport). A hover sent with them (before main.js is loaded) gets exactly one
// answer too: the note that the corpus is being indexed (the entry's, the full server's dropped).
import assert from 'node:assert/strict';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { initializeResult } from '../../server/src/lsp/capabilities';
import { SERVER } from '../helpers/lspClient';

interface Msg {
  id?: number | string;
  method?: string;
  params?: { uri?: string; diagnostics?: unknown[] };
  result?: unknown;
}

const workspace = mkdtempSync(join(tmpdir(), 'pd-entry-ws-'));
const uri = pathToFileURL(join(workspace, 'draft.md')).toString();

/** initialize, initialized, a settings answer and a document with a misspelt county, all at once. */
function opening(): Msg[] {
  return [
    {
      id: 1, method: 'initialize', params: {
        processId: process.pid, rootUri: pathToFileURL(workspace).toString(), capabilities: {},
        workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: 'ws' }],
      } as never,
    },
    { method: 'initialized', params: {} },
    { method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'markdown', version: 1, text: '深圳市宝按区组织全区干部挂点对接区内企业。' } } as never },
    { id: 3, method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 0, character: 4 } } as never },
  ].map(m => ({ jsonrpc: '2.0', ...m }));
}

/** Collects messages until `done` holds; then shuts the server down and waits for it to exit. */
async function converse(child: ChildProcess, send: (m: Msg) => void, onMessage: (f: (m: Msg) => void) => void) {
  const received: Msg[] = [];
  const published = new Promise<Msg>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics; received ${JSON.stringify(received.map(m => m.method ?? `response ${m.id}`))}`)), 120_000);
    onMessage(m => {
      received.push(m);
      // The server may ask for settings or progress: answer as a client without them would.
      if (m.method && m.id !== undefined) send({ jsonrpc: '2.0', id: m.id, result: m.method === 'workspace/configuration' ? [null] : null } as Msg);
      if (m.method === 'textDocument/publishDiagnostics' && m.params?.uri === uri && m.params.diagnostics?.length) {
        clearTimeout(timer);
        resolve(m);
      }
    });
  });
  for (const m of opening()) send(m);
  const diagnostics = await published;
  const exited = new Promise<{ code: number | null; signal: string | null }>(resolve => child.once('exit', (code, signal) => resolve({ code, signal })));
  send({ jsonrpc: '2.0', id: 2, method: 'shutdown' } as Msg);
  send({ jsonrpc: '2.0', method: 'exit' } as Msg);
  const code = await exited;
  return { received, diagnostics, code };
}

function assertOneAnswer(received: Msg[], diagnostics: Msg, end: { code: number | null; signal: string | null }) {
  const answers = received.filter(m => m.id === 1 && m.method === undefined);
  assert.equal(answers.length, 1, `answers to initialize: ${answers.length}`);
  assert.deepEqual(answers[0].result, initializeResult());
  // the hover sent with them: one answer, saying the corpus is being indexed (nothing of it is known yet)
  const hovers = received.filter(m => m.id === 3 && m.method === undefined);
  assert.equal(hovers.length, 1, `answers to the hover: ${JSON.stringify(hovers)}`);
  assert.match((hovers[0].result as { contents?: { value?: string } } | null)?.contents?.value ?? '', /^_Indexing the corpus/);
  assert.ok(JSON.stringify(diagnostics.params?.diagnostics).includes('region-unknown'), JSON.stringify(diagnostics.params?.diagnostics));
  // It ends on `exit` (killed outright while the cold index is still being built: lifecycle.test.ts).
  assert.ok(end.code === 0 || end.signal === 'SIGKILL', JSON.stringify(end));
}

test('over stdio: one answer to initialize, and the messages sent with it are handled', async () => {
  const child = spawn(process.execPath, [SERVER, '--stdio'], {
    env: { ...process.env, POLICY_DRAFT_CACHE: mkdtempSync(join(tmpdir(), 'pd-entry-cache-')) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let pending = Buffer.alloc(0);
  const listeners: Array<(m: Msg) => void> = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const end = pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(pending.subarray(0, end).toString())![1]);
      if (pending.length < end + 4 + length) return;
      const m = JSON.parse(pending.subarray(end + 4, end + 4 + length).toString('utf8')) as Msg;
      pending = pending.subarray(end + 4 + length);
      for (const l of listeners) l(m);
    }
  });
  // One write for all the opening messages: the entry must give the full server the bytes past the first.
  let burst = '';
  const frame = (m: Msg) => {
    const body = JSON.stringify(m);
    return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  };
  let opened = false;
  const send = (m: Msg) => {
    if (!opened) {
      burst += frame(m);
      if (m.method === 'textDocument/hover') {
        opened = true;
        child.stdin!.write(burst);
      }
    } else child.stdin!.write(frame(m));
  };
  const { received, diagnostics, code } = await converse(child, send, f => listeners.push(f));
  assertOneAnswer(received, diagnostics, code);
});

test('over IPC: one answer to initialize, and the messages sent with it are handled', async () => {
  const child = fork(SERVER, ['--node-ipc'], {
    env: { ...process.env, POLICY_DRAFT_CACHE: mkdtempSync(join(tmpdir(), 'pd-entry-cache-')) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const { received, diagnostics, code } = await converse(child, m => child.send(m), f => child.on('message', m => f(m as Msg)));
  assertOneAnswer(received, diagnostics, code);
});
