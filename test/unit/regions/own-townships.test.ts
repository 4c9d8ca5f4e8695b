// A county's own text names its townships: a word one sound-alike or look-alike character from a
// township of a county the draft is about is a misspelt township, and the suggestion is that township
// (not a namesake in another province). Sentences from the Baoding county reports and drafts on them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRegions } from '../../../server/src/core/regions';
import { context, corpusDoc, covered, draft, gaz, indexOf } from './helpers';

const empty = indexOf([]);
const unknown = (text: string, index = empty, ctx = context()) =>
  checkRegions(draft(text), gaz, index, new Set(), ctx).filter(f => f.code === 'region-unknown');

const LIXIAN = '蠡县坚持工业强县。蠡县县城扩容提质，蠡县经济开发区加快建设。';
const QINGYUAN = '清苑区扎实推进民生工程。清苑区城市更新全面提速，清苑区农业稳产增收。';
const FUPING = '阜平县巩固脱贫成果。阜平县教育事业稳步发展，阜平县新建改建一批学校。';

test('a township stem misspelt in a list of the county\'s townships (大佰尺 for 大百尺)', () => {
  const text = `${LIXIAN}依托留史、辛兴、大佰尺、鲍墟、南庄五个中心镇，推动特色产业集中。`;
  const [f] = unknown(text);
  assert.equal(text.slice(f.start, f.end), '大佰尺');
  assert.match(f.message, /大百尺（河北省 › 保定市 › 蠡县 › 大百尺镇）/);
});

test('a township misspelt before its suffix (藏村镇 for 臧村镇)', () => {
  const text = `${QINGYUAN}完成北三环东延藏村镇马庄、刘庄安置房建设。`;
  assert.deepEqual(covered(text, unknown(text), 'region-unknown'), ['藏村镇']);
});

test('the county\'s own township ranks before a namesake elsewhere (北果元乡: 北果园乡, not 果园乡 of Liaoning)', () => {
  const text = `${FUPING}天生桥镇西下关小学、北果元乡崔家庄小学、城南庄镇八一中心小学。`;
  const [f] = unknown(text);
  assert.equal(text.slice(f.start, f.end), '北果元乡');
  assert.equal(f.fixes?.[0].edits[0].newText, '北果园乡');
  assert.match(f.message, /阜平县 › 北果园镇/);
  assert.doesNotMatch(f.message, /辽宁/);
});

test('without the county in the draft, a township stem alone is no finding', () => {
  assert.deepEqual(unknown('依托留史、辛兴、大佰尺、鲍墟、南庄五个中心镇，推动特色产业集中。'), []);
});

test('words that start with a township suffix are no township (和美乡村)', () => {
  const text = `${QINGYUAN}创建省级和美乡村14个，打造省级乡村振兴示范区。`;
  assert.deepEqual(unknown(text), []);
});

test('a list of other words is no list of townships (工会、妇联)', () => {
  const text = `${LIXIAN}充分发挥共青团、工会、妇联等人民团体桥梁纽带作用。`;
  assert.deepEqual(unknown(text), []);
});

test('a draft never vouches for its own names; two other sources do', () => {
  const text = `${QINGYUAN}完成北三环东延藏村镇马庄、刘庄安置房建设。`;
  const self = corpusDoc('draft.txt#0', '清苑区讲话', '2024-02-01', text);
  const other = corpusDoc('a.txt#0', '清苑区报告', '2023-01-01', `${QINGYUAN}藏村镇马庄安置房建设。`);
  const another = corpusDoc('b.txt#0', '清苑区公报', '2023-06-01', `${QINGYUAN}藏村镇刘庄安置房建设。`);
  const ownOnly = indexOf([self]);
  const ctxSelf = { ...context([self]), isSelf: (id: string) => id === 'draft.txt#0' };
  assert.equal(unknown(text, ownOnly, ctxSelf).length, 1);
  const vouched = indexOf([self, other, another]);
  const ctxAll = { ...context([self, other, another]), isSelf: (id: string) => id === 'draft.txt#0' };
  assert.equal(unknown(text, vouched, ctxAll).length, 0);
});
