// Finds the statistics in a text: number + unit, with the words around them that say what,
// who, when and how (indicator, subject, period, relation, qualifier). Years, dates, ordinals,
// list numbers, codes and time limits are not statistics and are left out.
import {
  NOT_STAT_AFTER, NOT_STAT_BEFORE, PART_MARKERS, QUALIFIERS_AFTER, QUALIFIERS_BEFORE, RELATIONS, RULE_BEFORE,
  SHARE_WORDS, TARGET_CONTEXT, UNITS, endsWithAny, type RelationClass, type UnitEntry,
} from './lexicon';
import { asciiDigits, clean, parseNumeral } from './numerals';
import { combine, findPeriods, type Period } from './period';
import { clauseEnd, clauseStart, fullSentenceStart, paragraphStart, sentenceStart, firstLine } from './segments';
import { NATION, WHOLE, chainEnd, findSubjects, mainSubjectOf, type MainSubject, type SubjectMention } from './subject';
import type { Figure } from './types';
import { toSimplified } from '../text/script';

const NUM_RE =
  /(百分之)?([0-9０-９]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?[万亿千百]{0,2}|[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?)(分之([0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百千]+))?/g;
const RANGE_JOIN = /^[-－—–~～至到]$/;
const LIST_JOIN = /^[和、及与]$/;
const APPROX_BEFORE_NUMERAL = /[数几若多余]$/;
const CODE_CHAR = /[A-Za-z0-9.．_/]/;
/** 成 is a unit (四成) except in words: 成为, 成效, 成立 … */
const CHENG_WORD = /^成[为效立果功本员绩交长型就熟片套批]/;

interface RawNumber {
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

function unitAt(text: string, pos: number, chinese: boolean): UnitEntry | undefined {
  for (const u of UNITS) {
    if (!text.startsWith(u.text, pos)) continue;
    if (u.chineseOnly && (!chinese || CHENG_WORD.test(text.slice(pos, pos + 2)))) continue;
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
    if (APPROX_BEFORE_NUMERAL.test(text.slice(0, m.index)) || /^[几多]/.test(text.slice(m.index + whole.length))) return null;
  }
  const p = parseNumeral(main);
  return p ? { value: p.value, step: p.step, chinese, fraction: false } : null;
}

function scanNumbers(text: string): RawNumber[] {
  const out: RawNumber[] = [];
  NUM_RE.lastIndex = 0;
  type Pending = { m: RegExpExecArray; value: number; step: number };
  let pending: Pending | null = null; // a number waiting for the unit of the next (2.0和3.3个百分点, 3-4个小时)
  for (let m = NUM_RE.exec(text); m; m = NUM_RE.exec(text)) {
    const start = m.index;
    const numEnd = start + m[0].length;
    const num = numeralAt(text, m);
    const prevPending: Pending | null = pending;
    pending = null;
    if (!num) continue;
    if (start > 0 && CODE_CHAR.test(text[start - 1]) && !(prevPending && prevPending.m.index + prevPending.m[0].length === start - 1)) continue;
    const numStart = start + (m[1] ? m[1].length : 0);
    let pos = numEnd;
    let approxMid: string | undefined;
    if (text[pos] === '余' || text[pos] === '多') approxMid = text[pos++];
    let unit = unitAt(text, pos, num.chinese);
    if (unit) pos += unit.text.length;
    else if (m[1]) unit = PERCENT_UNIT;
    else if (num.fraction) unit = FRACTION_UNIT;
    const isChineseSingle = num.chinese && !num.fraction && !/[十百千万亿]/.test(m[2]) && unit?.text !== '成';
    if (!unit) {
      if (!approxMid && (RANGE_JOIN.test(text[pos] ?? '') || LIST_JOIN.test(text[pos] ?? ''))) {
        pending = { m, value: num.value, step: num.step };
      }
      continue;
    }
    if (isChineseSingle) continue;
    if (CODE_CHAR.test(text[pos] ?? '') && /[A-Za-z]/.test(text[pos] ?? '')) continue;
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
    if (prevPending) {
      const pm = prevPending.m;
      const joinAt = pm.index + pm[0].length;
      const joiner = text[joinAt];
      if (joinAt === start - 1) {
        if (RANGE_JOIN.test(joiner)) {
          // 3-4个小时, 5万～10万人: one figure spanning both numbers
          raw.high = raw.value;
          raw.value = clean(prevPending.value * scale);
          raw.start = pm.index;
          raw.numStart = pm.index;
        } else if (LIST_JOIN.test(joiner)) {
          out.push({
            ...raw,
            start: pm.index,
            end: joinAt,
            numStart: pm.index,
            numEnd: joinAt,
            value: clean(prevPending.value * scale),
            step: clean(prevPending.step * scale),
          });
        }
      }
    }
    out.push(raw);
  }
  return out;
}

function relationChain(left: string): { relation?: string; rel?: RelationClass; consumed: number } {
  let end = left.length;
  while (end > 0 && /[了的]/.test(left[end - 1])) end--;
  let relation: string | undefined;
  let rel: RelationClass | undefined;
  for (let guard = 0; guard < 3; guard++) {
    let found: { word: string; cls: RelationClass } | undefined;
    for (const r of RELATIONS) if (left.startsWith(r.word, end - r.word.length) && end - r.word.length >= 0) { found = r; break; }
    if (!found) break;
    relation = relation ? found.word + relation : found.word;
    if (!rel || rel === 'level' || (rel === 'exceed' && found.cls !== 'level')) rel = found.cls === 'level' && rel ? rel : found.cls;
    end -= found.word.length;
  }
  return { relation, rel, consumed: left.length - end };
}

/** 比1954年, 比上年, 较整治前, 由…, 同比: the comparison, not the indicator. */
const BASELINE_WORDS = /(?:比|较|由|从|同)[^，,、]{0,8}?(?:年|期|前|上年|去年|同期|预算数?)(?:决算数|预算数|计划|水平|同期)?的?|比计划|比预算|同比|截至|截止|按可比价格计算|按现价计算|按可比口径|扣除价格因素|实际|名义|[0-9０-９]+年?/g;
/** 将达到, 将增长: a forecast, not a statistic. */
const FORECAST = /将(?:要)?(?:达到|达|增长|增加|提高|提升|比|生产|有|超过|突破|下降|减少|完成|实现)/;
const LEADING_NOISE = /^(?:[、，,：:\s]|其中|包括|以及|同时|并且|并|和|及|与|对|向|为|在|共|累计|全年|年|通过|其|此外|另外|分别|已经|已)+/;
const TRAILING_NOISE = /(?:[、，,\s]|共有|共|累计|合计|总计|总共|分别|已经有|已经|已有|已|还有|有|了|的|达|约|近|超|逾)+$/;

function stripSpans(s: string, offset: number, spans: Array<{ start: number; end: number }>): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const at = offset + i;
    if (!spans.some(sp => at >= sp.start && at < sp.end)) out += s[i];
  }
  return out;
}

