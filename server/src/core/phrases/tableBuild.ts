// Builds the shipped phrase table from a mined index of public policy texts and the curated list
// (scripts/build-phrases.mjs calls it). Pure and deterministic: the same inputs give the same bytes.
import type { CorpusDocument } from '../model';
import { CURATED, formatYears, QUOTED, TABLE_VERSION, TEMPLATE, type PhraseTable, type TableRow } from './table';
import { stripQuotes, yearOf } from './text';
import type { MinedPhrase, PhraseIndex } from './types';

export interface TableBuildOptions {
  /** Size budget of the serialized table in bytes (UTF-8). */
  maxBytes: number;
  /** Characters of context on each side of an example. */
  exampleSide: number;
  /** How much a use in a document counts when choosing what fits (national reports more than county ones). */
  docWeight?: (docId: string) => number;
  /** Phrases that are not standard phrasing for every writer (they name a city or county). */
  exclude?: (phrase: string) => boolean;
}

export const DEFAULT_TABLE_OPTIONS: TableBuildOptions = { maxBytes: 1_990_000, exampleSide: 8 };

const SENTENCE_END = /[。！？；!?;\n]/;

/** The clause around [start, end), at most `side` characters on each side. */
export function exampleAround(text: string, start: number, end: number, side: number): string {
  let s = start;
  while (s > 0 && start - s < side && !SENTENCE_END.test(text[s - 1])) s--;
  let e = end;
  while (e < text.length && e - end < side && !SENTENCE_END.test(text[e])) e++;
  // Do not cut a surrogate pair.
  if (/[\udc00-\udfff]/.test(text[s] ?? '')) s++;
  if (/[\ud800-\udbff]/.test(text[e - 1] ?? '')) e--;
  const body = text.slice(s, e).replace(/\s+/g, '');
  return `${s > 0 && !SENTENCE_END.test(text[s - 1]) ? '…' : ''}${body}${e < text.length && !SENTENCE_END.test(text[e]) ? '…' : ''}`;
}

/** How useful a mined phrase is to a writer, to fill the size budget with the best first. */
function worth(p: MinedPhrase, latest: number, weightedDocs: number): number {
  const age = p.lastYear === undefined ? 30 : Math.max(0, latest - p.lastYear);
  // Used across many documents and recently, usually ending a clause (a whole formula, not the
  // start of a longer one: 推进矿山, 确保全县 never end one).
  return 0.7 * Math.log1p(p.count) + 2 * Math.log1p(weightedDocs) + 3 * Math.exp(-age / 10) + 2.5 * p.closes
    + (p.closes < 0.15 && p.phrase.length <= 5 ? -2 : 0) + (p.kind === 'quoted' ? 1 : 0) - (p.kind === 'template' ? 1.5 : 0);
}

/**
 * Phrases nearly always preceded by the same word, which is mined with them: those that start
 * inside a word (不 + 愁三保障, 小 + 巨人企业) and tails of a longer formula (治本攻坚三年行动 is
 * 安全生产治本攻坚三年行动). The whole is kept instead; completion finds it from its start.
 */
function fragments(phrases: readonly MinedPhrase[]): Set<string> {
  const count = new Map(phrases.map(p => [p.phrase, p.count]));
  const out = new Set<string>();
  for (const p of phrases) {
    const w = p.left?.[0];
    if (!w) continue;
    const whole = count.get(w + p.phrase);
    if (whole !== undefined && whole >= (w.length === 1 ? 0.6 : 0.8) * p.count) out.add(p.phrase);
  }
  return out;
}

