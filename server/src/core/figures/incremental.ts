// A draft's figures and claims read block by block, each block's reading cached: an edit re-reads only
// the blocks it touched (and those whose context it changed). What gives the same result as reading
// the whole draft at once:
// - a block is a line, or several when a line opens with 其中 / 包括 (its parts' total may be the last
//   figure of the line before); sentences, clauses, numbers, periods and subject mentions never cross a
//   line break, and the few looks forward (比…提高到, 在…基础上, 20 characters at most) see the block's
//   next 20 characters (the tail), which are part of its key;
// - what crosses blocks is made an explicit input, and part of the block's key: the names the whole
//   text teaches (subjectLexicon: names learned from suffixed ones, repeated names like 镇江), the
//   document's main subject and title, the body each 全市 of the block speaks for when that is not the
//   main subject (looked up in the lines before), the year headings and span sections still open at the
//   block's start (a stack: only rank, year and span count), where a report's plan starts, and what the
//   document says of itself (readDocument: region, year).
// A block's figures and clause segments are read at the offsets of the draft they were first read in; in
// another place (another draft, or the block moved) the draft's are shifted copies, kept while the block stays
// there. Lines and blocks are kept least recently used first, bounded by characters.
import { toSimplified } from '../text/script';
import { planAt, readClaims, readDocumentLines, spanSections, type Claim, type DocContext, type SpanSection } from './claims';
import { mayBeHeading, wholeBody, yearHeadings, type YearHeading } from './context';
import { extractFiguresFrom } from './extract';
import { asciiNumbers, hasFullWidth } from './numerals';
import { findPeriods } from './period';
import { scanNumbers, type RawNumber } from './scan';
import { segmentsOf, type Segment } from './restate';
import { firstLine, sentenceStart } from './segments';
import { lowerBound } from './sorted';
import {
  WHOLE, mainSubjectFrom, provideMentions, subjectLexicons, subjectMentionsWith, suffixMentionsOf,
  type MainSubject, type SubjectLexicon, type SubjectMention,
} from './subject';
import type { Figure } from './types';
import { LineCache } from '../text/lineCache';

/** Lines and blocks kept across checks: several long drafts and their recent versions. */
const MAX_CACHED_CHARS = 1_000_000;
/** How far the readings of a figure look past it (比…提高到: 16, 在…基础上: 20). */
const TAIL = 20;

// (every field set when the entry is made: one object shape for all lines)
interface LineEntry {
  suffixed: SubjectMention[];
  /** The readings of the line as a block of its own, by context (blockKey). */
  blocks: Map<string, BlockEntry> | undefined;
  /** Subject mentions by lexicon (subjectLexicon sig): read with the title and without. */
  mentions: Map<string, SubjectMention[]> | undefined;
  heading: YearHeading | null | undefined;
  sections: SpanSection[] | undefined;
  plan: number | undefined;
  /** The numbers with a unit the line holds (scan.ts scanNumbers): a block of lines without one has no figures. */
  numbers: RawNumber[] | undefined;
}

interface View {
  offset: number;
  base: number;
  figures: Figure[];
  claims: Claim[];
  segments: Segment[];
}

interface BlockEntry {
  /** As read where the block first stood: offsets from `offset` on, figure indices (partOf) from `base`. */
  figures: Figure[];
  claims: Claim[];
  segments: Segment[];
  offset: number;
  base: number;
  /** The shifted copies in use, by place (a block repeated in one draft has one per place; a few kept). */
  views?: View[];
}

/** Shifted copies kept per block entry: the places one block text holds in a draft and its recent versions. */
const VIEWS_PER_BLOCK = 4;

export interface DraftReading {
  norm: string;
  figures: Figure[];
  claims: Claim[];
  /** The clauses holding figures (restate.ts segmentsOf of the whole draft). */
  segments: Segment[];
  main: string | undefined;
  doc: DocContext;
  /** The block's own figure or segment a draft's one was copied from (itself when it is no copy): stable while the block is unchanged. */
  originOf: (x: Figure | Segment) => object | undefined;
}

// the shifted copies of each block's figures and segments, and what they were copied from; a figure or
// segment of a draft that is no copy is a block's own (no entry: a draft never checked has no copies)
const origins = new WeakMap<object, object>();
const originOf = (x: object) => origins.get(x) ?? x;

