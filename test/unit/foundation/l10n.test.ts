// Every user-facing message of the server has a Chinese translation.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { bundleKeys, createLocalizer } from '../../../server/src/core/l10n';

const core = join(__dirname, '../../../server/src/core');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap(f => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** English keys passed to a localizer: t('…'), ctx.t('…'), t.t('…'), and NOTE/SKIP tables. */
function usedKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const file of files(core)) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/\bt(?:\.t)?\(\s*'((?:[^'\\]|\\.)+)'/g)) keys.set(m[1].replace(/\\'/g, "'"), file);
  }
  return keys;
}

test('every message the core localises has a zh-cn translation', () => {
  const zh = bundleKeys()['zh-cn'];
  const missing = [...usedKeys()].filter(([k]) => !(k in zh)).map(([k, f]) => `${f.slice(core.length + 1)}: ${k}`);
  assert.deepEqual(missing, []);
});

test('the localizer formats placeholders in both languages', () => {
  const en = createLocalizer('en-US');
  const zh = createLocalizer('zh-cn');
  assert.equal(en('Convert to {0}', '经济'), 'Convert to 经济');
  assert.notEqual(zh('Convert to {0}', '经济'), 'Convert to 经济');
  assert.ok(zh('Convert to {0}', '经济').includes('经济'));
});
