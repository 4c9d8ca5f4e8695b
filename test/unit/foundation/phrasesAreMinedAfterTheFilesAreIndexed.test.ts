// Indexing in two stages: the checks need each file's figures, mentions and lookup records, not its
// segmentation, which only phrase mining reads. With phrases: 'later' indexCorpus returns once the
// files are analysed and the pack is written (nothing segmented); reading result.phrases then cuts
// the files, mines exactly the phrases a one-stage index mines, and adds the token lengths and the
// phrases to the pack, so the next run neither cuts nor mines.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeCorpus } from '../../../server/src/core/corpus/report';
import { assembleSnapshot, type FileAnalysis } from '../../../server/src/core/corpus/snapshot';
import { DOC_LOOKUPS } from '../../../server/src/core/store/keys';
import { resolveCorpusPaths } from '../../../server/src/node/corpusFiles';
import { createNodeService, seedsDir } from '../../../server/src/node/environment';
import { countingSegments } from '../../helpers/countingSegments';
import { indexCorpus } from '../../../server/src/node/indexer';
import { openPack, recordPending, tokenLengthsPending } from '../../../server/src/node/pack';
import { codeFingerprint } from '../../../server/src/node/indexer';

const service = createNodeService('en');

const counting = () => countingSegments(service);

function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pd-staged-'));
  for (const f of readdirSync(seedsDir()).filter(n => /\.(txt|md)$/.test(n))) {
    writeFileSync(join(dir, f), readFileSync(join(seedsDir(), f), 'utf8').slice(0, 6000));
  }
  return dir;
}

/** What the checks read of an analysis (token lengths apart), as its JSON (a record read back has no undefined fields). */
const checked = (files: FileAnalysis[]) =>
  JSON.parse(JSON.stringify(files.map(f => ({ source: f.source, docs: f.docs, figures: f.figures, mentions: f.mentions, lineStarts: f.lineStarts })))) as unknown;

test('indexing with phrases later segments nothing until the phrases are read, then mines the same phrases', () => {
  const files = resolveCorpusPaths([corpus()], '/').files;
  const reference = indexCorpus(service, files, { cacheDir: null, workers: 0 });
  for (const cacheDir of [null, mkdtempSync(join(tmpdir(), 'pd-staged-cache-'))]) {
    const c = counting();
    const staged = indexCorpus(c.service, files, { cacheDir, workers: 0, phrases: 'later' });
    assert.equal(c.cut(), 0, 'no document segmented while indexing');
    assert.ok(staged.phrasesPending);
    assert.deepEqual(checked(staged.files), checked(reference.files));
    assert.equal(c.cut(), 0, 'reading the analyses segments nothing');
    assert.deepEqual(staged.phrases, reference.phrases);
    assert.ok(c.cut() >= files.length, `${c.cut()} documents segmented once the phrases were read`);
    assert.equal(staged.phrasesPending, false);
  }
});

test('mining later adds the token lengths and the phrases to the pack: the next run reads them, and a changed file alone is cut again', () => {
  const dir = corpus();
  const files = resolveCorpusPaths([dir], '/').files;
  const cacheDir = mkdtempSync(join(tmpdir(), 'pd-staged-cache-'));
  const first = counting();
  const staged = indexCorpus(first.service, files, { cacheDir, workers: 0, phrases: 'later' });
  const pack = join(cacheDir, readdirSync(cacheDir).find(f => f.startsWith('pack-'))!);
  const before = openPack(pack, codeFingerprint());
  assert.ok(before && before !== 'corrupt');
  assert.equal(before.phrases, undefined, 'the pack is written before mining, without phrases');
  assert.ok([...before.files.values()].every(e => e.lookups && !e.segments));
  before.close();
  const phrases = staged.phrases;
  const cutWhileMining = first.cut();
  assert.ok(staged.files.every(f => f.tokenLengths.length === f.docs.length));
  assert.equal(first.cut(), cutWhileMining, 'the analyses read the token lengths mining made, not cut again');
  const after = openPack(pack, codeFingerprint());
  assert.ok(after && after !== 'corrupt');
  assert.ok(after.phrases, 'mining added the phrases');
  assert.ok([...after.files.values()].every(e => e.segments), 'and every file\'s token lengths');
  after.close();

  const again = counting();
  const warm = indexCorpus(again.service, files, { cacheDir, workers: 0, phrases: 'later' });
  assert.equal(warm.analyzed, 0);
  assert.ok(warm.phrasesFromCache);
  assert.deepEqual(warm.phrases, phrases);
  assert.equal(again.cut(), 0);

  // one file changed: it alone is analysed and cut; the others' token lengths come from the pack
  writeFileSync(files[0], `${readFileSync(files[0], 'utf8')}\n2024年全市新增就业岗位1200个。\n`);
  const third = counting();
  const changed = indexCorpus(third.service, files, { cacheDir, workers: 0, phrases: 'later' });
  assert.equal(changed.analyzed, 1);
  assert.equal(changed.phrasesFromCache, false);
  const mined = changed.phrases;
  const docsOfFirst = changed.files[0].docs.length;
  assert.equal(third.cut(), docsOfFirst, 'only the changed file was segmented');
  const fresh = indexCorpus(service, files, { cacheDir: null, workers: 0 });
  assert.deepEqual(mined, fresh.phrases);
});

test('the corpus report reads no record and no lookup record; the analyses\' token lengths are read only when asked', () => {
  const files = resolveCorpusPaths([corpus()], '/').files;
  const cacheDir = mkdtempSync(join(tmpdir(), 'pd-staged-cache-'));
  const cold = indexCorpus(service, files, { cacheDir });
  const warm = indexCorpus(service, files, { cacheDir, phrases: 'later' });
  const report = describeCorpus(assembleSnapshot(warm.files, () => service.gazetteer, () => warm.phrases, { lazy: true }));
  assert.deepEqual(report, describeCorpus(assembleSnapshot(cold.files, () => service.gazetteer, () => cold.phrases, { lazy: true })));
  assert.ok(warm.files.every(f => recordPending(f) && tokenLengthsPending(f)));
  assert.ok(warm.files.every(f => typeof Object.getOwnPropertyDescriptor(f, DOC_LOOKUPS)?.get === 'function'), 'no lookup record read');
  // asked: the lookup records read as stored, the token lengths from their own records
  const f = warm.files.find(x => x.docs.length > 0)!;
  assert.equal((f as unknown as Record<symbol, unknown[]>)[DOC_LOOKUPS].length, f.docs.length);
  const c = counting();
  const viaCounting = indexCorpus(c.service, files, { cacheDir });
  assert.deepEqual(viaCounting.files.map(x => x.tokenLengths), cold.files.map(x => x.tokenLengths));
  assert.equal(c.cut(), 0, 'token lengths read from the pack, not cut again');
});

test('after indexing with phrases now, the analyses read the token lengths mining made from the pack', () => {
  const files = resolveCorpusPaths([corpus()], '/').files;
  const c = counting();
  const r = indexCorpus(c.service, files, { cacheDir: mkdtempSync(join(tmpdir(), 'pd-staged-cache-')), workers: 0 });
  const cut = c.cut();
  assert.ok(cut >= files.length);
  const reference = indexCorpus(service, files, { cacheDir: null, workers: 0 });
  assert.deepEqual(r.files.map(f => f.tokenLengths), reference.files.map(f => f.tokenLengths));
  assert.equal(c.cut(), cut, 'nothing cut twice');
});
