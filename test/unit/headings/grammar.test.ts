// Static checks of syntaxes/: valid JSON, generated files in sync with build-grammars.mjs, every
// regex compiles, includes resolve, scopes as package.json declares. (Tokenizing with the real
// TextMate engine is in test/e2e/grammar/tokenize.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = join(__dirname, '..', '..', '..');
const syntaxes = join(root, 'syntaxes');
const read = (f: string) => JSON.parse(readFileSync(join(syntaxes, f), 'utf8'));

interface Rule {
  match?: string;
  begin?: string;
  end?: string;
  include?: string;
  patterns?: Rule[];
  captures?: Record<string, Rule>;
  beginCaptures?: Record<string, Rule>;
  endCaptures?: Record<string, Rule>;
  repository?: Record<string, Rule>;
}

function walk(rule: Rule, visit: (r: Rule) => void): void {
  visit(rule);
  rule.patterns?.forEach((r) => walk(r, visit));
  for (const caps of [rule.captures, rule.beginCaptures, rule.endCaptures]) Object.values(caps ?? {}).forEach((r) => walk(r, visit));
  Object.values(rule.repository ?? {}).forEach((r) => walk(r, visit));
}

const grammars = ['policy-draft.tmLanguage.json', 'policy-draft.injection.json'];

test('the grammar files are what build-grammars.mjs generates', () => {
  const r = spawnSync(process.execPath, [join(syntaxes, 'build-grammars.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('package.json points at these grammars with these scope names', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const g of pkg.contributes.grammars as Array<{ path: string; scopeName: string }>) {
    const grammar = read(g.path.replace('./syntaxes/', ''));
    assert.equal(grammar.scopeName, g.scopeName);
  }
  const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'policy-draft');
  const conf = read(lang.configuration.replace('./syntaxes/', ''));
  assert.ok(Array.isArray(conf.brackets) && conf.brackets.length > 0);
  assert.ok(conf.autoClosingPairs.some((p: { open: string }) => p.open === '《'));
});

for (const file of grammars) {
  test(`${file}: every regex compiles and every #include resolves`, () => {
    const grammar = read(file);
    let regexes = 0;
    walk(grammar, (r) => {
      for (const src of [r.match, r.begin, r.end]) {
        if (src === undefined) continue;
        regexes++;
        // Oniguruma and JS agree on everything these grammars use (literal CJK ranges, lookbehind).
        assert.doesNotThrow(() => new RegExp(src, 'u'), src);
      }
      if (r.include?.startsWith('#')) assert.ok(grammar.repository[r.include.slice(1)], `${file}: ${r.include}`);
    });
    assert.ok(regexes >= 10, `${file} has ${regexes} regexes`);
  });
}

test('the heading pattern recognises the four GB/T 9704 levels and refuses figures', () => {
  const grammar = read('policy-draft.tmLanguage.json');
  const rules: Rule[] = grammar.repository.heading.patterns;
  const level = (line: string) => rules.findIndex((r) => new RegExp(r.match!, 'u').test(line)) + 1;
  assert.equal(level('一、总体情况'), 1);
  assert.equal(level('## 二十、其他'), 1);
  assert.equal(level('（一）构建网络'), 2);
  assert.equal(level('1. 建立制度'), 3);
  assert.equal(level('（1）明确职责'), 4);
  assert.equal(level('1.5万家企业'), 0);
  assert.equal(level('2023年以来'), 0);
});
