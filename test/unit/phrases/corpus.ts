// Test helper: real corpus documents through the lead's ingestion and nodejieba, as the service
// feeds minePhrases. Loaded once per test process.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DocumentInput } from '../../../server/src/core/model';
import { ingestText } from '../../../server/src/core/text/ingest';
import { createJiebaSegmenter } from '../../../server/src/node/segmenter';

export const ROOT = join(__dirname, '..', '..', '..');
export const SEEDS = join(ROOT, 'seeds');
export const SHARED_CORPUS = join(ROOT, '..', 'shared', 'corpus');

function walk(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (f.endsWith('.txt')) out.push(p);
  }
  return out;
}

/** Ingests and segments every .txt file under the given folders. */
export function loadInputs(...dirs: string[]): DocumentInput[] {
  const seg = createJiebaSegmenter();
  const inputs: DocumentInput[] = [];
  for (const dir of dirs) {
    for (const file of walk(dir)) {
      const { docs } = ingestText(relative(ROOT, file), readFileSync(file, 'utf8'));
      for (const doc of docs) inputs.push({ doc, tokens: seg.cut(doc.text) });
    }
  }
  return inputs;
}

let cached: DocumentInput[] | undefined;
/** Seeds plus the shared corpus of government work reports: what a user's corpus looks like. */
export function realInputs(): DocumentInput[] {
  return (cached ??= loadInputs(SEEDS, SHARED_CORPUS));
}
