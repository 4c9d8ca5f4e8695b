import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ingestText } from '../../../server/src/core/text/ingest';
import { lineColAt, toOriginal } from '../../../server/src/core/text/offsetMap';

const seeds = join(__dirname, '../../../seeds');
const seed = (name: string) => readFileSync(join(seeds, name), 'utf8');

test('splits articles separated by a "-" line, each with title and date', () => {
  const r = ingestText('000.txt', seed('000_899c6a7993118e76.txt'));
  assert.equal(r.docs.length, 10);
  const pzh = r.docs.find(d => d.title === '攀枝花市安全生产转型升级摘帽纪实');
  assert.ok(pzh, 'the Panzhihua article is a document of its own');
  assert.equal(pzh.date, '2025-09-01');
  assert.ok(pzh.text.includes('对52家次企业实施停产整顿'));
  assert.ok(!pzh.text.includes('2025-09-01'), 'the date line is not body text');
  assert.ok(!r.docs.some(d => d.text.includes('点我投稿')), 'site furniture is removed');
});

test('removes download-site debris and takes the upload date', () => {
  const r = ingestText('001.txt', seed('001_fdc2892f8edab62d.txt'));
  assert.equal(r.docs.length, 1);
  const [doc] = r.docs;
  assert.equal(doc.title, '整治发展环境打造开放名片');
  assert.equal(doc.date, '2023-04-24');
  for (const junk of ['文档编号', '第1页 / 共3页', '展开阅读全文', 'ICP备', '金锄头文库版权所有']) {
    assert.ok(!doc.text.includes(junk), `debris removed: ${junk}`);
  }
  assert.ok(doc.text.includes('满意率较整治前提升了21个百分点'));
  assert.ok(r.notes.some(n => n.kind === 'debris' && n.count >= 10));
});

test('removes pinyin left by a broken conversion and normalises traditional characters', () => {
  const r = ingestText('002.txt', seed('002_420914586818b301.txt'));
  assert.equal(r.docs.length, 5, 'five speeches headed 第一篇 … 第五篇');
  const [first] = r.docs;
  assert.ok(first.text.includes('总结去年民生工作'), 'pinyin (jié) removed and 總結 simplified');
  assert.ok(first.display.includes('總結去年民生工作'), 'the display text keeps the original script');
  assert.ok(!/\((jié|jīng|xiàn)\)/.test(first.text));
  assert.equal(first.text.length, first.display.length);
  assert.ok(r.notes.some(n => n.kind === 'pinyin' && n.count > 100));
});

test('drops a spam line at the top of a page and the news-agency banner', () => {
  const r = ingestText('003.txt', seed('003_7ee4a6f161bcb9ad.txt'));
  assert.equal(r.docs.length, 1);
  const [doc] = r.docs;
  assert.ok(!doc.text.includes('在线观看'));
  assert.ok(doc.title.startsWith('四川珙縣探索'), `title: ${doc.title}`);
  assert.equal(doc.date, '2022-03-11');
  assert.ok(r.notes.some(n => n.kind === 'spam'));
});

test('every cleaned offset maps back to the same character in the source file', () => {
  for (const name of ['000_899c6a7993118e76.txt', '001_fdc2892f8edab62d.txt', '002_420914586818b301.txt', '003_7ee4a6f161bcb9ad.txt']) {
    const original = seed(name);
    const r = ingestText(name, original);
    for (const doc of r.docs) {
      for (let i = 0; i < doc.display.length; i += 7) {
        if (doc.display[i] === '\n') continue;
        const o = toOriginal(doc.map, i);
        assert.equal(original[o], doc.display[i], `${name} ${doc.title} offset ${i}`);
      }
    }
  }
});

test('a cited figure resolves to its line in the source file', () => {
  const original = seed('000_899c6a7993118e76.txt');
  const r = ingestText('000.txt', original);
  const doc = r.docs.find(d => d.text.includes('规模以上工业增加值同比增长14.2%'))!;
  const at = doc.text.indexOf('14.2%');
  const pos = lineColAt(r.lineStarts, toOriginal(doc.map, at));
  assert.equal(original.split('\n')[pos.line].slice(pos.character, pos.character + 5), '14.2%');
});

test('takes the year from a file name like 2019_全国_国务院政府工作报告.txt', () => {
  const r = ingestText('/c/gwr/2019_全国_国务院政府工作报告.txt', '政府工作报告\n各位代表：\n现在，我代表国务院，向大会报告政府工作。');
  assert.equal(r.docs[0].date, '2019');
  // the page's title names only the kind of document: the file's name says whose report it is
  assert.equal(r.docs[0].title, '全国国务院政府工作报告');
});

test('reads a report page: furniture is no title, the meeting line dates it, a generic title takes the file name', () => {
  const page = '下载\n政 府 工 作 报 告\n——2026年1月27日在阜平县第十八届人民代表大会第五次会议上\n阜平县人民政府县长  周  峰\n各位代表：\n现在，我代表县人民政府作工作报告。';
  const r = ingestText('/c/2026_阜平_2026年阜平县政府工作报告.txt', page);
  assert.equal(r.docs[0].date, '2026-01-27');
  assert.equal(r.docs[0].title, '2026年阜平县政府工作报告');
  const titled = ingestText('/c/x.txt', '一、2019年工作回顾\n关于2019年计划执行情况的报告\n正文。');
  assert.equal(titled.docs[0].title, '关于2019年计划执行情况的报告');
});
