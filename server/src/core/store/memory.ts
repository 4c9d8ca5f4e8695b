// The local index as an IndexReader: the analyses of one corpus kept once, in one thread (the
// language server's index worker), with keyed maps built by the same key functions the office
// index's writer stores (keys.ts). A check asks it for its draft's keys and gets the documents and
// mention rows a PostgreSQL reader would return (partialFromReader), so the checks and hovers of a
// draft read a small snapshot instead of a copy of the whole index in every thread.
import type { CorpusStats, FileAnalysis } from '../corpus/snapshot';
import type { Citation } from '../model';
import type { Gazetteer } from '../regions';
import { COMMON_POSTINGS, segmentsOf } from '../figures/restate';
import { contextOf, resolveCodes } from '../regions/corpus-index';
import { lineColAt, toOriginal } from '../text/offsetMap';
import type { CorpusDocument } from '../model';
import type { PhraseIndex } from '../phrases';
import type { IndexReader, StoredDocument, StoredMention } from './index';
import { claimKeys, corpusDocClaims, figureKeys } from './keys';
import { assemblePhrases, storedPhrases } from './phrases';

/**
 * What completion reads of an index without its analyses: the mined phrases and, of the documents
 * they cite, titles and the windows of text their examples are cut from (as the office index stores
 * them). Completion over it answers as over the whole index.
 */
export function completionPhrases(phrases: PhraseIndex, files: readonly FileAnalysis[]): { phrases: PhraseIndex; docs: Map<string, CorpusDocument> } {
  const docs = new Map<string, CorpusDocument>();
  for (const f of files) for (const d of f.docs) docs.set(d.id, d);
  const { meta, phrases: stored } = storedPhrases(phrases, docs);
  const rows = { keys: phrases.keys.map((key, i) => ({ key, no: phrases.keyPhrase[i] })), phrases: new Map(stored.map((p, no) => [no, p])) };
  const { index, docs: windows } = assemblePhrases(meta, rows);
  return { phrases: index, docs: windows };
}

/** The stats of a corpus as its whole snapshot counts them (assembleSnapshot). */
export function corpusStats(files: readonly FileAnalysis[]): CorpusStats {
  let documents = 0, characters = 0;
  let earliest: string | undefined, latest: string | undefined;
  const ids = new Set<string>();
  for (const f of files) {
    for (const doc of f.docs) {
      if (!ids.has(doc.id)) {
        ids.add(doc.id);
        documents++;
      }
      characters += doc.text.length;
      if (doc.date) {
        if (!earliest || doc.date < earliest) earliest = doc.date;
        if (!latest || doc.date > latest) latest = doc.date;
      }
    }
  }
  return { files: files.length, skippedFiles: files.filter(f => f.skipped).length, documents, characters, earliest, latest };
}

