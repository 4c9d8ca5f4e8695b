import { createLocalizer } from '../../../server/src/core/l10n/index';
import type { Draft, FeatureContext } from '../../../server/src/core/model';
import type { Edit } from '../../../server/src/core/types';

export function context(locale = 'en'): FeatureContext {
  return { t: createLocalizer(locale), cite: () => undefined, docs: new Map() };
}

export function draft(text: string): Draft {
  return { text, norm: text };
}

/** Applies non-overlapping edits (any order) to a text. */
export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Text between the `[[` and `]]` markers, and the text with the markers removed. */
export function marked(source: string): { text: string; spans: Array<{ start: number; end: number; text: string }> } {
  const spans: Array<{ start: number; end: number; text: string }> = [];
  let text = '';
  let i = 0;
  while (i < source.length) {
    if (source.startsWith('[[', i)) {
      const close = source.indexOf(']]', i);
      const inner = source.slice(i + 2, close);
      spans.push({ start: text.length, end: text.length + inner.length, text: inner });
      text += inner;
      i = close + 2;
    } else {
      text += source[i++];
    }
  }
  return { text, spans };
}
