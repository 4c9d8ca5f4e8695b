// The scaled corpora of the benches: distinct copies of ../shared/corpus, so the cache cannot dedupe them.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Copies of the corpus at `source` up to `megabytes` in a new temporary folder; each copy's files get
 * a first line of their own (副本N), so every file's content, and so its cache key, is distinct.
 */
export function buildCorpus(source: string, megabytes: number, prefix = 'pd-bench-corpus'): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-${megabytes}mb-`));
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(txt|md)$/.test(e.name) && !/README/.test(e.name)) files.push(p);
    }
  };
  walk(source);
  let bytes = 0;
  for (let copy = 0; bytes < megabytes * 1048576; copy++) {
    const out = join(dir, `copy-${copy}`);
    mkdirSync(out);
    for (const f of files) {
      if (bytes >= megabytes * 1048576) break;
      const body = `副本${copy}\n${readFileSync(f, 'utf8')}`;
      writeFileSync(join(out, f.slice(source.length + 1).replace(/[\\/]/g, '__')), body);
      bytes += Buffer.byteLength(body);
    }
  }
  return dir;
}
