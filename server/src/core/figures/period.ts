// When a figure holds: 2014年, 前5月, 截至2023年11月, 元旦假期, "十二五"期间, 2023年以来 …
// A period is normalised to { year, part, mode } so that 今年前5月 in a 2025 document and
// 2025年1-5月 compare equal.
import { parseNumeralOnce } from './numerals';
import { HOLIDAYS, RELATIVE_YEARS, YEAR_PARTS } from './lexicon';
import { StartScan } from './starts';

export interface Period {
  year?: number;
  /** 今年 = 0, 去年 = -1 when the document's year is unknown (a draft). */
  relYear?: number;
  /** 前5月, 上半年, 一季度, 11月, 元旦假期, 十二五, 近3年 … ('' for a whole year). */
  part?: string;
  /** since: 2023年以来; until: 截至…; now: 截至目前 / 目前. */
  mode?: 'since' | 'until' | 'now';
  /** As written, for messages. */
  text: string;
  /** Taken from an earlier sentence, not the figure's own. */
  inherited?: boolean;
  /** Taken from the heading of the figure's section (三、2017年重点工作任务). */
  fromHeading?: boolean;
}

interface PeriodMention extends Period {
  start: number;
  end: number;
}

const YEAR = '((?:19|20)\\d{2}|[一二〇零][〇零一二三四五六七八九]{3})年';
const NIAN = '年'.charCodeAt(0), YUE = '月'.charCodeAt(0), JI = '季'.charCodeAt(0);
/** Whether the character `c` stands in text[from, to]. */
function codeIn(text: string, c: number, from: number, to: number): boolean {
  for (let k = from; k <= to; k++) if (text.charCodeAt(k) === c) return true;
  return false;
}
/**
 * The first two characters of each holiday, as one number (a holiday match starts with one, at i or after
 * 今年 / 去年 / 上年); a holiday of one character (none in the lexicon today) by that character alone.
 */
const HOLIDAY_PAIRS = new Set(HOLIDAYS.filter(h => h.length >= 2).map(h => h.charCodeAt(0) * 0x10000 + h.charCodeAt(1)));
const HOLIDAY_SINGLES = new Set(HOLIDAYS.filter(h => h.length === 1).map(h => h.charCodeAt(0)));
const pairAt = (text: string, i: number) => text.charCodeAt(i) * 0x10000 + text.charCodeAt(i + 1);
const holidayAt = (text: string, i: number) =>
  HOLIDAY_PAIRS.has(pairAt(text, i)) || (HOLIDAY_SINGLES.size > 0 && HOLIDAY_SINGLES.has(text.charCodeAt(i)));

/**
 * The period patterns. `may`, when given, is a condition every match at i meets, cheap to test: the pattern
 * is tried only where it holds (most places its first character stands, 一, 上, 年, 中, a digit, start none).
 */
