// Restatements, the way a reviewer finds them: a clause of the draft that says what a clause of the
// corpus (or an earlier clause of the draft) says — most of its words shared, after synonyms — with
// its figures aligned by position and unit. A differing value in an aligned pair is a conflict when
// the two claims' compared slots (subject, period, kind, base) are resolved and agree.
import { KeyIds } from './key-ids';
import { clauseEnd, clauseStart, sentenceStart } from './segments';
import { canonicalWords, comparable, type Claim } from './claims';
import { valuesAgree } from './match';
import { isDigitSlip, isMagnitudeSlip } from './check-draft';
import type { Figure } from './types';

/** A clause holding figures: its words (numbers out, canonical spelling) and its claims in order. */
export interface Segment {
  /** Which document (a corpus id, or '' for the draft). */
  doc: string;
  start: number;
  sentence: number;
  words: string;
  /** The distinct character bigrams of `words` as codes (first unit << 16 | second unit), in order of first occurrence (bigramKeys). */
  keys: Int32Array;
  /** The distinct characters (code points) of `words`, ascending (charCodesOf). */
  chars: Int32Array;
  claims: Claim[];
  /** The body the clause names before its first figure (全县, 高新区, 城区), if any (always set: one object shape). */
  said: string | undefined;
}

const SUBJECT_WORD = /全[国省市县区州旗]|[\u4e00-\u9fff]{0,4}(?:高新区|开发区|经开区|新区|园区|城区|农村|乡镇)/;

/** Below this many characters a clause says too little to be recognised as a restatement. */
const MIN_WORDS = 5;
/** Dice over character bigrams of the two clauses' words. */
const SAME_CLAUSE = 0.6;
/** Dice over the characters themselves (word order differs: 新增城镇就业 / 城镇新增就业). */
const SAME_CHARS = 0.8;
/** A shorter clause of this many bigrams or more, this share of them in the longer one. */
const MIN_GRAMS = 6;
/** Clauses this similar restate each other nearly word for word. */
const CLOSE = 0.8;
const CONTAINED = 0.85;

/**
 * The distinct bigrams of `s` (two UTF-16 units each, as `s.slice(i, i + 2)` cuts them) as codes
 * `first << 16 | second`, in order of first occurrence: the members of a Set of those slices, in its order.
 */
export function bigramKeys(s: string): Int32Array {
  const n = s.length - 1;
  if (n <= 0) return EMPTY_KEYS;
  const out = new Int32Array(n);
  let m = 0;
  if (n <= 64) {
    // (a clause's words are short: a scan of the keys so far beats a set)
    for (let i = 0; i < n; i++) {
      const k = (s.charCodeAt(i) << 16) | s.charCodeAt(i + 1);
      let j = 0;
      while (j < m && out[j] !== k) j++;
      if (j === m) out[m++] = k;
    }
  } else {
    const seen = new Set<number>();
    for (let i = 0; i < n; i++) {
      const k = (s.charCodeAt(i) << 16) | s.charCodeAt(i + 1);
      if (!seen.has(k)) {
        seen.add(k);
        out[m++] = k;
      }
    }
  }
  return m === n ? out : out.slice(0, m);
}
const EMPTY_KEYS = new Int32Array(0);

/** The bigram a key stands for (bigramKeys). */
export function keyGram(k: number): string {
  return String.fromCharCode(k >>> 16, k & 0xffff);
}

/** The distinct code points of `s` (the members of `new Set(s)`), ascending. */
export function charCodesOf(s: string): Int32Array {
  const all = new Int32Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    if (c > 0xffff) i++;
    all[n++] = c;
  }
  const sorted = all.subarray(0, n).sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (m === 0 || sorted[i] !== sorted[m - 1]) sorted[m++] = sorted[i];
  return all.slice(0, m);
}

/** diceSets of two charCodesOf arrays: the same value, by one merge of the two ascending lists. */
export function diceCodes(a: Int32Array, b: Int32Array): number {
  const na = a.length, nb = b.length;
  if (na === 0 || nb === 0) return 0;
  let common = 0;
  for (let i = 0, j = 0; i < na && j < nb;) {
    const x = a[i], y = b[j];
    if (x === y) { common++; i++; j++; } else if (x < y) i++; else j++;
  }
  return (2 * common) / (na + nb);
}

export function diceSets<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) common++;
  return (2 * common) / (a.size + b.size);
}

