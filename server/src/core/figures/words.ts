// The words around a number: its relation (同比增长, 提升至), and the noise and comparisons to
// strip from the words that name its indicator.
import { RELATIONS, type RelationClass } from './lexicon';

export function relationChain(left: string): { relation?: string; rel?: RelationClass; consumed: number } {
  let end = left.length;
  while (end > 0 && /[了的]/.test(left[end - 1])) end--;
  let relation: string | undefined;
  let rel: RelationClass | undefined;
  for (let guard = 0; guard < 3; guard++) {
    let found: { word: string; cls: RelationClass } | undefined;
    for (const r of RELATIONS) if (left.startsWith(r.word, end - r.word.length) && end - r.word.length >= 0) { found = r; break; }
    if (!found) break;
    relation = relation ? found.word + relation : found.word;
    if (!rel || rel === 'level' || (rel === 'exceed' && found.cls !== 'level')) rel = found.cls === 'level' && rel ? rel : found.cls;
    end -= found.word.length;
  }
  return { relation, rel, consumed: left.length - end };
}

/** 比1954年, 比上年, 较整治前, 由…, 同比: the comparison, not the indicator. */
export const BASELINE_WORDS = /(?:比|较|由|从|同)[^，,、]{0,8}?(?:年|期|前|上年|去年|同期|预算数?)(?:决算数|预算数|计划|水平|同期)?的?|比计划|比预算|同比|截至|截止|按可比价格计算|按现价计算|按可比口径|扣除价格因素|实际|名义|[0-9０-９]+年?/g;
/** 将达到, 将增长: a forecast, not a statistic. */
export const FORECAST = /将(?:要)?(?:达到|达|增长|增加|提高|提升|比|生产|有|超过|突破|下降|减少|完成|实现)/;
export const LEADING_NOISE = /^(?:[、，,：:\s]|其中|包括|以及|同时|并且|并|和|及|与|对|向|为|在|共|累计|全年|年|通过|其|此外|另外|分别|已经|已)+/;
export const TRAILING_NOISE = /(?:[、，,\s]|共有|共|累计|合计|总计|总共|分别|已经有|已经|已有|已|还有|有|了|的|达|约|近|超|逾)+$/;

/** `s` (standing at `offset`) without the characters any of `spans` covers. */
export function stripSpans(s: string, offset: number, spans: ReadonlyArray<{ start: number; end: number }>): string {
  // (runs of kept characters sliced out: no string, context or closure made per character)
  if (spans.length === 0) return s;
  let out = '';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const at = offset + i;
    let covered = false;
    for (let k = 0; k < spans.length && !covered; k++) covered = at >= spans[k].start && at < spans[k].end;
    if (!covered) continue;
    if (run < i) out += s.slice(run, i);
    run = i + 1;
  }
  return run === 0 ? s : run < s.length ? out + s.slice(run) : out;
}

/** 比一九五二年的827亿元: a baseline of comparison, not a statement of its own. */
export const BASELINE = /(?<!同)(?:比|较|相当于|等于)[^，,。；;]{0,12}的$/;
export const AVERAGE = /年均|平均|人均|户均|每年/;

/** 争取各类资金21.3亿元: 争取 before funds is securing them (a result), not striving for a target. */
export const SECURED = /争取(?=[^，,。；;\d]{0,8}?(?:资金|债券|补助|投资))/g;