const PATTERNS: Array<{ re: RegExp; build: (m: RegExpExecArray, docYear?: number) => Period | null; may?: (text: string, i: number) => boolean }> = [
  {
    re: /(?:截至|截止|截止到|截至到)(?:目前|今天|现在|当前)|目前|当前|至今|迄今/g,
    build: m => ({ mode: 'now', text: m[0] }),
  },
  {
    re: new RegExp(`(?:截至|截止|截止到|到)${YEAR}(?:(\\d{1,2})月)?(?:底|末)?`, 'g'),
    build: m => ({ year: yearOf(m[1]), part: m[2] ? `${Number(m[2])}月` : undefined, mode: 'until', text: m[0] }),
  },
  {
    re: new RegExp(`${YEAR}(?:(?:1|一)?[-—至到~～](\\d{1,2})月|前(\\d{1,2}|[一二三四五六七八九十]{1,2})个?月|(\\d{1,2})月份?(?!\\d{1,2}日)|(全年|上半年|下半年|前三季度|[一二三四]季度|第[一二三四]季度|年底|年末|年初))?(以来)?`, 'g'),
    // (a year is four characters and 年)
    may: (text, i) => text.charCodeAt(i + 4) === NIAN,
    build: m => {
      const part = m[2] ? `前${Number(m[2])}月` : m[3] ? `前${parseNumeralOnce(m[3])?.value}月` : m[4] ? `${Number(m[4])}月` : normPart(m[5]);
      return { year: yearOf(m[1]), part, mode: m[6] ? 'since' : undefined, text: m[0] };
    },
  },
  {
    re: /(今年|本年|当年|去年|上年|前年|明年)?(?:(?:1|一)?[-—至到~～](\d{1,2})月|前(\d{1,2}|[一二三四五六七八九十]{1,2})个?月|(全年|上半年|下半年|前三季度|[一二三四]季度|第[一二三四]季度|年底|年末|年初))(以来)?/g,
    // (今年… has 年 second; else 月 comes third to fifth (1-5月, 前10个月), 年 or 季 first to third (年底, 全年, 一季度, 第一季度))
    may: (text, i) => codeIn(text, NIAN, i, i + 4) || codeIn(text, YUE, i + 2, i + 4) || codeIn(text, JI, i + 1, i + 2),
    build: (m, docYear) => {
      const part = m[2] ? `前${Number(m[2])}月` : m[3] ? `前${parseNumeralOnce(m[3])?.value}月` : normPart(m[4]);
      return { ...relative(m[1], docYear), part, mode: m[5] ? 'since' : undefined, text: m[0] };
    },
  },
  {
    re: /(今年|本年|去年|上年|前年)(以来)?/g,
    build: (m, docYear) => ({ ...relative(m[1], docYear), part: '', mode: m[2] ? 'since' : undefined, text: m[0] }),
  },
  {
    re: /["“”「]?(十[一二三四五六七八九]?五)["“”」]?(?:期间|时期|以来)?/g,
    build: m => ({ part: m[1], text: m[0] }),
  },
  {
    re: /(?:今后|未来)(\d{1,2}|[一二三四五六七八九十两])年/g,
    build: m => ({ part: `未来${parseNumeralOnce(m[1])?.value}年`, text: m[0] }),
  },
  {
    re: /(?:近|过去)(\d{1,2}|[一二三四五六七八九十两])年|(\d{1,2}|[一二三四五六七八九十两])年(?:来|间)/g,
    // (年 second to fifth: 5年来, 12年间, 近5年, 过去12年)
    may: (text, i) => codeIn(text, NIAN, i + 1, i + 4),
    build: m => ({ part: `近${parseNumeralOnce(m[1] ?? m[2])?.value}年`, text: m[0] }),
  },
  {
    re: new RegExp(`(今年|去年|上年)?(${HOLIDAYS.join('|')})`, 'g'),
    may: (text, i) => holidayAt(text, i) || holidayAt(text, i + 2),
    build: (m, docYear) => ({ ...relative(m[1], docYear), part: m[2].replace(/假期|期间|黄金周/, ''), text: m[0] }),
  },
];

/** The period patterns, in the order findPeriods applies them (tests compare it with each pattern's own scan). */
export const PERIOD_PATTERNS: ReadonlyArray<{ re: RegExp; build: (m: RegExpExecArray, docYear?: number) => Period | null }> = PATTERNS;

const SCANS = PATTERNS.map(({ re, build, may }) => ({ scan: new StartScan(re), build, may }));
/** Per character, the patterns that may start with it (bit k: SCANS[k]; sixteen patterns at most). */
if (SCANS.length > 16) throw new Error('period.ts: more than 16 period patterns (STARTS holds 16 bits)');
const STARTS = new Uint16Array(0x10000);
SCANS.forEach(({ scan }, k) => {
  for (let c = 0; c < 0x10000; c++) if (scan.mayStart(c)) STARTS[c] |= 1 << k;
});

function relative(word: string | undefined, docYear: number | undefined): Pick<Period, 'year' | 'relYear'> {
  if (!word) return {};
  const offset = RELATIVE_YEARS[word];
  return docYear !== undefined ? { year: docYear + offset } : { relYear: offset };
}

function yearOf(s: string): number | undefined {
  return parseNumeralOnce(s)?.value;
}
function normPart(p: string | undefined): string | undefined {
  if (p === undefined) return undefined;
  if (p === '全年') return '';
  return p.replace(/^第/, '');
}

