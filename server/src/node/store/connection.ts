// Where the office index is and who we are to it: a postgres:// URL given on the command line or in
// the editor's setting, completed by the standard PostgreSQL environment (PGHOST, PGPORT, PGDATABASE,
// PGUSER, PGPASSWORD, ~/.pgpass, PGSSLMODE) and service file (PGSERVICE, ?service=, pg_service.conf).
// Credentials never come from a settings file the project commits.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { PoolConfig } from 'pg';

/** The sections of a pg_service.conf (INI: [name] then key=value lines). */
export function parseServiceFile(text: string): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = {};
      out.set(section[1].trim(), current);
      continue;
    }
    const eq = line.indexOf('=');
    if (current && eq > 0) current[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

function serviceFiles(env: NodeJS.ProcessEnv): string[] {
  const files: string[] = [];
  if (env.PGSERVICEFILE) files.push(env.PGSERVICEFILE);
  else files.push(join(env.HOME ?? homedir(), '.pg_service.conf'));
  files.push(join(env.PGSYSCONFDIR ?? '/etc/postgresql-common', 'pg_service.conf'));
  return files;
}

/** The parameters of a named service, from the first service file that defines it. */
export function readService(name: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> | undefined {
  for (const file of serviceFiles(env)) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const s = parseServiceFile(text).get(name);
    if (s) return s;
  }
  return undefined;
}

export class ConnectionError extends Error {}

function sslOf(mode: string | undefined): PoolConfig['ssl'] {
  if (!mode || mode === 'disable' || mode === 'allow' || mode === 'prefer') return undefined;
  // require: encrypted; verify-ca / verify-full: the server's certificate checked too
  return mode === 'require' ? { rejectUnauthorized: false } : { rejectUnauthorized: true };
}

/**
 * The pool configuration for `url` (or, with none, the environment alone). `service=NAME` in the URL
 * or PGSERVICE reads host, port, dbname, user, password and sslmode from the service file.
 */
export function connectionConfig(url: string | undefined, env: NodeJS.ProcessEnv = process.env): PoolConfig {
  let service = env.PGSERVICE;
  let rest = url;
  if (url) {
    const m = /[?&]service=([^&]+)/.exec(url);
    if (m) {
      service = decodeURIComponent(m[1]);
      rest = url.replace(/([?&])service=[^&]+&?/, '$1').replace(/[?&]$/, '');
    }
  }
  const config: PoolConfig = {};
  if (service) {
    const s = readService(service, env);
    if (!s) throw new ConnectionError(`service "${service}" is not defined in a pg_service.conf`);
    if (s.host) config.host = s.host;
    if (s.port) config.port = Number(s.port);
    if (s.dbname) config.database = s.dbname;
    if (s.user) config.user = s.user;
    if (s.password) config.password = s.password;
    if (s.sslmode) config.ssl = sslOf(s.sslmode);
  }
  if (rest && /^postgres(?:ql)?:\/\/./.test(rest) && !/^postgres(?:ql)?:\/\/\/?$/.test(rest)) config.connectionString = libpqSslModes(rest);
  else if (rest && !/^postgres(?:ql)?:\/\/\/?$/.test(rest)) throw new ConnectionError(`not a postgres:// URL: ${redact(rest)}`);
  if (!config.connectionString && !service && env.PGSSLMODE) config.ssl = sslOf(env.PGSSLMODE);
  return config;
}

/**
 * sslmode in a URL as libpq (and an office's DBA) means it: require encrypts, verify-ca and
 * verify-full also check the server's certificate (pg 8 otherwise treats every mode as verify-full,
 * so require with the office's own certificate would fail). A URL that says uselibpqcompat itself is
 * left as it is.
 */
function libpqSslModes(url: string): string {
  if (!/[?&]sslmode=/.test(url) || /[?&]uselibpqcompat=/.test(url)) return url;
  return `${url}&uselibpqcompat=true`;
}

/** The URL with any password taken out, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/(postgres(?:ql)?:\/\/[^:/@]*):[^@/]*@/, '$1:***@');
}

/** Does this URL carry a password (not allowed in a settings file)? */
export function hasPassword(url: string): boolean {
  return /postgres(?:ql)?:\/\/[^:/@]*:[^@/]+@/.test(url) || /[?&]password=/.test(url);
}