export interface ExtractOptions {
  date?: string;
  title?: string;
}

export function extractFiguresFrom(original: string, opts: ExtractOptions): Figure[] {
  // full-width digits (１９５６年, ８７．２５％) read as ASCII; same length, same offsets
  const text = asciiDigits(original).replace(/(\d)·(?=\d)/g, '$1.');
  const docYear = opts.date && /^\d{4}/.test(opts.date) ? Number(opts.date.slice(0, 4)) : undefined;
  // titles come in the original script (四川珙縣…); match in simplified like the text
  const title = toSimplified(opts.title ?? firstLine(text));
  const raws = scanNumbers(text);
  if (raws.length === 0) return [];
  const periods = findPeriods(text, docYear);
  const subjects = findSubjects(text, title);
  const main = mainSubjectOf(text, title);
  const figures: Figure[] = [];
  let prevEnd = 0;
  for (const r of raws) {
    const sStart = sentenceStart(text, r.start);
    const cStart = clauseStart(text, r.start);
    const cEnd = clauseEnd(text, r.end);
    // Qualifier before the number (近, 约, 超过) and after (余, 以上, 左右)
    let qStart = r.start;
    let qualifier: string | undefined;
    let bound: Figure['bound'];
    const before = endsWithAny(text.slice(Math.max(0, qStart - 4), qStart), QUALIFIERS_BEFORE.map(q => q.word));
    if (before) {
      qualifier = before;
      bound = QUALIFIERS_BEFORE.find(q => q.word === before)!.bound;
      qStart -= before.length;
    }
    if (r.approxMid) {
      qualifier = (qualifier ?? '') + r.approxMid;
      bound = bound ?? 'lower';
    }
    let end = r.end;
    const afterNot = NOT_STAT_AFTER.find(w => text.startsWith(w, end));
    if (afterNot && !(afterNot === '以内' && r.unit.kind !== 'duration')) {
      if (r.unit.kind === 'duration' || !['前', '后', '之前', '之后', '以前', '以后'].includes(afterNot)) continue;
    }
    const after = QUALIFIERS_AFTER.find(q => text.startsWith(q.word, end));
    if (after && !(after.word === '多' && r.approxMid)) {
      qualifier = (qualifier ?? '') + after.word;
      bound = bound ?? after.bound;
      end += after.word.length;
    }
    // Not statistics: ordinals (第二批), ranks (前5名), codes
    const prevFigureEnd = prevEnd;
    const leftStart = Math.max(cStart, prevEnd > cStart && prevEnd <= r.start ? prevEnd : cStart);
    const immediate = text.slice(Math.max(0, qStart - 3), qStart);
    if (endsWithAny(immediate, NOT_STAT_BEFORE) && !before) continue;
    prevEnd = end;
    const clauseLeft = text.slice(cStart, qStart);
    const sentenceLeft = text.slice(sStart, qStart);
    let left = text.slice(leftStart, qStart);
    const listCut = left.lastIndexOf('、');
    if (listCut >= 0 && leftStart === prevFigureEnd) left = left.slice(listCut + 1);
    const markerAt = Math.max(...PART_MARKERS.map(m => {
      const at = text.lastIndexOf(m, qStart - 1);
      return at >= leftStart ? at + m.length : -1;
    }));
    if (markerAt > leftStart) left = text.slice(markerAt, qStart);
    const { relation, rel, consumed } = relationChain(left);
    const core = left.slice(0, left.length - consumed);
    const coreOffset = qStart - left.length;
    // rules and targets are not statistics: 每周不少于2次, 预期目标是：…增长5%左右
    // 比一九五二年的827亿元 (a comparison's baseline), 由52.2%提高到… (a change's start)
    const baseline = BASELINE.test(clauseLeft) || (/[由从][^，,。；;]{0,10}$/.test(clauseLeft) && /^(?:[^，,。；;]{0,12}?)(?:提高|提升|上升|增加|增长|下降|减少|降低|扩大|缩小|降|升)(?:到|至)/.test(text.slice(end, end + 16)));
    const rule = RULE_BEFORE.some(w => sentenceLeft.includes(w)) || /每/.test(clauseLeft) || FORECAST.test(sentenceLeft)
      || TARGET_CONTEXT.some(w => text.slice(fullSentenceStart(text, qStart), qStart).includes(w));
    const share = r.unit.kind === 'percent' && SHARE_WORDS.some(w => clauseLeft.includes(w));
    // Subject: first mention in the sentence, else in the paragraph before, else the document's
    const pStart = paragraphStart(text, r.start);
    const subject = subjectFor(subjects, sStart, pStart, r.start, main, text, cStart);
    const period = periodFor(periods, text, sStart, cStart, pStart, r.start, raws);
    const spans = [
      ...subjects.filter(m => m.end > coreOffset && m.start < qStart),
      ...periods.filter(m => m.end > coreOffset && m.start < qStart),
    ];
    let indicator = stripSpans(core, coreOffset, spans).replace(BASELINE_WORDS, '').replace(LEADING_NOISE, '').replace(TRAILING_NOISE, '');
    let right = text.slice(end, Math.min(cEnd, end + 10)).replace(/^[的了]/, '');
    const rightCut = right.search(/[、和及与]/);
    if (rightCut >= 0) right = right.slice(0, rightCut);
    const nextNum = right.search(/[0-9０-９]/);
    if (nextNum >= 0) right = right.slice(0, nextNum);
    let fromRight = false;
    if (indicator.length < 2 && right.length >= 2 && !RELATIONS.some(r => r.word.length >= 2 && right.startsWith(r.word))) {
      // 对52家次企业实施停产整顿: what is counted follows the unit
      indicator = right.slice(0, 8).replace(TRAILING_NOISE, '');
      fromRight = true;
    } else if (indicator.length < 2) {
      // 进出口总额达2992.3亿元，同比增长13.1%: the indicator of the sentence's last statement;
      // 比重由42%上升到46%: the indicator of the change's start
      const prev = [...figures].reverse().find(f => f.sentenceStart === sStart && (!f.baseline || f.clauseStart === cStart) && !/的$/.test(f.left));
      if (prev) indicator = prev.indicator;
      else if (cStart > sStart) {
        // 所占的比重，由1954年的42%…: the clause before names it
        const pc = clauseStart(text, cStart - 1);
        indicator = text.slice(pc, cStart - 1).replace(BASELINE_WORDS, '').replace(LEADING_NOISE, '').replace(TRAILING_NOISE, '').slice(-16);
      }
    }
    figures.push({
      start: qStart,
      end,
      numStart: r.numStart,
      numEnd: r.numEnd,
      text: original.slice(qStart, end),
      value: r.value,
      ...(r.high !== undefined ? { high: r.high } : {}),
      step: r.step,
      unit: r.unit.unit,
      unitText: r.unitText,
      kind: r.unit.kind,
      ...(qualifier ? { qualifier, bound } : {}),
      ...(relation ? { relation, rel } : {}),
      ...(share ? { share } : {}),
      indicator,
      ...(fromRight ? { fromRight } : {}),
      left: clauseLeft.slice(-16),
      right,
      ...(subject ? { subject } : {}),
      ...(period ? { period } : {}),
      ...(rule ? { rule } : {}),
      ...(baseline ? { baseline } : {}),
      sentenceStart: sStart,
      clauseStart: cStart,
    });
  }
  markParts(text, figures);
  return figures;
}

