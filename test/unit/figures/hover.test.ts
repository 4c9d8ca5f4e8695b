import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hoverFigure } from '../../../server/src/core/figures/index';
import { SEEDS, corpus, draft } from './helpers';

const { index, ctx } = corpus(SEEDS);

/** `|` marks the cursor. */
function hoverAt(marked: string) {
  const offset = marked.indexOf('|');
  const text = marked.replace('|', '');
  return { text, h: hoverFigure(draft(text), offset, index, ctx) };
}

test('hover on a figure: the corpus values with their source, and the normalised value', () => {
  const { text, h } = hoverAt('# 宝安区情况\n\n截至目前，宝安区挂点干部共走访企业5.|6万家次。');
  assert.ok(h);
  assert.equal(text.slice(h.start, h.end), '5.6万家次');
  assert.match(h.markdown, /56000家次/, 'normalised value');
  assert.match(h.markdown, /5\.8万家次/, 'the corpus value');
  assert.match(h.markdown, /广东深圳宝安区组织591名干部挂点走访企业/, 'the document title');
  const link = /\(command:policyDraft\.openSource\?([^)]+)\)/.exec(h.markdown);
  assert.ok(link, 'a link to the source line');
  const [source, line] = JSON.parse(decodeURIComponent(link[1]));
  assert.equal(source, 'seeds/004.txt');
  assert.ok(SEEDS[0].text.split('\n')[line].includes('5.8万家次'));
  assert.match(h.markdown, new RegExp(`seeds/004\\.txt:${line + 1}`), 'plain file:line too');
});

test('hover on the words that name a figure', () => {
  const { text, h } = hoverAt('# 成都市工业\n\n前5月，成都规模以上工业增|加值同比增长12.4%。');
  assert.ok(h);
  assert.ok(text.slice(h.start, h.end).includes('规模以上工业增加值'));
  assert.match(h.markdown, /14\.2%/);
  assert.match(h.markdown, /前5月/);
});

test('hover on a figure the corpus does not know still gives its value', () => {
  const { h } = hoverAt('# 某县情况\n\n全县新建村级活动场所1|.2万平方米。');
  assert.ok(h);
  assert.match(h.markdown, /12000平方米/);
});

test('no hover away from figures', () => {
  const { h } = hoverAt('# 某县情况\n\n持续优化营|商环境。');
  assert.equal(h, null);
});
