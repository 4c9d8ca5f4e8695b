// figure-conflict-corpus: the draft states a figure the corpus already published, differently.
import type { Draft, FeatureContext } from '../model';
import type { Finding } from '../types';
import { corpusRelated, docLabel, figureName } from './describe';
import { changesOf, rulesCounting, sameKindOf, unplacedOf, type FigureIndex, type IndexedFigure } from './figure-index';
import { hanOnly, indicatorScore, numeralLike, scoreWords, valuesAgree, wordsOf } from './match';
import { isFirm, periodsCompatible } from './period';
import { isDigitSlip, isMagnitudeSlip, isSwapSlip, magnitudeSlipOf } from './check-draft';
import { KeyIds } from './key-ids';
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
    return out.sort(byScore);
  }
  // (the list's figures grouped by their words: each group sharing a word bigram with f scored once, and
  // only the figures of the groups that reach the threshold read; no other can score above 0)
  const g = groupsOf(list);
  const { ia, ra } = wordsOf(f);
  const right = !!f.fromRight;
  if (g.lookups === 0x7fffffff) {
    g.seen.fill(0);
    g.after.fill(0);
    g.lookups = 0;
  }
  const lookup = ++g.lookups;
  const passing = passingGroups, touched = touchedGroups;
  let nPassing = 0, nTouched = 0;
  // the groups holding each bigram of f's indicator words, and how many of its bigram positions each holds;
  // then those holding a bigram of its words after the unit
  const n = ia.length - 1;
  for (let k = 0; k < n; k++) nTouched = g.meet(hanBigram(ia, k), lookup, touched, nTouched);
  for (let k = 0; k + 1 < ra.length; k++) nTouched = g.meet(hanBigram(ra, k) | AFTER, lookup, touched, nTouched);
  // each group scored once, unless it cannot reach the threshold: sharing no bigram after the unit, its
  // score is the indicator words' part alone, and with another last bigram that part is their Dice, at most
  // 2 × (f's bigram positions the group holds) / (both words' bigrams)
  for (let t = 0; t < nTouched; t++) {
    const w = touched[t];
    const shared = g.shared[w];
    g.shared[w] = 0;
    const ib = g.ia[w];
    if (g.after[w] !== lookup) {
      if (ia.length < 2 || ib.length < 2) continue;
      const sameEnd = ia.charCodeAt(n) === ib.charCodeAt(ib.length - 1) && ia.charCodeAt(n - 1) === ib.charCodeAt(ib.length - 2);
      if (!sameEnd && (2 * shared) / (n + ib.length - 1) < threshold) continue;
    }
    const score = scoreWords(ia, ra, right, ib, g.ra[w], g.fromRight[w] === 1);
    g.score[w] = score;
    if (score >= threshold) passing[nPassing++] = w;
  }
  if (nPassing === 0) return out;
  // their figures in list order
  let members = g.order, from = 0, to = 0;
  if (nPassing === 1) {
    from = g.first[passing[0]];
    to = g.first[passing[0] + 1];
  } else {
    let n = 0;
    for (let k = 0; k < nPassing; k++) n += g.first[passing[k] + 1] - g.first[passing[k]];
    const all = new Int32Array(n);
    n = 0;
    for (let k = 0; k < nPassing; k++) for (let j = g.first[passing[k]]; j < g.first[passing[k] + 1]; j++) all[n++] = g.order[j];
    members = all.sort();
    to = n;
  }
  for (let k = from; k < to; k++) {
    const i = members[k];
    const c = list[i];
    if (!subjectsCompatible(f.subject, c.subject)) continue;
    if (!periodsCompatible(f.period, c.period, strictPeriod)) continue;
    out.push({ c, score: g.score[g.groupOf[i]] });
  }
  return out.length > 1 ? out.sort(byScore) : out;
}

const byScore = (a: { score: number }, b: { score: number }) => b.score - a.score;

// (the groups of one lookup that reach the threshold, and those it met; reused)
const passingGroups: number[] = [];
const touchedGroups: number[] = [];
/** Tags a bigram of the words after the unit apart from the same bigram of the indicator words (hanBigram is below 2^30). */
const AFTER = 1 << 30;

