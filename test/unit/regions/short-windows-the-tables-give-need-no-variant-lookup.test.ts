// nearSpans keeps a window of two or three characters without looking up its one-edit variants: the
// table that gave its length names a name that agrees with it everywhere but at one position, so the
// lookup could only say yes. Whatever the text, every such window it keeps passes the lookup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { nearSpans } from '../../../server/src/core/regions/windows';
import { scanKnown } from '../../../server/src/core/regions/mentions';
import { oneAwayText } from '../../../server/src/core/regions/fuzzy';
import { toSimplified } from '../../../server/src/core/text/script';
import { gaz } from './helpers';

const root = join(__dirname, '../../..');
const seeds = readdirSync(join(root, 'seeds')).filter(f => f.endsWith('.txt')).map(f => toSimplified(readFileSync(join(root, 'seeds', f), 'utf8')));
const names = [...gaz.surfaces.keys()].filter((_, k) => k % 13 === 0);
const pool = [...new Set([...names.slice(0, 300).join(''), ...'的和了在是县区市镇乡省州旗街道村', ...seeds[0].slice(0, 400)])].filter(c => /\p{Script=Han}/u.test(c));

/** The short windows nearSpans keeps in `text`, each tested with the variant lookup it skipped. */
function assertShortWindowsPass(text: string): number {
  const spans = nearSpans(text, scanKnown(text, gaz), gaz);
  const one = oneAwayText(gaz, text);
  let short = 0;
  for (let s = 0; s < spans.length; s += 2) {
    if (spans[s + 1] - spans[s] > 3) continue;
    short++;
    assert.ok(one.mayBeOneAway(spans[s], spans[s + 1]), text.slice(spans[s], spans[s + 1]));
  }
  return short;
}

test('the short windows of the seed drafts pass the variant lookup', () => {
  let short = 0;
  for (const text of seeds) for (const line of text.split('\n')) short += assertShortWindowsPass(line);
  assert.ok(short > 200, `${short} short windows`);
});

test('the short windows of texts made of names, typos of names and draft text pass the variant lookup', () => {
  const piece = fc.oneof(
    fc.tuple(fc.constantFrom(...names), fc.nat(), fc.constantFrom(...pool)).map(([n, p, c]) => n.slice(0, p % n.length) + c + n.slice(p % n.length + 1)),
    fc.constantFrom(...names),
    fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.nat(), fc.integer({ min: 1, max: 30 })).map(([d, at, len]) => seeds[d].slice(at % seeds[d].length, at % seeds[d].length + len)),
    fc.constantFrom('，', '。', '、', ' '),
  );
  fc.assert(fc.property(fc.array(piece, { minLength: 1, maxLength: 20 }), pieces => { assertShortWindowsPass(pieces.join('')); }), { numRuns: 500 });
});
