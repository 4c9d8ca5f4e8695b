// Heading numbers as they appear in policy documents: Chinese numerals (一 … 九十九) and Arabic
// digits (half- or full-width), read and written back.

const DIGITS = '〇一二三四五六七八九';
const FULLWIDTH_ZERO = 0xff10;

/** Reads 一 … 九百九十九 (with 十/百, 两 for 2, 〇/零 as zero); undefined when it is not a numeral. */
export function parseChineseNumber(s: string): number | undefined {
  if (!s || !/^[〇零一二两三四五六七八九十百]+$/.test(s)) return undefined;
  const digit = (c: string): number => (c === '两' ? 2 : c === '零' ? 0 : DIGITS.indexOf(c));
  let total = 0;
  let current = -1;
  for (const c of s) {
    if (c === '百' || c === '十') {
      const unit = c === '百' ? 100 : 10;
      total += (current < 0 ? 1 : current) * unit;
      current = -1;
    } else {
      const d = digit(c);
      if (d < 0) return undefined;
      // 二〇三 style digit strings are not heading numbers.
      if (current > 0) return undefined;
      current = d;
    }
  }
  if (current > 0) total += current;
  return total > 0 ? total : undefined;
}

/** Writes 1 … 999 as a Chinese heading numeral (十一, 二十, 一百零五). */
export function formatChineseNumber(n: number): string {
  if (!Number.isInteger(n) || n <= 0 || n >= 1000) return String(n);
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let out = '';
  if (hundreds) out += DIGITS[hundreds] + '百';
  if (tens) out += (tens === 1 && !hundreds ? '' : DIGITS[tens]) + '十';
  else if (hundreds && ones) out += '零';
  if (ones) out += DIGITS[ones];
  return out;
}

/** Reads half- or full-width Arabic digits. */
export function parseArabicNumber(s: string): number | undefined {
  if (!/^[0-9０-９]+$/.test(s)) return undefined;
  const ascii = s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - FULLWIDTH_ZERO + 48));
  const n = Number(ascii);
  return n > 0 ? n : undefined;
}

/** Writes n in the same width (half/full) as `like`. */
export function formatArabicNumber(n: number, like: string): string {
  const s = String(n);
  return /[０-９]/.test(like) ? s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 48 + FULLWIDTH_ZERO)) : s;
}
