// Starting the server's worker threads (check, index; the answer worker: spawnAnswerWorker). Used by the tiny entry (lsp/start.ts), which starts them
// the moment `initialize` is answered, and by CheckHost / CorpusManager, which adopt those or start
// their own (after a restart). Node built-ins only: the entry bundle must stay small.
import { join } from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { WorkerData } from '../indexWorker';

/** Slots of the shared cancellation flags (check id % SLOTS). */
export const CHECK_SLOTS = 1024;

export const newCancelFlags = (): Int32Array => new Int32Array(new SharedArrayBuffer(4 * CHECK_SLOTS));

/** A worker started before anyone listened to it: whether it failed meanwhile. */
export interface EarlyWorker {
  worker: Worker;
  /** True when the worker exited or threw before it was adopted. */
  failed(): boolean;
}

export interface EarlyCheckWorker extends EarlyWorker {
  /** The check worker's end of the snapshot channel (to give to the index worker). */
  port: MessagePort;
  flags: Int32Array;
  locale: string;
}

function watch(worker: Worker): () => boolean {
  let failed = false;
  const fail = () => (failed = true);
  worker.once('error', fail);
  worker.once('exit', fail);
  return () => failed;
}

/** The bundle both workers run (server/out/indexWorker.js, beside this bundle). */
const workerScript = () => join(__dirname, 'indexWorker.js');

export function spawnCheckWorker(locale: string, flags: Int32Array): { worker: Worker; port: MessagePort } {
  const channel = new MessageChannel();
  const data: WorkerData = { role: 'check', locale, cancelFlags: flags.buffer as SharedArrayBuffer, snapshots: channel.port2 };
  const worker = new Worker(workerScript(), { workerData: data, transferList: [channel.port2] });
  return { worker, port: channel.port1 };
}

/** An answer worker: hover and document symbols, or completion (lsp/answerWorker.ts). */
export function spawnAnswerWorker(locale: string, part: 'hover' | 'complete'): Worker {
  return new Worker(workerScript(), { workerData: { role: 'answer', locale, part } satisfies WorkerData });
}

export function spawnIndexWorker(): Worker {
  return new Worker(workerScript(), { workerData: { role: 'index' } satisfies WorkerData });
}

export function earlyCheckWorker(locale: string): EarlyCheckWorker {
  const flags = newCancelFlags();
  const { worker, port } = spawnCheckWorker(locale, flags);
  return { worker, port, flags, locale, failed: watch(worker) };
}

export function earlyIndexWorker(): EarlyWorker {
  const worker = spawnIndexWorker();
  return { worker, failed: watch(worker) };
}
