// figure-conflict-corpus: the draft states a figure the corpus already published, differently.
import type { Draft, FeatureContext } from '../model';
import type { Finding } from '../types';
import { corpusRelated, docLabel, figureName } from './describe';
import { changesOf, rulesCounting, sameKindOf, unplacedOf, type FigureIndex, type IndexedFigure } from './figure-index';
import { hanOnly, indicatorScore, numeralLike, scoreWords, valuesAgree, wordsOf } from './match';
import { isFirm, periodsCompatible } from './period';
import { isDigitSlip, isMagnitudeSlip, isSwapSlip, magnitudeSlipOf } from './check-draft';
import { subjectsCompatible } from './subject';
import type { Figure } from './types';

/** Below this, the corpus figure is not surely the same indicator. */
export const CORPUS_MATCH = 0.8;

/** Corpus figures that state the same thing as `f` (subject, indicator, period), best first. */
export function corpusMatches(f: Figure, index: FigureIndex, threshold = CORPUS_MATCH, strictPeriod = true): Array<{ c: IndexedFigure; score: number }> {
  const out: Array<{ c: IndexedFigure; score: number }> = [];
  const list = sameKindOf(index, f);
  if (list.length === 0) return out;
  if (threshold <= 0) {
    for (const c of list) {
      if (!subjectsCompatible(f.subject, c.subject) || !periodsCompatible(f.period, c.period, strictPeriod)) continue;
      out.push({ c, score: indicatorScore(f, c) });
    }
    return out.sort((a, b) => b.score - a.score);
  }
  // (the list's figures grouped by their words: each group sharing a word bigram with f scored once, and
  // only the figures of the groups that reach the threshold read; no other can score above 0)
  const g = groupsOf(list);
  const { ia, ra } = wordsOf(f);
  const right = !!f.fromRight;
  if (g.lookups === 0x7fffffff) {
    g.seen.fill(0);
    g.lookups = 0;
  }
  const lookup = ++g.lookups;
  let passing: number[] | undefined;
  const gather = (map: Map<number, number[]>, s: string) => {
    for (let k = 0; k + 1 < s.length; k++) {
      const p = map.get(hanBigram(s, k));
      if (!p) continue;
      for (let j = 0; j < p.length; j++) {
        const w = p[j];
        if (g.seen[w] === lookup) continue;
        g.seen[w] = lookup;
        const score = scoreWords(ia, ra, right, g.ia[w], g.ra[w], g.fromRight[w] === 1);
        g.score[w] = score;
        if (score >= threshold) (passing ??= []).push(w);
      }
    }
  };
  gather(g.indicator, ia);
  gather(g.after, ra);
  if (!passing) return out;
  // their figures in list order
  let members: ArrayLike<number>;
  if (passing.length === 1) members = g.members[passing[0]];
  else {
    let n = 0;
    for (const w of passing) n += g.members[w].length;
    const all = new Int32Array(n);
    n = 0;
    for (const w of passing) {
      all.set(g.members[w], n);
      n += g.members[w].length;
    }
    members = all.sort();
  }
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    const c = list[i];
    if (!subjectsCompatible(f.subject, c.subject)) continue;
    if (!periodsCompatible(f.period, c.period, strictPeriod)) continue;
    out.push({ c, score: g.score[g.groupOf[i]] });
  }
  return out.length > 1 ? out.sort((a, b) => b.score - a.score) : out;
}


/**
 * A list's figures grouped by the words indicatorScore reads (wordsOf, and fromRight), with the groups
 * by the bigrams of their indicator words and of their words after the unit (indicatorScore's two parts).
 */
interface WordGroups {
  ia: string[];
  ra: string[];
  fromRight: Uint8Array;
  /** Per group, the positions of its figures in the list, ascending; per figure, its group. */
  members: Int32Array[];
  groupOf: Int32Array;
  /** Groups by the bigrams (hanBigram) of their indicator words, and of their words after the unit. */
  indicator: Map<number, number[]>;
  after: Map<number, number[]>;
  /** Per group, the lookup that last scored it, and that score (each group scored once per lookup). */
  seen: Int32Array;
  score: Float64Array;
  lookups: number;
}
const wordGroups = new WeakMap<readonly IndexedFigure[], WordGroups>();

