// One row per bad input of issue 12 (and GBK, UTF-16, binary, a 1 MB line, an unreadable file):
// each asserts the message the user sees and that the CLI still answered — the good draft given
// in the same run is checked and its finding printed. Every run has a time limit, so a hang fails.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BAD_FINDING, makeUnreadable, mkfifo, runCli, SERVER, tempDir, writeBadDraft } from './helpers';

const dir = tempDir('cli');
writeBadDraft(dir);
const cache = tempDir('cli-cache');
const run = (args: string[], env: Record<string, string> = {}) => runCli(args, { cwd: dir, cache, env, timeoutMs: 60_000 });

test('a named pipe as the draft is refused at once, and the other draft is checked', () => {
  mkfifo(join(dir, 'pipe.md'));
  const r = run(['pipe.md', 'bad.md']);
  assert.equal(r.timedOut, false, 'the CLI hung on the pipe');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /pipe\.md: not a regular file \(a named pipe\)/);
  assert.match(r.stdout, BAD_FINDING);
  const zh = run(['--locale', 'zh-cn', 'pipe.md']);
  assert.match(zh.stderr, /pipe\.md: 不是普通文件（命名管道）/);
});

test('a named pipe given by path as a corpus file is skipped with a reason', () => {
  mkfifo(join(dir, 'corpus-pipe.txt'));
  const r = run(['--corpus', 'corpus-pipe.txt', 'bad.md']);
  assert.equal(r.timedOut, false, 'the CLI hung on the pipe');
  assert.equal(r.status, 1);
  assert.match(r.stdout, BAD_FINDING);
  const report = run(['corpus', '--no-seeds', '--corpus', 'corpus-pipe.txt']);
  assert.equal(report.timedOut, false);
  assert.match(report.stdout, /corpus-pipe\.txt .*\n {2}skipped: not a regular file \(a named pipe\)/);
  const zh = run(['corpus', '--no-seeds', '--locale', 'zh-cn', '--corpus', 'corpus-pipe.txt']);
  assert.match(zh.stdout, /已跳过：不是普通文件 \(命名管道\)/);
});

test('a named pipe as .policy-draft/regions.txt is reported and the check goes on', () => {
  const team = tempDir('team-fifo');
  mkdirSync(join(team, '.policy-draft'));
  mkfifo(join(team, '.policy-draft/regions.txt'));
  const r = run(['--team', team, 'bad.md']);
  assert.equal(r.timedOut, false, 'the CLI hung on regions.txt');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /regions\.txt: team file skipped: not a regular file \(a named pipe\)/);
  assert.match(r.stdout, BAD_FINDING);
});

test('/dev/zero as the draft is refused without reading it', () => {
  const r = run(['/dev/zero', 'bad.md'], {});
  assert.equal(r.timedOut, false, 'the CLI kept reading /dev/zero');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /\/dev\/zero: not a regular file \(a character device\)/);
  assert.match(r.stdout, BAD_FINDING);
});

test('symbolic links in a corpus folder: valid ones are indexed, broken and looping ones are listed', () => {
  const corpus = tempDir('links');
  const real = tempDir('links-target');
  writeFileSync(join(real, 'report.txt'), '关于全区经济运行情况的报告\n全年新增就业岗位1200个。\n2024-02-01\n');
  symlinkSync(join(real, 'report.txt'), join(corpus, 'linked.txt'));
  symlinkSync(join(corpus, 'nowhere.txt'), join(corpus, 'broken.txt'));
  symlinkSync('loop-b.txt', join(corpus, 'loop-a.txt'));
  symlinkSync('loop-a.txt', join(corpus, 'loop-b.txt'));
  mkdirSync(join(corpus, 'sub'));
  symlinkSync('..', join(corpus, 'sub', 'up'));
  symlinkSync(real, join(corpus, 'linked-folder'));
  const r = run(['corpus', '--no-seeds', '--corpus', corpus]);
  assert.equal(r.timedOut, false, 'the walk followed a link loop');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /linked\.txt .*\n {2}2024-02-01 {2}关于全区经济运行情况的报告/);
  assert.match(r.stdout, /linked-folder\/report\.txt .*\n {2}2024-02-01/);
  assert.match(r.stdout, /broken\.txt .*\n {2}skipped: cannot be read \(a symbolic link to nothing\)/);
  assert.match(r.stdout, /loop-a\.txt .*\n {2}skipped: symbolic link loop/);
  assert.match(r.stdout, /sub\/up .*\n {2}skipped: symbolic link loop/);
});

