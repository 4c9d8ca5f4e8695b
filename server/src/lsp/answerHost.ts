// The request thread's side of the answer worker (lsp/answerWorker.ts): hover, completion and
// document symbols are computed there, so this thread never loads the engine for them. It keeps what
// the worker needs in step (each draft's text once per version, the index answer of its last check,
// the team libraries, the live index) and resends all of it to a new worker after a failure.
import type { MessagePort, Worker } from 'node:worker_threads';
import type { CorpusStats } from '../core/corpus/snapshot';
import type { HeadingSymbol } from '../core/headings';
import type { CompletionResult, HoverResult } from '../core/model';
import type { PhraseLibrary } from '../core/phrases';
import type { PartialCorpus } from '../core/store';
import type { PhraseMeta, PhraseRows } from '../core/store/phrases';
import type { AnswerReply, AnswerRequest } from './answerWorker';
import { spawnAnswerWorker } from './workers';

type Waiting = (reply: AnswerReply | undefined) => void;

export class AnswerHost {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  /** The version of each draft's text the worker holds. */
  private readonly sent = new Map<string, number>();
  private readonly corpora = new Map<string, PartialCorpus>();
  private libraries: Extract<AnswerRequest, { type: 'libraries' }> = { type: 'libraries', libraries: [], builtin: false };
  private live: Extract<AnswerRequest, { type: 'live' }> | undefined;
  private warmAsked = false;
  private disposed = false;
  /** True once hover's tables are built (before that a hover on a draft no check has read an index for says only that). */
  warm = false;
  /** The shipped table's entries the checks read, when it has any (the edge passes them to the check worker). */
  onBuiltinChecked?: (lib: PhraseLibrary) => void;

  /**
   * @param newPhrasePort a new port to the index worker's phrases (each worker gets its own; the
   *   index worker answers the last one it was given)
   */
  constructor(
    private readonly locale: string,
    private readonly onError: (message: string) => void,
    private readonly newPhrasePort: () => MessagePort | undefined,
  ) {}

  start(): void {
    this.ensure();
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnAnswerWorker(this.locale);
    worker.on('message', (m: AnswerReply) => this.onMessage(m));
    worker.on('error', e => {
      this.onError(e.stack ?? String(e));
      this.lost(worker);
    });
    worker.on('exit', () => this.lost(worker));
    worker.unref();
    this.worker = worker;
    this.warm = false;
    // what the previous worker held
    this.sent.clear();
    worker.postMessage(this.libraries satisfies AnswerRequest);
    if (this.live) worker.postMessage(this.live);
    for (const [uri, partial] of this.corpora) worker.postMessage({ type: 'corpus', uri, partial } satisfies AnswerRequest);
    this.resetPhrases();
    if (this.warmAsked) worker.postMessage({ type: 'warm' } satisfies AnswerRequest);
    return worker;
  }

  private lost(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const w of [...this.waiting.values()]) w(undefined);
    this.waiting.clear();
  }

  private onMessage(m: AnswerReply): void {
    if (m.type === 'warm') {
      this.warm = true;
      return;
    }
    if (m.type === 'builtin') {
      if (m.checked) this.onBuiltinChecked?.(m.checked);
      return;
    }
    this.waiting.get(m.id)?.(m);
  }

  private post(m: AnswerRequest, transfer?: MessagePort[]): void {
    if (this.disposed) return;
    try {
      this.ensure().postMessage(m, transfer);
    } catch {
      /* a worker that is gone: the next request starts a new one */
    }
  }

  private request<T extends AnswerReply['type']>(m: Extract<AnswerRequest, { id: number }>, text: { version: number; text: () => string }): Promise<Extract<AnswerReply, { type: T }> | undefined> {
    if (this.disposed) return Promise.resolve(undefined);
    this.ensure();
    if (this.sent.get(m.uri) !== text.version) {
      this.post({ type: 'text', uri: m.uri, version: text.version, text: text.text() });
      this.sent.set(m.uri, text.version);
    }
    return new Promise(resolve => {
      this.waiting.set(m.id, reply => {
        this.waiting.delete(m.id);
        if (reply?.type === 'error') this.onError(reply.message);
        resolve(reply?.type === 'error' ? undefined : (reply as Extract<AnswerReply, { type: T }> | undefined));
      });
      this.post(m);
    });
  }

  async hover(uri: string, doc: { version: number; text: () => string }, offset: number, source: string | undefined, corpus: boolean): Promise<HoverResult | null> {
    const r = await this.request<'hover'>({ type: 'hover', id: this.nextId++, uri, offset, source, corpus }, doc);
    return r?.hover ?? null;
  }

  async complete(uri: string, doc: { version: number; text: () => string }, offset: number, office?: { meta: PhraseMeta; rows: PhraseRows }): Promise<{ items: CompletionResult[]; mining: boolean }> {
    const r = await this.request<'complete'>({ type: 'complete', id: this.nextId++, uri, offset, ...(office ? { office } : {}) }, doc);
    return r ? { items: r.items, mining: r.mining } : { items: [], mining: false };
  }

  async symbols(uri: string, doc: { version: number; text: () => string }): Promise<HeadingSymbol[]> {
    const r = await this.request<'symbols'>({ type: 'symbols', id: this.nextId++, uri }, doc);
    return r?.symbols ?? [];
  }

  /** The index answer a draft's last check read (hovers read it), or none. */
  setCorpus(uri: string, partial: PartialCorpus | undefined): void {
    if (partial) this.corpora.set(uri, partial);
    else this.corpora.delete(uri);
    this.post({ type: 'corpus', uri, ...(partial ? { partial } : {}) });
  }

  close(uri: string): void {
    this.corpora.delete(uri);
    this.sent.delete(uri);
    this.post({ type: 'close', uri });
  }

  setLibraries(libraries: PhraseLibrary[], builtin: boolean): void {
    this.libraries = { type: 'libraries', libraries, builtin };
    this.post(this.libraries);
  }

  setLive(generation: number, stats: CorpusStats): void {
    this.live = { type: 'live', generation, stats };
    this.post(this.live);
  }

  /** Gives the worker a new port to the index worker's phrases (a new index worker, or a new answer worker). */
  resetPhrases(): void {
    if (!this.worker) return;
    const port = this.newPhrasePort();
    if (port) this.post({ type: 'phrase-port', port }, [port]);
  }

  /** Builds hover's tables, then reads the shipped table (idle time). */
  warmUp(): void {
    if (this.warmAsked) return;
    this.warmAsked = true;
    this.post({ type: 'warm' });
  }

  /** Asks for the live index's phrases now: the index worker mines them in the background. */
  warmPhrases(): void {
    this.post({ type: 'warm-phrases' });
  }

  dispose(): Promise<boolean> {
    this.disposed = true;
    for (const w of [...this.waiting.values()]) w(undefined);
    this.waiting.clear();
    const w = this.worker;
    this.worker = undefined;
    return w ? w.terminate().then(() => true, () => true) : Promise.resolve(true);
  }
}
