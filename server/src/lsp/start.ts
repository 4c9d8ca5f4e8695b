// server/out/server.js: the language server's entry, kept tiny so `initialize` is answered in the time
// a bare Node process takes to start. It reads the first message itself (stdio or IPC), answers
// `initialize` with the server's fixed capabilities, starts the check and index workers (their
// bundles load and the gazetteer is built while the client sends `initialized` and opens documents),
// and only then loads the full server (server/out/main.js). The full server reads every message
// again from the start, `initialize` included, so its state is set up as usual; its own answer to
// that request is dropped (lsp/handoff.ts). Node built-ins only here: no vscode-languageserver.
import { join } from 'node:path';
import { initializeLocale, initializeResult } from './capabilities';
import { trace } from '../node/trace';
import { earlyCheckWorker, earlyIndexWorker, type EarlyCheckWorker, type EarlyWorker } from './workers';

/** What the entry hands to the full server (globalThis.__policyDraftHandoff). */
export interface Handoff {
  transport: 'stdio' | 'ipc';
  /** Id of the `initialize` request the entry answered (undefined: it answered nothing). */
  answeredId?: number | string;
  /** IPC: the messages received so far, then every later one, to the full server's reader. */
  ipc?: { take(sink: (message: unknown) => void): void; stop(): void };
  check?: EarlyCheckWorker;
  index?: EarlyWorker;
}

interface Message {
  id?: number | string;
  method?: string;
  params?: unknown;
}

const argv = process.argv.slice(2);
const transport = argv.includes('--stdio') ? 'stdio' : argv.includes('--node-ipc') ? 'ipc' : undefined;
const handoff: Handoff | undefined = transport ? { transport } : undefined;
let loaded = false;

function loadServer(): void {
  if (loaded) return;
  loaded = true;
  (globalThis as { __policyDraftHandoff?: Handoff }).__policyDraftHandoff = handoff;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(__dirname, 'main.js'));
  trace('entry: main.js loaded');
  // The full server's reader is attached: let stdin flow again (the bytes read so far were put back).
  if (handoff?.transport === 'stdio') process.stdin.resume();
}

/** Answers `initialize` (when the first message is one), starts the workers, loads the server. */
function first(message: Message, reply: (json: object) => void): void {
  if (message.method === 'initialize' && message.id !== undefined && handoff) {
    try {
      reply({ jsonrpc: '2.0', id: message.id, result: initializeResult() });
      trace('entry: initialize answered');
      handoff.answeredId = message.id;
      const locale = initializeLocale(message.params) ?? 'en';
      handoff.check = earlyCheckWorker(locale);
      handoff.index = earlyIndexWorker();
    } catch {
      /* the full server answers and starts its workers itself */
    }
  }
  loadServer();
}

/** Parses the first LSP message of a stdio stream once it is complete (header, blank line, body). */
export function firstFrame(bytes: Buffer): Message | 'invalid' | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return bytes.length > 8192 ? 'invalid' : undefined;
  const m = /(?:^|\r\n)content-length:\s*(\d+)/i.exec(bytes.subarray(0, end).toString('ascii'));
  if (!m) return 'invalid';
  const length = Number(m[1]);
  if (bytes.length < end + 4 + length) return undefined;
  try {
    const message = JSON.parse(bytes.subarray(end + 4, end + 4 + length).toString('utf8')) as unknown;
    return message && typeof message === 'object' ? (message as Message) : 'invalid';
  } catch {
    return 'invalid';
  }
}

if (handoff?.transport === 'stdio') {
  let buffered: Buffer = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    const message = firstFrame(buffered);
    if (message === undefined) return;
    // Stop reading and put every byte back: the full server reads the stream from its start.
    process.stdin.off('data', onData);
    process.stdin.off('end', onEnd);
    process.stdin.pause();
    process.stdin.unshift(buffered);
    first(message === 'invalid' ? {} : message, json => {
      const body = JSON.stringify(json);
      process.stdout.write(`Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`);
    });
  };
  // The client went away before a whole message came: the full server sees the end and exits.
  const onEnd = () => {
    process.stdin.off('data', onData);
    if (buffered.length) process.stdin.unshift(buffered);
    loadServer();
  };
  process.stdin.on('data', onData);
  process.stdin.on('end', onEnd);
} else if (handoff?.transport === 'ipc') {
  const queue: unknown[] = [];
  let sink: ((message: unknown) => void) | undefined;
  const onMessage = (message: unknown) => {
    if (sink) return sink(message);
    queue.push(message);
    if (queue.length === 1) first((message ?? {}) as Message, json => process.send?.(json));
  };
  handoff.ipc = {
    take(s) {
      sink = s;
      for (const m of queue.splice(0)) s(m);
    },
    stop() {
      process.off('message', onMessage);
    },
  };
  process.on('message', onMessage);
} else {
  // --socket / --pipe, or no transport (the server prints its usage): the full server does it all.
  loadServer();
}