test('an empty draft is a draft with nothing to report', () => {
  writeFileSync(join(dir, 'empty.md'), '');
  const r = run(['empty.md']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, '');
  const j = run(['--format', 'json', 'empty.md', 'bad.md']);
  assert.equal(j.status, 1);
  const out = JSON.parse(j.stdout);
  assert.deepEqual(out[0], { file: 'empty.md', diagnostics: [] });
  assert.ok(out[1].diagnostics.length > 0);
});

test('a UTF-16LE draft without a BOM is read as text and checked', () => {
  writeFileSync(join(dir, 'utf16.md'), Buffer.from('关于全市经济运行情况的报告\n\n全市經濟运行平稳，发展势头良好。\n', 'utf16le'));
  const r = run(['utf16.md']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^utf16\.md:3:3: info script-mixed .*經濟/m);
});

test('a UTF-16BE draft without a BOM and a GBK draft are read as text and checked', () => {
  writeFileSync(join(dir, 'utf16be.md'), Buffer.from('关于全市经济运行情况的报告\n\n全市經濟运行平稳，发展势头良好。\n', 'utf16le').swap16());
  // '# 报告\n\n全市經濟运行平稳。\n' in GBK (Node has no GBK encoder).
  writeFileSync(join(dir, 'gbk.md'), Buffer.from('2320b1a8b8e60a0ac8abcad0bd9b9dfad4cbd0d0c6bdcec8a1a30a', 'hex'));
  const r = run(['utf16be.md', 'gbk.md']);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^utf16be\.md:3:3: info script-mixed .*經濟/m);
  assert.match(r.stdout, /^gbk\.md:3:3: info script-mixed .*經濟/m);
});

test('a binary draft is refused with a reason; the other draft is checked', () => {
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
  writeFileSync(join(dir, 'photo.md'), bytes);
  const r = run(['photo.md', 'bad.md']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /photo\.md: cannot read as text: a binary file/);
  assert.match(r.stdout, BAD_FINDING);
  const zh = run(['--locale', 'zh-cn', 'photo.md']);
  assert.match(zh.stderr, /photo\.md: 无法作为文本读取：二进制文件/);
});

test('a truncated PDF renamed .txt in the corpus is skipped as binary, not indexed', () => {
  const corpus = tempDir('pdf');
  // A PDF cut off after its first object: no NUL byte, and GB18030 would decode it.
  writeFileSync(join(corpus, 'scan.txt'), Buffer.concat([
    Buffer.from('%PDF-1.4\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]),
    Buffer.from('\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Length 44 /Filter /FlateDecode >>\nstream\n'),
    // Compressed bytes cut off where each pair happens to be a GBK character: GB18030 accepts them.
    Buffer.from([0xb5, 0xa6, 0xc1, 0xf2, 0xd3, 0xe4, 0xb9, 0xc8, 0x9c, 0x78, 0x0a]),
  ]));
  const r = run(['corpus', '--no-seeds', '--corpus', corpus]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /scan\.txt .*\n {2}skipped: binary file \(PDF\)/);
  assert.match(r.stdout, /Corpus: 1 files \(1 skipped\), 0 documents/);
});

test('a missing draft is reported before the corpus is loaded', () => {
  const fresh = tempDir('missing-cache');
  const r = runCli(['--format', 'json', 'nope.md'], { cwd: dir, cache: fresh });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /nope\.md: no such file/);
  assert.deepEqual(JSON.parse(r.stdout), []);
  // Loading the corpus writes its analyses to the cache: nothing there means nothing was loaded.
  assert.deepEqual(readdirSync(fresh), []);
  const zh = runCli(['--locale', 'zh-cn', 'nope.md'], { cwd: dir, cache: fresh });
  assert.match(zh.stderr, /nope\.md: 文件不存在/);
});

test('a broken team phrase library is reported with file, line and reason; the rest is used', () => {
  const team = tempDir('team-lib');
  mkdirSync(join(team, '.policy-draft/phrases'), { recursive: true });
  writeFileSync(join(team, '.policy-draft/phrases/broken.yaml'), 'phrases:\n  - phrase: 推动干部下沉一线\n  - phrase: [unclosed\n');
  writeFileSync(join(team, '.policy-draft/phrases/snippets.txt'), '推动干部下沉一线\n落实${1责任\n');
  writeFileSync(join(team, '.policy-draft/phrases/ok.txt'), '群众 -> 人民群众\n');
  writeFileSync(join(dir, 'team-draft.md'), '# 报告\n\n要倾听群众呼声。\n');
  const r = run(['--team', team, 'team-draft.md']);
  assert.match(r.stderr, /broken\.yaml:\d+:\d+: error phrase-library YAML error: /);
  assert.match(r.stderr, /snippets\.txt:2:1: error phrase-library Broken snippet placeholder/);
  assert.match(r.stdout, /team-draft\.md:3:\d+: info phrase-preferred /, 'the readable library is still used');
  const zh = run(['--locale', 'zh-cn', '--team', team, 'team-draft.md']);
  assert.match(zh.stderr, /broken\.yaml:\d+:\d+: error phrase-library YAML 格式错误：/);
  assert.match(zh.stderr, /snippets\.txt:2:1: error phrase-library 片段占位符有误/);
});

