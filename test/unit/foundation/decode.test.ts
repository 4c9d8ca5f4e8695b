import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeBytes } from '../../../server/src/core/text/decode';

const dir = join(__dirname, '../../fixtures/corpus-bad');
const expected = '关于全市经济运行情况的报告';

const cases: Array<[string, string | null, string]> = [
  ['gbk-report.txt', 'gb18030', 'GBK/GB18030 without a BOM'],
  ['utf16le-report.txt', 'utf-16le', 'UTF-16 LE with a BOM'],
  ['utf16be-nobom.txt', 'utf-16be', 'UTF-16 BE without a BOM'],
  ['utf8-bom.txt', 'utf-8-bom', 'UTF-8 with a BOM'],
];

for (const [file, encoding, what] of cases) {
  test(`decodes ${what}`, () => {
    const d = decodeBytes(readFileSync(join(dir, file)));
    assert.ok(d.ok, `${file} should decode`);
    assert.equal(d.encoding, encoding);
    assert.ok(d.text.startsWith(expected), `text starts with the title, got ${JSON.stringify(d.text.slice(0, 20))}`);
    assert.ok(!d.text.includes('\ufeff'), 'no BOM left in the text');
  });
}

test('skips a binary file', () => {
  const d = decodeBytes(readFileSync(join(dir, 'binary-export.txt')));
  assert.deepEqual(d, { ok: false, reason: 'binary', detail: 'PDF' });
});

test('reports an empty file', () => {
  assert.deepEqual(decodeBytes(new Uint8Array()), { ok: false, reason: 'empty' });
});

test('plain UTF-8 stays UTF-8', () => {
  const d = decodeBytes(new TextEncoder().encode('宝安区591名干部'));
  assert.ok(d.ok);
  assert.equal(d.encoding, 'utf-8');
  assert.equal(d.text, '宝安区591名干部');
});
