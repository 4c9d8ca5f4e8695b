// Restatements, the way a reviewer finds them: a clause of the draft that says what a clause of the
// corpus (or an earlier clause of the draft) says — most of its words shared, after synonyms — with
// its figures aligned by position and unit. A differing value in an aligned pair is a conflict when
// the two claims' compared slots (subject, period, kind, base) are resolved and agree.
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
  grams: Set<string>;
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

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
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
  const [small, large] = a.grams.size <= b.grams.size ? [a.grams, b.grams] : [b.grams, a.grams];
  for (const x of small) if (large.has(x)) common++;
  return similarityOf(a, b, common);
}

/** clauseSimilarity, given how many bigrams the two clauses share. */
function similarityOf(a: Segment, b: Segment, common: number): number {
  return similarityBySize(a, b, a.grams.size, b.grams.size, common);
}

/** similarityOf, given the two clauses' numbers of bigrams (b's own words are read only when they decide). */
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
 * An upper bound of similarityOf for clauses of `a` and `b` bigrams sharing at most `common`: it grows
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
    out.push({ doc, start, sentence: sStart, words, grams: bigrams(words), chars: charCodesOf(words), claims: list, said: said ? said[0] : undefined });
  }
  return out;
}

/** Figures of one clause aligned with another's: the i-th of a unit with the i-th of that unit. */
export function alignFigures(a: Segment, b: Segment): Array<[Claim, Claim]> {
  // 全县…300亿元 / 高新区…100亿元: clauses that name different bodies say different things
  if (a.said && b.said && a.said !== b.said) return [];
  const units = new Set(a.claims.map(c => c.unit));
  const out: Array<[Claim, Claim]> = [];
  for (const u of units) {
    const xs = a.claims.filter(c => c.unit === u), ys = b.claims.filter(c => c.unit === u);
    if (xs.length !== ys.length) continue;
    xs.forEach((x, i) => out.push([x, ys[i]]));
  }
  return out;
}

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
  const x = (a.indicator.value ?? '').replace(OPENING_VERBS, ''), y = (b.indicator.value ?? '').replace(OPENING_VERBS, '');
  if (x.length < 2 || y.length < 2) return true;
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (short.length >= 3 && long.endsWith(short)) return true;
  if (x.slice(-2) !== y.slice(-2)) return false;
  const longSet = new Set(long);
  return diceSets(new Set(x), new Set(y)) >= 0.8 || [...short].every(ch => longSet.has(ch));
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

/** Postings of character bigrams to segments, for finding a clause's restatements quickly. */
export class SegmentIndex {
  private postings = new Map<string, number[] | null>();
  /** `common`: bigrams to skip as too common, as a whole corpus's would be (a partial index from a shared store). */
  constructor(
    readonly segments: Segment[], private readonly common?: ReadonlySet<string>,
    /** Postings of parts of the segments, by their first segment (fromParts): a bigram's are merged on its first lookup. */
    private parts?: ReadonlyArray<{ offset: number; postings: ReadonlyMap<string, readonly number[]> }>,
  ) {
    if (parts) return;
    segments.forEach((s, i) => {
      for (const g of s.grams) (this.postings.get(g) ?? this.postings.set(g, []).get(g)!).push(i);
    });
  }

  /**
   * The index of the parts' segments one after the other, from each part's own postings (postingsOf,
   * kept with a corpus document): answers as the index built over all the segments, and costs only the
   * bigrams looked up.
   */
  static fromParts(parts: ReadonlyArray<{ segments: readonly Segment[]; postings: ReadonlyMap<string, readonly number[]> }>, common?: ReadonlySet<string>): SegmentIndex {
    const segments: Segment[] = [];
    const offsets: Array<{ offset: number; postings: ReadonlyMap<string, readonly number[]> }> = [];
    for (const part of parts) {
      if (part.segments.length === 0) continue;
      offsets.push({ offset: segments.length, postings: part.postings });
      for (const seg of part.segments) segments.push(seg);
    }
    return new SegmentIndex(segments, common, offsets);
  }

  /**
   * Lookups in the parts so far (a bigram looked up costs one per part), and what merging every part's
   * postings at once costs (one per bigram of each part): past that, the rest are merged at once, so an
   * index looked up by many drafts (a whole corpus checked in one process) costs at most twice the eager one.
   */
  private partLookups = 0;
  private mergeAllAt = -1;

  /** The segments holding bigram `g`, in order. */
  private postingsOf(g: string): number[] | undefined {
    let p = this.postings.get(g);
    if (p !== undefined || !this.parts) return p ?? undefined;
    if (this.mergeAllAt < 0) this.mergeAllAt = this.parts.reduce((n, part) => n + part.postings.size, 0);
    this.partLookups += this.parts.length;
    if (this.partLookups > this.mergeAllAt) {
      this.mergeAll();
      return this.postings.get(g) ?? undefined;
    }
    for (const part of this.parts) {
      const q = part.postings.get(g);
      if (!q) continue;
      p ??= [];
      for (const i of q) p.push(part.offset + i);
    }
    this.postings.set(g, p ?? null);
    return p ?? undefined;
  }

