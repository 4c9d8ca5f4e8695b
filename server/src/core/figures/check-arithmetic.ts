// figure-arithmetic: figures of one draft that cannot all be true together.
//  - parts (其中 …) that add up to more than their total, or a complete split (已办结 + 推进中)
//    that does not add up to it;
//  - shares of one whole that add up to more than 100%;
//  - a rate (办结率) that disagrees with its part over its whole;
//  - a stated difference (高于/超 … X个百分点) that disagrees with the two rates;
//  - a change of a rate given in % where percentage points are meant;
//  - 下降N倍, and 翻N番 that disagrees with the start and end values.
import type { Draft, FeatureContext } from '../model';
import type { Finding } from '../types';
import { draftRelated, figureName, writeLike } from './describe';
import { EXHAUSTIVE_SETS, WHOLE_BODY, NATIONAL } from './lexicon';
import { clean, parseNumeral } from './numerals';
import { dice, relClass } from './match';
import { sentenceEnd } from './segments';
import { subjectsCompatible } from './subject';
import type { Figure } from './types';

const fmt = (n: number) => String(Number.parseFloat(n.toFixed(2)));
const tolOf = (...fs: Figure[]) => fs.reduce((s, f) => s + f.step / 2, 0) + 1e-9;

function finding(f: Figure, message: string, related: Finding['related'] = []): Finding {
  return { code: 'figure-arithmetic', severity: 'warning', start: f.start, end: f.end, message, related };
}

function checkParts(figures: Figure[], ctx: FeatureContext): Finding[] {
  const out: Finding[] = [];
  const groups = new Map<number, Figure[]>();
  figures.forEach(f => {
    if (f.partOf !== undefined) (groups.get(f.partOf) ?? groups.set(f.partOf, []).get(f.partOf)!).push(f);
  });
  for (const [ti, parts] of groups) {
    const total = figures[ti];
    if (total.rule || total.high !== undefined || parts.some(p => p.high !== undefined)) continue;
    const sum = clean(parts.reduce((s, p) => s + p.value, 0));
    const tol = tolOf(total, ...parts);
    const related = parts.map(p => draftRelated(p, ctx.t('Part: {0}', p.text)));
    const totalIsLowerBound = total.bound === 'lower' || total.bound === 'about';
    // far past the total, the figure before 其中 was not the parts' total (年产一百万吨以上的…)
    if (sum > 2 * total.value) continue;
    if (parts.length >= 1 && sum > total.value + tol && !(totalIsLowerBound && sum <= total.value * 1.2)) {
      out.push(finding(total, ctx.t('The parts ({0}) add up to {1}, more than the total {2}.',
        parts.map(p => p.text).join(' + '), writeLike(sum, total), total.text), related));
      continue;
    }
    // a complete split (已办结 / 推进中) must add up exactly
    if (parts.length < 2 || total.bound || parts.some(p => p.bound)) continue;
    const set = EXHAUSTIVE_SETS.find(words => parts.every(p => words.some(w => p.indicator.includes(w))));
    if (!set) continue;
    const used = new Set(parts.map(p => set.find(w => p.indicator.includes(w))));
    if (used.size < parts.length) continue;
    if (Math.abs(sum - total.value) > tol) {
      out.push(finding(total, ctx.t('The parts ({0}) add up to {1}, not the total {2}.',
        parts.map(p => p.text).join(' + '), writeLike(sum, total), total.text), related));
    }
  }
  return out;
}

/** Shares of one whole in one sentence (A占比x%、B占比y%) that add up past 100%. */
function checkShares(text: string, figures: Figure[], ctx: FeatureContext): Finding[] {
  const out: Finding[] = [];
  const bySentence = new Map<number, Figure[]>();
  for (const f of figures) {
    if (f.unit !== '%' || !f.share || relClass(f) !== 'level' || f.rule || f.bound === 'lower') continue;
    if (!/占|比重|份额|构成/.test(text.slice(f.clauseStart, f.start))) continue;
    if (/[由从]/.test(text.slice(f.clauseStart, f.start))) continue;
    (bySentence.get(f.sentenceStart) ?? bySentence.set(f.sentenceStart, []).get(f.sentenceStart)!).push(f);
  }
  for (const shares of bySentence.values()) {
    if (shares.length < 2) continue;
    // one whole: 占GDP的x%、占GDP的y% or unnamed; 占登记选民的… / 占全体代表的… are different wholes
    const wholes = new Set(shares.map(f => wholeOf(text.slice(f.clauseStart, f.start))).filter(Boolean));
    if (wholes.size > 1) continue;
    // distinct parts of one whole: different indicators, the same share word
    const distinct = shares.every((a, i) => shares.every((b, j) => i === j || dice(a.indicator, b.indicator) < 0.8 || a.indicator !== b.indicator));
    if (!distinct) continue;
    const sum = clean(shares.reduce((s, f) => s + f.value, 0));
    if (sum > 100 + tolOf(...shares)) {
      out.push(finding(shares[shares.length - 1], ctx.t('The shares {0} add up to {1}%, more than 100%.', shares.map(s => s.text).join(' + '), fmt(sum)),
        shares.slice(0, -1).map(s => draftRelated(s, ctx.t('Share: {0}', s.text)))));
    }
  }
  return out;
}

