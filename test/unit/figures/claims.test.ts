// The claim reader (one reading of each statement, slots stated or inferred) and the restatement
// checks that consume it. Sentences are from the Baoding county work reports and drafts restating them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalWords, readClaims, readDocument, type Claim } from '../../../server/src/core/figures/claims';
import { extractFigures } from '../../../server/src/core/figures/index';
import { isReordered, isSlip } from '../../../server/src/core/figures/restate';
import { mainSubject } from '../../../server/src/core/figures/subject';
import { checkCases, corpus, type FigureCase } from './helpers';

function claimsOf(text: string, title = text.split('\n')[0], date?: string): Claim[] {
  const figures = extractFigures(text, { title, date });
  return readClaims(text, figures, readDocument(text, title, mainSubject(text, title), date));
}
const claim = (claims: Claim[], written: string) => {
  const c = claims.find(x => x.figure.text === written);
  assert.ok(c, `no claim for ${written}`);
  return c!;
};

test('document: a draft dated 2024年2月 under its title reviews 2023; a report given in January reviews the year before', () => {
  assert.deepEqual(readDocument('# 讲话\n\n清苑区人民政府区长\n2024年2月\n\n同志们：', '讲话', '清苑'), { title: '讲话', region: '清苑', year: 2024, reviews: 2023 });
  assert.deepEqual(readDocument('各位代表：', '2021年阜平县政府工作报告', '阜平', '2021-02-05'), { title: '2021年阜平县政府工作报告', region: '阜平', year: 2021, reviews: 2020 });
  // a work report with only its year: given early in the year, as such reports are
  assert.equal(readDocument('各位代表：', '易县2019年政府工作报告', '易', '2019').reviews, 2018);
  // a document of June says nothing of which year its unmarked figures are
  assert.equal(readDocument('正文', '情况通报', '易', '2019-06-10').reviews, undefined);
});

test('period: unmarked results are the reviewed year, from the document date; 去年 counts from the draft\'s own date line', () => {
  const report = claimsOf('2021年阜平县政府工作报告\n全县完成人工造林25万亩，森林覆盖率达到49.18%。', '2021年阜平县政府工作报告', '2021-02-05');
  assert.deepEqual(claim(report, '49.18%').period, { value: '2020', from: 'document-date' });
  const draft = claimsOf('# 讲话\n\n2024年2月\n\n去年全年减税降费8.4亿元。', '讲话');
  assert.deepEqual(claim(draft, '8.4亿元').period, { value: '2023', from: 'document-date' });
});

test('period: a year heading scopes its section; a section reviewing five years gives no single year', () => {
  const text = '2023年政府工作报告\n一、2022年工作回顾\n新增城镇就业3665人。\n二、过去五年工作回顾\n累计新增城镇就业1.8万人。';
  const cs = claimsOf(text, '2023年政府工作报告', '2023-01-10');
  assert.deepEqual(claim(cs, '3665人').period, { value: '2022', from: 'heading' });
  assert.equal(claim(cs, '1.8万人').period.value, 'span|review|2023');
});

test('period: 十四五 with a year named is that year, without one it is a span', () => {
  const cs = claimsOf('2021年，是“十四五”规划开局之年。城乡人均可支配收入分别达到34068元、23756元。', '安国市', '2022-01-27');
  assert.equal(claim(cs, '34068元').period.value, '2021');
});

test('subject: 全县 and no region said are the document\'s region; a learned word that is no place is not a subject', () => {
  const cs = claimsOf('2018年易县政府工作报告\n完成县乡村三级道路改造，全年完成造林8.8万亩。', '易县2018年政府工作报告', '2018');
  assert.deepEqual(claim(cs, '8.8万亩').subject, { value: '易', from: 'document' });
});