const lineCache = new LineCache<LineEntry>(MAX_CACHED_CHARS);
/** Blocks of several lines, by their text; each by context. */
const blockCache = new LineCache<Map<string, BlockEntry>>(MAX_CACHED_CHARS);
/** The readings of one block text kept for this many contexts (an edit above a heading changes it for many). */
const CONTEXTS_PER_BLOCK = 4;
// what all blocks of one draft share, as a short id
const commonIds = new Map<string, number>();
// (ids are never given twice, also after a map is cleared: a block kept under an old id is never taken for
// another draft's)
let nextId = 0;
/**
 * A lexicon's sig (its learned names, thousands of characters) as a short id, so the key of what a draft's
 * blocks share is short: the sig string is hashed once (its hash is kept with it), not copied into a new key.
 */
const sigIds = new Map<string, number>();
function sigId(sig: string): number {
  let id = sigIds.get(sig);
  if (id === undefined) {
    if (sigIds.size > 256) sigIds.clear();
    sigIds.set(sig, (id = nextId++));
  }
  return id;
}

/** Forget every cached line and block (tests compare a cold reading with a warm one). */
export function clearDraftCache(): void {
  lineCache.clear();
  blockCache.clear();
  commonIds.clear();
  sigIds.clear();
}

function keep(map: Map<string, BlockEntry>, key: string, entry: BlockEntry): void {
  map.set(key, entry);
  if (map.size > CONTEXTS_PER_BLOCK) map.delete(map.keys().next().value!);
}

const ascii = asciiNumbers;

function lineEntry(line: string): LineEntry {
  return lineCache.get(line, makeLineEntry);
}
function makeLineEntry(line: string): LineEntry {
  return { suffixed: suffixMentionsOf(line), blocks: undefined, mentions: undefined, heading: undefined, sections: undefined, plan: undefined, numbers: undefined };
}
function mentionsOf(line: string, e: LineEntry, lex: SubjectLexicon): SubjectMention[] {
  const all = (e.mentions ??= new Map());
  let m = all.get(lex.sig);
  if (!m) all.set(lex.sig, (m = subjectMentionsWith(line, e.suffixed, lex)));
  return m;
}
/**
 * The numbers with a unit a line holds. A block's figures are read from its numbers (extract.ts: no number,
 * no figure), and the numbers starting in a block are its lines' own, whatever follows or precedes: no
 * numeral, unit, 余 or range joiner is a line break, so no number crosses one, and the line break the scan
 * reads past a line's last number tells it what the line's end does (no unit, no joiner). So a block's
 * numbers are its lines' (and its tail's), read once per line.
 */
function numbersOf(line: string, e: LineEntry): RawNumber[] {
  return (e.numbers ??= scanNumbers(plainDraft ? line : ascii(line)));
}
// Whether the draft being read has no full-width digit or point and no ·: asciiNumbers gives each of its lines
// (and blocks) as it is, and the per-line and per-block passes that look for them are skipped (set by readDraft)
let plainDraft = false;
/** Whether asciiNumbers(s) is s: no ０-９, ． or · in it. */
function isPlain(s: string): boolean {
  return !hasFullWidth(s) && s.indexOf('·') < 0;
}
/** The numbers of a block's text (its lines and the tail read after it): its lines', shifted, and the tail's. */
function blockNumbers(texts: readonly string[], starts: readonly number[], entries: readonly LineEntry[], i: number, j: number, tail: string): RawNumber[] {
  const bStart = starts[i];
  const inTail = tail ? scanNumbers(plainDraft ? tail : ascii(tail)) : NO_NUMBERS;
  // (a line alone, nothing in its tail: the line's own list, unchanged; extraction only reads it)
  if (j === i + 1 && inTail.length === 0) return numbersOf(texts[i], entries[i]);
  const out: RawNumber[] = [];
  for (let k = i; k < j; k++) for (const r of numbersOf(texts[k], entries[k])) out.push(shiftR(r, starts[k] - bStart));
  const tailAt = starts[j - 1] + texts[j - 1].length - bStart;
  for (const r of inTail) out.push(shiftR(r, tailAt));
  return out;
}
const NO_NUMBERS = Object.freeze([]) as unknown as RawNumber[];
const shiftR = (r: RawNumber, by: number): RawNumber => (by === 0 ? r : { ...r, start: r.start + by, end: r.end + by, numStart: r.numStart + by, numEnd: r.numEnd + by });
function headingOf(line: string, e: LineEntry): YearHeading | null {
  if (e.heading === undefined) {
    if (!mayBeHeading(line)) return (e.heading = null);
    const a = plainDraft ? line : ascii(line);
    e.heading = yearHeadings(a, findPeriods(a))[0] ?? null;
  }
  return e.heading;
}
function sectionsOf(line: string, e: LineEntry): SpanSection[] {
  // (a line longer than any heading or bare section title holds none)
  return (e.sections ??= line.length > SECTION_LINE_MAX ? NO_SECTIONS : spanSections(line));
}
/** Headings are 40 characters at most (context.ts headingLines), bare section titles 24 (claims.ts bareTitles). */
const SECTION_LINE_MAX = 40;
const NO_SECTIONS = Object.freeze([]) as unknown as SpanSection[];
function planOf(line: string, e: LineEntry): number {
  return (e.plan ??= planAt(line));
}

