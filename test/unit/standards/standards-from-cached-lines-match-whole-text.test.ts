// The GB/T line rules are read once per distinct line and cached; the draft's findings are then
// assembled from the cached lines (offsets shifted, ignored spans applied, the percent rule gated
// by counts over the whole draft). For any draft and any edits this equals reading the whole text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkStandards, checkStandardsUncached, STANDARDS_DEFAULTS } from '../../../server/src/core/standards';
import { createLocalizer } from '../../../server/src/core/l10n';
import { draftsIn, repoRoot, successiveEdits } from '../../helpers/editedDrafts';

const root = repoRoot;
const dir = draftsIn;
// Every rule fires here, next to code spans, an HTML comment and a fence over several lines, a URL.
const planted = [
  '经济发展,稳中向好(试行)文件。。总结...不足，，三、五天完成 5～10万人 23年3月 3千5百万 约5万人左右 国发[2024]5号',
  '百分之六点一的增长，增长6%、7%、8%、9%，投资5万、6万、7万、8万。《意见》、《方案》“一”、“二”',
  '`代码,里面` <!-- 注释', '跨行,内容 --> https://a.b/c,d 三、五天', '```', '围栏,内。。', '```',
  '三、五天`三、五天`', '附件: 1、名称。', '2、名称；', '某某人民政府', '二〇二四年三月五日', '(此件公开发布)', '“纲要》内容’',
  '2024年3月5日\r', '（此件公开发布)', '正文写于2024年3月5日，2023年1月2日', '(此件不公开)', '2025年1月1日',
].join('\n');
const texts = [
  planted,
  planted.replace(/\n/g, '\r\n'),
  ...dir(join(root, 'seeds')),
  readFileSync(join(root, 'examples/draft.md'), 'utf8'),
  ...dir(join(root, '../shared/eval/dev')),
  ...dir(join(root, '../shared/eval/dev-real')),
];

/** Edits one after another: typed, deleted, a line split, a backtick or a percentage typed. */
function edits(text: string): string[] {
  return successiveEdits(text, ['，', '\n', '', '`', '百分之五', '...', '%', '。']);
}

test('standards findings from cached lines equal the whole-text reading, before and after edits', () => {
  const ctx = { t: createLocalizer('en') };
  const defaults = (code: string) => (STANDARDS_DEFAULTS as Record<string, string>)[code] !== 'off';
  for (const text of texts) {
    for (const t of [text, ...edits(text)]) {
      const d = { text: t, norm: t };
      assert.deepEqual(checkStandards(d, ctx), checkStandardsUncached(d, ctx));
      assert.deepEqual(checkStandards(d, ctx, defaults), checkStandardsUncached(d, ctx, defaults));
    }
  }
});

test('the planted lines give findings of every line rule, and none inside code or comments', () => {
  const ctx = { t: createLocalizer('en') };
  const found = checkStandards({ text: planted, norm: planted }, ctx);
  const codes = new Set(found.map(f => f.code));
  for (const c of ['punct-halfwidth', 'punct-ellipsis', 'punct-doubled', 'punct-approximate', 'number-range-unit',
    'number-year-short', 'number-magnitude', 'number-approx-redundant', 'docnum-format', 'number-percent-chinese',
    'punct-between-titles', 'attachment-format', 'date-format', 'punct-pairs']) assert.ok(codes.has(c), c);
  const comment = planted.indexOf('<!--');
  const fenceEnd = planted.lastIndexOf('```');
  assert.ok(!found.some(f => f.start > comment && f.start < fenceEnd && f.code === 'punct-halfwidth'), 'nothing inside the comment and fence');
});

test('the Chinese-percentage rule follows the whole draft: one more Chinese percentage line turns it off', () => {
  const ctx = { t: createLocalizer('en') };
  const base = '增长6%，7%，8%，9%，投资5万、6万、7万、8万。\n百分之六点一';
  const on = checkStandards({ text: base, norm: base }, ctx).filter(f => f.code === 'number-percent-chinese');
  assert.equal(on.length, 1);
  const more = base + '\n百分之五\n百分之七';
  assert.deepEqual(checkStandards({ text: more, norm: more }, ctx), checkStandardsUncached({ text: more, norm: more }, ctx));
  assert.equal(checkStandards({ text: more, norm: more }, ctx).filter(f => f.code === 'number-percent-chinese').length, 0);
});
