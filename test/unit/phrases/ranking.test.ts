// Ranking rules on a small hand-made index: longest typed prefix first, team phrases first within
// it, then how well the prefix fits, how often and how recently the phrase was used.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completePhrases, parsePhraseLibrary, type MinedPhrase, type PhraseIndex } from '../../../server/src/core/phrases';
import { buildKeys } from '../../../server/src/core/phrases/prefixIndex';
import { INDEX_VERSION } from '../../../server/src/core/phrases/types';
import { at, ctxOf } from './helpers';

function indexOf(rows: Array<[phrase: string, count: number, lastYear: number, firstYear?: number]>): PhraseIndex {
  const phrases: MinedPhrase[] = rows.map(([phrase, count, lastYear, firstYear]) => ({
    phrase, kind: 'ngram', count, docCount: count, closes: 1, docs: [], firstYear: firstYear ?? Math.min(1980, lastYear), lastYear, at: [0, 0, 0],
  }));
  return { version: INDEX_VERSION, count: phrases.length, latestYear: 2025, docs: [], phrases, ...buildKeys(phrases) };
}
const ctx = ctxOf();
const labels = (fixture: string, index: PhraseIndex, libs = [] as ReturnType<typeof parsePhraseLibrary>[]) => {
  const { draft, offset } = at(fixture);
  return completePhrases(draft, offset, index, libs, ctx).map(r => r.label);
};

test('among phrases the prefix fits equally, the more recent one comes first', () => {
  const index = indexOf([['社会主义改造', 40, 1957], ['社会主义现代化', 40, 2025]]);
  assert.deepEqual(labels('社会主义|', index), ['社会主义现代化', '社会主义改造']);
});

test('at the same recency, the more frequent one comes first', () => {
  const index = indexOf([['乡村振兴战略', 5, 2024], ['乡村振兴', 60, 2024]]);
  assert.deepEqual(labels('乡村|', index), ['乡村振兴', '乡村振兴战略']);
});

test('recency is measured from the draft date to the years the phrase was in use', () => {
  // In use 1980–1985 and 2005–2024.
  const index = indexOf([['计划经济体制', 30, 1985], ['计划单列市', 30, 2024, 2005]]);
  assert.deepEqual(labels('计划|', index).slice(0, 1), ['计划单列市']);
  const { draft, offset } = at('计划|', '1986-03-25');
  assert.equal(completePhrases(draft, offset, index, [], ctx)[0].label, '计划经济体制');
});

test('the longest typed prefix wins over a more frequent shorter one', () => {
  const index = indexOf([['以人民为中心', 100, 2025], ['坚持以人民为中心', 2, 2020]]);
  const items = completePhrases(at('坚持以人|').draft, 4, index, [], ctx);
  assert.deepEqual(items.map(r => [r.label, r.replaceStart]), [['坚持以人民为中心', 0], ['以人民为中心', 2]]);
});

test('team library phrases come before corpus phrases for the same typed prefix', () => {
  const index = indexOf([['优化营商环境', 500, 2025]]);
  const team = parsePhraseLibrary('t.txt', '优化营商软环境\n', ctx);
  const items = completePhrases(at('优化营|').draft, 3, index, [team], ctx);
  assert.deepEqual(items.map(r => [r.label, r.source]), [['优化营商软环境', 'team'], ['优化营商环境', 'corpus']]);
  assert.match(items[0].detail!, /t\.txt/);
});

test('sortText follows the order', () => {
  const index = indexOf([['高质量发展', 90, 2025], ['高质量发展阶段', 10, 2023], ['高质量共建', 8, 2024]]);
  const items = completePhrases(at('高质|').draft, 2, index, [], ctx);
  const sorted = [...items].sort((a, b) => (a.sortText < b.sortText ? -1 : 1));
  assert.deepEqual(sorted.map(r => r.label), items.map(r => r.label));
  assert.equal(items[0].label, '高质量发展');
});

test('a cached index of another version is ignored, not trusted', () => {
  const stale = { count: 0 } as unknown as PhraseIndex;
  assert.deepEqual(completePhrases(at('优化营|').draft, 3, stale, [], ctx), []);
  const old = { ...indexOf([['优化营商环境', 5, 2024]]), version: 0 };
  assert.deepEqual(completePhrases(at('优化营|').draft, 3, old, [], ctx), []);
});
