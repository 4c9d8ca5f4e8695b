// The region checks read a draft line by line from a cache (core/regions/lines.ts): for any draft,
// and after edits that hit the cache, that gives exactly what reading the whole text at once gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractMentions, scanKnown } from '../../../server/src/core/regions/mentions';
import { allMentions, candidatesOf, draftCandidates, knownMentions } from '../../../server/src/core/regions/lines';
import { toSimplified } from '../../../server/src/core/text/script';
import { gaz } from './helpers';

const root = join(__dirname, '../../..');
const texts = [
  ...readdirSync(join(root, 'seeds')).filter(f => f.endsWith('.txt')).map(f => readFileSync(join(root, 'seeds', f), 'utf8')),
  readFileSync(join(root, 'examples/draft.md'), 'utf8'),
  // Lines that start and end with names and near misses, CRLF line ends, empty lines.
  '宝按区\n攀枝华市召开会议\r\n四川省宝安区\n\n\n盐边悬、米易县等地\n深圳市宝按区',
].map(toSimplified);

/** Deterministic one-character edits spread over the text (a place suffix, a line break, a deletion). */
function edits(text: string): string[] {
  const out: string[] = [];
  for (let k = 1; k <= 6; k++) {
    const at = Math.floor((text.length * k) / 7);
    out.push(text.slice(0, at) + ['县', '\n', '', '区', '市', '镇'][k - 1] + text.slice(at + 1));
  }
  return out;
}

const plain = (x: unknown) => JSON.parse(JSON.stringify(x));

test('known names read line by line are the names read from the whole text, before and after edits', () => {
  for (const text of texts) {
    for (const t of [text, ...edits(text), text]) {
      assert.deepEqual(plain(knownMentions(t, gaz)), plain(scanKnown(t, gaz)));
      assert.deepEqual(plain(allMentions(t, gaz)), plain(extractMentions(t, gaz)));
    }
  }
});

test('candidate windows and their near misses read line by line are those of the whole text, with and without team names', () => {
  const teams = [new Set<string>(), new Set(['宝按区', '全区', '南县', '高新区'])];
  for (const team of teams) {
    for (const text of texts) {
      for (const t of [text, ...edits(text)]) {
        const whole = scanKnown(t, gaz);
        const byLine = draftCandidates(t, gaz, team);
        assert.deepEqual(plain(byLine.known), plain(whole));
        assert.deepEqual(plain(byLine.candidates), plain(candidatesOf(t, whole, gaz, team)));
      }
    }
  }
});

test('the near misses of a typo are found on any line of a draft', () => {
  const { candidates } = draftCandidates('第一行\n广东省深圳市宝按区组织干部\n第三行', gaz, new Set());
  const typo = candidates.find(c => c.w.word === '宝按区');
  assert.ok(typo, 'the window 宝按区 is a candidate');
  assert.equal(typo.w.start, '第一行\n广东省深圳市'.length);
  assert.ok(typo.misses.some(m => m.surface === '宝安区'));
});
