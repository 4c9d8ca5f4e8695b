// figure-arithmetic: figures of one draft that cannot all be true together.
//  - parts (其中 …) that add up to more than their total, a complete split (已办结 + 推进中) or a
//    stated total (…，共计N) that does not add up (check-sums.ts);
//  - shares of one whole that add up to more than 100% (check-sums.ts);
//  - a rate (办结率) that disagrees with its part over its whole (check-sums.ts);
//  - a stated difference (高于/超 … X个百分点, 比…的A增长B%) that disagrees with the figures (check-changes.ts);
//  - a change of a rate given in % where percentage points are meant (check-changes.ts);
//  - 下降N倍, and 翻N番 that disagrees with the start and end values (check-changes.ts).
import type { Draft, FeatureContext } from '../model';
import type { Finding } from '../types';
import { checkBaselineChanges, checkDifferenceLists, checkDifferences, checkMultiples, checkRateChanges, checkRateChangesInPercent } from './check-changes';
import { checkLevelRatios, checkPartShares, checkParts, checkRates, checkShares, checkStatedTotals } from './check-sums';
import type { Figure } from './types';

export function checkArithmetic(draft: Draft, figures: Figure[], main: string | undefined, ctx: FeatureContext): Finding[] {
  const text = draft.norm;
  const all = [
    ...checkParts(figures, ctx),
    ...checkStatedTotals(text, figures, ctx),
    ...checkShares(text, figures, ctx),
    ...checkRates(text, figures, ctx),
    ...checkPartShares(text, figures, ctx),
    ...checkLevelRatios(text, figures, ctx),
    ...checkRateChangesInPercent(text, figures, ctx),
    ...checkDifferences(text, figures, main, ctx),
    ...checkDifferenceLists(text, figures, ctx),
    ...checkRateChanges(text, figures, ctx),
    ...checkBaselineChanges(text, figures, ctx),
    ...checkMultiples(text, figures, ctx),
  ];
  // one wrong figure, one finding (比上年的97.1%提高3.2个百分点 is both a comparison and a change)
  const seen = new Set<string>();
  return all.filter(f => !seen.has(`${f.start}:${f.end}`) && !!seen.add(`${f.start}:${f.end}`));
}
