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
import { closeSync, fstatSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { deflateSync, inflateSync } from 'node:zlib';
import { DOC_SUMMARIES, docSummaries, type FileAnalysis } from '../core/corpus/snapshot';
import type { Gazetteer } from '../core/regions';
import { DOC_LOOKUPS, lookupsOf, type DocLookup } from '../core/store/keys';

const MAGIC = 'PDP2\n';
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
}

interface Header {
  fp: string;
  /** source, content hash, offset, length, stamp ('' for none), CRC-32 of the record */
  files: Array<[string, string, number, number, string, number]>;
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
  /** Each document's lookup record (keys.ts DocLookup): the local index is built from these alone. */
  lookup?: DocLookup[];
}

/** A file's summary; with `gaz`, its documents' lookup records too (computed here unless it carries them). */
export function summaryOf(f: FileAnalysis, gaz?: Gazetteer): FileSummary {
  const s: FileSummary = { bytes: f.bytes, notes: f.notes, docs: [] };
  if (f.encoding !== undefined) s.encoding = f.encoding;
  if (f.skipped !== undefined) s.skipped = f.skipped;
  if (f.detail !== undefined) s.detail = f.detail;
  s.docs = docSummaries(f).slice();
  if (gaz) s.lookup = lookupsOf(f, gaz);
  return s;
}

export interface PackReader {
  files: Map<string, PackEntry>;
  phrases?: { key: string; off: number; len: number; crc?: number };
  /** The record's bytes, or undefined when the file cannot be read there. */
  read(off: number, len: number): Buffer | undefined;
  /** Whether the record's bytes are those written (CRC-32), without inflating it. */
  intact(entry: { off: number; len: number; crc?: number }): boolean;
  /** Per file what lazyAnalysis needs (undefined: the pack has no summary or it is damaged). */
  summaries(): Map<string, FileSummary> | undefined;
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
    for (const [source, hash, off, len, stamp, crc] of header.files) files.set(source, { hash, off, len, stamp: stamp || undefined, crc });
    let open = true;
    let summaries: Map<string, FileSummary> | undefined | null = null;
    return {
      files,
      file: f,
      phrases: header.phrases ? { key: header.phrases[0], off: header.phrases[1], len: header.phrases[2], crc: header.phrases[3] } : undefined,
      read: (off, len) => (open ? read(off, len) : undefined),
      intact: e => {
        if (!open || typeof e.crc !== 'number') return false;
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
      close: () => {
        if (open) f.release();
        open = false;
      },
    };
  } catch {
    return fail();
  }
}

/** Writes a new pack beside the old one and renames it into place when finished. */
export class PackWriter {
  private pos = MAGIC.length;
  private readonly header: Header;
  /** The file being written, readable (lazy analyses of records already written read it). */
  readonly file: PackFile;
  private constructor(private readonly fd: number, private readonly tmp: string, private readonly path: string, fp: string) {
    this.header = { fp, files: [] };
    this.file = new PackFile(fd);
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

  /** Appends a record; returns where it is (for lazyAnalysis), or undefined when it could not be written. */
  add(source: string, hash: string, record: Uint8Array, stamp?: string): { off: number; len: number } | undefined {
    const at = this.write(record);
    if (at) this.header.files.push([source, hash, at[0], at[1], stamp ?? '', crc32(record)]);
    return at ? { off: at[0], len: at[1] } : undefined;
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
      renameSync(this.tmp, this.path);
      this.file.release();
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

/**
 * An analysis whose record is read when first needed: the fields the summary holds are there at
 * once; lineStarts, docs, tokenLengths, figures and mentions are inflated from the pack on first
 * access (all of them, once). A record that then fails to inflate or to pass `valid` (the pack was
 * damaged after it was opened) reads as a file skipped as unreadable, and `onDamaged` is told.
 */
export function lazyAnalysis(
  file: PackFile, at: { off: number; len: number }, version: number, source: string, hash: string, summary: FileSummary,
  valid: (x: unknown) => boolean, onDamaged?: () => void,
): FileAnalysis {
  const f = { version, source, hash, bytes: summary.bytes } as Record<string, unknown>;
  if (summary.encoding !== undefined) f.encoding = summary.encoding;
  if (summary.skipped !== undefined) f.skipped = summary.skipped;
  if (summary.detail !== undefined) f.detail = summary.detail;
  f.notes = summary.notes;
  Object.defineProperty(f, DOC_SUMMARIES, { value: summary.docs, enumerable: false, configurable: true, writable: true });
  if (Array.isArray(summary.lookup) && summary.lookup.length === summary.docs.length) {
    Object.defineProperty(f, DOC_LOOKUPS, { value: summary.lookup, enumerable: false, configurable: true, writable: true });
  }
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
      if (d?.get) {
        // token lengths still encoded (decodeRecord): decoded on first read, then kept here
        Object.defineProperty(f, k, {
          enumerable: true,
          configurable: true,
          get: () => {
            const v = value![k];
            Object.defineProperty(f, k, { value: v, writable: true, enumerable: true, configurable: true });
            return v;
          },
          set: (v: unknown) => Object.defineProperty(f, k, { value: v, writable: true, enumerable: true, configurable: true }),
        });
      } else if (d) Object.defineProperty(f, k, { value: d.value, writable: true, enumerable: true, configurable: true });
      else Object.defineProperty(f, k, { value: k === 'lineStarts' ? [0] : [], writable: true, enumerable: true, configurable: true });
    }
    if (!ok) {
      Object.defineProperty(f, DOC_SUMMARIES, { value: [], enumerable: false, configurable: true, writable: true });
      Object.defineProperty(f, DOC_LOOKUPS, { value: [], enumerable: false, configurable: true, writable: true });
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
        Object.defineProperty(f, k, { value, writable: true, enumerable: true, configurable: true });
      },
    });
  }
  return f as unknown as FileAnalysis;
}

