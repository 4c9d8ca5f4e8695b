// `policy-lint index --database URL`: builds or updates the office index. Files are keyed by content
// hash: unchanged files are kept, changed ones analysed again (by several worker threads), deleted
// ones dropped. Each analysed file is committed on its own (an interrupted run keeps what it did);
// the new generation — the list of files it holds — becomes live in one final transaction, so
// readers see the previous index, whole, until then.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { ANALYSIS_VERSION, type CorpusStats, type FileAnalysis } from '../../core/corpus/snapshot';
import type { CorpusDocument } from '../../core/model';
import { storedPhrases } from '../../core/store';
import { COMMON_POSTINGS } from '../../core/figures/restate';
import type { PolicyService } from '../../core/service';
import { analyseFile, hashFile, type AnalysedFile } from './analyze';
import { connectionConfig } from './connection';
import { DDL, LIVE_CHANNEL, MENTION_SUMMARY_DOCS, SCHEMA, SCHEMA_VERSION, WRITER_LOCK } from './schema';

export interface BuildOptions {
  url?: string;
  workers?: number;
  locale?: string;
  /** Progress lines (the CLI writes them to stderr). */
  progress?: (line: string) => void;
  /** Every query and its parameters (tests). */
  onQuery?: (text: string, values: unknown[] | undefined) => void;
}

export interface BuildResult {
  generation: number;
  changed: boolean;
  files: number;
  analysed: number;
  reused: number;
  removed: number;
  stats: CorpusStats;
}

type Db = pg.PoolClient;

async function q(db: Db, opts: BuildOptions, text: string, values?: unknown[]) {
  opts.onQuery?.(text, values);
  return db.query(text, values);
}

/** Analyses files on N worker threads (the bundle's dbIndexWorker.js), or in this thread. */
function analyser(service: PolicyService, workers: number, locale: string | undefined) {
  // the bundle's worker beside this file; run from the sources (tsx: tests, bench), the built one
  const script = [join(__dirname, 'dbIndexWorker.js'), join(__dirname, '../../../out/dbIndexWorker.js')].find(f => existsSync(f));
  if (workers <= 1 || !script) {
    return { run: async (path: string, hash: string) => analyseFile(service, path, hash), close: async () => undefined };
  }
  const pool = Array.from({ length: workers }, () => new Worker(script, { workerData: { locale } }));
  const idle = [...pool];
  const waiting: Array<() => void> = [];
  const pending = new Map<number, { resolve: (r: AnalysedFile) => void; reject: (e: Error) => void }>();
  let next = 0;
  for (const w of pool) {
    w.on('message', (m: { id: number; result?: AnalysedFile; error?: string }) => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      idle.push(w);
      waiting.shift()?.();
      if (m.error !== undefined) p?.reject(new Error(m.error));
      else p?.resolve(m.result!);
    });
    w.on('error', e => {
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    });
  }
  return {
    async run(path: string, hash: string): Promise<AnalysedFile> {
      while (idle.length === 0) await new Promise<void>(r => waiting.push(r));
      const w = idle.pop()!;
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, path, hash });
      });
    },
    close: async () => {
      await Promise.all(pool.map(w => w.terminate()));
    },
  };
}

function fileGrams(a: AnalysedFile): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of a.keys) for (const [g, n] of Object.entries(k.grams)) out[g] = (out[g] ?? 0) + n;
  return out;
}

