// The analysis cache is one pack per corpus: a record gives back exactly the analysis it was made
// from; another set of folders reuses the records it shares; a change rewrites only what changed.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FileAnalysis } from '../../../server/src/core/corpus/snapshot';
import { resolveCorpusPaths } from '../../../server/src/node/corpusFiles';
import { createNodeService } from '../../../server/src/node/environment';
import { indexCorpus } from '../../../server/src/node/indexer';
import { decodeLengths, decodeRecord, decodeSegments, encodeLengths, encodeRecord, encodeSegments } from '../../../server/src/node/pack';

const bad = join(__dirname, '../../fixtures/corpus-bad');
const service = createNodeService('en');
const temp = (name: string) => mkdtempSync(join(tmpdir(), `pd-pack-${name}-`));

function corpus(): string {
  const dir = temp('corpus');
  for (const f of readdirSync(bad)) copyFileSync(join(bad, f), join(dir, f));
  return dir;
}

test('a record gives back the analysis exactly: traditional display text, long gaps, skipped files', () => {
  const text = '全市經濟運行總體平穩，生產總值增長5.2%。';
  const analysis = service.analyzeFile('/x/report.txt', Buffer.from(`关于经济运行的报告\n${text}\n${' '.repeat(200)}尾\n`), 'abc');
  assert.ok(analysis.docs.length > 0);
  assert.ok(analysis.docs.some(d => d.display !== d.text), 'the display keeps the traditional script');
  // As the JSON cache did: fields whose value is undefined are left out; token lengths have a record of their own.
  const { tokenLengths, ...rest } = JSON.parse(JSON.stringify(analysis)) as FileAnalysis;
  assert.deepEqual(decodeRecord(encodeRecord(analysis)), rest);
  assert.deepEqual(decodeSegments(encodeSegments(tokenLengths), tokenLengths.length), tokenLengths);
  assert.equal(decodeSegments(encodeSegments(tokenLengths), tokenLengths.length + 1), undefined, 'a record of another file\'s documents');
  const skipped = service.skippedFile('/x/a.bin', 'binary', 'def', 10, 'PDF');
  const { tokenLengths: none, ...skippedRest } = JSON.parse(JSON.stringify(skipped)) as FileAnalysis;
  assert.deepEqual(none, []);
  assert.deepEqual(decodeRecord(encodeRecord(skipped)), skippedRest);
  const lengths = [1, 2, 77, 78, 79, 300, 65_536, 4];
  assert.deepEqual(decodeLengths(encodeLengths(lengths)), lengths);
  assert.equal(decodeRecord(Buffer.from('not a record')), undefined);
});

test('another set of folders reuses the records it shares with a pack already written', () => {
  const a = corpus();
  const b = temp('extra');
  writeFileSync(join(b, 'extra.txt'), '关于新增报告的说明\n2024年全市新增就业岗位1200个。\n');
  const cacheDir = temp('cache');
  const first = indexCorpus(service, resolveCorpusPaths([a], '/').files, { cacheDir });
  assert.ok(first.analyzed > 1);
  const both = indexCorpus(service, resolveCorpusPaths([a, b], '/').files, { cacheDir });
  assert.equal(both.analyzed, 1, 'only the file the first pack lacks is analysed');
  assert.equal(readdirSync(cacheDir).filter(f => f.startsWith('pack-')).length, 2);
  const again = indexCorpus(service, resolveCorpusPaths([a, b], '/').files, { cacheDir });
  assert.equal(again.analyzed, 0);
  assert.ok(again.phrasesFromCache);
});

test('a changed file is re-analysed alone and the pack then holds its new analysis, not the old one', () => {
  const dir = corpus();
  const cacheDir = temp('cache');
  const files = resolveCorpusPaths([dir], '/').files;
  indexCorpus(service, files, { cacheDir });
  const pack = join(cacheDir, readdirSync(cacheDir).find(f => f.startsWith('pack-'))!);
  const sizeBefore = statSync(pack).size;
  writeFileSync(join(dir, 'utf8-bom.txt'), '新的报告\n全年新增就业岗位1200个。\n2024-02-01\n');
  const changed = indexCorpus(service, files, { cacheDir });
  assert.equal(changed.analyzed, 1);
  assert.equal(changed.phrasesFromCache, false);
  const warm = indexCorpus(service, files, { cacheDir });
  assert.equal(warm.analyzed, 0);
  const doc = (r: { files: FileAnalysis[] }) => r.files.find(f => f.source.endsWith('utf8-bom.txt'))!.docs[0].text;
  assert.equal(doc(warm), doc(changed));
  assert.ok(doc(warm).includes('新增就业岗位1200个'));
  assert.equal(readdirSync(cacheDir).filter(f => f.startsWith('pack-')).length, 1, 'the pack is replaced, not duplicated');
  assert.notEqual(statSync(pack).size, sizeBefore);
});

test('a file rewritten with content of the same size is read again, not taken for the one in the pack', () => {
  const dir = temp('same-size');
  writeFileSync(join(dir, 'a.txt'), '关于经济运行的报告\n全年新增就业岗位1200个。\n');
  writeFileSync(join(dir, 'b.txt'), '关于城市建设的报告\n全年新建道路35公里。\n');
  const cacheDir = temp('cache');
  const files = resolveCorpusPaths([dir], '/').files;
  indexCorpus(service, files, { cacheDir });
  assert.equal(indexCorpus(service, files, { cacheDir }).analyzed, 0);
  writeFileSync(join(dir, 'a.txt'), '关于经济运行的报告\n全年新增就业岗位3400个。\n');
  const again = indexCorpus(service, files, { cacheDir });
  assert.equal(again.analyzed, 1);
  assert.ok(again.files[0].docs[0].text.includes('3400'));
});
