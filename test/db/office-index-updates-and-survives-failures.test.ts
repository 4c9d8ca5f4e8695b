// `policy-lint index --database` updates the office index incrementally (a changed file, a deleted
// one), an interrupted build leaves the previous index answering and the next run completes, and
// a database that goes away mid-session makes the CLI and the store fall back to the local index
// with a message, never a crash.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { resolveCorpusPaths } from '../../server/src/node/corpusFiles';
import { createNodeService } from '../../server/src/node/environment';
import { indexCorpus } from '../../server/src/node/indexer';
import { databaseStore } from '../../server/src/node/store/reader';
import { SCHEMA_VERSION } from '../../server/src/node/store/schema';
import { DATABASE, withCluster } from './cluster';

const CLI = join(__dirname, '../../server/out/cli.js');
const SHARED = resolve(__dirname, '../../../shared');
const BAODING = join(SHARED, 'corpus/county-reports-baoding');
const DRAFT = join(SHARED, 'eval/dev-real/b01-fuping-briefing.md');
const SOURCE = '2021_阜平_2021年阜平县政府工作报告.txt';

const work = mkdtempSync(join(tmpdir(), 'pd-db-cli-'));
const corpus = join(work, 'corpus');
const cache = join(work, 'cache');
const env = { ...process.env, LANG: 'C', LC_ALL: '', POLICY_DRAFT_CACHE: cache };
const reports = readdirSync(BAODING).filter(f => f.endsWith('.txt')).sort();
const others = reports.filter(f => f !== SOURCE);

function cli(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: work, env, timeout: 600_000 });
}
const index = (...more: string[]) => cli(['index', '--database', db.cluster.url('indexer'), '--no-seeds', '--corpus', corpus, ...more]);
const viaDatabase = () => cli(['--database', db.cluster.url('reader'), '--no-seeds', '--corpus', corpus, '--format', 'json', DRAFT]);
const local = () => cli(['--no-seeds', '--corpus', corpus, '--format', 'json', DRAFT]);
const codes = (stdout: string) => (JSON.parse(stdout) as Array<{ diagnostics: Array<{ code: string }> }>)[0].diagnostics.map(d => d.code);

async function live(): Promise<{ generation: number; files: number }> {
  const c = new pg.Client({ connectionString: db.cluster.url('reader') });
  await c.connect();
  try {
    const r = await c.query(`SELECT (m.value->>'generation')::int AS generation, (SELECT count(*)::int FROM policy_draft.generation_files g
      WHERE g.generation = (m.value->>'generation')::bigint) AS files FROM policy_draft.meta m WHERE m.key = 'live'`);
    return r.rows[0];
  } finally {
    await c.end();
  }
}

const db = withCluster({
  setup: async cluster => {
    mkdirSync(corpus);
    for (const f of [SOURCE, ...others.slice(0, 3)]) copyFileSync(join(BAODING, f), join(corpus, f));
  },
  teardown: () => rmSync(work, { recursive: true, force: true }),
});
const { skip } = db;

test('the index follows a changed and a deleted file, and answers as the local index does', { skip }, async () => {
  const first = index();
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stderr, /generation \d+ is live: 4 files/);
  const before = viaDatabase();
  assert.equal(before.stdout, local().stdout);
  assert.ok(codes(before.stdout).includes('figure-conflict-corpus'), 'the draft conflicts with its source report');
  assert.equal(before.stderr, '');

  // nothing changed: nothing analysed, no new generation
  const again = index();
  assert.match(again.stderr, /index is up to date/);

  // a changed file: only it is analysed again
  const changed = join(corpus, others[0]);
  writeFileSync(changed, readFileSync(changed, 'utf8') + '\n\n全县新增城镇就业2000人。\n');
  const update = index();
  assert.equal(update.status, 0, update.stderr);
  assert.match(update.stderr, /3 files unchanged, 1 to analyse/);
  assert.equal(viaDatabase().stdout, local().stdout);

  // the source report deleted: its conflicts go, from the database as from the local index
  rmSync(join(corpus, SOURCE));
  const removal = index();
  assert.equal(removal.status, 0, removal.stderr);
  assert.equal((await live()).files, 3);
  const after = viaDatabase();
  assert.equal(after.stdout, local().stdout);
  assert.ok(!codes(after.stdout).includes('figure-conflict-corpus'));
  copyFileSync(join(BAODING, SOURCE), join(corpus, SOURCE));
  assert.equal(index().status, 0);
});

test('an interrupted build leaves the previous index answering, and the next run completes', { skip }, async () => {
  const previous = await live();
  const answer = viaDatabase().stdout;
  for (const f of others.slice(3, 15)) copyFileSync(join(BAODING, f), join(corpus, f));
  // kill the indexer once it has stored a file or two of the new ones
  const child = spawn(process.execPath, [CLI, 'index', '--database', db.cluster.url('indexer'), '--no-seeds', '--corpus', corpus], { cwd: work, env });
  let stderr = '';
  await new Promise<void>((resolveKill, reject) => {
    child.stderr.on('data', d => {
      stderr += String(d);
      if (/analysed [1-9]\d* of/.test(stderr)) child.kill('SIGKILL');
    });
    child.on('exit', () => resolveKill());
    child.on('error', reject);
  });
  assert.match(stderr, /analysed [1-9]/);
  assert.doesNotMatch(stderr, /is live/, 'killed before the switch');
  assert.deepEqual(await live(), previous, 'the previous generation is still live');
  assert.equal(viaDatabase().stdout, answer, 'and still answers');

  const next = index();
  assert.equal(next.status, 0, next.stderr);
  // what the killed run stored is kept: fewer than the 12 new files are analysed again
  const m = /(\d+) files unchanged, (\d+) to analyse/.exec(next.stderr);
  assert.ok(m && Number(m[2]) < 12 && Number(m[1]) > previous.files, next.stderr);
  assert.equal((await live()).files, previous.files + 12);
  assert.equal(viaDatabase().stdout, local().stdout);
});

