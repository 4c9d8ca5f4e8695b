// Owns the current corpus snapshot: builds analyses in a worker thread off the request path,
// reports progress, assembles the new snapshot and swaps it in whole. The index worker also feeds
// the check worker directly (attachCheckPort), so the check that needs the corpus runs the moment
// the index is read, without waiting for this thread's copy.
import type { MessagePort, Worker } from 'node:worker_threads';
import { restoreAnalyses } from '../core/corpus/lean';
import type { CorpusSnapshot, CorpusStats, FileAnalysis } from '../core/corpus/snapshot';
import type { PolicyService } from '../core/service';
import type { AttachRequest, IndexReply, IndexRequest } from '../indexWorker';
import type { IndexResult } from '../node/indexer';
import { terminateWithin } from './checkHost';
import { spawnIndexWorker, type EarlyWorker } from './workers';

export interface IndexEvents {
  onProgress(done: number, total: number, file?: string): void;
  onSwap(stats: CorpusStats, result: IndexResult, millis: number, segmenter?: { kind: string; description: string }): void;
  onError(message: string): void;
}

export class CorpusManager {
  private worker: Worker | undefined;
  private nextId = 1;
  private pending: { id: number; paths: string[]; fresh: boolean } | undefined;
  private running: number | undefined;
  private startedAt = 0;
  private current: CorpusSnapshot | undefined;
  /** An index received but not assembled yet (assembled on first use or when the thread is idle). */
  private received: IndexResult | undefined;
  private warmTimer: NodeJS.Timeout | undefined;
  private checkPort: MessagePort | undefined;
  private generationValue = 0;
  /** Files done / total of the index being built. */
  progress = { done: 0, total: 0 };

  constructor(
    private readonly service: () => PolicyService,
    private readonly events: IndexEvents,
    private readonly locale: string,
    /** A worker the entry started already (lsp/start.ts): its bundle is loaded by the first request. */
    private early?: EarlyWorker,
  ) {}

  /** The current snapshot (an empty one, built on first use, until the first index is in). */
  get snapshot(): CorpusSnapshot {
    if (this.received) {
      const r = this.received;
      this.received = undefined;
      this.current = this.service().assemble(restoreAnalyses(r.files), r.phrases);
    }
    return (this.current ??= this.service().assemble([], this.service().minePhrases([])));
  }

  /** The id of the index the snapshot holds (0: none yet). */
  get generation(): number {
    return this.generationValue;
  }

  /** True once a first index has been swapped in. */
  get ready(): boolean {
    return this.generationValue > 0;
  }

  get indexing(): boolean {
    return this.running !== undefined || this.pending !== undefined;
  }

  /** Assembles this thread's copy soon, when the thread is idle (after the checks went out). */
  warmSoon(delayMs = 200): void {
    if (!this.received || this.warmTimer) return;
    this.warmTimer = setTimeout(() => {
      this.warmTimer = undefined;
      try {
        void this.snapshot;
      } catch (e) {
        this.events.onError((e as Error).stack ?? String(e));
      }
    }, delayMs);
    this.warmTimer.unref();
  }

  /** Where the index worker posts every new index (the check worker's port). */
  attachCheckPort(port: MessagePort): void {
    this.checkPort = port;
    if (this.worker) this.worker.postMessage({ type: 'attach', port } satisfies AttachRequest, [port]);
  }

  /** Queues an index of these files; a newer request supersedes a queued one. */
  request(paths: string[], fresh = false): void {
    this.pending = { id: this.nextId++, paths, fresh: fresh || (this.pending?.fresh ?? false) };
    this.pump();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const early = this.early;
    this.early = undefined;
    if (early?.failed()) void early.worker.terminate();
    const worker = early && !early.failed() ? early.worker : spawnIndexWorker();
    worker.on('message', (m: IndexReply) => this.onMessage(m));
    worker.on('error', e => {
      this.events.onError(e.stack ?? String(e));
      this.running = undefined;
      this.worker = undefined;
      this.pump();
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    worker.unref();
    this.worker = worker;
    if (this.checkPort) {
      const port = this.checkPort;
      this.checkPort = undefined;
      this.attachCheckPort(port);
    }
    return worker;
  }

  private pump(): void {
    if (this.running !== undefined || !this.pending) return;
    const req = this.pending;
    this.pending = undefined;
    this.running = req.id;
    this.startedAt = Date.now();
    this.progress = { done: 0, total: req.paths.length };
    const msg: IndexRequest = { type: 'index', id: req.id, paths: req.paths, locale: this.locale, fresh: req.fresh };
    this.ensureWorker().postMessage(msg);
  }

  private onMessage(m: IndexReply): void {
    if (m.id !== this.running) return;
    if (m.type === 'progress') {
      this.progress = { done: m.done, total: m.total };
      this.events.onProgress(m.done, m.total, m.file);
      return;
    }
    this.running = undefined;
    if (m.type === 'error') this.events.onError(m.message);
    else {
      // The checks run in the check worker, which has this index already; this thread's copy (for
      // hover and completion) is assembled on first use or shortly after, when the checks are out.
      this.received = m.result;
      this.generationValue = m.id;
      this.events.onSwap(statsOf(m.result.files), m.result, Date.now() - this.startedAt, m.segmenter);
    }
    this.pump();
  }

  /** Stops the worker; false when it did not stop in time (blocked in a system call). */
  dispose(): Promise<boolean> {
    this.pending = undefined;
    void this.early?.worker.terminate();
    this.early = undefined;
    const w = this.worker;
    this.worker = undefined;
    return terminateWithin(w, 400);
  }
}

/** The figures a snapshot's stats hold, without assembling it. */
export function statsOf(files: readonly FileAnalysis[]): CorpusStats {
  let documents = 0, characters = 0;
  let earliest: string | undefined, latest: string | undefined;
  const ids = new Set<string>();
  for (const f of files) {
    for (const doc of f.docs) {
      if (!ids.has(doc.id)) {
        ids.add(doc.id);
        documents++;
      }
      characters += doc.text.length;
      if (doc.date) {
        if (!earliest || doc.date < earliest) earliest = doc.date;
        if (!latest || doc.date > latest) latest = doc.date;
      }
    }
  }
  return { files: files.length, skippedFiles: files.filter(f => f.skipped).length, documents, characters, earliest, latest };
}
