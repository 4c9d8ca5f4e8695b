// The corpus's figures, grouped by unit for lookup. Plain data (it lives in the snapshot).
import type { CorpusDocument } from '../model';
import type { Figure } from './types';

export interface IndexedFigure extends Figure {
  docId: string;
}
export interface FigureIndex {
  count: number;
  /** Figures by normalised unit. */
  byUnit: Record<string, IndexedFigure[]>;
  /** Titles and dates by document id, for messages when ctx.docs lacks one. */
  docs: Record<string, { title: string; date?: string; source: string }>;
}

export function buildIndex(docs: Array<{ doc: CorpusDocument; figures: Figure[] }>): FigureIndex {
  const index: FigureIndex = { count: 0, byUnit: {}, docs: {} };
  for (const { doc, figures } of docs) {
    index.docs[doc.id] = { title: doc.title, date: doc.date, source: doc.source };
    for (const f of figures) {
      if (f.rule) continue;
      (index.byUnit[f.unit] ??= []).push({ ...f, docId: doc.id });
      index.count++;
    }
  }
  return index;
}
