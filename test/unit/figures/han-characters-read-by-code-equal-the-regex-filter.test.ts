// A figure's words are its Han characters (U+4E00..U+9FFF) only: match.ts hanOnly reads them by char code
// and returns the string itself, or one slice of it, when it can. It must equal the regex filter it
// replaces, `s.replace(/[^\u4e00-\u9fff]/g, '').slice(0, max)`, for any string, astral characters included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { hanOnly } from '../../../server/src/core/figures/match';

const reference = (s: string, max = Infinity) => s.replace(/[^\u4e00-\u9fff]/g, '').slice(0, max);
// Han characters at both ends of the range, others around them, an astral character (two code units)
const alphabet = ['一', '鿿', '全', '县', '新', '增', '㐀', '5', '.', '、', '（', '𠀀', 'a', ' ', '\n'];
const words = fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map(cs => cs.join(''));

test('hanOnly keeps exactly the Han characters the regex keeps, up to max', () => {
  fc.assert(fc.property(fc.oneof(words, fc.string({ unit: 'grapheme', maxLength: 30 })), fc.integer({ min: 0, max: 6 }), (s, max) => {
    assert.equal(hanOnly(s), reference(s));
    assert.equal(hanOnly(s, max), reference(s, max));
  }), { numRuns: 5000 });
});

test('hanOnly of long strings, and of words with no other character, is the regex filter', () => {
  const long = '规模以上工业增加值（2023年）'.repeat(40);
  assert.equal(hanOnly(long), reference(long));
  assert.equal(hanOnly('城镇新增就业'), '城镇新增就业');
  assert.equal(hanOnly('城镇新增就业', 4), '城镇新增');
  assert.equal(hanOnly('、低保边缘家庭', 4), '低保边缘');
  assert.equal(hanOnly(''), '');
});
