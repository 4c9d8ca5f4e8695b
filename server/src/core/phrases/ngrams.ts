// Level-wise (Apriori) counting of word n-grams: an (n+1)-gram is counted only where both of its
// n-gram halves are frequent, so the work shrinks with every level instead of exploding. Grams are
// numbered; each keeps its prefix gram and last word, so its words can be rebuilt.
import { BOUNDARY, type TokenStream } from './stream';

/**
 * Where the kept grams of one level start: dense (the gram id at every position, or -1) when most
 * positions hold one (single words), else sparse (ascending positions and their gram ids).
 */
export type GramLevel = { dense: Int32Array } | { pos: Int32Array; gram: Int32Array };

export interface GramTable {
  /** Per level n (1-based index n-1): the kept grams that start at each position. */
  at: GramLevel[];
  count: number[];
  docCount: number[];
  /** Rank (by date) of the oldest and newest document the gram occurs in. */
  minRank: number[];
  maxRank: number[];
  /** A position where it occurs in its newest document. */
  bestPos: number[];
  prefix: number[];
  last: number[];
  size: number[];
  chars: number[];
}

/** Calls fn(position, gram) for every occurrence of a kept gram of this level, in position order. */
export function eachOccurrence(level: GramLevel, fn: (i: number, g: number) => void): void {
  if ('dense' in level) {
    const at = level.dense;
    for (let i = 0; i < at.length; i++) if (at[i] >= 0) fn(i, at[i]);
  } else {
    const { pos, gram } = level;
    for (let k = 0; k < pos.length; k++) fn(pos[k], gram[k]);
  }
}

export interface CountOptions {
  minCount: number;
  maxTokens: number;
  maxChars: number;
  /** Hash buckets of the first pass (a power of two; default: 2 per position, at most MAX_BUCKETS). */
  buckets?: number;
}

/** Hash buckets of the first pass (16 MB at most): memory does not grow with the corpus. */
const MAX_BUCKETS = 1 << 22;

