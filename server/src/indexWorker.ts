// The server's two worker threads, one bundle (workerData.role picks the part):
// - 'index' builds corpus analyses, so segmentation and extraction never block requests, and keeps
//   the one local index: the analyses of the last index with their lookup keys (MemoryIndexReader).
//   It is the only thread that holds the corpus; the check worker asks it for the documents and
//   mentions of a draft's keys over a MessagePort (answered between files while a new index is
//   read). It is the only thread that may segment (and so load the dictionaries), and only for
//   files not in the cache.
// - 'check' runs the draft checks off the thread that answers hover and completion. For each draft it
//   computes the lookup keys, asks the index worker (or the office index), assembles the small
//   snapshot that answers that draft as the whole index would (core/store partialFromReader), checks,
//   and posts the answer it used to the request thread, whose hovers read it. Checks are cancelled
//   through a shared flag array (a newer edit, $/cancelRequest).
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { leanAnalyses, restoreAnalyses } from './core/corpus/lean';
import type { CorpusSnapshot, CorpusStats, FileAnalysis } from './core/corpus/snapshot';
import { describeCorpus, type CorpusReport } from './core/corpus/report';
import type { PhraseLibrary } from './core/phrases';
import { type CheckSeverity, type PolicyService, WARM_UP_TEXTS } from './core/service';
import type { HeadingOptions } from './core/headings';
import {
  assemblePartial, checkWithReader, partialFromReader,
  type IndexReader, type PartialCorpus, type SnapshotCache, type StoredDocument, type StoredMention,
} from './core/store';
import { digest, docLookups } from './core/store/keys';
import { MemoryIndexReader, PhraseRowsReader } from './core/store/memory';
import type { PhraseMeta, PhraseRows } from './core/store/phrases';
import type { Finding } from './core/types';
import { resolveCorpusPaths } from './node/corpusFiles';
import { createNodeService } from './node/environment';
import { runExtractWorker, type ExtractWorkerData } from './node/extractPool';
import { indexCorpus, type IndexProgress, type IndexResult } from './node/indexer';
import { describeChoice, expectedSegmenter, segmenterChoice } from './node/segmenter';
import { recordPending } from './node/pack';
import { trace } from './node/trace';
import { runAnswerWorker } from './lsp/answerWorker';

export interface IndexRequest {
  type?: 'index';
  id: number;
  paths: string[];
  /**
   * Corpus entries (folders, files, globs) resolved here against `base` and added to `paths` (walking
   * a large corpus folder takes a while: not on the request thread). Those that match nothing are
   * posted back ('resolved').
   */
  entries?: { list: string[]; base: string };
  locale?: string;
  /** Forget previous analyses and the disk cache (the "rebuild index" command). */
  fresh?: boolean;
  cacheDir?: string | null;
}

/** Gives the index worker the port of a (new) check worker; the live index is announced to it at once. */
export interface AttachRequest {
  type: 'attach';
  port: MessagePort;
}

/** Gives the index worker the port completion asks the live index's phrases over (PhraseQuery). */
export interface AttachPhrasesRequest {
  type: 'attach-phrases';
  port: MessagePort;
}

/**
 * What completion asks of the live index's mined phrases (as of the office index: core/store/phrases.ts):
 * their meta (the prefixes worth asking), and the keys starting with some typed prefixes with their phrases.
 */
export type PhraseQuery = { type: 'phrases'; id: number } & ({ op: 'meta' } | { op: 'rows'; prefixes: string[] });
export interface PhraseAnswer {
  type: 'phrases';
  /** 0: not an answer but a notice: mining the phrases of `generation` ended (ask again). */
  id: number;
  /** The index that answered (0: none yet: nothing to complete from). */
  generation: number;
  meta?: PhraseMeta;
  rows?: PhraseRows;
  /** The live index's phrases are being mined: asked again later (a question never waits for mining). */
  mining?: boolean;
  error?: string;
}

