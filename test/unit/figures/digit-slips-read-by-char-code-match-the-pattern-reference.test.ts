// The slips of the pen (check-draft.ts isDigitSlip, isMagnitudeSlip, isSwapSlip, magnitudeSlipOf) read a
// numeral's digits by char code, for every pair of figures a check weighs. They must answer exactly as the
// pattern-and-replace forms they replace: the numeral's digits when it is written in digits (full-width
// too, with 万 / 亿 / 千 / 百 after them), else the value's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isDigitSlip, isMagnitudeSlip, isSwapSlip, magnitudeSlipOf } from '../../../server/src/core/figures/check-draft';
import { asciiDigits } from '../../../server/src/core/figures/numerals';
import type { Figure } from '../../../server/src/core/figures/types';

function digitsOf(f: Figure): string {
  const numeral = asciiDigits(f.text.slice(f.numStart - f.start, f.numEnd - f.start));
  return /^[0-9.,]+[万亿千百]*$/.test(numeral) ? numeral.replace(/[^0-9]/g, '') : String(f.value).replace(/[^0-9]/g, '');
}
function significant(f: Figure): string {
  const numeral = asciiDigits(f.text.slice(f.numStart - f.start, f.numEnd - f.start));
  return /^[0-9.,]+[万亿千百]*$/.test(numeral) ? digitsOf(f) : digitsOf(f).replace(/0+$/, '');
}
function referenceDigitSlip(a: Figure, b: Figure): boolean {
  const x = digitsOf(a), y = digitsOf(b);
  if (x.length !== y.length || x === y) return false;
  const sig = (d: string) => d.replace(/^0+/, '').replace(/0+$/, '');
  if (sig(x).length <= 1 && sig(y).length <= 1) return false;
  const diff: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) diff.push(i);
  if (diff.length === 1) return true;
  return diff.length === 2 && diff[1] === diff[0] + 1 && x[diff[0]] === y[diff[1]] && x[diff[1]] === y[diff[0]];
}
function referenceMagnitudeSlip(a: Figure, b: Figure): boolean {
  if (a.bound || b.bound || a.high !== undefined || b.high !== undefined || a.unitText !== b.unitText) return false;
  if (a.value <= 0 || b.value <= 0) return false;
  const sig = (f: Figure) => digitsOf(f).replace(/^0+/, '').replace(/0+$/, '');
  if (!sig(a) || sig(a) !== sig(b)) return false;
  const ratio = Math.max(a.value, b.value) / Math.min(a.value, b.value);
  return [10, 100, 1000].some(k => Math.abs(ratio - k) < 1e-6 * k);
}
function isSwap(x: string, y: string): boolean {
  if (x.length !== y.length || x.length < 2 || x === y) return false;
  let i = 0;
  while (x[i] === y[i]) i++;
  return x[i] === y[i + 1] && x[i + 1] === y[i] && x.slice(i + 2) === y.slice(i + 2);
}

// numerals: ASCII and full-width digits, points, commas, 万 / 亿 / 千 / 百, and what no pattern takes
const numeral = fc.array(fc.constantFrom('0', '1', '2', '5', '7', '0', '.', ',', '１', '５', '０', '．', '万', '亿', '千', '百', '十', '余', '，'), { minLength: 0, maxLength: 7 }).map(cs => cs.join(''));
const figure = fc.record({
  numeral, value: fc.oneof(fc.constantFrom(0, 12, 21, 120, 1200, 5.8, 58, 580, 7164, 7614, 7264), fc.double({ min: 0, max: 1e6, noNaN: true })),
  prefix: fc.constantFrom('', '全年', '新增'), unit: fc.constantFrom('个', '亿元', 'fraction'),
}).map(({ numeral, value, prefix, unit }) => {
  const start = 10;
  return { text: prefix + numeral + '个', start, numStart: start + prefix.length, numEnd: start + prefix.length + numeral.length, value, unit, unitText: '个' } as unknown as Figure;
});

test('the slips read by char code answer as the pattern reference', () => {
  fc.assert(fc.property(figure, figure, (a, b) => {
    if (a.unit !== 'fraction' || b.unit !== 'fraction') assert.equal(isDigitSlip(a, b), referenceDigitSlip(a, b));
    assert.equal(isMagnitudeSlip(a, b), referenceMagnitudeSlip(a, b));
    for (const n of [2, 3, 4]) {
      const x = significant(a), y = significant(b);
      assert.equal(isSwapSlip(a, b, n), x.length >= n && isSwap(x, y));
    }
    // magnitudeSlipOf: two significant digits or more once the magnitudes slip
    if (referenceMagnitudeSlip(a, b) && digitsOf(a).replace(/^0+/, '').replace(/0+$/, '').length >= 2) assert.ok(magnitudeSlipOf(a, b));
  }), { numRuns: 20000 });
});
