// The office index in PostgreSQL answers every check and hover of the eval drafts exactly as the
// embedded index does; editors' connections only SELECT, and no sentence of a draft is ever sent.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import type { CorpusSnapshot } from '../../server/src/core/corpus/snapshot';
import { extractFigures } from '../../server/src/core/figures';
import { firstLine } from '../../server/src/core/figures/segments';
import { extractRegionMentions } from '../../server/src/core/regions';
import type { PolicyService } from '../../server/src/core/service';
import { toSimplified } from '../../server/src/core/text/script';
import { resolveCorpusPaths } from '../../server/src/node/corpusFiles';
import { createNodeService, seedsDir } from '../../server/src/node/environment';
import { indexCorpus } from '../../server/src/node/indexer';
import { databaseStore } from '../../server/src/node/store/reader';
import { buildDatabaseIndex } from '../../server/src/node/store/writer';
import { DATABASE, setupDatabase, withCluster } from './cluster';

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

/** Offsets to hover: every figure (its number and its words) and every place name, and a stride through the text. */
function hoverOffsets(text: string): number[] {
  const norm = toSimplified(text);
  const out = new Set<number>();
  for (const f of extractFigures(norm, { title: firstLine(norm) })) {
    out.add(f.start);
    out.add(Math.max(f.clauseStart, f.start - 2));
  }
  for (const m of extractRegionMentions(norm, service.gazetteer)) out.add(m.start);
  for (let i = 0; i < text.length; i += 211) out.add(i);
  return [...out].sort((a, b) => a - b);
}

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
        for (const at of hoverOffsets(text)) {
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
      // and the keys sent are keys: none is longer than a short clause
      for (const q of queries) for (const v of (q.values ?? []).flat()) assert.ok(String(v).length < 40, `long parameter: ${String(v).slice(0, 80)}`);
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
        for (const at of hoverOffsets(text).filter((_, k) => k % 5 === 0)) {
          assert.deepEqual(service.hover(await store.snapshotFor(text), text, at, opts.source), service.hover(sets.devReal.embedded, text, at, opts.source), `hover at ${at}`);
        }
      }
    }
    assert.ok(findings > 20, `findings: ${findings}`);
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
        const snapshot = await store.completionFor(text, at, { ...sets.devReal.embedded, phrases: { ...sets.devReal.embedded.phrases, phrases: [], keys: [], keyPhrase: [] } });
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