/**
 * The bigram at `k` of a string of Han characters (U+4E00..U+9FFF: wordsOf keeps only those) as one
 * small integer, below 2^30 (no string made, and a small-integer key in a Map).
 */
function hanBigram(s: string, k: number): number {
  return (s.charCodeAt(k) - 0x4e00) * 0x5200 + (s.charCodeAt(k + 1) - 0x4e00);
}

function post(map: Map<number, number[]>, s: string, i: number): void {
  if (s.length < 2) return;
  for (let k = 0; k + 1 < s.length; k++) {
    const g = hanBigram(s, k);
    const list = map.get(g);
    if (!list) map.set(g, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  }
}

/**
 * The word groups of a list (built once per list). A figure whose indicator words share no bigram with
 * f's, nor its words after the unit with f's, scores 0: each of indicatorScore's parts needs both words of
 * two characters or more, and a shared bigram (equal words, one ending the other, bigram overlap, a
 * common tail of three, the first two characters contained).
 */
function groupsOf(list: readonly IndexedFigure[]): WordGroups {
  let g = wordGroups.get(list);
  if (g) return g;
  const byKey = new Map<string, number>();
  const ia: string[] = [], ra: string[] = [], right: number[] = [], members: number[][] = [];
  const groupOf = new Int32Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const w = wordsOf(list[i]);
    const r = list[i].fromRight ? 1 : 0;
    const key = `${r}|${w.ia}|${w.ra}`;
    let id = byKey.get(key);
    if (id === undefined) {
      byKey.set(key, (id = ia.length));
      ia.push(w.ia);
      ra.push(w.ra);
      right.push(r);
      members.push([]);
    }
    members[id].push(i);
    groupOf[i] = id;
  }
  const indicator = new Map<number, number[]>(), after = new Map<number, number[]>();
  for (let id = 0; id < ia.length; id++) {
    post(indicator, ia[id], id);
    post(after, ra[id], id);
  }
  g = {
    ia, ra, fromRight: Uint8Array.from(right), members: members.map(m => Int32Array.from(m)), groupOf, indicator, after,
    seen: new Int32Array(ia.length), score: new Float64Array(ia.length), lookups: 0,
  };
  wordGroups.set(list, g);
  return g;
}

const SWAP_MATCH = 0.7;

/**
 * 实现保费收入5.98亿元 where a corpus speech with no city and no date has 实现保费收入5.89亿元: a corpus
 * figure whose document names no subject for it may still be the draft's, on strict evidence — the same
 * indicator words (four characters or more, told before the number), periods compatible, a slip of three
 * significant digits or more (two swapped, or one changed in four), and no other corpus value for those words.
 */
function unplacedMatch(d: Figure, index: FigureIndex): IndexedFigure | undefined {
  const id = wordsOf(d).ia;
  if (d.fromRight || id.length < 4 || d.bound || d.high !== undefined) return undefined;
  const same = unplacedOf(index, d).filter(c => !c.fromRight && !c.part && wordsOf(c).ia === id && periodsCompatible(d.period, c.period, true));
  if (same.length === 0 || same.some(c => valuesAgree(d, c)) || same.some(c => !valuesAgree(c, same[0]))) return undefined;
  const c = same[0];
  if (c.bound || c.high !== undefined) return undefined;
  // a slip only, and one unlikely by chance
  return isSwapSlip(d, c, 3) || (isDigitSlip(d, c) && fourDigits(d, c)) ? c : undefined;
}

function fourDigits(a: Figure, b: Figure): boolean {
  const digits = (f: Figure) => String(f.value).replace(/[^0-9]/g, '').replace(/0+$/, '');
  return digits(a).length >= 4 && digits(a).replace(/0/g, '').length >= 3 && digits(b).length >= 4;
}

/** Whether the claims of a draft figure and a corpus figure may be compared at all (claims.ts). */
export type ClaimGate = (d: Figure, c: IndexedFigure) => boolean;

