// The editors' and CI's side of the office index: read-only lookups by key (never the draft's text),
// answered from the live generation. A connection that fails makes the store fall back to the
// local (embedded) index, with a message, and try the database again a little later.
import pg from 'pg';
import { ANALYSIS_VERSION, type CorpusSnapshot, type CorpusStats } from '../../core/corpus/snapshot';
import type { CorpusDocument } from '../../core/model';
import type { Gazetteer } from '../../core/regions';
import { partialFromReader, type PartialCorpus, type SnapshotCache, type IndexReader, type IndexStore, type StoredDocument, type StoredMention } from '../../core/store';
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
}

export class IndexUnavailable extends Error {}

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

  private async query(text: string, values?: unknown[]): Promise<pg.QueryResult> {
    this.opts.onQuery?.(text, values);
    // pooled connections the server dropped (a restart, a failover) fail once each: try fresh ones
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.pool.query(text, values);
      } catch (e) {
        const sqlError = (e as { code?: string }).code !== undefined;
        if (sqlError || attempt >= (this.opts.max ?? 2)) throw new IndexUnavailable((e as Error).message);
      }
    }
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

  async documents(figureKeys: readonly string[], claimKeys: readonly string[]): Promise<StoredDocument[]> {
    const { generation } = await this.generation();
    const found = await this.query(
      `SELECT g.file_id, g.ord AS file_order, k.ord
       FROM (SELECT file_id, ord FROM figure_keys WHERE key = ANY($2::text[])
             UNION SELECT file_id, ord FROM claims WHERE key = ANY($3::text[])) k
       JOIN generation_files g ON g.file_id = k.file_id AND g.generation = $1`,
      [generation, figureKeys, claimKeys]);
    const want = found.rows.map(r => ({ key: `${r.file_id}:${r.ord}`, fileId: Number(r.file_id), fileOrder: r.file_order as number, ord: r.ord as number }));
    const missing = want.filter(w => !this.docs.has(w.key));
    if (missing.length) {
      const r = await this.query(
        `SELECT d.file_id, d.ord, d.body, d.figures, f.line_starts
         FROM unnest($1::bigint[], $2::int[]) AS x(file_id, ord)
         JOIN docs d ON d.file_id = x.file_id AND d.ord = x.ord JOIN files f ON f.id = d.file_id`,
        [missing.map(m => m.fileId), missing.map(m => m.ord)]);
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
    return want.flatMap(w => {
      const d = this.docs.get(w.key);
      return d ? [{ ...d, fileOrder: w.fileOrder }] : [];
    });
  }

  async mentions(names: readonly string[], codes: readonly string[]): Promise<StoredMention[]> {
    if (names.length === 0 && codes.length === 0) return [];
    const { generation } = await this.generation();
    const r = await this.query(
      `SELECT m.name, m.start_at, m.end_at, m.codes, m.cite, d.doc_id, d.title, d.date, f.source
       FROM (SELECT * FROM mentions WHERE name = ANY($2::text[]) UNION ALL
             SELECT * FROM mentions WHERE codes && $3::text[] AND NOT (name = ANY($2::text[]))) m
       JOIN generation_files g ON g.file_id = m.file_id AND g.generation = $1
       JOIN docs d ON d.file_id = m.file_id AND d.ord = m.ord
       JOIN files f ON f.id = m.file_id`,
      [generation, names, codes]);
    return r.rows.map(row => ({
      name: row.name, start: row.start_at, end: row.end_at, codes: row.codes, cite: row.cite ?? undefined,
      docId: row.doc_id, title: row.title, source: row.source, ...(row.date ? { date: row.date } : {}),
    }));
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
} {
  const reader = new PgIndexReader(opts);
  let failedAt: number | undefined;
  const cache: SnapshotCache = {};
  let last: { text: string; team: string; generation: number; result: Awaited<ReturnType<typeof partialFromReader>> } | undefined;
  let using = true;
  const where = redact(opts.url ?? '(PostgreSQL environment)');
  const attempt = async (text: string, options?: { teamRegions?: ReadonlySet<string> }) => {
    if (failedAt !== undefined && Date.now() - failedAt < (opts.retryMs ?? 30_000)) return undefined;
    try {
      // The editor checks a draft and then hovers over it, again and again: the same text and the same
      // live generation give the same answer, so it is kept (the generation is looked up once a second).
      const { generation } = await reader.generation();
      const team = [...(options?.teamRegions ?? [])].sort().join('\n');
      const same = last && last.text === text && last.team === team && last.generation === generation;
      const r = same ? last!.result : await partialFromReader(reader, opts.gazetteer(), text, { ...options, cache });
      last = { text, team, generation, result: r };
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
    close: () => reader.close(),
  };
}
