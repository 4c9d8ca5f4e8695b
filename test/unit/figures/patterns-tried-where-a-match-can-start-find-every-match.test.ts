// The number and period scans try their patterns only where a match can start (starts.ts: a table of
// the characters a pattern names), and findPeriods tries all its patterns in one pass over the text.
// They must find exactly the matches of each pattern's own global scan: the same positions, texts and
// groups, in the same order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findPeriods, PERIOD_PATTERNS } from '../../../server/src/core/figures/period';
import { NUM_RE } from '../../../server/src/core/figures/scan';
import { StartScan, startTable } from '../../../server/src/core/figures/starts';

/** Every match of a global regex, as its own scan finds them (an empty match moves on by one). */
function globalMatches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(m);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

function startMatches(re: RegExp, text: string): RegExpExecArray[] {
  const scan = new StartScan(re);
  const out: RegExpExecArray[] = [];
  for (let m = scan.exec(text, 0); m; m = scan.exec(text, m.index + Math.max(1, m[0].length))) out.push(m);
  return out;
}

const plain = (ms: RegExpExecArray[]) => ms.map(m => ({ index: m.index, groups: [...m] }));

/** Texts made of the pattern's own words and characters, and of others it does not name. */
function textsFor(re: RegExp): fc.Arbitrary<string> {
  const words = re.source.match(/[\u3000-\u9fff\uff00-\uffef“”「」]+/g) ?? [];
  const chars = [...new Set(words.join(''))];
  const token = fc.oneof(
    fc.constantFrom(...words),
    fc.constantFrom(...chars),
    fc.constantFrom(...'0123456789'),
    fc.integer({ min: 0, max: 99 }).map(n => `${n}年`),
    fc.constantFrom('2021', '19', '3', '0', '12.5', '1,234', '-', '～', '.', '年', '月', '的', '，', '。', '\n', 'a', '比', '增长'),
  );
  return fc.array(token, { maxLength: 30 }).map(t => t.join(''));
}

test('the number pattern tried where a numeral can start finds every match of its global scan', () => {
  fc.assert(fc.property(textsFor(NUM_RE), text => {
    assert.deepEqual(plain(startMatches(NUM_RE, text)), plain(globalMatches(NUM_RE, text)));
  }), { numRuns: 2000 });
});

test('each period pattern tried where a match of it can start finds every match of its global scan', () => {
  for (const { re } of PERIOD_PATTERNS) {
    fc.assert(fc.property(textsFor(re), text => {
      assert.deepEqual(plain(startMatches(re, text)), plain(globalMatches(re, text)), String(re));
    }), { numRuns: 500 });
  }
});

test('findPeriods in one pass finds what the period patterns find one after the other', () => {
  // the reading before: each pattern's global scan, baselines (比上年) left out, earlier and longer first
  const reference = (text: string, docYear?: number) => {
    const all: Array<{ start: number; end: number }> = [];
    for (const { re, build } of PERIOD_PATTERNS) {
      for (const m of globalMatches(re, text)) {
        if (m[0].length === 0 || /[比较与同和跟由从]$/.test(text.slice(Math.max(0, m.index - 1), m.index))) continue;
        const p = build(m, docYear);
        if (p) all.push({ ...p, start: m.index, end: m.index + m[0].length });
      }
    }
    all.sort((a, b) => a.start - b.start || b.end - a.end);
    const out: typeof all = [];
    for (const m of all) if (!out.length || m.start >= out[out.length - 1].end) out.push(m);
    return out;
  };
  const texts = fc.oneof(...PERIOD_PATTERNS.map(({ re }) => textsFor(re)));
  const mixed = fc.array(texts, { maxLength: 4 }).map(t => t.join(''));
  fc.assert(fc.property(mixed, fc.constantFrom(undefined, 2021), (text, year) => {
    assert.deepEqual(findPeriods(text, year), reference(text, year));
  }), { numRuns: 2000 });
  assert.equal(findPeriods('截至目前，2021年1-9月比上年同期增长，“十四五”期间').length, 3);
});

test('the characters a pattern may start with: what it names, ranges and escapes read; unknown classes are any', () => {
  const named = (re: RegExp) => {
    const t = startTable(re);
    if (!t) return undefined;
    let s = '';
    for (let c = 0; c < t.length; c++) if (t[c]) s += String.fromCharCode(c);
    return s;
  };
  assert.equal(named(/[-a]b-[a-c-]/g), '-abc');
  assert.equal(named(/[\u4e00-\u4e02]x\d/g), '0123456789x一丁丂');
  assert.equal(named(/近|过去/g), '|过近去'.split('').sort().join(''));
  for (const any of [/a.b/g, /[^a]b/g, /\w+/g, /\s年/g, /x?/g, /年/gi]) assert.equal(startTable(any), undefined, String(any));
  // where every position must be tried, StartScan still finds the global scan's matches
  assert.deepEqual(plain(startMatches(/\w年/g, 'a年 b年')), plain(globalMatches(/\w年/g, 'a年 b年')));
});
