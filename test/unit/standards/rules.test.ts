// Table tests per GB/T rule, from real sentences: `[[…]]` marks where a finding of the rule must be
// (and nowhere else); `fixed` is the text after applying the single certain fix of every finding.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkStandards, type StandardsCode } from '../../../server/src/core/standards/index';
import { applyEdits, context, draft, marked } from '../headings/helpers';

interface Case {
  source: string;
  fixed?: string;
  /** Several fixes offered (a choice for the writer), none preferred. */
  choice?: boolean;
  note?: string;
}

const table: Record<StandardsCode, Case[]> = {
  'punct-halfwidth': [
    { source: '1、便民工程[[,]]完成两条小街小巷的硬化挖补，新建3处公厕。', fixed: '1、便民工程，完成两条小街小巷的硬化挖补，新建3处公厕。', note: '清苑 2005' },
    { source: '向关心支持徐水发展的各界朋友表示崇高的敬意和衷心的感谢[[!]]\n', fixed: '向关心支持徐水发展的各界朋友表示崇高的敬意和衷心的感谢！\n', note: '徐水 2011' },
    { source: '肉羊出栏达到700万只[[;]]全面对接朝阳区职业教育。', fixed: '肉羊出栏达到700万只；全面对接朝阳区职业教育。', note: '唐县 2020' },
    { source: '分期分批对国家公务员特别是县[[(处)]]级以上领导干部进行普及。', fixed: '分期分批对国家公务员特别是县（处）级以上领导干部进行普及。', note: '2002 national report' },
    { source: '三次产业比例调整到20:50:30；增长6.1%，详见 https://www.gov.cn/zhengce,2024。' },
    { source: '使用`a,b`格式；全面落实PM2.5,PM10监测。' },
  ],
  'punct-ellipsis': [
    { source: '加强重点部位、重点人群和关键环节防控[[...]]保障群众安全。', fixed: '加强重点部位、重点人群和关键环节防控……保障群众安全。' },
    { source: '推进农村改厕、垃圾处理、污水治理[[。。。]]', fixed: '推进农村改厕、垃圾处理、污水治理……' },
    { source: '“五五”“六五”……等五年计划的经验。' },
    { source: '目录\n一、总体情况..........1\n' },
  ],
  'punct-doubled': [
    { source: '确保广大人民群众“舌尖上的安全”[[。。]]\n', fixed: '确保广大人民群众“舌尖上的安全”。\n', note: '易县 2025' },
    { source: '以更加昂扬的斗志，更加奋发有为的精神状态[[，，]]更加扎实的工作作风。', fixed: '以更加昂扬的斗志，更加奋发有为的精神状态，更加扎实的工作作风。', note: '2006 national report' },
    { source: '加强重点领域防控。。。' },
  ],
  'punct-pairs': [
    { source: '带头“过紧日子”，严控“三公”经费[[”]]支出，把有限财力更多用在民生上。', note: '高唐 2021' },
    { source: '“六五[[’]]期间，通过调整和改革，生产发展，而“六五”期间的增加额大大超过预期。', note: '1986 national report' },
    { source: '他提到O’Neill的研究，“老干部是‘民主派’，‘民主派’就是‘走资派’”，办好“中国’99昆明世界园艺博览会”。', note: '十一大 report, 1999 national report' },
    { source: '《河北雄安新区总体规划\n（2018—2035年）》印发实施。', note: 'a copy that breaks lines inside a title' },
    { source: '毛主席指出：“\n要团结，不要分裂。\n”这是一条根本原则。', note: 'a quotation set on lines of its own' },
    { source: '他说：“第一段引文。\n“第二段引文。”\n' },
    { source: '一是建设社会主义新农村。“纲要（草案）[[》]]把解决“三农”问题放在首位。', note: '2006 national report: the wrong opening mark is reported once, not again at “三农”' },
  ],
  'punct-between-titles': [
    { source: '以建设“诚信清苑”[[、]]“和谐清苑”为目标。', fixed: '以建设“诚信清苑”“和谐清苑”为目标。', note: '清苑 2005' },
    { source: '认真贯彻《意见》[[、]]《方案》。', fixed: '认真贯彻《意见》《方案》。' },
    { source: '贯彻《意见》（试行）、《方案》。', note: 'a note between the titles: 顿号 allowed' },
  ],
  'punct-approximate': [
    { source: '经过二[[、]]三个月以后，这个学校定会取得很大的成绩。', fixed: '经过二三个月以后，这个学校定会取得很大的成绩。', note: '一大 report' },
    { source: '薯类的产量要比一般杂粮多五[[、]]六倍。', fixed: '薯类的产量要比一般杂粮多五六倍。', note: '1955 national report' },
    { source: '改造二、三次管网50万平米。', note: '涞源 2020: secondary and tertiary networks, a list' },
    { source: '第一、二批试点已完成，一、二年级学生全部入学，一、二季度增长较快。' },
  ],
  'number-percent-chinese': [
    { source: '全年增长6.5%，居民收入增长7%，财政收入增长5.2%，进出口增长8%，实际增长[[百分之六点一]]。', fixed: '全年增长6.5%，居民收入增长7%，财政收入增长5.2%，进出口增长8%，实际增长6.1%。' },
    { source: '工业总产值比1956年将增长百分之四点五，农业总产值将增长百分之四点九，基本建设投资缩减百分之二十，达到六百零三亿元。', note: '1957 report: statistics in Chinese numerals throughout, the rule of its time' },
    { source: '增长6.5%、7%、5.2%、3%，群众满意度达到百分之百。' },
  ],
  'number-range-unit': [
    { source: '其他县城发展成为[[10-20万]]人的中小城市。', fixed: '其他县城发展成为10万-20万人的中小城市。', note: '保定 2011' },
    { source: '有[[10—15%]]过着少吃少穿的生活。', fixed: '有10%—15%过着少吃少穿的生活。', note: '1957 national report' },
    { source: '规划期为2021-2035年，5万～10万人的城市，年均增长4%～6%。' },
  ],
  'number-year-short': [
    { source: '计划于[[23年]]3月底前完成。' },
    { source: '确保完成PM2.5、PM10年度治理任务，力争用3-5年底前基本完成，近10年底数不清。', note: '顺平 2023: PM10年度' },
  ],
  'number-magnitude': [
    { source: '总投资[[3千5百万]]元。', fixed: '总投资3500万元。' },
    { source: '带动就业[[5百万]]人。', fixed: '带动就业500万人。' },
    { source: '日均新设企业由5千多户增加到1万6千多户，出境旅游人次增加到1亿3千多万，完成精品培育5千亩。', note: '2018 national report, 顺平 2022' },
  ],
  'number-approx-redundant': [
    { source: '全年接待游客[[约120万人次左右]]。', choice: true },
    { source: '参保率[[超过95%以上]]。', choice: true },
    { source: '坚持节约120万元左右的原则；制约3个以上因素。' },
  ],
  'docnum-format': [
    { source: '根据《通知》（冀政办[[[2023]5号]]）要求。', fixed: '根据《通知》（冀政办〔2023〕5号）要求。' },
    { source: '按照保政发[[〔2024〕第5号]]文件。', fixed: '按照保政发〔2024〕5号文件。' },
    { source: '按照保政发[[〔2024〕05号]]文件。', fixed: '按照保政发〔2024〕5号文件。' },
    { source: '按照国发[[〔24〕5号]]文件。' },
    { source: '按照国发〔2024〕5号、国办发〔2023〕12号文件。' },
  ],
  'date-format': [
    { source: '特此通知。\n\n保定市人民政府\n[[二〇二四年三月五日]]\n', fixed: '特此通知。\n\n保定市人民政府\n2024年3月5日\n' },
    { source: '保定市人民政府\n[[二〇二四年十二月三十一日]]\n（此件公开发布）\n', fixed: '保定市人民政府\n2024年12月31日\n（此件公开发布）\n' },
    { source: '一九五五年七月五日\n在第一届全国人民代表大会第二次会议上\n', note: 'a date heading a speech' },
    { source: '保定市人民政府\n2024年3月5日\n' },
  ],
  'attachment-format': [
    { source: '附件[[:]]保定市2024年重点项目清单\n', fixed: '附件：保定市2024年重点项目清单\n' },
    { source: '附件：1[[、]]重点项目清单\n      2[[、]]责任分工方案\n', fixed: '附件：1.重点项目清单\n      2.责任分工方案\n' },
    { source: '附件：重点项目清单[[。]]\n', fixed: '附件：重点项目清单\n' },
    { source: '附件：1.重点项目清单\n      2.责任分工方案\n' },
    { source: '保定市人民政府\n2024年3月5日\n[[(此件公开发布)]]\n', fixed: '保定市人民政府\n2024年3月5日\n（此件公开发布）\n', note: '附注 under the date' },
    { source: '保定市人民政府\n2024年3月5日\n[[此件公开发布]]\n', fixed: '保定市人民政府\n2024年3月5日\n（此件公开发布）\n' },
    { source: '保定市人民政府\n2024年3月5日\n（此件公开发布）\n' },
  ],
};

