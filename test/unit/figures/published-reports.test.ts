// Readings grown on published reports (../shared/corpus), where nearly every finding is a false alarm:
// each rule has a sentence it must flag and one, written as the reports write, it must leave alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readClaims, readDocument, type Claim } from '../../../server/src/core/figures/claims';
import { extractFigures } from '../../../server/src/core/figures/index';
import { mainSubject } from '../../../server/src/core/figures/subject';
import { type FigureCase, type SeedDoc, checkCases, corpus } from './helpers';

const SEEDS: SeedDoc[] = [
  {
    source: 'corpus/2024_清苑.txt',
    title: '保定市清苑区2024年政府工作报告',
    date: '2024-01-23',
    text: '保定市清苑区2024年政府工作报告\n一、2023年工作回顾\n强化土地要素保障，全年完成国有建设用地、划拨用地和重大项目临时用地等供地100宗、4325.94亩。',
  },
];
const { index, ctx } = corpus(SEEDS);
const QINGYUAN = '# 在全区项目建设大会上的讲话\n\n清苑区人民政府区长\n2024年2月\n\n';

const cases: FigureCase[] = [
  // indicator slot: words that only say how a figure changed name nothing
  {
    name: '年均递增 after two different indicators is no restatement',
    text: '# 容城县政府工作报告\n\n2011年，财政收入3.9亿元，比2006年增长2.2亿元，年均递增26.8%。财政支出8.5亿元，比2006年增长6亿元，年均递增28.6%。',
    expect: [],
  },
  {
    name: 'the same indicator named with its 年均递增, digits swapped, is flagged',
    text: '# 容城县政府工作报告\n\n2011年，全县财政收入年均递增26.8%。\n\n回顾过去，2011年全县财政收入年均递增28.6%。',
    expect: [['figure-conflict-draft', '28.6%']],
  },
  {
    name: '占本年预算支出的 shares of two items name the whole, not the part',
    text: '# 国务院政府工作报告\n\n1956年，债款支出三亿元，占本年预算支出的2.47%。\n\n1956年，总预备费七亿九千万元，占本年预算支出的2.57%。',
    expect: [],
  },
  {
    name: 'a list of products, each with its own increase, is no restatement',
    text: '# 国务院政府工作报告\n\n1981年，钢产量3560万吨，增加14万吨；纸520万吨，增加20万吨；糖260万吨，增加10万吨；自行车1484万辆，增加224万辆。',
    expect: [],
  },
  // item slot: numbered entries of a glossary
  {
    name: 'numbered glossary entries of two projects are two things',
    text: '# 2021年阜平县政府工作报告\n\n三、2021年重点工作\n\n〔13〕硒鸽屠宰：项目总投资1.33亿元，占地40亩。\n〔14〕大正食品：项目总投资1.23亿元，占地34.68亩。',
    expect: [],
  },
  // a one-digit slip needs two significant digits
  {
    name: 'round amounts of one significant digit (2000余万元 / 5000余万元) are two amounts',
    text: '# 阜平县政府工作报告\n\n2021年，发放助学救助资金2000余万元。\n\n2021年，大病救治惠及5万人次，发放救助资金5000余万元。',
    expect: [],
  },
  {
    name: 'amounts of two significant digits swapped (2300万元 / 3200万元) are a slip',
    text: '# 阜平县政府工作报告\n\n2021年，全县发放助学救助资金2300万元。\n\n回顾全年，2021年全县发放助学救助资金3200万元。',
    expect: [['figure-conflict-draft', '3200万元']],
  },
  // 其中 lists
  {
    name: 'a 其中 list does not run past a ； when it moved on to another unit',
    text: '# 保定市政府工作报告\n\n粮食总产保持在500万吨以上；蔬菜面积达到340万亩，其中设施蔬菜达到240万亩，蔬菜总产达到1200万吨；林果面积达到255万亩，果品总产达到118万吨。',
    expect: [],
  },
  {
    name: 'parts past their total in one 其中 sentence are flagged',
    text: '# 保定市政府工作报告\n\n蔬菜面积达到340万亩，其中设施蔬菜达到240万亩，露地蔬菜达到150万亩。',
    expect: [['figure-arithmetic', '340万亩']],
  },
  // rates against part / whole
  {
    name: 'a rate that names its scheme is not the part over an unrelated whole',
    text: '# 安国市政府工作报告\n\n新增就业3550人，安置困难对象410人，企业参保新增845人，城乡居民养老保险参保率98.3%、基本医疗保险参保率98.9%。',
    expect: [],
  },
  {
    name: 'a rate that names its scheme, with a part and whole of that scheme, is checked',
    text: '# 安国市政府工作报告\n\n城乡居民养老保险应保人数10000人，实际参保9000人，城乡居民养老保险参保率98%。',
    expect: [['figure-arithmetic', '98%']],
  },
  {
    name: 'a verb naming the next figure of the clause (完成投资22.35亿元) does not tell the count before it',
    text: '# 涞水县政府工作报告\n\n整合推进各类项目70个，11个省、市重点项目完成投资22.35亿元，投资率完成118%。',
    expect: [],
  },
  // stated differences
  {
    name: 'a ratio named …比 (存贷比) is no comparison: its rate and its own change',
    text: '# 保定市政府工作报告\n\n各项贷款余额3406.6亿元、同比增长18.2%，增量存贷比95.2%、提高36.6个百分点。',
    expect: [],
  },
  {
    name: 'a comparison with the base named (较上年的) is checked',
    text: '# 保定市政府工作报告\n\n增量存贷比95.2%，较上年的58.6%提高38.6个百分点。',
    expect: [['figure-arithmetic', '38.6个百分点']],
  },
  // changes from one level to another
  {
    name: 'output grows at comparable prices: 生产总值由A增长到B is not checked against its nominal growth',
    text: '# 顺平县政府工作报告\n\n全县生产总值由2015年的56.1亿元增长到2020年的77.2亿元，累计增长44.44%。',
    expect: [],
  },
  {
    name: 'revenue from A to B with a growth that does not fit is flagged',
    text: '# 顺平县政府工作报告\n\n财政收入由2015年的5亿元增长到2020年的8.2亿元，累计增长44%。',
    expect: [['figure-arithmetic', '44%']],
  },
  {
    name: 'a start named in quotes (由“十二五”末的34.81%) is read: a rate changes by percentage points',
    text: '# 阜平县情况汇报\n\n城镇化率由“十二五”末的34.81%提高到50%，提高15.19%。',
    expect: [['figure-arithmetic', '15.19%']],
  },
  {
    name: 'the same change given in percentage points is right',
    text: '# 阜平县情况汇报\n\n城镇化率由“十二五”末的34.81%提高到50%，提高15.19个百分点。',
    expect: [],
  },
  // 争取 before funds is a result
  {
    name: '全年争取各类资金 is what was secured: its 其中 parts are checked',
    text: '# 涞源县政府工作报告\n\n全年争取各类资金21.3亿元，其中上级支持资金18.3亿元、新增债券资金5亿元。',
    expect: [['figure-arithmetic', '21.3亿元']],
  },
  {
    name: '力争 keeps the sentence a target',
    text: '# 涞源县政府工作报告\n\n明年力争争取各类资金21.3亿元，其中上级支持资金18.3亿元、新增债券资金5亿元。',
    expect: [],
  },
  // corpus restatement: the verbs a clause opens with say nothing of what is counted
  {
    name: 'a shortened restatement (完成供地 / …临时用地等供地) with digits swapped is flagged',
    text: QINGYUAN + '去年，全区上下真抓实干。全年完成供地100宗、4352.94亩，供地总量创历年新高。',
    expect: [['figure-conflict-corpus', '4352.94亩']],
  },
  {
    name: 'the same restatement with the corpus value agrees',
    text: QINGYUAN + '去年，全区上下真抓实干。全年完成供地100宗、4325.94亩，供地总量创历年新高。',
    expect: [],
  },
];

