// region-unknown and region-hierarchy over sentences from the seeds and the eval drafts, with planted errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRegions } from '../../../server/src/core/regions';
import { context, corpusDoc, covered, draft, gaz, indexOf } from './helpers';

const empty = indexOf([]);

const unknownCases: Array<{ text: string; flagged: string[]; fix?: string }> = [
  { text: '2023年以来，广东省深圳市宝按区组织全区591名干部挂点对接区内企业。', flagged: ['宝按区'], fix: '宝安区' },
  { text: '依托阳光康养、特色农业等优势产业，在盐边悬、米易县等民族聚居区打造现代农业产业园。', flagged: ['盐边悬'], fix: '盐边县' },
  { text: '蓉城与重庆联合打造世界级电子信息产业集群，郸都区、双流区布局53个关键配套项目。', flagged: ['郸都区'], fix: '郫都区' },
  { text: '2015年，攀枝华摘除6项国家级、省级重点监管帽子，事故总量同比下降28.59%。', flagged: ['攀枝华'], fix: '攀枝花' },
  { text: '内蒙古呼和浩特市赛汉区推进城市更新行动。', flagged: ['赛汉区'], fix: '赛罕区' },
  { text: '山西省临汾市洪同县开展农村人居环境整治。', flagged: ['洪同县'], fix: '洪洞县' },
  { text: '打造西部创新高地再添引擎 称都市推出系统性政策。', flagged: ['称都市'], fix: '成都市' },
  { text: '内蒙古丁志军  眼下,内幕古自治区呼和浩特市年轻干部。', flagged: ['内幕古自治区'], fix: '内蒙古自治区' },
  { text: '宝安区福海街到、松岗街道同步建立企业联络员制度。', flagged: ['福海街到'], fix: '福海街道' },
  { text: '宜宾市拱县探索“五大路径” 聚力打造山区县基层治理示范样板。', flagged: ['拱县'], fix: '珙县' },
  { text: '呼和浩特市着重在学习培训上下功夫。玉全区、回民区等地同步建立干部实绩档案。', flagged: ['玉全区'], fix: '玉泉区' },
  // Not misspellings: common words ending like a region, renamed places, old provinces, nicknames, zones.
  { text: '为资源型城市转型发展提供可复制的实践经验，扩大新型城镇化综合试点。', flagged: [] },
  { text: '引导乡镇企业加快结构调整，加强乡村教师队伍建设，优化区域开放布局。', flagged: [] },
  { text: '在深化基层治理与优化营商环境的背景下,彭山区谢家镇通过成立专项督查办公室。', flagged: [] },
  { text: '热河省、西康省和松江省先后撤销，广东省清远县试行由县统一管理。', flagged: [] },
  { text: '在红格镇试点“文旅+民族团结”融合发展模式，凉山州、阿坝州同步推进，鹏城、蓉城携手。', flagged: [] },
  { text: '印度军队侵入中国管辖之下的阿克赛钦地区。', flagged: [] },
  { text: '四川珙县探索“五大路径” 聚力打造山区县基层治理示范样板。', flagged: [] },
  { text: '逐步形成适应城市现代化治理的机制，扩大新型城镇化综合试点，以上地市全部覆盖，我国有上亿市场主体。', flagged: [] },
  { text: '经形成亚洲的和平地区，推动实现中立区的主张，如黄、淮、海地区的盐碱地得到治理。', flagged: [] },
  { text: '建成河北潘家口水库，维护中国管辖之下的阿克赛钦地区。', flagged: [] },
  { text: '阿坝州壤塘县等高原县财政收入实现跨越式增长，各贫困县全部摘帽。', flagged: [] },
  { text: '呼和浩特市全区上下统筹推进。推动全区经济发展，该区全区动员，各区全区域推进。', flagged: [] },
];

for (const c of unknownCases) {
  test(`region-unknown: ${c.text.slice(0, 24)}`, () => {
    const findings = checkRegions(draft(c.text), gaz, empty, new Set(), context());
    assert.deepEqual(covered(c.text, findings, 'region-unknown'), c.flagged);
    if (c.fix) {
      const f = findings.find(x => x.code === 'region-unknown')!;
      assert.equal(f.fixes?.[0].edits[0].newText, c.fix);
      assert.equal(c.text.slice(0, f.start) + c.fix + c.text.slice(f.end), c.text.replace(c.flagged[0], c.fix));
    }
  });
}

test('region-unknown: a team name is known', () => {
  const text = '在宝按区推动干部下沉一线。';
  assert.equal(covered(text, checkRegions(draft(text), gaz, empty, new Set(), context()), 'region-unknown').length, 1);
  assert.equal(covered(text, checkRegions(draft(text), gaz, empty, new Set(['宝按区']), context()), 'region-unknown').length, 0);
});