test('kind and base: a target, a change against the year before, a rank, a session number', () => {
  const cs = claimsOf('2021年，我县将确保旅游业总收入达到12亿元以上。规模以上工业增加值同比增长16.3%，比上年提高9个位次。省委九届十二次全会提出。', '阜平县', '2022-01-27');
  assert.equal(claim(cs, '12亿元以上').kind, 'target');
  assert.equal(claim(cs, '16.3%').kind, 'change');
  assert.deepEqual(claim(cs, '16.3%').base, { value: '上年', from: 'stated' });
  assert.equal(claim(cs, '9个').kind, 'rank');
});

test('indicator: synonyms read as one (规上 = 规模以上, GDP = 地区生产总值)', () => {
  assert.equal(canonicalWords('规上工业增加值'), canonicalWords('规模以上工业增加值'));
  assert.equal(canonicalWords('全县GDP'), canonicalWords('全县地区生产总值'));
  assert.notEqual(canonicalWords('财政收入'), canonicalWords('财政支出'));
});

test('slips: reordered digits and one digit of four are sure; one digit of two is not', () => {
  const f = (t: string) => extractFigures(`共${t}。`, {})[0];
  assert.ok(isReordered(f('2665人'), f('2566人')));
  assert.ok(isReordered(f('4352.94亩'), f('4325.94亩')));
  assert.ok(isReordered(f('7164户'), f('7264户')));
  assert.ok(!isReordered(f('20项'), f('24项')));
  assert.ok(!isReordered(f('1.23亿元'), f('1.33亿元')));
  assert.ok(isSlip(f('8.4亿元'), f('6.4亿元')));
});

const BAODING = [
  { source: '2024_清苑_保定市清苑区2024年政府工作报告.txt', title: '保定市清苑区2024年政府工作报告', date: '2024-01-23',
    text: '一、2023年工作回顾\n强化土地要素保障，全年完成国有建设用地、划拨用地和重大项目临时用地等供地100宗、4325.94亩，供地总量是2022年的4.62倍。2023年全年减税降费6.4亿元。' },
  { source: '2023_清苑_保定市清苑区2023年政府工作报告.txt', title: '保定市清苑区2023年政府工作报告', date: '2023-01-13',
    text: '一、2022年工作回顾\n全年减税降费8.4亿元。' },
  { source: '2022_安国_2022年安国市政府工作报告.txt', title: '2022年安国市政府工作报告', date: '2022-01-27',
    text: '一、2021年工作回顾\n城乡人均可支配收入分别达到34068元、23756元，分别同比增长8.5%、11.5%。安置退役士兵152人。' },
  { source: '2021_安国_2021年安国市政府工作报告.txt', title: '2021年安国市政府工作报告', date: '2021-01-27',
    text: '一、2020年工作回顾\n安置退役士兵156人。' },
];

const cases: FigureCase[] = [
  {
    name: 'a restated clause with one figure miswritten, its neighbour agreeing (供地100宗、4352.94亩)',
    text: '# 在全区大会上的讲话\n\n清苑区人民政府区长\n2024年2月\n\n## 一、2023年全区经济实现稳中有进\n\n全年完成供地100宗、4352.94亩。',
    expect: [['figure-conflict-corpus', '4352.94亩']],
  },
  {
    name: 'the same period resolved on both sides (去年 in a draft of 2024年2月 / the 2024 report\'s 2023年)',
    text: '# 在全区大会上的讲话\n\n清苑区人民政府区长\n2024年2月\n\n去年全年减税降费8.4亿元。',
    expect: [['figure-conflict-corpus', '8.4亿元']],
  },
  {
    name: 'another year\'s value restated faithfully is no conflict (全年减税降费8.4亿元 in a draft about 2022)',
    text: '# 情况汇报\n\n清苑区\n2023年3月\n\n全年减税降费8.4亿元。',
    expect: [],
  },
  {
    name: 'figures of a 分别 list aligned by position (34068元、23576元)',
    text: '# 安国市讲话\n\n2022年5月\n\n2021年，城乡人均可支配收入分别达到34068元、23576元。',
    expect: [['figure-conflict-corpus', '23576元']],
  },
  {
    name: 'the draft\'s period unresolved and the corpus holding the indicator for two years: silent (152人 / 156人)',
    text: '# 安国市情况\n\n安置退役士兵156人。',
    expect: [],
  },
  {
    name: 'within the draft: the lead and a section restate one figure with digits reordered (3665人 / 3656人)',
    text: '# 在清苑区大会上的讲话\n\n2024年2月\n\n## 一、2023年工作\n\n2023年，新增城镇就业3665人。\n\n（四）民生保障不断加强。全年城镇新增就业3656人。',
    expect: [['figure-conflict-draft', '3656人']],
  },
  {
    name: 'within the draft: one body and another (全县 / 高新区) are different statements',
    text: '# 全县工业运行\n\n2023年，全县规上工业增加值300亿元。高新区规上工业增加值100亿元。',
    expect: [],
  },
  {
    name: 'a rate whose relative change is usual (刑事发案率同比下降31.7%) is not read as percentage points',
    text: '# 曲阳县\n\n全县刑事发案率同比下降31.7%，电信网络诈骗发案率同比下降42.5%。',
    expect: [],
  },
  {
    name: '一般公共预算收入 is no 共 total of the figures before it',
    text: '# 容城县\n\n2018年，地区生产总值49.7亿元，规模以上工业增加值9.1亿元，一般公共预算收入2.2亿元。',
    expect: [],
  },
];

