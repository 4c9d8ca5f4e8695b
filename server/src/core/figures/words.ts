// The words around a number: its relation (同比增长, 提升至), and the noise and comparisons to
// strip from the words that name its indicator.
import { RELATIONS, type RelationClass } from './lexicon';

/** RELATIONS by the code of their last character, each list in RELATIONS' order (longest first). */
const RELATIONS_BY_LAST = new Map<number, Array<{ word: string; cls: RelationClass }>>();
for (const r of RELATIONS) {
  const c = r.word.charCodeAt(r.word.length - 1);
  (RELATIONS_BY_LAST.get(c) ?? RELATIONS_BY_LAST.set(c, []).get(c)!).push(r);
}
const LE = '了'.charCodeAt(0), DE = '的'.charCodeAt(0);

export function relationChain(left: string): { relation?: string; rel?: RelationClass; consumed: number } {
  let end = left.length;
  while (end > 0 && (left.charCodeAt(end - 1) === LE || left.charCodeAt(end - 1) === DE)) end--;
  let relation: string | undefined;
  let rel: RelationClass | undefined;
  for (let guard = 0; guard < 3 && end > 0; guard++) {
    // (the first relation word, longest first, that ends at `end`: only those ending with its character can)
    let found: { word: string; cls: RelationClass } | undefined;
    const candidates = RELATIONS_BY_LAST.get(left.charCodeAt(end - 1));
    if (candidates) {
      for (let k = 0; k < candidates.length; k++) {
        const r = candidates[k];
        if (end - r.word.length >= 0 && left.startsWith(r.word, end - r.word.length)) {
          found = r;
          break;
        }
      }
    }
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

// The last characters of TRAILING_NOISE's words (and every space \s names): a text ending with none of them
// has no trailing noise, and the pattern (tried at every place of the text, for its $) is not run
const NOISE_END = new Uint8Array(0x10000);
for (const ch of '、，,有共计别经已了的达约近超逾') NOISE_END[ch.charCodeAt(0)] = 1;
// (\s: the characters ECMAScript counts as white space or line terminators)
for (const c of [9, 10, 11, 12, 13, 32, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) NOISE_END[c] = 1;
for (let c = 0x2000; c <= 0x200a; c++) NOISE_END[c] = 1;

/** s.replace(TRAILING_NOISE, ''): `s` without the noise it ends with. */
export function stripTrailingNoise(s: string): string {
  return s.length > 0 && NOISE_END[s.charCodeAt(s.length - 1)] === 1 ? s.replace(TRAILING_NOISE, '') : s;
}

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
