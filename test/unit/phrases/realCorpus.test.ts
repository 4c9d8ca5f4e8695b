// Mining and completion over the real corpus: the seeds plus the government work reports of
// ../shared/corpus, ingested and segmented as the service does. Mined once for all tests here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completePhrases, minePhrases, parsePhraseLibrary } from '../../../server/src/core/phrases';
import { toSimplified } from '../../../server/src/core/text/script';
import { realInputs } from './corpus';
import { at, ctxOf } from './helpers';
import { HELD_OUT_PHRASES, PREFIX_TABLE } from './prefixTable';

const inputs = realInputs();
const index = minePhrases(inputs);
const docs = new Map(inputs.map(i => [i.doc.id, i.doc]));
const ctx = ctxOf(docs.values());
const byPhrase = new Map(index.phrases.map(p => [p.phrase, p]));

function labels(fixture: string, libraries = [] as ReturnType<typeof parsePhraseLibrary>[]): string[] {
  const { draft, offset } = at(fixture);
  return completePhrases(draft, offset, index, libraries, ctx).map(r => r.label);
}

test('the intended phrase is among the first five completions for at least 90% of typed prefixes', () => {
  const misses: string[] = [];
  for (const [typed, expected] of PREFIX_TABLE) {
    const top = labels(`${typed}|`).slice(0, 5);
    if (!top.includes(expected)) misses.push(`${typed} → ${expected}: ${top.join(' | ')}`);
  }
  const rate = 1 - misses.length / PREFIX_TABLE.length;
  console.log(`top-5 hit rate ${(rate * 100).toFixed(1)}% of ${PREFIX_TABLE.length}`);
  assert.ok(rate >= 0.9, misses.join('\n'));
});

test('held-out phrases typed with two or three characters: a regression guard on ranking', () => {
  const all = inputs.map(i => i.doc.text).join('\n');
  let hits = 0;
  let tries = 0;
  for (const p of HELD_OUT_PHRASES) {
    // Only phrases the corpus really uses can be expected.
    if (all.split(p).length - 1 < 2) continue;
    for (const k of [2, 3]) {
      if (p.length <= k) continue;
      tries++;
      if (labels(`${p.slice(0, k)}|`).slice(0, 5).includes(p)) hits++;
    }
  }
  console.log(`held-out top-5 hit rate ${((hits / tries) * 100).toFixed(1)}% of ${tries}`);
  assert.ok(tries > 100 && hits / tries >= 0.75, `${hits}/${tries}`);
});