test('server.js without a transport flag prints a usage line, not a stack trace', () => {
  const r = spawnSync(process.execPath, [SERVER], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, LANG: 'C' } });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^usage: node server\.js --stdio/);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'a stack trace');
  const zh = spawnSync(process.execPath, [SERVER], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, LANG: 'zh_CN.UTF-8' } });
  assert.match(zh.stderr, /^用法：node server\.js --stdio/);
});

test('a draft of one 1 MB line is checked, and the run ends', () => {
  const line = '全区新增就业岗位1200个，同比增长5.6%，其中宝安区占三成。'.repeat(Math.ceil(1_048_576 / 33 / 3));
  writeFileSync(join(dir, 'one-line.md'), line + '\n');
  const r = run(['--format', 'json', 'one-line.md', 'bad.md']);
  assert.equal(r.timedOut, false, 'a 1 MB line did not finish');
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.length, 2);
  for (const d of out[0].diagnostics) {
    assert.equal(d.range.start.line, 0);
    assert.ok(d.range.end.character <= line.length);
  }
  assert.ok(out[1].diagnostics.some((d: { code: string }) => d.code === 'script-mixed'));
});

test('an unreadable draft and an unreadable corpus file are reported; the rest goes on', () => {
  makeUnreadable(join(dir, 'locked.md'));
  const r = run(['locked.md', 'bad.md']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /locked\.md: cannot be read \(/);
  assert.match(r.stdout, BAD_FINDING);
  const corpus = tempDir('locked');
  makeUnreadable(join(corpus, 'locked.txt'));
  writeFileSync(join(corpus, 'fine.txt'), '关于全区经济运行情况的报告\n全年新增就业岗位1200个。\n');
  const c = run(['corpus', '--no-seeds', '--corpus', corpus]);
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /locked\.txt .*\n {2}skipped: cannot be read \(/);
  assert.match(c.stdout, /Corpus: 2 files \(1 skipped\), 1 documents/);
});

test('a draft over the size limit is refused before it is read', () => {
  const big = join(dir, 'big.md');
  // A sparse file: 30 MB by its size, nothing on disk, and nothing to read for a refusal.
  writeFileSync(big, '');
  spawnSync('truncate', ['-s', '30M', big]);
  const r = run(['big.md', 'bad.md']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /big\.md: file too large \(30 MB, limit 20 MB\)/);
  assert.match(r.stdout, BAD_FINDING);
});

test('a corpus of 20,000 files is indexed and reported', () => {
  const corpus = tempDir('many');
  for (let i = 0; i < 20_000; i++) writeFileSync(join(corpus, `${String(i).padStart(5, '0')}.txt`), `第${i}号通知\n全区新增就业岗位${i}个。\n`);
  const r = runCli(['corpus', '--no-seeds', '--no-cache', '--format', 'json', '--corpus', corpus], { cwd: dir, timeoutMs: 180_000 });
  assert.equal(r.timedOut, false);
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.stats.files, 20_000);
  assert.equal(report.stats.documents, 20_000);
});

test('absurd magnitudes are written out as numbers in messages, never as 9e+133', () => {
  const tiny = `0.${'0'.repeat(30)}1`;
  const huge = `9${'0'.repeat(100)}`;
  writeFileSync(join(dir, 'absurd.md'), [
    `全区生产总值从${tiny}亿元增加到${huge}亿元，同比增长5%。`,
    `从${tiny}亿元增长到${huge}亿元，翻了两番。`,
    `由${tiny}万人增加到${huge}万人，增长了3倍。`,
  ].join('\n') + '\n');
  const r = run(['--format', 'json', 'absurd.md']);
  assert.equal(r.timedOut, false);
  const messages: string[] = JSON.parse(r.stdout)[0].diagnostics.map((d: { message: string }) => d.message);
  for (const m of messages) assert.doesNotMatch(m, /\de[+-]\d|NaN|Infinity/, m);
});
