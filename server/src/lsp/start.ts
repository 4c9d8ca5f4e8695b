// server/out/server.js: the language server's entry, kept tiny so `initialize` is answered in the time
// a bare Node process takes to start. It reads the first message itself (stdio or IPC), answers
// `initialize` with the server's fixed capabilities, starts the check and index workers (their
// bundles load and the gazetteer is built while the client sends `initialized` and opens documents),
// and only then loads the full server (server/out/main.js). Loading main.js holds this thread for
// 50-100 ms (more while the workers load their bundles on the same cores), so it is loaded once the
// client's first messages are in: right after the entry answered a request it can answer (a hover,
// with the note that the corpus is being indexed, as the full server would say then), when a
// request it cannot answer arrives, or LOAD_WITHIN_MS after `initialize` at the latest. The full
// server reads every message again from the start, `initialize` included, so its state is set up as
// usual; its own answers to the requests the entry answered are dropped (lsp/handoff.ts). Node
// built-ins only here (and the note's translation): no vscode-languageserver.
import { join } from 'node:path';
import { createLocalizer } from '../core/l10n';
import { initializeLocale, initializeResult } from './capabilities';
import { trace } from '../node/trace';
import { earlyCheckWorker, earlyIndexWorker, type EarlyCheckWorker, type EarlyWorker } from './workers';

/** What the entry hands to the full server (globalThis.__policyDraftHandoff). */
export interface Handoff {
  transport: 'stdio' | 'ipc';
  /** Id of the `initialize` request the entry answered (undefined: it answered nothing). */
  answeredId?: number | string;
  /** Ids of the other requests the entry answered before main.js was loaded (hovers). */
  answered?: Set<number | string>;
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
const handoff: Handoff | undefined = transport ? { transport, answered: new Set() } : undefined;
let loaded = false;

/** After `initialize` is answered, main.js is loaded within this long even if no message comes. */
export const LOAD_WITHIN_MS = 50;

/** Between `initialize` and main.js: the locale, the drafts opened meanwhile, the timer that loads main.js. */
let shell: {
  t: ReturnType<typeof createLocalizer>; opened: Set<string>; timer: NodeJS.Timeout;
  /** Hovers about to be answered (a $/cancelRequest read before then leaves them to the full server). */
  hovers: Map<number | string, NodeJS.Immediate>;
} | undefined;

/** Stops the entry's own reading (stdio: puts back every byte read, for the full server). */
let beforeLoad: (() => void) | undefined;

function loadServer(): void {
  if (loaded) return;
  loaded = true;
  if (shell) {
    clearTimeout(shell.timer);
    // (not answered here: the full server answers them)
    for (const h of shell.hovers.values()) clearImmediate(h);
  }
  shell = undefined;
  beforeLoad?.();
  (globalThis as { __policyDraftHandoff?: Handoff }).__policyDraftHandoff = handoff;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(__dirname, 'main.js'));
  trace('entry: main.js loaded');
  // The full server's reader is attached: let stdin flow again (the bytes read so far were put back).
  if (handoff?.transport === 'stdio') process.stdin.resume();
}

type Reply = (json: object, then?: () => void) => void;

/**
 * Answers `initialize` (when the first message is one) and starts the workers; main.js is loaded
 * once the client's first messages are in (meanwhile), at the latest LOAD_WITHIN_MS later.
 */
function first(message: Message, reply: Reply): void {
  if (message.method === 'initialize' && message.id !== undefined && handoff) {
    try {
      reply({ jsonrpc: '2.0', id: message.id, result: initializeResult() });
      trace('entry: initialize answered');
      handoff.answeredId = message.id;
      const locale = initializeLocale(message.params) ?? 'en';
      handoff.check = earlyCheckWorker(locale);
      handoff.index = earlyIndexWorker();
      shell = { t: createLocalizer(locale), opened: new Set(), timer: setTimeout(loadServer, LOAD_WITHIN_MS), hovers: new Map() };
      return;
    } catch {
      /* the full server answers and starts its workers itself */
    }
  }
  loadServer();
}

/**
 * A message that came after `initialize`, before main.js is loaded (the full server reads it again).
 * A hover is answered here with what the full server says before any index is in (the corpus is being
 * indexed; nothing on a draft not open), then main.js is loaded; any other request loads it now.
 */
