// figure-arithmetic, changes and comparisons: a stated difference (高于 … X个百分点, 比…的A增长B)
// against the two figures, a rate's change given in % where percentage points are meant, a
// change from one level to another (由A到B) against its stated size, 下降N倍 and 翻N番.
import type { FeatureContext } from '../model';
import type { Finding } from '../types';
import { CJK, finding, fmt, tolOf } from './arith';
import { draftRelated, figureName, writeLike } from './describe';
import { WHOLE_BODY, NATIONAL, RATE_NOT_SHARE, REAL_GROWTH, SHARE_RATES } from './lexicon';
import { parseNumeral } from './numerals';
import { relClass } from './match';
import { clauseStart, sentenceEnd, sentenceStart } from './segments';
import { lowerBound, startingIn } from './sorted';
import { periodsCompatible } from './period';
import { subjectsCompatible } from './subject';
import type { Figure } from './types';

// 高于全国平均增速（18.1%）3.0个百分点: the reference may stand in brackets after its name
// (全市规模以上工业增加值增速: a reference named by its indicator may be long)
const COMPARATOR = /(高于|低于|超过|超出|高出|超|快于|慢于|领先|落后|比)([^，,。；;、\d（(]{0,18})(?:[（(][^（）()，,。]{0,20}[）)])?$/;

/** Start of the clause holding `pos`, reading through a bracket that closes just before it. */
function clauseThroughBrackets(text: string, pos: number): number {
  let from = clauseStart(text, pos);
  for (let guard = 0; guard < 3 && from > 0 && /[）)]/.test(text[from - 1]); guard++) {
    const open = Math.max(text.lastIndexOf('（', from - 1), text.lastIndexOf('(', from - 1));
    if (open < 0 || from - open > 24) break;
    from = clauseStart(text, open);
  }
  return from;
}

