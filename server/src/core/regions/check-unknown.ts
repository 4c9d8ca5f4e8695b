// region-unknown: a word one character away from a real region name (宝按区, 攀枝华, 盐边悬) that
// is itself in no list the writer could have taken it from (codes, aliases, corpus, team names).
import type { Draft, FeatureContext } from '../model';
import type { Finding, Fix } from '../types';
import { chainOf, type Gazetteer, levelOfCode } from './gazetteer';
import type { NearMiss } from './fuzzy';
import type { RegionIndex } from './corpus-index';
import { formatChain } from './format';
import { draftRegions } from './windows';
import { suggest, suggestFrom, type Suggestion } from './judge';
import { cutAcrossWords, cutFrom } from './boundary';
import { townshipMisses, townshipMissesWhole } from './townships';
import { candidatesOf, draftWindows } from './lines';
import { scanKnown } from './mentions';

/** Which levels a written suffix can belong to, for the renamed-place test (谢家镇 -> 谢家街道, 清远县 -> 清远市). */
const SUFFIX_LEVELS: Array<[string, number[]]> = [
  ['街道', [4]], ['镇', [4]], ['乡', [4]], ['县', [2, 3]], ['区', [2, 3]], ['旗', [2, 3]], ['市', [2, 3]],
  ['州', [2]], ['盟', [2]], ['省', [1]],
];
const MAX_SUGGESTIONS = 3;

export interface Suspect {
  start: number;
  end: number;
  word: string;
  suggestions: Suggestion[];
}

/** A known stem with another suffix of the same level family: a renamed place, not a typo. */
function renamedKnown(word: string, gaz: Gazetteer): boolean {
  for (const [suffix, levels] of SUFFIX_LEVELS) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, word.length - suffix.length);
    if (stem.length < 2) return false;
    return (gaz.stems.get(stem) ?? []).some(c => levels.includes(levelOfCode(c)));
  }
  return false;
}

/** Which corpus documents are the draft itself: a draft never vouches for its own names. */
export type SelfTest = (docId: string) => boolean;

/** Sources and titles of the corpus that use a name, the draft itself left out. */
function corpusUse(word: string, index: RegionIndex, isSelf: SelfTest, docs?: FeatureContext['docs']): { sources: number; titles: number } | null {
  const use = index.byName.get(word);
  if (!use) return null;
  const refs = use.refs.filter(r => !isSelf(r.docId));
  // documents listed in part: what the checks conclude is the same whichever one is the draft's own
  if (use.totals) return refs.length === use.refs.length ? { sources: use.totals.sources, titles: use.totals.titles } : use.totals.withoutOneSource;
  if (refs.length === 0) return null;
  if (refs.length === use.refs.length || !docs) return { sources: use.sources.size, titles: use.titles.size };
  const sources = new Set<string>();
  const titles = new Set<string>();
  for (const r of refs) {
    const d = docs.get(r.docId);
    sources.add(d?.source ?? r.docId);
    titles.add(d?.title ?? r.docId);
  }
  return { sources: sources.size, titles: titles.size };
}

/** Known by other means: history, renaming, the team's list, or a corpus that vouches for it. */
function isKnown(
  word: string, gaz: Gazetteer, index: RegionIndex, teamNames: ReadonlySet<string>, misses: NearMiss[],
  isSelf: SelfTest, docs?: FeatureContext['docs'],
): boolean {
  if (teamNames.has(word) || gaz.historical.has(word) || renamedKnown(word, gaz)) return true;
  const use = corpusUse(word, index, isSelf, docs);
  if (!use) return false;
  // One source may itself hold the typo (or two versions of one draft): a sound/shape near miss needs
  // two sources with different titles to count as a name.
  if (use.sources >= 2 && use.titles >= 2) return true;
  return misses.every(m => m.likeness === 'other');
}

/** Overlapping suspects: keep the best scored, then the longer. */
function pickBest(suspects: Suspect[]): Suspect[] {
  const sorted = [...suspects].sort((a, b) =>
    b.suggestions[0].score - a.suggestions[0].score || (b.end - b.start) - (a.end - a.start));
  const kept: Suspect[] = [];
  for (const s of sorted) if (!kept.some(k => k.start < s.end && s.start < k.end)) kept.push(s);
  return kept.sort((a, b) => a.start - b.start);
}

/** The draft names a parent of the region below the province (or the province of a prefecture). */
function parentsNamed(code: string, gaz: Gazetteer, context: ReadonlySet<string>): boolean {
  const level = levelOfCode(code);
  return chainOf(gaz, code).some(r => r.code !== code && (level === 2 || r.level >= 2) && context.has(r.code));
}

/** Score of a misspelt township of a county the draft names: above any near miss found without that context. */
const TOWNSHIP_SCORE = 10;
const HOME_MENTIONS = 3;

