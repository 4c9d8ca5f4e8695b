// The analysis cache as one file per corpus ("pack"): each file's analysis is a compressed record
// (zlib, whose checksum fails on any flipped or missing byte), followed by a header that lists the
// records (source, content hash, offset, length) and the mined phrases, and a fixed-size trailer
// that locates the header and carries its SHA-1:
//
//   PDP1\n <record> <record> … <phrases record> <header JSON> PDPT <offset> <length> <sha1 of header>\n
//
// Records are read one at a time with positioned reads, so reading a pack never holds it whole, and
// a record is copied byte for byte into the next pack when its file did not change.
// On disk a record is compact: the display text only where it differs from the matching text, token
// lengths as one character each. In memory an analysis keeps its usual shape (FileAnalysis).
//
// Format 2 adds what lets a warm start read nothing it does not need: each record's CRC-32 in the
// header (a damaged record is found without inflating it) and a summary record (per file what the
// corpus report and the statistics read: sizes, encoding, notes, each document's id, title, date and
// length). An analysis read from a pack is then a lazy one (lazyAnalysis): its summary fields are
// there at once, and its texts, figures and mentions are inflated from the pack on first access.
//
// Format 4 keeps apart what different readers read: per file, beside its analysis record, a record of
// its documents' lookup records (keys.ts DocLookup: what the local index is built from) and, once the
// file has been segmented, a record of its token lengths (only phrase mining reads them). The summary
// record holds only what the corpus report reads. A pack is written as soon as the files are analysed
// (the checks need no segmentation); mining later extends it (PackWriter.extend: a copy with the token
// lengths and the mined phrases appended, renamed into place).
//
// Format 5 keeps the bigram counts (DocLookup.g, read only to find the corpus's common grams) out of
// the lookups record: per file a record of its documents' counts summed, and in the header the
// corpus's totals over every file the pack lists. A warm start reads the totals (tens of thousands
// of bigrams) instead of every document's counts (millions on a 100 MB corpus); a pack rewritten after
// a change updates the totals by the files added and gone. The header also locates the local index's
// key maps over every file (memory.ts KeyedIndex), written with the pack: a warm start of an unchanged
// corpus reads that one record instead of every file's lookups record.
import { closeSync, copyFileSync, fstatSync, ftruncateSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { deflateSync, inflateSync } from 'node:zlib';
import { DOC_SUMMARIES, docSummaries, type FileAnalysis } from '../core/corpus/snapshot';
import { DOC_LOOKUPS, FILE_GRAMS, type DocLookup, type GramCounts } from '../core/store/keys';
import type { KeyedIndex, PackedLists } from '../core/store/memory';
import { endianness } from 'node:os';

const MAGIC = 'PDP5\n';
const TRAILER_BYTES = 78; // 'PDPT ' + 15 + ' ' + 15 + ' ' + 40 + '\n'
/** zlib level: 3 is within 10% of the default's size at half its time. */
const LEVEL = 3;

export interface PackEntry {
  hash: string;
  off: number;
  len: number;
  /** Size, modification time and inode of the file when it was hashed: unchanged, it is not read again. */
  stamp?: string;
  /** CRC-32 of the record's bytes. */
  crc?: number;
  /** The record of its documents' lookup records (DocLookup[]), when written. */
  lookups?: RecordRef;
  /** The record of its documents' token lengths, once the file was segmented. */
  segments?: RecordRef;
  /** The record of its documents' gram counts summed (FILE_GRAMS). */
  grams?: RecordRef;
}

/** Where a record is in a pack, and its CRC-32. */
export interface RecordRef {
  off: number;
  len: number;
  crc: number;
}

type RefTuple = [number, number, number] | 0;
const toRef = (t: unknown): RecordRef | undefined =>
  Array.isArray(t) && t.length === 3 && t.every(n => Number.isInteger(n) && n >= 0) ? { off: t[0], len: t[1], crc: t[2] } : undefined;

interface Header {
  fp: string;
  /** source, content hash, offset, length, stamp ('' for none), CRC-32 of the record, lookups record, segments record, grams record */
  files: Array<[string, string, number, number, string, number, RefTuple?, RefTuple?, RefTuple?]>;
  /** The record of the gram counts of every file listed, summed (GramCounts). */
  grams?: [number, number, number];
  /** The record of the key maps over every file listed, in their order (KeyedIndex). */
  keyed?: [number, number, number];
  phrases?: [string, number, number, number];
  /** The summary record: FileSummary per file, in the order of `files`. */
  summary?: [number, number];
}

/** What a lazy analysis holds before its record is read: the corpus report and the statistics read no more. */
export interface FileSummary {
  bytes: number;
  encoding?: FileAnalysis['encoding'];
  skipped?: FileAnalysis['skipped'];
  detail?: string;
  notes: FileAnalysis['notes'];
  docs: ReturnType<typeof docSummaries>[number][];
}

/** A file's summary (what the corpus report reads). */
export function summaryOf(f: FileAnalysis): FileSummary {
  const s: FileSummary = { bytes: f.bytes, notes: f.notes, docs: [] };
  if (f.encoding !== undefined) s.encoding = f.encoding;
  if (f.skipped !== undefined) s.skipped = f.skipped;
  if (f.detail !== undefined) s.detail = f.detail;
  s.docs = docSummaries(f).slice();
  return s;
}

export interface PackReader {
  files: Map<string, PackEntry>;
  /** The header as read and where it starts (PackWriter.extend continues the pack from there). */
  header?: { value: Header; at: number; trailer: string };
  phrases?: { key: string; off: number; len: number; crc?: number };
  /** The record's bytes, or undefined when the file cannot be read there. */
  read(off: number, len: number): Buffer | undefined;
  /** Whether the record's bytes are those written (CRC-32), without inflating it. */
  intact(entry: { off: number; len: number; crc?: number }): boolean;
  /** Per file what lazyAnalysis needs (undefined: the pack has no summary or it is damaged). */
  summaries(): Map<string, FileSummary> | undefined;
  /** The record of the gram counts of every file listed, summed (decodeGrams; undefined: the pack has none or it is damaged). */
  gramTotalsRecord(): Buffer | undefined;
  /** The record of the key maps over every file listed (decodeKeyed; undefined: the pack has none or it is damaged). */
  keyedRecord(): Buffer | undefined;
  /** The open file, kept open while lazy analyses still need it. */
  file: PackFile;
  close(): void;
}

const sha1 = (b: Uint8Array | string) => createHash('sha1').update(b).digest('hex');

/** CRC-32 of a record (zlib.crc32 where Node has it, else the first 32 bits of its SHA-1). */
const crc32: (b: Uint8Array) => number = typeof (zlib as { crc32?: unknown }).crc32 === 'function'
  ? b => (zlib as unknown as { crc32(b: Uint8Array): number }).crc32(b)
  : b => createHash('sha1').update(b).digest().readUInt32LE(0);

/**
 * A pack's open file descriptor, shared by its reader or writer and the lazy analyses read from it:
 * closed when the last of them lets go (or, for analyses never read, when all are collected).
 */
export class PackFile {
  private users = 1;
  private closed = false;
  private static readonly finalizer = new FinalizationRegistry<number>(fd => {
    try {
      closeSync(fd);
    } catch {
      /* closed */
    }
  });

  constructor(readonly fd: number) {
    PackFile.finalizer.register(this, fd, this);
  }

  read(off: number, len: number): Buffer | undefined {
    if (this.closed || off < 0 || len < 0) return undefined;
    try {
      const b = Buffer.allocUnsafe(len);
      let got = 0;
      while (got < len) {
        const n = readSync(this.fd, b, got, len - got, off + got);
        if (n <= 0) return undefined;
        got += n;
      }
      return b;
    } catch {
      return undefined;
    }
  }

  /** Reads up to `len` bytes at `off` into `buf`; returns how many were read (0 on failure). */
  readInto(buf: Buffer, off: number, len: number): number {
    if (this.closed || off < 0 || len <= 0) return 0;
    try {
      let got = 0;
      while (got < len) {
        const n = readSync(this.fd, buf, got, len - got, off + got);
        if (n <= 0) break;
        got += n;
      }
      return got;
    } catch {
      return 0;
    }
  }

  hold(): void {
    this.users++;
  }

  release(): void {
    if (this.closed || --this.users > 0) return;
    this.closed = true;
    PackFile.finalizer.unregister(this);
    try {
      closeSync(this.fd);
    } catch {
      /* closed */
    }
  }
}

/** Opens a pack of this code version: undefined when there is none, 'corrupt' when it is damaged. */
export function openPack(path: string, fp: string): PackReader | 'corrupt' | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  let file: PackFile | undefined;
  const fail = (): 'corrupt' => {
    if (file) file.release();
    else closeSync(fd);
    return 'corrupt';
  };
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size < MAGIC.length + TRAILER_BYTES) return fail();
    file = new PackFile(fd);
    const f = file;
    const read = (off: number, len: number): Buffer | undefined => (off + len > st.size ? undefined : f.read(off, len));
    const bad = fail;
    if (read(0, MAGIC.length)?.toString('latin1') !== MAGIC) {
      // another format's pack (an earlier version): not ours to read (pruned in time)
      f.release();
      return undefined;
    }
    const trailer = read(st.size - TRAILER_BYTES, TRAILER_BYTES)?.toString('latin1') ?? '';
    const m = /^PDPT +(\d+) +(\d+) ([0-9a-f]{40})\n$/.exec(trailer);
    if (!m) return bad();
    const headerBytes = read(Number(m[1]), Number(m[2]));
    if (!headerBytes || sha1(headerBytes) !== m[3]) return bad();
    const header = JSON.parse(headerBytes.toString('utf8')) as Header;
    if (!header || !Array.isArray(header.files)) return bad();
    if (header.fp !== fp) {
      f.release();
      return undefined; // another code version's pack: not ours to read (pruned in time)
    }
    const files = new Map<string, PackEntry>();
    for (const [source, hash, off, len, stamp, crc, lk, seg, gr] of header.files) {
      const e: PackEntry = { hash, off, len, stamp: stamp || undefined, crc };
      const lookups = toRef(lk), segments = toRef(seg), grams = toRef(gr);
      if (lookups) e.lookups = lookups;
      if (segments) e.segments = segments;
      if (grams) e.grams = grams;
      files.set(source, e);
    }
    let open = true;
    /** A record the header locates, read and checked against its CRC-32 (undefined: none, or damaged). */
    const checked = (tuple: unknown): Buffer | undefined => {
      const at = toRef(tuple);
      const bytes = at && open ? read(at.off, at.len) : undefined;
      return bytes && crc32(bytes) === at!.crc ? bytes : undefined;
    };
    let summaries: Map<string, FileSummary> | undefined | null = null;
    let verified: Map<number, { len: number; crc: number; ok: boolean }> | undefined;
    return {
      files,
      file: f,
      header: { value: header, at: Number(m[1]), trailer },
      phrases: header.phrases ? { key: header.phrases[0], off: header.phrases[1], len: header.phrases[2], crc: header.phrases[3] } : undefined,
      read: (off, len) => (open ? read(off, len) : undefined),
      intact: e => {
        if (!open || typeof e.crc !== 'number') return false;
        // every analysis record checked in one pass over the file the first time one is asked about
        verified ??= verifyRecords(f, st.size, [...files.values()]);
        const v = verified.get(e.off);
        if (v && v.len === e.len && v.crc === e.crc) return v.ok;
        const b = read(e.off, e.len);
        return !!b && crc32(b) === e.crc;
      },
      summaries: () => {
        if (summaries !== null) return summaries;
        summaries = undefined;
        const at = header.summary;
        const bytes = at && open ? read(at[0], at[1]) : undefined;
        const list = bytes ? decodeRecord(bytes) : undefined;
        if (Array.isArray(list) && list.length === header.files.length) {
          const map = new Map<string, FileSummary>();
          header.files.forEach(([source], i) => {
            const x = list[i] as FileSummary;
            if (x && typeof x.bytes === 'number' && Array.isArray(x.notes) && Array.isArray(x.docs)) map.set(source, x);
          });
          if (map.size === header.files.length) summaries = map;
        }
        return summaries;
      },
      gramTotalsRecord: () => checked(header.grams),
      keyedRecord: () => checked(header.keyed),
      close: () => {
        if (open) f.release();
        open = false;
      },
    };
  } catch {
    return fail();
  }
}

