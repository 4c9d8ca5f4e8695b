// Finds numbers with their units in a text: 5.8万家次, 近12亿元, 3-4个小时, 2.0和3.3个百分点,
// 十三分之一, 四成. What is not followed by a unit (years, dates, codes, list numbers) is skipped.
import { UNITS, type UnitEntry } from './lexicon';
import { clean, parseNumeralOnce } from './numerals';

/** A number as written: 百分之 / digits / Chinese numerals, a fraction's 分之 (scanNumbers reads its matches). */
export const NUM_RE =
  /(百分之)?([0-9０-９]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?[万亿千百]{0,2}|[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?)(分之([0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百千]+))?/g;
// (scanNumbers reads NUM_RE's matches by char code, numeralMatch below: the regex match of every numeral of
// prose, 一, 十, 万 …, made an array and its strings, and most stand before no unit)

/** 数万, 几十, 若干 … : a Chinese numeral after these (or followed by 几 / 多: 十几, 二十多) is no definite number. */
const APPROX_BEFORE_NUMERAL = codeSet('数几若多余');
const AFTER_NUMERAL = codeSet('几多');
/** 成 is a unit (四成) except in words: 成为, 成效, 成立 … (the character after 成) */
const CHENG_WORD = codeSet('为效立果功本员绩交长型就熟片套批');
/** 人 is a unit (591人) except at the start of a word: 人口, 人民, 人员, 人才 … (the character after 人) */
const REN_WORD = codeSet('口民员才大均工力事社群心物类生居家');
const CHENG = '成'.charCodeAt(0), REN = '人'.charCodeAt(0), YU = '余'.charCodeAt(0), DUO = '多'.charCodeAt(0);

function codeSet(chars: string): Uint8Array {
  const set = new Uint8Array(0x10000);
  for (const ch of chars) set[ch.charCodeAt(0)] = 1;
  return set;
}

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
  const units = UNITS_BY_FIRST.get(text.charCodeAt(pos));
  if (!units) return undefined;
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    if (!text.startsWith(u.text, pos)) continue;
    if (u.chineseOnly && (!chinese || (text.charCodeAt(pos) === CHENG && CHENG_WORD[text.charCodeAt(pos + 1)] === 1))) continue;
    if (u.text === '人' && text.charCodeAt(pos) === REN && REN_WORD[text.charCodeAt(pos + 1)] === 1) continue;
    return u;
  }
  return undefined;
}

// What the matcher asks of a character, by code (the character classes of NUM_RE)
const AR = 1, FW = 2, CN = 4, CN_DEC = 8, CN_FRAC = 16, SCALE = 32, POINT = 64, SCALE_CN = 128;
const NUM_KIND = new Uint8Array(0x10000);
const markNum = (chars: string, kind: number) => {
  for (const ch of chars) NUM_KIND[ch.charCodeAt(0)] |= kind;
};
markNum('0123456789', AR);
markNum('０１２３４５６７８９', FW);
markNum('零〇一二两三四五六七八九十百千万亿', CN);
markNum('零〇一二三四五六七八九', CN_DEC);
markNum('零〇一二两三四五六七八九十百千', CN_FRAC);
markNum('万亿千百', SCALE);
markNum('.．', POINT);
// (isChineseSingle: a Chinese main part with a positional character is more than one digit)
markNum('十百千万亿', SCALE_CN);
const COMMA = 44, BAI = '百'.charCodeAt(0), FEN = '分'.charCodeAt(0), ZHI = '之'.charCodeAt(0), DIAN = '点'.charCodeAt(0);
const WAN = '万'.charCodeAt(0), YI = '亿'.charCodeAt(0);

/** NUM_KIND of the character at `pos` (0 past the end). */
function numKind(text: string, pos: number): number {
  return pos < text.length ? NUM_KIND[text.charCodeAt(pos)] : 0;
}

