// Every finding on real published text has a verdict, and the false ones stay within budget
// (see README.md beside this file).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FAMILIES, run } from './run.mjs';

const summary = run({ families: Object.keys(FAMILIES), sets: null });

for (const [family, f] of Object.entries(summary.families)) {
  test(`real text: every ${family} finding on ../shared/corpus is judged`, () => {
    assert.deepEqual(f.unjudged, [], `unjudged ${family} findings (judge them in test/realtext/judged/${family}.tsv)`);
  });
  test(`real text: ${family} findings judged false stay within ${f.budget} per 100,000 characters`, () => {
    assert.deepEqual(f.over, [], JSON.stringify(f.rates));
  });
}
