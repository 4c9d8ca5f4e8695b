// stringFromCodes makes a string from gathered UTF-16 codes, in chunks past a few thousand (one
// String.fromCharCode call with a long argument list throws): any length gives the codes' string.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stringFromCodes } from '../../../server/src/core/text/codes';

const reference = (codes: ArrayLike<number>, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(codes[i]);
  return s;
};

test('stringFromCodes gives the codes\' string, short and far past one call\'s argument limit', () => {
  for (const n of [0, 1, 5, 8191, 8192, 8193, 20_000, 300_000]) {
    const codes = new Uint16Array(n + 3);
    for (let i = 0; i < codes.length; i++) codes[i] = 0x4e00 + ((i * 7919) % 20_000);
    assert.equal(stringFromCodes(codes, n), reference(codes, n), `Uint16Array of ${n}`);
    const list = Array.from(codes.subarray(0, n), c => c - 0x4e00 + 0x30);
    assert.equal(stringFromCodes(list), reference(list, n), `number[] of ${n}`);
  }
});