const BASELINE_BEFORE = new Uint8Array(0x10000);
for (const ch of '比较与同和跟由从') BASELINE_BEFORE[ch.charCodeAt(0)] = 1;

/** Every period expression in text, in text order, earlier and longer first on overlap. */
export function findPeriods(text: string, docYear?: number): PeriodMention[] {
  const all: PeriodMention[] = [];
  // (one pass over the text for all the patterns, each tried only where a match of it can start
  // (starts.ts), from where its last match ended: each finds what its own global scan would)
  const from = new Int32Array(SCANS.length);
  for (let i = 0; i < text.length; i++) {
    const may = STARTS[text.charCodeAt(i)];
    if (may === 0) continue;
    for (let k = 0; k < SCANS.length; k++) {
      if ((may & (1 << k)) === 0 || i < from[k]) continue;
      const { scan, build, may: mayMatch } = SCANS[k];
      if (mayMatch && !mayMatch(text, i)) continue;
      const m = scan.execAt(text, i);
      if (!m) continue;
      from[k] = i + Math.max(1, m[0].length);
      if (m[0].length === 0) continue;
      // 比上年, 较去年, 与2000年相比: the baseline of a comparison, not the figure's period
      if (m.index > 0 && BASELINE_BEFORE[text.charCodeAt(m.index - 1)] === 1) continue;
      // (build makes a new object each time: the mention is that object with its place, not a copy of it)
      const p = build(m, docYear) as PeriodMention | null;
      if (!p) continue;
      p.start = m.index;
      p.end = m.index + m[0].length;
      all.push(p);
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PeriodMention[] = [];
  for (const m of all) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) continue;
    out.push(m);
  }
  return out;
}

/** Merges the mentions of one sentence: a year from one, a part from another (2015年…全年). */
export function combine(mentions: PeriodMention[]): Period | undefined {
  if (mentions.length === 0) return undefined;
  const p: Period = { text: mentions.map(m => m.text).join('') };
  for (const m of mentions) {
    if (m.year !== undefined) p.year = m.year;
    if (m.relYear !== undefined) p.relYear = m.relYear;
    if (m.part !== undefined && (m.part !== '' || p.part === undefined)) p.part = m.part;
    if (m.mode) p.mode = m.mode;
  }
  return p;
}

export function isVague(p: Period | undefined): boolean {
  return !p || (p.year === undefined && p.relYear === undefined && !p.part && p.mode !== 'since' && p.mode !== 'until');
}

/** A period the figure states itself, with a year or a part of one (not only 今年 / 截至目前, not inherited). */
export function isFirm(p: Period | undefined): boolean {
  return !!p && !isVague(p) && !p.inherited && (p.year !== undefined || !!p.part);
}

/**
 * strict: both vague, or both definite and equal (the corpus check).
 * lenient: a vague period matches anything (one draft restating its own figure later).
 */
export function periodsCompatible(a: Period | undefined, b: Period | undefined, strict: boolean): boolean {
  const va = isVague(a), vb = isVague(b);
  if (va && vb) return true;
  // a figure stated without a period matches one whose period was only set sentences before
  if (va || vb) return !strict || (va ? !!b!.inherited : !!a!.inherited);
  if (a!.year !== undefined && b!.year !== undefined && a!.year !== b!.year) return false;
  if (a!.relYear !== undefined && b!.relYear !== undefined && a!.relYear !== b!.relYear) return false;
  if ((a!.part ?? '') !== (b!.part ?? '')) return false;
  const ma = a!.mode === 'now' ? undefined : a!.mode;
  const mb = b!.mode === 'now' ? undefined : b!.mode;
  return ma === mb;
}

export function describePeriod(p: Period | undefined): string {
  if (!p) return '';
  if (isVague(p)) return p.mode === 'now' ? p.text : '';
  const year = p.year !== undefined ? `${p.year}年` : p.relYear !== undefined ? (p.relYear === 0 ? '今年' : p.relYear === -1 ? '去年' : '') : '';
  const part = p.part ?? '';
  const mode = p.mode === 'since' ? '以来' : '';
  return (p.mode === 'until' ? '截至' : '') + year + part + mode;
}
