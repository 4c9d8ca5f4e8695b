// Builds the corpus analyses on disk: reads files, reuses cached analyses keyed by content hash,
// analyses only what changed, and mines phrases (cached by the set of file hashes).
// The cache is one pack file per corpus (node/pack.ts): every analysis a compressed record, read back
// one by one, so a restart reads one file and memory does not hold the cache twice. Every file goes
// through node/files.ts (regular files only, bounded); a record or pack that fails its checksum is
// dropped and rebuilt; the cache is pruned by age and size.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, utimesSync } from 'node:fs';
import { homedir } from 'node:os';
import { extname, join } from 'node:path';
import { ANALYSIS_VERSION, docSummaries, type FileAnalysis, type SkipReason } from '../core/corpus/snapshot';
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { CorpusDocument } from '../core/model';
import { keyedIndex, type KeyedIndex } from '../core/store/memory';
import { addGrams, DOC_LOOKUPS, docLookups, FILE_GRAMS, fileGramsOf, lookupsOf, type DocLookup, type GramCounts } from '../core/store/keys';
import { minePhrases, PHRASE_INDEX_VERSION, type PhraseIndex } from '../core/phrases';
import type { MiningInput } from '../core/phrases/stream';
import type { PolicyService } from '../core/service';
import { inspectPath, isAncestorLoop, MAX_DOCUMENT_BYTES, MAX_LINK_HOPS, readFileBounded, type ReadFailure } from './files';
import { gazetteerVersion } from './gazetteer';
import { analyzeBytes, ExtractPool, extractWorkerCount, type AnalyzedFile, type ExtractReply, type PackedFile } from './extractPool';
import {
  decodeGrams, decodeKeyed, decodeLookups, decodeRecord, decodeSegments, encodeGrams, encodeKeyed, encodeLookups, encodeRecord, encodeSegments, laterRecord, lazyAnalysis, openPack,
  PackWriter, recordPending, summaryOf, tokenLengthsPending,
  type FileSummary, type PackFile, type PackReader, type RecordRef,
} from './pack';
import { expectedSegmenter } from './segmenter';
import { pushMiningInputs } from './mine';
import type { MineJob, MineMessage } from './mineChild';
import { trace } from './trace';

/** Document types read as corpus text; anything else in a corpus folder is listed as skipped. */
export const CORPUS_EXTENSIONS = new Set(['', '.txt', '.text', '.md', '.markdown', '.gw']);

/** Files above this size are skipped with a message (a corpus file is an article, not a dump). */
export const MAX_FILE_BYTES = MAX_DOCUMENT_BYTES;

/** Default bound of the on-disk cache: $POLICY_DRAFT_CACHE_MAX_MB megabytes, else 200 MB. */
export function defaultCacheMaxBytes(): number {
  const mbEnv = Number(process.env.POLICY_DRAFT_CACHE_MAX_MB);
  return (Number.isFinite(mbEnv) && mbEnv >= 0 && process.env.POLICY_DRAFT_CACHE_MAX_MB !== '' ? mbEnv : 200) * 1024 * 1024;
}
/** Cache entries not used for this long are pruned ($POLICY_DRAFT_CACHE_MAX_DAYS, else 30 days). */
export function defaultCacheMaxAgeMs(): number {
  const days = Number(process.env.POLICY_DRAFT_CACHE_MAX_DAYS);
  return (Number.isFinite(days) && days > 0 ? days : 30) * 86_400_000;
}

/** The disk cache's layout (node/pack.ts): part of every cache key. */
const PACK_FORMAT = 4; // 3: summaries carry each document's lookup record (keys.ts DocLookup); 4: lookups and token lengths in records of their own

declare const __POLICY_DRAFT_CODE_HASH__: string | undefined;
let fingerprintCache: string | undefined;
/** Changes whenever the running code changes, so stale analyses are never reused. */
export function codeFingerprint(): string {
  if (!fingerprintCache) {
    const h = createHash('sha1').update(String(ANALYSIS_VERSION)).update(`pack-${PACK_FORMAT}`).update(gazetteerVersion());
    h.update(expectedSegmenter()); // the two segmenters' token lengths differ slightly
    // One hash of the sources all bundles are built from (esbuild defines it), so the CLI and the
    // server share cache entries; run from source (tsx), this module's own text stands in.
    if (typeof __POLICY_DRAFT_CODE_HASH__ === 'string') h.update(__POLICY_DRAFT_CODE_HASH__);
    else {
      try {
        h.update(readFileSync(__filename));
      } catch {
        /* running from memory: version only */
      }
    }
    fingerprintCache = h.digest('hex').slice(0, 12);
  }
  return fingerprintCache;
}

export function defaultCacheDir(): string {
  if (process.env.POLICY_DRAFT_CACHE) return process.env.POLICY_DRAFT_CACHE;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'policy-draft');
}

export interface IndexProgress {
  done: number;
  total: number;
  file?: string;
}

export interface IndexOptions {
  /** null disables the disk cache. */
  cacheDir?: string | null;
  /** Analyses of the previous snapshot, reused when a file's hash is unchanged. */
  previous?: readonly FileAnalysis[];
  onProgress?: (p: IndexProgress) => void;
  maxBytes?: number;
  /** Bound of the disk cache in bytes (default: defaultCacheMaxBytes()). */
  cacheMaxBytes?: number;
  /** Entries unused for longer are pruned (default: defaultCacheMaxAgeMs()). */
  cacheMaxAgeMs?: number;
  /** Extraction workers beside this thread (default: extractWorkerCount(); 0: none). */
  workers?: number;
  /** The bundle holding the extraction worker (default: indexWorker.js beside this bundle). */
  workerScript?: string;
  /**
   * Every file to analyse goes to the extraction workers, the pool started at the first one (tests
   * that compare the workers' analyses with this thread's; by default this thread analyses files
   * too, and the workers are given no more than it has left to do).
   */
  workersTakeAll?: boolean;
  locale?: string;
  /**
   * When phrases are mined (the only use of segmentation): 'now' (default) before indexCorpus
   * returns; 'later' when result.phrases is first read. With 'later' indexCorpus returns as soon as
   * every file's figures, mentions and lookup records are in (all the checks read), and the pack is
   * written then; mining adds the token lengths and the mined phrases to it.
   */
  phrases?: 'now' | 'later';
  /** Called between files while mining segments them (the index worker answers lookups there). */
  onMiningStep?: () => void;
  /**
   * The bundle that mines in a process of its own (IndexResult.preparePhrases; default: mine.js
   * beside this bundle, none when running from source); null: always on this thread.
   */
  mineScript?: string | null;
}

