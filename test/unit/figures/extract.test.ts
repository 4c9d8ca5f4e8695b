import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractFigures, type Figure } from '../../../server/src/core/figures/index';

interface Expect {
  text: string;
  value: number;
  unit: string;
  high?: number;
  qualifier?: string;
  relation?: string;
  /** words the indicator must contain */
  indicator?: string;
  subject?: string;
  period?: { year?: number; part?: string; mode?: string };
  part?: boolean;
}

// Sentences from the seeds (cleaned, simplified), with the figures a reviewer would read in them.
const cases: Array<{ sentence: string; title?: string; date?: string; expect: Expect[] }> = [
  {
    sentence: '截至目前,宝安区591名干部通过线上线下共走访企业5.8万家次,收集企业诉求5307件。',
    expect: [
      { text: '591名', value: 591, unit: '名', subject: '宝安', period: { mode: 'now' } },
      { text: '5.8万家次', value: 58000, unit: '家次', indicator: '走访企业', subject: '宝安', period: { mode: 'now' } },
      { text: '5307件', value: 5307, unit: '件', indicator: '企业诉求' },
    ],
  },
  {
    sentence: '2023年全年,宝安亲清政企服务平台共收到5300件诉求,其中已办结5261件,推进中39件,办结率达99.3%。',
    title: '广东深圳宝安区组织591名干部挂点走访企业',
    expect: [
      { text: '5300件', value: 5300, unit: '件', period: { year: 2023 }, subject: '宝安' },
      { text: '5261件', value: 5261, unit: '件', indicator: '办结', part: true },
      { text: '39件', value: 39, unit: '件', indicator: '推进中', part: true },
      { text: '99.3%', value: 99.3, unit: '%', relation: '达', indicator: '办结率' },
    ],
  },
  {
    sentence: '2014年,眉山市保障性安居工程开工量达14861套,开工率突破100%,位列全省第二;建成与竣工率分别达130%和101%,全年完成投资近12亿元。',
    expect: [
      { text: '14861套', value: 14861, unit: '套', indicator: '开工量', subject: '眉山', period: { year: 2014 } },
      { text: '130%', value: 130, unit: '%', indicator: '建成率' },
      { text: '101%', value: 101, unit: '%', indicator: '竣工率' },
      { text: '近12亿元', value: 1.2e9, unit: '元', qualifier: '近', period: { year: 2014 } },
    ],
  },
  {
    sentence: '前5月,成都规模以上工业增加值同比增长14.2%,两年平均增速达7.8%。',
    expect: [
      { text: '14.2%', value: 14.2, unit: '%', relation: '同比增长', indicator: '规模以上工业增加值', subject: '成都', period: { part: '前5月' } },
      { text: '7.8%', value: 7.8, unit: '%', indicator: '两年平均' },
    ],
  },
  {
    sentence: '成都工业投资增速达到20.1%,分别高于全国、全省平均增速2.0和3.3个百分点。',
    expect: [
      { text: '20.1%', value: 20.1, unit: '%', indicator: '工业投资', subject: '成都' },
      { text: '2.0', value: 2, unit: 'pp' },
      { text: '3.3个百分点', value: 3.3, unit: 'pp' },
    ],
  },
  {
    sentence: '2011年地方一般预算收入首次突破千万元,2015年跃升至两千万元,五年间年均增速保持在较高水平。',
    title: '壤塘县创新财政机制助推经济高质量发展',
    expect: [
      { text: '突破千万元', value: 1e7, unit: '元', qualifier: '突破', period: { year: 2011 }, subject: '壤塘' },
      { text: '两千万元', value: 2e7, unit: '元', relation: '跃升至', period: { year: 2015 } },
    ],
  },
  {
    sentence: '首批获批的棚改专项贷款规模占全省总量十三分之一。',
    expect: [{ text: '十三分之一', value: 1 / 13, unit: 'fraction', indicator: '贷款规模' }],
  },
  {
    sentence: '珙县从县城到南部乡镇,最远的需要3-4个小时车程。',
    expect: [{ text: '3-4个小时', value: 3, high: 4, unit: '小时', subject: '珙' }],
  },
  {
    sentence: '今年以来,已办理群众诉求3000余件,群众满意率达95.48%。',
    expect: [
      { text: '3000余件', value: 3000, unit: '件', qualifier: '余', indicator: '群众诉求' },
      { text: '95.48%', value: 95.48, unit: '%', indicator: '满意率' },
    ],
  },
  {
    sentence: '据统计,今年元旦假期,全市累计接待国内游客135.35万人次,同比增长205.7%;实现旅游收入8.91亿元,同比增长336%。',
    title: '呼和浩特市文旅消费情况',
    expect: [
      { text: '135.35万人次', value: 1353500, unit: '人次', indicator: '游客', subject: '浩特', period: { part: '元旦' } },
      { text: '205.7%', value: 205.7, unit: '%', relation: '同比增长', indicator: '游客' },
      { text: '8.91亿元', value: 8.91e8, unit: '元', indicator: '旅游收入' },
    ],
  },
  {
    sentence: '截至2023年11月,全市新引进(签约)招商引资项目702个,协议投资额7305亿元。',
    title: '呼和浩特市招商引资情况',
    expect: [
      { text: '702个', value: 702, unit: '个', indicator: '招商引资项目', period: { year: 2023, part: '11月', mode: 'until' } },
      { text: '7305亿元', value: 7.305e11, unit: '元', indicator: '协议投资额' },
    ],
  },
  {
    // a mayor's name before 市长 is not a city; the speech is about 长春
    sentence: '这是符合长春市情的现实选择。长春的民生基础依然相当薄弱。全市3.8万多名原国企退休人员办理了医保,长春这个城市大家庭要吃得饱。',
    title: '崔杰市長在民生工作會議上的講話',
    expect: [{ text: '3.8万多名', value: 38000, unit: '名', qualifier: '多', subject: '长春' }],
  },
  {
    sentence: '民营经济对财政的贡献率提升至四成以上。',
    expect: [{ text: '四成以上', value: 40, unit: '%', qualifier: '以上', indicator: '贡献率' }],
  },
  {
    sentence: '在最近服务对象对我区发展环境总体评价中,满意率较整治前提升了21个百分点。',
    expect: [{ text: '21个百分点', value: 21, unit: 'pp', indicator: '满意率' }],
  },
];