const GROUP_END = /[。！？!?；;\n]/;
/** 比一九五二年的827亿元: a baseline of comparison, not a statement of its own. */
const BASELINE = /(?<!同)(?:比|较|相当于|等于)[^，,。；;]{0,12}的$/;
const AVERAGE = /年均|平均|人均|户均|每年/;

function canAdd(f: Figure, text: string): boolean {
  return !f.rule && f.rel !== 'increase' && f.rel !== 'decrease' && f.kind !== 'percent' && f.kind !== 'pp'
    && !f.baseline && !AVERAGE.test(text.slice(f.clauseStart, f.start));
}

/**
 * 其中 lists: the figures after the marker, to the end of its sentence, are parts of the
 * nearest figure before the marker with the same unit (only rates may stand between them),
 * in the marker's sentence or, when 其中 opens a sentence, the one before. Changes (比上年增加),
 * baselines (比…的) and averages are neither parts nor totals; the first of them ends the list.
 */
function markParts(text: string, figures: Figure[]): void {
  for (const marker of PART_MARKERS) {
    for (let k = text.indexOf(marker); k >= 0; k = text.indexOf(marker, k + marker.length)) {
      let scopeEnd = k;
      while (scopeEnd < text.length && !GROUP_END.test(text[scopeEnd])) scopeEnd++;
      // ；-separated items continue the list when they repeat its shape (新能源项目13个；新型化工业项目9个)
      const first = figures.find(f => f.start > k && f.start < scopeEnd);
      while (first && /[；;]/.test(text[scopeEnd] ?? '')) {
        let next = scopeEnd + 1;
        while (next < text.length && !GROUP_END.test(text[next]) && !/[。！？!?\n]/.test(text[next])) next++;
        const item = figures.find(f => f.start > scopeEnd && f.start < next);
        const tail = (f: Figure) => text.slice(Math.max(f.clauseStart, f.start - 2), f.start);
        if (!item || item.unit !== first.unit || tail(item) !== tail(first) || tail(first).length < 2) break;
        scopeEnd = next;
      }
      let from = sentenceStart(text, k);
      if (!text.slice(from, k).replace(/[\s，,]/g, '')) from = sentenceStart(text, Math.max(0, from - 1));
      const before = figures.filter(f => f.end <= k && f.start >= from);
      const stopped = new Set<string>();
      for (const f of figures) {
        if (f.start < k || f.start >= scopeEnd) continue;
        if (f.kind === 'percent' || f.kind === 'pp') continue;
        if (stopped.has(f.unit)) continue;
        if (!canAdd(f, text)) {
          stopped.add(f.unit);
          continue;
        }
        let total: Figure | undefined;
        for (let i = before.length - 1; i >= 0; i--) {
          if (before[i].unit === f.unit) {
            total = before[i];
            break;
          }
        }
        if (!total || !canAdd(total, text) || total.partOf !== undefined) continue;
        f.part = true;
        f.partOf = figures.indexOf(total);
      }
    }
  }
}

