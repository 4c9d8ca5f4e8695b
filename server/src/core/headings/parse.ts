// Finds numbered headings in a draft: 第一章/第一节/第一条 and the GB/T 9704 series
// 一、 → （一） → 1. → （1）, each at the start of a line, optionally after Markdown `#`s.
import { parseArabicNumber, parseChineseNumber } from './numbers';
import schemes from './schemes.json';

export type HeadingKind = 'chapter' | 'section' | 'article' | 'part' | 'subpart' | 'item' | 'subitem';

export interface HeadingScheme {
  kind: HeadingKind;
  /** Nesting order: lower ranks contain higher ones (章 > 节 > 条 > 一、 > （一） > 1. > （1）). */
  rank: number;
  /** GB/T 9704 level (1 = 一、 … 4 = （1）) or chapter 1 / section 2 / article 3. */
  level: number;
  numerals: 'chinese' | 'arabic';
  /** Whether the numbering restarts under a new parent (条 runs on through chapters). */
  restartsUnderParent: boolean;
  /** Whether the check asks for no level between parent and child to be missing. */
  gbSeries: boolean;
  /** How the standard writes a number of this kind: `{n}` is replaced by the numeral. */
  template: string;
}

export interface HeadingLine {
  scheme: HeadingScheme;
  number: number;
  /** The whole marker as written, e.g. `（一）`, `1.`, `第三条`. */
  marker: string;
  markerStart: number;
  markerEnd: number;
  /** The numeral inside the marker. */
  numeralStart: number;
  numeralEnd: number;
  /** Punctuation written after the marker when it is not the standard one (e.g. `、` after `（一）`). */
  badPunct?: { start: number; end: number; text: string; expected: string };
  lineStart: number;
  lineEnd: number;
  /** The heading's title: marker + text up to the first sentence end or the end of the line. */
  name: string;
  nameEnd: number;
}

export const SCHEMES: ReadonlyArray<HeadingScheme> = schemes as HeadingScheme[];
const byKind = new Map(SCHEMES.map((s) => [s.kind, s] as const));

const CN = '[〇零一二两三四五六七八九十百]+';
const AR = '[0-9０-９]+';
const PREFIX = /^[ \t\u3000]*(?:#{1,6}[ \t\u3000]+)?[ \t\u3000]*/;

interface Pattern {
  kind: HeadingKind;
  re: RegExp;
  /** Punctuation the standard writes after this marker ('' for none). */
  punct: string;
}

// Group 1: numeral; group 2: punctuation after the marker (checked against `punct`).
const PATTERNS: Pattern[] = [
  { kind: 'chapter', re: new RegExp(`^第(${CN}|${AR})章()`), punct: '' },
  { kind: 'section', re: new RegExp(`^第(${CN}|${AR})节()`), punct: '' },
  { kind: 'article', re: new RegExp(`^第(${CN}|${AR})条()`), punct: '' },
  { kind: 'subpart', re: new RegExp(`^[（(](${CN})[）)]([、，,.．]?)`), punct: '' },
  { kind: 'subitem', re: new RegExp(`^[（(](${AR})[）)]([、，,.．]?)`), punct: '' },
  { kind: 'part', re: new RegExp(`^(${CN})([、.．，,])`), punct: '、' },
  // `1.5万元` is a figure, not a heading: the dot must not be followed by a digit.
  { kind: 'item', re: new RegExp(`^(${AR})([.．](?![0-9０-９])|、)`), punct: '.' },
];

const SENTENCE_END = /[。！？；!?;]/;
const NAME_MAX = 40;

function parseNumeral(s: string): number | undefined {
  return parseChineseNumber(s) ?? parseArabicNumber(s);
}

/** Every numbered heading line of `text`, in order, outside fenced code blocks. */
export function findHeadings(text: string): HeadingLine[] {
  const out: HeadingLine[] = [];
  let inFence = false;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl > lineStart && text[nl - 1] === '\r' ? nl - 1 : nl;
    const line = text.slice(lineStart, lineEnd);
    if (/^[ \t]*(```|~~~)/.test(line)) inFence = !inFence;
    else if (!inFence) {
      const h = parseHeadingLine(line, lineStart, lineEnd);
      if (h) out.push(h);
    }
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  return out;
}

function parseHeadingLine(line: string, lineStart: number, lineEnd: number): HeadingLine | undefined {
  const prefix = PREFIX.exec(line)![0].length;
  const rest = line.slice(prefix);
  for (const p of PATTERNS) {
    const m = p.re.exec(rest);
    if (!m) continue;
    const number = parseNumeral(m[1]);
    if (number === undefined) continue;
    const scheme = byKind.get(p.kind)!;
    const markerStart = lineStart + prefix;
    const numeralStart = markerStart + m[0].indexOf(m[1], p.kind === 'chapter' || p.kind === 'section' || p.kind === 'article' ? 1 : 0);
    const numeralEnd = numeralStart + m[1].length;
    const written = m[2] ?? '';
    const punctStart = markerStart + m[0].length - written.length;
    const markerEnd = markerStart + m[0].length;
    let badPunct: HeadingLine['badPunct'];
    if (written !== p.punct && !(p.punct === '.' && written === '．')) {
      badPunct = { start: punctStart, end: markerEnd, text: written, expected: p.punct };
    }
    // Nothing but the marker and a numeral-looking figure (e.g. `一、二、三` lists) still counts;
    // a marker followed directly by a digit (`1.5`) was excluded by the pattern.
    const after = line.slice(prefix + m[0].length);
    const stop = after.search(SENTENCE_END);
    let title = (stop < 0 ? after : after.slice(0, stop)).trimEnd();
    let nameEnd = markerEnd + title.length;
    if (title.length > NAME_MAX) {
      title = title.slice(0, NAME_MAX) + '…';
      nameEnd = markerEnd + NAME_MAX;
    }
    return {
      scheme,
      number,
      marker: m[0],
      markerStart,
      markerEnd,
      numeralStart,
      numeralEnd,
      badPunct,
      lineStart,
      lineEnd,
      name: (m[0] + title).trim(),
      nameEnd: Math.min(nameEnd, lineEnd),
    };
  }
  return undefined;
}

/**
 * Lines that start like an Arabic heading number whose title begins with a figure, so that the
 * number reads as a decimal (`21.123制造业体系` is item 21). Not headings (a line may also start
 * with a figure such as `1.5万元`), but a gap in the item numbers right there is not a gap.
 */
export function swallowedItemNumbers(text: string): Array<{ offset: number; number: number }> {
  const out: Array<{ offset: number; number: number }> = [];
  const re = /^[ \t\u3000]*([0-9０-９]{1,3})[.．][0-9０-９]/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const n = parseArabicNumber(m[1]);
    if (n !== undefined) out.push({ offset: m.index, number: n });
  }
  return out;
}