/** Progress of mining in its own process: files read (and segmented where the pack has no token lengths). */
export interface MiningProgress {
  done: number;
  total: number;
}

export interface IndexResult {
  files: FileAnalysis[];
  /** The mined phrases: read from the cache, or mined when first read (IndexOptions.phrases 'later'). */
  phrases: PhraseIndex;
  /** True while reading `phrases` would mine them (segmenting every file the cache has no token lengths of). */
  readonly phrasesPending: boolean;
  /**
   * Mines the phrases in a short-lived process of its own (IndexOptions.mineScript) when they are
   * pending and the pack was written: the process segments, mines and extends the pack, and exits, so
   * the dictionaries and the mining tables never take this process's memory; `phrases` then reads the
   * mined table from the pack. Resolves when reading `phrases` mines nothing here: at once when
   * nothing is pending or there is no pack (then `phrases` mines on this thread, as before). Should
   * the process fail or crash, `phrases` is an empty index (completion has no corpus phrases; the
   * checks never read them), and the reason is logged to stderr.
   */
  preparePhrases(onProgress?: (p: MiningProgress) => void): Promise<void>;
  fromCache: number;
  analyzed: number;
  phrasesFromCache: boolean;
  /** Cache entries found corrupt (checksum or shape) and rebuilt. */
  corruptCache: number;
  /** Cache entries removed by pruning after this run. */
  pruned: number;
  /** Files whose figures and mentions came from extraction workers. */
  extractedByWorkers: number;
  /** The disk cache holds exactly this result (a later run reads it back instead of keeping it in memory). */
  packed: boolean;
  /**
   * The gram counts of every file summed (keys.ts FILE_GRAMS; the local index's common grams), when
   * the pack gave or took them: read from its header, or the old totals updated by the files added
   * and gone. Undefined without a pack (a reader sums the files' counts).
   */
  readonly gramTotals?: Map<string, number>;
  /**
   * The local index's key maps over `files` (memory.ts KeyedIndex), when the pack gave or took them:
   * built as the pack was written, or read from it (decoded when first read).
   */
  readonly keyed?: KeyedIndex;
}

function sha1(data: Uint8Array | string): string {
  return createHash('sha1').update(data).digest('hex');
}

/** Marks a cache entry as used now (pruning removes the least recently used first). */
function touch(path: string): void {
  try {
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    /* read-only cache: pruning falls back to write times */
  }
}

const isArr = Array.isArray;
/** The shape the snapshot relies on; a well-formed entry of the wrong shape is not trusted either. */
function validAnalysis(x: unknown, source: string, hash: string): boolean {
  const f = x as FileAnalysis;
  if (!f || typeof f !== 'object' || f.version !== ANALYSIS_VERSION || f.source !== source || f.hash !== hash) return false;
  if (typeof f.bytes !== 'number' || !isArr(f.notes) || !isArr(f.lineStarts) || !isArr(f.docs)) return false;
  // (token lengths are not in the record: a segments record of their own, or made when first read)
  if (!isArr(f.figures) || !isArr(f.mentions)) return false;
  const n = f.docs.length;
  if (f.figures.length !== n || f.mentions.length !== n) return false;
  return f.docs.every(d => d && typeof d.id === 'string' && typeof d.text === 'string' && typeof d.display === 'string' &&
    d.display.length === d.text.length && typeof d.title === 'string' && isArr(d.map));
}

function validPhrases(x: unknown): boolean {
  const p = x as PhraseIndex;
  return !!p && typeof p === 'object' && p.version === PHRASE_INDEX_VERSION && typeof p.count === 'number' &&
    isArr(p.docs) && isArr(p.phrases) && isArr(p.keys) && isArr(p.keyPhrase) && p.keys.length === p.keyPhrase.length;
}

// pack-*.pdp: the cache; file-*/phrases-*.json: entries of earlier versions, pruned like the rest.
const ENTRY_NAME = /^((file|phrases)-[0-9a-f]{40}\.json|pack-[0-9a-f]{40}\.pdp)$/;
const TMP_NAME = /^((file|phrases)-[0-9a-f]{40}\.json|pack-[0-9a-f]{40}\.pdp)\.\d+\.tmp$/;

export interface PruneOptions {
  maxBytes: number;
  maxAgeMs: number;
  /** Entries used by the current run: never removed. */
  keep?: ReadonlySet<string>;
  now?: number;
}

/**
 * Bounds the cache: removes entries unused for longer than maxAgeMs, stale temporary files, then
 * the least recently used entries until the total is within maxBytes. Only touches files this
 * code writes (pack-<sha1>.pdp, and file-/phrases-<sha1>.json of earlier versions). Returns how many
 * were removed.
 */
export function pruneCache(cacheDir: string, opts: PruneOptions): number {
  let names: string[];
  try {
    names = readdirSync(cacheDir);
  } catch {
    return 0;
  }
  const now = opts.now ?? Date.now();
  const entries: Array<{ path: string; size: number; used: number }> = [];
  let removed = 0;
  const remove = (path: string) => {
    try {
      unlinkSync(path);
      removed++;
      return true;
    } catch {
      return false;
    }
  };
  for (const name of names) {
    const isEntry = ENTRY_NAME.test(name);
    if (!isEntry && !TMP_NAME.test(name)) continue;
    const path = join(cacheDir, name);
    let st;
    try {
      st = statSync(path);
    } catch {
      continue;
    }
    if (!st.isFile()) continue;
    const used = st.mtimeMs; // touch() moves it on every use
    if (!isEntry) {
      if (now - st.mtimeMs > 3_600_000) remove(path); // an interrupted write
      continue;
    }
    if (opts.keep?.has(path)) {
      entries.push({ path, size: st.size, used: Infinity });
      continue;
    }
    if (now - used > opts.maxAgeMs) {
      remove(path);
      continue;
    }
    entries.push({ path, size: st.size, used });
  }
  let total = entries.reduce((a, e) => a + e.size, 0);
  if (total > opts.maxBytes) {
    entries.sort((a, b) => a.used - b.used);
    for (const e of entries) {
      if (total <= opts.maxBytes || e.used === Infinity) break;
      if (remove(e.path)) total -= e.size;
    }
  }
  return removed;
}

/** Reads a corpus file the safe way, or says why it is skipped. */
function readCorpusFile(path: string, maxBytes: number): { bytes: Buffer } | { reason: SkipReason; size: number; detail?: string } {
  const r = readFileBounded(path, maxBytes);
  if (r.ok) return { bytes: r.bytes };
  return skipFor(path, r);
}

