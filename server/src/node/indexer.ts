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
import { ANALYSIS_VERSION, type FileAnalysis, type SkipReason } from '../core/corpus/snapshot';
import { DOC_LOOKUPS } from '../core/store/keys';
import { minePhrases, PHRASE_INDEX_VERSION, type PhraseIndex } from '../core/phrases';
import type { MiningInput } from '../core/phrases/stream';
import type { PolicyService } from '../core/service';
import { decodeBytes } from '../core/text/decode';
import { inspectPath, isAncestorLoop, MAX_DOCUMENT_BYTES, MAX_LINK_HOPS, readFileBounded, type ReadFailure } from './files';
import { gazetteerVersion } from './gazetteer';
import { ExtractPool, extractWorkerCount, type ExtractReply } from './extractPool';
import {
  decodeRecord, encodeRecord, lazyAnalysis, openPack, PackWriter, summaryOf, tokenLengthsPending,
  type FileSummary, type PackFile, type PackReader,
} from './pack';
import { expectedSegmenter } from './segmenter';
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
const PACK_FORMAT = 3; // 3: summaries carry each document's lookup record (keys.ts DocLookup)

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
  locale?: string;
}

export interface IndexResult {
  files: FileAnalysis[];
  phrases: PhraseIndex;
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
  // Token lengths still encoded were checked (one per document) when the record was read.
  const lazy = tokenLengthsPending(f);
  if ((!lazy && !isArr(f.tokenLengths)) || !isArr(f.figures) || !isArr(f.mentions)) return false;
  const n = f.docs.length;
  if ((!lazy && f.tokenLengths.length !== n) || f.figures.length !== n || f.mentions.length !== n) return false;
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

/** A record found in a pack: copied as is into a new pack. */
interface PackRef {
  reader: PackReader;
  off: number;
  len: number;
  crc?: number;
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
    /** Index in `files`: once written, the analysis there is replaced by a lazy one read from the new pack. */
    slot?: number;
  }
  const records: Rec[] = [];
  const summaries: FileSummary[] = [];
  let writer: PackWriter | undefined;
  let writerReaderOf: PackReader | undefined;
  let writeFailed = false;
  let changed = false;
  /** What mining reads of files whose analysis was let go once written: by slot. */
  const miningOf = new Map<number, MiningInput[]>();
  const put = (r: Rec) => {
    if (!writer) return;
    const bytes = r.ref ? r.ref.reader.read(r.ref.off, r.ref.len) : encodeRecord(r.analysis);
    // (a copy: the summary outlives the analysis, and must not keep its texts alive through sliced strings)
    const summary = r.summary ?? (r.analysis ? (JSON.parse(JSON.stringify(summaryOf(r.analysis, service.gazetteer))) as FileSummary) : undefined);
    const at = bytes && summary ? writer.add(r.source, r.hash, bytes, r.stamp) : undefined;
    if (!at || !summary) {
      writer.abort();
      writer = undefined;
      writeFailed = true;
      return;
    }
    summaries.push(summary);
    // A new analysis is let go once written: the pack holds it, and only what mining needs stays.
    if (r.analysis && r.slot !== undefined && files[r.slot] === r.analysis && !r.ref) {
      const a = r.analysis;
      miningOf.set(r.slot, a.docs.map((d, i) => ({ doc: { id: d.id, text: d.text, display: d.display, date: d.date }, tokenLengths: compactLengths(a.tokenLengths[i] ?? []) })));
      files[r.slot] = packedAnalysis(writer.file, at, a.source, a.hash, summary);
      r.analysis = undefined;
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
    put(r);
  };

  // Extraction workers, started once a few files needed analysing (at once when a large corpus has
  // no pack yet). A worker decodes, cleans and extracts a whole file; this thread then segments it
  // (it holds the dictionaries). While the workers have enough queued (IN_FLIGHT_BYTES), this thread
  // analyses the next file whole itself, so both cores stay busy whichever part is slower.
  let pool: ExtractPool | undefined;
  const workers = opts.workers ?? extractWorkerCount();
  const waiting = new Map<number, { path: string; hash: string; stamp?: string; slot: number; bytes: Buffer }>();
  let inFlightBytes = 0;
  let extractedByWorkers = 0;
  const analyzeHere = (path: string, bytes: Buffer, hash: string): FileAnalysis => {
    const analysis = service.analyzeFile(path, bytes, hash);
    if (analysis.skipped && analysis.detail === undefined) {
      // Say which binary format it is (a PDF renamed .txt) when the signature tells.
      const d = decodeBytes(bytes);
      if (!d.ok && d.detail) return { ...analysis, detail: d.detail };
    }
    return analysis;
  };
  const finish = (replies: ExtractReply[]) => {
    for (const r of replies) {
      const w = waiting.get(r.id);
      if (!w) continue;
      waiting.delete(r.id);
      inFlightBytes -= w.bytes.length;
      let analysis: FileAnalysis;
      if ('file' in r) {
        const x = r.file;
        analysis = x.ok
          ? {
            version: ANALYSIS_VERSION, source: w.path, hash: w.hash, bytes: w.bytes.length, encoding: x.encoding,
            notes: x.notes, lineStarts: x.lineStarts, docs: x.docs, tokenLengths: x.docs.map(d => service.segmentDoc(d.text)),
            figures: x.figures, mentions: x.mentions,
          }
          : service.skippedFile(w.path, x.reason, w.hash, w.bytes.length, x.detail);
        // the lookup records the worker read (summaryOf stores them; not part of the analysis's value)
        if (x.ok && Array.isArray(x.lookup) && x.lookup.length === x.docs.length) {
          Object.defineProperty(analysis, DOC_LOOKUPS, { value: x.lookup, enumerable: false, configurable: true, writable: true });
        }
        extractedByWorkers++;
      } else analysis = analyzeHere(w.path, w.bytes, w.hash); // a worker failed: done here
      files[w.slot] = analysis;
      if (packPath) record({ source: w.path, hash: w.hash, analysis, stamp: w.stamp, slot: w.slot });
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
    if (prev && prev.hash === hash && prev.version === ANALYSIS_VERSION) {
      files.push(prev);
      fromCache++;
      if (packPath) record({ source: path, hash, ref, analysis: ref ? undefined : prev, stamp, summary: (ref && summaryIn(ref.reader, path)) || summaryOf(prev, service.gazetteer) });
      if (!ref) change();
      return;
    }
    if (ref) {
      const summary = summaryIn(ref.reader, path);
      if (summary && ref.reader.intact(ref)) {
        files.push(packedAnalysis(ref.reader.file, ref, path, hash, summary));
        fromCache++;
        record({ source: path, hash, ref, stamp, summary });
        return;
      }
      const data = summary ? undefined : ref.reader.read(ref.off, ref.len);
      const cached = data ? decodeRecord(data) : undefined;
      if (cached && validAnalysis(cached, path, hash)) {
        files.push(cached as FileAnalysis);
        fromCache++;
        record({ source: path, hash, ref, stamp, summary: summaryOf(cached as FileAnalysis, service.gazetteer) });
        return;
      }
      corruptCache++;
    }
    bytes ??= readBytes();
    if (!bytes) return;
    if (!pool && workers > 0 && (analyzed >= POOL_AFTER_FILES || (!own && paths.length - i > POOL_AT_ONCE_FILES))) {
      pool = ExtractPool.create(opts.locale, workers, opts.workerScript);
      trace(`indexer: pool of ${workers} started, ${cpuAt()}`);
    }
    analyzed++;
    const slot = files.length;
    if (packPath) change();
    if (pool && !pool.failed) {
      finish(pool.collect(false));
      if (inFlightBytes < IN_FLIGHT_BYTES || waiting.size === 0) {
        files.push(undefined as unknown as FileAnalysis); // filled in when the worker answers
        waiting.set(i, { path, hash, stamp, slot, bytes });
        inFlightBytes += bytes.length;
        pool.submit({ type: 'analyze', id: i, source: path, bytes });
        return;
      }
    }
    const analysis = analyzeHere(path, bytes, hash);
    files.push(analysis);
    if (packPath) record({ source: path, hash, analysis, stamp, slot });
  });
  while (pool && pool.pending) finish(pool.collect(true));
  finish([...waiting.keys()].map(id => ({ id, error: 'not extracted' })));
  pool?.close();
  trace(`indexer: files read (${analyzed} analysed, ${extractedByWorkers} extracted by workers), ${cpuAt()}`);
  opts.onProgress?.({ done: paths.length, total: paths.length });
  // Files gone from the corpus: the pack is rewritten without them.
  if (own && own.files.size !== records.length) change();

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
  if (!phrasesFromCache) {
    const inputs: MiningInput[] = [];
    files.forEach((f, slot) => {
      const kept = miningOf.get(slot);
      if (kept) inputs.push(...kept);
      else f.docs.forEach((doc, k) => inputs.push({ doc, tokenLengths: f.tokenLengths[k] ?? [] }));
    });
    miningOf.clear();
    phrases = minePhrases(inputs);
    trace(`indexer: phrases mined, ${cpuAt()}`);
    if (packPath) change();
  }
  if (writer) {
    const ok = writer.setPhrases(phraseKey, phraseBytes ?? encodeRecord(phrases)) && writer.setSummaries(summaries) && writer.finish();
    if (ok) wrote = true;
    else writer.abort();
  }
  trace(`indexer: pack written, ${cpuAt()}`);
  for (const r of readers) r.close();
  if (fallbacks) for (const r of fallbacks) if (!readers.includes(r)) r.close();
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
  const result: IndexResult = { files, phrases: phrases!, fromCache, analyzed, phrasesFromCache, corruptCache, pruned, extractedByWorkers, packed };
  if (phraseRecord) {
    // The mined phrases of an unchanged corpus: inflated when first read. A record that no longer
    // reads (the pack damaged since) is mined again from the analyses.
    const at = phraseRecord;
    at.file.hold();
    let value: PhraseIndex | undefined;
    Object.defineProperty(result, 'phrases', {
      enumerable: true,
      configurable: true,
      get: () => {
        if (!value) {
          const bytes = at.file.read(at.off, at.len);
          at.file.release();
          const x = bytes ? decodeRecord(bytes) : undefined;
          value = validPhrases(x) ? (x as PhraseIndex) : service.minePhrases(files);
        }
        return value;
      },
      set: (v: PhraseIndex) => (value = v),
    });
  }
  return result;
}

/**
 * The analysis of a record in a pack, read when first needed. Made here, outside the indexing loop,
 * so its closures hold nothing but the record's place (not the analysis it was written from).
 */
function packedAnalysis(file: PackFile, at: { off: number; len: number }, source: string, hash: string, summary: FileSummary): FileAnalysis {
  return lazyAnalysis(file, { off: at.off, len: at.len }, ANALYSIS_VERSION, source, hash, summary, x => validAnalysis(x, source, hash));
}

/** Token lengths in the smallest typed array that holds them (mining reads them as ArrayLike<number>). */
function compactLengths(lengths: readonly number[]): ArrayLike<number> {
  let max = 0;
  for (const n of lengths) if (n > max) max = n;
  return max < 256 ? Uint8Array.from(lengths) : max < 65536 ? Uint16Array.from(lengths) : lengths;
}

/** A reader over the pack being written (a record already written is copied from there if needed again). */
function writerReader(file: PackFile): PackReader {
  return {
    files: new Map(),
    file,
    read: (off, len) => file.read(off, len),
    intact: () => true,
    summaries: () => undefined,
    close: () => undefined,
  };
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
