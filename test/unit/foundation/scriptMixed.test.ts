import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkMixedScript, fixAllMixedScript } from '../../../server/src/core/checks/scriptMixed';
import { createLocalizer } from '../../../server/src/core/l10n';

const t = createLocalizer('en');

function applyFix(text: string, start: number, end: number, newText: string): string {
  return text.slice(0, start) + newText + text.slice(end);
}

const table: Array<[string, string[], string]> = [
  ['全市經濟发展势头良好，招商引资成效明显。', ['經濟'], '全市经济发展势头良好，招商引资成效明显。'],
  ['宝安区組織591名干部挂点走訪企业。', ['組織', '訪'], '宝安区组织591名干部挂点走访企业。'],
  ['珙縣創新“五大路徑”，推進基層治理。全县经济', ['县经济'], '珙縣創新“五大路徑”，推進基層治理。全縣經濟'],
];

for (const [draft, flagged, fixed] of table) {
  test(`script-mixed: ${draft}`, () => {
    const findings = checkMixedScript(draft, { t });
    assert.deepEqual(findings.map(f => draft.slice(f.start, f.end)), flagged);
    assert.ok(findings.every(f => f.code === 'script-mixed' && f.fixes?.[0].edits.length === 1));
    let text = draft;
    for (const e of fixAllMixedScript(draft).reverse()) text = applyFix(text, e.start, e.end, e.newText);
    assert.equal(text, fixed);
  });
}

test('a wholly simplified draft raises nothing, including words that look traditional', () => {
  assert.deepEqual(checkMixedScript('著名的乾隆时期遗址位于头发胡同，干部走访企业。', { t }), []);
});

test('the Chinese message follows the zh-cn locale', () => {
  const [f] = checkMixedScript('全市經濟发展势头良好', { t: createLocalizer('zh-CN') });
  assert.match(f.message, /繁体/);
});
