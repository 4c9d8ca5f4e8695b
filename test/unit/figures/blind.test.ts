// Table tests for the rules widened on the examiner's blind drafts 20–27: each case is real sentences
// (the drafts, the seeds) or a rewording of them, with the finding expected or none.
// `expect` lists [code, text it marks, nth]; every other figure-* finding fails the case.
import { type FigureCase, type SeedDoc, checkCases, corpus, draft } from './helpers';

const SEEDS: SeedDoc[] = [
  {
    source: 'seeds/000.txt',
    title: '蒲江电商孵化园开园赋能乡村振兴新格局',
    date: '2025-09-01',
    text: '蒲江电商孵化园开园赋能乡村振兴新格局\n蒲江县创新创业孵化园正式启动。2023年蒲江农产品跨境订单量同比增长210%。 五、区域经济带动效应 该园区通过打通"互联网+现代农业"闭环,有效激活农村电商神经末梢。运营后预计带动周边2000户农户增收,推动农产品标准化生产率提升35%。',
  },
  {
    source: 'seeds/004.txt',
    title: '山东河口经济开发区',
    text: '山东河口经济开发区\n河口经济开发区持续推进“党建引领·助企强企”行动,13名区级领导干部、18名助企专员下沉开发区服务企业;探索实施红色职业经理人培育工程,成立服务党支部,首期募集3.7万元设立爱心基金,聘任8名企业家担任园区发展顾问。',
  },
];
const { index, ctx } = corpus(SEEDS);

const PUJIANG = '# 蒲江县创新创业孵化园运营情况报告\n\n';
const HEKOU = '# 党建引领园区发展经验材料\n\n## 二、山东省东营市河口区：党建引领助企强企\n\n';
const CHENGDU = '# 蓉城五大先进制造集群发展情况分析\n\n';

