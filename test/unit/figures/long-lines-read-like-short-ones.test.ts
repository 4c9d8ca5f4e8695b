// A paragraph thousands of characters long (a draft pasted as one line) is read as a short one is:
// a line's start and end are looked up, not scanned for, and a paragraph is searched once for the
// words that make its figures a span's (过去五年, 本届), not once per figure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { readClaims, readDocument } from '../../../server/src/core/figures/claims';
import { extractFigures } from '../../../server/src/core/figures/index';
import { paragraphEnd, paragraphStart } from '../../../server/src/core/figures/segments';
import { mainSubject } from '../../../server/src/core/figures/subject';

test('a line\'s start and end are where the nearest line breaks are, however long the line', () => {
  const piece = fc.oneof(fc.constant('\n'), fc.constant('。'), fc.integer({ min: 1, max: 1500 }).map(n => '字'.repeat(n)));
  fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), fc.array(fc.double({ min: -0.1, max: 1.1, noNaN: true }), { minLength: 1, maxLength: 8 }), (pieces, at) => {
    const text = pieces.join('');
    for (const a of at) {
      const pos = Math.round(a * text.length);
      const before = text.lastIndexOf('\n', pos - 1);
      const after = text.indexOf('\n', pos);
      assert.equal(paragraphStart(text, pos), before < 0 ? 0 : before + 1, `start at ${pos}`);
      assert.equal(paragraphEnd(text, pos), after < 0 ? text.length : after, `end at ${pos}`);
    }
  }), { numRuns: 300 });
});

test('in one long line, the figures after 本届政府以来 have no single year and those before it are the reviewed year\'s', () => {
  const title = '2021年阜平县政府工作报告';
  const sentence = (i: number) => `全县新建农村公路${100 + i}公里。`;
  const head = Array.from({ length: 300 }, (_, i) => sentence(i)).join('');
  const tail = Array.from({ length: 300 }, (_, i) => sentence(500 + i)).join('');
  const text = `${title}\n${head}本届政府以来，${tail}\n全县新建桥梁12座。`;
  const figures = extractFigures(text, { title, date: '2021-02-05' });
  const claims = readClaims(text, figures, readDocument(text, title, mainSubject(text, title), '2021-02-05'));
  const periodOf = (written: string) => claims.find(c => c.figure.text === written)?.period.value;
  assert.equal(periodOf('100公里'), '2020');
  assert.equal(periodOf('399公里'), '2020');
  assert.equal(periodOf('500公里'), undefined);
  assert.equal(periodOf('799公里'), undefined);
  // the next line is a paragraph of its own: the span words of the line before do not reach it
  assert.equal(periodOf('12座'), '2020');
});
