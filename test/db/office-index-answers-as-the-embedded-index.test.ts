// The office index in PostgreSQL answers every check and hover of the eval drafts exactly as the
// embedded index does; editors' connections only SELECT, and no sentence of a draft is ever sent.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import type { CorpusSnapshot } from '../../server/src/core/corpus/snapshot';
import type { PolicyService } from '../../server/src/core/service';
import { toSimplified } from '../../server/src/core/text/script';
import { resolveCorpusPaths } from '../../server/src/node/corpusFiles';
import { createNodeService, seedsDir } from '../../server/src/node/environment';
import { indexCorpus } from '../../server/src/node/indexer';
import { hoverOffsets } from '../helpers/hoverOffsets';
import { assemblePhrases, draftKeys, type StoreTimings } from '../../server/src/core/store';
import { databaseStore, mentionRowsOf } from '../../server/src/node/store/reader';
import { buildDatabaseIndex } from '../../server/src/node/store/writer';
import { DATABASE, setupDatabase, withCluster } from './cluster';

/** `base` with the office index's phrases for a completion at `at`, assembled as the request thread assembles the check worker's rows. */
async function completionWith(store: ReturnType<typeof databaseStore>, text: string, at: number, base: CorpusSnapshot): Promise<CorpusSnapshot | undefined> {
  const answer = await store.completionRows(text, at);
  if (!answer) return undefined;
  const { index, docs } = assemblePhrases(answer.meta, answer.rows);
  return { ...base, phrases: index, docs };
}

const SHARED = resolve(__dirname, '../../../shared');
const DEV = join(SHARED, 'eval/dev');
const DEV_REAL = join(SHARED, 'eval/dev-real');
const BAODING = join(SHARED, 'corpus/county-reports-baoding');

let service: PolicyService;
const sets: Record<'dev' | 'devReal', { database: string; embedded: CorpusSnapshot; drafts: string[] }> = {} as never;

function drafts(dir: string): string[] {
  return readdirSync(dir).filter(f => f.endsWith('.md') && f !== 'README.md').sort().map(f => join(dir, f));
}

function embedded(corpus: string[]): CorpusSnapshot {
  const r = indexCorpus(service, resolveCorpusPaths(corpus, process.cwd()).files);
  return service.assemble(r.files, r.phrases);
}

const db = withCluster({
  setup: async cluster => {
    service = createNodeService('en');
    cluster.sql('CREATE DATABASE seedsonly OWNER pd_indexer');
    setupDatabase(cluster.sql, 'seedsonly');
    const devReal = [seedsDir(), BAODING];
    await buildDatabaseIndex(service, resolveCorpusPaths([seedsDir()], process.cwd()).files, { url: cluster.url('indexer', 'seedsonly') });
    await buildDatabaseIndex(service, resolveCorpusPaths(devReal, process.cwd()).files, { url: cluster.url('indexer'), workers: 2 });
    sets.dev = { database: 'seedsonly', embedded: embedded([seedsDir()]), drafts: drafts(DEV) };
    sets.devReal = { database: DATABASE, embedded: embedded(devReal), drafts: drafts(DEV_REAL) };
  },
});
const { skip } = db;

const HOVER_STRIDE = 211;

for (const name of ['dev', 'devReal'] as const) {
  test(`${name}: the database gives the same findings and hovers as the embedded index`, { skip }, async () => {
    const set = sets[name];
    const queries: Array<{ text: string; values: unknown[] | undefined }> = [];
    const store = databaseStore({
      url: db.cluster.url('reader', set.database), gazetteer: () => service.gazetteer,
      fallback: () => assert.fail('the database must answer'), onQuery: (text, values) => queries.push({ text, values }),
    });
    try {
      assert.ok(set.drafts.length >= 3);
      let findings = 0, hovers = 0;
      for (const file of set.drafts) {
        const text = readFileSync(file, 'utf8');
        const snapshot = await store.snapshotFor(text);
        const opts = { source: resolve(file) };
        const expected = service.check(set.embedded, text, opts);
        assert.deepEqual(service.check(snapshot, text, opts), expected, `${file}: findings`);
        findings += expected.length;
        for (const at of hoverOffsets(text, service.gazetteer, HOVER_STRIDE)) {
          const h = service.hover(set.embedded, text, at, opts.source);
          assert.deepEqual(service.hover(snapshot, text, at, opts.source), h, `${file}: hover at ${at}`);
          if (h) hovers++;
        }
      }
      // the comparison compared something: the drafts have findings and the hovers cite the corpus
      assert.ok(findings > 5, `findings: ${findings}`);
      assert.ok(hovers > 20, `hovers: ${hovers}`);
      assert.ok(queries.length > 0);
    } finally {
      await store.close();
    }
  });
}