function wholeOf(left: string): string {
  const m = /在(.{1,12}?)中/.exec(left) ?? /占(.{0,14}?)的?(?:比重|比例|份额)?(?:已|达到|达|为|是)?$/.exec(left);
  // 占比 names no whole
  return m ? m[1].replace(/的$/, '').replace(/^比(?:重|例)?/, '') : '';
}

/** 办结率99.3% beside 5300件 … 其中已办结5261件: the rate must be part / whole. */
function checkRates(figures: Figure[], ctx: FeatureContext): Finding[] {
  const out: Finding[] = [];
  for (const r of figures) {
    if (r.unit !== '%' || r.rule || relClass(r) !== 'level' || r.high !== undefined) continue;
    const m = /([\u4e00-\u9fff]{2})率$/.exec(r.indicator);
    if (!m) continue;
    const stem = m[1];
    // a part described by the same verb, whose total is known, near the rate: 其中已办结5261件 …,
    // or in the rate's sentence, after a figure of the same unit (收到5300件诉求，已办结5261件，办结率…)
    const near = (p: Figure) => p.end <= r.start && r.start - p.end < 200 && p.indicator.includes(stem) && !p.bound && p.high === undefined;
    let part = figures.find(p => p.partOf !== undefined && near(p));
    let total = part && figures[part.partOf!];
    if (!part) {
      part = figures.find(p => near(p) && p.sentenceStart === r.sentenceStart && p.unit !== '%');
      total = part && [...figures].reverse().find(t => t.end <= part!.start && t.sentenceStart === r.sentenceStart && t.unit === part!.unit
        && relClass(t) === 'level' && !t.rule && t.value >= part!.value);
    }
    if (!part) continue;
    if (!total || total.bound || total.value === 0) continue;
    if (total.indicator.includes(stem)) continue; // 赤字率: the total's own ratio to something else
    const rate = (part.value / total.value) * 100;
    const tol = r.step / 2 + (part.step / 2 / total.value) * 100 + 1e-6;
    if (Math.abs(rate - r.value) > tol) {
      out.push(finding(r, ctx.t('{0} / {1} is {2}%, not {3}.', part.text, total.text, fmt(rate), r.text),
        [draftRelated(part, ctx.t('Part: {0}', part.text)), draftRelated(total, ctx.t('Total: {0}', total.text))]));
    }
  }
  return out;
}

const COMPARATOR = /(高于|低于|超过|超出|超|快于|慢于|领先|落后|比)([^，,。；;、\d]{0,12})$/;

function isWholeRef(ref: string): 'main' | 'nation' | undefined {
  if (NATIONAL.some(w => ref.includes(w))) return 'nation';
  if (WHOLE_BODY.some(w => ref.includes(w)) || /均值|平均/.test(ref)) return 'main';
  return undefined;
}

/** 增长20.9%，增速超全市均值8.7个百分点: 20.9 − (the whole's rate) must be 8.7. */
function checkDifferences(text: string, figures: Figure[], main: string | undefined, ctx: FeatureContext): Finding[] {
  const out: Finding[] = [];
  figures.forEach((d, i) => {
    if (d.unit !== 'pp' || d.rule || d.high !== undefined) return;
    const before = text.slice(d.clauseStart, d.start);
    const inlineCm = /比[^，,。；;]{1,20}?(高|低|快|慢)了?(?:出)?$/.exec(before);
    const cm = COMPARATOR.exec(before) ?? (inlineCm ? Object.assign([inlineCm[0], inlineCm[1] === '低' || inlineCm[1] === '慢' ? '低于' : '高于', ''], { index: inlineCm.index }) as unknown as RegExpExecArray : null);
    if (!cm || /分别/.test(before) || /[和、]$/.test(text.slice(0, d.start).trimEnd())) return;
    // the figure compared: the last % figure of the sentence before the comparison
    const cmStart = d.clauseStart + cm.index;
    const own = [...figures.slice(0, i)].reverse().find(x => x.sentenceStart === d.sentenceStart && x.unit === '%' && !x.rule && x.end <= cmStart);
    if (!own || own.bound || own.high !== undefined) return;
    const sign = /低于|慢于|落后/.test(cm[1]) ? -1 : 1;
    // the reference is written in the comparison (比全省平均水平61.5%高…) or is the whole's figure elsewhere
    const inline = figures.find(x => x.unit === '%' && x.start >= cmStart && x.end <= d.start && x !== own);
    let refs: Figure[];
    if (inline) refs = [inline];
    else {
      const whole = isWholeRef(cm[2]);
      if (!whole) return;
      const key = whole === 'nation' ? '全国' : main;
      const head = own.indicator.slice(-3);
      refs = figures.filter(x => x !== own && x.unit === '%' && x.sentenceStart !== d.sentenceStart && !x.rule && !x.part
        && relClass(x) === relClass(own) && !!x.share === !!own.share && x.high === undefined
        && (x.subject === key || subjectsCompatible(x.subject, key)) && head.length === 3 && x.indicator.endsWith(head));
    }
    if (refs.length === 0) return;
    const ok = refs.some(x => Math.abs(sign * (own.value - x.value) - d.value) <= tolOf(own, x, d));
    if (ok) return;
    const x = refs[0];
    out.push(finding(d, ctx.t('{0} − {1} is {2} percentage points, not {3}.', own.text, x.text, fmt(Math.abs(own.value - x.value)), d.text),
      [draftRelated(own, figureName(own) + ' ' + own.text), draftRelated(x, figureName(x) + ' ' + x.text)]));
  });
  return out;
}

