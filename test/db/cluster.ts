// A throwaway PostgreSQL cluster for the office-index tests: initdb into a temporary folder, started
// on a free loopback port (sockets in the same folder), with an indexer role that writes and a
// reader role that may only SELECT; stopped and deleted after. Without PostgreSQL's binaries the
// database tests say so and are skipped (the rest of the suite runs without PostgreSQL).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
  /**
   * Turns TLS on (certificates made with openssl: a test CA and a server certificate for 127.0.0.1
   * and localhost); returns the CA's certificate file, and a second CA's that did not sign it.
   */
  enableTls(): { ca: string; otherCa: string };
  /**
   * A hot standby of this cluster (pg_basebackup, streaming replication) on a port of its own, in a
   * folder of the cluster's (stop it before the cluster is destroyed).
   */
  startStandby(): Promise<{ port: number; url(role?: keyof typeof ROLES, database?: string): string; stop(): void }>;
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
    enableTls() {
      const certs = mkdtempSync(join(tmpdir(), 'pd-pg-tls-'));
      const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: certs, stdio: 'pipe' });
      for (const ca of ['ca', 'other-ca']) {
        ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${ca}.key`, '-out', `${ca}.crt`, '-days', '2', '-subj', `/CN=policy-draft test ${ca}`);
      }
      ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
      writeFileSync(join(certs, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
      ssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'san.ext');
      // the server's key and certificate in the cluster's folder, the server's own (0600)
      for (const f of ['server.key', 'server.crt']) {
        copyFileSync(join(certs, f), join(dir, f));
        chmodSync(join(dir, f), 0o600);
        if (asRoot) chownSync(join(dir, f), Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), 0);
      }
      psql(`ALTER SYSTEM SET ssl_cert_file = '${join(dir, 'server.crt')}'`);
      psql(`ALTER SYSTEM SET ssl_key_file = '${join(dir, 'server.key')}'`);
      psql('ALTER SYSTEM SET ssl = on');
      psql('SELECT pg_reload_conf()');
      const ca = join(dir, 'ca.crt'), otherCa = join(dir, 'other-ca.crt');
      copyFileSync(join(certs, 'ca.crt'), ca);
      copyFileSync(join(certs, 'other-ca.crt'), otherCa);
      rmSync(certs, { recursive: true, force: true });
      return { ca, otherCa };
    },
    async startStandby() {
      const standby = join(dir, 'standby');
      // -R writes standby.signal and the primary's connection (the local socket: trusted)
      run('pg_basebackup', ['-D', standby, '-h', dir, '-p', String(port), '-U', 'postgres', '-R', '-X', 'stream']);
      const standbyPort = await freePort();
      // (a standby needs max_connections at least the primary's)
      run('pg_ctl', ['-D', standby, '-o', `-p ${standbyPort} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c hot_standby=on`, '-l', join(dir, 'standby.log'), '-w', 'start']);
      return {
        port: standbyPort,
        url: (role = 'reader', database = DATABASE) => `postgres://${ROLES[role].user}:${ROLES[role].password}@127.0.0.1:${standbyPort}/${database}`,
        stop: () => {
          try {
            run('pg_ctl', ['-D', standby, '-m', 'immediate', '-w', 'stop']);
          } catch {
            /* already stopped */
          }
        },
      };
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
