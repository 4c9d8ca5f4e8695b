// Table tests for the rules widened on the examiner's drafts 14–19: each case is real sentences (the
// drafts, the seeds, the national reports) or a rewording of them, with the finding expected or none.
// `expect` lists [code, text it marks, nth]; every other figure-* finding fails the case.
import { type FigureCase, SEEDS, type SeedDoc, checkCases, corpus, draft } from './helpers';

const MORE: SeedDoc[] = [
  {
    source: 'seeds/004.txt',
    title: '山东河口经济开发区',
    text: '山东河口经济开发区\n河口经济开发区持续推进“党建引领·助企强企”行动,13名区级领导干部、18名助企专员下沉开发区服务企业;探索实施红色职业经理人培育工程,成立服务党支部,首期募集3.7万元设立爱心基金,聘任8名企业家担任园区发展顾问。',
  },
  {
    source: 'seeds/002.txt',
    title: '崔杰市长在全市经济工作会议上的讲话',
    date: '2008-12-20',
    text: '长春市长在全市经济工作会议上的讲话\n二是要提高低保群体救助标准,城區城鎮低保由每月245元提高到305元,城區農村低保由每年1200元提高到1500元,这项政策从1月份开始执行。',
  },
  {
    source: 'seeds/000.txt',
    title: '眉山保障性安居工程创新机制成效显著',
    date: '2025-09-01',
    text: '眉山保障性安居工程创新机制成效显著\n2014年,眉山市保障性安居工程开工量达14861套。在资金保障方面,除统筹中央和省级补助外,还创新运用政策性贷款工具,首批获批的棚改专项贷款规模占全省总量十三分之一。',
  },
  {
    source: 'seeds/002.txt',
    title: '镇江市长在经济工作会议上的讲话',
    text: '镇江市长在经济工作会议上的讲话\n当前镇江面临的形势。镇江的发展。落户镇江的项目。年初,各辖市区和市级部门排定重点招商活动125场,上报总投资1亿元以上内资项目和1000万美元以上外资项目130个,但截至目前,只有不到30个项目签约。',
  },
];
const { index, ctx } = corpus([...SEEDS, ...MORE].map(s => ({ ...s, text: s.text })));

