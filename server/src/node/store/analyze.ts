// One corpus file read, analysed and keyed for the office index (in the indexer or one of its workers).
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { FileAnalysis } from '../../core/corpus/snapshot';
import type { PolicyService } from '../../core/service';
import { documentKeys, type DocumentKeys } from '../../core/store';
import { decodeBytes } from '../../core/text/decode';
import { readFileBounded } from '../files';
import { CORPUS_EXTENSIONS, MAX_FILE_BYTES } from '../indexer';

export interface AnalysedFile {
  analysis: FileAnalysis;
  keys: DocumentKeys[];
}

export function sha1(data: Uint8Array | string): string {
  return createHash('sha1').update(data).digest('hex');
}

/** The content hash the index keys a file by ('' for a file it cannot read). */
export function hashFile(path: string): { hash: string; bytes: number; skipped?: FileAnalysis['skipped']; detail?: string } {
  if (!CORPUS_EXTENSIONS.has(extname(path).toLowerCase())) return { hash: '', bytes: 0, skipped: 'unsupported', detail: extname(path) };
  const r = readFileBounded(path, MAX_FILE_BYTES);
  if (!r.ok) return { hash: '', bytes: 0, skipped: r.reason === 'too-large' ? 'too-large' : 'unreadable', detail: r.reason };
  return { hash: sha1(r.bytes), bytes: r.bytes.length };
}

export function analyseFile(service: PolicyService, path: string, hash: string): AnalysedFile {
  const r = readFileBounded(path, MAX_FILE_BYTES);
  let analysis: FileAnalysis;
  if (!r.ok) analysis = service.skippedFile(path, r.reason === 'too-large' ? 'too-large' : 'unreadable', hash, 0, r.reason);
  else {
    analysis = service.analyzeFile(path, r.bytes, sha1(r.bytes));
    if (analysis.skipped && analysis.detail === undefined) {
      const d = decodeBytes(r.bytes);
      if (!d.ok && d.detail) analysis = { ...analysis, detail: d.detail };
    }
  }
  return { analysis, keys: documentKeys(analysis, service.gazetteer) };
}