const shiftM = (m: SubjectMention, by: number): SubjectMention => ({ ...m, start: m.start + by, end: m.end + by });

// the subject mentions of the last draft's lines, shifted to their offsets: lines before the first
// changed one (the same mention lists at the same offsets) keep theirs
let allKept: { sig: string; lists: SubjectMention[][]; starts: number[]; ends: number[]; all: SubjectMention[] } | undefined;

/** The mentions of every line (`lists`, read with the lexicon `sig`) at the line's start, in text order. */
function allMentions(lists: SubjectMention[][], starts: number[], sig: string): SubjectMention[] {
  const kept = allKept?.sig === sig ? allKept : undefined;
  let i = 0;
  let n = 0;
  if (kept) {
    while (i < lists.length && i < kept.lists.length && kept.lists[i] === lists[i] && kept.starts[i] === starts[i]) n = kept.ends[i++];
  }
  const all = kept ? kept.all.slice(0, n) : [];
  const ends = kept ? kept.ends.slice(0, i) : [];
  for (; i < lists.length; i++) {
    for (const m of lists[i]) all.push(shiftM(m, starts[i]));
    ends.push(all.length);
  }
  allKept = { sig, lists, starts, ends, all };
  return all;
}

// The heading and section stacks as keys: JSON.stringify(stack.map(item)), each entry's JSON made once (the
// entries are a line's own objects, kept with it) and joined as the array's JSON joins them; one map of
// entries' JSON per item function (headingJson, sectionJson), so an entry's JSON is always its item's
const headingJson = new WeakMap<object, string>();
const sectionJson = new WeakMap<object, string>();
function stackKey<T extends object>(stack: readonly T[], item: (x: T) => unknown[], itemJson: WeakMap<object, string>): string {
  let key = '[';
  for (let k = 0; k < stack.length; k++) {
    let j = itemJson.get(stack[k]);
    if (j === undefined) itemJson.set(stack[k], (j = JSON.stringify(item(stack[k]))));
    key += k ? ',' + j : j;
  }
  return key + ']';
}
const headingItem = (x: YearHeading) => [x.rank, x.year ?? null];
const sectionItem = (x: SpanSection) => [x.rank, x.span, x.review, x.year ?? null];

/** A line opening with 其中 / 包括 reads its parts' total in the line before: they are one block. */
const JOINS_PREVIOUS = /^[\s，,]*(?:其中|包括)/;