export function checkCorpusConflicts(draft: Draft, figures: Figure[], index: FigureIndex, ctx: FeatureContext, gate: ClaimGate = () => true): Finding[] {
  const findings: Finding[] = [];
  for (const d of figures) {
    const c = corpusConflictOf(d, figures, index, gate);
    if (c) findings.push(conflictWith(draft, d, c, index, ctx));
  }
  return findings;
}

/** The corpus figure a draft figure conflicts with, if any (figures: the draft's, for its total). */
export function corpusConflictOf(d: Figure, figures: Figure[], index: FigureIndex, gate: ClaimGate): IndexedFigure | undefined {
  const change = d.changeFrom !== undefined && !d.ambiguous && d.subject ? changeMatch(d, index) : undefined;
  if (change) return gate(d, change) ? change : undefined;
  if (d.rule && !d.baseline && !d.ambiguous && d.subject && d.high === undefined) {
    const c = forecastMatch(d, index);
    return c && gate(d, c) ? c : undefined;
  }
  if (d.rule || d.baseline || d.ambiguous) return undefined;
  // 完成预算数的92.49%: a ratio to something named earlier, not an indicator of its own
  if (d.unit === '%' && /的$/.test(d.left)) return undefined;
  const unplaced = d.part || d.partOf !== undefined ? undefined : unplacedMatch(d, index);
  if (unplaced) return gate(d, unplaced) ? unplaced : undefined;
  if (!d.subject) return undefined;
  // a swap of four digits or more (7164户 / 7614户) needs less of the indicator words: the same subject
  // and the same noun counted right after the unit (低保、低保边缘… / 但仍有…低保、…)
  let matches = corpusMatches(d, index, SWAP_MATCH).filter(m => m.score >= CORPUS_MATCH || (m.c.subject === d.subject
    && hanOnly(d.right).length >= 2 && hanOnly(d.right, 2) === hanOnly(m.c.right, 2) && isSwapSlip(d, m.c, 4)));
  // unless both state their period, only a slip of the pen (5.8 -> 5.6, 591 -> 519) is surely the
  // same figure miswritten; another value may be another year's (去年… in this year's report and last's)
  matches = matches.filter(m => (isFirm(d.period) && isFirm(m.c.period)) || valuesAgree(d, m.c) || isDigitSlip(d, m.c) || magnitudeSlip(d, m.c, m.score));
  // 实训18期，其中线上实训12期: a part is not a restatement of its whole (or of any wider figure)
  if (d.part) matches = matches.filter(m => m.c.part || wordsOf(m.c).ia === wordsOf(d).ia);
  // …外资项目130个，其中内资项目86个、外资项目52个: nor of the corpus figure its own total restates
  const whole = d.partOf !== undefined ? figures[d.partOf] : undefined;
  if (whole) matches = matches.filter(m => !valuesAgree(whole, m.c));
  if (matches.length === 0) return undefined;
  if (matches.some(m => valuesAgree(d, m.c))) return undefined;
  const best = matches[0].score;
  const top = matches.filter(m => m.score >= best - 0.05);
  // several corpus values for the same key: the corpus itself is not sure, stay silent
  if (top.some(m => !valuesAgree(m.c, top[0].c))) return undefined;
  return gate(d, top[0].c) ? top[0].c : undefined;
}

/**
 * 由每月245元提高到350元 where the corpus has 由每月245元提高到305元: the same change (same start, same
 * indicator, same subject) with another end, miswritten (a slip, or both periods stated and equal).
 * Rules and targets too: the start names the change.
 */
function changeMatch(d: Figure, index: FigureIndex): IndexedFigure | undefined {
  const same = changesFrom(changesOf(index, d), d.changeFrom!).filter(c => subjectsCompatible(d.subject, c.subject) && indicatorScore(d, c) >= CORPUS_MATCH);
  if (same.length === 0 || same.some(c => valuesAgree(d, c))) return undefined;
  if (same.some(c => !valuesAgree(c, same[0]))) return undefined;
  const c = same[0];
  const firm = isFirm(d.period) && isFirm(c.period) && periodsCompatible(d.period, c.period, true);
  return firm || isDigitSlip(d, c) ? c : undefined;
}

