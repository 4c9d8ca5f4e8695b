import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFigures } from '../../../server/src/core/figures/index';
import { type FigureCase, SEEDS, checkCases, corpus, draft } from './helpers';

const { index, ctx } = corpus(SEEDS);

// Each draft is built the way a writer restates the seeds; `expect` lists [code, text it marks, nth].
const cases: FigureCase[] = [
  {
    name: 'a changed figure against the corpus',
    text: '# 宝安区干部挂点服务企业情况\n\n截至目前，宝安区挂点干部通过线上线下共走访企业5.6万家次，收集企业诉求5307件。',
    expect: [['figure-conflict-corpus', '5.6万家次']],
  },
  {
    name: 'the same figure as the corpus, and its rounding',
    text: '# 宝安区干部挂点服务企业情况\n\n截至目前，宝安区挂点干部共走访企业5.8万家次。2023年全年，宝安亲清政企服务平台共收到5300件诉求，其中已办结5261件，推进中39件，办结率达99.26%。',
    expect: [],
  },
  {
    name: 'a period taken from the sentence before (2015年 … 全年)',
    text: '# 攀枝花市安全生产情况\n\n2015年，攀枝花市摘除6项重点监管帽子。全年开展危险化学品专项治理42次，对25家次企业实施停产整顿。',
    expect: [['figure-conflict-corpus', '25家次']],
  },
  {
    name: 'another year is another figure',
    text: '# 攀枝花市安全生产情况\n\n2016年，攀枝花市全年开展危险化学品专项治理60次，对25家次企业实施停产整顿。',
    expect: [],
  },
  {
    name: 'another subject is another figure',
    text: '# 眉山市工业经济运行情况\n\n前5月，眉山市规模以上工业增加值同比增长9.1%。',
    expect: [],
  },
  {
    name: 'an approximate figure close to the corpus',
    text: '# 眉山市保障性安居工程情况\n\n2014年，眉山市保障性安居工程全年完成投资约11.8亿元。',
    expect: [],
  },
  {
    name: 'parts over their total',
    text: '# 攀枝花市安全生产情况\n\n2015年，全市开展危险化学品专项治理42次，其中一季度20次、二季度15次、下半年12次。',
    expect: [['figure-arithmetic', '42次']],
  },
  {
    name: 'parts within their total',
    text: '# 成都市工业项目情况\n\n433个亿元级重大项目专班推进，其中60个项目开工、34个项目竣工投产。',
    expect: [],
  },
  {
    name: 'a complete split that does not add up',
    text: '# 宝安区诉求办理\n\n2023年全年，宝安亲清政企服务平台共收到5300件诉求，其中已办结5216件，推进中39件。',
    expect: [['figure-arithmetic', '5300件'], ['figure-conflict-corpus', '5216件']],
  },
  {
    name: 'a rate that is not part over whole',
    text: '# 宝安区诉求办理\n\n2023年全年，平台共收到5300件诉求，其中已办结5261件，推进中39件，办结率达98.3%。',
    expect: [['figure-arithmetic', '98.3%']],
  },
  {
    name: 'a rate that is not part over whole, without 其中',
    text: '# 宝安区诉求办理\n\n2023年全年，平台共收到5300件诉求，已办结5261件，办结率达98.3%。',
    expect: [['figure-arithmetic', '98.3%']],
  },
  {
    name: 'a rate whose part is told with a word of the same meaning (解决 / 办结率)',
    text: '# 长春市民生工作\n\n去年通过媒体发现了1342个民生问题，解决了1304个，办结率达到95%。',
    expect: [['figure-arithmetic', '95%']],
  },
  {
    name: 'the same, agreeing (the seed sentence)',
    text: '# 长春市民生工作\n\n去年通过媒体发现了1342个民生问题，解决了1304个，办结率达到97%。',
    expect: [],
  },
  {
    name: 'a rate of another verb is left alone',
    text: '# 长春市民生工作\n\n去年通过媒体发现了1342个民生问题，走访了1304个，办结率达到95%。',
    expect: [],
  },
  {
    name: 'a stated difference that disagrees with the two rates',
    text: '# 成都市工业经济运行情况分析\n\n前5月，成都规模以上工业增加值同比增长14.2%。\n\n高技术制造业增加值增长20.9%，增速超全市均值8.7个百分点。',
    expect: [['figure-arithmetic', '8.7个百分点']],
  },
  {
    name: 'a stated difference that agrees',
    text: '# 成都市工业经济运行情况分析\n\n前5月，成都规模以上工业增加值同比增长14.2%。\n\n高技术制造业增加值增长20.9%，增速超全市均值6.7个百分点。',
    expect: [],
  },
  {
    name: 'a figure restated differently later in the draft',
    text: '# 成都市工业经济运行情况分析\n\n前5月，成都规模以上工业增加值同比增长14.2%。\n\n## 小结\n\n今年前5月全市规模以上工业增加值同比增长12.4%。',
    expect: [['figure-conflict-draft', '12.4%'], ['figure-conflict-corpus', '12.4%']],
  },
  {
    name: 'a stated difference against a rate in the same clause',
    text: '# 全市城镇化情况\n\n全市常住人口城镇化率达到65.2%，比全省平均水平61.5%高3.2个百分点。',
    expect: [['figure-arithmetic', '3.2个百分点']],
  },
  {
    name: 'a difference against references the draft does not give',
    text: '# 成都市工业\n\n成都工业投资增速达到20.1%，分别高于全国、全省平均增速2.0和3.3个百分点。',
    expect: [],
  },
  {
    name: 'percent where percentage points are meant',
    text: '# 全市就业情况\n\n全市城镇登记失业率由4.2%下降到3.9%，下降了0.3%。',
    expect: [['figure-arithmetic', '0.3%']],
  },
  {
    name: 'growth that disagrees with start and end',
    text: '# 全市低保情况\n\n城区农村低保由每年1200元提高到1500元，提高了30%。城区城镇低保由每月245元提高到305元，提高了24.5%。',
    expect: [['figure-arithmetic', '30%']],
  },
  {
    name: '下降N倍 and 翻两番',
    text: '# 全市情况\n\n事故起数下降了3倍。全市生产总值由100亿元增加到300亿元，翻了两番。',
    expect: [['figure-arithmetic', '3倍'], ['figure-arithmetic', '翻了两番']],
  },
  {
    name: 'shares of one whole past 100%',
    text: '# 全市产业结构\n\n第一产业占比12%，第二产业占比45%，第三产业占比48%。',
    expect: [['figure-arithmetic', '48%']],
  },
  {
    name: 'shares of two measures (装机占比, 发电量占比) are not added',
    text: '# 全省能源结构\n\n清洁能源装机占比54.8%、发电量占比51.3%。',
    expect: [],
  },
  {
    name: 'a difference from the nation is judged only against a rate the text says of the nation',
    text: '# 全区经济运行\n\n地区生产总值增长4.7%、低于全国0.3个百分点，规上工业增加值增长6.7%、高于全国0.8个百分点，固定资产投资增长4%、高于全国7.8个百分点。',
    expect: [],
  },
  {
    name: 'a change from one rate to another (from-to) is not a restatement',
    text: '# 全市产业结构\n\n服务业增加值比重由46.9%提高到48.2%。',
    expect: [],
  },
];