/** How surely two clauses say the same thing, 0..1. */
export function clauseSimilarity(a: Segment, b: Segment): number {
  let common = 0;
  const large = new Set(b.keys);
  for (let i = 0; i < a.keys.length; i++) if (large.has(a.keys[i])) common++;
  return similarityBySize(a, b, a.keys.length, b.keys.length, common);
}

/** clauseSimilarity, given the two clauses' numbers of bigrams and how many they share (b's own words are read only when they decide). */
function similarityBySize(a: Segment, b: Segment, aSize: number, bSize: number, common: number): number {
  if (aSize === 0 || bSize === 0) return 0;
  const g = (2 * common) / (aSize + bSize);
  if (g >= SAME_CLAUSE) return g;
  // a shortened restatement: nearly all of the shorter clause's words in the longer one
  const small = Math.min(aSize, bSize);
  if (small >= MIN_GRAMS && common / small >= CONTAINED) return SAME_CLAUSE;
  // (below this the character test cannot lift the answer)
  if (g < 0.4) return g;
  // the same words in another order: every character shared, most bigrams too
  const c = diceCodes(a.chars, b.chars);
  return c >= SAME_CHARS && g >= 0.4 ? Math.min(c, SAME_CLAUSE) : g;
}

/**
 * An upper bound of similarityBySize for clauses of `a` and `b` bigrams sharing at most `common`: it grows
 * with the bigrams shared, and below SAME_CLAUSE it is the Dice coefficient or SAME_CLAUSE itself.
 */
function similarityAtMost(a: number, b: number, common: number): number {
  if (a === 0 || b === 0) return 0;
  const g = (2 * common) / (a + b);
  if (g >= SAME_CLAUSE) return g;
  const small = Math.min(a, b);
  if ((small >= MIN_GRAMS && common / small >= CONTAINED) || g >= 0.4) return SAME_CLAUSE;
  return g;
}

/**
 * The clauses of a text that hold figures, one per clause. A clause of few words (同比增长5.5%) is read
 * with the clause before it in its sentence (全年地区生产总值完成176.6亿元，同比增长5.5%).
 */
export function segmentsOf(text: string, claims: Claim[], doc: string): Segment[] {
  const byClause = new Map<number, Claim[]>();
  for (const c of claims) {
    const f = c.figure;
    const start = clauseStart(text, f.start);
    (byClause.get(start) ?? byClause.set(start, []).get(start)!).push(c);
  }
  const out: Segment[] = [];
  for (const [start, list] of byClause) {
    const end = clauseEnd(text, list[list.length - 1].figure.end);
    const sStart = sentenceStart(text, start);
    let words = canonicalWords(text.slice(start, end));
    if (words.length < 8 && start > sStart) words = canonicalWords(text.slice(clauseStart(text, start - 1), start)) + words;
    if (words.length < MIN_WORDS) continue;
    const said = SUBJECT_WORD.exec(text.slice(start, list[0].figure.start));
    out.push({ doc, start, sentence: sStart, words, keys: bigramKeys(words), chars: charCodesOf(words), claims: list, said: said ? said[0] : undefined });
  }
  return out;
}

/** Figures of one clause aligned with another's: the i-th of a unit with the i-th of that unit. */
export function alignFigures(a: Segment, b: Segment): Array<[Claim, Claim]> {
  const n = alignInto(a, b);
  const out: Array<[Claim, Claim]> = [];
  for (let i = 0; i < n; i++) out.push([aligned.x[i], aligned.y[i]]);
  return out;
}

/**
 * alignFigures into `aligned` (pair i: aligned.x[i], aligned.y[i]; the count returned), in the same order:
 * units in the order a's claims first name them. (Checks align every clause with each of its neighbours:
 * no set, no filtered lists, no pair arrays; the next call overwrites the pairs.)
 */
export function alignInto(a: Segment, b: Segment): number {
  // 全县…300亿元 / 高新区…100亿元: clauses that name different bodies say different things
  if (a.said && b.said && a.said !== b.said) return 0;
  const xs = a.claims, ys = b.claims;
  let n = 0;
  for (let i = 0; i < xs.length; i++) {
    const u = xs[i].unit;
    let seen = false;
    for (let j = 0; j < i && !seen; j++) seen = xs[j].unit === u;
    if (seen) continue;
    let nx = 0, ny = 0;
    for (let j = i; j < xs.length; j++) if (xs[j].unit === u) nx++;
    for (let j = 0; j < ys.length; j++) if (ys[j].unit === u) ny++;
    if (nx !== ny) continue;
    for (let j = i, k = 0; j < xs.length; j++) {
      if (xs[j].unit !== u) continue;
      while (ys[k].unit !== u) k++;
      aligned.x[n] = xs[j];
      aligned.y[n++] = ys[k++];
    }
  }
  return n;
}

