// Shared fixtures for the regions tests: the shipped gazetteer, an English localizer and a tiny corpus.
import type { CorpusDocument, Draft, FeatureContext } from '../../../server/src/core/model';
import { createLocalizer } from '../../../server/src/core/l10n';
import { loadGazetteer } from '../../../server/src/node/gazetteer';
import { buildRegionIndex, extractRegionMentions, type RegionIndex } from '../../../server/src/core/regions';

export const gaz = loadGazetteer();

/** A draft whose text is already simplified. */
export function draft(text: string): Draft {
  return { text, norm: text };
}

export function corpusDoc(id: string, title: string, date: string, text: string): CorpusDocument {
  return { id, source: id.split('#')[0], title, date, text, display: text, map: [[0, 0, text.length]] };
}

export function indexOf(docs: CorpusDocument[]): RegionIndex {
  return buildRegionIndex(docs.map(doc => ({ doc, mentions: extractRegionMentions(doc.text, gaz) })), gaz);
}

export function context(docs: CorpusDocument[] = [], locale = 'en'): FeatureContext {
  const byId = new Map(docs.map(d => [d.id, d]));
  return {
    t: createLocalizer(locale),
    docs: byId,
    cite: ref => {
      const d = byId.get(ref.docId);
      if (!d) return undefined;
      const line = d.text.slice(0, ref.start).split('\n').length - 1;
      return { source: d.source, title: d.title, date: d.date, start: { line, character: 0 }, end: { line, character: 0 } };
    },
  };
}

/** The text each finding of `code` covers. */
export function covered(text: string, findings: Array<{ code: string; start: number; end: number }>, code: string): string[] {
  return findings.filter(f => f.code === code).map(f => text.slice(f.start, f.end));
}
