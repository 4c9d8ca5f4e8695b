// Region extraction over the corpus (known names and names by form) asks only whether a word has a
// near miss, and merges the names by form into the known names, already in text order, instead of
// sorting them all: the same answers as making the near misses and sorting everything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hasNearMiss, nearMissesByChars } from '../../../server/src/core/regions/fuzzy';
import { extractMentions, inTextOrder, type RegionMention, scanForms, scanKnown } from '../../../server/src/core/regions/mentions';
import { gaz } from './helpers';

const names = [...gaz.surfaces.keys()].filter((_, k) => k % 13 === 0);
const pool = [...new Set([...names.slice(0, 300).join(''), ...'的和了县区市镇乡村街道旗州盟省，。\n'])];
const typo = fc.tuple(fc.constantFrom(...names), fc.nat(), fc.constantFrom(...pool))
  .map(([n, p, c]) => n.slice(0, p % n.length) + c + n.slice(p % n.length + 1));

test('whether a word has a near miss is whether nearMisses finds one', () => {
  let near = 0;
  fc.assert(fc.property(fc.oneof(typo, fc.constantFrom(...names), fc.string({ unit: fc.constantFrom(...pool), minLength: 1, maxLength: 6 })), word => {
    const want = nearMissesByChars(gaz, word).length > 0;
    assert.equal(hasNearMiss(gaz, word), want, word);
    if (want) near++;
  }), { numRuns: 3000 });
  assert.ok(near > 300, `words with near misses are tested (${near})`);
});

const byPlace = (a: RegionMention, b: RegionMention) => a.start - b.start || b.end - a.end;

test('known names and names by form merged in text order are the two lists joined and sorted', () => {
  let forms = 0;
  fc.assert(fc.property(fc.array(fc.oneof(typo, fc.constantFrom(...names), fc.constantFrom('，', '。', '\n', '发展', '农村镇')), { maxLength: 25 }), pieces => {
    const text = pieces.join('');
    const known = scanKnown(text, gaz);
    const byForm = scanForms(text, known, gaz);
    forms += byForm.length;
    assert.deepEqual(inTextOrder(known, byForm), [...known, ...byForm].sort(byPlace));
    assert.deepEqual(extractMentions(text, gaz), [...known, ...byForm].sort(byPlace));
  }), { numRuns: 500 });
  assert.ok(forms > 100, `texts have names by form (${forms})`);
});

test('a name by form that starts where a known name starts comes after it, as a stable sort leaves it', () => {
  const k: RegionMention = { start: 0, end: 3, text: '宝安区', codes: ['440306'], kind: 'full' };
  const f: RegionMention = { start: 0, end: 3, text: '宝安区', codes: [], kind: 'form' };
  const g: RegionMention = { start: 0, end: 4, text: '宝安区x', codes: [], kind: 'form' };
  assert.deepEqual(inTextOrder([k], [f, g]), [g, k, f]);
});
