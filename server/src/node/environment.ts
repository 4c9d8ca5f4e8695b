// Wires the pure core to this machine: gazetteer table, nodejieba, seeds folder, team files.
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { PhraseLibrary } from '../core/phrases';
import { createPolicyService, type PolicyService } from '../core/service';
import type { Logger } from '../core/types';
import { resolveCorpusPaths } from './corpusFiles';
import { loadGazetteer } from './gazetteer';
import { createJiebaSegmenter } from './segmenter';

/** The folder that holds the bundled seed corpus: beside server/out (bundle) or server/src/node (source). */
export function seedsDir(): string {
  for (const rel of ['../../seeds', '../../../seeds']) {
    const p = resolve(__dirname, rel);
    if (existsSync(p)) return p;
  }
  return resolve(__dirname, '../../seeds');
}

export function createNodeService(locale: string | undefined, logger?: Logger): PolicyService {
  return createPolicyService({ locale, segmenter: createJiebaSegmenter(), gazetteer: loadGazetteer(), logger });
}

export const TEAM_DIR = '.policy-draft';

/** A team or library file's text, or undefined when it cannot be read (missing, a folder, no access). */
export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
export const PHRASE_EXTENSIONS = new Set(['.txt', '.yaml', '.yml', '.json']);

/** Team region names: `.policy-draft/regions.txt` in each folder plus configured files; one per line, # comments. */
export function readTeamRegions(folders: readonly string[], extraFiles: readonly string[] = []): Set<string> {
  const names = new Set<string>();
  const files = [...folders.map(f => join(f, TEAM_DIR, 'regions.txt')), ...extraFiles];
  for (const file of files) {
    const text = readText(file);
    if (text === undefined) continue;
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

/** The shipped library of standard policy phrasing (server/data/standard-phrases.txt). */
export function readBuiltinLibrary(service: PolicyService): PhraseLibrary | undefined {
  for (const rel of ['../data', '../../data']) {
    const file = resolve(__dirname, rel, 'standard-phrases.txt');
    const text = readText(file);
    if (text !== undefined) return { ...service.parseLibrary(file, text), name: service.t('built-in standard phrasing'), builtin: true };
  }
  return undefined;
}

export function readPhraseLibraries(service: PolicyService, files: readonly string[]): PhraseLibrary[] {
  const out: PhraseLibrary[] = [];
  for (const file of files) {
    const text = readText(file);
    if (text !== undefined) out.push(service.parseLibrary(file, text));
  }
  return out;
}
