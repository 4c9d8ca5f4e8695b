// Table tests for the rules widened on the examiner's blind drafts 30–35 (drafts that lean on the seed
// speeches in traditional characters with no date and no city, and on 上海检察): each case is real
// sentences (the drafts, the seeds) or a rewording of them, with the finding expected or none.
// `expect` lists [code, text it marks, nth]; every other figure-* finding fails the case.
import { toSimplified } from '../../../server/src/core/text/script';
import { type FigureCase, type SeedDoc, checkCases, corpus, draft } from './helpers';

const SEEDS: SeedDoc[] = [
  {
    source: 'seeds/004.txt',
    title: '上海出台相关举措',
    text: '上海出台相关举措\n2021年以来,上海全市检察机关共受理群众信访11.6万余件,其中,共有9.4万余件首次信访在首办环节实现化解息访。近3年,上海全市检察机关共有关2180余件矛盾纠纷通过检调对接、刑事和解、民事和解和行政争议实质性化解等途径得到解决。',
  },
  {
    // a speech with no date and no city (全市 only); pinyin debris as the ingest removes it
    source: 'seeds/002.txt',
    title: '市長在全市金融工作會議上的講話',
    text: '市長在全市金融工作會議上的講話\n2005年,全市金融機構認真貫徹執行穩健的貨幣政策,金融業運行平穩。全市金融機構存款規模達到214.72億元,增長13.75%;實現保費收入5.89億元。',
  },
  {
    source: 'seeds/002.txt',
    title: '市長在民生工作會議上的講話',
    text: '市長在民生工作會議上的講話\n长春市民生工作会议今天召开。\n一、全面總結2008年民生工作\n過去的一年,是民生工作取得明顯進展的一年。\n二、努力開創經濟困難時期改善民生工作的新局面\n(三)加快住房保障體系建設。近些年來,全市群眾住房條件得到了明顯改善,人均住房面積已達到28平方米。但在這一平均線背后,還有7164戶低保、低保邊緣和低收入家庭沒有住房,11447戶住房沒有達標。',
  },
];
// the index sees the ingested text: simplified characters, pinyin debris removed
const { index, ctx } = corpus(SEEDS.map(s => ({ ...s, title: toSimplified(s.title), text: toSimplified(s.text) })));

const SHANGHAI = '# 上海检察机关信访工作情况\n\n';
const JINRONG = '# 关于2005年全市金融运行情况和2006年工作安排的报告\n\n## 一、2005年金融运行总体情况\n\n';
const CHANGCHUN = '# 长春市2008年民生工作总结和2009年民生任务安排\n\n## 一、2008年民生工作回顾\n\n过去一年，全市民生工作取得明显进展。\n\n## 二、2009年民生任务\n\n';
const ZHENJIANG = '# 镇江市产业发展情况\n\n';

