// figure-conflict-draft: the draft states the same figure twice with different values.
import type { Draft, FeatureContext } from '../model';
import type { Finding } from '../types';
import { draftRelated, figureName } from './describe';
import { indicatorScore, numeralLike, relClass, valuesAgree } from './match';
import { periodsCompatible } from './period';
import type { Figure } from './types';

/** Restating needs a surer match than citing the corpus: the draft has many near-alike figures. */
export const DRAFT_MATCH = 0.85;

function sameThing(a: Figure, b: Figure): boolean {
  if (a.unit !== b.unit || a.kind !== b.kind || relClass(a) !== relClass(b) || !!a.share !== !!b.share) return false;
  if (a.sentenceStart === b.sentenceStart) return false; // 由A提高到B, 分别…
  if (a.part || b.part || a.rule || b.rule) return false;
  if (a.subject !== b.subject && !(a.subject && b.subject && (a.subject.endsWith(b.subject) || b.subject.endsWith(a.subject)))) return false;
  if (!periodsCompatible(a.period, b.period, false)) return false;
  return indicatorScore(a, b) >= DRAFT_MATCH;
}

export function checkDraftConflicts(draft: Draft, figures: Figure[], ctx: FeatureContext): Finding[] {
  const findings: Finding[] = [];
  for (let j = 0; j < figures.length; j++) {
    const b = figures[j];
    const earlier = figures.slice(0, j).filter(a => sameThing(a, b));
    if (earlier.length === 0 || earlier.some(a => valuesAgree(a, b))) continue;
    const a = earlier[0];
    if (earlier.some(x => !valuesAgree(x, a))) continue; // the draft already gives several values: a series, not a slip
    // a restated figure is a slip of a digit or two, not a different order of magnitude
    const ratio = Math.max(a.value, b.value) / Math.max(1e-9, Math.min(a.value, b.value));
    if (!(ratio < 2)) continue;
    const finding: Finding = {
      code: 'figure-conflict-draft',
      severity: 'warning',
      start: b.start,
      end: b.end,
      message: ctx.t('{0} is given as {1} here but as {2} earlier in the draft.', figureName(b), b.text, a.text),
      related: [draftRelated(a, ctx.t('Stated earlier: {0}', a.text))],
    };
    const newText = !a.bound && !b.bound && a.high === undefined ? numeralLike(a.value, b) : undefined;
    if (newText) {
      finding.fixes = [{ title: ctx.t('Use the earlier value {0}', a.text), edits: [{ start: b.numStart, end: b.numEnd, newText }] }];
    }
    findings.push(finding);
  }
  return findings;
}
