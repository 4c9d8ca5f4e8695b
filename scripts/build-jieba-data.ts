// Writes the data the WebAssembly segmenter needs to cut like nodejieba (server/data/jieba/):
// - hmm_model.utf8: cppjieba's HMM model, copied from nodejieba;
// - user-word-freqs.tsv: the dictionary frequency of each gazetteer word that is also a word of
//   cppjieba's dictionary. cppjieba inserts user words without changing its dictionary total;
//   jieba-rs adjusts its total when a user word replaces a dictionary word's frequency, which shifts
//   every word's weight a little (about 1 token in 5,000 then cuts differently). The table lets the
//   WASM segmenter put the total back.
// Run after the gazetteer changes: node --import tsx scripts/build-jieba-data.ts
// (test/package/segmenter-choice.test.ts fails while the files are out of date).
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gazetteerWords } from '../server/src/core/regions';
import { loadGazetteer } from '../server/src/node/gazetteer';

const root = resolve(__dirname, '..');
const dictDir = join(dirname(require.resolve('nodejieba/package.json')), 'submodules/cppjieba/dict');
const outDir = join(root, 'server/data/jieba');

/** The table's text for these dictionary lines and user words. */
export function userWordFreqs(dictText: string, words: readonly string[]): string {
  const freq = new Map<string, number>();
  for (const line of dictText.split('\n')) {
    const [w, f] = line.split(' ');
    if (w && f) freq.set(w, Number(f));
  }
  const rows = [...new Set(words)].filter(w => freq.has(w)).sort().map(w => `${w}\t${freq.get(w)}`);
  return `# word<TAB>frequency in cppjieba's jieba.dict.utf8, for gazetteer words (scripts/build-jieba-data.ts)\n${rows.join('\n')}\n`;
}

export function expectedUserWordFreqs(): string {
  return userWordFreqs(readFileSync(join(dictDir, 'jieba.dict.utf8'), 'utf8'), gazetteerWords(loadGazetteer()));
}

if (require.main === module) {
  copyFileSync(join(dictDir, 'hmm_model.utf8'), join(outDir, 'hmm_model.utf8'));
  const text = expectedUserWordFreqs();
  writeFileSync(join(outDir, 'user-word-freqs.tsv'), text);
  console.log(`${join(outDir, 'user-word-freqs.tsv')}: ${text.split('\n').length - 2} words`);
}
