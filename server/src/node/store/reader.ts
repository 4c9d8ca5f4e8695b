// The editors' and CI's side of the office index: read-only lookups by key (never the draft's text),
// answered from the live generation. A connection that fails makes the store fall back to the
// local (embedded) index, with a message, and try the database again a little later.
import pg from 'pg';
import { ANALYSIS_VERSION, type CorpusSnapshot, type CorpusStats } from '../../core/corpus/snapshot';
import type { CorpusDocument } from '../../core/model';
import type { Gazetteer } from '../../core/regions';
import { assemblePhrases, completionPrefixes, partialFromReader, PHRASE_RANGE, type PhraseMeta, type PhraseRows, type StoredPhrase, type OfficeIndexReport, type PartialCorpus, type SnapshotCache, type StoreTimings, type IndexReader, type IndexStore, type StoredDocument, type StoredMention } from '../../core/store';
import { connectionConfig, redact } from './connection';
import { SCHEMA, SCHEMA_VERSION } from './schema';

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
}

export class IndexUnavailable extends Error {}

interface DocRef {
  key: string;
  fileId: number;
  fileOrder: number;
  ord: number;
}

/** Documents kept between checks (an editor checks the same draft again and again). */
const DOC_CACHE = 2_000;

export class PgIndexReader implements IndexReader {
  private readonly pool: pg.Pool;
  private live?: { generation: number; stats: CorpusStats; at: number };
  private common?: { generation: number; grams: Promise<string[]> };
  private readonly docs = new Map<string, StoredDocument>();

  constructor(private readonly opts: ReaderOptions = {}) {
    this.pool = new pg.Pool({
      ...connectionConfig(opts.url),
      max: opts.max ?? 2,
      application_name: 'policy-draft',
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 3000,
      idleTimeoutMillis: 30_000,
      // editors only read: every transaction of these connections is read-only
      options: `-c default_transaction_read_only=on -c statement_timeout=${opts.statementTimeoutMs ?? 10_000} -c search_path=${SCHEMA}`,
    });
    // an idle connection the server drops must not kill the process
    this.pool.on('error', () => undefined);
  }

  private async query(text: string | { name: string; text: string; values: unknown[] }, values?: unknown[]): Promise<pg.QueryResult> {
    const config = typeof text === 'string' ? { text, values } : text;
    this.opts.onQuery?.(config.text, config.values);
    // pooled connections the server dropped (a restart, a failover) fail once each: try fresh ones
    for (let attempt = 0; ; attempt++) {
      try {
        // named statements are prepared once per connection
        return await this.pool.query(config);
      } catch (e) {
        const sqlError = (e as { code?: string }).code !== undefined;
        if (sqlError || attempt >= (this.opts.max ?? 2)) throw new IndexUnavailable((e as Error).message);
      }
    }
  }

  /** A read-only statement of the caller's (reports). */
  run(text: string, values?: unknown[]): Promise<pg.QueryResult> {
    return this.query(text, values);
  }

  /** The live generation (looked up at most once a second). */
  async generation(): Promise<{ generation: number; stats: CorpusStats }> {
    if (this.live && Date.now() - this.live.at < 1000) return this.live;
    const r = await this.query(
      `SELECT m.value AS live, g.stats FROM meta m JOIN generations g ON g.id = (m.value->>'generation')::bigint WHERE m.key = 'live'`);
    if (r.rows.length === 0) throw new IndexUnavailable('the office index is empty: run policy-lint index --database first');
    const live = r.rows[0].live as { generation: number; analysis: number; schema: number };
    if (live.analysis !== ANALYSIS_VERSION || live.schema !== SCHEMA_VERSION) {
      throw new IndexUnavailable(`the office index was built by another version (analysis ${live.analysis}, schema ${live.schema}; this is ${ANALYSIS_VERSION}, ${SCHEMA_VERSION}): rebuild it with this version's policy-lint index`);
    }
    if (this.live?.generation !== live.generation) this.docs.clear();
    this.live = { generation: Number(live.generation), stats: r.rows[0].stats as CorpusStats, at: Date.now() };
    return this.live;
  }

