// Team phrase libraries: .txt lists, YAML and JSON; broken files report problems with offsets
// into the file and keep the rest working.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePhraseLibrary } from '../../../server/src/core/phrases';
import { ctxOf } from './helpers';

const ctx = ctxOf();
const parse = (source: string, text: string) => parsePhraseLibrary(source, text, ctx);
const phrases = (source: string, text: string) => parse(source, text).entries.map(e => e.phrase);

test('a .txt library is one phrase a line, with # comments and blank lines', () => {
  const cases: Array<[text: string, expected: string[]]> = [
    ['优化营商环境\n高质量发展\n', ['优化营商环境', '高质量发展']],
    ['# 营商环境\n\n优化营商环境\n  # 缩进的注释\n以人民为中心  # 行尾注释\n', ['优化营商环境', '以人民为中心']],
    ['\uFEFF一约五会\r\n五大路径\r\n', ['一约五会', '五大路径']],
    ['“放管服”改革\n治理体系和治理能力现代化', ['“放管服”改革', '治理体系和治理能力现代化']],
    ['', []],
  ];
  for (const [text, expected] of cases) {
    const lib = parse('team/phrases.txt', text);
    assert.deepEqual(lib.entries.map(e => e.phrase), expected, text);
    assert.deepEqual(lib.problems, [], text);
  }
});

test('entries know where they are in the file', () => {
  const text = '# 注释\n优化营商环境\n  高质量发展\n';
  const [a, b] = parse('x.txt', text).entries;
  assert.equal(text.slice(a.offset!, a.offset! + a.phrase.length), '优化营商环境');
  assert.deepEqual(a.start, { line: 1, character: 0 });
  assert.deepEqual(b.start, { line: 2, character: 2 });
});

test('a .txt line "discouraged -> preferred" marks a preferred form', () => {
  const cases: Array<[line: string, phrase: string, variants: string[]]> = [
    ['改善营商环境 -> 优化营商环境', '优化营商环境', ['改善营商环境']],
    ['改善营商环境|营造营商环境 => 优化营商环境', '优化营商环境', ['改善营商环境', '营造营商环境']],
    ['稳中求进总基调→稳中求进工作总基调', '稳中求进工作总基调', ['稳中求进总基调']],
  ];
  for (const [line, phrase, variants] of cases) {
    const [e] = parse('a.txt', line).entries;
    assert.equal(e.phrase, phrase);
    assert.deepEqual(e.preferredOver, variants);
  }
});

test('a .txt line with placeholders is a snippet, shown with … for the figures', () => {
  const [e] = parse('a.txt', '截至${1}年${2}月，全市新引进招商引资项目${3}个').entries;
  assert.equal(e.snippet, '截至${1}年${2}月，全市新引进招商引资项目${3}个');
  assert.equal(e.phrase, '截至…年…月，全市新引进招商引资项目…个');
});

test('problems in a .txt library point at the line and the rest still loads', () => {
  const text = '优化营商环境\n -> 优化营商环境\n高质量发展\n截至${1年\n优化营商环境\n';
  const lib = parse('a.txt', text);
  assert.deepEqual(lib.entries.map(e => e.phrase), ['优化营商环境', '高质量发展']);
  const found = lib.problems.map(p => [p.code, p.severity, text.slice(p.start, p.end)]);
  assert.deepEqual(found, [
    ['phrase-library', 'error', '-> 优化营商环境'],
    ['phrase-library', 'error', '截至${1年'],
    ['phrase-library', 'warning', '优化营商环境'],
  ]);
  assert.ok(lib.problems[2].message.includes('1'), lib.problems[2].message);
});

