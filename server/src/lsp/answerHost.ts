// The request thread's side of the answer worker (lsp/answerWorker.ts): hover, completion and
// document symbols are computed there, so this thread never loads the engine for them. It keeps what
// the worker needs in step (each draft's text once per version, the index answer of its last check,
// the team libraries, the live index) and resends all of it to a new worker after a failure.
import type { MessagePort, Worker } from 'node:worker_threads';
import type { CorpusReport } from '../core/corpus/report';
import type { CorpusStats } from '../core/corpus/snapshot';
import type { HeadingSymbol } from '../core/headings';
import type { CompletionResult, HoverResult } from '../core/model';
import type { PhraseLibrary } from '../core/phrases';
import type { PartialCorpus } from '../core/store';
import type { PhraseMeta, PhraseRows } from '../core/store/phrases';
import type { TeamFileProblem } from '../node/teamFiles';
import type { AnswerReply, AnswerRequest } from './answerWorker';
import { spawnAnswerWorker } from './workers';

type Waiting = (reply: AnswerReply | undefined) => void;

/**
 * The two answer workers: hover (and document symbols, the corpus report) in one, completion (the
 * phrase table, the index worker's phrases, the team libraries) in the other, so reading the shipped
 * table (1.5-3 s of CPU under load) never holds a hover, nor a hover a completion.
 */
export type AnswerPart = 'hover' | 'complete';

interface PartState {
  worker?: Worker;
  readonly waiting: Map<number, Waiting>;
  /** The version of each draft's text the worker holds. */
  readonly sent: Map<string, number>;
}

export class AnswerHost {
  private nextId = 1;
  private readonly parts: Record<AnswerPart, PartState> = {
    hover: { waiting: new Map(), sent: new Map() },
    complete: { waiting: new Map(), sent: new Map() },
  };
  private readonly corpora = new Map<string, PartialCorpus>();
  private libraries: Extract<AnswerRequest, { type: 'libraries' }> = { type: 'libraries', libraries: [], builtin: false };
  private live: Extract<AnswerRequest, { type: 'live' }> | undefined;
  private readonly warmAsked: Record<AnswerPart, boolean> = { hover: false, complete: false };
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

  private ensure(part: AnswerPart): Worker {
    const state = this.parts[part];
    if (state.worker) return state.worker;
    const worker = spawnAnswerWorker(this.locale, part);
    worker.on('message', (m: AnswerReply) => this.onMessage(part, m));
    worker.on('error', e => {
      this.onError(e.stack ?? String(e));
      this.lost(part, worker);
    });
    worker.on('exit', () => this.lost(part, worker));
    worker.unref();
    state.worker = worker;
    // what the previous worker held
    state.sent.clear();
    if (part === 'hover') {
      this.warm = false;
      for (const [uri, partial] of this.corpora) worker.postMessage({ type: 'corpus', uri, partial } satisfies AnswerRequest);
    } else {
      worker.postMessage(this.libraries satisfies AnswerRequest);
      if (this.live) worker.postMessage(this.live);
      this.resetPhrases();
    }
    if (this.warmAsked[part]) worker.postMessage({ type: 'warm' } satisfies AnswerRequest);
    return worker;
  }

  private lost(part: AnswerPart, worker: Worker): void {
    const state = this.parts[part];
    if (state.worker !== worker) return;
    state.worker = undefined;
    for (const w of [...state.waiting.values()]) w(undefined);
    state.waiting.clear();
  }

  private onMessage(part: AnswerPart, m: AnswerReply): void {
    if (m.type === 'warm') {
      if (part === 'hover') this.warm = true;
      return;
    }
    if (m.type === 'builtin') {
      if (m.checked) this.onBuiltinChecked?.(m.checked);
      return;
    }
    this.parts[part].waiting.get(m.id)?.(m);
  }

  private post(part: AnswerPart, m: AnswerRequest, transfer?: MessagePort[]): void {
    if (this.disposed) return;
    try {
      this.ensure(part).postMessage(m, transfer);
    } catch {
      /* a worker that is gone: the next request starts a new one */
    }
  }

  /** Posts to the part's worker only when it runs (a worker started later is given the state it needs). */
  private postIfRunning(part: AnswerPart, m: AnswerRequest): void {
    const w = this.parts[part].worker;
    if (!w || this.disposed) return;
    try {
      w.postMessage(m);
    } catch {
      /* gone */
    }
  }

  private request<T extends AnswerReply['type']>(
    part: AnswerPart, m: Extract<AnswerRequest, { id: number }>, text?: { version: number; text: () => string },
  ): Promise<Extract<AnswerReply, { type: T }> | undefined> {
    if (this.disposed) return Promise.resolve(undefined);
    const state = this.parts[part];
    this.ensure(part);
    if (text && 'uri' in m && state.sent.get(m.uri) !== text.version) {
      this.post(part, { type: 'text', uri: m.uri, version: text.version, text: text.text() });
      state.sent.set(m.uri, text.version);
    }
    return new Promise(resolve => {
      state.waiting.set(m.id, reply => {
        state.waiting.delete(m.id);
        if (reply?.type === 'error') this.onError(reply.message);
        resolve(reply?.type === 'error' ? undefined : (reply as Extract<AnswerReply, { type: T }> | undefined));
      });
      this.post(part, m);
    });
  }

