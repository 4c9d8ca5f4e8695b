// Lookup keys, the only thing a shared index store is asked by: for a corpus document (what the
// indexer stores beside it) and for a draft (what a check sends). Keys name kinds of statement,
// subjects, indicators, units and place names — never a sentence of the draft.
import type { CorpusDocument } from '../model';
import type { FileAnalysis } from '../corpus/snapshot';
import { readClaims, readDocument, type Claim } from '../figures/claims';
import type { Figure } from '../figures';
import { readDraft } from '../figures/incremental';
import { statementKey } from '../figures/match';
import { COMMON_POSTINGS, keyGram, segmentsOf } from '../figures/restate';
import { mainSubject } from '../figures/subject';
import { contextOf, resolveCodes } from '../regions/corpus-index';
import type { Gazetteer } from '../regions';
import { allMentions } from '../regions/lines';
import { lineColAt, toOriginal } from '../text/offsetMap';
import type { Citation } from '../model';

const cjk = (s: string) => s.replace(/[^\u4e00-\u9fff]/g, '');

/**
 * A digest of some words (two 32-bit FNV-1a hashes): lookups that compare indicator words whole send
 * this, not the words, which may be a long clause of the draft.
 */
export function digest(s: string): string {
  let a = 0x811c9dc5, b = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c ^ (a >>> 7), 0x5bd1e995) >>> 0;
  }
  return a.toString(36) + b.toString(36);
}

/**
 * Subject keys. The checks compare subjects by their ends (subjectsCompatible, claims.ts comparable:
 * 阜平县 / 河北省阜平县 / 县): a corpus subject S is stored under 'x|'+each of its suffixes and 'e|'+S;
 * a draft subject D asks 'x|'+D (corpus subjects that end with D) and 'e|'+each proper suffix of D
 * (corpus subjects D ends with). A draft finds exactly the corpus subjects compatible with its own.
 */
function storedSubjects(prefix: string, subject: string): string[] {
  const out = [`${prefix}e|${subject}`];
  for (let i = 0; i < subject.length; i++) out.push(`${prefix}x|${subject.slice(i)}`);
  return out.map(short);
}
function askedSubjects(prefix: string, subject: string): string[] {
  const out = [`${prefix}x|${subject}`];
  for (let i = 1; i < subject.length; i++) out.push(`${prefix}e|${subject.slice(i)}`);
  return out.map(short);
}
/** Keys are sent and stored as a kind letter and a digest: short, whatever the subject's length (a clash only adds documents). */
const short = (key: string) => key[0] + digest(key);

/**
 * The keys under which a figure is found by the corpus lookups (figure-index.ts): statements of its
 * kind about a compatible subject ('s:'), or, with no subject, with the same indicator words ('n:').
 * `asked`: the keys a draft's figure asks (the stored keys otherwise).
 */
export function figureKeys(f: Figure, asked = false): string[] {
  const kind = statementKey(f);
  const unplaced = short(`n:${kind}|${cjk(f.indicator)}`);
  if (!f.subject) return [unplaced];
  if (!asked) return storedSubjects(`s:${kind}|`, f.subject);
  // a draft figure is also looked up among corpus figures that name no subject (unplacedOf)
  return [...askedSubjects(`s:${kind}|`, f.subject), unplaced];
}

/**
 * The keys under which a claim may be aligned with a restating clause (check-restate.ts: a claim of the
 * same unit, kind and base about a compatible subject). `asked` as in figureKeys.
 */
export function claimKeys(c: Claim, asked = false): string[] {
  if (!c.subject.value) return [];
  const prefix = `c:${c.unit}|${c.kind}|${c.base.value ?? ''}|`;
  return asked ? askedSubjects(prefix, c.subject.value) : storedSubjects(prefix, c.subject.value);
}

/** The exact key of a claim (unit, kind, base, subject), kept with its row. */
export function claimKey(c: Claim): string | undefined {
  if (!c.subject.value) return undefined;
  return `${c.unit}|${c.kind}|${c.base.value ?? ''}|${c.subject.value}`;
}

