// One reading of each statement: a figure becomes a claim with explicit slots (subject, indicator,
// period, value and unit, kind, base), each either stated by the text or inferred, and from what.
// Checks compare claims, and only on slots both sides resolved; the hover shows what was not.
import { clauseEnd, clauseStart, codeWithin, paragraphEnd, paragraphStart, sentenceStart } from './segments';
import { headingLines } from './context';
import { relClass } from './match';
import { addUnit } from './lexicon';
import { SECURED } from './words';
import type { Figure } from './types';
import synonyms from './data/synonyms.json';
import lexicon from './data/lexicon.json';

const PLACES = new Set<string>([...(lexicon.places as string[]), ...Object.keys(lexicon.aliases as Record<string, string>)].map(p => p.replace(/[省市区县]$/, '')));

/** Where a slot's value came from. */
export type SlotSource =
  | 'stated' // the figure's own sentence says it
  | 'earlier' // a sentence before, in the same paragraph
  | 'heading' // the heading of the figure's section (一、2019年工作回顾)
  | 'document' // the document's own region (全县 / 全市 = the region of the title, file name or text)
  | 'document-date'; // the document's date: a report given in year Y reviews Y-1

export interface Slot {
  value?: string;
  from?: SlotSource;
}

export type ClaimKind = 'level' | 'change' | 'share' | 'difference' | 'target' | 'rank';

export interface Claim {
  figure: Figure;
  subject: Slot;
  indicator: Slot;
  /** Canonical period: '2023', '2023|前5月', 'span|近5年', 'since|2021' … */
  period: Slot;
  kind: ClaimKind;
  /** What a change or difference is measured against: 上年, 全国, 全省, a year, a named figure. */
  base: Slot;
  /** value + normalised unit, as the figure holds them. */
  unit: string;
  /** The item a numbered entry names before its colon (〔14〕大正食品：项目总投资1.23亿元 -> 大正食品). */
  item?: string;
}

// a numbered entry of a list or glossary that names its item before a colon: 〔14〕大正食品：, 3.某某项目：
const ENTRY = /^[ \t　]*[〔（(\[【]?(?:\d{1,3}|[一二三四五六七八九十]{1,3})[〕）)\]】、.．][ \t　]*([^：:，,。；;！!？?\s]{2,16})[：:]/;

/** The item of the numbered entry (line) a figure stands in, if the entry names one. */
function entryItem(text: string, f: Figure): string | undefined {
  const m = ENTRY.exec(text.slice(paragraphStart(text, f.start), f.start));
  return m ? m[1] : undefined;
}

/** What a document says about itself: its region and when it was written. */
export interface DocContext {
  /** The document's title (a region it names is the document's, 四川珙县 -> 珙). */
  title?: string;
  region?: string;
  /** The year the document was written (its date, or a date line of its own). */
  year?: number;
  /** The year its unmarked results are about: a report given early in year Y reviews Y-1. */
  reviews?: number;
}

const CJK = /[^\u4e00-\u9fff]/g;

// synonyms as data: each group's first word is the canonical form
const SYNONYMS: Array<[string, string]> = (synonyms.groups as string[][])
  .flatMap(g => g.slice(1).map(w => [w, g[0]] as [string, string]))
  .sort((a, b) => b[0].length - a[0].length);

/** Words in one canonical spelling (规上 -> 规模以上, GDP -> 地区生产总值), Chinese characters only. */
export function canonicalWords(s: string): string {
  let out = s;
  for (const [w, c] of SYNONYMS) if (out.includes(w)) out = out.split(w).join(c);
  return out.replace(CJK, '');
}

