#!/usr/bin/env node
// Runs node's test runner over TypeScript test files (Node 20's --test takes no globs).
// Usage: node scripts/run-tests.mjs [DIR|FILE ...]   (default: test/unit test/cli test/robust test/lsp test/nvim test/realtext test/package test/db)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test/unit', 'test/cli', 'test/robust', 'test/lsp', 'test/nvim', 'test/realtext', 'test/package', 'test/db'];
const files = [];
function walk(p) {
  if (statSync(p).isDirectory()) for (const f of readdirSync(p).sort()) walk(join(p, f));
  else if (/\.test\.(ts|mjs|js)$/.test(p)) files.push(p);
}
for (const r of roots) walk(r);
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
