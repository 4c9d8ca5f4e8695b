// TLS when the URL asks for it, with sslmode as libpq means it: require encrypts the connection;
// verify-full also checks the server's certificate against the CA given (sslrootcert), and a
// certificate the CA did not sign makes the store fall back to the local index with a message.
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { createNodeService } from '../../server/src/node/environment';
import { databaseStore, PgIndexReader } from '../../server/src/node/store/reader';
import { buildDatabaseIndex } from '../../server/src/node/store/writer';
import { withCluster } from './cluster';

const REPORT = join(resolve(__dirname, '../../../shared'), 'corpus/county-reports-baoding/2021_阜平_2021年阜平县政府工作报告.txt');
let certs: { ca: string; otherCa: string };
const service = createNodeService('en');

const db = withCluster({
  setup: async cluster => {
    certs = cluster.enableTls();
    // the indexer over TLS too
    await buildDatabaseIndex(service, [REPORT], { url: `${cluster.url('indexer')}?sslmode=require` });
  },
});
const { skip } = db;

async function encrypted(url: string): Promise<boolean> {
  const reader = new PgIndexReader({ url });
  try {
    await reader.generation();
    return (await reader.run('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows[0].ssl as boolean;
  } finally {
    await reader.close();
  }
}

test('sslmode=require encrypts the connection; without sslmode the connection is plain', { skip }, async () => {
  assert.equal(await encrypted(`${db.cluster.url('reader')}?sslmode=require`), true);
  assert.equal(await encrypted(db.cluster.url('reader')), false);
});

test('verify-full with the CA that signed the server\'s certificate connects encrypted', { skip }, async () => {
  assert.equal(await encrypted(`${db.cluster.url('reader')}?sslmode=verify-full&sslrootcert=${encodeURIComponent(certs.ca)}`), true);
});

test('verify-full with another CA: the store falls back to the local index and says why', { skip }, async () => {
  const statuses: Array<{ database: boolean; message?: string }> = [];
  const local = { marker: 'local' } as never;
  const store = databaseStore({
    url: `${db.cluster.url('reader')}?sslmode=verify-full&sslrootcert=${encodeURIComponent(certs.otherCa)}`,
    gazetteer: () => service.gazetteer, fallback: () => local, onStatus: s => statuses.push(s),
  });
  try {
    assert.equal(await store.snapshotFor('阜平县2021年地区生产总值增长7%。'), local);
    assert.equal(statuses.length, 1);
    assert.equal(statuses[0].database, false);
    assert.match(statuses[0].message ?? '', /certificate/i);
    assert.doesNotMatch(statuses[0].message ?? '', /reader-secret/);
  } finally {
    await store.close();
  }
});
