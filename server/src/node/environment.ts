// Wires the pure core to this machine: gazetteer table, nodejieba, seeds folder, team files.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { loadPhraseTable, type PhraseLibrary } from '../core/phrases';
import { createPolicyService, type PolicyService } from '../core/service';
import { decodeBytes } from '../core/text/decode';
import type { Logger } from '../core/types';
import { resolveCorpusPaths } from './corpusFiles';
import { MAX_TEAM_FILE_BYTES, readFileBounded, type ReadFailure } from './files';
import { loadGazetteer } from './gazetteer';
import { createSegmenter } from './segmenter';

/** The folder that holds the bundled seed corpus: beside server/out (bundle) or server/src/node (source). */
export function seedsDir(): string {
  for (const rel of ['../../seeds', '../../../seeds']) {
    const p = resolve(__dirname, rel);
    if (existsSync(p)) return p;
  }
  return resolve(__dirname, '../../seeds');
}

export function createNodeService(locale: string | undefined, logger?: Logger): PolicyService {
  // Factories: the service loads the dictionaries and the gazetteer only when it first needs them.
  return createPolicyService({ locale, segmenter: () => createSegmenter(), gazetteer: loadGazetteer, logger });
}

export const TEAM_DIR = '.policy-draft';

/** A team file that could not be used, with the reason (shown by the CLI and logged by the server). */
export interface TeamFileProblem {
  file: string;
  failure: ReadFailure | { reason: 'binary' } | { reason: 'undecodable' };
}

/**
 * A team or library file's text through the one bounded read (a named pipe, device or folder is
 * refused, never opened), or why not. Decoded like a corpus file, so a GBK list works too.
 */
export function readTextChecked(path: string, maxBytes = MAX_TEAM_FILE_BYTES): { text: string } | { problem: TeamFileProblem } {
  const r = readFileBounded(path, maxBytes);
  if (!r.ok) return { problem: { file: path, failure: r } };
  const d = decodeBytes(r.bytes);
  if (d.ok) return { text: d.text };
  if (d.reason === 'empty') return { text: '' };
  return { problem: { file: path, failure: d.reason === 'binary' ? { reason: 'binary' } : { reason: 'undecodable' } } };
}

/** A team or library file's text, or undefined when it cannot be read (missing, a folder, a pipe, no access). */
export function readText(path: string, maxBytes = MAX_TEAM_FILE_BYTES): string | undefined {
  const r = readTextChecked(path, maxBytes);
  return 'text' in r ? r.text : undefined;
}
export const PHRASE_EXTENSIONS = new Set(['.txt', '.yaml', '.yml', '.json']);

/** Team region names: `.policy-draft/regions.txt` in each folder plus configured files; one per line, # comments. */
export function readTeamRegions(folders: readonly string[], extraFiles: readonly string[] = [], problems?: TeamFileProblem[]): Set<string> {
  const names = new Set<string>();
  const defaults = folders.map(f => join(f, TEAM_DIR, 'regions.txt'));
  for (const file of [...defaults, ...extraFiles]) {
    const r = readTextChecked(file);
    if (!('text' in r)) {
      // No regions.txt in a folder is normal; anything else (a pipe, a folder, too large) is said.
      if (!(r.problem.failure.reason === 'missing' && defaults.includes(file))) problems?.push(r.problem);
      continue;
    }
    const text = r.text;
    for (const line of text.split(/\r?\n/)) {
      const name = line.replace(/#.*/, '').trim();
      if (name) names.add(name);
    }
  }
  return names;
}

/** Phrase library files: `.policy-draft/phrases/*` in each folder plus configured files or folders. */
export function phraseLibraryFiles(folders: readonly string[], extraPaths: readonly string[], base: string): string[] {
  const entries = [...folders.map(f => join(f, TEAM_DIR, 'phrases')), ...extraPaths];
  const { files } = resolveCorpusPaths(entries, base);
  return files.filter(f => PHRASE_EXTENSIONS.has(extname(f).toLowerCase()));
}

const builtinTables = new Map<string, PhraseLibrary>();

function readShipped(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** The shipped library of standard policy phrasing (server/data/phrase-table.json, else standard-phrases.txt). */
export function readBuiltinLibrary(service: PolicyService): PhraseLibrary | undefined {
  for (const rel of ['../data', '../../data']) {
    // The shipped phrase table (scripts/build-phrases.mjs): mined phrasing plus the curated list.
    const table = resolve(__dirname, rel, 'phrase-table.json');
    const name = service.t('built-in standard phrasing');
    const cached = builtinTables.get(table);
    if (cached?.name === name) return cached;
    // Shipped UTF-8 JSON: read as such (the team-file path sniffs encodings, ~100 ms on 2 MB).
    const tableText = readShipped(table);
    if (tableText !== undefined) {
      // Loaded once per process: the table ships with the extension and does not change.
      const library = loadPhraseTable(table, tableText, name);
      builtinTables.set(table, library);
      return library;
    }
    const file = resolve(__dirname, rel, 'standard-phrases.txt');
    const text = readText(file);
    if (text !== undefined) return { ...service.parseLibrary(file, text), name: service.t('built-in standard phrasing'), builtin: true };
  }
  return undefined;
}

export function readPhraseLibraries(service: PolicyService, files: readonly string[], problems?: TeamFileProblem[]): PhraseLibrary[] {
  const out: PhraseLibrary[] = [];
  for (const file of files) {
    const r = readTextChecked(file);
    if ('text' in r) out.push(service.parseLibrary(file, r.text));
    else problems?.push(r.problem);
  }
  return out;
}