/** Bytes read at once when checking every record of a pack. */
const VERIFY_CHUNK = 4 * 1024 * 1024;

/**
 * The CRC-32 check of every analysis record, in offset order, read in large chunks into one reused
 * buffer (a read and a fresh buffer per record made a warm start of a large corpus spend most of its
 * time in system calls and page faults).
 */
function verifyRecords(file: PackFile, size: number, entries: PackEntry[]): Map<number, { len: number; crc: number; ok: boolean }> {
  const out = new Map<number, { len: number; crc: number; ok: boolean }>();
  const list = entries.filter(e => typeof e.crc === 'number').sort((a, b) => a.off - b.off);
  const buf = Buffer.allocUnsafe(VERIFY_CHUNK);
  let bufAt = -1, bufLen = 0;
  for (const e of list) {
    let bytes: Buffer | undefined;
    if (e.off < 0 || e.len < 0 || e.off + e.len > size) bytes = undefined;
    else if (e.len > VERIFY_CHUNK) bytes = file.read(e.off, e.len);
    else {
      if (bufAt < 0 || e.off < bufAt || e.off + e.len > bufAt + bufLen) {
        bufAt = e.off;
        bufLen = file.readInto(buf, e.off, Math.min(VERIFY_CHUNK, size - e.off));
      }
      bytes = e.off + e.len <= bufAt + bufLen ? buf.subarray(e.off - bufAt, e.off - bufAt + e.len) : undefined;
    }
    out.set(e.off, { len: e.len, crc: e.crc!, ok: !!bytes && bytes.length === e.len && crc32(bytes) === e.crc });
  }
  return out;
}

