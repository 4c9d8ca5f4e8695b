// Extraction workers for corpus indexing: a pool of workers decodes, cleans and extracts whole files
// (figures, region mentions and the documents' lookup records) beside the indexing thread, which does
// the same with the files it keeps (analyzeBytes), so indexing uses every core. Nothing here segments:
// token lengths are made later, for phrase mining only (node/indexer.ts). The pool is driven synchronously — results are pulled with receiveMessageOnPort,
// and the thread sleeps on a shared counter (Atomics.wait) while nothing is ready — so indexCorpus
// stays a plain function for the CLI and the index worker alike.
import { existsSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { ANALYSIS_VERSION, type FileAnalysis } from '../core/corpus/snapshot';
import { summedGrams, type DocLookup } from '../core/store/keys';
import { decodeBytes } from '../core/text/decode';
import { ingestText } from '../core/text/ingest';
import { encodeGrams, encodeLookups, encodeRecord, summaryOf, type FileSummary } from './pack';

/** What a worker receives: a file's documents, by job id. */
export interface ExtractJob {
  type: 'extract';
  id: number;
  docs: Array<{ text: string; date?: string; title: string }>;
}

/**
 * A whole file: the worker decodes and cleans it and extracts its documents' figures and mentions;
 * the indexing thread then only segments (it holds the dictionaries).
 */
export interface AnalyzeJob {
  type: 'analyze';
  id: number;
  source: string;
  bytes: Uint8Array;
  /**
   * Set when the file goes into a pack: the worker answers with the pack's records (PackedFile)
   * instead of the analysis, so the indexing thread neither encodes nor deserialises it.
   */
  pack?: { hash: string };
}

/**
 * A file analysed for the pack: its analysis record, lookups record and grams record as the pack
 * stores them (encodeRecord, encodeLookups, encodeGrams: byte for byte what the indexing thread would
 * write) and its summary.
 */
export interface PackedFile {
  record: Uint8Array;
  lookups: Uint8Array;
  grams: Uint8Array;
  summary: FileSummary;
}

/** The part of a FileAnalysis an 'analyze' job gives back (all but the token lengths). */
export type AnalyzedFile =
  | {
    ok: true; encoding: FileAnalysis['encoding']; notes: FileAnalysis['notes']; lineStarts: number[]; docs: FileAnalysis['docs']; figures: FileAnalysis['figures']; mentions: FileAnalysis['mentions'];
    /** Each document's lookup record (keys.ts docLookups), read here beside the extraction. */
    lookup?: DocLookup[];
  }
  | { ok: false; reason: 'binary' | 'undecodable' | 'empty'; detail?: string };

export type ExtractReply =
  | { id: number; figures: FileAnalysis['figures']; mentions: FileAnalysis['mentions'] }
  | { id: number; file: AnalyzedFile }
  | { id: number; packed: PackedFile }
  | { id: number; error: string };

/** workerData of an extraction worker (role 'extract' of indexWorker.js). */
export interface ExtractWorkerData {
  role: 'extract';
  locale?: string;
  /** Int32 slot 0: incremented (and notified) after every reply. */
  signal: SharedArrayBuffer;
  replies: MessagePort;
}

/** Workers to use beside the indexing thread: one per core but the one that thread runs on. */
export function extractWorkerCount(): number {
  const env = Number(process.env.POLICY_DRAFT_INDEX_WORKERS);
  if (Number.isInteger(env) && env >= 0) return env;
  const cores = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  return Math.max(0, Math.min(8, cores - 1));
}

/** The bundle that holds the worker (beside the running bundle); none when running from source. */
function workerScript(): string | undefined {
  const p = join(__dirname, 'indexWorker.js');
  return existsSync(p) ? p : undefined;
}

/** No reply from any worker for this long: the rest is done on the indexing thread. */
const STALL_MS = 120_000;

export class ExtractPool {
  private readonly workers: Worker[] = [];
  private readonly load: number[] = [];
  private readonly owner = new Map<number, number>();
  private readonly jobs = new Map<number, ExtractJob | AnalyzeJob>();
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  /** One reply port per worker; the other ends are the workers'. */
  private readonly ports: MessagePort[] = [];
  private broken = false;

  private constructor(script: string, count: number, locale?: string) {
    for (let i = 0; i < count; i++) {
      const c = new MessageChannel();
      const data: ExtractWorkerData = { role: 'extract', locale, signal: this.signal.buffer as SharedArrayBuffer, replies: c.port2 };
      const w = new Worker(script, { workerData: data, transferList: [c.port2] });
      w.unref();
      w.on('error', () => (this.broken = true));
      this.workers.push(w);
      this.ports.push(c.port1);
      this.load.push(0);
    }
  }

  /** A pool, or undefined when there is no worker bundle or no spare core. */
  static create(locale?: string, count = extractWorkerCount(), script = workerScript()): ExtractPool | undefined {
    if (!script || count < 1) return undefined;
    try {
      return new ExtractPool(script, count, locale);
    } catch {
      return undefined;
    }
  }

  get pending(): number {
    return this.jobs.size;
  }

  /** Sends a file's documents (or the whole file) to the least loaded worker. */
  submit(job: ExtractJob | AnalyzeJob): void {
    let best = 0;
    for (let i = 1; i < this.load.length; i++) if (this.load[i] < this.load[best]) best = i;
    this.jobs.set(job.id, job);
    this.owner.set(job.id, best);
    this.load[best]++;
    this.workers[best].postMessage(job);
  }

  /**
   * Waits for at least one reply (when `block`) and returns every reply that is ready. Jobs a failed
   * or stalled worker leaves behind come back as errors (the caller extracts them itself).
   */
  collect(block: boolean): ExtractReply[] {
    const out: ExtractReply[] = [];
    const drain = () => {
      for (const p of this.ports) {
        for (let m = receiveMessageOnPort(p); m; m = receiveMessageOnPort(p)) {
          const r = m.message as ExtractReply;
          if (!this.jobs.delete(r.id)) continue;
          this.load[this.owner.get(r.id)!]--;
          this.owner.delete(r.id);
          out.push(r);
        }
      }
    };
    let waited = 0;
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      drain();
      if (out.length || !block || this.jobs.size === 0) return out;
      if (this.broken || waited >= STALL_MS) {
        for (const id of [...this.jobs.keys()]) out.push({ id, error: 'extraction worker failed or stalled' });
        this.jobs.clear();
        this.owner.clear();
        this.load.fill(0);
        this.broken = true;
        return out;
      }
      const t0 = Date.now();
      Atomics.wait(this.signal, 0, seen, 200);
      waited += Date.now() - t0;
    }
  }

  /** True once a worker failed: the caller stops submitting. */
  get failed(): boolean {
    return this.broken;
  }

  close(): void {
    for (const p of this.ports) p.close();
    for (const w of this.workers) void w.terminate();
  }
}