/** 比全省平均水平61.5%高3.2个百分点, 较上年（97.1%）提高2.2个百分点: the reference inside the comparison. */
// (比 or 较 then words naming the base: 存贷比95.2%、提高… is a ratio's name, its rate and its own change)
const INLINE_COMPARATOR = /(?:比|较)[\u4e00-\u9fff（(“][^，,。；;]{0,19}?(高出|高|低|快|慢|提高|提升|上升|增加|增长|下降|降低|减少|回落)了?(?:出)?$/;
const DOWN = /低|慢|下降|降低|减少|回落/;

function isWholeRef(ref: string): 'main' | 'nation' | undefined {
  if (NATIONAL.some(w => ref.includes(w))) return 'nation';
  if (WHOLE_BODY.some(w => ref.includes(w)) || /均值|平均/.test(ref)) return 'main';
  return undefined;
}

/**
 * 五大产业增加值增长15.1%，其中…电子信息业增长19.6%，高于五大产业增加值增速4.3个百分点: a reference
 * named by its indicator (with 增速 / 增幅 …), a rate earlier in the same sentence whose indicator it ends
 * with, or that ends it (全县工业增加值增速 / 工业增加值).
 */
function namedRefs(figures: Figure[], d: Figure, own: Figure, words: string): Figure[] {
  const said = CJK(words).replace(/(?:高出|高|低|快|慢)$/, '');
  const named = said.replace(/的?(?:增速|增幅|增长率|增长速度|增长|速度)$/, '');
  if (named.length < 3 || named === said) return [];
  return startingIn(figures, d.sentenceStart, own.start).filter(x => {
    if (x === own || x.unit !== '%' || x.sentenceStart !== d.sentenceStart || x.end > own.start || x.rule || x.baseline) return false;
    if (relClass(x) !== relClass(own) || !!x.share !== !!own.share || x.high !== undefined || x.bound) return false;
    const ind = CJK(x.indicator);
    return ind.endsWith(named) || (ind.length >= 3 && named.endsWith(ind));
  });
}

/** The figure's clause opens with 全国 (全国规模以上工业增加值增长5.9%): a rate of the nation. */
function statesNation(text: string, x: Figure): boolean {
  return /^[^，,。；;、]{0,4}全国/.test(text.slice(x.clauseStart, x.start)) && !/(?:高于|低于|快于|慢于|超过|超出|领先|落后于?)全国/.test(text.slice(x.clauseStart, x.start));
}

/** 增长20.9%，增速超全市均值8.7个百分点: 20.9 − (the whole's rate) must be 8.7. */
export function checkDifferences(text: string, figures: Figure[], main: string | undefined, ctx: FeatureContext): Finding[] {
  const out: Finding[] = [];
  figures.forEach((d, i) => {
    // 增速超全市均值6.7%: a difference of rates in %, which is only judged when it is the difference in
    // percentage points (a relative difference may be meant)
    if ((d.unit !== 'pp' && d.unit !== '%') || d.rule || d.high !== undefined || (d.unit === '%' && d.bound)) return;
    const from = clauseThroughBrackets(text, d.start);
    const before = text.slice(from, d.start);
    const inlineCm = INLINE_COMPARATOR.exec(before);
    const cm = COMPARATOR.exec(before) ?? (inlineCm ? Object.assign([inlineCm[0], DOWN.test(inlineCm[1]) ? '低于' : '高于', ''], { index: inlineCm.index }) as unknown as RegExpExecArray : null);
    if (!cm || /分别/.test(before) || /[和、]$/.test(text.slice(Math.max(0, d.start - 8), d.start).trimEnd())) return;
    // the figure compared: the last % figure of the sentence before the comparison
    const cmStart = from + cm.index;
    let own: Figure | undefined;
    for (let k = i - 1; k >= 0 && figures[k].sentenceStart >= d.sentenceStart; k--) {
      const x = figures[k];
      if (x.sentenceStart === d.sentenceStart && x.unit === '%' && !x.rule && x.end <= cmStart) {
        own = x;
        break;
      }
    }
    if (!own || own.bound || own.high !== undefined) return;
    const sign = /低于|慢于|落后/.test(cm[1]) ? -1 : 1;
    // the reference is written in the comparison (比全省平均水平61.5%高…) or is the whole's figure elsewhere
    const inline = startingIn(figures, cmStart, d.start).find(x => x.unit === '%' && x.end <= d.start && x !== own);
    let refs: Figure[];
    if (inline) refs = [inline];
    else if (inlineCm && !COMPARATOR.test(before)) return; // 比上年提高…: the reference is not given
    else if ((refs = namedRefs(figures, d, own, cm[2])).length === 1) {
      // the reference named by its indicator earlier in the sentence
    } else if (refs.length === 0 && namesIndicator(cm[2])) {
      // the reference named by its indicator, stated once elsewhere in the draft (or not judged)
      refs = namedElsewhere(figures, d, own, cm[2], main);
    } else {
      const whole = isWholeRef(cm[2]);
      if (!whole) return;
      const key = whole === 'nation' ? '全国' : main;
      const head = own.indicator.slice(-3);
      refs = figures.filter(x => x !== own && x.unit === '%' && x.sentenceStart !== d.sentenceStart && !x.rule && !x.part
        && relClass(x) === relClass(own) && !!x.share === !!own.share && x.high === undefined
        && (x.subject === key || subjectsCompatible(x.subject, key)) && head.length === 3 && x.indicator.endsWith(head)
        // the nation's own rate is one the text says of the nation (全国规上工业增加值增长5.9%), not a figure
        // of the region whose clause mentions 全国 (高于全国7.8个百分点 is no national rate)
        && (whole !== 'nation' || statesNation(text, x)));
    }
    if (refs.length === 0) return;
    const pp = (x: Figure) => Math.abs(sign * (own!.value - x.value) - d.value) <= tolOf(own!, x, d);
    if (d.unit === '%') {
      const x = refs.find(pp);
      const relative = (r: Figure) => r.value > 0 && Math.abs(((sign * (own!.value - r.value)) / r.value) * 100 - d.value) <= d.step / 2 + 0.05;
      if (!x || refs.length > 1 || relative(x)) return;
      out.push(finding(d, ctx.t('{0} − {1} is a difference of {2} percentage points, not {3}.', own.text, x.text, fmt(Math.abs(own.value - x.value)), d.text),
        [draftRelated(own, figureName(own) + ' ' + own.text), draftRelated(x, figureName(x) + ' ' + x.text)]));
      return;
    }
    if (refs.some(pp)) return;
    const x = refs[0];
    out.push(finding(d, ctx.t('{0} − {1} is {2} percentage points, not {3}.', own.text, x.text, fmt(Math.abs(own.value - x.value)), d.text),
      [draftRelated(own, figureName(own) + ' ' + own.text), draftRelated(x, figureName(x) + ' ' + x.text)]));
  });
  return out;
}

/**
 * 五大产业增加值增长15.1%，高于全市规模以上工业增加值增速1.9个百分点, with 规模以上工业增加值同比增长14.2%
 * in another sentence: the rate named by its whole indicator (at least four characters, after the whole's
 * 全市 / 全国), for the subject it names (全市: the draft's; none: the compared figure's) and a period
 * that does not differ from the compared figure's. Only when the draft gives that rate one value (at
 * any period: 前5月 14.2% and 一季度 12.1% leave the reference unsure).
 */
/** 高于全市规模以上工业增加值增速: the comparison names an indicator of four characters or more. */
function namesIndicator(words: string): boolean {
  return namedIndicator(words).named.length >= 4;
}

function namedIndicator(words: string): { named: string; whole: 'main' | 'nation' | undefined } {
  const said = CJK(words).replace(/(?:高出|高|低|快|慢)$/, '');
  let named = said.replace(/的?(?:增速|增幅|增长率|增长速度|增长|速度)$/, '');
  if (named === said) return { named: '', whole: undefined };
  const whole = isWholeRef(named.slice(0, 2));
  if (whole) named = named.slice(2);
  return { named, whole };
}

function namedElsewhere(figures: Figure[], d: Figure, own: Figure, words: string, main: string | undefined): Figure[] {
  const { named, whole } = namedIndicator(words);
  if (named.length < 4) return [];
  // (a draft that names no place at all: both undefined)
  const key = whole === 'nation' ? '全国' : whole ? main : own.subject;
  const refs = figures.filter(x => x !== own && x !== d && x.unit === '%' && x.sentenceStart !== d.sentenceStart && !x.rule && !x.baseline && !x.part
    && !x.ambiguous && relClass(x) === relClass(own) && relClass(x) !== 'level' && !!x.share === !!own.share && x.high === undefined && !x.bound
    && CJK(x.indicator).replace(/^(?:全市|全省|全县|全区|全国)/, '') === named
    && (x.subject === key || subjectsCompatible(x.subject, key)));
  // one value in the whole draft (前5月 14.2% and 一季度 12.1%: which one is meant is not sure), of the compared figure's period
  return refs.length > 0 && refs.every(x => x.value === refs[0].value) && refs.some(x => samePeriod(x.period, own.period)) ? [refs[0]] : [];
}

/** Periods that do not differ: one unstated (the draft's only value of that rate is the one meant), or equal. */
function samePeriod(a: Figure['period'], b: Figure['period']): boolean {
  if (!a || !b) return true;
  return a.text === b.text || periodsCompatible(a, b, true);
}

// 由每户每年300元提高到600元, 由人均…: the start of a change may be a rate per something
// 从以前的18.34个工作日…, 由2019年的…: the start may be named by a time word and 的
const FROM_TO = /[由从](?:[^，,。；;、]{1,8}的)?(?:每[年月日人户]|人均|户均|平均){0,2}$/;
/** …提高到56.8%, …提高到2023年的56.8%: the end of a change, maybe with its own time. */
const TO = /(?:到|至)(?:[^，,。；;、]{1,8}的)?$/;
const BARE_CHANGE = /^[，,、]?(?:(?:同比|共|累计|总共|合计)?(?:增长|增加|提高|提升|上升|下降|减少|降低|回落|缩短|缩减|压缩|压减|节省|节约|延长|扩大|缩小)了?(?:约)?|(?:增幅|降幅|减幅)(?:为|是|达到?)?)$/;

/** 由86.5%提高到88.0%，提高了1.5%: a rate changes by percentage points; and the pp must add up. */
export function checkRateChanges(text: string, figures: Figure[], ctx: FeatureContext): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i + 2 < figures.length; i++) {
    const a = figures[i], b = figures[i + 1], c = figures[i + 2];
    if (a.unit !== b.unit || a.sentenceStart !== b.sentenceStart || c.sentenceStart !== a.sentenceStart) continue;
    // (the start may be named in quotes: 由“十二五”末的34.81%, so the words before are read to the sentence's start)
    if (!FROM_TO.test(text.slice(Math.max(a.sentenceStart, a.start - 10), a.start))) continue;
    if (!TO.test(text.slice(a.end, b.start))) continue;
    if (relClass(c) === 'level' || c.bound || a.bound || b.bound) continue;
    // …提高到88.0%，提高了1.5%: only a bare restatement of the change (not 年均, 按可比价格, 实际)
    if (!BARE_CHANGE.test(text.slice(b.end, c.start))) continue;
    const delta = Math.abs(b.value - a.value);
    if (a.unit === '%') {
      if (c.unit === '%' && Math.abs(c.value - delta) <= tolOf(a, b, c) && Math.abs(c.value - (delta / a.value) * 100) > tolOf(a, b, c)) {
        out.push(finding(c, ctx.t('{0} to {1} is a change of {2} percentage points, not {3}.', a.text, b.text, fmt(delta), c.text)));
      } else if (c.unit === 'pp' && Math.abs(c.value - delta) > tolOf(a, b, c)) {
        out.push(finding(c, ctx.t('{0} to {1} is a change of {2} percentage points, not {3}.', a.text, b.text, fmt(delta), c.text)));
      }
    } else if (c.unit === a.unit && c.kind === a.kind) {
      // 从18.34个工作日下降到2.42个工作日，缩短了16.92个工作日: the change is the difference
      if (Math.abs(c.value - delta) > tolOf(a, b, c)) {
        out.push(finding(c, ctx.t('{0} to {1} is a change of {2}, not {3}.', a.text, b.text, writeLike(delta, c), c.text)));
      }
    } else if (c.unit === '%' && a.value > 0) {
      // 生产总值由56.1亿元增长到77.2亿元，累计增长44.44%: output grows at comparable prices, its levels are
      // at current prices; the growth cannot be worked out from them
      if (REAL_GROWTH.some(w => text.slice(a.sentenceStart, c.start).includes(w))) continue;
      const growth = (delta / a.value) * 100;
      const tol = c.step / 2 + ((a.step + b.step) / 2 / a.value) * 100 + 0.05;
      if (Math.abs(growth - c.value) > tol) {
        out.push(finding(c, ctx.t('{0} to {1} is a change of {2}%, not {3}.', a.text, b.text, fmt(growth), c.text)));
      }
    }
  }
  return out;
}

