// Parses the numerals of Chinese government writing: Arabic (1.2, 3,000, full-width １２),
// Arabic with 万/亿 scales (1.2万, 2992.3亿), Chinese (两千万, 一亿零三百万, 十三),
// digit-by-digit Chinese (二〇二三), fractions (十三分之一) and 百分之X.

export interface ParsedNumeral {
  value: number;
  /**
   * The smallest unit the writer wrote, in the same scale as value: 5.8万 -> 1000, 99.3 -> 0.1,
   * 两千万 -> 10,000,000. Used to accept the rounding a writer does.
   */
  step: number;
}

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** Full-width digits and points to ASCII. */
export function asciiDigits(s: string): string {
  // (most texts have none: no new string; looked for by char code, which a regex test did at many times the cost)
  if (!hasFullWidth(s)) return s;
  return s.replace(/[０-９．]/g, ch => (ch === '．' ? '.' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}
/** Whether `s` holds a full-width digit or point (０-９, ．). */
export function hasFullWidth(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // ０-９ (U+FF10–FF19) and ． (U+FF0E)
    if (c >= 0xff0e && c <= 0xff19 && c !== 0xff0f) return true;
  }
  return false;
}

/** The text numbers are read from: full-width digits as ASCII, and 1·5 as 1.5 (same length, same offsets). */
export function asciiNumbers(s: string): string {
  const a = asciiDigits(s);
  return a.indexOf('·') < 0 ? a : a.replace(/(\d)·(?=\d)/g, '$1.');
}

/** Rounds away binary noise (0.1 * 3) without losing the digits a writer can write. */
export function clean(n: number): number {
  // most figures are whole numbers, which need no cleaning (and toPrecision is slow)
  if (Number.isSafeInteger(n)) return n;
  return Number.parseFloat(n.toPrecision(12));
}

function parseArabic(s: string): ParsedNumeral | null {
  const m = /^(\d+(?:,\d{3})*)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const decimals = m[2]?.length ?? 0;
  return { value: Number(`${m[1].replace(/,/g, '')}${m[2] ? '.' + m[2] : ''}`), step: 10 ** -decimals };
}

/** A trailing run of scale characters (万, 亿, 千万, 万亿 …) as one multiplier. */
function scaleOf(s: string): number | null {
  let total = 1;
  for (const ch of s) {
    const f = SMALL_UNITS[ch] ?? BIG_UNITS[ch];
    if (f === undefined) return null;
    total *= f;
  }
  return total;
}

/** Chinese positional numerals: 两千万, 一亿零三百万, 十三, 三千五百, 点 decimals. */
function parseChinese(s: string): ParsedNumeral | null {
  let [intPart, fracPart] = s.split('点');
  if (s.split('点').length > 2) return null;
  if (intPart === '') return null;
  // 二〇二三, 一九五四: digit by digit when no positional character appears (三四 is a range, not 34).
  if (!/[十百千万亿]/.test(intPart)) {
    if (![...intPart].every(ch => ch in DIGITS)) return null;
    if (intPart.length >= 3 && fracPart === undefined) {
      const digits = [...intPart].map(ch => DIGITS[ch]).join('');
      return { value: Number(digits), step: 1 };
    }
  }
  let total = 0; // completed 亿 / 万 sections
  let section = 0; // value below the current big unit
  let digit: number | null = null;
  let prevWasZero = false;
  let step = Infinity; // smallest unit written so far, overall
  let sectionStep = Infinity; // smallest unit written in the current section
  let lastUnit = 1;
  for (const ch of intPart) {
    if (ch in DIGITS) {
      if (digit !== null && !prevWasZero) return null; // 十二五, 三四: not one number
      digit = DIGITS[ch];
      prevWasZero = ch === '零' || ch === '〇';
      continue;
    }
    prevWasZero = false;
    const small = SMALL_UNITS[ch];
    if (small !== undefined) {
      section += (digit ?? 1) * small;
      sectionStep = Math.min(sectionStep, small);
      lastUnit = small;
      digit = null;
      continue;
    }
    const big = BIG_UNITS[ch];
    if (big === undefined) return null;
    if (digit !== null) {
      section += digit;
      sectionStep = 1;
      digit = null;
    }
    if (section === 0 && total === 0) section = 1; // bare 万, 亿
    if (section === 0) {
      // 万亿: a big unit scaling the one before it
      total *= big;
      step *= big;
    } else {
      if (big === 1e8) total = (total + section) * big;
      else total += section * big;
      step = Math.min(step, (sectionStep === Infinity ? 1 : sectionStep) * big);
    }
    section = 0;
    sectionStep = Infinity;
    lastUnit = big;
  }
  if (digit !== null) {
    // 三千五 means 3500 (the digit takes the next lower unit); 一亿零三 means 100000003.
    const prev = intPart.length >= 2 ? intPart[intPart.length - 2] : '';
    const implied = prev in SMALL_UNITS || prev in BIG_UNITS ? Math.max(1, lastUnit / 10) : 1;
    section += digit * implied;
    sectionStep = Math.min(sectionStep, implied);
  }
  step = Math.min(step, sectionStep);
  let value = total + section;
  if (step === Infinity) step = 1;
  if (fracPart !== undefined) {
    if (!fracPart || ![...fracPart].every(ch => ch in DIGITS)) return null;
    value += Number('0.' + [...fracPart].map(ch => DIGITS[ch]).join(''));
    step = 10 ** -fracPart.length;
  }
  return { value: clean(value), step };
}

/**
 * Parses one numeral. Returns null for anything that is not a definite number
 * (数万, 几十, 十几 are approximations, not values).
 */
export function parseNumeral(input: string): ParsedNumeral | null {
  const s = asciiDigits(input.trim());
  // plain digits (2023, 5.8), most numbers: what the Arabic reading below gives them, with no pattern run
  const decimals = plainDecimals(s);
  if (decimals >= 0) return { value: clean(Number(s)), step: clean(10 ** -decimals) };
  if (!s || /[数几多余]/.test(s)) return null;
  // 百分之六点一 -> 6.1 (the caller knows it is a percentage from the prefix)
  if (s.startsWith('百分之')) return parseNumeral(s.slice(3));
  const frac = /^(.+)分之(.+)$/.exec(s);
  if (frac) {
    const den = parseNumeral(frac[1]);
    const num = parseNumeral(frac[2]);
    if (!den || !num || den.value === 0) return null;
    return { value: num.value / den.value, step: 0 };
  }
  const mixed = /^(\d+(?:,\d{3})*(?:\.\d+)?)([十百千万亿]*)$/.exec(s);
  if (mixed) {
    const base = parseArabic(mixed[1]);
    const scale = scaleOf(mixed[2]);
    if (!base || scale === null) return null;
    return { value: clean(base.value * scale), step: clean(base.step * scale) };
  }
  return parseChinese(s);
}

// parseNumeral's answers by spelling: a report writes the same few numerals (十, 百, 1亿, 5.5, 一九五八) again
// and again, and their parse (patterns, splits, arrays) costs far more than a lookup. Bounded: cleared when full.
const parsedBySpelling = new Map<string, ParsedNumeral | null>();

/** parseNumeral(s), parsed once per spelling (the answer is shared: do not modify it). */
export function parseNumeralOnce(s: string): ParsedNumeral | null {
  let p = parsedBySpelling.get(s);
  if (p === undefined) {
    if (parsedBySpelling.size >= 4096) parsedBySpelling.clear();
    parsedBySpelling.set(s, (p = parseNumeral(s)));
  }
  return p;
}

/** How many decimals `s` has when it is digits with at most one point between digits (12, 5.80), else -1. */
function plainDecimals(s: string): number {
  let point = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c !== 46 || point >= 0 || i === 0 || i === s.length - 1) return -1;
    point = i;
  }
  if (s.length === 0) return -1;
  return point < 0 ? 0 : s.length - point - 1;
}

/** Character class of everything a numeral may contain (for scanners). */
export const NUMERAL_CHARS = '0-9０-９.．,零〇一二两三四五六七八九十百千万亿点';
