// Runs the index worker, which builds the corpus analyses off the request path and keeps the one
// local index; reports progress and what the live index holds. This thread never holds the index:
// the check worker asks the index worker for each draft's documents and mentions (attachCheckPort)
// and posts back what a check read, which hovers read. Completion (in the answer worker) asks the
// index worker for the phrases of the typed prefixes over a port of its own (phrasePort), as it would
// ask the office index: this thread never holds them.
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import type { CorpusReport } from '../core/corpus/report';
import type { CorpusStats } from '../core/corpus/snapshot';
import type {
  AttachPhrasesRequest, AttachRequest, IndexReply, IndexRequest, IndexSummary, ReportRequest,
} from '../indexWorker';
import { terminateWithin } from './checkHost';
import { spawnIndexWorker, type EarlyWorker } from './workers';

export interface IndexEvents {
  onProgress(done: number, total: number, file?: string): void;
  /** The corpus entries of a request were listed (in the index worker): the files, and the entries that matched nothing. */
  onResolved?(total: number, missing: string[]): void;
  onSwap(stats: CorpusStats, result: IndexSummary, millis: number, segmenter?: { kind: string; description: string }): void;
  onError(message: string): void;
  /**
   * The index worker died (and the live index with it): the check worker's port to it is gone. The
   * edge starts a new check worker (its port goes to the next index worker) and indexes again.
   */
  onWorkerLost?(): void;
  /** A new index worker: completion's phrase port (phrasePort) must be asked for again. */
  onPhrasesReset?(): void;
}

const NO_STATS: CorpusStats = { files: 0, skippedFiles: 0, documents: 0, characters: 0 };

export class CorpusManager {
  private worker: Worker | undefined;
  private nextId = 1;
  private pending: { id: number; entries: string[]; base: string; fresh: boolean } | undefined;
  private running: number | undefined;
  private startedAt = 0;
  private checkPort: MessagePort | undefined;
  private generationValue = 0;
  private live: { stats: CorpusStats; sources: Set<string> } | undefined;
  /** Whether an index worker was started before (a new one: completion's phrase port is asked for again). */
  private phrasesAttached = false;
  private reports = new Map<number, (r: CorpusReport | undefined) => void>();
  /** Files done / total of the index being built. */
  progress = { done: 0, total: 0 };

  constructor(
    private readonly events: IndexEvents,
    private readonly locale: string,
    /** A worker the entry started already (lsp/start.ts): its bundle is loaded by the first request. */
    private early?: EarlyWorker,
  ) {}

  /**
   * A new port completion asks the live index's phrases over (PhraseQuery; the index worker answers
   * the last port it was given). Mined phrases are never waited for: a question while they are mined
   * is answered at once with `mining` (and mining goes on).
   */
  phrasePort(): MessagePort | undefined {
    const { port1, port2 } = new MessageChannel();
    try {
      this.ensureWorker().postMessage({ type: 'attach-phrases', port: port2 } satisfies AttachPhrasesRequest, [port2]);
    } catch {
      return undefined;
    }
    return port1;
  }

  /** What the live index holds. */
  get stats(): CorpusStats {
    return this.live?.stats ?? NO_STATS;
  }

  /** Whether a file is in the live index. */
  holds(source: string): boolean {
    return this.live?.sources.has(source) ?? false;
  }

  /** The id of the live index (0: none yet). */
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

  /** What the live index holds, file by file (asked of the index worker; answered after an index being read). */
  report(): Promise<CorpusReport | undefined> {
    const id = this.nextId++;
    return new Promise(resolve => {
      this.reports.set(id, resolve);
      this.ensureWorker().postMessage({ type: 'report', id } satisfies ReportRequest);
    });
  }

  /** Where the index worker posts every new index (the check worker's port). */
  attachCheckPort(port: MessagePort): void {
    this.checkPort = port;
    if (this.worker) this.worker.postMessage({ type: 'attach', port } satisfies AttachRequest, [port]);
  }

  /**
   * Queues an index of these corpus entries (folders, files, globs; listed by the index worker against
   * `base`); a newer request supersedes a queued one.
   */
  request(entries: string[], base: string, fresh = false): void {
    this.pending = { id: this.nextId++, entries, base, fresh: fresh || (this.pending?.fresh ?? false) };
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
      for (const r of this.reports.values()) r(undefined);
      this.reports.clear();
      this.generationValue = 0;
      this.live = undefined;
      this.pump();
      this.events.onWorkerLost?.();
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    worker.unref();
    this.worker = worker;
    // completion's questions go to this worker now (the answer worker asks for a new port)
    if (this.phrasesAttached) this.events.onPhrasesReset?.();
    this.phrasesAttached = true;
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
    this.progress = { done: 0, total: 0 };
    const msg: IndexRequest = {
      type: 'index', id: req.id, paths: [], entries: { list: req.entries, base: req.base }, locale: this.locale, fresh: req.fresh,
    };
    this.ensureWorker().postMessage(msg);
  }

  private onMessage(m: IndexReply): void {
    if (m.type === 'report') {
      this.reports.get(m.id)?.(m.report);
      this.reports.delete(m.id);
      return;
    }
    if (m.id !== this.running) return;
    if (m.type === 'resolved') {
      this.progress = { done: 0, total: m.total };
      this.events.onResolved?.(m.total, m.missing);
      return;
    }
    if (m.type === 'progress') {
      this.progress = { done: m.done, total: m.total };
      this.events.onProgress(m.done, m.total, m.file);
      return;
    }
    this.running = undefined;
    if (m.type === 'error') this.events.onError(m.message);
    else {
      // The check worker has this index already (the index worker told it first).
      this.live = { stats: m.result.stats, sources: new Set(m.result.sources) };
      this.generationValue = m.id;
      this.events.onSwap(m.result.stats, m.result, Date.now() - this.startedAt, m.segmenter);
    }
    this.pump();
  }

  /** Stops the worker; false when it did not stop in time (blocked in a system call). */
  dispose(): Promise<boolean> {
    this.pending = undefined;
    for (const r of this.reports.values()) r(undefined);
    this.reports.clear();
    void this.early?.worker.terminate();
    this.early = undefined;
    const w = this.worker;
    this.worker = undefined;
    return terminateWithin(w, 400);
  }
}
