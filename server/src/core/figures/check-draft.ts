// figure-conflict-draft: the draft states the same figure twice with different values.
import type { Draft, FeatureContext } from '../model';
import type { Finding } from '../types';
import { draftRelated, figureName } from './describe';
import { stringFromCodes } from '../text/codes';
import { commonSuffix, hanOnly, indicatorScore, numeralLike, statementKey, valuesAgree, wordsOf } from './match';
import { isFirm, isVague, periodsCompatible } from './period';
import { clauseEnd } from './segments';
import { Marks } from './sorted';
import { nested, subjectsCompatible } from './subject';
import type { Figure } from './types';

/**
 * A sentence end (。！？!? or a line break): two figures with one between them stand in different
 * sentences (Marks over the draft's ends, made once per check).
 */
const isSentenceEnd = (c: number) => c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x21 || c === 0x3f || c === 0x0a;

/** Restating needs a surer match than citing the corpus: the draft has many near-alike figures. */
export const DRAFT_MATCH = 0.9;

/** a and b are the same kind of statement (statementKey), a before b, neither a part, rule, baseline … */
function sameThing(ends: Marks, a: Figure, b: Figure): 'indicator' | 'noun' | false {
  // 由A提高到B, 分别…; and ；-separated parallel items (中专在校学生…增长49%；普通中学在校学生…增长30%)
  if (!ends.between(a.end, b.start)) return false;
  // a later restatement may drop the period; a later figure with a period of its own starts a new context
  const weak = (p: Figure['period']) => isVague(p) || !!p?.inherited;
  if (weak(a.period) && !weak(b.period)) return false;
  // …29万公里 (no period) … 三、2017年重点工作任务 … 20万公里: a section with a year of its own is a new context
  if (isVague(a.period) && b.period?.fromHeading) return false;
  if (a.subject !== b.subject && !(a.subject && b.subject && (a.subject.endsWith(b.subject) || b.subject.endsWith(a.subject)))) return false;
  if (!periodsCompatible(a.period, b.period, false)) return false;
  // 完成预算数的92.49%: a ratio to something named earlier in the sentence, not an indicator of its own
  if (a.unit === '%' && (/的$/.test(a.left) || /的$/.test(b.left))) return false;
  return sameIndicator(a, b) ? 'indicator' : sameCountedNoun(a, b) ? 'noun' : false;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** How much of `b`'s start `a` ends with (培育专业合作社 / 专业合作社基础上 -> 5). */
function overlap(a: string, b: string): number {
  for (let k = Math.min(a.length, b.length); k > 0; k--) {
    let i = 0;
    while (i < k && a.charCodeAt(a.length - k + i) === b.charCodeAt(i)) i++;
    if (i === k) return k;
  }
  return 0;
}

/**
 * The same counted noun of four characters or more, written after the unit in both (由12名行业专家组成 /
 * 由21名行业专家组成的…), or before the number in one and after it in the other (培育专业合作社120余家 /
 * 210余家专业合作社). Weaker than the indicator words: only a slip of the pen is reported.
 */
function sameCountedNoun(a: Figure, b: Figure): boolean {
  const ra = hanOnly(a.right), rb = hanOnly(b.right);
  if (commonPrefix(ra, rb) >= 4) return true;
  return overlap(wordsOf(a).ia, rb) >= 4 || overlap(wordsOf(b).ia, ra) >= 4;
}



/**
 * Within one draft the words around a restated figure are copied, so the match is strict: the
 * same indicator words, or (规模 figures named after the unit) the same counted noun.
 */
function sameIndicator(a: Figure, b: Figure): boolean {
  const ia = wordsOf(a).ia, ib = wordsOf(b).ia;
  if (!a.fromRight && !b.fromRight) {
    if (ia.length >= 2 && ia === ib) return true;
    // 挂点干部通过线上线下共走访企业 … 共走访企业: the restatement drops modifiers, keeps the head
    const [short, long] = ia.length <= ib.length ? [ia, ib] : [ib, ia];
    if (short.length >= 4 && long.endsWith(short)) return true;
    // 干部走访企业 … 挂点干部通过线上线下共走访企业: the same head, and the shorter's other words
    // within the longer (轻工业总产值 / 重工业总产值 share a head but differ in a word)
    const tail = commonSuffix(short, long);
    return tail >= 4 && long.slice(0, long.length - tail).includes(short.slice(0, short.length - tail));
  }
  return indicatorScore(a, b) >= DRAFT_MATCH;
}

function digitsOf(f: Figure, slot = 0): string {
  // (the last figure read in each of two slots: a check tests one figure against many, a's slot 0, b's 1;
  // a figure's numeral and value never change)
  if (lastDigits[slot].figure === f) return lastDigits[slot].digits;
  const digits = numeralDigits(f) ?? String(f.value).replace(/[^0-9]/g, '');
  lastDigits[slot].figure = f;
  lastDigits[slot].digits = digits;
  return digits;
}
const lastDigits: Array<{ figure: Figure | undefined; digits: string }> = [{ figure: undefined, digits: '' }, { figure: undefined, digits: '' }];

// (a numeral's digits gathered by code before they are made a string)
const digitBuffer: number[] = [];
const [WAN, YI, QIAN, BAI] = ['万', '亿', '千', '百'].map(ch => ch.charCodeAt(0));

/**
 * The digits of a figure's numeral written in digits (5.8万 -> 58, １２３ -> 123: `asciiDigits(numeral)`
 * matching /^[0-9.,]+[万亿千百]*$/, its non-digits dropped), or undefined for another numeral (九十一万).
 * Read by char code: the slips are tested for every pair of figures a check compares.
 */
function numeralDigits(f: Figure): string | undefined {
  const t = f.text, from = f.numStart - f.start, to = f.numEnd - f.start;
  let i = from, digits = 0, others = 0;
  for (; i < to; i++) {
    const c = t.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) digits++;
    else if (c === 0x2e || c === 0x2c || c === 0xff0e) others++;
    else break;
  }
  if (i === from) return undefined;
  const numberEnd = i;
  for (; i < to; i++) {
    const c = t.charCodeAt(i);
    if (c !== WAN && c !== YI && c !== QIAN && c !== BAI) return undefined;
  }
  // (ASCII digits only: the numeral itself)
  if (others === 0 && numberEnd === to && t.charCodeAt(from) <= 0x39 && t.charCodeAt(to - 1) <= 0x39 && asciiOnly(t, from, to)) return t.slice(from, to);
  const out = digitBuffer;
  out.length = 0;
  for (let k = from; k < numberEnd; k++) {
    const c = t.charCodeAt(k);
    if (c >= 0x30 && c <= 0x39) out.push(c);
    else if (c >= 0xff10 && c <= 0xff19) out.push(c - 0xfee0);
  }
  return digits === 0 ? '' : stringFromCodes(out);
}

