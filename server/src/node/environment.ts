// Wires the pure core to this machine: gazetteer table, nodejieba, seeds folder, team files.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadPhraseTable, type PhraseLibrary } from '../core/phrases';
import { createPolicyService, type PolicyService } from '../core/service';
import type { Logger } from '../core/types';
import { loadGazetteer } from './gazetteer';
import { createSegmenter } from './segmenter';
import { readText, readTextChecked, type TeamFileProblem } from './teamFiles';

// (team files and the seeds folder: teamFiles.ts, re-exported for the CLI and the workers)
export {
  PHRASE_EXTENSIONS, phraseLibraryFiles, readTeamRegions, readText, readTextChecked, seedsDir, TEAM_DIR, type TeamFileProblem,
} from './teamFiles';

export function createNodeService(locale: string | undefined, logger?: Logger): PolicyService {
  // Factories: the service loads the dictionaries and the gazetteer only when it first needs them.
  return createPolicyService({ locale, segmenter: () => createSegmenter(), gazetteer: loadGazetteer, logger });
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
