// The hand-kept knowledge of the regions feature, as data files beside the code.
import aliasesJson from './data/aliases.json';
import wordsJson from './data/words.json';
import placeKindsJson from './data/place-kinds.json';

export interface AliasTables {
  nicknames: Record<string, string>;
  abbreviationClusters: Record<string, string[] | string>;
  historical: Record<string, string>;
}
export interface WordTables {
  notRegions: string[];
  ambiguousStems: string[];
  lookalikes: string[];
  readings: Record<string, string[] | string>;
  ethnicNames: string[];
  /** Two-character words that start with a suffix character (区域, 市场): the suffix of no name. */
  suffixStartsWord: string[];
}

export const aliases = aliasesJson as unknown as AliasTables;
export const words = wordsJson as unknown as WordTables;

/** Places that are no divisions: natural features, zones, institutions and routes (see data/place-kinds.json). */
export interface PlaceKindTables {
  naturalFeatures: string[];
  zones: string[];
  institutions: string[];
  routeWords: string[];
  names: string[];
}

export const placeKinds = placeKindsJson as unknown as PlaceKindTables;
