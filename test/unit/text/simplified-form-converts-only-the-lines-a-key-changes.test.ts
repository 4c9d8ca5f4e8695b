// toSimplified converts only what OpenCC could change: a text holding no unit where some key of the
// to-cn dictionaries (normalization and conversion) differs from its value is returned as it is, and
// of a longer text only the lines holding one are converted (no key holds a line break). Whole texts
// and each of their lines, simplified, traditional and mixed, and every dictionary key alone and
// between other lines, must give what the converter gives with the length kept (the whole text when
// its length is kept, else line by line, else character by character).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js';
import { toSimplified, toTraditional } from '../../../server/src/core/text/script';
import { draftsIn, repoRoot } from '../../helpers/editedDrafts';

const convert = OpenCC.Converter({ from: 't', to: 'cn' });

/** The converter's output with every offset kept (the contract of toSimplified). */
function keepingLength(text: string): string {
  const out = convert(text);
  if (out.length === text.length) return out;
  return text.split('\n').map(line => {
    const l = convert(line);
    if (l.length === line.length) return l;
    let s = '';
    for (const ch of line) {
      const c = convert(ch);
      s += c.length === ch.length ? c : ch;
    }
    return s;
  }).join('\n');
}

const texts = [readFileSync(join(repoRoot, 'examples/draft.md'), 'utf8'), ...draftsIn(join(repoRoot, 'seeds')), ...draftsIn(join(repoRoot, '../shared/eval/dev'))];

test('whole texts and their lines, simplified, traditional and mixed, simplify as the converter does', () => {
  let converted = 0;
  for (const text of texts) {
    const lines = text.split('\n');
    const mixed = lines.map((l, i) => (i % 3 === 0 ? toTraditional(l) : l)).join('\n');
    for (const t of [text, toTraditional(text), mixed, ...lines, ...mixed.split('\n')]) {
      const expected = keepingLength(t);
      assert.equal(toSimplified(t), expected, t.slice(0, 80));
      if (expected !== t) converted++;
    }
  }
  assert.ok(converted > 100, `texts that change were checked (${converted})`);
});

test('every key of the to-cn dictionaries, alone and between other lines, simplifies as the converter does', () => {
  const groups = (OpenCC as unknown as { Locale: { to: { cn: string[][] } } }).Locale.to.cn;
  let keys = 0;
  for (const group of groups) {
    for (const dict of group) {
      for (const entry of dict.split('|')) {
        const key = entry.slice(0, entry.indexOf(' '));
        keys++;
        for (const t of [key, `前${key}后`, `全县经济稳中向好。\n${key}，${key}\n\n在${key}之后`]) assert.equal(toSimplified(t), keepingLength(t), t);
      }
    }
  }
  assert.ok(keys > 1000, `the dictionaries were read (${keys} keys)`);
});
