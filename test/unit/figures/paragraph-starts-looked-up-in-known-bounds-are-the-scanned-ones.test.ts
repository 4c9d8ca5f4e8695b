// paragraphStart looks a line break up in the text's bounds when they are read already (segments.ts), and
// scans back otherwise. Both must give the start a scan for the last line break gives; and the sentence and
// clause bounds, gathered per text, the marks a scan finds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { clauseEnd, clauseStart, paragraphStart, sentenceEnd, sentenceStart } from '../../../server/src/core/figures/segments';

const reference = (text: string, pos: number) => (pos <= 0 ? (text.charCodeAt(0) === 10 ? 1 : 0) : text.lastIndexOf('\n', pos - 1) + 1);

test('paragraph starts with and without the bounds read are the last line break\'s', () => {
  const token = fc.oneof(fc.constantFrom('\n', '。', '，', ' ', '企业', '1'), fc.string({ maxLength: 700 }).map(s => s.replace(/\n/g, '')));
  fc.assert(fc.property(fc.array(token, { maxLength: 12 }).map(t => t.join('')), fc.boolean(), (text, read) => {
    if (read) sentenceStart(text, 0);
    for (let pos = -1; pos <= text.length; pos += pos < 1 ? 1 : 1 + (pos % 37)) assert.equal(paragraphStart(text, pos), reference(text, pos), `at ${pos}`);
  }), { numRuns: 2000 });
});

// the marks a scan finds (segments.ts keeps them per text, gathered in scratch arrays up to 32768 characters)
const SENTENCE = '。！？!?；;\n', CLAUSE = '。！？!?；;\n，,：:（）()“”"「」《》【】';
function spaceBreak(text: string, i: number): boolean {
  if (text[i] !== ' ' && text[i] !== '\u3000') return false;
  if (/[0-9０-９]/.test(text[i - 1] ?? '')) return false;
  return !/[0-9０-９]/.test(text[i + 1] ?? '') || /^[0-9０-９]{4}年/.test(text.slice(i + 1, i + 6));
}
const isMark = (marks: string) => (text: string, i: number) => marks.includes(text[i]) || spaceBreak(text, i);
function startBefore(text: string, pos: number, limit: number, mark: (t: string, i: number) => boolean): number {
  for (let i = pos - 1; i >= Math.max(0, pos - limit); i--) if (mark(text, i)) return i + 1;
  return Math.max(0, pos - limit);
}
function endAfter(text: string, pos: number, limit: number, mark: (t: string, i: number) => boolean): number {
  for (let i = pos; i < Math.min(text.length, pos + limit); i++) if (mark(text, i)) return i;
  return Math.min(text.length, pos + limit);
}

test('sentence and clause bounds are the marks a scan finds, on short texts and on texts longer than the scratch arrays', () => {
  const piece = fc.oneof(fc.constantFrom('\n', '。', '，', ' ', '　', '2021年', '12', '；', '（'), fc.integer({ min: 1, max: 9000 }).map(n => '字'.repeat(n)));
  fc.assert(fc.property(fc.array(piece, { maxLength: 14 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }), (pieces, at) => {
    const text = pieces.join('');
    for (const a of at) {
      const pos = Math.round(a * text.length);
      assert.equal(sentenceStart(text, pos), startBefore(text, pos, 400, isMark(SENTENCE)));
      assert.equal(sentenceEnd(text, pos), endAfter(text, pos, 400, isMark(SENTENCE)));
      assert.equal(clauseStart(text, pos), startBefore(text, pos, 80, isMark(CLAUSE)));
      assert.equal(clauseEnd(text, pos), endAfter(text, pos, 80, isMark(CLAUSE)));
    }
  }), { numRuns: 400 });
});
