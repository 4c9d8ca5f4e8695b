// figure-conflict-corpus and figure-conflict-draft found by restatement: a clause that restates a
// corpus clause (or an earlier clause of the draft), its figures aligned by position and unit.
import type { CorpusDocument, Draft, FeatureContext } from '../model';
import type { Finding } from '../types';
import { comparable, readClaims, readDocument, type Claim, type DocContext } from './claims';
import type { FigureIndex, IndexedFigure } from './figure-index';
import { valuesAgree } from './match';
import { aligned, alignInto, isSlip, judgeOpen, pairOpen, segmentsOf, SegmentIndex, type Segment, type Verdict } from './restate';
import { conflict, isSwapSlip } from './check-draft';
import { conflictWith } from './check-corpus';

/** Digits swapped (or reordered) in three significant digits or more: 100.6 / 106.6 is no swap, 176.2 / 167.2 is. */
function isSwapOf(a: Claim['figure'], b: Claim['figure']): boolean {
  return isSwapSlip(a, b, 3) || (isSlip(a, b) && !!a.text.match(/\d/g) && a.text.match(/\d/g)!.length >= 3 && sameDigits(a, b));
}
function sameDigits(a: Claim['figure'], b: Claim['figure']): boolean {
  const d = (f: Claim['figure']) => (f.text.match(/\d/g) ?? []).sort().join('');
  return d(a) === d(b);
}
import { mainSubject } from './subject';

export interface CorpusClaims {
  segments: SegmentIndex;
  /** Per segment of `segments` (by index), its claims' codes (claimCodes). */
  codes: Int32Array[];
  /** Per segment, a bit per code it holds (codeBit): two segments with no bit in common share no code. */
  codeMasks: Int32Array;
  /** Per segment, its claims' codes in their order (alignedCodes), made when a lookup first weighs the segment. */
  aligned: Array<Int32Array | undefined>;
  /** The claim read for each corpus figure. */
  claimOf: Map<IndexedFigure, Claim>;
  docs: Map<string, DocContext>;
}

const cache = new WeakMap<FigureIndex, CorpusClaims>();

/** What reading one corpus document yields: its context, the claims of its figures (sorted by start), its clauses. */
interface DocReading {
  docId: string;
  title: string;
  /** The figures read, sorted by start: the snapshot's own objects (figure-index.ts keeps them across snapshots). */
  figs: readonly IndexedFigure[];
  dc: DocContext;
  claims: Claim[];
  /** Its clauses with figures (segmentsOf), read once the checks need them, and their claims' codes (claimCodes). */
  segments?: Segment[];
  codes?: Int32Array[];
}

/**
 * A code per claim with a subject: its unit, kind and the last character of its subject. Two claims of
 * one unit that comparable() accepts have the same code (their kinds are equal, their subjects both
 * resolved and one ending the other); a claim with no subject is comparable with none.
 */
export function claimCodes(claims: readonly Claim[]): Int32Array {
  const out = new Int32Array(claims.length);
  let n = 0;
  for (const c of claims) {
    const subject = c.subject.value;
    if (!subject) continue;
    out[n++] = codeOf(c, subject);
  }
  return n === out.length ? out : out.slice(0, n);
}

function codeOf(c: Claim, subject: string): number {
  const h = hashOf(hashOf(0x811c9dc5, c.unit), c.kind);
  return Math.imul(h ^ subject.charCodeAt(subject.length - 1), 0x01000193);
}

/**
 * A code per claim, in the claims' order: claimCodes' for a claim with a subject, and one of its own (the
 * code with no subject character) for a claim with none, which comparable() never accepts. Two claims of
 * different codes are never of one unit and comparable, so only pairs of equal codes are tested.
 */
export function alignedCodes(claims: readonly Claim[]): Int32Array {
  const out = new Int32Array(claims.length);
  for (let i = 0; i < claims.length; i++) {
    const c = claims[i], subject = c.subject.value;
    out[i] = subject ? codeOf(c, subject) : hashOf(hashOf(0x811c9dc5, c.unit), c.kind);
  }
  return out;
}

function hashOf(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ 0x7c, 0x01000193);
}

/** A bit per code of the list (the code's low five bits): lists whose masks share no bit share no code. */
function maskOf(codes: Int32Array): number {
  let m = 0;
  for (let i = 0; i < codes.length; i++) m |= 1 << (codes[i] & 31);
  return m;
}

