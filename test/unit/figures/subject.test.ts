// Who a figure is about: the region recogniser on real sentences (seeds and eval drafts 04–13).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findSubjects, mainSubjectOf } from '../../../server/src/core/figures/subject';

const keys = (text: string) => findSubjects(text).map(m => m.key).join(' ');

const cases: Array<[string, string, string]> = [
  ['a category of county is no region', '珙县地处四川盆地南缘，是典型的山区资源县。', '珙 四川'],
  ['provinces are a closed list', '推动政策性金融合作协议的签订，促成省分行与市政府在全省率先合作。', '*'],
  ['a province with its suffix', '河北省邢台市威县强化党建引领。', '河北 邢台 威'],
  ['a zone of a park is no region', '划分企业孵化区、直播实训中心、冷链物流仓配区及公共服务平台四大功能模块。', ''],
  ['a strong city is no region', '坚定不移地走好产业强市之路。', ''],
  ['a name that begins with a suffix character', '镇江市产业强市工作推进情况', '镇江'],
  [
    'a name that begins with a suffix character, repeated without a suffix',
    '以后不再提镇江是小城市，镇江一点都不小。是当前镇江面临的突出短板。相信镇江能行！力争更多大项目落户镇江。',
    '镇江 镇江 镇江 镇江 镇江',
  ],
  ['a development zone is a subject of its own', '山东河口经济开发区积极探索园区党建。河口经开区持续推进助企强企行动。', '河口·开发区 河口·开发区'],
  ['a high-tech zone is not its city', '成都高新区新增企业1200家，成都市新增企业5万家。', '成都·高新区 成都'],
  ['a national-level zone names no place', '丹阳、句容要加快创建国家级经济开发区。', ''],
];

for (const [name, text, want] of cases) {
  test(`subjects: ${name}`, () => assert.equal(keys(text), want));
}

test('subjects: the main subject of a speech that names its city only bare', () => {
  const text = '市长在经济工作会议上的讲话\n镇江是苏南五市之一。以后不再提镇江是小城市，镇江很有前途。是当前镇江面临的突出短板。相信镇江能行！全市有11家企业为C919提供生产配套。';
  assert.equal(mainSubjectOf(text, '市长在经济工作会议上的讲话')?.key, '镇江');
});
