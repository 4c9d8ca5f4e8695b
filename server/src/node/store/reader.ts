// The editors' and CI's side of the office index: read-only lookups by key (never the draft's text),
// answered from the live generation. A connection that fails makes the store fall back to the
// local (embedded) index, with a message, and try the database again a little later.
import pg from 'pg';
import { ANALYSIS_VERSION, type CorpusSnapshot, type CorpusStats } from '../../core/corpus/snapshot';
import type { Citation, CorpusDocument } from '../../core/model';
import type { Gazetteer } from '../../core/regions';
import { checkWithReader, completionPrefixes, partialFromReader, PHRASE_RANGE, type PhraseMeta, type PhraseRows, type StoredPhrase, type OfficeIndexReport, type PartialCorpus, type SnapshotCache, type StoreTimings, type IndexReader, type IndexStore, type StoredDocument, type StoredMention } from '../../core/store';
import { connectionConfig, redact } from './connection';
import { Lru, type LruBounds } from './lru';
import { LIVE_CHANNEL, SCHEMA, SCHEMA_VERSION } from './schema';

export interface ReaderOptions {
  url?: string;
  /** Connections in the pool (default 2). */
  max?: number;
  /** Every query and its parameters (tests check that no sentence of a draft is sent). */
  onQuery?: (text: string, values: unknown[] | undefined) => void;
  /** Milliseconds to wait for a connection (default 3000). */
  connectTimeoutMs?: number;
  /** Milliseconds a statement may run (default 10000). */
  statementTimeoutMs?: number;
  /** Adds where each draft's lookups spent their time (bench). */
  timings?: StoreTimings;
  /** Bounds of the caches kept between lookups (CACHE_BOUNDS by default). */
  cache?: Partial<ReaderCacheBounds>;
  /**
   * Listen for new generations (LISTEN on a connection of its own; the indexer notifies at each switch):
   * while it listens, the live generation is not confirmed before each lookup. Default true; a process
   * that looks up once (the CLI) has no use for it.
   */
  listen?: boolean;
  /** Milliseconds before a lost listening connection is opened again (default 5000; meanwhile the generation is polled). */
  listenRetryMs?: number;
}

/** Without notifications the live generation is confirmed at most this often before a lookup (milliseconds). */
const CONFIRM_MS = 1_000;
/** With notifications it is confirmed this often all the same (a connection silently cut notifies nobody). */
const CONFIRM_LISTENING_MS = 30_000;
/** A lost listening connection is opened again this much later (milliseconds; meanwhile the generation is polled). */
const LISTEN_RETRY_MS = 5_000;

/** How much the reader keeps between lookups, per cache: entries and estimated bytes. */
export interface ReaderCacheBounds {
  /** Corpus documents fetched (whole: text, display, offsets, figures). */
  documents: LruBounds;
  /** The documents each figure or claim key finds. */
  documentKeys: LruBounds;
  /** The mention rows of each name or code. */
  mentionKeys: LruBounds;
  /** Completion: the phrase keys of each typed prefix, and the phrases. */
  phrasePrefixes: LruBounds;
  phrases: LruBounds;
}

/** About 40 MB in all for an editor that stays open on many drafts; a draft needs a few hundred entries of each. */
export const CACHE_BOUNDS: ReaderCacheBounds = {
  documents: { maxEntries: 2_000, maxWeight: 24_000_000 },
  documentKeys: { maxEntries: 50_000, maxWeight: 4_000_000 },
  mentionKeys: { maxEntries: 20_000, maxWeight: 4_000_000 },
  phrasePrefixes: { maxEntries: 5_000, maxWeight: 4_000_000 },
  phrases: { maxEntries: 50_000, maxWeight: 4_000_000 },
};

/** Estimated bytes of a stored mention row (strings are shared with the other rows of a document). */
const MENTION_BYTES = 120;

export class IndexUnavailable extends Error {}

/** A key no document holds; a name or code no document mentions. */
const NO_REFS: DocRef[] = [];
const NO_MENTIONS: StoredMention[] = [];
/** Document refs kept for sharing between keys (one per stored document found; dropped at a new generation). */
const MAX_REFS = 100_000;

interface DocRef {
  key: string;
  fileId: number;
  fileOrder: number;
  ord: number;
}

/** A mention_names row's document: doc id, source, title, date, mentions, first mention's start and end, its cite's start and end. */
type NameRow = [string, string, string, string | null, number, number, number, Citation['start'] | null, Citation['end'] | null];

/**
 * A mention_names body (schema.ts): the counts of a name or code, and its documents' rows (all; or,
 * when `rest` is set, those of its latest documents, and how many sources and titles are left at least
 * when the documents of any one source are left out).
 */
