// Phrase mining in a short-lived process (server/out/mine.js): it reads the pack the index wrote,
// segments, mines and extends the pack, then exits, so the dictionaries never take the indexing
// process's memory. The phrases read back are exactly those mined on the indexing thread; without a
// pack the indexing thread mines as before; a mining process that crashes leaves the index usable
// with no corpus phrases, and says so.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveCorpusPaths } from '../../../server/src/node/corpusFiles';
import { createNodeService, seedsDir } from '../../../server/src/node/environment';
import { countingSegments } from '../../helpers/countingSegments';
import { codeFingerprint, indexCorpus, type MiningProgress } from '../../../server/src/node/indexer';
import { openPack } from '../../../server/src/node/pack';

const bundle = join(__dirname, '../../../server/out/mine.js');
const service = createNodeService('en');

const counting = () => countingSegments(service);

function corpus(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'pd-mine-apart-'));
  for (const f of readdirSync(seedsDir()).filter(n => /\.(txt|md)$/.test(n))) {
    writeFileSync(join(dir, f), readFileSync(join(seedsDir(), f), 'utf8').slice(0, 6000));
  }
  return resolveCorpusPaths([dir], '/').files;
}

test('phrases mined in a process of their own are those mined here, and this process segments nothing', async () => {
  assert.ok(existsSync(bundle), `${bundle} is missing: run npm run build first`);
  const files = corpus();
  const reference = indexCorpus(service, files, { cacheDir: null, workers: 0, mineScript: null });
  const cacheDir = mkdtempSync(join(tmpdir(), 'pd-mine-apart-cache-'));
  const c = counting();
  const staged = indexCorpus(c.service, files, { cacheDir, workers: 0, phrases: 'later', mineScript: bundle });
  assert.ok(staged.phrasesPending);
  const progress: MiningProgress[] = [];
  await staged.preparePhrases(p => progress.push(p));
  assert.equal(staged.phrasesPending, false, 'the mined table is in the pack');
  assert.ok(progress.length > 0 && progress.at(-1)!.done === progress.at(-1)!.total, `progress reported: ${JSON.stringify(progress)}`);
  assert.deepEqual(staged.phrases, reference.phrases);
  assert.ok(staged.files.every(f => f.tokenLengths.length === f.docs.length));
  assert.equal(c.cut(), 0, 'nothing segmented in this process (the token lengths are read from the pack)');
  // the pack holds what was mined: the next run reads the phrases and cuts nothing
  const pack = join(cacheDir, readdirSync(cacheDir).find(f => /^pack-.*\.pdp$/.test(f))!);
  const r = openPack(pack, codeFingerprint());
  assert.ok(r && r !== 'corrupt' && r.phrases);
  assert.ok([...r.files.values()].every(e => e.segments), 'every file\'s token lengths');
  r.close();
  const warm = counting();
  const again = indexCorpus(warm.service, files, { cacheDir, workers: 0, phrases: 'later', mineScript: bundle });
  assert.equal(again.phrasesFromCache, true);
  assert.deepEqual(again.phrases, reference.phrases);
  assert.equal(warm.cut(), 0);
});

test('without a pack the phrases are mined on this thread when read', async () => {
  assert.ok(existsSync(bundle), `${bundle} is missing: run npm run build first`);
  const files = corpus();
  const c = counting();
  const staged = indexCorpus(c.service, files, { cacheDir: null, workers: 0, phrases: 'later', mineScript: bundle });
  await staged.preparePhrases();
  assert.ok(staged.phrasesPending, 'nothing mined apart: there is no pack to read');
  assert.ok(staged.phrases.count > 0);
  assert.ok(c.cut() >= files.length);
});

test('a mining process that crashes leaves the index usable with no corpus phrases, and says why', async () => {
  const files = corpus();
  const dir = mkdtempSync(join(tmpdir(), 'pd-mine-crash-'));
  const crashing = join(dir, 'mine.js');
  writeFileSync(crashing, "process.on('message', () => process.kill(process.pid, 'SIGKILL'));\n");
  const c = counting();
  const staged = indexCorpus(c.service, files, { cacheDir: mkdtempSync(join(tmpdir(), 'pd-mine-crash-cache-')), workers: 0, phrases: 'later', mineScript: crashing });
  const logged: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((s: string) => (logged.push(String(s)), true)) as typeof process.stderr.write;
  try {
    await staged.preparePhrases();
  } finally {
    process.stderr.write = write;
  }
  assert.equal(staged.phrasesPending, false);
  assert.equal(staged.phrases.count, 0);
  assert.equal(staged.phrases.phrases.length, 0);
  assert.equal(c.cut(), 0, 'not mined again here');
  assert.ok(logged.some(l => /phrase mining failed \(killed by SIGKILL\)/.test(l)), logged.join(''));
  // the checks' side of the index is whole
  assert.ok(staged.files.some(f => f.figures.some(x => x.length > 0)));
});
