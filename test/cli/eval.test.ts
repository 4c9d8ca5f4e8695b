// Accuracy gate: the planted-error drafts (../shared/eval/dev and test/eval) scored by the shared
// score.mjs through the built CLI. Guards against regressions in precision and recall.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '../..');
const score = join(root, '../shared/eval/score.mjs');
const dirs = [join(root, '../shared/eval/dev'), join(root, 'test/eval')];

test('planted errors: precision ≥ 0.95 and recall ≥ 0.85 over the shared and own eval drafts', t => {
  if (!existsSync(score)) {
    t.skip('../shared/eval is not beside the project (CI always has it)');
    return;
  }
  const r = spawnSync(process.execPath, [score, '--lint', `${JSON.stringify(process.execPath)} ${JSON.stringify(join(root, 'server/out/cli.js'))} --format json`, '--verbose', ...dirs], {
    encoding: 'utf8', cwd: root, env: { ...process.env, POLICY_DRAFT_CACHE: mkdtempSync(join(tmpdir(), 'pd-eval-')) },
  });
  const m = /precision=([\d.]+) recall=([\d.]+)/.exec(r.stdout);
  assert.ok(m, `score output: ${r.stdout}${r.stderr}`);
  const [precision, recall] = [Number(m[1]), Number(m[2])];
  t.diagnostic(r.stdout.trim().split('\n').slice(-7).join('\n'));
  assert.ok(precision >= 0.95, `precision ${precision}\n${r.stdout}`);
  assert.ok(recall >= 0.85, `recall ${recall}\n${r.stdout}`);
});