/**
 * 满意率较整治前提升了21%: a rate or share that rose or fell changes by percentage points. Only rates
 * that are shares of a population (满意率, 覆盖率, 占比 …), where a relative change is not what a
 * writer means; rates that are not shares, or whose relative change is usual (劳动生产率, 发生率,
 * 死亡率, 利率: data/lexicon.json rateNotShare), are left alone. A sentence that states the rate's
 * levels (由…到…) is checkRateChanges' to judge.
 */
export function checkRateChangesInPercent(text: string, figures: Figure[], ctx: FeatureContext): Finding[] {
  const out: Finding[] = [];
  for (const f of figures) {
    if (f.unit !== '%' || f.rule || f.baseline || f.ambiguous || f.high !== undefined || f.value > 100) continue;
    const cls = relClass(f);
    if (cls === 'level' || !CHANGE_WORD.test(f.relation ?? '')) continue;
    const words = CJK(f.indicator);
    // only rates known to be shares of a whole (满意率, 覆盖率, 占比): 发案率下降31.7% is a relative change
    if (!SHARE_RATES.some(w => words.endsWith(w)) || RATE_NOT_SHARE.some(w => words.endsWith(w))) continue;
    const rate = /[\u4e00-\u9fff]{0,4}(?:率|占比|比重|份额)$/.exec(words)?.[0] ?? words;
    if (figures.some(x => x !== f && x.sentenceStart === f.sentenceStart && x.unit === '%' && x.end <= f.start && relClass(x) === 'level')) continue;
    out.push(finding(f, ctx.t('{0} is a rate: its change is {1} percentage points, not {2}.', rate, fmt(f.value), f.text)));
  }
  return out;
}

