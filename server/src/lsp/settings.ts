// Settings fetched per document with workspace/configuration, cached, and dropped on
// didChangeConfiguration (never global state, as in vscode-eslint and the lsp-sample).
import type { Connection } from 'vscode-languageserver';
import type { HeadingOptions } from '../core/headings';
import { CHECKS, type CheckSeverity } from '../core/checkCodes';
import type { RepoConfig } from '../node/config';

export interface Settings {
  corpusPaths: string[];
  includeSeeds: boolean;
  phrasePaths: string[];
  builtinPhrases: boolean;
  regionFiles: string[];
  languages: string[];
  severities: Record<string, CheckSeverity>;
  headings: HeadingOptions;
  /** The office index (postgres:// URL, no password), or undefined: the local index only. */
  database?: string;
  /** Why the database setting was not used (it carried a password). */
  databaseProblem?: string;
}

export const DEFAULT_SETTINGS: Settings = {
  corpusPaths: [],
  includeSeeds: true,
  phrasePaths: [],
  builtinPhrases: true,
  regionFiles: [],
  languages: ['policy-draft', 'markdown', 'plaintext'],
  severities: { ...CHECKS },
  headings: {},
};

const SEVERITIES = new Set(['off', 'error', 'warning', 'information', 'hint']);

function strings(v: unknown, fallback: string[]): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : fallback;
}

/**
 * Reads the `policyDraft` section over the repository's `.policy-draft/config.json` (`repo`); anything
 * malformed falls back to the default. The editor's own settings override the file, but the server
 * sees the package defaults too and cannot tell them from a choice: a value equal to the default
 * leaves the file's value in force.
 */
export function parseSettings(raw: unknown, repo?: RepoConfig): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const get = (path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), r);
  const severities: Record<string, CheckSeverity> = { ...CHECKS, ...repo?.severities };
  const checks = get('checks');
  if (checks && typeof checks === 'object') {
    for (const [code, sev] of Object.entries(checks as Record<string, unknown>)) {
      if (typeof sev === 'string' && SEVERITIES.has(sev) && (sev !== CHECKS[code] || !repo?.severities[code])) severities[code] = sev as CheckSeverity;
    }
  }
  const headings: HeadingOptions = { ...repo?.headings };
  const marker = get('headings.itemMarker');
  if ((marker === 'dot') || (marker === 'either' && !repo?.headings.itemMarker)) headings.itemMarker = marker;
  const strict = get('headings.strictLevels');
  if (strict === true || (strict === false && repo?.headings.strictLevels === undefined)) headings.strictLevels = strict;
  const paths = strings(get('corpus.paths'), []);
  // credentials come from the PostgreSQL environment (PGPASSWORD, ~/.pgpass, pg_service.conf), never
  // from a settings file that may be committed
  const db = get('corpus.database');
  const url = typeof db === 'string' && db.trim() ? db.trim() : undefined;
  const withPassword = !!url && (/^postgres(?:ql)?:\/\/[^:/@]*:[^@/]+@/.test(url) || /[?&]password=/.test(url));
  return {
    ...(url && !withPassword ? { database: url } : {}),
    ...(withPassword ? { databaseProblem: 'password' } : {}),
    corpusPaths: [...(repo?.corpusPaths ?? []), ...paths.filter(p => !repo?.corpusPaths?.includes(p))],
    includeSeeds: get('corpus.includeSeeds') === false ? false : repo?.includeSeeds ?? true,
    phrasePaths: strings(get('phrases.paths'), DEFAULT_SETTINGS.phrasePaths),
    builtinPhrases: typeof get('phrases.builtin') === 'boolean' ? (get('phrases.builtin') as boolean) : true,
    regionFiles: strings(get('regions.files'), DEFAULT_SETTINGS.regionFiles),
    languages: strings(get('languages'), DEFAULT_SETTINGS.languages),
    severities,
    headings,
  };
}

export class SettingsCache {
  private cache = new Map<string, Promise<Settings>>();

  /** `repo`: the repository settings file of the workspace, read when settings are fetched. */
  constructor(private readonly connection: Connection, private readonly repo: () => RepoConfig | undefined = () => undefined) {}

  /** uri: a document's settings; undefined: the window's; null: the client cannot be asked. */
  get(uri: string | undefined | null): Promise<Settings> {
    if (uri === null) return Promise.resolve(DEFAULT_SETTINGS);
    const key = uri ?? '';
    let s = this.cache.get(key);
    if (!s) {
      s = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'policyDraft' })
        .then(raw => parseSettings(raw, this.repo()), () => parseSettings({}, this.repo()));
      this.cache.set(key, s);
    }
    return s;
  }

  clear(): void {
    this.cache.clear();
  }
}
