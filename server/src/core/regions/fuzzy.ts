// Near misses: gazetteer names that differ from a word in one character, and how alike the two
// characters are (same reading, look-alike, or neither). A one-wildcard index keeps lookups cheap.
import type { Gazetteer } from './gazetteer';
import { SUFFIX_CHARS } from './chars';

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
  /** The two characters share a radical (郸 单+阝, 郫 卑+阝): too weak to accept a match, enough to rank it. */
  sameRadical: boolean;
}

interface FuzzyIndex {
  byKey: Map<string, string[]>;
  firstChars: Map<number, Set<string>>;
  lastChars: Map<number, Set<string>>;
  /** Length with the first two / last two / first and last characters of every indexed name. */
  heads: Set<number>;
  tails: Set<number>;
  ends: Set<number>;
  maxLen: number;
  /**
   * Per UTF-16 unit, bit L set when some indexed name of length L (< 32) has it first / second /
   * second to last / last: a test that rejects most windows before the exact pair sets are asked.
   */
  first: Uint32Array;
  second: Uint32Array;
  penult: Uint32Array;
  last: Uint32Array;
}

const WILDCARD = '\u0000';
/** A number standing for (length, two UTF-16 units). */
const edgeKey = (len: number, a: number, b: number): number => (len * 65536 + a) * 65536 + b;
const cache = new WeakMap<Gazetteer, FuzzyIndex>();

/** Surfaces a typo may aim at: official names, and short forms of three or more characters. */
function fuzzyIndex(gaz: Gazetteer): FuzzyIndex {
  let idx = cache.get(gaz);
  if (idx) return idx;
  idx = {
    byKey: new Map(), firstChars: new Map(), lastChars: new Map(), heads: new Set(), tails: new Set(), ends: new Set(), maxLen: 0,
    first: new Uint32Array(65536), second: new Uint32Array(65536), penult: new Uint32Array(65536), last: new Uint32Array(65536),
  };
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
    idx.heads.add(edgeKey(L, text.charCodeAt(0), text.charCodeAt(1)));
    idx.tails.add(edgeKey(L, text.charCodeAt(L - 2), text.charCodeAt(L - 1)));
    idx.ends.add(edgeKey(L, text.charCodeAt(0), text.charCodeAt(L - 1)));
    idx.maxLen = Math.max(idx.maxLen, L);
    if (L < 32) {
      const bit = 1 << L;
      idx.first[text.charCodeAt(0)] |= bit;
      idx.second[text.charCodeAt(1)] |= bit;
      idx.penult[text.charCodeAt(L - 2)] |= bit;
      idx.last[text.charCodeAt(L - 1)] |= bit;
    }
  }
  cache.set(gaz, idx);
  return idx;
}

export function maxFuzzyLength(gaz: Gazetteer): number {
  return fuzzyIndex(gaz).maxLen;
}

/** `listedOnly`: look-alikes from the hand table only (for suffixes, where 公 and 县 sharing 厶 is no typo). */
export function likeness(gaz: Gazetteer, a: string, b: string, listedOnly = false): Likeness {
  const ra = gaz.readings.get(a) ?? [];
  const rb = gaz.readings.get(b) ?? [];
  const sound = ra.some(r => rb.includes(r));
  const shape = (gaz.lookalikes.get(a)?.has(b) ?? false) || (!listedOnly && builtAlike(gaz, a, b) === 'part');
  return sound && shape ? 'sound+shape' : sound ? 'sound' : shape ? 'shape' : 'other';
}

/** Parts shared by more characters than this are radicals (氵, 扌, 阝): sharing one is a weak likeness. */
const RADICAL_USES = 100;
const partUses = new WeakMap<Gazetteer, Map<string, number>>();

function usesOf(gaz: Gazetteer): Map<string, number> {
  let uses = partUses.get(gaz);
  if (!uses) {
    uses = new Map();
    for (const [, p1, p2] of gaz.parts.values()) for (const p of [p1, p2]) uses.set(p, (uses.get(p) ?? 0) + 1);
    partUses.set(gaz, uses);
  }
  return uses;
}

/**
 * How two characters are built alike: 'part' when one holds the other (圳 川, 按 安) or both share
 * a part that is not a radical (技 枝 share 支); 'radical' when they share only a radical (郸 郫 share 阝).
 */
export function builtAlike(gaz: Gazetteer, a: string, b: string): 'part' | 'radical' | null {
  const pa = gaz.parts.get(a);
  const pb = gaz.parts.get(b);
  if ((pa && (pa[1] === b || pa[2] === b)) || (pb && (pb[1] === a || pb[2] === a))) return 'part';
  if (!pa || !pb || pa[0] !== pb[0]) return null;
  const shared = pa[1] === pb[1] && pa[2] !== pb[2] ? pa[1] : pa[2] === pb[2] && pa[1] !== pb[1] ? pa[2] : null;
  if (!shared) return null;
  return (usesOf(gaz).get(shared) ?? 0) > RADICAL_USES ? 'radical' : 'part';
}

/** Cheap test before slicing: a name one character away shares the first or the last character. */
export function mayBeNear(gaz: Gazetteer, text: string, start: number, end: number): boolean {
  const idx = fuzzyIndex(gaz);
  const L = end - start;
  if (L >= 2 && L < 32) {
    // Necessary conditions from the per-character masks (exact for the sets below).
    const bit = 1 << L;
    const f = idx.first[text.charCodeAt(start)] & bit;
    const z = idx.last[text.charCodeAt(end - 1)] & bit;
    if (L === 2) return f !== 0 || z !== 0;
    const head = f !== 0 && (idx.second[text.charCodeAt(start + 1)] & bit) !== 0;
    const tail = z !== 0 && (idx.penult[text.charCodeAt(end - 2)] & bit) !== 0;
    if (!head && !tail && !(f !== 0 && z !== 0)) return false;
  }
  if (L <= 2) return !!idx.firstChars.get(L)?.has(text[start]) || !!idx.lastChars.get(L)?.has(text[end - 1]);
  // One character differs: the first two, the last two, or the first and last characters agree.
  const first = text.charCodeAt(start);
  const last = text.charCodeAt(end - 1);
  return idx.heads.has(edgeKey(L, first, text.charCodeAt(start + 1)))
    || idx.tails.has(edgeKey(L, text.charCodeAt(end - 2), last))
    || idx.ends.has(edgeKey(L, first, last));
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
      out.push({
        surface, codes, pos, inSuffix,
        likeness: likeness(gaz, word[pos], surface[pos], inSuffix),
        sameRadical: builtAlike(gaz, word[pos], surface[pos]) === 'radical',
      });
    }
  }
  return out;
}
