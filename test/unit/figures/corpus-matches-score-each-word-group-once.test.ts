// corpusMatches groups a list of corpus figures of one kind by the words indicatorScore reads (the
// indicator's Han characters, the first four after the unit, whether the indicator is read after the
// number), scores each group sharing a bigram with the draft figure once, and reads subject and period
// only for the figures of the groups that reach the threshold. For lists of any length it must answer
// what checking every figure of the list answers, in the same order, and again on the next lookup.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { corpusMatches } from '../../../server/src/core/figures/check-corpus';
import { sameKindOf, type FigureIndex, type IndexedFigure } from '../../../server/src/core/figures/figure-index';
import { extractFigures } from '../../../server/src/core/figures/index';
import { indicatorScore } from '../../../server/src/core/figures/match';
import { periodsCompatible, type Period } from '../../../server/src/core/figures/period';
import { subjectsCompatible } from '../../../server/src/core/figures/subject';
import type { Figure } from '../../../server/src/core/figures/types';

const [template] = extractFigures('全市规模以上工业企业实现增加值120亿元。', { title: '某市政府工作报告' });
// few words, so that many figures of a list share them (groups of several figures)
const words = fc.constantFrom('', '工业增加值', '规模以上工业增加值', '增加值', '营业收入', '实现营业收入', '利润总额', '工业企业', '企业', '财政收入', '值');
const period = fc.constantFrom<Period | undefined>(
  undefined, { text: '2023年', year: 2023 }, { text: '2024年', year: 2024 }, { text: '今年', relYear: 0 },
  { text: '2023年', year: 2023, inherited: true }, { text: '上半年', part: '上半年' }, { text: '截至目前', mode: 'now' },
);
const figure = fc.record({
  indicator: words, right: fc.constantFrom('', '企业家', '亿元企业', '个项目', '企业'), subject: fc.constantFrom('某市', '某', '另市', '某某市'),
  period, fromRight: fc.boolean(),
});

/** Every figure of the list checked: subject, period, indicatorScore, best first (ties in list order). */
function scan(f: Figure, index: FigureIndex, threshold: number, strict: boolean) {
  return sameKindOf(index, f)
    .filter(c => subjectsCompatible(f.subject, c.subject) && periodsCompatible(f.period, c.period, strict))
    .map(c => ({ c, score: indicatorScore(f, c) }))
    .filter(m => m.score >= threshold)
    .sort((a, b) => b.score - a.score);
}

test('corpus matches scored by word group are those of checking every figure of the list, in order', () => {
  let found = 0;
  fc.assert(fc.property(
    fc.array(figure, { minLength: 1, maxLength: 90 }), fc.array(figure, { minLength: 1, maxLength: 4 }),
    fc.constantFrom(0.3, 0.7, 0.8), fc.boolean(),
    (corpus, drafts, threshold, strict) => {
      const list: IndexedFigure[] = corpus.map((c, i) => ({ ...template, ...c, start: i, docId: `d${i % 7}` }));
      const index: FigureIndex = { count: list.length, byUnit: { [template.unit]: list }, docs: {} };
      for (const d of drafts) {
        const f = { ...template, ...d };
        const expected = scan(f, index, threshold, strict);
        found += expected.length;
        assert.deepEqual(corpusMatches(f, index, threshold, strict), expected);
        // (what one lookup scored is not taken for the next's)
        assert.deepEqual(corpusMatches(f, index, threshold, strict), expected);
      }
      // with no threshold, every figure of the list whose subject and period fit
      const f = { ...template, ...drafts[0] };
      assert.deepEqual(corpusMatches(f, index, 0, strict), scan(f, index, 0, strict));
    },
  ), { numRuns: 600 });
  assert.ok(found > 100, `${found} matches`);
});
