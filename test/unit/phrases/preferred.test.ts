// phrase-preferred: a discouraged variant a team library names gets a diagnostic and a quick fix.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkPreferredPhrases, parsePhraseLibrary } from '../../../server/src/core/phrases';
import { ctxOf, draftOf } from './helpers';

const ctx = ctxOf();
const txt = parsePhraseLibrary('.policy-draft/phrases/office.txt', [
  '# 办公室推荐写法',
  '改善营商环境 | 营造营商环境 -> 优化营商环境',
  '稳中求进总基调 -> 稳中求进工作总基调',
  '营商环境 -> 优化营商环境',
].join('\n'), ctx);
const yaml = parsePhraseLibrary('.policy-draft/phrases/office.yaml', [
  'phrases:',
  '  - phrase: 守住不发生系统性风险的底线',
  '    preferredOver: [守住不发生系统性风险底线]',
].join('\n'), ctx);

/** [draft, the discouraged texts flagged, in order]; `营商环境` inside 优化营商环境 is not flagged. */
const CASES: Array<[draft: string, flagged: string[]]> = [
  ['要持续改善营商环境，营造营商环境。', ['改善营商环境', '营造营商环境']],
  ['坚持稳中求进总基调，坚决守住不发生系统性风险底线。', ['稳中求进总基调', '守住不发生系统性风险底线']],
  ['全面优化营商环境。', []],
  ['宝安区营商环境持续向好。', ['营商环境']],
  ['堅持穩中求進總基調。', ['穩中求進總基調']],
  ['坚持稳中求进工作总基调，守住不发生系统性风险的底线。', []],
];

test('discouraged variants are flagged where they are, with the preferred form as the fix', () => {
  for (const [text, flagged] of CASES) {
    const draft = draftOf(text);
    const findings = checkPreferredPhrases(draft, [txt, yaml], ctx);
    assert.deepEqual(findings.map(f => text.slice(f.start, f.end)), flagged, text);
    for (const f of findings) {
      assert.equal(f.code, 'phrase-preferred');
      const [edit] = f.fixes![0].edits;
      assert.deepEqual([edit.start, edit.end], [f.start, f.end]);
      const fixed = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
      // The fix writes the preferred phrase, and nothing is flagged there afterwards.
      assert.ok(checkPreferredPhrases(draftOf(fixed), [txt, yaml], ctx).every(g => g.start !== f.start), fixed);
      assert.equal(f.fixes![0].preferred, true);
    }
  }
});

test('evidence points at the library entry', () => {
  const [f] = checkPreferredPhrases(draftOf('坚决守住不发生系统性风险底线'), [txt, yaml], ctx);
  assert.equal(f.related![0].source, '.policy-draft/phrases/office.yaml');
  assert.deepEqual(f.related![0].start, { line: 1, character: 4 });
  assert.ok(f.message.includes('守住不发生系统性风险的底线'));
});

test('no libraries, no findings', () => {
  assert.deepEqual(checkPreferredPhrases(draftOf('改善营商环境'), [], ctx), []);
});
