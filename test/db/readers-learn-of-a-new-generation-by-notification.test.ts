// The indexer notifies readers when a new generation goes live (LISTEN/NOTIFY): a reader that listens
// does not confirm the live generation with a round trip before each lookup, learns of a new
// generation as soon as it is committed, and, when its listening connection is lost, confirms the
// generation by polling again (once a second), listens again later, and never throws; a database
// that goes away is then noticed by the next lookup, which falls back with a message. A hot standby
// refuses LISTEN: its readers poll, and do not ask again.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import type { CorpusSnapshot } from '../../server/src/core/corpus/snapshot';
import { draftKeys } from '../../server/src/core/store';
import { toSimplified } from '../../server/src/core/text/script';
import { resolveCorpusPaths } from '../../server/src/node/corpusFiles';
import { createNodeService } from '../../server/src/node/environment';
import { databaseStore, PgIndexReader } from '../../server/src/node/store/reader';
import { buildDatabaseIndex } from '../../server/src/node/store/writer';
import { withCluster } from './cluster';

const BAODING = resolve(__dirname, '../../../shared/corpus/county-reports-baoding');
const reports = readdirSync(BAODING).filter(f => f.endsWith('.txt')).sort();
const work = mkdtempSync(join(tmpdir(), 'pd-db-notify-'));
const corpus = join(work, 'corpus');
const service = createNodeService('en');
const gaz = service.gazetteer;
// a draft that names places and figures of the corpus: its keys find documents and mentions
const draft = readFileSync(join(BAODING, reports[1]), 'utf8').slice(0, 4_000);
const keys = draftKeys(toSimplified(draft), gaz);

const db = withCluster({
  setup: async cluster => {
    mkdirSync(corpus);
    for (const f of reports.slice(0, 3)) copyFileSync(join(BAODING, f), join(corpus, f));
    await build(cluster.url('indexer'));
  },
  teardown: () => rmSync(work, { recursive: true, force: true }),
});
const { skip } = db;

async function build(url = db.cluster.url('indexer')) {
  return buildDatabaseIndex(service, resolveCorpusPaths([corpus], work).files, { url });
}
/** A new generation: one more line in a corpus file, indexed. */
let edits = 0;
async function publish(): Promise<number> {
  const f = join(corpus, reports[0]);
  writeFileSync(f, `${readFileSync(f, 'utf8')}\n第${++edits}次修改。`);
  const r = await build();
  assert.ok(r.changed);
  return r.generation;
}
const lookup = (r: PgIndexReader) => Promise.all([r.documents(keys.figureKeys, keys.claimKeys), r.mentions(keys.regionNames, keys.regionCodes), r.commonGrams(), r.stats()]);
async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise(r => setTimeout(r, 20));
  }
}
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

test('a listening reader needs no round trip to confirm the generation, and learns of a new one when it is committed', { skip }, async () => {
  const reader = new PgIndexReader({ url: db.cluster.url('reader') });
  try {
    const [docs] = await lookup(reader);
    assert.ok(docs.length > 0, 'the draft finds documents');
    // the first confirmation may precede the listener; once it listens, one more confirmation is trusted
    await until('the reader listens', async () => {
      await lookup(reader);
      return reader.liveWatch === 'notified';
    });
    // the keys are cached: past the one-second confirmation of a polling reader, no round trip at all
    await sleep(1_200);
    const before = reader.sent.roundTrips;
    await lookup(reader);
    await lookup(reader);
    assert.equal(reader.sent.roundTrips - before, 0, 'no round trip for cached keys while notified');

    const old = reader.knownGeneration!;
    const notified = reader.watch.notifications;
    const gen = await publish();
    assert.ok(gen > old);
    await until('the notification arrives', () => reader.watch.notifications > notified);
    // at once, not a second later: the next lookup confirms and answers in the new generation
    await lookup(reader);
    assert.equal(reader.knownGeneration, gen);
    await until('the reader trusts the new generation', async () => {
      await lookup(reader);
      return reader.liveWatch === 'notified';
    });
  } finally {
    await reader.close();
  }
});

