// GB/T 15834 (punctuation), GB/T 15835 (numbers) and GB/T 9704 (document format) checks.
import type { Draft, FeatureContext } from '../model';
import type { Finding, Localizer } from '../types';
import { LineCache } from '../text/lineCache';
import { ignoredSpans, inSpans, STANDARDS_CHECKS, type StandardsCode } from './common';
import { checkAttachments, checkDocNumber, checkIssueDate, checkNote } from './format';
import {
  checkApproxRedundant, checkMagnitude, checkPercentChinese, checkRangeUnit, checkYearShort,
  percentArabicDraft, percentChineseFindings, percentCounts,
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
  for (let offset = 0; ;) {
    const nl = text.indexOf('\n', offset);
    const end = nl < 0 ? text.length : nl;
    const found = cache.get(text.slice(offset, end), cache.read);
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

/** The standards checks reading the whole text at once, no cache (what checkStandards is tested against). */
export function checkStandardsUncached(
  draft: Draft,
  ctx: Pick<FeatureContext, 't'>,
  enabled: (code: string) => boolean = () => true,
): Finding[] {
  const skip = ignoredSpans(draft.text);
  const out: Finding[] = [];
  for (const code of CODES) {
    if (enabled(code)) out.push(...RULES[code](draft.text, ctx, skip));
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