/** What the corpus report command shows (describeCorpus of the live index). */
export interface ReportRequest {
  type: 'report';
  id: number;
}

/** What the request thread gets of a new index: counts and sources, never the analyses nor the phrases (completion asks for them). */
export interface IndexSummary extends Omit<IndexResult, 'files' | 'phrases' | 'keyed' | 'gramTotals'> {
  stats: CorpusStats;
  sources: string[];
}

export type IndexReply =
  | { id: number; type: 'progress'; done: number; total: number; file?: string }
  /** The request's corpus entries were resolved: so many files, and the entries that matched nothing. */
  | { id: number; type: 'resolved'; total: number; missing: string[] }
  | { id: number; type: 'done'; result: IndexSummary; segmenter?: { kind: string; description: string } }
  | { id: number; type: 'error'; message: string }
  | { id: number; type: 'report'; report: CorpusReport };

/** From the index worker to the check worker: the live index (generation = index request id). */
export interface ReaderMessage {
  type: 'reader';
  generation: number;
  stats: CorpusStats;
  commonGrams: string[];
}

/** A lookup the check worker sends the index worker, and its answer. */
export type LookupQuery =
  | { op: 'ids'; figureKeys: string[]; claimKeys: string[] }
  | { op: 'docs'; ids: string[] }
  | { op: 'mentions'; names: string[]; codes: string[] };
export type LookupRequest = { type: 'lookup'; id: number } & LookupQuery;
export interface LookupAnswer {
  type: 'answer';
  id: number;
  /** The generation that answered (a lookup answered by a newer index than the check began with is asked again). */
  generation: number;
  value?: string[] | StoredDocument[] | StoredMention[];
  error?: string;
}

/** The office index's phrase rows for a completion, as the check worker posts them (assemblePhrases makes the phrase index). */
export interface OfficeCompletion {
  meta: PhraseMeta;
  rows: PhraseRows;
}

export type CheckRequest =
  | { type: 'team'; version: number; libraries: PhraseLibrary[]; teamRegions: string[] }
  /** The office index (policyDraft.corpus.database) the checks ask first, or none. */
  | { type: 'office'; url?: string }
  /**
   * Completion's phrase lookups in the office index, on this worker's connection pool (the editor's
   * only one): the text around the cursor on its line (what completionPrefixes reads) and the cursor in it.
   */
  | { type: 'complete'; id: number; text: string; offset: number }
  | {
      type: 'check';
      id: number;
      /** The document the check is of (the answer posted back is per key: only when it changed). */
      key?: string;
      /** The corpus generation this check must see (0: whatever the worker has). */
      generation: number;
      teamVersion: number;
      text: string;
      severities: Record<string, CheckSeverity>;
      headings?: HeadingOptions;
      source?: string;
      /** The office index's answer for this draft: the check reads it instead of the local index. */
      corpus?: PartialCorpus;
      /** The signature of the index answer the request thread holds for this key (not sent again). */
      held?: string;
    };

export type CheckReply =
  | {
      type: 'result'; id: number; findings: Finding[]; generation: number; millis: number;
      /** The index answer the check read (for hover), when it differs from the last one posted for this key. */
      corpus?: PartialCorpus;
      /** Identifies the index answer the check read (undefined: it read no index). */
      signature?: string;
      /** Which index answered: the office index, the local one standing in for it, or the local one (none set). */
      source: 'office' | 'fallback' | 'local';
    }
  /** The office index stopped or started answering (the request thread tells the writer). */
  | { type: 'office-status'; database: boolean; message?: string }
  /** The office index's phrase rows for a completion (none: no office index, or it did not answer). */
  | { type: 'completion'; id: number; answer?: OfficeCompletion }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; message: string }
  | { type: 'snapshot'; generation: number }
  /** A lookup of the local index failed (the check ran without the corpus): shown to the writer. */
  | { type: 'lookup-failed'; message: string }
  /** The check began (the host times a cancelled check from here, not from when it was queued). */
  | { type: 'started'; id: number };

