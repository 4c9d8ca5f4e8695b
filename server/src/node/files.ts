// One safe, bounded way to read a file, used for drafts, corpus files, team libraries and
// regions.txt. A path is opened only when it is a regular file (or a symbolic link to one, followed
// with loop detection and a hop limit): named pipes, devices, sockets and folders are refused with a
// reason before anything blocks; a file over its limit is refused before it is read whole.
import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, realpathSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A corpus file or a draft above this size is refused (an article, not a dump). */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
/** A team phrase library or regions list above this size is refused. */
export const MAX_TEAM_FILE_BYTES = 4 * 1024 * 1024;
/** Symbolic links followed in a chain before giving up. */
export const MAX_LINK_HOPS = 16;

/** Why a path could not be read. `kind` is a stable key (see describeReadFailure for the words). */
export type ReadFailure =
  | { reason: 'missing' }
  | { reason: 'not-regular'; kind: 'directory' | 'fifo' | 'socket' | 'character-device' | 'block-device' | 'other' }
  | { reason: 'link-loop' }
  | { reason: 'link-depth' }
  | { reason: 'too-large'; size: number; limit: number }
  | { reason: 'unreadable'; message: string };

export type ReadResult = ({ ok: true; bytes: Buffer; path: string } | ({ ok: false } & ReadFailure));

export function fileKind(st: Stats): 'regular' | 'directory' | 'fifo' | 'socket' | 'character-device' | 'block-device' | 'other' {
  if (st.isFile()) return 'regular';
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character-device';
  if (st.isBlockDevice()) return 'block-device';
  return 'other';
}

export type Inspected =
  | { ok: true; target: string; stats: Stats; viaLink: boolean }
  | ({ ok: false } & ReadFailure);

function errorFailure(e: unknown): ReadFailure {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { reason: 'missing' };
  if (code === 'ELOOP') return { reason: 'link-loop' };
  return { reason: 'unreadable', message: (e as Error).message };
}

/**
 * Follows a chain of symbolic links by hand (so a loop or an absurd chain is named as such) and
 * stats what it ends at. Never opens anything.
 */
export function inspectPath(path: string): Inspected {
  let current = resolve(path);
  const seen = new Set<string>();
  let viaLink = false;
  for (let hop = 0; ; hop++) {
    let st: Stats;
    try {
      st = lstatSync(current);
    } catch (e) {
      return { ok: false, ...errorFailure(e) };
    }
    if (!st.isSymbolicLink()) return { ok: true, target: current, stats: st, viaLink };
    viaLink = true;
    if (seen.has(current)) return { ok: false, reason: 'link-loop' };
    if (hop >= MAX_LINK_HOPS) return { ok: false, reason: 'link-depth' };
    seen.add(current);
    try {
      current = resolve(dirname(current), readlinkSync(current));
    } catch (e) {
      return { ok: false, ...errorFailure(e) };
    }
  }
}

/** True when `dir` (a folder reached through a link) is the folder holding `path` or one above it. */
export function isAncestorLoop(path: string, dir: string): boolean {
  try {
    const real = realpathSync(dir);
    const parent = realpathSync(dirname(resolve(path)));
    return parent === real || parent.startsWith(real.endsWith('/') ? real : `${real}/`);
  } catch {
    return true;
  }
}

/**
 * Reads a regular file whole, at most `maxBytes`. Special files are refused from their metadata,
 * and the file is opened non-blocking and checked again on the open descriptor, so a path swapped
 * for a pipe between the check and the open cannot block the caller either.
 */
export function readFileBounded(path: string, maxBytes: number = MAX_DOCUMENT_BYTES): ReadResult {
  const found = inspectPath(path);
  if (!found.ok) return found;
  const kind = fileKind(found.stats);
  if (kind !== 'regular') return { ok: false, reason: 'not-regular', kind };
  if (found.stats.size > maxBytes) return { ok: false, reason: 'too-large', size: found.stats.size, limit: maxBytes };
  let fd: number;
  try {
    fd = openSync(found.target, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    return { ok: false, ...errorFailure(e) };
  }
  try {
    const st = fstatSync(fd);
    const k = fileKind(st);
    if (k !== 'regular') return { ok: false, reason: 'not-regular', kind: k };
    if (st.size > maxBytes) return { ok: false, reason: 'too-large', size: st.size, limit: maxBytes };
    // Read in chunks up to the limit: a file that grows while we read (or reports size 0, as /proc
    // files do) is still bounded.
    const chunks: Buffer[] = [];
    let total = 0;
    const chunkSize = Math.max(1, Math.min(Math.max(st.size, 65536), maxBytes + 1));
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(chunkSize, maxBytes + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > maxBytes) return { ok: false, reason: 'too-large', size: total, limit: maxBytes };
    }
    return { ok: true, bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total), path: found.target };
  } catch (e) {
    return { ok: false, ...errorFailure(e) };
  } finally {
    try {
      closeSync(fd);
    } catch {
      /* already closed */
    }
  }
}

/** English message keys for a read failure (localised by the caller with its `t`). */
export function describeReadFailure(f: ReadFailure, t: (message: string, ...args: Array<string | number>) => string): string {
  switch (f.reason) {
    case 'missing': return t('no such file');
    case 'not-regular': return t('not a regular file ({0})', t(KIND_TEXT[f.kind]));
    case 'link-loop': return t('symbolic link loop');
    case 'link-depth': return t('too many symbolic links in a chain (more than {0})', MAX_LINK_HOPS);
    case 'too-large': return t('file too large ({0} MB, limit {1} MB)', mb(f.size), mb(f.limit));
    case 'unreadable': return t('cannot be read ({0})', f.message);
  }
}

/** A file that was read but is not text (decodeBytes said binary or undecodable). */
export type FileProblem = ReadFailure | { reason: 'binary' } | { reason: 'undecodable' };

/** Why a file could not be used, in the user's language: read failures and decoding failures alike. */
export function describeFileProblem(f: FileProblem, t: (message: string, ...args: Array<string | number>) => string): string {
  if (f.reason === 'binary') return t('cannot read as text: a binary file');
  if (f.reason === 'undecodable') return t('cannot read as text: not UTF-8, UTF-16 or GB18030');
  return describeReadFailure(f, t);
}

export const KIND_TEXT: Record<string, string> = {
  directory: 'a folder',
  fifo: 'a named pipe',
  socket: 'a socket',
  'character-device': 'a character device',
  'block-device': 'a block device',
  other: 'not a file',
};

export function mb(bytes: number): string {
  return (bytes / 1048576).toFixed(1).replace(/\.0$/, '');
}
