// The on-disk index cache is bounded (size and age, with a setting) and pruned least recently used
// first; a corrupt entry (truncated, or not what it claims to be) is dropped and rebuilt, never trusted.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveCorpusPaths } from '../../server/src/node/corpusFiles';
import { createNodeService } from '../../server/src/node/environment';
import { indexCorpus, pruneCache } from '../../server/src/node/indexer';
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

test('a truncated cache entry is ignored and rebuilt', () => {
  const cacheDir = tempDir('corrupt');
  const files = corpus();
  const cold = indexCorpus(service, files, { cacheDir });
  const entries = readdirSync(cacheDir).filter(f => f.startsWith('file-'));
  assert.ok(entries.length >= 3);
  const victim = join(cacheDir, entries[0]);
  const whole = readFileSync(victim, 'utf8');
  writeFileSync(victim, whole.slice(0, Math.floor(whole.length / 2)));
  const again = indexCorpus(service, files, { cacheDir });
  assert.equal(again.corruptCache, 1);
  assert.equal(again.analyzed, 1, 'only the truncated entry is analysed again');
  assert.deepEqual(again.files.map(f => f.docs.map(d => d.text)), cold.files.map(f => f.docs.map(d => d.text)));
  assert.equal(readFileSync(victim, 'utf8'), whole, 'the entry was rewritten whole');
  assert.equal(indexCorpus(service, files, { cacheDir }).analyzed, 0);
});

test('a cache entry whose content does not match its checksum, or of the wrong shape, is not trusted', () => {
  const cacheDir = tempDir('tampered');
  const files = corpus();
  const cold = indexCorpus(service, files, { cacheDir });
  const entries = readdirSync(cacheDir).filter(f => f.startsWith('file-'));
  // A flipped value with the old checksum.
  const a = join(cacheDir, entries[0]);
  writeFileSync(a, readFileSync(a, 'utf8').replace(/"bytes":\d+/, '"bytes":1'));
  // Valid JSON with a matching checksum, but not an analysis (an old or foreign format).
  const body = JSON.stringify({ version: cold.files[0].version, source: 'x', hash: 'y', docs: 'oops' });
  writeFileSync(join(cacheDir, entries[1]), `PDC1 ${createHash('sha1').update(body).digest('hex')}\n${body}`);
  const phrases = readdirSync(cacheDir).find(f => f.startsWith('phrases-'))!;
  writeFileSync(join(cacheDir, phrases), '{"version":');
  const again = indexCorpus(service, files, { cacheDir });
  assert.equal(again.corruptCache, 3);
  assert.equal(again.analyzed, 2);
  assert.equal(again.phrasesFromCache, false);
  assert.doesNotThrow(() => service.assemble(again.files, again.phrases));
  assert.deepEqual(again.files.map(f => f.bytes), cold.files.map(f => f.bytes));
});
