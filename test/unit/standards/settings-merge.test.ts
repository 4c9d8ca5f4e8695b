// The repository file `.policy-draft/config.json` and the editor's settings: the editor's own choice
// wins, the package default does not override the file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSettings } from '../../../server/src/lsp/settings';
import { parseRepoConfig } from '../../../server/src/node/config';

const repo = parseRepoConfig({
  corpus: { paths: ['archive'], includeSeeds: false },
  checks: { 'punct-halfwidth': 'error', 'number-year-short': 'off' },
  headings: { itemMarker: 'dot' },
}).config;

test('the repository file applies where the editor keeps its defaults', () => {
  const s = parseSettings({ checks: { 'punct-halfwidth': 'warning', 'number-year-short': 'warning' }, corpus: { paths: [] } }, repo);
  assert.equal(s.severities['punct-halfwidth'], 'error');
  assert.equal(s.severities['number-year-short'], 'off');
  assert.deepEqual(s.corpusPaths, ['archive']);
  assert.equal(s.includeSeeds, false);
  assert.equal(s.headings.itemMarker, 'dot');
});

test("the editor's own choice overrides the repository file", () => {
  const s = parseSettings({ checks: { 'punct-halfwidth': 'hint' }, corpus: { paths: ['more'] }, headings: { strictLevels: true } }, repo);
  assert.equal(s.severities['punct-halfwidth'], 'hint');
  assert.deepEqual(s.corpusPaths, ['archive', 'more']);
  assert.equal(s.headings.strictLevels, true);
});

test('a malformed repository file reports each problem and keeps the rest', () => {
  const r = parseRepoConfig({ checks: { 'punct-doubled': 'loud', 'punct-pairs': 'off' }, headings: { itemMarker: '1)' }, corpus: [] });
  assert.deepEqual(r.config.severities, { 'punct-pairs': 'off' });
  assert.equal(r.problems.length, 3);
  assert.deepEqual(parseRepoConfig('x').problems, ['not a JSON object']);
});