const cases: FigureCase[] = [
  // shares of one partition, listed with 、 (each share's whole is read from its own words)
  {
    name: 'shares of one partition listed with 、 add up past 100% (22)',
    text: PUJIANG + '目前入驻42家企业及30余个创业团队。按入驻形式分，独立办公企业占58%、共享工位企业占31%、仓配托管企业占17%。',
    expect: [['figure-arithmetic', '17%']],
  },
  {
    name: 'shares listed with 、 that add up to 100%',
    text: PUJIANG + '按入驻形式分，独立办公企业占58%、共享工位企业占31%、仓配托管企业占11%。',
    expect: [],
  },
  {
    name: 'shares listed with 、 of different wholes (全省 / 全国) are not added',
    text: '# 全市经济运行\n\n全市地区生产总值占全省的62%、粮食产量占全国的55%。',
    expect: [],
  },
  // parts against their total: written values stand for half-open spans
  {
    name: '其中 parts in decimal 万 exceed the total by all their rounding together (26)',
    text: '# 威县党建引领乡村振兴\n\n近年来，威县强化党建引领，带动当地6000多户2.1万名群众从事相关产业，其中从事饲草种植1.2万名、观光旅游0.6万名、物流运输0.5万名，人均增收6000元以上。',
    expect: [['figure-arithmetic', '2.1万名']],
  },
  {
    name: '其中 parts in decimal 万 within their rounding of the total',
    text: '# 威县党建引领乡村振兴\n\n带动当地6000多户2.1万名群众从事相关产业，其中从事饲草种植1.2万名、观光旅游0.6万名、物流运输0.4万名。',
    expect: [],
  },
  {
    name: '其中 parts written exactly that make up the whole total',
    text: '# 全县干部队伍\n\n全县共有驻村干部120名，其中县直单位干部80名、乡镇干部40名。',
    expect: [],
  },
  // a part's share of a total named by the total's indicator
  {
    name: 'a part’s share of a whole named by the total’s indicator (占协议投资总额的) disagrees (25)',
    text: '# 呼和浩特市招商引资情况报告\n\n截至2023年11月，全市新引进（签约）招商引资项目702个，协议投资额7305亿元。其中现代装备制造项目13个，协议投资额1571亿元，占协议投资总额的29.5%；新能源项目13个，协议投资额693亿元；新型化工业项目9个，协议投资额458亿元。',
    expect: [['figure-arithmetic', '29.5%']],
  },
  {
    name: 'a part’s share of a whole named by the total’s indicator that agrees',
    text: '# 呼和浩特市招商引资情况报告\n\n截至2023年11月，全市新引进（签约）招商引资项目702个，协议投资额7305亿元。其中现代装备制造项目13个，协议投资额1571亿元，占全市协议投资额的21.5%。',
    expect: [],
  },
  {
    name: 'a part’s share of the count of projects (占项目总数的) disagrees',
    text: '# 呼和浩特市招商引资情况报告\n\n全市新引进招商引资项目702个，其中新能源项目13个，占项目总数的3.5%。',
    expect: [['figure-arithmetic', '3.5%']],
  },
  {
    name: 'a part’s share of a wider whole (全县 total, 占全市…总数的) is another ratio',
    text: '# 全县企业发展\n\n全县共有企业120家，其中规上企业50家，占全市企业总数的10%。',
    expect: [],
  },
  {
    name: 'with no 其中, the total named by its indicator in an earlier sentence (协议投资额7305亿元)',
    text: '# 呼和浩特市招商引资情况报告\n\n全市协议投资额7305亿元。现代装备制造项目协议投资额1571亿元，占协议投资总额的29.5%。',
    expect: [['figure-arithmetic', '29.5%']],
  },
  {
    name: 'with no 其中, a part told by its subject of a whole the name scopes (高新区 … 占全县…的)',
    text: '# 全县工业运行\n\n2023年，全县规上工业增加值300亿元。高新区规上工业增加值100亿元，占全县规上工业增加值的20%。',
    expect: [['figure-arithmetic', '20%']],
  },
  {
    name: 'with no 其中, a total of another period (全年 / 前5月) is not the whole',
    text: '# 全县工业运行\n\n全年全县规上工业增加值300亿元。前5月高新区规上工业增加值100亿元，占全县规上工业增加值的20%。',
    expect: [],
  },
  {
    name: 'with no 其中, a measure the draft gives two values is no sure whole',
    text: '# 呼和浩特市招商引资情况报告\n\n全市协议投资额7305亿元。全市协议投资额6000亿元。现代装备制造项目协议投资额1571亿元，占协议投资总额的29.5%。',
    expect: [],
  },
  // slips of the order of magnitude against the corpus
  {
    name: 'a forecast copied from the corpus with 万 for 千 (2万户 / 2000户) (22)',
    text: PUJIANG + '园区运营后预计带动周边2万户农户增收，推动农产品标准化生产率提升35%。',
    expect: [['figure-conflict-corpus', '2万户']],
  },
  {
    name: 'a forecast copied from the corpus as it is',
    text: PUJIANG + '园区运营后预计带动周边2000户农户增收，推动农产品标准化生产率提升35%。',
    expect: [],
  },
  {
    name: 'a forecast with another value (no slip) is another forecast',
    text: PUJIANG + '园区运营后预计带动周边3500户农户增收。',
    expect: [],
  },
  {
    name: 'a misplaced decimal point against the corpus (37万元 / 3.7万元) (26)',
    text: HEKOU + '河口经济开发区持续推进“党建引领·助企强企”行动，13名区级领导干部、18名助企专员下沉开发区服务企业；成立服务党支部，首期募集37万元设立爱心基金，聘任8名企业家担任园区发展顾问。',
    expect: [['figure-conflict-corpus', '37万元']],
  },
  {
    name: 'one significant digit and a short indicator (聘任80名 / 8名) is not evidence enough',
    text: HEKOU + '河口经济开发区成立服务党支部，首期募集3.7万元设立爱心基金，聘任80名企业家担任园区发展顾问。',
    expect: [],
  },
  // slips of the order of magnitude within the draft
  {
    name: 'the same indicator restated at ×10 in the draft (1.6亿元 / 16亿元)',
    text: PUJIANG + '今年以来，入驻企业累计实现线上销售额1.6亿元。园区建成仓储空间2.54万平方米。今年以来，入驻企业累计实现线上销售额16亿元。',
    expect: [['figure-conflict-draft', '16亿元']],
  },
  {
    name: 'other indicators at ×10 are other figures (线上销售额 / 协议投资额)',
    text: PUJIANG + '今年以来，入驻企业累计实现线上销售额1.6亿元。园区新签约项目协议投资额16亿元。',
    expect: [],
  },
  // a difference against a rate named by its indicator in another sentence
  {
    name: 'a difference against a reference rate named by its indicator in another sentence (27)',
    text: CHENGDU + '前5月，成都规模以上工业增加值同比增长14.2%，两年平均增速达7.8%。\n\n电子信息、装备制造、医药健康、绿色食品、新型材料五大产业增加值增长15.1%，高于全市规模以上工业增加值增速1.9个百分点。',
    expect: [['figure-arithmetic', '1.9个百分点']],
  },
  {
    name: 'a difference against a reference rate in another sentence that agrees',
    text: CHENGDU + '前5月，成都规模以上工业增加值同比增长14.2%，两年平均增速达7.8%。\n\n五大产业增加值增长15.1%，高于全市规模以上工业增加值增速0.9个百分点。',
    expect: [],
  },
  {
    name: 'a reference rate the draft gives two values (前5月 / 一季度) is unsure',
    text: CHENGDU + '前5月，成都规模以上工业增加值同比增长14.2%。一季度，成都规模以上工业增加值同比增长12.1%。\n\n五大产业增加值增长15.1%，高于全市规模以上工业增加值增速1.9个百分点。',
    expect: [],
  },
  {
    name: 'a reference rate of another indicator (高技术制造业增加值) is no reference',
    text: CHENGDU + '前5月，成都高技术制造业增加值同比增长20.9%。\n\n五大产业增加值增长15.1%，高于全市规模以上工业增加值增速1.9个百分点。',
    expect: [],
  },
];

checkCases('blind', cases, index, ctx);
