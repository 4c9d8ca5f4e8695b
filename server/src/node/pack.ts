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
import { closeSync, fstatSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import type { FileAnalysis } from '../core/corpus/snapshot';

const MAGIC = 'PDP1\n';
const TRAILER_BYTES = 78; // 'PDPT ' + 15 + ' ' + 15 + ' ' + 40 + '\n'
/** zlib level: 3 is within 10% of the default's size at half its time. */
const LEVEL = 3;

export interface PackEntry {
  hash: string;
  off: number;
  len: number;
  /** Size, modification time and inode of the file when it was hashed: unchanged, it is not read again. */
  stamp?: string;
}

interface Header {
  fp: string;
  files: Array<[string, string, number, number, string?]>;
  phrases?: [string, number, number];
}

export interface PackReader {
  files: Map<string, PackEntry>;
  phrases?: { key: string; off: number; len: number };
  /** The record's bytes, or undefined when the file cannot be read there. */
  read(off: number, len: number): Buffer | undefined;
  close(): void;
}

const sha1 = (b: Uint8Array | string) => createHash('sha1').update(b).digest('hex');

/** Opens a pack of this code version: undefined when there is none, 'corrupt' when it is damaged. */
export function openPack(path: string, fp: string): PackReader | 'corrupt' | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  const fail = (): 'corrupt' => {
    closeSync(fd);
    return 'corrupt';
  };
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size < MAGIC.length + TRAILER_BYTES) return fail();
    const read = (off: number, len: number): Buffer | undefined => {
      if (off < 0 || len < 0 || off + len > st.size) return undefined;
      const b = Buffer.allocUnsafe(len);
      let got = 0;
      while (got < len) {
        const n = readSync(fd, b, got, len - got, off + got);
        if (n <= 0) return undefined;
        got += n;
      }
      return b;
    };
    if (read(0, MAGIC.length)?.toString('latin1') !== MAGIC) return fail();
    const trailer = read(st.size - TRAILER_BYTES, TRAILER_BYTES)?.toString('latin1') ?? '';
    const m = /^PDPT +(\d+) +(\d+) ([0-9a-f]{40})\n$/.exec(trailer);
    if (!m) return fail();
    const headerBytes = read(Number(m[1]), Number(m[2]));
    if (!headerBytes || sha1(headerBytes) !== m[3]) return fail();
    const header = JSON.parse(headerBytes.toString('utf8')) as Header;
    if (!header || !Array.isArray(header.files)) return fail();
    if (header.fp !== fp) {
      closeSync(fd);
      return undefined; // another code version's pack: not ours to read (pruned in time)
    }
    const files = new Map<string, PackEntry>();
    for (const [source, hash, off, len, stamp] of header.files) files.set(source, { hash, off, len, stamp });
    let open = true;
    return {
      files,
      phrases: header.phrases ? { key: header.phrases[0], off: header.phrases[1], len: header.phrases[2] } : undefined,
      read: (off, len) => {
        if (!open) return undefined;
        try {
          return read(off, len);
        } catch {
          return undefined;
        }
      },
      close: () => {
        if (open) closeSync(fd);
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
  private constructor(private readonly fd: number, private readonly tmp: string, private readonly path: string, fp: string) {
    this.header = { fp, files: [] };
  }

  static create(path: string, fp: string): PackWriter | undefined {
    const tmp = `${path}.${process.pid}.tmp`;
    try {
      const fd = openSync(tmp, 'w');
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

  add(source: string, hash: string, record: Uint8Array, stamp?: string): boolean {
    const at = this.write(record);
    if (at) this.header.files.push(stamp ? [source, hash, ...at, stamp] : [source, hash, ...at]);
    return !!at;
  }

  setPhrases(key: string, record: Uint8Array): boolean {
    const at = this.write(record);
    if (at) this.header.phrases = [key, ...at];
    return !!at;
  }

  finish(): boolean {
    const header = Buffer.from(JSON.stringify(this.header), 'utf8');
    const at = this.write(header);
    const trailer = `PDPT ${String(at?.[0] ?? 0).padStart(15)} ${String(header.length).padStart(15)} ${sha1(header)}\n`;
    if (!at || !this.write(Buffer.from(trailer, 'latin1'))) return false;
    try {
      closeSync(this.fd);
      renameSync(this.tmp, this.path);
      return true;
    } catch {
      return false;
    }
  }

  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      /* closed */
    }
    try {
      unlinkSync(this.tmp);
    } catch {
      /* gone */
    }
  }
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