/**
 * A list's figures grouped by the words indicatorScore reads (wordsOf, and fromRight), with the groups
 * by the bigrams of their indicator words and of their words after the unit (indicatorScore's two parts).
 * Typed arrays throughout, built on the list's first lookup (building every list's at start-up costs too much).
 */
class WordGroups {
  readonly ia: string[] = [];
  readonly ra: string[] = [];
  readonly fromRight: Uint8Array;
  /** Group w's figures are order[first[w] .. first[w + 1]), their positions in the list, ascending; per figure, its group. */
  readonly first: Int32Array;
  readonly order: Int32Array;
  readonly groupOf: Int32Array;
  /**
   * The groups by bigram (hanBigram of the indicator words, or of the words after the unit | AFTER):
   * a bigram's id (KeyIds), and its groups, ascending, gramGroups[gramStarts[id] .. gramStarts[id + 1]).
   */
  private readonly bigramIds: KeyIds;
  readonly gramStarts: Int32Array;
  readonly gramGroups: Int32Array;
  /**
   * Per group, the lookup that last met it, and its score there (each group scored once per lookup); the
   * bigram positions of the lookup's indicator words it holds (0 between lookups), and the lookup that last
   * met it by a bigram of the words after the unit.
   */
  readonly seen: Int32Array;
  readonly score: Float64Array;
  readonly shared: Int32Array;
  readonly after: Int32Array;
  lookups = 0;

  constructor(list: readonly IndexedFigure[]) {
    const n = list.length;
    // groups by words: the first group of each indicator string, and the next group with the same one
    const byIndicator = new Map<string, number>();
    const sameIndicator: number[] = [];
    const right: number[] = [];
    const groupOf = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      // (wordsOf's words, not kept per figure: a corpus figure's are read here once per list)
      const f = list[i];
      const ia = hanOnly(f.indicator), ra = hanOnly(f.right, 4);
      const r = f.fromRight ? 1 : 0;
      let id = byIndicator.get(ia);
      while (id !== undefined && id >= 0 && (this.ra[id] !== ra || right[id] !== r)) id = sameIndicator[id];
      if (id === undefined || id < 0) {
        id = this.ia.length;
        sameIndicator.push(byIndicator.get(ia) ?? -1);
        byIndicator.set(ia, id);
        this.ia.push(ia);
        this.ra.push(ra);
        right.push(r);
      }
      groupOf[i] = id;
    }
    const groups = this.ia.length;
    this.fromRight = Uint8Array.from(right);
    this.groupOf = groupOf;
    // members, by counting
    const first = new Int32Array(groups + 1);
    for (let i = 0; i < n; i++) first[groupOf[i] + 1]++;
    for (let w = 0; w < groups; w++) first[w + 1] += first[w];
    const fill = first.slice(0, groups);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[fill[groupOf[i]]++] = i;
    this.first = first;
    this.order = order;
    // bigram postings in two passes (count, then place), each bigram posted once per group
    let total = 0;
    for (let w = 0; w < groups; w++) total += Math.max(0, this.ia[w].length - 1) + Math.max(0, this.ra[w].length - 1);
    const bigramIds = (this.bigramIds = new KeyIds(total));
    const ids = new Int32Array(total);
    const counts = new Int32Array(total + 1);
    const last = new Int32Array(total).fill(-1);
    let at = 0;
    for (let w = 0; w < groups; w++) {
      for (let part = 0; part < 2; part++) {
        const s = part === 0 ? this.ia[w] : this.ra[w];
        for (let k = 0; k + 1 < s.length; k++) {
          const id = bigramIds.add(hanBigram(s, k) | (part === 0 ? 0 : AFTER));
          if (last[id] === w) {
            ids[at++] = -1;
            continue;
          }
          last[id] = w;
          ids[at++] = id;
          counts[id]++;
        }
      }
    }
    const distinct = bigramIds.size;
    const starts = new Int32Array(distinct + 1);
    for (let id = 0; id < distinct; id++) starts[id + 1] = starts[id] + counts[id];
    const place = starts.slice(0, distinct);
    const postings = new Int32Array(starts[distinct]);
    at = 0;
    for (let w = 0; w < groups; w++) {
      const m = Math.max(0, this.ia[w].length - 1) + Math.max(0, this.ra[w].length - 1);
      for (let k = 0; k < m; k++) {
        const id = ids[at++];
        if (id >= 0) postings[place[id]++] = w;
      }
    }
    this.gramStarts = starts;
    this.gramGroups = postings;
    this.seen = new Int32Array(groups);
    this.score = new Float64Array(groups);
    this.shared = new Int32Array(groups);
    this.after = new Int32Array(groups);
  }

  /**
   * Meets, for lookup `lookup`, the groups holding bigram `key`: a group met for the first time is listed in
   * `touched` (after its first `nTouched`; the new count is returned); an indicator bigram adds one to the
   * group's shared positions, a bigram after the unit (| AFTER) stamps the group's `after`.
   */
  meet(key: number, lookup: number, touched: number[], nTouched: number): number {
    const id = this.bigramIds.get(key);
    if (id < 0) return nTouched;
    const after = (key & AFTER) !== 0;
    for (let j = this.gramStarts[id], end = this.gramStarts[id + 1]; j < end; j++) {
      const w = this.gramGroups[j];
      if (this.seen[w] !== lookup) {
        this.seen[w] = lookup;
        touched[nTouched++] = w;
      }
      if (after) this.after[w] = lookup;
      else this.shared[w]++;
    }
    return nTouched;
  }
}
const wordGroups = new WeakMap<readonly IndexedFigure[], WordGroups>();

