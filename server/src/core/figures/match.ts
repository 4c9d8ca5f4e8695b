// When two figures speak of the same thing, and when their values agree.
import type { Figure } from './types';
import { UNITS, addUnit } from './lexicon';
import { asciiDigits } from './numerals';
import { stringFromCodes } from '../text/codes';

/** increase / decrease / level: 同比增长14.2% and 占比14.2% are different statements. */
export function relClass(f: Pick<Figure, 'rel'>): 'increase' | 'decrease' | 'level' {
  return f.rel === 'increase' || f.rel === 'decrease' ? f.rel : 'level';
}

const AVERAGE = /年均|平均|人均|户均/;
/** Same kind of statement: unit, increase/decrease/level, ratio or not, average or not. */
export function sameStatement(a: Figure, b: Figure): boolean {
  return statementKey(a) === statementKey(b);
}

/** What sameStatement compares, as one string: figures with equal keys are the same kind of statement. */
export function statementKey(f: Figure): string {
  let k = statementKeys.get(f);
  if (k === undefined) statementKeys.set(f, (k = statementKeyOf(f)));
  return k;
}

// a draft figure's key is asked for by several checks and corpus lookups: made once per figure object
// (what the key reads, unit, kind, rel, relation, share and indicator, is not written once extraction has
// returned the figure: placing a block's figures shifts only their positions, incremental.ts)
const statementKeys = new WeakMap<Figure, string>();

/** statementKey, not kept: for a figure read once (the corpus index reads each of its figures once per snapshot). */
export function statementKeyOf(f: Figure): string {
  return `${addUnit(f.unit)}|${f.kind}|${relClass(f)}|${f.share ? 1 : 0}|${AVERAGE.test((f.relation ?? '') + f.indicator) ? 1 : 0}`;
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

/**
 * Dice coefficient over character bigrams (1 = same words). Each bigram of b is used at most once.
 * Compares in place: it runs for every draft figure against every corpus figure of its kind.
 */
export function dice(a: string, b: string): number {
  const n = a.length - 1, m = b.length - 1;
  if (n <= 0 || m <= 0) return 0;
  const used = m <= 32 ? undefined : new Uint8Array(m);
  let mask = 0;
  let common = 0;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = a.charCodeAt(i + 1);
    for (let j = 0; j < m; j++) {
      if (b.charCodeAt(j) !== x || b.charCodeAt(j + 1) !== y) continue;
      if (used ? used[j] : mask & (1 << j)) continue;
      if (used) used[j] = 1;
      else mask |= 1 << j;
      common++;
      break;
    }
  }
  return (2 * common) / (n + m);
}

/** How many characters a and b end in alike. */
export function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

const isHan = (c: number) => c >= 0x4e00 && c <= 0x9fff;
// (room for the Han characters of one string, gathered before they are made a string)
let hanBuffer = new Uint16Array(256);

/**
 * The first `max` Han characters (U+4E00..U+9FFF) of `s`, all by default: `s.replace(/[^\u4e00-\u9fff]/g,
 * '').slice(0, max)`, read by char code. A string of Han characters only (most indicators) is returned
 * as it is, a leading run of them as one slice: no string is built character by character.
 */
export function hanOnly(s: string, max = Infinity): string {
  const n = s.length;
  let i = 0;
  while (i < n && i < max && isHan(s.charCodeAt(i))) i++;
  if (i === n) return s;
  if (i >= max) return s.slice(0, max);
  // others in between: the leading run and the rest gathered by code
  let m = i;
  for (let k = i + 1; k < n && m < max; k++) {
    const c = s.charCodeAt(k);
    if (isHan(c)) m++;
  }
  if (m === i) return s.slice(0, i);
  if (hanBuffer.length < m) hanBuffer = new Uint16Array(m * 2);
  const buf = hanBuffer;
  for (let k = 0; k < i; k++) buf[k] = s.charCodeAt(k);
  for (let k = i + 1, j = i; j < m; k++) {
    const c = s.charCodeAt(k);
    if (isHan(c)) buf[j++] = c;
  }
  return stringFromCodes(buf, m);
}

// a corpus figure is scored against every draft figure of its kind: its words are cleaned once
const words = new WeakMap<Figure, { ia: string; ra: string }>();
/** The words indicatorScore compares: the indicator's Han characters, and the first four after the unit. */
export function wordsOf(f: Figure): { ia: string; ra: string } {
  let w = words.get(f);
  if (!w) words.set(f, (w = { ia: hanOnly(f.indicator), ra: hanOnly(f.right, 4) }));
  return w;
}

/**
 * How surely two figures measure the same indicator, 0..1: the indicator words, or
 * (for counts) the noun counted right after the unit.
 */
export function indicatorScore(a: Figure, b: Figure): number {
  const { ia, ra } = wordsOf(a), { ia: ib, ra: rb } = wordsOf(b);
  return scoreWords(ia, ra, !!a.fromRight, ib, rb, !!b.fromRight);
}

/** indicatorScore of two figures given their words (wordsOf) and whether each names its indicator after the number (fromRight). */
export function scoreWords(ia: string, ra: string, aRight: boolean, ib: string, rb: string, bRight: boolean): number {
  let left = 0;
  if (ia.length >= 2 && ib.length >= 2) {
    if (ia === ib) return 1;
    const short = ia.length <= ib.length ? ia : ib, long = ia.length <= ib.length ? ib : ia;
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
  let right = 0;
  if (ra.length >= 2 && rb.length >= 2) {
    const headIn = holdsPair(rb, ra) || holdsPair(ra, rb);
    const d = dice(ra, rb);
    // 干部挂点 / 挂点干部: the same words reordered; 单位的行 / 单位行政: only the head noun
    right = ra === rb ? 1 : Math.max(d, headIn ? (d >= 0.5 ? 0.9 : 0.7) : 0);
    // a bare two-character noun (单位, 企业) is weak evidence on its own
    if (Math.min(ra.length, rb.length) < 3) right *= 0.75;
    // both say what they measure before the number, and say different things
    if (!aRight && !bRight && ia.length >= 2 && ib.length >= 2 && left < 0.3) right *= 0.8;
  }
  return Math.max(left, right);
}

/** Whether `s` holds the first two characters of `w` (w of two or more), as s.includes(w.slice(0, 2)), read by char code. */
function holdsPair(s: string, w: string): boolean {
  const x = w.charCodeAt(0), y = w.charCodeAt(1);
  for (let i = 0; i + 1 < s.length; i++) if (s.charCodeAt(i) === x && s.charCodeAt(i + 1) === y) return true;
  return false;
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
