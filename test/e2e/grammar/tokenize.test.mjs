// Tokenizes policy text with the grammars in syntaxes/ using the very TextMate engine VS Code
// 1.100 runs (vscode-textmate + vscode-oniguruma, taken from the code-server install, so the
// project needs no extra dependency), alone and injected into VS Code's Markdown grammar.
// Run: node --test test/e2e/grammar/   (installs code-server once if it is missing)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureCodeServer } from '../../../scripts/e2e/install-code-server.mjs';
import { codeServerVscodeDir, projectRoot } from '../../../scripts/e2e/paths.mjs';

let registry;
const grammarFiles = {
  'text.policy-draft': join(projectRoot, 'syntaxes', 'policy-draft.tmLanguage.json'),
  'policy-draft.injection': join(projectRoot, 'syntaxes', 'policy-draft.injection.json'),
};

before(async () => {
  ensureCodeServer();
  const require = createRequire(join(codeServerVscodeDir, 'package.json'));
  const textmate = require('vscode-textmate');
  const oniguruma = require('vscode-oniguruma');
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  grammarFiles['text.html.markdown'] = join(codeServerVscodeDir, 'extensions', 'markdown-basics', 'syntaxes', 'markdown.tmLanguage.json');
  registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      const file = grammarFiles[scope];
      return file ? textmate.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    // As package.json declares: the injection goes into Markdown (and plain text).
    getInjections: (scope) => (scope === 'text.html.markdown' ? ['policy-draft.injection'] : undefined),
  });
});

/** Tokenizes `text` line by line; returns tokens {text, scopes} for all lines. */
async function tokenize(scope, text) {
  const grammar = await registry.loadGrammar(scope);
  assert.ok(grammar, `grammar ${scope} loads`);
  const out = [];
  let state = createRequire(join(codeServerVscodeDir, 'package.json'))('vscode-textmate').INITIAL;
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    r.tokens.forEach((t) => out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes, line }));
    state = r.ruleStack;
  }
  return out;
}

/** The scopes of the token(s) covering the first occurrence of `piece` (must be one token). */
function scopesOf(tokens, piece) {
  const t = tokens.find((x) => x.text === piece);
  assert.ok(t, `a token exactly "${piece}" among ${JSON.stringify(tokens.map((x) => x.text))}`);
  return t.scopes;
}

function has(scopes, prefix) {
  return scopes.some((s) => s === prefix || s.startsWith(prefix + '.'));
}

test('policy-draft: heading numbers of all four levels, with or without #', async () => {
  const tokens = await tokenize('text.policy-draft', '## 一、总体情况\n（一）构建一张网络。宝安区推动\n1. 建立制度\n（1）明确职责\n第三条 通知适用于发布事项');
  assert.ok(has(scopesOf(tokens, '一、'), 'constant.numeric.heading'));
  assert.ok(has(scopesOf(tokens, '一、'), 'markup.heading.1'));
  assert.ok(has(scopesOf(tokens, '##'), 'punctuation.definition.heading'));
  assert.ok(has(scopesOf(tokens, '总体情况'), 'entity.name.section'));
  assert.ok(has(scopesOf(tokens, '（一）'), 'markup.heading.2'));
  assert.ok(has(scopesOf(tokens, '构建一张网络'), 'entity.name.section'));
  // The run-in heading ends at the full stop: the sentence after it is body text.
  assert.ok(!tokens.some((t) => t.text.includes('宝安区推动') && has(t.scopes, 'markup.heading')));
  assert.ok(has(scopesOf(tokens, '1.'), 'markup.heading.3'));
  assert.ok(has(scopesOf(tokens, '（1）'), 'markup.heading.4'));
  assert.ok(has(scopesOf(tokens, '第三条'), 'markup.heading.3'));
});

