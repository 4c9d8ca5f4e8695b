// npm run bench:db — the office index in PostgreSQL against the embedded index, on a throwaway cluster
// (test/db/cluster.ts): every row of issue 15's "Tests and numbers":
// - building the index for ../shared/corpus (with the seeds) and for a 100 MB corpus (distinct copies
//   of ../shared/corpus, as bench/run.ts makes them), with 1 and 2 worker threads;
// - a draft's lookups (every key new / the same keys again) and hover latency, p50/p95, from the
//   database against the embedded index; completion;
// - the whole check of a 20,000-character draft with the database: a draft never seen, and an edit;
// - 50 simulated writers checking drafts at once.
// The load average is printed with each part: on a shared machine it matters as much as the code.
// Usage: npm run bench:db -- [--writers N] [--rounds N] [--lookup-rounds N] [--big-mb N (0 skips; default 100)]
//        [--big-workers 1,2] [--big-only (only the big build)] [--lookups-only (one build, no 100 MB)] [--edits N]
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { basename, join, resolve } from 'node:path';
import pg from 'pg';
import type { CorpusSnapshot } from '../server/src/core/corpus/snapshot';
import { extractFigures } from '../server/src/core/figures';
import { firstLine } from '../server/src/core/figures/segments';
import { extractRegionMentions } from '../server/src/core/regions';
import { toSimplified } from '../server/src/core/text/script';
import { resolveCorpusPaths } from '../server/src/node/corpusFiles';
import { createNodeService, seedsDir } from '../server/src/node/environment';
import { indexCorpus } from '../server/src/node/indexer';
import { databaseStore, PgIndexReader } from '../server/src/node/store/reader';
import { assemblePhrases, draftKeys, type StoreTimings } from '../server/src/core/store';
import { corpusMatches } from '../server/src/core/figures/check-corpus';
import { buildDatabaseIndex } from '../server/src/node/store/writer';
import { setupDatabase, skipReason, startCluster, type Cluster } from '../test/db/cluster';
import { buildCorpus } from './corpus';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const WRITERS = Number(arg('--writers', '50'));
const ROUNDS = Number(arg('--rounds', '3'));
/** Rounds of the lookups over the dev-real drafts (the first fetches the documents): enough samples for a p95. */
const LOOKUP_ROUNDS = Math.max(ROUNDS, Number(arg('--lookup-rounds', '12')));
const LOOKUPS_ONLY = process.argv.includes('--lookups-only');
/** One-character edits checked per 20,000-character text (the p95 of the edit rows is about the slowest of these). */
const EDITS = Number(arg('--edits', '20'));
const BIG_MB = Number(arg('--big-mb', LOOKUPS_ONLY ? '0' : '100'));
const BIG_WORKERS = arg('--big-workers', '1,2').split(',').map(Number).filter(n => n > 0);
/** Only the 100 MB build rows (they take long: run them apart from the rest). */
const BIG_ONLY = process.argv.includes('--big-only');
const SHARED = resolve(__dirname, '../../shared');
const SHARED_CORPUS = join(SHARED, 'corpus');
const DEV_REAL = join(SHARED, 'eval/dev-real');
const WORKER_BUNDLE = resolve(__dirname, '../server/out/dbIndexWorker.js');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const load = () => loadavg().map(x => x.toFixed(1)).join(' ');
const figureCache = new Map<string, ReturnType<typeof extractFigures>>();
const extractFiguresCached = (norm: string) => figureCache.get(norm) ?? figureCache.set(norm, extractFigures(norm, { title: firstLine(norm) })).get(norm)!;
const row = (name: string, xs: number[]) => xs.length && console.log(`| ${name} | ${xs.length} | ${ms(pct(xs, 50))} | ${ms(pct(xs, 95))} |`);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/** This process's garbage collections (perf_hooks): the pauses that fall into a timed span are counted with it. */
const gcs: Array<{ start: number; end: number; kind: number }> = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) gcs.push({ start: e.startTime, end: e.startTime + e.duration, kind: (e as { detail?: { kind?: number } }).detail?.kind ?? 0 });
}).observe({ entryTypes: ['gc'] });
/** Milliseconds of GC pause within [t0, t1], and how many collections. */
const gcIn = (t0: number, t1: number) => {
  let n = 0, ms = 0;
  for (const g of gcs) if (g.start < t1 && g.end > t0) {
    n++;
    ms += Math.min(g.end, t1) - Math.max(g.start, t0);
  }
  return { n, ms };
};


