// StartScan tries a pattern only at the characters a match of it can start with (starts.ts firstTable: read from
// the pattern's structure, not every character it names). Checked on random patterns over a small alphabet
// (alternatives, groups, classes, quantifiers that allow none, lookarounds, . and negated classes) against
// random texts: the matches found are the global scan's, and every match starts where the table says.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { StartScan, firstTable } from '../../../server/src/core/figures/starts';
import { NUM_RE } from '../../../server/src/core/figures/scan';
import { PERIOD_PATTERNS } from '../../../server/src/core/figures/period';

const ALPHABET = ['a', 'b', '年', '一', '2', '，'];

const pattern: fc.Arbitrary<string> = fc.letrec<{ alt: string; seq: string; term: string; atom: string }>(tie => ({
  alt: fc.array(tie('seq'), { minLength: 1, maxLength: 3 }).map(s => s.join('|')),
  seq: fc.array(tie('term'), { maxLength: 3 }).map(t => t.join('')),
  term: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(tie('atom'), fc.constantFrom('', '', '?', '*', '+', '{0,2}', '{1,2}', '??')).map(([a, q]) => a + q),
    // assertions, which take no quantifier
    tie('alt').map(x => `(?=${x})`),
    tie('alt').map(x => `(?!${x})`),
    fc.constantFrom('(?<!a)', '(?<=年)', '\\b', '^', '$'),
  ),
  atom: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...ALPHABET),
    fc.constantFrom('[ab]', '[一-二]', '[^a]', '\\d', '.', '\\s', '[年\\d]'),
    tie('alt').map(x => `(?:${x})`),
    tie('alt').map(x => `(${x})`),
  ),
})).alt;

const text = fc.array(fc.constantFrom(...ALPHABET, '\n', 'c'), { maxLength: 24 }).map(t => t.join(''));

// A random pattern's nested quantifiers ((a*)*b) can backtrack exponentially on a miss, and a regex run
// cannot be interrupted: the random runs are drawn from fixed seeds, so every run of the suite tries the
// same patterns (thousands, new ones only when a seed or a generator changes) and never meets one that
// takes minutes.
const SEEDS = { table: 20261130, scan: 20261131 };

function globalMatches(re: RegExp, s: string): Array<{ index: number; groups: Array<string | undefined> }> {
  const out: Array<{ index: number; groups: Array<string | undefined> }> = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out.push({ index: m.index, groups: [...m] });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

function scanMatches(re: RegExp, s: string): Array<{ index: number; groups: Array<string | undefined> }> {
  const scan = new StartScan(re);
  const out: Array<{ index: number; groups: Array<string | undefined> }> = [];
  for (let m = scan.exec(s, 0); m; m = scan.exec(s, m.index + Math.max(1, m[0].length))) out.push({ index: m.index, groups: [...m] });
  return out;
}

test('every match of a random pattern starts with a character its first table names', () => {
  fc.assert(fc.property(pattern, fc.array(text, { minLength: 1, maxLength: 6 }), (source, texts) => {
    const re = new RegExp(source, 'g');
    const table = firstTable(re);
    if (!table) return;
    for (const s of texts) for (const m of globalMatches(re, s)) assert.equal(table[s.charCodeAt(m.index)], 1, `${source} at ${m.index} of ${JSON.stringify(s)}`);
  }), { numRuns: 3000, seed: SEEDS.table });
});

test('a random pattern tried where its first table says finds what its global scan finds', () => {
  // (texts shorter than above: nested quantifiers of a random pattern may backtrack a long time on a long miss)
  const short = fc.array(fc.constantFrom(...ALPHABET, '\n', 'c'), { maxLength: 14 }).map(t => t.join(''));
  fc.assert(fc.property(pattern, short, (source, s) => {
    const re = new RegExp(source, 'g');
    assert.deepEqual(scanMatches(re, s), globalMatches(re, s), source);
  }), { numRuns: 1500, seed: SEEDS.scan });
});

test('the first characters: alternatives, optional parts and lookarounds followed; what names no character is none', () => {
  const named = (re: RegExp) => {
    const t = firstTable(re);
    if (!t) return undefined;
    let s = '';
    for (let c = 0; c < t.length; c++) if (t[c]) s += String.fromCharCode(c);
    return s;
  };
  assert.equal(named(/[-a]b-[a-c-]/g), '-a');
  assert.equal(named(/(?<!同)(?:比|较)的/g), '比较'.split('').sort().join(''));
  assert.equal(named(/x?y*z/g), 'xyz');
  assert.equal(named(/a[^b]|\bc\s/g), 'ac');
  assert.equal(named(/(?:近|过去)\d年/g), '过近'.split('').sort().join(''));
  // a match may start with a character the pattern does not name, or match nothing at all: no table
  for (const any of [/.a/g, /[^a]b/g, /\w年/g, /x?/g, /(?:a|)/g, /年/i, /(a)\1/g]) assert.equal(firstTable(any), undefined, String(any));
  // the number and period patterns start with fewer characters than they name
  const numberStarts = named(NUM_RE)!;
  assert.ok(!numberStarts.includes('分') && !numberStarts.includes('点') && numberStarts.includes('百') && numberStarts.includes('７'));
  for (const { re } of PERIOD_PATTERNS) assert.notEqual(firstTable(re), undefined, String(re));
});