/** Where NUM_RE's main part (group 2) matched at `p` ends, or -1 when none starts there. */
function mainEnd(text: string, p: number): number {
  const k = numKind(text, p);
  if (k & (AR | FW)) {
    // [0-9０-９]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?[万亿千百]{0,2}
    let q = p + 1;
    while (numKind(text, q) & (AR | FW)) q++;
    while (text.charCodeAt(q) === COMMA && numKind(text, q + 1) & AR && numKind(text, q + 2) & AR && numKind(text, q + 3) & AR && !(numKind(text, q + 4) & AR)) q += 4;
    if (numKind(text, q) & POINT && numKind(text, q + 1) & (AR | FW)) {
      q += 2;
      while (numKind(text, q) & (AR | FW)) q++;
    }
    if (numKind(text, q) & SCALE) {
      q++;
      if (numKind(text, q) & SCALE) q++;
    }
    return q;
  }
  if (k & CN) {
    // [零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?
    let q = p + 1;
    while (numKind(text, q) & CN) q++;
    if (text.charCodeAt(q) === DIAN && numKind(text, q + 1) & CN_DEC) {
      q += 2;
      while (numKind(text, q) & CN_DEC) q++;
    }
    return q;
  }
  return -1;
}

/**
 * NUM_RE's match at `i`, read by char code into `match`: [numStart (after 百分之), main part's end, the
 * fraction's numeral start (after 分之; -1: no fraction), end]. False when no numeral starts at `i`. Every
 * quantifier of NUM_RE is greedy and all that follows it optional, so its first way through is the longest
 * at each step, as read here (a test compares the two on random texts).
 */
export function numeralMatch(text: string, i: number, match: Int32Array): boolean {
  let numStart = i;
  let end = -1;
  // (百分之)?: taken when a main part follows it, else 百 is a numeral of its own
  if (text.charCodeAt(i) === BAI && text.charCodeAt(i + 1) === FEN && text.charCodeAt(i + 2) === ZHI) {
    end = mainEnd(text, i + 3);
    if (end >= 0) numStart = i + 3;
  }
  if (end < 0) end = mainEnd(text, i);
  if (end < 0) return false;
  match[0] = numStart;
  match[1] = end;
  match[2] = -1;
  // (分之([0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百千]+))?
  if (text.charCodeAt(end) === FEN && text.charCodeAt(end + 1) === ZHI) {
    const f = end + 2;
    const k = numKind(text, f);
    let q = -1;
    if (k & (AR | FW)) {
      q = f + 1;
      while (numKind(text, q) & (AR | FW)) q++;
      if (numKind(text, q) & POINT && numKind(text, q + 1) & (AR | FW)) {
        q += 2;
        while (numKind(text, q) & (AR | FW)) q++;
      }
    } else if (k & CN_FRAC) {
      q = f + 1;
      while (numKind(text, q) & CN_FRAC) q++;
    }
    if (q >= 0) {
      match[2] = f;
      end = q;
    }
  }
  match[3] = end;
  return true;
}

// the value and step numeralAt read (one number at a time: no object made per numeral)
let numValue = 0, numStep = 0;

/**
 * Reads the numeral [start, end) (a NUM_RE match: main part [numStart, mainTo), fraction when fraction) into
 * numValue / numStep; false when it is not a definite number (数万, 十几, 一些).
 */