interface NameBody {
  n: number;
  docs: number;
  sources: number;
  titles: number;
  rest?: [number, number] | null;
  rows: NameRow[] | null;
}

/**
 * The rows the region index is assembled from (index.ts regionIndexOf: one row per document, with
 * its number of mentions, source and title) for one key's body. A key stored in part (its latest
 * documents' rows: the hover cites the latest three) carries its counts over all documents on its
 * first row (`totals`); the region checks read those, and conclude from such a key what they would
 * from all its rows whichever document is the draft's own (writer.ts).
 */
export function mentionRowsOf(key: string, body: NameBody): StoredMention[] {
  // (object literals, not spreads: a spread copies by a slow path, ~20x the cost of the rows here)
  const name = key.startsWith('n:') ? key.slice(2) : undefined;
  const code = name === undefined ? key.slice(2) : undefined;
  const out: StoredMention[] = [];
  for (const [docId, source, title, date, n, start, end, citeStart, citeEnd] of body.rows ?? []) {
    const cite: Citation | undefined = citeStart && citeEnd
      ? (date ? { source, title, date, start: citeStart, end: citeEnd } : { source, title, start: citeStart, end: citeEnd })
      : undefined;
    out.push(name !== undefined
      ? { name, n, start, end, cite, docId, source, title, date: date ?? undefined }
      : { code, n, start, end, cite, docId, source, title, date: date ?? undefined });
  }
  if (body.rest && out.length > 0 && out.length < body.docs) {
    out[0].totals = { mentions: body.n, docs: body.docs, sources: body.sources, titles: body.titles, withoutOneSource: { sources: body.rest[0], titles: body.rest[1] } };
  }
  return out;
}

const docWeight = (d: StoredDocument) =>
  2 * (d.doc.text.length + (d.doc.display?.length ?? 0)) + 8 * (d.doc.map?.length ?? 0) + 8 * d.lineStarts.length + 300 * (d.figures?.length ?? 0) + 200;

export class PgIndexReader implements IndexReader {
  private readonly pool: pg.Pool;
  private live?: {
    generation: number; stats: CorpusStats; at: number;
    /** Confirmed while listening (and the index's writer notifies): good until a notification or the listener's loss. */
    watched?: number;
  };
  private liveAsked?: Promise<{ generation: number; stats: CorpusStats }>;
  private common?: { generation: number; grams: Promise<string[]> };
  private readonly bounds: ReaderCacheBounds;
  /** Documents by file id and order: a stored file never changes, so they stay valid across generations. */
  private readonly docs: Lru<string, StoredDocument>;
  /** The connection listening for new generations, and what it has seen (each notification, loss or start bumps `epoch`). */
  private listener?: pg.Client;
  private listening = false;
  private epoch = 0;
  private listenAgainAt = 0;
  private closed = false;
  /** Notifications received, listening connections lost, LISTENs done and refused so far (tests, bench). */
  readonly watch = { notifications: 0, lost: 0, listens: 0, refused: 0 };

  constructor(private readonly opts: ReaderOptions = {}) {
    this.pool = new pg.Pool({
      ...connectionConfig(opts.url),
      max: opts.max ?? 2,
      // one connection stays open while the reader lives (a second, opened when two lookups overlap,
      // closes after 30 s idle): a writer's first check after a pause does not wait for a new
      // connection (TCP, SCRAM, a server process, the statements prepared again: ~130 ms at load 9)
      min: 1,
      application_name: 'policy-draft',
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 3000,
      idleTimeoutMillis: 30_000,
      // the statements of one lookup go out together on one connection (query)
      pipeline: true,
      // editors only read: every transaction of these connections is read-only
      options: `-c default_transaction_read_only=on -c statement_timeout=${opts.statementTimeoutMs ?? 10_000} -c search_path=${SCHEMA}`,
    });
    // an idle connection the server drops must not kill the process
    this.pool.on('error', () => undefined);
    this.bounds = { ...CACHE_BOUNDS, ...opts.cache };
    this.docs = new Lru(this.bounds.documents, docWeight);
    this.keyDocs = new Lru(this.bounds.documentKeys, refs => 48 + 40 * refs.length);
    this.keyMentions = new Lru(this.bounds.mentionKeys, rows => 48 + MENTION_BYTES * rows.length);
  }

  /** Statements asked in the same tick, sent together (flush). */
  private batch?: Array<{ config: pg.QueryConfig; resolve: (r: pg.QueryResult) => void; reject: (e: unknown) => void }>;

