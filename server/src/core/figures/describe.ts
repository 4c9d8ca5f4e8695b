// Short descriptions of figures and corpus places, for messages and hover.
import type { FeatureContext } from '../model';
import type { Related } from '../types';
import type { FigureIndex, IndexedFigure } from './figure-index';
import { describePeriod } from './period';
import type { Figure } from './types';
import { numeralLike } from './match';

/** 前5月规模以上工业增加值 — the period and the indicator, as a reader would name the figure. */
export function figureName(f: Figure): string {
  return `${describePeriod(f.period)}${f.indicator}`.trim() || f.text;
}

export function docLabel(ctx: FeatureContext, index: FigureIndex, docId: string): { title: string; date: string } {
  const doc = ctx.docs.get(docId) ?? index.docs[docId];
  return { title: doc?.title ?? docId, date: doc?.date ?? '' };
}

/** Related evidence pointing at a corpus figure's source line. */
export function corpusRelated(ctx: FeatureContext, index: FigureIndex, c: IndexedFigure): Related | undefined {
  const cite = ctx.cite({ docId: c.docId, start: c.start, end: c.end });
  if (!cite) return undefined;
  const { title, date } = docLabel(ctx, index, c.docId);
  return {
    source: cite.source,
    start: cite.start,
    end: cite.end,
    message: ctx.t('Corpus: {0} ({1})', c.text, [cite.title || title, cite.date ?? date].filter(Boolean).join(', ')),
  };
}

export function draftRelated(f: Figure, message: string): Related {
  return { source: null, span: { start: f.start, end: f.end }, message };
}

/** Numbers written out in full (toLocaleString with these options, one formatter for all calls). */
const IN_FULL = new Intl.NumberFormat('en-US', { useGrouping: false, maximumFractionDigits: 20 });

/** A value written the way `like` writes its figures (5255件, 8959亿元), for messages. */
export function writeLike(value: number, like: Figure): string {
  const n = numeralLike(value, like);
  if (n !== undefined) return n + like.unitText;
  // Twelve significant digits, written out in full (never 1e+21 or 1e-7).
  const plain = Number.isFinite(value)
    ? IN_FULL.format(Number.parseFloat(value.toPrecision(12)))
    : String(value);
  return `${plain}${like.unit === 'pp' ? '个百分点' : like.unit}`;
}