function numeralAt(text: string, start: number, numStart: number, mainTo: number, fraction: boolean, end: number): boolean {
  const chinese = (NUM_KIND[text.charCodeAt(numStart)] & (AR | FW)) === 0;
  if (fraction) {
    const p = parseNumeralOnce(text.slice(numStart, end));
    if (!p) return false;
    numValue = p.value;
    numStep = 0;
    return true;
  }
  if (chinese) {
    const first = text.charCodeAt(numStart);
    if ((first === WAN || first === YI) && !(first === WAN && text.charCodeAt(numStart + 1) === YI)) return false;
    // (the characters on either side of the whole match, 百分之 included)
    if ((start > 0 && APPROX_BEFORE_NUMERAL[text.charCodeAt(start - 1)] === 1) || AFTER_NUMERAL[text.charCodeAt(end)] === 1) return false;
  } else if (mainTo - numStart <= 15) {
    // plain ASCII digits (12, 2023), most numbers: the value parseNumeral gives them, with no string made
    let v = 0;
    let q = numStart;
    for (; q < mainTo; q++) {
      const c = text.charCodeAt(q);
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
    }
    if (q === mainTo) {
      numValue = v;
      numStep = 1;
      return true;
    }
  }
  const p = parseNumeralOnce(text.slice(numStart, mainTo));
  if (!p) return false;
  numValue = p.value;
  numStep = p.step;
  return true;
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

const match = new Int32Array(4);
/** A line's numbers when it has none, shared by every such line (frozen: cached per line, never appended to). */
const NO_NUMBERS = Object.freeze([]) as unknown as RawNumber[];

/**
 * The numbers with a unit in `text` (a line with none: an empty list shared by all, not to be modified). A
 * numeral is parsed only once what follows it could make it a number (a unit, 百分之, 分之, or a joiner to
 * the next number): most numerals of prose (一, 两, 十四五) stand before no unit, and what the scan answers
 * for them does not depend on their value.
 */
export function scanNumbers(text: string): RawNumber[] {
  let out = NO_NUMBERS;
  const at = match;
  // A number waiting for the unit of the next (2.0和3.3个百分点, 3-4个小时), as positions (pStart < 0: none),
  // parsed when that is asked for: pState 0 not yet, 1 a definite number (pValue, pStep), 2 none. (Locals, not
  // an object per pending numeral or a closure over them; a pending number, like any numeral, is parsed only
  // when its value is read: a pending number that is no definite number counts as none.)
  let pStart = -1, pNumStart = 0, pMainTo = 0, pFraction = false, pEnd = 0, pState = 0, pValue = 0, pStep = 0;
  for (let i = 0; i < text.length; i++) {
    if ((NUM_KIND[text.charCodeAt(i)] & (AR | FW | CN)) === 0 || !numeralMatch(text, i, at)) continue;
    const start = i;
    const numStart = at[0], mainTo = at[1], fraction = at[2] >= 0, numEnd = at[3];
    // (the next match is looked for from this one's end)
    i = numEnd - 1;
    const hadPending = pStart >= 0 && pEnd === start - 1;
    const prevStart = pStart;
    if (hadPending && pState === 0) {
      pState = numeralAt(text, pStart, pNumStart, pMainTo, pFraction, pEnd) ? 1 : 2;
      pValue = numValue;
      pStep = numStep;
    }
    const prevNumber = hadPending && pState === 1;
    pStart = -1;
    // (a numeral that is no definite number, numeralAt false, is skipped like one with no unit: each test
    // below that skips the numeral skips it either way, so the parse waits until nothing else does; the
    // pending number's parse above is what the first of those tests would ask for)
    if ((kindAt(text, start - 1) & CODE) !== 0 && !prevNumber) continue;
    // (the main part is Arabic digits from its first character on, or Chinese numerals with no digit at all)
    const chinese = (kindAt(text, numStart) & DIGIT) === 0;
    let pos = numEnd;
    let approxMid: string | undefined;
    const after = text.charCodeAt(pos);
    if (after === YU || after === DUO) approxMid = text[pos++];
    let unit = unitAt(text, pos, chinese);
    if (unit) pos += unit.text.length;
    else if (numStart > start) unit = PERCENT_UNIT;
    else if (fraction) unit = FRACTION_UNIT;
    if (!unit) {
      if (!approxMid && (kindAt(text, pos) & (RANGE | LIST)) !== 0) {
        pStart = start;
        pNumStart = numStart;
        pMainTo = mainTo;
        pFraction = fraction;
        pEnd = numEnd;
        pState = 0;
      }
      continue;
    }
    if (chinese && !fraction && unit.text !== '成' && !hasPositional(text, numStart, mainTo)) continue;
    if ((kindAt(text, pos) & LETTER) !== 0 || !numeralAt(text, start, numStart, mainTo, fraction, numEnd)) continue;
    const scale = unit.scale;
    const raw: RawNumber = {
      start,
      end: pos,
      numStart,
      numEnd,
      value: clean(numValue * scale),
      step: clean(numStep * scale),
      unit,
      unitText: unit.text,
      percentPrefix: numStart > start,
      approxMid,
    };
    if (out === NO_NUMBERS) out = [];
    if (prevNumber) {
      const joiner = kindAt(text, pEnd);
      if (joiner & RANGE) {
        // 3-4个小时, 5万～10万人: one figure spanning both numbers
        raw.high = raw.value;
        raw.value = clean(pValue * scale);
        raw.start = prevStart;
        raw.numStart = prevStart;
      } else if (joiner & LIST) {
        out.push({
          ...raw,
          start: prevStart,
          end: pEnd,
          numStart: prevStart,
          numEnd: pEnd,
          value: clean(pValue * scale),
          step: clean(pStep * scale),
        });
      }
    }
    out.push(raw);
  }
  return out;
}

/** Whether the Chinese main part [from, to) holds 十 百 千 万 or 亿 (more than a digit). */
function hasPositional(text: string, from: number, to: number): boolean {
  for (let q = from; q < to; q++) if (NUM_KIND[text.charCodeAt(q)] & SCALE_CN) return true;
  return false;
}
