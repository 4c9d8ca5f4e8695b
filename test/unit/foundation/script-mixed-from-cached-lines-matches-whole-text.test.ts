// script-mixed reads each line's simplified and traditional forms and the characters that differ
// from them once (cached by the service per line); the draft's report is assembled from those line
// summaries. For simplified, traditional and mixed drafts, and edits of them, that equals
// findMixedScript on the whole text, and the service's findings equal checkMixedScript's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findMixedScript, findMixedScriptInLines, lineScript, toSimplified, toTraditional } from '../../../server/src/core/text/script';
import { checkMixedScript } from '../../../server/src/core/checks/scriptMixed';
import { createPolicyService } from '../../../server/src/core/service';
import { loadGazetteer } from '../../../server/src/node/gazetteer';
import { createLocalizer } from '../../../server/src/core/l10n';
import { draftsIn, repoRoot } from '../../helpers/editedDrafts';

const root = repoRoot;
const dir = draftsIn;
const simplifiedDrafts = [readFileSync(join(root, 'examples/draft.md'), 'utf8'), ...dir(join(root, 'seeds')).slice(0, 3), ...dir(join(root, '../shared/eval/dev')).slice(0, 6)];
const texts = [
  ...simplifiedDrafts,
  // A traditional draft with simplified characters, and runs at the ends of lines and across them.
  toTraditional(simplifiedDrafts[0]).replace(/經濟/, '经济'),
  '全區經濟穩中向好，们正在推进。\n我們\n們\n經濟發展\n这是简体文本，只有一个們字。',
  '乾县驷乾昊昇，多重覆盖。\n們們們\r\n经济們',
];

function byLines(text: string) {
  const lines: Array<{ offset: number; script: ReturnType<typeof lineScript> }> = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    lines.push({ offset, script: lineScript(line, toSimplified(line), toTraditional(line)) });
    offset += line.length + 1;
  }
  return findMixedScriptInLines(text, toSimplified(text), () => toTraditional(text), lines);
}

function edits(text: string): string[] {
  const out: string[] = [];
  let t = text;
  for (let k = 1; k <= 6; k++) {
    const at = Math.floor((t.length * k) / 7);
    t = t.slice(0, at) + ['們', '\n', '经', '們們', '', '濟'][k - 1] + t.slice(at + 1);
    out.push(t);
  }
  return out;
}

test('the script report from line summaries equals the whole-text report', () => {
  for (const text of texts) for (const t of [text, ...edits(text)]) assert.deepEqual(byLines(t), findMixedScript(t));
});

test('the service gives checkMixedScript findings on each version of a draft, checked one after another', () => {
  const service = createPolicyService({ locale: 'en', gazetteer: loadGazetteer(), segmenter: { cut: () => [] } });
  const snap = service.assemble([], service.minePhrases([]));
  const severities = { 'script-mixed': 'information' as const };
  const only = (fs: Array<{ code: string }>) => fs.filter(f => f.code === 'script-mixed');
  const t = createLocalizer('en');
  let reported = 0;
  for (const text of texts) {
    for (const v of [text, ...edits(text)]) {
      const got = only(service.check(snap, v, { severities }));
      assert.deepEqual(got, checkMixedScript(v, { t }));
      reported += got.length;
    }
  }
  assert.ok(reported > 10, 'the drafts and edits have traditional characters to report');
});
