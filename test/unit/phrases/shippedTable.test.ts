// The shipped phrase table (server/data/phrase-table.json): what a new user gets with only the
// bundled seeds as corpus. Scored on prefixes of formulas from reports the table was not built from.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { completePhrases, loadPhraseTable, minePhrases, parsePhraseLibrary } from '../../../server/src/core/phrases';
import { parseYears, type PhraseTable } from '../../../server/src/core/phrases/table';
import { loadInputs, SEEDS } from './corpus';
import { at, ctxOf } from './helpers';
import { heldOutReports, readPrefixTable, ROOT, scoreTable, shippedLibrary } from './heldout/score';

const TABLE_FILE = join(ROOT, 'server/data/phrase-table.json');
const bytes = readFileSync(TABLE_FILE);
const table = JSON.parse(bytes.toString('utf8')) as PhraseTable;
const shipped = shippedLibrary();
const seeds = loadInputs(SEEDS);
const seedIndex = minePhrases(seeds);
const ctx = ctxOf(seeds.map(i => i.doc));
const row = (p: string) => table.phrases.find(r => r[0] === p);

test('held-out formulas typed in part are in the first five with only the bundled seeds and the shipped table', () => {
  const cases = readPrefixTable();
  assert.ok(cases.length >= 90, `${cases.length} prefixes`);
  const { rate, misses } = scoreTable(cases, seedIndex, [shipped], ctx);
  console.log(`held-out hit@5, seeds only: ${rate.toFixed(3)} of ${cases.length}\n  ${misses.join('\n  ')}`);
  assert.ok(rate >= 0.9, misses.join('\n'));
});

test('without the shipped table the seeds alone complete far fewer held-out formulas', () => {
  const cases = readPrefixTable();
  const withTable = scoreTable(cases, seedIndex, [shipped], ctx).rate;
  const without = scoreTable(cases, seedIndex, [], ctx).rate;
  assert.ok(withTable - without >= 0.3, `${without} → ${withTable}`);
});

test('the everyday formulas a new user tried complete out of the box', () => {
  const cases: Array<[typed: string, expected: string]> = [
    ['加快推进保障性安居', '保障性安居工程'],
    ['大力实施棚户区', '棚户区改造'],
    ['营造风清', '风清气正的政治生态'],
    ['大力弘扬工匠', '工匠精神'],
    ['建立“全生命', '全生命周期'],
    ['不断提升群众满意', '群众满意度'],
    ['实现政企之间直达', '政企之间直达直联'],
  ];
  const { misses } = scoreTable(cases.map(([typed, expected]) => ({ typed, expected, report: '' })), seedIndex, [shipped], ctx);
  assert.deepEqual(misses, []);
});

test('the table was not built from the held-out reports and fits the size budget', () => {
  assert.ok(bytes.length < 2_000_000, `${bytes.length} bytes`);
  const titles = table.sources.join('\n');
  for (const r of heldOutReports()) {
    const year = /^[^/]+\/(\d{4})/.exec(r)![1];
    if (r.startsWith('gwr-national/')) assert.ok(!titles.includes(`${year}年中华人民共和国国务院政府工作报告`), r);
  }
  assert.ok(!titles.includes('安新县2024年政府工作报告') && !titles.includes('博野县2025年政府工作报告'));
});