function sharesCode(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) if (a[i] === b[j]) return true;
  return false;
}

// Per document object: the partial snapshots of a store (one per draft) hand out the same documents
// and, through buildIndex, the same indexed figures; a reading is reused only for the same document,
// title and figure objects in the same order (else the document is read again).
const readings = new WeakMap<CorpusDocument, DocReading>();

function readingOf(doc: CorpusDocument, docId: string, title: string, figs: readonly IndexedFigure[]): DocReading {
  const r = readings.get(doc);
  if (r && r.docId === docId && r.title === title && r.figs.length === figs.length && r.figs.every((f, i) => f === figs[i])) return r;
  const dc = readDocument(doc.text, title, mainSubject(doc.text, doc.title), doc.date);
  const read: DocReading = { docId, title, figs, dc, claims: readClaims(doc.text, figs as IndexedFigure[], dc) };
  readings.set(doc, read);
  return read;
}

/** The corpus figures by document, each document's sorted by start. */
function figuresByDoc(index: FigureIndex): Map<string, IndexedFigure[]> {
  const byDoc = new Map<string, IndexedFigure[]>();
  for (const list of Object.values(index.byUnit)) for (const f of list) (byDoc.get(f.docId) ?? byDoc.set(f.docId, []).get(f.docId)!).push(f);
  for (const figs of byDoc.values()) figs.sort((a, b) => a.start - b.start);
  return byDoc;
}

/**
 * Claims and restatement segments of the whole corpus, per snapshot; each document read once for as
 * long as its object lives (a new snapshot reads only the documents no snapshot had before).
 */
export function corpusClaims(index: FigureIndex, docs: ReadonlyMap<string, CorpusDocument>): CorpusClaims {
  let c = cache.get(index);
  if (c) return c;
  const byDoc = figuresByDoc(index);
  const segments: Segment[] = [];
  const codes: Int32Array[] = [];
  const claimOf = new Map<IndexedFigure, Claim>();
  const contexts = new Map<string, DocContext>();
  for (const [docId, figs] of byDoc) {
    const doc = docs.get(docId);
    if (!doc) continue;
    const r = readingOf(doc, docId, index.docs[docId]?.title ?? doc.title, figs);
    contexts.set(docId, r.dc);
    r.claims.forEach((cl, i) => claimOf.set(figs[i], cl));
    r.segments ??= segmentsOf(doc.text, r.claims, docId);
    r.codes ??= r.segments.map(seg => claimCodes(seg.claims));
    for (const seg of r.segments) segments.push(seg);
    for (const c of r.codes) codes.push(c);
  }
  // (one index over all segments, built from their bigram keys in two passes: a few milliseconds for a
  // whole corpus, so no lookup of a draft pays for merging postings kept per document)
  const common = index.commonGrams && new Set(index.commonGrams);
  const codeMasks = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) codeMasks[i] = maskOf(codes[i]);
  c = { segments: new SegmentIndex(segments, common), codes, codeMasks, aligned: new Array(segments.length), claimOf, docs: contexts };
  cache.set(index, c);
  return c;
}

/** Per snapshot: the corpus figures by document. */
const perDoc = new WeakMap<FigureIndex, Map<string, IndexedFigure[]>>();

/**
 * The claim read for one corpus figure, as corpusClaims reads it, reading only its document (a
 * hover needs the periods of a few documents' figures, not the claims and segments of them all).
 */
export function corpusClaimOf(index: FigureIndex, docs: ReadonlyMap<string, CorpusDocument>, c: IndexedFigure): Claim | undefined {
  const whole = cache.get(index);
  if (whole) return whole.claimOf.get(c);
  let byDoc = perDoc.get(index);
  if (!byDoc) perDoc.set(index, (byDoc = figuresByDoc(index)));
  const figs = byDoc.get(c.docId);
  const doc = docs.get(c.docId);
  if (!figs || !doc) return undefined;
  const i = figs.indexOf(c);
  return i < 0 ? undefined : readingOf(doc, c.docId, index.docs[c.docId]?.title ?? doc.title, figs).claims[i];
}

