// Shared by the figures tests: a small corpus made of seed sentences, and a context that cites it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildFigureIndex, checkFigures, extractFigures, type FigureIndex } from '../../../server/src/core/figures/index';
import { createLocalizer } from '../../../server/src/core/l10n/index';
import type { CorpusDocument, Draft, FeatureContext } from '../../../server/src/core/model';

export interface SeedDoc {
  source: string;
  title: string;
  date?: string;
  text: string;
}

function lineCol(text: string, offset: number) {
  let line = 0, start = 0;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) { line++; start = i + 1; }
  return { line, character: offset - start };
}

export function corpus(seeds: SeedDoc[], locale = 'en'): { index: FigureIndex; ctx: FeatureContext } {
  const docs = new Map<string, CorpusDocument>();
  const input = seeds.map((s, i) => {
    const doc: CorpusDocument = { id: `${s.source}#${i}`, source: s.source, title: s.title, date: s.date, text: s.text, display: s.text, map: [[0, 0, s.text.length]] };
    docs.set(doc.id, doc);
    // through JSON, as the edge caches extraction results on disk
    return { doc, figures: JSON.parse(JSON.stringify(extractFigures(doc.text, { date: doc.date, title: doc.title }))) };
  });
  const ctx: FeatureContext = {
    t: createLocalizer(locale),
    docs,
    cite: ref => {
      const d = docs.get(ref.docId);
      if (!d) return undefined;
      return { source: d.source, title: d.title, date: d.date, start: lineCol(d.text, ref.start), end: lineCol(d.text, ref.end) };
    },
  };
  return { index: buildFigureIndex(input), ctx };
}

export function draft(text: string): Draft {
  return { text, norm: text };
}

/** Offset of the nth occurrence (1-based) of needle. */
/** A table case: a draft and the findings it must raise, as [code, text the finding overlaps, nth]. */
export interface FigureCase {
  name: string;
  text: string;
  expect: Array<[string, string, number?]>;
}

/**
 * One test per case: the draft's figure findings must be exactly the expected ones (each found
 * where its text stands), no more.
 */
export function checkCases(label: string, cases: FigureCase[], index: FigureIndex, ctx: FeatureContext): void {
  for (const c of cases) {
    test(`${label}: ${c.name}`, () => {
      const findings = checkFigures(draft(c.text), index, ctx);
      const got = findings.map(f => `${f.code} ${c.text.slice(f.start, f.end)}`).sort();
      const want = c.expect.map(([code, text, nth]) => {
        const at = offsetOf(c.text, text, nth);
        const f = findings.find(x => x.code === code && x.start < at + text.length && at < x.end);
        return f ? `${code} ${c.text.slice(f.start, f.end)}` : `${code} ${text} (missing)`;
      }).sort();
      assert.deepEqual(got, want);
    });
  }
}

export function offsetOf(text: string, needle: string, nth = 1): number {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} not in text`);
  }
  return at;
}

// Articles of the seed corpus, one paragraph each (the cleaned text the index sees).
export const SEEDS: SeedDoc[] = [
  {
    source: 'seeds/004.txt',
    title: '广东深圳宝安区组织591名干部挂点走访企业',
    text: '广东深圳宝安区组织591名干部挂点走访企业\n2023年以来,宝安区组织全区591名干部挂点对接区内企业。每名干部每周走访不少于2次。\n截至目前,宝安区591名干部通过线上线下共走访企业5.8万家次,收集企业诉求5307件。\n2023年全年,宝安亲清政企服务平台共收到5300件诉求,其中已办结5261件,推进中39件,办结率达99.3%。',
  },
  {
    source: 'seeds/000.txt',
    title: '攀枝花市安全生产转型升级摘帽纪实',
    date: '2025-09-01',
    text: '攀枝花市安全生产转型升级摘帽纪实\n2015年,该市以壮士断腕的决心摘除6项国家级、省级重点监管帽子,事故总量同比下降28.59%。 一、破局重点领域监管困境 全年开展危险化学品专项治理42次,对52家次企业实施停产整顿,推动15164项一般隐患100%整改闭环。',
  },
  {
    source: 'seeds/000.txt',
    title: '蓉城工业动能强劲 五大产业增速领跑',
    date: '2025-09-01',
    text: '蓉城工业动能强劲 五大产业增速领跑\n招商引资作为关键引擎,成都工业经济前5月实现稳步增长。规模以上工业增加值同比增长14.2%。 五、 创新驱动结构优化 高技术制造业增加值激增20.9%,增速超全市均值6.7个百分点,贡献率达35%。',
  },
  {
    source: 'seeds/000.txt',
    title: '眉山保障性安居工程创新机制成效显著',
    date: '2025-09-01',
    text: '眉山保障性安居工程创新机制成效显著\n一、目标任务超额完成 2014年,眉山市保障性安居工程开工量达14861套,开工率突破100%,位列全省第二;建成与竣工率分别达130%和101%,全年完成投资近12亿元。',
  },
];