test('a corpus file checked as a draft (its own documents left out, as the CLI lints a corpus file): the same findings and hovers, and no placeholder document', { skip }, async () => {
  const store = databaseStore({ url: db.cluster.url('reader'), gazetteer: () => service.gazetteer, fallback: () => assert.fail('the database must answer') });
  try {
    const files = readdirSync(BAODING).filter(f => f.endsWith('.txt')).sort().filter((_, i) => i % 15 === 0).map(f => join(BAODING, f));
    assert.ok(files.length >= 5);
    let self = 0, findings = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const source = [...sets.devReal.embedded.docs.values()].find(d => resolve(d.source) === resolve(file))?.source;
      assert.ok(source, `${file} is in the corpus`);
      const snapshot = await store.snapshotFor(text);
      for (const id of snapshot.docs.keys()) assert.ok(!id.startsWith('\0'), `a placeholder document: ${JSON.stringify(id)}`);
      if ([...snapshot.docs.values()].some(d => d.source === source)) self++;
      const expected = service.check(sets.devReal.embedded, text, { source });
      assert.deepEqual(service.check(snapshot, text, { source }), expected, `${file}: findings`);
      findings += expected.length;
      for (const at of hoverOffsets(text, service.gazetteer, HOVER_STRIDE * 3)) {
        assert.deepEqual(service.hover(snapshot, text, at, source), service.hover(sets.devReal.embedded, text, at, source), `${file}: hover at ${at}`);
      }
    }
    // the drafts' own documents were among those the office index answered with
    assert.ok(self >= 3, `drafts found themselves: ${self}`);
    assert.ok(findings > 0, `findings: ${findings}`);
  } finally {
    await store.close();
  }
});

test('an editor only SELECTs, and no sentence of a draft is in any query text or parameter', { skip }, async () => {
  const queries: Array<{ text: string; values: unknown[] | undefined }> = [];
  const store = databaseStore({
    url: db.cluster.url('reader'), gazetteer: () => service.gazetteer, fallback: () => assert.fail('the database must answer'),
    onQuery: (text, values) => queries.push({ text, values }),
  });
  try {
    for (const file of sets.devReal.drafts) {
      const text = readFileSync(file, 'utf8');
      queries.length = 0;
      await store.snapshotFor(text);
      assert.ok(queries.length >= 2, 'the check asked the database');
      for (const q of queries) assert.match(q.text.trim(), /^SELECT\b/i, 'read-only lookups');
      const sent = queries.map(q => `${q.text}\n${JSON.stringify(q.values ?? [])}`).join('\n');
      const norm = toSimplified(text);
      const sentences = [...text.split(/[。！？；!?;\n]/), ...norm.split(/[。！？；!?;\n]/)].map(s => s.trim()).filter(s => s.length >= 8);
      assert.ok(sentences.length > 10);
      for (const s of sentences) assert.ok(!sent.includes(s), `${file}: a sentence was sent: ${s}`);
      // and the keys sent are keys: none is longer than a short clause. The figure and claim keys go as
      // one space-separated string: each of its parts is a kind letter and a digest (letters and digits)
      const keyList = /^[a-z][0-9a-z]{1,20}( [a-z][0-9a-z]{1,20})*$/;
      for (const q of queries) {
        for (const v of (q.values ?? []).flat()) {
          assert.ok(String(v).length < 40 || keyList.test(String(v)), `long parameter: ${String(v).slice(0, 80)}`);
        }
      }
    }
  } finally {
    await store.close();
  }
});