/**
 * The pairs alignInto made last: scratch shared by every caller (read them before the next alignInto;
 * nothing that runs between may align again).
 */
export const aligned: { x: Claim[]; y: Claim[] } = { x: [], y: [] };

/** Same digits in another order (2665 / 2566, 4352.94 / 4325.94), or one changed, or ×10. */
export function isSlip(a: Figure, b: Figure): boolean {
  if (isDigitSlip(a, b) || isMagnitudeSlip(a, b)) return true;
  const d = (f: Figure) => f.text.slice(f.numStart - f.start, f.numEnd - f.start).replace(/[^0-9.]/g, '');
  const x = d(a), y = d(b);
  return x.length >= 3 && x.length === y.length && x !== y && [...x].sort().join('') === [...y].sort().join('')
    && x.replace(/[^.]/g, '') === y.replace(/[^.]/g, '');
}

/** The same significant digits in another order: 591 / 519, 12 / 21, 14.2 / 12.4 (not 20 / 24). */
export function isReordered(a: Figure, b: Figure): boolean {
  const sig = (f: Figure) => f.text.slice(f.numStart - f.start, f.numEnd - f.start).replace(/[^0-9]/g, '').replace(/^0+/, '').replace(/0+$/, '');
  const x = sig(a), y = sig(b);
  if (x.length < 2 || x.length !== y.length || x === y) return isMagnitudeSlip(a, b) && x.length >= 2;
  if ([...x].sort().join('') === [...y].sort().join('')) return true;
  // one digit changed in four significant digits or more (7164 / 7264)
  let diff = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) diff++;
  return x.length >= 4 && diff === 1;
}

/** A slip unlikely by chance: three significant digits or more, or two swapped (12 / 21). */
function strongSlip(a: Figure, b: Figure): boolean {
  const sig = (f: Figure) => f.text.slice(f.numStart - f.start, f.numEnd - f.start).replace(/[^0-9]/g, '').replace(/^0+/, '');
  const x = sig(a), y = sig(b);
  if (x.length >= 3 && y.length >= 3) return true;
  return x.length === 2 && y.length === 2 && x[0] === y[1] && x[1] === y[0];
}

// verbs a clause opens with that say nothing of what is counted (完成供地 / …临时用地等供地)
const OPENING_VERBS = /^(?:全年|累计|共|完成|实现)+(?=[\u4e00-\u9fff]{2})/;

/**
 * The words right before two aligned figures name the same indicator, when both name one: equal, one
 * ending the other (三字以上), or the same characters reordered with the same head (新增城镇就业 /
 * 城镇新增就业). 财政支出 / 财政收入, 城镇居民 / 农村居民 differ.
 */
export function sameIndicator(a: Claim, b: Claim): boolean {
  const x = withoutOpeningVerbs(a.indicator.value ?? ''), y = withoutOpeningVerbs(b.indicator.value ?? '');
  if (x.length < 2 || y.length < 2) return true;
  if (x === y) return true;
  const short = x.length <= y.length ? x : y, long = x.length <= y.length ? y : x;
  if (short.length >= 3 && long.endsWith(short)) return true;
  if (x.charCodeAt(x.length - 1) !== y.charCodeAt(y.length - 1) || x.charCodeAt(x.length - 2) !== y.charCodeAt(y.length - 2)) return false;
  // (words of the Basic Multilingual Plane, as indicators are, compared by char code with no set made;
  // the sets of code points otherwise)
  if (!basicPlane(x) || !basicPlane(y)) {
    const longSet = new Set(long);
    return diceSets(new Set(x), new Set(y)) >= 0.8 || [...short].every(ch => longSet.has(ch));
  }
  return charDice(x, y) >= 0.8 || charsWithin(short, long);
}

// the characters OPENING_VERBS may begin with: 全年, 累计, 共, 完成, 实现
const OPENING = new Set(['全', '累', '共', '完', '实'].map(ch => ch.charCodeAt(0)));

/** `s` without the opening verbs (OPENING_VERBS), the regex tried only when one may begin it. */
function withoutOpeningVerbs(s: string): string {
  return s.length > 0 && OPENING.has(s.charCodeAt(0)) ? s.replace(OPENING_VERBS, '') : s;
}

