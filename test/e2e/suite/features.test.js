// Quick fixes, hover, completion and the outline through the editor's own commands.
'use strict';
const assert = require('assert');
const { test } = require('./harness');
const h = require('./helpers');
const { vscode } = h;

async function quickFixesAt(doc, range) {
  return (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.QuickFix.value)) || [];
}

/** Applies the code action whose diagnostic overlaps `planted`; returns the document's new text. */
async function applyFix(doc, code, planted) {
  const diag = h.ours(doc.uri).find((d) => h.codeOf(d) === code && h.overlaps(d.range, planted));
  assert.ok(diag, `a ${code} diagnostic at the planted place; got ${h.describeDiagnostics(doc.uri)}`);
  // executeCodeActionProvider drops CodeAction.diagnostics, so pick the actions by their edits.
  let seen = [];
  const actions = await h.waitFor(
    async () => {
      seen = await quickFixesAt(doc, diag.range);
      const mine = seen.filter((a) => a.edit && a.edit.get(doc.uri).some((e) => e.range.intersection(diag.range)));
      return mine.length ? mine : undefined;
    },
    {
      what: `quick fixes for ${code}`,
      timeout: 15_000,
      describe: () => JSON.stringify(seen.map((a) => ({ title: a.title, kind: a.kind && a.kind.value, edits: a.edit ? a.edit.size : 0 }))),
    },
  );
  const action = actions.find((a) => a.isPreferred) || actions[0];
  h.assertChinese(action.title, 'fix title');
  assert.ok(await vscode.workspace.applyEdit(action.edit), 'edit applied');
  return { text: doc.getText(), action };
}

test('quick fix: script-mixed converts the traditional characters', async () => {
  const doc = await h.openFixture('drafts/script-mixed.md');
  await h.waitForDiagnostics(doc.uri, ['script-mixed'], { timeout: 90_000 });
  const before = doc.getText();
  try {
    const { text } = await applyFix(doc, 'script-mixed', h.rangeOf(doc, '經濟'));
    assert.ok(!text.includes('經濟'), text);
    assert.ok(text.includes('全市经济运行总体平稳'), text);
    assert.equal(text.length, before.length, 'conversion keeps the length');
    // The diagnostic goes away once the text is fixed.
    await h.waitFor(() => !h.ours(doc.uri).some((d) => h.codeOf(d) === 'script-mixed'), {
      what: 'script-mixed to clear after the fix',
      describe: () => h.describeDiagnostics(doc.uri),
    });
  } finally {
    await h.revertActive();
  }
  assert.equal(doc.getText(), before, 'reverted');
});

test('quick fix: heading-sequence renumbers the heading and the ones after it', async () => {
  const doc = await h.openFixture('drafts/headings.md');
  await h.waitForDiagnostics(doc.uri, ['heading-sequence'], { timeout: 90_000 });
  try {
    const { text } = await applyFix(doc, 'heading-sequence', h.rangeOf(doc, '三、'));
    assert.match(text, /## 二、主要做法/);
    assert.match(text, /## 三、下一步工作/);
    assert.doesNotMatch(text, /四、/);
  } finally {
    await h.revertActive();
  }
});

test('hover on a figure shows what the corpus published before, with its source', async () => {
  const doc = await h.openFixture('drafts/01-baoan.md');
  await h.waitForDiagnostics(doc.uri, ['figure-conflict-corpus'], { timeout: 90_000 });
  const at = h.rangeOf(doc, '591名').start.translate(0, 1);
  const text = await h.waitFor(
    async () => h.hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, at)) || undefined,
    { what: 'a hover on 591名', timeout: 15_000 },
  );
  assert.match(text, /591/, text);
  assert.match(text, h.HAN, text);
  assert.match(text, /宝安|004_|seeds/, `names the source: ${text}`);
});

test('hover on a region shows where it belongs', async () => {
  const doc = await h.openFixture('drafts/01-baoan.md');
  const at = h.rangeOf(doc, '宝安区', 2).start.translate(0, 1);
  const text = await h.waitFor(
    async () => h.hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, at)) || undefined,
    { what: 'a hover on 宝安区', timeout: 30_000 },
  );
  assert.match(text, /深圳/, text);
});

test('completion offers corpus phrases for what is typed', async () => {
  const doc = await h.openFixture('drafts/completion.md');
  const line = doc.lineAt(2);
  const at = line.range.end; // after 持续优化营
  const labels = await h.waitFor(
    async () => {
      const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, at);
      const items = (list && list.items) || [];
      const ls = items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return ls.some((l) => l.includes('营商环境')) ? ls : undefined;
    },
    { what: 'a completion containing 营商环境', timeout: 60_000 },
  );
  assert.ok(labels.length > 0);
});

test('outline: document symbols follow the heading numbers', async () => {
  const doc = await h.openFixture('drafts/outline.gw');
  const symbols = await h.waitFor(
    async () => {
      const s = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
      return s && s.length ? s : undefined;
    },
    { what: 'document symbols', timeout: 60_000 },
  );
  const names = symbols.map((s) => s.name);
  assert.deepEqual(names, ['一、总体情况', '二、主要做法', '三、下一步工作']);
  const two = symbols[1];
  assert.deepEqual(
    two.children.map((c) => c.name),
    ['（一）构建一张网络', '（二）搭建一个平台'],
  );
  assert.equal(two.children[0].children[0].name, '1. 建立联络员制度');
  assert.equal(two.children[0].children[0].children[0].name, '（1）明确职责');
  assert.equal(doc.getText(two.selectionRange), '二、主要做法');
  assert.ok(two.range.contains(two.children[1].range));
});
