// scanNumbers reads NUM_RE's matches by char code (scan.ts numeralMatch) and parses plain digits without a
// string. It must find what the pattern-driven scan found: numeralMatch the same spans and groups as NUM_RE's
// global scan, and scanNumbers the same numbers as the reference below (the scan as it ran on NUM_RE's
// matches), on texts of numerals, units, joiners, codes and words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { UNITS, type UnitEntry } from '../../../server/src/core/figures/lexicon';
import { clean, parseNumeral } from '../../../server/src/core/figures/numerals';
import { NUM_RE, numeralMatch, scanNumbers, type RawNumber } from '../../../server/src/core/figures/scan';

const token = fc.constantFrom(
  '12', '3.5', '1,234', '1,2345', '12,345.6', '２０', '１．５', '0', '007', '2023', '123456789012345678', '5.', '.5', '一', '十三', '两千', '二〇二三',
  '三点五', '点', '百分之', '百分', '分之', '百', '千', '万', '亿', '万亿', '零', '〇', '余', '多', '几', '数', '若', '近', '约', '-', '～', '至', '到', '和', '、',
  '及', '个', '家', '元', '%', '人', '人口', '成', '成为', '万元', '亿元', '个百分点', '倍', '年', '增长', '全市', '企业', '，', '。', 'a', 'A', 'kWh', '_', '/',
  '·', ' ', '\n', '．', ',',
);
const texts = fc.array(token, { maxLength: 16 }).map(t => t.join(''));

test('numeralMatch finds the matches of NUM_RE, with the same groups', () => {
  const match = new Int32Array(4);
  fc.assert(fc.property(texts, text => {
    const expected: number[][] = [];
    NUM_RE.lastIndex = 0;
    for (let m = NUM_RE.exec(text); m; m = NUM_RE.exec(text)) {
      const numStart = m.index + (m[1] ? m[1].length : 0);
      const mainTo = numStart + m[2].length;
      expected.push([m.index, numStart, mainTo, m[3] !== undefined ? mainTo + 2 : -1, m.index + m[0].length]);
    }
    const found: number[][] = [];
    for (let i = 0; i < text.length; i++) {
      if (!numeralMatch(text, i, match)) continue;
      found.push([i, match[0], match[1], match[2], match[3]]);
      i = match[3] - 1;
    }
    assert.deepEqual(found, expected);
  }), { numRuns: 5000 });
});

// ---- the reference: the scan as it read NUM_RE's matches ----
const APPROX_BEFORE_NUMERAL: ReadonlySet<string | undefined> = new Set([...'数几若多余']);
const AFTER_NUMERAL: ReadonlySet<string | undefined> = new Set([...'几多']);
const CHENG_WORD = /^成[为效立果功本员绩交长型就熟片套批]/;
const REN_WORD = /^人[口民员才大均工力事社群心物类生居家]/;
const FRACTION_UNIT: UnitEntry = { text: '', unit: 'fraction', kind: 'fraction', scale: 1 };
const PERCENT_UNIT: UnitEntry = { text: '', unit: '%', kind: 'percent', scale: 1 };
function unitAt(text: string, pos: number, chinese: boolean): UnitEntry | undefined {
  for (const u of UNITS) {
    if (!u.text || !text.startsWith(u.text, pos)) continue;
    if (u.chineseOnly && (!chinese || CHENG_WORD.test(text.slice(pos, pos + 2)))) continue;
    if (u.text === '人' && REN_WORD.test(text.slice(pos, pos + 2))) continue;
    return u;
  }
  return undefined;
}
function numeralAt(text: string, m: RegExpExecArray): { value: number; step: number } | null {
  const [whole, , main, fracTail, fracNum] = m;
  const chinese = !/[0-9０-９]/.test(main);
  if (fracTail) {
    const p = parseNumeral(`${main}分之${fracNum}`);
    return p ? { value: p.value, step: 0 } : null;
  }
  if (chinese) {
    if (/^[万亿]/.test(main) && !/^万亿/.test(main)) return null;
    if ((m.index > 0 && APPROX_BEFORE_NUMERAL.has(text[m.index - 1])) || AFTER_NUMERAL.has(text[m.index + whole.length])) return null;
  }
  return parseNumeral(main);
}
const kind = (text: string, pos: number, chars: string) => pos >= 0 && pos < text.length && chars.includes(text[pos]);
const CODE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.．_/';
const LETTER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANGE = '-－—–~～至到', LIST = '和、及与';
function referenceScan(text: string): RawNumber[] {
  const out: RawNumber[] = [];
  let pending: { m: RegExpExecArray; num?: { value: number; step: number } | null } | null = null;
  const pendingNum = (p: { m: RegExpExecArray; num?: { value: number; step: number } | null }) => (p.num === undefined ? (p.num = numeralAt(text, p.m)) : p.num);
  const re = new RegExp(NUM_RE.source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    const numEnd = start + m[0].length;
    const prevPending = pending;
    pending = null;
    if (kind(text, start - 1, CODE) && !(prevPending && prevPending.m.index + prevPending.m[0].length === start - 1 && pendingNum(prevPending))) continue;
    const numStart = start + (m[1] ? m[1].length : 0);
    const chinese = !/[0-9０-９]/.test(text[numStart]);
    const fraction = m[3] !== undefined;
    let pos = numEnd;
    let approxMid: string | undefined;
    if (text[pos] === '余' || text[pos] === '多') approxMid = text[pos++];
    let unit = unitAt(text, pos, chinese);
    if (unit) pos += unit.text.length;
    else if (m[1]) unit = PERCENT_UNIT;
    else if (fraction) unit = FRACTION_UNIT;
    if (!unit) {
      if (!approxMid && (kind(text, pos, RANGE) || kind(text, pos, LIST))) pending = { m };
      continue;
    }
    if (chinese && !fraction && !/[十百千万亿]/.test(m[2]) && unit.text !== '成') continue;
    if (kind(text, pos, LETTER)) continue;
    const num = numeralAt(text, m);
    if (!num) continue;
    const scale = unit.scale;
    const raw: RawNumber = {
      start, end: pos, numStart, numEnd, value: clean(num.value * scale), step: clean(num.step * scale), unit, unitText: unit.text, percentPrefix: !!m[1], approxMid,
    };
    const pm = prevPending?.m;
    const joinAt = pm ? pm.index + pm[0].length : -1;
    const prev = pm && joinAt === start - 1 ? pendingNum(prevPending!) : null;
    if (pm && prev) {
      if (kind(text, joinAt, RANGE)) {
        raw.high = raw.value;
        raw.value = clean(prev.value * scale);
        raw.start = pm.index;
        raw.numStart = pm.index;
      } else if (kind(text, joinAt, LIST)) {
        out.push({ ...raw, start: pm.index, end: joinAt, numStart: pm.index, numEnd: joinAt, value: clean(prev.value * scale), step: clean(prev.step * scale) });
      }
    }
    out.push(raw);
  }
  return out;
}

test('scanNumbers finds the numbers the scan over NUM_RE matches found', () => {
  fc.assert(fc.property(texts, text => {
    assert.deepEqual(scanNumbers(text), referenceScan(text));
  }), { numRuns: 20000 });
});

test('plain digits are read with the value and step parseNumeral gives them', () => {
  fc.assert(fc.property(fc.stringMatching(/^[0-9]{1,15}$/), digits => {
    const [r] = scanNumbers(`${digits}个`);
    const p = parseNumeral(digits)!;
    assert.equal(r.value, p.value);
    assert.equal(r.step, p.step);
  }), { numRuns: 5000 });
});
