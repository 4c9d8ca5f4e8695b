// Finds the statistics in a text: number + unit, with the words around them that say what,
// who, when and how (indicator, subject, period, relation, qualifier). Years, dates, ordinals,
// list numbers, codes and time limits are not statistics and are left out.
import { toSimplified } from '../text/script';
import { periodFor, subjectFor, yearHeadings, type YearHeading } from './context';
import {
  NOT_STAT_AFTER, NOT_STAT_BEFORE, PART_MARKERS, QUALIFIERS_AFTER, QUALIFIERS_BEFORE, RELATIONS, RULE_BEFORE,
  SHARE_WORDS, TARGET_CONTEXT, startsWithAny,
} from './lexicon';
import { markParts, resolveRespectively } from './lists';
import { asciiNumbers } from './numerals';
import { findPeriods } from './period';
import { scanNumbers, type RawNumber } from './scan';
import { clauseEnd, clauseStart, codeWithin, fullSentenceStart, paragraphStart, sentenceStart, firstLine } from './segments';
import { findSubjects, mainSubjectOf, type MainSubject, type SubjectMention } from './subject';
import { lowerBound } from './sorted';
import type { Figure } from './types';
import { BASELINE, BASELINE_WORDS, FORECAST, LEADING_NOISE, SECURED, relationChain, stripSpans, stripTrailingNoise } from './words';

const RIGHT_END = /[。！？!?；;，,：:（）()\n \u3000]/;
const QUOTES = /[“”"「」《》『』]/g;

/** Longer than any subject or period mention: how far before a span one may start and still overlap it. */
const MENTION_MAX = 40;

/** 现有 / 已有 right before a number, or 在…基础上 around it: the figure is what exists now. */
const PRESENT_BEFORE = /(?:现有|已有|目前已有|现已有?)$/;
const PRESENT_FRAME = /^[^，,。；;]{0,16}(?:的)?基础上/;

const CHANGE_TO = /^[^，,。；;\d]{0,12}?(?:提高|提升|上升|增加|增长|下降|减少|降低|扩大|缩小|缩短|缩减|压缩|压减|调整|调高|调低|降|升)(?:到|至)$/;

export interface ExtractOptions {
  date?: string;
  title?: string;
}

/**
 * What a block of a longer text needs from the rest of it (incremental.ts): its subject mentions read with the
 * whole text's lexicon, the whole text's main subject, the year headings before it (as negative-offset
 * headings: only their order, rank and year count), and the body each 全市 of the block speaks for.
 */
export interface BlockContext {
  subjects: SubjectMention[];
  main: MainSubject | undefined;
  headingsBefore: YearHeading[];
  wholeOf: (whole: SubjectMention) => string | undefined;
  /** The block opens the text: the end of "the figure before" is 0 there, as when no figure came before. */
  first: boolean;
  /** The numbers of the text (scanNumbers of its ASCII digits), when read already: not modified. */
  raws?: RawNumber[];
  /** The text is as asciiNumbers gives it (no full-width digit or point, no ·), known from the whole text. */
  plain?: boolean;
}

const QUALIFIER_WORDS = QUALIFIERS_BEFORE.map(q => q.word);
/** Each qualifier word's bound (the first entry of the word, as a search of QUALIFIERS_BEFORE finds it). */
const BOUND_BEFORE = new Map<string, Figure['bound']>();
for (const q of QUALIFIERS_BEFORE) if (!BOUND_BEFORE.has(q.word)) BOUND_BEFORE.set(q.word, q.bound);
/** Words after a unit that make a time a time, not a duration (3年前): the figure stays unless it is a duration. */
const TIME_AFTER: ReadonlySet<string> = new Set(['前', '后', '之前', '之后', '以前', '以后']);

// (the per-figure tests below read the text in place: no slices, closures or arrays made for them)

/** The first of `words` that the text ends with at `end`, within the `window` characters before it. */
function endsWithin(text: string, words: readonly string[], end: number, window: number): string | undefined {
  const room = Math.min(window, end);
  // (indexed loops here and below: a for-of makes an iterator result per word until the code is optimised)
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.length <= room && text.startsWith(w, end - w.length)) return w;
  }
  return undefined;
}