/** The draft's own context: its region (title, text) and the date line it carries. */
export function draftContext(draft: Draft, title: string): DocContext {
  return readDocument(draft.norm, title, mainSubject(draft.norm, title));
}

/**
 * Agreeing neighbours show that two aligned clauses speak of one period: two of them, or one whose
 * value is unlikely to recur by chance (three significant digits or more: 34068元, 4.62倍, not 28家).
 * `n` aligned pairs (`xs`, their verdicts `judged`): the agreeing ones other than `d`'s.
 */
function supports(xs: readonly Claim[], judged: ReadonlyArray<Verdict | 'open'>, n: number, d: Claim): boolean {
  let agreeing = 0;
  for (let i = 0; i < n; i++) if (xs[i] !== d && judged[i] === 'agree') agreeing++;
  if (agreeing >= 2) return true;
  for (let i = 0; i < n; i++) if (xs[i] !== d && judged[i] === 'agree' && significantDigits(xs[i]) >= 3) return true;
  return false;
}

/** How many significant digits a claim's numeral writes (no leading or trailing 0). */
function significantDigits(c: Claim): number {
  const f = c.figure;
  const from = f.numStart - f.start, to = f.numEnd - f.start;
  let first = -1, last = -1;
  for (let i = from; i < to; i++) {
    const ch = f.text.charCodeAt(i);
    if (ch < 0x30 || ch > 0x39) continue;
    if (first < 0 && ch !== 0x30) first = i;
    if (ch !== 0x30) last = i;
  }
  if (first < 0) return 0;
  let n = 0;
  for (let i = first; i <= last; i++) {
    const ch = f.text.charCodeAt(i);
    if (ch >= 0x30 && ch <= 0x39) n++;
  }
  return n;
}

interface Kept {
  near: Array<{ seg: Segment; sim: number }>;
  /** Which of them are the draft's own copy (bit i: near[i]; NEAR_MAX is 16), and the conflicts found on the others. */
  self?: number;
  conflicts?: Array<[number, IndexedFigure]>;
}
const nearKept = new WeakMap<FigureIndex, WeakMap<object, Kept>>();

// (the verdicts of one clause's aligned pairs, reused from clause to clause)
const judgedPairs: Array<Verdict | 'open'> = [];
/** The answer with no conflict, shared (frozen: a caller that appended to it would change every later answer). */
const NO_CONFLICTS = Object.freeze([]) as unknown as Array<[number, IndexedFigure]>;

/** The draft clause's claims (by index) that the corpus clauses restating it give another value, one each. */
function conflictsOf(seg: Segment, near: ReadonlyArray<{ seg: Segment; sim: number }>, self: number): Array<[number, IndexedFigure]> {
  // each draft claim: the corpus claims it is aligned with, and whether any of them agrees
  let verdicts: Map<Claim, { conflicts: Claim[]; agrees: boolean }> | undefined;
  const xs = aligned.x, ys = aligned.y, judged = judgedPairs;
  for (let k = 0; k < near.length; k++) {
    // (the draft's own copy left out)
    if ((self >>> k) & 1) continue;
    const { seg: other, sim } = near[k];
    const n = alignInto(seg, other);
    // (what does not depend on the support read once per pair: restate.ts pairOpen)
    for (let i = 0; i < n; i++) judged[i] = pairOpen(xs[i], ys[i]);
    for (let i = 0; i < n; i++) {
      const d = xs[i];
      verdicts ??= new Map();
      let v = verdicts.get(d);
      if (!v) verdicts.set(d, (v = { conflicts: [], agrees: false }));
      if (judged[i] === 'agree') v.agrees = true;
      else if (judged[i] === 'open' && judgeOpen(d, ys[i], supports(xs, judged, n, d), false, sim) === 'conflict') v.conflicts.push(ys[i]);
    }
  }
  if (!verdicts) return NO_CONFLICTS;
  let out: Array<[number, IndexedFigure]> | undefined;
  for (const [d, v] of verdicts) {
    if (v.agrees || v.conflicts.length === 0) continue;
    // the corpus itself not sure (two values): silent
    if (v.conflicts.some(c => !valuesAgree(c.figure, v.conflicts[0].figure))) continue;
    (out ??= []).push([seg.claims.indexOf(d), v.conflicts[0].figure as IndexedFigure]);
  }
  return out ?? NO_CONFLICTS;
}