const CHANGE_WORD = /^(?:同比|比上年|比去年)?(?:增长|增加|提高|提升|上升|下降|降低|减少|回落)了?$/;

const DECREASE_TIMES = /(下降|减少|降低|缩小|缩减|减)了?([0-9.]+|[一二两三四五六七八九十]+)倍/g;
const DOUBLINGS = /翻了?([一二两三四五六七八九十\d])番/g;

/** 下降N倍 is not a quantity; 翻两番 is ×4. */
export function checkMultiples(text: string, figures: Figure[], ctx: FeatureContext): Finding[] {
  const out: Finding[] = [];
  // (a multiple names 倍 or 番: a text with neither is not searched)
  const times = text.includes('倍'), doublings = text.includes('番');
  for (const m of times ? text.matchAll(DECREASE_TIMES) : []) {
    const start = m.index! + m[0].length - m[2].length - 1;
    out.push({
      code: 'figure-arithmetic', severity: 'warning', start, end: m.index! + m[0].length,
      message: ctx.t('A quantity cannot fall by {0} times; give the share it fell by or the level it fell to.', m[2]),
    });
  }
  for (const m of doublings ? text.matchAll(DOUBLINGS) : []) {
    const n = parseNumeral(m[1])?.value;
    if (!n) continue;
    const at = m.index!;
    const change = ratioAt(text, figures, at);
    if (!change) continue;
    const { a, b, ratio } = change;
    const expected = 2 ** n;
    if (Math.abs(ratio - expected) / expected > 0.1) {
      out.push({
        code: 'figure-arithmetic', severity: 'warning', start: at, end: at + m[0].length,
        message: ctx.t('{0} means ×{1}, but {2} to {3} is ×{4}.', m[0], expected, a.text, b.text, fmt(ratio)),
      });
    }
  }
  // 由100亿元增加到300亿元，增长了3倍: 增长N倍 is ×(N+1), 增长到N倍 is ×N
  for (const m of times ? text.matchAll(GROWTH_TIMES) : []) {
    const n = /^\d/.test(m[3]) ? Number(m[3]) : parseNumeral(m[3])?.value;
    if (!n) continue;
    const at = m.index!;
    const change = ratioAt(text, figures, at);
    if (!change) continue;
    const { a, b, ratio } = change;
    const to = /[到至]/.test(m[2] ?? '');
    const expected = to ? ratio : ratio - 1;
    if (expected <= 0 || Math.abs(n - expected) <= Math.max(0.1 * expected, 0.05)) continue;
    const start = at + m[1].length + (m[2] ?? '').length;
    out.push({
      code: 'figure-arithmetic', severity: 'warning', start, end: at + m[0].length,
      message: ctx.t('{0} to {1} is ×{2}: an increase of {3} times, not {4}.', a.text, b.text, fmt(ratio), fmt(ratio - 1), m[0]),
    });
  }
  return out;
}

