// Shapes of the phrasing feature. Everything here is plain JSON: the mined index is cached on disk.
import type { Finding, LineCol } from '../types';

export type PhraseKind =
  /** A recurring run of words found by frequency and branching entropy. */
  | 'ngram'
  /** A single long segmenter word (招商引资, 稳中求进). */
  | 'word'
  /** A formula written in quotes (“放管服”, “五大路径”). */
  | 'quoted'
  /** A recurring run with figures in it, offered as a snippet (截至${1}年${2}月). */
  | 'template';

export interface MinedPhrase {
  /** As published; slots for figures are shown as `…`. */
  phrase: string;
  kind: PhraseKind;
  /** Text to insert when it differs from `phrase` (a quoted formula keeps its quotes). */
  insert?: string;
  /** Snippet with `${n}` placeholders, for templates. */
  snippet?: string;
  count: number;
  docCount: number;
  /** Share (0–1) of occurrences that end where a clause does: a complete phrase, not a fragment. */
  closes: number;
  /** A few documents it occurs in (numbers into PhraseIndex.docs), most recent first. */
  docs: number[];
  firstYear?: number;
  lastYear?: number;
  /** The words that most often come right before it, most frequent first (only when mined with `leftWords`). */
  left?: string[];
  /**
   * An occurrence in the most recent document: [document number, start, end] with offsets in that
   * document's text. The example sentence around it is cut at request time.
   */
  at: [number, number, number];
}

export interface IndexedDocument {
  id: string;
  date?: string;
}

export interface PhraseIndex {
  version: number;
  /** Number of phrases (status displays). */
  count: number;
  /** Year recency is measured from when the draft has no date: the newest document's year. */
  latestYear?: number;
  /** The corpus documents, oldest first; phrases refer to them by number. */
  docs: IndexedDocument[];
  phrases: MinedPhrase[];
  /**
   * The prefix structure: lookup keys sorted in UTF-16 code-unit order, and the phrase each key
   * names (parallel array). A phrase has several keys (with and without quotes).
   */
  keys: string[];
  keyPhrase: number[];
}

/** What the shipped table knows about a built-in phrase. */
export interface ShippedEvidence {
  count: number;
  docCount: number;
  /** The years it was used in, as stored in the table ("98-103,110": offsets from 1900); see `yearsOf`. */
  yearsText: string;
  /** The same, parsed on first use (ascending). */
  years?: number[];
  /** Share (0–1) of uses that end a clause. */
  closes: number;
  /** In the curated list of standard phrasing. */
  curated: boolean;
  /** A short example sentence and the document it is from. */
  example?: string;
  exampleSource?: string;
  /** The words that most often come right before it. */
  left?: string[];
}

/** One phrase of a team library. */
export interface PhraseEntry {
  phrase: string;
  /** Text to insert when it differs from `phrase` (a quoted formula keeps its quotes). */
  insert?: string;
  /** Evidence from the shipped table (built-in library only). */
  shipped?: ShippedEvidence;
  category?: string;
  note?: string;
  /** Snippet with `${n}` placeholders to insert instead of the phrase. */
  snippet?: string;
  /** Discouraged variants this phrase replaces (`phrase-preferred`). */
  preferredOver?: string[];
  /** Where the entry is in the library file (for evidence and problems). */
  offset?: number;
  start?: LineCol;
  end?: LineCol;
}

export interface PhraseLibrary {
  /** The library file (path as given). */
  source: string;
  /** Display name (`name:` in YAML/JSON, else the file name). */
  name?: string;
  /** Shipped with the extension rather than kept by the team (shown without "Team library"). */
  builtin?: boolean;
  /** Shipped table: the newest year of its sources. */
  latestYear?: number;
  /** Prefix keys built ahead (the shipped table): plain arrays, so they survive a copy to a worker. */
  prefix?: { keys: string[]; keyPhrase: number[] };
  entries: PhraseEntry[];
  /** Problems found in the library file itself; offsets are into that file's text. */
  problems: Finding[];
}

export const INDEX_VERSION = 2;
