// What a person sees in the workbench: squiggles in the draft, the Problems panel with Chinese
// messages, a hover on a figure with past figures, and the suggest widget. Everything is read
// from the DOM (not from the API) and photographed into test-results/screenshots.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { workbenchUrl } from '../../scripts/e2e/browser.mjs';

const HAN = /[\u4e00-\u9fff]/;

/** Polls `probe` (async) until truthy; never sleeps a fixed time. */
async function until(probe, what, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (last) return last;
    } catch {
      /* the DOM is still changing */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function openFile(page, relPath) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(relPath);
  // Wait until the file is the first pick, then open it.
  const name = relPath.split('/').pop();
  await until(
    async () => (await page.locator('.quick-input-list .monaco-list-row').first().innerText()).includes(name),
    `quick open to list ${name}`,
  );
  await page.keyboard.press('Enter');
  await until(async () => (await page.locator('.tab.active').innerText()).includes(name), `the ${name} tab`);
}

/** Moves the cursor with Go to Line (line:column, 1-based). */
async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  // Go to Line is Quick Open with the ':' prefix; keep the prefix when typing.
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** Position (1-based line, column) of the first occurrence of `text` in the workspace file. */
function positionOf(content, text, nth = 1) {
  let at = -1;
  for (let i = 0; i < nth; i++) at = content.indexOf(text, at + 1);
  if (at < 0) throw new Error(`no ${text} in the fixture`);
  const before = content.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

export async function runVisualCheck(browser, base, { workspace, extensionDevelopmentPath, screenshotsDir }) {
  const { readFileSync } = await import('node:fs');
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const seen = [];
  try {
    await page.goto(workbenchUrl(base, { folder: workspace, extensionDevelopmentPath }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await until(async () => (await page.locator('.explorer-folders-view .monaco-list-row').count()) > 0, 'the Explorer');

    // 1. Squiggles under the planted errors.
    const baoanPath = 'drafts/01-baoan.md';
    const baoan = readFileSync(join(workspace, baoanPath), 'utf8');
    await openFile(page, baoanPath);
    await until(async () => (await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').count()) >= 2, 'squiggles', 120_000);
    // 2. The Problems panel, in Chinese.
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    // Wait for the corpus-based finding too (the index is built in the background).
    const texts = await until(async () => {
      const all = await rows.allInnerTexts();
      return all.some((t) => t.includes('figure-conflict-corpus')) && all.some((t) => t.includes('宝按区')) ? all : undefined;
    }, 'the Problems panel to list the corpus conflict and the misspelt region', 120_000);
    const messages = texts.filter((t) => HAN.test(t));
    assert.ok(messages.length >= 3, `Chinese messages in Problems: ${texts.join(' | ')}`);
    assert.ok(texts.some((t) => t.includes('宝按区')), `the misspelt region is listed: ${texts.join(' | ')}`);
    assert.ok(texts.some((t) => /region-unknown|figure-/.test(t)), `codes are shown: ${texts.join(' | ')}`);
    seen.push(`${texts.length} Problems rows`);
    await page.screenshot({ path: join(screenshotsDir, '02-problems.png') });
    await page.keyboard.press('Control+Shift+M'); // hide the panel again

    // Back to 1: with the index built, the squiggles include the corpus conflicts.
    const squiggly = page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error');
    const squiggles = await until(async () => {
      const n = await squiggly.count();
      return n >= 5 ? n : undefined;
    }, 'squiggles under the corpus conflicts too');
    seen.unshift(`${squiggles} squiggles`);
    await page.screenshot({ path: join(screenshotsDir, '01-squiggles.png') });

    // 3. A hover on a figure: what the corpus published before.
    await page.locator('.monaco-editor .view-lines').first().click();
    // 591名 carries no diagnostic, so the hover shows only what the server says about the figure.
    const figure = positionOf(baoan, '591名');
    await goTo(page, figure.line, figure.column + 1);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover:not(.hidden)');
    const hoverText = await until(async () => {
      const t = await hover.first().innerText();
      // Wait for the fade-in to finish so the screenshot shows the hover as a person sees it.
      const opaque = await hover.first().evaluate((el) => getComputedStyle(el).opacity === '1');
      return opaque && t && t.includes('591') && /004_|宝安/.test(t) ? t : undefined;
    }, 'a hover on 591名 citing the corpus');
    assert.match(hoverText, HAN);
    seen.push('hover');
    await page.screenshot({ path: join(screenshotsDir, '03-hover.png') });
    await page.keyboard.press('Escape');

    // 4. The suggest widget offers corpus phrases.
    const completionPath = 'drafts/completion.md';
    const completion = readFileSync(join(workspace, completionPath), 'utf8');
    await openFile(page, completionPath);
    const typed = positionOf(completion, '持续优化营');
    await page.locator('.monaco-editor .view-lines').first().click();
    await goTo(page, typed.line, typed.column + '持续优化营'.length);
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.suggest-widget.visible .monaco-list-row');
    // While the corpus phrases are still being mined the server answers without them (and says so):
    // ask again, as a writer would, until they are in.
    let asked = Date.now();
    const labels = await until(async () => {
      const all = await suggest.allInnerTexts();
      if (all.some((l) => l.includes('营商环境'))) return all;
      if (Date.now() - asked > 1000) {
        asked = Date.now();
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+Space');
      }
      return undefined;
    }, 'the suggest widget with 营商环境');
    seen.push(`${labels.length} suggestions`);
    await page.screenshot({ path: join(screenshotsDir, '04-completion.png') });
    await page.keyboard.press('Escape');

    // 5. The outline of a .gw draft, with the grammar's colours.
    await openFile(page, 'drafts/outline.gw');
    await page.keyboard.press('Control+Shift+O');
    const symbols = page.locator('.quick-input-list .monaco-list-row');
    await until(async () => (await symbols.allInnerTexts()).some((t) => t.includes('（一）构建一张网络')), 'the outline in Go to Symbol');
    await page.keyboard.press('Escape');
    // …and in the Explorer's Outline view, next to the coloured draft.
    await page.locator('.pane-header', { hasText: /outline/i }).click();
    const outlineRows = page.locator('.outline-pane .monaco-list-row, .pane-body .outline-element');
    await until(async () => (await outlineRows.allInnerTexts()).some((t) => t.includes('二、主要做法')), 'the Outline view');
    await page.screenshot({ path: join(screenshotsDir, '05-outline.png') });

    // 6. A heading-sequence quick fix offered in the editor (Ctrl+.).
    const headingsPath = 'drafts/headings.md';
    const headings = readFileSync(join(workspace, headingsPath), 'utf8');
    await openFile(page, headingsPath);
    await until(async () => (await page.locator('.monaco-editor .squiggly-warning').count()) >= 2, 'heading squiggles');
    await page.locator('.monaco-editor .view-lines').first().click();
    const skipped = positionOf(headings, '三、');
    await goTo(page, skipped.line, skipped.column);
    await page.keyboard.press('Control+.');
    const fixes = page.locator('.action-widget .monaco-list-row, .context-view .action-widget .action-item');
    const fixTitles = await until(async () => {
      const all = await fixes.allInnerTexts();
      return all.some((t) => t.includes('改为“二、”')) ? all : undefined;
    }, 'the quick fix 改为“二、”');
    seen.push(`quick fix “${fixTitles.find((t) => t.includes('改为')).trim()}”`);
    await page.screenshot({ path: join(screenshotsDir, '06-quick-fix.png') });
    await page.keyboard.press('Escape');
    return seen.join(', ');
  } catch (e) {
    await page.screenshot({ path: join(screenshotsDir, 'failure.png') }).catch(() => {});
    throw e;
  } finally {
    await context.close();
  }
}