export interface WorkerData {
  /**
   * 'extract': figures and region mentions for corpus indexing (node/extractPool.ts); 'answer':
   * hover, completion and document symbols (lsp/answerWorker.ts).
   */
  role: 'index' | 'check' | 'extract' | 'answer';
  locale?: string;
  /** answer: which requests it answers (lsp/answerHost.ts AnswerPart). */
  part?: 'hover' | 'complete';
  /** check: Int32Array slots; slot id % length holds id when check `id` is cancelled. */
  cancelFlags?: SharedArrayBuffer;
  /** check: the port to the index worker (lookups, and which index is live). */
  snapshots?: MessagePort;
}

const data = (workerData ?? { role: 'index' }) as WorkerData;

function runIndexWorker(): void {
  trace('index worker: bundle loaded');
  let service: PolicyService | undefined;
  // The analyses of the last index are kept for the next one only when the disk cache could not
  // take them. The live index (reader) keeps the pack's lazy analyses as they are (a record is read
  // when a lookup returns one of its documents) and its key maps from the lookup records stored with
  // them; without a pack it keeps a lean copy: no token lengths, no mentions (its mention rows hold
  // what the checks read of them).
  let previous: FileAnalysis[] = [];
  let live: { generation: number; reader: MemoryIndexReader; phrases: PhraseRowsReader; prepare: IndexResult['preparePhrases'] } | undefined;
  let checkPort: MessagePort | undefined;
  let phrasePort: MessagePort | undefined;

  const announce = (port: MessagePort) => {
    if (!live) return;
    try {
      port.postMessage({ type: 'reader', generation: live.generation, stats: live.reader.statsNow, commonGrams: live.reader.commonNow } satisfies ReaderMessage);
    } catch {
      /* a closed port: its check worker is gone */
    }
  };
  const answer = (port: MessagePort, m: LookupRequest) => {
    let reply: LookupAnswer;
    try {
      const r = live?.reader;
      const value = !r ? []
        : m.op === 'ids' ? r.documentIds(m.figureKeys, m.claimKeys)
        : m.op === 'docs' ? r.documentsById(m.ids)
        : r.mentionRows(m.names, m.codes);
      reply = { type: 'answer', id: m.id, generation: live?.generation ?? 0, value };
    } catch (e) {
      reply = { type: 'answer', id: m.id, generation: live?.generation ?? 0, error: (e as Error).message };
    }
    try {
      port.postMessage(reply);
    } catch {
      /* gone */
    }
  };
  let mining = false;
  /** Mines the live index's phrases (once; lookups are answered between files meanwhile, phrase questions with `mining`). */
  const mine = () => {
    const current = live;
    if (!current || current.phrases.loaded || mining) return;
    mining = true;
    trace(`index worker: mining the phrases of index ${current.generation}`);
    // in a process of its own when the pack was written (nodejieba never loads here), else on this thread
    setImmediate(() => void current.prepare(p => trace(`index worker: mining ${p.done}/${p.total}`)).catch(() => undefined).then(() => {
      try {
        // (a newer index went live meanwhile: its phrases are mined when asked)
        if (live === current) current.phrases.meta();
      } catch {
        /* mined again when next asked */
      } finally {
        mining = false;
      }
      // completion stops saying they are coming, and asks again
      try {
        phrasePort?.postMessage({ type: 'phrases', id: 0, generation: current.generation } satisfies PhraseAnswer);
      } catch {
        /* gone */
      }
    }));
  };
  const answerPhrases = (port: MessagePort, m: PhraseQuery) => {
    let reply: PhraseAnswer;
    try {
      const p = live?.phrases;
      reply = { type: 'phrases', id: m.id, generation: live?.generation ?? 0 };
      // not mined yet: answered at once, and mined in the background (completion asks again later)
      if (p && (!p.loaded || mining)) {
        reply.mining = true;
        mine();
      } else if (p && m.op === 'meta') reply.meta = p.meta();
      else if (p && m.op === 'rows') reply.rows = p.rows(m.prefixes);
    } catch (e) {
      reply = { type: 'phrases', id: m.id, generation: live?.generation ?? 0, error: (e as Error).message };
    }
    try {
      port.postMessage(reply);
    } catch {
      /* gone */
    }
  };
  /** Answers the lookups and completions waiting (called between files while an index is read: this thread is busy then). */
  const drain = () => {
    const port = checkPort;
    if (port) for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) answer(port, m.message as LookupRequest);
    // (while phrases are mined, a phrase question is answered `mining` at once)
    const pp = phrasePort;
    if (pp) for (let m = receiveMessageOnPort(pp); m; m = receiveMessageOnPort(pp)) answerPhrases(pp, m.message as PhraseQuery);
  };

  const index = (req: IndexRequest, onProgress?: (p: IndexProgress) => void): IndexSummary => {
    service ??= createNodeService(req.locale);
    if (req.fresh) previous = [];
    // Staged: the index is live once every file's figures, mentions and lookup records are in (all the
    // checks read); phrases are mined (segmenting) when completion first asks for them, answering
    // lookups between files meanwhile.
    const result = indexCorpus(service, req.paths, {
      previous, cacheDir: req.fresh ? null : req.cacheDir, onProgress, locale: req.locale, phrases: 'later', onMiningStep: drain,
    });
    previous = result.packed ? [] : result.files;
    // Phrases are mined: the index needs no token lengths, nor a second copy of each text. Analyses
    // read from the pack are kept as they are (lazy: a record is inflated only when a lookup returns
    // one of its documents); the reader is built from the lookup records stored with their summaries.
    const packed = result.packed;
    const files = packed ? result.files : restoreAnalyses(leanAnalyses(result.files));
    // the full analyses (token lengths) can go before the keys are built
    (result as { files: FileAnalysis[] }).files = [];
    trace(`index worker: index ${req.id} analysed`);
    drain();
    const gaz = service;
    // (the common grams from the pack's totals: no document's gram counts are read)
    const reader = new MemoryIndexReader(files, () => gaz.gazetteer, String(req.id), { keyed: result.keyed, gramTotals: result.gramTotals });
    trace(`index worker: key maps ${reader.keyedGiven ? 'read from the pack' : 'built from the lookup records'}`);
    // what the checks never read of an analysis held in memory (a pending record stays unread)
    for (const f of files) {
      if (packed && recordPending(f)) continue;
      f.mentions = [];
      if (packed) f.tokenLengths = [];
    }
    // Completion asks for the phrases of its typed prefixes: the mined phrases are read when first
    // asked (from the pack: inflated then), a phrase's example window when a question returns it.
    live = { generation: req.id, reader, phrases: new PhraseRowsReader(() => result.phrases, files), prepare: p => result.preparePhrases(p) };
    trace(`index worker: index ${req.id} keyed`);
    // the counts (result.phrases is not read here: from the pack it is inflated on first read; the
    // key maps and gram totals stay with the reader, not copied to the main thread)
    const held = new Set(['files', 'phrases', 'keyed', 'gramTotals']);
    const counts = Object.fromEntries(Object.keys(result).filter(k => !held.has(k))
      .map(k => [k, (result as unknown as Record<string, unknown>)[k]])) as Omit<IndexResult, 'files' | 'phrases' | 'keyed' | 'gramTotals'>;
    return { ...counts, stats: reader.statsNow, sources: files.map(f => f.source) };
  };

  parentPort?.on('message', (req: IndexRequest | AttachRequest | AttachPhrasesRequest | ReportRequest) => {
    if (req.type === 'attach-phrases') {
      phrasePort?.close();
      phrasePort = req.port;
      const port = req.port;
      port.on('message', (m: PhraseQuery) => answerPhrases(port, m));
      return;
    }
    if (req.type === 'attach') {
      // a new check worker: the old port is dropped (its lookups are not answered)
      checkPort?.close();
      checkPort = req.port;
      const port = req.port;
      port.on('message', (m: LookupRequest) => answer(port, m));
      announce(port);
      return;
    }
    const post = (m: IndexReply) => parentPort?.postMessage(m);
    if (req.type === 'report') {
      const files = live?.reader.files ?? [];
      const report = describeCorpus({ stats: live?.reader.statsNow, files } as CorpusSnapshot);
      post({ id: req.id, type: 'report', report });
      return;
    }
    try {
      if (req.entries) {
        const { files, missing } = resolveCorpusPaths(req.entries.list, req.entries.base);
        req.paths = [...new Set([...req.paths, ...files])].sort();
        trace(`index worker: ${req.paths.length} corpus files listed`);
        post({ id: req.id, type: 'resolved', total: req.paths.length, missing });
      }
      let lastProgress = 0;
      const result = index(req, p => {
        drain();
        const now = Date.now();
        if (now - lastProgress > 100 || p.done === p.total) {
          lastProgress = now;
          post({ id: req.id, type: 'progress', ...p });
        }
      });
      trace(`index worker: index ${req.id} read`);
      // The check worker first: corpus diagnostics do not wait for the request thread.
      if (checkPort) announce(checkPort);
      // Which segmenter cut the files: asked only when one did (a warm start never loads it).
      const choice = result.analyzed > 0 && !result.phrasesPending ? segmenterChoice() : undefined;
      const segmenter = choice
        ? { kind: choice.kind, description: describeChoice(choice) }
        : { kind: expectedSegmenter(), description: `${expectedSegmenter()} (not loaded: ${result.phrasesPending ? 'phrases are mined when completion first needs them' : 'every file came from the cache'})` };
      post({ id: req.id, type: 'done', result, segmenter });
    } catch (e) {
      post({ id: req.id, type: 'error', message: (e as Error).stack ?? String(e) });
    }
  });
}