  async hover(uri: string, doc: { version: number; text: () => string }, offset: number, source: string | undefined, corpus: boolean): Promise<HoverResult | null> {
    const r = await this.request<'hover'>('hover', { type: 'hover', id: this.nextId++, uri, offset, source, corpus }, doc);
    return r?.hover ?? null;
  }

  async complete(uri: string, doc: { version: number; text: () => string }, offset: number, office?: { meta: PhraseMeta; rows: PhraseRows }): Promise<{ items: CompletionResult[]; mining: boolean }> {
    const r = await this.request<'complete'>('complete', { type: 'complete', id: this.nextId++, uri, offset, ...(office ? { office } : {}) }, doc);
    return r ? { items: r.items, mining: r.mining } : { items: [], mining: false };
  }

  async symbols(uri: string, doc: { version: number; text: () => string }): Promise<HeadingSymbol[]> {
    const r = await this.request<'symbols'>('hover', { type: 'symbols', id: this.nextId++, uri }, doc);
    return r?.symbols ?? [];
  }

  /**
   * Reads and parses the team phrase libraries in the worker (the engine is never loaded on the
   * request thread): the libraries (the worker completes from them from now on) and the files it
   * could not read.
   */
  async parseLibraries(files: string[], builtin: boolean): Promise<{ libraries: PhraseLibrary[]; problems: TeamFileProblem[] }> {
    const r = await this.request<'libraries'>('complete', { type: 'parse-libraries', id: this.nextId++, files, builtin });
    const out = r ? { libraries: r.libraries, problems: r.problems } : { libraries: [], problems: [] };
    // (a new worker after a failure gets them as they are)
    this.libraries = { type: 'libraries', libraries: out.libraries, builtin };
    return out;
  }

  /** A library file's text with a phrase added (undefined: the worker failed). */
  async addToLibrary(path: string, text: string, phrase: string): Promise<string | undefined> {
    return (await this.request<'text'>('complete', { type: 'add-to-library', id: this.nextId++, path, text, phrase }))?.text;
  }

  /** The corpus report as text in the writer's language. */
  async formatReport(report: CorpusReport): Promise<string> {
    return (await this.request<'text'>('hover', { type: 'format-report', id: this.nextId++, report }))?.text ?? '';
  }

  /** The index answer a draft's last check read (hovers read it), or none. */
  setCorpus(uri: string, partial: PartialCorpus | undefined): void {
    if (partial) this.corpora.set(uri, partial);
    else this.corpora.delete(uri);
    this.postIfRunning('hover', { type: 'corpus', uri, ...(partial ? { partial } : {}) });
  }

  close(uri: string): void {
    this.corpora.delete(uri);
    for (const state of Object.values(this.parts)) {
      state.sent.delete(uri);
      state.worker?.postMessage({ type: 'close', uri } satisfies AnswerRequest);
    }
  }

  setLibraries(libraries: PhraseLibrary[], builtin: boolean): void {
    this.libraries = { type: 'libraries', libraries, builtin };
    this.postIfRunning('complete', this.libraries);
  }

  setLive(generation: number, stats: CorpusStats): void {
    this.live = { type: 'live', generation, stats };
    this.postIfRunning('complete', this.live);
  }

  /** Gives the worker a new port to the index worker's phrases (a new index worker, or a new answer worker). */
  resetPhrases(): void {
    if (!this.parts.complete.worker) return;
    const port = this.newPhrasePort();
    if (port) this.post('complete', { type: 'phrase-port', port }, [port]);
  }

  /** Builds what hover reads, or what completion reads and the shipped table (idle time). */
  warmUp(part: AnswerPart): void {
    if (this.warmAsked[part]) return;
    this.warmAsked[part] = true;
    this.post(part, { type: 'warm' });
  }

  /**
   * Asks for the live index's phrases now (the index worker mines them in the background) and warms
   * completion: once the first corpus diagnostics are out, so neither competes with the first check.
   */
  warmPhrases(): void {
    this.post('complete', { type: 'warm-phrases' });
    this.warmUp('complete');
  }

  dispose(): Promise<boolean> {
    this.disposed = true;
    const ends: Array<Promise<boolean>> = [];
    for (const state of Object.values(this.parts)) {
      for (const w of [...state.waiting.values()]) w(undefined);
      state.waiting.clear();
      const w = state.worker;
      state.worker = undefined;
      if (w) ends.push(w.terminate().then(() => true, () => true));
    }
    return Promise.all(ends).then(() => true);
  }
}
