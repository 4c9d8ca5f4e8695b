// The windows that may be one character away from a region name are found from exact tables (the
// lengths of names by their first two and last two characters) and the one-edit variants of the
// names (each name's hash with one character replaced by a wildcard), not by testing every length
// from every start. Whatever the text, that keeps every window the plain scan keeps that has a near
// miss, drops only windows without one, and finds the same near misses as scanning the names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { nearSpans, nearSpansScan } from '../../../server/src/core/regions/windows';
import { scanKnown } from '../../../server/src/core/regions/mentions';
import { teamMentions } from '../../../server/src/core/regions/lines';
import { likeness, nearMisses, nearMissesByChars, nearMissesByVariants, oneAwayText } from '../../../server/src/core/regions/fuzzy';
import { PairMasks } from '../../../server/src/core/regions/packed';
import { toSimplified } from '../../../server/src/core/text/script';
import { gaz } from './helpers';

const root = join(__dirname, '../../..');
const seeds = readdirSync(join(root, 'seeds')).filter(f => f.endsWith('.txt')).map(f => toSimplified(readFileSync(join(root, 'seeds', f), 'utf8')));
const names = [...gaz.surfaces.keys()].filter((_, k) => k % 11 === 0);
/** Characters a typo brings in: name characters, function and suffix characters, common text. */
const pool = [...new Set([...names.slice(0, 400).join(''), ...'的和了在是县区市镇乡省州旗街道村', ...seeds[0].slice(0, 600)])].filter(c => /\p{Script=Han}/u.test(c));

/** A name with one character replaced (or not), a run of text, a name as written, punctuation or a line break. */
const piece = fc.oneof(
  fc.tuple(fc.constantFrom(...names), fc.nat(), fc.constantFrom(...pool)).map(([n, p, c]) => n.slice(0, p % n.length) + c + n.slice(p % n.length + 1)),
  fc.constantFrom(...names),
  fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.nat(), fc.integer({ min: 1, max: 30 })).map(([d, at, len]) => seeds[d].slice(at % seeds[d].length, at % seeds[d].length + len)),
  fc.constantFrom('，', '。', '、', '\n', ' ', '（'),
);
const texts = fc.array(piece, { minLength: 1, maxLength: 30 }).map(p => p.join(''));

const pairs = (spans: number[]) => Array.from({ length: spans.length / 2 }, (_, i) => [spans[2 * i], spans[2 * i + 1]] as const);

/** nearSpans keeps, in order, the plain scan's windows less some that have no near miss. */
function assertSameNearWindows(text: string, team: ReadonlySet<string>): number {
  const blocks = [...scanKnown(text, gaz), ...teamMentions(text, team)];
  const fast = pairs(nearSpans(text, blocks, gaz));
  const plain = pairs(nearSpansScan(text, blocks, gaz));
  let k = 0;
  for (const [s, e] of plain) {
    if (k < fast.length && fast[k][0] === s && fast[k][1] === e) {
      k++;
      continue;
    }
    assert.equal(nearMisses(gaz, text.slice(s, e)).length, 0, `${text.slice(s, e)} at ${s} has near misses and was dropped`);
  }
  assert.equal(k, fast.length, 'every window found is one of the plain scan\'s, in its order');
  return fast.length;
}

test('the windows near a name are the plain scan\'s less windows with no near miss, in any text', () => {
  let kept = 0;
  fc.assert(fc.property(texts, fc.boolean(), (text, withTeam) => {
    kept += assertSameNearWindows(text, withTeam ? new Set(['宝按区', '全区', '高新区']) : new Set());
  }), { numRuns: 400 });
  assert.ok(kept > 100, `the texts have windows near a name (${kept})`);
});

test('the windows near a name in the seeds are the plain scan\'s less windows with no near miss', () => {
  let kept = 0;
  for (const text of seeds) for (const line of text.split('\n')) kept += assertSameNearWindows(line, new Set());
  assert.ok(kept > 50);
});

test('near misses from the one-edit variants are those of scanning names by their first and second characters', () => {
  const words = new Set<string>();
  for (const n of names.filter((_, k) => k % 3 === 0)) for (let p = 0; p < n.length; p++) for (const c of ['按', n[(p + 1) % n.length], '县']) words.add(n.slice(0, p) + c + n.slice(p + 1));
  for (const text of seeds.slice(0, 3)) for (let i = 0; i + 2 <= text.length; i += 3) for (let L = 2; L <= 6; L++) words.add(text.slice(i, i + L));
  let misses = 0;
  for (const w of words) {
    const got = nearMissesByVariants(gaz, w);
    assert.deepEqual(got, nearMissesByChars(gaz, w), w);
    misses += got.length;
  }
  assert.ok(misses > 1000, `${words.size} words give near misses to compare (${misses})`);
});

test('a window with a near miss always has a one-edit variant of a name, wherever it is in the text', () => {
  fc.assert(fc.property(texts, fc.nat(), fc.integer({ min: 2, max: 12 }), (text, at, L) => {
    const start = at % Math.max(1, text.length);
    const end = Math.min(text.length, start + L);
    if (end - start < 2) return;
    if (nearMissesByChars(gaz, text.slice(start, end)).length > 0) assert.ok(oneAwayText(gaz, text).mayBeOneAway(start, end), text.slice(start, end));
  }), { numRuns: 2000 });
});

test('pair masks answer as a map of pairs to OR-ed masks, through growth', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 30 })), { maxLength: 300 }), adds => {
    const table = new PairMasks(4);
    const plain = new Map<number, number>();
    for (const [a, b, bit] of adds) {
      if (a === 0 && b === 0) continue;
      table.add(a, b, 1 << bit);
      plain.set(a * 65536 + b, ((plain.get(a * 65536 + b) ?? 0) | (1 << bit)) >>> 0);
    }
    for (const [a, b] of adds) if (a !== 0 || b !== 0) assert.equal(table.get(a, b) >>> 0, plain.get(a * 65536 + b));
    assert.equal(table.get(0x4e00, 0x4e01) >>> 0, plain.get(0x4e00 * 65536 + 0x4e01) ?? 0);
  }), { numRuns: 200 });
});

test('the likeness of two characters read from its cache is the likeness worked out again, however the cache is filled', () => {
  const chars = [...new Set(names.join(''))].slice(0, 400);
  const asked: Array<[string, string, boolean]> = [];
  for (let i = 0; i < chars.length; i++) for (let j = 0; j < chars.length; j += 7) asked.push([chars[i], chars[(i + j) % chars.length], (i + j) % 3 === 0]);
  const first = asked.map(([a, b, listed]) => likeness(gaz, a, b, listed));
  // again, now partly from the cache (pairs sharing a slot have replaced each other), and on a copy whose cache is filled in the other order
  const copy = { ...gaz };
  const fresh = [...asked].reverse().map(([a, b, listed]) => likeness(copy, a, b, listed)).reverse();
  assert.deepEqual(asked.map(([a, b, listed]) => likeness(gaz, a, b, listed)), first);
  assert.deepEqual(fresh, first);
  assert.ok(first.includes('sound') && first.includes('other'), 'the pairs are of several kinds');
  assert.equal(likeness(gaz, '安', '按'), likeness(copy, '安', '按'));
});