const cases: FigureCase[] = [
  // figure-arithmetic: a total right after its parts, people counted in 名 and 人
  {
    name: 'a 共 total after a list of parts in 名, the total in 人 (14)',
    text: '# 河口经济开发区\n\n山东省东营市河口区的河口经济开发区持续推进“党建引领·助企强企”行动，13名区级领导干部、18名助企专员共29人下沉开发区服务企业。',
    expect: [['figure-arithmetic', '29人']],
  },
  {
    name: 'a 共 total after a list of parts that adds up',
    text: '# 全县干部培训\n\n5名处级干部、12名科级干部共17人参加培训。',
    expect: [],
  },
  {
    name: 'a total of another thing after a list is no sum (3个乡镇、5个街道共辖120个村)',
    text: '# 全县概况\n\n全县3个乡镇、5个街道共辖120个村。',
    expect: [],
  },
  {
    name: '其中 parts in 名 of a total in 人',
    text: '# 全县干部队伍\n\n全县共有驻村干部120人，其中县直单位干部80名、乡镇干部55名。',
    expect: [['figure-arithmetic', '120人']],
  },
  {
    name: '其中 parts by different attributes of people overlap (女 / 少数民族 / 35岁以下)',
    text: '# 全县党建\n\n全县共有党员1200名，其中女党员300名、少数民族党员200名、35岁以下党员800名。',
    expect: [],
  },
  {
    name: '其中 parts by one attribute (女党员 / 男党员) do not overlap',
    text: '# 全县党建\n\n全县共有党员1200名，其中女党员700名、男党员600名。',
    expect: [['figure-arithmetic', '1200名']],
  },
  // figure-arithmetic: a part's share of its total
  {
    name: 'a part\'s share (占比) that is not part / total',
    text: '# 全县企业\n\n全县共有企业200家，其中规上企业50家，占比35%。全市共受理诉求5300件，其中已办结5261件，占比98.3%。',
    expect: [['figure-arithmetic', '35%'], ['figure-arithmetic', '98.3%']],
  },
  {
    name: 'a part\'s share that agrees, and a share of a whole named after 占',
    text: '# 全县企业\n\n全县共有企业200家，其中规上企业50家，占比25%。全县共有企业200家，其中高新技术企业50家，占全市高新技术企业总数的35%。',
    expect: [],
  },
  // figure-arithmetic: 从A到B，缩短了C
  {
    name: 'a stated difference in the figures\' own unit (15: 从以前的18.34个工作日下降到2.42个工作日，缩短了16.92个工作日)',
    text: '# 九龙坡区审批改革\n\n行政审批变“串联式”为“并联式”，平均办结时限从以前的18.34个工作日下降到2.42个工作日，缩短了16.92个工作日。',
    expect: [['figure-arithmetic', '16.92个工作日']],
  },
  {
    name: 'a stated difference that agrees, and 压缩 / 增加 with a year before 的',
    text: '# 全县营商环境\n\n企业开办时间由过去的5天压缩至1天，压缩了4天。全县耕地面积从2019年的1200亩增加到1500亩，增加了300亩。',
    expect: [],
  },
  {
    name: '压缩了 and 增加了 that disagree',
    text: '# 全县营商环境\n\n企业开办时间由过去的5天压缩至1天，压缩了3天。全县耕地面积从2019年的1200亩增加到1500亩，增加了200亩。',
    expect: [['figure-arithmetic', '3天'], ['figure-arithmetic', '了200亩']],
  },
  {
    name: '增幅 / 降幅 after a change from one level to another (压减至 a change word too)',
    text: '# 全县营商环境\n\n全县粮食产量由2019年的1200吨增加到1500吨，增幅为35%。办理时限从20天压减至5天，降幅达85%。',
    expect: [['figure-arithmetic', '35%'], ['figure-arithmetic', '85%']],
  },
  {
    name: '增幅 / 降幅 that agree',
    text: '# 全县营商环境\n\n全县粮食产量由2019年的1200吨增加到1500吨，增幅达25%。办理时限从20天压减至5天，降幅达75%。',
    expect: [],
  },
  // figure-arithmetic: a difference against a reference named by its indicator
  {
    name: 'a difference against the rate of an indicator named earlier in the sentence (18)',
    text: '# 成都市制造业\n\n前5月，五大产业增加值增长15.1%，其中高端芯片产能提升带动电子信息业增长19.6%，高于五大产业增加值增速4.3个百分点。',
    expect: [['figure-arithmetic', '4.3个百分点']],
  },
  {
    name: 'a difference against a named rate that agrees; 全县 in the name; 比…高',
    text: '# 全县工业\n\n全县工业增加值增长8.1%，其中装备制造业增长12.3%，高于全县工业增加值增速4.2个百分点。装备制造业增加值增长12.3%，比工业增加值增速高4.2个百分点。',
    expect: [],
  },
  {
    name: '高出 a named rate; a change from one rate to another with a year before each',
    text: '# 全县工业\n\n全县规上工业增加值增长8.1%，高技术产业增加值增长12.3%，高出规上工业增加值增速3.2个百分点。全县城镇化率从2020年的52.3%提高到2023年的56.8%，提高了3.5个百分点。',
    expect: [['figure-arithmetic', '3.2个百分点'], ['figure-arithmetic', '3.5个百分点']],
  },
  {
    name: '高出 a named rate and a change between two years\' rates that agree',
    text: '# 全县工业\n\n全县规上工业增加值增长8.1%，高技术产业增加值增长12.3%，高出规上工业增加值增速4.2个百分点。全县城镇化率从2020年的52.3%提高到2023年的56.8%，提高了4.5个百分点。',
    expect: [],
  },
  {
    name: 'a named reference that is not in the sentence says nothing',
    text: '# 全县工业\n\n全县工业增加值增长8.1%。装备制造业增长12.3%，高于规模以上工业增加值增速3.2个百分点。',
    expect: [],
  },
  // figure-conflict-draft: a restatement with two digits swapped
  {
    name: 'the same counted noun, two digits swapped, an event named by 全国 and its city (14)',
    text: '# 深圳宝安区\n\n## 二、深圳宝安区：干部挂点走访企业\n\n2023年7月，全国青少年舞龙舞狮锦标赛在宝安区福海街道举办，来自12个省份的56支龙狮队伍在宝安展开角逐。\n\n鹏城的实践表明，一场吸引65支龙狮队伍参赛的全国性赛事从申报到落幕只用了三个月左右。',
    expect: [['figure-conflict-draft', '65支']],
  },
  {
    name: 'a four-digit count restated with swapped digits in other words (16)',
    text: '# 长春市民生行动计划\n\n全市人均住房面积已达到28平方米，但还有7164户低保、低保边缘和低收入家庭没有住房，11447户住房没有达标。建设10000套左右的廉租房、廉价房，用3年时间基本解决7146户无房家庭的住房问题。',
    expect: [['figure-conflict-draft', '7146户']],
  },
  {
    name: 'an indicator restated by its head, digits swapped (19: 开工量 / 开工)',
    text: '# 眉山市安居工程\n\n2014年，眉山市保障性安居工程开工量达14861套，开工率突破100%。\n\n深化“建管并重”模式，巩固全年开工14816套的建设成果。',
    expect: [['figure-conflict-draft', '14816套']],
  },
  {
    name: 'a four-digit count restated with one digit changed, three of its digits not 0',
    text: '# 长春市民生行动计划\n\n全市还有7164户低保、低保边缘和低收入家庭没有住房。用3年时间基本解决7264户无房家庭的住房问题。',
    expect: [['figure-conflict-draft', '7264户']],
  },
  {
    name: 'round numbers one digit apart are two figures (1500户 / 1600户)',
    text: '# 长春市民生行动计划\n\n全市还有1500户低保家庭没有住房。用3年时间基本解决1600户无房家庭的住房问题。',
    expect: [],
  },
  {
    name: 'digits swapped across orders of magnitude are no slip (1.2万亿元 / 21万亿元, 3.1% / 13%)',
    text: '# 政府工作报告\n\n全年为企业降低利息负担1.2万亿元。全国财政支出21万亿元。股票、债券、基金交易额增长3.1%。贷款增长13%。',
    expect: [],
  },
  {
    name: 'swapped digits of different things are no restatement (开工 / 竣工, 企业 / 市场主体)',
    text: '# 全县住房\n\n全县棚户区改造开工1324套。公租房竣工1342套，分配入住1000套。全县引进企业1342家。全县新增市场主体1324家。',
    expect: [],
  },
  {
    name: 'swapped digits in two years stated are two figures',
    text: '# 全县住房\n\n2022年全县开工棚改住房14861套。\n\n2023年全县开工棚改住房14816套。',
    expect: [],
  },
  {
    name: 'a noun counted again and again is a list (1958 report: 二十三个 / 三十二个建设项目)',
    text: '# 政府工作报告\n\n燃料工业。煤炭工业部和石油工业部共有二百个建设项目，地方有三十二个建设项目，共计二百三十二个。\n\n建筑材料工业。建筑材料工业部共有三十三个建设项目，地方有十一个建设项目，共计四十四个。\n\n化学工业。化学工业部有二十三个建设项目，地方有十九个建设项目，共计四十二个。',
    expect: [],
  },
  {
    name: 'parallel items of two schools are not one figure (1980 report: 102万人 / 120万人)',
    text: '# 政府工作报告\n\n1979年大专学校在校学生102万人，达到历史最高水平。中等专业学校在校学生120万人，普通中学在校学生5905万人。',
    expect: [],
  },
  {
    name: 'parallel counts of two digits need the counted noun (42个部门 / 事项24个)',
    text: '# 九龙坡区审批改革\n\n对全区35个单位的行政处罚自由裁量分档细化，对42个有审批权的区级部门整合行政审批事项。集中清理规范性文件，共废止政策文件967件，整合、调减行政审批事项24个。',
    expect: [],
  },
  // figure-conflict-corpus
  {
    name: 'people counted in 位 against the corpus\'s 名',
    text: '# 宝安区助企服务\n\n2023年以来，宝安区组织全区519位干部挂点对接区内企业。',
    expect: [['figure-conflict-corpus', '519位']],
  },
  {
    name: 'a zone named after its district (河口区的河口经济开发区) is the subject; swapped digits (14)',
    text: '# 河口经济开发区\n\n山东省东营市河口区的河口经济开发区持续推进“党建引领·助企强企”行动。探索实施红色职业经理人培育工程，成立服务党支部，首期募集7.3万元设立爱心基金。',
    expect: [['figure-conflict-corpus', '7.3万元']],
  },
  {
    name: 'the same change (由每月245元提高到…) with another end, a rule in both texts (16)',
    text: '# 长春市民生行动计划\n\n## 三、2009年重点任务\n\n（二）社会救助。城区城镇低保由每月245元提高到350元，城区农村低保由每年1200元提高到1500元。',
    expect: [['figure-conflict-corpus', '350元']],
  },
  {
    name: 'the same change with the same end, and a change from another start',
    text: '# 长春市民生行动计划\n\n城区城镇低保由每月245元提高到305元，城区农村低保由每年1100元提高到1400元。',
    expect: [],
  },
  {
    name: 'a fraction with a numeral slipped (三分之一 / 十三分之一), the whole after 占 is no subject (19)',
    text: '# 眉山市安居工程\n\n眉山市首创“五个一批”房源筹集模式，首批获批的棚改专项贷款规模占全省总量三分之一。',
    expect: [['figure-conflict-corpus', '三分之一']],
  },
  {
    name: 'a part is not the corpus figure its own total restates; the parts (not 不到30个 after 但) exceed their total (17)',
    text: '# 镇江市招商\n\n当前镇江面临的形势。镇江的发展。落户镇江的项目。年初，各辖市区和市级部门排定重点招商活动125场，上报总投资1亿元以上内资项目和1000万美元以上外资项目130个，其中内资项目86个、外资项目52个，但截至目前只有不到30个项目签约。',
    expect: [['figure-arithmetic', '130个']],
  },
];

checkCases('generalise', cases, index, ctx);