for (const [code, cases] of Object.entries(table) as Array<[StandardsCode, Case[]]>) {
  cases.forEach((c, i) => {
    test(`${code} #${i + 1}${c.note ? ` (${c.note})` : ''}: ${c.source.slice(0, 24).replace(/\n/g, '⏎')}`, () => {
      const { text, spans } = marked(c.source);
      const found = checkStandards(draft(text), context(), (x) => x === code);
      assert.deepEqual(found.map((f) => text.slice(f.start, f.end)), spans.map((s) => s.text), JSON.stringify(found.map((f) => f.message)));
      for (const f of found) {
        assert.equal(f.code, code);
        assert.ok(f.message.length > 0);
      }
      if (c.fixed !== undefined) {
        const edits = found.flatMap((f) => {
          assert.equal(f.fixes?.length, 1, 'one certain fix');
          assert.equal(f.fixes![0].preferred, true);
          return f.fixes![0].edits;
        });
        const after = applyEdits(text, edits);
        assert.equal(after, c.fixed);
        assert.deepEqual(checkStandards(draft(after), context(), (x) => x === code), [], 'the fixed text is clean');
      } else if (c.choice) {
        for (const f of found) {
          assert.ok((f.fixes?.length ?? 0) >= 2);
          assert.ok(f.fixes!.every((x) => !x.preferred), 'a choice is never preferred');
        }
      } else {
        for (const f of found) assert.ok(!f.fixes?.some((x) => x.preferred), 'no certain fix offered');
      }
    });
  });
}

test('messages are in Chinese for zh-cn and every key has a translation', () => {
  const sample = Object.values(table).flat().map((c) => marked(c.source).text).join('\n\n');
  const zh = checkStandards(draft(sample), context('zh-cn'));
  assert.ok(zh.length >= 20);
  for (const f of zh) {
    assert.doesNotMatch(f.message, /\b(?:the|write|no|and)\b/i, f.message);
    for (const x of f.fixes ?? []) assert.doesNotMatch(x.title, /\b(?:the|with|remove|replace|keep)\b/i, x.title);
  }
});

test('every rule has at least one case that fires and one real sentence that must stay silent', () => {
  for (const [code, cases] of Object.entries(table)) {
    assert.ok(cases.some((c) => c.source.includes('[[')), code);
    assert.ok(cases.some((c) => !c.source.includes('[[')), code);
  }
});
