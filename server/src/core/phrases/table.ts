// The shipped phrase table (server/data/phrase-table.json, built by scripts/build-phrases.mjs):
// standard phrasing mined from public policy texts plus the curated list, each phrase with its
// count, the years it was used in and one example. Loaded as a built-in library that completion
// ranks after the team's libraries and the workspace's corpus.
import { teamKeys } from './teamKeys';
import { keyVariants, snippetLabel } from './text';
import type { PhraseEntry, PhraseLibrary, ShippedEvidence } from './types';

export const TABLE_VERSION = 1;

/** Row flags. */
export const CURATED = 1;
export const QUOTED = 2;
export const TEMPLATE = 4;

/**
 * One phrase: [phrase, count, documents, years ("98-103,110": offsets from 1900), closes (0–100), example,
 * source (index into `sources`, -1 none), flags, insert text or snippet, left words ("推进|加快")].
 * Trailing empty fields are left out.
 */
export type TableRow = [string, number, number, string, number, string?, number?, number?, string?, string?];

export interface PhraseTable {
  version: number;
  about: string;
  /** The newest year in the sources: recency is measured from it when a draft has no date. */
  latestYear?: number;
  /** Documents examples come from: "title (year)". */
  sources: string[];
  phrases: TableRow[];
}

/** Years are stored as offsets from 1900 (98 = 1998, 122 = 2022): shorter than four digits. */
export const YEAR_BASE = 1900;

/** "98-103,105" → [1998, …, 2003, 2005]. */
export function parseYears(s: string): number[] {
  const out: number[] = [];
  for (const part of s.split(',')) {
    const m = /^(\d{1,3})(?:-(\d{1,3}))?$/.exec(part.trim());
    if (!m) continue;
    const a = YEAR_BASE + Number(m[1]);
    const b = m[2] ? YEAR_BASE + Number(m[2]) : a;
    for (let y = a; y <= b && y - a < 200; y++) out.push(y);
  }
  return out;
}

/** [1998, 1999, 2000, 2005] → "98-100,105". */
export function formatYears(years: Iterable<number>): string {
  const ys = [...new Set(years)].filter(y => y >= YEAR_BASE && y < YEAR_BASE + 1000).map(y => y - YEAR_BASE).sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < ys.length; ) {
    let j = i;
    while (j + 1 < ys.length && ys[j + 1] === ys[j] + 1) j++;
    parts.push(j > i ? `${ys[i]}-${ys[j]}` : String(ys[i]));
    i = j + 1;
  }
  return parts.join(',');
}

/** The years a shipped phrase was used in, parsed once (tables are loaded whole; most rows are never scored). */
export function yearsOf(e: ShippedEvidence): number[] {
  return (e.years ??= parseYears(e.yearsText));
}

function isTable(x: unknown): x is PhraseTable {
  const t = x as PhraseTable;
  return !!t && typeof t === 'object' && t.version === TABLE_VERSION && Array.isArray(t.phrases) && Array.isArray(t.sources);
}

/**
 * The shipped table as a built-in library. A table of another version, or text that is not one,
 * gives an empty library (completion then has no built-in phrases; it does not fail).
 */
export function phraseTableLibrary(source: string, text: string, name: string): PhraseLibrary {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const entries: PhraseEntry[] = [];
  if (isTable(parsed)) {
    for (const row of parsed.phrases) {
      if (!Array.isArray(row) || typeof row[0] !== 'string' || !row[0]) continue;
      const [phrase, count, docCount, years, closes, example, src, flags = 0, insert, left] = row;
      const shipped: ShippedEvidence = {
        count: Number(count) || 0,
        docCount: Number(docCount) || 0,
        yearsText: String(years ?? ''),
        closes: (Number(closes) || 0) / 100,
        curated: (flags & CURATED) !== 0,
      };
      if (example) shipped.example = example;
      if (typeof src === 'number' && src >= 0 && parsed.sources[src]) shipped.exampleSource = parsed.sources[src];
      if (left) shipped.left = left.split('|');
      const entry: PhraseEntry = { phrase, shipped };
      if (insert && flags & TEMPLATE) entry.snippet = insert;
      else if (insert) entry.insert = insert;
      entries.push(entry);
    }
  }
  const library: PhraseLibrary = { source, name, builtin: true, entries, problems: [] };
  if (isTable(parsed) && parsed.latestYear) library.latestYear = parsed.latestYear;
  // Build the prefix keys now, not on the first keystroke (and keep them with the library).
  library.prefix = sortedKeys(entries) ?? (({ keys, keyPhrase }) => ({ keys, keyPhrase }))(teamKeys(library));
  return library;
}

/**
 * The prefix keys of rows already sorted by phrase (as the build writes them): the phrases in row
 * order merged with the few other variants (without quotes, a snippet's label), so loading sorts
 * hundreds of keys instead of tens of thousands. Undefined when the rows are not sorted.
 */
function sortedKeys(entries: readonly PhraseEntry[]): { keys: string[]; keyPhrase: number[] } | undefined {
  const extra: Array<[string, number]> = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (i > 0 && !(entries[i - 1].phrase < e.phrase)) return undefined;
    const variants = new Set(keyVariants(e.phrase));
    const insert = e.snippet ? snippetLabel(e.snippet) : e.insert;
    if (insert) for (const v of keyVariants(insert)) variants.add(v);
    variants.delete(e.phrase);
    for (const v of variants) if (v.length >= 2) extra.push([v, i]);
  }
  extra.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  const keys: string[] = [];
  const keyPhrase: number[] = [];
  let x = 0;
  for (let i = 0; i <= entries.length; i++) {
    const phrase = i < entries.length ? entries[i].phrase : undefined;
    while (x < extra.length && (phrase === undefined || extra[x][0] < phrase || (extra[x][0] === phrase && extra[x][1] < i))) {
      keys.push(extra[x][0]);
      keyPhrase.push(extra[x][1]);
      x++;
    }
    if (phrase !== undefined && phrase.length >= 2) {
      keys.push(phrase);
      keyPhrase.push(i);
    }
  }
  return { keys, keyPhrase };
}
