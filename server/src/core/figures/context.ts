// Who and when a figure is about: the subject from its sentence, paragraph or document, and the
// period from its clause, its sentence's opening or the sentences before.
import { clauseEnd, clauseStart, sentenceStart } from './segments';
import { combine, type findPeriods, type Period } from './period';
import { NATION, WHOLE, chainEnd, type MainSubject, type SubjectMention } from './subject';
import type { RawNumber } from './scan';
import { lowerBound, startingIn } from './sorted';

export function subjectFor(
  mentions: SubjectMention[], sStart: number, pStart: number, at: number, main: MainSubject | undefined, text: string,
  cStart: number,
  /** The body each 全市 / 该县 mention speaks for, when read elsewhere (the text is one block of a longer one). */
  wholeOf?: (whole: SubjectMention) => string | undefined,
): string | undefined {
  // (helpers at the module's level, not closures made per figure)
  // a clause that opens with a region is about it (…，郫都区、双流区布局53个项目)
  const topic = lowerBound(mentions, cStart);
  if (topic < mentions.length && mentions[topic].start === cStart && cStart < at && cStart > sStart) return resolveSubject(mentions, topic, text, main, wholeOf);
  const inSentence = lowerBound(mentions, sStart);
  // 规模占全省总量十三分之一, 占全国的12%: the whole a share is of is not the subject
  let first = inSentence;
  while (first < mentions.length && mentions[first].start < at && text[mentions[first].start - 1] === '占') first++;
  if (first < mentions.length && mentions[first].start < at) return resolveSubject(mentions, first, text, main, wholeOf);
  // the nearest earlier sentence of the paragraph that names a subject
  const i = inSentence - 1;
  if (i >= 0 && mentions[i].start >= pStart) {
    const first = lowerBound(mentions, sentenceStart(text, mentions[i].start));
    return resolveSubject(mentions, first < inSentence ? first : i, text, main, wholeOf);
  }
  return main?.key;
}

/** The subject mention `i` names: the end of its chain, or the body a 全市 speaks for. */
function resolveSubject(
  mentions: SubjectMention[], i: number, text: string, main: MainSubject | undefined, wholeOf: ((whole: SubjectMention) => string | undefined) | undefined,
): string | undefined {
  const m = chainEnd(mentions, i, text);
  return m.key !== WHOLE ? m.key : wholeOf ? wholeOf(m) : wholeBody(mentions, m, main, pos => sentenceStart(text, pos));
}

/**
 * 全市 / 该县 / 全区: the document's own subject when it is of that level (成都市 … 全市), else the
 * nearest earlier region of that level that opens a sentence (呼和浩特市年味渐浓…今年元旦假期，全市…).
 */
export function wholeBody(mentions: readonly SubjectMention[], whole: SubjectMention, main: MainSubject | undefined, sentenceStartOf: (pos: number) => number): string | undefined {
  // a name of unknown level (镇江, learned from repetition) may be the body 全市 speaks for
  if (main && levelFits(whole, main.level)) return main.key;
  for (let i = lowerBound(mentions, whole.start) - 1; i >= 0; i--) {
    const m = mentions[i];
    if (whole.start - m.start > 1500) break;
    if (m.key === WHOLE || m.key === NATION) continue;
    const first = lowerBound(mentions, sentenceStartOf(m.start));
    if (first >= mentions.length || mentions[first].start >= whole.start) continue;
    if (mentions[first] !== m && chainEnd(mentions, first) !== m) continue;
    if (levelFits(whole, m.level)) return m.key;
  }
  return undefined;
}

/** May a body of `level` be what `whole` (全市, 该县, 当地) speaks for? */
function levelFits(whole: SubjectMention, level: string): boolean {
  return !whole.level || !level || level === whole.level || (whole.level === '市' && level === '州');
}

/** Does the clause around `pos` hold a number (raws sorted by start)? */
function clauseHasFigure(text: string, raws: RawNumber[], pos: number): boolean {
  const a = clauseStart(text, pos), b = clauseEnd(text, pos);
  const i = lowerBound(raws, a);
  return i < raws.length && raws[i].start < b;
}

