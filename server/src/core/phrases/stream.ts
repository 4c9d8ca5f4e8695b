// Turns segmented corpus documents into one stream of word ids for n-gram mining. Words that
// cannot be part of a phrase (punctuation, Latin, line breaks) become boundaries; Arabic numbers
// become one shared id, so that phrases carrying figures are mined as templates.
// A sentence seen before (the same text, in any document) is left out: copies of a report, or
// drafts saved several times, count once. This keeps mining linear in the amount of distinct text
// (five copies of a corpus mine like one) and stops a pasted paragraph from making its own phrases.
import type { CorpusDocument, DocumentInput } from '../model';
import { ARABIC_NUMBER, CLOSE_QUOTE, HAN, OPEN_QUOTE, SLOT } from './text';

export const BOUNDARY = -1;

/**
 * A document to mine: its tokens, or (cheaper: no token objects) the lengths of its consecutive
 * tokens, which tile the text as the corpus cache stores them.
 */
export type MiningInput = DocumentInput | { doc: MiningDoc; tokenLengths: ArrayLike<number> };

/** What mining reads of a document (the indexer keeps only this of a file while the corpus is mined). */
export type MiningDoc = Pick<CorpusDocument, 'id' | 'text' | 'display' | 'date'>;

/** Walks the tokens of an input in order: fn(word, start, end, next word or undefined). */
function eachToken(input: MiningInput, fn: (word: string, start: number, end: number, next: () => string | undefined) => void): void {
  const text = input.doc.text;
  if ('tokens' in input) {
    const tokens = input.tokens;
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k];
      fn(t.word, t.start, t.end, () => tokens[k + 1]?.word);
    }
    return;
  }
  const lengths = input.tokenLengths;
  let pos = 0;
  for (let k = 0; k < lengths.length; k++) {
    const end = pos + lengths[k];
    const after = end;
    fn(text.slice(pos, end), pos, end, () => (k + 1 < lengths.length ? text.slice(after, after + lengths[k + 1]) : undefined));
    pos = end;
  }
}

export interface TokenStream {
  /** Word id per position, or BOUNDARY. */
  seq: Int32Array;
  /** Offsets of each position's token in its document's text. */
  start: Int32Array;
  end: Int32Array;
  /** Input index of each position's document. */
  doc: Int32Array;
  /** Surface of each word id (quotes normalised to “ ”, numbers to SLOT). */
  words: string[];
  numId: number;
  commaId: number;
  openId: number;
  closeId: number;
}

/** Sentences shorter than this may repeat legitimately (headings, 一、总体要求) and are kept. */
const MIN_DEDUPE_CHARS = 8;
const SENTENCE_END = /[。！？；!?;\n]/;

/** Two 32-bit FNV-1a hashes of a string as one number (53 bits): collisions are negligible here. */
function hash53(text: string, from: number, to: number): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ (to - from);
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

export function buildStream(inputs: readonly MiningInput[], options: { dedupe?: boolean } = {}): TokenStream {
  const dedupe = options.dedupe ?? true;
  const seen = new Set<number>();
  const ids = new Map<string, number>();
  const words: string[] = [];
  const idOf = (w: string): number => {
    let id = ids.get(w);
    if (id === undefined) {
      id = words.length;
      words.push(w);
      ids.set(w, id);
    }
    return id;
  };
  const numId = idOf(SLOT);
  const openId = idOf(OPEN_QUOTE);
  const closeId = idOf(CLOSE_QUOTE);
  const commaId = idOf('、');

  // Grown on demand: repeated sentences take no room, so the stream is as long as the distinct text.
  let cap = 1 << 16;
  let seq = new Int32Array(cap);
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  let doc = new Int32Array(cap);
  let n = 0;
  const grow = () => {
    cap *= 2;
    const more = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    seq = more(seq);
    start = more(start);
    end = more(end);
    doc = more(doc);
  };
  const push = (id: number, s: number, e: number, d: number) => {
    // Runs of boundaries collapse into one.
    if (id === BOUNDARY && n > 0 && seq[n - 1] === BOUNDARY) return;
    if (n === cap) grow();
    seq[n] = id;
    start[n] = s;
    end[n] = e;
    doc[n] = d;
    n++;
  };

  inputs.forEach((input, d) => {
    let quoteOpen = false;
    let pos = 0;
    const text = input.doc.text;
    // Where the current sentence starts, in the stream and in the text.
    let sentN = n;
    let sentStart = 0;
    const endSentence = (at: number) => {
      if (dedupe && at - sentStart >= MIN_DEDUPE_CHARS) {
        const h = hash53(text, sentStart, at);
        if (seen.has(h)) {
          // Drop the repeated sentence, leaving one boundary in its place.
          n = sentN;
          push(BOUNDARY, sentStart, at, d);
        } else seen.add(h);
      }
      sentN = n;
      sentStart = at;
    };
    eachToken(input, (w, tokStart, tokEnd, next) => {
      if (tokStart !== pos) {
        push(BOUNDARY, pos, tokStart, d);
        if (SENTENCE_END.test(text.slice(pos, tokStart))) endSentence(tokStart);
      }
      pos = tokEnd;
      if (SENTENCE_END.test(w)) {
        if (w.includes('\n')) quoteOpen = false;
        push(BOUNDARY, tokStart, tokEnd, d);
        endSentence(tokEnd);
        return;
      }
      // One figure is one slot: 6.1 may come as 6 / . / 1, and 1,200 as 1 / , / 200.
      const inFigure = n > 0 && seq[n - 1] === numId;
      if (inFigure && (ARABIC_NUMBER.test(w) || (/^[.．,]$/.test(w) && ARABIC_NUMBER.test(next() ?? '')))) {
        end[n - 1] = tokEnd;
        return;
      }
      let id = BOUNDARY;
      if (HAN.test(w)) id = idOf(w);
      else if (ARABIC_NUMBER.test(w)) id = numId;
      // Per cent signs stay as published (% or ％).
      else if (w === '%' || w === '％') id = idOf(w);
      // Enumerations are part of formulas: 大众创业、万众创新; 不忘初心、牢记使命.
      else if (w === '、') id = commaId;
      else if (w === '“' || w === '「') {
        id = openId;
        quoteOpen = true;
      } else if (w === '”' || w === '」') {
        id = closeId;
        quoteOpen = false;
      } else if (w === '"') {
        // Straight quotes alternate open / close within a paragraph.
        id = quoteOpen ? closeId : openId;
        quoteOpen = !quoteOpen;
      } else if (w.includes('\n')) quoteOpen = false;
      push(id, tokStart, tokEnd, d);
    });
    endSentence(pos);
    push(BOUNDARY, pos, pos, d);
  });
  return {
    seq: seq.subarray(0, n),
    start: start.subarray(0, n),
    end: end.subarray(0, n),
    doc: doc.subarray(0, n),
    words,
    numId,
    commaId,
    openId,
    closeId,
  };
}
