// The shipped table and what the gazetteer derives from it: chains, short forms, aliases, words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extractRegionMentions, gazetteerWords } from '../../../server/src/core/regions';
import { chainOf, stemOf } from '../../../server/src/core/regions/gazetteer';
import { builtAlike, likeness } from '../../../server/src/core/regions/fuzzy';
import { gazetteerDataDir, gazetteerVersion } from '../../../server/src/node/gazetteer';
import { gaz } from './helpers';

test('the table holds the 2023 codes: provinces, prefectures, counties, townships', () => {
  const count = [0, 0, 0, 0, 0];
  for (const r of gaz.regions.values()) count[r.level]++;
  assert.equal(count[1], 31);
  assert.ok(count[2] >= 330 && count[2] <= 342, `prefectures ${count[2]}`);
  assert.ok(count[3] >= 2900, `counties ${count[3]}`);
  assert.ok(count[4] >= 40000, `townships ${count[4]}`);
});

const chains: Array<[string, string]> = [
  ['440306', '广东省 › 深圳市 › 宝安区'],
  ['510421', '四川省 › 攀枝花市 › 米易县'],
  ['511403006', '四川省 › 眉山市 › 彭山区 › 谢家街道'],
  ['110101', '北京市 › 东城区'], // 市辖区 is skipped
  ['429004', '湖北省 › 仙桃市'], // 省直辖县级行政区划 is skipped
];
for (const [code, chain] of chains) {
  test(`chain of ${code}`, () => {
    assert.equal(chainOf(gaz, code).map(r => r.name).join(' › '), chain);
  });
}

const surfaces: Array<[string, string]> = [
  ['攀枝花', '5104'], ['宝安', '440306'], ['凉山州', '5134'], ['阿坝州', '5132'], ['凉山', '5134'],
  ['蓉城', '5101'], ['鹏城', '4403'], ['羊城', '4401'], ['内蒙古', '15'], ['峨边县', '511132'],
];
for (const [text, code] of surfaces) {
  test(`"${text}" names ${code}`, () => {
    assert.ok(gaz.surfaces.get(text)?.some(s => s.code === code), `${text} -> ${JSON.stringify(gaz.surfaces.get(text))}`);
  });
}

test('鼓楼区 names four counties', () => {
  assert.equal(gaz.surfaces.get('鼓楼区')?.length, 4);
});

test('mentions in a seed: full names, short forms, nickname, 州 form; offsets point at the text', () => {
  const text = '广东深圳宝安区组织591名干部挂点走访企业。蓉城工业动能强劲，凉山州、阿坝州同步推进。';
  const mentions = extractRegionMentions(text, gaz).filter(m => m.kind !== 'form');
  assert.deepEqual(mentions.map(m => m.text), ['广东', '深圳', '宝安区', '蓉城', '凉山州', '阿坝州']);
  for (const m of mentions) assert.equal(text.slice(m.start, m.end), m.text);
  assert.deepEqual(JSON.parse(JSON.stringify(mentions)), mentions);
});

test('common words ending in a suffix are not mentions; 城区 only right after its parent', () => {
  const text = '园区、社区、城区和景区建设，攀枝花市东区。';
  const known = extractRegionMentions(text, gaz).filter(m => m.kind !== 'form').map(m => m.text);
  assert.deepEqual(known, ['攀枝花市', '东区']);
});

test('names inside ordinary words are not mentions (适应城市, 扩大新型, 安居)', () => {
  const text = '逐步形成适应城市现代化治理，扩大新型城镇化综合试点，推进安居工程，北京朝阳区和南昌新建区。';
  const known = extractRegionMentions(text, gaz).filter(m => m.kind !== 'form').map(m => m.text);
  assert.deepEqual(known, ['北京', '朝阳区', '南昌', '新建区']);
});

test('a short form that is a common word only right after its parent (北京朝阳)', () => {
  const known = (t: string) => extractRegionMentions(t, gaz).filter(m => m.kind !== 'form').map(m => m.text);
  assert.deepEqual(known('朝阳产业和北京朝阳'), ['北京', '朝阳']);
});

test('province abbreviations only in fixed clusters', () => {
  const known = extractRegionMentions('推动川渝合作，京津冀协同发展；川菜很辣。', gaz).filter(m => m.kind === 'cluster');
  assert.deepEqual(known.map(m => m.text), ['川', '渝', '京', '津', '冀']);
});

test('gazetteerWords keeps county names whole and leaves common words out', () => {
  const words = new Set(gazetteerWords(gaz));
  for (const w of ['宝安区', '郫都区', '盐边县', '攀枝花', '凉山州', '谢家街道']) assert.ok(words.has(w), w);
  for (const w of ['和平', '城区', '东区', '光明']) assert.ok(!words.has(w), w);
});

test('the core stays pure: no fs, path, node: or vscode imports in regions', () => {
  const dir = join(__dirname, '../../../server/src/core/regions');
  for (const f of readdirSync(dir).filter(f => f.endsWith('.ts'))) {
    const src = readFileSync(join(dir, f), 'utf8');
    assert.doesNotMatch(src, /from ['"](node:|fs|path|vscode|nodejieba)/, f);
  }
});

test('the table is found from the source tree and from the bundle folder', () => {
  const root = join(__dirname, '../../..');
  for (const base of [join(root, 'server/src/node'), join(root, 'server/out')]) {
    assert.equal(gazetteerDataDir(base), join(root, 'server/data'));
  }
  assert.throws(() => gazetteerDataDir('/'));
  assert.match(gazetteerVersion(), /^[0-9a-f]{12}$/);
});

const likenessCases: Array<[string, string, RegExp]> = [
  ['按', '安', /sound/], // 宝按区 for 宝安区
  ['汉', '罕', /sound/], // 赛汉区 for 赛罕区
  ['同', '洞', /sound/], // 洪洞 is read hóng tóng
  ['悬', '县', /shape/], // 盐边悬 for 盐边县
  ['技', '枝', /^shape$/], // built alike: both hold 支
  ['郸', '郫', /^other$/], // only the radical 阝 in common
  ['新', '郫', /^other$/],
];
for (const [a, b, want] of likenessCases) {
  test(`likeness ${a} ${b}: ${want}`, () => {
    assert.match(likeness(gaz, a, b), want);
  });
}

test('sharing only a radical ranks a near miss but does not make it a look-alike', () => {
  assert.equal(builtAlike(gaz, '郸', '郫'), 'radical');
  assert.equal(builtAlike(gaz, '圳', '川'), 'part');
  assert.equal(builtAlike(gaz, '新', '郫'), null);
});

const stems: Array<[string, 1 | 2 | 3 | 4, string]> = [
  ['凉山彝族自治州', 2, '凉山'], ['黔西南布依族苗族自治州', 2, '黔西南'], ['峨边彝族自治县', 3, '峨边'],
  ['广西壮族自治区', 1, '广西'], ['浦东新区', 3, '浦东'], ['谢家街道', 4, '谢家'], ['博尔塔拉蒙古自治州', 2, '博尔塔拉'],
];
for (const [name, level, stem] of stems) {
  test(`stem of ${name}: ${stem}`, () => {
    assert.equal(stemOf(name, level).stem, stem);
  });
}