function skipFor(path: string, f: ReadFailure): { reason: SkipReason; size: number; detail?: string } {
  switch (f.reason) {
    case 'missing': {
      let link = false;
      try {
        link = lstatSync(path).isSymbolicLink();
      } catch {
        /* gone */
      }
      return { reason: 'unreadable', size: 0, detail: link ? 'broken-link' : 'missing' };
    }
    case 'not-regular': {
      if (f.kind === 'directory') {
        const target = inspectPath(path);
        if (target.ok && target.viaLink) {
          if (isAncestorLoop(path, target.target)) return { reason: 'link-loop', size: 0 };
          return { reason: 'not-regular', size: 0, detail: 'duplicate-folder' };
        }
      }
      return { reason: 'not-regular', size: 0, detail: f.kind };
    }
    case 'link-loop': return { reason: 'link-loop', size: 0 };
    case 'link-depth': return { reason: 'link-loop', size: 0, detail: `> ${MAX_LINK_HOPS}` };
    case 'too-large': return { reason: 'too-large', size: f.size, detail: `${(f.size / 1048576).toFixed(1)} MB` };
    case 'unreadable': return { reason: 'unreadable', size: 0, detail: f.message };
  }
}

const PRUNE_INTERVAL_MS = 10 * 60_000;
const lastPruned = new Map<string, number>();

/** Files analysed on this thread before a pool of extraction workers is started (it costs a second). */
const POOL_AFTER_FILES = 3;
/** A corpus without a pack and more files than this to read starts the pool at its first file. */
const POOL_AT_ONCE_FILES = 16;
/** Bytes of files handed to the workers and not yet back: beyond it this thread analyses files itself. */
const IN_FLIGHT_BYTES = 1536 * 1024;

/** Other packs consulted for files the corpus's own pack lacks (another set of folders). */
const MAX_FALLBACK_PACKS = 3;

/** A record found in a pack: copied as is into a new pack (with its lookups and segments records). */
interface PackRef {
  reader: PackReader;
  off: number;
  len: number;
  crc?: number;
  lookups?: RecordRef;
  segments?: RecordRef;
  grams?: RecordRef;
}

/** Token lengths mining wrote for a file after its lazy analysis was made: read from there when asked. */
interface LengthsHolder {
  read?: () => number[][] | undefined;
}

/** Where a file's analysis record (and its segments record) is in the pack this run leaves. */
interface Placed {
  file: PackFile;
  off: number;
  len: number;
  segments?: RecordRef;
}