const LAZY_FIELDS = ['lineStarts', 'docs', 'tokenLengths', 'figures', 'mentions'] as const;

/** True when an analysis's record has not been read yet (lazyAnalysis). */
export function recordPending(f: object): boolean {
  return typeof Object.getOwnPropertyDescriptor(f, 'docs')?.get === 'function';
}

// ---- compact records ------------------------------------------------------------------------------

/** Token lengths as one character each ('0' + length), longer ones as ~length| (rare: long gaps). */
export function encodeLengths(lengths: readonly number[]): string {
  let s = '';
  for (const n of lengths) s += n < 78 ? String.fromCharCode(48 + n) : `~${n}|`;
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

/**
 * Token lengths are decoded on first read: only phrase mining reads them, and a restart whose mined
 * phrases are cached never does (it saves a number per token of the corpus).
 */
function lazyTokenLengths(target: object, encoded: string[]): void {
  const settle = (value: unknown) => Object.defineProperty(target, 'tokenLengths', { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(target, 'tokenLengths', {
    enumerable: true,
    configurable: true,
    get: () => {
      const value = encoded.map(decodeLengths);
      settle(value);
      return value;
    },
    set: settle,
  });
}

/** True when an analysis's token lengths are not decoded yet (they were checked when read). */
export function tokenLengthsPending(f: object): boolean {
  return typeof Object.getOwnPropertyDescriptor(f, 'tokenLengths')?.get === 'function';
}

const TEXT_RECORD = 0x54; // 'T': an analysis, its texts apart as UTF-16 (decoded without a UTF-8 pass)

/** A compressed record of an analysis (or of any JSON value, such as the mined phrases). */
export function encodeRecord(value: unknown): Buffer {
  const v = value as FileAnalysis;
  if (!(v && Array.isArray(v.docs) && Array.isArray(v.tokenLengths))) return deflateSync(JSON.stringify(value), { level: LEVEL });
  const texts: string[] = [];
  const compact = {
    ...v,
    // Texts become their lengths here and follow the JSON; the display text only where it differs.
    docs: v.docs.map(d => {
      texts.push(d.text);
      if (d.display === d.text) return { ...d, text: d.text.length, display: undefined };
      texts.push(d.display);
      return { ...d, text: d.text.length, display: d.display.length };
    }),
    tokenLengths: v.tokenLengths.map(encodeLengths),
  };
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
    if (!f || !Array.isArray(f.docs) || !Array.isArray(f.tokenLengths) || (b.length - 5 - n) % 2) return undefined;
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
    const encoded = f.tokenLengths as unknown[];
    if (encoded.length !== f.docs.length || !encoded.every(x => typeof x === 'string')) return undefined;
    lazyTokenLengths(f, encoded as string[]);
    return f;
  } catch {
    return undefined;
  }
}
