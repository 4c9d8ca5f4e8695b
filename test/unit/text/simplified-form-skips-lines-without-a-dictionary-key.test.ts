// toSimplified returns a text that holds no first character of any key of OpenCC's to-cn
// dictionaries as it is, without running the converter (OpenCC only replaces text that starts with
// a key). That must equal what the converter itself gives, on simplified, traditional and mixed text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import { toSimplified, toTraditional } from '../../../server/src/core/text/script';
import { draftsIn, repoRoot } from '../../helpers/editedDrafts';

const convert = OpenCC.Converter({ from: 't', to: 'cn' });
const simplified = [readFileSync(join(repoRoot, 'examples/draft.md'), 'utf8'), ...draftsIn(join(repoRoot, 'seeds')), ...draftsIn(join(repoRoot, '../shared/eval/dev'))];
const lines = simplified.flatMap(t => t.split('\n'));

test('every line of simplified, traditional and mixed drafts simplifies as the converter does', () => {
  let unchanged = 0;
  const all = [...lines, ...lines.slice(0, 200).map(toTraditional), ...lines.slice(0, 50).map(l => toTraditional(l).slice(0, 10) + l)];
  for (const line of all) {
    const expected = convert(line);
    if (expected.length !== line.length) continue; // (toSimplified then converts piece by piece, keeping the length)
    assert.equal(toSimplified(line), expected, line);
    if (expected === line) unchanged++;
  }
  assert.ok(unchanged > 100, 'lines that stay as they are were checked');
});

test('a text with a traditional character anywhere is converted', () => {
  assert.equal(toSimplified('全县经济稳中向好，們'), '全县经济稳中向好，们');
  assert.equal(toSimplified('經濟'), '经济');
  assert.equal(toSimplified('全县经济稳中向好'), '全县经济稳中向好');
});
