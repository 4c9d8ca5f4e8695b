// The on-disk index cache (one pack file per corpus) is bounded (size and age, with a setting) and
// pruned least recently used first; a corrupt pack or record (truncated, flipped, or not what it
// claims to be) is dropped and rebuilt, never trusted.
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveCorpusPaths } from '../../server/src/node/corpusFiles';
import { createNodeService } from '../../server/src/node/environment';
import { codeFingerprint, indexCorpus, pruneCache } from '../../server/src/node/indexer';
import { encodeRecord, openPack, PackWriter } from '../../server/src/node/pack';
import { runCli, tempDir, writeBadDraft } from './helpers';

const service = createNodeService('en');
const fixtures = join(__dirname, '../fixtures/corpus-bad');

function corpus(): string[] {
  const dir = tempDir('cache-corpus');
  for (const f of readdirSync(fixtures)) copyFileSync(join(fixtures, f), join(dir, f));
  return resolveCorpusPaths([dir], '/').files;
}

const entryName = (i: number, kind = 'file') => `${kind}-${i.toString(16).padStart(40, '0')}.json`;
const DAY = 86_400_000;

/** Fills a cache folder with `n` entries of `size` bytes last used `ageDays` ago. */
function fill(dir: string, from: number, n: number, size: number, ageDays: number): string[] {
  const names: string[] = [];
  const when = new Date(Date.now() - ageDays * DAY);
  for (let i = from; i < from + n; i++) {
    const p = join(dir, entryName(i));
    writeFileSync(p, 'x'.repeat(size));
    utimesSync(p, when, when);
    names.push(entryName(i));
  }
  return names;
}

const sizeOf = (dir: string) => readdirSync(dir).reduce((a, f) => a + statSync(join(dir, f)).size, 0);

test('indexing prunes entries past their age and then the least recently used down to the bound', () => {
  const cacheDir = tempDir('prune');
  const old = fill(cacheDir, 1, 40, 10_000, 45);
  const older = fill(cacheDir, 100, 20, 100_000, 3);
  const recent = fill(cacheDir, 200, 5, 100_000, 1);
  writeFileSync(join(cacheDir, 'notes.txt'), 'not ours'); // other files in the folder are left alone
  const files = corpus();
  const r = indexCorpus(service, files, { cacheDir, cacheMaxBytes: 1_000_000 });
  const left = new Set(readdirSync(cacheDir));
  assert.ok(old.every(n => !left.has(n)), 'entries unused for 45 days are gone');
  assert.ok(older.filter(n => left.has(n)).length < older.length / 2, 'the least recently used went first');
  assert.ok(recent.every(n => left.has(n)), 'more recent entries stay while there is room');
  assert.ok(left.has('notes.txt'));
  assert.ok(sizeOf(cacheDir) <= 1_000_000 + 'not ours'.length, `cache is ${sizeOf(cacheDir)} bytes`);
  assert.equal(r.pruned, [...old, ...older, ...recent].filter(n => !left.has(n)).length);
  // What this run wrote is kept: a second run reads everything from the cache.
  const warm = indexCorpus(service, files, { cacheDir, cacheMaxBytes: 1_000_000 });
  assert.equal(warm.analyzed, 0);
  assert.ok(warm.phrasesFromCache);
});

test('pruning never removes the entries the current run uses, even above the bound', () => {
  const cacheDir = tempDir('keep');
  const names = fill(cacheDir, 1, 3, 1000, 0);
  const keep = new Set([join(cacheDir, names[0])]);
  const removed = pruneCache(cacheDir, { maxBytes: 0, maxAgeMs: DAY, keep });
  assert.equal(removed, 2);
  assert.deepEqual(readdirSync(cacheDir), [names[0]]);
});

test('the CLI bounds the cache with POLICY_DRAFT_CACHE_MAX_MB', () => {
  const cacheDir = tempDir('cli-prune');
  const stale = fill(cacheDir, 1, 30, 100_000, 2);
  const dir = tempDir('cli-prune-ws');
  writeBadDraft(dir);
  const r = runCli(['bad.md'], { cwd: dir, cache: cacheDir, env: { POLICY_DRAFT_CACHE_MAX_MB: '1' } });
  assert.equal(r.status, 1, r.stderr);
  const left = new Set(readdirSync(cacheDir));
  assert.ok(stale.filter(n => left.has(n)).length < 10, 'stale entries pruned to the bound');
  assert.ok(sizeOf(cacheDir) <= 1_048_576 + 500_000, `cache is ${sizeOf(cacheDir)} bytes`);
});

