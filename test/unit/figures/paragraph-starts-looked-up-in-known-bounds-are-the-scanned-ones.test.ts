// paragraphStart looks a line break up in the text's bounds when they are read already (segments.ts), and
// scans back otherwise. Both must give the start a scan for the last line break gives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { paragraphStart, sentenceStart } from '../../../server/src/core/figures/segments';

const reference = (text: string, pos: number) => (pos <= 0 ? (text.charCodeAt(0) === 10 ? 1 : 0) : text.lastIndexOf('\n', pos - 1) + 1);

test('paragraph starts with and without the bounds read are the last line break\'s', () => {
  const token = fc.oneof(fc.constantFrom('\n', '。', '，', ' ', '企业', '1'), fc.string({ maxLength: 700 }).map(s => s.replace(/\n/g, '')));
  fc.assert(fc.property(fc.array(token, { maxLength: 12 }).map(t => t.join('')), fc.boolean(), (text, read) => {
    if (read) sentenceStart(text, 0);
    for (let pos = -1; pos <= text.length; pos += pos < 1 ? 1 : 1 + (pos % 37)) assert.equal(paragraphStart(text, pos), reference(text, pos), `at ${pos}`);
  }), { numRuns: 2000 });
});
