// The one factory the edges use. Everything here is pure: bytes and strings in, plain data out.
import { mixedScriptFindings } from './checks/scriptMixed';
import { applySuppressions } from './checks/suppress';
import { ANALYSIS_VERSION, assembleSnapshot, type CorpusSnapshot, type FileAnalysis, type SkipReason } from './corpus/snapshot';
import { checkFigures, extractFigures, hoverFigure } from './figures';
import { checkHeadings, documentSymbols, type HeadingOptions, type HeadingSymbol } from './headings';
import { checkStandards, STANDARDS_DEFAULTS } from './standards';
import { createLocalizer } from './l10n';
import type { CompletionResult, Draft, FeatureContext, HoverResult } from './model';
import {
  addPhraseToLibrary, checkPreferredPhrases, completePhrases, minePhrases, parsePhraseLibrary,
  type PhraseIndex, type PhraseLibrary,
} from './phrases';
import { checkRegions, extractRegionMentions, gazetteerWords, hoverRegion, type Gazetteer } from './regions';
import { decodeBytes } from './text/decode';
import { LineCache } from './text/lineCache';
import { ingestText } from './text/ingest';
import { mixedScriptRuns, type ScriptReport, simplifiedMarks, toSimplified, toTraditional, traditionalMarks } from './text/script';
import type { CancellationCheck, Finding, Localizer, Logger, Segmenter, Severity, Token } from './types';

import { CHECKS, type CheckSeverity } from './checkCodes';

export { CHECKS, type CheckSeverity };

/**
 * What a long-lived process checks once, off the request path, so that a writer's first check finds
 * the tables it reads already built: a line with a place name, a misspelt one and figures (the
 * gazetteer, its near-miss index, the converter to simplified), then one with traditional characters
 * (the converters to the traditional standards, which only such a line in a draft needs).
 */
export const WARM_UP_TEXTS = {
  first: '深圳市宝按区预算：全年增长5%，其中一产占3成，二产220亿元。',
  traditional: '預算：全年增長5%',
} as const;

export interface CheckOptions {
  /** Severity per check code; 'off' disables it. Missing codes use CHECKS. */
  severities?: Readonly<Record<string, CheckSeverity>>;
  /** Team region names (.policy-draft/regions.txt and configured files). */
  teamRegions?: ReadonlySet<string>;
  /** Team phrase libraries. */
  libraries?: readonly PhraseLibrary[];
  /** The draft's date, 'YYYY-MM-DD', if known. */
  date?: string;
  /** The draft's own corpus source (absolute path), if it is a file: the corpus copy is skipped. */
  source?: string;
  isCancelled?: CancellationCheck;
  /** What GB/T 9704 leaves to the writer (1、 or 1., every level or not). */
  headings?: HeadingOptions;
}

export interface ServiceOptions {
  locale?: string;
  /** The segmenter, or a factory called the first time a corpus file is analysed (nothing else segments). */
  segmenter: Segmenter | (() => Segmenter);
  /** The gazetteer, or a factory called the first time a region is looked up. */
  gazetteer: Gazetteer | (() => Gazetteer);
  logger?: Logger;
}

export interface PolicyService {
  readonly t: Localizer;
  readonly gazetteer: Gazetteer;
  /**
   * Decodes, cleans, segments and extracts one corpus file (the expensive, cacheable step). With
   * `extract: false` figures and mentions are left empty, for extractDoc to fill in elsewhere (an
   * extraction worker) while this thread segments.
   */
  analyzeFile(source: string, bytes: Uint8Array, hash: string, options?: { extract?: boolean }): FileAnalysis;
  /** The lengths of one cleaned document's tokens, which tile its text (the part of analyzeFile that needs the segmenter). */
  segmentDoc(text: string): number[];
  /** The figures and region mentions of one analysed document (the part of analyzeFile that needs no segmenter). */
  extractDoc(doc: { text: string; date?: string; title: string }): { figures: FileAnalysis['figures'][number]; mentions: FileAnalysis['mentions'][number] };
  /** A file the edge could not or would not read. */
  skippedFile(source: string, reason: SkipReason, hash: string, bytes: number, detail?: string): FileAnalysis;
  minePhrases(files: readonly FileAnalysis[]): PhraseIndex;
  assemble(files: FileAnalysis[], phrases: PhraseIndex): CorpusSnapshot;
  check(snapshot: CorpusSnapshot, text: string, options?: CheckOptions): Finding[];
  hover(snapshot: CorpusSnapshot, text: string, offset: number, source?: string): HoverResult | null;
  complete(snapshot: CorpusSnapshot, text: string, offset: number, libraries: readonly PhraseLibrary[]): CompletionResult[];
  symbols(text: string): HeadingSymbol[];
  parseLibrary(source: string, text: string): PhraseLibrary;
  addToLibrary(source: string, text: string, phrase: string): string;
}