export function indexCorpus(service: PolicyService, paths: readonly string[], opts: IndexOptions = {}): IndexResult {
  const cacheDir = opts.cacheDir === undefined ? defaultCacheDir() : opts.cacheDir;
  const fp = codeFingerprint();
  if (cacheDir) {
    try {
      mkdirSync(cacheDir, { recursive: true });
    } catch {
      /* no cache */
    }
  }
  const previous = new Map((opts.previous ?? []).map(f => [f.source, f]));
  const maxBytes = opts.maxBytes ?? MAX_FILE_BYTES;
  const files: FileAnalysis[] = [];
  const used = new Set<string>();
  let fromCache = 0, analyzed = 0, corruptCache = 0, wrote = false;
  const segment = (text: string) => service.segmentDoc(text);

  // The corpus's pack: one per list of files (and code version).
  const packPath = cacheDir ? join(cacheDir, `pack-${sha1(`${fp}\0${paths.join('\n')}`)}.pdp`) : undefined;
  const opened = packPath ? openPack(packPath, fp) : undefined;
  if (opened === 'corrupt') {
    corruptCache++;
    dropFile(packPath!);
  }
  const own = opened && opened !== 'corrupt' ? opened : undefined;
  const readers: PackReader[] = own ? [own] : [];
  let fallbacks: PackReader[] | undefined;
  const lookup = (source: string, hash: string): PackRef | undefined => {
    const e = own?.files.get(source);
    if (e && e.hash === hash) return { reader: own!, ...e };
    fallbacks ??= cacheDir ? otherPacks(cacheDir, packPath!, fp) : [];
    for (const r of fallbacks) {
      const f = r.files.get(source);
      if (f && f.hash === hash) {
        if (!readers.includes(r)) readers.push(r);
        return { reader: r, ...f };
      }
    }
    return undefined;
  };

  // Records of this run, in order; the new pack is started at the first change (until then every
  // record is the own pack's, and nothing needs writing).
  interface Rec {
    source: string;
    hash: string;
    ref?: PackRef;
    analysis?: FileAnalysis;
    stamp?: string;
    summary?: FileSummary;
    /** The lookup records of a new analysis's documents (written beside it). */
    lookups?: DocLookup[];
    /** A new analysis as the pack's records, encoded by an extraction worker (written as they are). */
    encoded?: PackedFile;
    /** Index in `files`: once written, the analysis there is replaced by a lazy one read from the new pack. */
    slot: number;
  }
  const records: Rec[] = [];
  const summaries: FileSummary[] = [];
  /** Per slot of `files`: where its records are in the pack this run leaves (mining reads the texts back from there). */
  const placed: Array<Placed | undefined> = [];
  /** Per slot: where a lazy analysis finds the token lengths mining made for it (so reading them later cuts nothing again). */
  const lengthsMade: Array<LengthsHolder | undefined> = [];
  const holder = (slot: number): LengthsHolder => (lengthsMade[slot] ??= {});
  let writer: PackWriter | undefined;
  let writerReaderOf: PackReader | undefined;
  let writeFailed = false;
  let changed = false;
  /** The gram counts of the files written that are not the own pack's (it has the totals of those); unknown when one could not be read. */
  const addedGrams = new Map<string, number>();
  let addedUnknown = false;
  const put = (r: Rec) => {
    if (!writer) return;
    const ref = r.ref;
    const enc = ref ? undefined : r.encoded;
    const bytes = ref ? ref.reader.read(ref.off, ref.len) : enc ? enc.record : encodeRecord(r.analysis);
    const analysis = r.analysis ?? files[r.slot];
    const lookups = ref?.lookups ? ref.reader.read(ref.lookups.off, ref.lookups.len)
      : enc ? enc.lookups : encodeLookups(r.lookups ?? lookupsOf(analysis, () => service.gazetteer));
    const lengths = ref?.segments || enc ? undefined : madeLengths(analysis);
    const segments = ref?.segments ? ref.reader.read(ref.segments.off, ref.segments.len) : lengths ? encodeSegments(lengths) : undefined;
    const madeGrams: GramCounts | undefined = ref?.grams || enc ? undefined : fileGramsOf(analysis, () => service.gazetteer, r.lookups);
    const grams = ref?.grams ? ref.reader.read(ref.grams.off, ref.grams.len) : enc ? enc.grams : encodeGrams(madeGrams!);
    if (!ref || ref.reader !== own) {
      const counts = madeGrams ?? (grams ? decodeGrams(grams) : undefined);
      if (counts) addGrams(addedGrams, counts);
      else addedUnknown = true;
    }
    // (a copy: the summary outlives the analysis, and must not keep its texts alive through sliced strings)
    const summary = r.summary ?? enc?.summary ?? (r.analysis ? (JSON.parse(JSON.stringify(summaryOf(r.analysis))) as FileSummary) : undefined);
    const at = bytes && summary && lookups && grams && (segments || !ref?.segments) ? writer.add(r.source, r.hash, bytes, r.stamp, { lookups, segments, grams }) : undefined;
    if (!at || !summary) {
      writer.abort();
      writer = undefined;
      writeFailed = true;
      return;
    }
    summaries.push(summary);
    placed[r.slot] = { file: writer.file, off: at.off, len: at.len, segments: at.segments };
    // A new analysis is let go once written: the pack holds it (its lookup records too).
    if (enc) {
      files[r.slot] = packedAnalysis(writer.file, at, r.source, r.hash, summary, segment, at.lookups, at.segments, holder(r.slot), at.grams);
      r.encoded = undefined;
      r.ref = { reader: (writerReaderOf ??= writerReader(writer.file)), ...at };
    } else if (r.analysis && files[r.slot] === r.analysis && !ref) {
      files[r.slot] = packedAnalysis(writer.file, at, r.source, r.hash, summary, segment, at.lookups, at.segments, holder(r.slot), at.grams);
      r.analysis = undefined;
      r.lookups = undefined;
      r.ref = { reader: (writerReaderOf ??= writerReader(writer.file)), ...at };
    }
  };
  const change = () => {
    changed = true;
    if (writer || writeFailed || !packPath) return;
    writer = PackWriter.create(packPath, fp);
    if (!writer) {
      writeFailed = true;
      return;
    }
    for (const r of records) put(r);
  };
  const record = (r: Rec) => {
    records.push(r);
    if (r.ref && !writer) placed[r.slot] = { file: r.ref.reader.file, off: r.ref.off, len: r.ref.len, segments: r.ref.segments };
    put(r);
  };

  /** A new analysis from its parts (made here or by a worker); its token lengths are made when first read. */
  const fromParts = (path: string, bytes: Buffer, hash: string, x: AnalyzedFile): { analysis: FileAnalysis; lookups?: DocLookup[] } => {
    if (!x.ok) return { analysis: service.skippedFile(path, x.reason, hash, bytes.length, x.detail) };
    const analysis = {
      version: ANALYSIS_VERSION, source: path, hash, bytes: bytes.length, encoding: x.encoding,
      notes: x.notes, lineStarts: x.lineStarts, docs: x.docs, figures: x.figures, mentions: x.mentions,
    } as FileAnalysis;
    lazyLengths(analysis, segment);
    // the lookup records read beside the extraction (summaries and the local index read them; not part of the analysis's value)
    const lookups = Array.isArray(x.lookup) && x.lookup.length === x.docs.length ? x.lookup : undefined;
    if (lookups) Object.defineProperty(analysis, DOC_LOOKUPS, { value: lookups, enumerable: false, configurable: true, writable: true });
    return { analysis, lookups };
  };

  // Extraction workers, started once a few files needed analysing (at once when a large corpus has
  // no pack yet). A worker decodes, cleans and extracts a whole file. While the workers have enough
  // queued (IN_FLIGHT_BYTES), this thread analyses the next file itself, so both cores stay busy.
  // Nothing is segmented here: the checks do not need it (see mineNow below).
  let pool: ExtractPool | undefined;
  const workers = opts.workers ?? extractWorkerCount();
  const waiting = new Map<number, { path: string; hash: string; stamp?: string; slot: number; bytes: Buffer }>();
  let inFlightBytes = 0;
  let extractedByWorkers = 0;
  const takeAll = opts.workersTakeAll === true;
  /**
   * Bytes of the files after each one (sizes as stat'ed when the pool starts): the workers are given
   * no more than this thread has left, so they do not finish long after it (the tail it waits for).
   */
  let bytesAfter: number[] | undefined;
  const remainingAfter = (i: number): number => {
    if (!bytesAfter) {
      bytesAfter = new Array<number>(paths.length + 1).fill(0);
      for (let k = paths.length - 1; k > i; k--) bytesAfter[k - 1] = bytesAfter[k] + sizeOf(paths[k]);
    }
    return bytesAfter[i] ?? 0;
  };
  /** A file the workers analysed for the pack, as an analysis of this thread's (when it was not written). */
  const unpacked = (path: string, bytes: Buffer, hash: string, p: PackedFile): { analysis: FileAnalysis; lookups?: DocLookup[] } | undefined => {
    const x = decodeRecord(p.record);
    const lookups = decodeLookups(p.lookups);
    if (!x || !validAnalysis(x, path, hash) || !lookups || lookups.length !== (x as FileAnalysis).docs.length) return undefined;
    const a = x as FileAnalysis;
    const made = fromParts(path, bytes, hash, {
      ok: true, encoding: a.encoding, notes: a.notes, lineStarts: a.lineStarts, docs: a.docs, figures: a.figures, mentions: a.mentions, lookup: lookups,
    });
    // (the lookups record carries no gram counts: the grams record beside it has their sum)
    const grams = decodeGrams(p.grams);
    if (grams) Object.defineProperty(made.analysis, FILE_GRAMS, { value: grams, enumerable: false, configurable: true, writable: true });
    return made;
  };
  const analyzeHere = (path: string, bytes: Buffer, hash: string) =>
    fromParts(path, bytes, hash, analyzeBytes(path, bytes, doc => service.extractDoc(doc), f => docLookups(f, service.gazetteer)));
  const finish = (replies: ExtractReply[]) => {
    for (const r of replies) {
      const w = waiting.get(r.id);
      if (!w) continue;
      waiting.delete(r.id);
      inFlightBytes -= w.bytes.length;
      if ('packed' in r) {
        // written as the worker encoded it; decoded here only when the pack could not take it
        extractedByWorkers++;
        const rec: Rec = { source: w.path, hash: w.hash, encoded: r.packed, stamp: w.stamp, slot: w.slot };
        if (packPath) record(rec);
        if (rec.encoded) {
          const made = unpacked(w.path, w.bytes, w.hash, r.packed) ?? analyzeHere(w.path, w.bytes, w.hash);
          files[w.slot] = made.analysis;
          rec.analysis = made.analysis;
          rec.lookups = made.lookups;
          rec.encoded = undefined;
        }
        continue;
      }
      let made: { analysis: FileAnalysis; lookups?: DocLookup[] };
      if ('file' in r) {
        made = fromParts(w.path, w.bytes, w.hash, r.file);
        extractedByWorkers++;
      } else made = analyzeHere(w.path, w.bytes, w.hash); // a worker failed: done here
      files[w.slot] = made.analysis;
      if (packPath) record({ source: w.path, hash: w.hash, analysis: made.analysis, lookups: made.lookups, stamp: w.stamp, slot: w.slot });
    }
  };

  // A pack with a summary and checksums is read lazily: an intact record becomes an analysis whose
  // texts, figures and mentions are inflated only when something reads them.
  const summariesOf = new Map<PackReader, Map<string, FileSummary> | undefined>();
  const summaryIn = (reader: PackReader, source: string): FileSummary | undefined => {
    if (!summariesOf.has(reader)) summariesOf.set(reader, reader.summaries());
    return summariesOf.get(reader)?.get(source);
  };

  // Measuring (POLICY_DRAFT_TRACE): CPU time of all threads and memory at each step.
  const cpuAt = () => {
    if (!process.env.POLICY_DRAFT_TRACE) return '';
    const u = process.cpuUsage();
    const m = process.memoryUsage();
    return `cpu ${Math.round((u.user + u.system) / 1000)} ms, rss ${Math.round(m.rss / 1048576)} MB, heap ${Math.round(m.heapUsed / 1048576)} MB, ext ${Math.round(m.external / 1048576)} MB`;
  };
  trace(`indexer: ${paths.length} files, ${cpuAt()}`);
  paths.forEach((path, i) => {
    opts.onProgress?.({ done: i, total: paths.length, file: path });
    if (i % 500 === 0) trace(`indexer: file ${i}, ${cpuAt()}`);
    if (!CORPUS_EXTENSIONS.has(extname(path).toLowerCase())) {
      files.push(service.skippedFile(path, 'unsupported', '', 0, extname(path)));
      return;
    }
    // A file whose size, modification time and inode are those it had when the pack was written is
    // not read again: its recorded hash stands (as git's index does). Anything else is read and hashed.
    const stamp = stampOf(path);
    const known = own?.files.get(path);
    let bytes: Buffer | undefined;
    let hash = '';
    /** Reads the file and sets its hash; undefined when it cannot be used, and it is then listed as skipped. */
    const readBytes = (): Buffer | undefined => {
      const read = readCorpusFile(path, maxBytes);
      if (!('bytes' in read)) {
        files.push(service.skippedFile(path, read.reason, '', read.size, read.detail));
        return undefined;
      }
      hash = sha1(read.bytes);
      return read.bytes;
    };
    if (stamp && known?.stamp === stamp && Number(stamp.split(':')[0]) <= maxBytes) hash = known.hash;
    else if (!(bytes = readBytes())) return;
    const prev = previous.get(path);
    const ref = packPath ? lookup(path, hash) : undefined;
    if (ref && ref.reader !== own) change();
    const slot = files.length;
    if (prev && prev.hash === hash && prev.version === ANALYSIS_VERSION) {
      files.push(prev);
      fromCache++;
      if (packPath) {
        record({
          source: path, hash, ref, analysis: ref ? undefined : prev, stamp, slot,
          summary: (ref && summaryIn(ref.reader, path)) || summaryOf(prev),
          lookups: ref ? undefined : lookupsOf(prev, () => service.gazetteer),
        });
      }
      if (!ref) change();
      return;
    }
    if (ref) {
      const summary = summaryIn(ref.reader, path);
      if (summary && ref.reader.intact(ref)) {
        files.push(packedAnalysis(ref.reader.file, ref, path, hash, summary, segment, ref.lookups, ref.segments, holder(slot), ref.grams));
        fromCache++;
        record({ source: path, hash, ref, stamp, summary, slot });
        return;
      }
      const data = summary ? undefined : ref.reader.read(ref.off, ref.len);
      const cached = data ? decodeRecord(data) : undefined;
      if (cached && validAnalysis(cached, path, hash)) {
        const a = cached as FileAnalysis;
        const segs = ref.segments;
        lazyLengths(a, segment, segs ? laterRecord(ref.reader.file, segs, b => decodeSegments(b, a.docs.length)) : undefined);
        files.push(a);
        fromCache++;
        record({ source: path, hash, ref, stamp, summary: summaryOf(a), slot });
        return;
      }
      corruptCache++;
    }
    bytes ??= readBytes();
    if (!bytes) return;
    if (!pool && workers > 0 && (takeAll || analyzed >= POOL_AFTER_FILES || (!own && paths.length - i > POOL_AT_ONCE_FILES))) {
      pool = ExtractPool.create(opts.locale, workers, opts.workerScript);
      trace(`indexer: pool of ${workers} started, ${cpuAt()}`);
    }
    analyzed++;
    if (packPath) change();
    if (pool && !pool.failed) {
      finish(pool.collect(false));
      // The workers' backlog is kept below IN_FLIGHT_BYTES and below what is left after this file
      // (this thread does the rest meanwhile, and both finish about together).
      if (takeAll || waiting.size === 0 || inFlightBytes < Math.min(IN_FLIGHT_BYTES, remainingAfter(i) * workers)) {
        files.push(undefined as unknown as FileAnalysis); // filled in when the worker answers
        waiting.set(i, { path, hash, stamp, slot, bytes });
        inFlightBytes += bytes.length;
        // into a pack: the worker encodes the records too (nothing to deserialise or compress here)
        pool.submit({ type: 'analyze', id: i, source: path, bytes, pack: writer ? { hash } : undefined });
        return;
      }
    }
    const made = analyzeHere(path, bytes, hash);
    files.push(made.analysis);
    if (packPath) record({ source: path, hash, analysis: made.analysis, lookups: made.lookups, stamp, slot });
  });
  while (pool && pool.pending) finish(pool.collect(true));
  finish([...waiting.keys()].map(id => ({ id, error: 'not extracted' })));
  pool?.close();
  trace(`indexer: files read (${analyzed} analysed, ${extractedByWorkers} extracted by workers), ${cpuAt()}`);
  opts.onProgress?.({ done: paths.length, total: paths.length });
  // Files gone from the corpus: the pack is rewritten without them.
  if (own && own.files.size !== records.length) change();

  // The gram counts of every file summed (the local index's common grams): the own pack's totals as
  // they are, or updated by the files added and gone, else every file's counts summed.
  let gramTotals: Map<string, number> | undefined;
  const updatedTotals = (): Map<string, number> => {
    if (!own && !addedUnknown) return addedGrams; // every file written was added
    const stored = own && !addedUnknown ? own.gramTotalsRecord() : undefined;
    const list = stored ? decodeGrams(stored) : undefined;
    const base = list && new Map(list);
    if (own && base) {
      const kept = new Set<string>();
      for (const r of records) if (r.ref?.reader === own) kept.add(r.source);
      let ok = true;
      for (const [source, e] of own.files) {
        if (kept.has(source)) continue;
        const bytes = e.grams && own.intact(e.grams) ? own.read(e.grams.off, e.grams.len) : undefined;
        const gone = bytes ? decodeGrams(bytes) : undefined;
        if (!gone) {
          ok = false;
          break;
        }
        addGrams(base, gone, -1);
      }
      if (ok) {
        addGrams(base, [...addedGrams]);
        return base;
      }
    }
    const all = new Map<string, number>();
    for (const f of files) if (f && docSummaries(f).length) addGrams(all, fileGramsOf(f, () => service.gazetteer));
    return all;
  };
  // The local index's key maps over every file, written with the pack (a warm start reads them whole).
  let keyed: KeyedIndex | undefined;
  let keyedBytes: Buffer | undefined, gramBytes: Buffer | undefined;
  if (writer) {
    gramTotals = updatedTotals();
    keyed = keyedIndex(files, () => service.gazetteer, gramTotals);
    const record = encodeKeyed(keyed);
    if (!writer.setGramTotals([...gramTotals]) || (record && !writer.setKeyed(record))) {
      writer.abort();
      writer = undefined;
      writeFailed = true;
    }
  } else if (own && !changed) {
    // (decoded when first read: a reader given the key maps needs no totals)
    gramBytes = own.gramTotalsRecord();
    keyedBytes = own.keyedRecord();
  }
  trace(`indexer: keys ${keyed ? 'built' : keyedBytes ? 'read' : 'not kept'}, ${cpuAt()}`);

  const phraseKey = sha1(`${fp}\0phrases-v${PHRASE_INDEX_VERSION}\0${files.map(f => `${f.source}\0${f.hash}`).join('\n')}`);
  let phrases: PhraseIndex | undefined;
  let phraseBytes: Buffer | undefined;
  let phraseRecord: { file: PackFile; off: number; len: number } | undefined;
  if (own?.phrases && own.phrases.key === phraseKey) {
    if (!writer && own.intact(own.phrases)) {
      // Read when first asked for (the mined table of a large corpus is megabytes of JSON).
      phraseRecord = { file: own.file, off: own.phrases.off, len: own.phrases.len };
    } else {
      phraseBytes = own.read(own.phrases.off, own.phrases.len);
      const value = phraseBytes ? decodeRecord(phraseBytes) : undefined;
      if (validPhrases(value)) phrases = value as PhraseIndex;
      else {
        corruptCache++;
        phraseBytes = undefined;
      }
    }
  }
  const phrasesFromCache = phrases !== undefined || phraseRecord !== undefined;
  const mineHere = !phrasesFromCache && (opts.phrases ?? 'now') === 'now';
  if (writer) {
    // Mined now: the pack is finished once the phrases are in (mineNow); else now, without them.
    const ok = (!phraseBytes || writer.setPhrases(phraseKey, phraseBytes)) && writer.setSummaries(summaries) && (mineHere || writer.finish());
    if (!ok) {
      writer.abort();
      writer = undefined;
    } else if (!mineHere) wrote = true;
  }
  trace(`indexer: pack written, ${cpuAt()}`);
  for (const r of readers) if (r !== own) r.close();
  if (fallbacks) for (const r of fallbacks) if (!readers.includes(r)) r.close();
  /** The finished pack this run leaves, which mining extends (undefined: none, or it is being written). */
  const leftPack = () => (writer?.written ?? (own && !changed ? own.header : undefined));

  /**
   * Phrase mining, the second stage: every document's token lengths — from its segments record, or
   * cut now (the segmenter's dictionaries are loaded only here) — then the miner over all of them in
   * file order; the token lengths made and the mined phrases are added to the pack.
   */
  let mined: PhraseIndex | undefined;
  const mineNow = (): PhraseIndex => {
    if (mined) return mined;
    trace(`indexer: mining, ${cpuAt()}`);
    const inputs: MiningInput[] = [];
    const made = new Map<number, number[][]>();
    files.forEach((f, slot) => {
      if (!f) return;
      const at = placed[slot];
      let docs: CorpusDocument[] | undefined;
      if (at && recordPending(f)) {
        // read apart from the lazy analysis, which stays unread (the texts go once mined)
        const bytes = at.file.read(at.off, at.len);
        const x = bytes ? decodeRecord(bytes) : undefined;
        if (x && validAnalysis(x, f.source, f.hash)) docs = (x as FileAnalysis).docs;
      }
      docs ??= f.docs;
      if (docs.length === 0) return;
      let lengths = at?.segments ? readSegments(at.file, at.segments, docs.length) : undefined;
      if (!lengths && !tokenLengthsPending(f) && f.tokenLengths.length === docs.length) lengths = f.tokenLengths;
      if (!lengths) {
        lengths = docs.map(d => segment(d.text));
        made.set(slot, lengths);
      }
      opts.onMiningStep?.();
      pushMiningInputs(inputs, docs, lengths);
    });
    trace(`indexer: segmented (${made.size} files cut), ${cpuAt()}`);
    const value = minePhrases(inputs);
    inputs.length = 0;
    trace(`indexer: phrases mined, ${cpuAt()}`);
    // into the pack: the one being written (mined at once), else a copy of the finished one
    const base = writer && !writer.written ? undefined : leftPack();
    const w = writer && !writer.written ? writer : base && packPath ? PackWriter.extend(packPath, base) : undefined;
    if (w) {
      let ok = true;
      const written: Array<[number, RecordRef, number]> = [];
      for (const [slot, lengths] of made) {
        if (!ok) break;
        const r = w.setSegments(files[slot].source, encodeSegments(lengths));
        ok = !!r;
        if (r) written.push([slot, r, lengths.length]);
      }
      // the lazy analyses read their token lengths from there (the pack extended or being finished)
      if (ok) for (const [slot, r, n] of written) if (lengthsMade[slot]) lengthsMade[slot]!.read = laterRecord(w.file, r, b => decodeSegments(b, n));
      ok = ok && w.setPhrases(phraseKey, encodeRecord(value)) && w.finish();
      if (ok) wrote = true;
      else w.abort();
      trace(`indexer: pack ${ok ? 'extended' : 'not extended'}, ${cpuAt()}`);
    }
    mined = value;
    return value;
  };
  let mineNowRef = mineNow;
  let releaseHeld = (): void => undefined;
  if (mineHere) mineNow();
  else if (!phrasesFromCache) {
    // mined later: the packs it reads the texts and token lengths from stay open until then
    const held = new Set(placed.filter((p): p is Placed => !!p).map(p => p.file));
    for (const f of held) f.hold();
    releaseHeld = () => {
      for (const f of held) f.release();
      held.clear();
    };
    const later = mineNow;
    mineNowRef = () => {
      try {
        return later();
      } finally {
        releaseHeld();
      }
    };
  }
  own?.close();

  if (packPath && !wrote && own) touch(packPath);
  if (packPath) used.add(packPath);
  // Prune when this run added to the cache (a run that only reads cannot grow it), at most every ten
  // minutes per folder in a long-lived process (the server re-indexes on every corpus file change).
  const due = cacheDir && wrote && Date.now() - (lastPruned.get(cacheDir) ?? 0) > PRUNE_INTERVAL_MS;
  if (due) lastPruned.set(cacheDir, Date.now());
  const pruned = cacheDir && due
    ? pruneCache(cacheDir, {
      maxBytes: opts.cacheMaxBytes ?? defaultCacheMaxBytes(),
      maxAgeMs: opts.cacheMaxAgeMs ?? defaultCacheMaxAgeMs(),
      keep: used,
    })
    : 0;
  const packed = !!packPath && (wrote || (!!own && !changed));
  const result = { files, fromCache, analyzed, phrasesFromCache, corruptCache, pruned, extractedByWorkers, packed } as unknown as IndexResult;
  Object.defineProperty(result, 'gramTotals', {
    enumerable: false,
    configurable: true,
    get: () => {
      if (!gramTotals && gramBytes) {
        const list = decodeGrams(gramBytes);
        gramTotals = list && new Map(list);
      }
      gramBytes = undefined;
      return gramTotals;
    },
  });
  let value: PhraseIndex | undefined = phrases ?? mined;
  if (phraseRecord) {
    // The mined phrases of an unchanged corpus: inflated when first read. A record that no longer
    // reads (the pack damaged since) is mined again.
    phraseRecord.file.hold();
  }
  Object.defineProperty(result, 'phrases', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!value && phraseRecord) {
        const at = phraseRecord;
        phraseRecord = undefined;
        const bytes = at.file.read(at.off, at.len);
        at.file.release();
        const x = bytes ? decodeRecord(bytes) : undefined;
        if (validPhrases(x)) value = x as PhraseIndex;
      }
      value ??= mineNowRef();
      return value;
    },
    set: (v: PhraseIndex) => (value = v),
  });
  Object.defineProperty(result, 'keyed', {
    enumerable: false,
    configurable: true,
    get: () => {
      if (!keyed && keyedBytes) keyed = decodeKeyed(keyedBytes);
      keyedBytes = undefined;
      return keyed;
    },
  });
  Object.defineProperty(result, 'phrasesPending', { enumerable: true, configurable: true, get: () => value === undefined && !phraseRecord });

  // Mining in a process of its own: from the pack this run left, every file with documents in it.
  const script = opts.mineScript === undefined ? defaultMineScript() : opts.mineScript;
  const mineJob = (): MineJob | undefined => {
    const base = leftPack();
    const packFile = writer?.written ? writer.file : own && !changed ? own.file : undefined;
    if (!script || !packPath || !base || !packFile) return undefined;
    const list: MineJob['files'] = [];
    for (let slot = 0; slot < files.length; slot++) {
      const f = files[slot];
      if (!f) continue;
      const at = placed[slot];
      if (!at || at.file !== packFile) {
        if (f.skipped || docSummaries(f).length === 0) continue;
        return undefined; // a file with documents that is not in the pack: mined here
      }
      list.push({ source: f.source, hash: f.hash, off: at.off, len: at.len, ...(at.segments ? { segments: { off: at.segments.off, len: at.segments.len } } : {}) });
    }
    return { type: 'mine', packPath, fp, trailer: base.trailer, phraseKey, locale: opts.locale, files: list };
  };
  let apart: Promise<void> | undefined;
  Object.defineProperty(result, 'preparePhrases', {
    enumerable: false,
    configurable: true,
    value: (onProgress?: (p: MiningProgress) => void): Promise<void> => {
      if (apart) return apart;
      const job = value === undefined && !phraseRecord ? mineJob() : undefined;
      if (!job) return Promise.resolve();
      apart = mineApart(script!, job, onProgress).then(outcome => {
        if (value !== undefined) return; // mined here meanwhile (read before the process was done)
        if (outcome.ok) {
          // the extended pack: the mined table, and the token lengths the lazy analyses read when asked
          const r = openPack(packPath!, fp);
          if (r && r !== 'corrupt') {
            if (r.phrases && r.phrases.key === phraseKey) {
              r.file.hold();
              phraseRecord = { file: r.file, off: r.phrases.off, len: r.phrases.len };
              files.forEach((f, slot) => {
                const seg = f && lengthsMade[slot] && r.files.get(f.source)?.segments;
                if (seg) lengthsMade[slot]!.read = laterRecord(r.file, seg, b => decodeSegments(b, docSummaries(f).length));
              });
              releaseHeld();
            }
            r.close();
          }
          trace(`indexer: phrases mined apart (${outcome.cut} files cut), ${cpuAt()}`);
          return; // (a pack that no longer reads: mined here when read)
        }
        if (outcome.crashed) {
          process.stderr.write(`policy-draft: phrase mining failed (${outcome.reason}); completion offers no corpus phrases until the corpus is indexed again\n`);
          value = emptyPhrases();
          releaseHeld();
        }
        trace(`indexer: mining apart failed: ${outcome.reason}`);
      });
      return apart;
    },
  });
  return result;
}

