// The draft is read block by block, each block's reading cached (core/figures/incremental.ts). Its
// figures, claims and clause segments, the findings and the hovers must be exactly what reading the whole
// draft at once gives, on real drafts and on edited versions of them: characters and lines inserted and
// deleted, headings added, a year changed in a heading (a context that crosses blocks), lines joined.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkFigures, checkFiguresWhole, hoverFigure, hoverFigureWhole, readDraftWhole } from '../../../server/src/core/figures/index';
import { clearDraftCache, readDraft } from '../../../server/src/core/figures/incremental';
import { ingestText } from '../../../server/src/core/text/ingest';
import { toSimplified } from '../../../server/src/core/text/script';
import { corpus, type SeedDoc } from './helpers';

const root = join(__dirname, '../../..');
const shared = join(root, '../shared');

function files(dir: string, ext: RegExp): string[] {
  return existsSync(dir) ? readdirSync(dir).filter(f => ext.test(f)).sort().map(f => join(dir, f)) : [];
}

const seedFiles = files(join(root, 'seeds'), /\.(txt|md)$/);
const drafts = [
  join(root, 'examples/draft.md'),
  ...seedFiles,
  ...files(join(shared, 'eval/dev'), /\.md$/),
  ...files(join(shared, 'eval/dev-real'), /\.md$/),
  ...files(join(root, 'test/eval'), /\.md$/),
];

// the corpus: the seeds, so that corpus conflicts and restatements are found too
const seeds: SeedDoc[] = seedFiles.flatMap(f => ingestText(f, readFileSync(f, 'utf8')).docs.map(d => ({ source: f, title: d.title, date: d.date, text: d.text })));
const { index, ctx } = corpus(seeds);

/** A small deterministic generator, so every run edits the same places. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Edited versions of a text, each applied to the one before (as a writer edits). */
function edits(text: string, seed: number): Array<{ what: string; text: string }> {
  const r = rng(seed);
  const at = (t: string) => Math.floor(r() * (t.length + 1));
  const lineStarts = (t: string) => [0, ...[...t.matchAll(/\n/g)].map(m => m.index! + 1)];
  const out: Array<{ what: string; text: string }> = [];
  let t = text;
  const push = (what: string, next: string) => {
    t = next;
    out.push({ what, text: t });
  };
  for (let k = 0; k < 3; k++) {
    const p = at(t);
    push(`insert a character at ${p}`, t.slice(0, p) + '全'.repeat(1) + t.slice(p));
  }
  for (let k = 0; k < 2; k++) {
    const p = Math.max(0, at(t) - 1);
    push(`delete the character at ${p}`, t.slice(0, p) + t.slice(p + 1));
  }
  // a digit changed (a figure's value)
  const digits = [...t.matchAll(/\d/g)];
  if (digits.length) {
    const d = digits[Math.floor(r() * digits.length)].index!;
    push(`change the digit at ${d}`, t.slice(0, d) + String((Number(t[d]) + 1) % 10) + t.slice(d + 1));
  }
  // a line deleted, a line inserted, a line duplicated
  let ls = lineStarts(t);
  if (ls.length > 3) {
    const i = 1 + Math.floor(r() * (ls.length - 2));
    push(`delete line ${i}`, t.slice(0, ls[i]) + t.slice(ls[i + 1]));
  }
  ls = lineStarts(t);
  const i = Math.floor(r() * ls.length);
  push(`insert a line before line ${i}`, t.slice(0, ls[i]) + '全市完成投资120亿元，同比增长8.5%，其中工业投资45亿元。\n' + t.slice(ls[i]));
  ls = lineStarts(t);
  const dup = Math.floor(r() * (ls.length - 1));
  push(`duplicate line ${dup}`, t.slice(0, ls[dup + 1]) + t.slice(ls[dup], ls[dup + 1]) + t.slice(ls[dup + 1]));
  // headings: a year heading inserted, and a year changed in a heading (the sections under it change period)
  ls = lineStarts(t);
  const h = Math.floor(r() * ls.length);
  push(`insert a year heading before line ${h}`, t.slice(0, ls[h]) + '三、2019年工作回顾\n' + t.slice(ls[h]));
  const heading = /^(?:#{1,6}\s*|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)[^\n]{0,30}?((?:19|20)\d\d)年/m.exec(t);
  if (heading) {
    const y = heading.index + heading[0].length - 5;
    push(`change the year of the heading at ${heading.index}`, t.slice(0, y) + String(Number(t.slice(y, y + 4)) - 1) + t.slice(y + 4));
  }
  push('a span heading at the top', t.replace(/\n/, '\n一、过去五年工作回顾\n'));
  // a line that opens with 其中 (its total is in the line before), then lines joined
  ls = lineStarts(t);
  const q = 1 + Math.floor(r() * Math.max(1, ls.length - 1));
  if (q < ls.length) push(`a 其中 line at line ${q}`, t.slice(0, ls[q]) + '其中农村12个，城镇30个。\n' + t.slice(ls[q]));
  ls = lineStarts(t);
  if (ls.length > 2) {
    const j = ls[1 + Math.floor(r() * (ls.length - 2))] - 1;
    push(`join the lines at ${j}`, t.slice(0, j) + t.slice(j + 1));
  }
  // the title changed (the main subject and the names it teaches)
  push('the title names another place', '宝安区2024年政府工作报告\n' + t);
  // 全市 with no main subject of its level before it: the body is looked up in the lines before
  push('a district opens a sentence, then 全县', t.replace(/\n/, '\n宝安区经济平稳增长。全县新增企业120家。\n'));
  return out;
}

const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x));

