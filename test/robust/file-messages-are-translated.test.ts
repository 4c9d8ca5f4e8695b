// Every message the file layer, the CLI and the server's usage line show has a Chinese translation
// (the core's own test covers server/src/core; these edges localise through the same bundles).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatCorpusReport } from '../../server/src/core/corpus/report';
import { bundleKeys, createLocalizer } from '../../server/src/core/l10n';
import { KIND_TEXT } from '../../server/src/node/files';

const src = join(__dirname, '../../server/src');
const files = [...readdirSync(join(src, 'node')).map(f => join(src, 'node', f)), join(src, 'cli.ts')].filter(f => f.endsWith('.ts'));

test('every message of node/ and the CLI has a zh-cn translation', () => {
  const zh = bundleKeys()['zh-cn'];
  const missing: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt(?:\.t)?\(\s*'((?:[^'\\]|\\.)+)'/g)) {
      const key = m[1].replace(/\\'/g, "'");
      if (!(key in zh)) missing.push(`${file.slice(src.length + 1)}: ${key}`);
    }
    for (const m of text.matchAll(/new UsageError\(\s*'((?:[^'\\]|\\.)+)'/g)) if (!(m[1] in zh)) missing.push(`${file.slice(src.length + 1)}: ${m[1]}`);
  }
  for (const v of Object.values(KIND_TEXT)) if (!(v in zh)) missing.push(`files.ts KIND_TEXT: ${v}`);
  assert.deepEqual(missing, []);
});

test('the corpus report names every skip reason and special file in Chinese', () => {
  const reasons: Array<[string, string | undefined]> = [
    ['not-regular', 'fifo'], ['not-regular', 'socket'], ['not-regular', 'character-device'], ['not-regular', 'duplicate-folder'],
    ['link-loop', undefined], ['unreadable', 'broken-link'], ['unreadable', 'missing'], ['binary', 'PDF'], ['too-large', '30.0 MB'],
  ];
  const report = {
    stats: { files: reasons.length, skippedFiles: reasons.length, documents: 0, characters: 0 },
    files: reasons.map(([skipped, detail], i) => ({ source: `/c/${i}.txt`, bytes: 0, skipped, detail, documents: [], cleaned: [] })),
  };
  const zh = formatCorpusReport(report, createLocalizer('zh-cn'));
  assert.doesNotMatch(zh, /skipped|named pipe|socket|device|symbolic|folder|no such/i, zh);
  const en = formatCorpusReport(report, createLocalizer('en'));
  assert.match(en, /skipped: not a regular file \(a named pipe\)/);
  assert.match(en, /skipped: symbolic link loop/);
});
