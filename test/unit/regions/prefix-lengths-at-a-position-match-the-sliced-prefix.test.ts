// lengthsByPrefix.at(text, i), which scanKnown reads at every marked position of a text, answers
// what get(text.slice(i, i + 2)) answers: the same list, for pairs that start names and pairs that
// start none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gaz } from './helpers';

test('at(text, i) gives the list get(text.slice(i, i + 2)) gives, at every position of a text', () => {
  const at = gaz.lengthsByPrefix.at;
  assert.ok(at, 'the gazetteer table answers by position');
  const names: string[] = [];
  gaz.forEachSurface(text => { if (names.length < 4000) names.push(text); });
  for (const text of gaz.historical.keys()) names.push(text);
  const text = `${names.join('，')}。宝按区和攀枝华市\uffff\uffff按区ab${'县'.repeat(40)}`;
  let lists = 0;
  for (let i = 0; i + 2 <= text.length; i++) {
    const want = gaz.lengthsByPrefix.get(text.slice(i, i + 2));
    assert.equal(gaz.lengthsByPrefix.at!(text, i), want, `${text.slice(i, i + 2)} at ${i}`);
    if (want) lists++;
  }
  assert.ok(lists > 1000, 'the text starts many names');
});

