// GB/T 15834 (punctuation), GB/T 15835 (numbers) and GB/T 9704 (document format) checks.
import type { Draft, FeatureContext } from '../model';
import type { Finding, Localizer } from '../types';
import { LineCache } from '../text/lineCache';
import { ignoredSpans, inSpans, STANDARDS_CHECKS, type StandardsCode } from './common';
import { checkAttachments, checkDocNumber, checkIssueDate, checkNote, checkNoteEveryLine } from './format';
import {
  checkApproxRedundant, checkMagnitude, checkPercentChinese, checkRangeUnit, checkYearShort,
  PERCENT_PATTERNS, percentArabicDraft, percentChineseFindings, percentCounts,
} from './numbers';
import { checkApproximate, checkBetweenTitles, checkDoubled, checkEllipsis, checkHalfWidth, checkPairs } from './punctuation';

export { STANDARDS_CHECKS, STANDARDS_DEFAULTS, type StandardsCode } from './common';

type Rule = (text: string, ctx: Pick<FeatureContext, 't'>, skip: Array<[number, number]>) => Finding[];

const RULES: Record<StandardsCode, Rule> = {
  'punct-halfwidth': checkHalfWidth,
  'punct-ellipsis': checkEllipsis,
  'punct-doubled': checkDoubled,
  'punct-pairs': checkPairs,
  'punct-between-titles': checkBetweenTitles,
  'punct-approximate': checkApproximate,
  'number-percent-chinese': checkPercentChinese,
  'number-range-unit': checkRangeUnit,
  'number-year-short': checkYearShort,
  'number-magnitude': checkMagnitude,
  'number-approx-redundant': checkApproxRedundant,
  'docnum-format': checkDocNumber,
  'date-format': checkIssueDate,
  'attachment-format': (text, ctx, skip) => [...checkAttachments(text, ctx, skip), ...checkNote(text, ctx, skip)],
};

/**
 * Rules that read one line at a time: no match spans a line break, and what a rule reads around a
 * match (the character before or after, a few characters of context) gives the same answer at the
 * end of a line as the line break itself. Each is run once per distinct line and cached. The value
 * is where the rule tests the ignored spans, relative to the finding's start (punct-approximate
 * reports the 、 after the first numeral).
 */
const LINE_RULES: ReadonlyMap<StandardsCode, number> = new Map<StandardsCode, number>([
  ['punct-halfwidth', 0], ['punct-ellipsis', 0], ['punct-doubled', 0], ['punct-between-titles', 0],
  ['punct-approximate', -1], ['number-percent-chinese', 0], ['number-range-unit', 0], ['number-year-short', 0],
  ['number-magnitude', 0], ['number-approx-redundant', 0], ['docnum-format', 0],
]);

const CODES = Object.keys(STANDARDS_CHECKS) as StandardsCode[];

/** One line's findings of the line rules (offsets in the line; percent findings as if the draft wrote Arabic numerals). */
interface LineFindings {
  byCode: Map<StandardsCode, Finding[]>;
  percent: [number, number, number, number];
}

/** Lines kept across checks, bounded by their characters (least recently used go first). */
const MAX_CACHED_CHARS = 4_000_000;

class LineRuleCache extends LineCache<LineFindings> {
  readonly read = (line: string): LineFindings => {
    const byCode = new Map<StandardsCode, Finding[]>();
    for (const code of LINE_RULES.keys()) {
      const found = code === 'number-percent-chinese' ? percentChineseFindings(line, this.ctx, []) : RULES[code](line, this.ctx, []);
      if (found.length) byCode.set(code, found);
    }
    return { byCode, percent: percentCounts(line) };
  };

  constructor(private readonly ctx: Pick<FeatureContext, 't'>) {
    super(MAX_CACHED_CHARS);
  }
}

const caches = new WeakMap<Localizer, LineRuleCache>();

function shiftFinding(f: Finding, by: number): Finding {
  if (by === 0) return f;
  return {
    ...f,
    start: f.start + by,
    end: f.end + by,
    fixes: f.fixes && f.fixes.map(x => ({ ...x, edits: x.edits.map(e => ({ ...e, start: e.start + by, end: e.end + by })) })),
  };
}

/**
 * Runs the enabled standards checks (all of them when `enabled` is omitted). The line rules come
 * from a cache of each line's findings; the others (pairs across lines, the date and attachment
 * lines, which read the lines around them) read the whole text. The findings are those of
 * checkStandardsUncached, in the same order.
 */