function asciiOnly(t: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (t.charCodeAt(k) > 0x39) return false;
  return true;
}

/** The length of a string of digits without its leading and trailing 0s. */
function significantLength(d: string): number {
  let p = 0, q = d.length - 1;
  while (p <= q && d.charCodeAt(p) === 0x30) p++;
  while (q >= p && d.charCodeAt(q) === 0x30) q--;
  return q - p + 1;
}

/** A string of digits without its leading and trailing 0s. */
function withoutOuterZeros(d: string): string {
  let p = 0, q = d.length - 1;
  while (p <= q && d.charCodeAt(p) === 0x30) p++;
  while (q >= p && d.charCodeAt(q) === 0x30) q--;
  return p === 0 && q === d.length - 1 ? d : d.slice(p, q + 1);
}

/** One character added, dropped or changed (三分之一 / 十三分之一). */
function oneEdit(x: string, y: string): boolean {
  if (Math.abs(x.length - y.length) > 1 || x === y) return false;
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  if (x.length === y.length) return x.slice(i + 1) === y.slice(i + 1);
  return x.length < y.length ? x.slice(i) === y.slice(i + 1) : x.slice(i + 1) === y.slice(i);
}

/** 591 / 519, 14.2 / 12.4, 5.8 / 5.6: one digit changed or two neighbours swapped. */
export function isDigitSlip(a: Figure, b: Figure): boolean {
  // fractions as written (三分之一 / 十三分之一, 2/3 / 2/5): a character of either numeral slipped
  if (a.unit === 'fraction' && b.unit === 'fraction') {
    const written = (f: Figure) => f.text.slice(f.numStart - f.start, f.numEnd - f.start);
    return oneEdit(written(a), written(b));
  }
  const x = digitsOf(a, 0), y = digitsOf(b, 1);
  if (x.length !== y.length || x === y) return false;
  // 2000余万元 / 5000余万元, 4000元 / 9000元: round figures of one significant digit differ by that digit
  // as often as two different amounts do
  if (significantLength(x) <= 1 && significantLength(y) <= 1) return false;
  // the positions that differ: one, or two neighbours swapped
  let first = -1, second = -1, n = 0;
  for (let i = 0; i < x.length; i++) {
    if (x.charCodeAt(i) === y.charCodeAt(i)) continue;
    if (++n > 2) return false;
    if (n === 1) first = i;
    else second = i;
  }
  if (n === 1) return true;
  return n === 2 && second === first + 1 && x.charCodeAt(first) === y.charCodeAt(second) && x.charCodeAt(second) === y.charCodeAt(first);
}

