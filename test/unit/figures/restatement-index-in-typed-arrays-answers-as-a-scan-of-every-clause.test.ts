// The restatement index (restate.ts SegmentIndex) keeps every bigram's clauses in one Int32Array, found
// through a table of bigram keys (bigramKeys: the two UTF-16 units of a bigram as one 32-bit code). What
// near() answers must be what reading every clause answers: the clauses sharing `need` of the clause's
// bigrams that are not too common (more than COMMON_POSTINGS clauses, or named common), whose similarity
// (clauseSimilarity) reaches the minimum, best first, ties in the order the rarest bigrams' clauses are met.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { bigramKeys, charCodesOf, clauseSimilarity, COMMON_POSTINGS, keyGram, NEAR_MAX, SegmentIndex, type Segment } from '../../../server/src/core/figures/restate';

const gramsOf = (s: string) => {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
};

function segment(words: string, i: number): Segment {
  return { doc: `d${i % 5}`, start: i, sentence: i, words, keys: bigramKeys(words), chars: charCodesOf(words), claims: [], said: undefined };
}

/** Bigrams looked up that more than COMMON_POSTINGS clauses hold (the test must meet some). */
let longLists = 0;

/** near() by reading every clause: which share enough rare bigrams, their similarity, and the order they are met in. */
function scanNear(segs: Segment[], s: Segment, min: number, common: ReadonlySet<string>): string[] {
  const sets = segs.map(x => gramsOf(x.words));
  const holders = (g: string) => new Set(sets.map((x, i) => (x.has(g) ? i : -1)).filter(i => i >= 0));
  const lists: Array<Set<number>> = [];
  for (const g of gramsOf(s.words)) {
    const p = holders(g);
    if (p.size === 0) continue;
    if (p.size > COMMON_POSTINGS) longLists++;
    if (p.size <= COMMON_POSTINGS && !common.has(g)) lists.push(p);
  }
  const sorted = lists.map((p, j) => ({ p, j })).sort((a, b) => a.p.size - b.p.size || a.j - b.j).map(x => x.p);
  const need = Math.max(2, Math.floor(gramsOf(s.words).size * 0.25));
  const prefix = sorted.length - need + 1;
  const found: Array<{ i: number; first: number; sim: number }> = [];
  segs.forEach((x, i) => {
    const n = sorted.filter(p => p.has(i)).length;
    if (n < need) return;
    const first = sorted.findIndex(p => p.has(i));
    assert.ok(first >= 0 && first < prefix, 'a clause sharing enough rare bigrams holds one of the rarest');
    const sim = clauseSimilarity(s, x);
    if (sim >= min) found.push({ i, first, sim });
  });
  found.sort((a, b) => b.sim - a.sim || a.first - b.first || a.i - b.i);
  return found.slice(0, 16).map(f => `${f.i}:${f.sim}`);
}

const nearOf = (index: SegmentIndex, s: Segment, min?: number) => index.near(s, min).map(n => `${n.seg.start}:${n.sim}`);

test('bigramKeys are the distinct bigrams of the words, in order of first occurrence', () => {
  const alphabet = ['全', '县', '新', '增', '城', '镇', '就', '业', '5', '𠀀', 'a'];
  const words = fc.array(fc.constantFrom(...alphabet), { maxLength: 90 }).map(cs => cs.join(''));
  fc.assert(fc.property(fc.oneof(words, fc.string({ unit: 'grapheme', maxLength: 80 })), s => {
    assert.deepEqual([...bigramKeys(s)].map(keyGram), [...gramsOf(s)]);
  }), { numRuns: 3000 });
});

test('near() on the typed-array index answers as reading every clause, common bigrams and long lists included', () => {
  // few characters, so that bigrams repeat across clauses and some are held by more than COMMON_POSTINGS
  const words = fc.array(fc.constantFrom(...'城镇新增就业人全县工业增加值亿元'), { minLength: 2, maxLength: 22 }).map(cs => cs.join(''));
  const refrain = '全县城镇新增就业';
  fc.assert(fc.property(
    fc.array(words, { minLength: 2, maxLength: 520, size: 'max' }), fc.array(words, { minLength: 1, maxLength: 6 }), fc.constantFrom(0.3, 0.5, 0.7),
    fc.constantFrom<string[]>([], ['城镇', '就业'], ['增加']),
    (corpus, asked, min, commonList) => {
      // (a refrain in every other clause: its bigrams' lists grow long)
      const segs = corpus.map((w, i) => segment(i % 2 === 0 ? refrain + w : w, i));
      const common = new Set(commonList);
      const index = new SegmentIndex(segs, commonList.length ? common : undefined);
      for (const w of [...asked, refrain, corpus[0]]) {
        const s = segment(w, -1);
        assert.deepEqual(nearOf(index, s, min), scanNear(segs, s, min, common));
      }
      // a clause of the index itself, and the index of the same clauses given in parts
      const parts = SegmentIndex.fromParts([{ segments: segs.slice(0, 7) }, { segments: segs.slice(7) }], commonList.length ? common : undefined);
      assert.deepEqual(nearOf(parts, segs[segs.length - 1]), scanNear(segs, segs[segs.length - 1], 0.5, common));
    },
  ), { numRuns: 60 });
  assert.ok(longLists > 0, 'some bigrams looked up are held by more than COMMON_POSTINGS clauses');
});

test('an index of many distinct bigrams (its key table grown several times) finds every clause by its own words', () => {
  const segs: Segment[] = [];
  for (let i = 0; i < 3000; i++) {
    // words of characters spread over the CJK block: thousands of distinct bigrams
    let w = '';
    for (let k = 0; k < 8; k++) w += String.fromCharCode(0x4e00 + ((i * 131 + k * 977) % 20000));
    segs.push(segment(w, i));
  }
  const index = new SegmentIndex(segs);
  for (const s of segs.filter((_, i) => i % 97 === 0)) {
    const near = index.near(s);
    assert.equal(near[0]?.seg, s);
    assert.equal(near[0].sim, 1);
  }
  assert.deepEqual(index.near(segment('豈更車賈滑串', -1)), []);
});

test('near() returns at most NEAR_MAX neighbours, few enough for a 32-bit mask of them (check-restate marks the draft\'s own copies so)', () => {
  assert.ok(NEAR_MAX >= 1 && NEAR_MAX <= 31);
  const segs = Array.from({ length: NEAR_MAX + 10 }, (_, i) => segment('全年地区生产总值增长百分之六点五', i));
  const index = new SegmentIndex(segs);
  assert.equal(index.near(segment('全年地区生产总值增长百分之六点五', 999), 0.5).length, NEAR_MAX);
});
