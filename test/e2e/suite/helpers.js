// Helpers for the in-host editor tests: open fixtures, poll (never sleep a fixed time), and
// read what the real editor API returns.
'use strict';
const vscode = require('vscode');
const path = require('path');
const fs = require('fs');

function workspaceRoot() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) throw new Error('the editor tests need the test/e2e/workspace folder open');
  return folder.uri.fsPath;
}

function fixtureUri(rel) {
  return vscode.Uri.file(path.join(workspaceRoot(), rel));
}

/** Opens a fixture in an editor and returns its TextDocument. */
async function openFixture(rel) {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(rel));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

function readExpected(rel) {
  return JSON.parse(fs.readFileSync(path.join(workspaceRoot(), rel), 'utf8'));
}

/**
 * Polls `probe` until it returns a truthy value (which is returned) or the time is up; then
 * throws with `describe()`'s account of the last state.
 */
async function waitFor(probe, { timeout = 45_000, interval = 100, what = 'condition', describe } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const state = describe ? describe() : lastError ? String(lastError) : JSON.stringify(last);
      throw new Error(`waited ${timeout} ms for ${what}; last state: ${state}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** The diagnostic's code as a string (LSP codes may arrive as {value, target}). */
function codeOf(d) {
  if (d.code === undefined || d.code === null) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

function ours(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) !== undefined && d.source !== 'markdownlint');
}

/** Waits until the document has at least one diagnostic with each of `codes`; returns all of ours. */
async function waitForDiagnostics(uri, codes, opts = {}) {
  return waitFor(
    () => {
      const diags = ours(uri);
      return codes.every((c) => diags.some((d) => codeOf(d) === c)) ? diags : undefined;
    },
    {
      what: `diagnostics ${codes.join(', ')} on ${path.basename(uri.fsPath)}`,
      describe: () => describeDiagnostics(uri),
      ...opts,
    },
  );
}

function describeDiagnostics(uri) {
  const diags = vscode.languages.getDiagnostics(uri);
  if (!diags.length) return 'no diagnostics at all';
  return diags.map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`).join(' | ');
}

/** The range of the nth (1-based) occurrence of `text` in the document. */
function rangeOf(doc, text, nth = 1) {
  const all = doc.getText();
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = all.indexOf(text, at + 1);
    if (at < 0) throw new Error(`fixture ${path.basename(doc.uri.fsPath)} has no occurrence ${nth} of ${text}`);
  }
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + text.length));
}

function overlaps(a, b) {
  return a.start.isBefore(b.end) && b.start.isBefore(a.end);
}

/** Flattens hover contents (MarkdownString | MarkedString) into one string. */
function hoverText(hovers) {
  return (hovers || [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

const HAN = /[\u4e00-\u9fff]/;

/** A message written in Chinese: Chinese characters and no English words (4+ Latin letters). */
function assertChinese(message, what = 'message') {
  if (!HAN.test(message) || /[A-Za-z]{4,}/.test(message)) throw new Error(`${what} is not in Chinese: ${message}`);
}

async function closeAll() {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Reverts the active editor's unsaved changes (quick fixes are applied but never saved). */
async function revertActive() {
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

module.exports = {
  vscode,
  workspaceRoot,
  fixtureUri,
  openFixture,
  readExpected,
  waitFor,
  codeOf,
  ours,
  waitForDiagnostics,
  describeDiagnostics,
  rangeOf,
  overlaps,
  hoverText,
  HAN,
  assertChinese,
  closeAll,
  revertActive,
};