function meanwhile(message: Message, reply: Reply): void {
  const s = shell;
  if (!s || loaded || !handoff) return;
  const uri = (message.params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
  if (message.method === 'textDocument/didOpen' && typeof uri === 'string') s.opened.add(uri);
  else if (message.method === 'textDocument/didClose' && typeof uri === 'string') s.opened.delete(uri);
  else if (message.method === 'textDocument/hover' && message.id !== undefined) {
    const id = message.id;
    const result = typeof uri === 'string' && s.opened.has(uri) ? { contents: { kind: 'markdown', value: `_${s.t('Indexing the corpus…')}_` } } : null;
    // answered after one more read of the input, so that a $/cancelRequest sent right behind it is seen
    const answer = () => {
      s.hovers.delete(id);
      handoff.answered?.add(id);
      trace('entry: hover answered before main.js');
      // loaded once the answer is written: the client's next request is likely some time away
      reply({ jsonrpc: '2.0', id, result }, loadServer);
    };
    s.hovers.set(id, setImmediate(() => s.hovers.has(id) && s.hovers.set(id, setImmediate(answer))));
  } else if (message.method === '$/cancelRequest') {
    // a hover cancelled before it was answered: the full server answers it (RequestCancelled)
    const id = (message.params as { id?: number | string } | undefined)?.id;
    const pending = id === undefined ? undefined : s.hovers.get(id);
    if (pending) {
      clearImmediate(pending);
      s.hovers.delete(id!);
    }
  } else if (message.id !== undefined || message.method === 'exit') loadServer();
}

/** Parses the LSP message of a stdio stream that starts at `start` once it is complete (header, blank line, body). */
export function frameAt(bytes: Buffer, start: number): { message: Message | 'invalid'; end: number } | undefined {
  const end = bytes.indexOf('\r\n\r\n', start);
  if (end < 0) return bytes.length - start > 8192 ? { message: 'invalid', end: bytes.length } : undefined;
  const m = /(?:^|\r\n)content-length:\s*(\d+)/i.exec(bytes.subarray(start, end).toString('ascii'));
  if (!m) return { message: 'invalid', end: bytes.length };
  const length = Number(m[1]);
  if (bytes.length < end + 4 + length) return undefined;
  try {
    const message = JSON.parse(bytes.subarray(end + 4, end + 4 + length).toString('utf8')) as unknown;
    return { message: message && typeof message === 'object' ? (message as Message) : 'invalid', end: end + 4 + length };
  } catch {
    return { message: 'invalid', end: end + 4 + length };
  }
}

/** Parses the first LSP message of a stdio stream once it is complete. */
export function firstFrame(bytes: Buffer): Message | 'invalid' | undefined {
  return frameAt(bytes, 0)?.message;
}

if (handoff?.transport === 'stdio') {
  let buffered: Buffer = Buffer.alloc(0);
  /** Where the next message not read yet starts. */
  let next = 0;
  const reply: Reply = (json, then) => {
    const body = JSON.stringify(json);
    process.stdout.write(`Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`, then && (() => then()));
  };
  const onData = (chunk: Buffer) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    while (!loaded) {
      const frame = frameAt(buffered, next);
      if (!frame) return;
      next = frame.end;
      if (frame.message === 'invalid') {
        if (shell) loadServer();
        else first({}, reply);
      } else if (shell) meanwhile(frame.message, reply);
      else first(frame.message, reply);
    }
  };
  // The client went away before a whole message came: the full server sees the end and exits.
  const onEnd = () => loadServer();
  // Stop reading and put every byte back: the full server reads the stream from its start.
  beforeLoad = () => {
    process.stdin.off('data', onData);
    process.stdin.off('end', onEnd);
    process.stdin.pause();
    if (buffered.length) process.stdin.unshift(buffered);
  };
  process.stdin.on('data', onData);
  process.stdin.on('end', onEnd);
} else if (handoff?.transport === 'ipc') {
  const queue: unknown[] = [];
  let sink: ((message: unknown) => void) | undefined;
  const reply: Reply = (json, then) => {
    if (process.send) process.send(json, undefined, {}, () => then?.());
    else then?.();
  };
  const onMessage = (message: unknown) => {
    if (sink) return sink(message);
    queue.push(message);
    if (queue.length === 1) first((message ?? {}) as Message, reply);
    else meanwhile((message ?? {}) as Message, reply);
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
