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
const SENTENCE_END = { has: (text: string, i: number) => SENTENCE_PUNCT.has(text[i]) || isSpaceBreak(text, i) };
const CLAUSE_END = { has: (text: string, i: number) => CLAUSE_PUNCT.has(text[i]) || isSpaceBreak(text, i) };

export function sentenceStart(text: string, pos: number): number {
  for (let i = pos - 1, n = 0; i >= 0 && n < LIMIT; i--, n++) if (SENTENCE_END.has(text, i)) return i + 1;
  return Math.max(0, pos - LIMIT);
}
export function sentenceEnd(text: string, pos: number): number {
  for (let i = pos, n = 0; i < text.length && n < LIMIT; i++, n++) if (SENTENCE_END.has(text, i)) return i;
  return Math.min(text.length, pos + LIMIT);
}
export function clauseStart(text: string, pos: number): number {
  for (let i = pos - 1, n = 0; i >= 0 && n < 80; i--, n++) if (CLAUSE_END.has(text, i)) return i + 1;
  return Math.max(0, pos - 80);
}
export function clauseEnd(text: string, pos: number): number {
  for (let i = pos, n = 0; i < text.length && n < 80; i++, n++) if (CLAUSE_END.has(text, i)) return i;
  return Math.min(text.length, pos + 80);
}
export function paragraphStart(text: string, pos: number): number {
  const i = text.lastIndexOf('\n', pos - 1);
  return i < 0 ? 0 : i + 1;
}
export function paragraphEnd(text: string, pos: number): number {
  const i = text.indexOf('\n', pos);
  return i < 0 ? text.length : i;
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
  for (let i = pos - 1, n = 0; i >= 0 && n < LIMIT; i--, n++) if ('。！？!?\n'.includes(text[i])) return i + 1;
  return Math.max(0, pos - LIMIT);
}