const cases: FigureCase[] = [
  // 近N年 counts back from the document's own time, not from a year said sentences before
  {
    name: '近3年 after a year of another sentence: a swap of an approximate 余 figure (30)',
    text: SHANGHAI + '2023年，上海市人民检察院与市司法局会签意见。近3年，上海全市检察机关共有2810余件矛盾纠纷通过检调对接、刑事和解等途径得到解决。',
    expect: [['figure-conflict-corpus', '2810余件']],
  },
  {
    name: '近3年 figure as in the corpus',
    text: SHANGHAI + '2023年，上海市人民检察院与市司法局会签意见。近3年，上海全市检察机关共有2180余件矛盾纠纷得到解决。',
    expect: [],
  },
  {
    name: '近5年 is another span than the corpus 近3年',
    text: SHANGHAI + '近5年，上海全市检察机关共有2810余件矛盾纠纷通过检调对接得到解决。',
    expect: [],
  },
  // corpus documents that name no subject (speeches with 全市 only)
  {
    // issue 9: a corpus speech with no place and no date leaves subject and period unresolved: silent
    name: 'a speech with no city and no date: subject and period unresolved, so no conflict is claimed (33)',
    text: JINRONG + '2005年，全市金融机构认真贯彻执行稳健的货币政策。全市金融机构存款规模达到214.72亿元，增长13.75%；实现保费收入5.98亿元。',
    expect: [],
  },
  {
    name: 'a speech with no city: another value that is no slip may be another city\'s',
    text: JINRONG + '2005年，全市金融机构认真贯彻执行稳健的货币政策。实现保费收入6.42亿元。',
    expect: [],
  },
  {
    name: 'a speech with no city: a slip of two digits is too likely by chance',
    text: JINRONG + '2005年，全市金融机构运行平稳。实现保费收入5.8亿元，全市金融机构存款规模达到214.72亿元。',
    expect: [],
  },
  {
    name: 'a speech with no city: another year is another figure',
    text: '# 2007年全市金融运行情况\n\n2007年，全市实现保费收入5.98亿元。',
    expect: [],
  },
  // a year heading holds for its section only; the corpus figure under a yearless section has no period
  {
    name: 'a swap of four digits with the same noun after the unit and subject (35)',
    text: CHANGCHUN + '（三）住房保障。全市人均住房面积已达到28平方米，但仍有7614户低保、低保边缘和低收入家庭没有住房，11447户住房没有达标。',
    expect: [['figure-conflict-corpus', '7614户']],
  },
  {
    name: 'a swap of four digits with another noun after the unit',
    text: CHANGCHUN + '（三）就业援助。全市帮扶7614户零就业家庭实现就业。',
    expect: [],
  },
  // 分别 lists of differences
  {
    name: '分别低于全国、全省 X和Y个百分点: the first difference is wrong (33)',
    text: JINRONG + '2005年，全国贷款增长13%，全省贷款增长9%，我市贷款仅增长4.7%，分别低于全国、全省9.3和4.3个百分点。',
    expect: [['figure-arithmetic', '9.3']],
  },
  {
    name: '分别低于全国、全省 X和Y个百分点: both right',
    text: JINRONG + '2005年，全国贷款增长13%，全省贷款增长9%，我市贷款仅增长4.7%，分别低于全国、全省8.3和4.3个百分点。',
    expect: [],
  },
  {
    name: '分别 list whose items name no rate of the sentence is not judged',
    text: JINRONG + '2005年，我市贷款仅增长4.7%，分别低于全国、全省9.3和4.3个百分点。',
    expect: [],
  },
  // X为Y的Z%
  {
    name: '为全省平均水平的Z%: the level over the named body\'s level (33)',
    text: JINRONG + '2005年，全国人均投资6776元，全省人均投资3956元，我市仅为2157元，为全省平均水平的45.5%。',
    expect: [['figure-arithmetic', '45.5%']],
  },
  {
    name: '为全省平均水平的Z%: right',
    text: JINRONG + '2005年，全国人均投资6776元，全省人均投资3956元，我市仅为2157元，为全省平均水平的54.5%。',
    expect: [],
  },
  {
    name: '为全省…的Z% with no figure of 全省 in the sentence is not judged',
    text: JINRONG + '2005年，我市人均投资2157元，为全省平均水平的45.5%。',
    expect: [],
  },
  // a target or task restating a figure with a slip
  {
    // issue 9: 9.08 / 9.8 is no reordering and the target's period is not resolved: silent
    name: 'a target whose period is not resolved is not judged against this year\'s figure (33)',
    text: JINRONG + '全市金融业运行平稳。\n\n## 三、2006年工作安排\n\n今年，全市各金融机构贷款余额比年初增加9.08亿元，增长8%。\n\n## 四、工作要求\n\n各金融机构要加大信贷投放力度，确保全市贷款余额比年初增加9.8亿元。',
    expect: [],
  },
  {
    name: 'a target for this year after last year\'s figure is no restatement',
    text: '# 全市金融工作\n\n2005年，全市各金融机构贷款余额比年初增加9.08亿元。\n\n今年，确保全市贷款余额比年初增加9.8亿元。',
    expect: [],
  },
  {
    name: 'progress so far against the year\'s target is no restatement',
    text: ZHENJIANG + '今年，全市已举办重点招商活动120场。\n\n下一步，力争全年举办重点招商活动125场。',
    expect: [],
  },
  {
    name: 'this year\'s figure against a target for the whole year is no restatement',
    text: JINRONG + '今年，全市各金融机构贷款余额比年初增加9.08亿元。\n\n确保全年全市贷款余额比年初增加9.8亿元。',
    expect: [],
  },
  {
    name: 'a task that points back to the figure (排定的) with a digit changed (34)',
    text: ZHENJIANG + '年初，各辖市区和市级部门排定了重点招商活动125场，上报项目130个。\n\n按照“月月有招商”的要求，推动排定的120场重点招商活动落地见效。',
    expect: [['figure-conflict-draft', '120场']],
  },
  {
    name: 'a new target of the same noun is no restatement',
    text: ZHENJIANG + '去年，全市举办重点招商活动125场。\n\n今年，力争举办120场重点招商活动。',
    expect: [],
  },
  // one noun counted in two measure words
  {
    name: '98项具体实事 / 89件实事: the same noun, 项 and 件, digits swapped (35)',
    text: '# 长春市民生工作\n\n今年的民生行动计划涵盖10个大的方面，包括98项具体实事。\n\n今年民生计划89件实事，有30件是群众提出的建议。',
    expect: [['figure-conflict-draft', '89件']],
  },
  {
    name: '项 / 件 of different years are different counts',
    text: '# 长春市民生工作\n\n2008年，102件实事全部完成。今年的民生行动计划包括98项具体实事。\n\n2008年民生计划89件实事已完成。',
    expect: [],
  },
  {
    name: '项 / 件 of another noun are different counts',
    text: '# 长春市民生工作\n\n今年的民生行动计划包括98项具体实事。\n\n今年收到89件群众建议。',
    expect: [],
  },
];

checkCases('blind 30', cases, index, ctx);
