// The prefix structure behind completion: every lookup key of every phrase in one array sorted in
// UTF-16 code-unit order, so the phrases starting with a typed prefix are one contiguous range
// found by binary search. Plain arrays: it is cached on disk with the index.
import { keyVariants } from './text';

export interface KeyedPhrase {
  phrase: string;
  insert?: string;
}

export interface PrefixKeys {
  keys: string[];
  keyPhrase: number[];
}

export function buildKeys(phrases: readonly KeyedPhrase[]): PrefixKeys {
  const pairs: Array<[string, number]> = [];
  phrases.forEach((p, i) => {
    const variants = new Set(keyVariants(p.phrase));
    if (p.insert) for (const v of keyVariants(p.insert)) variants.add(v);
    for (const v of variants) if (v.length >= 2) pairs.push([v, i]);
  });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  return { keys: pairs.map(p => p[0]), keyPhrase: pairs.map(p => p[1]) };
}

/** First index whose key is >= q. */
export function lowerBound(keys: readonly string[], q: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < q) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when some key starts with q. */
export function hasPrefix(keys: readonly string[], q: string): boolean {
  const i = lowerBound(keys, q);
  return i < keys.length && keys[i].startsWith(q);
}

/** The keys starting with q, as the half-open range [from, to), at most `limit` long. */
export function prefixRange(keys: readonly string[], q: string, limit = Infinity): [number, number] {
  const from = lowerBound(keys, q);
  let to = from;
  while (to < keys.length && to - from < limit && keys[to].startsWith(q)) to++;
  return [from, to];
}
