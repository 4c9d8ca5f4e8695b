// Near misses: gazetteer names that differ from a word in one character, and how alike the two
// characters are (same reading, look-alike, or neither). A one-wildcard index keeps lookups cheap.
import { type Gazetteer, SURFACE_FULL, SURFACE_FULL_COUNTY, SURFACE_SHORT } from './gazetteer';
import { SUFFIX_CHARS } from './chars';
import { PairMasks } from './packed';

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

/**
 * Built once per gazetteer, from numbers only (~10× cheaper than one string key per wildcard
 * position): the indexed names in gazetteer order, their one-edit variants, and per-unit and
 * per-pair masks of their lengths for finding the windows of a text near a name. The tables of a
 * scan of names by their characters (ScanTables) are built only when asked for (tests, and names
 * of 32 units or more).
 */
interface FuzzyIndex {
  names: string[];
  /** The names' UTF-16 units one after the other (name i from nameAt[i]): read in the lookups' loops without touching each name's string. */
  nameUnits: Uint16Array;
  /** Name i's units are nameUnits[nameAt[i]] to nameUnits[nameAt[i + 1] - 1] (one entry more than names: the end). */
  nameAt: Int32Array;
  /** Per name, the kinds of its regions (NAME_*), from the surfaces' rows (no Surface object made). */
  nameKinds: Uint8Array;
  /** The index with the tables of the scan by characters, once built. */
  scanned?: Scanned;
  maxLen: number;
  /**
   * Per UTF-16 unit, bit L set when some indexed name of length L (< 32) has it first / second /
   * second to last / last: a test that rejects most windows before the pair codes are searched.
   */
  first: Uint32Array;
  second: Uint32Array;
  penult: Uint32Array;
  last: Uint32Array;
  /**
   * The same four masks interleaved, unit u at 4u (first), 4u + 1 (second), 4u + 2 (penult), 4u + 3
   * (last): nearSpans reads a unit's masks from one cache line instead of four tables of 256 KB
   * (read at random, between other work that evicts them, the tables cost most of its time).
   */
  masks: Uint32Array;
  /**
   * The first two UTF-16 units of every surface, cluster and historical name (what lengthsByPrefix
   * is keyed by), not only the indexed ones, as a bit set hashed by pairHash: a pair whose bit is
   * clear starts no name.
   */
  starts: Uint8Array;
  /** The same for (first two units, length, last unit) of every such name, hashed by nameHash. */
  whole: Uint8Array;
  /**
   * Exactly the lengths (bit L, L < 32) of the indexed names that start with / end with / start and
   * end with a pair of units: `heads`, `tails` and `ends` as one hash lookup per pair of a text.
   */
  headLens: PairMasks;
  tailLens: PairMasks;
  endLens: PairMasks;
  /** The one-edit variants of every indexed name (see OneEditVariants). */
  variants: OneEditVariants;
}

type Scanned = FuzzyIndex & ScanTables;

/** Names by their characters, for the plain scans the one-edit variants are tested against. */
interface ScanTables {
  /** (length, first / second UTF-16 unit) -> indexes into names, ascending. */
  byFirst: Map<number, number[]>;
  bySecond: Map<number, number[]>;
  /** (length, last UTF-16 unit) -> indexes into names, ascending. */
  byLast: Map<number, number[]>;
  /**
   * (length, two units) -> indexes into names, ascending: by the first two, the last two, the first
   * and last units. Filled on first use of a key from byFirst / byLast.
   */
  byHead: Map<number, number[]>;
  byTail: Map<number, number[]>;
  byEnds: Map<number, number[]>;
  /** Sorted codes of (length, two units): first two, last two, first and last of every name. */
  heads: Float64Array;
  tails: Float64Array;
  ends: Float64Array;
  /** The same codes as bit sets hashed by edgeHash: a clear bit spares the binary search (most windows). */
  headBits: Uint8Array;
  tailBits: Uint8Array;
  endBits: Uint8Array;
}

