// Places that are no divisions (natural features, zones and new areas, irrigation districts, ports,
// schools and road sections named after places) are never misspelt divisions or wrong chains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRegions } from '../../../server/src/core/regions';
import { context, covered, draft, gaz, indexOf } from './helpers';

const index = indexOf([]);
const codes = (text: string) => checkRegions(draft(text), gaz, index, new Set(), context()).map(f => `${f.code}:${text.slice(f.start, f.end)}`);

const clean: Array<[string, string]> = [
  ['a nature reserve (大青山)', '内蒙古大青山国家级自然保护区生态修复持续推进。'],
  ['an irrigation district (邕北灌区)', '广西南宁市邕北灌区续建配套与节水改造项目完成投资。'],
  ['a port (黄磏港)', '黄磏港码头开工建设，港口吞吐能力进一步提升。'],
  ['a city new area by a lake (滨湖新区)', '全力支持滨湖新区加快建设，完善路网布局。'],
  ['a city new area (江东新区)', '推进江东新区建设，打造城市发展新引擎。'],
  ['a zone named after a sea (渤海新区)', '沧州渤海新区加快建设临港产业集群。'],
  ['a school named after two places (重庆昌都完全中学)', '援建重庆昌都完全中学教学楼。'],
  ['a road section between two places (张坊至德州, 蠡县段)', '谋划实施S230张坊至德州蠡县段项目。'],
  ['a zone named after a district (站前片区)', '高标准打造站前片区，发展商贸服务业。'],
];
for (const [name, text] of clean) {
  test(`regions: no alarm on ${name}`, () => assert.deepEqual(codes(text), []));
}

test('a sound-alike of a division that is a new area is still a typo (蒲东新区)', () => {
  const text = '上海市蒲东新区加快建设社会主义现代化建设引领区。';
  assert.deepEqual(covered(text, checkRegions(draft(text), gaz, index, new Set(), context()), 'region-unknown'), ['蒲东新区']);
});

test('a wrong chain written in full stays wrong before an institution (四川省宝安区人民医院)', () => {
  assert.deepEqual(codes('四川省宝安区人民医院完成改扩建。'), ['region-hierarchy:四川省宝安区']);
});