type OfficeStore = ReturnType<typeof import('./node/store/reader').databaseStore>;

/** The office index's store; pg (~0.2 s to load) is required only when a database is set. */
const databaseStore: typeof import('./node/store/reader').databaseStore = opts =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./node/store/reader') as typeof import('./node/store/reader')).databaseStore(opts);

/** A lookup given up because its check was cancelled (not a failure of the index). */
class LookupCancelled extends Error {}

/** Documents the check worker keeps between checks (an editor checks the same draft again and again). */
const DOC_CACHE = 2_000;
const DOC_CACHE_CHARS = 16_000_000;

/**
 * The check worker's side of the local index: the IndexReader partialFromReader asks, answered by
 * the index worker over a MessagePort. Documents are fetched by id once and kept (bounded).
 */
class RemoteReader implements IndexReader {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly docs = new Map<string, StoredDocument>();
  private docChars = 0;
  generation = 0;
  private live: { stats: CorpusStats; commonGrams: string[] } = {
    stats: { files: 0, skippedFiles: 0, documents: 0, characters: 0 }, commonGrams: [],
  };

  constructor(private readonly port: MessagePort) {}

  /** A new index is live: documents of the previous one are dropped. */
  setLive(m: ReaderMessage): void {
    if (m.generation !== this.generation) {
      this.docs.clear();
      this.docChars = 0;
    }
    this.generation = m.generation;
    this.live = { stats: m.stats, commonGrams: m.commonGrams };
  }

