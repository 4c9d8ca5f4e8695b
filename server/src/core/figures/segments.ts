// Sentence, clause and paragraph boundaries around an offset. Figures only need the
// neighbourhood of a number, so these scan outwards instead of splitting the whole text.

const SENTENCE_PUNCT = new Set([...'。！？!?；;\n']);
const CLAUSE_PUNCT = new Set([...'。！？!?；;\n，,：:（）()“”"「」《》【】']);
const LIMIT = 400;
const DIGIT = /[0-9０-９]/;

/** A space between words ends a heading run-in (一、 工业运行回归常态 成都…), not 减少 1500亿元. */
function isSpaceBreak(text: string, i: number): boolean {
  const ch = text[i];
  if (ch !== ' ' && ch !== '\u3000') return false;
  if (DIGIT.test(text[i - 1] ?? '')) return false;
  return !DIGIT.test(text[i + 1] ?? '') || /^[0-9０-９]{4}年/.test(text.slice(i + 1, i + 6));
}

// The boundaries of a text, found once and then looked up: extraction asks for the sentence and
// clause around every figure. Kept for the last few texts (the draft, a corpus document, a title).
interface Bounds {
  text: string;
  sentence: Int32Array;
  clause: Int32Array;
  full: Int32Array;
  line: Int32Array;
}
/** Within this distance a line's start or end is scanned for directly. */
const NEAR = 512;
const recent: Bounds[] = [];
/** The longest text whose marks are gathered in the kept scratch arrays (a longer one gets arrays of its own). */
const SCRATCH_MAX = 0x8000;
const scratchSentence = new Int32Array(SCRATCH_MAX), scratchClause = new Int32Array(SCRATCH_MAX);
const scratchFull = new Int32Array(SCRATCH_MAX), scratchLine = new Int32Array(SCRATCH_MAX);
const FULL_END = new Set([...'。！？!?\n']);
const SENTENCE = 1, CLAUSE = 2, FULL = 4, SPACE = 8;
/** What each character (by code) may mark: the sets above, and spaces that may break a heading run-in. */
const MARK_KIND = new Uint8Array(0x10000);
for (const ch of SENTENCE_PUNCT) MARK_KIND[ch.charCodeAt(0)] |= SENTENCE;
for (const ch of CLAUSE_PUNCT) MARK_KIND[ch.charCodeAt(0)] |= CLAUSE;
for (const ch of FULL_END) MARK_KIND[ch.charCodeAt(0)] |= FULL;
MARK_KIND[0x20] |= SPACE;
MARK_KIND[0x3000] |= SPACE;

function boundsOf(text: string): Bounds {
  for (let i = 0; i < recent.length; i++) {
    const b = recent[i];
    if (b.text !== text) continue;
    // the same content in another string: keep this one, so the next calls compare it by reference
    b.text = text;
    if (i > 0) {
      recent.splice(i, 1);
      recent.unshift(b);
    }
    return b;
  }
  // (the marks gathered in scratch arrays, one per kind, kept across texts of up to SCRATCH_MAX characters and
  // copied out at their counts: no list grown and copied again per text)
  const n = text.length;
  let sentenceAt = scratchSentence, clauseAt = scratchClause, fullAt = scratchFull, lineAt = scratchLine;
  if (n > SCRATCH_MAX) {
    sentenceAt = new Int32Array(n);
    clauseAt = new Int32Array(n);
    fullAt = new Int32Array(n);
    lineAt = new Int32Array(n);
  }
  let ns = 0, nc = 0, nf = 0, nl = 0;
  // (by char code through a table: this runs over every new text the checks read)
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let kind = code < MARK_KIND.length ? MARK_KIND[code] : 0;
    if (kind === 0) continue;
    if (kind & SPACE) {
      if (!isSpaceBreak(text, i)) continue;
      kind = SENTENCE | CLAUSE;
    }
    if (kind & SENTENCE) sentenceAt[ns++] = i;
    if (kind & CLAUSE) clauseAt[nc++] = i;
    if (kind & FULL) fullAt[nf++] = i;
    if (code === 10) lineAt[nl++] = i;
  }
  const b = { text, sentence: sentenceAt.slice(0, ns), clause: clauseAt.slice(0, nc), full: fullAt.slice(0, nf), line: lineAt.slice(0, nl) };
  recent.unshift(b);
  if (recent.length > 3) recent.pop();
  return b;
}

