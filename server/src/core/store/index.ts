// The index store: where the corpus index a check reads comes from. Two kinds:
// - embedded: the in-process snapshot (today's index, built from the disk cache), returned whole;
// - shared (a database): asked only for a draft's lookup keys (keys.ts), whose answers are assembled
//   into a small snapshot holding every corpus document, figure and region mention the checks and
//   hovers of that draft could read. The checks stay synchronous and unchanged over either.
import { assembleSnapshot, type CorpusSnapshot, type CorpusStats, type FileAnalysis } from '../corpus/snapshot';
import type { Citation, CorpusDocument, CorpusRef } from '../model';
import type { PhraseIndex } from '../phrases';
import { INDEX_VERSION } from '../phrases/types';
import { checkRegions, type Gazetteer, type NameUse, type RegionIndex } from '../regions';
import { createLocalizer } from '../l10n';
import { toSimplified } from '../text/script';
import { draftKeys, type DraftKeys, type MentionRow } from './keys';

export { claimKey, corpusDocClaims, documentKeys, draftKeys, figureKeys } from './keys';
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

/** A mention row with the document it is in. */
export interface StoredMention extends MentionRow {
  docId: string;
  source: string;
  title: string;
  date?: string;
}

/** What a shared store answers; each call is one lookup by keys. */
export interface IndexReader {
  /** Documents holding a figure under one of `figureKeys` or a claim under one of `claimKeys`. */
  documents(figureKeys: readonly string[], claimKeys: readonly string[]): Promise<StoredDocument[]>;
  /** Every mention named one of `names` or resolved to one of `codes`. */
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
  for (const r of rows) {
    const ref: CorpusRef = { docId: r.docId, start: r.start, end: r.end };
    if (names.has(r.name)) {
      let use = byName.get(r.name);
      if (!use) byName.set(r.name, (use = { count: 0, sources: new Set(), titles: new Set(), refs: [] }));
      use.count++;
      use.sources.add(r.source);
      use.titles.add(r.title);
      use.refs.push(ref);
    }
    for (const c of r.codes) {
      if (!codes.has(c)) continue;
      const list = byCode.get(c);
      if (list) list.push(ref);
      else byCode.set(c, [ref]);
    }
  }
  byName.unknown.clear();
  byCode.unknown.clear();
  const index: RegionIndex = { count, byCode, byName };
  return { index, byName, byCode };
}

const probeT = createLocalizer(undefined);
const EMPTY_PHRASES: PhraseIndex = { version: INDEX_VERSION, count: 0, docs: [], phrases: [], keys: [], keyPhrase: [] };

/** Rounds of region lookups: the check may ask for names it meets only once the first answers are in. */
const REGION_ROUNDS = 4;

/**
 * The snapshot for one draft from a shared store: its keys looked up, the documents and mentions
 * found assembled as the embedded index would hold them.
 */
export interface SnapshotCache {
  /** The documents' ids and the snapshot assembled from them, reused while a draft finds the same ones. */
  last?: { ids: string; base: CorpusSnapshot };
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

/**
 * The snapshot for one draft from a shared store: its keys looked up, the documents and mentions
 * found assembled as the embedded index would hold them.
 */
export async function snapshotFromReader(
  reader: IndexReader, gaz: Gazetteer, text: string,
  options: { teamRegions?: ReadonlySet<string>; keys?: DraftKeys; cache?: SnapshotCache } = {},
): Promise<CorpusSnapshot> {
  const norm = toSimplified(text);
  const keys = options.keys ?? draftKeys(norm, gaz);
  const names = new Set(keys.regionNames), codes = new Set(keys.regionCodes);
  const [stored, stats, firstMentions, common] = await Promise.all([
    keys.figureKeys.length || keys.claimKeys.length ? reader.documents(keys.figureKeys, keys.claimKeys) : Promise.resolve([]),
    reader.stats(),
    names.size || codes.size ? reader.mentions([...names], [...codes]) : Promise.resolve([]),
    reader.commonGrams(),
  ]);
  stored.sort((a, b) => a.fileOrder - b.fileOrder || a.docOrder - b.docOrder);
  // The same documents as last time (an editor checks the draft again after each edit): the same
  // snapshot, whose figure index keeps the claims the checks read from it.
  const ids = `${common.join('')}\n${stored.map(s => `${s.id}@${s.fileOrder}`).join('\n')}`;
  const cached = options.cache?.last?.ids === ids ? options.cache.last.base : undefined;
  const base = cached ?? assembleFiles(stored, gaz);
  base.figures.commonGrams = common;
  if (options.cache) options.cache.last = { ids, base };

  let rows = firstMentions;
  let region = regionIndexOf(rows, names, codes, 0);
  const docs = new Map(base.docs);
  const cites = new Map<string, Citation>();
  const snapshot: CorpusSnapshot = {
    ...base,
    regions: region.index,
    docs,
    stats,
    cite: (ref: CorpusRef) => base.cite(ref) ?? cites.get(`${ref.docId}\0${ref.start}\0${ref.end}`),
  };
  // The region checks ask for words they find suspicious and for the codes they suggest: run them on
  // what was found, look up what they asked for and did not get, until they ask for nothing new.
  const draft = { text, norm };
  const ctx = { t: probeT, cite: snapshot.cite, docs, isSelf: () => false };
  for (let round = 0; round < REGION_ROUNDS; round++) {
    checkRegions(draft, gaz, region.index, options.teamRegions ?? new Set(), ctx);
    const moreNames = [...region.byName.unknown].filter(n => !names.has(n));
    const moreCodes = [...region.byCode.unknown].filter(c => !codes.has(c));
    if (moreNames.length === 0 && moreCodes.length === 0) break;
    for (const n of moreNames) names.add(n);
    for (const c of moreCodes) codes.add(c);
    rows = [...rows, ...(await reader.mentions(moreNames, moreCodes))];
    region = regionIndexOf(rows, names, codes, 0);
  }
  // documents that are only mentioned: what a region hover and the checks read of them
  for (const r of rows) {
    if (r.cite) cites.set(`${r.docId}\0${r.start}\0${r.end}`, r.cite);
    if (!docs.has(r.docId)) docs.set(r.docId, { id: r.docId, source: r.source, title: r.title, date: r.date, text: '', display: '', map: [] });
  }
  snapshot.regions = { ...region.index, count: rows.length };
  return snapshot;
}