  async commonGrams(): Promise<string[]> {
    const { generation } = await this.generation();
    if (this.common?.generation !== generation) {
      const grams = this.query('SELECT common_grams FROM generations WHERE id = $1', [generation]).then(r => (r.rows[0]?.common_grams ?? []) as string[]);
      grams.catch(() => undefined);
      this.common = { generation, grams };
    }
    try {
      return await this.common.grams;
    } catch (e) {
      this.common = undefined;
      throw e;
    }
  }

  async stats(): Promise<CorpusStats> {
    return (await this.generation()).stats;
  }

  /**
   * Answers per key within the live generation: an editor checks a draft again after each edit, and
   * asks again only for keys it has not asked before (cleared when the generation changes).
   */
  private keyDocs = new Map<string, DocRef[]>();
  private keyMentions = new Map<string, StoredMention[]>();

  private forGeneration(generation: number) {
    if (this.cachedGeneration !== generation) {
      this.keyDocs = new Map();
      this.keyMentions = new Map();
      this.cachedGeneration = generation;
    }
  }
  private cachedGeneration?: number;

  /** Forgets the answers per key (the documents stay cached): the next lookups ask the database again. */
  forgetKeys(): void {
    this.cachedGeneration = undefined;
    this.keyDocs = new Map();
    this.keyMentions = new Map();
  }

  async documents(figureKeys: readonly string[], claimKeys: readonly string[]): Promise<StoredDocument[]> {
    const { generation } = await this.generation();
    this.forGeneration(generation);
    const keys = [...new Set([...figureKeys, ...claimKeys])];
    const ask = keys.filter(k => !this.keyDocs.has(k));
    if (ask.length) {
      const found = await this.query({
        name: 'pd_document_keys',
        text: `SELECT k.key, k.file_id, k.ord, g.ord AS file_order
               FROM figure_keys k JOIN generation_files g ON g.file_id = k.file_id AND g.generation = $1
               WHERE k.key = ANY($2::text[])`,
        values: [generation, ask],
      });
      for (const k of ask) this.keyDocs.set(k, []);
      for (const r of found.rows) this.keyDocs.get(r.key)!.push({ key: `${r.file_id}:${r.ord}`, fileId: Number(r.file_id), fileOrder: r.file_order as number, ord: r.ord as number });
    }
    const want = new Map<string, DocRef>();
    for (const k of keys) for (const d of this.keyDocs.get(k) ?? []) want.set(d.key, d);
    const missing = [...want.values()].filter(w => !this.docs.has(w.key));
    if (missing.length) {
      const r = await this.query({
        name: 'pd_documents',
        text: `SELECT d.file_id, d.ord, d.body, d.figures, f.line_starts
               FROM unnest($1::bigint[], $2::int[]) AS x(file_id, ord)
               JOIN docs d ON d.file_id = x.file_id AND d.ord = x.ord JOIN files f ON f.id = d.file_id`,
        values: [missing.map(m => m.fileId), missing.map(m => m.ord)],
      });
      const order = new Map(missing.map(m => [m.key, m.fileOrder]));
      for (const row of r.rows) {
        const key = `${row.file_id}:${row.ord}`;
        if (this.docs.size >= DOC_CACHE) this.docs.delete(this.docs.keys().next().value!);
        this.docs.set(key, {
          id: key, fileOrder: order.get(key) ?? 0, docOrder: row.ord, lineStarts: row.line_starts as number[],
          doc: row.body as CorpusDocument, figures: row.figures as StoredDocument['figures'],
        });
      }
    }
    return [...want.values()].flatMap(w => {
      const d = this.docs.get(w.key);
      return d ? [{ ...d, fileOrder: w.fileOrder }] : [];
    });
  }

