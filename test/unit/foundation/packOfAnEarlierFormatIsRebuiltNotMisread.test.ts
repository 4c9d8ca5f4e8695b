// A pack written by an earlier format (format 4 kept each document's gram counts inside its lookup
// records, and no corpus totals) is never read as this format: the corpus is analysed once
// more, the same analyses come out, and the pack is rewritten in the current format.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveCorpusPaths } from '../../../server/src/node/corpusFiles';
import { createNodeService, seedsDir } from '../../../server/src/node/environment';
import { codeFingerprint, indexCorpus } from '../../../server/src/node/indexer';
import { openPack } from '../../../server/src/node/pack';

const service = createNodeService('en');

test('a pack of an earlier format is rebuilt once, never misread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pd-oldpack-'));
  for (const f of readdirSync(seedsDir()).filter(n => /\.(txt|md)$/.test(n)).slice(0, 3)) {
    writeFileSync(join(dir, f), readFileSync(join(seedsDir(), f), 'utf8').slice(0, 3000));
  }
  const files = resolveCorpusPaths([dir], '/').files;
  const cacheDir = mkdtempSync(join(tmpdir(), 'pd-oldpack-cache-'));
  const first = indexCorpus(service, files, { cacheDir, workers: 0 });
  const name = readdirSync(cacheDir).find(f => f.startsWith('pack-'))!;
  const pack = join(cacheDir, name);
  const bytes = readFileSync(pack);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), 'PDP5\n');
  // the same pack as format 4 marked it (its header and records otherwise intact)
  bytes.write('PDP4\n', 0, 'latin1');
  writeFileSync(pack, bytes);
  assert.equal(openPack(pack, codeFingerprint()), undefined, 'not read as this format (nor taken for a damaged one)');
  const again = indexCorpus(service, files, { cacheDir, workers: 0 });
  assert.equal(again.analyzed, files.length, 'every file analysed again');
  assert.equal(again.corruptCache, 0);
  assert.equal(again.phrasesFromCache, false);
  assert.deepEqual(again.files.map(f => f.docs), first.files.map(f => f.docs));
  assert.deepEqual(again.files.map(f => f.figures), first.files.map(f => f.figures));
  assert.deepEqual(again.phrases, first.phrases);
  assert.equal(readFileSync(pack).subarray(0, 5).toString('latin1'), 'PDP5\n', 'rewritten in the current format');
  const third = indexCorpus(service, files, { cacheDir, workers: 0 });
  assert.equal(third.analyzed, 0, 'and read from then on');
  assert.ok(third.phrasesFromCache);
});
