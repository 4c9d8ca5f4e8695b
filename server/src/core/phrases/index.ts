// The phrasing feature: phrase mining, completion, team phrase libraries and `phrase-preferred`.
// Signatures are the contract with service.ts.
import type { CompletionResult, Draft, FeatureContext } from '../model';
import type { Finding, Localizer } from '../types';
import { complete } from './complete';
import { parseLibrary } from './library';
import { addPhrase } from './libraryEdit';
import { mine, type MineOptions } from './mine';
import { checkPreferred } from './preferred';
import { phraseTableLibrary } from './table';
import type { MiningInput } from './stream';
import type { PhraseIndex, PhraseLibrary } from './types';

export type { MiningInput } from './stream';
export type { IndexedDocument, MinedPhrase, PhraseEntry, PhraseIndex, PhraseKind, PhraseLibrary } from './types';
export { LIBRARY_CODE } from './library';
/** Bump-on-change version of the mined index: include it in the phrase cache key. */
export { INDEX_VERSION as PHRASE_INDEX_VERSION } from './types';
export { PREFERRED_CODE } from './preferred';

/**
 * Mines standard phrases from segmented corpus documents (tokens, or the lengths of the tokens that
 * tile each text). The result is plain JSON (cache it).
 */
export function minePhrases(inputs: readonly MiningInput[], options: Partial<MineOptions> = {}): PhraseIndex {
  return mine(inputs, options);
}

/**
 * The shipped phrase table (server/data/phrase-table.json) as the built-in library: completion
 * offers it after team libraries and the corpus. Text that is not a table gives an empty library.
 */
export function loadPhraseTable(source: string, text: string, name: string): PhraseLibrary {
  return phraseTableLibrary(source, text, name);
}

/** Reads a team library (.txt, .yaml/.yml, .json by extension); problems carry offsets into `text`. */
export function parsePhraseLibrary(source: string, text: string, ctx: { t: Localizer }): PhraseLibrary {
  return parseLibrary(source, text, ctx.t);
}

/** Completion items for the phrase being typed before `offset`; each replaces [replaceStart, offset). */
export function completePhrases(
  draft: Draft, offset: number, index: PhraseIndex | undefined, libraries: PhraseLibrary[], ctx: FeatureContext,
): CompletionResult[] {
  return complete(draft, offset, index, libraries, ctx);
}

/** `phrase-preferred` findings for discouraged variants the team libraries name. */
export function checkPreferredPhrases(draft: Draft, libraries: PhraseLibrary[], ctx: FeatureContext): Finding[] {
  return checkPreferred(draft, libraries, ctx);
}

/** The library file's new text with `phrase` added (format by extension; unchanged if present). */
export function addPhraseToLibrary(source: string, text: string, phrase: string): string {
  return addPhrase(source, text, phrase);
}
