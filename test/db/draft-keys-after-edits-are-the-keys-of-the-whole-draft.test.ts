// A draft's lookup keys after each edit (draftKeys: the block-by-block reading, keys kept per figure
// and claim object and by what they are made of) are the keys of the whole draft read afresh: edits
// that move later figures, change a figure's unit, value or direction, and rename its subject.
// (No database needed: this is what a reader of the office index sends.)
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { readDraftWhole } from '../../server/src/core/figures';
import { extractRegionMentions } from '../../server/src/core/regions';
import { claimKeys, draftKeys, figureKeys, simplifiedDraft } from '../../server/src/core/store';
import { createNodeService } from '../../server/src/node/environment';

const DEV_REAL = resolve(__dirname, '../../../shared/eval/dev-real');
const gaz = createNodeService('en').gazetteer;

function wholeKeys(norm: string) {
  const { figures, claims } = readDraftWhole(norm);
  const names = new Set<string>(), codes = new Set<string>();
  for (const m of extractRegionMentions(norm, gaz)) {
    names.add(m.text);
    for (const c of m.codes) codes.add(c);
  }
  return {
    figureKeys: [...new Set(figures.flatMap(f => figureKeys(f, true)))].sort(),
    claimKeys: [...new Set(claims.flatMap(c => claimKeys(c, true)))].sort(),
    regionNames: [...names].sort(),
    regionCodes: [...codes].sort(),
  };
}
const sorted = (k: ReturnType<typeof draftKeys>) => ({
  figureKeys: [...k.figureKeys].sort(), claimKeys: [...k.claimKeys].sort(), regionNames: [...k.regionNames].sort(), regionCodes: [...k.regionCodes].sort(),
});

/** Edits of `text`: each a replacement at a place found by a pattern (the n-th match), applied one after another. */
const EDITS: Array<[RegExp, (m: string) => string]> = [
  [/\d+(?:\.\d+)?万元/, m => m.replace('万元', '亿元')],
  [/增长/, () => '下降'],
  [/[\u4e00-\u9fff]{2}县/, m => `${m.slice(0, 1)}城县`],
  [/\d+(?:\.\d+)?%/, m => `1${m}`],
  [/。/, () => '。全县地区生产总值增长6.5%。'],
  [/\n\n/, () => '\n\n新增一段，文字移后。\n\n'],
  [/[\u4e00-\u9fff]{2}(?:市|县|区)/, () => ''],
  [/比上年/, () => '比2020年'],
];

test('the keys of every edited version of the dev-real drafts are the whole draft\'s', () => {
  const files = readdirSync(DEV_REAL).filter(f => f.endsWith('.md') && f !== 'README.md').sort();
  assert.ok(files.length >= 10);
  // one long draft (the drafts joined, about 18,000 characters), edited at places spread over it
  let text = files.map(f => readFileSync(join(DEV_REAL, f), 'utf8')).join('\n\n');
  let checked = 0;
  for (let round = 0; round < 3; round++) {
    for (const [i, [pattern, edit]] of EDITS.entries()) {
      // the match nearest a place that moves through the text
      const from = Math.floor(((round * EDITS.length + i) * 2_741) % Math.max(1, text.length - 200));
      const re = new RegExp(pattern.source, 'g');
      re.lastIndex = from;
      const m = re.exec(text) ?? new RegExp(pattern.source).exec(text);
      if (!m) continue;
      text = text.slice(0, m.index) + edit(m[0]) + text.slice(m.index + m[0].length);
      const norm = simplifiedDraft(text);
      const keys = draftKeys(norm, gaz);
      assert.deepEqual(sorted(keys), wholeKeys(norm), `round ${round}, edit ${i} (${pattern.source}) at ${m.index}`);
      checked++;
    }
  }
  assert.ok(checked >= 20, `${checked} edits checked`);
});