  /**
   * One statement. The statements a lookup asks at once (a draft's document keys, its place names,
   * the live generation when it is due) are sent in the same tick: they go out together on one pooled
   * connection, pipelined (pg's `pipeline` mode: each is sent without waiting for the one before), so
   * they cost one round trip and wake one server process, not one per statement.
   */
  private query(text: string | { name: string; text: string; values: unknown[]; rowMode?: 'array' }, values?: unknown[]): Promise<pg.QueryResult> {
    const config = typeof text === 'string' ? { text, values } : text;
    this.opts.onQuery?.(config.text, config.values);
    return new Promise((resolve, reject) => {
      if (!this.batch) {
        this.batch = [];
        process.nextTick(() => void this.flush());
      }
      this.batch.push({ config, resolve, reject });
    });
  }

  /** Round trips (batches of statements sent together), statements and rows received so far (bench). */
  readonly sent = { roundTrips: 0, statements: 0, rows: 0 };

  private async flush(): Promise<void> {
    let batch = this.batch ?? [];
    this.batch = undefined;
    // pooled connections the server dropped (a restart, a failover) fail once each: try fresh ones
    for (let attempt = 0; batch.length; attempt++) {
      const last = attempt >= (this.opts.max ?? 2);
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (e) {
        if (!last) continue;
        for (const b of batch) b.reject(new IndexUnavailable((e as Error).message));
        return;
      }
      // named statements are prepared once per connection
      this.sent.roundTrips++;
      this.sent.statements += batch.length;
      const results = await Promise.allSettled(batch.map(b => client.query(b.config)));
      const retry: typeof batch = [];
      let broken: Error | undefined;
      results.forEach((r, i) => {
        if (r.status === 'fulfilled') {
          this.sent.rows += r.value.rows.length;
          return batch[i].resolve(r.value);
        }
        const e = r.reason as Error & { code?: string };
        // an SQL error (the server's, with its SQLSTATE) is the statement's own; any other is the
        // connection's, including the socket's (ECONNRESET and the like carry a code too)
        if (e instanceof pg.DatabaseError) return batch[i].reject(new IndexUnavailable(e.message));
        broken ??= e;
        if (last) batch[i].reject(new IndexUnavailable(e.message));
        else retry.push(batch[i]);
      });
      client.release(broken);
      batch = retry;
    }
  }

  /** A read-only statement of the caller's (reports). */
  run(text: string, values?: unknown[]): Promise<pg.QueryResult> {
    return this.query(text, values);
  }

  /**
   * Whether the live generation as known needs no confirmation now: while the reader listens and no
   * notification came since it was read (30 s at most), or for a second after it was read.
   */
  private fresh(live: NonNullable<PgIndexReader['live']>): boolean {
    const age = Date.now() - live.at;
    return age < CONFIRM_MS || (live.watched === this.epoch && this.listening && age < CONFIRM_LISTENING_MS);
  }

  /**
   * How the reader learns of a new generation: 'notified' while its listening connection is up (no
   * round trip confirms the generation before a lookup), 'polling' otherwise (confirmed once a second).
   */
  get liveWatch(): 'notified' | 'polling' {
    return this.listening && this.live?.watched === this.epoch ? 'notified' : 'polling';
  }