/** A claim as the store keeps it (issue 15: subject, indicator, period, value, kind, base). */
export interface ClaimRow {
  figure: number;
  subject?: string;
  indicator?: string;
  period?: string;
  value: number;
  unit: string;
  kind: string;
  base?: string;
  key?: string;
}

/** A region mention as the store keeps it: its codes resolved in its document, and where it is. */
export interface MentionRow {
  name: string;
  start: number;
  end: number;
  codes: string[];
  cite?: Citation;
}

export interface DocumentKeys {
  /** Figure keys and claim keys (figureKeys, claimKeys): what a draft's lookups find the document by. */
  figureKeys: string[];
  /** Bigram -> how many of the document's clauses with figures hold it (restate.ts SegmentIndex). */
  grams: Record<string, number>;
  claims: ClaimRow[];
  mentions: MentionRow[];
}

/** The claims of a corpus document, read as the checks read them (check-restate.ts corpusClaims). */
export function corpusDocClaims(doc: CorpusDocument, figures: Figure[]): Claim[] {
  if (figures.length === 0) return [];
  const figs = [...figures].sort((a, b) => a.start - b.start);
  const dc = readDocument(doc.text, doc.title, mainSubject(doc.text, doc.title), doc.date);
  return readClaims(doc.text, figs, dc);
}

/** Everything the store indexes a corpus file's documents by, one entry per document. */
export function documentKeys(file: FileAnalysis, gaz: Gazetteer): DocumentKeys[] {
  return file.docs.map((doc, i) => {
    const figures = file.figures[i] ?? [];
    const mentions = file.mentions[i] ?? [];
    const keys = new Set<string>();
    for (const f of figures) for (const k of figureKeys(f)) keys.add(k);
    const read = corpusDocClaims(doc, figures);
    for (const c of read) for (const k of claimKeys(c)) keys.add(k);
    const grams: Record<string, number> = {};
    for (const seg of segmentsOf(doc.text, read, doc.id)) {
      for (const k of seg.keys) {
        const g = keyGram(k);
        grams[g] = (grams[g] ?? 0) + 1;
      }
    }
    const claims: ClaimRow[] = read.map(c => ({
      figure: figures.indexOf(c.figure),
      subject: c.subject.value,
      indicator: c.indicator.value,
      period: c.period.value,
      value: c.figure.value,
      unit: c.unit,
      kind: c.kind,
      base: c.base.value,
      key: claimKey(c),
    }));
    const context = contextOf(mentions, gaz);
    const cite = (start: number, end: number): Citation => ({
      source: doc.source,
      title: doc.title,
      date: doc.date,
      start: lineColAt(file.lineStarts, toOriginal(doc.map, start)),
      end: lineColAt(file.lineStarts, toOriginal(doc.map, Math.max(start, end - 1)) + 1),
    });
    return {
      figureKeys: [...keys],
      grams,
      claims,
      mentions: mentions.map(m => ({ name: m.text, start: m.start, end: m.end, codes: resolveCodes(m.codes, context), cite: cite(m.start, m.end) })),
    };
  });
}

/** What a check of one draft asks the store. */
export interface DraftKeys {
  figureKeys: string[];
  claimKeys: string[];
  regionNames: string[];
  regionCodes: string[];
}

/**
 * The keys a draft's figure or claim asks, kept per object: the block-by-block reading returns the
 * same objects for the blocks an edit did not touch. The blocks after an edit come back as new objects
 * (their offsets moved) with the same content, so the keys are also kept by what they are made of
 * (figureKeys reads a figure's statement kind, indicator and subject; claimKeys a claim's claimKey):
 * an edit digests only the figures and claims it changed.
 */
