// The local index as an IndexReader: the analyses of one corpus kept once, in one thread (the
// language server's index worker), with keyed maps built by the same key functions the office
// index's writer stores (keys.ts). A check asks it for its draft's keys and gets the documents and
// mention rows a PostgreSQL reader would return (partialFromReader), so the checks and hovers of a
// draft read a small snapshot instead of a copy of the whole index in every thread.
import { corpusStats, docSummaries, type CorpusStats, type FileAnalysis } from '../corpus/snapshot';
import type { Citation } from '../model';
import type { Gazetteer } from '../regions';
import type { CorpusDocument } from '../model';
import type { PhraseIndex } from '../phrases';
import type { IndexReader, StoredDocument, StoredMention } from './index';
import { addGrams, commonGramsOf, DOC_LOOKUPS, fileGramsOf, lookupsOf, type DocLookup } from './keys';
import { keysByPrefix, phraseMeta, storedPhrase, type PhraseMeta, type PhraseRows, type StoredPhrase } from './phrases';

/**
 * The documents of some analyses by id, as completion's stored phrases read them: from the
 * summaries, so a lazy analysis (read from the pack) is inflated only when a phrase's example is cut
 * from one of its documents; and each document's length without reading its text.
 */
function completionDocs(files: readonly FileAnalysis[]): { docs: Pick<ReadonlyMap<string, CorpusDocument>, 'get'>; lengthOf: (d: CorpusDocument) => number } {
  const where = new Map<string, [FileAnalysis, number]>();
  for (const f of files) docSummaries(f).forEach((d, ord) => where.set(d.id, [f, ord]));
  const lengths = new WeakMap<CorpusDocument, number>();
  const made = new Map<string, CorpusDocument>();
  const docs = {
    get(id: string): CorpusDocument | undefined {
      const known = made.get(id);
      if (known) return known;
      const at = where.get(id);
      if (!at) return undefined;
      const [f, ord] = at;
      const records = (f as unknown as Record<symbol, DocLookup[] | undefined>)[DOC_LOOKUPS];
      if (!records || typeof Object.getOwnPropertyDescriptor(f, 'docs')?.get !== 'function') return f.docs[ord];
      const s = docSummaries(f)[ord];
      const doc = { id: s.id, source: records[ord]?.s ?? f.source, title: s.title, ...(s.date !== undefined ? { date: s.date } : {}) } as CorpusDocument;
      Object.defineProperty(doc, 'text', { enumerable: true, get: () => f.docs[ord].text });
      Object.defineProperty(doc, 'display', { enumerable: true, get: () => f.docs[ord].display });
      lengths.set(doc, s.characters);
      made.set(id, doc);
      return doc;
    },
  };
  return { docs, lengthOf: d => lengths.get(d) ?? d.text.length };
}

/** Stored phrases kept by a PhraseRowsReader (cut again when let go). */
const STORED_PHRASES_KEPT = 20_000;

/**
 * The local index's phrases as a store answers them (the office reader's phraseMeta and phrases): a
 * completion asks for the keys starting with the typed prefixes and gets those rows and their stored
 * phrases, which assemblePhrases makes into the small index completion reads. Nothing is read before
 * the first question: the mined phrases when first asked (from the pack, inflated then), a phrase's
 * documents and example window when a question first returns it (a lazy analysis is inflated then).
 */
export class PhraseRowsReader {
  private index: PhraseIndex | undefined;
  private metaValue: PhraseMeta | undefined;
  private docsValue: ReturnType<typeof completionDocs> | undefined;
  private readonly stored = new Map<number, StoredPhrase>();

  constructor(private readonly phrasesOf: () => PhraseIndex, private readonly files: readonly FileAnalysis[]) {}

  /** Whether the mined phrases have been read. */
  get loaded(): boolean {
    return this.index !== undefined;
  }

  private phrases(): PhraseIndex {
    return (this.index ??= this.phrasesOf());
  }

  meta(): PhraseMeta {
    return (this.metaValue ??= phraseMeta(this.phrases()));
  }