/** The figures a multiple (翻两番, 增长3倍) at `at` speaks of, and how many times the end is the start. */
function ratioAt(text: string, figures: Figure[], at: number) {
  const pair = changePair(text, figures, at);
  return pair ? { a: pair[0], b: pair[1], ratio: pair[1].value / pair[0].value } : undefined;
}

const GROWTH_TIMES = /(增长|增加|提高|提升|扩大)(了?(?:到|至)|了)?([0-9.]+|[一二两三四五六七八九十]+)倍(?!以上|多|左右)/g;

/**
 * The two figures a change word at `at` speaks of, in its sentence and just before it: 由a…到b, or
 * b…比…的a (the baseline). Same unit, not rates, not approximate.
 */
function changePair(text: string, figures: Figure[], at: number): [Figure, Figure] | undefined {
  let i = lowerBound(figures, at) - 1;
  while (i >= 0 && figures[i].end > at) i--;
  if (i < 1) return undefined;
  const b = figures[i], a = figures[i - 1];
  const sStart = b.sentenceStart;
  if (a.sentenceStart !== sStart || sentenceStart(text, at) !== sStart || a.unit !== b.unit || a.unit === '%' || a.unit === 'pp') return undefined;
  if (a.bound || b.bound || a.high !== undefined || b.high !== undefined || at - b.end > 12) return undefined;
  if (FROM_TO.test(text.slice(Math.max(a.clauseStart, a.start - 8), a.start)) && TO.test(text.slice(a.end, b.start)) && a.value > 0) return [a, b];
  // …达到1286亿元，比一九五二年的827亿元增长…
  if (b.baseline && !a.baseline && b.value > 0 && /(?:比|较)/.test(text.slice(a.end, b.start)) && b.start - a.end <= 24) return [b, a];
  return undefined;
}