/** No surrogate in `s`: each of its code units is a character. */
function basicPlane(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return false;
  }
  return true;
}

/** Whether code unit `c` stands in `s` before `to`. */
function holdsCode(s: string, c: number, to: number): boolean {
  for (let i = 0; i < to; i++) if (s.charCodeAt(i) === c) return true;
  return false;
}

/** The number of distinct characters of `s` (no surrogates: basicPlane). */
function distinctChars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (!holdsCode(s, s.charCodeAt(i), i)) n++;
  return n;
}

/** diceSets(new Set(x), new Set(y)) of two words of the Basic Multilingual Plane, by char code. */
function charDice(x: string, y: string): number {
  let common = 0;
  for (let i = 0; i < x.length; i++) {
    const c = x.charCodeAt(i);
    if (!holdsCode(x, c, i) && holdsCode(y, c, y.length)) common++;
  }
  return (2 * common) / (distinctChars(x) + distinctChars(y));
}

/** Every character of `short` in `long` (no surrogates). */
function charsWithin(short: string, long: string): boolean {
  for (let i = 0; i < short.length; i++) if (!holdsCode(long, short.charCodeAt(i), long.length)) return false;
  return true;
}

export type Verdict = 'agree' | 'conflict' | 'incomparable';

/**
 * Two aligned claims: comparable at all (claims.ts comparable), then agreeing or in conflict. `support`:
 * another aligned pair of the same clauses agrees (the clauses then surely speak of one period).
 * `needSlip`: only a slip of the pen counts as a conflict.
 */
export function judgePair(d: Claim, c: Claim, support: boolean, needSlip: boolean, sim = 0): Verdict {
  const open = pairOpen(d, c);
  return open === 'open' ? judgeOpen(d, c, support, needSlip, sim) : open;
}

/**
 * What judgePair says of two aligned claims whatever the support, the slip asked for and the similarity:
 * incomparable, agreeing, or 'open' (judgeOpen decides). Callers that judge one pair several ways read this once.
 */
export function pairOpen(d: Claim, c: Claim): Verdict | 'open' {
  const f = d.figure, g = c.figure;
  if (f.unitText !== g.unitText && !(f.unit === g.unit && f.kind === g.kind)) return 'incomparable';
  if (!!f.baseline !== !!g.baseline || !!f.part !== !!g.part) return 'incomparable';
  if (!comparable(d, c).ok || !sameIndicator(d, c)) return 'incomparable';
  // clauses alike in words are often items of one list (纸…增加20万吨；糖…增加10万吨), or changes of things
  // named outside the clause (…的比重，由…上升到…): the indicator each figure names must be resolved
  if (!d.indicator.value || !c.indicator.value) return 'incomparable';
  if (valuesAgree(f, g)) return 'agree';
  if (d.kind === 'target' || d.kind === 'rank') return 'incomparable';
  return 'open';
}

/** judgePair of a pair pairOpen left open: a conflict, or incomparable. */
export function judgeOpen(d: Claim, c: Claim, support: boolean, needSlip: boolean, sim = 0): Verdict {
  const f = d.figure, g = c.figure;
  const pd = d.period.value, pc = c.period.value;
  const spans = pd?.startsWith('span|') || pc?.startsWith('span|');
  if ((!pd || !pc || spans) && !support) return 'incomparable';
  // a slip of one digit in two is likely by chance, unless a neighbour agrees or the clause is nearly the same
  // and both periods are resolved to the same year
  const slip = isSlip(f, g) && (support || strongSlip(f, g) || (sim >= CLOSE && !!pd && !!pc));
  if (needSlip && !slip) return 'incomparable';
  // a value that is no slip is another figure unless both periods are the text's own, or a neighbour agrees
  if (!slip && !(d.period.from === 'stated' && c.period.from === 'stated') && !support) return 'incomparable';
  if (!slip && (f.bound || g.bound || f.high !== undefined || g.high !== undefined)) return 'incomparable';
  return 'conflict';
}

/**
 * Postings of character bigrams to segments, for finding a clause's restatements quickly: every
 * bigram's segments in one Int32Array (ascending within a bigram, bigram after bigram), a bigram's
 * range found through an open-addressing table of bigram keys. Built in two passes over the segments'
 * keys (count, then place), with no object per bigram or posting.
 */
