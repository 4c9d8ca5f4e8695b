// The reviewer's formats: SARIF 2.1.0 valid against the official schema (shipped in
// @microsoft/jest-sarif, read offline), GitHub workflow annotations, reviewdog rdjson; text columns
// count characters as a person does while JSON stays in UTF-16; help, severities and errors in Chinese.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';

const CLI = join(__dirname, '../../server/out/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'pd-fmt-'));
const cache = mkdtempSync(join(tmpdir(), 'pd-fmt-cache-'));
function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, POLICY_DRAFT_CACHE: cache, LANG: 'C', LC_ALL: '', ...env } });
}
// 𠮷 (two UTF-16 units, one character) before a half-width comma on line 3.
writeFileSync(join(dir, 'd.md'), '# 报告\n\n新建公厕𠮷𠮷,共3处。\n总投资3千5百万元。\n');

test('--format sarif validates against the SARIF 2.1.0 schema, with fixes and UTF-16 columns', () => {
  const r = run(['--format', 'sarif', 'd.md']);
  assert.equal(r.status, 1, r.stderr);
  const log = JSON.parse(r.stdout);
  const req = createRequire(require.resolve('@microsoft/jest-sarif/package.json'));
  const schemaFile = join(dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  // The schema is draft-04: the ajv 6 that ships with it validates it.
  const Ajv = req('ajv');
  const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
  ajv.addMetaSchema(req('ajv/lib/refs/json-schema-draft-04.json'));
  const valid = ajv.validate(schema, log);
  assert.ok(valid, JSON.stringify(ajv.errors?.slice(0, 3)));
  // A broken log fails the same validation (the test can fail).
  assert.equal(ajv.validate(schema, { ...log, version: '3.0' }), false);
  const res = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'punct-halfwidth');
  assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 3, startColumn: 9, endLine: 3, endColumn: 10 });
  assert.equal(res.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, '，');
  assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
});

test('text columns count 𠮷 as one character; JSON keeps UTF-16', () => {
  const t = run(['d.md']);
  assert.match(t.stdout, /^d\.md:3:7: warning punct-halfwidth /m);
  const j = JSON.parse(run(['--format', 'json', 'd.md']).stdout);
  const d = j[0].diagnostics.find((x: { code: string }) => x.code === 'punct-halfwidth');
  assert.equal(d.range.start.character, 8);
});

test('--format github prints workflow annotations; --format rdjson counts UTF-8 bytes', () => {
  const g = run(['--format', 'github', 'd.md']);
  assert.match(g.stdout, /^::warning file=d\.md,line=3,col=7,endLine=3,endColumn=8,title=policy-lint punct-halfwidth::/m);
  const rd = JSON.parse(run(['--format', 'rdjson', 'd.md']).stdout);
  assert.equal(rd.source.name, 'policy-lint');
  const d = rd.diagnostics.find((x: { code: { value: string } }) => x.code.value === 'number-magnitude');
  assert.deepEqual(d.location, { path: 'd.md', range: { start: { line: 4, column: 10 }, end: { line: 4, column: 21 } } });
  assert.deepEqual(d.suggestions, [{ range: d.location.range, text: '3500万' }]);
  assert.equal(d.severity, 'WARNING');
});

test('the CLI speaks Chinese for a Chinese locale: severities, --help, errors; --version', () => {
  const zh = { LANG: 'zh_CN.UTF-8' };
  assert.match(run(['d.md'], zh).stdout, /^d\.md:3:7: 警告 punct-halfwidth 中文中使用了半角/m);
  const help = run(['--help'], zh);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^用法：policy-lint/);
  assert.match(help.stdout, /--fix-dry-run\s+以统一差异格式/);
  const bad = run(['--format', 'xml', 'd.md'], zh);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /未知的输出格式：xml/);
  assert.match(bad.stderr, /用法：/);
  const v = run(['--version']);
  assert.match(v.stdout, /^policy-lint \d+\.\d+\.\d+/);
});

test('.policy-draft/config.json sets severities, turns checks off and chooses the heading style', () => {
  const team = mkdtempSync(join(tmpdir(), 'pd-cfg-'));
  writeFileSync(join(team, 'd.md'), '一、总体情况\n1、建立制度,明确职责\n2、直达直联\n');
  const plain = run(['--format', 'json', '--team', team, join(team, 'd.md')]);
  const codes = (r: ReturnType<typeof run>) => JSON.parse(r.stdout)[0].diagnostics.map((d: { code: string; severity: number }) => `${d.code}:${d.severity}`);
  assert.deepEqual(codes(plain), ['punct-halfwidth:2']);
  mkdirSync(join(team, '.policy-draft'));
  writeFileSync(join(team, '.policy-draft/config.json'), JSON.stringify({ checks: { 'punct-halfwidth': 'error' }, headings: { itemMarker: 'dot' } }));
  assert.deepEqual(codes(run(['--format', 'json', '--team', team, join(team, 'd.md')])), ['heading-sequence:2', 'punct-halfwidth:1']);
  writeFileSync(join(team, '.policy-draft/config.json'), JSON.stringify({ checks: { 'punct-halfwidth': 'off', 'heading-sequence': 'loud' } }));
  const off = run(['--format', 'json', '--team', team, join(team, 'd.md')]);
  assert.deepEqual(codes(off), []);
  assert.match(off.stderr, /checks\.heading-sequence: expected one of/);
});
