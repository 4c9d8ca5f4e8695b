// Property-based fuzzing (fast-check) of numerals, ingestion, extraction and the whole check:
// no exception, every range inside the document, no number printed as 1e+120, NaN or Infinity,
// and time linear in the input (16x the draft costs far less than the 256x of a quadratic step). Bounded to about a
// minute in total: fixed seeds, a fixed number of runs, inputs of bounded length.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { extractFigures } from '../../server/src/core/figures';
import { parseNumeral } from '../../server/src/core/figures/numerals';
import { extractRegionMentions } from '../../server/src/core/regions';
import { ingestText } from '../../server/src/core/text/ingest';
import { resolveCorpusPaths } from '../../server/src/node/corpusFiles';
import { createNodeService, seedsDir } from '../../server/src/node/environment';
import { loadGazetteer } from '../../server/src/node/gazetteer';
import { indexCorpus } from '../../server/src/node/indexer';

const service = createNodeService('en');
const built = indexCorpus(service, resolveCorpusPaths([seedsDir()], '/').files, { cacheDir: null });
const snapshot = service.assemble(built.files, built.phrases);
const gazetteer = loadGazetteer();

const NUMERAL_PARTS = ['零', '〇', '一', '二', '两', '三', '五', '九', '十', '百', '千', '万', '亿', '点', '分之', '百分之',
  '0', '1', '5', '9', '.', '．', '１', '数', '几', '余', '-', '~', '至'];
const numeral = fc.array(fc.constantFrom(...NUMERAL_PARTS), { minLength: 1, maxLength: 24 }).map(a => a.join(''));

/** Pieces of policy prose: figures and units, regions, headings, punctuation, odd code points. */
const PIECES = [
  '全区', '宝安区', '四川省', '成都市', '武侯区', '其中', '同比增长', '下降', '比上年', '增长', '%', '个百分点', '万', '亿元',
  '万元', '名', '家', '个', '倍', '翻两番', '约', '近', '余', '超过', '达到', '占', '三成', '一半', '，', '。', '；', '、',
  '\n', '\r\n', '一、', '（一）', '1.', '（1）', '第一', '2023年', '2024年1月', '上半年', '截至', '底', '经济', '經濟',
  '地区生产总值', '就业岗位', '“', '”', '《', '》', ' ', '\t', '𠮷', '\u0000', '\uFFFD', '\u200B', '#', '<!-- policy-draft-disable -->',
];
const prose = fc.array(fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 3, arbitrary: numeral },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
), { maxLength: 160 }).map(a => a.join(''));

const BAD_NUMBER = /\de[+-]\d|NaN|Infinity|undefined|\[object/;

test('numerals: no exception; a value is a number, never NaN', () => {
  fc.assert(fc.property(fc.oneof(numeral, fc.string({ maxLength: 20 })), s => {
    const r = parseNumeral(s);
    if (r) {
      assert.equal(typeof r.value, 'number');
      assert.ok(!Number.isNaN(r.value), `${s} -> NaN`);
      assert.ok(!Number.isNaN(r.step), `${s} -> step NaN`);
    }
  }), { seed: 12, numRuns: 3000 });
});

test('ingestion: no exception; offset maps stay inside the cleaned and the source text', () => {
  fc.assert(fc.property(prose, text => {
    const r = ingestText('fuzz.txt', text);
    for (const s of r.lineStarts) assert.ok(s >= 0 && s <= text.length);
    for (const doc of r.docs) {
      assert.equal(doc.display.length, doc.text.length);
      for (const [clean, orig, len] of doc.map) {
        assert.ok(clean >= 0 && len >= 0 && clean + len <= doc.text.length, `clean run ${clean}+${len} of ${doc.text.length}`);
        assert.ok(orig >= 0 && orig + len <= text.length, `source run ${orig}+${len} of ${text.length}`);
      }
    }
  }), { seed: 13, numRuns: 400 });
});

test('extraction: figures and region mentions lie inside the text', () => {
  fc.assert(fc.property(prose, text => {
    for (const f of extractFigures(text, { date: '2024-01-01', title: 'fuzz' })) {
      assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `figure ${f.start}-${f.end} of ${text.length}`);
      assert.ok(!Number.isNaN(f.value));
    }
    for (const m of extractRegionMentions(text, gazetteer)) {
      assert.ok(m.start >= 0 && m.start <= m.end && m.end <= text.length, `mention ${m.start}-${m.end} of ${text.length}`);
    }
  }), { seed: 14, numRuns: 400 });
});

test('the whole check, hover and completion: no exception, ranges inside, numbers printed as numbers', () => {
  fc.assert(fc.property(prose, fc.nat(), (text, at) => {
    for (const f of service.check(snapshot, text)) {
      assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.code} ${f.start}-${f.end} of ${text.length}`);
      assert.doesNotMatch(f.message, BAD_NUMBER, `${f.code}: ${f.message}`);
      for (const e of (f.fixes ?? []).flatMap(x => x.edits)) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `fix ${e.start}-${e.end}`);
    }
    const offset = at % (text.length + 1);
    const h = service.hover(snapshot, text, offset);
    if (h) {
      assert.ok(h.start >= 0 && h.end <= text.length);
      assert.doesNotMatch(JSON.stringify(h), BAD_NUMBER);
    }
    service.complete(snapshot, text, offset, []);
    service.symbols(text);
  }), { seed: 15, numRuns: 250 });
});

let fresh = 0;
/** The text with every line made unlike any line checked before (the service caches lines by content). */
function unseen(text: string): string {
  return text.replace(/\n/g, () => {
    let n = fresh++, tag = '';
    do { tag += String.fromCharCode(97 + (n % 26)); n = Math.floor(n / 26); } while (n > 0);
    return ` ${tag}\n`;
  });
}

/**
 * The least CPU time (user + system, all threads of this process) of three checks of the text, each
 * with lines never checked before, in ms. CPU time rather than wall time: other processes on a
 * loaded machine stretch the wall clock, not our CPU.
 */
function leastCpu(text: string): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const draft = unseen(text);
    const start = process.cpuUsage();
    service.check(snapshot, draft);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

test('check time grows near-linearly with the draft: 16x the text takes at most 48x the time, not the 256x of a quadratic step', () => {
  // Drafts of about five thousand characters and sixteen times that, every line new to the
  // service's caches: measured 10-28x on a loaded 2-core machine (the heap and its collection grow
  // with the text), a quadratic step gives 256x and n^1.5 64x. The bound, 48x (an exponent of 1.4),
  // leaves room for that noise, not for a quadratic step.
  const paragraph = fc.array(fc.oneof(fc.constantFrom(...PIECES.filter(p => p !== '\u0000')), numeral), { minLength: 40, maxLength: 80 })
    .map(a => `${a.join('')}。\n`);
  const draft = fc.array(paragraph, { minLength: 18, maxLength: 24 }).map(a => a.join(''));
  const deadline = Date.now() + 45_000;
  fc.assert(fc.property(draft, text => {
    if (Date.now() > deadline) return; // the budget is spent: later runs only check for exceptions above
    const long = text.repeat(16);
    service.check(snapshot, unseen(text)); // warm up
    const t1 = leastCpu(text);
    const t16 = leastCpu(long);
    assert.ok(t16 <= 48 * t1 + 10, `${text.length} chars: ${t1.toFixed(1)} ms CPU; ${long.length} chars: ${t16.toFixed(1)} ms CPU (${(t16 / t1).toFixed(1)}x)`);
  }), { seed: 16, numRuns: 12 });
});