/** What a draft's line gives, cached by its content: the simplified form, and for script-mixed the traditional one. */
interface LineForms {
  norm: string;
  traditional?: string;
  /** script-mixed's first-pass marks (text/script.ts traditionalMarks, simplifiedMarks). */
  tradMarks?: number[];
  simpMarks?: number[];
}

/** Lines kept across checks, bounded by their characters (least recently used go first). */
const MAX_CACHED_LINE_CHARS = 4_000_000;

/**
 * A draft's simplified form (and, for script-mixed, its traditional form and the characters that
 * differ from them), converted line by line and cached by line content, so an edit re-converts only
 * the lines it touched. The conversion never crosses a line break (no phrase in the conversion
 * tables holds one), so the result equals converting the whole text.
 */
function createLineFormsCache(maxChars = MAX_CACHED_LINE_CHARS) {
  const cache = new LineCache<LineForms>(maxChars);
  const simplify = (line: string): LineForms => {
    const norm = toSimplified(line);
    return { norm: norm === line ? line : norm };
  };
  let last: { text: string; norm: string; lines: Array<{ offset: number; line: string; forms: LineForms }> } | undefined;
  const read = (text: string) => {
    if (last?.text === text) return last;
    const lines: Array<{ offset: number; line: string; forms: LineForms }> = [];
    const norms: string[] = [];
    let unchanged = true;
    for (let offset = 0; ;) {
      const nl = text.indexOf('\n', offset);
      const end = nl < 0 ? text.length : nl;
      const line = text.slice(offset, end);
      const forms = cache.get(line, simplify);
      lines.push({ offset, line, forms });
      norms.push(forms.norm);
      if (unchanged && forms.norm !== line) unchanged = false;
      if (nl < 0) break;
      offset = nl + 1;
    }
    cache.done();
    return (last = { text, norm: unchanged ? text : norms.join('\n'), lines });
  };
  return {
    /** The simplified form of the text. */
    norm: (text: string): string => read(text).norm,
    /** script-mixed's report, from the lines' cached forms (findMixedScriptInLines). */
    script(text: string): ScriptReport {
      const r = read(text);
      // No character changes when simplified: nothing traditional-looking, so the report has no run
      // whatever the traditional forms say (a simplified draft is never reported as mixed), and
      // the converters to traditional (their dictionaries are the costliest) are not loaded.
      if (r.norm === text) return { dominant: 'none', runs: [] };
      // The traditional-looking characters need only the simplified forms; with none, there is no
      // run either (as above).
      let tradCount = 0;
      for (const { line, forms } of r.lines) tradCount += (forms.tradMarks ??= traditionalMarks(line, forms.norm)).length;
      if (tradCount === 0) return { dominant: 'none', runs: [] };
      // The draft is simplified when it holds at least as many simplified-looking characters: lines
      // are converted to traditional only until that is decided (the count only grows), so a
      // simplified draft with a few traditional characters converts a few lines, not all.
      let simpCount = 0;
      for (const { line, forms } of r.lines) {
        if (simpCount >= tradCount) break;
        forms.traditional ??= toTraditional(line);
        simpCount += (forms.simpMarks ??= simplifiedMarks(line, forms.norm, forms.traditional)).length;
      }
      const dominant = simpCount >= tradCount ? 'simplified' : 'traditional';
      // (traditional: the loop ran to the end, every line has its simplified marks and traditional form)
      const lines = r.lines.map(({ offset, forms }) => ({ offset, marks: dominant === 'simplified' ? forms.tradMarks! : forms.simpMarks! }));
      return mixedScriptRuns(text, r.norm, () => r.lines.map(l => l.forms.traditional).join('\n'), dominant, lines);
    },
  };
}