function find(figures: Figure[], text: string): Figure {
  const f = figures.find(x => x.text === text);
  assert.ok(f, `no figure ${text} in ${JSON.stringify(figures.map(x => x.text))}`);
  return f;
}

for (const c of cases) {
  test(`extracts ${c.expect.map(e => e.text).join(', ')}`, () => {
    const figures = extractFigures(c.sentence, { title: c.title, date: c.date });
    for (const e of c.expect) {
      const f = find(figures, e.text);
      assert.equal(c.sentence.slice(f.start, f.end), e.text, 'span covers the figure');
      assert.ok(Math.abs(f.value - e.value) < 1e-9 * Math.max(1, e.value), `${e.text}: value ${f.value}, expected ${e.value}`);
      assert.equal(f.unit, e.unit, `${e.text}: unit`);
      if (e.high !== undefined) assert.equal(f.high, e.high);
      if (e.qualifier) assert.equal(f.qualifier, e.qualifier);
      if (e.relation) assert.equal(f.relation, e.relation);
      if (e.indicator) assert.ok(f.indicator.includes(e.indicator), `${e.text}: indicator ${f.indicator} should contain ${e.indicator}`);
      if (e.subject) assert.equal(f.subject, e.subject, `${e.text}: subject`);
      if (e.part !== undefined) assert.equal(!!f.part, e.part, `${e.text}: part`);
      for (const [k, v] of Object.entries(e.period ?? {})) {
        assert.equal((f.period as unknown as Record<string, unknown>)?.[k], v, `${e.text}: period.${k}`);
      }
    }
  });
}

// Years, dates, ordinals, list numbers, ranks, codes and time limits are not statistics.
const notStatistics: Array<[string, string]> = [
  ['2023年4月,宝安区委组织部副部长来到公司走访调研。', '2023'],
  ['本报北京1月18日电 日前,司法部印发《意见》。', '18'],
  ['第二批主题教育开展以来,宝安区聚焦重点难点问题。', '二'],
  ['各部门接到诉求后要在1天内受理,最快3天、最慢5天之内要进行反馈。', '1'],
  ['咨询类事项原则上3个工作日内办结。', '3'],
  ['综合考核居前5名的科长,在全区通报表彰。', '5'],
  ['包含二维码、邮发代号42-1、网址www.cnxxpl.com、2024年第2期(总第790期)。', '790'],
  ['1. 创业启动方面,对注册电商企业发放创业引导基金;', '1'],
  ['成都通过"三个协同"构建产业生态。', '三'],
  ['二〇二三年工作回顾', '二〇二三'],
  ['同步将12345政务服务热线整合并入系统。', '12345'],
];

for (const [sentence, number] of notStatistics) {
  test(`no statistic in: ${sentence.slice(0, 24)}`, () => {
    const figures = extractFigures(sentence, {}).filter(f => !f.rule);
    assert.ok(!figures.some(f => f.text.includes(number)), `${number} read as a statistic: ${JSON.stringify(figures.map(f => f.text))}`);
  });
}

test('a rule is not a statistic: 每周走访不少于2次', () => {
  const [f] = extractFigures('每名干部每周走访不少于2次,每季度走访一遍所有挂点企业。', {});
  assert.ok(f, 'the number is still read (for hover)');
  assert.equal(f.rule, true);
});

test('figures are JSON-serialisable and survive a round trip', () => {
  const figures = extractFigures(cases[1].sentence, { title: cases[1].title });
  assert.deepEqual(JSON.parse(JSON.stringify(figures)), figures);
});

test('offsets are UTF-16 offsets: a character outside the BMP does not shift them', () => {
  const text = '𠮷𠮷镇共收到5300件诉求。';
  const [f] = extractFigures(text, {});
  assert.equal(text.slice(f.start, f.end), '5300件');
});

test('every figure of the seed corpus survives the JSON cache unchanged', async () => {
  const { readFileSync, readdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { ingestText } = await import('../../../server/src/core/text/ingest');
  const dir = join(__dirname, '../../../seeds');
  let n = 0;
  for (const f of readdirSync(dir)) {
    for (const doc of ingestText(f, readFileSync(join(dir, f), 'utf8')).docs) {
      const figures = extractFigures(doc.text, { date: doc.date, title: doc.title });
      n += figures.length;
      assert.deepEqual(JSON.parse(JSON.stringify(figures)), figures);
      for (const fig of figures) assert.ok(fig.start >= 0 && fig.end <= doc.text.length && fig.start < fig.end);
    }
  }
  assert.ok(n > 100, `the seeds hold figures (${n})`);
});
