// Mining counts n-grams through a fixed-size hash filter and reads documents from their cached
// token lengths; neither may change what is mined.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { CorpusDocument, DocumentInput } from '../../../server/src/core/model';
import { minePhrases } from '../../../server/src/core/phrases';
import { countGrams, eachOccurrence, gramWords } from '../../../server/src/core/phrases/ngrams';
import { BOUNDARY, buildStream } from '../../../server/src/core/phrases/stream';
import { createJiebaSegmenter } from '../../../server/src/node/segmenter';

/** Every run of n words (no boundary inside) counted naively. */
function naiveCounts(seq: Int32Array, maxTokens: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let n = 1; n <= maxTokens; n++) {
    for (let i = 0; i + n <= seq.length; i++) {
      const run = Array.from(seq.subarray(i, i + n));
      if (run.includes(BOUNDARY)) continue;
      const k = run.join(',');
      out.set(k, (out.get(k) ?? 0) + 1);
    }
  }
  return out;
}

const WORDS = ['发展', '经济', '推进', '改革', '创新', '建设', '城市', '乡村', '振兴', '全面'];

test('hash-filtered counting keeps exactly the word runs that occur minCount times, with their exact counts', () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.integer({ min: 0, max: WORDS.length }), { minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 25 }),
      // A handful of buckets forces collisions; the default size hardly ever collides on so little.
      fc.constantFrom(1, 4, 64, undefined),
      (sentences, buckets) => {
      // Index WORDS.length is a full stop (a boundary).
      const docs: DocumentInput[] = sentences.map((s, d) => {
        const words = s.map(w => (w === WORDS.length ? '。' : WORDS[w]));
        const text = words.join('');
        const doc: CorpusDocument = { id: `d${d}`, source: `d${d}`, title: '', text, display: text, map: [[0, 0, text.length]] };
        let pos = 0;
        return { doc, tokens: words.map(word => ({ word, start: pos, end: (pos += word.length) })) };
      });
      const stream = buildStream(docs, { dedupe: false });
      const opts = { minCount: 3, maxTokens: 4, maxChars: 20, buckets };
      const t = countGrams(stream, new Int32Array(docs.length).map((_, i) => i), opts);
      const naive = naiveCounts(stream.seq, opts.maxTokens);
      const mined = new Map<string, number>();
      for (let g = 0; g < t.count.length; g++) mined.set(gramWords(t, g).join(','), t.count[g]);
      // Apriori: a run is counted only where both of its halves are frequent, so compare on those.
      const expected = new Map<string, number>();
      for (const [k, c] of naive) {
        const ws = k.split(',');
        const halvesFrequent = ws.length === 1 || ((naive.get(ws.slice(1).join(',')) ?? 0) >= 3 && (naive.get(ws.slice(0, -1).join(',')) ?? 0) >= 3);
        if (c >= opts.minCount && halvesFrequent) expected.set(k, c);
      }
      assert.deepEqual(new Map([...mined].sort()), new Map([...expected].sort()));
      // Every listed occurrence is one of its gram.
      t.at.forEach((level, l) => eachOccurrence(level, (i, g) => {
        assert.equal(t.size[g], l + 1);
        assert.deepEqual(Array.from(stream.seq.subarray(i, i + l + 1)), gramWords(t, g));
      }));
      },
    ),
    { numRuns: 200 },
  );
});

test('mining from cached token lengths gives the same index as mining from tokens', () => {
  const seg = createJiebaSegmenter();
  const texts = [
    '我们要持续优化营商环境。深化“放管服”改革，推进国家治理体系和治理能力现代化。全市生产总值比上年增长6.1%。',
    '各地大力优化营商环境，激发市场活力。抓好“放管服”改革。必须推进国家治理体系和治理能力现代化，比上年增长8.1%。',
    '进一步优化营商环境，支持民营企业发展。持续深化“放管服”改革，实现国家治理体系和治理能力现代化。一般公共预算收入比上年增长5.2%。',
    '要以优化营商环境为抓手，以“放管服”改革为突破口，国家治理体系和治理能力现代化水平明显提高。截至2024年底，完成1.5万个。',
  ];
  const withTokens: DocumentInput[] = texts.map((text, i) => ({
    doc: { id: `${i}`, source: `${i}`, title: '', date: `${2020 + i}`, text, display: text, map: [[0, 0, text.length]] },
    tokens: seg.cut(text),
  }));
  const withLengths = withTokens.map(({ doc, tokens }) => ({ doc, tokenLengths: tokens.map(t => t.end - t.start) }));
  const a = minePhrases(withTokens);
  assert.ok(a.count > 0);
  assert.deepEqual(minePhrases(withLengths), a);
});
