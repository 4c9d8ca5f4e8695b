// Where the office index's connection comes from: a URL, the PG* environment, or a service file
// (PGSERVICE, ?service=); TLS when asked; passwords never shown in messages.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { connectionConfig, ConnectionError, hasPassword, redact } from '../../server/src/node/store/connection';
import { parseSettings } from '../../server/src/lsp/settings';

const dir = mkdtempSync(join(tmpdir(), 'pd-pgservice-'));
const serviceFile = join(dir, 'pg_service.conf');
writeFileSync(serviceFile, [
  '# the office archive',
  '[archive]',
  'host=db.office.example',
  'port=6432',
  'dbname=archive',
  'user=pd_reader',
  'password=from-the-service-file',
  'sslmode=verify-full',
  '',
  '[other]',
  'host=elsewhere',
].join('\n'));
const env = { PGSERVICEFILE: serviceFile, HOME: dir } as NodeJS.ProcessEnv;

test('a service named in the URL or in PGSERVICE gives host, port, database, user, password and TLS', () => {
  for (const config of [connectionConfig('postgres:///?service=archive', env), connectionConfig(undefined, { ...env, PGSERVICE: 'archive' })]) {
    assert.equal(config.host, 'db.office.example');
    assert.equal(config.port, 6432);
    assert.equal(config.database, 'archive');
    assert.equal(config.user, 'pd_reader');
    assert.equal(config.password, 'from-the-service-file');
    assert.deepEqual(config.ssl, { rejectUnauthorized: true });
  }
  assert.throws(() => connectionConfig('postgres:///?service=missing', env), ConnectionError);
});

test('a URL is passed on whole (pg reads sslmode from it, as libpq means it); PGSSLMODE asks for TLS with the environment alone', () => {
  assert.equal(connectionConfig('postgres://pd_reader@db:5432/archive?sslmode=require', env).connectionString, 'postgres://pd_reader@db:5432/archive?sslmode=require&uselibpqcompat=true');
  assert.equal(connectionConfig('postgres://pd_reader@db:5432/archive', env).connectionString, 'postgres://pd_reader@db:5432/archive');
  assert.equal(connectionConfig('postgres://db/archive?sslmode=require&uselibpqcompat=false', env).connectionString, 'postgres://db/archive?sslmode=require&uselibpqcompat=false');
  assert.deepEqual(connectionConfig(undefined, { PGSSLMODE: 'require' }).ssl, { rejectUnauthorized: false });
  assert.equal(connectionConfig(undefined, {}).ssl, undefined);
  assert.throws(() => connectionConfig('mysql://x', env), ConnectionError);
});

test('passwords are found in URLs, kept out of messages, and refused in the editor settings', () => {
  assert.ok(hasPassword('postgres://u:secret@h/db'));
  assert.ok(hasPassword('postgres://h/db?password=secret'));
  assert.ok(!hasPassword('postgres://u@h/db'));
  assert.equal(redact('postgres://u:secret@h/db'), 'postgres://u:***@h/db');
  const withPassword = parseSettings({ corpus: { database: 'postgres://u:secret@h/db' } });
  assert.equal(withPassword.database, undefined);
  assert.equal(withPassword.databaseProblem, 'password');
  assert.equal(parseSettings({ corpus: { database: 'postgres://u@h/db' } }).database, 'postgres://u@h/db');
  assert.equal(parseSettings({}).database, undefined);
});
