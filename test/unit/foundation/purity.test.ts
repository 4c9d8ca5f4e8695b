// Keeps the core pure: no editor, file system, network or native module imports.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const core = join(__dirname, '../../../server/src/core');
const FORBIDDEN = [/^vscode/, /^node:/, /^(fs|path|os|child_process|worker_threads|crypto|http|https|net|url)(\/|$)/, /^nodejieba$/];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap(f => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('the core imports nothing from vscode, node built-ins or nodejieba', () => {
  const offenders: string[] = [];
  for (const file of files(core)) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (FORBIDDEN.some(re => re.test(spec))) offenders.push(`${file.slice(core.length + 1)}: ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('the purity check sees real imports (it would catch a forbidden one)', () => {
  const src = readFileSync(join(core, 'service.ts'), 'utf8');
  assert.match(src, /from '\.\/text\/decode'/);
});