export class SegmentIndex {
  /** Bigram key -> bigram id. */
  private readonly bigramIds: KeyIds;
  /** Bigram id -> its postings, `postings[starts[id] .. starts[id + 1])`. */
  private starts: Int32Array;
  private postings: Int32Array;
  /** Per bigram id: 1 when it is too common to look up (`common`, or more than COMMON_POSTINGS segments). */
  private skip: Uint8Array;
  /** Each segment's number of bigrams. */
  private sizes: Int32Array;
  /** `common`: bigrams to skip as too common, as a whole corpus's would be (a partial index from a shared store). */
  constructor(readonly segments: Segment[], common?: ReadonlySet<string>) {
    const n = segments.length;
    let total = 0;
    const sizes = new Int32Array(n);
    for (let i = 0; i < n; i++) total += sizes[i] = segments[i].keys.length;
    this.sizes = sizes;
    // (a corpus's clauses have about six postings a distinct bigram)
    const bigramIds = (this.bigramIds = new KeyIds(total / 6));
    // pass 1: each posting's bigram id, and each bigram's count
    const ids = new Int32Array(total);
    let counts = new Int32Array(Math.max(16, Math.ceil(total / 6)));
    for (let i = 0, at = 0; i < n; i++) {
      const keys = segments[i].keys;
      for (let k = 0; k < keys.length; k++) {
        const id = bigramIds.add(keys[k]);
        if (id === counts.length) {
          const grown = new Int32Array(counts.length * 2);
          grown.set(counts);
          counts = grown;
        }
        ids[at++] = id;
        counts[id]++;
      }
    }
    const distinct = bigramIds.size;
    // pass 2: ranges, then each segment placed in its bigrams' ranges (in segment order: ascending)
    const starts = new Int32Array(distinct + 1);
    for (let id = 0; id < distinct; id++) starts[id + 1] = starts[id] + counts[id];
    const fill = starts.slice(0, distinct);
    const postings = new Int32Array(total);
    for (let i = 0, at = 0; i < n; i++) {
      const m = sizes[i];
      for (let k = 0; k < m; k++) postings[fill[ids[at++]]++] = i;
    }
    this.starts = starts;
    this.postings = postings;
    const skip = new Uint8Array(distinct);
    for (let id = 0; id < distinct; id++) if (counts[id] > COMMON_POSTINGS) skip[id] = 1;
    if (common) {
      for (const g of common) {
        if (g.length !== 2) continue;
        const id = this.idOf((g.charCodeAt(0) << 16) | g.charCodeAt(1));
        if (id >= 0) skip[id] = 1;
      }
    }
    this.skip = skip;
  }

  /**
   * The index of the parts' segments one after the other: answers as the index built over all the
   * segments (it is one). Parts may carry postings of their own; they are not read.
   */
  static fromParts(parts: ReadonlyArray<{ segments: readonly Segment[] }>, common?: ReadonlySet<string>): SegmentIndex {
    const segments: Segment[] = [];
    for (const part of parts) for (const seg of part.segments) segments.push(seg);
    return new SegmentIndex(segments, common);
  }

  /** The id of bigram `key`, or -1 when no segment holds it. */
  private idOf(key: number): number {
    return this.bigramIds.get(key);
  }

  /** Per common bigram (skip), its clauses as a bit set, made on its first lookup. */
  private bits = new Map<number, Uint32Array>();
  private bitsOf(id: number): Uint32Array {
    let bits = this.bits.get(id);
    if (!bits) {
      this.bits.set(id, (bits = new Uint32Array((this.segments.length + 31) >>> 5)));
      for (let k = this.starts[id]; k < this.starts[id + 1]; k++) {
        const i = this.postings[k];
        bits[i >>> 5] |= 1 << (i & 31);
      }
    }
    return bits;
  }

  private skippedBits: Uint32Array[] = [];
  private rareIds: number[] = [];

  /** Per segment, how many of the looked-up clause's rare bigrams it holds (0 between lookups). */
  private counts?: Int32Array;
  private touched?: Int32Array;

