// Region hover: chain, level, code, and the latest corpus documents that mention the region.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverRegion } from '../../../server/src/core/regions';
import { context, corpusDoc, draft, gaz, indexOf } from './helpers';

const docs = [
  corpusDoc('seeds/004.txt#0', '广东深圳宝安区组织591名干部挂点走访企业', '2023-06-01',
    '2023年以来,宝安区组织全区591名干部挂点对接区内企业。'),
  corpusDoc('seeds/004.txt#1', '干部下沉一线 切实助企发展', '2023-09-12', '来自宝安区民政局的企业挂点干部迅速组织企业所在街道。'),
  corpusDoc('seeds/000.txt#3', '彭山区谢家镇创新督查机制提升政务效能', '2024-03-02',
    '在深化基层治理与优化营商环境的背景下,彭山区谢家镇通过成立专项督查办公室。'),
];
const index = indexOf(docs);

/** Hovers at the `|` marker. */
function hoverAt(fixture: string, locale = 'en') {
  const offset = fixture.indexOf('|');
  const text = fixture.replace('|', '');
  return { text, hover: hoverRegion(draft(text), offset, gaz, index, context(docs, locale)) };
}

test('hover on a county: chain, level, code and the latest corpus documents first', () => {
  const { text, hover } = hoverAt('广东省深圳市宝|安区组织干部挂点。');
  assert.ok(hover);
  assert.equal(text.slice(hover.start, hover.end), '宝安区');
  assert.match(hover.markdown, /广东省 › 深圳市 › 宝安区/);
  assert.match(hover.markdown, /440306/);
  assert.match(hover.markdown, /2 times in 2/);
  assert.ok(hover.markdown.indexOf('2023-09-12') < hover.markdown.indexOf('2023-06-01'));
});

test('hover resolves a repeated name by its parent (福州市鼓楼区)', () => {
  const { hover } = hoverAt('福州市鼓|楼区推进老城更新。');
  assert.ok(hover);
  assert.match(hover.markdown, /福建省 › 福州市 › 鼓楼区/);
  assert.doesNotMatch(hover.markdown, /南京市/);
});

test('hover on a renamed township known from the corpus names its current form', () => {
  const { hover } = hoverAt('彭山区谢家|镇创新督查机制。');
  assert.ok(hover);
  assert.match(hover.markdown, /谢家街道/);
  assert.match(hover.markdown, /彭山区谢家镇创新督查机制提升政务效能/);
});

test('hover in Chinese; nothing on ordinary words', () => {
  const { hover } = hoverAt('广东省深圳市宝|安区组织干部挂点。', 'zh-cn');
  assert.match(hover!.markdown, /县级/);
  assert.equal(hoverAt('持续优化营|商环境。').hover, null);
});

test('hover on a nickname and on a historical name', () => {
  const nick = hoverAt('蓉|城工业动能强劲。').hover;
  assert.ok(nick);
  assert.match(nick.markdown, /四川省 › 成都市/);
  const old = hoverAt('热河|省、西康省先后撤销。').hover;
  assert.ok(old);
  assert.match(old.markdown, /Historical name: .*河北省/);
});
