// --fix and --fix-dry-run on the shared dev drafts (copied to a temp folder): only certain fixes are
// applied, each changed line had a finding, the dry-run diff is exactly what --fix writes, and a second
// run has nothing left to fix.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const CLI = join(__dirname, '../../server/out/cli.js');
const DEV = join(__dirname, '../../../shared/eval/dev');
const cache = mkdtempSync(join(tmpdir(), 'pd-fix-cache-'));

function run(args: string[], cwd: string) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, env: { ...process.env, POLICY_DRAFT_CACHE: cache, LANG: 'C' } });
}

/** Applies a unified diff produced for files in `dir` (every hunk; context lines must match). */
function applyDiff(dir: string, diff: string): Map<string, string> {
  const out = new Map<string, string>();
  const files = diff.split(/^--- a\//m).slice(1);
  for (const chunk of files) {
    const name = chunk.slice(0, chunk.indexOf('\n'));
    const lines = readFileSync(join(dir, name), 'utf8').split('\n');
    const result: string[] = [];
    let pos = 0;
    for (const hunk of chunk.split(/^@@ /m).slice(1)) {
      const m = /^-(\d+),(\d+) \+\d+,\d+ @@\n/.exec(hunk)!;
      const start = Number(m[1]) - 1;
      while (pos < start) result.push(lines[pos++]);
      for (const l of hunk.slice(m[0].length).split('\n')) {
        if (l === '' ) continue;
        if (l[0] === ' ') {
          assert.equal(lines[pos], l.slice(1));
          result.push(lines[pos++]);
        } else if (l[0] === '-') {
          assert.equal(lines[pos], l.slice(1));
          pos++;
        } else if (l[0] === '+') result.push(l.slice(1));
      }
    }
    while (pos < lines.length) result.push(lines[pos++]);
    out.set(name, result.join('\n'));
  }
  return out;
}

test('--fix applies the dry-run diff to the dev drafts and changes nothing else', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pd-fix-'));
  const drafts = readdirSync(DEV).filter((f) => f.endsWith('.md') && f !== 'README.md');
  assert.ok(drafts.length >= 3);
  for (const f of drafts) copyFileSync(join(DEV, f), join(dir, f));
  const before = new Map(drafts.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  const found = JSON.parse(run(['--format', 'json', ...drafts], dir).stdout) as Array<{ file: string; diagnostics: Array<{ code: string; range: { start: { line: number }; end: { line: number } } }> }>;

  const dry = run(['--fix-dry-run', ...drafts], dir);
  assert.ok(dry.status === 0 || dry.status === 1, dry.stderr);
  // The dry run changes nothing on disk.
  for (const f of drafts) assert.equal(readFileSync(join(dir, f), 'utf8'), before.get(f));
  const predicted = applyDiff(dir, dry.stdout);

  const fixed = run(['--fix', '--format', 'json', ...drafts], dir);
  assert.ok(fixed.status === 0 || fixed.status === 1, fixed.stderr);
  let changed = 0;
  for (const f of drafts) {
    const after = readFileSync(join(dir, f), 'utf8');
    assert.equal(after, predicted.get(f) ?? before.get(f), `${f}: --fix wrote what --fix-dry-run showed`);
    const a = before.get(f)!.split('\n');
    const b = after.split('\n');
    assert.equal(b.length, a.length, `${f}: no line added or removed`);
    const lines = new Set(found.find((r) => r.file === f)!.diagnostics.flatMap((d) => [d.range.start.line, d.range.end.line]));
    a.forEach((line, i) => {
      if (line === b[i]) return;
      changed++;
      assert.ok(lines.has(i), `${f}:${i + 1} changed without a finding there`);
    });
  }
  assert.ok(changed > 0, 'the dev drafts hold at least one certain fix');
  // Nothing certain is left: a second dry run prints no diff.
  const again = run(['--fix-dry-run', ...drafts], dir);
  assert.equal(again.stdout, '');
  assert.equal(again.status, 0);
});

test('--fix never applies a fix that chooses between suggestions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pd-fix-choice-'));
  const text = '全年接待游客约120万人次左右，新增就业5百万人。\n';
  writeFileSync(join(dir, 'd.md'), text);
  const r = run(['--fix', 'd.md'], dir);
  assert.equal(r.status, 1);
  assert.equal(readFileSync(join(dir, 'd.md'), 'utf8'), '全年接待游客约120万人次左右，新增就业500万人。\n');
  assert.match(r.stdout, /number-approx-redundant/);
  assert.doesNotMatch(r.stdout, /number-magnitude/);
});

test('--fix keeps a UTF-8 BOM and leaves a GB18030 draft alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pd-fix-enc-'));
  writeFileSync(join(dir, 'bom.md'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('总投资3千5百万元。\n')]));
  run(['--fix', 'bom.md'], dir);
  const bytes = readFileSync(join(dir, 'bom.md'));
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(bytes.subarray(3).toString('utf8'), '总投资3500万元。\n');
  // 总投资3千5百万元。 in GB18030.
  const gb = Buffer.from('d7dccdb6d7ca33c7a735b0d9cdf2d4aaa1a30a', 'hex');
  writeFileSync(join(dir, 'gb.txt'), gb);
  const r = run(['--fix', 'gb.txt'], dir);
  assert.match(r.stderr, /not UTF-8/);
  assert.deepEqual(readFileSync(join(dir, 'gb.txt')), gb);
});