const packOf = (dir: string) => join(dir, readdirSync(dir).find(f => f.startsWith('pack-'))!);

test('a truncated cache pack is ignored and rebuilt', () => {
  const cacheDir = tempDir('corrupt');
  const files = corpus();
  const cold = indexCorpus(service, files, { cacheDir });
  assert.ok(cold.analyzed >= 3);
  // Read before the pack is damaged: the analyses of a run are read back from its pack when needed.
  const coldTexts = cold.files.map(f => f.docs.map(d => d.text));
  const pack = packOf(cacheDir);
  const whole = readFileSync(pack);
  writeFileSync(pack, whole.subarray(0, Math.floor(whole.length / 2)));
  const again = indexCorpus(service, files, { cacheDir });
  assert.equal(again.corruptCache, 1);
  assert.equal(again.analyzed, cold.analyzed, 'nothing of a pack without its header is trusted');
  assert.deepEqual(again.files.map(f => f.docs.map(d => d.text)), coldTexts);
  assert.ok(readFileSync(pack).equals(whole), 'the pack was rewritten whole');
  assert.equal(indexCorpus(service, files, { cacheDir }).analyzed, 0);
});

test('a cache record whose bytes do not match its checksum, or a header that does not match its own, is not trusted', () => {
  const cacheDir = tempDir('tampered');
  const files = corpus();
  const cold = indexCorpus(service, files, { cacheDir });
  const coldTexts = cold.files.map(f => f.docs.map(d => d.text));
  const pack = packOf(cacheDir);
  const whole = readFileSync(pack);
  // One byte flipped inside the first record (records start right after the 5-byte magic line):
  // that record fails zlib's checksum, and only its file is analysed again.
  const flipped = Buffer.from(whole);
  flipped[5 + 40] ^= 0x55;
  writeFileSync(pack, flipped);
  const again = indexCorpus(service, files, { cacheDir });
  assert.equal(again.corruptCache, 1);
  assert.equal(again.analyzed, 1);
  assert.ok(again.phrasesFromCache, 'the other records, the mined phrases included, are still good');
  assert.doesNotThrow(() => service.assemble(again.files, again.phrases));
  assert.deepEqual(again.files.map(f => f.bytes), cold.files.map(f => f.bytes));
  assert.deepEqual(again.files.map(f => f.docs.map(d => d.text)), coldTexts);
  // A header edited without its checksum (a record pointed elsewhere): the whole pack is dropped.
  const rewritten = readFileSync(pack);
  const at = rewritten.lastIndexOf('"files":[[');
  assert.ok(at > 0);
  rewritten[at + 10] ^= 0x01;
  writeFileSync(pack, rewritten);
  const third = indexCorpus(service, files, { cacheDir });
  assert.equal(third.corruptCache, 1);
  assert.equal(third.analyzed, cold.analyzed);
  assert.equal(third.phrasesFromCache, false);
});

test('a record of the wrong shape (an old or foreign format) is not trusted', () => {
  const cacheDir = tempDir('shape');
  const files = corpus();
  const cold = indexCorpus(service, files, { cacheDir });
  const path = packOf(cacheDir);
  // The same pack, but its first record is well-formed data of another shape.
  const old = openPack(path, codeFingerprint());
  assert.ok(old && old !== 'corrupt');
  const entries = [...old.files];
  const records = entries.map(([, e]) => old.read(e.off, e.len)!);
  const phrases = old.phrases!;
  const phraseBytes = old.read(phrases.off, phrases.len)!;
  old.close();
  const w = PackWriter.create(path, codeFingerprint())!;
  entries.forEach(([source, e], i) => {
    const foreign = encodeRecord({ version: cold.files[0].version, source: 'x', hash: 'y', docs: 'oops' });
    w.add(source, e.hash, i === 0 ? foreign : records[i]);
  });
  w.setPhrases(phrases.key, phraseBytes);
  assert.ok(w.finish());
  const again = indexCorpus(service, files, { cacheDir });
  assert.equal(again.corruptCache, 1);
  assert.equal(again.analyzed, 1);
  assert.ok(again.phrasesFromCache);
  assert.deepEqual(again.files.map(f => f.bytes), cold.files.map(f => f.bytes));
});
