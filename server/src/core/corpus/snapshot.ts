// The corpus index: per-file analyses (cacheable JSON, keyed by content hash) assembled into an
// immutable snapshot that answers every request until the next one is swapped in whole.
import { buildFigureIndex, type Figure, type FigureIndex } from '../figures';
import type { Citation, CorpusDocument, CorpusRef } from '../model';
import type { PhraseIndex } from '../phrases';
import { buildRegionIndex, type Gazetteer, type RegionIndex, type RegionMention } from '../regions';
import type { Encoding } from '../text/decode';
import type { IngestNote } from '../text/ingest';
import { lineColAt, toOriginal } from '../text/offsetMap';

/** Bump when the shape or meaning of a FileAnalysis changes, so caches are rebuilt. */
export const ANALYSIS_VERSION = 5;

export type SkipReason =
  | 'binary' | 'undecodable' | 'empty' | 'too-large' | 'unreadable' | 'unsupported' | 'not-regular' | 'link-loop';

export interface FileAnalysis {
  version: number;
  source: string;
  /** Content hash (computed by the edge) the cache is keyed by. */
  hash: string;
  bytes: number;
  encoding?: Encoding;
  skipped?: SkipReason;
  /** Extra detail for a skipped file (an I/O error message). */
  detail?: string;
  notes: IngestNote[];
  lineStarts: number[];
  docs: CorpusDocument[];
  /** Per document: lengths of consecutive segmenter tokens (they tile the text). */
  tokenLengths: number[][];
  figures: Figure[][];
  mentions: RegionMention[][];
}

export interface CorpusStats {
  files: number;
  skippedFiles: number;
  documents: number;
  characters: number;
  earliest?: string;
  latest?: string;
}

export interface CorpusSnapshot {
  /** Increases with every swap; lets the edges tell snapshots apart. */
  generation: number;
  files: readonly FileAnalysis[];
  docs: ReadonlyMap<string, CorpusDocument>;
  figures: FigureIndex;
  regions: RegionIndex;
  phrases: PhraseIndex;
  stats: CorpusStats;
  cite(ref: CorpusRef): Citation | undefined;
}

/** What the corpus report and the statistics read of a document: no text. */
export interface DocSummary {
  id: string;
  title: string;
  date?: string;
  characters: number;
}

/**
 * An analysis read lazily from the disk cache carries its documents' summaries under this key
 * (not enumerable: not part of the analysis's value), so the statistics and the corpus report do
 * not make it read its record.
 */
export const DOC_SUMMARIES = Symbol.for('policy-draft.docSummaries');

/** Each document's id, title, date and length, without reading a lazy analysis's record. */
export function docSummaries(f: FileAnalysis): readonly DocSummary[] {
  const known = (f as unknown as Record<symbol, DocSummary[] | undefined>)[DOC_SUMMARIES];
  return known ?? f.docs.map(d => (d.date === undefined
    ? { id: d.id, title: d.title, characters: d.text.length }
    : { id: d.id, title: d.title, date: d.date, characters: d.text.length }));
}

export interface AssembleOptions {
  /**
   * Build the document map and the figure and region indexes when first read rather than now (the
   * CLI: `policy-lint corpus` reads none of them, and an analysis read from the cache is then
   * never inflated).
   */
  lazy?: boolean;
}

/** What a corpus holds, from its files' summaries (a lazy analysis is not inflated for its sizes). */
export function corpusStats(files: readonly FileAnalysis[]): CorpusStats {
  const stats: CorpusStats = { files: files.length, skippedFiles: 0, documents: 0, characters: 0, earliest: undefined, latest: undefined };
  const ids = new Set<string>();
  for (const f of files) {
    if (f.skipped) stats.skippedFiles++;
    for (const d of docSummaries(f)) {
      ids.add(d.id);
      stats.characters += d.characters;
      if (d.date) {
        if (!stats.earliest || d.date < stats.earliest) stats.earliest = d.date;
        if (!stats.latest || d.date > stats.latest) stats.latest = d.date;
      }
    }
  }
  stats.documents = ids.size;
  return stats;
}

let generation = 0;

export function assembleSnapshot(
  files: FileAnalysis[], gazetteer: Gazetteer | (() => Gazetteer), phrases: PhraseIndex | (() => PhraseIndex), options: AssembleOptions = {},
): CorpusSnapshot {
  const stats = corpusStats(files);

  let docs: Map<string, CorpusDocument> | undefined;
  const lineStartsBySource = new Map<string, number[]>();
  const docsOf = (): Map<string, CorpusDocument> => {
    if (!docs) {
      docs = new Map();
      for (const f of files) {
        lineStartsBySource.set(f.source, f.lineStarts);
        for (const doc of f.docs) docs.set(doc.id, doc);
      }
    }
    return docs;
  };
  let figures: FigureIndex | undefined;
  const figuresOf = (): FigureIndex => {
    if (!figures) {
      const inputs: Array<{ doc: CorpusDocument; figures: Figure[] }> = [];
      for (const f of files) f.docs.forEach((doc, i) => inputs.push({ doc, figures: f.figures[i] ?? [] }));
      figures = buildFigureIndex(inputs);
    }
    return figures;
  };
  let regions: RegionIndex | undefined;
  const regionsOf = (): RegionIndex => {
    if (!regions) {
      const inputs: Array<{ doc: CorpusDocument; mentions: RegionMention[] }> = [];
      for (const f of files) f.docs.forEach((doc, i) => inputs.push({ doc, mentions: f.mentions[i] ?? [] }));
      regions = buildRegionIndex(inputs, typeof gazetteer === 'function' ? gazetteer() : gazetteer);
    }
    return regions;
  };
  let phraseIndex = typeof phrases === 'function' ? undefined : phrases;
  const phrasesOf = (): PhraseIndex => (phraseIndex ??= (phrases as () => PhraseIndex)());

  const cite = (ref: CorpusRef): Citation | undefined => {
    const doc = docsOf().get(ref.docId);
    const starts = doc && lineStartsBySource.get(doc.source);
    if (!doc || !starts) return undefined;
    return {
      source: doc.source,
      title: doc.title,
      date: doc.date,
      start: lineColAt(starts, toOriginal(doc.map, ref.start)),
      end: lineColAt(starts, toOriginal(doc.map, Math.max(ref.start, ref.end - 1)) + 1),
    };
  };
  if (!options.lazy) {
    docsOf();
    figuresOf();
    regionsOf();
    phrasesOf();
  }
  return {
    generation: ++generation,
    files,
    get docs() {
      return docsOf();
    },
    get figures() {
      return figuresOf();
    },
    get regions() {
      return regionsOf();
    },
    get phrases() {
      return phrasesOf();
    },
    stats,
    cite,
  };
}

/** Rebuilds the token list of a document from the cached token lengths. */
export function tokensOf(doc: CorpusDocument, lengths: number[]): Array<{ word: string; start: number; end: number }> {
  const out = [];
  let pos = 0;
  for (const len of lengths) {
    out.push({ word: doc.text.slice(pos, pos + len), start: pos, end: pos + len });
    pos += len;
  }
  return out;
}

