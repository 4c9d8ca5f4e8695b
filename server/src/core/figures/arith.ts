// Shared by the figure-arithmetic checks: the finding, tolerances and the values a written figure may stand for.
import type { Finding } from '../types';
import type { Figure } from './types';

export const CJK = (s: string) => s.replace(/[^\u4e00-\u9fff]/g, '');
/** A number for a message: at most two decimals, never exponent notation (9e+133 reads as a typo). */
export const fmt = (n: number) => (Number.isFinite(n) ? TWO_DECIMALS.format(n + 0).replace(/^-0$/, '0') : String(n));
// (one formatter for all: toLocaleString with options builds an Intl.NumberFormat on every call, and
// gives what this one's format gives)
const TWO_DECIMALS = new Intl.NumberFormat('en-US', { useGrouping: false, maximumFractionDigits: 2 });
/**
 * How far a written figure may be from what it counts: half its rounding step (5.8万 ± 500, 14.2% ±
 * 0.05), but nothing for a count written to the last unit (23家, 5261件): nobody rounds those.
 */
export function rounding(f: Figure): number {
  if (f.kind !== 'percent' && f.kind !== 'pp' && f.step === 1 && Number.isInteger(f.value) && !f.bound) return 0;
  return f.step / 2;
}
/** What a sum or difference of written figures may be off by. */
export const tolOf = (...fs: Figure[]) => fs.reduce((s, f) => s + rounding(f), 0) + 1e-9;

export function finding(f: Figure, message: string, related: Finding['related'] = []): Finding {
  return { code: 'figure-arithmetic', severity: 'warning', start: f.start, end: f.end, message, related };
}

/**
 * The values a written figure may stand for: its rounding, or for 余 / 多 the span of its last
 * written digit (9.4万余 -> 94,000 to 95,000; 120余 -> 120 to 130). Other bounds are too loose.
 */
export function valueRange(f: Figure): [number, number] | undefined {
  if (f.high !== undefined) return undefined;
  if (!f.bound) return [f.value - rounding(f), f.value + rounding(f)];
  if (f.bound !== 'lower' || !/[余多]/.test(f.qualifier ?? '') || f.value <= 0) return undefined;
  let w = Math.max(f.step, 1);
  while (f.value % (w * 10) === 0 && w * 10 <= f.value) w *= 10;
  return [f.value, f.value + w];
}
