// Where the tests comparing two indexes (whole and partial, embedded and database) hover a draft.
import { extractFigures } from '../../server/src/core/figures';
import { firstLine } from '../../server/src/core/figures/segments';
import { extractRegionMentions, type Gazetteer } from '../../server/src/core/regions';
import { toSimplified } from '../../server/src/core/text/script';

/** Every figure (its number and its words), every place name, and a stride through the text. */
export function hoverOffsets(text: string, gazetteer: Gazetteer, stride: number): number[] {
  const norm = toSimplified(text);
  const out = new Set<number>();
  for (const f of extractFigures(norm, { title: firstLine(norm) })) {
    out.add(f.start);
    out.add(Math.max(f.clauseStart, f.start - 2));
  }
  for (const m of extractRegionMentions(norm, gazetteer)) out.add(m.start);
  for (let i = 0; i < text.length; i += stride) out.add(i);
  return [...out].sort((a, b) => a - b);
}