const DATE_LINE = /^[\s（(]*((?:19|20)\d{2})年(\d{1,2})月(?:(\d{1,2})日)?[)）\s]*$/;
const MEETING = /((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日.{0,30}(?:会议|大会)/;
const REPORT = /工作报告|报告/;

/**
 * The document's region and year from its own page: the date line under the title (2024年2月), the
 * meeting line (——2026年1月27日在…会议上), else the date it was given; a document written in
 * January–April, or a work report with only a year, reviews the year before.
 */
export function readDocument(text: string, title: string, region: string | undefined, date?: string): DocContext {
  return readDocumentLines(text.split('\n'), title, region, date);
}

/** readDocument, given the text's lines. */
export function readDocumentLines(lines: readonly string[], title: string, region: string | undefined, date?: string): DocContext {
  let year: number | undefined, month: number | undefined;
  const near = [...lines.slice(0, 12), ...lines.slice(-6)];
  // (a meeting line broken over two lines: 2022年1月28日在高唐县第十八届 / 人民代表大会第一次会议上)
  const opening = lines.slice(0, 4).map(l => l.trim()).join('');
  for (const l of [...near, opening]) {
    const m = DATE_LINE.exec(l.trim()) ?? MEETING.exec(l.slice(0, 60));
    if (m) {
      year = Number(m[1]);
      month = Number(m[2]);
      break;
    }
  }
  if (year === undefined && date && /^\d{4}/.test(date)) {
    year = Number(date.slice(0, 4));
    month = /^\d{4}-\d{2}/.test(date) ? Number(date.slice(5, 7)) : undefined;
  }
  let reviews: number | undefined;
  if (year !== undefined && ((month !== undefined && month <= 4) || (month === undefined && REPORT.test(title)))) reviews = year - 1;
  return { title, ...(region ? { region } : {}), ...(year !== undefined ? { year } : {}), ...(reviews !== undefined ? { reviews } : {}) };
}

// 过去五年 / 五年来 / 十三五期间 in a heading: its section reviews a span, not a year
const SPAN_HEADING = /过去[一二三四五六七八九十\d]+年|[一二三四五六七八九十\d]+年来|十[一二三四五]五|届|近[一二三四五六七八九十\d]+年/;

// a report's section title on a line of its own, with no number: 过去五年工作回顾, 2021年工作回顾
const BARE_TITLE = /^[ \t　]*(?:过去[一二三四五六七八九十\d]+年|(?:19|20)\d{2}年)[^，,。；;：:！!？?\s]{0,8}(?:工作回顾|回顾|工作总结)[ \t　]*$/;

/** Section titles written bare on a line of their own (no 一、 or #). */
function bareTitles(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  if (!/工作回顾|回顾|工作总结/.test(text)) return out;
  let start = 0;
  for (const line of text.split('\n')) {
    if (line.length <= 24 && BARE_TITLE.test(line)) out.push({ start, end: start + line.length });
    start += line.length + 1;
  }
  return out;
}

/** Headings whose section reviews a span of years (一、过去五年工作回顾), with their rank. */
// words that surely say a passage reviews the years just past (过去五年, 五年来), not a plan's span (十四五) or a session (届)
const REVIEW_SPAN = /过去[一二三四五六七八九十\d]+年|[二三四五六七八九十\d]+年来/;

export interface SpanSection { start: number; end: number; span: boolean; review: boolean; rank: number; year?: number }

export function spanSections(text: string): SpanSection[] {
  const headings = headingLines(text), bare = bareTitles(text);
  // (most texts read here, a block or a line, hold neither)
  if (headings.length === 0 && bare.length === 0) return [];
  return [...headings, ...bare].sort((a, b) => a.start - b.start).map(h => {
    const line = text.slice(h.start, h.end);
    const rank = /^\s*#/.test(line) ? /^\s*(#+)/.exec(line)![1].length : /^\s*（/.test(line) ? 11 : 10;
    const years = new Set(line.match(/(?:19|20)\d{2}(?=年)/g) ?? []);
    return { ...h, span: SPAN_HEADING.test(line), review: REVIEW_SPAN.test(line), rank, ...(years.size === 1 ? { year: Number([...years][0]) } : {}) };
  });
}

const BASE = /(?:比上年|较上年|比去年|较去年|同比|比上年同期|较上年同期)/;
const BASE_BODY = /(?:高于|低于|快于|慢于|超过|超出|领先|落后于?)(全国|全省|全市|全区|全县|[\u4e00-\u9fff]{2,6}(?:省|市|县|区))/;
const BASE_YEAR = /[比较](?:[^，,。；;]{0,4})((?:19|20)\d{2})年/;
const RANK_UNITS = new Set(['名次']);
const RANK = /位居|排名|排位|位次|第$|届$|(?:前移|后移|前进|后退|上升|下降|提升|提高)$/;
// 九届十二次全会: a session's number is a label, not a count
const SESSION = /^(?:全会|会议|全体会议|党代会|代表大会)/;
// words of a plan or a target before the figure in its sentence: 将确保, 力争, 年内实现, 预计
const TARGET = /将|确保|力争|争取|预计|预期|目标|计划|年内|今年要|明年|到20\d\d年(?:底|末)?(?:全[县市区省])?[^，,。]{0,6}(?:达到|实现)/;

// Where a report turns from the year it reviews to the year ahead: a heading line of the plan
// (2025年工作目标任务, 2023年工作安排, 今年工作的总体要求) or the paragraph that opens it (今年政府工作的总体思路是,
// 今年经济社会发展的主要预期目标是). What follows is the plan: targets for the document's own year.
const PLAN_HEADING = /^[ \t　#]*(?:[一二三四五六七八九十]+、)?(?:(?:19|20)\d{2}年|今年|明年)?[^。；;，,！!？?\n]{0,12}(?:工作安排|目标任务|重点工作|主要任务|工作任务|工作打算|总体要求|工作部署)[^。；;，,！!？?\n]{0,8}$/m;
const PLAN_OPENING = /^[ \t　]*(?:今年|明年|(?:19|20)\d{2}年)(?:政府工作的?总体(?:要求|思路)|(?:全[县市区省旗])?经济社会发展的?主要(?:预期)?目标|(?:全[县市区省旗])?经济社会发展的?总体要求)/m;

/** The offset where a report's plan for the year ahead begins, if it has one. */
/** Where in one line (or a text) a plan heading or opening is, else -1 (no match crosses a line break). */
export function planAt(text: string): number {
  const starts = [PLAN_HEADING.exec(text)?.index, PLAN_OPENING.exec(text)?.index].filter((x): x is number => x !== undefined);
  return starts.length ? Math.min(...starts) : -1;
}

export function planStart(text: string, doc: DocContext): number {
  if (doc.reviews === undefined || doc.year === undefined) return Infinity;
  const starts = [PLAN_HEADING.exec(text)?.index, PLAN_OPENING.exec(text)?.index].filter((x): x is number => x !== undefined);
  return starts.length ? Math.min(...starts) : Infinity;
}

/** mode|year|part, the parts that are set (no array made per figure). */
function periodValue(mode: string | undefined, year: number, part: string): string {
  let v = mode || '';
  if (year) v = v ? `${v}|${year}` : String(year);
  if (part) v = v ? `${v}|${part}` : part;
  return v;
}

function periodKey(text: string, f: Figure, doc: DocContext): Slot {
  let p = f.period;
  // 高于年初确定的…目标: a part of the year said in another clause of the sentence is not the figure's
  if (p?.part && /^(?:年初|年底|年末)$/.test(p.part) && !text.slice(f.clauseStart, f.start).includes(p.part)) p = { ...p, part: '' };
  if (p) {
    const from: SlotSource = p.fromHeading ? 'heading' : p.inherited ? 'earlier' : 'stated';
    const year = p.year ?? (p.relYear !== undefined && doc.year !== undefined ? doc.year + p.relYear : undefined);
    const part = p.year !== undefined && /五$/.test(p.part ?? '') ? '' : p.part ?? '';
    // 一年来 / 过去一年: the year a report reviews
    if (part === '近1年' && p.year === undefined && doc.reviews !== undefined) return { value: String(doc.reviews), from: 'document-date' };
    // 近3年, 十三五: a span of years, unless a year of it is named (2021年，是“十四五”开局之年)
    if (/^(?:近|未来)\d+年$/.test(part) || (/五$/.test(part) && p.year === undefined)) return { value: `span|${part}`, from };
    if (p.mode === 'now') return doc.year !== undefined ? { value: `now|${doc.year}`, from: 'document-date' } : {};
    if (year !== undefined) return { value: periodValue(p.mode, year, part), from: p.relYear !== undefined && p.year === undefined ? 'document-date' : from };
    return {};
  }
  return {};
}

// 阜平县的, 保定市委 is no name of a place, nor 完成县乡村 (two levels in a row) or 完成市政
const SUFFIXED = /^[省市区县州镇乡旗盟](?![省市区县州镇乡旗盟级委政府长直属域城])/;

/**
 * The subject slot: the figure's region when the text names it as a region (a name with its suffix,
 * a known place) or says 全国; else the document's region (全县 / 全市 / no region said).
 */
function subjectSlot(text: string, f: Figure, doc: DocContext): Slot {
  const k = f.subject;
  if (k && doc.region && (k === doc.region || k.endsWith(doc.region) || doc.region.endsWith(k))) return { value: doc.region, from: 'document' };
  // 保定市满城区's report: 保定 is the parent its title names first, not what its figures are about
  if (k && doc.region && doc.title && doc.title.includes(k) && doc.title.indexOf(doc.region) > doc.title.indexOf(k)) return { value: doc.region, from: 'document' };
  if (k) {
    const sentence = text.slice(sentenceStart(text, f.start), f.start);
    // 全国 is the subject only where it opens the clause or the sentence (全国粮食产量…), not in 全国文明城市
    const clause = text.slice(f.clauseStart, f.start);
    if (k === '全国') return /^(?:[^，,。；;]{0,4})全国/.test(clause) || /^(?:[^，,。；;]{0,4})全国/.test(sentence) ? { value: k, from: 'stated' } : doc.region ? { value: doc.region, from: 'document' } : {};
    // a development zone (高新区, 经开区) is a subject of its own
    let named = PLACES.has(k) || k.includes('·') || (!!doc.title && doc.title.includes(k));
    for (let i = sentence.indexOf(k); i >= 0 && !named; i = sentence.indexOf(k, i + 1)) named = SUFFIXED.test(sentence.slice(i + k.length));
    if (named) return { value: k, from: 'stated' };
  }
  return doc.region ? { value: doc.region, from: 'document' } : {};
}

/**
 * `re.test(text.slice(from, pos))` for the figures of one paragraph, without reading the paragraph
 * again for each (a draft of one 1 MB line has thousands). `re` has no anchors or lookaround, so a
 * prefix that matches stays matched in every longer prefix: the answer is pos >= the end of the
 * shortest matching prefix, found once per paragraph (one test of the whole paragraph, and a binary
 * search only when it matches).
 */
function prefixTester(re: RegExp, text: string): { test(from: number, pos: number): boolean } {
  const shortest = new Map<number, number>();
  return {
    test(from, pos) {
      let end = shortest.get(from);
      if (end === undefined) {
        let hi = paragraphEnd(text, from);
        if (!re.test(text.slice(from, hi))) end = Infinity;
        else {
          let lo = from;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (re.test(text.slice(from, mid))) hi = mid;
            else lo = mid + 1;
          }
          end = lo;
        }
        shortest.set(from, end);
      }
      return pos >= end;
    },
  };
}

/**
 * Claims for the figures of one text. `doc` is what the document says about itself. A figure with no
 * period of its own and none before it in its paragraph is the document's reviewed year, unless its
 * section reviews a span (过去五年) or it is a target.
 */
export function readClaims(text: string, figures: Figure[], doc: DocContext, block?: { sectionsBefore: SpanSection[]; plan: number }): Claim[] {
  // (a block of a longer text: the sections before it and where the plan starts are read from the whole)
  const sections = !figures.length ? [] : block ? [...block.sectionsBefore, ...spanSections(text)] : spanSections(text);
  const inSpan = (at: number, review = false) => {
    let closed = Infinity;
    for (let i = sections.length - 1; i >= 0; i--) {
      const h = sections[i];
      if (h.start > at || h.rank >= closed) continue;
      if (h.span) return !review || h.review;
      closed = h.rank;
    }
    return false;
  };
  const headingYear = (at: number) => {
    let closed = Infinity;
    for (let i = sections.length - 1; i >= 0; i--) {
      const h = sections[i];
      if (h.start > at || h.rank >= closed) continue;
      if (h.year !== undefined) return h.year;
      closed = h.rank;
    }
    return undefined;
  };
  const plan = !figures.length ? Infinity : block ? block.plan : planStart(text, doc);
  const spanBefore = prefixTester(SPAN_HEADING, text), reviewBefore = prefixTester(REVIEW_SPAN, text);
  return figures.map(f => {
    let period = periodKey(text, f, doc);
    const bare = !f.period || (f.period.year === undefined && f.period.relYear === undefined && !f.period.part && !f.period.mode);
    // in the plan part of a report, a figure with no period of its own is a target for the year ahead
    if (!period.value && bare && !f.rule && f.start >= plan) period = { value: String(doc.year), from: 'heading' };
    else if (!period.value && bare && !f.rule) {
      // the sentence or paragraph before may say 过去五年 in words findPeriods does not read
      const pStart = paragraphStart(text, f.start);
      if (!inSpan(f.start) && !spanBefore.test(pStart, f.start)) {
        const heading = headingYear(f.start);
        if (heading !== undefined) period = { value: String(heading), from: 'heading' };
        else if (doc.reviews !== undefined) period = { value: String(doc.reviews), from: 'document-date' };
      } else if (doc.year !== undefined && (inSpan(f.start, true) || reviewBefore.test(pStart, f.start))) {
        // a section that reviews a span (五年来，…; 过去五年工作回顾): its unmarked figures are of that span,
        // the years before the document was written, not any one year
        period = { value: `span|review|${doc.year}`, from: 'heading' };
      }
    }
    const subject = subjectSlot(text, f, doc);
    const clause = text.slice(f.clauseStart, f.start);
    const sentence = text.slice(sentenceStart(text, f.start), f.start);
    let base: Slot = {};
    const body = BASE_BODY.exec(clause);
    const byYear = BASE_YEAR.exec(clause);
    if (body) base = { value: body[1], from: 'stated' };
    else if (BASE.test(clause)) base = { value: '上年', from: 'stated' };
    else if (byYear) base = { value: byYear[1], from: 'stated' };
    else if (relClass(f) !== 'level' && BASE.test(sentence)) base = { value: '上年', from: 'earlier' };
    // 在2023年生产总值106.6亿元的基础上 inside a target: what exists now is a statement
    // (基 must stand in the first 18 characters: the pattern is run only then)
    const present = codeWithin(text, JI_BASE, f.end, f.end + 18) && /^[^，,。；;]{0,16}基础上/.test(text.slice(f.end, f.end + 20));
    // a report given in year Y reviews Y-1: what it says of Y itself (三、2021年重点工作 …) is its plan
    const ahead = doc.reviews !== undefined && doc.year !== undefined && /^\d{4}$/.test(period.value ?? '') && Number(period.value) >= doc.year;
    const kind: ClaimKind = f.rule || (TARGET.test(sentence.includes('争取') ? sentence.replace(SECURED, '') : sentence) && !present) || ahead ? 'target'
      : RANK_UNITS.has(f.unit) || RANK.test(clause) || /^位次/.test(f.right) || SESSION.test(text.slice(f.end, f.end + 4)) ? 'rank'
      : f.unit === 'pp' || body ? 'difference'
      : relClass(f) !== 'level' ? 'change'
      : f.share ? 'share'
      : 'level';
    const words = indicatorWords(f);
    const item = entryItem(text, f);
    return {
      figure: f,
      subject,
      indicator: words ? { value: words, from: 'stated' } : {},
      period,
      kind,
      base,
      unit: addUnit(f.unit),
      ...(item ? { item } : {}),
    };
  });
}

// words that say how a figure changed or compares, not what is counted (年均递增, 也增加一倍多, 又比)
const CHANGE_ONLY = /年均|平均|递增|递减|增长|增加|提高|提升|上升|下降|减少|降低|回落|一倍多?|[一二两三四五六七八九十]倍|[也又再还比较达为是了的多]/g;

/**
 * The indicator slot: the figure's indicator words in canonical spelling, resolved only when they name what
 * is counted. Words that only say how it changed (年均递增) name nothing; 占本年预算支出的 names the whole a
 * share is of, not the part (总预备费 / 债款支出 each 占本年预算支出的…): unresolved.
 */
function indicatorWords(f: Figure): string | undefined {
  const words = canonicalWords(f.indicator);
  if (words.length < 2 || /^占/.test(words)) return undefined;
  if (words.replace(CHANGE_ONLY, '').length < 2) return undefined;
  return words;
}

/** The words of a figure's clause, numbers and punctuation out, in canonical spelling. */
export function clauseWords(text: string, f: Figure): string {
  return canonicalWords(text.slice(clauseStart(text, f.start), clauseEnd(text, f.end)));
}

const JI_BASE = '基'.charCodeAt(0);

/** Two claims may be compared on `slot` only when both resolved it. */
export function bothResolved(a: Claim, b: Claim, slot: 'subject' | 'period' | 'indicator' | 'base'): boolean {
  return a[slot].value !== undefined && b[slot].value !== undefined;
}

/** The slots of a claim that are not resolved, for the hover. */
export function unresolvedSlots(c: Claim): Array<'subject' | 'period' | 'indicator'> {
  return (['subject', 'period', 'indicator'] as const).filter(s => c[s].value === undefined);
}

export type Comparison = { ok: true } | { ok: false; reason: string };

/**
 * May two claims be compared as statements of the same thing? Their subjects resolved and the same,
 * their periods not resolved to different ones, the same kind (a result is no target, a level no
 * change) and the same base. `strictPeriod`: both periods must be resolved (and equal).
 */
export function comparable(a: Claim, b: Claim, strictPeriod = false): Comparison {
  if (!a.subject.value || !b.subject.value) return NOT.subjectUnresolved;
  const sa = a.subject.value, sb = b.subject.value;
  if (!(sa === sb || sa.endsWith(sb) || sb.endsWith(sa))) return NOT.subject;
  if (a.period.value && b.period.value && a.period.value !== b.period.value) return NOT.period;
  if (strictPeriod && (!a.period.value || !b.period.value)) return NOT.periodUnresolved;
  if (a.kind !== b.kind) return NOT.kind;
  // two numbered entries naming different items (大正食品 / 硒鸽屠宰) tell of two things
  if (a.item && b.item && a.item !== b.item) return NOT.item;
  if ((a.base.value ?? '') !== (b.base.value ?? '')) return NOT.base;
  return COMPARABLE;
}

// (the answers are constants: comparable runs for every pair of claims a restatement lookup weighs)
const COMPARABLE: Comparison = Object.freeze({ ok: true });
const not = (reason: string): Comparison => Object.freeze({ ok: false, reason });
const NOT = {
  subjectUnresolved: not('subject unresolved'), subject: not('subject'), period: not('period'), periodUnresolved: not('period unresolved'),
  kind: not('kind'), item: not('item'), base: not('base'),
};

/** Indicator words that identify what is counted: three characters or more, or a noun counted after the unit. */
export function identifies(a: Claim, b: Claim): boolean {
  const na = a.figure.right.replace(CJK, '').slice(0, 2), nb = b.figure.right.replace(CJK, '').slice(0, 2);
  return ((a.indicator.value?.length ?? 0) >= 3 && (b.indicator.value?.length ?? 0) >= 3) || (na.length === 2 && na === nb);
}
