// Mining rules on small documents made of real sentences (segmented by nodejieba, as in the service).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CorpusDocument, DocumentInput } from '../../../server/src/core/model';
import { minePhrases, type PhraseIndex } from '../../../server/src/core/phrases';
import { createJiebaSegmenter } from '../../../server/src/node/segmenter';

const seg = createJiebaSegmenter();
function input(id: string, date: string, text: string): DocumentInput {
  const doc: CorpusDocument = { id, source: id.split('#')[0], title: id, date, text, display: text, map: [[0, 0, text.length]] };
  return { doc, tokens: seg.cut(text) };
}
const phrase = (index: PhraseIndex, p: string) => index.phrases.find(x => x.phrase === p);

const DOCS = [
  input('a.txt#1', '2019-03-05', '我们要持续优化营商环境。深化“放管服”改革，推进国家治理体系和治理能力现代化。全市生产总值比上年增长6.1%。'),
  input('b.txt#1', '2021-03-05', '各地大力优化营商环境，激发市场活力。抓好“放管服”改革。必须推进国家治理体系和治理能力现代化，比上年增长8.1%。'),
  input('c.txt#1', '2023-03-05', '进一步优化营商环境，支持民营企业发展。持续深化“放管服”改革，实现国家治理体系和治理能力现代化。一般公共预算收入比上年增长5.2%。'),
  input('d.txt#1', '2024-03-05', '要以优化营商环境为抓手，以“放管服”改革为突破口，国家治理体系和治理能力现代化水平明显提高。'),
  input('e.txt#1', '2022-11-01', '珙县创新“一约五会”，村规民约落地见效。精品人妻在线观看，精品人妻在线观看，精品人妻在线观看。'),
];
const index = minePhrases(DOCS);

test('a phrase that combines freely on both sides is mined, with its documents', () => {
  const p = phrase(index, '优化营商环境');
  assert.ok(p);
  assert.equal(p.count, DOCS.filter(d => d.doc.text.includes('优化营商环境')).length);
  assert.equal(p.docCount, 4);
  assert.deepEqual(p.docs.map(n => index.docs[n].id), ['d.txt#1', 'c.txt#1', 'b.txt#1', 'a.txt#1']);
  assert.deepEqual([p.firstYear, p.lastYear], [2019, 2024]);
  // The example occurrence is in the most recent document.
  assert.equal(index.docs[p.at[0]].id, 'd.txt#1');
});

test('a phrase always bound to the same word on one side is not mined alone, but its whole is', () => {
  // 治理体系和治理能力 is always followed by 现代化.
  assert.equal(phrase(index, '治理体系和治理能力'), undefined);
  assert.ok(phrase(index, '国家治理体系和治理能力现代化'));
});

test('a word-boundary tail of a mined phrase is offered too (writers start in the middle)', () => {
  assert.ok(phrase(index, '治理体系和治理能力现代化'));
});

test('quoted formulas keep their quotes; a numbered one counts from a single use', () => {
  assert.equal(phrase(index, '一约五会')?.insert, '“一约五会”');
  assert.ok(phrase(index, '“放管服”改革'));
});

test('runs with figures become snippets; spam repeated in one page is not mined', () => {
  const t = phrase(index, '比上年增长…%');
  assert.equal(t?.snippet, '比上年增长${1}%');
  assert.equal(t?.kind, 'template');
  assert.ok(!index.phrases.some(p => p.phrase.includes('在线观看') || p.phrase.includes('精品')));
});

test('no documents, an empty index that completion accepts', () => {
  const empty = minePhrases([]);
  assert.deepEqual([empty.count, empty.phrases, empty.keys], [0, [], []]);
});