/** Builds `files` into a fresh database of the cluster with `workers` threads: one row of the build table. */
async function buildRow(cluster: Cluster, service: ReturnType<typeof createNodeService>, what: string, files: string[], mb: number, workers: number, db: string) {
  cluster.sql(`CREATE DATABASE ${db} OWNER pd_indexer`);
  setupDatabase(cluster.sql, db);
  const before = load();
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const r = await buildDatabaseIndex(service, files, { url: cluster.url('indexer', db), workers });
  const s = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const size = Number(cluster.sql(`SELECT pg_database_size('${db}')`).trim()) / 1048576;
  console.log(`| ${what}, ${workers} worker${workers > 1 ? 's' : ''} (from empty) | ${s.toFixed(1)} s | ${(mb / s).toFixed(2)} MB/s | ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s | ${r.analysed} | ${size.toFixed(0)} MB | ${before} → ${load()} |`);
  return r;
}

/**
 * pg_stat_statements in the bench's cluster (loaded at start): reset now; read() gives each reader
 * statement's calls, mean and max execution time and rows since. Undefined when the extension is missing.
 */
function pgStatStatements(cluster: Cluster, db: string) {
  try {
    cluster.sql('CREATE EXTENSION IF NOT EXISTS pg_stat_statements', db);
    cluster.sql('SELECT pg_stat_statements_reset()', db);
  } catch {
    return undefined;
  }
  return {
    read: () => cluster.sql(`SELECT calls, mean_exec_time, max_exec_time, rows::float / calls, regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements
      WHERE query ~ '(key_docs|mention_names|FROM meta)' AND calls > 0 ORDER BY total_exec_time DESC`, db).trim().split('\n').filter(Boolean).map(l => {
      const [calls, mean, max, rows, query] = l.split('|');
      const name = /key_docs/.test(query) ? 'document keys (key_docs)' : /mention_names/.test(query) ? 'place names (mention_names)' : 'live generation (meta)';
      return { name, calls: Number(calls), mean: Number(mean), max: Number(max), rows: Number(rows) };
    }),
  };
}

