import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatArabicNumber,
  formatChineseNumber,
  parseArabicNumber,
  parseChineseNumber,
} from '../../../server/src/core/headings/numbers';

const chinese: Array<[string, number | undefined]> = [
  ['一', 1],
  ['九', 9],
  ['十', 10],
  ['十一', 11],
  ['二十', 20],
  ['二十三', 23],
  ['两', 2],
  ['九十九', 99],
  ['一百', 100],
  ['一百零五', 105],
  ['一百一十', 110],
  ['二〇二三', undefined],
  ['一二', undefined],
  ['〇', undefined],
  ['万', undefined],
  ['', undefined],
];

test('parseChineseNumber reads heading numerals and refuses digit strings', () => {
  for (const [s, n] of chinese) assert.equal(parseChineseNumber(s), n, s);
});

test('formatChineseNumber writes what parseChineseNumber reads, 1…999', () => {
  for (let n = 1; n < 1000; n++) assert.equal(parseChineseNumber(formatChineseNumber(n)), n, String(n));
  assert.equal(formatChineseNumber(10), '十');
  assert.equal(formatChineseNumber(12), '十二');
  assert.equal(formatChineseNumber(20), '二十');
  assert.equal(formatChineseNumber(105), '一百零五');
  assert.equal(formatChineseNumber(110), '一百一十');
});

test('Arabic numbers keep their width', () => {
  assert.equal(parseArabicNumber('12'), 12);
  assert.equal(parseArabicNumber('１２'), 12);
  assert.equal(parseArabicNumber('0'), undefined);
  assert.equal(parseArabicNumber('1.5'), undefined);
  assert.equal(formatArabicNumber(3, '２'), '３');
  assert.equal(formatArabicNumber(13, '2'), '13');
});
