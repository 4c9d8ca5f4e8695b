// The analyses as they travel between threads (kept apart from snapshot.ts so the request thread's
// small bundle can restore them without loading the indexes' code).
import type { FileAnalysis } from './snapshot';

/**
 * The analyses as posted to another thread once phrases are mined: without token lengths (only
 * mining reads them) and with the display text left empty where it equals the matching text (a
 * thread copy does not share strings). restoreAnalyses undoes the second on the other side.
 */
export function leanAnalyses(files: readonly FileAnalysis[]): FileAnalysis[] {
  return files.map(f => {
    // Field by field, so token lengths not decoded yet (a cache reads them lazily) stay so.
    const out = {} as Record<string, unknown>;
    for (const k of Object.keys(f)) if (k !== 'tokenLengths' && k !== 'docs') out[k] = (f as unknown as Record<string, unknown>)[k];
    out.tokenLengths = [];
    out.docs = f.docs.map(d => (d.display === d.text && d.text.length ? { ...d, display: '' } : d));
    return out as unknown as FileAnalysis;
  });
}

/** The display text back where leanAnalyses left it empty (the same string as the matching text). */
export function restoreAnalyses(files: FileAnalysis[]): FileAnalysis[] {
  for (const f of files) for (const d of f.docs) if (d.display === '' && d.text.length) d.display = d.text;
  return files;
}
