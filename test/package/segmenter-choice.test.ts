// The segmenter chosen at start-up: nodejieba where its native module loads, else jieba-wasm set up
// to cut like it; created for free, loaded on the first cut; forced by $POLICY_DRAFT_SEGMENTER.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createSegmenter, expectedSegmenter, looksLoadable, SEGMENTER_ENV, segmenterChoice } from '../../server/src/node/segmenter';
import { CPPJIEBA_USER_WORD_FREQ, NODEJIEBA_USER_DICT, jiebaDataDir } from '../../server/src/node/segmenter-wasm';
import { expectedUserWordFreqs } from '../../scripts/build-jieba-data';

const root = resolve(__dirname, '../..');
const cppjiebaDict = join(dirname(require.resolve('nodejieba/package.json')), 'submodules/cppjieba/dict');

/** A copy of nodejieba whose native module is not a loadable library (a failed or foreign build). */
function brokenNodejieba(): string {
  const dir = mkdtempSync(join(tmpdir(), 'broken-nodejieba-'));
  mkdirSync(join(dir, 'build', 'Release'), { recursive: true });
  writeFileSync(join(dir, 'build', 'Release', 'nodejieba.node'), 'MZ this is a Windows DLL, not an ELF object');
  writeFileSync(join(dir, 'index.js'), readFileSync(require.resolve('nodejieba')));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'nodejieba', main: 'index.js' }));
  return dir;
}

const words = (seg: ReturnType<typeof createSegmenter>, text: string) => seg.cut(text).map(t => t.word);

test('nodejieba is chosen where its native module loads', () => {
  const seg = createSegmenter({ prefer: 'auto' });
  assert.equal(seg.kind, 'nodejieba');
  assert.match(seg.describe(), /nodejieba \(native\)/);
});

test('a nodejieba whose native module does not load falls back to jieba-wasm, and says why', () => {
  const seg = createSegmenter({ nodejiebaDir: brokenNodejieba() });
  assert.equal(seg.kind, 'jieba-wasm');
  assert.match(seg.describe(), /^jieba-wasm \(WebAssembly\): nodejieba does not load: /);
  assert.deepEqual(words(seg, '我们推进营商环境建设'), ['我们', '推进', '营商', '环境', '建设']);
});

test('asking for nodejieba when it does not load is an error that names the setting', () => {
  const seg = createSegmenter({ prefer: 'nodejieba', nodejiebaDir: brokenNodejieba() });
  assert.throws(() => seg.cut('推进'), new RegExp(`nodejieba was asked for \\(${SEGMENTER_ENV}\\) but does not load`));
});

test(`${SEGMENTER_ENV}=wasm forces the WebAssembly segmenter`, () => {
  const saved = process.env[SEGMENTER_ENV];
  process.env[SEGMENTER_ENV] = 'wasm';
  try {
    assert.equal(createSegmenter().kind, 'jieba-wasm');
    assert.equal(segmenterChoice().kind, 'jieba-wasm');
  } finally {
    if (saved === undefined) delete process.env[SEGMENTER_ENV];
    else process.env[SEGMENTER_ENV] = saved;
  }
});

for (const prefer of ['nodejieba', 'wasm'] as const) {
  test(`${prefer}: creating and adding words loads nothing; the first cut loads and applies the words`, () => {
    const seg = createSegmenter({ prefer });
    seg.addWords!(['柒陆伍区']);
    assert.equal(seg.loaded, false);
    assert.ok(words(seg, '我在柒陆伍区工作').includes('柒陆伍区'));
    assert.equal(seg.loaded, true);
  });
}

// Texts where jieba-rs on its own cuts differently from cppjieba: a run of single characters that
// is itself a dictionary word (既要), punctuation inside an HMM run (、杨庄、), ASCII (11.4%, UTF-8,
// 3.5.1), the dictionary's ASCII words (AT&T, C++), a full-width letter, line breaks, supplementary
// characters.
const HARD_CASES = [
  '既要金山银山，又要绿水青山',
  '加快了北大冉、杨庄、冉庄等村的改造',
  '增长11.4%，占比达到30.2%，UTF-8编码，版本3.5.1发布',
  'AT&T公司与C++语言，Ｔ恤衫',
  '第一行\r\n第二行\n\n　　第三段开头',
  '𠮷野家在𠮷林开店，GDP总量v2版本',
  '坚持城市建设与产业发展相结合，实施三年行动计划',
];

test('jieba-wasm cuts the hard cases exactly as nodejieba', () => {
  const native = createSegmenter({ prefer: 'nodejieba' });
  const wasm = createSegmenter({ prefer: 'wasm' });
  for (const text of HARD_CASES) assert.deepEqual(wasm.cut(text), native.cut(text), text);
});

test('the WASM setup holds what nodejieba loads: user-word weight, default user words, HMM model, replaced frequencies', () => {
  const freqs = readFileSync(join(cppjiebaDict, 'jieba.dict.utf8'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(l => Number(l.split(' ')[1]))
    .sort((a, b) => a - b);
  // cppjieba: user_word_default_weight_ = weights sorted ascending, element size/2.
  assert.equal(CPPJIEBA_USER_WORD_FREQ, freqs[Math.floor(freqs.length / 2)]);
  const userDict = readFileSync(join(cppjiebaDict, 'user.dict.utf8'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(l => l.split(' '))
    .map(f => [f[0], f.length === 3 ? Number(f[1]) : CPPJIEBA_USER_WORD_FREQ]);
  assert.deepEqual(NODEJIEBA_USER_DICT, userDict);
  assert.equal(
    readFileSync(join(jiebaDataDir(join(root, 'server/src/node')), 'hmm_model.utf8'), 'utf8'),
    readFileSync(join(cppjiebaDict, 'hmm_model.utf8'), 'utf8'),
  );
  // Regenerate with: node --import tsx scripts/build-jieba-data.ts
  assert.equal(readFileSync(join(jiebaDataDir(join(root, 'server/src/node')), 'user-word-freqs.tsv'), 'utf8'), expectedUserWordFreqs());
});

test('without loading anything, a native module built for this machine is expected to load and a broken or foreign one is not', () => {
  assert.equal(expectedSegmenter(), 'nodejieba');
  assert.equal(looksLoadable(join(dirname(require.resolve('nodejieba/package.json')), 'build/Release/nodejieba.node')), true);
  assert.equal(expectedSegmenter({ nodejiebaDir: brokenNodejieba() }), 'jieba-wasm');
  assert.equal(expectedSegmenter({ prefer: 'wasm' }), 'jieba-wasm');
  // An x86-64 ELF object is foreign to an ARM64 machine and the other way round.
  const foreign = mkdtempSync(join(tmpdir(), 'foreign-'));
  const elf = Buffer.alloc(64);
  elf.writeUInt32BE(0x7f454c46, 0);
  elf[5] = 1;
  elf.writeUInt16LE(process.arch === 'arm64' ? 62 : 183, 18);
  writeFileSync(join(foreign, 'nodejieba.node'), elf);
  assert.equal(looksLoadable(join(foreign, 'nodejieba.node')), false);
});