  async mentions(names: readonly string[], codes: readonly string[]): Promise<StoredMention[]> {
    if (names.length === 0 && codes.length === 0) return [];
    const { generation } = await this.generation();
    this.forGeneration(generation);
    const keys = [...new Set([...names.map(n => `n:${n}`), ...codes.map(c => `c:${c}`)])];
    const ask = keys.filter(k => !this.keyMentions.has(k));
    if (ask.length) {
      const r = await this.query({
        name: 'pd_mentions',
        text: `SELECT m.key, m.n, m.start_at, m.end_at, m.cite, d.doc_id, d.title, d.date, f.source
               FROM mention_docs m
               JOIN generation_files g ON g.file_id = m.file_id AND g.generation = $1
               JOIN docs d ON d.file_id = m.file_id AND d.ord = m.ord
               JOIN files f ON f.id = m.file_id
               WHERE m.key = ANY($2::text[])`,
        values: [generation, ask],
      });
      for (const k of ask) this.keyMentions.set(k, []);
      for (const row of r.rows) {
        const key = row.key as string;
        this.keyMentions.get(key)!.push({
          ...(key.startsWith('n:') ? { name: key.slice(2) } : { code: key.slice(2) }),
          n: row.n, start: row.start_at, end: row.end_at, ...(row.cite ? { cite: row.cite } : {}),
          docId: row.doc_id, title: row.title, source: row.source, ...(row.date ? { date: row.date } : {}),
        });
      }
    }
    return keys.flatMap(k => this.keyMentions.get(k) ?? []);
  }

  private phraseCache?: { generation: number; meta: Promise<PhraseMeta>; heads?: Set<string>; byPrefix: Map<string, Array<{ key: string; no: number }>>; bodies: Map<number, StoredPhrase> };

  /** The live generation's phrase index meta (keys' heads, longest key), read once per generation. */
  async phraseMeta(): Promise<{ meta: PhraseMeta; heads: ReadonlySet<string> }> {
    const { generation } = await this.generation();
    if (this.phraseCache?.generation !== generation) {
      const meta = this.query({ name: 'pd_phrase_meta', text: 'SELECT phrases FROM generations WHERE id = $1', values: [generation] })
        .then(r => (r.rows[0]?.phrases ?? { version: 0, count: 0, maxKey: 0, heads: [] }) as PhraseMeta);
      meta.catch(() => undefined);
      this.phraseCache = { generation, meta, byPrefix: new Map(), bodies: new Map() };
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
    const ask = prefixes.filter(p => !cache.byPrefix.has(p));
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
      for (const q of ask) cache.byPrefix.set(q, []);
      for (const row of r.rows) {
        cache.byPrefix.get(row.q)!.push({ key: row.key, no: row.no });
        if (row.body && !cache.bodies.has(row.no)) cache.bodies.set(row.no, row.body as StoredPhrase);
      }
    }
    const keys = prefixes.flatMap(p => cache.byPrefix.get(p) ?? []);
    return { keys, phrases: new Map(keys.map(k => [k.no, cache.bodies.get(k.no)!])) };
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
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
   * `base` with the office index's phrases for a completion at `offset` (only the typed prefixes are
   * sent), or undefined: complete from the local index.
   */
  completionFor(text: string, offset: number, base: CorpusSnapshot): Promise<CorpusSnapshot | undefined>;
} {
  const reader = new PgIndexReader(opts);
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
      const { generation } = await reader.generation();
      const team = [...(options?.teamRegions ?? [])].sort().join('\n');
      const same = last && last.text === text && last.team === team && last.generation === generation;
      const r = same ? last!.result : await partialFromReader(reader, opts.gazetteer(), text, { ...options, cache, timings: opts.timings });
      last = { text, team, generation, result: r };
      return r;
    });
  return {
    kind: 'shared' as const,
    reader,
    get usingDatabase() {
      return using;
    },
    async snapshotFor(text, options) {
      return (await attempt(text, options))?.snapshot ?? opts.fallback();
    },
    async partialFor(text, options) {
      return (await attempt(text, options))?.partial;
    },
    completionFor(text, offset, base) {
      return guarded(async () => {
        const { meta, heads } = await reader.phraseMeta();
        const rows = await reader.phrases(completionPrefixes(text, offset, meta, heads));
        const { index, docs } = assemblePhrases(meta, rows);
        return { ...base, phrases: index, docs };
      });
    },
    close: () => reader.close(),
  };
}

/** What the office index holds (policy-lint corpus --database): its live generation, the generations kept, sizes, files. */
export async function describeOfficeIndex(opts: ReaderOptions): Promise<OfficeIndexReport> {
  const reader = new PgIndexReader({ ...opts, max: 1 });
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
