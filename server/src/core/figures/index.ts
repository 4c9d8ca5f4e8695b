// The figures feature: extraction, the corpus figure index, figure-* checks and figure hover.
// Entry points are the contract with service.ts; the work is in the files named after it.
import type { CorpusDocument, Draft, FeatureContext, HoverResult } from '../model';
import type { Finding } from '../types';
import { checkArithmetic } from './check-arithmetic';
import { CORPUS_MATCH, conflictWith, corpusConflictOf, corpusMatches } from './check-corpus';
import { readDraft, type DraftReading } from './incremental';
import { isReordered } from './restate';
import { checkDraftConflicts } from './check-draft';
import { checkRestatedCorpus, checkRestatedDraft, corpusClaims, draftContext } from './check-restate';
import { comparable, identifies, readClaims, type Claim } from './claims';
import { extractFiguresFrom } from './extract';
import { buildIndex, type FigureIndex, type IndexedFigure } from './figure-index';
import { hoverAt } from './hover';
import { firstLine } from './segments';
import { segmentsOf } from './restate';
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
// which is today's date when the writer gave none. The draft is read block by block, each block's
// reading cached (incremental.ts): an edit re-reads the blocks it touched; the last draft's reading
// is kept whole, as the editor asks for diagnostics and then hovers, again and again, over the same text.
let lastDraft: DraftReading | undefined;
function analyseDraft(draft: Draft): DraftReading {
  if (lastDraft?.norm !== draft.norm) lastDraft = readDraft(draft.norm);
  return lastDraft;
}

/** The draft read as one text, nothing cached: what the block-by-block reading must equal (tests). */
export function readDraftWhole(norm: string): DraftReading {
  const title = firstLine(norm);
  const figures = extractFiguresFrom(norm, { title });
  const doc = draftContext({ text: norm, norm }, title);
  const claims = figures.length ? readClaims(norm, figures, doc) : [];
  return { norm, figures, claims, segments: segmentsOf(norm, claims, ''), main: figures.length ? mainSubject(norm, title) : undefined, doc, originOf: () => undefined };
}

/** checkFigures on the draft read as one text, nothing cached (the reference the tests compare with). */
export function checkFiguresWhole(draft: Draft, index: FigureIndex, ctx: FeatureContext): Finding[] {
  return checkReading(draft, readDraftWhole(draft.norm), index, ctx);
}

/** hoverFigure on the draft read as one text, nothing cached (tests). */
export function hoverFigureWhole(draft: Draft, offset: number, index: FigureIndex, ctx: FeatureContext): HoverResult | null {
  const { figures, claims } = readDraftWhole(draft.norm);
  return hoverAt(draft, offset, figures, index, ctx, claims);
}

// the corpus conflict of each figure of an unchanged block, per snapshot (null: none)
const corpusKept = new WeakMap<FigureIndex, WeakMap<object, IndexedFigure | null>>();

export function checkFigures(draft: Draft, index: FigureIndex, ctx: FeatureContext): Finding[] {
  return checkReading(draft, analyseDraft(draft), index, ctx);
}

