// The shapes every feature (figures, regions, phrases) shares with the corpus index and the service.
import type { Finding, LineCol, Localizer, Span, Token } from './types';

/** One article of the corpus after cleaning. A file may hold several. */
export interface CorpusDocument {
  /** Unique id: `${source}#${n}`. */
  id: string;
  /** The corpus source (file path as the index was given it). */
  source: string;
  title: string;
  /** 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY' when known. */
  date?: string;
  /**
   * Cleaned text, converted to simplified characters for matching. Same length as `original`
   * below, character for character.
   */
  text: string;
  /** Cleaned text in its original script (traditional stays traditional), for display. */
  display: string;
  /** Offset in the cleaned text -> offset in the decoded source file; see text/offsetMap.ts. */
  map: OffsetRuns;
}

/** Runs [cleanStart, originalStart, length]: cleaned[cleanStart + i] came from original[originalStart + i]. */
export type OffsetRuns = Array<[number, number, number]>;

/** A draft as the checks see it. */
export interface Draft {
  /** The text as the writer typed it. */
  text: string;
  /** Same text converted to simplified characters, same length (for matching only). */
  norm: string;
  /** The draft's own date if the writer gave one, else today's, 'YYYY-MM-DD'. */
  date?: string;
}

/** Points at a place in the corpus; resolved to file/line by `Citer`. */
export interface CorpusRef {
  docId: string;
  /** Offsets in the document's cleaned text. */
  start: number;
  end: number;
}

export interface Citation {
  source: string;
  title: string;
  date?: string;
  start: LineCol;
  end: LineCol;
}

/** Resolves a corpus reference to the source file position (for relatedInformation and hover links). */
export type Citer = (ref: CorpusRef) => Citation | undefined;

export interface HoverResult extends Span {
  /** Markdown, in the localizer's language. */
  markdown: string;
}

export interface CompletionResult {
  label: string;
  /** Text inserted; a snippet (`${1}` placeholders) when isSnippet. */
  insertText: string;
  isSnippet: boolean;
  /** The typed part the item replaces: [replaceStart, cursor). */
  replaceStart: number;
  detail?: string;
  documentation?: string;
  /** Lower sorts first. */
  sortText: string;
  /** Text the editor filters on (the phrase itself). */
  filterText?: string;
  source: 'corpus' | 'team';
}

/** What each feature receives when it checks or hovers a draft. */
export interface FeatureContext {
  t: Localizer;
  cite: Citer;
  docs: ReadonlyMap<string, CorpusDocument>;
  /**
   * True for a corpus document that is the draft itself (the draft's file is also a corpus file):
   * a draft never vouches for, nor conflicts with, itself. Corpus lookups skip such documents.
   */
  isSelf?(docId: string): boolean;
}

export interface DocumentInput {
  doc: CorpusDocument;
  tokens: Token[];
}

export type { Finding };