checkCases('published reports', cases, index, ctx);

function claimsOf(text: string, title: string, date?: string): Claim[] {
  const figures = extractFigures(text, { title, date });
  return readClaims(text, figures, readDocument(text, title, mainSubject(text, title), date));
}

test('document: a meeting line broken over two lines dates the report', () => {
  const text = '2022年1月28日在高唐县第十八届\n人民代表大会第一次会议上\n高唐县县长\n各位代表：';
  assert.deepEqual(readDocument(text, '2022年1月28日在高唐县第十八届', '高唐'), { title: '2022年1月28日在高唐县第十八届', region: '高唐', year: 2022, reviews: 2021 });
});

test('period: a section reviewing five years gives its figures that span, not the reviewed year; 届 alone is no review', () => {
  const text = '2022年1月28日在高唐县第十八届\n人民代表大会第一次会议上\n过去五年工作回顾\n五年来，我们践行使命。\n安置退役士兵152人。\n一、2021年工作回顾\n安置退役士兵30人。';
  const cs = claimsOf(text, '高唐县政府工作报告');
  assert.deepEqual(cs.find(c => c.figure.text === '152人')!.period, { value: 'span|review|2022', from: 'heading' });
  assert.deepEqual(cs.find(c => c.figure.text === '30人')!.period, { value: '2021', from: 'heading' });
  const session = claimsOf('涞源县第十七届人民代表大会第二次会议隆重开幕\n2022年1月10日\n会议指出，十七届人大以来，屠宰加工销售收入9.28亿元。', '涞源县第十七届人民代表大会第二次会议隆重开幕');
  assert.ok(!session.find(c => c.figure.text === '9.28亿元')!.period.value?.startsWith('span|review'));
});

test('indicator: change words alone, or the whole of a share, leave the indicator unresolved', () => {
  const cs = claimsOf('# 报告\n\n财政支出8.5亿元，年均递增28.6%。总预备费七亿元，占本年预算支出的2.57%。', '报告');
  assert.equal(cs.find(c => c.figure.text === '28.6%')!.indicator.value, undefined);
  assert.equal(cs.find(c => c.figure.text === '2.57%')!.indicator.value, undefined);
  assert.equal(cs.find(c => c.figure.text === '8.5亿元')!.indicator.value, '财政支出');
});
