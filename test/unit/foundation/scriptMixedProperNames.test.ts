// script-mixed keeps proper names and phrase boundaries: a character is traditional only where a
// traditional writer would write it for the word (sentences from published county and national reports).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkMixedScript } from '../../../server/src/core/checks/scriptMixed';
import { createLocalizer } from '../../../server/src/core/l10n';

const t = createLocalizer('en');
const flagged = (text: string) => checkMixedScript(text, { t }).map(f => text.slice(f.start, f.end));

const cases: Array<[string, string, string[]]> = [
  ['a county name keeps 乾', '陕西省咸阳市乾县加快推进乡村振兴，乾县县城面貌焕然一新。', []],
  ['a river name keeps 濛', '实施濛溪河流域综合治理，改善河道生态环境。', []],
  ['a company name keeps 乾', '河北驷乾新能源等9家劳动密集型企业入驻运营。', []],
  ['a company name keeps 乾 (another report)', '青蝎线缆、诚乾机械、东方汽配等6个项目启动建设。', []],
  ['a company name keeps 昇', '庞口昊昇农业机械装备制造交易中心建成投用。', []],
  ['a brand keeps 昇 in 昇腾', '推动昇腾人工智能计算中心建设，算力规模持续扩大。', []],
  ['多重覆盖 is 多重 + 覆盖, not 重覆', '形成了长短结合、多点支撑、多重覆盖的产业格局。', []],
  ['乾 where the word is 干燥 is traditional', '今年气候乾燥，要做好森林防火工作。', ['乾']],
  ['们 written 們 in a simplified report', '根据十五大提出的发展目标，我們要集中力量。', ['們']],
  ['a variant 拚 for 拼', '全国军民团结奋斗，顽强拚搏，一方有难，八方支援。', ['拚']],
  ['a variant 幷 for 并', '社会主义改造在这几年内基本上完成，幷不是偶然的。', ['幷']],
];

for (const [name, text, expected] of cases) {
  test(`script-mixed: ${name}`, () => assert.deepEqual(flagged(text), expected));
}

test('in traditional text, forms a traditional standard keeps are no simplified characters', () => {
  // 台 (Hong Kong), 床 and 才 and 核 (Taiwan) are traditional too; 决 and 况 are not.
  const text = '中國人民一定要解放台灣。全國病床數比解放前增加，我們的國家機關才能夠貫徹經濟核算制。決議的情况如下。';
  assert.deepEqual(flagged(text), ['况']);
});

test('in traditional text, a character every standard keeps alone is no simplified character (了 in 了解, 說明了)', () => {
  const text = '增加各國的互相了解，這說明了我們國家的預算是和平的、建設性的。決議的情况如下。';
  assert.deepEqual(flagged(text), ['况']);
});