/** Writes a new pack beside the old one and renames it into place when finished. */
export class PackWriter {
  private pos = MAGIC.length;
  private header: Header;
  /** The file being written, readable (lazy analyses of records already written read it). */
  readonly file: PackFile;
  /** Once finished: the header written, where it starts and the trailer (PackWriter.extend continues from them). */
  written?: { value: Header; at: number; trailer: string };
  private constructor(private readonly fd: number, private readonly tmp: string, private readonly path: string, fp: string) {
    this.header = { fp, files: [] };
    this.file = new PackFile(fd);
  }

  /**
   * Continues a finished pack (its header, where that starts and its trailer, as read or written): a
   * copy of it is written on from where its header was, and renamed over it when finished. Undefined
   * when the pack at `path` is no longer that one (another process replaced it) or cannot be copied.
   */
  static extend(path: string, was: { value: Header; at: number; trailer: string }): PackWriter | undefined {
    const tmp = `${path}.${process.pid}.tmp`;
    let fd: number | undefined;
    try {
      copyFileSync(path, tmp);
      fd = openSync(tmp, 'r+');
      const size = fstatSync(fd).size;
      const tail = Buffer.alloc(TRAILER_BYTES);
      if (size < TRAILER_BYTES || readSync(fd, tail, 0, TRAILER_BYTES, size - TRAILER_BYTES) !== TRAILER_BYTES || tail.toString('latin1') !== was.trailer) {
        throw new Error('the pack was replaced');
      }
      const w = new PackWriter(fd, tmp, path, was.value.fp);
      w.header = JSON.parse(JSON.stringify(was.value)) as Header;
      w.pos = was.at;
      return w;
    } catch {
      if (fd !== undefined) closeSync(fd);
      try {
        unlinkSync(tmp);
      } catch {
        /* not made */
      }
      return undefined;
    }
  }

