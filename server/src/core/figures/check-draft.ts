// figure-conflict-draft: the draft states the same figure twice with different values.
import type { Draft, FeatureContext } from '../model';
import type { Finding } from '../types';
import { draftRelated, figureName } from './describe';
import { indicatorScore, numeralLike, statementKey, valuesAgree } from './match';
import { asciiDigits } from './numerals';
import { isFirm, isVague, periodsCompatible } from './period';
import { Marks } from './sorted';
import type { Figure } from './types';

const SENTENCE_END = /[。！？!?\n]/;

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
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** How much of `b`'s start `a` ends with (培育专业合作社 / 专业合作社基础上 -> 5). */
function overlap(a: string, b: string): number {
  for (let k = Math.min(a.length, b.length); k > 0; k--) if (a.endsWith(b.slice(0, k))) return k;
  return 0;
}

/**
 * The same counted noun of four characters or more, written after the unit in both (由12名行业专家组成 /
 * 由21名行业专家组成的…), or before the number in one and after it in the other (培育专业合作社120余家 /
 * 210余家专业合作社). Weaker than the indicator words: only a slip of the pen is reported.
 */
function sameCountedNoun(a: Figure, b: Figure): boolean {
  const ra = CJK(a.right), rb = CJK(b.right);
  if (commonPrefix(ra, rb) >= 4) return true;
  return overlap(CJK(a.indicator), rb) >= 4 || overlap(CJK(b.indicator), ra) >= 4;
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

const CJK = (s: string) => s.replace(/[^\u4e00-\u9fff]/g, '');

/**
 * Within one draft the words around a restated figure are copied, so the match is strict: the
 * same indicator words, or (规模 figures named after the unit) the same counted noun.
 */
function sameIndicator(a: Figure, b: Figure): boolean {
  const ia = CJK(a.indicator), ib = CJK(b.indicator);
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

function digitsOf(f: Figure): string {
  const numeral = asciiDigits(f.text.slice(f.numStart - f.start, f.numEnd - f.start));
  return /^[0-9.,]+[万亿千百]*$/.test(numeral) ? numeral.replace(/[^0-9]/g, '') : String(f.value).replace(/[^0-9]/g, '');
}

/** 591 / 519, 14.2 / 12.4, 5.8 / 5.6: one digit changed or two neighbours swapped. */
export function isDigitSlip(a: Figure, b: Figure): boolean {
  const x = digitsOf(a), y = digitsOf(b);
  if (x.length !== y.length || x === y) return false;
  const diff: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) diff.push(i);
  if (diff.length === 1) return true;
  return diff.length === 2 && diff[1] === diff[0] + 1 && x[diff[0]] === y[diff[1]] && x[diff[1]] === y[diff[0]];
}

export function checkDraftConflicts(draft: Draft, figures: Figure[], ctx: FeatureContext): Finding[] {
  const findings: Finding[] = [];
  const ends = new Marks(draft.norm, SENTENCE_END);
  // only figures of one kind of statement are compared, each with those before it
  const groups = new Map<string, Figure[]>();
  for (const b of figures) {
    if (b.part || b.rule || b.baseline || b.ambiguous || b.kind === 'multiple') continue;
    // subjects compare by their ends (珙 / 川珙): one last character, one group
    const key = statementKey(b) + '|' + (b.subject?.slice(-1) ?? '');
    const group = groups.get(key) ?? groups.set(key, []).get(key)!;
    const how = new Map<Figure, 'indicator' | 'noun'>();
    for (const a of group) {
      const m = sameThing(ends, a, b);
      if (m) how.set(a, m);
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
    const slip = isDigitSlip(a, b);
    if (!(ratio < 2) && !slip) continue;
    if ((!isFirm(a.period) || !isFirm(b.period) || how.get(a) === 'noun') && !slip) continue;
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
    findings.push(finding);
  }
  return findings;
}
