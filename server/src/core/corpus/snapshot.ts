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

let generation = 0;

export function assembleSnapshot(files: FileAnalysis[], gazetteer: Gazetteer, phrases: PhraseIndex): CorpusSnapshot {
  const docs = new Map<string, CorpusDocument>();
  const lineStartsBySource = new Map<string, number[]>();
  const figureInputs: Array<{ doc: CorpusDocument; figures: Figure[] }> = [];
  const regionInputs: Array<{ doc: CorpusDocument; mentions: RegionMention[] }> = [];
  let characters = 0;
  let earliest: string | undefined, latest: string | undefined;
  for (const f of files) {
    lineStartsBySource.set(f.source, f.lineStarts);
    f.docs.forEach((doc, i) => {
      docs.set(doc.id, doc);
      characters += doc.text.length;
      if (doc.date) {
        if (!earliest || doc.date < earliest) earliest = doc.date;
        if (!latest || doc.date > latest) latest = doc.date;
      }
      figureInputs.push({ doc, figures: f.figures[i] ?? [] });
      regionInputs.push({ doc, mentions: f.mentions[i] ?? [] });
    });
  }
  const cite = (ref: CorpusRef): Citation | undefined => {
    const doc = docs.get(ref.docId);
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
  return {
    generation: ++generation,
    files,
    docs,
    figures: buildFigureIndex(figureInputs),
    regions: buildRegionIndex(regionInputs, gazetteer),
    phrases,
    stats: {
      files: files.length,
      skippedFiles: files.filter(f => f.skipped).length,
      documents: docs.size,
      characters,
      earliest,
      latest,
    },
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

