// Lookup keys of team libraries. Libraries are small and change rarely; their prefix structure is
// built on first use and kept with the library object (a new parse is a new object).
import { buildKeys, type PrefixKeys } from './prefixIndex';
import { snippetLabel } from './text';
import type { PhraseEntry, PhraseLibrary } from './types';

export interface TeamKeys extends PrefixKeys {
  entries: PhraseEntry[];
}

const cache = new WeakMap<PhraseLibrary, TeamKeys>();

export function teamKeys(library: PhraseLibrary): TeamKeys {
  let k = cache.get(library);
  if (!k && library.prefix) {
    k = { keys: library.prefix.keys, keyPhrase: library.prefix.keyPhrase, entries: library.entries };
    cache.set(library, k);
  }
  if (!k) {
    const entries = library.entries;
    const keyed = entries.map(e => ({ phrase: e.phrase, insert: e.snippet ? snippetLabel(e.snippet) : e.insert }));
    k = { ...buildKeys(keyed), entries };
    cache.set(library, k);
  }
  return k;
}
