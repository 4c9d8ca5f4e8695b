// The service keeps per-line caches across checks (simplified and traditional forms, region
// readings): a service that has checked earlier versions of a draft gives exactly the findings a
// fresh service gives for the new version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeService } from '../../../server/src/node/environment';
import { createPolicyService } from '../../../server/src/core/service';
import { loadGazetteer } from '../../../server/src/node/gazetteer';
import { checkMixedScript } from '../../../server/src/core/checks/scriptMixed';
import { toSimplified, toTraditional } from '../../../server/src/core/text/script';
import { createLocalizer } from '../../../server/src/core/l10n';

const root = join(__dirname, '../../..');
const drafts = [
  readFileSync(join(root, 'examples/draft.md'), 'utf8'),
  ...readdirSync(join(root, 'seeds')).filter(f => f.endsWith('.txt')).slice(0, 2).map(f => readFileSync(join(root, 'seeds', f), 'utf8')),
];

/** Versions of a draft as a writer makes them: a typo planted, a traditional character, a line split, undone. */
function versions(text: string): string[] {
  const mid = Math.floor(text.length / 2);
  const v1 = text.slice(0, mid) + '宝按区' + text.slice(mid);
  const v2 = v1.slice(0, 10) + '們' + v1.slice(11);
  const v3 = v2.slice(0, mid + 1) + '\n' + v2.slice(mid + 1);
  return [v1, v2, v3, text];
}

test('checks of edited versions match a fresh service on each version', () => {
  const warm = createNodeService('en');
  const warmSnap = warm.assemble([], warm.minePhrases([]));
  for (const draft of drafts) {
    warm.check(warmSnap, draft);
    for (const v of versions(draft)) {
      // A copy of the gazetteer is a new identity: none of the caches kept per gazetteer apply to it.
      const gazetteer = { ...loadGazetteer() };
      const fresh = createPolicyService({ locale: 'en', gazetteer, segmenter: { cut: () => [] } });
      const expected = fresh.check(fresh.assemble([], fresh.minePhrases([])), v);
      assert.deepEqual(warm.check(warmSnap, v), expected);
    }
  }
});

test('script-mixed gives the same findings from the cached converted forms as from converting the text itself', () => {
  const t = createLocalizer('en');
  for (const text of ['全區經濟穩中向好，们正在推进。', '我們的經濟', '这是简体文本，只有一个們字。\n第二行也是简体。', ...drafts]) {
    const converted = { simplified: toSimplified(text), traditional: toTraditional(text) };
    assert.deepEqual(checkMixedScript(text, { t }, converted), checkMixedScript(text, { t }));
  }
});
