import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkHeadings } from '../../../server/src/core/headings/index';
import type { HeadingOptions } from '../../../server/src/core/headings/sequence';
import { bundleKeys } from '../../../server/src/core/l10n/index';
import editorBundle from '../../../server/src/core/l10n/zh-cn/editor.json';
import { applyEdits, context, draft, marked } from './helpers';

/**
 * Data-driven cases: `[[…]]` marks where a finding must be (and nowhere else); `fixed` is the
 * text after applying each finding's first fix, in order of the marks (omit when there is none).
 */
const cases: Array<{ name: string; source: string; fixed?: string[]; options?: HeadingOptions }> = [
  {
    name: 'a correct GB/T 9704 report has no finding',
    source: '## 一、总体情况\n## 二、主要做法\n### （一）构建网络\n1. 建立制度\n（1）明确职责\n（2）定期走访\n2. 直达直联\n### （二）搭建平台\n## 三、下一步工作\n',
  },
  {
    name: 'a skipped number is reported and renumbered with the headings after it',
    source: '一、总体情况\n[[三、]]主要做法\n四、下一步工作\n',
    fixed: ['一、总体情况\n二、主要做法\n三、下一步工作\n'],
  },
  {
    name: 'a repeated number',
    source: '（一）构建网络\n（二）搭建平台\n[[（二）]]建立机制\n',
    fixed: ['（一）构建网络\n（二）搭建平台\n（三）建立机制\n'],
  },
  {
    name: 'numbering restarts under each parent, and must start at 1',
    source: '一、总体情况\n（一）基本情况\n（二）主要成效\n二、主要做法\n[[（二）]]构建网络\n',
    fixed: ['一、总体情况\n（一）基本情况\n（二）主要成效\n二、主要做法\n（一）构建网络\n'],
  },
  {
    name: 'Arabic numbers keep their width when renumbered',
    source: '１．建立制度\n[[３．]]直达直联\n',
    fixed: ['１．建立制度\n２．直达直联\n'],
  },
  {
    name: 'numbers past ten are written the standard way',
    source: Array.from({ length: 10 }, (_, i) => `${'一二三四五六七八九十'[i]}、第${i + 1}部分\n`).join('') + '[[十二、]]其他\n',
    fixed: [Array.from({ length: 10 }, (_, i) => `${'一二三四五六七八九十'[i]}、第${i + 1}部分\n`).join('') + '十一、其他\n'],
  },
  {
    name: 'a level left out between parent and child, when the team asks for every level',
    source: '一、总体情况\n[[1.]] 建立制度\n2. 直达直联\n',
    options: { strictLevels: true },
  },
  {
    name: 'by default a numbered list straight under a part heading is no finding (real text, 清苑 2005)',
    source: '一、贴近百姓，方便群众，抓好十项民心工程\n1、便民工程，完成两条小街小巷的硬化挖补。\n2、新建和改建县城污水管网。\n',
  },
  {
    name: 'no 顿号 after a bracketed number; 1. rather than 1、',
    source: '（一）[[、]]构建网络\n1[[、]]建立制度\n',
    fixed: ['（一）构建网络\n1、建立制度\n', '（一）、构建网络\n1.建立制度\n'],
    options: { itemMarker: 'dot' },
  },
  {
    name: '1、 and 1. are both accepted unless the team chooses 1. (real text, 清苑 2008)',
    source: '（一）倾力抓好十项民心工程\n1、县城小学、幼儿园建设工程。\n2、继续实施“村村通”工程。\n',
  },
  {
    name: 'a writer who uses 1、 throughout gets one finding whose fix corrects them all',
    source: '1[[、]]建立制度\n2、直达直联\n3、限时办结\n',
    fixed: ['1.建立制度\n2.直达直联\n3.限时办结\n'],
    options: { itemMarker: 'dot' },
  },
  {
    name: 'a glossary after the body numbers on its own (real text, 高唐 2021 附：短语说明)',
    source: '一、加强政府自身建设\n（一）严明纪律\n附：短语说明\n1.“散乱污”企业：指不符合产业政策的企业。\n2.两化融合：指信息化和工业化的深度结合。\n',
  },
  {
    name: 'an item whose title starts with a figure is not a gap (real text, 高唐 2021: 21.123制造业体系)',
    source: '名词解释\n1.六稳：稳就业、稳金融。\n2.“六保”：保居民就业。\n3.123制造业体系：指做强做大一个主导产业。\n4.消费扶贫“六进”：指推进扶贫产品进机关。\n',
  },
  {
    name: 'a real gap in a glossary is still found',
    source: '名词解释\n1.六稳：稳就业、稳金融。\n2.“六保”：保居民就业。\n[[4.]]消费扶贫“六进”：指推进扶贫产品进机关。\n',
    fixed: ['名词解释\n1.六稳：稳就业、稳金融。\n2.“六保”：保居民就业。\n3.消费扶贫“六进”：指推进扶贫产品进机关。\n'],
  },
  {
    name: 'a report that nests 一、 inside （一） uses its own hierarchy: order is not judged (real text, 1955 report)',
    source: '一、国家在过渡时期的总任务\n二、第一个五年计划概要\n三、第一个五年计划的若干问题\n（一）关于工业和运输业的基本建设问题\n一、\n我国人民已经推翻了帝国主义者在中国的统治。\n二、\n我国人民推翻了封建主义。\n一、\n另一段论述。\n（二）关于工业的生产问题\n四、为完成和超额完成第一个五年计划而奋斗\n',
  },
  {
    name: 'a list restarting inside a top-level item is left when the numbers continue outside it (real text, 1981 report)',
    source: '一、依靠政策和科学加快农业的发展\n二、把消费品工业的发展放到重要地位\n三、提高能源的利用效率\n四、有重点有步骤地进行技术改造\n一、节约能源\n二、改革产品结构\n三、合理地利用资源\n五、分批进行企业的全面整顿\n六、讲究生财、聚财、用财之道\n',
  },
  {
    name: 'a second document (attachment) restarts the top level at 一、 without a finding',
    source: '一、总体情况\n二、主要做法\n附件\n一、基本情况\n[[三、]]存在问题\n',
    fixed: ['一、总体情况\n二、主要做法\n附件\n一、基本情况\n二、存在问题\n'],
  },
  {
    name: 'a restart below the top level is an error, and so is 一、 right after 一、',
    source: '一、总体情况\n（一）甲\n（二）乙\n[[（一）]]丙\n[[一、]]主要做法\n',
    fixed: ['一、总体情况\n（一）甲\n（二）乙\n（三）丙\n一、主要做法\n', '一、总体情况\n（一）甲\n（二）乙\n（一）丙\n二、主要做法\n'],
  },
  {
    name: '第X条 runs on through chapters; 第X节 restarts under each chapter',
    source: '第一章 总则\n第一节 目的\n第一条 目的\n第二章 分则\n第一节 通知\n第二条 通知\n[[第四条]] 通报\n',
    fixed: ['第一章 总则\n第一节 目的\n第一条 目的\n第二章 分则\n第一节 通知\n第二条 通知\n第三条 通报\n'],
  },
];