/** The server's execution time of each draft's two lookup statements, by EXPLAIN ANALYZE (`rounds` times each). */
async function serverTimes(url: string, keys: ReadonlyArray<ReturnType<typeof draftKeys>>, rounds: number): Promise<Record<string, number[]>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const out: Record<string, number[]> = { 'document keys (key_docs)': [], 'place names (mention_names)': [] };
  try {
    await c.query('SET search_path TO policy_draft');
    const gen = Number((await c.query(`SELECT (value->>'generation')::bigint AS g FROM meta WHERE key = 'live'`)).rows[0].g);
    const time = async (text: string, values: unknown[]) => {
      const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text}`, values);
      return (r.rows[0]['QUERY PLAN'] as Array<{ 'Execution Time': number }>)[0]['Execution Time'];
    };
    for (let round = 0; round < rounds; round++) {
      for (const k of keys) {
        out['document keys (key_docs)'].push(await time('SELECT q.key, k.docs FROM unnest($2::text[]) AS q(key) CROSS JOIN LATERAL (SELECT docs FROM key_docs WHERE generation = $1 AND key = q.key LIMIT 1) k', [gen, [...new Set([...k.figureKeys, ...k.claimKeys])]]));
        out['place names (mention_names)'].push(await time('SELECT key, body FROM mention_names WHERE generation = $1 AND key = ANY($2::text[])', [gen, [...k.regionNames.map(n => `n:${n}`), ...k.regionCodes.map(x => `c:${x}`)]]));
      }
    }
  } finally {
    await c.end();
  }
  return out;
}

async function main() {
  const skip = skipReason();
  if (skip) {
    console.log(skip);
    return;
  }
  if (!existsSync(WORKER_BUNDLE)) {
    console.log(`${WORKER_BUNDLE} is missing: run npm run build first (the indexer's worker threads run the bundle)`);
    process.exitCode = 1;
    return;
  }
  const cluster = await startCluster();
  // pg_stat_statements for the server's part of the lookups (a contrib module of Debian's postgresql)
  if (cluster.sql(`SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_stat_statements'`).trim() === '1') {
    cluster.sql(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
    cluster.stop();
    cluster.start();
  }
  // an interrupted bench stops its cluster too
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cluster.destroy();
      process.exit(130);
    });
  }
  try {
    const service = createNodeService('en');
    const corpus = resolveCorpusPaths([seedsDir(), SHARED_CORPUS], process.cwd()).files;
    const bytes = corpus.reduce((n, f) => n + readFileSync(f).length, 0);
    const mb = bytes / 1048576;
    console.log(`corpus: ${corpus.length} files, ${mb.toFixed(1)} MB (seeds + ../shared/corpus); ${cpus().length} cores; load average ${load()} (1, 5, 15 min)\n`);

    console.log('| index build into PostgreSQL | wall | rate | CPU (the indexer, all its threads) | files analysed | database size | load before → after |\n|---|---|---|---|---|---|---|');
    for (const workers of BIG_ONLY ? [] : LOOKUPS_ONLY ? [2] : [1, 2]) await buildRow(cluster, service, 'seeds + ../shared/corpus', corpus, mb, workers, `build${workers}`);
    if (!BIG_ONLY) {
      const t0 = performance.now();
      await buildDatabaseIndex(service, corpus, { url: cluster.url('indexer', 'build2'), workers: 2 });
      console.log(`| re-run, nothing changed | ${((performance.now() - t0) / 1000).toFixed(1)} s | | | 0 | | ${load()} |`);
    }
    if (BIG_MB > 0) {
      const dir = buildCorpus(SHARED_CORPUS, BIG_MB, 'pd-bench-db-corpus');
      try {
        const files = resolveCorpusPaths([dir], process.cwd()).files;
        const big = files.reduce((n, f) => n + readFileSync(f).length, 0) / 1048576;
        for (const workers of BIG_WORKERS) await buildRow(cluster, service, `${big.toFixed(0)} MB (${files.length} files)`, files, big, workers, `big${workers}`);
        for (const workers of BIG_WORKERS) cluster.sql(`DROP DATABASE big${workers}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    console.log('');
    if (BIG_ONLY) return;

    const te = performance.now();
    const embeddedIndex = indexCorpus(service, corpus);
    const embedded: CorpusSnapshot = service.assemble(embeddedIndex.files, embeddedIndex.phrases);
    console.log(`embedded index (disk cache, ${embeddedIndex.fromCache} files from cache): ${((performance.now() - te) / 1000).toFixed(1)} s\n`);

    const draftFiles = readdirSync(DEV_REAL).filter(f => f.endsWith('.md') && f !== 'README.md').sort();
    const drafts = draftFiles.map(f => readFileSync(join(DEV_REAL, f), 'utf8'));
    const url = cluster.url('reader', 'build2');
    const gaz = service.gazetteer;
    const reader = new PgIndexReader({ url });
    // the same lookups over the cluster's Unix socket (the issue asks for a loopback TCP port; this is for comparison)
    const unixReader = new PgIndexReader({ url: `postgres://pd_reader:${encodeURIComponent('reader-secret')}@/build2?host=${encodeURIComponent(cluster.dir)}&port=${cluster.port}` });
    const keysOf = drafts.map(t => draftKeys(toSimplified(t), gaz));
    const keyTimes: number[] = [], coldLookups: number[] = [], warmLookups: number[] = [], unixLookups: number[] = [], cachedKeys: number[] = [], embeddedLookups: number[] = [];
    const warmLoads: number[] = [];
    /** Every-key-new lookups: their wall time and the GC pauses within. */
    const warmGc: Array<{ took: number; n: number; ms: number }> = [];
    let warmTrips = 0, warmStatements = 0;
    const docCounts: number[] = [], mentionRows: number[] = [], keyCounts: number[] = [];
    // per draft: every-key-new lookups' wall time, the client's CPU (this process, its GC threads
    // included) and the rows received
    const perDraft = drafts.map(() => ({ wall: [] as number[], cpu: [] as number[], rows: 0 }));
    const statStatements = pgStatStatements(cluster, 'build2');
    console.log(`lookups: load average ${load()}\n`);
    for (let round = 0; round < LOOKUP_ROUNDS; round++) {
      for (const [i, text] of drafts.entries()) {
        let t = performance.now();
        const keys = draftKeys(toSimplified(text), gaz);
        keyTimes.push(performance.now() - t);
        // the database's part of a check: the draft's keys looked up (documents fetched the first time;
        // then the answers per key forgotten, so every key is new to the reader, the documents cached)
        const lookup = (r: PgIndexReader) => Promise.all([r.documents(keys.figureKeys, keys.claimKeys), r.mentions(keys.regionNames, keys.regionCodes), r.commonGrams(), r.stats()]);
        if (round === 0) await lookup(unixReader);
        // TCP and the Unix socket taking turns, first one then the other
        if (round > 0 && (round + i) % 2 === 0) {
          unixReader.forgetKeys();
          t = performance.now();
          await lookup(unixReader);
          unixLookups.push(performance.now() - t);
        }
        if (round > 0) reader.forgetKeys();
        const sent = { ...reader.sent };
        const cpu0 = process.cpuUsage();
        t = performance.now();
        const [docs, mentions] = await lookup(reader);
        const took = performance.now() - t;
        (round === 0 ? coldLookups : warmLookups).push(took);
        if (round > 0) warmGc.push({ took, ...gcIn(t, t + took) });
        if (round > 0) {
          const cpu = process.cpuUsage(cpu0);
          perDraft[i].wall.push(took);
          perDraft[i].cpu.push((cpu.user + cpu.system) / 1000);
          perDraft[i].rows = reader.sent.rows - sent.rows;
          warmTrips += reader.sent.roundTrips - sent.roundTrips;
          warmStatements += reader.sent.statements - sent.statements;
          warmLoads.push(loadavg()[0]);
        }
        if (round > 0 && (round + i) % 2 === 1) {
          unixReader.forgetKeys();
          t = performance.now();
          await lookup(unixReader);
          unixLookups.push(performance.now() - t);
        }
        if (round === 0) {
          docCounts.push(docs.length);
          mentionRows.push(mentions.length);
          keyCounts.push(keys.figureKeys.length + keys.claimKeys.length + keys.regionNames.length + keys.regionCodes.length);
        }
        // the same keys again (an edit that brings no new key): answered from the per-key cache
        t = performance.now();
        await Promise.all([reader.documents(keys.figureKeys, keys.claimKeys), reader.mentions(keys.regionNames, keys.regionCodes), reader.commonGrams(), reader.stats()]);
        cachedKeys.push(performance.now() - t);
        // the embedded index's part: the same figure and place lookups in memory
        const norm = toSimplified(text);
        t = performance.now();
        for (const f of extractFiguresCached(norm)) corpusMatches(f, embedded.figures, 0.7, false);
        for (const n of keysOf[i].regionNames) embedded.regions.byName.get(n);
        embeddedLookups.push(performance.now() - t);
      }
    }
    console.log('| latency | n | p50 | p95 |\n|---|---|---|---|');
    row('client: a draft\'s lookup keys (figures, claims, place names)', keyTimes);
    row('database: a draft\'s lookups, documents fetched (first time)', coldLookups);
    row('database: a draft\'s lookups, every key new, documents cached', warmLookups);
    row('  the same over the Unix socket (taking turns with TCP)', unixLookups);
    row('database: the same keys again (answers cached per key)', cachedKeys);
    row('embedded: the same figure and place lookups in memory', embeddedLookups);
    console.log(`  (per draft: ${(sum(keyCounts) / keyCounts.length).toFixed(0)} keys sent, ${(sum(docCounts) / docCounts.length).toFixed(0)} documents of ${embedded.docs.size} fetched, ${(sum(mentionRows) / mentionRows.length).toFixed(0)} mention rows assembled;`
      + ` every key new: ${(warmTrips / Math.max(1, warmLookups.length)).toFixed(2)} round trips, ${(warmStatements / Math.max(1, warmLookups.length)).toFixed(2)} statements; load average ${Math.min(...warmLoads).toFixed(1)}–${Math.max(...warmLoads).toFixed(1)} meanwhile)`);
    await unixReader.close();
    {
      const withGc = warmGc.filter(g => g.n > 0), slow = warmGc.filter(g => g.took > 5), slowGc = slow.filter(g => g.n > 0);
      console.log(`  (GC: ${withGc.length} of ${warmGc.length} lookups had a collection pause within, ${ms(sum(withGc.map(g => g.ms)))} in all; of the ${slow.length} over 5 ms, ${slowGc.length} had one; this process's collections so far ${gcs.length}, scavenges ${gcs.filter(g => g.kind === 1).length})`);
    }
    const sqlTimes = statStatements?.read();
    console.log('\n| a dev-real draft\'s lookups, every key new | characters | keys sent (figure/claim, names/codes) | rows received | documents found | p50 | p95 | client CPU p50 |\n|---|---|---|---|---|---|---|---|');
    for (const [i, d] of perDraft.entries()) {
      const k = keysOf[i];
      console.log(`| ${basename(draftFiles[i], '.md')} | ${drafts[i].length} | ${k.figureKeys.length + k.claimKeys.length}, ${k.regionNames.length + k.regionCodes.length} | ${d.rows} | ${docCounts[i]} | ${ms(pct(d.wall, 50))} | ${ms(pct(d.wall, 95))} | ${ms(pct(d.cpu, 50))} |`);
    }
    const cpuAll = perDraft.flatMap(d => d.cpu);
    console.log(`  (client CPU a lookup: p50 ${ms(pct(cpuAll, 50))}, mean ${ms(sum(cpuAll) / Math.max(1, cpuAll.length))})`);
    // the server's part: the same statements with EXPLAIN ANALYZE (timing every plan node adds a little), and pg_stat_statements over the lookups above
    const explained = await serverTimes(cluster.url('admin', 'build2'), keysOf, 5);
    console.log('\n| the server\'s part of a lookup (EXPLAIN ANALYZE, execution) | n | p50 | p95 |\n|---|---|---|---|');
    for (const [name, xs] of Object.entries(explained)) row(name, xs);
    if (sqlTimes) for (const q of sqlTimes) console.log(`  pg_stat_statements: ${q.name}: ${q.calls} calls, mean ${q.mean.toFixed(3)} ms, max ${q.max.toFixed(2)} ms, ${q.rows.toFixed(1)} rows a call`);
    else console.log('  (pg_stat_statements is not available in this PostgreSQL)');

    // a lookup for one check of a 20,000-character draft: every key new (the documents cached), and
    // after a one-character edit (only the keys the edit brought are new: usually none)
    const national20k = readdirSync(join(SHARED_CORPUS, 'gwr-national')).sort().reverse().map(f => readFileSync(join(SHARED_CORPUS, 'gwr-national', f), 'utf8')).join('\n\n');
    let county20k = '';
    for (let i = 0; county20k.length < 20_000; i++) county20k += `${drafts[i % drafts.length]}\n\n`;
    const big = [
      ...Array.from({ length: 4 }, (_, i) => ({ what: 'national', text: national20k.slice(i * 20_000, (i + 1) * 20_000) })),
      { what: 'county', text: county20k.slice(0, 20_000) },
    ];
    console.log('\n| a lookup for one check of a 20,000-character draft | n | p50 | p95 |\n|---|---|---|---|');
    const bigNew: number[] = [], bigEdit: number[] = [], bigRows: number[] = [], bigKeys: number[] = [], bigDocs: number[] = [], bigCpu: number[] = [];
    const bigKeysOf = big.map(b => draftKeys(toSimplified(b.text), gaz));
    for (const k of bigKeysOf) await Promise.all([reader.documents(k.figureKeys, k.claimKeys), reader.mentions(k.regionNames, k.regionCodes)]);
    for (let round = 0; round < LOOKUP_ROUNDS; round++) {
      for (const [i, k] of bigKeysOf.entries()) {
        reader.forgetKeys();
        const sent = reader.sent.rows;
        const cpu0 = process.cpuUsage();
        let t = performance.now();
        const [docs] = await Promise.all([reader.documents(k.figureKeys, k.claimKeys), reader.mentions(k.regionNames, k.regionCodes), reader.commonGrams(), reader.stats()]);
        bigNew.push(performance.now() - t);
        const cpu = process.cpuUsage(cpu0);
        bigCpu.push((cpu.user + cpu.system) / 1000);
        if (round === 0) {
          bigRows.push(reader.sent.rows - sent);
          bigKeys.push(k.figureKeys.length + k.claimKeys.length + k.regionNames.length + k.regionCodes.length);
          bigDocs.push(docs.length);
        }
        // one character typed at a place of its own in each round: the keys of the edited text
        const at = 1_000 + ((round * 1_733) % 18_000);
        const edited = `${big[i].text.slice(0, at)}，${big[i].text.slice(at)}`;
        const ek = draftKeys(toSimplified(edited), gaz);
        t = performance.now();
        await Promise.all([reader.documents(ek.figureKeys, ek.claimKeys), reader.mentions(ek.regionNames, ek.regionCodes), reader.commonGrams(), reader.stats()]);
        bigEdit.push(performance.now() - t);
      }
    }
    row('database: every key new, documents cached', bigNew);
    row('  client CPU of it', bigCpu);
    row('database: after a one-character edit (keys of the edited text)', bigEdit);
    console.log(`  (per draft: ${(sum(bigKeys) / bigKeys.length).toFixed(0)} keys sent, ${(sum(bigRows) / bigRows.length).toFixed(0)} rows received, ${(sum(bigDocs) / bigDocs.length).toFixed(0)} documents found; 4 national slices and one county text)`);

    const timings: StoreTimings = {};
    const store = databaseStore({ url, gazetteer: () => gaz, fallback: () => { throw new Error('database lost'); }, timings });
    const atOnceTimings: StoreTimings = {};
    const atOnce = databaseStore({ url, gazetteer: () => gaz, fallback: () => { throw new Error('database lost'); }, timings: atOnceTimings });
    const hoverDb: number[] = [], hoverEmbedded: number[] = [], hoverAfterEdit: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const text of drafts) {
        await store.snapshotFor(text);
        const norm = toSimplified(text);
        const offsets = [
          ...extractFigures(norm, { title: firstLine(norm) }).map(f => f.start),
          ...extractRegionMentions(norm, gaz).map(m => m.start),
        ].filter((_, i) => i % 4 === 0);
        for (const at of offsets) {
          // a hover on the draft as checked: the store's answer for this text, then the hover
          let t = performance.now();
          service.hover(await store.snapshotFor(text), text, at);
          hoverDb.push(performance.now() - t);
          t = performance.now();
          service.hover(embedded, text, at);
          hoverEmbedded.push(performance.now() - t);
        }
        // a hover right after an edit, before the check: keys, lookups and the region probe again
        const edited = `${text}\n第${round}稿`;
        const t = performance.now();
        service.hover(await store.snapshotFor(edited), edited, offsets[0] ?? 0);
        hoverAfterEdit.push(performance.now() - t);
      }
    }
    row('database: hover on the checked draft', hoverDb);
    row('embedded: hover', hoverEmbedded);
    row('database: hover right after an edit (keys, lookups, region probe, hover)', hoverAfterEdit);

    // completion: the typed prefixes looked up (each place once: nothing cached for it but the meta)
    const completeDb: number[] = [], completeEmbedded: number[] = [];
    for (const text of drafts) {
      for (const m of [...text.matchAll(/[\u4e00-\u9fff]{4,}/g)].filter((_, i) => i % 7 === 0)) {
        const at = m.index + 2;
        let t = performance.now();
        const answer = await store.completionRows(text, at);
        const phrases = answer && assemblePhrases(answer.meta, answer.rows);
        service.complete(phrases ? { ...embedded, phrases: phrases.index, docs: phrases.docs } : embedded, text, at, []);
        completeDb.push(performance.now() - t);
        t = performance.now();
        service.complete(embedded, text, at, []);
        completeEmbedded.push(performance.now() - t);
      }
    }
    row('database: completion (typed prefixes looked up, items)', completeDb);
    row('embedded: completion', completeEmbedded);

    // the whole check of a 20,000-character draft: texts never checked in this process (slices further
    // into the national reports, as bench/run.ts takes them: nothing of them is in any cache, their
    // keys are new), then one-character edits of such a text and of the dev-real county drafts joined
    // (county reports: the region checks look for misspelt townships of the counties named)
    const national = readdirSync(join(SHARED_CORPUS, 'gwr-national')).sort().reverse().map(f => readFileSync(join(SHARED_CORPUS, 'gwr-national', f), 'utf8')).join('\n\n');
    const slice = (i: number) => national.slice(i * 20_000, (i + 1) * 20_000);
    let county = '';
    for (let i = 0; county.length < 20_000; i++) county += `${drafts[i % drafts.length]}\n\n`;
    county = county.slice(0, 20_000);
    const edits = (base: string) => Array.from({ length: EDITS + 1 }, (_, i) => `${base}${'。'.repeat(i)}`);
    console.log(`\nwhole check: load average ${load()}\n`);
    const kinds: Array<{ what: string; texts: string[] }> = [
      { what: 'a 20,000-character draft never checked (national reports)', texts: Array.from({ length: ROUNDS * 2 + 1 }, (_, i) => slice(i + 1)) },
      { what: 'after a one-character edit (national report)', texts: edits(slice(0)) },
      { what: 'after a one-character edit (county drafts)', texts: edits(county) },
    ];
    for (const { what, texts } of kinds) {
      const whole: number[] = [], storePart: number[] = [], checkPart: number[] = [], wholeEmbedded: number[] = [], wholeAtOnce: number[] = [];
      const parts: Array<Record<string, number>> = [];
      // checkFor's parts per edit: keys, lookups, snapshot, the check (the rest), GC pauses within, round trips
      const atOnceParts: Array<Record<string, number>> = [];
      const rechecks = atOnce.rechecks.n;
      for (const [i, text] of texts.entries()) {
        for (const k of Object.keys(timings)) delete timings[k as keyof typeof timings];
        const sent = { ...store.reader.sent };
        let t = performance.now();
        const snap = await store.snapshotFor(text);
        const t1 = performance.now();
        service.check(snap, text);
        const t2 = performance.now();
        // the first edit only fills the caches with the text edited
        if (what.startsWith('after') && i === 0) continue;
        parts.push({ ...timings, trips: store.reader.sent.roundTrips - sent.roundTrips, rows: store.reader.sent.rows - sent.rows });
        whole.push(t2 - t);
        storePart.push(t1 - t);
        checkPart.push(t2 - t1);
        // the embedded check of the same version (a text of its own: the same caches' state)
        // (never checked: another slice, as new to the caches as this one was)
        const other = what.startsWith('after') ? `${text}\u3000` : slice(texts.length + 1 + i);
        if (what.startsWith('after') && i === 1) service.check(embedded, `${texts[0]}\u3000`);
        t = performance.now();
        service.check(embedded, other);
        wholeEmbedded.push(performance.now() - t);
        // the same edit checked at once, without the region probe (checkFor; a text of its own again)
        if (what.startsWith('after')) {
          if (i === 1) await atOnce.checkFor(`${texts[0]}\u3000\u3000`, s => service.check(s, `${texts[0]}\u3000\u3000`));
          const mine = `${text}\u3000\u3000`;
          for (const k of Object.keys(atOnceTimings)) delete atOnceTimings[k as keyof typeof atOnceTimings];
          const trips = atOnce.reader.sent.roundTrips;
          let checked = 0;
          t = performance.now();
          await atOnce.checkFor(mine, s => {
            const c0 = performance.now();
            const r = service.check(s, mine);
            checked += performance.now() - c0;
            return r;
          });
          const t3 = performance.now();
          wholeAtOnce.push(t3 - t);
          const gc = gcIn(t, t3);
          atOnceParts.push({
            whole: t3 - t, keys: atOnceTimings.keys ?? 0, lookups: atOnceTimings.lookups ?? 0, assemble: atOnceTimings.assemble ?? 0,
            check: checked, gc: gc.ms, gcs: gc.n, trips: atOnce.reader.sent.roundTrips - trips, load: loadavg()[0],
          });
        }
      }
      console.log(`| whole check, ${what} | n | p50 | p95 |\n|---|---|---|---|`);
      row('database: keys, lookups, region probe, snapshot, checks', whole);
      row('  of which the office index\'s part', storePart);
      row('  of which the checks', checkPart);
      row('embedded: the checks', wholeEmbedded);
      row('database, checked at once (no region probe; checked again if it asked for a place not looked up)', wholeAtOnce);
      if (wholeAtOnce.length) {
        console.log(`  (checked again: ${atOnce.rechecks.n - rechecks} of ${wholeAtOnce.length})`);
        const part = (k: string, p: number) => ms(pct(atOnceParts.map(x => x[k]), p));
        console.log(`  (checked at once, p50 / p95 of each part: keys ${part('keys', 50)} / ${part('keys', 95)}, lookups ${part('lookups', 50)} / ${part('lookups', 95)}, snapshot ${part('assemble', 50)} / ${part('assemble', 95)}, the check ${part('check', 50)} / ${part('check', 95)}, GC pauses within ${part('gc', 50)} / ${part('gc', 95)}; round trips a check ${(sum(atOnceParts.map(x => x.trips)) / atOnceParts.length).toFixed(2)})`);
        const slowest = [...atOnceParts].sort((a, b) => b.whole - a.whole).slice(0, 3);
        console.log(`  (the slowest: ${slowest.map(x => `${ms(x.whole)} = keys ${x.keys.toFixed(1)} + lookups ${x.lookups.toFixed(1)} + snapshot ${x.assemble.toFixed(1)} + check ${x.check.toFixed(1)} (GC ${x.gcs} pauses, ${x.gc.toFixed(1)} ms; load ${x.load.toFixed(1)})`).join('; ')})`);
      }
      const med = (k: string) => ms(pct(parts.map(p => p[k] ?? 0), 50));
      console.log(`  (the office index's part, median: keys ${med('keys')}, lookups ${med('lookups')}, region probe ${med('probe')}, snapshot ${med('assemble')}; round trips a check ${(sum(parts.map(p => p.trips)) / Math.max(1, parts.length)).toFixed(2)}, rows received ${(sum(parts.map(p => p.rows)) / Math.max(1, parts.length)).toFixed(1)})\n`);
    }
    await store.close();
    await atOnce.close();

    // N writers at once. (1) The database's side: each writer computes its keys on its own machine;
    // the database serves the lookups of all of them at the same time (each its own connection).
    // (2) Each writer's whole check with the database, all started at once in this process (their
    // checks take turns on this machine's cores; the lookups overlap).
    console.log(`${WRITERS} writers: load average ${load()}\n`);
    console.log('| writers at once | n | p50 | p95 |\n|---|---|---|---|');
    const readers = Array.from({ length: WRITERS }, () => new PgIndexReader({ url, max: 1, connectTimeoutMs: 60_000, statementTimeoutMs: 60_000 }));
    await Promise.all(readers.map(r => r.generation()));
    for (const cold of [true, false]) {
      const each: number[] = [];
      const t = performance.now();
      if (!cold) for (const r of readers) r.forgetKeys();
      await Promise.all(readers.map(async (r, i) => {
        const k = keysOf[i % keysOf.length];
        const start = performance.now();
        await Promise.all([r.documents(k.figureKeys, k.claimKeys), r.mentions(k.regionNames, k.regionCodes), r.commonGrams()]);
        each.push(performance.now() - start);
      }));
      row(`${WRITERS} writers' lookups at once, documents ${cold ? 'fetched' : 'cached'}`, each);
      console.log(`  (all ${WRITERS} done in ${ms(performance.now() - t)})`);
    }
    await Promise.all(readers.map(r => r.close()));
    // (one process: the writers' keys and region probes take turns on the event loop, so a connection
    // may wait minutes to be served; a writer that fell back is counted, not timed as the database)
    const fellBack: string[] = [];
    const stores = Array.from({ length: WRITERS }, () => databaseStore({
      url, gazetteer: () => gaz, max: 1, connectTimeoutMs: 900_000, statementTimeoutMs: 900_000, fallback: () => embedded,
      onStatus: st => st.message && fellBack.push(st.message),
    }));
    const each: number[] = [];
    const t = performance.now();
    const cpu0 = process.cpuUsage();
    await Promise.all(stores.map(async (s, i) => {
      const text = `${drafts[i % drafts.length]}\n第${i}稿`;
      const start = performance.now();
      service.check(await s.snapshotFor(text), text);
      each.push(performance.now() - start);
    }));
    row(`${WRITERS} writers each checking a draft (keys, lookups, probe, checks), started at once`, each);
    const cpu = process.cpuUsage(cpu0);
    console.log(`  (all ${WRITERS} done in ${ms(performance.now() - t)}, this process's CPU meanwhile ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (the writers' keys, snapshots, probes and checks take turns on its one thread); load average ${load()}${fellBack.length ? `; ${fellBack.length} fell back to the local index: ${fellBack[0]}` : ''})`);
    await Promise.all(stores.map(s => s.close()));
    await reader.close();
  } finally {
    cluster.destroy();
  }
}

void main();