/**
 * 3.7万元 / 37万元, 2000户 / 2万户, 1.5% / 15%: the same significant digits at ×10, ×100 or ×1000 (a
 * misplaced decimal point, 千 for 万, a 0 too many or too few), both written exactly (no 余 / 近, no range).
 */
export function isMagnitudeSlip(a: Figure, b: Figure): boolean {
  if (a.bound || b.bound || a.high !== undefined || b.high !== undefined || a.unitText !== b.unitText) return false;
  if (a.value <= 0 || b.value <= 0) return false;
  const x = withoutOuterZeros(digitsOf(a, 0));
  if (!x || x !== withoutOuterZeros(digitsOf(b, 1))) return false;
  const ratio = Math.max(a.value, b.value) / Math.min(a.value, b.value);
  return Math.abs(ratio - 10) < 1e-6 * 10 || Math.abs(ratio - 100) < 1e-6 * 100 || Math.abs(ratio - 1000) < 1e-6 * 1000;
}

/**
 * A slip of the order of magnitude on the evidence a digit slip needs, and more: two significant digits
 * or more (37 / 3.7), or one (2万户 / 2000户) with the same noun counted after the unit and indicator
 * words of four characters or more.
 */
export function magnitudeSlipOf(a: Figure, b: Figure): boolean {
  if (!isMagnitudeSlip(a, b)) return false;
  if (significantLength(digitsOf(a)) >= 2) return true;
  const na = hanOnly(a.right, 2), nb = hanOnly(b.right, 2);
  return na.length === 2 && na === nb && wordsOf(a).ia.length >= 4 && wordsOf(b).ia.length >= 4;
}

// words that say nothing of what is counted
const GENERIC = new Set(['全年', '今年', '去年', '累计', '完成', '实现', '达到', '其中', '以上', '共计', '同比', '增长', '全市', '全县', '全区', '全省', '全国', '工作', '我们', '一个', '左右', '以来', '目前', '截至', '进一', '一步']);

/** The words of a figure's indicator and of its clause after it (低保、低保边缘和低收入家庭没有住房). */
function saidOf(text: string, f: Figure): Set<string> {
  const out = new Set<string>();
  for (const part of [hanOnly(f.indicator), hanOnly(text.slice(f.end, Math.min(clauseEnd(text, f.end), f.end + 30)))]) {
    for (let i = 0; i + 2 <= part.length; i++) {
      const w = part.slice(i, i + 2);
      if (!GENERIC.has(w)) out.add(w);
    }
  }
  return out;
}

