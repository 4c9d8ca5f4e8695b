// corpusMatches narrows a long list of corpus figures of one kind to those whose indicator words (or the
// words after the unit) share a bigram with the draft figure's, gathered once each in list order; every
// other figure scores 0. With any threshold above 0 it must answer what scoring the whole list answers.
// A forecast copied from the corpus is looked for among the rules counting its noun (rulesCounting):
// exactly the rules of its kind whose first two Han characters after the unit are that noun, in order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { corpusMatches } from '../../../server/src/core/figures/check-corpus';
import { rulesCounting, rulesOf, type FigureIndex, type IndexedFigure } from '../../../server/src/core/figures/figure-index';
import { extractFigures } from '../../../server/src/core/figures/index';

const [template] = extractFigures('全市规模以上工业企业实现增加值120亿元。', { title: '某市政府工作报告' });
const words = fc.array(fc.constantFrom(...'工业企业增加值规模以上实现营业收入利润总额财政'), { maxLength: 8 }).map(w => w.join(''));
const figure = fc.record({ indicator: words, right: words, subject: fc.constantFrom('某市', '某', '另市', '某某市') });

test('the corpus figures sharing a bigram with a draft figure are all that can match it, in list order', () => {
  fc.assert(fc.property(fc.array(figure, { minLength: 48, maxLength: 120 }), figure, fc.constantFrom(0.3, 0.7, 0.8), (corpus, draft, threshold) => {
    const list: IndexedFigure[] = corpus.map((c, i) => ({ ...template, ...c, start: i, docId: `d${i % 7}` }));
    const index: FigureIndex = { count: list.length, byUnit: { [template.unit]: list }, docs: {} };
    const f = { ...template, ...draft };
    const all = corpusMatches(f, index, 0).filter(m => m.score >= threshold);
    assert.deepEqual(corpusMatches(f, index, threshold), all);
    // and again: what one lookup gathered is not taken for the next's
    assert.deepEqual(corpusMatches(f, index, threshold), all);
  }), { numRuns: 300 });
});

test('the rules counting a noun are the rules of the kind whose words after the unit start with it, in order', () => {
  const noun = fc.constantFrom('农户', '企业', '项目', '农', 'a户', '');
  const rule = fc.record({ right: fc.tuple(noun, words).map(([n, w]) => n + w), subject: fc.constantFrom('某市', '另市', '某') });
  fc.assert(fc.property(fc.array(rule, { maxLength: 60 }), rule, fc.constantFrom('农户', '企业', '项目', '户企'), (corpus, draft, asked) => {
    const list: IndexedFigure[] = corpus.map((c, i) => ({ ...template, ...c, rule: true, start: i, docId: 'd' }));
    const index: FigureIndex = { count: list.length, byUnit: { [template.unit]: list }, docs: {} };
    const f = { ...template, ...draft, rule: true };
    const han = (s: string) => s.replace(/[^\u4e00-\u9fff]/g, '');
    assert.deepEqual(rulesCounting(index, f, asked), rulesOf(index, f).filter(c => han(c.right).slice(0, 2) === asked));
  }), { numRuns: 500 });
});