for (const c of cases) {
  test(`heading-sequence: ${c.name}`, () => {
    const { text, spans } = marked(c.source);
    const findings = checkHeadings(draft(text), context(), c.options);
    assert.deepEqual(
      findings.map((f) => text.slice(f.start, f.end)),
      spans.map((s) => s.text),
      JSON.stringify(findings.map((f) => f.message)),
    );
    findings.forEach((f, i) => {
      assert.equal(f.code, 'heading-sequence');
      assert.equal(f.start, spans[i].start);
      assert.ok(f.message.length > 0);
    });
    if (c.fixed) {
      assert.equal(findings.length, c.fixed.length);
      findings.forEach((f, i) => {
        assert.ok(f.fixes && f.fixes.length > 0, `finding ${i} has a fix`);
        const after = applyEdits(text, f.fixes![0].edits);
        assert.equal(after, c.fixed![i]);
        // A fixed sequence is clean of that problem.
        assert.ok(!checkHeadings(draft(after), context(), c.options).some((g) => g.start === f.start && g.message === f.message));
      });
    } else {
      findings.forEach((f) => assert.ok(!f.fixes || f.fixes.length === 0 || c.fixed, 'no uncertain fix'));
    }
  });
}

test('messages and fix titles are in Chinese for zh-cn, with the markers quoted', () => {
  const text = '一、总体情况\n三、主要做法\n四、下一步\n';
  const [f] = checkHeadings(draft(text), context('zh-cn'));
  assert.match(f.message, /“三、”/);
  assert.match(f.message, /“二、”/);
  assert.match(f.message, /[\u4e00-\u9fff]{4}/);
  assert.doesNotMatch(f.message, /[a-z]{3}/i);
  assert.match(f.fixes![0].title, /^改为“二、”/);
});

test('every message key the headings check uses has a zh-cn translation in editor.json', () => {
  const bundle = bundleKeys()['zh-cn'];
  const en = context('en');
  const seen = new Set<string>();
  const record = (m: string, ...a: Array<string | number>) => (seen.add(m), en.t(m, ...a));
  const capture = { ...en, t: Object.assign(record, { locale: 'en', t: record }) };
  const texts = [
    '一、甲\n三、乙\n四、丙\n',
    '一、甲\n三、乙\n',
    '一、甲\n一、乙\n',
    '一、甲\n1. 乙\n',
    '（一）、甲\n1、乙\n一.丙\n',
    '（一）、甲\n（二）、乙\n1、丙\n2、丁\n',
  ];
  for (const t of texts) for (const f of checkHeadings(draft(t), capture, { strictLevels: true, itemMarker: 'dot' })) f.fixes?.forEach((x) => x.title);
  assert.ok(seen.size >= 9, `messages seen: ${[...seen].join(' | ')}`);
  for (const key of seen) {
    assert.ok(bundle[key], `missing zh-cn translation for ${key}`);
    assert.equal((editorBundle as Record<string, string>)[key], bundle[key]);
    // Placeholders survive translation.
    for (const p of key.match(/\{\d\}/g) ?? []) assert.ok(bundle[key].includes(p), `${key}: ${p}`);
  }
});