/** 保障性安居工程开工量 / 巩固开工: the indicator's head, without 量 / 数 / 规模. */
const headOf = (f: Figure) => (f.fromRight ? '' : hanOnly(f.indicator).replace(/(?:数量|总量|总数|规模|量|数)$/, ''));

/** Significant digits (九十一万 -> 91, 14.2万 -> 142, 14861 -> 14861). */
function significant(f: Figure): string {
  return numeralDigits(f) ?? String(f.value).replace(/[^0-9]/g, '').replace(/0+$/, '');
}

/**
 * A figure restated with two neighbouring digits swapped (开工量达14861套 … 巩固全年开工14816套的建设成果;
 * 56支龙狮队伍 … 吸引65支龙狮队伍参赛) is a slip even when the words around it are not copied: the same
 * unit as written, the same kind of statement, in another sentence, periods that do not differ, and
 * evidence that the same thing is counted — the same counted noun of three characters or more after
 * the unit; or, for four digits or more (a swap that seldom happens by chance), the same head of the
 * indicator (开工量 / 开工) or two words of the clause in common (家庭, 住房), in the same subject.
 * Parallel counts of two or three digits (42个部门 / 事项24个, 二十三个 / 三十二个建设项目) need the noun.
 */
function swappedRestatements(text: string, figures: Figure[], keys: readonly string[], ends: Marks, reported: Set<Figure>, ctx: FeatureContext, gate: (a: Figure, b: Figure) => boolean): Finding[] {
  const out: Finding[] = [];
  const bySorted = new Map<string, Figure[]>();
  const byWildcard = new Map<string, Figure[]>();
  // of one order of magnitude (not 1.2万亿 / 21万亿, 3.1% / 13%, 13.65万亿 / 1465亿)
  const magnitude = (f: Figure) => (f.value > 0 ? Math.floor(Math.log10(f.value) + 1e-9) : 0);
  const candidate = (a: Figure, b: Figure) => magnitude(a) === magnitude(b) && ends.between(a.end, b.start) && periodsCompatible(a.period, b.period, false)
    && !(a.unit === '%' && (/的$/.test(a.left) || /的$/.test(b.left)));
  const digitsOfB = new Map<Figure, string>();
  for (let j = 0; j < figures.length; j++) {
    const b = figures[j];
    if (b.part || b.rule || b.baseline || b.ambiguous || b.kind === 'multiple' || b.bound || b.high !== undefined) continue;
    const { digits, key, wild } = swapKeysOf(b, keys[j]);
    if (digits.length < 2) continue;
    digitsOfB.set(b, digits);
    let group = bySorted.get(key);
    if (!group) bySorted.set(key, (group = []));
    if (!reported.has(b)) {
      let a: Figure | undefined;
      let agrees = false;
      for (const x of nearest(group)) {
        if (valuesAgree(x, b)) agrees = true;
        else if (!a && isSwap(digitsOfB.get(x)!, digits) && candidate(x, b)) a = x;
      }
      for (const w of wild) {
        for (const x of nearest(byWildcard.get(w) ?? [])) if (!a && !valuesAgree(x, b) && candidate(x, b)) a = x;
      }
      if (a && !agrees && sameCount(text, figures, a, b, digits.length) && gate(a, b)) out.push(conflict(a, b, ctx));
    }
    group.push(b);
    for (const w of wild) {
      let list = byWildcard.get(w);
      if (!list) byWildcard.set(w, (list = []));
      list.push(b);
    }
  }
  return out;
}

