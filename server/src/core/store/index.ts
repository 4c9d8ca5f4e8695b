// The index store: where the corpus index a check reads comes from. Two kinds:
// - embedded: the in-process snapshot (today's index, built from the disk cache), returned whole;
// - shared (a database): asked only for a draft's lookup keys (keys.ts), whose answers are assembled
//   into a small snapshot holding every corpus document, figure and region mention the checks and
//   hovers of that draft could read. The checks stay synchronous and unchanged over either.
import { assembleSnapshot, type CorpusSnapshot, type CorpusStats, type FileAnalysis } from '../corpus/snapshot';
import type { Citation, CorpusDocument, CorpusRef } from '../model';
import type { PhraseIndex } from '../phrases';
import { INDEX_VERSION } from '../phrases/types';
import type { Gazetteer, MentionTotals, NameUse, RegionIndex } from '../regions';
import { findUnknown } from '../regions/check-unknown';
import { LineCache } from '../text/lineCache';
import { toSimplified } from '../text/script';
import { draftKeys, type DraftKeys } from './keys';

export { claimKey, claimKeys, corpusDocClaims, documentKeys, draftKeys, figureKeys } from './keys';
export type { ClaimRow, DocumentKeys, DraftKeys, MentionRow } from './keys';

export interface IndexStore {
  readonly kind: 'embedded' | 'shared';
  /** A snapshot that answers the checks and hovers of this draft as the whole index would. */
  snapshotFor(text: string, options?: { teamRegions?: ReadonlySet<string> }): Promise<CorpusSnapshot>;
  close(): Promise<void>;
}

/** The embedded store: today's snapshot, whole. */
export function embeddedStore(snapshot: () => CorpusSnapshot): IndexStore {
  return { kind: 'embedded', snapshotFor: async () => snapshot(), close: async () => undefined };
}

/** A corpus document as a shared store returns it: the document, its file's line starts, its figures. */
export interface StoredDocument {
  /** Identifies the stored document and its version (the same id, the same document). */
  id: string;
  /** Order of its file in the corpus (the embedded index's order), then of the document in the file. */
  fileOrder: number;
  docOrder: number;
  lineStarts: number[];
  doc: CorpusDocument;
  figures: FileAnalysis['figures'][number];
}

/**
 * What the store holds of one name's (or one code's) mentions in one document: how many, and the
 * first (the region hover cites each document's first mention), with the document it is in.
 */
export interface StoredMention {
  /** The name mentioned, or the region code the mentions resolve to. */
  name?: string;
  code?: string;
  n: number;
  start: number;
  end: number;
  cite?: Citation;
  docId: string;
  source: string;
  title: string;
  date?: string;
  /**
   * On one row of a name or code the store lists only in part (a name in many documents: the rows of
   * its latest documents, node/store/writer.ts): its counts over all its documents.
   */
  totals?: MentionTotals;
}

/** What a shared store answers; each call is one lookup by keys. */
export interface IndexReader {
  /** Documents holding a figure under one of `figureKeys` or a claim under one of `claimKeys`. */
  documents(figureKeys: readonly string[], claimKeys: readonly string[]): Promise<StoredDocument[]>;
  /** The mentions named one of `names` or resolved to one of `codes`, one row per name or code and document. */
  mentions(names: readonly string[], codes: readonly string[]): Promise<StoredMention[]>;
  stats(): Promise<CorpusStats>;
  /** Bigrams too common in the whole corpus's clauses to find a restatement by (FigureIndex.commonGrams). */
  commonGrams(): Promise<string[]>;
}

/** A map that notes the keys asked of it that it was not filled for (they were not looked up). */
class AskedMap<K, V> extends Map<K, V> {
  readonly unknown = new Set<K>();
  constructor(private readonly looked: ReadonlySet<K>) {
    super();
  }
  override get(k: K): V | undefined {
    if (!this.looked.has(k)) this.unknown.add(k);
    return super.get(k);
  }
  override has(k: K): boolean {
    if (!this.looked.has(k)) this.unknown.add(k);
    return super.has(k);
  }
}

