// Finds numbers with their units in a text: 5.8万家次, 近12亿元, 3-4个小时, 2.0和3.3个百分点,
// 十三分之一, 四成. What is not followed by a unit (years, dates, codes, list numbers) is skipped.
import { UNITS, type UnitEntry } from './lexicon';
import { clean, parseNumeral } from './numerals';
import { StartScan } from './starts';

/** A number as written: 百分之 / digits / Chinese numerals, a fraction's 分之 (scanNumbers reads its matches). */
export const NUM_RE =
  /(百分之)?([0-9０-９]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?[万亿千百]{0,2}|[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?)(分之([0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百千]+))?/g;
/** NUM_RE tried only where a numeral can start (starts.ts): the global regex tried every position of the text. */
const NUM_SCAN = new StartScan(NUM_RE);

/** 数万, 几十, 若干 … : a Chinese numeral after these (or followed by 几 / 多: 十几, 二十多) is no definite number. */
const APPROX_BEFORE_NUMERAL: ReadonlySet<string | undefined> = new Set([...'数几若多余']);
const AFTER_NUMERAL: ReadonlySet<string | undefined> = new Set([...'几多']);
/** 成 is a unit (四成) except in words: 成为, 成效, 成立 … */
const CHENG_WORD = /^成[为效立果功本员绩交长型就熟片套批]/;
/** 人 is a unit (591人) except at the start of a word: 人口, 人民, 人员, 人才 … */
const REN_WORD = /^人[口民员才大均工力事社群心物类生居家]/;

export interface RawNumber {
  start: number;
  end: number;
  numStart: number;
  numEnd: number;
  value: number;
  step: number;
  high?: number;
  unit: UnitEntry;
  unitText: string;
  percentPrefix: boolean;
  approxMid?: string;
}

const NO_UNITS: UnitEntry[] = [];
const FRACTION_UNIT: UnitEntry = { text: '', unit: 'fraction', kind: 'fraction', scale: 1 };
const PERCENT_UNIT: UnitEntry = { text: '', unit: '%', kind: 'percent', scale: 1 };

/** UNITS by their first UTF-16 unit, each list in UNITS' order (longest first). */
const UNITS_BY_FIRST = new Map<number, UnitEntry[]>();
for (const u of UNITS) {
  if (!u.text) continue;
  const k = u.text.charCodeAt(0);
  const list = UNITS_BY_FIRST.get(k);
  if (list) list.push(u);
  else UNITS_BY_FIRST.set(k, [u]);
}

function unitAt(text: string, pos: number, chinese: boolean): UnitEntry | undefined {
  // (only the units starting with the character at pos can match; the first in UNITS' order wins)
  for (const u of UNITS_BY_FIRST.get(text.charCodeAt(pos)) ?? NO_UNITS) {
    if (!text.startsWith(u.text, pos)) continue;
    if (u.chineseOnly && (!chinese || CHENG_WORD.test(text.slice(pos, pos + 2)))) continue;
    if (u.text === '人' && REN_WORD.test(text.slice(pos, pos + 2))) continue;
    return u;
  }
  return undefined;
}

/** A numeral token at `m`, or null when it is not a definite number (数万, 十几, 一些). */
function numeralAt(text: string, m: RegExpExecArray): { value: number; step: number; chinese: boolean; fraction: boolean } | null {
  const [whole, , main, fracTail, fracNum] = m;
  const chinese = !/[0-9０-９]/.test(main);
  if (fracTail) {
    const p = parseNumeral(`${main}分之${fracNum}`);
    return p ? { value: p.value, step: 0, chinese, fraction: true } : null;
  }
  if (chinese) {
    if (/^[万亿]/.test(main) && !/^万亿/.test(main)) return null;
    // (the characters on either side, read directly: a regex ending in $ over the text before the
    // match would try every position of it)
    if ((m.index > 0 && APPROX_BEFORE_NUMERAL.has(text[m.index - 1])) || AFTER_NUMERAL.has(text[m.index + whole.length])) return null;
  }
  const p = parseNumeral(main);
  return p ? { value: p.value, step: p.step, chinese, fraction: false } : null;
}

// What the scan asks of single characters around a numeral, by char code (text[i] makes a string per ask)
const CODE = 1, LETTER = 2, RANGE = 4, LIST = 8, DIGIT = 16;
const CHAR_KIND = new Uint8Array(0x10000);
const mark = (chars: string, kind: number) => {
  for (const ch of chars) CHAR_KIND[ch.charCodeAt(0)] |= kind;
};
// a code's characters before a numeral (A1, 3.5.2, x/2) make it no figure; a letter after the unit (5万kWh) too
mark('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', CODE | LETTER);
mark('0123456789.．_/', CODE);
// joiners of a range (3-4个小时) and of a list (2.0和3.3个百分点)
mark('-－—–~～至到', RANGE);
mark('和、及与', LIST);
mark('0123456789０１２３４５６７８９', DIGIT);
/** CHAR_KIND of the character at `pos` (0 past the end). */
function kindAt(text: string, pos: number): number {
  return pos >= 0 && pos < text.length ? CHAR_KIND[text.charCodeAt(pos)] : 0;
}

/** A number waiting for the unit of the next (2.0和3.3个百分点, 3-4个小时): parsed when that is asked for (null: no definite number). */
interface Pending {
  m: RegExpExecArray;
  num: { value: number; step: number } | null | undefined;
}
function pendingNum(text: string, p: Pending): { value: number; step: number } | null {
  if (p.num === undefined) p.num = numeralAt(text, p.m);
  return p.num;
}

/**
 * The numbers with a unit in `text`. A numeral is parsed only once what follows it could make it a number
 * (a unit, 百分之, 分之, or a joiner to the next number): most numerals of prose (一, 两, 十四五) stand
 * before no unit, and what the scan answers for them does not depend on their value.
 */
export function scanNumbers(text: string): RawNumber[] {
  const out: RawNumber[] = [];
  // (a pending number, like any numeral, is parsed only when its value is read: a pending number that is
  // no definite number counts as none)
  let pending: Pending | null = null;
  for (let m = NUM_SCAN.exec(text, 0); m; m = NUM_SCAN.exec(text, m.index + m[0].length)) {
    const start = m.index;
    const numEnd = start + m[0].length;
    const prevPending: Pending | null = pending;
    pending = null;
    // (a numeral that is no definite number, numeralAt null, is skipped like one with no unit: each test
    // below that skips the numeral skips it either way, so the parse waits until nothing else does)
    if ((kindAt(text, start - 1) & CODE) !== 0
      && !(prevPending && prevPending.m.index + prevPending.m[0].length === start - 1 && pendingNum(text, prevPending))) continue;
    const numStart = start + (m[1] ? m[1].length : 0);
    // (the main part is Arabic digits from its first character on, or Chinese numerals with no digit at all)
    const chinese = (kindAt(text, numStart) & DIGIT) === 0;
    const fraction = m[3] !== undefined;
    let pos = numEnd;
    let approxMid: string | undefined;
    if (text[pos] === '余' || text[pos] === '多') approxMid = text[pos++];
    let unit = unitAt(text, pos, chinese);
    if (unit) pos += unit.text.length;
    else if (m[1]) unit = PERCENT_UNIT;
    else if (fraction) unit = FRACTION_UNIT;
    if (!unit) {
      if (!approxMid && (kindAt(text, pos) & (RANGE | LIST)) !== 0) pending = { m, num: undefined };
      continue;
    }
    const isChineseSingle = chinese && !fraction && !/[十百千万亿]/.test(m[2]) && unit.text !== '成';
    if (isChineseSingle) continue;
    if ((kindAt(text, pos) & LETTER) !== 0) continue;
    const num = numeralAt(text, m);
    if (!num) continue;
    const scale = unit.scale;
    const raw: RawNumber = {
      start,
      end: pos,
      numStart,
      numEnd,
      value: clean(num.value * scale),
      step: clean(num.step * scale),
      unit,
      unitText: unit.text,
      percentPrefix: !!m[1],
      approxMid,
    };
    const pm = prevPending?.m;
    const joinAt = pm ? pm.index + pm[0].length : -1;
    const prev = pm && joinAt === start - 1 ? pendingNum(text, prevPending!) : null;
    if (pm && prev) {
      const joiner = kindAt(text, joinAt);
      if (joiner & RANGE) {
        // 3-4个小时, 5万～10万人: one figure spanning both numbers
        raw.high = raw.value;
        raw.value = clean(prev.value * scale);
        raw.start = pm.index;
        raw.numStart = pm.index;
      } else if (joiner & LIST) {
        out.push({
          ...raw,
          start: pm.index,
          end: joinAt,
          numStart: pm.index,
          numEnd: joinAt,
          value: clean(prev.value * scale),
          step: clean(prev.step * scale),
        });
      }
    }
    out.push(raw);
  }
  return out;
}