const askedFigureKeys = new WeakMap<Figure, string[]>();
const askedClaimKeys = new WeakMap<Claim, string[]>();
const askedBySource = new Map<string, string[]>();
/** Entries kept by content before they are all dropped (a 20,000-character draft has about 800 figures and as many claims). */
const ASKED_BY_SOURCE_MAX = 50_000;

function askedKeys<T extends object>(o: T, byObject: WeakMap<T, string[]>, source: () => string, keysOf: () => string[]): string[] {
  let keys = byObject.get(o);
  if (keys) return keys;
  const from = source();
  keys = askedBySource.get(from);
  if (!keys) {
    if (askedBySource.size >= ASKED_BY_SOURCE_MAX) askedBySource.clear();
    askedBySource.set(from, (keys = keysOf()));
  }
  byObject.set(o, keys);
  return keys;
}

/** The lookup keys of a draft (its text as typed; it is simplified here as the checks do). */
export function draftKeys(norm: string, gaz: Gazetteer): DraftKeys {
  // the draft read as the figure checks read it, block by block (an edit re-reads only its blocks;
  // the check that follows finds them cached)
  const { figures, claims } = readDraft(norm);
  const figureSet = new Set<string>();
  for (const f of figures) {
    const keys = askedKeys(f, askedFigureKeys, () => `f\0${statementKey(f)}\0${f.indicator}\0${f.subject ?? ''}`, () => figureKeys(f, true));
    for (const k of keys) figureSet.add(k);
  }
  const claimSet = new Set<string>();
  for (const c of claims) {
    const keys = askedKeys(c, askedClaimKeys, () => `c\0${claimKey(c) ?? ''}`, () => claimKeys(c, true));
    for (const k of keys) claimSet.add(k);
  }
  const names = new Set<string>(), codes = new Set<string>();
  // the line-cached reading (an edit reads only the lines it changed); the same mentions as extractRegionMentions
  for (const m of allMentions(norm, gaz)) {
    names.add(m.text);
    for (const c of m.codes) codes.add(c);
  }
  return { figureKeys: [...figureSet], claimKeys: [...claimSet], regionNames: [...names], regionCodes: [...codes] };
}

/**
 * What the local index (memory.ts) keeps of a corpus document to answer lookups, computed once when
 * the document is analysed and stored with its file's summary in the cache pack, so a reader is
 * built without inflating (or re-reading) any document:
 * - k: its figure and claim keys (figureKeys, claimKeys over corpusDocClaims);
 * - g: per bigram, how many of its clauses with figures hold it (segmentsOf), for commonGrams (not
 *   stored with the record: a pack keeps each file's sum and the corpus's totals apart, FILE_GRAMS);
 * - m: one row per place name ('n:'+name) or region code ('c:'+code): count, first mention (by start,
 *   then end) and that mention's citation line/column (start line, character, end line, character);
 * - s: the document's source when it is not its file's.
 */
export interface DocLookup {
  k: string[];
  /** Absent in a record read from a pack (see FILE_GRAMS). */
  g?: GramCounts;
  m: Array<[string, number, number, number, number, number, number, number]>;
  s?: string;
}

/** Per bigram, a count (of clauses holding it): DocLookup.g, a file's sum, or a corpus's totals. */
export type GramCounts = Array<[string, number]>;

/**
 * Analyses read from a pack hold their file's gram counts (its documents' DocLookup.g summed) under
 * this key, read from the pack when first asked: the corpus-wide totals (commonGrams) are kept apart
 * in the pack, so a warm start reads no document's grams.
 */
export const FILE_GRAMS = Symbol.for('policy-draft.fileGrams');

/** Analyses carrying their documents' lookup records (read from a pack) hold them under this key. */
export const DOC_LOOKUPS = Symbol.for('policy-draft.docLookups');

