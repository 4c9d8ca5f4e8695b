// Settings fetched per document with workspace/configuration, cached, and dropped on
// didChangeConfiguration (never global state, as in vscode-eslint and the lsp-sample).
import type { Connection } from 'vscode-languageserver';
import { CHECKS, type CheckSeverity } from '../core/service';

export interface Settings {
  corpusPaths: string[];
  includeSeeds: boolean;
  phrasePaths: string[];
  builtinPhrases: boolean;
  regionFiles: string[];
  languages: string[];
  severities: Record<string, CheckSeverity>;
}

export const DEFAULT_SETTINGS: Settings = {
  corpusPaths: [],
  includeSeeds: true,
  phrasePaths: [],
  builtinPhrases: true,
  regionFiles: [],
  languages: ['policy-draft', 'markdown', 'plaintext'],
  severities: { ...CHECKS },
};

const SEVERITIES = new Set(['off', 'error', 'warning', 'information', 'hint']);

function strings(v: unknown, fallback: string[]): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : fallback;
}

/** Reads the `policyDraft` section; anything malformed falls back to the default. */
export function parseSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const get = (path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), r);
  const severities: Record<string, CheckSeverity> = { ...CHECKS };
  const checks = get('checks');
  if (checks && typeof checks === 'object') {
    for (const [code, sev] of Object.entries(checks as Record<string, unknown>)) {
      if (typeof sev === 'string' && SEVERITIES.has(sev)) severities[code] = sev as CheckSeverity;
    }
  }
  return {
    corpusPaths: strings(get('corpus.paths'), DEFAULT_SETTINGS.corpusPaths),
    includeSeeds: typeof get('corpus.includeSeeds') === 'boolean' ? (get('corpus.includeSeeds') as boolean) : true,
    phrasePaths: strings(get('phrases.paths'), DEFAULT_SETTINGS.phrasePaths),
    builtinPhrases: typeof get('phrases.builtin') === 'boolean' ? (get('phrases.builtin') as boolean) : true,
    regionFiles: strings(get('regions.files'), DEFAULT_SETTINGS.regionFiles),
    languages: strings(get('languages'), DEFAULT_SETTINGS.languages),
    severities,
  };
}

export class SettingsCache {
  private cache = new Map<string, Promise<Settings>>();

  constructor(private readonly connection: Connection) {}

  /** uri: a document's settings; undefined: the window's; null: the client cannot be asked. */
  get(uri: string | undefined | null): Promise<Settings> {
    if (uri === null) return Promise.resolve(DEFAULT_SETTINGS);
    const key = uri ?? '';
    let s = this.cache.get(key);
    if (!s) {
      s = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'policyDraft' })
        .then(parseSettings, () => DEFAULT_SETTINGS);
      this.cache.set(key, s);
    }
    return s;
  }

  clear(): void {
    this.cache.clear();
  }
}
