// The server never dies on what a user typed: odd input through every entry point, and ranges
// that stay right after characters outside the BMP.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostic } from '../../../server/src/lsp/convert';
import { createNodeService, seedsDir } from '../../../server/src/node/environment';
import { resolveCorpusPaths } from '../../../server/src/node/corpusFiles';
import { indexCorpus } from '../../../server/src/node/indexer';

const service = createNodeService('en');
const built = indexCorpus(service, resolveCorpusPaths([seedsDir()], '/').files, { cacheDir: null });
const snapshot = service.assemble(built.files, built.phrases);

/** Deterministic pseudo-random text mixing Chinese, digits, units, punctuation and odd code points. */
function noise(seed: number, length: number): string {
  const pool = ['宝安区', '其中', '同比增长', '%', '个百分点', '万', '亿元', '名', '，', '。', '\n', '一、', '（一）', '1.', '𠮷', '\u0000', '\uD800', '"', '“', '”', '9', '0', '.', '-', '余', '近', '翻两番', '下降', '倍', '省', '市', '县', '#', ' ', '經濟', '截至', '年', '月'];
  let s = '', x = seed;
  while (s.length < length) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += pool[x % pool.length];
  }
  return s;
}

test('checks, hover, completion and outline survive odd input', () => {
  const inputs = [
    '', ' ', '\n\n\n', '𠮷'.repeat(100), '1'.repeat(400) + '万', '其中其中其中5个、3个、', '0%0%0%0个百分点', '翻翻翻两番',
    '九九九九九九九九九九九九亿亿亿万万万', '\uD800\uDC00\uDBFF', '#'.repeat(300), '（一）（一）（一）一、一、',
    ...Array.from({ length: 40 }, (_, i) => noise(i + 1, 50 + i * 37)),
  ];
  for (const text of inputs) {
    assert.doesNotThrow(() => service.check(snapshot, text), `check: ${JSON.stringify(text.slice(0, 40))}`);
    for (const offset of [0, Math.floor(text.length / 2), text.length]) {
      assert.doesNotThrow(() => service.hover(snapshot, text, offset), `hover at ${offset}`);
      assert.doesNotThrow(() => service.complete(snapshot, text, offset, []), `complete at ${offset}`);
    }
    assert.doesNotThrow(() => service.symbols(text));
  }
});

test('a range after characters outside the BMP is in UTF-16 units', () => {
  const text = '𠮷𠮷全市經濟运行平稳。';
  const [f] = service.check(snapshot, text).filter(x => x.code === 'script-mixed');
  assert.equal(text.slice(f.start, f.end), '經濟');
  const d = toDiagnostic(TextDocument.create('file:///d.md', 'markdown', 1, text), f);
  // 𠮷 is two UTF-16 code units each: 經 starts at character 6.
  assert.deepEqual(d.range, { start: { line: 0, character: 6 }, end: { line: 0, character: 8 } });
});
