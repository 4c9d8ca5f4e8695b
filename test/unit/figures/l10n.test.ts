import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import zh from '../../../server/src/core/l10n/zh-cn/figures.json';

const dir = join(__dirname, '../../../server/src/core/figures');
const used = new Set<string>();
for (const f of readdirSync(dir).filter(f => f.endsWith('.ts'))) {
  for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/ctx\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) used.add(m[1]);
}

test('every figures message has a zh-cn translation with the same placeholders', () => {
  assert.ok(used.size > 10, 'messages were found in the sources');
  const bundle = zh as Record<string, string>;
  for (const key of used) {
    assert.ok(bundle[key], `no translation for: ${key}`);
    const ph = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join();
    assert.equal(ph(bundle[key]), ph(key), `placeholders differ for: ${key}`);
  }
});

test('the bundle has no stale keys', () => {
  for (const key of Object.keys(zh)) assert.ok(used.has(key), `unused key: ${key}`);
});