checkCases('checks', cases, index, ctx);

test('a corpus conflict cites the source and offers the corpus value', () => {
  const text = '# 宝安区干部挂点服务企业情况\n\n截至目前，宝安区挂点干部通过线上线下共走访企业5.6万家次。';
  const [f] = checkFigures(draft(text), index, ctx);
  assert.equal(f.code, 'figure-conflict-corpus');
  assert.match(f.message, /5\.8万家次/);
  assert.match(f.message, /广东深圳宝安区组织591名干部挂点走访企业/);
  const [rel] = f.related ?? [];
  assert.equal(rel.source, 'seeds/004.txt');
  const seed = SEEDS[0].text.split('\n');
  assert.ok(seed[rel.start!.line].slice(rel.start!.character).startsWith('5.8万家次'), 'related points at the corpus figure');
  const edit = f.fixes?.[0].edits[0];
  assert.ok(edit);
  assert.equal(text.slice(0, edit.start) + edit.newText + text.slice(edit.end), text.replace('5.6万家次', '5.8万家次'));
});

test('a draft conflict points at the earlier statement and offers its value', () => {
  const text = '# 宝安区干部挂点情况\n\n2023年以来，宝安区组织全区591名干部挂点对接区内企业。\n\n全区519名挂点干部实行周走访、月通报。';
  const f = checkFigures(draft(text), index, ctx).find(x => x.code === 'figure-conflict-draft');
  assert.ok(f);
  assert.equal(text.slice(f.start, f.end), '519名');
  const rel = f.related?.[0];
  assert.equal(rel?.source, null);
  assert.equal(text.slice(rel!.span!.start, rel!.span!.end), '591名');
  assert.equal(f.fixes?.[0].edits[0].newText, '591');
});

test('messages are translated for zh-cn', () => {
  const zh = corpus(SEEDS, 'zh-cn');
  const text = '# 攀枝花市安全生产情况\n\n2015年，全市开展危险化学品专项治理42次，其中一季度20次、二季度15次、下半年12次。';
  const [f] = checkFigures(draft(text), zh.index, zh.ctx);
  assert.match(f.message, /合计47次，超过总数42次/);
});
