// Team files and the seeds folder: plain file reads. The language server's request thread reads them
// before it loads the engine (the core), so this module imports nothing of the analysis.
import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { decodeBytes } from '../core/text/decode';
import { resolveCorpusPaths } from './corpusFiles';
import { MAX_TEAM_FILE_BYTES, readFileBounded, type ReadFailure } from './files';

/** The folder that holds the bundled seed corpus: beside server/out (bundle) or server/src/node (source). */
export function seedsDir(): string {
  for (const rel of ['../../seeds', '../../../seeds']) {
    const p = resolve(__dirname, rel);
    if (existsSync(p)) return p;
  }
  return resolve(__dirname, '../../seeds');
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
