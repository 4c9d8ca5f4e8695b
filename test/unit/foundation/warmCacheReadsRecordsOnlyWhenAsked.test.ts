// A warm start reads the cache pack's summaries, not its records: an analysis from the pack is
// inflated only when something reads its texts, figures or mentions, and then equals the analysis
// made from the file. The corpus report and statistics need no record at all; a record damaged after
// the pack was opened reads as an unreadable file instead of throwing.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, openSync, readdirSync, readFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeCorpus } from '../../../server/src/core/corpus/report';
import { assembleSnapshot, docSummaries } from '../../../server/src/core/corpus/snapshot';
import { resolveCorpusPaths } from '../../../server/src/node/corpusFiles';
import { createNodeService, seedsDir } from '../../../server/src/node/environment';
import { codeFingerprint, indexCorpus } from '../../../server/src/node/indexer';
import { openPack, recordPending } from '../../../server/src/node/pack';

const bad = join(__dirname, '../../fixtures/corpus-bad');
const service = createNodeService('en');

function corpus(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'pd-lazy-'));
  for (const f of readdirSync(bad)) copyFileSync(join(bad, f), join(dir, f));
  for (const f of readdirSync(seedsDir()).filter(n => /\.(txt|md)$/.test(n)).slice(0, 3)) copyFileSync(join(seedsDir(), f), join(dir, f));
  return resolveCorpusPaths([dir], '/').files;
}

test('a warm run reads no record until an analysis is read, and then gives the analysis made from the file', () => {
  const files = corpus();
  const cacheDir = mkdtempSync(join(tmpdir(), 'pd-lazy-cache-'));
  const reference = indexCorpus(service, files, { cacheDir: null });
  indexCorpus(service, files, { cacheDir });
  const warm = indexCorpus(service, files, { cacheDir });
  assert.equal(warm.analyzed, 0);
  assert.ok(warm.files.every(f => recordPending(f)), 'no record read yet');
  // The report and the statistics come from the summaries alone.
  const lazy = assembleSnapshot(warm.files, () => service.gazetteer, () => warm.phrases, { lazy: true });
  const eager = service.assemble(reference.files, reference.phrases);
  assert.deepEqual(describeCorpus(lazy), describeCorpus(eager));
  assert.deepEqual(lazy.stats, eager.stats);
  assert.ok(warm.files.every(f => recordPending(f)), 'the report read no record');
  assert.deepEqual(warm.files.map(f => docSummaries(f)), reference.files.map(f => docSummaries(f)));
  // Read, each analysis is the one made from the file (as JSON: the cache drops undefined fields).
  assert.deepEqual(JSON.parse(JSON.stringify(warm.files)), JSON.parse(JSON.stringify(reference.files)));
  assert.ok(!warm.files.some(f => recordPending(f)));
  assert.deepEqual(warm.phrases, reference.phrases);
  assert.equal(lazy.figures.count, eager.figures.count);
  assert.deepEqual([...lazy.docs.keys()], [...eager.docs.keys()]);
});

test('a record damaged after the pack was read reads as an unreadable file, and the next run analyses it again', () => {
  const files = corpus();
  const cacheDir = mkdtempSync(join(tmpdir(), 'pd-lazy-cache-'));
  indexCorpus(service, files, { cacheDir });
  const warm = indexCorpus(service, files, { cacheDir });
  const path = join(cacheDir, readdirSync(cacheDir).find(f => f.startsWith('pack-'))!);
  const pack = openPack(path, codeFingerprint());
  assert.ok(pack && pack !== 'corrupt');
  const victim = warm.files.find(f => !f.skipped && docSummaries(f).length > 0)!;
  const entry = pack.files.get(victim.source)!;
  pack.close();
  // Overwritten in place (the same file the lazy analyses read from).
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(16, 0x55), 0, 16, entry.off + Math.floor(entry.len / 2));
  closeSync(fd);
  assert.ok(readFileSync(path).length > 0);
  assert.doesNotThrow(() => victim.docs);
  assert.equal(victim.skipped, 'unreadable');
  assert.deepEqual(victim.docs, []);
  const others = warm.files.filter(f => f !== victim);
  assert.ok(others.every(f => Array.isArray(f.docs)), 'the other records still read');
  const again = indexCorpus(service, files, { cacheDir });
  assert.equal(again.corruptCache, 1);
  assert.equal(again.analyzed, 1);
  assert.ok(again.files.find(f => f.source === victim.source)!.docs.length > 0);
});