/** The polynomial hash's base (odd, so invertible modulo 2^32) and its inverse. */
const HASH_B = 0x01000193;
const HASH_B_INV = (() => {
  let x = HASH_B;
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(HASH_B, x));
  return x;
})();
/** HASH_B ** k modulo 2^32, for the positions of a name. */
const HASH_POW = (() => {
  const p = new Int32Array(32);
  p[0] = 1;
  for (let k = 1; k < 32; k++) p[k] = Math.imul(p[k - 1], HASH_B);
  return p;
})();
/** What a wildcard position counts as in the hash. */
const WILDCARD = 0x5f;
/** A 32-bit key of a wildcard hash (a name's or a word's hash with one unit replaced) and a length. */
const variantKey = (hash: number, L: number): number => {
  let h = hash ^ Math.imul(L, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};
/** The wildcard hash of `hash` (of a text of units c_0 c_1 ...) with unit `unit` at position p replaced. */
const wildcard = (hash: number, unit: number, p: number): number => (hash + Math.imul(WILDCARD - unit, HASH_POW[p])) | 0;

/**
 * The one-edit variants of the indexed names (under 32 units): for each name and each position,
 * the name's polynomial hash with that unit replaced by a wildcard, keyed with the length. A word
 * one character away from a name at position p has that name's variant at p among its own; a word
 * with none of its variants in the table is one character away from no name. Entries sit in an
 * open-addressing table (~130,000 in 512 K slots, linear probing), each slot holding its key and
 * its entry side by side: a lookup reads one cache line of the table, not a head, a key and a
 * chain in three arrays (read at random, between other work that evicts them).
 */
class OneEditVariants {
  private static readonly SLOT_BITS = 19;
  /**
   * The keys' top 20 bits as a bit set (128 KB, ~15% of it set), read before the table (4 MB,
   * read at random): most words have no variant, and most are told so from a cache line of this.
   */
  private readonly present = new Uint8Array(1 << 17);
  /** Slot s: the key at 2s, and at 2s + 1 the entry as name index * 32 + wildcard position + 1 (0: empty slot). */
  private readonly table = new Uint32Array(2 << OneEditVariants.SLOT_BITS);

  constructor(units: Uint16Array, nameAt: Int32Array, count: number) {
    const mask = (1 << OneEditVariants.SLOT_BITS) - 1;
    for (let i = 0; i < count; i++) {
      const at = nameAt[i];
      const L = (i + 1 < count ? nameAt[i + 1] : units.length) - at;
      if (L >= 32) continue;
      let h = 0;
      for (let k = 0; k < L; k++) h = (h + Math.imul(units[at + k], HASH_POW[k])) | 0;
      for (let k = 0; k < L; k++) {
        const key = variantKey(wildcard(h, units[at + k], k), L);
        this.present[key >>> 15] |= 1 << ((key >>> 12) & 7);
        let slot = key >>> (32 - OneEditVariants.SLOT_BITS);
        while (this.table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
        this.table[2 * slot] = key;
        this.table[2 * slot + 1] = i * 32 + k + 1;
      }
    }
  }

  /** The first entry (a slot) with this key (-1: none); `after(e, key)` the next one. */
  first(key: number): number {
    if ((this.present[key >>> 15] & (1 << ((key >>> 12) & 7))) === 0) return -1;
    return this.from(key >>> (32 - OneEditVariants.SLOT_BITS), key);
  }

  after(e: number, key: number): number {
    return this.from((e + 1) & ((1 << OneEditVariants.SLOT_BITS) - 1), key);
  }

  private from(slot: number, key: number): number {
    const table = this.table;
    const mask = (1 << OneEditVariants.SLOT_BITS) - 1;
    for (let s = slot; table[2 * s + 1] !== 0; s = (s + 1) & mask) if (table[2 * s] === key) return s;
    return -1;
  }

  /** The name (index) of entry e. */
  nameOf(e: number): number {
    return (this.table[2 * e + 1] - 1) >>> 5;
  }

  /** The wildcard position of entry e. */
  posOf(e: number): number {
    return (this.table[2 * e + 1] - 1) & 31;
  }
}

/**
 * The windows of one text, tested against the one-edit variants of the indexed names without
 * slicing them: prefix hashes of the text make each window's hash, and each of its wildcard hashes,
 * a few multiplications. `mayBeOneAway(start, end)` is false when no indexed name is one character
 * away from text[start, end) (true may be a hash coincidence).
 */
export class OneAwayText {
  private readonly prefix: Int32Array;
  private readonly unshift: Int32Array;

  /** `buffers`: two arrays of at least text.length + 1 entries to write into (no other user while this one is used). */
  constructor(private readonly text: string, private readonly idx: FuzzyIndex, buffers?: [Int32Array, Int32Array]) {
    const n = text.length;
    this.prefix = buffers ? buffers[0] : new Int32Array(n + 1);
    this.unshift = buffers ? buffers[1] : new Int32Array(n + 1);
    this.prefix[0] = 0;
    let pow = 1;
    let inv = 1;
    for (let k = 0; k < n; k++) {
      this.prefix[k + 1] = (this.prefix[k] + Math.imul(text.charCodeAt(k), pow)) | 0;
      this.unshift[k] = inv;
      pow = Math.imul(pow, HASH_B);
      inv = Math.imul(inv, HASH_B_INV);
    }
    this.unshift[n] = inv;
  }

  /**
   * `positions` (bit p for position p; all by default): only names differing from the window at
   * those positions are looked for (a caller that knows which positions may differ reads fewer
   * variants; see nearSpans).
   */
  mayBeOneAway(start: number, end: number, positions = -1): boolean {
    const L = end - start;
    if (L < 2 || L >= 32) return L >= 32;
    const h = Math.imul((this.prefix[end] - this.prefix[start]) | 0, this.unshift[start]);
    for (let p = 0; p < L; p++) {
      if ((positions & (1 << p)) === 0) continue;
      if (this.idx.variants.first(variantKey(wildcard(h, this.text.charCodeAt(start + p), p), L)) >= 0) return true;
    }
    return false;
  }
}

/**
 * Calls `fn(pos, surface)` for the indexed names one character away from text[start, start + L)
 * (of polynomial hash `h`; pos: where they differ) until it returns true; returns whether one did.
 * Each name the variants point to is checked unit by unit (a hash coincidence calls nothing).
 */
function someNearAt(idx: FuzzyIndex, text: string, start: number, L: number, h: number, fn: (pos: number, name: number) => boolean): boolean {
  const { variants: v, nameUnits: units, nameAt } = idx;
  for (let p = 0; p < L; p++) {
    const key = variantKey(wildcard(h, text.charCodeAt(start + p), p), L);
    for (let e = v.first(key); e >= 0; e = v.after(e, key)) {
      if (v.posOf(e) !== p) continue;
      const i = v.nameOf(e);
      // (the name's length from its units' bounds: its string is not read)
      const at = nameAt[i];
      if (nameAt[i + 1] - at !== L) continue;
      let k = 0;
      while (k < L && (k === p || text.charCodeAt(start + k) === units[at + k])) k++;
      if (k < L || text.charCodeAt(start + p) === units[at + p]) continue;
      if (fn(p, i)) return true;
    }
  }
  return false;
}

/** The one-edit test for the windows of `text` (see OneAwayText). */
export function oneAwayText(gaz: Gazetteer, text: string, buffers?: [Int32Array, Int32Array]): OneAwayText {
  return new OneAwayText(text, fuzzyIndex(gaz), buffers);
}

/**
 * Indexed names one character away from `word` (of 2 to 31 units) as [differing position, index],
 * from the one-edit variants: one lookup per position, each name checked unit by unit.
 */
function oneAwayByVariants(idx: FuzzyIndex, word: string): Array<[number, number]> {
  const L = word.length;
  const found: Array<[number, number]> = [];
  const v = idx.variants;
  let h = 0;
  for (let k = 0; k < L; k++) h = (h + Math.imul(word.charCodeAt(k), HASH_POW[k])) | 0;
  for (let p = 0; p < L; p++) {
    const key = variantKey(wildcard(h, word.charCodeAt(p), p), L);
    for (let e = v.first(key); e >= 0; e = v.after(e, key)) {
      const i = v.nameOf(e);
      if (v.posOf(e) === p && idx.nameAt[i + 1] - idx.nameAt[i] === L && oneDiff(word, idx, i) === p) found.push([p, i]);
    }
  }
  return found;
}

/**
 * A 20-bit hash of two UTF-16 units, for the `starts` bit set: 128 KB, about 5% of it set by ~50,000
 * pairs. scanKnown reads it at every character of a draft, at random: a set of 1 MB (0.6% false hits)
 * spent more on cache misses than the few hundred more table lookups per draft this one lets through.
 */
export const pairHash = (a: number, b: number): number => Math.imul(((a << 16) | b), 0x9e3779b1) >>> 12;
/** A 20-bit hash of a name's first two units, length and last unit, for the `whole` bit set (128 KB, likewise). */
export const nameHash = (a: number, b: number, length: number, z: number): number =>
  (Math.imul(a, 0x2c1b3c6d) ^ Math.imul(b, 0x297a2d39) ^ Math.imul(z, 0x165667b1) ^ Math.imul(length, 0x27d4eb2f)) >>> 12;

/** A number standing for (length, two UTF-16 units). */
const edgeKey = (len: number, a: number, b: number): number => (len * 65536 + a) * 65536 + b;
/** A 20-bit hash of (length, two UTF-16 units), for the edge bit sets (~50,000 codes each: ~5% false hits). */
const edgeHash = (len: number, a: number, b: number): number =>
  (Math.imul(a, 0x2c1b3c6d) ^ Math.imul(b, 0x297a2d39) ^ Math.imul(len, 0x27d4eb2f)) >>> 12;
const setBit = (bits: Uint8Array, h: number) => { bits[h >>> 3] |= 1 << (h & 7); };
const hasBit = (bits: Uint8Array, h: number) => (bits[h >>> 3] & (1 << (h & 7))) !== 0;
/** A small integer standing for (length, one UTF-16 unit). */
const charKey = (len: number, c: number): number => len * 65536 + c;
const cache = new WeakMap<Gazetteer, FuzzyIndex>();

function sortedUnique(values: number[]): Float64Array {
  const sorted = Float64Array.from(values).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i];
  return sorted.slice(0, n);
}

function has(sorted: Float64Array, key: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid];
    if (v === key) return true;
    if (v < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Surfaces a typo may aim at: official names, and short forms of three or more characters. */
function fuzzyIndex(gaz: Gazetteer): FuzzyIndex {
  // (built apart: the build's closures would make this function allocate their context on every call,
  // and it is called per line and per word)
  return cache.get(gaz) ?? buildFuzzyIndex(gaz);
}

function buildFuzzyIndex(gaz: Gazetteer): FuzzyIndex {
  const names: string[] = [];
  const units: number[] = [];
  const unitsAt: number[] = [];
  const first = new Uint32Array(65536);
  const second = new Uint32Array(65536);
  const penult = new Uint32Array(65536);
  const last = new Uint32Array(65536);
  let maxLen = 0;
  const starts = new Uint8Array(1 << 17);
  const whole = new Uint8Array(1 << 17);
  const headLens = new PairMasks(1 << 16);
  const tailLens = new PairMasks(1 << 15);
  const endLens = new PairMasks(1 << 16);
  const markStart = (text: string) => {
    if (text.length < 2) return;
    const h = pairHash(text.charCodeAt(0), text.charCodeAt(1));
    starts[h >>> 3] |= 1 << (h & 7);
    const w = nameHash(text.charCodeAt(0), text.charCodeAt(1), text.length, text.charCodeAt(text.length - 1));
    whole[w >>> 3] |= 1 << (w & 7);
  };
  for (const text of gaz.clusters.keys()) markStart(text);
  for (const text of gaz.historical.keys()) markStart(text);
  const kinds: number[] = [];
  gaz.forEachSurface((text, bits, mainLevels) => {
    markStart(text);
    // Two-character names only for counties written in full (珙县); short forms from three characters.
    const full = (bits & SURFACE_FULL) !== 0 && (text.length >= 3 || (bits & SURFACE_FULL_COUNTY) !== 0);
    const short = text.length >= 3 && (bits & SURFACE_SHORT) !== 0 && !gaz.ambiguousStems.has(text);
    if (!full && !short) return;
    const L = text.length;
    names.push(text);
    kinds.push(((bits & SURFACE_FULL) !== 0 ? NAME_FULL : 0) | (mainLevels !== 0 ? NAME_MAIN : 0)
      | ((mainLevels & 0b1110) !== 0 ? NAME_MAIN_UP_TO_COUNTY : 0));
    unitsAt.push(units.length);
    for (let k = 0; k < text.length; k++) units.push(text.charCodeAt(k));
    maxLen = Math.max(maxLen, L);
    if (L < 32) {
      const a = text.charCodeAt(0);
      const b = text.charCodeAt(1);
      const y = text.charCodeAt(L - 2);
      const z = text.charCodeAt(L - 1);
      const bit = 1 << L;
      first[a] |= bit;
      second[b] |= bit;
      penult[y] |= bit;
      last[z] |= bit;
      headLens.add(a, b, bit);
      tailLens.add(y, z, bit);
      endLens.add(a, z, bit);
    }
  });
  const nameUnits = Uint16Array.from(units);
  unitsAt.push(units.length);
  const nameAt = Int32Array.from(unitsAt);
  const masks = new Uint32Array(4 * 65536);
  for (let u = 0; u < 65536; u++) {
    masks[4 * u] = first[u];
    masks[4 * u + 1] = second[u];
    masks[4 * u + 2] = penult[u];
    masks[4 * u + 3] = last[u];
  }
  const idx: FuzzyIndex = {
    names, nameUnits, nameAt, nameKinds: Uint8Array.from(kinds), variants: new OneEditVariants(nameUnits, nameAt, names.length), maxLen,
    first, second, penult, last, masks, starts, whole, headLens, tailLens, endLens,
  };
  cache.set(gaz, idx);
  return idx;
}

/** The index with the tables of the scan by characters, built on first use. */
function scanIndex(gaz: Gazetteer): Scanned {
  const idx = fuzzyIndex(gaz);
  if (!idx.scanned) {
    const byFirst = new Map<number, number[]>();
    const bySecond = new Map<number, number[]>();
    const byLast = new Map<number, number[]>();
    const heads: number[] = [];
    const tails: number[] = [];
    const ends: number[] = [];
    const headBits = new Uint8Array(1 << 17);
    const tailBits = new Uint8Array(1 << 17);
    const endBits = new Uint8Array(1 << 17);
    for (let i = 0; i < idx.names.length; i++) {
      const at = idx.nameAt[i];
      const L = idx.names[i].length;
      const a = idx.nameUnits[at];
      const b = idx.nameUnits[at + 1];
      const y = idx.nameUnits[at + L - 2];
      const z = idx.nameUnits[at + L - 1];
      push(byFirst, charKey(L, a), i);
      push(bySecond, charKey(L, b), i);
      heads.push(edgeKey(L, a, b));
      tails.push(edgeKey(L, y, z));
      ends.push(edgeKey(L, a, z));
      setBit(headBits, edgeHash(L, a, b));
      setBit(tailBits, edgeHash(L, y, z));
      setBit(endBits, edgeHash(L, a, z));
      if (L >= 3) push(byLast, charKey(L, z), i);
    }
    idx.scanned = {
      ...idx, byFirst, bySecond, byLast, byHead: new Map(), byTail: new Map(), byEnds: new Map(),
      heads: sortedUnique(heads), tails: sortedUnique(tails), ends: sortedUnique(ends), headBits, tailBits, endBits,
    };
  }
  return idx.scanned;
}

export function maxFuzzyLength(gaz: Gazetteer): number {
  return fuzzyIndex(gaz).maxLen;
}

/** A bit set of the first two units of every gazetteer name (surface, cluster, historical), hashed by pairHash. */
export function nameStarts(gaz: Gazetteer): Uint8Array {
  return fuzzyIndex(gaz).starts;
}

/** A bit set of (first two units, length, last unit) of every gazetteer name, hashed by nameHash. */
export function nameShapes(gaz: Gazetteer): Uint8Array {
  return fuzzyIndex(gaz).whole;
}

/** The parts of the index mayBeNear reads, for a caller that tests many windows of one text in a loop (the plain scan). */
export type NearTables = Pick<Scanned, 'first' | 'second' | 'penult' | 'last' | 'heads' | 'tails' | 'ends' | 'headBits' | 'tailBits' | 'endBits' | 'maxLen'>;

export function nearTables(gaz: Gazetteer): NearTables {
  return scanIndex(gaz);
}

/** The masks of name lengths by unit and by pair of units that nearSpans reads. */
export type WindowTables = Pick<FuzzyIndex, 'masks' | 'maxLen' | 'headLens' | 'tailLens' | 'endLens'>;

export function windowTables(gaz: Gazetteer): WindowTables {
  return fuzzyIndex(gaz);
}

/**
 * mayBeNear for a window of length 3 to 31 whose masks the caller has read: `headMask` is
 * first[a] & second[b], `tailMask` last[z] & penult[y], `endsMask` first[a] & last[z] (a, b the
 * window's first two units, y, z its last two).
 */
export function mayBeNearMasked(t: NearTables, L: number, a: number, b: number, y: number, z: number, headMask: number, tailMask: number, endsMask: number): boolean {
  const bit = 1 << L;
  return ((headMask & bit) !== 0 && hasBit(t.headBits, edgeHash(L, a, b)) && has(t.heads, edgeKey(L, a, b)))
    || ((tailMask & bit) !== 0 && hasBit(t.tailBits, edgeHash(L, y, z)) && has(t.tails, edgeKey(L, y, z)))
    || ((endsMask & bit) !== 0 && hasBit(t.endBits, edgeHash(L, a, z)) && has(t.ends, edgeKey(L, a, z)));
}

/**
 * Likeness kept per pair of single UTF-16 units, in a direct-mapped cache of typed arrays (per
 * gazetteer and per `listedOnly`): a slot holds the last pair hashed to it.
 */
const LIKENESS_SLOT_BITS = 17;
const LIKENESS_CODES: readonly Likeness[] = ['sound', 'shape', 'sound+shape', 'other'];
interface LikenessCache { keys: Uint32Array; values: Uint8Array }
const likenessCaches = new WeakMap<Gazetteer, [LikenessCache, LikenessCache]>();
const newLikenessCache = (): LikenessCache => ({ keys: new Uint32Array(1 << LIKENESS_SLOT_BITS), values: new Uint8Array(1 << LIKENESS_SLOT_BITS) });

/**
 * `listedOnly`: look-alikes from the hand table only (for suffixes, where 公 and 县 sharing 厶 is no typo).
 * A pure function of the gazetteer and the two characters: kept per pair of single UTF-16 units.
 */
export function likeness(gaz: Gazetteer, a: string, b: string, listedOnly = false): Likeness {
  if (a.length !== 1 || b.length !== 1) return computeLikeness(gaz, a, b, listedOnly);
  const cache = likenessCache(gaz, listedOnly);
  const key = ((a.charCodeAt(0) << 16) | b.charCodeAt(0)) >>> 0;
  const slot = Math.imul(key, 0x9e3779b1) >>> (32 - LIKENESS_SLOT_BITS);
  if (cache.values[slot] !== 0 && cache.keys[slot] === key) return LIKENESS_CODES[cache.values[slot] - 1];
  const got = computeLikeness(gaz, a, b, listedOnly);
  cache.keys[slot] = key;
  cache.values[slot] = LIKENESS_CODES.indexOf(got) + 1;
  return got;
}

function likenessCache(gaz: Gazetteer, listedOnly: boolean): LikenessCache {
  let caches = likenessCaches.get(gaz);
  if (!caches) likenessCaches.set(gaz, (caches = [newLikenessCache(), newLikenessCache()]));
  return caches[listedOnly ? 1 : 0];
}

function computeLikeness(gaz: Gazetteer, a: string, b: string, listedOnly: boolean): Likeness {
  const ra = gaz.readings.get(a) ?? [];
  const rb = gaz.readings.get(b) ?? [];
  let sound = false;
  for (let i = 0; i < ra.length && !sound; i++) sound = rb.includes(ra[i]);
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
  const idx = scanIndex(gaz);
  const L = end - start;
  if (L < 2) return false;
  const a = text.charCodeAt(start);
  const z = text.charCodeAt(end - 1);
  if (L >= 32) {
    // No masks this long (no such name either): the exact pair codes alone.
    return has(idx.heads, edgeKey(L, a, text.charCodeAt(start + 1))) || has(idx.tails, edgeKey(L, text.charCodeAt(end - 2), z))
      || has(idx.ends, edgeKey(L, a, z));
  }
  const bit = 1 << L;
  const f = (idx.first[a] & bit) !== 0;
  const l = (idx.last[z] & bit) !== 0;
  // Two characters: one of them agrees (the masks are exact for single characters).
  if (L === 2) return f || l;
  // One character differs: the first two, the last two, or the first and last characters agree.
  const b = text.charCodeAt(start + 1);
  const y = text.charCodeAt(end - 2);
  return (f && (idx.second[b] & bit) !== 0 && has(idx.heads, edgeKey(L, a, b)))
    || (l && (idx.penult[y] & bit) !== 0 && has(idx.tails, edgeKey(L, y, z)))
    || (f && l && has(idx.ends, edgeKey(L, a, z)));
}

/** The one position where `word` and indexed name i (of the same length) differ; -1 when none or more than one. */
function oneDiff(word: string, idx: FuzzyIndex, i: number): number {
  const units = idx.nameUnits;
  const at = idx.nameAt[i];
  let pos = -1;
  for (let k = 0; k < word.length; k++) {
    if (word.charCodeAt(k) === units[at + k]) continue;
    if (pos >= 0) return -1;
    pos = k;
  }
  return pos;
}

/** Words whose near misses are kept (per gazetteer); past that the memo starts again. */
const MAX_MEMO = 100_000;
const NONE: readonly NearMiss[] = Object.freeze([]);
const memos = new WeakMap<Gazetteer, Map<string, readonly NearMiss[]>>();

/**
 * Gazetteer surfaces one character away from `word` (same length), by differing position, then
 * gazetteer order. A pure function of the gazetteer and the word, so it is kept per word: the same
 * windows recur across lines, drafts and every edit of a line. The result is shared: read it only.
 */
export function nearMisses(gaz: Gazetteer, word: string): readonly NearMiss[] {
  let memo = memos.get(gaz);
  if (!memo) memos.set(gaz, (memo = new Map()));
  let got = memo.get(word);
  if (got === undefined) {
    if (memo.size >= MAX_MEMO) memo.clear();
    const found = findNearMisses(gaz, word);
    memo.set(word, (got = found.length ? found : NONE));
  }
  return got;
}

/**
 * nearMisses(gaz, word).length > 0, without making the near misses (or keeping them): a name one
 * character away whose regions include an official name or a short form.
 */
export function hasNearMiss(gaz: Gazetteer, word: string): boolean {
  const got = memos.get(gaz)?.get(word);
  if (got !== undefined) return got.length > 0;
  return someOneAway(gaz, word, (_, surface) => (gaz.surfaces.get(surface) ?? []).some(s => s.kind === 'full' || s.kind === 'short'));
}

/**
 * Indexed names one character away from `word` as [differing position, index]: a name differing at
 * position 0 shares the second character; one differing elsewhere, the first.
 */
function oneAwayByChars(idx: Scanned, word: string): Array<[number, number]> {
  const L = word.length;
  const found: Array<[number, number]> = [];
  for (const i of idx.bySecond.get(charKey(L, word.charCodeAt(1))) ?? []) {
    if (oneDiff(word, idx, i) === 0) found.push([0, i]);
  }
  for (const i of idx.byFirst.get(charKey(L, word.charCodeAt(0))) ?? []) {
    const pos = oneDiff(word, idx, i);
    if (pos > 0) found.push([pos, i]);
  }
  return found;
}

/**
 * The same for three characters or more, from shorter lists: a name differing at position 2 or
 * later shares the first two characters; at position 0 or 1 with the last two still after it
 * (position ≤ L - 3), the last two; the one left (position 1 of a three-character name), the first
 * and the last. Each name is taken from the one list its differing position belongs to.
 */
function oneAwayByPairs(idx: Scanned, word: string): Array<[number, number]> {
  const L = word.length;
  const a = word.charCodeAt(0);
  const b = word.charCodeAt(1);
  const y = word.charCodeAt(L - 2);
  const z = word.charCodeAt(L - 1);
  const found: Array<[number, number]> = [];
  for (const i of pairList(idx, idx.byHead, edgeKey(L, a, b), idx.byFirst, charKey(L, a), 1, b)) {
    const pos = oneDiff(word, idx, i);
    if (pos >= 2) found.push([pos, i]);
  }
  for (const i of pairList(idx, idx.byTail, edgeKey(L, y, z), idx.byLast, charKey(L, z), L - 2, y)) {
    const pos = oneDiff(word, idx, i);
    if (pos >= 0 && pos < 2 && pos <= L - 3) found.push([pos, i]);
  }
  if (L === 3) {
    for (const i of pairList(idx, idx.byEnds, edgeKey(L, a, z), idx.byFirst, charKey(L, a), L - 1, z)) {
      if (oneDiff(word, idx, i) === 1) found.push([1, i]);
    }
  }
  return found;
}

const NO_NAMES: number[] = [];

/**
 * Calls `fn(pos, surface)` for the indexed names one character away from `word` (the names
 * nearMisses' list is made of, in no set order) until it returns true; returns whether one did.
 * Makes no near miss: for a test that usually needs to read only a few characters of each name.
 */
export function someOneAway(gaz: Gazetteer, word: string, fn: (pos: number, surface: string) => boolean): boolean {
  const names = fuzzyIndex(gaz).names;
  return someOneAwayIndexed(gaz, word, (pos, i) => fn(pos, names[i]));
}

/**
 * someOneAway with the names as indexes into indexedNames(gaz) (their strings are not read): for a
 * test that reads a unit or two of each name and its kinds.
 */
export function someOneAwayIndexed(gaz: Gazetteer, word: string, fn: (pos: number, name: number) => boolean): boolean {
  const L = word.length;
  if (L < 2) return false;
  if (L < 32) {
    let h = 0;
    for (let k = 0; k < L; k++) h = (h + Math.imul(word.charCodeAt(k), HASH_POW[k])) | 0;
    return someNearAt(fuzzyIndex(gaz), word, 0, L, h, fn);
  }
  for (const [pos, i] of oneAwayByPairs(scanIndex(gaz), word)) if (fn(pos, i)) return true;
  return false;
}

/** Kinds of an indexed name's regions: some region has it as its full name. */
export const NAME_FULL = 1;
/** Some region has it as its full name or a short form. */
export const NAME_MAIN = 2;
/** Some region of level 1 to 3 has it as its full name or a short form. */
export const NAME_MAIN_UP_TO_COUNTY = 4;

/** The indexed names as someOneAwayIndexed gives them: their units, and the kinds of their regions. */
export interface IndexedNames {
  /** Name i's units are units[at[i]] to units[at[i + 1] - 1]. */
  readonly units: Uint16Array;
  readonly at: Int32Array;
  /** NAME_FULL | NAME_MAIN | NAME_MAIN_UP_TO_COUNTY of name i. */
  readonly kinds: Uint8Array;
}

const indexedNamesOf = new WeakMap<Gazetteer, IndexedNames>();

export function indexedNames(gaz: Gazetteer): IndexedNames {
  let got = indexedNamesOf.get(gaz);
  if (!got) {
    const idx = fuzzyIndex(gaz);
    got = { units: idx.nameUnits, at: idx.nameAt, kinds: idx.nameKinds };
    indexedNamesOf.set(gaz, got);
  }
  return got;
}

/**
 * likeness of two single UTF-16 units, from the same cache (no string is made unless the pair is
 * not cached).
 */
export function unitLikeness(gaz: Gazetteer, a: number, b: number, listedOnly = false): Likeness {
  const cache = likenessCache(gaz, listedOnly);
  const key = ((a << 16) | b) >>> 0;
  const slot = Math.imul(key, 0x9e3779b1) >>> (32 - LIKENESS_SLOT_BITS);
  if (cache.values[slot] !== 0 && cache.keys[slot] === key) return LIKENESS_CODES[cache.values[slot] - 1];
  return likeness(gaz, String.fromCharCode(a), String.fromCharCode(b), listedOnly);
}

/** The names of `from`'s list whose unit at `at` is `unit`, kept in `memo` under `key`. */
function pairList(idx: Scanned, memo: Map<number, number[]>, key: number, from: Map<number, number[]>, fromKey: number, at: number, unit: number): number[] {
  let list = memo.get(key);
  if (!list) {
    list = NO_NAMES;
    for (const i of from.get(fromKey) ?? NO_NAMES) {
      if (idx.nameUnits[idx.nameAt[i] + at] !== unit) continue;
      if (list === NO_NAMES) list = [];
      list.push(i);
    }
    if (memo.size >= MAX_PAIR_LISTS) memo.clear();
    memo.set(key, list);
  }
  return list;
}

/** Pair lists kept per kind; past that they are filtered again on use. */
const MAX_PAIR_LISTS = 200_000;

/** nearMisses' lookup by scanning the names that share the first or the second character (what the other lookups are tested against). */
export function nearMissesByChars(gaz: Gazetteer, word: string): NearMiss[] {
  return findNearMisses(gaz, word, 'chars');
}

/** nearMisses' lookup from the names that share two characters with the word (pair lists), for tests. */
export function nearMissesByPairs(gaz: Gazetteer, word: string): NearMiss[] {
  return findNearMisses(gaz, word, 'pairs');
}

/** nearMisses without the memo (from the one-edit variants), for tests. */
export function nearMissesByVariants(gaz: Gazetteer, word: string): NearMiss[] {
  return findNearMisses(gaz, word);
}

function findNearMisses(gaz: Gazetteer, word: string, byChars?: 'chars' | 'pairs'): NearMiss[] {
  const idx = fuzzyIndex(gaz);
  const L = word.length;
  if (L < 2) return [];
  if (L < 32) {
    const bit = 1 << L;
    if (!(idx.first[word.charCodeAt(0)] & bit) && !(idx.last[word.charCodeAt(L - 1)] & bit)) return [];
  }
  const found = byChars === 'chars' ? oneAwayByChars(scanIndex(gaz), word)
    : byChars === 'pairs' || L >= 32 ? (L >= 3 ? oneAwayByPairs(scanIndex(gaz), word) : oneAwayByChars(scanIndex(gaz), word))
      : oneAwayByVariants(idx, word);
  found.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: NearMiss[] = [];
  for (const [pos, i] of found) {
    const surface = idx.names[i];
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
  return out;
}
