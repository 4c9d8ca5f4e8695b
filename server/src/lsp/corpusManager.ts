// Owns the current corpus snapshot: builds analyses in a worker thread off the request path,
// reports progress, assembles the new snapshot and swaps it in whole.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CorpusSnapshot } from '../core/corpus/snapshot';
import type { PolicyService } from '../core/service';
import type { IndexReply, IndexRequest } from '../indexWorker';
import type { IndexResult } from '../node/indexer';

export interface IndexEvents {
  onProgress(done: number, total: number, file?: string): void;
  onSwap(snapshot: CorpusSnapshot, result: IndexResult, millis: number): void;
  onError(message: string): void;
}

export class CorpusManager {
  private worker: Worker | undefined;
  private nextId = 1;
  private pending: { id: number; paths: string[]; fresh: boolean } | undefined;
  private running: number | undefined;
  private startedAt = 0;
  private current: CorpusSnapshot;

  constructor(
    private readonly service: PolicyService,
    private readonly events: IndexEvents,
    private readonly locale: string,
  ) {
    this.current = service.assemble([], service.minePhrases([]));
  }

  get snapshot(): CorpusSnapshot {
    return this.current;
  }

  get indexing(): boolean {
    return this.running !== undefined;
  }

  /** Queues an index of these files; a newer request supersedes a queued one. */
  request(paths: string[], fresh = false): void {
    this.pending = { id: this.nextId++, paths, fresh: fresh || (this.pending?.fresh ?? false) };
    this.pump();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(join(__dirname, 'indexWorker.js'));
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
    return worker;
  }

  private pump(): void {
    if (this.running !== undefined || !this.pending) return;
    const req = this.pending;
    this.pending = undefined;
    this.running = req.id;
    this.startedAt = Date.now();
    const msg: IndexRequest = { id: req.id, paths: req.paths, locale: this.locale, fresh: req.fresh };
    this.ensureWorker().postMessage(msg);
  }

  private onMessage(m: IndexReply): void {
    if (m.id !== this.running) return;
    if (m.type === 'progress') {
      this.events.onProgress(m.done, m.total, m.file);
      return;
    }
    this.running = undefined;
    if (m.type === 'error') this.events.onError(m.message);
    else {
      try {
        this.current = this.service.assemble(m.result.files, m.result.phrases);
        this.events.onSwap(this.current, m.result, Date.now() - this.startedAt);
      } catch (e) {
        this.events.onError((e as Error).stack ?? String(e));
      }
    }
    this.pump();
  }

  dispose(): void {
    void this.worker?.terminate();
  }
}