for (const [n, file] of drafts.entries()) {
  if (!existsSync(file)) continue;
  const name = file.slice(root.length - 4);
  test(`the block-by-block reading equals the whole draft's, and so do findings and hovers: ${name} and its edits`, () => {
    const original = readFileSync(file, 'utf8');
    const versions = [{ what: 'as written', text: original }, ...edits(original, n + 1)];
    for (const [k, v] of versions.entries()) {
      const norm = toSimplified(v.text);
      const whole = readDraftWhole(norm);
      const inc = readDraft(norm);
      assert.deepEqual(plain(inc.figures), plain(whole.figures), `${v.what}: figures`);
      assert.deepEqual(plain(inc.claims), plain(whole.claims), `${v.what}: claims`);
      assert.deepEqual(plain(inc.segments), plain(whole.segments), `${v.what}: segments`);
      assert.equal(inc.main, whole.main, `${v.what}: main subject`);
      assert.deepEqual(inc.doc, whole.doc, `${v.what}: what the document says of itself`);
      const draft = { text: v.text, norm };
      const expected = checkFiguresWhole(draft, index, ctx);
      assert.deepEqual(checkFigures(draft, index, ctx), expected, `${v.what}: findings`);
      // again, from the kept readings (the same draft after other checks)
      if (k < 2) assert.deepEqual(checkFigures({ text: v.text + '\n', norm: norm + '\n' }, index, ctx), checkFiguresWhole({ text: v.text + '\n', norm: norm + '\n' }, index, ctx), `${v.what}: findings, a line added at the end`);
      for (const f of whole.figures.filter((_, i) => i % 13 === k % 13)) {
        for (const at of [f.start, f.clauseStart]) {
          assert.deepEqual(hoverFigure(draft, at, index, ctx), hoverFigureWhole(draft, at, index, ctx), `${v.what}: hover at ${at}`);
        }
      }
    }
  });
}

test('a cold reading (caches cleared) equals a warm one', () => {
  const text = toSimplified(readFileSync(drafts.find(existsSync)!, 'utf8'));
  const warm = plain(readDraft(text).claims);
  clearDraftCache();
  assert.deepEqual(plain(readDraft(text).claims), warm);
});

test('the findings of a draft with figures are many (the comparison above compares something)', () => {
  const text = readFileSync(join(root, 'examples/draft.md'), 'utf8');
  assert.ok(readDraftWhole(toSimplified(text)).figures.length > 5);
  assert.ok(checkFiguresWhole({ text, norm: toSimplified(text) }, index, ctx).length > 0);
});