  static create(path: string, fp: string): PackWriter | undefined {
    const tmp = `${path}.${process.pid}.tmp`;
    try {
      const fd = openSync(tmp, 'w+');
      writeSync(fd, MAGIC);
      return new PackWriter(fd, tmp, path, fp);
    } catch {
      return undefined;
    }
  }

  private write(bytes: Uint8Array): [number, number] | undefined {
    try {
      let done = 0;
      while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, this.pos + done);
      const at: [number, number] = [this.pos, bytes.length];
      this.pos += bytes.length;
      return at;
    } catch {
      return undefined;
    }
  }

  private ref(bytes: Uint8Array | undefined): RecordRef | undefined | false {
    if (!bytes) return undefined;
    const at = this.write(bytes);
    return at ? { off: at[0], len: at[1], crc: crc32(bytes) } : false;
  }

  /**
   * Appends a file's analysis record with its lookups record and (when it was segmented) its segments
   * record; returns where they are (for lazyAnalysis), or undefined when they could not be written.
   */
  add(
    source: string, hash: string, record: Uint8Array, stamp?: string, extra: { lookups?: Uint8Array; segments?: Uint8Array; grams?: Uint8Array } = {},
  ): { off: number; len: number; lookups?: RecordRef; segments?: RecordRef; grams?: RecordRef } | undefined {
    const at = this.write(record);
    if (!at) return undefined;
    const lookups = this.ref(extra.lookups), segments = this.ref(extra.segments), grams = this.ref(extra.grams);
    if (lookups === false || segments === false || grams === false) return undefined;
    const tuple = (r?: RecordRef): RefTuple => (r ? [r.off, r.len, r.crc] : 0);
    this.header.files.push([source, hash, at[0], at[1], stamp ?? '', crc32(record), tuple(lookups), tuple(segments), tuple(grams)]);
    return { off: at[0], len: at[1], ...(lookups ? { lookups } : {}), ...(segments ? { segments } : {}), ...(grams ? { grams } : {}) };
  }

  /** The key maps over every file added, in the order added. */
  setKeyed(record: Uint8Array): boolean {
    const r = this.ref(record);
    if (r) this.header.keyed = [r.off, r.len, r.crc];
    return !!r;
  }

  /** The gram counts of every file added, summed (GramCounts). */
  setGramTotals(totals: GramCounts): boolean {
    const r = this.ref(encodeGrams(totals));
    if (r) this.header.grams = [r.off, r.len, r.crc];
    return !!r;
  }

  /** Adds the segments record of a file already in the pack (an extended pack). */
  setSegments(source: string, record: Uint8Array): RecordRef | undefined {
    const entry = this.header.files.find(e => e[0] === source);
    if (!entry) return undefined;
    const r = this.ref(record);
    if (!r) return undefined;
    entry[7] = [r.off, r.len, r.crc];
    return r;
  }

  setPhrases(key: string, record: Uint8Array): boolean {
    const at = this.write(record);
    if (at) this.header.phrases = [key, ...at, crc32(record)];
    return !!at;
  }

  /** The summary of every record added, in the order they were added. */
  setSummaries(list: readonly FileSummary[]): boolean {
    if (list.length !== this.header.files.length) return false;
    const at = this.write(deflateSync(JSON.stringify(list), { level: LEVEL }));
    if (at) this.header.summary = at;
    return !!at;
  }

  /** Writes the header and renames the pack into place; the file stays open for lazy analyses (this.file). */
  finish(): boolean {
    const header = Buffer.from(JSON.stringify(this.header), 'utf8');
    const at = this.write(header);
    const trailer = `PDPT ${String(at?.[0] ?? 0).padStart(15)} ${String(header.length).padStart(15)} ${sha1(header)}\n`;
    if (!at || !this.write(Buffer.from(trailer, 'latin1'))) return false;
    try {
      ftruncateSync(this.fd, this.pos); // an extended pack may have been longer
      renameSync(this.tmp, this.path);
      this.file.release();
      this.written = { value: this.header, at: at[0], trailer };
      return true;
    } catch {
      return false;
    }
  }

  abort(): void {
    this.file.release();
    try {
      unlinkSync(this.tmp);
    } catch {
      /* gone */
    }
  }
}