/** A clause of the draft that restates a corpus clause with a figure miswritten. */
export function checkRestatedCorpus(
  draft: Draft, claims: Claim[], index: FigureIndex, ctx: FeatureContext,
  /** The draft's segments (segmentsOf), and for each the segment whose corpus neighbours may be kept (incremental.ts). */
  given?: { segments: Segment[]; keyOf: (seg: Segment) => object | undefined },
): Finding[] {
  if (index.count === 0) return [];
  const corpus = corpusClaims(index, ctx.docs);
  const out: Finding[] = [];
  let kept = nearKept.get(index);
  if (!kept) nearKept.set(index, (kept = new WeakMap()));
  for (const seg of given ? given.segments : segmentsOf(draft.norm, claims, '')) {
    // a clause none of whose claims could conflict is not looked up: a pair is judged (restate.ts pairOpen)
    // only for a claim that is no target or rank, with its subject and the indicator it names resolved
    if (!seg.claims.some(mayConflict)) continue;
    // only corpus clauses with a claim comparable to one of this clause's (same unit): the others are
    // never judged, and must not crowd them out (a refrain restated in many reports), so the answer
    // does not depend on unrelated documents (an index split by keys answers the same)
    // (claims of different codes are never comparable: most corpus clauses are ruled out by their codes)
    const mine = claimCodes(seg.claims), mineAligned = alignedCodes(seg.claims);
    const mineMask = maskOf(mine);
    const admit = (i: number) => (mineMask & corpus.codeMasks[i]) !== 0 && sharesCode(mine, corpus.codes[i]);
    const relevant = (other: Segment, i: number) => {
      const codes = (corpus.aligned[i] ??= alignedCodes(other.claims));
      for (let x = 0; x < codes.length; x++) {
        for (let y = 0; y < mineAligned.length; y++) {
          if (codes[x] !== mineAligned[y]) continue;
          const c = other.claims[x], d = seg.claims[y];
          if (d.unit === c.unit && comparable(d, c).ok) return true;
        }
      }
      return false;
    };
    // (the neighbours of a segment and the verdicts on them depend on its words and claims only: kept per
    // unchanged segment and snapshot, the verdicts for the same neighbours left out as the draft's own copy)
    const key = given?.keyOf(seg);
    let found = key && kept.get(key);
    if (!found) {
      found = { near: corpus.segments.near(seg, undefined, relevant, admit) };
      if (key) kept.set(key, found);
    }
    let self = 0;
    if (ctx.isSelf) for (let i = 0; i < found.near.length; i++) if (ctx.isSelf(found.near[i].seg.doc)) self |= 1 << i;
    if (!found.conflicts || found.self !== self) {
      found.self = self;
      found.conflicts = conflictsOf(seg, found.near, self);
    }
    for (const [k, c] of found.conflicts) out.push(conflictWith(draft, seg.claims[k].figure, c, index, ctx));
  }
  return out;
}

// The clauses near each clause at the draft's last check, by clause object: a draft's clause objects are
// kept while their block is unchanged and in place (incremental.ts). What near() answers for a clause
// depends only on the clauses that share a bigram with it (their number, sizes and order), so it stands
// when no clause added or dropped since the last check shares one.
let lastCheck: { id: number; segs: Set<Segment> } | undefined;
let checks = 0;
const draftNear = new WeakMap<Segment, { check: number; near: Array<{ seg: Segment; sim: number }> }>();

/**
 * A clause of the draft that restates an earlier clause of the draft with a figure miswritten. `_parts`:
 * the segments block by block with their postings (incremental.ts); not read, the index is built from
 * the segments' bigram keys (cheaper than merging the blocks' postings).
 */