const { index, ctx } = corpus(BAODING);
checkCases('claims', cases, index, ctx);

test('hover lists the corpus values of the subject and indicator in every period, nearest to the draft\'s first', async () => {
  const { hoverFigure } = await import('../../../server/src/core/figures/index');
  const text = '# 在全区大会上的讲话\n\n清苑区人民政府区长\n2024年2月\n\n去年全年减税降费8.4亿元。';
  const h = hoverFigure({ text, norm: text }, text.indexOf('8.4亿元') + 1, index, ctx);
  assert.ok(h);
  const md = h!.markdown;
  assert.ok(md.indexOf('6.4亿元') > 0 && md.indexOf('8.4亿元', md.indexOf('The corpus holds')) > md.indexOf('6.4亿元'), md);
  const bare = '# 情况\n\n减税降费8.4亿元。';
  const h2 = hoverFigure({ text: bare, norm: bare }, bare.indexOf('8.4亿元') + 1, index, ctx);
  assert.match(h2!.markdown, /Not resolved: .*period/);
});

test('kind: a report given in 2021 that names 2021 in its plan section states a target, not a result', () => {
  const cs = claimsOf('2021年政府工作报告\n一、2020年工作回顾\n新开工改造城镇老旧小区4万个。\n二、2021年重点工作\n新开工改造城镇老旧小区5.3万个。', '2021年政府工作报告', '2021-03-05');
  assert.equal(claim(cs, '4万个').kind, 'level');
  assert.equal(claim(cs, '5.3万个').kind, 'target');
});

test('period: after a report turns to the year ahead (2025年工作目标任务, 今年政府工作的总体思路是) unmarked figures are targets for that year', () => {
  const review = '过去一年，全县改造老旧小区35个，建设省级美丽乡村4个。';
  for (const turn of ['2025年工作目标任务', '今年政府工作的总体思路是：坚持稳中求进。']) {
    const claims = claimsOf(`2025年政府工作报告\n${review}\n${turn}\n一、聚焦惠民生\n改造老旧小区32个，建设省级美丽乡村2个。\n`, '2025年政府工作报告', '2025-01-20');
    assert.equal(claim(claims, '35个').kind, 'level');
    assert.equal(claim(claims, '35个').period.value, '2024');
    assert.equal(claim(claims, '32个').kind, 'target', turn);
    assert.equal(claim(claims, '32个').period.value, '2025');
  }
  // a document that is not a report given early in its year has no plan part to find
  const june = claimsOf('情况通报\n改造老旧小区35个。\n2025年工作目标任务\n改造老旧小区32个。\n', '情况通报', '2025-06-20');
  assert.notEqual(claim(june, '32个').kind, 'target');
});
