// Character classes and key variants shared by mining, libraries and completion.
import type { MinedPhrase } from './types';

/** Han characters (BMP blocks the corpus uses) and the numeral zero 〇. */
export const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff〇]+$/;
export const HAN_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff〇]/;
export const ARABIC_NUMBER = /^[0-9０-９]+(?:[.．][0-9０-９]+)?$/;
export const CHINESE_NUMERAL_START = /^[一二两三四五六七八九十]/;
export const OPEN_QUOTE = '“';
export const CLOSE_QUOTE = '”';
/** Stands for a figure in a template's label and lookup key. */
export const SLOT = '…';

const QUOTES = /[“”"‘’「」『』]/g;

/** True for the characters a quoted formula or phrase may use as quotes. */
export function isQuote(ch: string): boolean {
  return ch.length === 1 && '“”"‘’「」『』'.includes(ch);
}

export function stripQuotes(s: string): string {
  return s.replace(QUOTES, '');
}

/** Balanced curly quotes, none left dangling at either end. */
export function quotesBalanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === OPEN_QUOTE) depth++;
    else if (ch === CLOSE_QUOTE) {
      if (--depth < 0) return false;
    }
  }
  return depth === 0;
}

/**
 * The strings a writer may type to reach a phrase: as published, without the opening quote
 * (people type the words first), and without any quotes.
 */
export function keyVariants(phrase: string): string[] {
  const out = new Set<string>([phrase]);
  if (phrase.startsWith(OPEN_QUOTE) || phrase.startsWith('"')) out.add(phrase.slice(1));
  const bare = stripQuotes(phrase);
  if (bare.length >= 2) out.add(bare);
  return [...out];
}

/** Snippet placeholders: ${1}, ${1:default}, $1. */
const PLACEHOLDER = /\$\{(\d+)(?::([^}]*))?\}|\$(\d+)/g;

export function hasPlaceholder(snippet: string): boolean {
  PLACEHOLDER.lastIndex = 0;
  return PLACEHOLDER.test(snippet);
}

/** The label of a snippet: placeholders shown as their default or as `…`. */
export function snippetLabel(snippet: string): string {
  return snippet.replace(PLACEHOLDER, (_m, _n, def: string | undefined) => (def ? def : SLOT));
}

/** A `${` that does not close, or a `$` followed by neither `{` nor a digit (unescaped). */
export function snippetError(snippet: string): number | undefined {
  for (let i = 0; i < snippet.length; i++) {
    const ch = snippet[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch !== '$') continue;
    const next = snippet[i + 1];
    if (next === '{') {
      const close = snippet.indexOf('}', i);
      if (close < 0 || !/^\d+(:[^}]*)?$/.test(snippet.slice(i + 2, close))) return i;
      i = close;
    } else if (!next || !/\d/.test(next)) return i;
  }
  return undefined;
}

/** Escapes literal text for a snippet. */
export function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, m => `\\${m}`);
}

/** Year of a 'YYYY[-MM[-DD]]' date. */
export function yearOf(date: string | undefined): number | undefined {
  const m = date ? /^(\d{4})/.exec(date) : null;
  return m ? Number(m[1]) : undefined;
}

/** The last path segment of a source (core code may not import `path`). */
export function baseName(source: string): string {
  return source.split(/[\\/]/).pop() ?? source;
}

/** Sets first/last year only when known (no undefined fields in the cached JSON). */
export function setYears(p: MinedPhrase, first: string | undefined, last: string | undefined): void {
  const f = yearOf(first);
  const l = yearOf(last);
  if (f !== undefined) p.firstYear = f;
  if (l !== undefined) p.lastYear = l;
}