function subjectFor(
  mentions: SubjectMention[], sStart: number, pStart: number, at: number, main: MainSubject | undefined, text: string,
  cStart: number,
): string | undefined {
  const resolve = (i: number) => {
    const m = chainEnd(mentions, i);
    return m.key === WHOLE ? wholeBody(mentions, m, main, text) : m.key;
  };
  // a clause that opens with a region is about it (…，郫都区、双流区布局53个项目)
  const topic = mentions.findIndex(m => m.start === cStart && m.start < at);
  if (topic >= 0 && cStart > sStart) return resolve(topic);
  const inSentence = mentions.findIndex(m => m.start >= sStart && m.start < at);
  if (inSentence >= 0) return resolve(inSentence);
  // the nearest earlier sentence of the paragraph that names a subject
  for (let i = mentions.length - 1; i >= 0; i--) {
    const m = mentions[i];
    if (m.start >= sStart || m.start < pStart) continue;
    const ms = sentenceStart(text, m.start);
    const first = mentions.findIndex(x => x.start >= ms && x.start < sStart);
    return resolve(first >= 0 ? first : i);
  }
  return main?.key;
}

/**
 * 全市 / 该县 / 全区: the document's own subject when it is of that level (成都市 … 全市), else the
 * nearest earlier region of that level that opens a sentence (呼和浩特市年味渐浓…今年元旦假期，全市…).
 */