test('a draft edited again and again: each version gets the embedded index\'s findings and hovers (answers cached per key, snapshots reused)', { skip }, async () => {
  const store = databaseStore({ url: db.cluster.url('reader'), gazetteer: () => service.gazetteer, fallback: () => assert.fail('the database must answer') });
  try {
    const texts = sets.devReal.drafts.map(f => readFileSync(f, 'utf8'));
    let findings = 0;
    for (const [i, original] of texts.entries()) {
      const lines = original.split('\n');
      const other = texts[(i + 1) % texts.length].split('\n');
      // typing at the end, a line deleted, a paragraph of another draft pasted in, the same text again
      const versions = [original, `${original}。`, lines.filter((_, k) => k !== Math.floor(lines.length / 2)).join('\n'),
        [...lines.slice(0, 3), ...other.slice(2, 8), ...lines.slice(3)].join('\n'), original];
      for (const text of versions) {
        const opts = { source: resolve(sets.devReal.drafts[i]) };
        const expected = service.check(sets.devReal.embedded, text, opts);
        assert.deepEqual(service.check(await store.snapshotFor(text), text, opts), expected, `${sets.devReal.drafts[i]}: an edited version`);
        findings += expected.length;
        for (const at of hoverOffsets(text, service.gazetteer, HOVER_STRIDE).filter((_, k) => k % 5 === 0)) {
          assert.deepEqual(service.hover(await store.snapshotFor(text), text, at, opts.source), service.hover(sets.devReal.embedded, text, at, opts.source), `hover at ${at}`);
        }
      }
    }
    assert.ok(findings > 20, `findings: ${findings}`);
  } finally {
    await store.close();
  }
});

test('edits checked at once, without the region probe: the embedded index\'s findings; a check that asked for a place not looked up is checked again', { skip }, async () => {
  const timings: StoreTimings = {};
  const store = databaseStore({ url: db.cluster.url('reader'), gazetteer: () => service.gazetteer, fallback: () => assert.fail('the database must answer'), timings });
  try {
    const texts = sets.devReal.drafts.map(f => readFileSync(f, 'utf8'));
    let findings = 0, unprobed = 0, misspelt = 0;
    for (const [i, original] of texts.entries()) {
      const opts = { source: resolve(sets.devReal.drafts[i]) };
      const lines = original.split('\n');
      // a place the draft names, misspelt (one character changed): the region checks ask for a word no lookup had
      const place = draftKeys(toSimplified(original), service.gazetteer).regionNames.find(n => n.length >= 3 && original.includes(n));
      const typo = place && `${place.slice(0, 1)}${place[1] === '安' ? '按' : '安'}${place.slice(2)}`;
      const versions = [original, `${original}。`, lines.filter((_, k) => k !== Math.floor(lines.length / 2)).join('\n'),
        ...(typo ? [original.replace(place!, typo)] : []), `${original}\n攀枝华市召开会议。`, `${original}。。`];
      for (const [v, text] of versions.entries()) {
        for (const k of Object.keys(timings)) delete timings[k as keyof StoreTimings];
        const before = store.rechecks.n;
        const expected = service.check(sets.devReal.embedded, text, opts);
        const got = await store.checkFor(text, snapshot => service.check(snapshot, text, opts));
        assert.ok(got, 'the database answers');
        assert.deepEqual(got.result, expected, `${sets.devReal.drafts[i]}: version ${v}`);
        findings += expected.length;
        if (v > 0 && timings.probe === undefined) unprobed++;
        if (((typo && text.includes(typo)) || text.includes('攀枝华市')) && store.rechecks.n > before) misspelt++;
        // the hovers of the version checked read the same answer
        for (const at of hoverOffsets(text, service.gazetteer, HOVER_STRIDE).filter((_, k) => k % 9 === 0)) {
          assert.deepEqual(service.hover(await store.snapshotFor(text), text, at, opts.source), service.hover(sets.devReal.embedded, text, at, opts.source), `hover at ${at}`);
        }
      }
    }
    assert.ok(findings > 20, `findings: ${findings}`);
    assert.ok(unprobed >= texts.length * 2, `edits checked without the probe: ${unprobed}`);
    assert.ok(misspelt >= 1, `misspelt places that made the check ask again: ${misspelt}`);
  } finally {
    await store.close();
  }
});

