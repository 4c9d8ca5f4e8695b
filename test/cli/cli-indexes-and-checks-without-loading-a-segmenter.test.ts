// The CLI reads no mined phrases (only completion does), so indexing a corpus for it never segments:
// neither nodejieba nor jieba-wasm is loaded, on a cold cache or a warm one, by the CLI or its
// extraction workers, and the report and the findings are those of a corpus indexed with phrases.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { seedsDir } from '../../server/src/node/environment';

const CLI = join(__dirname, '../../server/out/cli.js');
const root = join(__dirname, '../..');

/** A preload that notes every module load of a segmenter (in every thread) in $PD_SEGMENTER_LOG. */
function hook(dir: string): string {
  const path = join(dir, 'note-segmenter-loads.cjs');
  writeFileSync(path, `
const Module = require('module');
const fs = require('fs');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (/(^|[\\\\/])(nodejieba|jieba-wasm)([\\\\/.]|$)/.test(request)) fs.appendFileSync(process.env.PD_SEGMENTER_LOG, request + '\\n');
  return load.call(this, request, ...rest);
};
`);
  return path;
}

test('policy-lint indexes a corpus and checks a draft without loading a segmenter', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pd-cli-nocut-'));
  const corpus = join(dir, 'corpus');
  spawnSync('mkdir', [corpus]);
  // enough files that the extraction workers start
  for (const f of readdirSync(seedsDir()).filter(n => /\.(txt|md)$/.test(n))) {
    const text = readFileSync(join(seedsDir(), f), 'utf8').slice(0, 4000);
    for (let i = 0; i < 4; i++) writeFileSync(join(corpus, `${i}-${f}`), `副本${i}\n${text}`);
  }
  const draft = join(dir, 'draft.md');
  writeFileSync(draft, '# 关于经济运行的报告\n\n全市經濟运行平稳，宝按区新增就业岗位1200个。\n');
  const log = join(dir, 'loads.txt');
  const preload = hook(dir);
  const cache = mkdtempSync(join(tmpdir(), 'pd-cli-nocut-cache-'));
  const run = (args: string[], watched: boolean) => spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8', cwd: dir,
    env: { ...process.env, POLICY_DRAFT_CACHE: cache, LANG: 'C', ...(watched ? { NODE_OPTIONS: `--require ${preload}`, PD_SEGMENTER_LOG: log } : {}) },
  });
  // the hook notes a segmenter's load (what it would note if the CLI segmented)
  const control = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(join(root, 'node_modules/jieba-wasm'))})`], {
    encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: `--require ${preload}`, PD_SEGMENTER_LOG: log },
  });
  assert.equal(control.status, 0, control.stderr);
  assert.ok(existsSync(log) && readFileSync(log, 'utf8').includes('jieba-wasm'), 'the hook notes a load');
  writeFileSync(log, '');

  const cold = run(['corpus', '--no-seeds', '--corpus', corpus], true);
  assert.equal(cold.status, 0, cold.stderr);
  assert.match(cold.stdout, /^Corpus: 20 files \(0 skipped\)/);
  const lint = run(['--no-seeds', '--corpus', corpus, 'draft.md'], true);
  assert.equal(lint.status, 1, lint.stderr);
  const warm = run(['corpus', '--no-seeds', '--corpus', corpus], true);
  assert.equal(warm.stdout, cold.stdout);
  assert.equal(readFileSync(log, 'utf8'), '', 'no segmenter loaded');

  // the same findings with a fresh cache and the hook off
  const again = spawnSync(process.execPath, [CLI, '--no-seeds', '--corpus', corpus, 'draft.md'], {
    encoding: 'utf8', cwd: dir, env: { ...process.env, POLICY_DRAFT_CACHE: mkdtempSync(join(tmpdir(), 'pd-cli-nocut-cache-')), LANG: 'C' },
  });
  assert.equal(again.stdout, lint.stdout);
  assert.match(lint.stdout, /region-unknown/);
});
