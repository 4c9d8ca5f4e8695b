// Binary search over spans sorted by start: the per-figure lookups of extraction and the checks
// must not scan every mention or figure of a long draft.

/** Index of the first item whose start is >= pos (items sorted by start). */
export function lowerBound(items: ReadonlyArray<{ start: number }>, pos: number): number {
  let lo = 0, hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Items whose start lies in [from, to). */
export function startingIn<T extends { start: number }>(items: readonly T[], from: number, to: number): T[] {
  const out: T[] = [];
  for (let i = lowerBound(items, from); i < items.length && items[i].start < to; i++) out.push(items[i]);
  return out;
}

/** Sorted positions of the characters of a text whose code passes `is`, to count them before an offset. */
export class Marks {
  private readonly at: Int32Array;
  constructor(text: string, is: (code: number) => boolean) {
    let n = 0;
    for (let i = 0; i < text.length; i++) if (is(text.charCodeAt(i))) n++;
    this.at = new Int32Array(n);
    n = 0;
    for (let i = 0; i < text.length; i++) if (is(text.charCodeAt(i))) this.at[n++] = i;
  }
  /** How many marks lie before pos. */
  before(pos: number): number {
    let lo = 0, hi = this.at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.at[mid] < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /** Is there a mark in [from, to)? */
  between(from: number, to: number): boolean {
    return to > from && this.before(to) > this.before(from);
  }
}