function checkReading(draft: Draft, reading: DraftReading, index: FigureIndex, ctx: FeatureContext): Finding[] {
  const { figures, claims, main } = reading;
  if (figures.length === 0) return [];
  const arithmetic = checkArithmetic(draft, figures, main, ctx);
  // a figure the arithmetic already proves wrong needs no second finding from the corpus
  // the rules grown on drafts speak only where the claims they compare may be compared
  const claimOf = new Map<Figure, Claim>();
  for (const c of claims) claimOf.set(c.figure, c);
  const corpusClaimOf = index.count ? corpusClaims(index, ctx.docs).claimOf : new Map();
  // the old rules judge sameness by their own evidence; the claims add what they compare: subject,
  // period, base, and kind where the extraction read a rule or a rank
  const asRead = (c: Claim): Claim => (c.kind === 'target' && !c.figure.rule ? { ...c, kind: 'level' } : c);
  const corpusGate = (d: Figure, c: IndexedFigure) => {
    const a = claimOf.get(d), b = corpusClaimOf.get(c);
    if (!a || !b) return false;
    // a corpus speech that names no place (全市 with no city, no date): the old rule's strict evidence
    // (unplacedMatch) stands for the subject the corpus leaves unresolved
    const placed = b.subject.value ? b : { ...b, subject: a.subject };
    if (!comparable(asRead(a), asRead(placed)).ok || !(identifies(a, b) || isReordered(d, c))) return false;
    if (a.period.value && b.period.value) return true;
    // a period not resolved is tolerable only where resolving it could not matter: the corpus holds this
    // indicator of this subject for one period only
    const periods = new Set(corpusMatches(d, index, CORPUS_MATCH, false).map(m => corpusClaimOf.get(m.c)?.period.value ?? '?'));
    return periods.size <= 1;
  };
  const draftGate = (x: Figure, y: Figure) => {
    const a = claimOf.get(x), b = claimOf.get(y);
    if (!a || !b || !comparable(asRead(a), asRead(b)).ok) return false;
    // what is counted must be resolved on both sides, by indicator words or a noun counted after the unit
    // (年均递增28.6% alone names nothing)
    if (!namesWhatIsCounted(a) || !namesWhatIsCounted(b)) return false;
    // a period not resolved on either side: only a slip unlikely by chance (digits reordered) is the
    // same figure; 20项 / 24项, 1.23亿元 / 1.33亿元 are as likely two things
    if (isReordered(x, y)) return true;
    // periods resolved: the indicator must still say what is counted (投资, 企业, 深化 do not)
    return !!a.period.value && !!b.period.value && identifies(a, b);
  };
  // a target restating a result: another kind by design, but the same subject and period
  const targetGate = (x: Figure, y: Figure) => {
    const a = claimOf.get(x), b = claimOf.get(y);
    return !!a && !!b && comparable({ ...a, kind: b.kind, base: b.base }, b).ok;
  };
  // a figure's corpus conflict depends on the figure, its claim and its total (all of its block) and the snapshot
  let kept = corpusKept.get(index);
  if (!kept) corpusKept.set(index, (kept = new WeakMap()));
  const byFigure: Finding[] = [];
  for (const d of figures) {
    const origin = reading.originOf(d);
    let c = origin ? kept.get(origin) : undefined;
    if (c === undefined) {
      c = corpusConflictOf(d, figures, index, corpusGate) ?? null;
      if (origin) kept.set(origin, c);
    }
    if (c) byFigure.push(conflictWith(draft, d, c, index, ctx));
  }
  const restated = checkRestatedCorpus(draft, claims, index, ctx, { segments: reading.segments, keyOf: reading.originOf });
  const corpus = unique([...byFigure, ...restated])
    .filter(c => !arithmetic.some(a => a.start === c.start && a.end === c.end));
  const inDraft = unique([...checkDraftConflicts(draft, figures, ctx, draftGate, targetGate), ...checkRestatedDraft(draft, claims, ctx, reading.segments)]);
  return [...corpus, ...inDraft, ...arithmetic]
    .sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
}

/** Whether a claim names what it counts: indicator words, or a noun counted after the unit (a function of its own: draftGate runs per pair of figures). */
function namesWhatIsCounted(c: Claim): boolean {
  return !!c.indicator.value || /^[\u4e00-\u9fff]{2}/.test(c.figure.right);
}

/** One finding per figure and code: two readings may find the same conflict. */
function unique(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter(f => !seen.has(`${f.code}:${f.start}:${f.end}`) && !!seen.add(`${f.code}:${f.start}:${f.end}`));
}

export function hoverFigure(draft: Draft, offset: number, index: FigureIndex, ctx: FeatureContext): HoverResult | null {
  const { figures, claims } = analyseDraft(draft);
  return hoverAt(draft, offset, figures, index, ctx, claims);
}
