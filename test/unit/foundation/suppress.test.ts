import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applySuppressions } from '../../../server/src/core/checks/suppress';
import type { Finding } from '../../../server/src/core/types';

function finding(text: string, word: string, code: string): Finding {
  const start = text.indexOf(word);
  return { code, severity: 'warning', start, end: start + word.length, message: code };
}

test('disable-next-line silences only the named check on the next line', () => {
  const text = '<!-- policy-draft-disable-next-line figure-conflict-corpus -->\n共走访企业5.6万家次。\n又走访5.6万家。';
  const fs = [
    finding(text, '5.6万家次', 'figure-conflict-corpus'),
    finding(text, '走访企业', 'region-unknown'),
    finding(text, '5.6万家。', 'figure-conflict-corpus'),
  ];
  assert.deepEqual(applySuppressions(text, fs).map(f => f.code), ['region-unknown', 'figure-conflict-corpus']);
});

test('disable-line and disable/enable blocks', () => {
  const text = '宝按区 <!-- policy-draft-disable-line -->\n<!-- policy-draft-disable region-unknown -->\n盐边悬\n<!-- policy-draft-enable -->\n郸都区';
  const fs = ['宝按区', '盐边悬', '郸都区'].map(w => finding(text, w, 'region-unknown'));
  assert.deepEqual(applySuppressions(text, fs).map(f => text.slice(f.start, f.end)), ['郸都区']);
});