  /**
   * Segments that may restate `s`, with their similarity, best first. `relevant`: whether a segment (and its
   * index in `segments`) takes part; `admit`, if given, a cheap test by index that every relevant segment
   * passes, asked before the similarity is worked out.
   */
  near(s: Segment, min = 0.5, relevant?: (seg: Segment, i: number) => boolean, admit?: (i: number) => boolean): Array<{ seg: Segment; sim: number }> {
    const counts = (this.counts ??= new Int32Array(this.segments.length));
    const touched = (this.touched ??= new Int32Array(this.segments.length));
    const { starts, postings, skip, sizes } = this;
    // grams indexed but too common to look up: counted afterwards, only for the clauses that qualify
    // (both lists reused from lookup to lookup: their lengths set here)
    const skipped = this.skippedBits, lists = this.rareIds;
    skipped.length = 0;
    lists.length = 0;
    const keys = s.keys;
    for (let k = 0; k < keys.length; k++) {
      const id = this.idOf(keys[k]);
      if (id < 0) continue;
      if (skip[id]) skipped.push(this.bitsOf(id));
      else lists.push(id);
    }
    // a restatement shares a good part of the shorter clause's rare bigrams
    const need = Math.max(2, Math.floor(keys.length * 0.25));
    // (prefix filtering: a clause that shares `need` of these bigrams holds one of the rarest
    // lists.length - need + 1; only those are candidates, the commoner bigrams just add to their counts)
    // (a clause has a few dozen bigrams: insertion sort, stable, as the rarest first)
    for (let j = 1; j < lists.length; j++) {
      const id = lists[j], len = starts[id + 1] - starts[id];
      let k = j - 1;
      while (k >= 0 && starts[lists[k] + 1] - starts[lists[k]] > len) {
        lists[k + 1] = lists[k];
        k--;
      }
      lists[k + 1] = id;
    }
    const prefix = lists.length - need + 1;
    let nTouched = 0;
    for (let j = 0; j < lists.length; j++) {
      const id = lists[j];
      const from = starts[id], to = starts[id + 1];
      if (j < prefix) {
        for (let k = from; k < to; k++) {
          const i = postings[k];
          if (counts[i]++ === 0) touched[nTouched++] = i;
        }
      } else if (nTouched * 12 < to - from) {
        // (few candidates against a long list: each looked up in it, not the list read through)
        for (let t = 0; t < nTouched; t++) {
          const i = touched[t];
          if (holds(postings, from, to, i)) counts[i]++;
        }
      } else {
        for (let k = from; k < to; k++) {
          const i = postings[k];
          if (counts[i] > 0) counts[i]++;
        }
      }
    }
    const out: Array<{ seg: Segment; sim: number }> = [];
    const sGrams = keys.length;
    for (let t = 0; t < nTouched; t++) {
      const i = touched[t];
      const n = counts[i];
      counts[i] = 0;
      if (n < need) continue;
      // no more than n + skipped.length bigrams shared: a clause that cannot reach `min` even so is left
      // without reading it (its bigram count is kept by index: reading each candidate clause is what costs)
      const size = sizes[i];
      if (similarityAtMost(sGrams, size, n + skipped.length) < min) continue;
      if (admit && !admit(i)) continue;
      // the bigrams the two share, counted through the postings (clauseSimilarity without its set intersections);
      // a common bigram's clauses are tested in its bit set rather than each candidate's bigrams read
      let common = n;
      for (let k = 0; k < skipped.length; k++) {
        if ((skipped[k][i >>> 5] >>> (i & 31)) & 1) common++;
      }
      const seg = this.segments[i];
      const sim = similarityBySize(s, seg, sGrams, size, common);
      // only clauses that could be judged against `s` compete for the few places below
      if (sim >= min && (!relevant || relevant(seg, i))) out.push({ seg, sim });
    }
    // the best few: a clause restated more often than that is a refrain, and comparing every copy with
    // every other would grow with the square of the draft
    // (sorted in place, stably, and cut to the first NEAR_MAX: no copy)
    if (out.length > 1) out.sort(bySimilarity);
    if (out.length > NEAR_MAX) out.length = NEAR_MAX;
    return out;
  }
}


/** The most neighbours near() returns (check-restate keeps which are the draft's own copy as bits of one 32-bit mask). */
export const NEAR_MAX = 16;
const bySimilarity = (a: { sim: number }, b: { sim: number }) => b.sim - a.sim;

/** Whether `p[from .. to)`, ascending, holds `i` (binary search). */
function holds(p: Int32Array, from: number, to: number, i: number): boolean {
  let lo = from, hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = p[mid];
    if (v === i) return true;
    if (v < i) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Bigram -> the segments holding it, in order. */
export function postingsOf(segments: readonly Segment[]): Map<string, number[]> {
  const postings = new Map<string, number[]>();
  segments.forEach((s, i) => {
    for (const k of s.keys) {
      const g = keyGram(k);
      (postings.get(g) ?? postings.set(g, []).get(g)!).push(i);
    }
  });
  return postings;
}
/** A bigram in more clauses than this is too common to find a restatement by. */
export const COMMON_POSTINGS = 200;