test('region-unknown: one corpus source (or two versions of one draft) does not vouch for a near miss, two do', () => {
  const text = '在宝按区推动干部下沉一线。';
  const one = indexOf([corpusDoc('a.txt#0', 'A', '2023-01-01', '宝按区组织干部走访企业。')]);
  const two = indexOf([
    corpusDoc('a.txt#0', 'A', '2023-01-01', '宝按区组织干部走访企业。'),
    corpusDoc('b.txt#0', 'B', '2023-02-01', '宝按区推动服务企业常态长效。'),
  ]);
  const versions = indexOf([
    corpusDoc('draft-v1.txt#0', '宝安区挂点服务企业情况', '2023-01-01', '宝按区组织干部走访企业。'),
    corpusDoc('draft-v2.txt#0', '宝安区挂点服务企业情况', '2023-01-02', '宝按区组织干部走访企业。'),
  ]);
  assert.equal(covered(text, checkRegions(draft(text), gaz, one, new Set(), context()), 'region-unknown').length, 1);
  assert.equal(covered(text, checkRegions(draft(text), gaz, versions, new Set(), context()), 'region-unknown').length, 1);
  assert.equal(covered(text, checkRegions(draft(text), gaz, two, new Set(), context()), 'region-unknown').length, 0);
});

const hierarchyCases: Array<{ text: string; flagged: string[]; fix?: string }> = [
  { text: '在凉山州米易县实施农村道路硬化项目。', flagged: ['凉山州米易县'], fix: '攀枝花市' },
  { text: '四川省宝安区组织全区591名干部挂点对接区内企业。', flagged: ['四川省宝安区'], fix: '广东省' },
  { text: '乐山市彭山区谢家镇创新督查机制提升政务效能。', flagged: ['乐山市彭山区'], fix: '眉山市' },
  { text: '湖北省张家界推进全域旅游。', flagged: ['湖北省张家界'], fix: '湖南省' },
  { text: '四川省重庆市联合打造世界级电子信息产业集群。', flagged: ['四川省重庆市'] },
  { text: '广州市宝安组织全区591名干部挂点对接区内企业。', flagged: ['广州市宝安'], fix: '深圳市' },
  { text: '攀枝花市仁和区红格镇试点“文旅+民族团结”融合发展模式。', flagged: ['仁和区红格镇'], fix: '盐边县' },
  // Correct chains, repeated names resolved by their parent, lists and words after a place.
  { text: '南京市鼓楼区、福州市鼓楼区和鼓楼区都在推进老城更新。', flagged: [] },
  { text: '四川省攀枝花市米易县、广东深圳宝安区、吉林省吉林市、眉山市彭山区谢家镇。', flagged: [] },
  { text: '甘肃岷县漳县地震，继续建设黑龙江三江平原、淮北平原和青海三江源。', flagged: [] },
  { text: '宝安区福海街道、松岗街道、沙井街道同步建立企业联络员制度，眉山市彭山区谢家镇创新督查机制。', flagged: [] },
];

for (const c of hierarchyCases) {
  test(`region-hierarchy: ${c.text.slice(0, 24)}`, () => {
    const findings = checkRegions(draft(c.text), gaz, empty, new Set(), context());
    assert.deepEqual(covered(c.text, findings, 'region-hierarchy'), c.flagged);
    if (c.fix) {
      const f = findings.find(x => x.code === 'region-hierarchy')!;
      assert.equal(f.fixes?.[0].edits[0].newText, c.fix);
      assert.match(f.message, / › /);
    }
  });
}

test('region-unknown ranks a same-radical look-alike first and prefers it (郸都区 -> 郫都区)', () => {
  const text = '蓉城与重庆联合打造世界级电子信息产业集群，郸都区、双流区布局53个关键配套项目。';
  const f = checkRegions(draft(text), gaz, empty, new Set(), context()).find(x => x.code === 'region-unknown')!;
  assert.deepEqual(f.fixes?.map(x => x.edits[0].newText).slice(0, 2), ['郫都区', '新都区']);
  assert.equal(f.fixes?.[0].preferred, true);
  assert.equal(f.fixes?.[1].preferred, undefined);
});

test('findings report offsets on the text as typed (traditional characters)', () => {
  const text = '四川省攀枝花市鹽邊悬、米易縣等民族聚居區。';
  const norm = '四川省攀枝花市盐边悬、米易县等民族聚居区。';
  const f = checkRegions({ text, norm }, gaz, empty, new Set(), context());
  assert.deepEqual(covered(text, f, 'region-unknown'), ['鹽邊悬']);
  assert.match(f[0].message, /鹽邊悬/);
});

test('findings speak Chinese under a Chinese locale', () => {
  const text = '在凉山州米易县和宝按区实施农村道路硬化项目。';
  const findings = checkRegions(draft(text), gaz, empty, new Set(), context([], 'zh-cn'));
  assert.equal(findings.length, 2);
  for (const f of findings) assert.doesNotMatch(f.message, /[A-Za-z]{4,}/);
});