  onAnswer(m: LookupAnswer): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.error !== undefined) p.reject(new Error(m.error));
    else p.resolve(m.value);
  }

  /** Rejects every lookup waiting (the check was cancelled, or the index worker is gone). */
  failAll(e: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(e);
  }

  private ask<T>(req: LookupQuery): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      try {
        this.port.postMessage({ type: 'lookup', id, ...req } as LookupRequest);
      } catch (e) {
        this.pending.delete(id);
        reject(e as Error);
      }
    });
  }

  private keep(d: StoredDocument): void {
    if (this.docs.has(d.id)) return;
    this.docs.set(d.id, d);
    this.docChars += d.doc.text.length;
    while (this.docs.size > DOC_CACHE || (this.docChars > DOC_CACHE_CHARS && this.docs.size > 1)) {
      const [oldId, old] = this.docs.entries().next().value!;
      this.docs.delete(oldId);
      this.docChars -= old.doc.text.length;
    }
  }

  async documents(figureKeys: readonly string[], claimKeys: readonly string[]): Promise<StoredDocument[]> {
    const ids = await this.ask<string[]>({ op: 'ids', figureKeys: [...figureKeys], claimKeys: [...claimKeys] });
    const missing = ids.filter(id => !this.docs.has(id));
    const got = missing.length ? await this.ask<StoredDocument[]>({ op: 'docs', ids: missing }) : [];
    const fetched = new Map(got.map(d => [d.id, d]));
    const out = ids.flatMap(id => {
      const d = fetched.get(id) ?? this.docs.get(id);
      return d ? [d] : [];
    });
    for (const d of got) this.keep(d);
    return out;
  }

  mentions(names: readonly string[], codes: readonly string[]): Promise<StoredMention[]> {
    return this.ask<StoredMention[]>({ op: 'mentions', names: [...names], codes: [...codes] });
  }

  async stats(): Promise<CorpusStats> {
    return this.live.stats;
  }

  async commonGrams(): Promise<string[]> {
    return this.live.commonGrams;
  }
}