/** A figure's keys in swappedRestatements (`statement`: its statementKey), read once per figure object (the draft's are kept while their block is). */
const swapKeys = new WeakMap<Figure, { digits: string; key: string; wild: string[] }>();
function swapKeysOf(b: Figure, statement: string): { digits: string; key: string; wild: string[] } {
  let k = swapKeys.get(b);
  if (k) return k;
  const digits = significant(b);
  const head = b.unitText + '|' + statement + '|';
  // 7164 / 7264 户: one digit changed in a count of four digits, three of them not 0 (not 1500 / 1600)
  const oneDigit = digits.length >= 4 && digits.replace(/0/g, '').length >= 3 && b.kind !== 'percent' && b.kind !== 'pp';
  const wild: string[] = [];
  if (oneDigit) for (let i = 0; i < digits.length; i++) wild.push(head + digits.slice(0, i) + '*' + digits.slice(i + 1));
  swapKeys.set(b, (k = { digits, key: head + sortedDigits(digits), wild }));
  return k;
}

/** The digits of a string of ASCII digits in ascending order (as `d.split('').sort().join('')`). */
function sortedDigits(d: string): string {
  if (d.length < 2) return d;
  const count = new Int32Array(10);
  for (let i = 0; i < d.length; i++) count[d.charCodeAt(i) - 48]++;
  let out = '';
  for (let k = 0; k < 10; k++) if (count[k]) out += DIGITS[k].repeat(count[k]);
  return out;
}
const DIGITS = '0123456789';

/** Two neighbouring digits swapped (7164 / 7614), in significant digits of `digits` or more. */
export function isSwapSlip(a: Figure, b: Figure, digits: number): boolean {
  const x = significant(a), y = significant(b);
  return x.length >= digits && isSwap(x, y);
}

function isSwap(x: string, y: string): boolean {
  if (x.length !== y.length || x.length < 2 || x === y) return false;
  let i = 0;
  while (x[i] === y[i]) i++;
  return x[i] === y[i + 1] && x[i + 1] === y[i] && x.slice(i + 2) === y.slice(i + 2);
}

function sameCount(text: string, figures: Figure[], a: Figure, b: Figure, digits: number): boolean {
  // (the words first: the subjects' test may read the draft's mentions of places, subject.ts nested)
  return sameCountedThing(text, figures, a, b, digits) && sameCountingSubject(text, a, b);
}

/** 全县 / 全市 … 56支 / 65支: another subject counts other things; one the draft puts inside the other (深圳宝安区 … 在宝安 … 鹏城) may be told of either. */
function sameCountingSubject(text: string, a: Figure, b: Figure): boolean {
  return a.subject === b.subject || (!!a.subject && !!b.subject && (subjectsCompatible(a.subject, b.subject) || nested(text, a.subject, b.subject)));
}

function sameCountedThing(text: string, figures: Figure[], a: Figure, b: Figure, digits: number): boolean {
  const noun = hanOnly(b.right);
  if (commonPrefix(hanOnly(a.right), noun) >= 3) {
    // 十一个 / 三十三个 / 二十三个 / 三十二个建设项目: a noun counted again and again is a list, not a restatement
    const others = figures.filter(f => f !== a && f !== b && f.unit === b.unit && commonPrefix(hanOnly(f.right), noun) >= 3);
    return !others.some(f => !valuesAgree(f, a) && !valuesAgree(f, b));
  }
  if (digits < 4) return false;
  const ha = headOf(a), hb = headOf(b);
  if (ha.length >= 2 && hb.length >= 2 && commonSuffix(ha, hb) >= 2) return true;
  const wa = saidOf(text, a);
  let shared = 0;
  for (const w of saidOf(text, b)) if (wa.has(w)) shared++;
  return shared >= 2;
}

/** A figure-conflict-draft finding on `b`, pointing at the earlier `a`, with the fix to its value. */
export function conflict(a: Figure, b: Figure, ctx: FeatureContext): Finding {
  const finding: Finding = {
    code: 'figure-conflict-draft',
    severity: 'warning',
    start: b.start,
    end: b.end,
    message: ctx.t('{0} is given as {1} here but as {2} earlier in the draft.', figureName(b), b.text, a.text),
    related: [draftRelated(a, ctx.t('Stated earlier: {0}', a.text))],
  };
  const newText = !a.bound && !b.bound && a.high === undefined ? numeralLike(a.value, b) : undefined;
  if (newText) {
    finding.fixes = [{ title: ctx.t('Use the earlier value {0}', a.text), edits: [{ start: b.numStart, end: b.numEnd, newText }] }];
  }
  return finding;
}

