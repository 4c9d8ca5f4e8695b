// KeyIds (figures/key-ids.ts) gives 32-bit integer keys ids 0, 1, 2, ... in an open-addressing table that
// doubles when half full: every key keeps the id it was first given, as a Map numbering them would, across
// every growth, and a key never added has none.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { KeyIds } from '../../../server/src/core/figures/key-ids';

test('KeyIds numbers keys in order of first addition and finds them again after the table grows', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 3000 }), fc.integer({ min: 1, max: 64 }), (keys, expected) => {
    const ids = new KeyIds(expected);
    const reference = new Map<number, number>();
    for (const k of keys) {
      if (!reference.has(k)) reference.set(k, reference.size);
      assert.equal(ids.add(k), reference.get(k));
    }
    assert.equal(ids.size, reference.size);
    for (const [k, id] of reference) assert.equal(ids.get(k), id);
    for (const k of [12345, -1, 2 ** 30]) if (!reference.has(k)) assert.equal(ids.get(k), -1);
  }), { numRuns: 200, seed: 20261130 });
});
