// Content sniffing that takes neither binary for text nor text for binary: UTF-16 without a BOM
// (even Chinese text without a single zero byte), GBK, a PDF cut short, random bytes, and text made
// mostly of replacement or control characters.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeBytes } from '../../server/src/core/text/decode';

const CHINESE = '关于全市经济运行情况的报告，全市经济运行平稳，发展质量稳步提升。';

/** Deterministic pseudo-random bytes in [lo, hi]. */
function bytes(n: number, lo: number, hi: number, seed = 7): Buffer {
  let x = seed;
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    b[i] = lo + (x % (hi - lo + 1));
  }
  return b;
}

test('UTF-16 without a BOM, Chinese only (no zero byte at all), is read as text in both byte orders', () => {
  const le = Buffer.from(CHINESE, 'utf16le');
  assert.ok(!le.includes(0), 'the sample has no zero byte');
  assert.deepEqual(decodeBytes(le), { ok: true, text: CHINESE, encoding: 'utf-16le' });
  assert.deepEqual(decodeBytes(Buffer.from(le).swap16()), { ok: true, text: CHINESE, encoding: 'utf-16be' });
  const lines = `${CHINESE}\n${CHINESE}\n二〇二四年一月\n`;
  assert.deepEqual(decodeBytes(Buffer.from(lines, 'utf16le')), { ok: true, text: lines, encoding: 'utf-16le' });
});

test('plain ASCII, UTF-8 Chinese and GBK are not mistaken for UTF-16', () => {
  const en = 'policy draft, plain English text, lower case letters only\n';
  assert.equal((decodeBytes(Buffer.from(en)) as { encoding: string }).encoding, 'utf-8');
  assert.equal((decodeBytes(Buffer.from(CHINESE)) as { encoding: string }).encoding, 'utf-8');
  const gbk = decodeBytes(readFileSync(join(__dirname, '../fixtures/corpus-bad/gbk-report.txt')));
  assert.ok(gbk.ok);
  assert.equal(gbk.encoding, 'gb18030');
});

test('a PDF cut short with no NUL byte is binary, named by its signature', () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]), Buffer.from('\n1 0 obj\n<<>>\nstream\n'), bytes(200, 0x81, 0xfe)]);
  assert.ok(!pdf.includes(0));
  assert.deepEqual(decodeBytes(pdf), { ok: false, reason: 'binary', detail: 'PDF' });
  assert.deepEqual(decodeBytes(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), bytes(100, 0x20, 0x7e)])), { ok: false, reason: 'binary', detail: 'ZIP/Office' });
});

test('random bytes that GB18030 would decode are binary, not a document', () => {
  assert.equal(decodeBytes(bytes(20_000, 0x81, 0xfe)).ok, false);
  assert.equal(decodeBytes(bytes(20_000, 0x20, 0xff)).ok, false);
});

test('text with a high share of replacement or control characters is skipped as binary; a few are kept', () => {
  const lossy = `${CHINESE}${'\ufffd'.repeat(10)}`.repeat(20);
  assert.deepEqual(decodeBytes(Buffer.from(lossy)), { ok: false, reason: 'binary' });
  const controls = `${CHINESE}\u0001\u0002\u0003`.repeat(20);
  assert.deepEqual(decodeBytes(Buffer.from(controls)), { ok: false, reason: 'binary' });
  // A scraped report with two lost-character marks in 8,000 characters is a document.
  const fewLost = `${CHINESE.repeat(250)}\ufffd\ufffd`;
  assert.equal(decodeBytes(Buffer.from(fewLost)).ok, true);
});