/** The bounds of `text` when they are among the recent ones (none made). */
function knownBounds(text: string): Bounds | undefined {
  for (let i = 0; i < recent.length; i++) {
    const b = recent[i];
    if (b.text !== text) continue;
    // the same content in another string: keep this one, so the next calls compare it by reference
    b.text = text;
    return b;
  }
  return undefined;
}

/** Index of the first mark >= pos. */
function firstAtOrAfter(marks: Int32Array, pos: number): number {
  let lo = 0, hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid] < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Just after the last mark in [pos - limit, pos), else pos - limit (not before 0). */
function startBefore(marks: Int32Array, pos: number, limit: number): number {
  const k = firstAtOrAfter(marks, pos) - 1;
  if (k >= 0 && marks[k] >= pos - limit) return marks[k] + 1;
  return Math.max(0, pos - limit);
}
/** The first mark in [pos, pos + limit), else pos + limit (not past the end). */
function endAfter(marks: Int32Array, pos: number, limit: number, length: number): number {
  const k = firstAtOrAfter(marks, pos);
  if (k < marks.length && marks[k] < pos + limit) return marks[k];
  return Math.min(length, pos + limit);
}

export function sentenceStart(text: string, pos: number): number {
  return startBefore(boundsOf(text).sentence, pos, LIMIT);
}
export function sentenceEnd(text: string, pos: number): number {
  return endAfter(boundsOf(text).sentence, pos, LIMIT, text.length);
}
export function clauseStart(text: string, pos: number): number {
  return startBefore(boundsOf(text).clause, pos, 80);
}
export function clauseEnd(text: string, pos: number): number {
  return endAfter(boundsOf(text).clause, pos, 80, text.length);
}
// (a line's own start and end are looked up, not scanned for: a draft of one 1 MB line asks for
// them at each of its thousands of figures)
export function paragraphStart(text: string, pos: number): number {
  if (pos <= 0) return text.charCodeAt(0) === 10 ? 1 : 0;
  // (a text whose bounds are read already, as extraction and claims have: its line breaks looked up, not a
  // long paragraph scanned back at each of its figures)
  const known = knownBounds(text);
  if (known) {
    const k = firstAtOrAfter(known.line, pos) - 1;
    return k >= 0 ? known.line[k] + 1 : 0;
  }
  const stop = Math.max(0, pos - NEAR);
  for (let i = pos - 1; i >= stop; i--) if (text.charCodeAt(i) === 10) return i + 1;
  if (stop === 0) return 0;
  const marks = boundsOf(text).line;
  const k = firstAtOrAfter(marks, pos) - 1;
  return k >= 0 ? marks[k] + 1 : 0;
}
export function paragraphEnd(text: string, pos: number): number {
  const stop = Math.min(text.length, Math.max(pos, 0) + NEAR);
  for (let i = Math.max(pos, 0); i < stop; i++) if (text.charCodeAt(i) === 10) return i;
  if (stop === text.length) return text.length;
  const marks = boundsOf(text).line;
  const k = firstAtOrAfter(marks, pos);
  return k < marks.length ? marks[k] : text.length;
}

/** Whether the character of code `c` stands in text[from, to) (to past the end: up to the end). */
export function codeWithin(text: string, c: number, from: number, to: number): boolean {
  const end = Math.min(to, text.length);
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === c) return true;
  return false;
}

/** The first non-empty line, without Markdown heading marks: a draft's title. */
export function firstLine(text: string): string {
  for (const line of text.split('\n')) {
    const t = line.replace(/^\s*#+\s*/, '').trim();
    if (t) return t;
  }
  return '';
}

/** Start of the sentence up to 。！？ or a line break (； does not end it: 目标是：…；…；…). */
export function fullSentenceStart(text: string, pos: number): number {
  return startBefore(boundsOf(text).full, pos, LIMIT);
}
