// The extension manifest and the client's UI text are complete in English and Chinese.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CHECKS } from '../../../server/src/core/service';

const root = join(__dirname, '../../..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const pkg = JSON.parse(read('package.json'));

test('every %placeholder% in package.json is in package.nls.json and package.nls.zh-cn.json', () => {
  const keys = [...read('package.json').matchAll(/"%([^%"]+)%"/g)].map(m => m[1]);
  assert.ok(keys.length > 10);
  for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
    const nls = JSON.parse(read(file));
    assert.deepEqual(keys.filter(k => !(k in nls)), [], file);
  }
});

test('every client message has a zh-cn translation in l10n/', () => {
  const src = read('client/src/extension.ts');
  const keys = [...src.matchAll(/l10n\.t\('((?:[^'\\]|\\.)+)'/g)].map(m => m[1]);
  assert.ok(keys.length > 5);
  const bundle = JSON.parse(read('l10n/bundle.l10n.zh-cn.json'));
  assert.deepEqual(keys.filter(k => !(k in bundle)), []);
});

test('every check has a severity setting with the server default', () => {
  const props = pkg.contributes.configuration.properties;
  for (const [code, severity] of Object.entries(CHECKS)) {
    const p = props[`policyDraft.checks.${code}`];
    assert.ok(p, `setting for ${code}`);
    assert.equal(p.default, severity);
    assert.deepEqual(p.enum, ['off', 'error', 'warning', 'information', 'hint']);
  }
});

test('nodejieba stays outside the bundle', () => {
  const bundle = read('esbuild.mjs');
  assert.match(bundle, /external:\s*\[[^\]]*'nodejieba'/);
});
