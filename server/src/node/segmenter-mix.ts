// cppjieba's MixSegment on top of another engine's dictionary cut, so that a WebAssembly jieba
// (jieba-rs) cuts text the way nodejieba (cppjieba) does. Pure: no node or wasm imports, so a web
// worker can use it too.
//
// jieba-rs (like Python jieba) and cppjieba share the dictionary and the max-probability DAG cut, but
// differ after it:
// - cppjieba sends every run of single characters the DAG left (punctuation included, split only at
//   space, tab, newline, '，' and '。') to the HMM; jieba-rs skips the HMM for a run that is itself a
//   dictionary word (既要 stays 既/要) and never lets punctuation into it (、杨庄、).
// - cppjieba's HMM cuts ASCII by two rules (a letter then letters/digits; a digit then digits/dots),
//   so 11.4% is 11.4 / %; jieba-rs keeps 11.4% whole.
// So the WASM segmenter asks jieba-rs for the DAG cut only (hmm = false) and runs the steps below,
// a transcription of cppjieba's MixSegment::Cut and HMMSegment::Cut/Viterbi (MIT, Yanyi Wu), with
// the same HMM model file (server/data/jieba/hmm_model.utf8, a copy of cppjieba's).

/** cppjieba's states: B(egin), E(nd), M(iddle), S(ingle). */
const E = 1, S = 3; // B = 0, M = 2
const MIN_DOUBLE = -3.14e100;

export interface HmmModel {
  start: number[];
  trans: number[][];
  /** Per state: code point → log emission probability. */
  emit: Array<Map<number, number>>;
}

/** Parses cppjieba's hmm_model.utf8: start line, 4 transition lines, then emissions of B, E, M, S. */
export function parseHmmModel(text: string): HmmModel {
  const lines = text.split(/\r?\n/).map(l => l.trim()).filter(l => l && !l.startsWith('#'));
  if (lines.length < 9) throw new Error(`HMM model: expected 9 lines, found ${lines.length}`);
  const nums = (l: string) => l.split(/\s+/).map(Number);
  const emit = lines.slice(5, 9).map(line => {
    const m = new Map<number, number>();
    for (const item of line.split(',')) {
      const at = item.lastIndexOf(':');
      if (at <= 0) continue;
      m.set(item.slice(0, at).codePointAt(0)!, Number(item.slice(at + 1)));
    }
    return m;
  });
  return { start: nums(lines[0]), trans: lines.slice(1, 5).map(nums), emit };
}

/** cppjieba's PreFilter separators: they end a run and are tokens of their own. */
const SEPARATORS = new Set([' ', '\t', '\n', '\uFF0C', '\u3002']);
const ASCII = /^[\x00-\x7f]+$/;
const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * Turns a dictionary cut (jieba-rs with hmm = false) into cppjieba's MixSegment cut.
 * `isWord(w)` says whether an all-ASCII token is a dictionary or user word (AT&T, C++): those are
 * DAG words in cppjieba too; any other ASCII token is jieba-rs grouping single characters.
 */
export function mixSegment(dagCut: readonly string[], model: HmmModel, isWord: (w: string) => boolean): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length) hmmCut(run, model, out);
    run = [];
  };
  const single = (ch: string) => {
    if (SEPARATORS.has(ch)) {
      flush();
      out.push(ch);
    } else {
      run.push(ch);
    }
  };
  for (const word of dagCut) {
    if (!word) continue;
    const first = word.codePointAt(0)!;
    if (word.length === (first > 0xffff ? 2 : 1)) {
      single(word);
    } else if (ASCII.test(word) && !isWord(word)) {
      for (const ch of word) single(ch);
    } else {
      flush();
      out.push(word);
    }
  }
  flush();
  return out;
}

/** cppjieba HMMSegment::Cut over one run of single characters. */
function hmmCut(run: readonly string[], model: HmmModel, out: string[]): void {
  const cps = run.map(ch => ch.codePointAt(0)!);
  let left = 0;
  let right = 0;
  while (right < cps.length) {
    if (cps[right] < 0x80) {
      if (left !== right) viterbiCut(run, cps, left, right, model, out);
      left = right;
      let end = left;
      if (isLetter(cps[left])) {
        end++;
        while (end < cps.length && (isLetter(cps[end]) || isDigit(cps[end]))) end++;
      } else if (isDigit(cps[left])) {
        end++;
        while (end < cps.length && (isDigit(cps[end]) || cps[end] === 0x2e)) end++;
      } else {
        end++;
      }
      out.push(run.slice(left, end).join(''));
      left = right = end;
    } else {
      right++;
    }
  }
  if (left !== right) viterbiCut(run, cps, left, right, model, out);
}

/** cppjieba HMMSegment::Viterbi + InternalCut on run[begin, end). */
function viterbiCut(run: readonly string[], cps: readonly number[], begin: number, end: number, model: HmmModel, out: string[]): void {
  const X = end - begin;
  const weight = new Float64Array(X * 4);
  const path = new Int8Array(X * 4);
  const emitOf = (y: number, x: number) => model.emit[y].get(cps[begin + x]) ?? MIN_DOUBLE;
  for (let y = 0; y < 4; y++) {
    weight[y * X] = model.start[y] + emitOf(y, 0);
    path[y * X] = -1;
  }
  for (let x = 1; x < X; x++) {
    for (let y = 0; y < 4; y++) {
      const now = x + y * X;
      weight[now] = MIN_DOUBLE;
      path[now] = E;
      const emit = emitOf(y, x);
      for (let pre = 0; pre < 4; pre++) {
        const tmp = weight[x - 1 + pre * X] + model.trans[pre][y] + emit;
        if (tmp > weight[now]) {
          weight[now] = tmp;
          path[now] = pre;
        }
      }
    }
  }
  let stat = weight[X - 1 + E * X] >= weight[X - 1 + S * X] ? E : S;
  const status = new Int8Array(X);
  for (let x = X - 1; x >= 0; x--) {
    status[x] = stat;
    stat = path[x + stat * X];
  }
  let left = 0;
  for (let i = 0; i < X; i++) {
    if (status[i] === E || status[i] === S) {
      out.push(run.slice(begin + left, begin + i + 1).join(''));
      left = i + 1;
    }
  }
  // cppjieba ends on E or S, so nothing is left over; keep any tail all the same.
  if (left < X) out.push(run.slice(begin + left, end).join(''));
}

