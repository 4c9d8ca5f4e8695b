// policy-lint checks each draft against the local index through its lookup keys (as the editor's
// check worker does), not against a snapshot of the whole corpus: the findings are those of the whole
// snapshot, for drafts with corpus conflicts, misspelt places and a draft that is itself a corpus file
// (whose own copy is skipped).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileUri, toDiagnostic } from '../../server/src/lsp/convert';
import { resolveCorpusPaths } from '../../server/src/node/corpusFiles';
import { createNodeService, seedsDir } from '../../server/src/node/environment';
import { indexCorpus } from '../../server/src/node/indexer';

const root = join(__dirname, '../..');
const CLI = join(root, 'server/out/cli.js');
const DEV = join(root, '../shared/eval/dev');

test('policy-lint finds, through lookups, what a check against the whole index finds', t => {
  if (!existsSync(DEV)) {
    t.skip('../shared/eval is not beside the project (CI always has it)');
    return;
  }
  const seed = readdirSync(seedsDir()).filter(f => /\.(txt|md)$/.test(f)).sort()[0];
  const drafts = [
    ...readdirSync(DEV).filter(f => f.endsWith('.md') && f !== 'README.md').sort().map(f => join(DEV, f)),
    join(seedsDir(), seed),
  ];
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', ...drafts], {
    encoding: 'utf8', cwd: root, env: { ...process.env, POLICY_DRAFT_CACHE: mkdtempSync(join(tmpdir(), 'pd-cli-lookups-')), LANG: 'C' },
  });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const got = JSON.parse(r.stdout) as Array<{ file: string; diagnostics: unknown[] }>;

  const service = createNodeService('en');
  const index = indexCorpus(service, resolveCorpusPaths([seedsDir()], root).files, { cacheDir: null });
  const whole = service.assemble(index.files, index.phrases);
  let corpusConflicts = 0;
  for (const file of drafts) {
    const text = readFileSync(file, 'utf8');
    const findings = service.check(whole, text, { source: resolve(file) });
    corpusConflicts += findings.filter(f => f.code === 'figure-conflict-corpus').length;
    const doc = TextDocument.create(fileUri(resolve(file)), 'policy-draft', 1, text);
    const expected = JSON.parse(JSON.stringify(findings.map(f => toDiagnostic(doc, f))));
    const entry = got.find(g => resolve(root, g.file) === resolve(file));
    assert.deepEqual(entry?.diagnostics ?? [], expected, file);
  }
  // (the drafts do meet the corpus: the comparison is not of empty lists)
  assert.ok(corpusConflicts >= 3, `corpus conflicts found: ${corpusConflicts}`);
});
