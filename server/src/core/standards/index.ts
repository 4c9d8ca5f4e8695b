// GB/T 15834 (punctuation), GB/T 15835 (numbers) and GB/T 9704 (document format) checks.
import type { Draft, FeatureContext } from '../model';
import type { Finding } from '../types';
import { ignoredSpans, STANDARDS_CHECKS, type StandardsCode } from './common';
import { checkAttachments, checkDocNumber, checkIssueDate, checkNote } from './format';
import { checkApproxRedundant, checkMagnitude, checkPercentChinese, checkRangeUnit, checkYearShort } from './numbers';
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

/** Runs the enabled standards checks (all of them when `enabled` is omitted). */
export function checkStandards(
  draft: Draft,
  ctx: Pick<FeatureContext, 't'>,
  enabled: (code: string) => boolean = () => true,
): Finding[] {
  const skip = ignoredSpans(draft.text);
  const out: Finding[] = [];
  for (const code of Object.keys(STANDARDS_CHECKS) as StandardsCode[]) {
    if (enabled(code)) out.push(...RULES[code](draft.text, ctx, skip));
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