test('a lost listening connection: the reader polls once a second, finds new generations, listens again, and never throws', { skip }, async () => {
  const reader = new PgIndexReader({ url: db.cluster.url('reader'), listenRetryMs: 1_500 });
  const admin = new pg.Client({ connectionString: db.cluster.url('admin') });
  await admin.connect();
  try {
    await until('the reader listens', async () => {
      await lookup(reader);
      return reader.liveWatch === 'notified';
    });
    const killed = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'policy-draft-listen'`);
    assert.equal(killed.rowCount, 1, 'one listening connection');
    await until('the reader notices the loss', () => reader.watch.lost === 1);
    assert.equal(reader.liveWatch, 'polling');
    // a generation published while nobody listens is found by polling within a second
    const gen = await publish();
    await sleep(1_100);
    const before = reader.sent.roundTrips;
    const [docs] = await lookup(reader);
    assert.ok(docs.length > 0);
    assert.equal(reader.knownGeneration, gen);
    assert.ok(reader.sent.roundTrips > before, 'polling confirms with a round trip');
    // later it listens again
    await until('the reader listens again', async () => {
      await lookup(reader);
      return reader.liveWatch === 'notified';
    });
    assert.ok(reader.watch.listens >= 2);
  } finally {
    await admin.end();
    await reader.close();
  }
});

test('a database that goes away while the reader trusts its notifications: the next check falls back to the local index, with a message', { skip }, async () => {
  const statuses: Array<{ database: boolean; message?: string }> = [];
  let fallbacks = 0;
  // (the local index itself is not the point here: the store hands back whatever the fallback gives)
  const local = { local: true } as unknown as CorpusSnapshot;
  const store = databaseStore({
    url: db.cluster.url('reader'), gazetteer: () => gaz, retryMs: 0, connectTimeoutMs: 2_000,
    fallback: () => {
      fallbacks++;
      return local;
    },
    onStatus: s => statuses.push(s),
  });
  try {
    await until('the store\'s reader listens', async () => {
      await store.snapshotFor(draft);
      return store.reader.liveWatch === 'notified';
    });
    await sleep(1_100);
    db.cluster.stop();
    await until('the reader notices the loss', () => store.reader.liveWatch === 'polling');
    // an edit whose keys are all cached: without notifications it must confirm, and cannot
    const snapshot = await store.snapshotFor(`${draft}\n`);
    assert.equal(snapshot, local);
    assert.equal(fallbacks, 1);
    assert.equal(statuses.length, 1);
    assert.equal(statuses[0].database, false);
  } finally {
    db.cluster.start();
    await store.close();
  }
});

test('a reader of a hot standby, which refuses LISTEN, polls: it asks to listen once, and finds the primary\'s new generations', { skip }, async () => {
  const standby = await db.cluster.startStandby();
  const reader = new PgIndexReader({ url: standby.url('reader'), listenRetryMs: 50 });
  try {
    const [docs] = await lookup(reader);
    assert.ok(docs.length > 0, 'the standby answers the lookups');
    await until('LISTEN is refused', () => reader.watch.refused > 0);
    // many retry periods later, with lookups between: still polling, and not asked again
    for (let i = 0; i < 6; i++) {
      await sleep(100);
      await lookup(reader);
    }
    assert.equal(reader.watch.refused, 1);
    assert.equal(reader.watch.listens, 0);
    assert.equal(reader.liveWatch, 'polling');
    // a generation published on the primary reaches the standby's reader by polling
    const gen = await publish();
    await until('the standby\'s reader answers in the new generation', async () => {
      await lookup(reader);
      return reader.knownGeneration === gen;
    });
  } finally {
    await reader.close();
    standby.stop();
  }
});
