// Quoted formulas: short runs of words a writer puts in quotes (“放管服”, “五大路径”, “一约五会”).
// Quotes mark them as fixed expressions, so they are kept on fewer occurrences than other phrases,
// and a numbered formula (三个协同) on a single one.
import type { CorpusDocument } from '../model';
import { CHINESE_NUMERAL_START, CLOSE_QUOTE, OPEN_QUOTE, setYears } from './text';
import type { MinedPhrase } from './types';

const QUOTED = /[“"「]([^“”"「」\n]{2,12})[”"」]/g;
const FORMULA_BODY = /^[\u3400-\u9fff〇][\u3400-\u9fff〇、·]*[\u3400-\u9fff〇]$/;

interface Acc {
  count: number;
  docs: Set<number>;
  minRank: number;
  maxRank: number;
  best: { d: number; start: number; end: number };
}

export function findQuotedFormulas(
  inputs: ReadonlyArray<{ doc: Pick<CorpusDocument, 'id' | 'text' | 'display' | 'date'> }>, order: readonly number[], rankOfDoc: Int32Array, maxDocs: number,
): MinedPhrase[] {
  const acc = new Map<string, Acc>();
  inputs.forEach(({ doc }, d) => {
    const r = rankOfDoc[d];
    for (const m of doc.text.matchAll(QUOTED)) {
      const body = m[1];
      if (!FORMULA_BODY.test(body)) continue;
      let a = acc.get(body);
      if (!a) acc.set(body, (a = { count: 0, docs: new Set(), minRank: r, maxRank: -1, best: { d, start: 0, end: 0 } }));
      a.count++;
      a.docs.add(r);
      a.minRank = Math.min(a.minRank, r);
      if (r > a.maxRank) {
        a.maxRank = r;
        a.best = { d, start: m.index!, end: m.index! + m[0].length };
      }
    }
  });
  const out: MinedPhrase[] = [];
  for (const [body, a] of acc) {
    if (a.count < 2 && !CHINESE_NUMERAL_START.test(body)) continue;
    const ranks = [...a.docs].sort((x, y) => y - x);
    const p: MinedPhrase = {
      phrase: body,
      kind: 'quoted',
      insert: `${OPEN_QUOTE}${body}${CLOSE_QUOTE}`,
      count: a.count,
      docCount: a.docs.size,
      closes: 1,
      docs: ranks.slice(0, maxDocs),
      // The occurrence without its quotes.
      at: [a.maxRank, a.best.start + 1, a.best.end - 1],
    };
    setYears(p, inputs[order[a.minRank]].doc.date, inputs[order[a.maxRank]].doc.date);
    out.push(p);
  }
  return out;
}