test('policy-draft: figures with units, approximations, Chinese numerals and percentages', async () => {
  const tokens = await tokenize(
    'text.policy-draft',
    '共走访企业5.8万家次，同比增长14.2%，高于全国6.7个百分点，近12亿元，3000余件，两千万元，十三分之一',
  );
  assert.ok(has(scopesOf(tokens, '5.8万'), 'constant.numeric.figure'));
  assert.ok(has(scopesOf(tokens, '家次'), 'keyword.other.unit'));
  assert.ok(has(scopesOf(tokens, '14.2'), 'constant.numeric.figure'));
  assert.ok(has(scopesOf(tokens, '%'), 'keyword.other.unit'));
  assert.ok(has(scopesOf(tokens, '个百分点'), 'keyword.other.unit'));
  assert.ok(has(scopesOf(tokens, '近'), 'keyword.operator.approximation'));
  assert.ok(has(scopesOf(tokens, '12亿'), 'constant.numeric.figure'));
  assert.ok(has(scopesOf(tokens, '元'), 'keyword.other.unit'));
  assert.ok(has(scopesOf(tokens, '余'), 'keyword.operator.approximation'));
  assert.ok(has(scopesOf(tokens, '两千万'), 'constant.numeric.figure'));
  assert.ok(has(scopesOf(tokens, '十三分之一'), 'constant.numeric.figure'));
  // Words made of numeral characters are not figures.
  const words = await tokenize('text.policy-draft', '老百姓千万不要万众一心，一亿零三百万元');
  let offset = 0;
  for (const t of words) {
    if (offset < '老百姓千万不要万众一心'.length) assert.ok(!has(t.scopes, 'constant.numeric'), `${t.text} is not a figure`);
    offset += t.text.length;
  }
  assert.ok(has(scopesOf(words, '一亿零三百万'), 'constant.numeric.figure'));
  // A decimal at the start of a line is a figure, not an item number.
  const line = await tokenize('text.policy-draft', '1.5万家企业参与');
  assert.ok(!line.some((t) => has(t.scopes, 'markup.heading')));
  assert.ok(has(scopesOf(line, '1.5万'), 'constant.numeric.figure'));
});

test('policy-draft: dates, periods, document numbers, formulas and titles', async () => {
  const tokens = await tokenize(
    'text.policy-draft',
    '2023年11月5日印发的深府办〔2024〕5号文件，前5月推进“放管服”改革，落实《关于优化营商环境的意见》，二〇二三年',
  );
  assert.ok(has(scopesOf(tokens, '2023年11月5日'), 'constant.other.date'));
  assert.ok(has(scopesOf(tokens, '前5月'), 'constant.other.period'));
  assert.ok(tokens.some((t) => has(t.scopes, 'constant.other.document-number') && t.text.includes('深府办')));
  assert.ok(has(scopesOf(tokens, '〔'), 'punctuation.definition.document-number.begin'));
  assert.ok(has(scopesOf(tokens, '放管服'), 'string.quoted.double.formula'));
  assert.ok(has(scopesOf(tokens, '“'), 'punctuation.definition.string.begin'));
  assert.ok(has(scopesOf(tokens, '关于优化营商环境的意见'), 'entity.name.type.title'));
  assert.ok(has(scopesOf(tokens, '二〇二三年'), 'constant.other.date'));
});

test('injected into Markdown: headings after #, figures in paragraphs, nothing in code', async () => {
  const tokens = await tokenize(
    'text.html.markdown',
    '# 关于宝安区的报告\n\n## 一、总体情况\n\n### （一）构建一张网络\n\n同比增长14.2%，推进“放管服”改革。\n\n```\n增长99.9%\n```\n',
  );
  const one = scopesOf(tokens, '一、');
  assert.ok(has(one, 'markup.heading'), 'still a Markdown heading');
  assert.ok(has(one, 'constant.numeric.heading'), JSON.stringify(one));
  assert.ok(has(scopesOf(tokens, '（一）'), 'constant.numeric.heading'));
  assert.ok(has(scopesOf(tokens, '14.2'), 'constant.numeric.figure'));
  assert.ok(has(scopesOf(tokens, '放管服'), 'string.quoted.double.formula'));
  const code = tokens.filter((t) => t.line === '增长99.9%');
  assert.ok(code.length > 0);
  assert.ok(!code.some((t) => has(t.scopes, 'constant.numeric.figure')), JSON.stringify(code));
});