/** What identifies an index answer (the request thread keeps the last one per draft and is sent a new one only when it differs). */
function corpusSignature(p: PartialCorpus): string {
  return digest([
    p.documents.map(d => `${d.id}@${d.fileOrder}`).join(','),
    p.mentions.map(m => `${m.name ?? ''}/${m.code ?? ''}/${m.docId}/${m.n}/${m.start}/${m.end}`).join('|'),
    [...p.names].sort().join('|'), [...p.codes].sort().join('|'), JSON.stringify(p.stats), p.commonGrams.join(''),
  ].join('\n'));
}

function runCheckWorker(): void {
  trace('check worker: bundle loaded');
  const service = createNodeService(data.locale);
  const flags = new Int32Array(data.cancelFlags ?? new SharedArrayBuffer(4 * 64));
  let empty: CorpusSnapshot | undefined;
  let team: { version: number; libraries: PhraseLibrary[]; teamRegions: Set<string> } = { version: 0, libraries: [], teamRegions: new Set() };
  type Check = Extract<CheckRequest, { type: 'check' }>;
  const waiting: Check[] = [];
  const queue: Check[] = [];
  let busy = false;
  const post = (m: CheckReply) => parentPort?.postMessage(m);
  const isCancelled = (id: number) => Atomics.load(flags, id % flags.length) === id;
  const port = data.snapshots;
  const remote = port && new RemoteReader(port);
  const generation = () => remote?.generation ?? 0;

  /** The index before the first one is in: empty (the checks that need no corpus still run). */
  const current = (): CorpusSnapshot => (empty ??= service.assemble([], service.minePhrases([])));

  // the local index's and the office index's answers for the last drafts, kept while the next finds the same
  const local: SnapshotCache = {};
  const office: SnapshotCache = {};
  /** The office index's reader (pg is loaded only when one is set), asked before the local index. */
  let officeStore: { url: string; store: OfficeStore } | undefined;
  const setOffice = (url: string | undefined) => {
    if (officeStore?.url === url) return;
    void officeStore?.store.close();
    officeStore = undefined;
    if (!url) return;
    officeStore = {
      url,
      store: databaseStore({
        url, gazetteer: () => service.gazetteer, fallback: current,
        onStatus: st => post({ type: 'office-status', database: st.database, ...(st.message ? { message: st.message } : {}) }),
      }),
    };
  };

  /** Waits for `p`, or rejects once check `id` is cancelled (its lookups are dropped). */
  const unlessCancelled = <T>(p: Promise<T>, id: number): Promise<T> => new Promise<T>((resolve, reject) => {
    const timer = setInterval(() => {
      if (!isCancelled(id)) return;
      clearInterval(timer);
      remote?.failAll(new LookupCancelled());
      reject(new LookupCancelled());
    }, 20);
    p.then(v => (clearInterval(timer), resolve(v)), e => (clearInterval(timer), reject(e)));
  });

  const run = async (req: Check) => {
    if (isCancelled(req.id)) return post({ type: 'cancelled', id: req.id });
    // From here a cancelled check that does not answer within a second is stuck (the keys and the
    // region probe of a huge draft run synchronously): the host restarts the worker. Waiting for a
    // lookup is not stuck: a cancelled check stops waiting at once.
    post({ type: 'started', id: req.id });
    try {
      let snapshot: CorpusSnapshot | undefined;
      let used: PartialCorpus | undefined;
      let findings: Finding[] | undefined;
      let source: 'office' | 'fallback' | 'local' = 'local';
      let gen = req.corpus ? 0 : generation();
      const check = (s: CorpusSnapshot) => service.check(s, req.text, {
        severities: req.severities,
        headings: req.headings,
        teamRegions: team.teamRegions,
        libraries: team.libraries,
        source: req.source,
        isCancelled: () => isCancelled(req.id),
      });
      const t0 = performance.now();
      // The office index first: its answer for this draft's keys (never its text), checked at once
      // after an edit (no region probe; checked again if the check asked for a place not looked up);
      // when it cannot answer, the local index stands in (and the status says so).
      if (req.corpus) {
        gen = 0;
        used = req.corpus;
        snapshot = assemblePartial(req.corpus, service.gazetteer, office);
      } else if (officeStore) {
        const r = await unlessCancelled(officeStore.store.checkFor(req.text, check, { teamRegions: team.teamRegions }), req.id).catch(e => {
          if (e instanceof LookupCancelled) throw e;
          return undefined;
        });
        if (r) {
          gen = 0;
          used = r.partial;
          findings = r.result;
        }
      }
      if (officeStore || req.corpus) source = used ? 'office' : 'fallback';
      if (!used) {
        if (!remote || gen === 0) snapshot = current();
        else {
          try {
            const r = await unlessCancelled(checkWithReader(remote, service.gazetteer, req.text, check, { teamRegions: team.teamRegions, cache: local }), req.id);
            used = r.partial;
            findings = r.result;
          } catch (e) {
            if (e instanceof LookupCancelled || isCancelled(req.id)) return post({ type: 'cancelled', id: req.id });
            // the index worker could not answer: checked without the corpus, and the writer is told
            post({ type: 'lookup-failed', message: (e as Error).message });
            snapshot = current();
          }
        }
      }
      if (isCancelled(req.id)) return post({ type: 'cancelled', id: req.id });
      findings ??= check(snapshot!);
      trace(`check worker: check ${req.id} (index ${gen}) done`);
      if (isCancelled(req.id)) post({ type: 'cancelled', id: req.id });
      else {
        const signature = used ? corpusSignature(used) : undefined;
        post({
          type: 'result', id: req.id, findings, generation: gen, millis: performance.now() - t0,
          source, ...(used ? { corpus: signature === req.held ? undefined : used, signature } : {}),
        });
      }
      // the rarely needed converters once the first check that read an index is out (not while the index arrives)
      if (gen > 0 || source !== 'local' || !remote) warmRest();
    } catch (e) {
      if (e instanceof LookupCancelled || isCancelled(req.id)) post({ type: 'cancelled', id: req.id });
      else post({ type: 'error', id: req.id, message: (e as Error).stack ?? String(e) });
    }
  };

  const pump = async () => {
    if (busy) return;
    busy = true;
    try {
      for (let r = queue.shift(); r; r = queue.shift()) await run(r);
    } finally {
      busy = false;
    }
  };

  /** Checks that were superseded while they waited: answered now. */
  const dropCancelled = (list: Check[]) => {
    for (const r of list.filter(w => isCancelled(w.id))) {
      list.splice(list.indexOf(r), 1);
      post({ type: 'cancelled', id: r.id });
    }
  };

  port?.on('message', (m: ReaderMessage | LookupAnswer) => {
    if (m.type === 'answer') {
      remote!.onAnswer(m);
      return;
    }
    trace(`check worker: index ${m.generation} live`);
    remote!.setLive(m);
    post({ type: 'snapshot', generation: m.generation });
    // Checks that asked for this index run now, in order; those that asked for a later one keep waiting.
    const all = waiting.splice(0);
    const ready = all.filter(r => r.generation <= m.generation || isCancelled(r.id));
    waiting.push(...all.filter(r => !ready.includes(r)));
    queue.push(...ready);
    void pump();
  });
  // the index worker is gone (it failed): what waits on it is checked without the corpus, and said so
  port?.on('close', () => remote!.failAll(new Error('the index worker is gone')));

  parentPort?.on('message', (req: CheckRequest) => {
    if (req.type === 'team') {
      team = { version: req.version, libraries: req.libraries, teamRegions: new Set(req.teamRegions) };
      return;
    }
    if (req.type === 'office') {
      setOffice(req.url);
      return;
    }
    if (req.type === 'complete') {
      // between a check's lookups, or after a check
      const store = officeStore?.store;
      void (store ? store.completionRows(req.text, req.offset) : Promise.resolve(undefined))
        .catch(() => undefined)
        .then(answer => post({ type: 'completion', id: req.id, ...(answer ? { answer } : {}) }));
      return;
    }
    dropCancelled(waiting);
    dropCancelled(queue);
    if (req.generation > generation() && !req.corpus && !isCancelled(req.id)) {
      waiting.push(req);
      return;
    }
    queue.push(req);
    void pump();
  });

  // Warm up off the request path, while the index is read, in steps (an index or a check that
  // arrives in between goes first): the gazetteer and an empty index; then the near-miss index and
  // the converters every check uses (a place name, a misspelt one, figures). The converters to the
  // Taiwan and Hong Kong standards (~2/3 of the converters' cost), which only a traditional character
  // in a simplified draft needs, are warmed once the first check is out.
  const warmUp = (text: string) => {
    if (busy || queue.length) return;
    try {
      service.check(current(), text, {});
    } catch {
      /* reported by the first real check */
    }
  };
  setImmediate(() => {
    try {
      current();
    } catch {
      /* reported by the first real check */
    }
    trace('check worker: gazetteer built');
    setImmediate(() => {
      warmUp(WARM_UP_TEXTS.first);
      trace('check worker: warmed up');
    });
  });
  warmRest = () => {
    warmRest = () => undefined;
    setTimeout(() => {
      warmUp(WARM_UP_TEXTS.traditional);
      trace('check worker: traditional standards warmed up');
    }, 50);
  };
}

/** Check worker: warms what the first check did not need, once (set by runCheckWorker). */
let warmRest = (): void => undefined;

if (data.role === 'check') runCheckWorker();
else if (data.role === 'answer') runAnswerWorker();
else if (data.role === 'extract') {
  const service = createNodeService(data.locale);
  runExtractWorker(workerData as ExtractWorkerData, parentPort!, doc => service.extractDoc(doc), file => docLookups(file, service.gazetteer));
} else runIndexWorker();