function wholeBody(mentions: SubjectMention[], whole: SubjectMention, main: MainSubject | undefined, text: string): string | undefined {
  const fits = (level: string) => !whole.level || level === whole.level || (whole.level === '市' && level === '州');
  if (main && fits(main.level)) return main.key;
  for (let i = mentions.length - 1; i >= 0; i--) {
    const m = mentions[i];
    if (m.start >= whole.start) continue;
    if (whole.start - m.start > 1500) break;
    if (m.key === WHOLE || m.key === NATION) continue;
    const ms = sentenceStart(text, m.start);
    const first = mentions.findIndex(x => x.start >= ms && x.start < whole.start);
    if (first < 0 || mentions[first] !== m && chainEnd(mentions, first) !== m) continue;
    if (fits(m.level)) return m.key;
  }
  return undefined;
}

function periodFor(
  mentions: ReturnType<typeof findPeriods>, text: string, sStart: number, cStart: number, pStart: number, at: number,
  raws: RawNumber[],
): Period | undefined {
  // The figure's own clause, the sentence's opening clause (2015年，… / 全年开展…，对52家次…),
  // and earlier clauses that hold no figure of their own (…，今年再解决…，新建农村公路20万公里)
  const topicEnd = clauseEnd(text, sStart);
  const clauseHasFigure = (pos: number) => {
    const a = clauseStart(text, pos), b = clauseEnd(text, pos);
    return raws.some(r => r.start >= a && r.start < b);
  };
  const own = mentions.filter(m => m.start < at && ((m.start >= cStart) || (m.start >= sStart && m.start < topicEnd)
    || (m.start >= sStart && !clauseHasFigure(m.start))));
  let p = combine(own);
  const earlier = mentions.filter(m => m.start >= pStart && m.start < sStart);
  const withYear = [...earlier].reverse().find(m => m.year !== undefined);
  // 1955年…。在本年的45种…: 本年 is the year the paragraph speaks of
  if (p && p.relYear === 0 && p.year === undefined && withYear) return { ...p, year: withYear.year, relYear: undefined };
  if (p && (p.year !== undefined || p.relYear !== undefined || p.mode === 'now' || p.mode === 'until')) return p;
  if (p) {
    if (withYear && p.year === undefined) p = { ...p, year: withYear.year, text: withYear.text + p.text };
    return p;
  }
  const last = earlier[earlier.length - 1];
  if (!last) return undefined;
  const q = combine([last])!;
  // said sentences before: a draft that states the figure without a period may still mean it
  q.inherited = true;
  if (q.year === undefined && withYear) return { ...q, year: withYear.year, text: withYear.text + q.text };
  return q;
}

export { NATION };