/** Offsets to complete at: after the first 2–4 characters of runs of Chinese, and a stride through the text. */
function completionOffsets(text: string): number[] {
  const out = new Set<number>();
  for (const m of text.matchAll(/[\u4e00-\u9fff]{4,}/g)) for (const k of [2, 3, 4]) out.add(m.index + k);
  for (let i = 0; i < text.length; i += 97) out.add(i);
  return [...out].sort((a, b) => a - b).filter((_, i) => i % 3 === 0);
}

test('completion from the database: the same items as the embedded index, and only the typed prefixes are sent', { skip }, async () => {
  const queries: Array<{ text: string; values: unknown[] | undefined }> = [];
  const store = databaseStore({
    url: db.cluster.url('reader'), gazetteer: () => service.gazetteer, fallback: () => assert.fail('the database must answer'),
    onQuery: (text, values) => queries.push({ text, values }),
  });
  const { typedViews } = await import('../../server/src/core/phrases/typed');
  try {
    let items = 0, sent = 0;
    for (const file of sets.devReal.drafts) {
      const text = readFileSync(file, 'utf8');
      const norm = toSimplified(text);
      for (const at of completionOffsets(text)) {
        queries.length = 0;
        const snapshot = await completionWith(store, text, at, { ...sets.devReal.embedded, phrases: { ...sets.devReal.embedded.phrases, phrases: [], keys: [], keyPhrase: [] } });
        assert.ok(snapshot, 'the database answers');
        const expected = service.complete(sets.devReal.embedded, text, at, []);
        assert.deepEqual(service.complete(snapshot, text, at, []), expected, `${file}: completion at ${at}`);
        items += expected.length;
        // what was sent: the generation and suffixes of what is typed before the cursor (its line, 32 characters at most)
        const views = typedViews({ text, norm }, at).map(v => v.text);
        for (const q of queries) {
          assert.match(q.text.trim(), /^SELECT\b/i);
          for (const v of (q.values ?? []).flat()) {
            if (typeof v === 'number') continue;
            sent++;
            assert.ok(typeof v === 'string' && v.length <= 32 && views.some(w => w.endsWith(v)), `${file} at ${at}: sent ${JSON.stringify(v)}, typed ${JSON.stringify(views)}`);
          }
        }
      }
    }
    assert.ok(items > 200, `completion items compared: ${items}`);
    assert.ok(sent > 50, `prefixes sent: ${sent}`);
  } finally {
    await store.close();
  }
});

test('the reader role cannot write to the office index', { skip }, async () => {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: db.cluster.url('reader') });
  await client.connect();
  try {
    const n = await client.query('SELECT count(*)::int AS n FROM policy_draft.docs');
    assert.ok(n.rows[0].n > 0);
    await assert.rejects(client.query(`DELETE FROM policy_draft.docs`), /read-only|permission denied/);
    await client.query('SET default_transaction_read_only = off');
    await assert.rejects(client.query(`DELETE FROM policy_draft.docs`), /permission denied/);
    await assert.rejects(client.query(`CREATE TABLE policy_draft.x (a int)`), /permission denied/);
  } finally {
    await client.end();
  }
});

