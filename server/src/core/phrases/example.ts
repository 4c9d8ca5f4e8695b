// Example sentences: the sentence around an occurrence, trimmed to a readable length.
import type { CorpusDocument, CorpusRef } from '../model';

const SENTENCE_END = /[。！？；!?\n]/;
const MAX_SIDE = 40;

export function exampleSentence(doc: Pick<CorpusDocument, 'id' | 'text' | 'display'>, start: number, end: number): { text: string; ref: CorpusRef } {
  const text = doc.text;
  let s = start;
  while (s > 0 && start - s < MAX_SIDE && !SENTENCE_END.test(text[s - 1])) s--;
  let e = end;
  while (e < text.length && e - end < MAX_SIDE && !SENTENCE_END.test(text[e])) e++;
  if (e < text.length && /[。！？!?]/.test(text[e])) e++;
  // Show the document's own script (display has the same offsets as text).
  const shown = (doc.display ?? text).slice(s, e).trim();
  const prefix = s > 0 && !SENTENCE_END.test(text[s - 1]) ? '…' : '';
  const suffix = e < text.length && !SENTENCE_END.test(text[e - 1]) ? '…' : '';
  return { text: `${prefix}${shown}${suffix}`, ref: { docId: doc.id, start, end } };
}