/** Appends `v` to the list under `k`. */
function push<V>(map: Map<string, V[]>, k: string, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

/**
 * An IndexReader over analyses held in memory. Every answer is computed from the analyses on
 * demand (citations included), so beside them it keeps only the key maps: document numbers per
 * figure or claim key, and per place name or region code the (document, count, first mention) rows.
 */
export class MemoryIndexReader implements IndexReader {
  /** Document number -> its file and place. */
  private readonly fileOf: number[] = [];
  private readonly ordOf: number[] = [];
  /** Figure and claim key -> document numbers, ascending, each once. */
  private readonly byKey = new Map<string, number[]>();
  /** 'n:'+name or 'c:'+code -> flat rows [document, n, start, end]. */
  private readonly byMention = new Map<string, number[]>();
  private readonly statsValue: CorpusStats;
  private readonly common: string[];

  /**
   * @param files the analyses (the reader keeps them: StoredDocument answers point into them)
   * @param tag distinguishes this reader's document ids from another generation's
   */
  constructor(readonly files: readonly FileAnalysis[], gaz: Gazetteer, readonly tag = '') {
    const grams = new Map<string, number>();
    files.forEach((file, fileNo) => {
      file.docs.forEach((doc, ord) => {
        const n = this.fileOf.length;
        this.fileOf.push(fileNo);
        this.ordOf.push(ord);
        const figures = file.figures[ord] ?? [];
        const keys = new Set<string>();
        for (const f of figures) for (const k of figureKeys(f)) keys.add(k);
        const claims = corpusDocClaims(doc, figures);
        for (const c of claims) for (const k of claimKeys(c)) keys.add(k);
        for (const k of keys) push(this.byKey, k, n);
        for (const seg of segmentsOf(doc.text, claims, doc.id)) for (const g of seg.grams) grams.set(g, (grams.get(g) ?? 0) + 1);
        // one row per name or code and document: how many mentions, and the first (by start, then end)
        const mentions = file.mentions[ord] ?? [];
        if (mentions.length === 0) return;
        const context = contextOf(mentions, gaz);
        const rows = new Map<string, [number, number, number]>();
        const add = (k: string, start: number, end: number) => {
          const r = rows.get(k);
          if (!r) rows.set(k, [1, start, end]);
          else {
            r[0]++;
            if (start < r[1] || (start === r[1] && end < r[2])) {
              r[1] = start;
              r[2] = end;
            }
          }
        };
        for (const m of mentions) {
          add(`n:${m.text}`, m.start, m.end);
          for (const c of resolveCodes(m.codes, context)) add(`c:${c}`, m.start, m.end);
        }
        for (const [k, [count, start, end]] of rows) {
          const list = this.byMention.get(k);
          if (list) list.push(n, count, start, end);
          else this.byMention.set(k, [n, count, start, end]);
        }
      });
    });
    this.common = [...grams].filter(([, n]) => n > COMMON_POSTINGS).map(([g]) => g).sort();
    this.statsValue = corpusStats(files);
  }

  /** Documents held. */
  get size(): number {
    return this.fileOf.length;
  }

  private stored(n: number): StoredDocument {
    const file = this.files[this.fileOf[n]];
    const ord = this.ordOf[n];
    return {
      id: `${this.tag}:${n}`, fileOrder: this.fileOf[n], docOrder: ord, lineStarts: file.lineStarts,
      doc: file.docs[ord], figures: file.figures[ord] ?? [],
    };
  }

  /** The ids of the documents documents() would return (a caller that holds some asks for the rest by id). */
  documentIds(figureKeys: readonly string[], claimKeys: readonly string[]): string[] {
    return this.numbers(figureKeys, claimKeys).map(n => `${this.tag}:${n}`);
  }

  /** Documents by the ids documentIds gave (unknown ids are left out). */
  documentsById(ids: readonly string[]): StoredDocument[] {
    const prefix = `${this.tag}:`;
    return ids.flatMap(id => {
      const n = id.startsWith(prefix) ? Number(id.slice(prefix.length)) : NaN;
      return Number.isInteger(n) && n >= 0 && n < this.fileOf.length ? [this.stored(n)] : [];
    });
  }

  private numbers(figureKeys: readonly string[], claimKeys: readonly string[]): number[] {
    const found = new Set<number>();
    for (const k of figureKeys) for (const n of this.byKey.get(k) ?? []) found.add(n);
    for (const k of claimKeys) for (const n of this.byKey.get(k) ?? []) found.add(n);
    return [...found].sort((a, b) => a - b);
  }

  async documents(figureKeys: readonly string[], claimKeys: readonly string[]): Promise<StoredDocument[]> {
    return this.numbers(figureKeys, claimKeys).map(n => this.stored(n));
  }

  /** mentions(), synchronously (the index worker answers lookups between files while it indexes). */
  mentionRows(names: readonly string[], codes: readonly string[]): StoredMention[] {
    const out: StoredMention[] = [];
    const keys = [...new Set([...names.map(n => `n:${n}`), ...codes.map(c => `c:${c}`)])];
    for (const k of keys) {
      const rows = this.byMention.get(k);
      if (!rows) continue;
      const which = k.startsWith('n:') ? { name: k.slice(2) } : { code: k.slice(2) };
      for (let i = 0; i < rows.length; i += 4) {
        const file = this.files[this.fileOf[rows[i]]];
        const doc = file.docs[this.ordOf[rows[i]]];
        const start = rows[i + 2], end = rows[i + 3];
        const cite: Citation = {
          source: doc.source, title: doc.title, ...(doc.date ? { date: doc.date } : {}),
          start: lineColAt(file.lineStarts, toOriginal(doc.map, start)),
          end: lineColAt(file.lineStarts, toOriginal(doc.map, Math.max(start, end - 1)) + 1),
        };
        out.push({
          ...which, n: rows[i + 1], start, end, cite,
          docId: doc.id, source: file.source, title: doc.title, ...(doc.date ? { date: doc.date } : {}),
        });
      }
    }
    return out;
  }

  async mentions(names: readonly string[], codes: readonly string[]): Promise<StoredMention[]> {
    return this.mentionRows(names, codes);
  }

  async stats(): Promise<CorpusStats> {
    return this.statsValue;
  }

  get statsNow(): CorpusStats {
    return this.statsValue;
  }

  async commonGrams(): Promise<string[]> {
    return this.common;
  }

  get commonNow(): string[] {
    return this.common;
  }
}