function regionIndexOf(rows: readonly StoredMention[], names: ReadonlySet<string>, codes: ReadonlySet<string>, count: number) {
  const byName = new AskedMap<string, NameUse>(names);
  const byCode = new AskedMap<string, CorpusRef[]>(codes);
  const codeTotals = new Map<string, MentionTotals>();
  for (const r of rows) {
    // n references to the document's first mention: the checks count references and the documents
    // and sources they are in; the hover cites each document's first one
    const ref: CorpusRef = { docId: r.docId, start: r.start, end: r.end };
    const refs = Array.from({ length: r.n }, () => ref);
    if (r.name !== undefined && names.has(r.name)) {
      let use = byName.get(r.name);
      if (!use) byName.set(r.name, (use = { count: 0, sources: new Set(), titles: new Set(), refs: [] }));
      use.count += r.n;
      use.sources.add(r.source);
      use.titles.add(r.title);
      use.refs.push(...refs);
      if (r.totals) use.totals = r.totals;
    }
    if (r.code !== undefined && codes.has(r.code)) {
      const list = byCode.get(r.code);
      if (list) list.push(...refs);
      else byCode.set(r.code, refs);
      if (r.totals) codeTotals.set(r.code, r.totals);
    }
  }
  // a name listed in part counts every mention
  for (const use of byName.values()) if (use.totals) use.count = use.totals.mentions;
  byName.unknown.clear();
  byCode.unknown.clear();
  const index: RegionIndex = { count, byCode, byName, ...(codeTotals.size ? { codeTotals } : {}) };
  return { index, byName, byCode };
}

const EMPTY_PHRASES: PhraseIndex = { version: INDEX_VERSION, count: 0, docs: [], phrases: [], keys: [], keyPhrase: [] };

/** Drafts' lines simplified (partialFromReader): an edit converts only the lines it touched. */
const simplifiedLines = new LineCache<string>(2_000_000);

/**
 * The simplified form of a draft, converted line by line and cached by line content (the conversion
 * never crosses a line break: the same as converting the whole text, as the service's line forms do).
 */
export function simplifiedDraft(text: string): string {
  const parts: string[] = [];
  for (let offset = 0; ;) {
    const nl = text.indexOf('\n', offset);
    parts.push(simplifiedLines.get(text.slice(offset, nl < 0 ? text.length : nl), toSimplified));
    if (nl < 0) break;
    offset = nl + 1;
  }
  simplifiedLines.done();
  return parts.join('\n');
}

/** Rounds of region lookups: the check may ask for names it meets only once the first answers are in. */
const REGION_ROUNDS = 4;

/** Where a draft's lookups spent their time, in milliseconds (bench). */
export interface StoreTimings {
  keys?: number;
  lookups?: number;
  assemble?: number;
  probe?: number;
}

export interface SnapshotCache {
  /** The documents' ids and the snapshot assembled from them, reused while a draft finds the same ones. */
  last?: { ids: string; base: CorpusSnapshot };
  /**
   * Names and codes the region checks asked about beyond a draft's own mentions (near misses): looked
   * up with the next version's keys, so after an edit the probe usually runs once. More names than
   * asked only add exact entries.
   */
  asked?: { names: Set<string>; codes: Set<string> };
  /**
   * Every place name and code of the drafts looked up so far (their own mentions): a draft that brings
   * none beyond these is, for the region checks, an edit of one already probed (partialFromReader's
   * `probe: 'when-new'`).
   */
  seen?: Set<string>;
  /** The whole snapshot of the last answer, reused while its documents and mentions are the same. */
  whole?: { key: string; base: CorpusSnapshot; built: { snapshot: CorpusSnapshot; byName: AskedMap<string, NameUse>; byCode: AskedMap<string, CorpusRef[]> } };
}

/** Names and codes kept for the next lookups (SnapshotCache.asked) before they are forgotten. */
const ASKED_MAX = 5_000;

