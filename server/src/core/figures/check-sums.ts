// figure-arithmetic, sums: parts (其中 …) against their total, a stated total (共计 …) against the parts
// before it, shares of one whole against 100%, and a rate (办结率) against its part over its whole.
import type { FeatureContext } from '../model';
import type { Finding } from '../types';
import { CJK, finding, fmt, tolOf, valueRange } from './arith';
import { draftRelated, figureName, writeLike } from './describe';
import { EXHAUSTIVE_SETS, RATE_VERBS } from './lexicon';
import { clean } from './numerals';
import { relClass } from './match';
import { addUnit, canAdd } from './lists';
import { periodsCompatible } from './period';
import { clauseEnd, sentenceEnd } from './segments';
import { startingIn } from './sorted';
import type { Figure } from './types';

export function checkParts(figures: Figure[], ctx: FeatureContext): Finding[] {
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
    // 其中女党员300名、少数民族党员200名、35岁以下党员800名: parts by different attributes overlap
    if (overlapping(parts)) continue;
    // far past the total, the figure before 其中 was not the parts' total (年产一百万吨以上的…)
    if (sum > 2 * total.value) continue;
    // 其中近600人、约420人: approximate parts may overshoot a little
    const partsApprox = parts.some(p => p.bound === 'upper' || p.bound === 'about');
    // written values stand for half-open spans (2.1万 is 20,500 up to, not including, 21,500): parts
    // 1.2万 + 0.6万 + 0.5万 are at least 21,500, more than any 2.1万
    const over = tol > 1e-6 ? sum - total.value >= tol - 1e-6 * Math.max(1, tol) : sum > total.value + tol;
    if (parts.length >= 1 && over && !(totalIsLowerBound && sum <= total.value * 1.2) && !(partsApprox && sum <= total.value * 1.1)) {
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

/** Attributes of people a 其中 list may count by, each a dimension of its own: the lists overlap. */
const ATTRIBUTES: RegExp[] = [/女|男/, /少数民族|汉族/, /岁|青年|老年|年轻/, /大专|本科|研究生|硕士|博士|学历|中专|高中/, /党员|团员|群众/, /退役军人|残疾/];
function overlapping(parts: Figure[]): boolean {
  // a dimension every part names is what they count (女党员 / 男党员: 党员), not what tells them apart
  const named = parts.map(p => ATTRIBUTES.map(re => re.test(p.indicator + p.right)));
  const dims = ATTRIBUTES.filter((_, i) => named.some(n => n[i]) && !named.every(n => n[i]));
  return dims.length >= 2;
}

/**
 * 其中规上企业50家，占比35%: a part's share of its total, stated right after it, must be part / total
 * (bare 占比 / 占总数的: a whole named after 占 may be another).
 */
export function checkPartShares(text: string, figures: Figure[], ctx: FeatureContext): Finding[] {
  const out: Finding[] = [];
  figures.forEach((p, i) => {
    const r = figures[i + 1];
    if (!r || r.unit !== '%' || r.sentenceStart !== p.sentenceStart || r.rule || r.high !== undefined || r.bound) return;
    const between = text.slice(p.end, r.start);
    const total = p.partOf !== undefined ? figures[p.partOf] : namedTotal(text, figures, i, between);
    if (!total) return;
    // 占协议投资总额的29.5%: a whole named by the total's own indicator (协议投资额 / 协议投资总额)
    if (!PART_SHARE.test(between) && !namesWhole(text, between, total)) return;
    const tr = valueRange(total), pr = valueRange(p);
    if (!tr || !pr || tr[0] <= 0 || total.rule) return;
    const lo = (pr[0] / tr[1]) * 100, hi = (pr[1] / tr[0]) * 100;
    if (r.value < lo - r.step / 2 - 1e-6 || r.value > hi + r.step / 2 + 1e-6) {
      out.push(finding(r, ctx.t('{0} / {1} is {2}%, not {3}.', p.text, total.text, fmt((p.value / total.value) * 100), r.text),
        [draftRelated(p, ctx.t('Part: {0}', p.text)), draftRelated(total, ctx.t('Total: {0}', total.text))]));
    }
  });
  return out;
}
/**
 * 全市协议投资额7305亿元。现代装备制造项目协议投资额1571亿元，占协议投资总额的29.5%: with no 其中, the
 * total is the figure stated earlier whose indicator is the whole named (协议投资额), of the part's unit, a
 * statement (no rule, part, change, baseline or bound), more than the part, the only value the draft gives
 * it, of the part's period (both unstated, or compatible); the part's own indicator ends with that name (a part of the same measure), its subject the total's
 * unless the name says the whole's (全县…, which the total's sentence must say too).
 */
function namedTotal(text: string, figures: Figure[], i: number, between: string): Figure | undefined {
  const p = figures[i];
  const m = NAMED_SHARE.exec(between);
  if (!m || !canAdd(p, text) || p.bound || p.high !== undefined) return undefined;
  const whole = wholeName(m[1]);
  // 高新区…占全县规上工业增加值的: a whole of the 全县 the total's sentence names, whatever the part's subject
  const scoped = /^全[市省县区州盟旗国]/.test(m[1]);
  if (whole.length < 3 || !CJK(p.indicator).endsWith(whole)) return undefined;
  // the measure itself (规上工业增加值 / 规上工业增加值): a part only by a subject of its own (高新区 … 占全县…)
  const bySubject = CJK(p.indicator) === whole;
  if (bySubject && (!scoped || !p.subject)) return undefined;
  const totals = figures.slice(0, i).filter(t => addUnit(t.unit) === addUnit(p.unit) && t.sentenceStart !== p.sentenceStart
    && canAdd(t, text) && !t.part && !t.bound && t.high === undefined && !t.ambiguous && wholeName(CJK(t.indicator)) === whole
    && (bySubject ? t.subject !== p.subject : t.subject === p.subject || scoped) && t.value > p.value
    && (!t.period && !p.period || (!!t.period && !!p.period && periodsCompatible(t.period, p.period, true))));
  if (totals.length === 0 || totals.some(t => t.value !== totals[0].value)) return undefined;
  const total = totals[0];
  return namesWhole(text, between, total) ? total : undefined;
}
/** 全市协议投资总额 -> 协议投资额, 项目总数 -> 项目. */
function wholeName(name: string): string {
  return name.replace(/^全(?:市|省|县|区|州|盟|旗|国)/, '').replace(/总(?=[额量数])/, '').replace(/(?<=[\u4e00-\u9fff])数$/, '');
}

const PART_SHARE = /^[，,]?(?:占比|占总数的?|占总量的?|占比重)(?:为|是|达到?|约)?$/;
const NAMED_SHARE = /^[，,]?占([\u4e00-\u9fff]{2,14}?)的?(?:比重|比例)?(?:为|是|达到?|约)?$/;
/**
 * 占协议投资总额的: the named whole, without 总 and a leading 全市 / 全县 … (which the total's sentence
 * must say too), is the total's indicator (协议投资额), or the total's indicator ends with it
 * (招商引资项目 / 占项目总数的).
 */
function namesWhole(text: string, between: string, total: Figure): boolean {
  const m = NAMED_SHARE.exec(between);
  if (!m) return false;
  // 占全市企业总数的 after 全县共有企业120家: another whole; 全市 must be the total's own
  const scope = /^全[市省县区州盟旗国]/.exec(m[1])?.[0];
  if (scope && !text.slice(total.sentenceStart, total.start).includes(scope)) return false;
  const whole = wholeName(m[1]);
  const ind = CJK(total.indicator).replace(/总(?=[额量数])/, '');
  return whole.length >= 2 && ind.length >= 2 && (whole === ind || ind.endsWith(whole));
}

/** The longest ending all the words share. */
function commonTail(words: string[]): string {
  let n = 0;
  while (words.every(w => w.length > n && w[w.length - 1 - n] === words[0][words[0].length - 1 - n])) n++;
  return n ? words[0].slice(-n) : '';
}

/** Shares of one whole in one sentence (A占比x%、B占比y%) that add up past 100%. */
export function checkShares(text: string, figures: Figure[], ctx: FeatureContext): Finding[] {
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
    // (each share's own words: 独立办公企业占58%、共享工位企业占31% names no whole in 58%、共享工位企业)
    const wholes = new Set(shares.map(f => wholeOf(ownWords(text.slice(f.clauseStart, f.start)))).filter(Boolean));
    if (wholes.size > 1) continue;
    // no whole named: only parts told by 占 right before the share (独立办公企业占58%、共享工位企业占31%)
    // are parts of the one whole under discussion; a 占比 / 比重 of each item (炼铁、炼钢先进产能占比分别达到
    // 64.3%、62.3%; 清洁能源装机占比54.8%、发电量占比51.3%) is a share of that item's own whole
    // (one counted thing told apart by its qualifiers, 年收入10万元以上的村数量占比 / 年收入5万元至10万元的村数量
    // 占比, shares one whole too)
    // or parts named before one share word, 第一产业占比12%，第二产业占比45%: a common tail of three characters)
    const tail = commonTail(shares.map(f => CJK(f.indicator)));
    const toldByQualifiers = (shares.every(f => f.indicator === shares[0].indicator) || tail.length >= 3)
      && !/分别/.test(text.slice(shares[0].sentenceStart, shares[shares.length - 1].start));
    if (wholes.size === 0 && !toldByQualifiers && !shares.every(f => /占(?:约|近|达|超过|了)?$/.test(CJK(text.slice(f.clauseStart, f.start))))) continue;
    // distinct parts of one whole: different indicators, the same share word
    // or one indicator told apart by what qualifies it (年收入10万元以上的村数量占比 / 年收入5万元至10万元的村数量占比),
    // of the same subject and period (2022年占比…，2023年占比… are one part at two times)
    const qualified = (a: Figure, b: Figure) => a.subject === b.subject && (a.period?.text ?? '') === (b.period?.text ?? '')
      && CJK(text.slice(a.clauseStart, a.start)) !== CJK(text.slice(b.clauseStart, b.start));
    const distinct = shares.every((a, i) => shares.every((b, j) => i === j || a.indicator !== b.indicator || qualified(a, b)));
    if (!distinct) continue;
    const sum = clean(shares.reduce((s, f) => s + f.value, 0));
    if (sum > 100 + tolOf(...shares)) {
      out.push(finding(shares[shares.length - 1], ctx.t('The shares {0} add up to {1}%, more than 100%.', shares.map(s => s.text).join(' + '), fmt(sum)),
        shares.slice(0, -1).map(s => draftRelated(s, ctx.t('Share: {0}', s.text)))));
    }
  }
  return out;
}

/** The words of the last item of a list: after the last 、 or figure before it. */
const ownWords = (left: string) => left.replace(/^.*[、\d%％]/, '');

function wholeOf(left: string): string {
  const m = /在(.{1,12}?)中/.exec(left) ?? /占(.{0,14}?)的?(?:比重|比例|份额)?(?:已|达到|达|为|是)?$/.exec(left);
  // 占比 names no whole
  return m ? m[1].replace(/的$/, '').replace(/^比(?:重|例)?/, '') : '';
}

const LV = '率'.charCodeAt(0);

/** 办结率99.3% beside 5300件 … 其中已办结5261件: the rate must be part / whole. */
export function checkRates(text: string, figures: Figure[], ctx: FeatureContext): Finding[] {
  const out: Finding[] = [];
  for (const r of figures) {
    if (r.unit !== '%' || r.rule || relClass(r) !== 'level' || r.high !== undefined) continue;
    // (only an indicator ending in 率 is tried: the pattern reads the whole of it)
    if (r.indicator.charCodeAt(r.indicator.length - 1) !== LV) continue;
    const m = /([\u4e00-\u9fff]{2})率$/.exec(r.indicator);
    if (!m) continue;
    const stem = m[1];
    // a part described by the same verb, whose total is known, near the rate: 其中已办结5261件 …,
    // or in the rate's sentence, after a figure of the same unit (收到5300件诉求，已办结5261件，办结率…)
    // (the part may be described after its unit: 其中9.4万余件首次信访在首办环节实现化解, 化解率…)
    const said = (p: Figure) => p.indicator + text.slice(p.end, clauseEnd(text, p.end));
    // 解决了1304个，办结率…: the part may be told with a word of the same meaning (data/lexicon.json rateVerbs)
    const verbs = [stem, ...(RATE_VERBS[stem] ?? [])];
    // (…项目70个，11个省、市重点项目完成投资22.35亿元，投资率…: a verb that names the next figure of the
    // clause, 完成投资22.35亿元, tells that figure, not the count before it)
    const tells = (p: Figure) => {
      if (valueRange(p) === undefined) return false;
      const next = startingIn(figures, p.end, clauseEnd(text, p.end))[0];
      const own = next ? p.indicator + text.slice(p.end, next.start - Math.min(next.start - p.end, CJK(next.indicator).length)) : said(p);
      return verbs.some(v => own.includes(v));
    };
    // 城乡居民养老保险参保率98.3%: a rate that names what it is of is the part over the whole only when the
    // part names that too (企业参保新增845人 is no part of the pension scheme's coverage)
    const of = CJK(r.indicator).slice(0, -3).replace(/^(?:全[市省县区国])/, '');
    const before = startingIn(figures, Math.max(0, r.start - 240), r.start).filter(p => p.end <= r.start && r.start - p.end < 200);
    let part = before.find(p => p.partOf !== undefined && tells(p));
    let total = part && figures[part.partOf!];
    if (!part) {
      // in the rate's sentence, before it or (办结率99.3%：共收到5300件，已办结5261件) after it
      const sentence = startingIn(figures, r.sentenceStart, sentenceEnd(text, r.end)).filter(p => p.sentenceStart === r.sentenceStart);
      part = sentence.find(p => p !== r && p.unit !== '%' && (p.end <= r.start ? r.start - p.end < 200 : true) && tells(p));
      total = part && [...sentence].reverse().find(t => t.end <= part!.start && t.unit === part!.unit
        && relClass(t) === 'level' && !t.rule && t.value >= part!.value);
    }
    if (!part) continue;
    const tr = total && valueRange(total), pr = valueRange(part);
    const around = CJK(said(part) + text.slice(part.clauseStart, part.start) + (total ? text.slice(total.clauseStart, total.start) + said(total) : ''));
    if (of.length >= 2 && ![...Array(of.length - 1).keys()].some(k => around.includes(of.slice(k, k + 2)))) continue;
    if (!total || !tr || !pr || tr[0] <= 0) continue;
    if (verbs.some(v => total!.indicator.includes(v))) continue; // 赤字率: the total's own ratio to something else
    const rate = (part.value / total.value) * 100;
    const lo = (pr[0] / tr[1]) * 100, hi = (pr[1] / tr[0]) * 100;
    if (r.value < lo - r.step / 2 - 1e-6 || r.value > hi + r.step / 2 + 1e-6) {
      out.push(finding(r, ctx.t('{0} / {1} is {2}%, not {3}.', part.text, total.text, fmt(rate), r.text),
        [draftRelated(part, ctx.t('Part: {0}', part.text)), draftRelated(total, ctx.t('Total: {0}', total.text))]));
    }
  }
  return out;
}

/** 共计 / 合计 / 总计 / 共 opening the clause of a total (共 not as in 共同, 共享, 共建 …). */
const TOTAL_OPENING = /^[^，,。；;\d]{0,3}?(?:共计|合计|总计|总共|(?<!公)共(?![同享建治创商识性产赢通用]))/;

/**
 * 线上实训12期、线下实训9期，共计实训21期: a total stated after its parts must be their sum. The parts
 * are the figures of the total's unit before it in its sentence, two or more, none of them a total
 * with its own 其中 parts, a rate, a change or a rule; the total opens its clause with 共计 / 合计 /
 * 总计 / 共 and is that clause's first figure. 累计 (over time) is not such a total.
 */
export function checkStatedTotals(text: string, figures: Figure[], ctx: FeatureContext): Finding[] {
  const out: Finding[] = [];
  const hasParts = new Set(figures.filter(f => f.partOf !== undefined).map(f => f.partOf!));
  figures.forEach((t, ti) => {
    if (t.kind === 'percent' || t.kind === 'pp' || t.partOf !== undefined || hasParts.has(ti) || !canAdd(t, text)) return;
    let inSentence: Figure[];
    // 13名区级领导干部、18名助企专员共29人: the total right after a list of parts and their nouns
    const listed = ti >= 2 ? listBefore(text, figures, ti) : undefined;
    if (listed) inSentence = listed;
    else {
      if (!TOTAL_OPENING.test(text.slice(t.clauseStart, t.start))) return;
      const sameClauseBefore = figures.some(f => f.clauseStart === t.clauseStart && f.start < t.start);
      if (sameClauseBefore) return;
      inSentence = figures.filter(f => f.sentenceStart === t.sentenceStart && f.end <= t.clauseStart && addUnit(f.unit) === addUnit(t.unit));
    }
    if (inSentence.length < 2) return;
    if (inSentence.some(f => !canAdd(f, text) || f.partOf !== undefined || hasParts.has(figures.indexOf(f)))) return;
    if (/其中|包括/.test(text.slice(inSentence[0].clauseStart, t.start))) return;
    const ranges = inSentence.map(valueRange);
    const tr = valueRange(t);
    if (!tr || ranges.some(r => r === undefined)) return;
    const lo = ranges.reduce((s, r) => s + r![0], 0), hi = ranges.reduce((s, r) => s + r![1], 0);
    // the parts' rounding adds up; the total's own rounding is in its range
    if (hi >= tr[0] - 1e-9 && lo <= tr[1] + 1e-9) return;
    const sum = clean(inSentence.reduce((s, p) => s + p.value, 0));
    // a list told with a total of another thing (3个乡镇、5个街道共12个村) is no sum: a miscount is near
    if (listed && !(sum <= 1.25 * t.value && t.value <= 1.25 * sum)) return;
    out.push(finding(t, ctx.t('The parts ({0}) add up to {1}, not the total {2}.', inSentence.map(p => p.text).join(' + '), writeLike(sum, t), t.text),
      inSentence.map(p => draftRelated(p, ctx.t('Part: {0}', p.text)))));
  });
  return out;
}

/**
 * The parts of a total that follows them in one clause: figures joined by 、 / 和 / 及, each with
 * a few words of its own, the last followed by its noun and 共 / 共计 / 合计 (13名区级领导干部、
 * 18名助企专员共29人). Units that add up (名 and 人), none a change, rule or rate.
 */
function listBefore(text: string, figures: Figure[], ti: number): Figure[] | undefined {
  const t = figures[ti];
  const last = figures[ti - 1];
  if (last.sentenceStart !== t.sentenceStart || !/^[\u4e00-\u9fff]{1,10}(?:共计|合计|总计|总共|共)$/.test(text.slice(last.end, t.start))) return undefined;
  const parts = [last];
  for (let k = ti - 2; k >= 0; k--) {
    const f = figures[k], next = parts[0];
    if (f.sentenceStart !== t.sentenceStart || !/^[\u4e00-\u9fff]{1,10}[、和及与]$/.test(text.slice(f.end, next.start))) break;
    parts.unshift(f);
  }
  if (parts.length < 2 || parts.some(p => addUnit(p.unit) !== addUnit(t.unit) || !canAdd(p, text) || p.bound || p.high !== undefined)) return undefined;
  return parts;
}

// 我市仅为2157元，为全省平均水平的45.5%: a level as a share of another body's level
const LEVEL_RATIO = /^[，,]?(?:仅|只)?(?:为|是|相当于|达到?)(全(?:国|省|市|县|区|州)[\u4e00-\u9fff]{0,8}?)的$/;

/**
 * 全省人均投资3956元，我市仅为2157元，为全省平均水平的45.5%: the ratio of the figure just before it to
 * the figure of the body it names (the one figure earlier in the sentence whose clause opens with that
 * 全省 / 全国 …), of the same unit and indicator words, neither a rule, bound, range or baseline.
 */
export function checkLevelRatios(text: string, figures: Figure[], ctx: FeatureContext): Finding[] {
  const out: Finding[] = [];
  figures.forEach((r, i) => {
    const p = figures[i - 1];
    if (!p || r.unit !== '%' || r.sentenceStart !== p.sentenceStart || r.rule || r.high !== undefined || r.bound) return;
    const m = LEVEL_RATIO.exec(text.slice(p.end, r.start));
    if (!m) return;
    const body = m[1].slice(0, 2);
    const same = (x: Figure) => addUnit(x.unit) === addUnit(p.unit) && x.kind === p.kind && CJK(x.indicator) === CJK(p.indicator) && CJK(p.indicator).length >= 2;
    const wholes = figures.slice(0, i - 1).filter(x => x.sentenceStart === p.sentenceStart && same(x)
      && CJK(text.slice(x.clauseStart, x.start)).startsWith(body));
    if (wholes.length !== 1 || CJK(text.slice(p.clauseStart, p.start)).startsWith(body)) return;
    const total = wholes[0];
    if ([p, total].some(x => x.rule || x.baseline || x.part || x.ambiguous || x.bound || x.high !== undefined || x.changeFrom !== undefined || x.rel === 'increase' || x.rel === 'decrease')) return;
    const tr = valueRange(total), pr = valueRange(p);
    if (!tr || !pr || tr[0] <= 0) return;
    const lo = (pr[0] / tr[1]) * 100, hi = (pr[1] / tr[0]) * 100;
    if (r.value < lo - r.step / 2 - 1e-6 || r.value > hi + r.step / 2 + 1e-6) {
      out.push(finding(r, ctx.t('{0} / {1} is {2}%, not {3}.', p.text, total.text, fmt((p.value / total.value) * 100), r.text),
        [draftRelated(p, figureName(p) + ' ' + p.text), draftRelated(total, figureName(total) + ' ' + total.text)]));
    }
  });
  return out;
}
