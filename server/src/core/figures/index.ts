// The figures feature: extraction, the corpus figure index, figure-* checks and figure hover.
// Entry points are the contract with service.ts; the work is in the files named after it.
import type { CorpusDocument, Draft, FeatureContext, HoverResult } from '../model';
import type { Finding } from '../types';
import { checkArithmetic } from './check-arithmetic';
import { checkCorpusConflicts } from './check-corpus';
import { checkDraftConflicts } from './check-draft';
import { extractFiguresFrom } from './extract';
import { buildIndex, type FigureIndex } from './figure-index';
import { hoverAt } from './hover';
import { firstLine } from './segments';
import { mainSubject } from './subject';
import type { Figure } from './types';

export type { Figure } from './types';
export type { FigureIndex, IndexedFigure } from './figure-index';
export { parseNumeral } from './numerals';

/** Statistics in `text` (a corpus document's cleaned text, or a draft's norm). JSON-serialisable. */
export function extractFigures(text: string, opts: { date?: string; title?: string }): Figure[] {
  return extractFiguresFrom(text, opts);
}

export function buildFigureIndex(docs: Array<{ doc: CorpusDocument; figures: Figure[] }>): FigureIndex {
  return buildIndex(docs);
}

// A draft is written now: its relative periods (今年, 截至目前) are not tied to Draft.date,
// which is today's date when the writer gave none. The last draft's analysis is kept: the editor
// asks for diagnostics and then hovers, again and again, over the same text.
let lastDraft: { norm: string; figures: Figure[]; main: string | undefined } | undefined;
function analyseDraft(draft: Draft): { figures: Figure[]; main: string | undefined } {
  if (lastDraft?.norm !== draft.norm) {
    const title = firstLine(draft.norm);
    const figures = extractFiguresFrom(draft.norm, { title });
    lastDraft = { norm: draft.norm, figures, main: figures.length ? mainSubject(draft.norm, title) : undefined };
  }
  return lastDraft;
}

export function checkFigures(draft: Draft, index: FigureIndex, ctx: FeatureContext): Finding[] {
  const { figures, main } = analyseDraft(draft);
  if (figures.length === 0) return [];
  const arithmetic = checkArithmetic(draft, figures, main, ctx);
  // a figure the arithmetic already proves wrong needs no second finding from the corpus
  const corpus = checkCorpusConflicts(draft, figures, index, ctx).filter(c => !arithmetic.some(a => a.start === c.start && a.end === c.end));
  return [...corpus, ...checkDraftConflicts(draft, figures, ctx), ...arithmetic]
    .sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
}

export function hoverFigure(draft: Draft, offset: number, index: FigureIndex, ctx: FeatureContext): HoverResult | null {
  return hoverAt(draft, offset, analyseDraft(draft).figures, index, ctx);
}