/**
 * What a shared store answered for one draft, as plain data (it may be posted to another thread and
 * assembled there): the documents found, the region mentions, and what they were looked up by.
 */
export interface PartialCorpus {
  /** In the embedded index's order. */
  documents: StoredDocument[];
  mentions: StoredMention[];
  names: string[];
  codes: string[];
  stats: CorpusStats;
  commonGrams: string[];
}

/** One FileAnalysis per file, holding the documents found (in the embedded index's order). */
function assembleFiles(stored: readonly StoredDocument[], gaz: Gazetteer): CorpusSnapshot {
  const files: FileAnalysis[] = [];
  for (const s of stored) {
    let f = files[files.length - 1];
    if (!f || f.source !== s.doc.source) {
      f = {
        version: 0, source: s.doc.source, hash: '', bytes: 0, notes: [], lineStarts: s.lineStarts,
        docs: [], tokenLengths: [], figures: [], mentions: [],
      };
      files.push(f);
    }
    f.docs.push(s.doc);
    f.figures.push(s.figures);
    f.mentions.push([]);
  }
  return assembleSnapshot(files, gaz, EMPTY_PHRASES);
}

function assembleWith(p: PartialCorpus, gaz: Gazetteer, cache?: SnapshotCache) {
  // The same documents as last time (an editor checks the draft again after each edit): the same
  // snapshot, whose figure index keeps the claims the checks read from it.
  const ids = `${p.commonGrams.join('')}\n${p.documents.map(s => `${s.id}@${s.fileOrder}`).join('\n')}`;
  const cached = cache?.last?.ids === ids ? cache.last.base : undefined;
  const base = cached ?? assembleFiles(p.documents, gaz);
  base.figures.commonGrams = p.commonGrams;
  if (cache) cache.last = { ids, base };
  // the same mentions too: the same snapshot object (the checks' caches by snapshot part stay warm)
  const mentionKey = `${[...p.names].sort().join('|')}\n${[...p.codes].sort().join('|')}\n${JSON.stringify(p.stats)}\n${p.mentions.map(m => `${m.name ?? ''}/${m.code ?? ''}/${m.docId}/${m.n}/${m.start}${m.totals ? `/${m.totals.mentions}/${m.totals.docs}` : ''}`).join('|')}`;
  if (cached && cache?.whole?.key === mentionKey && cache.whole.base === base) {
    cache.whole.built.byName.unknown.clear();
    cache.whole.built.byCode.unknown.clear();
    return cache.whole.built;
  }
  const region = regionIndexOf(p.mentions, new Set(p.names), new Set(p.codes), p.mentions.reduce((n, m) => n + m.n, 0));
  const docs = new Map(base.docs);
  const cites = new Map<string, Citation>();
  // documents that are only mentioned (their source, title and date): what a region hover and the checks read of them
  for (const r of p.mentions) {
    if (r.cite) cites.set(`${r.docId}\0${r.start}\0${r.end}`, r.cite);
    if (!docs.has(r.docId)) docs.set(r.docId, { id: r.docId, source: r.source, title: r.title, date: r.date, text: '', display: '', map: [] });
  }
  const snapshot: CorpusSnapshot = {
    ...base,
    regions: region.index,
    docs,
    stats: p.stats,
    cite: (ref: CorpusRef) => base.cite(ref) ?? cites.get(`${ref.docId}\0${ref.start}\0${ref.end}`),
  };
  const built = { snapshot, byName: region.byName, byCode: region.byCode };
  if (cache) cache.whole = { key: mentionKey, base, built };
  return built;
}

/** The snapshot a partial corpus stands for (the checks and hovers of its draft read it as the whole index). */
export function assemblePartial(p: PartialCorpus, gaz: Gazetteer, cache?: SnapshotCache): CorpusSnapshot {
  return assembleWith(p, gaz, cache).snapshot;
}