/** What a lazy analysis is given beside its record: its lookup records and its token lengths, read when asked. */
export interface LazyExtras {
  /** The documents' lookup records (DOC_LOOKUPS), undefined when they cannot be read. */
  lookups?: () => DocLookup[] | undefined;
  /** The documents' gram counts summed (FILE_GRAMS), undefined when they cannot be read. */
  grams?: () => GramCounts | undefined;
  /** The documents' token lengths (a segments record, or segmenting the documents now). */
  tokenLengths?: (f: FileAnalysis) => number[][];
}

/**
 * An analysis whose record is read when first needed: the fields the summary holds are there at
 * once; lineStarts, docs, figures and mentions are inflated from the pack on first access (all of
 * them, once); the lookup records (DOC_LOOKUPS) and the token lengths come from `extras` when first
 * read. A record that then fails to inflate or to pass `valid` (the pack was damaged after it was
 * opened) reads as a file skipped as unreadable, and `onDamaged` is told.
 */
export function lazyAnalysis(
  file: PackFile, at: { off: number; len: number }, version: number, source: string, hash: string, summary: FileSummary,
  valid: (x: unknown) => boolean, onDamaged?: () => void, extras: LazyExtras = {},
): FileAnalysis {
  const f = { version, source, hash, bytes: summary.bytes } as Record<string, unknown>;
  if (summary.encoding !== undefined) f.encoding = summary.encoding;
  if (summary.skipped !== undefined) f.skipped = summary.skipped;
  if (summary.detail !== undefined) f.detail = summary.detail;
  f.notes = summary.notes;
  Object.defineProperty(f, DOC_SUMMARIES, { value: summary.docs, enumerable: false, configurable: true, writable: true });
  const settle = (k: string | symbol, value: unknown, enumerable = true) =>
    Object.defineProperty(f, k, { value, writable: true, enumerable, configurable: true });
  /** A hidden field read once from the pack when first asked, kept as read (undefined when `read` gives nothing usable). */
  const later = (key: symbol, read: () => unknown) =>
    Object.defineProperty(f, key, {
      enumerable: false,
      configurable: true,
      get: () => {
        const v = read();
        settle(key, v, false);
        return v;
      },
      set: (v: unknown) => settle(key, v, false),
    });
  if (extras.lookups) {
    const read = extras.lookups;
    later(DOC_LOOKUPS, () => {
      const v = read();
      return Array.isArray(v) && v.length === summary.docs.length ? v : undefined;
    });
  }
  if (extras.grams) later(FILE_GRAMS, extras.grams);
  file.hold();
  let loaded = false;
  const load = () => {
    if (loaded) return;
    loaded = true;
    const bytes = file.read(at.off, at.len);
    file.release();
    const x = bytes ? decodeRecord(bytes) : undefined;
    const ok = x !== undefined && valid(x);
    const value = ok ? (x as Record<string, unknown>) : undefined;
    if (!ok) {
      f.skipped = 'unreadable';
      f.detail = 'damaged cache record';
      onDamaged?.();
    }
    for (const k of LAZY_FIELDS) {
      const d = value ? Object.getOwnPropertyDescriptor(value, k) : undefined;
      settle(k, d ? d.value : k === 'lineStarts' ? [0] : []);
    }
    if (!ok) {
      settle(DOC_SUMMARIES, [], false);
      settle(DOC_LOOKUPS, [], false);
      settle(FILE_GRAMS, [], false);
      settle('tokenLengths', []);
    }
  };
  for (const k of LAZY_FIELDS) {
    Object.defineProperty(f, k, {
      enumerable: true,
      configurable: true,
      get: () => {
        load();
        return f[k];
      },
      set: (value: unknown) => {
        load();
        settle(k, value);
      },
    });
  }
  const lengths = extras.tokenLengths;
  Object.defineProperty(f, 'tokenLengths', {
    enumerable: true,
    configurable: true,
    get: () => {
      const docs = f.docs as unknown[]; // inflates the record
      const own = Object.getOwnPropertyDescriptor(f, 'tokenLengths');
      if (own && !own.get) return own.value; // a damaged record settled it
      const v = lengths ? lengths(f as unknown as FileAnalysis) : docs.map(() => []);
      settle('tokenLengths', v);
      return v;
    },
    set: (v: unknown) => settle('tokenLengths', v),
  });
  return f as unknown as FileAnalysis;
}