// Each context that crosses blocks, changed while the blocks it applies to stay the same: the cached
// readings of those blocks must not be reused.
// (a line of words with no figure, longer than the 20 characters a block reads past its end, keeps the
// changed line out of the tail of the block under test)
const FILLER = '全市经济运行总体平稳，各项工作扎实推进，人民生活持续改善。\n';
const CONTEXTS: Array<{ name: string; versions: string[] }> = [
  {
    name: 'a year heading holds for the lines of its section (the year read as a period)',
    versions: [
      `关于经济运行情况的报告\n一、二〇一九年工作回顾\n${FILLER}全市新增就业岗位1200个。\n`,
      `关于经济运行情况的报告\n一、二〇一八年工作回顾\n${FILLER}全市新增就业岗位1200个。\n`,
      `关于经济运行情况的报告\n一、主要工作回顾\n${FILLER}全市新增就业岗位1200个。\n`,
    ],
  },
  {
    name: 'a section that reviews a span (过去五年) gives its figures that span',
    versions: [
      `关于经济运行情况的报告\n2024年2月\n一、过去五年工作回顾\n${FILLER}全市新增就业岗位1200个。\n`,
      `关于经济运行情况的报告\n2024年2月\n一、主要工作回顾\n${FILLER}全市新增就业岗位1200个。\n`,
    ],
  },
  {
    name: 'where the plan for the year ahead starts',
    versions: [
      `关于经济运行情况的报告\n2024年2月\n二、工作安排\n${FILLER}全市新增企业310家。\n`,
      `关于经济运行情况的报告\n2024年2月\n二、工作成效\n${FILLER}全市新增企业310家。\n`,
      `关于经济运行情况的报告\n2022年8月\n二、工作成效\n${FILLER}全市新增企业310家。\n`,
    ],
  },
  {
    name: 'the words after a line end (由…提高到 read on the next line)',
    versions: [
      '报告\n全市工业占比由52.2%\n提高到60.1%。\n',
      '报告\n全市工业占比由52.2%\n其他方面60.1%。\n',
    ],
  },
  {
    name: 'a line opening with 其中: its total is on the line before',
    versions: [
      '报告\n全市共有企业120家\n其中工业企业80家、服务业企业60家。\n',
      '报告\n全市共有企业150家\n其中工业企业80家、服务业企业60家。\n',
      '报告\n全市共有企业150家\n另有工业企业80家、服务业企业60家。\n',
    ],
  },
  {
    name: '全县 speaks for the county named in the lines before it when the main subject is of another level',
    versions: [
      '关于经济运行情况的报告\n宝安区经济平稳增长。宝安区消费回暖。宝安区投资稳定。\n珙县经济平稳增长。\n全县新增企业120家。\n',
      '关于经济运行情况的报告\n宝安区经济平稳增长。宝安区消费回暖。宝安区投资稳定。\n兴文县经济平稳增长。\n全县新增企业120家。\n',
      '关于经济运行情况的报告\n宝安区经济平稳增长。宝安区消费回暖。宝安区投资稳定。\n经济平稳增长。\n全县新增企业120家。\n',
    ],
  },
  {
    name: 'names the text teaches (a suffixed name elsewhere, repeated names) and the title',
    versions: [
      `宝安区经济运行情况的报告\n九龙坡规模以上工业增加值增长5.2%。\n${FILLER}`,
      `宝安区经济运行情况的报告\n九龙坡规模以上工业增加值增长5.2%。\n${FILLER}九龙坡区经济平稳。\n`,
      `九龙坡区经济运行情况的报告\n九龙坡规模以上工业增加值增长5.2%。\n${FILLER}`,
      `宝安区经济运行情况的报告\n镇江规模以上工业增加值增长5.2%。\n${FILLER}`,
      `宝安区经济运行情况的报告\n镇江规模以上工业增加值增长5.2%。\n${FILLER}当前镇江面临新形势。落户镇江的企业增加。相信镇江会更好。\n`,
    ],
  },
];

for (const c of CONTEXTS) {
  test(`a changed context reaches the unchanged blocks it applies to: ${c.name}`, () => {
    clearDraftCache();
    const readings = new Set<string>();
    for (const [k, text] of c.versions.entries()) {
      const whole = readDraftWhole(text);
      assert.deepEqual(plain(readDraft(text).claims), plain(whole.claims), `version ${k + 1}`);
      assert.deepEqual(checkFigures({ text, norm: text }, index, ctx), checkFiguresWhole({ text, norm: text }, index, ctx), `version ${k + 1}: findings`);
      readings.add(JSON.stringify([whole.claims.slice(0, 2), checkFiguresWhole({ text, norm: text }, index, ctx)]));
    }
    // the versions read differently (else this would test nothing)
    assert.equal(readings.size, c.versions.length);
  });
}
