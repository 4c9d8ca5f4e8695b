// The repository settings file `.policy-draft/config.json`, read by the CLI and the extension alike,
// so CI and the editor never disagree. The editor's own settings override it (lsp/settings.ts).
//
// {
//   "corpus":   { "paths": ["archive/**/*.txt"], "includeSeeds": true },
//   "checks":   { "punct-between-titles": "information", "number-year-short": "off" },
//   "headings": { "itemMarker": "dot", "strictLevels": false }
// }
import { join, resolve } from 'node:path';
import type { HeadingOptions } from '../core/headings';
import type { CheckSeverity } from '../core/service';
import { readText } from './teamFiles';

export interface RepoConfig {
  corpusPaths?: string[];
  includeSeeds?: boolean;
  severities: Record<string, CheckSeverity>;
  headings: HeadingOptions;
}

export interface RepoConfigResult {
  /** The file read, if there is one. */
  file?: string;
  config: RepoConfig;
  /** What was wrong with the file (the rest of it still applies). */
  problems: string[];
}

const SEVERITIES = new Set(['off', 'error', 'warning', 'information', 'hint']);

export const CONFIG_FILE = join('.policy-draft', 'config.json');

/** Reads and validates a parsed config object; paths stay as written (relative to the folder). */
export function parseRepoConfig(raw: unknown): { config: RepoConfig; problems: string[] } {
  const config: RepoConfig = { severities: {}, headings: {} };
  const problems: string[] = [];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { config, problems: ['not a JSON object'] };
  const r = raw as Record<string, unknown>;
  const obj = (v: unknown, name: string): Record<string, unknown> | undefined => {
    if (v === undefined) return undefined;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    problems.push(`${name}: expected an object`);
    return undefined;
  };
  const corpus = obj(r.corpus, 'corpus');
  if (corpus) {
    if (Array.isArray(corpus.paths) && corpus.paths.every((p) => typeof p === 'string')) config.corpusPaths = corpus.paths as string[];
    else if (corpus.paths !== undefined) problems.push('corpus.paths: expected a list of strings');
    if (typeof corpus.includeSeeds === 'boolean') config.includeSeeds = corpus.includeSeeds;
    else if (corpus.includeSeeds !== undefined) problems.push('corpus.includeSeeds: expected true or false');
  }
  const checks = obj(r.checks, 'checks');
  for (const [code, sev] of Object.entries(checks ?? {})) {
    if (typeof sev === 'string' && SEVERITIES.has(sev)) config.severities[code] = sev as CheckSeverity;
    else problems.push(`checks.${code}: expected one of off, error, warning, information, hint`);
  }
  const headings = obj(r.headings, 'headings');
  if (headings) {
    if (headings.itemMarker === 'either' || headings.itemMarker === 'dot') config.headings.itemMarker = headings.itemMarker;
    else if (headings.itemMarker !== undefined) problems.push('headings.itemMarker: expected "either" or "dot"');
    if (typeof headings.strictLevels === 'boolean') config.headings.strictLevels = headings.strictLevels;
    else if (headings.strictLevels !== undefined) problems.push('headings.strictLevels: expected true or false');
  }
  return { config, problems };
}

/** `<folder>/.policy-draft/config.json`, or an empty config when there is none. */
export function readRepoConfig(folder: string): RepoConfigResult {
  const file = resolve(folder, CONFIG_FILE);
  const text = readText(file);
  if (text === undefined) return { config: { severities: {}, headings: {} }, problems: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { file, config: { severities: {}, headings: {} }, problems: [`not valid JSON: ${(e as Error).message}`] };
  }
  return { file, ...parseRepoConfig(raw) };
}
