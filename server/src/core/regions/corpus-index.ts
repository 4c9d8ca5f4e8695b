// What the corpus says about regions: where each region is mentioned, and which names (also
// names the codes lack, such as a renamed 谢家镇) the corpus uses and in how many sources.
import type { CorpusDocument, CorpusRef } from '../model';
import { type Gazetteer, isWithin } from './gazetteer';
import type { RegionMention } from './mentions';

export interface NameUse {
  count: number;
  sources: Set<string>;
  /** Document titles: two versions of one draft share a title and vouch only once. */
  titles: Set<string>;
  refs: CorpusRef[];
  /** Set when `refs`, `sources` and `titles` hold only some of the documents that use the name. */
  totals?: MentionTotals;
}

/**
 * A name's or code's counts over all the documents that mention it, when the index lists only some of
 * them (a shared store lists the latest documents of a name in many: core/store/index.ts). It does so
 * only for a name that leaving out the documents of any one source (the draft's own) still leaves
 * `withoutOneSource` sources and titles, at least two of each.
 */
export interface MentionTotals {
  mentions: number;
  docs: number;
  sources: number;
  titles: number;
  withoutOneSource: { sources: number; titles: number };
}

export interface RegionIndex {
  /** Mentions counted. */
  count: number;
  /** Region code -> where the corpus mentions it (ambiguous names resolved by the document's other mentions). */
  byCode: Map<string, CorpusRef[]>;
  /** Mention text (known or by form) -> how the corpus uses it. */
  byName: Map<string, NameUse>;
  /** Codes whose `byCode` refs are those of only some of the documents mentioning them: their counts over all. */
  codeTotals?: Map<string, MentionTotals>;
}

/** How many times the corpus mentions a region code. */
export function codeMentions(index: RegionIndex, code: string): number {
  const refs = index.byCode.get(code);
  return index.codeTotals?.get(code)?.mentions ?? refs?.length ?? 0;
}

/** Narrows a mention's codes with the regions a text also names (鼓楼区 next to 南京). */
export function resolveCodes(codes: readonly string[], context: ReadonlySet<string>): string[] {
  if (codes.length <= 1) return [...codes];
  const inContext = codes.filter(c => [...context].some(p => p !== c && isWithin(c, p)));
  return inContext.length > 0 ? inContext : [...codes];
}

/** Codes named unambiguously in a text, with all their ancestors: the text's regional context. */
export function contextOf(mentions: readonly RegionMention[], gaz: Gazetteer): Set<string> {
  const out = new Set<string>();
  for (const m of mentions) {
    if (m.kind === 'form' || m.kind === 'historical') continue;
    if (m.codes.length !== 1) continue;
    for (let c: string | null = m.codes[0]; c; c = gaz.regions.get(c)?.parent ?? null) out.add(c);
  }
  return out;
}

export function buildIndex(docs: Array<{ doc: CorpusDocument; mentions: RegionMention[] }>, gaz: Gazetteer): RegionIndex {
  const index: RegionIndex = { count: 0, byCode: new Map(), byName: new Map() };
  for (const { doc, mentions } of docs) {
    const context = contextOf(mentions, gaz);
    for (const m of mentions) {
      const ref: CorpusRef = { docId: doc.id, start: m.start, end: m.end };
      index.count++;
      let use = index.byName.get(m.text);
      if (!use) index.byName.set(m.text, (use = { count: 0, sources: new Set(), titles: new Set(), refs: [] }));
      use.count++;
      use.sources.add(doc.source);
      use.titles.add(doc.title);
      use.refs.push(ref);
      for (const code of resolveCodes(m.codes, context)) {
        const list = index.byCode.get(code);
        if (list) list.push(ref);
        else index.byCode.set(code, [ref]);
      }
    }
  }
  return index;
}
