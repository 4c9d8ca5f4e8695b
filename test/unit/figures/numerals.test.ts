import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseNumeral } from '../../../server/src/core/figures/numerals';

// [written, value, rounding step of what was written]
const cases: Array<[string, number, number]> = [
  ['两千万', 20_000_000, 10_000_000],
  ['一亿零三百万', 103_000_000, 1_000_000],
  ['1.2万', 12_000, 1_000],
  ['5.8万', 58_000, 1_000],
  ['二〇二三', 2023, 1],
  ['一九五四', 1954, 1],
  ['3000', 3000, 1],
  ['2992.3亿', 299_230_000_000, 10_000_000],
  ['12', 12, 1],
  ['99.26', 99.26, 0.01],
  ['1,234.5', 1234.5, 0.1],
  ['１２．５', 12.5, 0.1],
  ['十三', 13, 1],
  ['二十', 20, 10],
  ['三千五', 3500, 100],
  ['一亿零三', 100_000_003, 1],
  ['千万', 10_000_000, 10_000_000],
  ['百万', 1_000_000, 1_000_000],
  ['万亿', 1e12, 1e12],
  ['1.2万亿', 1.2e12, 1e11],
  ['八百二十七亿一千万', 82_710_000_000, 10_000_000],
  ['三点五', 3.5, 0.1],
  ['百分之六点一', 6.1, 0.1],
];

for (const [written, value, step] of cases) {
  test(`parses ${written}`, () => {
    const p = parseNumeral(written);
    assert.ok(p, `${written} should parse`);
    assert.equal(p.value, value);
    assert.equal(p.step, step);
  });
}

test('parses fractions: 十三分之一', () => {
  const p = parseNumeral('十三分之一');
  assert.ok(p);
  assert.ok(Math.abs(p.value - 1 / 13) < 1e-12);
});

// Approximations and run-together numbers are not one definite value.
for (const written of ['数万', '几十', '十几', '十二五', '三四', '', '亿万']) {
  test(`does not parse ${written || '(empty)'}`, () => {
    const p = parseNumeral(written);
    if (written === '亿万') assert.ok(p === null || p.value !== 1e4, 'not read as 万');
    else assert.equal(p, null);
  });
}