export function findUnknown(
  draft: Draft, gaz: Gazetteer, index: RegionIndex, teamNames: ReadonlySet<string>,
  isSelf: SelfTest = () => false, docs?: FeatureContext['docs'],
): Suspect[] {
  const text = draft.norm;
  // Known names, and the windows whose near misses survive the tests that read only the window,
  // read line by line from a cache; the tests that read the rest of the draft run here.
  const { known, windows, counts } = draftWindows(text, gaz, teamNames);
  const regions = draftRegions(known, gaz, text);
  const suspects = townshipSuspects(text, regions, gaz, index, teamNames, isSelf, docs);
  for (const { offset, w, misses, pending, cut: plan } of windows) {
    const start = w.start + offset;
    let suggestions = suggestFrom(pending, w, start, regions, index);
    if (suggestions.length === 0) continue;
    const cut = cutFrom(plan, counts);
    if (cut === 'cut') continue;
    if (cut === 'head') suggestions = suggestions.filter(x => parentsNamed(x.code, gaz, regions.context));
    if (suggestions.length === 0 || isKnown(w.word, gaz, index, teamNames, misses, isSelf, docs)) continue;
    suspects.push({ start, end: w.end + offset, word: w.word, suggestions });
  }
  return pickBest(suspects);
}

/** Misspelt townships of the counties the draft is about (named three times or more: a county's own report names it often). */
function townshipSuspects(
  text: string, regions: ReturnType<typeof draftRegions>, gaz: Gazetteer, index: RegionIndex, teamNames: ReadonlySet<string>,
  isSelf: SelfTest, docs?: FeatureContext['docs'], whole = false,
): Suspect[] {
  const suspects: Suspect[] = [];
  const counties = [...regions.at].filter(([c, list]) => c.length === 6 && list.length >= HOME_MENTIONS).map(([c]) => c);
  for (const t of (whole ? townshipMissesWhole : townshipMisses)(text, counties, gaz)) {
    const word = text.slice(t.start, t.end + t.suffix.length);
    if (teamNames.has(word) || teamNames.has(t.written)) continue;
    const use = corpusUse(word, index, isSelf, docs) ?? corpusUse(t.written, index, isSelf, docs);
    if (use && use.sources >= 2 && use.titles >= 2) continue;
    suspects.push({
      start: t.start, end: t.end + t.suffix.length, word,
      suggestions: [{ surface: t.stem + t.suffix, code: t.code, score: TOWNSHIP_SCORE }],
    });
  }
  return suspects;
}

/**
 * findUnknown without any cache: the whole text read at once and every window judged in one go
 * (the reference the cached reading is tested against).
 */
export function findUnknownUncached(
  draft: Draft, gaz: Gazetteer, index: RegionIndex, teamNames: ReadonlySet<string>,
  isSelf: SelfTest = () => false, docs?: FeatureContext['docs'],
): Suspect[] {
  const text = draft.norm;
  const known = scanKnown(text, gaz);
  const candidates = candidatesOf(text, known, gaz, teamNames);
  const regions = draftRegions(known, gaz, text);
  const suspects = townshipSuspects(text, regions, gaz, index, teamNames, isSelf, docs, true);
  for (const { w, misses } of candidates) {
    const cut = cutAcrossWords(w, text, gaz);
    if (cut === 'cut') continue;
    let suggestions = suggest(w, misses, gaz, regions, index);
    if (cut === 'head') suggestions = suggestions.filter(x => parentsNamed(x.code, gaz, regions.context));
    if (suggestions.length === 0 || isKnown(w.word, gaz, index, teamNames, misses, isSelf, docs)) continue;
    suspects.push({ start: w.start, end: w.end, word: w.word, suggestions });
  }
  return pickBest(suspects);
}

export function checkUnknown(
  draft: Draft, gaz: Gazetteer, index: RegionIndex, teamNames: ReadonlySet<string>, ctx: FeatureContext,
): Finding[] {
  return findUnknown(draft, gaz, index, teamNames, ctx.isSelf ?? (() => false), ctx.docs).map(s => {
    const top = s.suggestions.slice(0, MAX_SUGGESTIONS);
    const listed = top.map(x => `${x.surface}（${formatChain(gaz, x.code)}）`).join(ctx.t.t(', '));
    // The first fix is preferred only when it clearly wins (郫都区 over 新都区 for 郸都区).
    const clear = top.length === 1 || top[1].score < top[0].score;
    const fixes: Fix[] = top.map((x, i) => ({
      title: ctx.t.t('Change to {0}', x.surface),
      edits: [{ start: s.start, end: s.end, newText: x.surface }],
      ...(i === 0 && clear ? { preferred: true } : {}),
    }));
    return {
      code: 'region-unknown',
      severity: 'warning' as const,
      start: s.start,
      end: s.end,
      message: ctx.t.t('"{0}" is not a known place name. Did you mean {1}?', draft.text.slice(s.start, s.end), listed),
      fixes,
    };
  });
}
