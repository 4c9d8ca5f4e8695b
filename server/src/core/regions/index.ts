// The regions feature: gazetteer, region-unknown and region-hierarchy checks, region hover.
// Signatures are the contract with service.ts.
import type { CorpusDocument, Draft, FeatureContext, HoverResult } from '../model';
import type { Finding } from '../types';
import { createGazetteerFromTable, type Gazetteer } from './gazetteer';
import { extractMentions, type RegionMention } from './mentions';
import { buildIndex, type RegionIndex } from './corpus-index';
import { checkUnknown } from './check-unknown';
import { checkHierarchy } from './check-hierarchy';
import { hover } from './hover';

export type { Gazetteer, Region, Level, Surface, SurfaceKind } from './gazetteer';
export type { RegionMention, MentionKind } from './mentions';
export type { RegionIndex, NameUse, MentionTotals } from './corpus-index';

/** Builds the in-memory gazetteer from the shipped table (the edge reads the file). */
export function createGazetteer(data: unknown): Gazetteer {
  return createGazetteerFromTable(data);
}

/** Names for the segmenter's user dictionary: official names and unambiguous short forms. */
export function gazetteerWords(gaz: Gazetteer): string[] {
  const out: string[] = [];
  for (const [text, list] of gaz.surfaces) {
    if (text.length < 2 || list.every(s => s.kind === 'weak')) continue;
    if (list.every(s => s.kind === 'short') && gaz.ambiguousStems.has(text)) continue;
    out.push(text);
  }
  return out.sort();
}

/** Region mentions of one corpus document (known names and unknown names by form); JSON-serialisable. */
export function extractRegionMentions(text: string, gaz: Gazetteer): RegionMention[] {
  return extractMentions(text, gaz);
}

export function buildRegionIndex(docs: Array<{ doc: CorpusDocument; mentions: RegionMention[] }>, gaz: Gazetteer): RegionIndex {
  return buildIndex(docs, gaz);
}

export function checkRegions(
  draft: Draft, gaz: Gazetteer, index: RegionIndex, teamNames: ReadonlySet<string>, ctx: FeatureContext,
): Finding[] {
  const hierarchy = checkHierarchy(draft, gaz, ctx);
  const unknown = checkUnknown(draft, gaz, index, teamNames, ctx)
    .filter(u => !hierarchy.some(h => h.start < u.end && u.start < h.end));
  return [...unknown, ...hierarchy].sort((a, b) => a.start - b.start);
}

export function hoverRegion(
  draft: Draft, offset: number, gaz: Gazetteer, index: RegionIndex, ctx: FeatureContext,
): HoverResult | null {
  return hover(draft, offset, gaz, index, ctx);
}
