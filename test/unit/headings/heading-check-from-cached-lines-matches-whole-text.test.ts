// heading-sequence reads each line once (its heading, fence, scope and swallowed item number are
// cached by line content) and builds the outline from those. For any draft and edits of it, with
// CRLF line ends, fences, attachments and a last line ending in \r, this equals the whole-text reading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkHeadings, checkHeadingsUncached } from '../../../server/src/core/headings/sequence';
import { createLocalizer } from '../../../server/src/core/l10n';
import type { FeatureContext } from '../../../server/src/core/model';

const root = join(__dirname, '../../..');
const dir = (d: string) => (existsSync(d) ? readdirSync(d).filter(f => /\.(md|txt)$/.test(f)).sort().map(f => readFileSync(join(d, f), 'utf8')) : []);
const planted = [
  '一、总体要求', '（一）指导思想', '（三）基本原则', '1.坚持', '3、统筹', '21.123制造业体系', '（1）一', '（1）二', '```', '二、代码里', '```',
  '三、主要任务', '（一）、标点', '附件1', '一、附件的标题', '二、第二', '第一章 总则', '第三章 附则', '第一条 目的', '第三条 范围',
].join('\n');
const texts = [
  planted,
  planted.replace(/\n/g, '\r\n') + '\r',
  '一、甲\n三、乙\r',
  readFileSync(join(root, 'examples/draft.md'), 'utf8'),
  ...dir(join(root, 'seeds')),
  ...dir(join(root, '../shared/eval/dev')),
  ...dir(join(root, '../shared/eval/dev-real')),
];

function edits(text: string): string[] {
  const out: string[] = [];
  let t = text;
  for (let k = 1; k <= 8; k++) {
    const at = Math.floor((t.length * k) / 9);
    const ins = ['\n二、', '\n', '', '\n（五）', '```', '\n附件2\n', '三', '\r'][k - 1];
    t = k % 3 === 0 ? t.slice(0, at) + ins + t.slice(at) : t.slice(0, at) + ins + t.slice(at + 1);
    out.push(t);
  }
  return [...out, text];
}

test('heading findings from cached lines equal the whole-text reading, before and after edits, with each option', () => {
  const ctx = { t: createLocalizer('en') } as FeatureContext;
  let found = 0;
  for (const options of [{}, { strictLevels: true, itemMarker: 'dot' as const }, { itemMarker: 'dunhao' as const }]) {
    for (const text of texts) {
      for (const t of [text, ...edits(text)]) {
        const d = { text: t, norm: t };
        const got = checkHeadings(d, ctx, options);
        assert.deepEqual(got, checkHeadingsUncached(d, ctx, options));
        found += got.length;
      }
    }
  }
  assert.ok(found > 50, 'the drafts give heading findings to compare');
});
