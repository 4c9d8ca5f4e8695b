// When two figures speak of the same thing, and when their values agree.
import type { Figure } from './types';
import { UNITS } from './lexicon';
import { asciiDigits } from './numerals';

/** increase / decrease / level: 同比增长14.2% and 占比14.2% are different statements. */
export function relClass(f: Pick<Figure, 'rel'>): 'increase' | 'decrease' | 'level' {
  return f.rel === 'increase' || f.rel === 'decrease' ? f.rel : 'level';
}

const AVERAGE = /年均|平均|人均|户均/;
/** Same kind of statement: unit, increase/decrease/level, ratio or not, average or not. */
export function sameStatement(a: Figure, b: Figure): boolean {
  return a.unit === b.unit && a.kind === b.kind && relClass(a) === relClass(b) && !!a.share === !!b.share
    && AVERAGE.test((a.relation ?? '') + a.indicator) === AVERAGE.test((b.relation ?? '') + b.indicator);
}

/**
 * Do two written values agree, allowing the rounding a writer does (99.26% -> 99.3%,
 * 58,123 -> 5.8万) and the slack of 余 / 近 / 约 / 以上?
 */
export function valuesAgree(a: Pick<Figure, 'value' | 'high' | 'step' | 'bound'>, b: Pick<Figure, 'value' | 'high' | 'step' | 'bound'>): boolean {
  const aLo = a.value, aHi = a.high ?? a.value;
  const bLo = b.value, bHi = b.high ?? b.value;
  const tol = Math.max(a.step, b.step) / 2 + 1e-9 * Math.max(Math.abs(aHi), Math.abs(bHi), 1);
  if (aLo - tol <= bHi && bLo - tol <= aHi) return true;
  if (a.bound || b.bound) {
    // an approximate figure agrees with anything within a tenth of it
    const big = Math.max(Math.abs(aHi), Math.abs(bHi));
    return Math.abs(aLo - bLo) <= 0.1 * big + tol;
  }
  return false;
}

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** Dice coefficient over character bigrams (1 = same words). */
export function dice(a: string, b: string): number {
  const x = bigrams(a), y = bigrams(b);
  if (x.length === 0 || y.length === 0) return 0;
  const pool = new Map<string, number>();
  for (const g of y) pool.set(g, (pool.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of x) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      common++;
      pool.set(g, n - 1);
    }
  }
  return (2 * common) / (x.length + y.length);
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

const CJK_ONLY = (s: string) => s.replace(/[^\u4e00-\u9fff]/g, '');

/**
 * How surely two figures measure the same indicator, 0..1: the indicator words, or
 * (for counts) the noun counted right after the unit.
 */
export function indicatorScore(a: Figure, b: Figure): number {
  const ia = CJK_ONLY(a.indicator), ib = CJK_ONLY(b.indicator);
  let left = 0;
  if (ia.length >= 2 && ib.length >= 2) {
    if (ia === ib) return 1;
    const [short, long] = ia.length <= ib.length ? [ia, ib] : [ib, ia];
    // 干部通过线上线下共走访企业 within 挂点干部通过线上线下共走访企业; a short generic tail
    // (贡献率 within 先进制造业贡献率) is weaker
    if (short.length >= 2 && long.endsWith(short)) left = 0.6 + 0.4 * (short.length / long.length);
    left = Math.max(left, dice(ia, ib));
    // the head comes last: 挂点干部共走访企业 / 干部通过线上线下共走访企业 share 共走访企业
    // (but 业增加值 alone does not make 规模以上工业增加值 and 高技术制造业增加值 one indicator)
    const tail = commonSuffix(ia, ib);
    const covers = tail * 2 >= Math.min(ia.length, ib.length);
    if (tail >= 4 && covers) left = Math.max(left, 0.8);
    else if (tail >= 3 && covers) left = Math.max(left, 0.7);
  }
  // the noun counted right after the unit: 591名干部挂点… / 519名挂点干部…
  const ra = CJK_ONLY(a.right).slice(0, 4), rb = CJK_ONLY(b.right).slice(0, 4);
  let right = 0;
  if (ra.length >= 2 && rb.length >= 2) {
    const headIn = rb.includes(ra.slice(0, 2)) || ra.includes(rb.slice(0, 2));
    const d = dice(ra, rb);
    // 干部挂点 / 挂点干部: the same words reordered; 单位的行 / 单位行政: only the head noun
    right = ra === rb ? 1 : Math.max(d, headIn ? (d >= 0.5 ? 0.9 : 0.7) : 0);
    // a bare two-character noun (单位, 企业) is weak evidence on its own
    if (Math.min(ra.length, rb.length) < 3) right *= 0.75;
    // both say what they measure before the number, and say different things
    if (!a.fromRight && !b.fromRight && ia.length >= 2 && ib.length >= 2 && left < 0.3) right *= 0.8;
  }
  return Math.max(left, right);
}

/**
 * Writes `value` the way `like` wrote its number (same 万/亿 scale, same unit), for a quick fix
 * that swaps only the numeral: 58000 like 5.6万家次 -> 5.8万.
 */
export function numeralLike(value: number, like: Pick<Figure, 'text' | 'start' | 'numStart' | 'numEnd' | 'unitText'>): string | undefined {
  const numeral = asciiDigits(like.text.slice(like.numStart - like.start, like.numEnd - like.start));
  if (!/^[0-9.,]+[万亿千百]*$/.test(numeral)) return undefined;
  const suffix = numeral.replace(/^[0-9.,]+/, '');
  let scale = 1;
  for (const ch of suffix) scale *= ({ 万: 1e4, 亿: 1e8, 千: 1e3, 百: 1e2 } as Record<string, number>)[ch];
  const unit = UNITS.find(u => u.text === like.unitText);
  scale *= unit?.scale ?? 1;
  const n = Number.parseFloat((value / scale).toPrecision(10));
  return String(n) + suffix;
}