const BASELINE_CHANGE = /^(?:增长|增加|提高|提升|上升|下降|减少|降低|回落|多|少|多出|高出)了?$/;
const UP = /增长|增加|提高|提升|上升|多|高/;
/** Real growth differs from nominal: 按可比价格, 扣除价格因素, 实际增长 … */
const REAL_TERMS = /可比价|可比口径|价格因素|不变价|实际增长|实际下降|名义/;

/**
 * 达到1286亿元，比一九五二年的827亿元增长55.5%: a figure, its baseline (比…的) and the change between
 * them, in one sentence: the change must be the difference (same unit), the growth (%) or, for rates,
 * the difference in percentage points.
 */
export function checkBaselineChanges(text: string, figures: Figure[], ctx: FeatureContext): Finding[] {
  const out: Finding[] = [];
  figures.forEach((b, i) => {
    const c = figures[i + 1];
    if (!b.baseline || !c || c.sentenceStart !== b.sentenceStart || b.rule || c.rule) return;
    if (!BASELINE_CHANGE.test(text.slice(b.end, c.start))) return;
    let own: Figure | undefined;
    for (let k = i - 1; k >= 0; k--) {
      const x = figures[k];
      if (x.sentenceStart !== b.sentenceStart) break;
      if (x.unit === b.unit) {
        own = x;
        break;
      }
    }
    if (!own || own.baseline || own.rule || relClass(own) !== 'level' || own.part) return;
    // the comparison follows its figure: …1286亿元，比…的827亿元
    const between = text.slice(own.end, b.start);
    if (between.length > 24 || !/(?:比|较)/.test(between) || /[。；;]/.test(between)) return;
    if ([own, b, c].some(f => f.bound || f.high !== undefined) || REAL_TERMS.test(text.slice(b.sentenceStart, sentenceEnd(text, c.end)))) return;
    const sign = UP.test(text.slice(b.end, c.start)) ? 1 : -1;
    const delta = sign * (own.value - b.value);
    if (c.unit === b.unit && c.unit !== '%') {
      if (Math.abs(delta - c.value) > tolOf(own, b, c)) {
        out.push(finding(c, ctx.t('{0} − {1} is {2}, not {3}.', own.text, b.text, writeLike(Math.abs(own.value - b.value), c), c.text),
          [draftRelated(own, figureName(own) + ' ' + own.text), draftRelated(b, figureName(b) + ' ' + b.text)]));
      }
    } else if (c.unit === '%' && b.unit !== '%' && b.unit !== 'pp' && b.value > 0) {
      const lo = ((own.value - own.step / 2) / (b.value + b.step / 2) - 1) * 100 * sign;
      const hi = ((own.value + own.step / 2) / (b.value - b.step / 2) - 1) * 100 * sign;
      const growth = (delta / b.value) * 100;
      if (c.value < Math.min(lo, hi) - c.step / 2 - 0.05 || c.value > Math.max(lo, hi) + c.step / 2 + 0.05) {
        out.push(finding(c, ctx.t('{0} to {1} is a change of {2}%, not {3}.', b.text, own.text, fmt(growth), c.text),
          [draftRelated(own, figureName(own) + ' ' + own.text), draftRelated(b, figureName(b) + ' ' + b.text)]));
      }
    } else if (b.unit === '%' && c.unit === 'pp') {
      if (Math.abs(delta - c.value) > tolOf(own, b, c)) {
        out.push(finding(c, ctx.t('{0} to {1} is a change of {2} percentage points, not {3}.', b.text, own.text, fmt(Math.abs(own.value - b.value)), c.text),
          [draftRelated(own, figureName(own) + ' ' + own.text), draftRelated(b, figureName(b) + ' ' + b.text)]));
      }
    }
  });
  return out;
}