  rows(prefixes: readonly string[]): PhraseRows {
    const index = this.phrases();
    const keys = keysByPrefix(index, prefixes);
    const phrases = new Map<number, StoredPhrase>();
    for (const { no } of keys) {
      if (phrases.has(no)) continue;
      let p = this.stored.get(no);
      if (!p) {
        this.docsValue ??= completionDocs(this.files);
        p = storedPhrase(index, index.phrases[no], this.docsValue.docs, this.docsValue.lengthOf);
        if (this.stored.size >= STORED_PHRASES_KEPT) this.stored.clear();
        this.stored.set(no, p);
      }
      phrases.set(no, p);
    }
    return { keys, phrases };
  }
}

/** Numbers per mention row in KeyedIndex.mentions. */
const ROW = 8;

/**
 * Lists of numbers under string keys, packed: key -> i, whose list is data[starts[i]] up to
 * data[starts[i + 1]] (one typed array for all, not an array per key).
 */
export interface PackedLists {
  at: Map<string, number>;
  starts: Int32Array;
  data: Int32Array;
}

/**
 * The local index's key maps over some analyses, built once from their documents' lookup records
 * (keys.ts DocLookup). A cache pack stores them (pack.ts encodeKeyed), so a warm start of an
 * unchanged corpus reads one record instead of every file's lookup records.
 */
export interface KeyedIndex {
  /** Document number -> its file (index in the analyses) and its place in that file. */
  fileOf: Int32Array;
  ordOf: Int32Array;
  /** Figure and claim key -> document numbers, ascending, each once. */
  keys: PackedLists;
  /** 'n:'+name or 'c:'+code -> flat rows [document, n, start, end, cited start line, character, end line, character]. */
  mentions: PackedLists;
  /** Document number -> its source, where it is not its file's. */
  sourceOf: Map<number, string>;
  /** The corpus's common grams (FigureIndex.commonGrams). */
  common: string[];
}

/** Appends `v` to the list under `k`. */
function push(map: Map<string, number[]>, k: string, v: number): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

/** Lists under keys, packed (PackedLists). */
function packLists(map: ReadonlyMap<string, readonly number[]>): PackedLists {
  const at = new Map<string, number>();
  const starts = new Int32Array(map.size + 1);
  let total = 0;
  for (const v of map.values()) total += v.length;
  const data = new Int32Array(total);
  let i = 0, o = 0;
  for (const [k, v] of map) {
    at.set(k, i);
    starts[i++] = o;
    data.set(v, o);
    o += v.length;
  }
  starts[i] = o;
  return { at, starts, data };
}

/**
 * The key maps of `files` from their documents' lookup records (stored with a file read from the
 * cache pack, so no analysis is inflated, or computed from the analysis); the common grams from the
 * corpus's gram totals when given (a pack keeps them), else from each file's gram counts summed.
 */
export function keyedIndex(files: readonly FileAnalysis[], gazetteer: Gazetteer | (() => Gazetteer), gramTotals?: ReadonlyMap<string, number>): KeyedIndex {
  const fileOf: number[] = [], ordOf: number[] = [];
  const byKey = new Map<string, number[]>(), byMention = new Map<string, number[]>(), sourceOf = new Map<number, string>();
  const grams = gramTotals ? undefined : new Map<string, number>();
  files.forEach((file, fileNo) => {
    // a file without documents (skipped, empty) has no records: nothing to compute (nor a gazetteer to build for it)
    if (!docSummaries(file).length) return;
    const records = lookupsOf(file, gazetteer);
    if (grams) addGrams(grams, fileGramsOf(file, gazetteer, records));
    records.forEach((rec, ord) => {
      const n = fileOf.length;
      fileOf.push(fileNo);
      ordOf.push(ord);
      if (rec.s !== undefined) sourceOf.set(n, rec.s);
      for (const k of rec.k) push(byKey, k, n);
      for (const [k, count, start, end, sl, sc, el, ec] of rec.m) {
        const list = byMention.get(k);
        if (list) list.push(n, count, start, end, sl, sc, el, ec);
        else byMention.set(k, [n, count, start, end, sl, sc, el, ec]);
      }
    });
  });
  return {
    fileOf: Int32Array.from(fileOf), ordOf: Int32Array.from(ordOf), keys: packLists(byKey), mentions: packLists(byMention),
    sourceOf, common: commonGramsOf(gramTotals ?? grams!),
  };
}