test('YAML and JSON libraries: plain strings or entries with category, note, snippet, preferredOver', () => {
  const yaml = [
    '# 办公室表述库',
    'name: 办公室',
    'category: 通用',
    'phrases:',
    '  - 以人民为中心',
    '  - phrase: 优化营商环境',
    '    category: 营商环境',
    '    note: 2024年市政府工作报告用法',
    '    preferredOver: [改善营商环境, 营造营商环境]',
    '  - snippet: 截至${1}年${2}月，全市新引进招商引资项目${3}个',
    '  - phrase: “放管服”改革',
    '    discouraged: 放管服改革',
  ].join('\n');
  const json = JSON.stringify({
    name: '办公室',
    category: '通用',
    phrases: [
      '以人民为中心',
      { phrase: '优化营商环境', category: '营商环境', note: '2024年市政府工作报告用法', preferredOver: ['改善营商环境', '营造营商环境'] },
      { snippet: '截至${1}年${2}月，全市新引进招商引资项目${3}个' },
      { phrase: '“放管服”改革', discouraged: '放管服改革' },
    ],
  }, null, '\t');
  for (const [source, text] of [['p.yaml', yaml], ['p.json', json]]) {
    const lib = parse(source, text);
    assert.deepEqual(lib.problems, [], source);
    assert.equal(lib.name, '办公室');
    const [a, b, c, d] = lib.entries;
    assert.deepEqual([a.phrase, a.category], ['以人民为中心', '通用']);
    assert.deepEqual([b.category, b.note, b.preferredOver], ['营商环境', '2024年市政府工作报告用法', ['改善营商环境', '营造营商环境']]);
    assert.deepEqual([c.phrase, c.snippet], ['截至…年…月，全市新引进招商引资项目…个', '截至${1}年${2}月，全市新引进招商引资项目${3}个']);
    assert.deepEqual(d.preferredOver, ['放管服改革']);
    assert.equal(text.slice(b.offset!, b.offset! + 6), source.endsWith('yaml') ? 'phrase' : '{\n\t\t\t"');
  }
  assert.deepEqual(phrases('list.yml', '- 优化营商环境\n- 高质量发展\n'), ['优化营商环境', '高质量发展']);
  assert.deepEqual(phrases('list.json', '["优化营商环境", "高质量发展"]'), ['优化营商环境', '高质量发展']);
});

test('a broken YAML or JSON file reports where, and the readable entries keep working', () => {
  // `at`: the broken text; the parser reports it there or where the next item starts.
  const cases: Array<[source: string, text: string, expected: string[], at: string]> = [
    ['b.yaml', 'phrases:\n  - 优化营商环境\n  - {phrase: 高质量发展\n  - 以人民为中心\n', ['优化营商环境'], '{'],
    ['b.yaml', 'phrases:\n  - 优化营商环境\n  - phrase: [高质量发展\n  - 以人民为中心\n', ['优化营商环境'], '['],
    ['b.json', '{"phrases": ["优化营商环境", "高质量发展",]}', ['优化营商环境', '高质量发展'], ','],
    ['b.json', '{"phrases": ["优化营商环境", // 常用\n "高质量发展"]}', ['优化营商环境'], '/'],
    ['b.json', '{"phrases": ["优化营商环境" "高质量发展"]}', [], '"'],
  ];
  for (const [source, text, expected, atText] of cases) {
    const lib = parse(source, text);
    assert.ok(lib.problems.length > 0, text);
    assert.ok(lib.problems.every(p => p.code === 'phrase-library' && p.start >= 0 && p.end <= text.length), text);
    const broken = text.indexOf(atText);
    const nextLine = text.indexOf('\n', text.indexOf('\n', broken) + 1);
    const near = (p: { start: number }) => p.start >= broken && p.start <= (nextLine < 0 ? text.length : nextLine);
    assert.ok(lib.problems.some(p => p.severity === 'error' && near(p)), `${text}: ${JSON.stringify(lib.problems)}`);
    for (const phrase of expected) assert.ok(lib.entries.some(e => e.phrase === phrase), `${phrase} in ${text}`);
  }
});

test('wrong shapes and unknown fields are problems on the entry, not the whole file', () => {
  const text = 'phrases:\n  - phrase: 优化营商环境\n    categroy: 营商\n  - note: 没有表述\n  - phrase: [a, b]\n  - 高质量发展\n';
  const lib = parse('c.yaml', text);
  assert.deepEqual(lib.entries.map(e => e.phrase), ['优化营商环境', '高质量发展']);
  assert.deepEqual(lib.problems.map(p => text.slice(p.start, p.end).split('\n')[0]), ['categroy', 'note: 没有表述', '[a, b]']);
  assert.ok(lib.problems.every(p => p.severity === 'warning'));
  const notAList = parse('d.yaml', 'name: 办公室\nphrases: 优化营商环境\n');
  assert.deepEqual(notAList.entries, []);
  assert.equal(notAList.problems.length, 1);
});

test('problem messages are in the writer\'s language', () => {
  const zh = parsePhraseLibrary('a.txt', '优化营商环境\n优化营商环境\n', ctxOf([], 'zh-cn'));
  assert.match(zh.problems[0].message, /重复/);
  const en = parse('a.txt', '优化营商环境\n优化营商环境\n');
  assert.match(en.problems[0].message, /Duplicate/);
});