function bucketOf(key: number, mask: number): number {
  const lo = key >>> 0;
  const hi = (key / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & mask;
}

/**
 * Counts the n-grams of each level. Level n+1 starts only where both of its n-gram halves were
 * kept (Apriori). Each level is counted in two passes (Park–Chen–Yu): the first counts hash
 * buckets in a fixed-size array, the second builds exact tables only for keys whose bucket reached
 * minCount — a bucket's count is at least each of its keys' counts, so no frequent gram is lost
 * and the result is exact, while the candidate tables hold little more than the frequent grams.
 */
export function countGrams(stream: TokenStream, rankOfDoc: Int32Array, opts: CountOptions): GramTable {
  const { seq, doc } = stream;
  const N = seq.length;
  const V = stream.words.length;
  const wordLen = stream.words.map(w => w.length);
  const t: GramTable = {
    at: [], count: [], docCount: [], minRank: [], maxRank: [], bestPos: [], prefix: [], last: [], size: [], chars: [],
  };
  let buckets: Uint32Array | undefined;
  let mask = 0;

  let prev: Int32Array | null = null;
  let prevOccupied = 0;
  for (let n = 1; n <= opts.maxTokens; n++) {
    const keyAt = (i: number): number => {
      if (n === 1) return seq[i];
      const a = prev![i];
      if (a < 0) return -1;
      const b = prev![i + 1];
      if (b < 0) return -1;
      const w = seq[i + n - 1];
      if (t.chars[a] + wordLen[w] > opts.maxChars) return -1;
      return a * V + w;
    };
    const limit = N - n + 1;
    // Words (level 1) are few: counted exactly at once. Longer grams: hash filter first.
    const filtered = n > 1;
    if (filtered) {
      if (!buckets) {
        let size = opts.buckets ?? 1 << 16;
        while (!opts.buckets && size < 2 * N && size < MAX_BUCKETS) size *= 2;
        buckets = new Uint32Array(size);
        mask = size - 1;
      } else buckets.fill(0);
      for (let i = 0; i < limit; i++) {
        const key = keyAt(i);
        if (key >= 0) buckets[bucketOf(key, mask)]++;
      }
    }
    const passes = (key: number): boolean => !filtered || buckets![bucketOf(key, mask)] >= opts.minCount;
    const slots = new Map<number, number>();
    const cnt: number[] = [];
    const dc: number[] = [];
    const lastDoc: number[] = [];
    for (let i = 0; i < limit; i++) {
      const key = keyAt(i);
      if (key < 0 || !passes(key)) continue;
      let s = slots.get(key);
      if (s === undefined) {
        s = cnt.length;
        slots.set(key, s);
        cnt.push(0);
        dc.push(0);
        lastDoc.push(-1);
      }
      cnt[s]++;
      const d = doc[i];
      if (lastDoc[s] !== d) {
        dc[s]++;
        lastDoc[s] = d;
      }
    }
    const gid = new Int32Array(cnt.length).fill(-1);
    let kept = 0;
    for (const [key, s] of slots) {
      if (cnt[s] < opts.minCount) continue;
      const g = t.count.length;
      gid[s] = g;
      kept++;
      t.count.push(cnt[s]);
      t.docCount.push(dc[s]);
      t.minRank.push(Number.MAX_SAFE_INTEGER);
      t.maxRank.push(-1);
      t.bestPos.push(-1);
      if (n === 1) {
        t.prefix.push(-1);
        t.last.push(key);
        t.chars.push(wordLen[key]);
      } else {
        const a = Math.floor(key / V);
        const w = key - a * V;
        t.prefix.push(a);
        t.last.push(w);
        t.chars.push(t.chars[a] + wordLen[w]);
      }
      t.size.push(n);
    }
    if (kept === 0) break;
    const at = new Int32Array(N).fill(-1);
    let occupied = 0;
    for (let i = 0; i < limit; i++) {
      const key = keyAt(i);
      if (key < 0) continue;
      const s = slots.get(key);
      if (s === undefined) continue;
      const g = gid[s];
      if (g < 0) continue;
      at[i] = g;
      occupied++;
      const r = rankOfDoc[doc[i]];
      if (r < t.minRank[g]) t.minRank[g] = r;
      if (r > t.maxRank[g]) {
        t.maxRank[g] = r;
        t.bestPos[g] = i;
      }
    }
    slots.clear();
    // The previous level's dense array is needed only to build this one.
    if (n > 1) t.at[n - 2] = compact(prev!, prevOccupied);
    t.at.push({ dense: at });
    prev = at;
    prevOccupied = occupied;
  }
  if (prev) t.at[t.at.length - 1] = compact(prev, prevOccupied);
  return t;
}

/** A dense level as sparse lists when fewer than a third of the positions hold a gram. */
function compact(at: Int32Array, occupied: number): GramLevel {
  if (3 * occupied >= at.length) return { dense: at };
  const pos = new Int32Array(occupied);
  const gram = new Int32Array(occupied);
  let k = 0;
  for (let i = 0; i < at.length; i++) {
    if (at[i] >= 0) {
      pos[k] = i;
      gram[k++] = at[i];
    }
  }
  return { pos, gram };
}

/** The word ids of a gram, first to last. */
export function gramWords(t: GramTable, g: number): number[] {
  const out: number[] = [];
  for (let x = g; x >= 0; x = t.prefix[x]) out.push(t.last[x]);
  return out.reverse();
}

/**
 * Left and right branching entropy of the given grams (natural log). A sentence boundary counts
 * as a new, distinct neighbour every time: a phrase that often starts a clause is free on its left.
 * So do the words in `free` (的, 、): 急难愁盼的 does not make 急难愁盼 part of a longer phrase.
 * `closes` is the share of occurrences followed by a boundary or one of `closers` (、, 和): how often the
 * phrase ends where a clause does (守住不发生系统性风险的底线 always, 守住不发生系统性 never).
 */
export function branchingEntropy(
  stream: TokenStream, t: GramTable, wanted: Uint8Array, free: Uint8Array, closers: Uint8Array,
  freeLeft: Uint8Array = free, context?: Map<number, number>,
): { left: Float64Array; right: Float64Array; closes: Float64Array } {
  const { seq } = stream;
  const N = seq.length;
  const V1 = stream.words.length + 1;
  const leftCounts = new Map<number, number>();
  const rightCounts = new Map<number, number>();
  const total = new Float64Array(t.count.length);
  const closed = new Float64Array(t.count.length);
  t.at.forEach((at, level) => {
    const n = level + 1;
    eachOccurrence(at, (i, g) => {
      if (!wanted[g]) return;
      total[g]++;
      const l = i > 0 ? seq[i - 1] : BOUNDARY;
      const r = i + n < N ? seq[i + n] : BOUNDARY;
      if (context && l !== BOUNDARY && !free[l]) context.set(g * V1 + l, (context.get(g * V1 + l) ?? 0) + 1);
      if (l !== BOUNDARY && !free[l] && !freeLeft[l]) leftCounts.set(g * V1 + l, (leftCounts.get(g * V1 + l) ?? 0) + 1);
      if (r !== BOUNDARY && !free[r]) rightCounts.set(g * V1 + r, (rightCounts.get(g * V1 + r) ?? 0) + 1);
      if (r === BOUNDARY || closers[r]) closed[g]++;
    });
  });
  const entropy = (counts: Map<number, number>): Float64Array => {
    const sumCLogC = new Float64Array(t.count.length);
    for (const [key, c] of counts) sumCLogC[Math.floor(key / V1)] += c * Math.log(c);
    const h = new Float64Array(t.count.length);
    for (let g = 0; g < h.length; g++) if (total[g] > 0) h[g] = Math.log(total[g]) - sumCLogC[g] / total[g];
    return h;
  };
  const closes = closed.map((c, g) => (total[g] > 0 ? c / total[g] : 0));
  return { left: entropy(leftCounts), right: entropy(rightCounts), closes };
}
