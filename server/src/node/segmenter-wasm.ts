// jieba-wasm (jieba-rs compiled to WebAssembly) set up to cut like nodejieba: the same dictionary
// (jieba-rs ships the one cppjieba ships), nodejieba's four default user words, user words at
// cppjieba's default user-word frequency without moving the dictionary total (user-word-freqs.tsv),
// and cppjieba's HMM step (segmenter-mix.ts).
// Bundled by esbuild; the .wasm file sits beside the bundle (esbuild.mjs copies it to server/out).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mixSegment, parseHmmModel, type HmmModel } from './segmenter-mix';

interface JiebaWasm {
  cut(text: string, hmm?: boolean | null): string[];
  add_word(word: string, freq?: number | null, tag?: string | null): number;
}

/**
 * cppjieba gives a user word without a frequency the median weight of its dictionary
 * (UserWordWeightOption WordWeightMedian); in jieba.dict.utf8 that median frequency is 3.
 * test/package checks this against nodejieba's dictionary file.
 */
export const CPPJIEBA_USER_WORD_FREQ = 3;

/** nodejieba's default user dictionary (cppjieba/dict/user.dict.utf8): word, frequency. */
export const NODEJIEBA_USER_DICT: ReadonlyArray<readonly [string, number]> = [
  ['云计算', CPPJIEBA_USER_WORD_FREQ],
  ['韩玉鉴赏', CPPJIEBA_USER_WORD_FREQ],
  ['蓝翔', CPPJIEBA_USER_WORD_FREQ],
  ['区块链', 10],
];

/** All-ASCII words of cppjieba's dictionary (the only ASCII tokens its DAG makes). */
const ASCII_DICT_WORDS = ['AT&T', 'c#', 'C#', 'c++', 'C++'];

/** The folder with jieba data files: ../data/jieba from server/out, ../../data/jieba from server/src/node. */
export function jiebaDataDir(base: string = __dirname): string {
  for (const rel of ['../data/jieba', '../../data/jieba']) {
    const dir = join(base, rel);
    if (existsSync(join(dir, 'hmm_model.utf8'))) return dir;
  }
  throw new Error(`jieba data (hmm_model.utf8) not found near ${base}`);
}

/** Dictionary frequencies of the gazetteer's words (user-word-freqs.tsv, scripts/build-jieba-data.ts). */
function readUserWordFreqs(): Map<string, number> {
  const freqs = new Map<string, number>();
  let text = '';
  try {
    text = readFileSync(join(jiebaDataDir(), 'user-word-freqs.tsv'), 'utf8');
  } catch {
    /* without the table the cut differs from nodejieba's in about 1 token in 5,000 */
  }
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [word, freq] = line.split('\t');
    freqs.set(word, Number(freq));
  }
  return freqs;
}

export interface WordCutter {
  cut(text: string): string[];
  addWord(word: string): void;
}

/** Instantiates the WebAssembly module and loads the model (tens of milliseconds; call when needed). */
export function loadWasmJieba(): WordCutter {
  // A plain require so that esbuild bundles the glue; it instantiates the module when first required.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wasm = require('jieba-wasm') as JiebaWasm;
  const model: HmmModel = parseHmmModel(readFileSync(join(jiebaDataDir(), 'hmm_model.utf8'), 'utf8'));
  const asciiWords = new Set(ASCII_DICT_WORDS);
  const dictFreq = readUserWordFreqs();
  // cppjieba keeps its dictionary total when a user word replaces a word's frequency; jieba-rs
  // moves its total by the difference. `shift` is how far it moved; words of otherwise unused
  // private-use characters take up a shift downwards before the next cut.
  let shift = 0;
  let fillers = 0;
  const addWord = (word: string, freq = CPPJIEBA_USER_WORD_FREQ) => {
    wasm.add_word(word, freq);
    shift += freq - (dictFreq.get(word) ?? 0);
    if (/^[\x00-\x7f]+$/.test(word)) asciiWords.add(word);
  };
  const settle = () => {
    if (shift >= 0) return;
    wasm.add_word(String.fromCodePoint(0xf0000 + fillers++), -shift);
    shift = 0;
  };
  for (const [word, freq] of NODEJIEBA_USER_DICT) addWord(word, freq);
  return {
    cut: text => {
      settle();
      return mixSegment(wasm.cut(text, false), model, w => asciiWords.has(w));
    },
    addWord: word => addWord(word),
  };
}
