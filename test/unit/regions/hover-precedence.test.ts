// Hover through the service: a place name inside a figure's sentence shows the place; the number
// itself keeps the figure's hover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNodeService } from '../../../server/src/node/environment';

const service = createNodeService('en');
const snapshot = service.assemble([], service.minePhrases([]));
const text = '2023年，宝安区地区生产总值达到5000亿元，同比增长5.6%。';

test('on a place name inside a figure\'s sentence the hover shows the place', () => {
  const h = service.hover(snapshot, text, text.indexOf('宝安区') + 1);
  assert.ok(h);
  assert.equal(text.slice(h.start, h.end), '宝安区');
  assert.match(h.markdown, /广东省 › 深圳市 › 宝安区/);
});

test('on the number the hover stays the figure\'s', () => {
  const at = text.indexOf('5000') + 1;
  const h = service.hover(snapshot, text, at);
  assert.ok(h);
  assert.ok(h.start <= at && at < h.end);
  assert.ok(text.slice(h.start, h.end).includes('5000'));
  assert.doesNotMatch(h.markdown, /440306/);
});
