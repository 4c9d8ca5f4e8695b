// The full server's side of the tiny entry (lsp/start.ts): the transport it reads, with the messages
// the entry already received replayed, and a writer that drops the full server's answers to the
// requests the entry has answered already (`initialize`, hovers that came before main.js was loaded).
import { format } from 'node:util';
import {
  Disposable, IPCMessageReader, IPCMessageWriter, StreamMessageWriter, type Connection, type DataCallback, type Message,
  type MessageReader, type MessageWriter,
} from 'vscode-languageserver/node';
import type { Handoff } from './start';

/** The entry's handoff, once (undefined when this bundle was started directly). */
export function takeHandoff(): Handoff | undefined {
  const g = globalThis as { __policyDraftHandoff?: Handoff };
  const h = g.__policyDraftHandoff;
  g.__policyDraftHandoff = undefined;
  return h;
}

/** The responses not to send again: to `initialize` and to the requests the entry answered before main.js was loaded. */
function dropsAnswer(handoff: Handoff): (msg: Message) => boolean {
  const ids = new Set<unknown>(handoff.answered ?? []);
  if (handoff.answeredId !== undefined) ids.add(handoff.answeredId);
  return msg => {
    if (!ids.size) return false;
    const m = msg as { id?: unknown; method?: unknown };
    if (m.method !== undefined || !ids.has(m.id) || !('result' in m || 'error' in m)) return false;
    ids.delete(m.id);
    return true;
  };
}

class AnsweredStreamWriter extends StreamMessageWriter {
  constructor(private readonly drop: (msg: Message) => boolean) {
    super(process.stdout);
  }

  override write(msg: Message): Promise<void> {
    return this.drop(msg) ? Promise.resolve() : super.write(msg);
  }
}

class AnsweredIpcWriter extends IPCMessageWriter {
  constructor(private readonly drop: (msg: Message) => boolean) {
    super(process);
  }

  override write(msg: Message): Promise<void> {
    return this.drop(msg) ? Promise.resolve() : super.write(msg);
  }
}

class ReplayIpcReader extends IPCMessageReader {
  constructor(private readonly source: NonNullable<Handoff['ipc']>) {
    super(process);
  }

  override listen(callback: DataCallback): Disposable {
    this.source.take(m => callback(m as Message));
    return Disposable.create(() => this.source.stop());
  }
}

/**
 * createConnection's input and output for a handoff. Over stdio the input is process.stdin itself
 * (the entry put back what it read), so the connection still exits when the client closes it
 * (createConnection takes a stream or a reader for each side; its typings list only same-kind pairs).
 */
export function handoffTransport(handoff: Handoff): { input: MessageReader; output: MessageWriter } {
  const drop = dropsAnswer(handoff);
  if (handoff.transport === 'ipc' && handoff.ipc) return { input: new ReplayIpcReader(handoff.ipc), output: new AnsweredIpcWriter(drop) };
  return { input: process.stdin as unknown as MessageReader, output: new AnsweredStreamWriter(drop) };
}

/**
 * Over stdio, stdout is the protocol: console output goes to the client's log instead (what
 * vscode-languageserver does itself when it opens stdio from the command line).
 */
export function consoleToClient(connection: Connection): void {
  const line = (args: unknown[]) => format(...args);
  console.log = (...a: unknown[]) => connection.console.log(line(a));
  console.info = (...a: unknown[]) => connection.console.info(line(a));
  console.debug = (...a: unknown[]) => connection.console.log(line(a));
  console.warn = (...a: unknown[]) => connection.console.warn(line(a));
  console.error = (...a: unknown[]) => connection.console.error(line(a));
}
