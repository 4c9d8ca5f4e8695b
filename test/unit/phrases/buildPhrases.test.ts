// scripts/build-phrases.mjs is deterministic: the same inputs give the same bytes (on a few reports
// here; the full build takes about a minute, see test/unit/phrases/README.md).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './heldout/score';

test('building the phrase table twice from the same reports gives the same bytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'phrase-table-'));
  try {
    const list = join(dir, 'files.txt');
    writeFileSync(list, ['gwr-national/2019_全国_国务院政府工作报告.txt', 'gwr-national/2021_全国_国务院政府工作报告.txt',
      'county-reports-baoding/2021_博野_2021年博野县政府工作报告.txt', 'npc-resolution/2021_全国_人大关于政府工作报告的决议.txt'].join('\n'));
    const outs = [join(dir, 'a.json'), join(dir, 'b.json')];
    for (const out of outs) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/build-phrases.mjs'), '--files', list, '--out', out], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    }
    const [a, b] = outs.map(f => readFileSync(f));
    assert.ok(a.length > 10_000, `${a.length} bytes`);
    assert.ok(a.equals(b));
    const table = JSON.parse(a.toString('utf8'));
    assert.ok(table.phrases.some((r: unknown[]) => r[0] === '稳中求进工作总基调' || r[0] === '高质量发展'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
