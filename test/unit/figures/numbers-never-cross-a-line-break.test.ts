// The block-by-block reading (incremental.ts) skips a block whose lines hold no number with a unit: a
// block's figures are read from the numbers starting in it, and those are its lines' own whatever text
// follows the line break. Checked here on lines made of numerals, units, 余, joiners and words, each
// followed by a line break and any other line; and on a draft, read block by block and as one text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { readDraftWhole } from '../../../server/src/core/figures/index';
import { clearDraftCache, readDraft } from '../../../server/src/core/figures/incremental';
import { asciiDigits } from '../../../server/src/core/figures/numerals';
import { scanNumbers } from '../../../server/src/core/figures/scan';

const ascii = (s: string) => asciiDigits(s).replace(/(\d)·(?=\d)/g, '$1.');
const token = fc.constantFrom(
  '12', '3.5', '1,234', '２０', '一', '十三', '两千', '百分之', '分之', '万', '亿', '余', '多', '近', '约', '-', '～', '至', '和', '、',
  '个', '家', '元', '%', '人', '成', '万元', '个百分点', '年', '增长', '全市', '企业', '，', '。', 'a', '·', ' ',
);
const line = fc.array(token, { maxLength: 12 }).map(t => t.join(''));

test('the numbers starting in a line are the same whatever line follows it', () => {
  fc.assert(fc.property(line, line, (a, b) => {
    const alone = scanNumbers(ascii(a));
    const followed = scanNumbers(ascii(`${a}\n${b}`)).filter(r => r.start < a.length);
    assert.deepEqual(followed, alone);
  }), { numRuns: 3000 });
});

test('a draft whose lines mostly hold no number reads block by block as it reads whole', () => {
  fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), lines => {
    const norm = ['2021年某市政府工作报告', ...lines].join('\n');
    clearDraftCache();
    const whole = readDraftWhole(norm), inc = readDraft(norm);
    assert.deepEqual(JSON.parse(JSON.stringify(inc.figures)), JSON.parse(JSON.stringify(whole.figures)));
    assert.deepEqual(JSON.parse(JSON.stringify(inc.claims)), JSON.parse(JSON.stringify(whole.claims)));
  }), { numRuns: 300 });
});