  /** Every part's postings merged (in the parts' order, as postingsOf merges one bigram's); the parts are then dropped. */
  private mergeAll(): void {
    // (built afresh: the bigrams merged one by one come out the same, and one no part holds is absent)
    const postings = new Map<string, number[] | null>();
    for (const part of this.parts!) {
      for (const [g, q] of part.postings) {
        let p = postings.get(g);
        if (!p) postings.set(g, (p = []));
        for (const i of q) p.push(part.offset + i);
      }
    }
    this.postings = postings;
    this.parts = undefined;
  }

  /** Segments that may restate `s`, with their similarity, best first. */
  private counts?: Int32Array;
  /** Each segment's number of bigrams plus one, 0 until read. */
  private sizes?: Int32Array;
  near(s: Segment, min = 0.5, relevant?: (seg: Segment) => boolean): Array<{ seg: Segment; sim: number }> {
    const counts = (this.counts ??= new Int32Array(this.segments.length));
    const sizes = (this.sizes ??= new Int32Array(this.segments.length));
    const touched: number[] = [];
    // grams indexed but too common to look up: counted afterwards, only for the clauses that qualify
    const skipped: number[][] = [];
    const lists: number[][] = [];
    for (const g of s.grams) {
      const p = this.postingsOf(g);
      if (!p) continue;
      if (p.length > COMMON_POSTINGS || this.common?.has(g)) skipped.push(p);
      else lists.push(p);
    }
    // a restatement shares a good part of the shorter clause's rare bigrams
    const need = Math.max(2, Math.floor(s.grams.size * 0.25));
    // (prefix filtering: a clause that shares `need` of these bigrams holds one of the rarest
    // lists.length - need + 1; only those are candidates, the commoner bigrams just add to their counts)
    lists.sort((a, b) => a.length - b.length);
    const prefix = lists.length - need + 1;
    // (indexed loops: no iterator objects while this runs before it is optimised)
    for (let j = 0; j < lists.length; j++) {
      const p = lists[j];
      const n = p.length;
      if (j < prefix) {
        for (let k = 0; k < n; k++) {
          const i = p[k];
          if (counts[i]++ === 0) touched.push(i);
        }
      } else {
        for (let k = 0; k < n; k++) {
          const i = p[k];
          if (counts[i] > 0) counts[i]++;
        }
      }
    }
    const out: Array<{ seg: Segment; sim: number }> = [];
    const sGrams = s.grams.size;
    for (let t = 0; t < touched.length; t++) {
      const i = touched[t];
      const n = counts[i];
      counts[i] = 0;
      if (n < need) continue;
      // no more than n + skipped.length bigrams shared: a clause that cannot reach `min` even so is left
      // without reading it (its bigram count is kept by index: reading each candidate clause is what costs)
      let size = sizes[i] - 1;
      if (size < 0) sizes[i] = (size = this.segments[i].grams.size) + 1;
      if (similarityAtMost(sGrams, size, n + skipped.length) < min) continue;
      // the bigrams the two share, counted through the postings (clauseSimilarity without its set intersections);
      // a common bigram's postings are searched (ascending) rather than each candidate's bigram set
      let common = n;
      for (let k = 0; k < skipped.length; k++) if (holds(skipped[k], i)) common++;
      const seg = this.segments[i];
      const sim = similarityBySize(s, seg, sGrams, size, common);
      // only clauses that could be judged against `s` compete for the few places below
      if (sim >= min && (!relevant || relevant(seg))) out.push({ seg, sim });
    }
    // the best few: a clause restated more often than that is a refrain, and comparing every copy with
    // every other would grow with the square of the draft
    return out.sort((a, b) => b.sim - a.sim).slice(0, NEAR_MAX);
  }
}

const NEAR_MAX = 16;

/** Whether the ascending list `p` holds `i` (binary search). */
function holds(p: readonly number[], i: number): boolean {
  let lo = 0, hi = p.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = p[mid];
    if (v === i) return true;
    if (v < i) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Bigram -> the segments holding it, in order (SegmentIndex.fromParts). */
export function postingsOf(segments: readonly Segment[]): Map<string, number[]> {
  const postings = new Map<string, number[]>();
  segments.forEach((s, i) => {
    for (const g of s.grams) (postings.get(g) ?? postings.set(g, []).get(g)!).push(i);
  });
  return postings;
}
/** A bigram in more clauses than this is too common to find a restatement by. */
export const COMMON_POSTINGS = 200;