test('fifty editors checking at once get the same answers as one', { skip }, async () => {
  const texts = sets.devReal.drafts.map(f => readFileSync(f, 'utf8'));
  const expected = texts.map((t, i) => service.check(sets.devReal.embedded, t, { source: resolve(sets.devReal.drafts[i]) }));
  const stores = Array.from({ length: 50 }, () => databaseStore({
    url: db.cluster.url('reader'), gazetteer: () => service.gazetteer, max: 1, connectTimeoutMs: 60_000, statementTimeoutMs: 60_000,
    fallback: () => assert.fail('the database must answer'), onStatus: s => assert.ok(s.database, s.message),
  }));
  try {
    const snapshots = await Promise.all(stores.map((s, i) => s.snapshotFor(texts[i % texts.length])));
    snapshots.forEach((snap, i) => {
      const k = i % texts.length;
      assert.deepEqual(service.check(snap, texts[k], { source: resolve(sets.devReal.drafts[k]) }), expected[k]);
    });
  } finally {
    await Promise.all(stores.map(s => s.close()));
  }
});

type PgClient = InstanceType<typeof import('pg').Client>;

/** Runs `fn` on a connection as the reader role with the live generation's number; closes it after. */
async function asReader(fn: (client: PgClient, generation: string) => Promise<void>): Promise<void> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: db.cluster.url('reader') });
  await client.connect();
  try {
    const generation = (await client.query(`SELECT (value->>'generation')::bigint AS g FROM policy_draft.meta WHERE key = 'live'`)).rows[0].g;
    await fn(client, generation);
  } finally {
    await client.end();
  }
}

test('names in many documents are stored in part with their counts, and the reader gives the counts and latest citations of every key, and no placeholder', { skip }, async () => {
  await asReader(async (client, gen) => {
    const stored = await client.query('SELECT key, body FROM policy_draft.mention_names WHERE generation = $1', [gen]);
    const every = await client.query(
      `SELECT m.key, m.n, m.start_at, d.doc_id, d.title, d.date, f.source FROM policy_draft.mention_docs m
       JOIN policy_draft.generation_files g ON g.file_id = m.file_id AND g.generation = $1
       JOIN policy_draft.docs d ON d.file_id = m.file_id AND d.ord = m.ord JOIN policy_draft.files f ON f.id = m.file_id`, [gen]);
    const byKey = new Map<string, typeof every.rows>();
    for (const r of every.rows) (byKey.get(r.key) ?? byKey.set(r.key, []).get(r.key)!).push(r);
    assert.equal(stored.rows.length, byKey.size, 'one row per name or code');
    // the hover's order (regions/hover.ts latest): date, newest first, then document id
    const latest = (rows: Array<{ docId: string; date?: string | null; start: number }>) => [...rows]
      .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.docId.localeCompare(b.docId) || a.start - b.start)
      .slice(0, 3).map(r => r.docId);
    const distinct = (xs: unknown[]) => new Set(xs).size;
    let summarised = 0;
    for (const { key, body } of stored.rows) {
      const truth = byKey.get(key)!;
      const rows = mentionRowsOf(key, body);
      const docIds = new Set(truth.map(r => r.doc_id));
      // every row is a stored document's: no placeholder
      for (const r of rows) assert.ok(docIds.has(r.docId), `${key}: ${r.docId} is a document of the key`);
      const totals = rows[0]?.totals;
      assert.ok(rows.slice(1).every(r => !r.totals), `${key}: counts on the first row only`);
      if (rows.length < truth.length) {
        summarised++;
        assert.ok(totals, `${key}: listed in part, with its counts`);
        assert.equal(totals.mentions, truth.reduce((n, r) => n + r.n, 0), `${key}: mentions`);
        assert.equal(totals.docs, truth.length, `${key}: documents`);
        assert.equal(totals.sources, distinct(truth.map(r => r.source)), `${key}: sources`);
        assert.equal(totals.titles, distinct(truth.map(r => r.title)), `${key}: titles`);
        // leaving out any one source (the draft's own) leaves at least what the key says, and what the checks ask
        assert.ok(totals.withoutOneSource.sources >= 2 && totals.withoutOneSource.titles >= 2, key);
        for (const source of new Set(truth.map(r => r.source))) {
          const rest = truth.filter(r => r.source !== source);
          assert.ok(distinct(rest.map(r => r.source)) >= totals.withoutOneSource.sources, `${key} without ${source}: sources`);
          assert.ok(distinct(rest.map(r => r.title)) >= totals.withoutOneSource.titles, `${key} without ${source}: titles`);
        }
      } else {
        assert.equal(totals, undefined, `${key}: listed whole`);
        assert.equal(rows.reduce((n, r) => n + r.n, 0), truth.reduce((n, r) => n + r.n, 0), `${key}: mentions`);
        if (key.startsWith('n:')) {
          assert.equal(distinct(rows.map(r => r.source)), distinct(truth.map(r => r.source)), `${key}: sources`);
          assert.equal(distinct(rows.map(r => r.title)), distinct(truth.map(r => r.title)), `${key}: titles`);
        }
      }
      assert.equal(distinct(rows.map(r => r.docId)), rows.length, `${key}: one row per document`);
      // the latest three documents (the hover cites them) are listed
      assert.deepEqual(latest(rows.map(r => ({ docId: r.docId, date: r.date, start: r.start }))), latest(truth.map(r => ({ docId: r.doc_id, date: r.date, start: r.start_at }))), `${key}: latest documents`);
    }
    assert.ok(summarised >= 20, `keys summarised: ${summarised}`);
  });
});