  /**
   * Listens for new generations on a connection of its own (LISTEN; not through the pool, whose
   * connections come and go). A notification or the loss of that connection makes the next lookup
   * confirm the generation; a lost listener is opened again after LISTEN_RETRY_MS, and meanwhile the
   * generation is polled once a second as without it. Nothing here throws to a caller.
   */
  private listen(): void {
    if (this.opts.listen === false || this.closed || this.listener || Date.now() < this.listenAgainAt) return;
    const client = new pg.Client({
      ...connectionConfig(this.opts.url),
      application_name: 'policy-draft-listen',
      connectionTimeoutMillis: this.opts.connectTimeoutMs ?? 3000,
      // a connection cut without a word (a network gone) is noticed by TCP keepalives, and meanwhile
      // the generation is confirmed every CONFIRM_LISTENING_MS all the same
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      options: `-c default_transaction_read_only=on -c statement_timeout=${this.opts.statementTimeoutMs ?? 10_000}`,
    });
    this.listener = client;
    const lost = (refused = false) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      if (this.listening) this.watch.lost++;
      this.listening = false;
      this.epoch++;
      // a server that refuses LISTEN itself (a hot standby: "cannot execute LISTEN during recovery")
      // is polled for the reader's life; a lost connection is opened again later
      if (refused) this.watch.refused++;
      this.listenAgainAt = refused ? Infinity : Date.now() + (this.opts.listenRetryMs ?? LISTEN_RETRY_MS);
      client.end().catch(() => undefined);
    };
    client.on('error', () => lost());
    client.on('end', () => lost());
    client.on('notification', n => {
      if (n.channel !== LIVE_CHANNEL) return;
      this.watch.notifications++;
      this.epoch++;
    });
    client.connect().then(
      () => client.query(`LISTEN ${LIVE_CHANNEL}`).then(() => {
        if (this.listener !== client) return;
        this.listening = true;
        this.watch.listens++;
        // what was read before the listener was up may be stale already: read it again once
        this.epoch++;
      }, (e: unknown) => lost(e instanceof pg.DatabaseError)),
      () => lost(),
    );
  }

  /** The live generation (confirmed at most once a second, or not at all while notifications come: fresh; lookups made at once share one query). */
  async generation(): Promise<{ generation: number; stats: CorpusStats }> {
    this.listen();
    if (this.live && this.fresh(this.live)) return this.live;
    this.liveAsked ??= this.askGeneration().finally(() => {
      this.liveAsked = undefined;
    });
    return this.liveAsked;
  }

  private async askGeneration(): Promise<{ generation: number; stats: CorpusStats }> {
    // the answer is good until the next notification only if the listener was up before it was asked
    const epoch = this.epoch, listening = this.listening;
    const r = await this.query({
      name: 'pd_live',
      text: `SELECT m.value AS live, g.stats FROM meta m JOIN generations g ON g.id = (m.value->>'generation')::bigint WHERE m.key = 'live'`,
      values: [],
    });
    if (r.rows.length === 0) throw new IndexUnavailable('the office index is empty: run policy-lint index --database first');
    const live = r.rows[0].live as { generation: number; analysis: number; schema: number; notifies?: boolean };
    if (live.analysis !== ANALYSIS_VERSION || live.schema !== SCHEMA_VERSION) {
      throw new IndexUnavailable(`the office index was built by another version (analysis ${live.analysis}, schema ${live.schema}; this is ${ANALYSIS_VERSION}, ${SCHEMA_VERSION}): rebuild it with this version's policy-lint index`);
    }
    // (an index whose writer does not notify at its switch is polled)
    const watched = listening && live.notifies === true && this.listening && epoch === this.epoch ? epoch : undefined;
    this.live = { generation: Number(live.generation), stats: r.rows[0].stats as CorpusStats, at: Date.now(), ...(watched !== undefined ? { watched } : {}) };
    return this.live;
  }

  /** The live generation as last confirmed (undefined before the first lookup). */
  get knownGeneration(): number | undefined {
    return this.live?.generation;
  }

  /**
   * Runs `lookup` in the live generation. When the generation is due to be confirmed, the lookup goes
   * out at the same time as the confirmation, in the generation known so far, and runs again only if
   * the generation changed (a new index went live): no round trip waits for the confirmation.
   */
  private async atGeneration<T>(lookup: (generation: number) => Promise<T>): Promise<T> {
    const known = this.live;
    this.listen();
    if (!known) return lookup((await this.generation()).generation);
    if (this.fresh(known)) return lookup(known.generation);
    const [now, answer] = await Promise.all([this.generation(), lookup(known.generation)]);
    return now.generation === known.generation ? answer : lookup(now.generation);
  }

  async commonGrams(): Promise<string[]> {
    return this.atGeneration(async generation => {
      if (this.common?.generation !== generation) {
        const grams = this.query({ name: 'pd_common_grams', text: 'SELECT common_grams FROM generations WHERE id = $1', values: [generation] })
          .then(r => (r.rows[0]?.common_grams ?? []) as string[]);
        grams.catch(() => undefined);
        this.common = { generation, grams };
      }
      const common = this.common;
      try {
        return await common.grams;
      } catch (e) {
        if (this.common === common) this.common = undefined;
        throw e;
      }
    });
  }

  async stats(): Promise<CorpusStats> {
    return (await this.generation()).stats;
  }

  /**
   * Answers per key within the live generation: an editor checks a draft again after each edit, and
   * asks again only for keys it has not asked before (cleared when the generation changes; bounded,
   * least recently used first).
   */
  private keyDocs: Lru<string, DocRef[]>;
  private keyMentions: Lru<string, StoredMention[]>;

  private forGeneration(generation: number) {
    if (this.cachedGeneration !== generation) {
      this.keyDocs.clear();
      this.keyMentions.clear();
      this.refs.clear();
      this.cachedGeneration = generation;
    }
  }

  /**
   * The documents of a key_docs value ('file_id.ord.file_order …'), each document's ref made once and
   * shared by every key that finds it (within a generation: its file order is the generation's).
   */
  private refsOf(docs: string): DocRef[] {
    const out: DocRef[] = [];
    for (const t of docs.split(' ')) {
      let ref = this.refs.get(t);
      if (!ref) {
        const [fileId, ord, fileOrder] = t.split('.');
        ref = { key: `${fileId}:${ord}`, fileId: Number(fileId), fileOrder: Number(fileOrder), ord: Number(ord) };
        if (this.refs.size >= MAX_REFS) this.refs.clear();
        this.refs.set(t, ref);
      }
      out.push(ref);
    }
    return out;
  }
  private readonly refs = new Map<string, DocRef>();
  private cachedGeneration?: number;

  /** Forgets the answers per key (the documents stay cached): the next lookups ask the database again. */
  forgetKeys(): void {
    this.cachedGeneration = undefined;
    this.keyDocs.clear();
    this.keyMentions.clear();
  }

  /** Entries and estimated bytes held by each cache (tests, bench). */
  cacheSizes(): Record<'documents' | 'documentKeys' | 'mentionKeys' | 'phrasePrefixes' | 'phrases', { entries: number; bytes: number }> {
    const of = (c?: { size: number; weight: number }) => ({ entries: c?.size ?? 0, bytes: c?.weight ?? 0 });
    return {
      documents: of(this.docs), documentKeys: of(this.keyDocs), mentionKeys: of(this.keyMentions),
      phrasePrefixes: of(this.phraseCache?.byPrefix), phrases: of(this.phraseCache?.bodies),
    };
  }

  async documents(figureKeys: readonly string[], claimKeys: readonly string[]): Promise<StoredDocument[]> {
    return this.atGeneration(generation => this.documentsAt(generation, figureKeys, claimKeys));
  }

  private async documentsAt(generation: number, figureKeys: readonly string[], claimKeys: readonly string[]): Promise<StoredDocument[]> {
    this.forGeneration(generation);
    // this lookup's answers, whatever the caches keep of them (few objects: a lookup runs on every
    // edit, and what it allocates is what the young generation's collections are paid for)
    const answers = new Map<string, DocRef[]>();
    let ask = '';
    const asked: string[] = [];
    for (const keys of [figureKeys, claimKeys]) {
      for (const k of keys) {
        if (answers.has(k)) continue;
        const cached = this.keyDocs.get(k);
        if (cached) answers.set(k, cached);
        else {
          answers.set(k, NO_REFS);
          asked.push(k);
          ask = ask ? `${ask} ${k}` : k;
        }
      }
    }
    if (ask) {
      // one short row per key found (key_docs, schema.ts), as arrays: few objects to parse and to keep.
      // The keys go as one string, split by the server (a kind letter and a digest: no spaces): a text[]
      // parameter costs the client an escaped, quoted literal of every key. One primary-key probe per
      // key, whatever the planner thinks of the table (a lateral subquery with LIMIT is not flattened:
      // with `key = ANY(…)` it read a small table whole, at twice the time)
      const found = await this.query({
        name: 'pd_document_keys',
        text: `SELECT q.key, k.docs FROM unnest(string_to_array($2, ' ')) AS q(key)
               CROSS JOIN LATERAL (SELECT docs FROM key_docs WHERE generation = $1 AND key = q.key LIMIT 1) k`,
        values: [generation, ask],
        rowMode: 'array',
      });
      for (const [key, docs] of found.rows as Array<[string, string]>) answers.set(key, this.refsOf(docs));
      if (this.cachedGeneration === generation) for (const k of asked) this.keyDocs.set(k, answers.get(k)!);
    }
    const want = new Set<DocRef>();
    for (const refs of answers.values()) for (const d of refs) want.add(d);
    // the documents cached, as this generation orders them (one copy when the order moved, kept)
    const got = new Map<DocRef, StoredDocument>();
    let missing: DocRef[] | undefined;
    for (const w of want) {
      let d = this.docs.get(w.key);
      if (d && d.fileOrder !== w.fileOrder) this.docs.set(w.key, (d = { ...d, fileOrder: w.fileOrder }));
      if (d) got.set(w, d);
      else (missing ??= []).push(w);
    }
    if (missing) {
      const r = await this.query({
        name: 'pd_documents',
        text: `SELECT d.file_id, d.ord, d.body, d.figures, f.line_starts
               FROM unnest($1::bigint[], $2::int[]) AS x(file_id, ord)
               JOIN docs d ON d.file_id = x.file_id AND d.ord = x.ord JOIN files f ON f.id = d.file_id`,
        values: [missing.map(m => m.fileId), missing.map(m => m.ord)],
      });
      const byKey = new Map(missing.map(m => [m.key, m]));
      for (const row of r.rows) {
        const ref = byKey.get(`${row.file_id}:${row.ord}`);
        if (!ref) continue;
        const d: StoredDocument = {
          id: ref.key, fileOrder: ref.fileOrder, docOrder: row.ord, lineStarts: row.line_starts as number[],
          doc: row.body as CorpusDocument, figures: row.figures as StoredDocument['figures'],
        };
        got.set(ref, d);
        this.docs.set(ref.key, d);
      }
    }
    // (the cached objects themselves: a lookup's answer is read, never changed)
    const out: StoredDocument[] = [];
    for (const w of want) {
      const d = got.get(w);
      if (d) out.push(d);
    }
    return out;
  }

  async mentions(names: readonly string[], codes: readonly string[]): Promise<StoredMention[]> {
    if (names.length === 0 && codes.length === 0) return [];
    return this.atGeneration(generation => this.mentionsAt(generation, names, codes));
  }

  private async mentionsAt(generation: number, names: readonly string[], codes: readonly string[]): Promise<StoredMention[]> {
    this.forGeneration(generation);
    const answers = new Map<string, StoredMention[]>();
    const ask: string[] = [];
    const add = (k: string) => {
      if (answers.has(k)) return;
      const cached = this.keyMentions.get(k);
      answers.set(k, cached ?? NO_MENTIONS);
      if (!cached) ask.push(k);
    };
    for (const n of names) add(`n:${n}`);
    for (const c of codes) add(`c:${c}`);
    if (ask.length) {
      const r = await this.query({
        name: 'pd_mention_names',
        text: 'SELECT key, body FROM mention_names WHERE generation = $1 AND key = ANY($2::text[])',
        values: [generation, ask],
        rowMode: 'array',
      });
      for (const [key, body] of r.rows as Array<[string, NameBody]>) answers.set(key, mentionRowsOf(key, body));
      if (this.cachedGeneration === generation) for (const k of ask) this.keyMentions.set(k, answers.get(k)!);
    }
    const out: StoredMention[] = [];
    for (const rows of answers.values()) for (const m of rows) out.push(m);
    return out;
  }

  private phraseCache?: {
    generation: number; meta: Promise<PhraseMeta>; heads?: Set<string>;
    byPrefix: Lru<string, Array<{ key: string; no: number }>>; bodies: Lru<number, StoredPhrase>;
  };

  /** The live generation's phrase index meta (keys' heads, longest key), read once per generation. */
  async phraseMeta(): Promise<{ meta: PhraseMeta; heads: ReadonlySet<string> }> {
    const { generation } = await this.generation();
    if (this.phraseCache?.generation !== generation) {
      const meta = this.query({ name: 'pd_phrase_meta', text: 'SELECT phrases FROM generations WHERE id = $1', values: [generation] })
        .then(r => (r.rows[0]?.phrases ?? { version: 0, count: 0, maxKey: 0, heads: [] }) as PhraseMeta);
      meta.catch(() => undefined);
      this.phraseCache = {
        generation, meta,
        byPrefix: new Lru(this.bounds.phrasePrefixes, keys => 48 + 48 * keys.length),
        bodies: new Lru(this.bounds.phrases, p => 200 + 2 * ((p.example?.text.length ?? 0) + (p.example?.display.length ?? 0)) + 120 * p.docs.length),
      };
    }
    const cache = this.phraseCache;
    try {
      const meta = await cache.meta;
      cache.heads ??= new Set(meta.heads);
      return { meta, heads: cache.heads };
    } catch (e) {
      this.phraseCache = undefined;
      throw e;
    }
  }

  /** The phrase keys starting with each prefix (at most PHRASE_RANGE a prefix, in key order) and their phrases; one round trip for what is not cached. */
  async phrases(prefixes: readonly string[]): Promise<PhraseRows> {
    await this.phraseMeta();
    const cache = this.phraseCache!;
    const byPrefix = new Map<string, Array<{ key: string; no: number }>>();
    const bodies = new Map<number, StoredPhrase>();
    const ask: string[] = [];
    for (const p of prefixes) {
      const cached = cache.byPrefix.get(p);
      if (!cached) {
        ask.push(p);
        continue;
      }
      // the phrases of a cached prefix, unless some were let go: then the prefix is asked again
      const held = cached.map(k => cache.bodies.get(k.no));
      if (held.every(b => b)) {
        byPrefix.set(p, cached);
        cached.forEach((k, i) => bodies.set(k.no, held[i]!));
      } else ask.push(p);
    }
    if (ask.length) {
      const r = await this.query({
        name: 'pd_phrases',
        text: `SELECT q0.q, k.key, k.no, p.body
               FROM unnest($2::text[]) AS q0(q)
               CROSS JOIN LATERAL (SELECT key, no FROM phrase_keys
                                   WHERE generation = $1 AND key >= q0.q AND key < q0.q || chr(1114111)
                                   ORDER BY key LIMIT ${PHRASE_RANGE}) k
               JOIN phrases p ON p.generation = $1 AND p.no = k.no`,
        values: [cache.generation, ask],
      });
      for (const q of ask) byPrefix.set(q, []);
      for (const row of r.rows) {
        byPrefix.get(row.q)!.push({ key: row.key, no: row.no });
        if (row.body) bodies.set(row.no, row.body as StoredPhrase);
      }
      for (const q of ask) cache.byPrefix.set(q, byPrefix.get(q)!);
      for (const q of ask) for (const k of byPrefix.get(q)!) cache.bodies.set(k.no, bodies.get(k.no)!);
    }
    const keys = prefixes.flatMap(p => byPrefix.get(p) ?? []);
    return { keys, phrases: new Map(keys.map(k => [k.no, bodies.get(k.no)!])) };
  }

  async close(): Promise<void> {
    this.closed = true;
    const listener = this.listener;
    this.listener = undefined;
    this.listening = false;
    await Promise.all([this.pool.end().catch(() => undefined), listener?.end().catch(() => undefined)]);
  }
}