/**
 * What a shared store holds for one draft: its keys looked up; then the region checks run on what
 * was found, and what they asked for and did not get is looked up too, until they ask for nothing new.
 */
export async function partialFromReader(
  reader: IndexReader, gaz: Gazetteer, text: string,
  options: {
    teamRegions?: ReadonlySet<string>; keys?: DraftKeys; cache?: SnapshotCache; timings?: StoreTimings;
    /**
     * When the region checks are run on the draft beforehand to learn what they ask (the probe):
     * 'always' (the default), or 'when-new': only when the draft names a place or code no draft
     * looked up with this cache named; otherwise the caller checks at once and asks what the check
     * missed (missedAsks, askMissed: checkWithReader does both).
     */
    probe?: 'always' | 'when-new';
  } = {},
): Promise<{ partial: PartialCorpus; snapshot: CorpusSnapshot }> {
  const time = options.timings;
  let t = time ? performance.now() : 0;
  const lap = (k: keyof StoreTimings) => {
    if (!time) return;
    const now = performance.now();
    time[k] = (time[k] ?? 0) + now - t;
    t = now;
  };
  const norm = simplifiedDraft(text);
  const keys = options.keys ?? draftKeys(norm, gaz);
  lap('keys');
  const asked = options.cache ? (options.cache.asked ??= { names: new Set(), codes: new Set() }) : undefined;
  if (asked && asked.names.size + asked.codes.size > ASKED_MAX) {
    asked.names.clear();
    asked.codes.clear();
  }
  const names = new Set([...keys.regionNames, ...(asked?.names ?? [])]), codes = new Set([...keys.regionCodes, ...(asked?.codes ?? [])]);
  let probe = options.probe !== 'when-new' || !options.cache;
  if (options.cache) {
    const seen = (options.cache.seen ??= new Set());
    if (seen.size > ASKED_MAX) seen.clear();
    for (const k of [...keys.regionNames.map(n => `n:${n}`), ...keys.regionCodes.map(c => `c:${c}`)]) {
      if (seen.has(k)) continue;
      seen.add(k);
      probe = true;
    }
  }
  const [documents, stats, mentions, commonGrams] = await Promise.all([
    keys.figureKeys.length || keys.claimKeys.length ? reader.documents(keys.figureKeys, keys.claimKeys) : Promise.resolve([]),
    reader.stats(),
    names.size || codes.size ? reader.mentions([...names], [...codes]) : Promise.resolve([]),
    reader.commonGrams(),
  ]);
  lap('lookups');
  documents.sort((a, b) => a.fileOrder - b.fileOrder || a.docOrder - b.docOrder);
  const partial: PartialCorpus = { documents, mentions, names: [...names], codes: [...codes], stats, commonGrams };
  const draft = { text, norm };
  for (let round = 0; ; round++) {
    const built = assembleWith(partial, gaz, options.cache);
    lap('assemble');
    if (round === REGION_ROUNDS || !probe) return { partial, snapshot: built.snapshot };
    // the part of the region checks that reads the corpus (checkRegions = checkHierarchy, which does
    // not, and checkUnknown = findUnknown and its messages)
    findUnknown(draft, gaz, built.snapshot.regions, options.teamRegions ?? new Set(), () => false, built.snapshot.docs);
    lap('probe');
    const moreNames = [...built.byName.unknown].filter(n => !names.has(n));
    const moreCodes = [...built.byCode.unknown].filter(c => !codes.has(c));
    if (moreNames.length === 0 && moreCodes.length === 0) {
      built.byName.unknown.clear();
      built.byCode.unknown.clear();
      return { partial, snapshot: built.snapshot };
    }
    for (const n of moreNames) {
      names.add(n);
      asked?.names.add(n);
    }
    for (const c of moreCodes) {
      codes.add(c);
      asked?.codes.add(c);
    }
    partial.mentions = [...partial.mentions, ...(await reader.mentions(moreNames, moreCodes))];
    lap('lookups');
    partial.names = [...names];
    partial.codes = [...codes];
  }
}

