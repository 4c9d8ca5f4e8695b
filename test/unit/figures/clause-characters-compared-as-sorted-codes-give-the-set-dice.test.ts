// A clause's characters are kept as its distinct code points in ascending order (restate.ts charCodesOf),
// and two clauses' character Dice is counted by one merge of those lists (diceCodes). It must be the Dice
// of the two character sets (`new Set(words)`, code points, astral characters included) exactly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { charCodesOf, diceCodes, diceSets } from '../../../server/src/core/figures/restate';

// a few characters, so that strings share some and repeat some; an astral one (two code units) among them
const alphabet = ['全', '县', '新', '增', '城', '镇', '就', '业', '亿', '元', '5', '.', '𠀀', '𪚥', 'a'];
const words = fc.array(fc.constantFrom(...alphabet), { maxLength: 24 }).map(cs => cs.join(''));

test('charCodesOf holds the members of the character set, ascending, each once', () => {
  fc.assert(fc.property(fc.oneof(words, fc.string({ unit: 'grapheme', maxLength: 30 })), s => {
    const expected = [...new Set(s)].map(ch => ch.codePointAt(0)!).sort((a, b) => a - b);
    assert.deepEqual([...charCodesOf(s)], expected);
  }), { numRuns: 2000 });
});

test('diceCodes of two clauses is diceSets of their character sets, to the bit', () => {
  fc.assert(fc.property(words, words, (a, b) => {
    assert.equal(diceCodes(charCodesOf(a), charCodesOf(b)), diceSets(new Set(a), new Set(b)));
  }), { numRuns: 5000 });
});

test('the character Dice of a clause and the same words reordered is 1', () => {
  assert.equal(diceCodes(charCodesOf('新增城镇就业'), charCodesOf('城镇新增就业')), 1);
  assert.equal(diceCodes(charCodesOf(''), charCodesOf('城镇')), 0);
});