export interface DatabaseStoreOptions extends ReaderOptions {
  gazetteer: () => Gazetteer;
  /** The local index, used while the database cannot be reached. */
  fallback: () => CorpusSnapshot;
  /** Told when the store switches between the database and the local index (status, messages). */
  onStatus?: (status: { database: boolean; message?: string }) => void;
  /** After a failure, the database is tried again after this many milliseconds (default 30000). */
  retryMs?: number;
}

/**
 * The database store: each draft's snapshot from the office index; when the database cannot be
 * reached (or holds no index of this version), the local index, and the status says so.
 */
export function databaseStore(opts: DatabaseStoreOptions): IndexStore & {
  reader: PgIndexReader;
  readonly usingDatabase: boolean;
  /** The office index's answer for a draft as plain data, or undefined: use the local index. */
  partialFor(text: string, options?: { teamRegions?: ReadonlySet<string> }): Promise<PartialCorpus | undefined>;
  /**
   * `check` run on the office index's snapshot for a draft, and the answer it read as plain data; or
   * undefined: use the local index. A draft that names no place no earlier draft named is checked at
   * once, without the region probe, and checked again only if the check asked for place names that
   * were not looked up (core/store checkWithReader): after an edit, one check instead of a probe and a check.
   */
  checkFor<T>(text: string, check: (snapshot: CorpusSnapshot) => T, options?: { teamRegions?: ReadonlySet<string> }): Promise<{ result: T; partial: PartialCorpus } | undefined>;
  /** How many checks (checkFor) ran again because they asked for place names not looked up (bench, tests). */
  readonly rechecks: { n: number };
  /**
   * The office index's phrase rows for a completion at `offset` as plain data (the check worker posts
   * them to the request thread, which assembles them: assemblePhrases), or undefined: complete from
   * the local index.
   */
  completionRows(text: string, offset: number): Promise<{ meta: PhraseMeta; rows: PhraseRows } | undefined>;
} {
  const reader = new PgIndexReader(opts);
  // the connection opened now, while the editor or CLI gets ready: the first check does not wait for it
  // (a failure here is the first lookup's to report)
  reader.generation().catch(() => undefined);
  let failedAt: number | undefined;
  const cache: SnapshotCache = {};
  let last: { text: string; team: string; generation: number; result: Awaited<ReturnType<typeof partialFromReader>> } | undefined;
  let using = true;
  const where = redact(opts.url ?? '(PostgreSQL environment)');
  /** Runs a lookup on the database; undefined (and the status says so once) when it cannot answer. */
  const guarded = async <T>(lookup: () => Promise<T>): Promise<T | undefined> => {
    if (failedAt !== undefined && Date.now() - failedAt < (opts.retryMs ?? 30_000)) return undefined;
    try {
      const r = await lookup();
      if (!using) opts.onStatus?.({ database: true });
      using = true;
      failedAt = undefined;
      return r;
    } catch (e) {
      if (!(e instanceof IndexUnavailable)) throw e;
      const first = using;
      using = false;
      failedAt = Date.now();
      if (first) opts.onStatus?.({ database: false, message: `${where}: ${e.message}` });
      return undefined;
    }
  };
  const attempt = (text: string, options?: { teamRegions?: ReadonlySet<string> }) =>
    guarded(async () => {
      // The editor checks a draft and then hovers over it, again and again: the same text and the same
      // live generation give the same answer, so it is kept (the generation is looked up once a second).
      // (an edited text is looked up at once: its lookups confirm the generation as they go)
      const team = [...(options?.teamRegions ?? [])].sort().join('\n');
      if (last && last.text === text && last.team === team && (await reader.generation()).generation === last.generation) return last.result;
      const r = await partialFromReader(reader, opts.gazetteer(), text, { ...options, cache, timings: opts.timings });
      last = { text, team, generation: reader.knownGeneration ?? -1, result: r };
      return r;
    });
  const completionRows = (text: string, offset: number) =>
    guarded(async () => {
      const { meta, heads } = await reader.phraseMeta();
      return { meta, rows: await reader.phrases(completionPrefixes(text, offset, meta, heads)) };
    });
  const rechecks = { n: 0 };
  return {
    kind: 'shared' as const,
    reader,
    rechecks,
    checkFor: (text, check, options) =>
      guarded(async () => {
        const team = [...(options?.teamRegions ?? [])].sort().join('\n');
        const r = await checkWithReader(reader, opts.gazetteer(), text, check, { ...options, cache, timings: opts.timings, rechecks });
        last = { text, team, generation: reader.knownGeneration ?? -1, result: { partial: r.partial, snapshot: r.snapshot } };
        return { result: r.result, partial: r.partial };
      }),
    get usingDatabase() {
      return using;
    },
    async snapshotFor(text, options) {
      return (await attempt(text, options))?.snapshot ?? opts.fallback();
    },
    async partialFor(text, options) {
      return (await attempt(text, options))?.partial;
    },
    completionRows,
    close: () => reader.close(),
  };
}