export function checkRestatedDraft(
  draft: Draft, claims: Claim[], ctx: FeatureContext, segments?: Segment[],
  _parts?: ReadonlyArray<{ segments: readonly Segment[]; postings: () => ReadonlyMap<string, readonly number[]> }>,
): Finding[] {
  const segs = segments ?? segmentsOf(draft.norm, claims, '');
  if (segs.length < 2) return [];
  let index: SegmentIndex | undefined;
  const id = ++checks;
  const now = new Set(segs);
  // the clauses added since the last check; most of them new (another draft): nothing is reused
  const added = segs.filter(s => !lastCheck?.segs.has(s));
  const previous = added.length * 2 < segs.length ? lastCheck : undefined;
  // the bigrams of the clauses added or dropped since the last check
  const changed = new Set<number>();
  if (previous) {
    for (const s of added) for (const g of s.keys) changed.add(g);
    for (const s of previous.segs) if (!now.has(s)) for (const g of s.keys) changed.add(g);
  }
  lastCheck = { id, segs: now };
  const looked = (seg: Segment) => seg.claims.some(mayConflict);
  const stands = (seg: Segment) => {
    const kept = draftNear.get(seg);
    return !!kept && !!previous && kept.check === previous.id && !sharesAny(seg.keys, changed);
  };
  const nearOf = (seg: Segment) => {
    const kept = draftNear.get(seg);
    if (kept && stands(seg)) {
      kept.check = id;
      return kept.near;
    }
    index ??= new SegmentIndex(segs);
    const near = index.near(seg);
    draftNear.set(seg, { check: id, near });
    return near;
  };
  const out: Finding[] = [];
  const flagged = new Set<Claim>();
  for (const seg of segs) {
    // a clause none of whose claims could conflict (targets, ranks, nothing named, no subject) is not looked up
    if (!looked(seg)) continue;
    for (const { seg: earlier, sim } of nearOf(seg)) {
      if (earlier.start >= seg.start || earlier.sentence === seg.sentence) continue;
      const n = alignInto(seg, earlier);
      const xs = aligned.x, ys = aligned.y, judged = judgedPairs;
      for (let i = 0; i < n; i++) judged[i] = pairOpen(xs[i], ys[i]);
      for (let i = 0; i < n; i++) {
        const d = xs[i], c = ys[i];
        if (flagged.has(d) || flagged.has(c) || otherwise(xs, ys, n, d)) continue;
        if (judged[i] !== 'open' || judgeOpen(d, c, supports(xs, judged, n, d), true, sim) !== 'conflict') continue;
        // the draft gives this indicator another value elsewhere that agrees with neither: a list, not a slip
        flagged.add(d);
        out.push(conflict(c.figure, d.figure, ctx));
      }
    }
  }
  // the same indicator named in full (four characters or more) with the same stated period, in two
  // sentences: a swap of three digits or more is a slip whatever the clauses around it
  const byIndicator = new Map<string, Claim[]>();
  for (const c of claims) {
    const w = c.indicator.value;
    if (!w || w.length < 4 || c.period.from !== 'stated' || !c.period.value || c.kind === 'target' || c.figure.part || c.figure.baseline) continue;
    const key = `${w}|${c.unit}|${c.kind}|${c.period.value}`;
    (byIndicator.get(key) ?? byIndicator.set(key, []).get(key)!).push(c);
  }
  for (const list of byIndicator.values()) {
    if (list.length !== 2) continue;
    const [a, b] = list;
    if (flagged.has(b) || a.figure.sentenceStart === b.figure.sentenceStart || !comparable(a, b).ok) continue;
    if (valuesAgree(a.figure, b.figure) || !isSwapOf(a.figure, b.figure)) continue;
    flagged.add(b);
    out.push(conflict(a.figure, b.figure, ctx));
  }
  return out;
}


/** A claim restate.ts pairOpen may leave open (a conflict possible): no target or rank, its subject and indicator resolved. */
function mayConflict(c: Claim): boolean {
  return c.kind !== 'target' && c.kind !== 'rank' && !!c.subject.value && !!c.indicator.value;
}

/**
 * Another aligned pair of the same unit that differs beyond a slip: the two clauses tell of two things in
 * the same words (财政收入…年均递增26.8% / 财政支出…年均递增28.6%), not one restated.
 */
function otherwise(xs: readonly Claim[], ys: readonly Claim[], n: number, d: Claim): boolean {
  for (let i = 0; i < n; i++) {
    const x = xs[i], y = ys[i];
    if (x !== d && x.figure.unit === y.figure.unit && !valuesAgree(x.figure, y.figure) && !isSlip(x.figure, y.figure)) return true;
  }
  return false;
}

function sharesAny(keys: Int32Array, changed: ReadonlySet<number>): boolean {
  if (changed.size === 0) return false;
  for (let i = 0; i < keys.length; i++) if (changed.has(keys[i])) return true;
  return false;
}