/** The mining bundle beside this one (none when running from source). */
function defaultMineScript(): string | undefined {
  const p = join(__dirname, 'mine.js');
  return existsSync(p) ? p : undefined;
}

/** No word from the mining process for this long: it is stopped (and counts as crashed). */
const MINE_STALL_MS = 300_000;

type MineOutcome = { ok: true; cut: number } | { ok: false; crashed: boolean; reason: string };

/**
 * Runs a MineJob in a child process. `crashed` is an outcome the miner could not report (a crash, a
 * kill, no answer): not retried here, where the same input could take this process down too. A
 * reported failure (the pack replaced or unreadable) is not a crash: the caller may mine itself.
 */
function mineApart(script: string, job: MineJob, onProgress?: (p: MiningProgress) => void): Promise<MineOutcome> {
  return new Promise(resolve => {
    let outcome: MineOutcome | undefined;
    let settled = false;
    const settle = (o: MineOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    let child: ReturnType<typeof fork>;
    try {
      child = fork(script, [], {
        env: { ...process.env, POLICY_DRAFT_MINE_CHILD: '1' },
        execArgv: [],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
    } catch (e) {
      settle({ ok: false, crashed: true, reason: (e as Error).message });
      return;
    }
    const stall = () => {
      outcome ??= { ok: false, crashed: true, reason: `no answer for ${MINE_STALL_MS / 1000} s` };
      child.kill('SIGKILL');
    };
    let timer = setTimeout(stall, MINE_STALL_MS);
    child.on('message', (m: MineMessage) => {
      clearTimeout(timer);
      timer = setTimeout(stall, MINE_STALL_MS);
      if (m.type === 'progress') onProgress?.({ done: m.done, total: m.total });
      else if (m.type === 'done') outcome = { ok: true, cut: m.cut };
      else if (m.type === 'failed') outcome = { ok: false, crashed: false, reason: m.reason };
    });
    child.on('error', e => {
      outcome ??= { ok: false, crashed: true, reason: e.message };
      settle(outcome);
    });
    child.on('exit', (code, signal) => {
      settle(outcome ?? { ok: false, crashed: true, reason: signal ? `killed by ${signal}` : `exit code ${code}` });
    });
    try {
      child.send(job);
    } catch (e) {
      outcome ??= { ok: false, crashed: true, reason: (e as Error).message };
      child.kill('SIGKILL');
    }
  });
}

let emptyPhrasesValue: PhraseIndex | undefined;
/** The phrases of no document (what completion reads when mining failed). */
function emptyPhrases(): PhraseIndex {
  return (emptyPhrasesValue ??= minePhrases([]));
}

/** Token lengths an analysis already has (made or read), without making them. */
function madeLengths(f: FileAnalysis | undefined): number[][] | undefined {
  if (!f || tokenLengthsPending(f)) return undefined;
  const l = f.tokenLengths;
  return Array.isArray(l) && l.length === f.docs.length && l.length > 0 ? l : undefined;
}

/** Token lengths made on first read: from `stored` (a segments record) when it reads, else cut now. */
function lazyLengths(f: FileAnalysis, segment: (text: string) => number[], stored?: () => number[][] | undefined): void {
  const settle = (value: unknown) => Object.defineProperty(f, 'tokenLengths', { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(f, 'tokenLengths', {
    enumerable: true,
    configurable: true,
    get: () => {
      const s = stored?.();
      const value = s && s.length === f.docs.length ? s : f.docs.map(d => segment(d.text));
      settle(value);
      return value;
    },
    set: settle,
  });
}

function readSegments(file: PackFile, ref: RecordRef, docs: number): number[][] | undefined {
  const bytes = file.read(ref.off, ref.len);
  return bytes ? decodeSegments(bytes, docs) : undefined;
}

/**
 * The analysis of a record in a pack, read when first needed. Made here, outside the indexing loop,
 * so its closures hold nothing but the record's place (not the analysis it was written from).
 */
function packedAnalysis(
  file: PackFile, at: { off: number; len: number }, source: string, hash: string, summary: FileSummary,
  segment: (text: string) => number[], lookups?: RecordRef, segments?: RecordRef, made?: LengthsHolder, grams?: RecordRef,
): FileAnalysis {
  const stored = segments ? laterRecord(file, segments, b => decodeSegments(b, summary.docs.length)) : undefined;
  return lazyAnalysis(file, { off: at.off, len: at.len }, ANALYSIS_VERSION, source, hash, summary, x => validAnalysis(x, source, hash), undefined, {
    lookups: lookups ? laterRecord(file, lookups, decodeLookups) : undefined,
    grams: grams ? laterRecord(file, grams, decodeGrams) : undefined,
    tokenLengths: f => {
      const s = stored?.() ?? made?.read?.();
      return s && s.length === f.docs.length ? s : f.docs.map(d => segment(d.text));
    },
  });
}

/** A reader over the pack being written (a record already written is copied from there if needed again). */
function writerReader(file: PackFile): PackReader {
  return {
    files: new Map(),
    file,
    read: (off, len) => file.read(off, len),
    intact: () => true,
    summaries: () => undefined,
    gramTotalsRecord: () => undefined,
    keyedRecord: () => undefined,
    close: () => undefined,
  };
}

/** A file's size (0 when it cannot be stat'ed): an estimate of the work left. */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** size:mtime:inode of a regular file (links followed), or undefined. */
function stampOf(path: string): string | undefined {
  try {
    const st = statSync(path, { bigint: true });
    return st.isFile() ? `${st.size}:${st.mtimeNs}:${st.ino}` : undefined;
  } catch {
    return undefined;
  }
}

function dropFile(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* rewritten anyway */
  }
}

/** The most recently used other packs of this code version (a corpus indexed with other folders). */
function otherPacks(cacheDir: string, self: string, fp: string): PackReader[] {
  let names: string[];
  try {
    names = readdirSync(cacheDir).filter(n => /^pack-[0-9a-f]{40}\.pdp$/.test(n));
  } catch {
    return [];
  }
  const dated: Array<{ path: string; mtime: number }> = [];
  for (const n of names) {
    const path = join(cacheDir, n);
    if (path === self) continue;
    try {
      dated.push({ path, mtime: statSync(path).mtimeMs });
    } catch {
      /* gone */
    }
  }
  dated.sort((a, b) => b.mtime - a.mtime);
  const out: PackReader[] = [];
  for (const { path } of dated) {
    if (out.length >= MAX_FALLBACK_PACKS) break;
    const r = openPack(path, fp);
    if (r && r !== 'corrupt') out.push(r);
  }
  return out;
}
