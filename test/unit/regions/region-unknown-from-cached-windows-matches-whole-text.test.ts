// region-unknown judges each window in two stages (what the window and the gazetteer decide is kept
// in the line cache; what the rest of the draft decides runs on every check) and counts names in
// the draft line by line across edits. For any draft and any sequence of edits this gives exactly
// the suspects of reading the whole text at once, with no cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findUnknown, findUnknownUncached } from '../../../server/src/core/regions/check-unknown';
import { toSimplified } from '../../../server/src/core/text/script';
import { mayBeNear, nearMisses, nearMissesByChars, nearMissesByPairs } from '../../../server/src/core/regions/fuzzy';
import { corpusDoc, gaz, indexOf } from './helpers';
import { draftsIn, repoRoot, successiveEdits } from '../../helpers/editedDrafts';

const root = repoRoot;
const dir = draftsIn;
const texts = [
  ...dir(join(root, 'seeds')),
  readFileSync(join(root, 'examples/draft.md'), 'utf8'),
  ...dir(join(root, '../shared/eval/dev')),
  ...dir(join(root, '../shared/eval/dev-real')),
  // Typos at the ends of lines, a division inside a window written elsewhere (和县), a stem used
  // with another suffix elsewhere (雄安市场 beside 雄安新区), CRLF line ends, empty lines.
  '宝按区\n攀枝华市召开会议\r\n四川省宝安区\n\n\n盐边悬、米易县等地\n深圳市宝按区\n全会和县委\n和县\n雄安市场\n雄安新区',
  // 仓南县 is a typo of 苍南县 unless the draft names 南县 elsewhere: the edits add and remove 南县.
  '浙江省温州市、仓南县等地\n湖南省益阳市南县\n第三行',
].map(toSimplified);

/** Edits a writer makes, applied one after another: typed, deleted, a line split, a place name typed. */
function edits(text: string): string[] {
  return successiveEdits(text, ['县', '\n', '', '区', '宝按区', '镇', '和县', '市']);
}

const plain = (x: unknown) => JSON.parse(JSON.stringify(x));
const index = indexOf([corpusDoc('a#0', '甲', '2024-01-01', texts[0] ?? ''), corpusDoc('b#0', '乙', '2024-01-01', '宝按区 攀枝华市')]);

test('region-unknown from cached windows and line counts equals reading the whole text, across edits', () => {
  for (const team of [new Set<string>(), new Set(['宝按区', '全区', '南县'])]) {
    for (const text of texts) {
      for (const t of [text, ...edits(text)]) {
        const d = { text: t, norm: t };
        assert.deepEqual(plain(findUnknown(d, gaz, index, team)), plain(findUnknownUncached(d, gaz, index, team)));
      }
    }
  }
});

test('misspelt townships read line by line equal the whole text\'s: the county drafts joined (paragraphs repeated), typed at the end and in lists', () => {
  const county = toSimplified(dir(join(root, '../shared/eval/dev-real')).join('\n\n'));
  // 大佰尺 as an item of a list whose other items are on the line before (the list is read across lines)
  const lists = `${county}\n蠡县留史、辛兴\n大佰尺、鲍墟等乡镇\n阜平县北果元乡`;
  const versions = [county + county.slice(0, 3000), ...edits(lists), ...Array.from({ length: 4 }, (_, i) => `${lists}${'。'.repeat(i)}\u3000`)];
  const team = new Set<string>();
  let townships = 0;
  for (const t of versions) {
    const d = { text: t, norm: t };
    const got = findUnknown(d, gaz, index, team);
    assert.deepEqual(plain(got), plain(findUnknownUncached(d, gaz, index, team)));
    townships += got.filter(s => s.suggestions[0]?.score === 10).length;
  }
  assert.ok(townships > 0, 'the drafts have misspelt townships (the comparison compares something)');
});

test('a division inside a window written elsewhere in the draft cuts the window, as edits add and remove it', () => {
  const team = new Set<string>();
  // A long line besides: the counts are then updated from the changed line, not recounted.
  const filler = '\n' + '推进高质量发展，'.repeat(40);
  const words = (t: string) => findUnknown({ text: t + filler, norm: t + filler }, gaz, index, team).map(s => s.word);
  assert.deepEqual(words('浙江省温州市、仓南县等地\n湖南省'), ['仓南县']);
  assert.deepEqual(words('浙江省温州市、仓南县等地\n湖南省南县'), []);
  assert.deepEqual(words('浙江省温州市、仓南县等地\n湖南省南'), ['仓南县']);
});

test('a typo at the start and end of a line is found with the cached judgement', () => {
  const d = { text: '广东省深圳市\n宝按区组织干部\n深圳市宝按区', norm: '广东省深圳市\n宝按区组织干部\n深圳市宝按区' };
  const got = findUnknown(d, gaz, index, new Set()).map(s => s.word);
  assert.deepEqual(got, findUnknownUncached(d, gaz, index, new Set()).map(s => s.word));
  assert.ok(got.includes('宝按区'));
});

test('near misses kept per word are those of a fresh lookup (a gazetteer copy has no memo)', () => {
  const copy = { ...gaz };
  for (const word of ['宝按区', '攀枝华市', '盐边悬', '经济发展', '仓南县', '北果元乡', '宝安区']) {
    const first = nearMisses(gaz, word);
    assert.equal(nearMisses(gaz, word), first, 'the second lookup is the kept result');
    assert.deepEqual(plain(first), plain(nearMisses(copy, word)));
  }
  assert.ok(nearMisses(gaz, '宝按区').some(m => m.surface === '宝安区'));
});

test('near misses from the pair lists equal those from scanning names by first and second character', () => {
  const words = new Set<string>();
  for (const text of texts.slice(0, 6)) for (let i = 0; i < text.length; i++) for (let L = 2; L <= 6; L++) if (mayBeNear(gaz, text, i, i + L)) words.add(text.slice(i, i + L));
  // Every position of real names changed: the typo at the start, in the middle, in the suffix.
  for (const s of [...gaz.surfaces.keys()].filter((_, k) => k % 7 === 0)) for (let p = 0; p < s.length; p++) words.add(s.slice(0, p) + '按' + s.slice(p + 1));
  let misses = 0;
  for (const w of words) {
    const got = nearMissesByPairs(gaz, w);
    assert.deepEqual(got, nearMissesByChars(gaz, w), w);
    misses += got.length;
  }
  assert.ok(misses > 1000, `${words.size} words give near misses to compare`);
});
