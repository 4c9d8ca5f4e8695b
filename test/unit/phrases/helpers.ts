// Shared test helpers for the phrasing feature: a cursor marker in fixtures and a feature context.
import type { CorpusDocument, Draft, FeatureContext } from '../../../server/src/core/model';
import { createLocalizer } from '../../../server/src/core/l10n';
import { toSimplified } from '../../../server/src/core/text/script';

export const CURSOR = '|';

/** A draft from a fixture with one `|` marking the cursor. */
export function at(fixture: string, date = '2025-03-05'): { draft: Draft; offset: number } {
  const offset = fixture.indexOf(CURSOR);
  if (offset < 0 || fixture.indexOf(CURSOR, offset + 1) >= 0) throw new Error(`fixture needs one ${CURSOR}: ${fixture}`);
  const text = fixture.slice(0, offset) + fixture.slice(offset + 1);
  return { draft: draftOf(text, date), offset };
}

export function draftOf(text: string, date = '2025-03-05'): Draft {
  return { text, norm: toSimplified(text), date };
}

export function ctxOf(docs: Iterable<CorpusDocument> = [], locale = 'en'): FeatureContext {
  return {
    t: createLocalizer(locale),
    cite: () => undefined,
    docs: new Map([...docs].map(d => [d.id, d])),
  };
}
