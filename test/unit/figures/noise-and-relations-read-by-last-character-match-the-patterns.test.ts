// Extraction asks a few patterns ending in $ only when the text's last character can end a match, and looks
// up relation words by their last character. The answers must be the patterns' and the full list's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { RELATIONS, type RelationClass } from '../../../server/src/core/figures/lexicon';
import { TRAILING_NOISE, relationChain, stripTrailingNoise } from '../../../server/src/core/figures/words';

// the words of TRAILING_NOISE, read from its source, and characters around them
const noiseWords = TRAILING_NOISE.source.replace(/^\(\?:\[[^\]]*\]\|/, '').replace(/\)\+\$$/, '').split('|');
const spaces = [...Array(0x10000).keys()].map(c => String.fromCharCode(c)).filter(ch => /\s/.test(ch));

test('the trailing noise is stripped as the pattern strips it', () => {
  assert.ok(noiseWords.length > 10 && noiseWords.includes('累计'), noiseWords.join(','));
  const token = fc.oneof(fc.constantFrom(...noiseWords), fc.constantFrom(...spaces), fc.constantFrom('、', '，', ',', '企业', '产值', '计', '经', '别', '有', '总', 'a', '1'));
  fc.assert(fc.property(fc.array(token, { maxLength: 8 }).map(t => t.join('')), s => {
    assert.equal(stripTrailingNoise(s), s.replace(TRAILING_NOISE, ''));
  }), { numRuns: 20000 });
  // every character a match may end with is asked about
  for (const ch of spaces) assert.equal(stripTrailingNoise(`企业${ch}`), '企业');
});

/** relationChain as it was: every relation word tried, longest first. */
function reference(left: string): { relation?: string; rel?: RelationClass; consumed: number } {
  let end = left.length;
  while (end > 0 && /[了的]/.test(left[end - 1])) end--;
  let relation: string | undefined;
  let rel: RelationClass | undefined;
  for (let guard = 0; guard < 3; guard++) {
    let found: { word: string; cls: RelationClass } | undefined;
    for (const r of RELATIONS) if (left.startsWith(r.word, end - r.word.length) && end - r.word.length >= 0) { found = r; break; }
    if (!found) break;
    relation = relation ? found.word + relation : found.word;
    if (!rel || rel === 'level' || (rel === 'exceed' && found.cls !== 'level')) rel = found.cls === 'level' && rel ? rel : found.cls;
    end -= found.word.length;
  }
  return { relation, rel, consumed: left.length - end };
}

test('relation chains read by last character are the chains of the full list', () => {
  const token = fc.oneof(fc.constantFrom(...RELATIONS.map(r => r.word)), fc.constantFrom('了', '的', '企业', '比上年', '同比', '年', 'a'));
  fc.assert(fc.property(fc.array(token, { maxLength: 6 }).map(t => t.join('')), s => {
    assert.deepEqual(relationChain(s), reference(s));
  }), { numRuns: 20000 });
});
