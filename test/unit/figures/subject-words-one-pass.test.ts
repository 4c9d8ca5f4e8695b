// The one-pass word scan for subject mentions finds exactly what one indexOf per word found.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { wordMentions, wordMentionsByIndexOf } from '../../../server/src/core/figures/subject';

const WORDS: Array<[string, string, string]> = [
  ['成都', '成都', '市'], ['成都市', '成都', '市'], ['都市', '都市', '市'], ['全市', '*', '市'], ['宝安', '宝安', '区'],
  ['宝安宝安', '宝安', '区'], ['安安', '安安', ''], ['全国', '国', '国'], ['成都', '成都', '县'],
];

test('one pass: the same mentions as one indexOf per word, overlapping and repeated words included', () => {
  const texts = ['成都市全市宝安宝安宝安安安，成都都市全国', '', '安安安安安', '宝安区宝安宝安'];
  const dir = join(__dirname, 'fixtures/drafts');
  for (const f of readdirSync(dir).filter(f => f.endsWith('.md'))) texts.push(readFileSync(join(dir, f), 'utf8'));
  for (const t of texts) assert.deepEqual(wordMentions(t, WORDS), wordMentionsByIndexOf(t, WORDS));
});

test('one pass: random texts over the words\' characters', () => {
  fc.assert(fc.property(fc.array(fc.constantFrom(...'成都市全宝安国区，'), { maxLength: 60 }), chars => {
    const t = chars.join('');
    assert.deepEqual(wordMentions(t, WORDS), wordMentionsByIndexOf(t, WORDS));
  }), { numRuns: 300 });
});