test('every figure and claim key lists for readers exactly the documents that hold it in the live generation, with their files\' order', { skip }, async () => {
  await asReader(async (client, gen) => {
    const stored = await client.query('SELECT key, docs FROM policy_draft.key_docs WHERE generation = $1', [gen]);
    const every = await client.query(
      `SELECT k.key, k.file_id, k.ord, g.ord AS file_order FROM policy_draft.figure_keys k
       JOIN policy_draft.generation_files g ON g.file_id = k.file_id AND g.generation = $1`, [gen]);
    const truth = new Map<string, string[]>();
    for (const r of every.rows) (truth.get(r.key) ?? truth.set(r.key, []).get(r.key)!).push(`${r.file_id}.${r.ord}.${r.file_order}`);
    assert.ok(truth.size > 1000, `keys: ${truth.size}`);
    assert.equal(stored.rows.length, truth.size, 'one row per key');
    for (const { key, docs } of stored.rows) assert.deepEqual((docs as string).split(' ').sort(), truth.get(key)!.sort(), key);
  });
});

test('a reader with tiny caches gives the same findings, and its caches stay within their bounds', { skip }, async () => {
  const tiny = { maxEntries: 5, maxWeight: 200_000 };
  const bounds = { documents: { maxEntries: 8, maxWeight: 300_000 }, documentKeys: tiny, mentionKeys: tiny, phrasePrefixes: tiny, phrases: tiny };
  const store = databaseStore({
    url: db.cluster.url('reader'), gazetteer: () => service.gazetteer, fallback: () => assert.fail('the database must answer'), cache: bounds,
  });
  try {
    const texts = sets.devReal.drafts.map(f => readFileSync(f, 'utf8'));
    let findings = 0;
    for (const [i, text] of [...texts, ...texts.map(t => `${t}。`)].entries()) {
      const file = sets.devReal.drafts[i % texts.length];
      const expected = service.check(sets.devReal.embedded, text, { source: resolve(file) });
      assert.deepEqual(service.check(await store.snapshotFor(text), text, { source: resolve(file) }), expected, file);
      findings += expected.length;
      await completionWith(store, text, 10, sets.devReal.embedded);
      for (const [name, size] of Object.entries(store.reader.cacheSizes())) {
        const b = bounds[name as keyof typeof bounds];
        assert.ok(size.entries <= b.maxEntries, `${name}: ${size.entries} entries`);
        assert.ok(size.entries <= 1 || size.bytes <= b.maxWeight, `${name}: ${size.bytes} bytes`);
      }
    }
    assert.ok(findings > 20, `findings: ${findings}`);
    assert.ok(store.reader.cacheSizes().documents.entries > 0);
  } finally {
    await store.close();
  }
});
