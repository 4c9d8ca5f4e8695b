// Bad input never breaks the standards checks: any text gives findings inside the text, with fixes
// whose edits stay inside it and do not overlap, and applying a certain fix never throws.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkStandards } from '../../../server/src/core/standards/index';
import { applyEdits, context, draft } from '../headings/helpers';

const pieces = ['，', ',', '。', '。。', '...', '…', '“', '”', '‘', '’', '《', '》', '（', '）', '(', ')', '、', '三', '五', '天', '百分之', '六点一',
  '5', '～', '10万', '%', '23年', '3千', '5百万', '约', '左右', '超过', '以上', '国发', '〔', '〕', '[', ']', '第', '05', '号', '附件', ':', '：',
  '二〇二四年三月五日', '\n', '\r\n', '```', '`', '𠮷', 'http://x.cn/a,b', ' ', '一、', '1.', '（一）'];

test('any mix of marks, numbers and line breaks gives well-formed findings', () => {
  const ctx = context();
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), { maxLength: 60 }), (parts) => {
      const text = parts.join('');
      const found = checkStandards(draft(text), ctx);
      for (const f of found) {
        assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.code} ${f.start}-${f.end}`);
        for (const fix of f.fixes ?? []) {
          const edits = [...fix.edits].sort((a, b) => a.start - b.start);
          edits.forEach((e, i) => {
            assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length);
            if (i > 0) assert.ok(edits[i - 1].end <= e.start, 'edits do not overlap');
          });
          applyEdits(text, fix.edits);
        }
      }
    }),
    { numRuns: 400 },
  );
});

test('a long text full of unmatched marks is checked in one pass', () => {
  const text = '“《（'.repeat(20000) + '”》）'.repeat(20000) + '```\n'.repeat(2000);
  const found = checkStandards(draft(text), context());
  assert.ok(Array.isArray(found));
});
