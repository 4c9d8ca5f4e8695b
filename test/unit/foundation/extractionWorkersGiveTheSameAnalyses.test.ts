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

const bundle = join(__dirname, '../../../server/out/indexWorker.js');
const service = createNodeService('en');

test('analyses made with extraction workers equal those made on one thread', () => {
  assert.ok(existsSync(bundle), `${bundle} is missing: run npm run build first`);
  // Ten distinct files: the start of each seed twice, the copy with a first line of its own.
  const dir = mkdtempSync(join(tmpdir(), 'pd-pool-'));
  for (const f of readdirSync(seedsDir()).filter(n => /\.(txt|md)$/.test(n))) {
    const text = readFileSync(join(seedsDir(), f), 'utf8').slice(0, 4000);
    writeFileSync(join(dir, f), text);
    writeFileSync(join(dir, `copy-${f}`), `副本\n${text}`);
  }
  const files = resolveCorpusPaths([dir], '/').files;
  assert.ok(files.length >= 8);
  const one = indexCorpus(service, files, { cacheDir: null, workers: 0 });
  const pooled = indexCorpus(service, files, { cacheDir: null, workers: 2, workerScript: bundle });
  assert.equal(one.extractedByWorkers, 0);
  assert.ok(pooled.extractedByWorkers >= files.length - 3, `${pooled.extractedByWorkers} files extracted by workers`);
  assert.deepEqual(pooled.files, one.files);
  assert.deepEqual(pooled.phrases, one.phrases);
  assert.ok(one.files.some(f => f.figures.some(x => x.length > 0)), 'there are figures to compare');
});
