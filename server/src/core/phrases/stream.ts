// Turns segmented corpus documents into one stream of word ids for n-gram mining. Words that
// cannot be part of a phrase (punctuation, Latin, line breaks) become boundaries; Arabic numbers
// become one shared id, so that phrases carrying figures are mined as templates.
import type { DocumentInput } from '../model';
import { ARABIC_NUMBER, CLOSE_QUOTE, HAN, OPEN_QUOTE, SLOT } from './text';

export const BOUNDARY = -1;

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

export function buildStream(inputs: readonly DocumentInput[]): TokenStream {
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

  let total = 0;
  for (const input of inputs) total += input.tokens.length + 1;
  const seq = new Int32Array(total);
  const start = new Int32Array(total);
  const end = new Int32Array(total);
  const doc = new Int32Array(total);
  let n = 0;
  const push = (id: number, s: number, e: number, d: number) => {
    // Runs of boundaries collapse into one.
    if (id === BOUNDARY && n > 0 && seq[n - 1] === BOUNDARY) return;
    seq[n] = id;
    start[n] = s;
    end[n] = e;
    doc[n] = d;
    n++;
  };

  inputs.forEach((input, d) => {
    let quoteOpen = false;
    let pos = 0;
    const tokens = input.tokens;
    for (let k = 0; k < tokens.length; k++) {
      const tok = tokens[k];
      if (tok.start !== pos) push(BOUNDARY, pos, tok.start, d);
      pos = tok.end;
      const w = tok.word;
      // One figure is one slot: 6.1 may come as 6 / . / 1, and 1,200 as 1 / , / 200.
      const inFigure = n > 0 && seq[n - 1] === numId;
      if (inFigure && (ARABIC_NUMBER.test(w) || (/^[.．,]$/.test(w) && ARABIC_NUMBER.test(tokens[k + 1]?.word ?? '')))) {
        end[n - 1] = tok.end;
        continue;
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
      push(id, tok.start, tok.end, d);
    }
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
