// A window is a misspelt place only where the text really names a place: its ends must hold against
// the words around it (sentences from published county reports, each once raised as a false alarm).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRegions } from '../../../server/src/core/regions';
import { context, covered, draft, gaz, indexOf } from './helpers';

const index = indexOf([]);
const flagged = (text: string, code: string) => covered(text, checkRegions(draft(text), gaz, index, new Set(), context()), code);

const clean: Array<[string, string]> = [
  ['a real county ends inside the window (全会 + 和县委)', '深入落实市委十一届七次、八次全会和县委十三届五次、六次全会精神。'],
  ['a real county ends inside the window (管委会 + 和县委)', '在新区党工委、管委会和县委的坚强领导下，县政府团结和带领全县人民。'],
  ['a real county ends inside the window (整改 + 和县委)', '面对重点领域问题整改和县委、政府中心工作，代表、委员深入一线。'],
  ['a real county after a verb (亲临 + 易县)', '张伯礼院士亲临易县指导中医药产业发展。'],
  ['a real county after a word (平安 + 易县)', '全力建设平安易县，社会大局和谐稳定。'],
  ['the suffix starts the next word and the stem is a word (明晰 + 县城)', '进一步明晰县城规划控制区的基本功能。'],
  ['the suffix starts the next word and the stem is a word (安排 + 市级)', '统筹安排市级以上专项资金。'],
  ['the stem is a place the draft names otherwise (雄安 + 市场)', '雄安新区建设全面提速。围绕京津、雄安市场，重点发展特色经济作物。'],
  ['the first character completes the word before (壮大 + 立县)', '努力培育壮大立县产业，完善产业规划。'],
  ['a park by number (三 + 园区)', '在抓好县城一、二、三园区建设的同时，突出抓好汽车配件园。'],
  ['an event venue (雄安 + 赛区)', '承办“中国好声音”雄安赛区启动仪式等文体活动。'],
];
for (const [name, text] of clean) {
  test(`region-unknown: no alarm when ${name}`, () => assert.deepEqual(flagged(text, 'region-unknown'), []));
}

test('region-unknown: a sound-alike suffix character inside a word is no typo (神州市场)', () => {
  assert.deepEqual(flagged('打造神州市场，推进九州市场建设。', 'region-unknown'), []);
});

test('region-hierarchy: a short form cut from the words around it is no parent (城西 + 和 + 三坡镇)', () => {
  assert.deepEqual(flagged('完成城东、城西和三坡镇雅净污水处理厂提标扩容工程建设。', 'region-hierarchy'), []);
});

const typos: Array<[string, string]> = [
  ['宝按区组织全区干部挂点对接区内企业，深圳市各区同步推进。', '宝按区'],
  ['四川省攀枝花市盐边悬开展乡村振兴示范创建。', '盐边悬'],
  ['成都市郸都区推进川菜产业园建设，成都平原经济区协同发展。', '郸都区'],
  ['湖南省株州市轨道交通产业集群加快发展。', '株州市'],
];
for (const [text, word] of typos) {
  test(`region-unknown: a real typo is still found (${word})`, () => assert.deepEqual(flagged(text, 'region-unknown'), [word]));
}

test('region-unknown: a division ending inside a window that starts clear of the words before is no cut (、仓南县: 南县)', () => {
  assert.deepEqual(flagged('永嘉县、仓南县、江山市调出山区海岛县序列。', 'region-unknown'), ['仓南县']);
  assert.deepEqual(flagged('温州市仓南县加快发展。', 'region-unknown'), ['仓南县']);
});

test('region-unknown: a division the draft names elsewhere, with a prefix, is that division (“新易县”)', () => {
  assert.deepEqual(flagged('易县上下奋力建设“新易县”，易县经济平稳增长。', 'region-unknown'), []);
});

test('region-hierarchy: a two-character county after a two-character word is read (依托 + 易县 + 白石山镇)', () => {
  assert.deepEqual(flagged('依托易县白石山镇和周边旅游新业态项目建设。', 'region-hierarchy'), ['易县白石山镇']);
});