// each changes list's figures by the value they change from
const byStart = new WeakMap<readonly IndexedFigure[], Map<number, IndexedFigure[]>>();

/** The figures of a changesOf list that change from `from` (c.changeFrom === from), in the list's order. */
function changesFrom(list: readonly IndexedFigure[], from: number): readonly IndexedFigure[] {
  if (list.length === 0 || Number.isNaN(from)) return [];
  let map = byStart.get(list);
  if (!map) {
    map = new Map();
    for (const c of list) {
      if (c.changeFrom === undefined || Number.isNaN(c.changeFrom)) continue;
      (map.get(c.changeFrom) ?? map.set(c.changeFrom, []).get(c.changeFrom)!).push(c);
    }
    byStart.set(list, map);
  }
  return map.get(from) ?? [];
}

/**
 * 首期募集37万元 where the corpus has 首期募集3.7万元: a slip of the order of magnitude (isMagnitudeSlip)
 * is reported on stronger evidence than a slip of a digit: the indicator words nearly the same, and
 * magnitudeSlipOf's (two significant digits, or the same noun counted after the unit).
 */
function magnitudeSlip(d: Figure, c: Figure, score: number): boolean {
  return score >= 0.9 && magnitudeSlipOf(d, c);
}

/**
 * 园区运营后预计带动周边2万户农户增收 where the corpus has 运营后预计带动周边2000户农户增收: a forecast
 * or target copied from the corpus is not a statistic, but the same sentence copied with a slip (a digit,
 * or the order of magnitude) is one. The words before the number (its clause) and the noun after it
 * must be the corpus's; one corpus value only.
 */
function forecastMatch(d: Figure, index: FigureIndex): IndexedFigure | undefined {
  const ld = hanOnly(d.left), nd = hanOnly(d.right, 2);
  if (ld.length < 6 || nd.length < 2) return undefined;
  const copied = (c: IndexedFigure) => {
    const lc = hanOnly(c.left);
    const [short, long] = lc.length <= ld.length ? [lc, ld] : [ld, lc];
    return short.length >= 6 && long.endsWith(short) && hanOnly(c.right, 2) === nd;
  };
  // (only the rules counting the same noun can be copies: figure-index.ts rulesCounting)
  const same = rulesCounting(index, d, nd).filter(c => c.high === undefined && subjectsCompatible(d.subject, c.subject)
    && periodsCompatible(d.period, c.period, true) && copied(c));
  if (same.length === 0 || same.some(c => valuesAgree(d, c)) || same.some(c => !valuesAgree(c, same[0]))) return undefined;
  const c = same[0];
  return isDigitSlip(d, c) || isMagnitudeSlip(d, c) ? c : undefined;
}

/** A figure-conflict-corpus finding: the corpus value, its source, and the fix to it. */
export function conflictWith(draft: Draft, d: Figure, c: IndexedFigure, index: FigureIndex, ctx: FeatureContext): Finding {
  {
    const { title, date } = docLabel(ctx, index, c.docId);
    const related = corpusRelated(ctx, index, c);
    const finding: Finding = {
      code: 'figure-conflict-corpus',
      severity: 'warning',
      start: d.start,
      end: d.end,
      message: ctx.t('{0}: the corpus says {1} ({2}), the draft says {3}.', figureName(d), c.text, date ? `${title}, ${date}` : title, d.text),
      ...(related ? { related: [related] } : {}),
    };
    const newText = !c.bound && !d.bound && c.high === undefined ? numeralLike(c.value, d) : undefined;
    if (newText && draft.norm.slice(d.numStart, d.numEnd) !== newText) {
      finding.fixes = [{
        title: ctx.t('Use the corpus value {0}', newText + d.unitText),
        edits: [{ start: d.numStart, end: d.numEnd, newText }],
        preferred: true,
      }];
    }
    return finding;
  }
}
