// Table tests for the broader rules: each case is real sentences (from the seeds, the eval drafts
// 04–13 and the national corpus) with the finding expected, or none. `expect` lists
// [code, text it marks, nth]; every other figure-* finding fails the case.
import { type FigureCase, SEEDS, type SeedDoc, checkCases, corpus, draft } from './helpers';

const MORE: SeedDoc[] = [
  {
    source: 'seeds/003.txt',
    title: '四川珙县探索“五大路径” 聚力打造山区县基层治理示范样板',
    date: '2022-03-11',
    text: '四川珙县探索“五大路径” 聚力打造山区县基层治理示范样板\n珙县地处四川盆地南缘,是典型的山区资源县。2021年以来,已通过平台对小微权力运行开展监督567次,核查处理问题线索20个。',
  },
  {
    source: 'seeds/004.txt',
    title: '内蒙古呼和浩特市持续完善激励措施 干部有作为 发展有底气',
    text: '内蒙古呼和浩特市持续完善激励措施 干部有作为 发展有底气\n呼和浩特市委着重在学习培训上下功夫。截至目前,累计开展“短平快”实训18期,共计培训学员900余人次。',
  },
];
const { index, ctx } = corpus([...SEEDS, ...MORE]);

const cases: FigureCase[] = [
  // figure-conflict-corpus
  {
    name: 'parts are not restatements of their whole (线上实训12期 of 实训18期)',
    text: '# 呼和浩特市干部队伍建设\n\n呼和浩特市委着重在学习培训上下功夫，累计开展“短平快”实训18期，其中线上实训12期、线下实训6期，共计培训学员900余人次。',
    expect: [],
  },
  {
    name: 'a category of county (山区资源县) is not the subject of the next sentence',
    text: '# 珙县基层治理情况\n\n珙县地处四川盆地南缘，是典型的山区资源县。2021年以来，已通过平台对小微权力运行开展监督576次，核查处理问题线索20个。',
    expect: [['figure-conflict-corpus', '576次']],
  },
  // figure-conflict-draft
  {
    name: 'the same counted noun after the unit, digits swapped (12名 / 21名行业专家)',
    text: '# 蒲江县孵化园情况\n\n同步成立的创业导师团队由12名行业专家组成，提供季度性创业诊断服务。\n\n下一步将继续发挥由21名行业专家组成的创业导师团队作用。',
    expect: [['figure-conflict-draft', '21名']],
  },
  {
    name: 'the counted noun before the number, then after it; a present figure inside a target sentence',
    text: '# 威县乡村振兴情况\n\n鼓励支持发展农村新型经营主体，培育专业合作社120余家。\n\n力争在现有210余家专业合作社基础上打造产业集群。',
    expect: [['figure-conflict-draft', '210余家']],
  },
  {
    name: 'the same counted noun with values that are not a slip are two groups',
    text: '# 蒲江县孵化园情况\n\n同步成立的创业导师团队由12名行业专家组成。\n\n评审委员会由35名行业专家组成。',
    expect: [],
  },
  {
    name: 'a target stays a target (力争新培育专业合作社210家)',
    text: '# 威县乡村振兴情况\n\n培育专业合作社120余家。力争明年新培育专业合作社210家。',
    expect: [],
  },
  {
    name: 'two swapped digits are a slip whatever the ratio (14 / 41个责任单位)',
    text: '# 长春市民生工作\n\n充分发挥14个责任单位的积极性，形成改善民生的整体合力。\n\n## 小结\n\n41个责任单位都成立了民生专门机构。',
    expect: [['figure-conflict-draft', '41个']],
  },
  {
    name: 'the counted noun in quotes (61个“单打冠军” / 16个“单打冠军”)',
    text: '# 镇江市产业强市工作\n\n我市拥有61个“单打冠军”，99家企业列入省单项冠军企业培育库。\n\n## 小结\n\n全市现有16个“单打冠军”。',
    expect: [['figure-conflict-draft', '16个']],
  },
  {
    name: 'a section with a year heading of its own is a new context (2017 report: 29万公里 done, 20万公里 planned)',
    text: '# 政府工作报告\n\n新建改建高速公路6700多公里、农村公路29万公里。\n\n三、2017年重点工作任务\n\n加强农村公共设施建设。新建改建农村公路20万公里。',
    expect: [],
  },
  // figure-arithmetic: shares
  {
    name: 'shares of one indicator told apart by a qualifier add up past 100%',
    text: '# 珙县集体经济\n\n去年，全县161个行政村集体经济总量突破5100万元，年收入10万元以上的村数量占比达95.6%，年收入5万元至10万元的村数量占比达8.2%。',
    expect: [['figure-arithmetic', '8.2%']],
  },
  {
    name: 'one share at two times is not two parts',
    text: '# 全市产业结构\n\n2022年第三产业占比达62.5%，2023年第三产业占比达64.1%。',
    expect: [],
  },
  // figure-arithmetic: a rate's change in %
  {
    name: 'a satisfaction rate that rose by %',
    text: '# 九龙坡区发展环境整治\n\n在最近服务对象对我区发展环境总体评价中，满意率较整治前提升了21%，前来落户的中小企业大幅增加。',
    expect: [['figure-arithmetic', '21%']],
  },
  {
    name: 'a rate that rose by percentage points, and a rate that is not a share',
    text: '# 九龙坡区发展环境整治\n\n满意率较整治前提升了21个百分点。全员劳动生产率提高了8.5%，孕产妇死亡率下降了30%。',
    expect: [],
  },
  {
    // issue 9: only rates known to be shares (data: shareRates) change by points; 破案率提高14% is relative
    name: 'a rate not known to be a share (本土配套率, 发生率) may change by %: silent',
    text: '# 成都市工业\n\n前5月，成都本土配套率提升了32%，较大以上事故发生率较历史峰值下降76%。',
    expect: [],
  },
  // figure-arithmetic: stated differences
  {
    name: 'a difference of two rates written in % that is their difference in points',
    text: '# 成都市工业经济\n\n前5月，成都规模以上工业增加值同比增长14.2%。高技术制造业增加值激增20.9%，增速超全市均值6.7%，贡献率达35%。',
    expect: [['figure-arithmetic', '6.7%']],
  },
  {
    name: 'a difference in % that is the relative difference is left alone',
    text: '# 全市城镇化\n\n全市常住人口城镇化率达到65.2%，比全省平均水平61.5%高6%。',
    expect: [],
  },
  {
    name: 'a difference against a reference in brackets',
    text: '# 成都市工业投资\n\n成都工业投资增速达到20.1%，高于全国平均增速（18.1%）3.0个百分点。工业技改投资增长10.8%。',
    expect: [['figure-arithmetic', '3.0个百分点']],
  },
  {
    name: 'a difference against a reference in brackets that agrees',
    text: '# 成都市工业投资\n\n成都工业投资增速达到20.1%，高于全国平均增速（18.1%）2.0个百分点。',
    expect: [],
  },
  {
    name: 'a change against the baseline written in the sentence (比上年的…)',
    text: '# 全市诉求办理\n\n全年办结率达到99.3%，比上年的97.1%提高3.2个百分点。财政收入达到150亿元，比上年的120亿元增加20亿元。',
    expect: [['figure-arithmetic', '3.2个百分点'], ['figure-arithmetic', '增加20亿元']],
  },
  {
    name: 'growth against a baseline that agrees (1959 report)',
    text: '# 工农业生产\n\n我国的工农业总产值在一九五七年达到了一千三百八十七亿四千万元，比一九五二年的八百二十七亿一千万元增长百分之六十八；其中，工业总产值达到了六百五十亿二千万元，比一九五二年的二百七十亿一千万元增长百分之一百四十一。',
    expect: [],
  },
  {
    name: 'growth against a baseline that disagrees',
    text: '# 工农业生产\n\n一九五八年的工业总产值达到一千一百七十亿元，比一九五七年的七百零四亿元增长百分之七十六。',
    expect: [['figure-arithmetic', '百分之七十六']],
  },
  {
    name: 'real growth is not nominal growth',
    text: '# 全市经济\n\n按可比价格计算，全市地区生产总值达到1200亿元，比上年的1000亿元增长8.5%。',
    expect: [],
  },
  // figure-arithmetic: a rate against part / whole
  {
    name: 'a rate against 余 figures, the part described after its unit',
    text: '# 上海检察信访\n\n2021年以来，上海全市检察机关共受理群众信访11.6万余件，其中共有9.4万余件首次信访在首办环节实现化解息访，首办化解率达91%。',
    expect: [['figure-arithmetic', '91%']],
  },
  {
    name: 'a rate within the span of 余 figures',
    text: '# 上海检察信访\n\n2021年以来，上海全市检察机关共受理群众信访11.6万余件，其中共有9.4万余件首次信访在首办环节实现化解息访，首办化解率达81%。',
    expect: [],
  },
  // figure-arithmetic: 翻番
  {
    name: '翻两番 after a change from a rate per household (由每户每年…)',
    text: '# 长春市困难群众帮扶\n\n自行取暖低保户采暖补贴由每户每年300元提高到600元，翻了两番。',
    expect: [['figure-arithmetic', '翻了两番']],
  },
  {
    name: '增长N倍 is ×(N+1)',
    text: '# 全市经济\n\n全市生产总值由100亿元增加到300亿元，增长了3倍。农民收入由2000元增加到6000元，增长了2倍。',
    expect: [['figure-arithmetic', '3倍']],
  },
  {
    name: '增长两倍 against a baseline that agrees (1959 report)',
    text: '# 工业\n\n一九五七年全国工业中的工程技术人员达到十七万五千人，比一九五二年的五万八千人增长两倍。',
    expect: [],
  },
  {
    name: 'parts counted to the unit add up exactly (23家 of 9 + 8 + 7)',
    text: '# 攀枝花市安全生产\n\n全年淘汰落后产能企业23家，其中钢铁企业9家、焦化企业8家、建材企业7家。',
    expect: [['figure-arithmetic', '23家']],
  },
  {
    name: 'a rate stated before its part and whole',
    text: '# 宝安区诉求办理\n\n2023年全年，宝安区诉求办结率达99.3%：平台共收到5300件诉求，已办结5216件。',
    expect: [['figure-arithmetic', '99.3%'], ['figure-conflict-corpus', '5216件']],
  },
  // figure-arithmetic: a stated total after its parts
  {
    name: 'a 共计 total that is not the sum of the parts before it',
    text: '# 呼和浩特市干部培训\n\n全年开展线上实训12期、线下实训9期，共计实训18期。',
    expect: [['figure-arithmetic', '18期']],
  },
  {
    name: 'a 共 total that is the sum, and a 共建 that is no total',
    text: '# 全县教育\n\n全县新建小学3所、初中5所，共新建学校8所。新增幼儿园4所、托育机构6所，共建共享学位2000个。',
    expect: [],
  },
  {
    name: 'parts after 包括 over their total',
    text: '# 全县招商\n\n全县新签约项目30个，包括工业项目18个、服务业项目15个。',
    expect: [['figure-arithmetic', '30个']],
  },
];

checkCases('rules', cases, index, ctx);
