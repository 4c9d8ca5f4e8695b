// Indexing segments on its own thread and extracts figures and region mentions in a pool of worker
// threads; the analyses must be the same as those made on one thread, file for file.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveCorpusPaths } from '../../../server/src/node/corpusFiles';
import { createNodeService, seedsDir } from '../../../server/src/node/environment';
import { indexCorpus } from '../../../server/src/node/indexer';
import type { FileAnalysis } from '../../../server/src/core/corpus/snapshot';
import { DOC_LOOKUPS } from '../../../server/src/core/store/keys';

const bundle = join(__dirname, '../../../server/out/indexWorker.js');
const service = createNodeService('en');

/** Ten distinct files: the start of each seed twice, the copy with a first line of its own. */
function tenFiles(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'pd-pool-'));
  for (const f of readdirSync(seedsDir()).filter(n => /\.(txt|md)$/.test(n))) {
    const text = readFileSync(join(seedsDir(), f), 'utf8').slice(0, 4000);
    writeFileSync(join(dir, f), text);
    writeFileSync(join(dir, `copy-${f}`), `副本\n${text}`);
  }
  return resolveCorpusPaths([dir], '/').files;
}

/** An analysis's value without its token lengths (reading those would segment). */
const valueOf = (f: FileAnalysis) => JSON.parse(JSON.stringify({
  version: f.version, source: f.source, hash: f.hash, bytes: f.bytes, encoding: f.encoding, skipped: f.skipped, notes: f.notes,
  lineStarts: f.lineStarts, docs: f.docs, figures: f.figures, mentions: f.mentions,
  lookups: (f as unknown as Record<symbol, unknown>)[DOC_LOOKUPS],
})) as unknown;

test('analyses made with extraction workers equal those made on one thread', () => {
  assert.ok(existsSync(bundle), `${bundle} is missing: run npm run build first`);
  const files = tenFiles();
  assert.ok(files.length >= 8);
  const one = indexCorpus(service, files, { cacheDir: null, workers: 0 });
  // every file to the workers (by default this thread takes its share, depending on timing)
  const pooled = indexCorpus(service, files, { cacheDir: null, workers: 2, workerScript: bundle, workersTakeAll: true });
  assert.equal(one.extractedByWorkers, 0);
  assert.equal(pooled.extractedByWorkers, files.length, 'every file extracted by a worker');
  assert.deepEqual(pooled.files, one.files);
  assert.deepEqual(pooled.phrases, one.phrases);
  assert.ok(one.files.some(f => f.figures.some(x => x.length > 0)), 'there are figures to compare');
});

test('a pack of records the workers encoded reads back as one written on one thread', () => {
  assert.ok(existsSync(bundle), `${bundle} is missing: run npm run build first`);
  const files = tenFiles();
  const oneDir = mkdtempSync(join(tmpdir(), 'pd-pool-one-'));
  const poolDir = mkdtempSync(join(tmpdir(), 'pd-pool-packed-'));
  const one = indexCorpus(service, files, { cacheDir: oneDir, workers: 0, phrases: 'later' });
  const pooled = indexCorpus(service, files, { cacheDir: poolDir, workers: 2, workerScript: bundle, workersTakeAll: true, phrases: 'later' });
  assert.equal(pooled.extractedByWorkers, files.length, 'every file extracted (and encoded) by a worker');
  assert.ok(one.packed && pooled.packed);
  // as this run left them (read back from the pack being written) and as a warm start reads them
  assert.deepEqual(pooled.files.map(valueOf), one.files.map(valueOf));
  const warmOne = indexCorpus(service, files, { cacheDir: oneDir, workers: 0, phrases: 'later' });
  const warmPooled = indexCorpus(service, files, { cacheDir: poolDir, workers: 0, phrases: 'later' });
  assert.equal(warmPooled.fromCache, files.length);
  assert.deepEqual(warmPooled.files.map(valueOf), warmOne.files.map(valueOf));
  assert.deepEqual(warmPooled.files.map(valueOf), one.files.map(valueOf));
  assert.ok(one.files.some(f => f.figures.some(x => x.length > 0)), 'there are figures to compare');
});
