// Plain data shared by every feature of the core. No LSP types here: offsets are JS string
// offsets (UTF-16 code units) into the text they refer to; the edges convert them to positions.

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A half-open span [start, end) of UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

export interface Edit extends Span {
  newText: string;
}

export interface Fix {
  title: string;
  edits: Edit[];
  /** The fix an editor may apply on "auto fix". */
  preferred?: boolean;
}

/** A 0-based line / UTF-16 character position in a source file of the corpus. */
export interface LineCol {
  line: number;
  character: number;
}

/** Evidence elsewhere: a corpus source file, or another place in the same draft. */
export interface Related {
  /** Corpus source id (the file path the index was given), or null for the draft itself. */
  source: string | null;
  /** For source === null: offsets in the draft. */
  span?: Span;
  /** For a corpus source: position range in the original (decoded) file. */
  start?: LineCol;
  end?: LineCol;
  message: string;
}

export interface Finding extends Span {
  /** Stable check id, e.g. 'script-mixed', 'figure-conflict-corpus'. */
  code: string;
  severity: Severity;
  message: string;
  related?: Related[];
  fixes?: Fix[];
}

/**
 * Translates an English message (VS Code l10n style: the English text is the key). Callable
 * directly, `ctx.t(message, ...args)`, or as `ctx.t.t(message, ...args)`.
 */
export interface Localizer {
  (message: string, ...args: Array<string | number>): string;
  readonly locale: string;
  t(message: string, ...args: Array<string | number>): string;
}

/** Segmentation behind an interface: nodejieba at the edge, a simple fallback in tests. */
export interface Token {
  word: string;
  start: number;
  end: number;
}
export interface Segmenter {
  cut(text: string): Token[];
  /** Words that must stay whole (gazetteer names, team phrases). */
  addWords?(words: string[]): void;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export type CancellationCheck = () => boolean;
