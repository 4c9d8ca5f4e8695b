// Diagnostics as the editor shows them: codes, ranges, Chinese messages, evidence.
'use strict';
const assert = require('assert');
const path = require('path');
const { test } = require('./harness');
const h = require('./helpers');
const { vscode } = h;

test('the extension activates and its language is registered', async () => {
  const langs = await vscode.languages.getLanguages();
  assert.ok(langs.includes('policy-draft'), 'policy-draft language contributed');
  const doc = await h.openFixture('drafts/outline.gw');
  assert.equal(doc.languageId, 'policy-draft');
  const ext = vscode.extensions.all.find((e) => e.packageJSON && e.packageJSON.name === 'policy-draft');
  assert.ok(ext, 'extension found');
  await h.waitFor(() => ext.isActive, { what: 'extension activation' });
});

test('the editor runs in Chinese (zh-cn), so messages should be Chinese', async () => {
  assert.equal(vscode.env.language, process.env.POLICY_DRAFT_E2E_LOCALE || 'zh-cn');
});

test('script-mixed: traditional characters in a simplified draft', async () => {
  const doc = await h.openFixture('drafts/script-mixed.md');
  const diags = await h.waitForDiagnostics(doc.uri, ['script-mixed'], { timeout: 90_000 });
  const mixed = diags.filter((d) => h.codeOf(d) === 'script-mixed');
  const planted = h.rangeOf(doc, '經濟');
  assert.ok(
    mixed.some((d) => h.overlaps(d.range, planted)),
    `a script-mixed diagnostic over 經濟; got ${h.describeDiagnostics(doc.uri)}`,
  );
  // Nothing flagged in the simplified title or the figures.
  assert.ok(!mixed.some((d) => d.range.start.line === 0), 'the title is simplified');
  for (const d of mixed) h.assertChinese(d.message);
}, { timeout: 120_000 });

/** Every planted error of a dev draft (see its .expected.json) that is not optional. */
function plantedCases(name) {
  const expected = h.readExpected(`drafts/${name}.expected.json`);
  return expected.expect.filter((e) => !e.optional);
}

for (const name of ['01-baoan', '03-chengdu', '02-panzhihua']) {
  test(`planted errors in ${name}.md are reported where they are`, async () => {
    const doc = await h.openFixture(`drafts/${name}.md`);
    const planted = plantedCases(name);
    const codes = [...new Set(planted.map((p) => p.code))];
    await h.waitForDiagnostics(doc.uri, codes, { timeout: 90_000 });
    const diags = h.ours(doc.uri);
    const missing = [];
    for (const p of planted) {
      const places = p.any.map((a) => h.rangeOf(doc, a.text, a.nth || 1));
      const hit = diags.some((d) => h.codeOf(d) === p.code && places.some((r) => h.overlaps(d.range, r)));
      if (!hit) missing.push(`${p.code} at ${p.any.map((a) => a.text).join('/')} (${p.note})`);
    }
    assert.deepEqual(missing, [], `missing; got ${h.describeDiagnostics(doc.uri)}`);
    for (const d of diags) {
      h.assertChinese(d.message, `${h.codeOf(d)} message`);
      assert.ok(!d.range.isEmpty, `non-empty range for ${h.codeOf(d)}`);
    }
  }, { timeout: 120_000 });
}

test('figure-conflict-corpus cites the corpus document as related information', async () => {
  const doc = await h.openFixture('drafts/01-baoan.md');
  await h.waitForDiagnostics(doc.uri, ['figure-conflict-corpus'], { timeout: 90_000 });
  const planted = h.rangeOf(doc, '5.6万家次');
  const d = h.ours(doc.uri).find((x) => h.codeOf(x) === 'figure-conflict-corpus' && h.overlaps(x.range, planted));
  assert.ok(d, h.describeDiagnostics(doc.uri));
  assert.match(d.message, /5\.8/, `the message says what the corpus says: ${d.message}`);
  const related = d.relatedInformation || [];
  assert.ok(related.length > 0, 'evidence attached');
  assert.ok(
    related.some((r) => /seeds/.test(r.location.uri.path) || /004_/.test(path.basename(r.location.uri.path))),
    `evidence points into the corpus: ${related.map((r) => r.location.uri.toString()).join(', ')}`,
  );
});

test('heading-sequence: a skipped and a repeated heading number', async () => {
  const doc = await h.openFixture('drafts/headings.md');
  const diags = await h.waitForDiagnostics(doc.uri, ['heading-sequence'], { timeout: 90_000 });
  const heading = diags.filter((d) => h.codeOf(d) === 'heading-sequence');
  const skipped = h.rangeOf(doc, '三、');
  const repeated = h.rangeOf(doc, '（一）', 2);
  assert.ok(heading.some((d) => h.overlaps(d.range, skipped)), `三、 flagged; got ${h.describeDiagnostics(doc.uri)}`);
  assert.ok(heading.some((d) => h.overlaps(d.range, repeated)), `second （一） flagged; got ${h.describeDiagnostics(doc.uri)}`);
  assert.equal(heading.length, 2, h.describeDiagnostics(doc.uri));
  const first = heading.find((d) => h.overlaps(d.range, skipped));
  assert.match(first.message, /二、/, first.message);
  h.assertChinese(first.message);
}, { timeout: 120_000 });