/** Each document's lookup record (DocLookup), computed from the analysis. */
export function docLookups(file: FileAnalysis, gaz: Gazetteer): DocLookup[] {
  return file.docs.map((doc, ord) => {
    const figures = file.figures[ord] ?? [];
    const keys = new Set<string>();
    for (const f of figures) for (const k of figureKeys(f)) keys.add(k);
    const claims = corpusDocClaims(doc, figures);
    for (const c of claims) for (const k of claimKeys(c)) keys.add(k);
    const grams = new Map<string, number>();
    for (const seg of segmentsOf(doc.text, claims, doc.id)) {
      for (const k of seg.keys) {
        const g = keyGram(k);
        grams.set(g, (grams.get(g) ?? 0) + 1);
      }
    }
    const out: DocLookup = { k: [...keys], g: [...grams], m: [] };
    if (doc.source !== file.source) out.s = doc.source;
    const mentions = file.mentions[ord] ?? [];
    if (mentions.length === 0) return out;
    const context = contextOf(mentions, gaz);
    const rows = new Map<string, [number, number, number]>();
    const add = (k: string, start: number, end: number) => {
      const r = rows.get(k);
      if (!r) rows.set(k, [1, start, end]);
      else {
        r[0]++;
        if (start < r[1] || (start === r[1] && end < r[2])) {
          r[1] = start;
          r[2] = end;
        }
      }
    };
    for (const m of mentions) {
      add(`n:${m.text}`, m.start, m.end);
      for (const c of resolveCodes(m.codes, context)) add(`c:${c}`, m.start, m.end);
    }
    for (const [k, [count, start, end]] of rows) {
      const a = lineColAt(file.lineStarts, toOriginal(doc.map, start));
      const b = lineColAt(file.lineStarts, toOriginal(doc.map, Math.max(start, end - 1)) + 1);
      out.m.push([k, count, start, end, a.line, a.character, b.line, b.character]);
    }
    return out;
  });
}

/**
 * The lookup records of a file's documents: those stored with it (DOC_LOOKUPS), else computed
 * (a gazetteer given as a function is built only then).
 */
export function lookupsOf(file: FileAnalysis, gaz: Gazetteer | (() => Gazetteer)): DocLookup[] {
  const known = (file as unknown as Record<symbol, DocLookup[] | undefined>)[DOC_LOOKUPS];
  return known ?? docLookups(file, typeof gaz === 'function' ? gaz() : gaz);
}

/** The documents' gram counts summed, or undefined when a record carries none (read from a pack). */
export function summedGrams(lookups: readonly DocLookup[]): GramCounts | undefined {
  const sum = new Map<string, number>();
  for (const rec of lookups) {
    if (!rec.g) return undefined;
    for (const [g, c] of rec.g) sum.set(g, (sum.get(g) ?? 0) + c);
  }
  return [...sum];
}

/**
 * A file's gram counts (its documents' DocLookup.g summed): those it holds (FILE_GRAMS), else from
 * its lookup records (`lookups` when already read), else computed from the analysis (a damaged gram
 * record reads as none).
 */
export function fileGramsOf(file: FileAnalysis, gaz: Gazetteer | (() => Gazetteer), lookups?: readonly DocLookup[]): GramCounts {
  const known = (file as unknown as Record<symbol, GramCounts | undefined>)[FILE_GRAMS];
  if (known) return known;
  lookups ??= lookupsOf(file, gaz);
  if (lookups.length === 0) return [];
  return summedGrams(lookups) ?? summedGrams(docLookups(file, typeof gaz === 'function' ? gaz() : gaz))!;
}

/** Adds (sign 1) or takes away (sign -1) `grams` to `totals`; a count that reaches 0 is removed. */
export function addGrams(totals: Map<string, number>, grams: GramCounts, sign: 1 | -1 = 1): void {
  for (const [g, c] of grams) {
    const n = (totals.get(g) ?? 0) + sign * c;
    if (n > 0) totals.set(g, n);
    else totals.delete(g);
  }
}

/** The bigrams too common across a corpus to find a restatement by (FigureIndex.commonGrams), in order. */
export function commonGramsOf(totals: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  for (const [g, n] of totals) if (n > COMMON_POSTINGS) out.push(g);
  return out.sort();
}
