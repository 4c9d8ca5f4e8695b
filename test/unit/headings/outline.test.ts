import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentSymbols, type HeadingSymbol } from '../../../server/src/core/headings/index';

/** name → children names, for comparing whole trees. */
function shape(symbols: HeadingSymbol[]): unknown[] {
  return symbols.map((s) => (s.children.length ? { [s.name]: shape(s.children) } : s.name));
}

const REPORT = [
  '# 关于宝安区干部挂点服务企业工作情况的报告',
  '',
  '## 一、总体情况',
  '',
  '2023年以来，宝安区组织全区591名干部挂点对接区内企业。',
  '',
  '## 二、主要做法',
  '',
  '### （一）构建一张网络',
  '',
  '1. 建立联络员制度。福海街道同步建立企业联络员制度。',
  '（1）明确职责',
  '（2）定期走访',
  '2. 直达直联',
  '',
  '### （二）搭建一个平台',
  '',
  '## 三、下一步工作',
  '',
  '持续优化营商环境。',
].join('\n');

test('the outline nests 一、 → （一） → 1. → （1） under Markdown #s', () => {
  assert.deepEqual(shape(documentSymbols(REPORT)), [
    '一、总体情况',
    {
      '二、主要做法': [
        { '（一）构建一张网络': [{ '1. 建立联络员制度': ['（1）明确职责', '（2）定期走访'] }, '2. 直达直联'] },
        '（二）搭建一个平台',
      ],
    },
    '三、下一步工作',
  ]);
});

test('symbol ranges: the section runs to the next heading of the same or a lower rank', () => {
  const [first, second, third] = documentSymbols(REPORT);
  assert.equal(REPORT.slice(first.start, first.end), '## 一、总体情况\n\n2023年以来，宝安区组织全区591名干部挂点对接区内企业。');
  assert.equal(REPORT.slice(first.selectionStart, first.selectionEnd), '一、总体情况');
  assert.equal(first.level, 1);
  assert.equal(first.kind, 'part');
  assert.ok(REPORT.slice(second.start, second.end).endsWith('### （二）搭建一个平台'));
  const sub = second.children[0];
  assert.equal(sub.level, 2);
  assert.equal(sub.children[0].level, 3);
  assert.equal(sub.children[0].children[0].level, 4);
  assert.equal(REPORT.slice(third.start, third.end), '## 三、下一步工作\n\n持续优化营商环境。');
  // Every selection range lies inside its range (VS Code rejects symbols where it does not).
  const check = (s: HeadingSymbol) => {
    assert.ok(s.start <= s.selectionStart && s.selectionEnd <= s.end, s.name);
    s.children.forEach(check);
  };
  documentSymbols(REPORT).forEach(check);
});

test('a run-in heading is named up to its first sentence end', () => {
  const [s] = documentSymbols('（一）构建一张网络。宝按区推动干部下沉一线，实现政企之间直达直联。');
  assert.equal(s.name, '（一）构建一张网络');
});

test('figures, years, fenced code and ordinary sentences are not headings', () => {
  const text = [
    '1.5万家企业参与。',
    '2023年以来成效明显。',
    '一是推动产业提质。',
    '```',
    '一、不是标题',
    '```',
    '十三分之一的企业。',
  ].join('\n');
  assert.deepEqual(documentSymbols(text), []);
});

test('第一章 / 第一节 / 第一条 nest, and items of an article nest under it', () => {
  const text = ['第一章 总则', '第一条 为了规范公文处理工作，制定本条例。', '（一）适用范围', '第二章 公文种类', '第一节 通知', '第二条 通知适用于发布事项。'].join('\r\n');
  assert.deepEqual(shape(documentSymbols(text)), [
    { '第一章 总则': [{ '第一条 为了规范公文处理工作，制定本条例': ['（一）适用范围'] }] },
    { '第二章 公文种类': [{ '第一节 通知': ['第二条 通知适用于发布事项'] }] },
  ]);
  const [chapter] = documentSymbols(text);
  assert.equal(chapter.level, 1);
  assert.equal(chapter.children[0].kind, 'article');
  // CRLF: ranges end before the line break.
  assert.ok(!text.slice(chapter.start, chapter.end).endsWith('\r'));
});

test('offsets are UTF-16 offsets: a character outside the BMP does not shift them', () => {
  const text = '𠮷𠮷\n一、总体情况\n二、主要做法';
  const [a, b] = documentSymbols(text);
  assert.equal(text.slice(a.selectionStart, a.selectionEnd), '一、总体情况');
  assert.equal(text.slice(b.selectionStart, b.selectionEnd), '二、主要做法');
});

test('long titles are shortened in the name but the selection stays on the line', () => {
  const title = '推动'.repeat(40);
  const [s] = documentSymbols(`一、${title}`);
  assert.ok(s.name.endsWith('…'));
  assert.ok(s.name.length < title.length);
  assert.ok(s.selectionEnd <= s.end);
});