export function periodFor(
  mentions: ReturnType<typeof findPeriods>, text: string, sStart: number, cStart: number, pStart: number, at: number,
  raws: RawNumber[], headings: YearHeading[],
): Period | undefined {
  // The figure's own clause, the sentence's opening clause (2015年，… / 全年开展…，对52家次…),
  // and earlier clauses that hold no figure of their own (…，今年再解决…，新建农村公路20万公里)
  // (no list made when the sentence before the figure names no period, as for most figures)
  let own: ReturnType<typeof findPeriods> | undefined;
  const first = lowerBound(mentions, sStart);
  if (first < mentions.length && mentions[first].start < at) {
    const topicEnd = clauseEnd(text, sStart);
    for (let k = first; k < mentions.length && mentions[k].start < at; k++) {
      const m = mentions[k];
      if (m.start >= cStart || m.start < topicEnd || !clauseHasFigure(text, raws, m.start)) (own ??= []).push(m);
    }
  }
  let p = own ? combine(own) : undefined;
  // the mentions of the paragraph before the sentence: [earlierFrom, first)
  const earlierFrom = lowerBound(mentions, pStart);
  let withYear: (typeof mentions)[number] | undefined;
  for (let k = first - 1; k >= earlierFrom && !withYear; k--) if (mentions[k].year !== undefined) withYear = mentions[k];
  // 1955年…。在本年的45种…: 本年 is the year the paragraph speaks of
  if (p && p.relYear === 0 && p.year === undefined && withYear) {
    const { relYear: _relative, ...rest } = p;
    return { ...rest, year: withYear.year };
  }
  if (p && (p.year !== undefined || p.relYear !== undefined || p.mode === 'now' || p.mode === 'until')) return p;
  if (p) {
    // 近3年 / 未来5年 count back or on from the document's own time, not from a year said sentences
    // before (2021年以来，…。近3年，…共有2180余件): the earlier year is no anchor of the span
    if (withYear && p.year === undefined && !/^(?:近|未来)\d/.test(p.part ?? '')) p = { ...p, year: withYear.year, text: withYear.text + p.text };
    return p;
  }
  let last: (typeof mentions)[number] | undefined = first > earlierFrom ? mentions[first - 1] : undefined;
  let fromHeading = false;
  if (!last) {
    // 三、2017年重点工作任务: a heading's year holds for the section under it
    last = headingYear(headings, pStart);
    if (!last) return undefined;
    fromHeading = true;
  }
  const q = combine([last])!;
  // said sentences before: a draft that states the figure without a period may still mean it
  q.inherited = true;
  if (fromHeading) q.fromHeading = true;
  if (q.year === undefined && withYear) return { ...q, year: withYear.year, text: withYear.text + q.text };
  return q;
}


export interface YearHeading {
  start: number;
  end: number;
  /** The heading's rank: # … ###### 1–6, 一、 10, （一） 11 (a smaller rank is a wider section). */
  rank: number;
  /** The heading's first period mention with a year, if it names one. */
  year?: ReturnType<typeof findPeriods>[number];
}

/**
 * Every heading, with the year it names (三、2017年重点工作任务), in text order: a year heading holds for
 * its section only, up to the next heading of its rank or a wider one (一、全面总结2008年民生工作 …
 * 二、努力开创…新局面: the second section is not 2008's).
 */
export function yearHeadings(text: string, mentions: ReturnType<typeof findPeriods>): YearHeading[] {
  const out: YearHeading[] = [];
  for (const h of headingLines(text)) {
    const years = startingIn(mentions, h.start, h.end).filter(m => m.end <= h.end && m.year !== undefined);
    // 关于2005年…情况和2006年工作安排的报告: a heading of two years speaks for neither
    const written = new Set(text.slice(h.start, h.end).match(/(?:19|20)\d{2}(?=年)/g) ?? []);
    const year = written.size <= 1 && years.every(m => m.year === years[0].year) ? years[0] : undefined;
    out.push(year ? { ...h, rank: rankOf(text, h.start), year } : { ...h, rank: rankOf(text, h.start) });
  }
  return out;
}

function rankOf(text: string, start: number): number {
  const m = /^\s*(#{1,6})?\s*(（)?/.exec(text.slice(start, start + 12))!;
  return m[1] ? m[1].length : m[2] ? 11 : 10;
}

/** The year of the section `at` is in: the nearest year heading before it not closed by a heading of its rank or wider. */
function headingYear(headings: YearHeading[], at: number): ReturnType<typeof findPeriods>[number] | undefined {
  let closed = Infinity;
  for (let i = lowerBound(headings, at) - 1; i >= 0; i--) {
    const h = headings[i];
    if (h.rank >= closed) continue;
    if (h.year) return h.year;
    closed = h.rank;
  }
  return undefined;
}

const HEADING = /^\s*(?:#{1,6}\s*|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/;

/** Can this line be a heading line (headingLines)? */
export function mayBeHeading(line: string): boolean {
  return line.length <= 40 && HEADING.test(line);
}

/** Heading lines (# …, 一、…, （一）…) of a text, short enough to be headings. */
export function headingLines(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  // (line by line without splitting the text: only lines short enough to be headings are cut out and tested)
  for (let start = 0; start <= text.length;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (end - start <= 40 && HEADING.test(text.slice(start, end))) out.push({ start, end });
    if (nl < 0) break;
    start = nl + 1;
  }
  return out;
}
