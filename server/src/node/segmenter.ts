// nodejieba behind the core's Segmenter interface. Kept out of the bundle (native module).
import { createRequire } from 'node:module';
import type { Segmenter, Token } from '../core/types';

interface Jieba {
  cut(text: string, hmm?: boolean): string[];
  insertWord?(word: string, tag?: string): boolean;
  load?(opts?: Record<string, unknown>): void;
}

let jieba: Jieba | undefined;
function loadJieba(): Jieba {
  if (!jieba) {
    const require = createRequire(__filename);
    jieba = require('nodejieba') as Jieba;
  }
  return jieba;
}

/** Cuts text into words with offsets; jieba returns words in order, so offsets follow by length. */
export function createJiebaSegmenter(): Segmenter {
  const j = loadJieba();
  const added = new Set<string>();
  return {
    cut(text: string): Token[] {
      const out: Token[] = [];
      let pos = 0;
      for (const word of j.cut(text, true)) {
        const at = text.startsWith(word, pos) ? pos : text.indexOf(word, pos);
        if (at < 0) continue;
        out.push({ word, start: at, end: at + word.length });
        pos = at + word.length;
      }
      return out;
    },
    addWords(words: string[]) {
      if (!j.insertWord) return;
      for (const w of words) {
        if (w.length < 2 || added.has(w)) continue;
        added.add(w);
        j.insertWord(w);
      }
    },
  };
}