/** The figures, claims and clause segments of a draft (its norm), as a reading of the whole would give. */
export function readDraft(norm: string): DraftReading {
  // (one pass over the draft instead of one over each line and again over each block)
  plainDraft = isPlain(norm);
  const title = firstLine(norm);
  const sTitle = toSimplified(title);
  // lines
  const texts: string[] = [];
  const starts: number[] = [];
  for (let at = 0; ;) {
    const nl = norm.indexOf('\n', at);
    const end = nl < 0 ? norm.length : nl;
    texts.push(norm.slice(at, end));
    starts.push(at);
    if (nl < 0) break;
    at = nl + 1;
  }
  const entries = texts.map(lineEntry);
  const lines = texts.map((text, i) => ({ text, suffixed: entries[i].suffixed }));
  const { withTitle: lexT, without: lexN0 } = subjectLexicons(lines, sTitle);
  const lexN = lexN0.sig === lexT.sig ? lexT : lexN0;
  const noTitle = (i: number) => mentionsOf(texts[i], entries[i], lexN);
  // the main subject (mentions read without the title, up to offset 5000)
  const early: SubjectMention[] = [];
  for (let i = 0; i < texts.length && starts[i] <= 5000; i++) for (const m of noTitle(i)) early.push(shiftM(m, starts[i]));
  const mainT = mainSubjectFrom(early, sTitle);
  const mainKey = sTitle === title ? mainT?.key : mainSubjectFrom(early, title)?.key;
  const doc = readDocumentLines(texts, title, mainKey);
  let plan = Infinity;
  if (doc.reviews !== undefined && doc.year !== undefined) {
    for (let i = 0; i < texts.length; i++) {
      const p = planOf(texts[i], entries[i]);
      if (p >= 0) {
        plan = starts[i] + p;
        break;
      }
    }
  }
  provideMentions(norm, () => texts.flatMap((_, i) => noTitle(i).map(m => shiftM(m, starts[i]))));
  // the body a 全市 speaks for, when it is not the main subject: the regions before it (wholeBody)
  let all: SubjectMention[] | undefined;
  const fits = (whole: SubjectMention) => !!mainT && (!whole.level || !mainT.level || mainT.level === whole.level || (whole.level === '市' && mainT.level === '州'));
  const lineAt = (pos: number) => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const sentenceStartOf = (pos: number) => {
    const i = lineAt(pos);
    return starts[i] + sentenceStart(texts[i], pos - starts[i]);
  };
  const wholeAt = (m: SubjectMention, offset: number) => {
    if (fits(m)) return mainT!.key;
    all ??= allMentions(texts.map((t, i) => mentionsOf(t, entries[i], lexT)), starts, lexT.sig);
    const g = all[lowerBound(all, m.start + offset)];
    return wholeBody(all, g, mainT, sentenceStartOf);
  };
  // blocks
  const figures: Figure[] = [];
  const claims: Claim[] = [];
  const segments: Segment[] = [];
  const headingStack: YearHeading[] = [];
  const sectionStack: SpanSection[] = [];
  const commonKey = `${sTitle}\u0002${title}\u0002${sigId(lexT.sig)}\u0002${JSON.stringify(mainT ?? null)}\u0002${JSON.stringify(doc)}`;
  let common = commonIds.get(commonKey);
  if (common === undefined) {
    if (commonIds.size > 1000) commonIds.clear();
    commonIds.set(commonKey, (common = nextId++));
  }
  // the stacks as keys, written again only when a heading changes them
  let headingsKey = '[]', sectionsKey = '[]';
  for (let i = 0; i < texts.length;) {
    let j = i + 1;
    while (j < texts.length && JOINS_PREVIOUS.test(texts[j])) j++;
    // an empty line alone holds no figure, heading or section (its tail's figures are the next block's):
    // nothing to read, key or keep (a draft with a blank line between paragraphs has hundreds)
    if (j === i + 1 && texts[i] === '') {
      i = j;
      continue;
    }
    // a block with no number holds no figure: nothing to key, read or keep (most lines of a report)
    let numbers = false;
    for (let k = i; k < j && !numbers; k++) numbers = numbersOf(texts[k], entries[k]).length > 0;
    if (numbers) {
      const bStart = starts[i];
      const bEnd = starts[j - 1] + texts[j - 1].length;
      const body = j === i + 1 ? texts[i] : norm.slice(bStart, bEnd);
      const tail = norm.slice(bEnd, bEnd + TAIL);
      // the context read from before the block
      // (made only for a block that says 全市 / 全县 …)
      let wholes: Map<number, string | undefined> | undefined;
      for (let k = i; k < j; k++) {
        for (const m of mentionsOf(texts[k], entries[k], lexT)) if (m.key === WHOLE) (wholes ??= new Map()).set(m.start + starts[k] - bStart, wholeAt(m, starts[k]));
      }
      const planHere = plan === Infinity || plan - bStart >= body.length ? Infinity : Math.max(0, plan - bStart);
      const key = `${common}${bStart === 0 ? 'F' : ''}\u0001${headingsKey}\u0001${sectionsKey}\u0001${wholes?.size ? JSON.stringify([...wholes]) : ''}\u0001${planHere}\u0001${tail}`;
      const contexts = j === i + 1 ? (entries[i].blocks ??= new Map()) : blockCache.get(body, () => new Map());
      let entry = contexts.get(key);
      if (!entry) {
        const headingsBefore = headingStack.map((h, k) => ({ ...h, start: k - headingStack.length, end: k - headingStack.length }));
        const sectionsBefore = sectionStack.map((h, k) => ({ ...h, start: k - sectionStack.length, end: k - sectionStack.length }));
        const subjects: SubjectMention[] = [];
        for (let k = i; k < j; k++) for (const m of mentionsOf(texts[k], entries[k], lexT)) subjects.push(k === i ? m : shiftM(m, starts[k] - bStart));
        const text = body + tail;
        const raws = blockNumbers(texts, starts, entries, i, j, tail);
        const figs = extractFiguresFrom(text, { title }, { subjects, main: mainT, headingsBefore, wholeOf: m => wholes?.get(m.start), first: bStart === 0, raws, plain: plainDraft })
          .filter(f => f.start < body.length);
        const cls = figs.length ? readClaims(text, figs, doc, { sectionsBefore, plan: planHere }) : [];
        const segs = cls.length ? segmentsOf(text, cls, '') : [];
        // read where it stands: the draft's figures and segments are the block's own, not copies
        if (bStart !== 0 || figures.length !== 0) place(figs, segs, bStart, figures.length);
        entry = { figures: figs, claims: cls, segments: segs, offset: bStart, base: figures.length };
        keep(contexts, key, entry);
      }
      const view = viewOf(entry, bStart, figures.length);
      figures.push(...view.figures);
      claims.push(...view.claims);
      segments.push(...view.segments);
    }
    // the headings of the block, for the blocks after it
    for (let k = i; k < j; k++) {
      const h = headingOf(texts[k], entries[k]);
      if (h) {
        while (headingStack.length && headingStack[headingStack.length - 1].rank >= h.rank) headingStack.pop();
        headingStack.push(h);
        headingsKey = stackKey(headingStack, headingItem, headingJson);
      }
      for (const s of sectionsOf(texts[k], entries[k])) {
        while (sectionStack.length && sectionStack[sectionStack.length - 1].rank >= s.rank) sectionStack.pop();
        sectionStack.push(s);
        sectionsKey = stackKey(sectionStack, sectionItem, sectionJson);
      }
    }
    i = j;
  }
  lineCache.done();
  blockCache.done();
  return { norm, figures, claims, segments, main: figures.length ? mainKey : undefined, doc, originOf };
}