// 分别低于全国、全省9.3和4.3个百分点: the items compared, then the differences in the same order
const LIST_COMPARATOR = /分别(高于|低于|快于|慢于|超过|超出|高出|领先|落后)((?:[\u4e00-\u9fff]{1,8}[、和及与])+[\u4e00-\u9fff]{1,8}?)(?:的?(?:平均水平|平均|增速|增幅|水平))?$/;

/**
 * 全国贷款增长13%，全省贷款增长9%，我市贷款仅增长4.7%，分别低于全国、全省9.3和4.3个百分点: each
 * difference (in percentage points) is the compared rate (the last % figure before 分别) against the rate
 * of the item at its place, the one % figure earlier in the sentence whose clause opens with the item's
 * name. Said only when every item names exactly one rate, the differences are as many as the items, and
 * all rates make the same kind of statement (increase / decrease / level, ratio or not), none a bound.
 */
export function checkDifferenceLists(text: string, figures: Figure[], ctx: FeatureContext): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < figures.length; i++) {
    const first = figures[i];
    if (first.unit !== 'pp') continue;
    const before = text.slice(first.clauseStart, first.start);
    const m = LIST_COMPARATOR.exec(before);
    if (!m) continue;
    const names = m[2].split(/[、和及与]/).filter(Boolean);
    const listAt = first.clauseStart + m.index;
    // the differences: this figure and the next ones of the clause, joined by 和 / 、
    const diffs: Figure[] = [first];
    for (let k = i + 1; k < figures.length && diffs.length < names.length; k++) {
      const x = figures[k];
      const gap = text.slice(diffs[diffs.length - 1].end, x.start);
      if (x.clauseStart !== first.clauseStart || !/^(?:个百分点)?[、和及与]$/.test(gap)) break;
      diffs.push(x);
    }
    if (diffs.length !== names.length || names.length < 2) continue;
    const after = figures[i + diffs.length];
    if (after && after.clauseStart === first.clauseStart) continue;
    if (diffs.some(x => x.unit !== 'pp' || x.bound || x.high !== undefined)) continue;
    const rates = startingIn(figures, first.sentenceStart, listAt).filter(x => x.sentenceStart === first.sentenceStart && x.unit === '%' && x.end <= listAt);
    if (rates.length === 0) continue;
    const own = rates[rates.length - 1];
    const opens = (x: Figure, name: string) => CJK(text.slice(x.clauseStart, x.start)).startsWith(name);
    const refs = names.map(n => rates.filter(x => x !== own && opens(x, n)));
    if (refs.some(r => r.length !== 1) || names.some(n => opens(own, n))) continue;
    const all = [own, ...refs.map(r => r[0])];
    if (all.some(x => x.rule || x.baseline || x.bound || x.high !== undefined || relClass(x) !== relClass(own) || !!x.share !== !!own.share)) continue;
    const sign = /低于|慢于|落后/.test(m[1]) ? -1 : 1;
    diffs.forEach((d, k) => {
      const x = refs[k][0];
      if (Math.abs(sign * (own.value - x.value) - d.value) <= tolOf(own, x, d)) return;
      out.push(finding(d, ctx.t('{0} − {1} is {2} percentage points, not {3}.', own.text, x.text, fmt(Math.abs(own.value - x.value)), d.text),
        [draftRelated(own, figureName(own) + ' ' + own.text), draftRelated(x, figureName(x) + ' ' + x.text)]));
    });
  }
  return out;
}