test('an office index of the previous schema version: readers fall back with a message, and the next index run rebuilds it', { skip }, async () => {
  const files = (await live()).files;
  // what an index built by the previous version looks like to this one: its version in meta, and
  // none of the tables this version added (key_docs)
  const old = SCHEMA_VERSION - 1;
  db.cluster.sql(`UPDATE policy_draft.meta SET value = '${old}' WHERE key = 'schema';
    UPDATE policy_draft.meta SET value = jsonb_set(value, '{schema}', '${old}') WHERE key = 'live';
    DROP TABLE policy_draft.key_docs`, DATABASE);
  const meanwhile = viaDatabase();
  assert.match(meanwhile.stderr, new RegExp(`the office index is not available .*another version \\(analysis \\d+, schema ${old};`));
  assert.equal(meanwhile.stdout, local().stdout, 'the local index answers meanwhile');

  const rebuild = index();
  assert.equal(rebuild.status, 0, rebuild.stderr);
  assert.match(rebuild.stderr, new RegExp(`the office index has schema version ${old}; rebuilding it as version ${SCHEMA_VERSION}`));
  assert.match(rebuild.stderr, new RegExp(`0 files unchanged, ${files} to analyse`), 'every file is analysed again');
  assert.equal((await live()).files, files);
  assert.equal(db.cluster.sql(`SELECT value FROM policy_draft.meta WHERE key = 'schema'`, DATABASE).trim(), String(SCHEMA_VERSION));
  assert.ok(Number(db.cluster.sql('SELECT count(*) FROM policy_draft.key_docs', DATABASE).trim()) > 0, 'the figure keys are stored for readers');
  const after = viaDatabase();
  assert.equal(after.stderr, '');
  assert.equal(after.stdout, local().stdout);
});

test('policy-lint corpus --database reports the office index: its live generation, documents, sizes and files', { skip }, async () => {
  const r = cli(['corpus', '--database', db.cluster.url('reader'), '--no-seeds', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { database: string; live: { generation: number; stats: { files: number; documents: number }; phrases: number };
    generations: Array<{ id: number }>; size: { total: number; tables: Record<string, number> }; files: Array<{ source: string; documents: unknown[] }> };
  const now = await live();
  assert.equal(report.live.generation, now.generation);
  assert.equal(report.live.stats.files, now.files);
  assert.equal(report.files.length, now.files);
  assert.equal(report.live.stats.documents, report.files.reduce((n, f) => n + f.documents.length, 0));
  assert.ok(report.live.phrases > 0, 'phrases are stored for completion');
  assert.ok(report.generations.some(g => g.id === now.generation));
  assert.ok(report.size.total > 0 && report.size.tables.docs > 0);
  assert.ok(!r.stdout.includes('reader-secret'), 'no password in the report');
  const text = cli(['corpus', '--database', db.cluster.url('reader'), '--no-seeds']);
  assert.match(text.stdout, new RegExp(`Office index .*: generation ${now.generation}`));
  // no database: the local index is reported, and stderr says why
  const away = cli(['corpus', '--database', 'postgres://pd_reader@127.0.0.1:1/archive?connect_timeout=2', '--no-seeds', '--corpus', corpus]);
  assert.equal(away.status, 0, away.stderr);
  assert.match(away.stderr, /the office index is not available .*reporting the local index/);
  assert.match(away.stdout, /^Corpus: \d+ files/);
});

test('a database that goes away mid-session: the store and the CLI fall back to the local index, with a message', { skip }, async () => {
  const service = createNodeService('en');
  const files = resolveCorpusPaths([corpus], work).files;
  let fallbacks = 0;
  const localSnapshot = () => {
    fallbacks++;
    const r = indexCorpus(service, files, { cacheDir: cache });
    return service.assemble(r.files, r.phrases);
  };
  const statuses: Array<{ database: boolean; message?: string }> = [];
  const store = databaseStore({
    url: db.cluster.url('reader'), gazetteer: () => service.gazetteer, fallback: localSnapshot, onStatus: s => statuses.push(s), retryMs: 0,
    connectTimeoutMs: 2000,
  });
  const text = readFileSync(DRAFT, 'utf8');
  try {
    const fromDb = service.check(await store.snapshotFor(text), text, { source: DRAFT });
    assert.equal(fallbacks, 0);
    db.cluster.stop();
    // the writer goes on typing: answers are cached per key within the live generation, which is
    // confirmed at most once a second; the next lookup after that finds the database gone
    await new Promise(resolve => setTimeout(resolve, 1500));
    const edited = `${text}\n`;
    const fromLocal = service.check(await store.snapshotFor(edited), edited, { source: DRAFT });
    assert.equal(fallbacks, 1);
    assert.deepEqual(fromLocal, fromDb);
    assert.equal(statuses.length, 1);
    assert.equal(statuses[0].database, false);
    assert.ok(statuses[0].message && !statuses[0].message.includes('reader-secret'), 'the message names no password');

    const r = viaDatabase();
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /the office index is not available .*checking against the local index/);
    assert.equal(r.stdout, local().stdout);

    db.cluster.start();
    await store.snapshotFor(text);
    assert.deepEqual(statuses.at(-1), { database: true }, 'back on the database once it answers');
    assert.equal(fallbacks, 1);
  } finally {
    await store.close();
  }
});