export function buildPhraseTable(
  index: PhraseIndex, docs: readonly CorpusDocument[], curated: readonly string[], options: Partial<TableBuildOptions> = {},
): { table: PhraseTable; candidates: number; cutoff: number | undefined } {
  const opts = { ...DEFAULT_TABLE_OPTIONS, ...options };
  const byId = new Map(docs.map(d => [d.id, d]));
  const latest = index.latestYear ?? 0;
  const sources: string[] = [];
  const sourceAt = new Map<string, number>();
  const sourceOf = (doc: CorpusDocument): number => {
    const year = yearOf(doc.date);
    const label = `${doc.title || doc.source}${year ? ` (${year})` : ''}`;
    let n = sourceAt.get(label);
    if (n === undefined) {
      n = sources.length;
      sources.push(label);
      sourceAt.set(label, n);
    }
    return n;
  };
  const yearsOfRanks = (ranks: number[]) =>
    formatYears(ranks.map(r => yearOf(index.docs[r]?.date)).filter((y): y is number => y !== undefined));

  // Curated phrases: counted in the same documents by plain search.
  const curatedSet = new Set(curated);
  const rows = new Map<string, { row: TableRow; worth: number }>();
  const rowOf = (p: MinedPhrase): TableRow => {
    const [rank, start, end] = p.at;
    const doc = byId.get(index.docs[rank]?.id ?? '');
    const example = doc ? exampleAround(doc.text, start, end, opts.exampleSide) : '';
    let flags = 0;
    if (p.kind === 'quoted') flags |= QUOTED;
    if (p.kind === 'template') flags |= TEMPLATE;
    if (curatedSet.has(p.phrase) || (p.insert && curatedSet.has(p.insert))) flags |= CURATED;
    return [
      p.phrase, p.count, p.docCount, yearsOfRanks(p.docs), Math.round(p.closes * 100),
      example, doc ? sourceOf(doc) : -1, flags, p.snippet ?? p.insert ?? '', (p.left ?? []).slice(0, 2).join('|'),
    ];
  };
  // Example sources are numbered in the order rows are made: by phrase, so the numbering is stable.
  const mined = [...index.phrases].sort((a, b) => (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0));
  const partial = fragments(mined);
  for (const p of mined) {
    if ((p.count < 2 || partial.has(p.phrase) || opts.exclude?.(p.phrase)) && !curatedSet.has(p.phrase)) continue;
    const weighted = opts.docWeight ? p.docs.reduce((n, r) => n + opts.docWeight!(index.docs[r]?.id ?? ''), 0) : p.docCount;
    const row = rowOf(p);
    // The curated list always ships.
    rows.set(p.phrase, { row, worth: (row[7] ?? 0) & CURATED ? Infinity : worth(p, latest, weighted) });
  }
  const minedBare = new Set(index.phrases.map(p => stripQuotes(p.insert ?? p.phrase)));
  for (const c of [...curatedSet].sort()) {
    if (rows.has(c) || minedBare.has(stripQuotes(c))) continue;
    rows.set(c, { row: curatedRow(c, docs, opts.exampleSide, sourceOf), worth: Infinity });
  }

  // Fill the budget with the most useful rows, then write them in phrase order.
  const ranked = [...rows.values()].sort((a, b) => b.worth - a.worth || (a.row[0] < b.row[0] ? -1 : 1));
  let bytes = 200;
  const kept: TableRow[] = [];
  for (const r of ranked) {
    const size = utf8Length(JSON.stringify(trimRow(r.row))) + 2;
    if (bytes + size > opts.maxBytes - 40 * sources.length) break;
    bytes += size;
    kept.push(r.row);
  }
  /** The worth of the last row that fits (for tuning). */
  const cutoff = ranked[kept.length - 1]?.worth;
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  // Renumber the sources the kept rows use, in row order.
  const used: string[] = [];
  const renumber = new Map<number, number>();
  for (const row of kept) {
    const s = row[6] ?? -1;
    if (s < 0) continue;
    let n = renumber.get(s);
    if (n === undefined) {
      n = used.length;
      used.push(sources[s]);
      renumber.set(s, n);
    }
    row[6] = n;
  }
  const table: PhraseTable = {
    version: TABLE_VERSION,
    about: 'Standard policy phrasing from public policy texts and the curated list; built by scripts/build-phrases.mjs. Rows: [phrase, count, documents, years (offsets from 1900: 98-103,110), closes %, example, source, flags (1 curated, 2 quoted, 4 template), insert or snippet, left words].',
    sources: used,
    phrases: kept.map(trimRow),
  };
  if (latest) table.latestYear = latest;
  return { table, candidates: ranked.length, cutoff };
}

function curatedRow(
  phrase: string, docs: readonly CorpusDocument[], side: number, sourceOf: (d: CorpusDocument) => number,
): TableRow {
  let count = 0;
  let docCount = 0;
  const years: number[] = [];
  let best: { doc: CorpusDocument; at: number } | undefined;
  for (const doc of docs) {
    let n = 0;
    let last = -1;
    for (let i = doc.text.indexOf(phrase); i >= 0; i = doc.text.indexOf(phrase, i + phrase.length)) {
      n++;
      last = i;
    }
    if (!n) continue;
    count += n;
    docCount++;
    const y = yearOf(doc.date);
    if (y !== undefined) years.push(y);
    if (!best || (doc.date ?? '') >= (best.doc.date ?? '')) best = { doc, at: last };
  }
  const example = best ? exampleAround(best.doc.text, best.at, best.at + phrase.length, side) : '';
  return [phrase, count, docCount, formatYears(years), 100, example, best ? sourceOf(best.doc) : -1, CURATED, '', ''];
}

/** Leaves out trailing fields at their defaults: no left words, no insert, flags 0, no source, no example. */
function trimRow(row: TableRow): TableRow {
  const r = [...row] as unknown[];
  const empty = [undefined, undefined, undefined, undefined, undefined, '', -1, 0, '', ''];
  while (r.length > 5 && r[r.length - 1] === empty[r.length - 1]) r.pop();
  return r as TableRow;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

/** The table as text: one row a line, so a rebuild's diff reads phrase by phrase. */
export function serializePhraseTable(table: PhraseTable): string {
  const { phrases, sources, ...head } = table;
  const lines = [
    '{',
    ...Object.entries(head).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)},`),
    `"sources": [\n${sources.map(s => JSON.stringify(s)).join(',\n')}\n],`,
    `"phrases": [\n${phrases.map(r => JSON.stringify(r)).join(',\n')}\n]`,
    '}',
  ];
  return `${lines.join('\n')}\n`;
}
