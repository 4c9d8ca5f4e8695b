// The office index reader's caches (answers per key, documents, phrases) are bounded: least recently
// used entries go first, by number of entries and by estimated bytes. (The same answers with tiny
// bounds, against a database: office-index-answers-as-the-embedded-index.test.ts.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Lru } from '../../server/src/node/store/lru';

test('past the entry bound the least recently used entry goes, and a read makes an entry recent', () => {
  const lru = new Lru<string, number>({ maxEntries: 3, maxWeight: Infinity });
  lru.set('a', 1);
  lru.set('b', 2);
  lru.set('c', 3);
  assert.equal(lru.get('a'), 1);
  lru.set('d', 4);
  assert.equal(lru.has('b'), false, 'b was the least recently used');
  assert.deepEqual(['a', 'c', 'd'].map(k => lru.get(k)), [1, 3, 4]);
  assert.equal(lru.size, 3);
});

test('past the weight bound entries go until the rest fits; an entry heavier than the bound is kept alone', () => {
  const lru = new Lru<string, string>({ maxEntries: 100, maxWeight: 10 }, v => v.length);
  lru.set('a', 'xxxx');
  lru.set('b', 'xxxx');
  assert.equal(lru.weight, 8);
  lru.set('c', 'xxxx');
  assert.equal(lru.has('a'), false);
  assert.equal(lru.weight, 8);
  lru.set('b', 'x');
  assert.equal(lru.weight, 5, 'setting a key again replaces its weight');
  lru.set('big', 'x'.repeat(50));
  assert.equal(lru.size, 1);
  assert.equal(lru.get('big')?.length, 50);
  lru.clear();
  assert.equal(lru.size, 0);
  assert.equal(lru.weight, 0);
});

test('whatever is set and read, the bounds hold and the most recently used entry is kept with its last value', () => {
  const op = fc.oneof(
    fc.record({ set: fc.integer({ min: 0, max: 20 }), w: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ get: fc.integer({ min: 0, max: 20 }) }),
  );
  fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 20 }), fc.array(op, { maxLength: 60 }), (maxEntries, maxWeight, ops) => {
    const lru = new Lru<number, number>({ maxEntries, maxWeight }, v => v);
    const model = new Map<number, number>();
    for (const o of ops) {
      if ('set' in o) {
        lru.set(o.set, o.w);
        model.set(o.set, o.w);
        assert.equal(lru.get(o.set), o.w);
      } else {
        const v = lru.get(o.get);
        if (v !== undefined) assert.equal(v, model.get(o.get), 'a value read is the last one set');
      }
      assert.ok(lru.size <= maxEntries);
      assert.ok(lru.size === 1 || lru.weight <= maxWeight, `weight ${lru.weight} > ${maxWeight}`);
    }
  }));
});