test('each row has its count, the years it was used in and an example that shows it', () => {
  assert.ok(table.phrases.length > 10000);
  let withExample = 0;
  for (const [phrase, count, docCount, years, closes, example, source] of table.phrases) {
    assert.ok(count >= docCount && closes >= 0 && closes <= 100, phrase);
    if (count === 0) continue;
    const ys = parseYears(years);
    assert.ok(ys.length >= 1 && ys.every(y => y >= 1921 && y <= (table.latestYear ?? 2100)), `${phrase} ${years}`);
    if (!example) continue;
    withExample++;
    assert.ok(source !== undefined && table.sources[source], phrase);
    const bare = (s: string) => s.replace(/[“”"「」]/g, '').replace(/[0-9０-９][0-9０-９.,．]*/g, '…');
    assert.ok(bare(example).includes(bare(phrase)), `${phrase}: ${example}`);
  }
  assert.ok(withExample >= 0.99 * table.phrases.filter(r => r[1] > 0).length);
  // Sorted by phrase, so a rebuild's diff reads phrase by phrase.
  for (let i = 1; i < table.phrases.length; i++) assert.ok(table.phrases[i - 1][0] < table.phrases[i][0], table.phrases[i][0]);
});

test('formulas are whole: no fragment that starts or ends inside a word', () => {
  for (const fragment of ['民群众生命财产安全', '持稳中求进工作总基', '愁三保障', '巨人企业']) assert.equal(row(fragment), undefined, fragment);
  for (const whole of ['人民群众生命财产安全', '稳中求进工作总基调', '两不愁三保障']) assert.ok(row(whole), whole);
});

test('numbered formulas keep their numerals, quoted ones their quotes, a formula with a figure the figure as written', () => {
  assert.ok(row('四个全面'));
  const quoted = row('放管服')!;
  assert.equal(quoted[8], '“放管服”');
  const { draft, offset } = at('落实第二轮土地承包到|', '2026-03-05');
  const items = completePhrases(draft, offset, seedIndex, [shipped], ctx);
  const item = items.find(r => r.label === '第二轮土地承包到期后再延长30年');
  assert.ok(item, items.map(r => r.label).join(' | '));
  assert.equal(item.insertText, '第二轮土地承包到期后再延长30年');
  assert.equal(item.isSnippet, false);
});

/** A hand-made table: [phrase, count, documents, years from 1900, closes %, example, source, flags, insert, left words]. */
const tiny = (rows: unknown[][]) => loadPhraseTable('tiny.json', JSON.stringify({ version: 1, about: '', sources: [], phrases: rows }), 'built-in');
const shippedLabels = (lib: ReturnType<typeof tiny>, fixture: string, date = '2026-03-05') => {
  const { draft, offset } = at(fixture, date);
  return completePhrases(draft, offset, undefined, [lib], ctx).map(r => r.label);
};

test('an outdated formula ranks below the one in use for a draft of today, and an old draft gets the old one', () => {
  const lib = tiny([['社会主义改造', 40, 10, '54-57', 90], ['社会主义现代化', 40, 10, '110-125', 90]]);
  assert.deepEqual(shippedLabels(lib, '社会主义|'), ['社会主义现代化', '社会主义改造']);
  assert.deepEqual(shippedLabels(lib, '社会主义|', '1956-09-15'), ['社会主义改造', '社会主义现代化']);
});

test('ranking: team library, then the corpus, then the shipped table', () => {
  const team = parsePhraseLibrary('.policy-draft/phrases/office.txt', '高质量发展考核\n', ctx);
  const { draft, offset } = at('高质|');
  const items = completePhrases(draft, offset, seedIndex, [team, shipped], ctx);
  const tiers = items.map(r => (r.label === '高质量发展考核' ? 0 : seedIndex.phrases.some(p => p.phrase === r.label) ? 1 : 2));
  assert.equal(items[0].label, '高质量发展考核');
  // Within the same typed prefix the corpus comes before the shipped table.
  const byStart = new Map<number, number[]>();
  items.forEach((r, i) => byStart.set(r.replaceStart, [...(byStart.get(r.replaceStart) ?? []), tiers[i]]));
  for (const ts of byStart.values()) for (let i = 1; i < ts.length; i++) assert.ok(ts[i - 1] <= ts[i], ts.join(','));
});

test('the typed context counts: a phrase usually written after the words just typed comes first', () => {
  const lib = tiny([['工匠精神', 10, 5, '120', 90, '', -1, 0, '', '弘扬'], ['工匠学院', 30, 10, '120', 90, '', -1, 0, '', '建设']]);
  assert.deepEqual(shippedLabels(lib, '工匠|'), ['工匠学院', '工匠精神']);
  assert.deepEqual(shippedLabels(lib, '大力弘扬工匠|'), ['工匠精神', '工匠学院']);
  // The shipped table keeps the usual left neighbours of its phrases.
  assert.ok((row('工匠精神')![9] ?? '').split('|').includes('弘扬'));
});

test('a table that is not one, or of another version, is an empty library and completion still answers', () => {
  for (const text of ['', '{', '{"version": 99, "phrases": [], "sources": []}', '[1,2]', '{"version":1,"sources":[],"phrases":[[1],[""],null,["高质量发展"]]}']) {
    const lib = loadPhraseTable('x.json', text, 'built-in');
    const { draft, offset } = at('高质|');
    assert.doesNotThrow(() => completePhrases(draft, offset, undefined, [lib], ctx));
  }
  assert.equal(loadPhraseTable('x.json', '{"version":1,"sources":[],"phrases":[["高质量发展",3,2,"120"]]}', 'b').entries.length, 1);
});