/** Drafts up to this length are hovered whole; longer ones over the lines around the cursor. */
const HOVER_WHOLE_DRAFT = 200_000;
const HOVER_CONTEXT = 4_000;
const COMPLETION_CONTEXT = 2_000;

const lineStart = (text: string, offset: number) => (offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1);
const lineEnd = (text: string, offset: number) => {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
};

/** Tokens that tile the text exactly (gaps the segmenter skipped become tokens of their own). */
function tileTokens(text: string, tokens: Token[]): number[] {
  const lengths: number[] = [];
  let pos = 0;
  for (const tok of tokens) {
    if (tok.start < pos) continue;
    if (tok.start > pos) lengths.push(tok.start - pos);
    lengths.push(tok.end - tok.start);
    pos = tok.end;
  }
  if (pos < text.length) lengths.push(text.length - pos);
  return lengths;
}

export function createPolicyService(options: ServiceOptions): PolicyService {
  const t = createLocalizer(options.locale);
  // Nothing heavy at construction: the gazetteer is built on first use, and the segmenter (with its
  // dictionaries and the gazetteer's names) only when a corpus file is analysed, so a process that
  // never segments (the server's request thread, a CLI run on a cached corpus) never loads it.
  let gazetteerValue: Gazetteer | undefined;
  const gazetteerOf = (): Gazetteer =>
    (gazetteerValue ??= typeof options.gazetteer === 'function' ? options.gazetteer() : options.gazetteer);
  let segmenterValue: Segmenter | undefined;
  const segmenterOf = (): Segmenter => {
    if (!segmenterValue) {
      const s = typeof options.segmenter === 'function' ? options.segmenter() : options.segmenter;
      s.addWords?.(gazetteerWords(gazetteerOf()));
      segmenterValue = s;
    }
    return segmenterValue;
  };

  const forms = createLineFormsCache();
  const draftOf = (text: string, date?: string): Draft => ({ text, norm: forms.norm(text), date });
  const windowDraft = (text: string): Draft => ({ text, norm: toSimplified(text) });
  const contextOf = (snapshot: CorpusSnapshot, self?: string): FeatureContext => ({
    t,
    cite: ref => snapshot.cite(ref),
    docs: snapshot.docs,
    isSelf: self ? docId => snapshot.docs.get(docId)?.source === self : () => false,
  });

  const service: PolicyService = {
    t,
    get gazetteer() {
      return gazetteerOf();
    },

    analyzeFile(source, bytes, hash, options) {
      const decoded = decodeBytes(bytes);
      if (!decoded.ok) return service.skippedFile(source, decoded.reason, hash, bytes.length);
      const ingested = ingestText(source, decoded.text);
      const tokenLengths: number[][] = [];
      const figures: FileAnalysis['figures'] = [];
      const mentions: FileAnalysis['mentions'] = [];
      for (const doc of ingested.docs) {
        tokenLengths.push(service.segmentDoc(doc.text));
        const x = options?.extract === false ? { figures: [], mentions: [] } : service.extractDoc(doc);
        figures.push(x.figures);
        mentions.push(x.mentions);
      }
      return {
        version: ANALYSIS_VERSION,
        source,
        hash,
        bytes: bytes.length,
        encoding: decoded.encoding,
        notes: ingested.notes,
        lineStarts: ingested.lineStarts,
        docs: ingested.docs,
        tokenLengths,
        figures,
        mentions,
      };
    },

    segmentDoc(text) {
      return tileTokens(text, segmenterOf().cut(text));
    },

    extractDoc(doc) {
      return {
        figures: extractFigures(doc.text, { date: doc.date, title: doc.title }),
        mentions: extractRegionMentions(doc.text, gazetteerOf()),
      };
    },

    skippedFile(source, reason, hash, bytes, detail) {
      return {
        version: ANALYSIS_VERSION, source, hash, bytes, skipped: reason, detail,
        notes: [], lineStarts: [0], docs: [], tokenLengths: [], figures: [], mentions: [],
      };
    },

    minePhrases(files) {
      const inputs = files.flatMap(f => f.docs.map((doc, i) => ({ doc, tokenLengths: f.tokenLengths[i] ?? [] })));
      return minePhrases(inputs);
    },

    assemble(files, phrases) {
      return assembleSnapshot(files, gazetteerOf(), phrases);
    },

    check(snapshot, text, opts = {}) {
      const severities = opts.severities ?? {};
      const enabled = (code: string) => (severities[code] ?? CHECKS[code]) !== 'off';
      const draft = draftOf(text, opts.date);
      const ctx = contextOf(snapshot, opts.source);
      const cancelled = opts.isCancelled ?? (() => false);
      const findings: Finding[] = [];
      const run = (codes: string[], fn: () => Finding[]) => {
        if (cancelled() || !codes.some(enabled)) return;
        findings.push(...fn());
      };
      run(['script-mixed'], () => mixedScriptFindings(text, ctx, forms.script(text)));
      run(['figure-conflict-corpus', 'figure-conflict-draft', 'figure-arithmetic'], () => checkFigures(draft, snapshot.figures, ctx));
      run(['region-unknown', 'region-hierarchy'], () =>
        checkRegions(draft, gazetteerOf(), snapshot.regions, opts.teamRegions ?? new Set(), ctx));
      run(['phrase-preferred'], () => checkPreferredPhrases(draft, [...(opts.libraries ?? [])], ctx));
      run(['heading-sequence'], () => checkHeadings(draft, ctx, opts.headings));
      run(Object.keys(STANDARDS_DEFAULTS), () => checkStandards(draft, ctx, enabled));
      const out: Finding[] = [];
      for (const f of applySuppressions(text, findings)) {
        const sev = severities[f.code] ?? CHECKS[f.code] ?? f.severity;
        if (sev === 'off') continue;
        out.push({ ...f, severity: sev });
      }
      return out.sort((a, b) => a.start - b.start || a.end - b.end);
    },

    hover(snapshot, text, offset, source) {
      const ctx = contextOf(snapshot, source);
      const at = (draft: Draft, pos: number) => {
        const figure = hoverFigure(draft, pos, snapshot.figures, ctx);
        const region = hoverRegion(draft, pos, gazetteerOf(), snapshot.regions, ctx);
        // The narrower span is what the cursor is on: a place name inside a figure's sentence shows
        // the place; on the number itself the figure's hover stays.
        return figure && region && region.end - region.start < figure.end - figure.start ? region : figure ?? region;
      };
      if (text.length <= HOVER_WHOLE_DRAFT) return at(draftOf(text), offset);
      // A very long draft: the title line and the lines around the cursor, so a hover never reads
      // megabytes (the checks, off the request thread, still read the whole draft).
      const title = text.slice(0, Math.min(lineEnd(text, 0), 500));
      // Windows are aligned to blocks, so hovers near each other reuse one analysed window.
      const block = offset - (offset % HOVER_CONTEXT);
      const start = Math.max(title.length, lineStart(text, block - HOVER_CONTEXT));
      const end = lineEnd(text, Math.min(text.length, block + 2 * HOVER_CONTEXT));
      const shift = start - title.length - 1;
      const h = at(windowDraft(`${title}\n${text.slice(start, end)}`), offset - shift);
      return h && { ...h, start: h.start + shift, end: h.end + shift };
    },

    complete(snapshot, text, offset, libraries) {
      // Completion reads only the line up to the cursor: convert that, not the whole draft.
      const start = Math.max(lineStart(text, offset), offset - COMPLETION_CONTEXT);
      const end = Math.min(lineEnd(text, offset), offset + COMPLETION_CONTEXT);
      const items = completePhrases(windowDraft(text.slice(start, end)), offset - start, snapshot.phrases, [...libraries], contextOf(snapshot));
      return start ? items.map(c => ({ ...c, replaceStart: c.replaceStart + start })) : items;
    },

    symbols(text) {
      return documentSymbols(text);
    },

    parseLibrary(source, text) {
      return parsePhraseLibrary(source, text, { t });
    },

    addToLibrary(source, text, phrase) {
      return addPhraseToLibrary(source, text, phrase);
    },
  };
  return service;
}
