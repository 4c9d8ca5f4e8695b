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

/** Numbers per mention row in MemoryIndexReader.byMention. */
const ROW = 8;

/** Appends `v` to the list under `k`. */
function push<V>(map: Map<string, V[]>, k: string, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

/**
 * An IndexReader over analyses held in memory. Its key maps (document numbers per figure or claim
 * key; per place name or region code the (document, count, first mention, its citation) rows) are
 * built from each document's lookup record (keys.ts DocLookup): stored with a file read from the
 * cache pack, so a warm start inflates no analysis, or computed from the analysis. The common grams
 * come from the corpus's gram totals when given (a pack keeps them), else from each file's gram
 * counts summed. Documents are read from the analyses only when a lookup returns them; mention rows,
 * statistics and common grams need only the records and the files' summaries.
 */
export class MemoryIndexReader implements IndexReader {
  /** Document number -> its file and place. */
  private readonly fileOf: number[] = [];
  private readonly ordOf: number[] = [];
  /** Figure and claim key -> document numbers, ascending, each once. */
  private readonly byKey = new Map<string, number[]>();
  /** 'n:'+name or 'c:'+code -> flat rows [document, n, start, end, cited start line, character, end line, character]. */
  private readonly byMention = new Map<string, number[]>();
  private readonly statsValue: CorpusStats;
  /** Document number -> its source, where it is not its file's. */
  private readonly sourceOf = new Map<number, string>();
  private readonly common: string[];

  /**
   * @param files the analyses (the reader keeps them: StoredDocument answers point into them)
   * @param tag distinguishes this reader's document ids from another generation's
   * @param gramTotals the corpus's gram counts (the files' FILE_GRAMS summed), when known
   */
  constructor(
    readonly files: readonly FileAnalysis[], gazetteer: Gazetteer | (() => Gazetteer), readonly tag = '', gramTotals?: ReadonlyMap<string, number>,
  ) {
    const grams = gramTotals ? undefined : new Map<string, number>();
    files.forEach((file, fileNo) => {
      // a file without documents (skipped, empty) has no records: nothing to compute (nor a gazetteer to build for it)
      if (!docSummaries(file).length) return;
      // the records stored with a file read from the pack (its texts are not inflated), else computed
      const records = lookupsOf(file, gazetteer);
      if (grams) addGrams(grams, fileGramsOf(file, gazetteer, records));
      records.forEach((rec, ord) => {
        const n = this.fileOf.length;
        this.fileOf.push(fileNo);
        this.ordOf.push(ord);
        if (rec.s !== undefined) this.sourceOf.set(n, rec.s);
        for (const k of rec.k) push(this.byKey, k, n);
        for (const [k, count, start, end, sl, sc, el, ec] of rec.m) {
          const list = this.byMention.get(k);
          if (list) list.push(n, count, start, end, sl, sc, el, ec);
          else this.byMention.set(k, [n, count, start, end, sl, sc, el, ec]);
        }
      });
    });
    this.common = commonGramsOf(gramTotals ?? grams!);
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
      for (let i = 0; i < rows.length; i += ROW) {
        const n = rows[i];
        const file = this.files[this.fileOf[n]];
        // id, title and date from the summaries: a lazy analysis is not inflated for a mention row
        const doc = docSummaries(file)[this.ordOf[n]];
        const start = rows[i + 2], end = rows[i + 3];
        const cite: Citation = {
          source: this.sourceOf.get(n) ?? file.source, title: doc.title, ...(doc.date ? { date: doc.date } : {}),
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
    return this.common;
  }

  get commonNow(): string[] {
    return this.common;
  }
}