/**
 * The place names and codes the checks asked of `snapshot`'s region index (assembled from a partial
 * corpus) that were not looked up, or undefined when they asked for nothing missing: then what they
 * found stands. Read once: the record is cleared.
 */
export function missedAsks(snapshot: CorpusSnapshot): { names: string[]; codes: string[] } | undefined {
  const { byName, byCode } = snapshot.regions;
  if (!(byName instanceof AskedMap) || !(byCode instanceof AskedMap)) return undefined;
  const names = [...(byName as AskedMap<string, NameUse>).unknown], codes = [...(byCode as AskedMap<string, CorpusRef[]>).unknown];
  byName.unknown.clear();
  byCode.unknown.clear();
  return names.length || codes.length ? { names, codes } : undefined;
}

/** `partial` with the mentions of `missed` looked up too (remembered in `cache` for the next versions), assembled. */
export async function askMissed(
  reader: IndexReader, gaz: Gazetteer, partial: PartialCorpus, missed: { names: readonly string[]; codes: readonly string[] }, cache?: SnapshotCache,
): Promise<{ partial: PartialCorpus; snapshot: CorpusSnapshot }> {
  const names = new Set(partial.names), codes = new Set(partial.codes);
  const moreNames = missed.names.filter(n => !names.has(n)), moreCodes = missed.codes.filter(c => !codes.has(c));
  const asked = cache ? (cache.asked ??= { names: new Set(), codes: new Set() }) : undefined;
  for (const n of moreNames) asked?.names.add(n);
  for (const c of moreCodes) asked?.codes.add(c);
  const more = moreNames.length || moreCodes.length ? await reader.mentions(moreNames, moreCodes) : [];
  const next: PartialCorpus = {
    ...partial, mentions: [...partial.mentions, ...more], names: [...names, ...moreNames], codes: [...codes, ...moreCodes],
  };
  return { partial: next, snapshot: assembleWith(next, gaz, cache).snapshot };
}

/**
 * A draft checked against a shared store without the probe when the draft is an edit of one probed
 * before (partialFromReader `probe: 'when-new'`): `check` runs on the snapshot; if it asked for place
 * names or codes that were not looked up, they are looked up and it runs again (its answer is then the
 * one a probed snapshot gives). An edit costs the lookups of its new keys and one check, not a probe
 * (a pass of the region checks) and a check.
 */
export async function checkWithReader<T>(
  reader: IndexReader, gaz: Gazetteer, text: string, check: (snapshot: CorpusSnapshot) => T,
  options: { teamRegions?: ReadonlySet<string>; cache?: SnapshotCache; timings?: StoreTimings; rechecks?: { n: number } } = {},
): Promise<{ result: T; partial: PartialCorpus; snapshot: CorpusSnapshot }> {
  let { partial, snapshot } = await partialFromReader(reader, gaz, text, { ...options, probe: 'when-new' });
  for (let round = 0; ; round++) {
    const result = check(snapshot);
    const missed = missedAsks(snapshot);
    if (!missed || round === REGION_ROUNDS) return { result, partial, snapshot };
    if (options.rechecks) options.rechecks.n++;
    ({ partial, snapshot } = await askMissed(reader, gaz, partial, missed, options.cache));
  }
}

/** The snapshot for one draft from a shared store (partialFromReader, assembled). */
export async function snapshotFromReader(
  reader: IndexReader, gaz: Gazetteer, text: string,
  options: { teamRegions?: ReadonlySet<string>; keys?: DraftKeys; cache?: SnapshotCache } = {},
): Promise<CorpusSnapshot> {
  return (await partialFromReader(reader, gaz, text, options)).snapshot;
}

export { assemblePhrases, completionPrefixes, phrasePrefixes, storedPhrases, PHRASE_RANGE } from './phrases';
export type { PhraseMeta, PhraseRows, StoredPhrase } from './phrases';
export { formatOfficeIndexReport, type OfficeIndexReport } from './report';