/**
 * The bigram at `k` of a string of Han characters (U+4E00..U+9FFF: wordsOf keeps only those) as one
 * small integer, below 2^30 (no string made).
 */
function hanBigram(s: string, k: number): number {
  return (s.charCodeAt(k) - 0x4e00) * 0x5200 + (s.charCodeAt(k + 1) - 0x4e00);
}

/**
 * The word groups of a list (built once per list). A figure whose indicator words share no bigram with
 * f's, nor its words after the unit with f's, scores 0: each of indicatorScore's parts needs both words of
 * two characters or more, and a shared bigram (equal words, one ending the other, bigram overlap, a
 * common tail of three, the first two characters contained).
 */
function groupsOf(list: readonly IndexedFigure[]): WordGroups {
  let g = wordGroups.get(list);
  if (!g) wordGroups.set(list, (g = new WordGroups(list)));
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
  const same = unplacedOf(index, d).filter(c => !c.fromRight && !c.part && hanOnly(c.indicator) === id && periodsCompatible(d.period, c.period, true));
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
  // (the tests below are one filter, applied in place: the list is this lookup's own)
  const matches = corpusMatches(d, index, SWAP_MATCH);
  const noun = hanOnly(d.right, 2), firm = isFirm(d.period);
  const whole = d.partOf !== undefined ? figures[d.partOf] : undefined;
  let kept = 0;
  for (let k = 0; k < matches.length; k++) {
    const m = matches[k];
    if (!(m.score >= CORPUS_MATCH || (m.c.subject === d.subject && noun.length >= 2 && noun === hanOnly(m.c.right, 2) && isSwapSlip(d, m.c, 4)))) continue;
    // unless both state their period, only a slip of the pen (5.8 -> 5.6, 591 -> 519) is surely the
    // same figure miswritten; another value may be another year's (去年… in this year's report and last's)
    if (!((firm && isFirm(m.c.period)) || valuesAgree(d, m.c) || isDigitSlip(d, m.c) || magnitudeSlip(d, m.c, m.score))) continue;
    // 实训18期，其中线上实训12期: a part is not a restatement of its whole (or of any wider figure)
    if (d.part && !(m.c.part || hanOnly(m.c.indicator) === wordsOf(d).ia)) continue;
    // …外资项目130个，其中内资项目86个、外资项目52个: nor of the corpus figure its own total restates
    if (whole && valuesAgree(whole, m.c)) continue;
    matches[kept++] = m;
  }
  matches.length = kept;
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
