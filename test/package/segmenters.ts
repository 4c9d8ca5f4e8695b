// Shared by the segmenter comparison test and the measurement script: the corpus documents as the
// service segments them (decoded and ingested), and a token-agreement measure between two cuts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeBytes } from '../../server/src/core/text/decode';
import { ingestText } from '../../server/src/core/text/ingest';
import type { Token } from '../../server/src/core/types';

export const SHARED = resolve(__dirname, '../../../shared');
export const CORPUS = join(SHARED, 'corpus');

/** Every document of every corpus file under dir, as analyzeFile segments it. */
export function corpusDocuments(dir: string = CORPUS): string[] {
  const files: string[] = [];
  const walk = (p: string) => {
    if (statSync(p).isDirectory()) for (const f of readdirSync(p).sort()) walk(join(p, f));
    else if (/\.(txt|md)$/i.test(p) && !/README\.md$|MANIFEST/.test(p)) files.push(p);
  };
  walk(dir);
  const docs: string[] = [];
  for (const f of files) {
    const d = decodeBytes(readFileSync(f));
    if (!d.ok) continue;
    for (const doc of ingestText(f, d.text).docs) docs.push(doc.text);
  }
  return docs;
}

export interface Agreement {
  tokens: number;
  same: number;
  /** Share of the reference's tokens that the other cut has with the same start and end. */
  ratio: number;
  /** The reference's tokens the other cut lacks, most frequent first. */
  differing: Array<[string, number]>;
}

/** Token agreement of `other` with `reference` over the same texts. */
export function agreement(texts: readonly string[], reference: (t: string) => Token[], other: (t: string) => Token[]): Agreement {
  let tokens = 0;
  let same = 0;
  const diff = new Map<string, number>();
  for (const text of texts) {
    const spans = new Set(other(text).map(t => `${t.start}:${t.end}`));
    for (const t of reference(text)) {
      tokens++;
      if (spans.has(`${t.start}:${t.end}`)) same++;
      else diff.set(t.word, (diff.get(t.word) ?? 0) + 1);
    }
  }
  return { tokens, same, ratio: tokens ? same / tokens : 1, differing: [...diff].sort((a, b) => b[1] - a[1]) };
}