export function checkStandards(
  draft: Draft,
  ctx: Pick<FeatureContext, 't'>,
  enabled: (code: string) => boolean = () => true,
): Finding[] {
  const text = draft.text;
  const skip = ignoredSpans(text);
  let cache = caches.get(ctx.t);
  if (!cache) caches.set(ctx.t, (cache = new LineRuleCache(ctx)));
  const lines: Array<{ offset: number; found: LineFindings }> = [];
  const percent = [0, 0, 0, 0];
  let withFindings = false;
  const fresh = readFreshLines(text, ctx, cache);
  for (let offset = 0; ;) {
    const nl = text.indexOf('\n', offset);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(offset, end);
    const found = cache.get(line, fresh ? () => fresh.get(offset)! : cache.read);
    for (let k = 0; k < 4; k++) percent[k] += found.percent[k];
    if (found.byCode.size > 0) {
      lines.push({ offset, found });
      withFindings = true;
    }
    if (nl < 0) break;
    offset = nl + 1;
  }
  cache.done();
  const out: Finding[] = [];
  for (const code of CODES) {
    if (!enabled(code)) continue;
    const anchor = LINE_RULES.get(code);
    if (anchor === undefined) {
      out.push(...RULES[code](text, ctx, skip));
      continue;
    }
    if (!withFindings || (code === 'number-percent-chinese' && !percentArabicDraft(percent))) continue;
    for (const { offset, found } of lines) {
      const list = found.byCode.get(code);
      if (!list) continue;
      for (const f of list) if (!skip.length || !inSpans(skip, offset + f.start + anchor)) out.push(shiftFinding(f, offset));
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Past this share of new characters a draft's line rules are read over the whole text at once. */
const FRESH_SHARE = 0.2;

/**
 * When much of the text is new to the cache (a draft just opened), the line rules run once over the
 * whole text (one regex scan per rule instead of one per line, ~8x cheaper) and their findings are
 * dealt out to the lines they fall on: no finding of a line rule spans a line break, so each line
 * gets exactly what reading it alone gives. Returns each new line's reading by its offset, or
 * undefined when few lines are new (they are then read one by one).
 */
function readFreshLines(text: string, ctx: Pick<FeatureContext, 't'>, cache: LineRuleCache): Map<number, LineFindings> | undefined {
  const starts: number[] = [];
  let newChars = 0;
  for (let offset = 0; ;) {
    const nl = text.indexOf('\n', offset);
    const end = nl < 0 ? text.length : nl;
    starts.push(offset);
    if (!cache.has(text.slice(offset, end))) newChars += end - offset + 1;
    if (nl < 0) break;
    offset = nl + 1;
  }
  if (newChars <= FRESH_SHARE * text.length || starts.length < 2) return undefined;
  const out = new Map<number, LineFindings>();
  for (const offset of starts) out.set(offset, { byCode: new Map(), percent: [0, 0, 0, 0] });
  const lineAt = (at: number): number => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return starts[lo];
  };
  for (const code of LINE_RULES.keys()) {
    const found = code === 'number-percent-chinese' ? percentChineseFindings(text, ctx, []) : RULES[code](text, ctx, []);
    for (const f of found) {
      const start = lineAt(f.start);
      const byCode = out.get(start)!.byCode;
      const list = byCode.get(code);
      const local = shiftFinding(f, -start);
      if (list) list.push(local);
      else byCode.set(code, [local]);
    }
  }
  PERCENT_PATTERNS.forEach((re, k) => {
    for (const m of text.matchAll(re)) out.get(lineAt(m.index ?? 0))!.percent[k]++;
  });
  return out;
}

/** The standards checks reading the whole text at once, no cache (what checkStandards is tested against). */
export function checkStandardsUncached(
  draft: Draft,
  ctx: Pick<FeatureContext, 't'>,
  enabled: (code: string) => boolean = () => true,
): Finding[] {
  const skip = ignoredSpans(draft.text);
  const out: Finding[] = [];
  for (const code of CODES) {
    if (!enabled(code)) continue;
    if (code === 'attachment-format') out.push(...checkAttachments(draft.text, ctx, skip), ...checkNoteEveryLine(draft.text, ctx, skip));
    else out.push(...RULES[code](draft.text, ctx, skip));
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