/** Read from the analysis record; token lengths have records of their own (segments). */
const LAZY_FIELDS = ['lineStarts', 'docs', 'figures', 'mentions'] as const;

/** True when an analysis's record has not been read yet (lazyAnalysis). */
export function recordPending(f: object): boolean {
  return typeof Object.getOwnPropertyDescriptor(f, 'docs')?.get === 'function';
}

/** True when an analysis's token lengths have not been read or made yet (they come from a segments record or the segmenter). */
export function tokenLengthsPending(f: object): boolean {
  return typeof Object.getOwnPropertyDescriptor(f, 'tokenLengths')?.get === 'function';
}

/** A record read once from `file` when first asked (held open until then). */
export function laterRecord<T>(file: PackFile, ref: RecordRef, decode: (bytes: Uint8Array) => T | undefined): () => T | undefined {
  file.hold();
  let done = false;
  let value: T | undefined;
  return () => {
    if (done) return value;
    done = true;
    const bytes = file.read(ref.off, ref.len);
    file.release();
    value = bytes && crc32(bytes) === ref.crc ? decode(bytes) : undefined;
    return value;
  };
}

// ---- compact records ------------------------------------------------------------------------------

/** Token lengths as one character each ('0' + length), longer ones as ~length| (rare: long gaps). */
export function encodeLengths(lengths: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < lengths.length; i++) {
    const n = lengths[i];
    s += n < 78 ? String.fromCharCode(48 + n) : `~${n}|`;
  }
  return s;
}

export function decodeLengths(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 126) {
      const j = s.indexOf('|', i);
      out.push(Number(s.slice(i + 1, j)));
      i = j;
    } else out.push(c - 48);
  }
  return out;
}

/** A file's token lengths (one list per document) as a segments record. */
export function encodeSegments(lengths: ReadonlyArray<ArrayLike<number>>): Buffer {
  return deflateSync(JSON.stringify(lengths.map(encodeLengths)), { level: LEVEL });
}

