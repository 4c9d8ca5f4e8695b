// The two segmenters give the same results: token agreement of at least 99% on ../shared/corpus
// (the gazetteer's words added, as the service does), and the built CLI's findings on the shared
// eval drafts (dev with the seeds, dev-real against the Baoding county reports) and this project's
// own eval drafts identical with POLICY_DRAFT_SEGMENTER=nodejieba and =wasm, each with its own
// fresh cache. Needs `npm run build` first. Slow (the corpora are segmented twice).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gazetteerWords } from '../../server/src/core/regions';
import { loadGazetteer } from '../../server/src/node/gazetteer';
import { createSegmenter } from '../../server/src/node/segmenter';
import { agreement, corpusDocuments, SHARED } from './segmenters';

const root = resolve(__dirname, '../..');

/**
 * A copy of the built CLI with the data and seeds it reads (and a link to node_modules for
 * nodejieba), so that both segmenters run the same code even if the checkout is rebuilt meanwhile.
 */
let snapshot: string | undefined;
const scratch: string[] = [];
after(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});
function builtCli(): string {
  if (!snapshot) {
    assert.ok(existsSync(join(root, 'server/out/cli.js')), 'run npm run build first');
    snapshot = mkdtempSync(join(tmpdir(), 'parity-build-'));
    scratch.push(snapshot);
    for (const dir of ['server/out', 'server/data', 'seeds']) cpSync(join(root, dir), join(snapshot, dir), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(snapshot, 'node_modules'));
  }
  return join(snapshot, 'server/out/cli.js');
}

test('jieba-wasm agrees with nodejieba on at least 99% of the corpus tokens', t => {
  const docs = corpusDocuments();
  assert.ok(docs.length > 100, `${docs.length} corpus documents`);
  const words = gazetteerWords(loadGazetteer());
  const native = createSegmenter({ prefer: 'nodejieba' });
  const wasm = createSegmenter({ prefer: 'wasm' });
  native.addWords!(words);
  wasm.addWords!(words);
  const a = agreement(docs, text => native.cut(text), text => wasm.cut(text));
  t.diagnostic(`token agreement ${(a.ratio * 100).toFixed(3)}% (${a.same} of ${a.tokens}); differing: ${a.differing.slice(0, 8).map(([w, n]) => `${w}×${n}`).join(' ')}`);
  assert.ok(a.ratio >= 0.99, `agreement ${(a.ratio * 100).toFixed(3)}%`);
  // With 36,000 user words jieba-rs's dictionary total would move (see user-word-freqs.tsv) and
  // near-ties like these would go the other way.
  const sentence = '坚持城市建设与城市开发相结合，实施教育提升三年行动计划';
  assert.deepEqual(wasm.cut(sentence), native.cut(sentence));
});

function lint(kind: string, args: string[]): string {
  const cli = builtCli();
  const cache = mkdtempSync(join(tmpdir(), `parity-${kind}-`));
  scratch.push(cache);
  const r = spawnSync(process.execPath, [cli, '--format', 'json', ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 600_000,
    env: { ...process.env, POLICY_DRAFT_SEGMENTER: kind, POLICY_DRAFT_CACHE: cache, LANG: 'en_US.UTF-8' },
  });
  assert.equal(r.status, 1, `${kind}: exit 1 (findings) expected: ${r.stderr}`);
  // Citations of the seeds point into the snapshot; any other path is as given.
  return r.stdout.split(snapshot!).join('<build>');
}

const drafts = (dir: string) =>
  readdirSync(dir)
    .filter(f => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map(f => join(dir, f));

test('the eval drafts get the same findings from both segmenters (dev and the own drafts, with the seeds)', () => {
  const files = [...drafts(join(SHARED, 'eval/dev')), ...drafts(join(root, 'test/eval'))];
  const native = lint('nodejieba', files);
  assert.ok(JSON.parse(native).some((f: { diagnostics: unknown[] }) => f.diagnostics.length > 0));
  assert.equal(lint('wasm', files), native);
});

test('the real-text eval drafts get the same findings from both segmenters (dev-real, Baoding corpus)', () => {
  const args = ['--corpus', join(SHARED, 'corpus/county-reports-baoding'), ...drafts(join(SHARED, 'eval/dev-real'))];
  const native = lint('nodejieba', args);
  assert.ok(JSON.parse(native).some((f: { diagnostics: unknown[] }) => f.diagnostics.length > 0));
  assert.equal(lint('wasm', args), native);
});