async function storeFile(db: Db, opts: BuildOptions, hash: string, a: AnalysedFile): Promise<number> {
  const f = a.analysis;
  await q(db, opts, 'BEGIN');
  try {
    const r = await q(db, opts,
      `INSERT INTO files (source, hash, analysis, bytes, skipped, info, line_starts, grams, token_lengths) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (source, hash, analysis) DO UPDATE SET bytes = EXCLUDED.bytes, token_lengths = EXCLUDED.token_lengths RETURNING id`,
      [f.source, hash, ANALYSIS_VERSION, f.bytes, f.skipped ?? null, JSON.stringify({ encoding: f.encoding, detail: f.detail, notes: f.notes }), JSON.stringify(f.lineStarts), JSON.stringify(fileGrams(a)),
        JSON.stringify(f.tokenLengths ?? [])]);
    const id = Number(r.rows[0].id);
    await q(db, opts, 'DELETE FROM docs WHERE file_id = $1', [id]);
    await q(db, opts, 'DELETE FROM figure_keys WHERE file_id = $1', [id]);
    await q(db, opts, 'DELETE FROM claims WHERE file_id = $1', [id]);
    await q(db, opts, 'DELETE FROM mentions WHERE file_id = $1', [id]);
    await q(db, opts, 'DELETE FROM mention_docs WHERE file_id = $1', [id]);
    if (f.docs.length) {
      await q(db, opts,
        `INSERT INTO docs (file_id, ord, doc_id, title, date, body, figures)
         SELECT $1, o, d, t, dt, b, fg FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[]) AS x(o, d, t, dt, b, fg)`,
        [id, f.docs.map((_, i) => i), f.docs.map(d => d.id), f.docs.map(d => d.title), f.docs.map(d => d.date ?? null),
          f.docs.map(d => JSON.stringify(d)), f.figures.map(x => JSON.stringify(x ?? []))]);
    }
    const keyOrd: number[] = [], keys: string[] = [];
    const c: { ord: number[]; fig: number[]; subject: Array<string | null>; indicator: Array<string | null>; period: Array<string | null>; value: number[]; unit: string[]; kind: string[]; base: Array<string | null>; key: Array<string | null> } =
      { ord: [], fig: [], subject: [], indicator: [], period: [], value: [], unit: [], kind: [], base: [], key: [] };
    const m: { ord: number[]; name: string[]; start: number[]; end: number[]; codes: string[]; cite: string[] } = { ord: [], name: [], start: [], end: [], codes: [], cite: [] };
    a.keys.forEach((k, ord) => {
      for (const key of k.figureKeys) {
        keyOrd.push(ord);
        keys.push(key);
      }
      for (const cl of k.claims) {
        c.ord.push(ord); c.fig.push(cl.figure); c.subject.push(cl.subject ?? null); c.indicator.push(cl.indicator ?? null);
        c.period.push(cl.period ?? null); c.value.push(Number.isFinite(cl.value) ? cl.value : 0); c.unit.push(cl.unit); c.kind.push(cl.kind);
        c.base.push(cl.base ?? null); c.key.push(cl.key ?? null);
      }
      for (const mm of k.mentions) {
        m.ord.push(ord); m.name.push(mm.name); m.start.push(mm.start); m.end.push(mm.end);
        m.codes.push(JSON.stringify(mm.codes)); m.cite.push(JSON.stringify(mm.cite ?? null));
      }
    });
    if (keys.length) {
      await q(db, opts, `INSERT INTO figure_keys (key, file_id, ord) SELECT k, $1, o FROM unnest($2::text[], $3::int[]) AS x(k, o) ON CONFLICT DO NOTHING`, [id, keys, keyOrd]);
    }
    if (c.ord.length) {
      await q(db, opts,
        `INSERT INTO claims (file_id, ord, figure, subject, indicator, period, value, unit, kind, base, key)
         SELECT $1, * FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::text[], $9::text[], $10::text[], $11::text[])`,
        [id, c.ord, c.fig, c.subject, c.indicator, c.period, c.value, c.unit, c.kind, c.base, c.key]);
    }
    if (m.ord.length) {
      await q(db, opts,
        `INSERT INTO mentions (file_id, ord, name, start_at, end_at, codes, cite)
         SELECT $1, o, n, s, e, ARRAY(SELECT jsonb_array_elements_text(cs)), ci
         FROM unnest($2::int[], $3::text[], $4::int[], $5::int[], $6::jsonb[], $7::jsonb[]) AS x(o, n, s, e, cs, ci)`,
        [id, m.ord, m.name, m.start, m.end, m.codes, m.cite]);
      await q(db, opts,
        `INSERT INTO mention_docs (key, file_id, ord, n, start_at, end_at, cite)
         SELECT DISTINCT ON (key, ord) key, file_id, ord, count(*) OVER (PARTITION BY key, ord), start_at, end_at, cite
         FROM (SELECT 'n:' || name AS key, file_id, ord, start_at, end_at, cite FROM mentions WHERE file_id = $1
               UNION ALL SELECT 'c:' || c, file_id, ord, start_at, end_at, cite FROM mentions, unnest(codes) AS c WHERE file_id = $1) x
         ORDER BY key, ord, start_at, end_at`,
        [id]);
    }
    await q(db, opts, 'COMMIT');
    return id;
  } catch (e) {
    await q(db, opts, 'ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/**
 * What readers fetch of each name and code of generation `gen` (mention_names), from its files'
 * mention_docs: one row per key with its counts and its documents' rows. A key in more than
 * MENTION_SUMMARY_DOCS documents keeps only the rows of its latest documents (every document dated on
 * or after the third latest date: the hover cites the latest three) when no one source can change
 * what the region checks conclude (check-unknown.ts corpusUse leaves the draft's own source out and
 * asks for two sources and two titles): three sources or more, two titles or more outside any one
 * source, and dates the reader orders as SQL does (digits and '-'). Such a body says so with `rest`:
 * the sources and titles left at least when any one source's documents are left out.
 */
async function storeMentionNames(db: Db, opts: BuildOptions, gen: number): Promise<void> {
  await q(db, opts,
    `INSERT INTO mention_names (generation, key, body)
     WITH m AS (
       SELECT md.key, md.n, md.start_at, md.end_at, md.cite, d.doc_id, d.title, nullif(d.date, '') AS date, f.source,
              row_number() OVER (PARTITION BY md.key ORDER BY nullif(d.date, '') COLLATE "C" DESC NULLS LAST) AS rn
       FROM mention_docs md
       JOIN generation_files g ON g.file_id = md.file_id AND g.generation = $1
       JOIN docs d ON d.file_id = md.file_id AND d.ord = md.ord
       JOIN files f ON f.id = md.file_id),
     per_source AS (SELECT key, source, count(DISTINCT title) AS t FROM m GROUP BY key, source),
     most AS (SELECT key, max(t) AS t FROM per_source GROUP BY key),
     a AS (
       SELECT m.key, sum(m.n)::int AS n, count(*)::int AS docs, count(DISTINCT m.source)::int AS sources,
              count(DISTINCT m.title)::int AS titles, max(m.date) FILTER (WHERE m.rn = 3) AS third,
              bool_and(m.date IS NULL OR m.date ~ '^[0-9][0-9-]*$') AS plain_dates
       FROM m GROUP BY m.key),
     k AS (
       SELECT a.*, a.titles - most.t AS titles_rest,
              (a.docs > $2 AND a.sources >= 3 AND a.titles - most.t >= 2 AND a.third IS NOT NULL AND a.plain_dates) AS summary
       FROM a JOIN most USING (key))
     SELECT $1, k.key, jsonb_build_object('n', k.n, 'docs', k.docs, 'sources', k.sources, 'titles', k.titles,
              'rest', CASE WHEN k.summary THEN jsonb_build_array(k.sources - 1, k.titles_rest) END, 'rows',
              jsonb_agg(jsonb_build_array(m.doc_id, m.source, m.title, m.date, m.n, m.start_at, m.end_at, m.cite->'start', m.cite->'end')
                        ORDER BY m.date COLLATE "C" DESC NULLS LAST, m.doc_id COLLATE "C", m.start_at)
                FILTER (WHERE NOT k.summary OR m.date COLLATE "C" >= k.third COLLATE "C"))
     FROM m JOIN k USING (key)
     GROUP BY k.key, k.n, k.docs, k.sources, k.titles, k.summary, k.titles_rest`,
    [gen, MENTION_SUMMARY_DOCS]);
}

/**
 * What readers fetch of each figure and claim key of generation `gen` (key_docs): the documents
 * holding it, with their file's place in the generation, as one short text value per key.
 */
async function storeKeyDocs(db: Db, opts: BuildOptions, gen: number): Promise<void> {
  await q(db, opts,
    `INSERT INTO key_docs (generation, key, docs)
     SELECT $1, k.key, string_agg(k.file_id || '.' || k.ord || '.' || g.ord, ' ' ORDER BY g.ord, k.ord)
     FROM figure_keys k JOIN generation_files g ON g.file_id = k.file_id AND g.generation = $1
     GROUP BY k.key`,
    [gen]);
}

/** The phrases of the files `ids` (in the generation's order), mined from their stored documents and token lengths. */
async function minePhrasesOf(db: Db, opts: BuildOptions, service: PolicyService, ids: readonly number[]) {
  const tokens = await q(db, opts, 'SELECT id, token_lengths FROM files WHERE id = ANY($1::bigint[])', [ids]);
  const docs = await q(db, opts, 'SELECT file_id, ord, body FROM docs WHERE file_id = ANY($1::bigint[]) ORDER BY file_id, ord', [ids]);
  const byFile = new Map<number, { docs: CorpusDocument[]; tokenLengths: number[][] }>();
  for (const r of tokens.rows) byFile.set(Number(r.id), { docs: [], tokenLengths: r.token_lengths as number[][] });
  for (const r of docs.rows) byFile.get(Number(r.file_id))?.docs.push(r.body as CorpusDocument);
  const files = ids.map(id => byFile.get(id) ?? { docs: [], tokenLengths: [] }) as unknown as FileAnalysis[];
  const index = service.minePhrases(files);
  const all = new Map<string, CorpusDocument>();
  for (const f of files) for (const d of f.docs) all.set(d.id, d);
  const { meta, phrases } = storedPhrases(index, all);
  return { meta, phrases, keys: { keys: index.keys, keyPhrase: index.keyPhrase } };
}

/**
 * Creates the schema if it is not there (the writer's role owns it). Tables of another schema version
 * are dropped first: the index is rebuilt (readers of either version fall back meanwhile).
 */
export async function ensureSchema(db: Db, opts: BuildOptions = {}): Promise<void> {
  const had = await q(db, opts, `SELECT to_regclass('${SCHEMA}.meta') IS NOT NULL AS t`);
  if (had.rows[0].t) {
    const v = await q(db, opts, `SELECT value FROM ${SCHEMA}.meta WHERE key = 'schema'`);
    if (v.rows.length && Number(v.rows[0].value) !== SCHEMA_VERSION) {
      opts.progress?.(`the office index has schema version ${v.rows[0].value}; rebuilding it as version ${SCHEMA_VERSION}`);
      await q(db, opts, `DROP TABLE IF EXISTS ${['key_docs', 'mention_names', 'phrase_keys', 'phrases', 'generation_files', 'generations', 'mention_docs', 'mentions', 'claims', 'figure_keys', 'docs', 'files', 'meta'].map(t => `${SCHEMA}.${t}`).join(', ')} CASCADE`);
    }
  }
  await q(db, opts, DDL);
  await q(db, opts, `INSERT INTO meta (key, value) VALUES ('schema', $1) ON CONFLICT (key) DO NOTHING`, [JSON.stringify(SCHEMA_VERSION)]);
}

export async function buildDatabaseIndex(service: PolicyService, paths: readonly string[], opts: BuildOptions = {}): Promise<BuildResult> {
  const say = opts.progress ?? (() => undefined);
  const pool = new pg.Pool({ ...connectionConfig(opts.url), max: 1, application_name: 'policy-lint index' });
  pool.on('error', () => undefined);
  const db = await pool.connect();
  const work = analyser(service, opts.workers ?? 1, opts.locale);
  try {
    await q(db, opts, `SET search_path TO ${SCHEMA}, public`).catch(() => undefined);
    // one writer at a time; the lock goes with the connection if this process dies
    await q(db, opts, 'SELECT pg_advisory_lock($1)', [WRITER_LOCK]);
    await ensureSchema(db, opts);
    say(`hashing ${paths.length} files`);
    const hashed = paths.map(p => ({ path: p, ...hashFile(p) }));
    const existing = await q(db, opts, 'SELECT id, source, hash FROM files WHERE analysis = $1 AND source = ANY($2::text[])', [ANALYSIS_VERSION, paths]);
    const known = new Map(existing.rows.map(r => [`${r.source}\0${r.hash}`, Number(r.id)]));
    const ids: number[] = new Array(paths.length);
    const todo: number[] = [];
    hashed.forEach((h, i) => {
      const id = known.get(`${h.path}\0${h.hash}`);
      if (id !== undefined) ids[i] = id;
      else todo.push(i);
    });
    say(`${paths.length - todo.length} files unchanged, ${todo.length} to analyse with ${Math.max(1, opts.workers ?? 1)} worker(s)`);
    let done = 0, lastSaid = Date.now();
    // analysis runs on every worker at once; the files are stored one at a time on the one connection
    let storing: Promise<unknown> = Promise.resolve();
    const store = (hash: string, a: AnalysedFile) => {
      const p = storing.then(() => storeFile(db, opts, hash, a));
      storing = p.catch(() => undefined);
      return p;
    };
    await Promise.all(Array.from({ length: Math.max(1, opts.workers ?? 1) }, async () => {
      while (todo.length) {
        const i = todo.shift()!;
        const h = hashed[i];
        const analysed = h.skipped
          ? { analysis: service.skippedFile(h.path, h.skipped, '', h.bytes, h.detail), keys: [] }
          : await work.run(h.path, h.hash);
        ids[i] = await store(h.hash, analysed);
        done++;
        if (Date.now() - lastSaid > 1000 || todo.length === 0) {
          lastSaid = Date.now();
          say(`analysed ${done} of ${done + todo.length} files`);
        }
      }
    }));

    const live = await q(db, opts, `SELECT value FROM meta WHERE key = 'live'`);
    const liveGen = live.rows.length ? Number((live.rows[0].value as { generation: number }).generation) : undefined;
    if (liveGen !== undefined && done === 0) {
      const current = await q(db, opts, 'SELECT file_id, ord FROM generation_files WHERE generation = $1 ORDER BY ord', [liveGen]);
      const same = current.rows.length === ids.length && current.rows.every((r, i) => Number(r.file_id) === ids[i] && r.ord === i);
      if (same) {
        const g = await q(db, opts, 'SELECT stats FROM generations WHERE id = $1', [liveGen]);
        say(`index is up to date (generation ${liveGen})`);
        return { generation: liveGen, changed: false, files: ids.length, analysed: 0, reused: ids.length, removed: 0, stats: g.rows[0]?.stats };
      }
    }
    // the switch: a new generation with every file, live in one transaction
    await q(db, opts, 'BEGIN');
    try {
      const agg = await q(db, opts,
        `SELECT count(*)::int AS documents, coalesce(sum(length(body->>'text')), 0)::bigint AS characters,
                min(date COLLATE "C") AS earliest, max(date COLLATE "C") AS latest
         FROM docs WHERE file_id = ANY($1::bigint[])`, [ids]);
      const skippedFiles = await q(db, opts, 'SELECT count(*)::int AS n FROM files WHERE id = ANY($1::bigint[]) AND skipped IS NOT NULL', [ids]);
      const a = agg.rows[0];
      const stats: CorpusStats = {
        files: ids.length, skippedFiles: skippedFiles.rows[0].n, documents: a.documents, characters: Number(a.characters),
        ...(a.earliest ? { earliest: a.earliest } : {}), ...(a.latest ? { latest: a.latest } : {}),
      };
      const common = await q(db, opts,
        `SELECT g.key FROM files f, jsonb_each_text(f.grams) g WHERE f.id = ANY($1::bigint[]) GROUP BY g.key HAVING sum(g.value::int) > $2 ORDER BY g.key`,
        [ids, COMMON_POSTINGS]);
      // the phrases of the whole generation, mined as the embedded index mines them (completion)
      say('mining phrases');
      const mined = await minePhrasesOf(db, opts, service, ids);
      const g = await q(db, opts, `INSERT INTO generations (started, finished, stats, common_grams, phrases) VALUES (now(), clock_timestamp(), $1, $2, $3) RETURNING id`,
        [JSON.stringify(stats), JSON.stringify(common.rows.map(r => r.key)), JSON.stringify(mined.meta)]);
      const gen = Number(g.rows[0].id);
      for (let i = 0; i < mined.phrases.length; i += 5000) {
        const part = mined.phrases.slice(i, i + 5000);
        await q(db, opts, 'INSERT INTO phrases (generation, no, body) SELECT $1, n, b FROM unnest($2::int[], $3::jsonb[]) AS x(n, b)',
          [gen, part.map((_, k) => i + k), part.map(p => JSON.stringify(p))]);
      }
      const keyRows = mined.keys;
      for (let i = 0; i < keyRows.keys.length; i += 20000) {
        await q(db, opts, 'INSERT INTO phrase_keys (generation, key, no) SELECT $1, k, n FROM unnest($2::text[], $3::int[]) AS x(k, n)',
          [gen, keyRows.keys.slice(i, i + 20000), keyRows.keyPhrase.slice(i, i + 20000)]);
      }
      await q(db, opts, 'INSERT INTO generation_files (generation, file_id, ord) SELECT $1, f, o FROM unnest($2::bigint[], $3::int[]) AS x(f, o)',
        [gen, ids, ids.map((_, i) => i)]);
      await storeMentionNames(db, opts, gen);
      await storeKeyDocs(db, opts, gen);
      await q(db, opts,
        `INSERT INTO meta (key, value) VALUES ('live', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [JSON.stringify({ generation: gen, analysis: ANALYSIS_VERSION, schema: SCHEMA_VERSION, notifies: true })]);
      // readers listening are told at the commit (a notification is sent only if the transaction commits)
      await q(db, opts, 'SELECT pg_notify($1, $2)', [LIVE_CHANNEL, String(gen)]);
      // keep the previous generation (a reader may be in the middle of it); drop older ones and their files
      await q(db, opts, 'DELETE FROM generations WHERE id <> $1 AND id <> $2', [gen, liveGen ?? gen]);
      const removed = await q(db, opts,
        'DELETE FROM files f WHERE NOT EXISTS (SELECT 1 FROM generation_files g WHERE g.file_id = f.id) RETURNING id');
      await q(db, opts, 'COMMIT');
      // fresh statistics, so the readers' lookups are planned as index scans
      if (done > 0 || (removed.rowCount ?? 0) > 0) await q(db, opts, 'ANALYZE').catch(() => undefined);
      say(`generation ${gen} is live: ${stats.files} files, ${stats.documents} documents (${done} analysed, ${removed.rowCount} dropped)`);
      return { generation: gen, changed: true, files: ids.length, analysed: done, reused: ids.length - done, removed: removed.rowCount ?? 0, stats };
    } catch (e) {
      await q(db, opts, 'ROLLBACK').catch(() => undefined);
      throw e;
    }
  } finally {
    await work.close();
    await q(db, opts, 'SELECT pg_advisory_unlock($1)', [WRITER_LOCK]).catch(() => undefined);
    db.release();
    await pool.end();
  }
}
