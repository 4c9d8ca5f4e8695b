// The cache pack keeps the corpus's gram totals (every file's bigram counts summed: the local index's
// common grams come from them, so a warm start reads no document's counts). After files are changed,
// added and removed, the totals the pack gives are those of the corpus as it now is: the same as
// counting every file afresh, and the reader built from them has the same common grams as one that
// sums the analyses.
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DOC_LOOKUPS, docLookups, summedGrams, addGrams } from '../../../server/src/core/store/keys';
import { MemoryIndexReader } from '../../../server/src/core/store/memory';
import { resolveCorpusPaths } from '../../../server/src/node/corpusFiles';
import { createNodeService } from '../../../server/src/node/environment';
import { indexCorpus } from '../../../server/src/node/indexer';

const service = createNodeService('en');
const corpusDir = join(__dirname, '../../../../shared/corpus/county-reports-baoding');

/** Every file's counts summed, from analyses made afresh (no cache). */
function freshTotals(dir: string): Map<string, number> {
  const fresh = indexCorpus(service, resolveCorpusPaths([dir], '/').files, { cacheDir: null, workers: 0 });
  const totals = new Map<string, number>();
  for (const f of fresh.files) if (f.docs.length) addGrams(totals, summedGrams(docLookups(f, service.gazetteer))!);
  return totals;
}

const sorted = (m: ReadonlyMap<string, number> | undefined) => [...(m ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

test('the pack\'s gram totals are every file\'s counts summed, after files change, come and go', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pd-grams-'));
  const names = readdirSync(corpusDir).filter(n => /\.(txt|md)$/.test(n) && !/README/.test(n)).sort().slice(0, 12);
  assert.equal(names.length, 12);
  for (const n of names.slice(0, 10)) copyFileSync(join(corpusDir, n), join(dir, n));
  const cacheDir = mkdtempSync(join(tmpdir(), 'pd-grams-cache-'));
  const run = () => indexCorpus(service, resolveCorpusPaths([dir], '/').files, { cacheDir, workers: 0 });

  const cold = run();
  assert.ok(cold.packed && cold.gramTotals && cold.gramTotals.size > 1000);
  assert.deepEqual(sorted(cold.gramTotals), sorted(freshTotals(dir)), 'written with a new pack');
  const warm = run();
  assert.equal(warm.analyzed, 0);
  assert.deepEqual(sorted(warm.gramTotals), sorted(cold.gramTotals), 'read back');

  // one file changed (a clause with figures added; the same files, so the same pack, its totals updated)
  appendFileSync(join(dir, names[0]), '\n全年地区生产总值达到123.4亿元，同比增长6.5%，规模以上工业增加值增长8.1%。\n');
  const edited = run();
  assert.equal(edited.analyzed, 1);
  const wantEdited = freshTotals(dir);
  assert.notDeepEqual(sorted(wantEdited), sorted(cold.gramTotals), 'the change changed the counts');
  assert.deepEqual(sorted(edited.gramTotals), sorted(wantEdited), 'updated by the file changed');

  // one file removed, one added (another list of files: a new pack, records taken from the last one)
  rmSync(join(dir, names[1]));
  copyFileSync(join(corpusDir, names[10]), join(dir, names[10]));
  const changed = run();
  assert.equal(changed.analyzed, 1);
  const want = freshTotals(dir);
  assert.notDeepEqual(sorted(want), sorted(wantEdited), 'the changes changed the counts');
  assert.deepEqual(sorted(changed.gramTotals), sorted(want), 'the files added and gone');
  assert.deepEqual(sorted(run().gramTotals), sorted(want), 'and read back so');

  // a folder added: another pack (another list of files), its records taken from the first pack's
  const more = mkdtempSync(join(tmpdir(), 'pd-grams-more-'));
  copyFileSync(join(corpusDir, names[11]), join(more, names[11]));
  const both = indexCorpus(service, resolveCorpusPaths([dir, more], '/').files, { cacheDir, workers: 0 });
  assert.equal(both.analyzed, 1);
  const wantBoth = new Map(want);
  for (const [g, n] of freshTotals(more)) wantBoth.set(g, (wantBoth.get(g) ?? 0) + n);
  assert.deepEqual(sorted(both.gramTotals), sorted(wantBoth));

  // a reader given the totals has the common grams of one summing the analyses (with a threshold
  // these few files reach: the bigrams of one file repeated past it)
  writeFileSync(join(dir, 'repeated.txt'), '全年地区生产总值同比增长百分之六点五。\n'.repeat(10) + Array.from({ length: 260 }, (_, i) => `第${i}项：地区生产总值增长${i}%。`).join('\n'));
  const last = run();
  const fromTotals = new MemoryIndexReader(last.files, () => service.gazetteer, 'a', { gramTotals: last.gramTotals });
  const fresh = indexCorpus(service, resolveCorpusPaths([dir], '/').files, { cacheDir: null, workers: 0 });
  for (const f of fresh.files) delete (f as unknown as Record<symbol, unknown>)[DOC_LOOKUPS];
  const summing = new MemoryIndexReader(fresh.files, service.gazetteer, 'b');
  assert.ok(summing.commonNow.length > 0, 'some bigram is common here');
  assert.deepEqual(fromTotals.commonNow, summing.commonNow);
});