/** What the office index holds (policy-lint corpus --database): its live generation, the generations kept, sizes, files. */
export async function describeOfficeIndex(opts: ReaderOptions): Promise<OfficeIndexReport> {
  const reader = new PgIndexReader({ ...opts, max: 1, listen: false });
  try {
    const { generation, stats } = await reader.generation();
    const q = (text: string, values?: unknown[]) => reader.run(text, values);
    const [gens, sizes, files, docs] = await Promise.all([
      q(`SELECT g.id, g.finished, g.stats, coalesce((g.phrases->>'count')::int, 0) AS phrases FROM generations g ORDER BY g.id`),
      q(`SELECT c.relname, pg_total_relation_size(c.oid)::bigint AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = $1 AND c.relkind = 'r'`, [SCHEMA]),
      q(`SELECT f.id, f.source, f.bytes, f.skipped FROM generation_files g JOIN files f ON f.id = g.file_id WHERE g.generation = $1 ORDER BY g.ord`, [generation]),
      q(`SELECT d.file_id, d.title, d.date FROM generation_files g JOIN docs d ON d.file_id = g.file_id WHERE g.generation = $1 ORDER BY g.ord, d.ord`, [generation]),
    ]);
    const built = (v: unknown) => (v instanceof Date ? v.toISOString().replace(/\.\d+Z$/, 'Z') : String(v));
    const byFile = new Map<number, Array<{ title: string; date?: string }>>();
    for (const d of docs.rows) (byFile.get(Number(d.file_id)) ?? byFile.set(Number(d.file_id), []).get(Number(d.file_id))!).push({ title: d.title, ...(d.date ? { date: d.date } : {}) });
    const tables: Record<string, number> = {};
    for (const r of sizes.rows) tables[r.relname] = Number(r.bytes);
    const live = gens.rows.find(g => Number(g.id) === generation);
    return {
      database: redact(opts.url ?? '(PostgreSQL environment)'),
      live: { generation, built: built(live?.finished), stats, phrases: live?.phrases ?? 0 },
      generations: gens.rows.map(g => ({ id: Number(g.id), built: built(g.finished), documents: (g.stats as CorpusStats).documents, files: (g.stats as CorpusStats).files })),
      size: { total: Object.values(tables).reduce((a, b) => a + b, 0), tables },
      files: files.rows.map(f => ({ source: f.source, bytes: Number(f.bytes), ...(f.skipped ? { skipped: f.skipped } : {}), documents: byFile.get(Number(f.id)) ?? [] })),
    };
  } finally {
    await reader.close();
  }
}