/** The last start of `word` in text[from, to] (-1: none), looked for from `to` back to `from` only. */
function lastIndexWithin(text: string, word: string, from: number, to: number): number {
  const c = word.charCodeAt(0);
  for (let p = to; p >= from; p--) if (text.charCodeAt(p) === c && text.startsWith(word, p)) return p;
  return -1;
}

const JI_BASE = '基'.charCodeAt(0);
const DE = '的'.charCodeAt(0), YOU = '有'.charCodeAt(0), YI = '已'.charCodeAt(0);
/** Whether `s` ends with the character of code `c`. */
const endsWithCode = (s: string, c: number) => s.length > 0 && s.charCodeAt(s.length - 1) === c;

/** Whether `s` holds any of `words`. */
function includesAny(s: string, words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) if (s.includes(words[i])) return true;
  return false;
}

/** The mentions of `sorted` (by start) that start in [from, to) and end after `after`, added to `out`. */
function overlapping(sorted: ReadonlyArray<{ start: number; end: number }>, from: number, to: number, after: number, out: Array<{ start: number; end: number }>): void {
  for (let i = lowerBound(sorted, from); i < sorted.length && sorted[i].start < to; i++) if (sorted[i].end > after) out.push(sorted[i]);
}

/** Whether a relation word of two characters or more opens `s`. */
function opensWithRelation(s: string): boolean {
  for (let i = 0; i < RELATIONS.length; i++) {
    const w = RELATIONS[i].word;
    if (w.length >= 2 && s.startsWith(w)) return true;
  }
  return false;
}

/** Whether the full sentence before `pos` holds one of `words` (its start looked up once, not once per word). */
function inSentenceBefore(text: string, pos: number, words: readonly string[]): boolean {
  return includesAny(text.slice(fullSentenceStart(text, pos), pos), words);
}

