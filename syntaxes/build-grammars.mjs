#!/usr/bin/env node
// Writes policy-draft.tmLanguage.json and policy-draft.injection.json from the patterns below,
// so the two grammars share one definition. Run after editing: node syntaxes/build-grammars.mjs
// (test/unit/headings/grammar.test.ts fails when the JSON files are out of date).
import { writeFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

// Character classes (literal characters, so the same source compiles in Oniguruma and in JS).
const CN = '[〇零一二两三四五六七八九十百]+';
const CN_BIG = '[〇零一二两三四五六七八九十百千万亿]';
const CN_DIGIT = '[〇零一二两三四五六七八九十]';
const AR = '[0-9０-９]+';
const NUM = '[0-9０-９]+(?:[.．][0-9０-９]+)?';
const UNITS = [
  '个百分点', '百分点', '平方公里', '平方米', '千瓦时', '万千瓦', '标准箱',
  '万元', '亿元', '万人', '万户', '万家', '万吨', '万件', '万次', '万家次', '万人次',
  '家次', '人次', '户次', '件次',
  '元', '人', '名', '个', '家', '件', '项', '次', '户', '所', '条', '座', '栋', '套', '辆', '台', '吨',
  '公里', '千米', '米', '亩', '公顷', '倍', '天', '小时', '分钟', '岁', '批', '场', '期', '篇', '份',
];
const UNIT = `(?:${UNITS.join('|')})`;
// A heading marker may follow Markdown #s (in the policy-draft language, where # is not Markdown).
const LINE_START = '^[ \\t　]*(?:(#{1,6})[ \\t　]+)?';
// After Markdown's own heading punctuation the injection sees the text after "## ".
const INJECTED_START = '(?:^|(?<=^#[ \\t])|(?<=^##[ \\t])|(?<=^###[ \\t])|(?<=^####[ \\t])|(?<=^#####[ \\t])|(?<=^######[ \\t]))[ \\t　]*';

const headingLevels = [
  { level: 1, marker: `(?:第${CN}章|${CN}、)` },
  { level: 2, marker: `(?:第${CN}节|[（(]${CN}[）)])` },
  { level: 3, marker: `(?:第(?:${CN}|${AR})条|${AR}[.．](?![0-9０-９]))` },
  { level: 4, marker: `(?:[（(]${AR}[）)])` },
];

function headingRules(start, withHashes) {
  return headingLevels.map(({ level, marker }) => ({
    name: `markup.heading.${level}.policy-draft`,
    match: `${start}(${marker})([^。！？；\\n]*)`,
    captures: {
      ...(withHashes ? { 1: { name: 'punctuation.definition.heading.policy-draft' } } : {}),
      [withHashes ? 2 : 1]: { name: `constant.numeric.heading.policy-draft` },
      [withHashes ? 3 : 2]: { name: 'entity.name.section.policy-draft', patterns: [{ include: '#inline' }] },
    },
  }));
}

const repository = {
  heading: { patterns: headingRules(LINE_START, true) },
  'heading-injected': { patterns: headingRules(INJECTED_START, false) },
  inline: {
    patterns: [
      { include: '#document-number' },
      { include: '#date' },
      { include: '#figure' },
      { include: '#formula' },
      { include: '#title' },
    ],
  },
  'document-number': {
    comment: '发文字号: 深府办〔2024〕5号',
    name: 'constant.other.document-number.policy-draft',
    match: '[一-鿿]{1,10}(〔)[0-9]{4}(〕)[0-9]+号',
    captures: {
      1: { name: 'punctuation.definition.document-number.begin.policy-draft' },
      2: { name: 'punctuation.definition.document-number.end.policy-draft' },
    },
  },
  date: {
    patterns: [
      {
        comment: '2023年, 2023年11月, 2023年11月5日, 二〇二三年',
        name: 'constant.other.date.policy-draft',
        match: '(?:(?:19|20)[0-9]{2}|[一二][〇零一二三四五六七八九]{3})年(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?',
      },
      {
        comment: '3月5日, 11月',
        name: 'constant.other.date.policy-draft',
        match: '(?<![0-9])[0-9]{1,2}月[0-9]{1,2}日',
      },
      {
        comment: '前5月, 1-5月, 一季度, 上半年',
        name: 'constant.other.period.policy-draft',
        match: '(?:前[0-9]{1,2}月|[0-9]{1,2}[-—–~～至][0-9]{1,2}月|[一二三四]季度|[上下]半年)',
      },
    ],
  },
  figure: {
    patterns: [
      {
        comment: '14.2%, 99.3％, 6.7个百分点, 5.8万家次, 702个, 近12亿元, 3000余件',
        name: 'meta.figure.policy-draft',
        match: `((?:约|近|超|逾|达|突破)?)(${NUM}(?:[万亿])?)(余)?(%|％|‰|${UNIT})`,
        captures: {
          1: { name: 'keyword.operator.approximation.policy-draft' },
          2: { name: 'constant.numeric.figure.policy-draft' },
          3: { name: 'keyword.operator.approximation.policy-draft' },
          4: { name: 'keyword.other.unit.policy-draft' },
        },
      },
      {
        comment: '两千万元, 一亿零三百万, 十三分之一, 百分之六',
        name: 'meta.figure.policy-draft',
        // A digit must come before 百/千/万/亿: 老百姓, 千万不要 and 万众一心 are words, not figures.
        match: `((?:${CN_DIGIT}+[百千万亿])+${CN_BIG}*|${CN_BIG}+分之${CN_BIG}+|百分之${CN_BIG}+(?:点[〇零一二三四五六七八九]+)?)(${UNIT})?`,
        captures: {
          1: { name: 'constant.numeric.figure.policy-draft' },
          2: { name: 'keyword.other.unit.policy-draft' },
        },
      },
      {
        comment: 'bare numbers with decimals or ranges: 1.2, 3-4',
        name: 'constant.numeric.policy-draft',
        match: `(?<![0-9０-９.．])${NUM}(?:[-～~][0-9０-９]+(?:[.．][0-9０-９]+)?)?(?![0-9０-９])`,
      },
    ],
  },
  formula: {
    comment: 'short quoted formulas: “放管服”, “一平台受理”',
    name: 'string.quoted.double.formula.policy-draft',
    match: '(“)([^“”\\n]{1,30})(”)',
    captures: {
      1: { name: 'punctuation.definition.string.begin.policy-draft' },
      2: { name: 'markup.bold.formula.policy-draft' },
      3: { name: 'punctuation.definition.string.end.policy-draft' },
    },
  },
  title: {
    comment: '书名号 titles: 《关于优化营商环境的意见》',
    name: 'string.quoted.other.title.policy-draft',
    match: '(《)([^《》\\n]{1,80})(》)',
    captures: {
      1: { name: 'punctuation.definition.string.begin.policy-draft' },
      2: { name: 'entity.name.type.title.policy-draft' },
      3: { name: 'punctuation.definition.string.end.policy-draft' },
    },
  },
};

const main = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Policy Draft',
  scopeName: 'text.policy-draft',
  comment: 'Generated by syntaxes/build-grammars.mjs; edit that file.',
  patterns: [{ include: '#heading' }, { include: '#inline' }],
  repository: Object.fromEntries(Object.entries(repository).filter(([k]) => k !== 'heading-injected')),
};

const injection = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Policy Draft (in Markdown and plain text)',
  scopeName: 'policy-draft.injection',
  comment: 'Generated by syntaxes/build-grammars.mjs; edit that file.',
  // Not inside code, links' targets or front matter.
  injectionSelector:
    'L:text.html.markdown -markup.fenced_code -markup.inline.raw -markup.raw -meta.embedded -meta.link -markup.underline.link -comment, L:text.plain',
  patterns: [{ include: '#heading-injected' }, { include: '#inline' }],
  repository: Object.fromEntries(Object.entries(repository).filter(([k]) => k !== 'heading')),
};

export const grammars = {
  'policy-draft.tmLanguage.json': main,
  'policy-draft.injection.json': injection,
};

export function render(grammar) {
  return JSON.stringify(grammar, null, 2) + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const [file, grammar] of Object.entries(grammars)) {
    const path = join(here, file);
    const text = render(grammar);
    if (check) {
      let current = '';
      try {
        current = readFileSync(path, 'utf8');
      } catch {}
      if (current !== text) {
        console.error(`${file} is out of date: run node syntaxes/build-grammars.mjs`);
        stale = true;
      }
    } else writeFileSync(path, text);
  }
  process.exit(stale ? 1 : 0);
}