/** Whether `k` is a key index of `files`: each document number names a document of theirs, every document once. */
export function keyedIndexFits(k: KeyedIndex, files: readonly FileAnalysis[]): boolean {
  let n = 0;
  for (let fileNo = 0; fileNo < files.length; fileNo++) {
    const docs = docSummaries(files[fileNo]).length;
    for (let ord = 0; ord < docs; ord++, n++) if (k.fileOf[n] !== fileNo || k.ordOf[n] !== ord) return false;
  }
  const lists = (l: PackedLists) => l.starts.length === l.at.size + 1 && l.starts[l.at.size] === l.data.length;
  return n === k.fileOf.length && n === k.ordOf.length && lists(k.keys) && lists(k.mentions);
}

/**
 * An IndexReader over analyses held in memory, answering from their key maps (KeyedIndex: given,
 * as read from the cache pack, or built from the lookup records). Documents are read from the
 * analyses only when a lookup returns them; mention rows, statistics and common grams need only the
 * key maps and the files' summaries.
 */
export class MemoryIndexReader implements IndexReader {
  private readonly keyed: KeyedIndex;
  private readonly statsValue: CorpusStats;
  /** Whether the key maps were given (read from the pack), not built here. */
  readonly keyedGiven: boolean;

  /**
   * @param files the analyses (the reader keeps them: StoredDocument answers point into them)
   * @param tag distinguishes this reader's document ids from another generation's
   * @param known the key maps of these files (used when they fit them: keyedIndexFits), or the
   *   corpus's gram totals (the files' FILE_GRAMS summed)
   */
  constructor(
    readonly files: readonly FileAnalysis[], gazetteer: Gazetteer | (() => Gazetteer), readonly tag = '',
    known: { keyed?: KeyedIndex; gramTotals?: ReadonlyMap<string, number> } = {},
  ) {
    this.keyedGiven = !!known.keyed && keyedIndexFits(known.keyed, files);
    this.keyed = this.keyedGiven ? known.keyed! : keyedIndex(files, gazetteer, known.gramTotals);
    this.statsValue = corpusStats(files);
  }

  /** Documents held. */
  get size(): number {
    return this.keyed.fileOf.length;
  }

  private stored(n: number): StoredDocument {
    const fileNo = this.keyed.fileOf[n];
    const file = this.files[fileNo];
    const ord = this.keyed.ordOf[n];
    return {
      id: `${this.tag}:${n}`, fileOrder: fileNo, docOrder: ord, lineStarts: file.lineStarts,
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
      return Number.isInteger(n) && n >= 0 && n < this.size ? [this.stored(n)] : [];
    });
  }

  private numbers(figureKeys: readonly string[], claimKeys: readonly string[]): number[] {
    const found = new Set<number>();
    const { at, starts, data } = this.keyed.keys;
    for (const list of [figureKeys, claimKeys]) {
      for (const k of list) {
        const i = at.get(k);
        if (i !== undefined) for (let j = starts[i]; j < starts[i + 1]; j++) found.add(data[j]);
      }
    }
    return [...found].sort((a, b) => a - b);
  }

  async documents(figureKeys: readonly string[], claimKeys: readonly string[]): Promise<StoredDocument[]> {
    return this.numbers(figureKeys, claimKeys).map(n => this.stored(n));
  }

  /** mentions(), synchronously (the index worker answers lookups between files while it indexes). */
  mentionRows(names: readonly string[], codes: readonly string[]): StoredMention[] {
    const out: StoredMention[] = [];
    const keys = [...new Set([...names.map(n => `n:${n}`), ...codes.map(c => `c:${c}`)])];
    const { at, starts, data: rows } = this.keyed.mentions;
    const { fileOf, ordOf, sourceOf } = this.keyed;
    for (const k of keys) {
      const row = at.get(k);
      if (row === undefined) continue;
      const which = k.startsWith('n:') ? { name: k.slice(2) } : { code: k.slice(2) };
      for (let i = starts[row]; i < starts[row + 1]; i += ROW) {
        const n = rows[i];
        const file = this.files[fileOf[n]];
        // id, title and date from the summaries: a lazy analysis is not inflated for a mention row
        const doc = docSummaries(file)[ordOf[n]];
        const start = rows[i + 2], end = rows[i + 3];
        const cite: Citation = {
          source: sourceOf.get(n) ?? file.source, title: doc.title, ...(doc.date ? { date: doc.date } : {}),
          start: { line: rows[i + 4], character: rows[i + 5] },
          end: { line: rows[i + 6], character: rows[i + 7] },
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
    return this.keyed.common;
  }

  get commonNow(): string[] {
    return this.keyed.common;
  }
}