const FROM_TO = /[由从](?:每[年月日人户]|人均|平均)?$/;
const BARE_CHANGE = /^[，,、]?(?:同比|共|累计|总共|合计)?(?:增长|增加|提高|提升|上升|下降|减少|降低|回落)了?(?:约)?$/;

/** 由86.5%提高到88.0%，提高了1.5%: a rate changes by percentage points; and the pp must add up. */
function checkRateChanges(text: string, figures: Figure[], ctx: FeatureContext): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i + 2 < figures.length; i++) {
    const a = figures[i], b = figures[i + 1], c = figures[i + 2];
    if (a.unit !== b.unit || a.sentenceStart !== b.sentenceStart || c.sentenceStart !== a.sentenceStart) continue;
    if (!FROM_TO.test(text.slice(Math.max(a.clauseStart, a.start - 4), a.start))) continue;
    if (!/(到|至)$/.test(text.slice(a.end, b.start))) continue;
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
    } else if (c.unit === '%' && a.value > 0) {
      const growth = (delta / a.value) * 100;
      const tol = c.step / 2 + ((a.step + b.step) / 2 / a.value) * 100 + 0.05;
      if (Math.abs(growth - c.value) > tol) {
        out.push(finding(c, ctx.t('{0} to {1} is a change of {2}%, not {3}.', a.text, b.text, fmt(growth), c.text)));
      }
    }
  }
  return out;
}

const DECREASE_TIMES = /(下降|减少|降低|缩小|缩减|减)了?([0-9.]+|[一二两三四五六七八九十]+)倍/g;
const DOUBLINGS = /翻了?([一二两三四五六七八九十\d])番/g;

/** 下降N倍 is not a quantity; 翻两番 is ×4. */
function checkMultiples(text: string, figures: Figure[], ctx: FeatureContext): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(DECREASE_TIMES)) {
    const start = m.index! + m[0].length - m[2].length - 1;
    out.push({
      code: 'figure-arithmetic', severity: 'warning', start, end: m.index! + m[0].length,
      message: ctx.t('A quantity cannot fall by {0} times; give the share it fell by or the level it fell to.', m[2]),
    });
  }
  for (const m of text.matchAll(DOUBLINGS)) {
    const n = parseNumeral(m[1])?.value;
    if (!n) continue;
    const at = m.index!;
    const sEnd = sentenceEnd(text, at);
    const pair = figures.filter(f => f.end <= at && f.start >= at - 120 && f.unit !== '%' && f.unit !== 'pp');
    if (pair.length < 2) continue;
    const [a, b] = pair.slice(-2);
    if (a.unit !== b.unit || a.sentenceStart !== b.sentenceStart || a.value <= 0 || at > sEnd) continue;
    if (!FROM_TO.test(text.slice(Math.max(0, a.start - 4), a.start)) || !/(到|至)$/.test(text.slice(a.end, b.start))) continue;
    const ratio = b.value / a.value;
    const expected = 2 ** n;
    if (Math.abs(ratio - expected) / expected > 0.1) {
      out.push({
        code: 'figure-arithmetic', severity: 'warning', start: at, end: at + m[0].length,
        message: ctx.t('{0} means ×{1}, but {2} to {3} is ×{4}.', m[0], expected, a.text, b.text, fmt(ratio)),
      });
    }
  }
  return out;
}

export function checkArithmetic(draft: Draft, figures: Figure[], main: string | undefined, ctx: FeatureContext): Finding[] {
  const text = draft.norm;
  return [
    ...checkParts(figures, ctx),
    ...checkShares(text, figures, ctx),
    ...checkRates(figures, ctx),
    ...checkDifferences(text, figures, main, ctx),
    ...checkRateChanges(text, figures, ctx),
    ...checkMultiples(text, figures, ctx),
  ];
}
