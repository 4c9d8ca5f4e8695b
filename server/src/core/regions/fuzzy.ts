// Near misses: gazetteer names that differ from a word in one character, and how alike the two
// characters are (same reading, look-alike, or neither). A one-wildcard index keeps lookups cheap.
import type { Gazetteer } from './gazetteer';
import { SUFFIX_CHARS } from './mentions';

export type Likeness = 'sound' | 'shape' | 'sound+shape' | 'other';

export interface NearMiss {
  /** The gazetteer surface the word probably meant. */
  surface: string;
  codes: string[];
  /** Index of the differing character. */
  pos: number;
  likeness: Likeness;
  /** True when the differing character is in the official suffix (县 in 盐边县). */
  inSuffix: boolean;
}

interface FuzzyIndex {
  byKey: Map<string, string[]>;
  firstChars: Map<number, Set<string>>;
  lastChars: Map<number, Set<string>>;
  maxLen: number;
}

const WILDCARD = '\u0000';
const cache = new WeakMap<Gazetteer, FuzzyIndex>();

/** Surfaces a typo may aim at: official names, and short forms of three or more characters. */
function fuzzyIndex(gaz: Gazetteer): FuzzyIndex {
  let idx = cache.get(gaz);
  if (idx) return idx;
  idx = { byKey: new Map(), firstChars: new Map(), lastChars: new Map(), maxLen: 0 };
  for (const [text, list] of gaz.surfaces) {
    // Two-character names only for counties written in full (珙县); short forms from three characters.
    const full = list.some(s => s.kind === 'full' && (text.length >= 3 || s.code.length === 6));
    const short = text.length >= 3 && list.some(s => s.kind === 'short' && !gaz.ambiguousStems.has(text));
    if (!full && !short) continue;
    for (let pos = 0; pos < text.length; pos++) {
      const key = text.slice(0, pos) + WILDCARD + text.slice(pos + 1);
      const bucket = idx.byKey.get(key);
      if (bucket) bucket.push(text);
      else idx.byKey.set(key, [text]);
    }
    const L = text.length;
    if (!idx.firstChars.has(L)) idx.firstChars.set(L, new Set());
    if (!idx.lastChars.has(L)) idx.lastChars.set(L, new Set());
    idx.firstChars.get(L)!.add(text[0]);
    idx.lastChars.get(L)!.add(text[L - 1]);
    idx.maxLen = Math.max(idx.maxLen, L);
  }
  cache.set(gaz, idx);
  return idx;
}

export function maxFuzzyLength(gaz: Gazetteer): number {
  return fuzzyIndex(gaz).maxLen;
}

export function likeness(gaz: Gazetteer, a: string, b: string): Likeness {
  const ra = gaz.readings.get(a) ?? [];
  const rb = gaz.readings.get(b) ?? [];
  const sound = ra.some(r => rb.includes(r));
  const shape = gaz.lookalikes.get(a)?.has(b) ?? false;
  return sound && shape ? 'sound+shape' : sound ? 'sound' : shape ? 'shape' : 'other';
}

/** Cheap test before slicing: a name one character away shares the first or the last character. */
export function mayBeNear(gaz: Gazetteer, text: string, start: number, end: number): boolean {
  const idx = fuzzyIndex(gaz);
  const L = end - start;
  return !!idx.firstChars.get(L)?.has(text[start]) || !!idx.lastChars.get(L)?.has(text[end - 1]);
}

/** Gazetteer surfaces one character away from `word` (same length). */
export function nearMisses(gaz: Gazetteer, word: string): NearMiss[] {
  const idx = fuzzyIndex(gaz);
  const L = word.length;
  const first = idx.firstChars.get(L);
  const last = idx.lastChars.get(L);
  if (!first || !last || (!first.has(word[0]) && !last.has(word[L - 1]))) return [];
  const out: NearMiss[] = [];
  for (let pos = 0; pos < L; pos++) {
    const bucket = idx.byKey.get(word.slice(0, pos) + WILDCARD + word.slice(pos + 1));
    if (!bucket) continue;
    for (const surface of bucket) {
      if (surface === word) continue;
      const list = gaz.surfaces.get(surface) ?? [];
      const codes = list.filter(s => s.kind === 'full' || s.kind === 'short').map(s => s.code);
      if (codes.length === 0) continue;
      const inSuffix = SUFFIX_CHARS.has(surface[pos]) && (pos === L - 1 || (pos === L - 2 && surface.endsWith('街道')));
      out.push({ surface, codes, pos, likeness: likeness(gaz, word[pos], surface[pos]), inSuffix });
    }
  }
  return out;
}
