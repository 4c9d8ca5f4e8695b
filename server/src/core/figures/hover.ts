// Hover on a figure (or on the words naming it) in the draft: what the corpus holds for the same
// subject and indicator, period by period, with links to the source lines; and the value under
// the cursor, normalised.
import type { Draft, FeatureContext, HoverResult } from '../model';
import { corpusMatches } from './check-corpus';
import { corpusClaimOf } from './check-restate';
import { unresolvedSlots, type Claim } from './claims';
import { docLabel, figureName } from './describe';
import type { FigureIndex, IndexedFigure } from './figure-index';
import { describePeriod } from './period';
import type { Figure } from './types';

const HOVER_MATCH = 0.7;
const MAX_ROWS = 12;

function unitLabel(f: Figure): string {
  if (f.unit === 'pp') return '个百分点';
  if (f.unit === 'fraction') return '';
  return f.unit;
}

export function normalisedValue(f: Figure): string {
  // Written out in full, never 1e-7 or 1e+21.
  const v = (n: number) => Number.isFinite(n)
    ? Number.parseFloat(n.toPrecision(f.unit === 'fraction' ? 6 : 12)).toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 })
    : String(n);
  return v(f.value) + (f.high !== undefined ? `–${v(f.high)}` : '') + unitLabel(f);
}

function sourceLine(ctx: FeatureContext, index: FigureIndex, c: IndexedFigure): string {
  const cite = ctx.cite({ docId: c.docId, start: c.start, end: c.end });
  const { title, date } = docLabel(ctx, index, c.docId);
  if (!cite) return `${title} (${date})`;
  const plain = `${cite.title || title} (${cite.date ?? date}), ${cite.source}:${cite.start.line + 1}`;
  const args = encodeURIComponent(JSON.stringify([cite.source, cite.start.line]));
  return `[${plain}](command:policyDraft.openSource?${args})`;
}

export function hoverAt(draft: Draft, offset: number, figures: Figure[], index: FigureIndex, ctx: FeatureContext, claims: Claim[] = []): HoverResult | null {
  let f = figures.find(x => offset >= x.start && offset < x.end);
  let onNumber = !!f;
  if (!f) {
    // on the words that name a figure: the clause before its number
    f = figures.find(x => offset >= x.clauseStart && offset < x.start && x.indicator.length >= 2
      && draft.norm.slice(x.clauseStart, x.start).includes(x.indicator.slice(0, 2)));
    onNumber = false;
  }
  if (!f) return null;
  const claim = claims.find(c => c.figure === f);
  const lines: string[] = [`**${figureName(f)}**`];
  const open = claim ? unresolvedSlots(claim) : [];
  if (open.length) {
    const names = open.map(s => (s === 'subject' ? ctx.t('subject') : s === 'period' ? ctx.t('period') : ctx.t('indicator')));
    lines.push('', ctx.t('Not resolved: {0} (checks that compare it stay silent).', names.join(', ')));
  }
  if (onNumber) lines.push('', ctx.t('Value: {0}', normalisedValue(f)) + (f.qualifier ? ` (${f.qualifier})` : ''));
  // every period the corpus gives this subject and indicator, nearest to the draft's own first (or
  // latest first when the draft's period is not resolved): a writer asks "what did we say before"
  const own = claim?.period.value ? Number(/\d{4}/.exec(claim.period.value)?.[0]) : undefined;
  // the claims of the matched figures' documents only (the checks read them all once per snapshot)
  const yearOf = (c: IndexedFigure) => {
    const v = index.count ? corpusClaimOf(index, ctx.docs, c)?.period.value : undefined;
    const y = v ? Number(/\d{4}/.exec(v)?.[0]) : c.period?.year;
    return Number.isFinite(y) ? y : undefined;
  };
  const matches = corpusMatches(f, index, HOVER_MATCH, false).filter(m => !ctx.isSelf?.(m.c.docId));
  if (matches.length) {
    lines.push('', ctx.t('The corpus holds:'));
    const distance = (c: IndexedFigure) => {
      const y = yearOf(c);
      if (y === undefined) return Infinity;
      return own !== undefined ? Math.abs(y - own) : -y;
    };
    const rows = matches.sort((a, b) => distance(a.c) - distance(b.c)).slice(0, MAX_ROWS);
    for (const { c } of rows) {
      const y = yearOf(c);
      const period = describePeriod(c.period) || (y !== undefined ? `${y}` : ctx.t('(no period)'));
      lines.push(`- ${period}: **${c.text}** — ${sourceLine(ctx, index, c)}`);
    }
  } else {
    lines.push('', ctx.t('The corpus has no figure for this.'));
  }
  const start = onNumber ? f.start : f.clauseStart;
  return { start, end: f.end, markdown: lines.join('\n') };
}
