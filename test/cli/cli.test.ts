// The CLI contract reviewers and CI rely on: JSON shape, text format, exit codes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const CLI = join(__dirname, '../../server/out/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'pd-cli-'));
const cache = mkdtempSync(join(tmpdir(), 'pd-cli-cache-'));

function run(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, POLICY_DRAFT_CACHE: cache, LANG: 'C' } });
}

const bad = join(dir, 'bad.md');
writeFileSync(bad, '# 报告\n\n全市經濟运行平稳。\n');
const clean = join(dir, 'clean.md');
writeFileSync(clean, '# 报告\n\n全市经济运行平稳。\n');

test('--format json prints exactly one JSON array with LSP diagnostics', () => {
  const r = run(['--format', 'json', 'bad.md', clean]);
  assert.equal(r.status, 1);
  const out = JSON.parse(r.stdout);
  assert.ok(Array.isArray(out));
  assert.deepEqual(out.map((x: { file: string }) => x.file), ['bad.md', clean]);
  const d = out[0].diagnostics.find((x: { code: string }) => x.code === 'script-mixed');
  assert.deepEqual(d.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 4 } });
  assert.equal(d.severity, 3);
  assert.equal(typeof d.message, 'string');
  assert.deepEqual(out[1].diagnostics, []);
});

test('text format is file:line:col: severity code message, exit 0 when clean', () => {
  const r = run(['bad.md']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^bad\.md:3:3: info script-mixed .*經濟/m);
  const ok = run([clean]);
  assert.equal(ok.status, 0);
  assert.equal(ok.stdout, '');
});

test('usage and I/O errors exit 2 with a message', () => {
  const none = run([]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /no files to check/);
  const missing = run(['--format', 'json', 'nope.md']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.md: no such file/);
  assert.deepEqual(JSON.parse(missing.stdout), []);
  const opt = run(['--frobnicate', 'bad.md']);
  assert.equal(opt.status, 2);
});

test('--locale zh-cn gives Chinese messages', () => {
  const r = run(['--locale', 'zh-cn', 'bad.md']);
  assert.match(r.stdout, /简体稿中出现繁体字/);
});

test('policy-lint corpus shows what was indexed, with an extra --corpus folder', () => {
  const extra = mkdtempSync(join(tmpdir(), 'pd-extra-'));
  writeFileSync(join(extra, '2020_全市_工作报告.txt'), '全市工作报告\n全年地区生产总值增长6.1%。\n');
  const r = run(['corpus', '--corpus', extra]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Corpus: 6 files/);
  assert.match(r.stdout, /2020\s+全市工作报告/);
  const j = JSON.parse(run(['corpus', '--format', 'json']).stdout);
  assert.equal(j.stats.files, 5);
});

test('--team reads .policy-draft/regions.txt: a team place name is not flagged', () => {
  const team = mkdtempSync(join(tmpdir(), 'pd-team-'));
  const draft = join(team, 'draft.md');
  writeFileSync(draft, '宝安区燕川街道投放电动代步车。\n');
  const without = JSON.parse(run(['--format', 'json', draft]).stdout)[0].diagnostics;
  assert.ok(without.some((d: { code: string }) => d.code === 'region-unknown'), 'flagged without the team list');
  mkdirSync(join(team, '.policy-draft'));
  writeFileSync(join(team, '.policy-draft/regions.txt'), '燕川街道\n');
  const withTeam = JSON.parse(run(['--format', 'json', '--team', team, draft]).stdout)[0].diagnostics;
  assert.ok(!withTeam.some((d: { code: string }) => d.code === 'region-unknown'));
});
