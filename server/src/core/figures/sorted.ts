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

/** Sorted positions of some characters of a text, to count them before an offset. */
export class Marks {
  private readonly at: number[] = [];
  constructor(text: string, chars: RegExp) {
    const re = new RegExp(chars.source, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) this.at.push(m.index);
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
