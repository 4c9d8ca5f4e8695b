// Builds a cleaned string from pieces of an original one and remembers where every cleaned
// character came from, so a citation in cleaned text maps back to the source file.
import type { OffsetRuns } from '../model';

export class CleanedTextBuilder {
  private parts: string[] = [];
  private length = 0;
  readonly runs: OffsetRuns = [];

  constructor(private readonly original: string) {}

  /** Appends original[start, end) unchanged. */
  keep(start: number, end: number): void {
    if (end <= start) return;
    const last = this.runs[this.runs.length - 1];
    if (last && last[0] + last[2] === this.length && last[1] + last[2] === start) last[2] += end - start;
    else this.runs.push([this.length, start, end - start]);
    this.parts.push(this.original.slice(start, end));
    this.length += end - start;
  }

  /** Appends text that has no origin of its own (a separator); it maps to `at` in the original. */
  insert(text: string, at: number): void {
    if (!text) return;
    this.runs.push([this.length, at, 0]);
    this.parts.push(text);
    this.length += text.length;
  }

  get size(): number {
    return this.length;
  }

  toString(): string {
    return this.parts.join('');
  }
}

/** Original offset of a cleaned offset (binary search over the runs). */
export function toOriginal(runs: OffsetRuns, offset: number): number {
  let lo = 0, hi = runs.length - 1, best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid][0] <= offset) { best = mid; lo = mid + 1; } else hi = mid - 1;
  }
  if (best < 0) return runs.length ? runs[0][1] : offset;
  const [c, o, len] = runs[best];
  return o + Math.min(offset - c, len);
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function lineColAt(starts: readonly number[], offset: number): { line: number; character: number } {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}
