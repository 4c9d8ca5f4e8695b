// `phrase-preferred`: a team library marks a variant as discouraged and names the preferred form;
// drafts using the variant get a diagnostic whose quick fix writes the preferred form.
import type { Draft, FeatureContext } from '../model';
import type { Finding, Related } from '../types';
import { baseName, SLOT } from './text';
import type { PhraseLibrary } from './types';

export const PREFERRED_CODE = 'phrase-preferred';

export function checkPreferred(draft: Draft, libraries: readonly PhraseLibrary[], ctx: FeatureContext): Finding[] {
  const out: Finding[] = [];
  const taken = new Set<string>();
  for (const library of libraries) {
    for (const entry of library.entries) {
      if (!entry.preferredOver?.length) continue;
      const preferred = entry.phrase;
      for (const variant of entry.preferredOver) {
        if (!variant || variant === preferred) continue;
        for (const at of occurrences(draft, variant)) {
          const end = at + variant.length;
          const key = `${at}:${end}`;
          if (taken.has(key) || insidePreferred(draft.norm, preferred, at, end)) continue;
          taken.add(key);
          const related: Related[] = [{
            source: library.source,
            start: entry.start,
            end: entry.end,
            message: ctx.t('Preferred form in the team library {0}', library.name ?? baseName(library.source)),
          }];
          const finding: Finding = {
            code: PREFERRED_CODE,
            severity: 'information',
            start: at,
            end,
            message: ctx.t('The team library prefers “{0}” to “{1}”.', preferred, draft.text.slice(at, end)),
            related,
          };
          // A phrase with figure slots has no literal text to write in.
          if (!preferred.includes(SLOT)) {
            finding.fixes = [{
              title: ctx.t('Replace with “{0}”', preferred),
              edits: [{ start: at, end, newText: preferred }],
              preferred: true,
            }];
          }
          out.push(finding);
        }
      }
    }
  }
  // Where variants overlap (营商环境 inside 改善营商环境), the longer one speaks.
  out.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Finding[] = [];
  for (const f of out) if (!kept.some(k => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}

/** Offsets of a variant in the draft, matched on the simplified text and on the text as typed. */
function occurrences(draft: Draft, variant: string): number[] {
  const found = new Set<number>();
  for (const hay of draft.norm === draft.text ? [draft.norm] : [draft.norm, draft.text]) {
    for (let i = hay.indexOf(variant); i >= 0; i = hay.indexOf(variant, i + variant.length)) found.add(i);
  }
  return [...found].sort((a, b) => a - b);
}

/** True when the occurrence is part of the preferred phrase itself (营商环境 inside 优化营商环境). */
function insidePreferred(norm: string, preferred: string, start: number, end: number): boolean {
  if (preferred.length <= end - start) return false;
  for (let j = Math.max(0, end - preferred.length); j <= start; j++) {
    if (norm.startsWith(preferred, j)) return true;
  }
  return false;
}