/** The block's figures, claims and segments at `offset`, figure indices from `base` (kept while they stay). */
function viewOf(e: BlockEntry, offset: number, base: number): View {
  const views = (e.views ??= []);
  for (let k = views.length - 1; k >= 0; k--) {
    const v = views[k];
    if (v.offset !== offset || v.base !== base) continue;
    // most recently used last
    if (k !== views.length - 1) views.push(...views.splice(k, 1));
    return v;
  }
  const view = makeView(e, offset, base);
  views.push(view);
  if (views.length > VIEWS_PER_BLOCK) views.shift();
  return view;
}

/** Moves a figure's positions by `offset` and the figure it is part of by `by` (in place). */
function shiftFigure(g: Figure, offset: number, by: number): void {
  g.start += offset;
  g.end += offset;
  g.numStart += offset;
  g.numEnd += offset;
  g.sentenceStart += offset;
  g.clauseStart += offset;
  if (g.partOf !== undefined) g.partOf += by;
}

/** Moves a block's figures and segments, read at offset 0 with indices from 0, to `offset` and `base`. */
function place(figures: Figure[], segments: Segment[], offset: number, base: number): void {
  for (const g of figures) shiftFigure(g, offset, base);
  for (const s of segments) {
    s.start += offset;
    s.sentence += offset;
  }
}

function makeView(e: BlockEntry, at: number, base: number): View {
  const offset = at - e.offset;
  if (offset === 0 && base === e.base) return { offset: at, base, figures: e.figures, claims: e.claims, segments: e.segments };
  const by = base - e.base;
  const figures = e.figures.map(f => {
    const g = { ...f };
    shiftFigure(g, offset, by);
    return g;
  });
  const claimOf = new Map<Claim, Claim>();
  const claims = e.claims.map((c, k) => {
    const d = { ...c, figure: figures[k] };
    claimOf.set(c, d);
    return d;
  });
  const segments = e.segments.map(s => ({ ...s, start: s.start + offset, sentence: s.sentence + offset, claims: s.claims.map(c => claimOf.get(c)!) }));
  figures.forEach((f, k) => origins.set(f, e.figures[k]));
  segments.forEach((s, k) => origins.set(s, e.segments[k]));
  return { offset: at, base, figures, claims, segments };
}
