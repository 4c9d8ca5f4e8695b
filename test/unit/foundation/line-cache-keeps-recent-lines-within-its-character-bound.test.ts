// The per-line caches of the checks hold at most their bound of characters (plus the text being
// read), drop the least recently used lines first, and never drop a line of the text just read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineCache } from '../../../server/src/core/text/lineCache';

test('a line cache stays within its character bound and keeps the lines of the last text', () => {
  const cache = new LineCache<number>(1_000);
  let made = 0;
  const make = (line: string) => (made++, line.length);
  const read = (lines: string[]) => {
    for (const l of lines) cache.get(l, make);
    cache.done();
  };
  const old = Array.from({ length: 30 }, (_, i) => `旧的一行${i}`.padEnd(20, '。'));
  read(old);
  assert.equal(made, 30);
  read(old);
  assert.equal(made, 30, 'a second reading of the same lines makes nothing');
  for (let k = 0; k < 20; k++) read(Array.from({ length: 10 }, (_, i) => `新的${k}行${i}`.padEnd(20, '，')));
  assert.ok(cache.heldChars <= 1_000 + 10 * 21, `holds ${cache.heldChars} characters`);
  const last = Array.from({ length: 10 }, (_, i) => `新的19行${i}`.padEnd(20, '，'));
  const before = made;
  read(last);
  assert.equal(made, before, 'the lines of the last text are still cached');
  read([old[0]]);
  assert.equal(made, before + 1, 'the oldest lines went first');
});

test('a text longer than the bound is held whole while it is read', () => {
  const cache = new LineCache<string>(100);
  const lines = Array.from({ length: 50 }, (_, i) => `第${i}行内容`);
  for (const l of lines) cache.get(l, x => x);
  cache.done();
  let made = 0;
  for (const l of lines) cache.get(l, x => (made++, x));
  assert.equal(made, 0);
});
