// Runs the index worker, which builds the corpus analyses off the request path and keeps the one
// local index; reports progress and what the live index holds. This thread never holds the index:
// the check worker asks the index worker for each draft's documents and mentions (attachCheckPort)
// and posts back what a check read, which hovers read. Completion asks the index worker for the
// phrases of the typed prefixes, as it would ask the office index (this thread never holds them all).
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import type { CorpusReport } from '../core/corpus/report';
import type { CorpusSnapshot, CorpusStats } from '../core/corpus/snapshot';
import type { PolicyService } from '../core/service';
import type { PhraseMeta, PhraseRows } from '../core/store/phrases';
import type {
  AttachPhrasesRequest, AttachRequest, IndexReply, IndexRequest, IndexSummary, PhraseAnswer, PhraseQuery, ReportRequest,
} from '../indexWorker';
import { terminateWithin } from './checkHost';
import { spawnIndexWorker, type EarlyWorker } from './workers';

export interface IndexEvents {
  onProgress(done: number, total: number, file?: string): void;
  onSwap(stats: CorpusStats, result: IndexSummary, millis: number, segmenter?: { kind: string; description: string }): void;
  onError(message: string): void;
  /**
   * The index worker died (and the live index with it): the check worker's port to it is gone. The
   * edge starts a new check worker (its port goes to the next index worker) and indexes again.
   */
  onWorkerLost?(): void;
}

const NO_STATS: CorpusStats = { files: 0, skippedFiles: 0, documents: 0, characters: 0 };

/** What completion needs of the engine bundle (lsp/engine.ts; this module stays out of it). */
export interface CompletionEngine {
  completionPrefixes(text: string, offset: number, meta: PhraseMeta, heads: ReadonlySet<string>): string[];
  completionSnapshot(service: PolicyService, meta: PhraseMeta, rows: PhraseRows, stats: CorpusStats): CorpusSnapshot;
}

/**
 * A completion that waits longer for the index worker (busy reading a new index) answers without the
 * corpus phrases. The first question of an index waits for its phrases to be mined (once, soon after
 * the index is ready: warmCompletion).
 */
const PHRASES_TIMEOUT_MS = 2_000;
const MINING_TIMEOUT_MS = 120_000;

export class CorpusManager {
  private worker: Worker | undefined;
  private nextId = 1;
  private pending: { id: number; paths: string[]; fresh: boolean } | undefined;
  private running: number | undefined;
  private startedAt = 0;
  private checkPort: MessagePort | undefined;
  private generationValue = 0;
  private live: { stats: CorpusStats; sources: Set<string> } | undefined;
  /** The port completion asks the index worker's phrases over, and the questions waiting for an answer. */
  private phrasePort: MessagePort | undefined;
  private nextQuery = 1;
  private readonly queries = new Map<number, (a: PhraseAnswer | undefined) => void>();
  /** The live index's phrase meta (asked once per index), and the last completion's answer (the same prefixes again). */
  private phraseMeta: { generation: number; meta: PhraseMeta; heads: Set<string> } | undefined;
  private lastCompletion: { generation: number; key: string; snapshot: CorpusSnapshot } | undefined;
  private emptyValue: CorpusSnapshot | undefined;
  private reports = new Map<number, (r: CorpusReport | undefined) => void>();
  /** Files done / total of the index being built. */
  progress = { done: 0, total: 0 };

  constructor(
    private readonly service: () => PolicyService,
    private readonly events: IndexEvents,
    private readonly locale: string,
    /** A worker the entry started already (lsp/start.ts): its bundle is loaded by the first request. */
    private early?: EarlyWorker,
    private readonly engine?: () => CompletionEngine,
  ) {}

  /** An index holding nothing (before the first index, and where a draft has no answer yet). */
  get empty(): CorpusSnapshot {
    return (this.emptyValue ??= this.service().assemble([], this.service().minePhrases([])));
  }

