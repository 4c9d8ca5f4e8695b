import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveCorpusPaths } from '../../../server/src/node/corpusFiles';
import { createNodeService } from '../../../server/src/node/environment';
import { indexCorpus } from '../../../server/src/node/indexer';

const bad = join(__dirname, '../../fixtures/corpus-bad');
const service = createNodeService('en');

function tempCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pd-corpus-'));
  for (const f of readdirSync(bad)) copyFileSync(join(bad, f), join(dir, f));
  return dir;
}

test('every kind of bad corpus file is decoded or skipped with a reason', () => {
  const dir = tempCorpus();
  copyFileSync(join(bad, 'binary-export.txt'), join(dir, 'scan.pdf'));
  const big = join(dir, 'huge.txt');
  writeFileSync(big, '经济'.repeat(2000));
  const { files } = resolveCorpusPaths([dir], '/');
  const result = indexCorpus(service, files, { cacheDir: null, maxBytes: 10_000 });
  const by = new Map(result.files.map(f => [f.source.split('/').pop(), f]));
  assert.equal(by.get('gbk-report.txt')?.encoding, 'gb18030');
  assert.equal(by.get('utf16le-report.txt')?.encoding, 'utf-16le');
  assert.equal(by.get('utf16be-nobom.txt')?.encoding, 'utf-16be');
  assert.equal(by.get('utf8-bom.txt')?.encoding, 'utf-8-bom');
  assert.equal(by.get('binary-export.txt')?.skipped, 'binary');
  assert.equal(by.get('scan.pdf')?.skipped, 'unsupported');
  assert.equal(by.get('empty.txt')?.skipped, 'empty');
  assert.equal(by.get('huge.txt')?.skipped, 'too-large');
  const gbk = by.get('gbk-report.txt')!;
  assert.equal(gbk.docs[0].title, '关于全市经济运行情况的报告');
  assert.equal(gbk.docs[0].date, '2024-01-15');
  const pinyin = by.get('pinyin-broken.txt')!;
  assert.ok(pinyin.docs[0].text.includes('全市经济发展势头良好'), pinyin.docs[0].text);
});

test('a restart on an unchanged corpus reads every analysis from the disk cache', () => {
  const dir = tempCorpus();
  const cacheDir = mkdtempSync(join(tmpdir(), 'pd-cache-'));
  const { files } = resolveCorpusPaths([dir], '/');
  const cold = indexCorpus(service, files, { cacheDir });
  assert.ok(cold.analyzed > 0);
  assert.equal(cold.fromCache, 0);
  const warm = indexCorpus(service, files, { cacheDir });
  assert.equal(warm.analyzed, 0);
  assert.equal(warm.fromCache, cold.analyzed);
  assert.ok(warm.phrasesFromCache);
  assert.deepEqual(warm.files.map(f => f.docs.map(d => d.text)), cold.files.map(f => f.docs.map(d => d.text)));
});

test('a change to one corpus file re-analyses only that file', () => {
  const dir = tempCorpus();
  const { files } = resolveCorpusPaths([dir], '/');
  const first = indexCorpus(service, files, { cacheDir: null });
  writeFileSync(join(dir, 'utf8-bom.txt'), '新的报告\n全年新增就业岗位1200个。\n2024-02-01\n');
  const second = indexCorpus(service, files, { cacheDir: null, previous: first.files });
  assert.equal(second.analyzed, 1);
  const changed = second.files.find(f => f.source.endsWith('utf8-bom.txt'))!;
  assert.equal(changed.docs[0].title, '新的报告');
});

test('globs select corpus files; missing entries are reported', () => {
  const dir = tempCorpus();
  const r = resolveCorpusPaths(['*.txt', 'nothing-here/'], dir);
  assert.ok(r.files.every(f => f.endsWith('.txt')));
  assert.ok(r.files.length >= 5);
  assert.deepEqual(r.missing, ['nothing-here/']);
});