/** The token lengths of a segments record, or undefined when it does not read as `docs` lists. */
export function decodeSegments(bytes: Uint8Array, docs: number): number[][] | undefined {
  try {
    const x = JSON.parse(inflateSync(bytes).toString('utf8')) as unknown;
    if (!Array.isArray(x) || x.length !== docs || !x.every(e => typeof e === 'string')) return undefined;
    return (x as string[]).map(decodeLengths);
  } catch {
    return undefined;
  }
}

/** A file's documents' lookup records as a record, without their gram counts (encodeGrams keeps those). */
export function encodeLookups(lookups: readonly DocLookup[]): Buffer {
  return deflateSync(JSON.stringify(lookups.map(({ k, m, s }) => (s === undefined ? { k, m } : { k, m, s }))), { level: LEVEL });
}

const inflated = (bytes: Uint8Array): unknown =>
  JSON.parse(inflateSync(bytes, { chunkSize: Math.max(64 * 1024, Math.min(bytes.length * 8, 64 * 1024 * 1024)) }).toString('utf8'));

export function decodeLookups(bytes: Uint8Array): DocLookup[] | undefined {
  try {
    const x = inflated(bytes);
    return Array.isArray(x) && x.every(l => l && typeof l === 'object' && Array.isArray((l as DocLookup).k) && Array.isArray((l as DocLookup).m))
      ? (x as DocLookup[]) : undefined;
  } catch {
    return undefined;
  }
}

/** Gram counts (a file's, or a corpus's totals) as a record: the bigrams, and their counts. */
export function encodeGrams(grams: GramCounts): Buffer {
  return deflateSync(JSON.stringify([grams.map(([g]) => g), grams.map(([, n]) => n)]), { level: LEVEL });
}

export function decodeGrams(bytes: Uint8Array): GramCounts | undefined {
  try {
    const x = inflated(bytes);
    if (!Array.isArray(x) || x.length !== 2 || !Array.isArray(x[0]) || !Array.isArray(x[1])) return undefined;
    const [grams, counts] = x as [unknown[], unknown[]];
    if (grams.length !== counts.length || !grams.every(g => typeof g === 'string') || !counts.every(n => Number.isInteger(n) && (n as number) > 0)) return undefined;
    return grams.map((g, i) => [g as string, counts[i] as number]);
  } catch {
    return undefined;
  }
}

const TEXT_RECORD = 0x54; // 'T': an analysis, its texts apart as UTF-16 (decoded without a UTF-8 pass)

/** The fields of an analysis record (token lengths are kept in a segments record of their own). */
const RECORD_FIELDS = ['version', 'source', 'hash', 'bytes', 'encoding', 'skipped', 'detail', 'notes', 'lineStarts', 'docs', 'figures', 'mentions'] as const;

/** A compressed record of an analysis (or of any JSON value, such as the mined phrases). */
export function encodeRecord(value: unknown): Buffer {
  const v = value as FileAnalysis;
  if (!(v && Array.isArray(v.docs) && Array.isArray(v.lineStarts))) return deflateSync(JSON.stringify(value), { level: LEVEL });
  const texts: string[] = [];
  // Field by field: token lengths (made when first read) are not read here.
  const compact: Record<string, unknown> = {};
  for (const k of RECORD_FIELDS) compact[k] = v[k];
  // Texts become their lengths here and follow the JSON; the display text only where it differs.
  compact.docs = v.docs.map(d => {
    texts.push(d.text);
    if (d.display === d.text) return { ...d, text: d.text.length, display: undefined };
    texts.push(d.display);
    return { ...d, text: d.text.length, display: d.display.length };
  });
  const json = Buffer.from(JSON.stringify(compact), 'utf8');
  const head = Buffer.alloc(5);
  head[0] = TEXT_RECORD;
  head.writeUInt32LE(json.length, 1);
  return deflateSync(Buffer.concat([head, json, Buffer.from(texts.join(''), 'utf16le')]), { level: LEVEL });
}

