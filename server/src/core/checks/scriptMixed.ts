// script-mixed: traditional characters in a simplified draft (or the reverse), with a quick fix.
import type { FeatureContext } from '../model';
import { findMixedScript, type ScriptReport } from '../text/script';
import type { Finding } from '../types';

export function checkMixedScript(
  text: string, ctx: Pick<FeatureContext, 't'>, converted?: { simplified?: string; traditional?: string },
): Finding[] {
  return mixedScriptFindings(text, ctx, findMixedScript(text, converted));
}

/** The findings of a script report (findMixedScript or findMixedScriptInLines). */
export function mixedScriptFindings(text: string, ctx: Pick<FeatureContext, 't'>, report: ScriptReport): Finding[] {
  if (report.dominant === 'none') return [];
  const toSimplified = report.dominant === 'simplified';
  return report.runs.map(run => {
    const found = text.slice(run.start, run.end);
    const message = toSimplified
      ? ctx.t('Traditional characters in a simplified draft: {0} (simplified: {1})', found, run.replacement)
      : ctx.t('Simplified characters in a traditional draft: {0} (traditional: {1})', found, run.replacement);
    return {
      code: 'script-mixed',
      severity: 'information',
      start: run.start,
      end: run.end,
      message,
      fixes: [
        {
          title: ctx.t('Convert to {0}', run.replacement),
          edits: [{ start: run.start, end: run.end, newText: run.replacement }],
          preferred: true,
        },
      ],
    } satisfies Finding;
  });
}

/** One edit per run: converts every odd character of the draft at once ("fix all"). */
export function fixAllMixedScript(text: string): Array<{ start: number; end: number; newText: string }> {
  return findMixedScript(text).runs.map(r => ({ start: r.start, end: r.end, newText: r.replacement }));
}
