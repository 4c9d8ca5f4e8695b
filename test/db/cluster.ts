// A throwaway PostgreSQL cluster for the office-index tests: initdb into a temporary folder, started
// on a free loopback port (sockets in the same folder), with an indexer role that writes and a
// reader role that may only SELECT; stopped and deleted after. Without PostgreSQL's binaries the
// database tests say so and are skipped (the rest of the suite runs without PostgreSQL).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { after, before } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROLES = { indexer: { user: 'pd_indexer', password: 'indexer-secret' }, reader: { user: 'pd_reader', password: 'reader-secret' } };
export const DATABASE = 'archive';

/** Where initdb, pg_ctl and postgres are: $PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
export function postgresBin(): string | undefined {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  try {
    const versions = readdirSync('/usr/lib/postgresql').filter(v => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(`/usr/lib/postgresql/${v}/bin`);
  } catch {
    /* none */
  }
  return candidates.find(d => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
}

/** Why the database tests cannot run here, or undefined when they can. */
export function skipReason(): string | undefined {
  if (!postgresBin()) return 'PostgreSQL is not installed (no initdb/pg_ctl under /usr/lib/postgresql/*/bin or $PG_BIN): database tests skipped';
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0) return 'running as root and there is no postgres user to run the cluster as: database tests skipped';
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Cluster {
  dir: string;
  port: number;
  /** A URL for one of the roles (or the superuser), TCP on 127.0.0.1. */
  url(role?: keyof typeof ROLES | 'admin', database?: string, withPassword?: boolean): string;
  /** Runs SQL as the superuser over the unix socket. */
  sql(text: string, database?: string): string;
  stop(): void;
  start(): void;
  destroy(): void;
}

export async function startCluster(): Promise<Cluster> {
  const bin = postgresBin()!;
  const dir = mkdtempSync(join(tmpdir(), 'pd-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[], input?: string) => {
    const full = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] as const : [join(bin, cmd), args] as const;
    return execFileSync(full[0], [...full[1]], { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const pw = join(dir, 'pw');
  writeFileSync(pw, 'admin-secret\n');
  if (asRoot) chownSync(pw, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), 0);
  run('initdb', ['-D', data, '-U', 'postgres', '--pwfile', pw, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = () => run('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start']);
  start();
  const psql = (text: string, database = 'postgres') =>
    execFileSync(asRoot ? 'runuser' : join(bin, 'psql'), [...(asRoot ? ['-u', 'postgres', '--', join(bin, 'psql')] : []),
      '-h', dir, '-p', String(port), '-U', 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', text], { encoding: 'utf8' });
  const cluster: Cluster = {
    dir,
    port,
    url(role = 'reader', database = DATABASE, withPassword = true) {
      const r = role === 'admin' ? { user: 'postgres', password: 'admin-secret' } : ROLES[role];
      return `postgres://${r.user}${withPassword ? `:${r.password}` : ''}@127.0.0.1:${port}/${database}`;
    },
    sql: psql,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        /* already stopped */
      }
    },
    start() {
      start();
    },
    destroy() {
      cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  // the roles of docs/archive-index.md: the indexer owns the schema, the reader may only read it
  psql(`CREATE ROLE ${ROLES.indexer.user} LOGIN PASSWORD '${ROLES.indexer.password}'`);
  psql(`CREATE ROLE ${ROLES.reader.user} LOGIN PASSWORD '${ROLES.reader.password}'`);
  psql(`CREATE DATABASE ${DATABASE} OWNER ${ROLES.indexer.user}`);
  setupDatabase(psql, DATABASE);
  return cluster;
}

/** The schema and grants an office's DBA sets up once (docs/archive-index.md). */
export function setupDatabase(psql: (text: string, database?: string) => string, database: string): void {
  psql(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC; GRANT CONNECT ON DATABASE ${database} TO ${ROLES.reader.user}`, database);
  psql(`CREATE SCHEMA policy_draft AUTHORIZATION ${ROLES.indexer.user}`, database);
  psql(`GRANT USAGE ON SCHEMA policy_draft TO ${ROLES.reader.user}`, database);
  psql(`ALTER DEFAULT PRIVILEGES FOR ROLE ${ROLES.indexer.user} IN SCHEMA policy_draft GRANT SELECT ON TABLES TO ${ROLES.reader.user}`, database);
  psql(`ALTER ROLE ${ROLES.reader.user} SET default_transaction_read_only = on`, database);
}

/**
 * The cluster of one test file: started before its tests (then `setup`), and after them `teardown`,
 * then stopped and deleted. Without PostgreSQL nothing starts, and `skip` says why (printed once).
 */
export function withCluster(hooks: { setup?: (cluster: Cluster) => unknown; teardown?: () => unknown } = {}): { skip: string | undefined; readonly cluster: Cluster } {
  const skip = skipReason();
  if (skip) console.log(`# ${skip}`);
  let cluster: Cluster | undefined;
  before(async () => {
    if (skip) return;
    cluster = await startCluster();
    await hooks.setup?.(cluster);
  });
  after(async () => {
    try {
      await hooks.teardown?.();
    } finally {
      cluster?.destroy();
    }
  });
  return {
    skip,
    get cluster() {
      if (!cluster) throw new Error('the cluster is not started');
      return cluster;
    },
  };
}