  /**
   * What a completion at `offset` reads: the live index's phrases for the prefixes typed there and, of
   * the documents they cite, titles and the windows of text their examples are cut from, asked of the
   * index worker (as of the office index: only the prefixes are sent). Before the first index, or when
   * the index worker does not answer in time, an index without corpus phrases.
   */
  async completionFor(text: string, offset: number): Promise<CorpusSnapshot> {
    const engine = this.engine?.();
    if (!engine || !this.ready) return this.empty;
    const meta = await this.liveMeta();
    if (!meta) return this.empty;
    const prefixes = engine.completionPrefixes(text, offset, meta.meta, meta.heads);
    const key = prefixes.join('\n');
    const last = this.lastCompletion;
    if (last && last.generation === meta.generation && last.key === key) return last.snapshot;
    const a = await this.ask({ op: 'rows', prefixes });
    if (!a?.rows || a.generation !== meta.generation) return this.empty;
    const snapshot = engine.completionSnapshot(this.service(), meta.meta, a.rows, this.live?.stats ?? NO_STATS);
    this.lastCompletion = { generation: meta.generation, key, snapshot };
    return snapshot;
  }

  /** Asks the index worker to read the live index's phrases now (idle time), so the first completion does not wait for it. */
  warmCompletion(): void {
    if (this.ready) void this.liveMeta();
  }

  /** The meta question in flight (it waits for the phrases to be mined, once per index; completions meanwhile wait for it too). */
  private metaAsked: { generation: number; answer: Promise<CorpusManager['phraseMeta']> } | undefined;

  private async liveMeta(): Promise<CorpusManager['phraseMeta']> {
    if (this.phraseMeta?.generation === this.generationValue) return this.phraseMeta;
    const asked = this.metaAsked;
    if (asked?.generation === this.generationValue) return asked.answer;
    const generation = this.generationValue;
    const answer = this.ask({ op: 'meta' }, MINING_TIMEOUT_MS).then(a => {
      if (this.metaAsked?.answer === answer) this.metaAsked = undefined;
      if (!a?.meta) return undefined;
      if (this.phraseMeta?.generation !== a.generation) this.phraseMeta = { generation: a.generation, meta: a.meta, heads: new Set(a.meta.heads) };
      return this.phraseMeta;
    });
    this.metaAsked = { generation, answer };
    return answer;
  }

  private ask(q: { op: 'meta' } | { op: 'rows'; prefixes: string[] }, timeoutMs = PHRASES_TIMEOUT_MS): Promise<PhraseAnswer | undefined> {
    this.ensureWorker();
    const port = this.phrasePort;
    if (!port) return Promise.resolve(undefined);
    const id = this.nextQuery++;
    return new Promise(resolve => {
      const timer = setTimeout(() => done(undefined), timeoutMs);
      const done = (a: PhraseAnswer | undefined) => {
        clearTimeout(timer);
        this.queries.delete(id);
        resolve(a);
      };
      this.queries.set(id, done);
      try {
        port.postMessage({ type: 'phrases', id, ...q } as PhraseQuery);
      } catch {
        done(undefined);
      }
    });
  }

  private dropQueries(): void {
    for (const q of [...this.queries.values()]) q(undefined);
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
      for (const r of this.reports.values()) r(undefined);
      this.reports.clear();
      this.generationValue = 0;
      this.live = undefined;
      this.phraseMeta = undefined;
      this.lastCompletion = undefined;
      this.phrasePort?.close();
      this.phrasePort = undefined;
      this.dropQueries();
      this.pump();
      this.events.onWorkerLost?.();
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    worker.unref();
    this.worker = worker;
    // completion's questions to this worker
    const { port1, port2 } = new MessageChannel();
    this.phrasePort?.close();
    this.dropQueries();
    this.phrasePort = port1;
    port1.on('message', (a: PhraseAnswer) => this.queries.get(a.id)?.(a));
    port1.unref();
    worker.postMessage({ type: 'attach-phrases', port: port2 } satisfies AttachPhrasesRequest, [port2]);
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
    if (m.type === 'report') {
      this.reports.get(m.id)?.(m.report);
      this.reports.delete(m.id);
      return;
    }
    if (m.id !== this.running) return;
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
    this.phrasePort?.close();
    this.phrasePort = undefined;
    this.dropQueries();
    for (const r of this.reports.values()) r(undefined);
    this.reports.clear();
    void this.early?.worker.terminate();
    this.early = undefined;
    const w = this.worker;
    this.worker = undefined;
    return terminateWithin(w, 400);
  }
}