/** The worker side: extracts each job's documents and signals the indexing thread. */
export function runExtractWorker(
  data: ExtractWorkerData, parent: MessagePort, extract: (doc: ExtractJob['docs'][number]) => { figures: FileAnalysis['figures'][number]; mentions: FileAnalysis['mentions'][number] },
  lookups?: (file: FileAnalysis) => DocLookup[],
): void {
  const signal = new Int32Array(data.signal);
  parent.on('message', (job: ExtractJob | AnalyzeJob) => {
    let reply: ExtractReply;
    let transfer: ArrayBuffer[] = [];
    try {
      if (job.type === 'analyze') {
        const file = analyzeWhole(job, extract, lookups);
        const packed = job.pack && file.ok ? packedFile(job, job.pack.hash, file) : undefined;
        reply = packed ? { id: job.id, packed } : { id: job.id, file };
        if (packed) transfer = [packed.record.buffer as ArrayBuffer, packed.lookups.buffer as ArrayBuffer, packed.grams.buffer as ArrayBuffer];
      } else reply = { id: job.id, ...extractAll(job.docs, extract) };
    } catch (e) {
      reply = { id: job.id, error: (e as Error).stack ?? String(e) };
    }
    data.replies.postMessage(reply, transfer);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}

type Extract = (doc: ExtractJob['docs'][number]) => { figures: FileAnalysis['figures'][number]; mentions: FileAnalysis['mentions'][number] };

function extractAll(docs: ExtractJob['docs'], extract: Extract): { figures: FileAnalysis['figures']; mentions: FileAnalysis['mentions'] } {
  const figures: FileAnalysis['figures'] = [];
  const mentions: FileAnalysis['mentions'] = [];
  for (const doc of docs) {
    const x = extract(doc);
    figures.push(x.figures);
    mentions.push(x.mentions);
  }
  return { figures, mentions };
}

/** A fresh buffer of its own (a transferable one; zlib's output may be a view of a larger or pooled buffer). */
function own(b: Uint8Array): Uint8Array {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b);
}

/**
 * The pack's records of a file analysed here: the analysis as the indexing thread makes it of the
 * parts (indexer.ts fromParts; its token lengths are not part of the record), encoded as it would.
 */
function packedFile(job: AnalyzeJob, hash: string, x: AnalyzedFile & { ok: true }): PackedFile | undefined {
  const grams = Array.isArray(x.lookup) && x.lookup.length === x.docs.length ? summedGrams(x.lookup) : undefined;
  if (!grams) return undefined;
  const analysis = {
    version: ANALYSIS_VERSION, source: job.source, hash, bytes: job.bytes.length, encoding: x.encoding,
    notes: x.notes, lineStarts: x.lineStarts, docs: x.docs, figures: x.figures, mentions: x.mentions,
  } as FileAnalysis;
  return { record: own(encodeRecord(analysis)), lookups: own(encodeLookups(x.lookup!)), grams: own(encodeGrams(grams)), summary: summaryOf(analysis) };
}

/** A whole file analysed on this thread as a worker would (analyzeWhole): all but the token lengths. */
export function analyzeBytes(source: string, bytes: Uint8Array, extract: Extract, lookups?: (file: FileAnalysis) => DocLookup[]): AnalyzedFile {
  return analyzeWhole({ type: 'analyze', id: 0, source, bytes }, extract, lookups);
}

/** What service.analyzeFile does but the segmentation (the same steps, in the same order). */
function analyzeWhole(job: AnalyzeJob, extract: Extract, lookups?: (file: FileAnalysis) => DocLookup[]): AnalyzedFile {
  const decoded = decodeBytes(job.bytes);
  if (!decoded.ok) return decoded.detail === undefined ? { ok: false, reason: decoded.reason } : { ok: false, reason: decoded.reason, detail: decoded.detail };
  const ingested = ingestText(job.source, decoded.text);
  const out: AnalyzedFile = { ok: true, encoding: decoded.encoding, notes: ingested.notes, lineStarts: ingested.lineStarts, docs: ingested.docs, ...extractAll(ingested.docs, extract) };
  // the lookup records (claims read, clauses cut, mentions cited) on this core, not the indexing thread's
  if (lookups) out.lookup = lookups({ source: job.source, lineStarts: out.lineStarts, docs: out.docs, figures: out.figures, mentions: out.mentions } as FileAnalysis);
  return out;
}