/** The value of a record, or undefined when it does not inflate or parse (its shape is checked by the caller). */
export function decodeRecord(bytes: Uint8Array): unknown {
  try {
    // One output chunk for most records (they inflate to ~3x): zlib's default 16 KB chunks are
    // concatenated at the end, which made inflating 1.5-2x slower on a warm start.
    const b = inflateSync(bytes, { chunkSize: Math.max(64 * 1024, Math.min(bytes.length * 6, 64 * 1024 * 1024)) });
    if (b[0] !== TEXT_RECORD) return JSON.parse(b.toString('utf8'));
    const n = b.readUInt32LE(1);
    const f = JSON.parse(b.toString('utf8', 5, 5 + n)) as Record<string, unknown>;
    if (!f || !Array.isArray(f.docs) || (b.length - 5 - n) % 2) return undefined;
    const all = b.toString('utf16le', 5 + n);
    let p = 0;
    const take = (len: unknown): string | undefined => {
      if (typeof len !== 'number' || len < 0 || p + len > all.length) return undefined;
      p += len;
      return all.slice(p - len, p);
    };
    for (const d of f.docs as Array<Record<string, unknown>>) {
      if (!d || typeof d !== 'object') return undefined;
      const text = take(d.text);
      const display = d.display === undefined ? text : take(d.display);
      if (text === undefined || display === undefined) return undefined;
      d.text = text;
      d.display = display;
    }
    if (p !== all.length) return undefined;
    return f;
  } catch {
    return undefined;
  }
}

/** Arrays of a KeyedIndex record, in order. */
const KEYED_ARRAYS = 6;

/**
 * The local index's key maps as a record: a length-prefixed JSON part (the keys in order, the
 * documents' own sources, the common grams) and the number lists as 32-bit integers (the platform's
 * order: little-endian, else no record is written and a reader builds the maps from the lookups).
 */
export function encodeKeyed(k: KeyedIndex): Buffer | undefined {
  if (endianness() !== 'LE') return undefined;
  const meta = Buffer.from(JSON.stringify([[...k.keys.at.keys()], [...k.mentions.at.keys()], [...k.sourceOf], k.common]), 'utf8');
  const arrays = [k.fileOf, k.ordOf, k.keys.starts, k.keys.data, k.mentions.starts, k.mentions.data];
  const head = Buffer.alloc(4 * (2 + KEYED_ARRAYS));
  head.writeUInt32LE(meta.length, 0);
  arrays.forEach((a, i) => head.writeUInt32LE(a.length, 4 * (1 + i)));
  const pad = Buffer.alloc((4 - (meta.length % 4)) % 4);
  return deflateSync(Buffer.concat([head, meta, pad, ...arrays.map(a => Buffer.from(a.buffer, a.byteOffset, a.byteLength))]), { level: 1 });
}

export function decodeKeyed(bytes: Uint8Array): KeyedIndex | undefined {
  try {
    if (endianness() !== 'LE') return undefined;
    const b = inflateSync(bytes, { chunkSize: Math.max(64 * 1024, Math.min(bytes.length * 4, 64 * 1024 * 1024)) });
    const metaLen = b.readUInt32LE(0);
    const lengths = Array.from({ length: KEYED_ARRAYS }, (_, i) => b.readUInt32LE(4 * (1 + i)));
    let at = 4 * (2 + KEYED_ARRAYS);
    const meta = JSON.parse(b.toString('utf8', at, at + metaLen)) as unknown;
    at += metaLen + ((4 - (metaLen % 4)) % 4);
    if (at + 4 * lengths.reduce((x, y) => x + y, 0) !== b.length) return undefined;
    const arrays = lengths.map(n => {
      const a = new Int32Array(n);
      Buffer.from(a.buffer).set(b.subarray(at, at + 4 * n));
      at += 4 * n;
      return a;
    });
    if (!Array.isArray(meta) || meta.length !== 4 || !meta.every(x => Array.isArray(x))) return undefined;
    const [keys, mentions, sources, common] = meta as [string[], string[], Array<[number, string]>, string[]];
    const lists = (names: string[], starts: Int32Array, data: Int32Array): PackedLists | undefined => {
      if (starts.length !== names.length + 1 || starts[names.length] !== data.length) return undefined;
      const map = new Map<string, number>();
      for (let i = 0; i < names.length; i++) map.set(names[i], i);
      return map.size === names.length ? { at: map, starts, data } : undefined;
    };
    const keyLists = lists(keys, arrays[2], arrays[3]), mentionLists = lists(mentions, arrays[4], arrays[5]);
    if (!keyLists || !mentionLists || arrays[0].length !== arrays[1].length) return undefined;
    return { fileOf: arrays[0], ordOf: arrays[1], keys: keyLists, mentions: mentionLists, sourceOf: new Map(sources), common };
  } catch {
    return undefined;
  }
}
