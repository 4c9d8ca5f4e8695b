// region-unknown drops a window that no known name precedes by its word alone when none of the
// word's near misses could survive prejudge() (mayPassWithoutParent), before the window's facts
// are read. That must never drop a window prejudge() would keep: for any word and any facts of a
// window without a parent before it, a word it settles has no near miss prejudge() keeps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mayPassWithoutParent, prejudge } from '../../../server/src/core/regions/judge';
import { nearMisses } from '../../../server/src/core/regions/fuzzy';
import type { WindowFacts } from '../../../server/src/core/regions/windows';
import { gaz } from './helpers';

const names = [...gaz.surfaces.keys()].filter((_, k) => k % 7 === 0);
/** Characters a typo brings in: characters of names, sound-alikes and look-alikes, function and suffix characters. */
const pool = [...new Set([...names.slice(0, 300).join(''), ...'的和了在是全县区市镇乡省州旗街道村安按岸案宝保堡华花枝技支', ...'资源型城市新型城镇优化区域发展推进'])];

const window = (word: string, facts: Omit<WindowFacts, 'start' | 'end' | 'word' | 'before'>): WindowFacts =>
  ({ start: 10, end: 10 + word.length, word, before: undefined, ...facts });

const factsOf = fc.record({
  prev: fc.constantFrom('', '，', '的', '在', '大', '新'),
  next: fc.constantFrom('', '，', '的', '场', '级', '城'),
  boundary: fc.boolean(),
  clearStart: fc.boolean(),
  stemMention: fc.boolean(),
  headsLongerName: fc.boolean(),
});

/** A name with one character replaced (the words region-unknown looks at). */
const typo = fc.tuple(fc.constantFrom(...names), fc.nat(), fc.constantFrom(...pool))
  .map(([n, p, c]) => n.slice(0, p % n.length) + c + n.slice(p % n.length + 1));

test('a word settled alone has no near miss prejudge keeps, whatever the facts of a window without a parent', () => {
  let settled = 0;
  let open = 0;
  fc.assert(fc.property(typo, fc.array(factsOf, { minLength: 1, maxLength: 6 }), (word, facts) => {
    const misses = nearMisses(gaz, word);
    if (misses.length === 0) return;
    if (mayPassWithoutParent(word, gaz)) {
      open++;
      return;
    }
    settled++;
    for (const f of facts) assert.deepEqual(prejudge(window(word, f), misses, gaz), [], `${word} ${JSON.stringify(f)}`);
  }), { numRuns: 1500 });
  assert.ok(settled > 50 && open > 50, `both kinds of word are tested (${settled} settled, ${open} open)`);
});

test('every typo of a sample of names, with every combination of the window\'s yes/no facts', () => {
  const bools = [false, true];
  let settled = 0;
  for (const n of names.filter((_, k) => k % 9 === 0)) {
    for (let p = 0; p < n.length; p++) {
      for (const c of ['按', '的', '县', '区', n[(p + 1) % n.length]]) {
        const word = n.slice(0, p) + c + n.slice(p + 1);
        const misses = nearMisses(gaz, word);
        if (misses.length === 0 || mayPassWithoutParent(word, gaz)) continue;
        settled++;
        for (const boundary of bools) for (const clearStart of bools) for (const stemMention of bools) for (const next of ['', '场']) {
          const w = window(word, { prev: '', next, boundary, clearStart, stemMention, headsLongerName: false });
          assert.deepEqual(prejudge(w, misses, gaz), [], `${word} ${JSON.stringify(w)}`);
        }
      }
    }
  }
  assert.ok(settled > 200, `${settled} settled words`);
});

test('a window right after a known name is never settled by its word (its parent may vouch for any near miss)', () => {
  // mayPassWithoutParent says nothing about windows with a parent before them: the reader judges those in full.
  assert.equal(mayPassWithoutParent('宝按区', gaz), true);
  assert.equal(mayPassWithoutParent('拱县', gaz), false, 'two characters only under a written parent');
});