export function extractFiguresFrom(original: string, opts: ExtractOptions, block?: BlockContext): Figure[] {
  // full-width digits (１９５６年, ８７．２５％) read as ASCII; same length, same offsets
  const text = block?.plain ? original : asciiNumbers(original);
  const docYear = opts.date && /^\d{4}/.test(opts.date) ? Number(opts.date.slice(0, 4)) : undefined;
  // titles come in the original script (四川珙縣…); match in simplified like the text
  // (a block of a longer text: its subjects and main subject come read, the title is not needed)
  const title = block ? '' : toSimplified(opts.title ?? firstLine(text));
  const raws = block?.raws ?? scanNumbers(text);
  if (raws.length === 0) return [];
  const periods = findPeriods(text, docYear);
  const subjects = block ? block.subjects : findSubjects(text, title);
  const main = block ? block.main : mainSubjectOf(text, title);
  const headings = block ? [...block.headingsBefore, ...yearHeadings(text, periods)] : yearHeadings(text, periods);
  const figures: Figure[] = [];
  // (0 before the first figure: a clause opening the text then counts as following a figure)
  let prevEnd = block && !block.first ? -1 : 0;
  for (let ri = 0; ri < raws.length; ri++) {
    const r = raws[ri];
    const sStart = sentenceStart(text, r.start);
    const cStart = clauseStart(text, r.start);
    // Qualifier before the number (近, 约, 超过) and after (余, 以上, 左右)
    let qStart = r.start;
    let qualifier: string | undefined;
    let bound: Figure['bound'];
    const before = endsWithin(text, QUALIFIER_WORDS, qStart, 4);
    if (before) {
      qualifier = before;
      bound = BOUND_BEFORE.get(before);
      qStart -= before.length;
    }
    if (r.approxMid) {
      qualifier = (qualifier ?? '') + r.approxMid;
      bound = bound ?? 'lower';
    }
    let end = r.end;
    const afterNot = startsWithAny(text, NOT_STAT_AFTER, end);
    if (afterNot && !(afterNot === '以内' && r.unit.kind !== 'duration')) {
      if (r.unit.kind === 'duration' || !TIME_AFTER.has(afterNot)) continue;
    }
    let after: (typeof QUALIFIERS_AFTER)[number] | undefined;
    for (let k = 0; k < QUALIFIERS_AFTER.length && !after; k++) if (text.startsWith(QUALIFIERS_AFTER[k].word, end)) after = QUALIFIERS_AFTER[k];
    if (after && !(after.word === '多' && r.approxMid)) {
      qualifier = (qualifier ?? '') + after.word;
      bound = bound ?? after.bound;
      end += after.word.length;
    }
    // Not statistics: ordinals (第二批), ranks (前5名), codes
    const prevFigureEnd = prevEnd;
    const leftStart = Math.max(cStart, prevEnd > cStart && prevEnd <= r.start ? prevEnd : cStart);
    if (endsWithin(text, NOT_STAT_BEFORE, qStart, 3) && !before) continue;
    prevEnd = end;
    const clauseLeft = text.slice(cStart, qStart);
    const sentenceLeft = text.slice(sStart, qStart);
    let left = text.slice(leftStart, qStart);
    const listCut = left.lastIndexOf('、');
    if (listCut >= 0 && leftStart === prevFigureEnd) left = left.slice(listCut + 1);
    // the end of the last 其中 / 包括 between leftStart and the number
    let markerAt = -1;
    for (let k = 0; k < PART_MARKERS.length; k++) {
      const m = PART_MARKERS[k];
      const at = lastIndexWithin(text, m, leftStart, qStart - m.length);
      if (at >= 0) markerAt = Math.max(markerAt, at + m.length);
    }
    if (markerAt > leftStart) left = text.slice(markerAt, qStart);
    const { relation, rel, consumed } = relationChain(left);
    const core = left.slice(0, left.length - consumed);
    const coreOffset = qStart - left.length;
    // rules and targets are not statistics: 每周不少于2次, 预期目标是：…增长5%左右
    // 比一九五二年的827亿元 (a comparison's baseline), 由52.2%提高到… (a change's start)
    // (a pattern ending in $ is tried at every place of the text: asked only when the last character fits)
    const baseline = (endsWithCode(clauseLeft, DE) && BASELINE.test(clauseLeft)) || (/[由从][^，,。；;]{0,10}$/.test(clauseLeft) && /^(?:[^，,。；;]{0,12}?)(?:提高|提升|上升|增加|增长|下降|减少|降低|扩大|缩小|缩短|缩减|压缩|压减|降|升)(?:到|至)/.test(text.slice(end, end + 16)));
    // …力争在现有210余家专业合作社基础上…: what exists now, inside a target sentence, is a statement
    const present = ((endsWithCode(clauseLeft, YOU) || endsWithCode(clauseLeft, YI)) && PRESENT_BEFORE.test(clauseLeft)) || (codeWithin(text, JI_BASE, end, end + 18) && PRESENT_FRAME.test(text.slice(end, clauseEnd(text, end))));
    const ruleLeft = sentenceLeft.includes('争取') ? sentenceLeft.replace(SECURED, '') : sentenceLeft;
    const rule = !present && (includesAny(ruleLeft, RULE_BEFORE) || clauseLeft.includes('每') || FORECAST.test(sentenceLeft)
      || inSentenceBefore(text, qStart, TARGET_CONTEXT));
    const share = r.unit.kind === 'percent' && includesAny(clauseLeft, SHARE_WORDS);
    // Subject: first mention in the sentence, else in the paragraph before, else the document's
    const pStart = paragraphStart(text, r.start);
    const subject = subjectFor(subjects, sStart, pStart, r.start, main, text, cStart, block?.wholeOf);
    const period = periodFor(periods, text, sStart, cStart, pStart, r.start, raws, headings);
    const spans: Array<{ start: number; end: number }> = [];
    overlapping(subjects, coreOffset - MENTION_MAX, qStart, coreOffset, spans);
    overlapping(periods, coreOffset - MENTION_MAX, qStart, coreOffset, spans);
    let indicator = stripTrailingNoise(stripSpans(core, coreOffset, spans).replace(BASELINE_WORDS, '').replace(LEADING_NOISE, ''));
    // 61个“单打冠军”: what is counted may stand in quotes, which end no clause here
    const after14 = text.slice(end, end + 14);
    const rightEnd = after14.search(RIGHT_END);
    let right = (rightEnd < 0 ? after14 : after14.slice(0, rightEnd)).replace(QUOTES, '').slice(0, 10).replace(/^[的了]/, '');
    const rightCut = right.search(/[、和及与]/);
    if (rightCut >= 0) right = right.slice(0, rightCut);
    const nextNum = right.search(/[0-9０-９]/);
    if (nextNum >= 0) right = right.slice(0, nextNum);
    let fromRight = false;
    if (indicator.length < 2 && right.length >= 2 && !opensWithRelation(right)) {
      // 对52家次企业实施停产整顿: what is counted follows the unit
      indicator = stripTrailingNoise(right.slice(0, 8));
      fromRight = true;
    } else if (indicator.length < 2) {
      // 进出口总额达2992.3亿元，同比增长13.1%: the indicator of the sentence's last statement;
      // 比重由42%上升到46%: the indicator of the change's start
      let prev: Figure | undefined;
      for (let k = figures.length - 1; k >= 0 && figures[k].start >= sStart; k--) {
        const f = figures[k];
        if (f.sentenceStart === sStart && (!f.baseline || f.clauseStart === cStart) && !/的$/.test(f.left)) {
          prev = f;
          break;
        }
      }
      if (prev) indicator = prev.indicator;
      else if (cStart > sStart) {
        // 所占的比重，由1954年的42%…: the clause before names it
        const pc = clauseStart(text, cStart - 1);
        indicator = stripTrailingNoise(text.slice(pc, cStart - 1).replace(BASELINE_WORDS, '').replace(LEADING_NOISE, '')).slice(-16);
      }
    }
    // (optional fields set one by one, in the order a reader of the figure sees them: an object spread per
    // optional field made two objects and a copy for each)
    const figure = { start: qStart, end, numStart: r.numStart, numEnd: r.numEnd, text: original.slice(qStart, end), value: r.value } as Figure;
    if (r.high !== undefined) figure.high = r.high;
    figure.step = r.step;
    figure.unit = r.unit.unit;
    figure.unitText = r.unitText;
    figure.kind = r.unit.kind;
    if (qualifier) {
      figure.qualifier = qualifier;
      figure.bound = bound;
    }
    if (relation) {
      figure.relation = relation;
      figure.rel = rel;
    }
    if (share) figure.share = share;
    figure.indicator = indicator;
    if (fromRight) figure.fromRight = fromRight;
    figure.left = clauseLeft.slice(-16);
    figure.right = right;
    if (subject) figure.subject = subject;
    if (period) figure.period = period;
    if (rule) figure.rule = rule;
    if (baseline) figure.baseline = baseline;
    figure.sentenceStart = sStart;
    figure.clauseStart = cStart;
    figures.push(figure);
  }
  // 由每月245元提高到350元: the end of a change remembers its start, which names the change
  for (let i = 1; i < figures.length; i++) {
    const a = figures[i - 1], b = figures[i];
    if (a.baseline && a.sentenceStart === b.sentenceStart && a.unit === b.unit && a.high === undefined && b.high === undefined
      && CHANGE_TO.test(text.slice(a.end, b.start))) b.changeFrom = a.value;
  }
  markParts(text, figures);
  resolveRespectively(text, figures);
  return figures;
}
