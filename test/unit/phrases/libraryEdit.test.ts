// Adding the selected text to a team library keeps the file's format, comments and layout.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addPhraseToLibrary, parsePhraseLibrary } from '../../../server/src/core/phrases';
import { ctxOf } from './helpers';

const ctx = ctxOf();

const CASES: Array<[source: string, before: string, phrase: string, after: string]> = [
  ['a.txt', '# 常用\n优化营商环境\n', '高质量发展', '# 常用\n优化营商环境\n高质量发展\n'],
  ['a.txt', '优化营商环境', '高质量发展', '优化营商环境\n高质量发展\n'],
  ['a.txt', '优化营商环境\r\n', '高质量发展', '优化营商环境\r\n高质量发展\r\n'],
  ['a.txt', '', '  以人民为中心\n', '以人民为中心\n'],
  ['a.yaml', '# 办公室\nphrases:\n  - 优化营商环境 # 常用\n', '高质量发展', '# 办公室\nphrases:\n  - 优化营商环境 # 常用\n  - 高质量发展\n'],
  ['a.yaml', 'phrases:\n  - phrase: 优化营商环境\n    note: 常用\n', '“放管服”改革', 'phrases:\n  - phrase: 优化营商环境\n    note: 常用\n  - phrase: “放管服”改革\n'],
  ['a.yml', '- 优化营商环境\n', '一约五会', '- 优化营商环境\n- 一约五会\n'],
  ['a.yaml', '', '一约五会', 'phrases:\n  - 一约五会\n'],
  ['a.yaml', 'name: 办公室\n', '一约五会', 'name: 办公室\nphrases:\n  - 一约五会\n'],
  ['a.json', '{\n    "phrases": [\n        "优化营商环境"\n    ]\n}\n', '高质量发展', '{\n    "phrases": [\n        "优化营商环境",\n        "高质量发展"\n    ]\n}\n'],
  ['a.json', '[{"phrase": "优化营商环境"}]', '高质量发展', '[\n  {\n    "phrase": "优化营商环境"\n  },\n  {\n    "phrase": "高质量发展"\n  }\n]\n'],
  ['a.json', '', '高质量发展', '{\n  "phrases": [\n    "高质量发展"\n  ]\n}\n'],
];

test('adds a phrase in the format of the file', () => {
  for (const [source, before, phrase, after] of CASES) {
    const out = addPhraseToLibrary(source, before, phrase);
    assert.equal(out, after, `${source}: ${JSON.stringify(before)}`);
    const lib = parsePhraseLibrary(source, out, ctx);
    assert.deepEqual(lib.problems, []);
    assert.ok(lib.entries.some(e => e.phrase === phrase.trim()));
  }
});

test('a phrase already in the library, or an empty selection, leaves the file as it is', () => {
  const cases: Array<[string, string, string]> = [
    ['a.txt', '优化营商环境\n', '优化营商环境'],
    ['a.yaml', 'phrases:\n  - phrase: 优化营商环境\n', '优化营商环境'],
    ['a.json', '["优化营商环境"]', '优化营商环境'],
    ['a.txt', '优化营商环境\n', '  \n'],
  ];
  for (const [source, text, phrase] of cases) assert.equal(addPhraseToLibrary(source, text, phrase), text);
});

test('a YAML file that does not parse gets a list item appended, not a rewrite', () => {
  const before = 'phrases:\n  - 优化营商环境\n  - {phrase: 高质量发展\n';
  const out = addPhraseToLibrary('a.yaml', before, '以人民为中心');
  assert.ok(out.startsWith(before));
  assert.equal(out.slice(before.length), '  - 以人民为中心\n');
});