// A figure is compared with the nearest earlier figures of its kind only (a bounded number), so a
// check grows with the draft, not with its square: a restatement is never hundreds of like figures away.
const NEAREST = 64;
const SCAN_BACK = 512;
const nearest = <T>(list: readonly T[]): readonly T[] => (list.length > NEAREST ? list.slice(-NEAREST) : list);

/**
 * What sameThing said of a figure and each of the earlier figures it was compared with, by figure object.
 * A draft's figure objects are kept while their block is unchanged and in place (incremental.ts), so the
 * same two objects stand at the same offsets in the same text: in one block, the same text between them;
 * in two, a line break (a sentence end) between them. sameThing reads nothing else, so it says the same.
 */
const judged = new WeakMap<Figure, { with: readonly Figure[]; how: ReadonlyArray<'indicator' | 'noun' | false> }>();

let comparisons = 0;
/** How many figure pairs sameThing has judged in this process (not said again from `judged`): tests see the reuse. */
export function draftComparisonsMade(): number {
  return comparisons;
}

function sameFigures(a: readonly Figure[], b: readonly Figure[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

export function checkDraftConflicts(
  draft: Draft, figures: Figure[], ctx: FeatureContext,
  gate: (a: Figure, b: Figure) => boolean = () => true, targetGate: (a: Figure, b: Figure) => boolean = gate,
): Finding[] {
  const findings: Finding[] = [];
  const reported = new Set<Figure>();
  const ends = new Marks(draft.norm, isSentenceEnd);
  const keys = figures.map(f => statementKey(f));
  // only figures of one kind of statement are compared, each with those before it
  const groups = new Map<string, Figure[]>();
  for (let j = 0; j < figures.length; j++) {
    const b = figures[j];
    if (b.part || b.rule || b.baseline || b.ambiguous || b.kind === 'multiple') continue;
    // subjects compare by their ends (珙 / 川珙): one last character, one group
    const key = keys[j] + '|' + (b.subject?.slice(-1) ?? '');
    const group = groups.get(key) ?? groups.set(key, []).get(key)!;
    const how = new Map<Figure, 'indicator' | 'noun'>();
    const earlierOnes = nearest(group);
    const memo = judged.get(b);
    if (memo && sameFigures(memo.with, earlierOnes)) {
      for (let k = 0; k < earlierOnes.length; k++) if (memo.how[k]) how.set(earlierOnes[k], memo.how[k] as 'indicator' | 'noun');
    } else {
      const said: Array<'indicator' | 'noun' | false> = [];
      comparisons += earlierOnes.length;
      for (const a of earlierOnes) {
        const m = sameThing(ends, a, b);
        said.push(m);
        if (m) how.set(a, m);
      }
      // (the group itself grows: kept as it is now; a slice of it is a copy already)
      judged.set(b, { with: earlierOnes === group ? group.slice() : earlierOnes, how: said });
    }
    group.push(b);
    const earlier = [...how.keys()];
    if (earlier.length === 0 || earlier.some(a => valuesAgree(a, b))) continue;
    const a = earlier[0];
    if (earlier.some(x => !valuesAgree(x, a))) continue; // the draft already gives several values: a series, not a slip
    // a restated figure is a slip of a digit or two, not a different order of magnitude; when
    // either period is unclear, only a slip (one digit changed, two swapped) is surely the same figure
    // (two swapped digits may well make 14 of 41: a slip is judged by its digits, not its size)
    const ratio = Math.max(a.value, b.value) / Math.max(1e-9, Math.min(a.value, b.value));
    // (a slip of the order of magnitude, 1.6亿元 / 16亿元, on the same indicator words: magnitudeSlipOf)
    const slip = isDigitSlip(a, b) || (how.get(a) === 'indicator' && magnitudeSlipOf(a, b));
    if (!(ratio < 2) && !slip) continue;
    if ((!isFirm(a.period) || !isFirm(b.period) || how.get(a) === 'noun') && !slip) continue;
    if (!gate(a, b)) continue;
    findings.push(conflict(a, b, ctx));
    reported.add(b);
  }
  return [...findings, ...swappedRestatements(draft.norm, figures, keys, ends, reported, ctx, gate), ...restatedTargets(figures, keys, ends, ctx, targetGate), ...measureWordSwaps(figures, ends, reported, ctx, gate)].sort((x, y) => x.start - y.start);
}

/** 9.08 / 9.8, 1250 / 125: one digit dropped or added, the longer of three digits or more, of one order of magnitude. */
export function isLostDigit(a: Figure, b: Figure): boolean {
  const x = digitsOf(a, 0), y = digitsOf(b, 1);
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  if (long.length !== short.length + 1 || long.length < 3) return false;
  const ratio = Math.max(a.value, b.value) / Math.max(1e-9, Math.min(a.value, b.value));
  if (!(ratio < 1.5)) return false;
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

/**
 * Both figures said of one period: the same year stated in both, or the same 今年 / 去年 in both, or the
 * earlier of this year (今年) and the target of none. A year against 今年 in a draft with no date is unsure.
 */
function sameStatedPeriod(a: Figure['period'], b: Figure['period']): boolean {
  if (isVague(a)) return false;
  if (isVague(b)) return a!.relYear === 0 && a!.year === undefined && !a!.inherited;
  if (!periodsCompatible(a, b, true)) return false;
  return (a!.year !== undefined && a!.year === b!.year) || (a!.relYear !== undefined && a!.relYear === b!.relYear);
}

// measure words one counted noun takes alike (98项具体实事 / 89件实事)
const ITEM_UNITS = new Set(['项', '件', '个', '条', '宗']);

/** The noun counted right after the unit, as the head both may share (具体实事 / 实事 -> 实事). */
function sharedNoun(a: Figure, b: Figure): string | undefined {
  const ra = wordsOf(a).ra, rb = wordsOf(b).ra;
  for (const [x, y] of [[ra, rb], [rb, ra]]) {
    for (let n = Math.min(x.length, 4); n >= 2; n--) if (y.includes(x.slice(0, n)) && (n >= 3 || y.endsWith(x.slice(0, n)) || y.startsWith(x.slice(0, n)))) return x.slice(0, n);
  }
  return undefined;
}

/**
 * 包括98项具体实事 … 今年民生计划89件实事: one noun counted in two measure words (项 / 件 / 个 …), two
 * neighbouring digits swapped, the same subject, both of one period each states (今年 / 今年, 2008年 /
 * 2008年), in other sentences; the draft counts that noun in that period with no other value.
 */
function measureWordSwaps(figures: Figure[], ends: Marks, reported: Set<Figure>, ctx: FeatureContext, gate: (a: Figure, b: Figure) => boolean): Finding[] {
  const out: Finding[] = [];
  const items = figures.filter(f => ITEM_UNITS.has(f.unitText) && f.kind === 'count' && !f.part && !f.rule && !f.baseline && !f.ambiguous
    && !f.bound && f.high === undefined && f.changeFrom === undefined && !isVague(f.period) && !f.period!.inherited);
  for (let j = 0; j < items.length; j++) {
    const b = items[j];
    if (reported.has(b)) continue;
    for (let i = Math.max(0, j - SCAN_BACK); i < j; i++) {
      const a = items[i];
      if (a.unitText === b.unitText || a.subject !== b.subject || !ends.between(a.end, b.start) || !sameStatedPeriod(a.period, b.period)) continue;
      if (!isSwapSlip(a, b, 2)) continue;
      const noun = sharedNoun(a, b);
      if (!noun) continue;
      const others = items.filter(f => f !== a && f !== b && wordsOf(f).ra.includes(noun) && sameStatedPeriod(f.period, a.period)
        && !valuesAgree(f, a) && !valuesAgree(f, b));
      if (others.length > 0) continue;
      if (gate(a, b)) out.push(conflict(a, b, ctx));
      break;
    }
  }
  return out;
}

const PROGRESS = /已|累计|截至|截止|目前|完成|实现|达到|前\d|月份?/;
const WHOLE_YEAR = /全年|年底|年末|到年|年内/;
const TARGET_CLAUSE = /确保|力争|争取|推动|努力|要|目标|预期|计划/;
// the words a target puts before what it counts (确保全市贷款余额…, 推动排定的…)
const TARGET_WORDS = /^(?:确保|力争|争取|推动|推进|努力|全力|要|要求|实现|完成|做到)+/;

/**
 * A target or task that restates a figure given earlier in the draft with a slip of the pen (今年…贷款余额
 * 比年初增加9.08亿元 … 确保全市贷款余额比年初增加9.8亿元; 排定了重点招商活动125场 … 推动排定的120场
 * 重点招商活动落地见效): the same kind of statement and subject, periods that do not differ, the same
 * indicator words once the target's verbs are dropped (four characters or more) or the same counted noun,
 * one digit changed, two swapped, or one dropped; the draft gives that thing no other value.
 */
function restatedTargets(figures: Figure[], keys: readonly string[], ends: Marks, ctx: FeatureContext, gate: (a: Figure, b: Figure) => boolean): Finding[] {
  const out: Finding[] = [];
  const plain = (f: Figure) => !f.part && !f.baseline && !f.ambiguous && f.kind !== 'multiple' && !f.bound && f.high === undefined && f.changeFrom === undefined;
  for (let j = 0; j < figures.length; j++) {
    const b = figures[j];
    // a target or task said in the figure's own clause (确保, 力争, 推动 …), not a rule of 每 (平均每年提高7.3%)
    if (!b.rule || !plain(b) || !TARGET_CLAUSE.test(b.left)) continue;
    const key = keys[j];
    const same: Figure[] = [];
    for (let i = Math.max(0, j - SCAN_BACK); i < j; i++) {
      const a = figures[i];
      if (keys[i] !== key || a.unitText !== b.unitText || !plain(a)) continue;
      if (!ends.between(a.end, b.start) || a.subject !== b.subject || !periodsCompatible(a.period, b.period, false)) continue;
      if (a.unit === '%' && (/的$/.test(a.left) || /的$/.test(b.left))) continue;
      const ia = wordsOf(a).ia.replace(TARGET_WORDS, ''), ib = wordsOf(b).ia.replace(TARGET_WORDS, '');
      const [short, long] = ia.length <= ib.length ? [ia, ib] : [ib, ia];
      if (!((short.length >= 4 && long.endsWith(short)) || sameCountedNoun(a, b))) continue;
      // what was done last year is no restatement of this year's target (城镇新增就业980万人 … 今年城镇新增
      // 就业900万人): the earlier figure is of the target's own period, said in both, or the target points
      // back to it (推动排定的120场… after 排定了…125场)
      const pointsBack = /([\u4e00-\u9fff]{2})的$/.exec(hanOnly(b.left));
      // (今年已举办活动120场 … 力争全年举办125场: progress so far against the year's target is no restatement)
      const samePeriod = sameStatedPeriod(a.period, b.period) && !PROGRESS.test(a.left) && !WHOLE_YEAR.test(b.left + (b.period?.text ?? ''));
      if (samePeriod || (pointsBack && hanOnly(a.left).includes(pointsBack[1]))) same.push(a);
    }
    if (same.length === 0 || same.some(a => valuesAgree(a, b)) || same.some(a => !valuesAgree(a, same[0]))) continue;
    const a = same[0];
    if ((isDigitSlip(a, b) || isLostDigit(a, b)) && gate(a, b)) out.push(conflict(a, b, ctx));
  }
  return out;
}