const loose = (s: string) => s.replace(/[“”"「」]/g, '').replace(/[0-9０-９][0-9０-９.,．]*/g, '…');

test('each mined phrase occurs as published where it says, in the documents it lists', () => {
  for (const p of index.phrases) {
    const [d, start, end] = p.at;
    const doc = docs.get(index.docs[d].id)!;
    const found = doc.text.slice(start, end);
    if (p.kind === 'template') {
      assert.equal(found.replace(/[0-9０-９][0-9０-９.,．]*/g, '…'), p.phrase);
      assert.match(p.snippet!, /\$\{1\}/);
    } else assert.equal(loose(found), loose(p.phrase), `${p.phrase} at ${doc.id}`);
    assert.ok(p.docs.length >= 1 && p.docs.length <= p.docCount);
    for (const n of p.docs) {
      const text = docs.get(index.docs[n].id)!.text;
      // Quotes are normalised in mining ("三个代表" is mined as “三个代表”); a formula with fixed
      // figures (再延长30年) is listed in documents that used other figures too.
      if (p.kind !== 'template') assert.ok(loose(text).includes(loose(p.phrase)), `${p.phrase} in ${index.docs[n].id}`);
    }
    assert.ok(p.count >= p.docCount);
    assert.ok(p.firstYear === undefined || p.lastYear! >= p.firstYear);
  }
});

test('fixed formulas keep Chinese numerals; quoted formulas are offered with their quotes', () => {
  // Arabic figures stay only in formulas that always carry the same figure (再延长30年), never in a rate.
  assert.deepEqual(index.phrases.filter(p => p.kind !== 'template' && /[0-9]/.test(p.phrase) && /[%％]|左右/.test(p.phrase)).map(p => p.phrase), []);
  assert.ok(!index.phrases.some(p => /^[0-9]|[4四]个全面/.test(p.phrase) && p.phrase.includes('4')));
  for (const formula of ['四个全面', '两个维护', '五大路径', '一约五会', '三个协同']) {
    const p = byPhrase.get(formula);
    assert.ok(p, formula);
    assert.equal(p.insert, `“${formula}”`);
  }
  // A writer who types Arabic digits is offered the formula with its Chinese numeral.
  for (const [fixture, formula] of [['坚持4个全|', '四个全面'], ['做到2个维|', '两个维护']]) {
    const { draft, offset } = at(fixture);
    const item = completePhrases(draft, offset, index, [], ctx).find(r => r.label === formula);
    assert.ok(item, fixture);
    assert.equal(draft.text.slice(item.replaceStart, offset), fixture.slice(2, -1));
    assert.equal(item.insertText, `“${formula}”`);
  }
  const [item] = completePhrases(at('五大路|').draft, 3, index, [], ctx);
  assert.equal(item.label, '五大路径');
  assert.equal(item.insertText, '“五大路径”');
});

test('no web debris, spam or Latin text is mined', () => {
  const debris = ['上传', '文档', '下载', '在线观看', '精品', '金锄头', '阅读全文', '中共中央宣传部委托', '页数'];
  const bad = index.phrases.filter(p => /[A-Za-z]/.test(p.phrase) || debris.some(w => p.phrase.includes(w)));
  assert.deepEqual(bad.map(p => p.phrase), []);
});

test('the index is plain JSON and its prefix keys are sorted', () => {
  assert.deepEqual(JSON.parse(JSON.stringify(index)), index);
  assert.equal(index.keys.length, index.keyPhrase.length);
  for (let i = 1; i < index.keys.length; i++) assert.ok(index.keys[i - 1] <= index.keys[i], index.keys[i]);
  assert.equal(index.count, index.phrases.length);
});

test('an item replaces exactly the typed prefix, not the run of Chinese before it', () => {
  const cases: Array<[fixture: string, label: string, typed: string]> = [
    ['我们要持续优化营|', '优化营商环境', '优化营'],
    ['坚决守住不发生系统|', '守住不发生系统性风险的底线', '守住不发生系统'],
    ['深化“放管|', '“放管服”改革', '“放管'],
    ['全面推进国家治理体|', '国家治理体系和治理能力现代化', '国家治理体'],
  ];
  for (const [fixture, label, typed] of cases) {
    const { draft, offset } = at(fixture);
    const item = completePhrases(draft, offset, index, [], ctx).find(r => r.label === label);
    assert.ok(item, `${fixture} → ${label}`);
    assert.equal(draft.text.slice(item.replaceStart, offset), typed);
    assert.ok(item.filterText!.startsWith(typed));
  }
});

test('fewer than two typed characters of a phrase offer nothing', () => {
  assert.deepEqual(labels('。|'), []);
  assert.deepEqual(labels('优|'), []);
});

test('a character outside the BMP before the cursor does not shift the range', () => {
  const { draft, offset } = at('𠮷高质|');
  const item = completePhrases(draft, offset, index, [], ctx).find(r => r.label === '高质量发展');
  assert.ok(item);
  assert.equal(item.replaceStart, '𠮷'.length);
});

test('a writer typing traditional characters gets the phrase in traditional characters', () => {
  const { draft, offset } = at('堅持以人民為|');
  const item = completePhrases(draft, offset, index, [], ctx).find(r => r.label === '坚持以人民为中心');
  assert.ok(item);
  assert.ok(item.insertText.startsWith('堅持以人民為'), item.insertText);
  assert.equal(toSimplified(item.insertText), '坚持以人民为中心');
  assert.notEqual(item.insertText, '堅持以人民为中心');
  assert.ok(item.filterText!.startsWith('堅持以人民為'));
});

test('phrases with figures are snippets, and figures already typed fill the first placeholder', () => {
  const plain = completePhrases(at('比上年增|').draft, 4, index, [], ctx).find(r => r.label === '比上年增长…%');
  assert.ok(plain);
  assert.equal(plain.isSnippet, true);
  assert.equal(plain.insertText, '比上年增长${1}%');
  const { draft, offset } = at('国内生产总值比上年增长5.2|');
  const typed = completePhrases(draft, offset, index, [], ctx).find(r => r.label === '比上年增长…%');
  assert.ok(typed);
  assert.equal(typed.insertText, '比上年增长5.2%');
  assert.equal(draft.text.slice(typed.replaceStart, offset), '比上年增长5.2');
});

test('items say where the phrase comes from and show an example sentence', () => {
  const item = completePhrases(at('稳中求进工|').draft, 5, index, [], ctx).find(r => r.label === '稳中求进工作总基调');
  assert.ok(item);
  const p = byPhrase.get('稳中求进工作总基调')!;
  assert.ok(item.detail!.includes(String(p.count)) && item.detail!.includes(String(p.lastYear)));
  const example = item.documentation!.split('\n')[0];
  assert.ok(example.startsWith('> ') && example.includes('稳中求进工作总基调'), example);
  assert.ok(item.documentation!.includes(docs.get(index.docs[p.at[0]].id)!.title));
});

test('team library phrases come first, and each is in the first five for its first three characters', () => {
  const text = [
    '# 办公室常用表述（珙县、宝安材料）',
    '一约五会',
    '阳光村务',
    '优化营商软环境',
    '高质量发展考核',
    '挂点走访企业',
    '截至${1}年${2}月，全市新引进招商引资项目${3}个',
    '改善营商环境 -> 优化营商环境',
  ].join('\n');
  const library = parsePhraseLibrary('.policy-draft/phrases/office.txt', text, ctx);
  assert.deepEqual(library.problems, []);
  for (const e of library.entries) {
    const { draft, offset } = at(`${e.phrase.slice(0, 3)}|`);
    const items = completePhrases(draft, offset, index, [library], ctx);
    const rank = items.findIndex(r => r.label === e.phrase);
    assert.ok(rank >= 0 && rank < 5, `${e.phrase}: ${items.slice(0, 5).map(r => r.label).join(' | ')}`);
    assert.equal(items[0].source, 'team', e.phrase);
  }
  const snippet = completePhrases(at('截至2023年|').draft, 7, index, [library], ctx)[0];
  assert.equal(snippet.insertText, '截至2023年${2}月，全市新引进招商引资项目${3}个');
  assert.equal(snippet.isSnippet, true);
});
