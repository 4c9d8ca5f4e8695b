// mayPassWithoutParent reads each name one character away from its units and a byte of its regions'
// kinds (no name string, no Surface list), tests the kinds before the likeness of the two characters,
// and reads whether the window ends in a common word once per differing position. Whatever the word,
// its answer is the one read from each name's string and surfaces in oneMayPass's order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { mayPassWithoutParent, mayPassWithoutParentBySurfaces } from '../../../server/src/core/regions/judge';
import { indexedNames, NAME_FULL, NAME_MAIN, NAME_MAIN_UP_TO_COUNTY } from '../../../server/src/core/regions/fuzzy';
import { levelOfCode } from '../../../server/src/core/regions/gazetteer';
import { candidateWindows } from '../../../server/src/core/regions/windows';
import { scanKnown } from '../../../server/src/core/regions/mentions';
import { toSimplified } from '../../../server/src/core/text/script';
import { gaz } from './helpers';

const root = join(__dirname, '../../..');
const seeds = readdirSync(join(root, 'seeds')).filter(f => f.endsWith('.txt')).map(f => toSimplified(readFileSync(join(root, 'seeds', f), 'utf8')));
const names = [...gaz.surfaces.keys()].filter((_, k) => k % 5 === 0);
/** Characters a typo brings in: name characters, sound-alikes and look-alikes, function and suffix characters, common words. */
const pool = [...new Set([...names.slice(0, 400).join(''), ...'的和了在是全县区市镇乡省州旗街道村安按岸案宝保堡华花枝技支家', ...'资源型城市新型城镇优化区域发展推进地区新区'])];

test('each indexed name\'s kinds are what its surface list says', () => {
  const { units, at, kinds } = indexedNames(gaz);
  assert.equal(kinds.length + 1, at.length);
  for (let i = 0; i < kinds.length; i++) {
    const name = String.fromCharCode(...units.subarray(at[i], at[i + 1]));
    let want = 0;
    for (const x of gaz.surfaces.get(name) ?? []) {
      if (x.kind === 'full') want |= NAME_FULL;
      if (x.kind === 'full' || x.kind === 'short') want |= NAME_MAIN | (levelOfCode(x.code) <= 3 ? NAME_MAIN_UP_TO_COUNTY : 0);
    }
    assert.equal(kinds[i], want, name);
  }
});

test('typos of names (one or two characters replaced) are settled alike both ways', () => {
  let open = 0;
  let settled = 0;
  const typo = fc.tuple(fc.constantFrom(...names), fc.nat(), fc.constantFrom(...pool), fc.nat(), fc.constantFrom(...pool), fc.boolean())
    .map(([n, p, c, q, d, two]) => {
      let w = n.slice(0, p % n.length) + c + n.slice(p % n.length + 1);
      if (two) w = w.slice(0, q % w.length) + d + w.slice(q % w.length + 1);
      return w;
    });
  fc.assert(fc.property(typo, word => {
    const want = mayPassWithoutParentBySurfaces(word, gaz);
    assert.equal(mayPassWithoutParent(word, gaz), want, word);
    if (want) open++;
    else settled++;
  }), { numRuns: 4000 });
  assert.ok(open > 50 && settled > 50, `both answers are tested (${open} open, ${settled} settled)`);
});

test('the windows of the seed drafts are settled alike both ways', () => {
  let words = 0;
  for (const text of seeds) {
    for (const line of text.split('\n')) {
      const known = scanKnown(line, gaz);
      for (const _ of candidateWindows(line, known, gaz, word => {
        words++;
        assert.equal(mayPassWithoutParent(word, gaz), mayPassWithoutParentBySurfaces(word, gaz), word);
        return false;
      })) { /* the test runs in the callback */ }
    }
  }
  assert.ok(words > 500, `${words} windows`);
});
