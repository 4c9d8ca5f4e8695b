// What the writer has typed before the cursor, as the strings completion looks up. Chinese has no
// spaces, so the typed prefix of a phrase is found by trying every suffix of the text before the
// cursor (longest first); a figure the writer typed (2023) stands for a template's slot (…).
import type { Draft } from '../model';
import { SLOT } from './text';

/** Longest typed prefix looked up, in characters. */
export const MAX_TYPED = 32;

export interface TypedView {
  /** The characters before the cursor (one line, at most MAX_TYPED), possibly with figures as SLOT. */
  text: string;
  /** Draft offset of each character of `text`, plus the cursor offset at the end. */
  offsets: number[];
}

const DIGITS = /[0-9０-９]+(?:[.．][0-9０-９]+)?/g;

function view(source: string, from: number, offset: number): TypedView {
  const text = source.slice(from, offset);
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i++) offsets.push(from + i);
  offsets.push(offset);
  return { text, offsets };
}

function withSlots(v: TypedView): TypedView | undefined {
  let text = '';
  const offsets: number[] = [];
  let last = 0;
  for (const m of v.text.matchAll(DIGITS)) {
    for (let i = last; i < m.index!; i++) {
      text += v.text[i];
      offsets.push(v.offsets[i]);
    }
    text += SLOT;
    offsets.push(v.offsets[m.index!]);
    last = m.index! + m[0].length;
  }
  if (last === 0) return undefined;
  for (let i = last; i < v.text.length; i++) {
    text += v.text[i];
    offsets.push(v.offsets[i]);
  }
  offsets.push(v.offsets[v.text.length]);
  return { text, offsets };
}

const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** A lone digit before a measure word, as in 4个全面 typed for 四个全面. */
const FORMULA_DIGIT = /(?<![0-9０-９.])[1-9](?=[个大项条种位])/g;

/** Fixed formulas keep Chinese numerals: a writer typing 4个全 is offered 四个全面 (and 2个 as 两个 or 二个). */
function withNumerals(v: TypedView): TypedView[] {
  FORMULA_DIGIT.lastIndex = 0;
  if (!FORMULA_DIGIT.test(v.text)) return [];
  const out: TypedView[] = [];
  for (const two of ['两', '二']) {
    const text = v.text.replace(FORMULA_DIGIT, d => (d === '2' ? two : NUMERALS[Number(d)]));
    if (!out.some(o => o.text === text)) out.push({ text, offsets: v.offsets });
  }
  return out;
}

/** The views to look up: the simplified text, then the text as typed when it differs; each also with figures as slots. */
export function typedViews(draft: Draft, offset: number): TypedView[] {
  const at = Math.max(0, Math.min(offset, draft.norm.length));
  const lineStart = Math.max(draft.norm.lastIndexOf('\n', at - 1) + 1, at - MAX_TYPED);
  // Do not start in the middle of a surrogate pair.
  const from = /[\udc00-\udfff]/.test(draft.norm[lineStart] ?? '') ? lineStart + 1 : lineStart;
  const views: TypedView[] = [view(draft.norm, from, at)];
  if (draft.text.slice(from, at) !== views[0].text) views.push(view(draft.text, from, at));
  for (const v of [...views]) {
    const s = withSlots(v);
    if (s) views.push(s);
    views.push(...withNumerals(v));
  }
  return views;
}

/** The figures a view's SLOTs from i on stand for, in order ('' for a slot the writer typed as …). */
export function slotValues(draft: Draft, v: TypedView, i: number): string[] {
  const out: string[] = [];
  for (let k = i; k < v.text.length; k++) {
    if (v.text[k] !== SLOT) continue;
    const raw = draft.text.slice(v.offsets[k], v.offsets[k + 1]);
    out.push(raw === SLOT ? '' : raw);
  }
  return out;
}
