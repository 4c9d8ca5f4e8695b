// Builds the corpus analyses on disk: reads files, reuses cached analyses keyed by content hash,
// analyses only what changed, and mines phrases (cached by the set of file hashes).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { extname, join } from 'node:path';
import { ANALYSIS_VERSION, type FileAnalysis } from '../core/corpus/snapshot';
import { PHRASE_INDEX_VERSION, type PhraseIndex } from '../core/phrases';
import type { PolicyService } from '../core/service';
import { gazetteerVersion } from './gazetteer';

/** Document types read as corpus text; anything else in a corpus folder is listed as skipped. */
export const CORPUS_EXTENSIONS = new Set(['', '.txt', '.text', '.md', '.markdown', '.gw']);

/** Files above this size are skipped with a message (a corpus file is an article, not a dump). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

let fingerprintCache: string | undefined;
/** Changes whenever the running code changes, so stale analyses are never reused. */
export function codeFingerprint(): string {
  if (!fingerprintCache) {
    const h = createHash('sha1').update(String(ANALYSIS_VERSION)).update(gazetteerVersion());
    try {
      h.update(readFileSync(__filename));
    } catch {
      /* running from memory: version only */
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
}

export interface IndexResult {
  files: FileAnalysis[];
  phrases: PhraseIndex;
  fromCache: number;
  analyzed: number;
  phrasesFromCache: boolean;
}

function sha1(data: Uint8Array | string): string {
  return createHash('sha1').update(data).digest('hex');
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function writeJson(path: string, value: unknown): void {
  try {
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, path);
  } catch {
    /* a read-only or full cache directory only costs time */
  }
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
  let fromCache = 0, analyzed = 0;
  paths.forEach((path, i) => {
    opts.onProgress?.({ done: i, total: paths.length, file: path });
    if (!CORPUS_EXTENSIONS.has(extname(path).toLowerCase())) {
      files.push(service.skippedFile(path, 'unsupported', '', 0, extname(path)));
      return;
    }
    let size = 0;
    try {
      size = statSync(path).size;
    } catch (e) {
      files.push(service.skippedFile(path, 'unreadable', '', 0, (e as Error).message));
      return;
    }
    if (size > maxBytes) {
      files.push(service.skippedFile(path, 'too-large', '', size, `${(size / 1048576).toFixed(1)} MB`));
      return;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      files.push(service.skippedFile(path, 'unreadable', '', size, (e as Error).message));
      return;
    }
    const hash = sha1(bytes);
    const prev = previous.get(path);
    if (prev && prev.hash === hash && prev.version === ANALYSIS_VERSION) {
      files.push(prev);
      fromCache++;
      return;
    }
    const cachePath = cacheDir ? join(cacheDir, `file-${sha1(`${fp}\0${path}\0${hash}`)}.json`) : undefined;
    const cached = cachePath ? readJson<FileAnalysis>(cachePath) : undefined;
    if (cached && cached.hash === hash && cached.source === path && cached.version === ANALYSIS_VERSION) {
      files.push(cached);
      fromCache++;
      return;
    }
    const analysis = service.analyzeFile(path, bytes, hash);
    analyzed++;
    if (cachePath) writeJson(cachePath, analysis);
    files.push(analysis);
  });
  opts.onProgress?.({ done: paths.length, total: paths.length });

  const phraseKey = sha1(`${fp}\0phrases-v${PHRASE_INDEX_VERSION}\0${files.map(f => `${f.source}\0${f.hash}`).join('\n')}`);
  const phrasePath = cacheDir ? join(cacheDir, `phrases-${phraseKey}.json`) : undefined;
  let phrases = phrasePath ? readJson<PhraseIndex>(phrasePath) : undefined;
  const phrasesFromCache = phrases !== undefined;
  if (!phrases) {
    phrases = service.minePhrases(files);
    if (phrasePath) writeJson(phrasePath, phrases);
  }
  return { files, phrases, fromCache, analyzed, phrasesFromCache };
}
