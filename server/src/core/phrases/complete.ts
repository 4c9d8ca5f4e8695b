// Phrase completion. The typed prefix is a suffix of the text before the cursor that starts some
// phrase; the longest one fits best. Each item replaces exactly the typed prefix it matched, so
// the editor does not swallow the whole run of Chinese characters before the cursor.
import type { CompletionResult, Draft, FeatureContext } from '../model';
import { hasPrefix, prefixRange } from './prefixIndex';
import { describeCorpus, describeShipped, describeTeam } from './present';
import { teamKeys } from './teamKeys';
import { escapeSnippet, SLOT, yearOf } from './text';
import { toTraditional } from '../text/script';
import { yearsOf } from './table';
import { slotValues, typedViews, type TypedView } from './typed';
import {
  INDEX_VERSION, type MinedPhrase, type PhraseEntry, type PhraseIndex, type PhraseLibrary, type ShippedEvidence,
} from './types';

export const MAX_RESULTS = 20;
/** Keys scored per typed suffix: bounds the work for very short prefixes. */
const MAX_RANGE = 3000;
const MIN_TYPED = 2;

/** Team libraries first, then the workspace's corpus, then the shipped table. */
const TEAM = 2;
const CORPUS = 1;
const SHIPPED = 0;

interface Candidate {
  label: string;
  team: boolean;
  tier: number;
  /** Draft offsets of the typed prefix. */
  replaceStart: number;
  /** The key the prefix matched and how much of it was typed. */
  key: string;
  typedInKey: number;
  slots: string[];
  score: number;
  corpus?: MinedPhrase;
  entry?: PhraseEntry;
  library?: PhraseLibrary;
}

export function complete(
  draft: Draft, offset: number, index: PhraseIndex | undefined, libraries: readonly PhraseLibrary[], ctx: FeatureContext,
): CompletionResult[] {
  // A cached index of another version (or the old stub) is treated as empty, not trusted.
  if (index && (index.version !== INDEX_VERSION || !Array.isArray(index.keys))) index = undefined;
  const views = typedViews(draft, offset);
  const refYear = yearOf(draft.date) ?? index?.latestYear;
  const found: Candidate[] = [];

  for (const v of views) {
    for (let s = 0; s + MIN_TYPED <= v.text.length; s++) {
      const q = v.text.slice(s);
      if (q[0] === SLOT) continue;
      let base: { replaceStart: number; typedInKey: number; slots: string[] } | undefined;
      const baseOf = () => (base ??= { replaceStart: v.offsets[s], typedInKey: q.length, slots: slotValues(draft, v, s) });
      const typedBefore = before(v, s);
      // Only the best few of each source can be shown for this typed prefix: keep those.
      if (index?.keys.length && hasPrefix(index.keys, q)) {
        const best: Candidate[] = [];
        const [from, to] = prefixRange(index.keys, q, MAX_RANGE);
        for (let k = from; k < to; k++) {
          const p = index.phrases[index.keyPhrase[k]];
          const score = corpusScore(p, q, index.keys[k], refYear) + contextScore(p.left, typedBefore);
          if (best.length >= KEEP && score <= best[best.length - 1].score) continue;
          insertBest(best, { ...baseOf(), label: p.phrase, team: false, tier: CORPUS, key: index.keys[k], score, corpus: p });
        }
        found.push(...best);
      }
      for (const library of libraries) {
        const tk = teamKeys(library);
        if (!hasPrefix(tk.keys, q)) continue;
        const best: Candidate[] = [];
        const [from, to] = prefixRange(tk.keys, q, MAX_RANGE);
        const year = refYear ?? library.latestYear;
        for (let k = from; k < to; k++) {
          const e = tk.entries[tk.keyPhrase[k]];
          const shipped = e.shipped;
          const score = shipped
            ? shippedScore(shipped, q, tk.keys[k], year) + contextScore(shipped.left, typedBefore)
            : fit(q, tk.keys[k]);
          if (best.length >= KEEP && score <= best[best.length - 1].score) continue;
          insertBest(best, shipped
            ? { ...baseOf(), label: e.phrase, team: false, tier: SHIPPED, key: tk.keys[k], score, entry: e, library }
            : { ...baseOf(), label: e.phrase, team: true, tier: TEAM, key: tk.keys[k], score, entry: e, library });
        }
        found.push(...best);
      }
    }
  }

  // Longest typed prefix first, then team phrases, the corpus, the shipped table; then the score.
  found.sort((a, b) =>
    a.replaceStart - b.replaceStart || b.tier - a.tier || b.score - a.score
      || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const seen = new Set<string>();
  const out: CompletionResult[] = [];
  for (const c of found) {
    if (seen.has(c.label)) continue;
    seen.add(c.label);
    out.push(present(c, draft, offset, index, ctx, out.length));
    if (out.length >= MAX_RESULTS) break;
  }
  return out;
}

/** Candidates kept per typed prefix and source: enough to fill the list after duplicates are dropped. */
const KEEP = 2 * MAX_RESULTS;

/** Inserts into a list sorted by score (highest first, then label), keeping at most KEEP. */
function insertBest(best: Candidate[], c: Candidate): void {
  let i = best.length;
  while (i > 0 && (best[i - 1].score < c.score || (best[i - 1].score === c.score && best[i - 1].label > c.label))) i--;
  best.splice(i, 0, c);
  if (best.length > KEEP) best.pop();
}

/** How much of the key the typed prefix covers (0–1]: a shorter phrase fits a prefix better. */
function fit(q: string, key: string): number {
  return q.length / key.length;
}

/** The text right before the typed suffix starting at `s` of view `v` (what the writer wrote before the phrase). */
function before(v: TypedView, s: number): string {
  return v.text.slice(Math.max(0, s - 4), s);
}

/** A phrase usually written after the words the writer just typed (弘扬 before 工匠精神) fits better. */
function contextScore(left: readonly string[] | undefined, typed: string): number {
  if (!left || !typed) return 0;
  for (let i = 0; i < left.length; i++) if (typed.endsWith(left[i])) return 2.5 - 0.5 * i;
  return 0;
}

/** Years between the draft and the nearest year the phrase was used in (0 if used that year). */
function yearsApart(years: readonly number[], refYear: number | undefined): number {
  if (refYear === undefined || !years.length) return 0;
  // Years are ascending: the nearest is next to the first one at or after refYear.
  let lo = 0;
  let hi = years.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (years[mid] < refYear) lo = mid + 1;
    else hi = mid;
  }
  const after = lo < years.length ? years[lo] - refYear : Infinity;
  const prior = lo > 0 ? refYear - years[lo - 1] : Infinity;
  return Math.min(after, prior);
}

function shippedScore(e: ShippedEvidence, q: string, key: string, refYear: number | undefined): number {
  // An outdated formula (last used decades before the draft) ranks low.
  const years = yearsOf(e);
  const recency = years.length ? Math.exp(-yearsApart(years, refYear) / 8) : 0.5;
  return 2 * fit(q, key) + Math.log1p(e.count) + 0.7 * Math.log1p(e.docCount) + 3 * recency + 2 * e.closes + (e.curated ? 1.5 : 0);
}

function corpusScore(p: MinedPhrase, q: string, key: string, refYear: number | undefined): number {
  // Years between the draft and the span the phrase was in use (0 inside it).
  const first = p.firstYear ?? p.lastYear;
  const age = refYear === undefined || p.lastYear === undefined || first === undefined
    ? 0
    : refYear > p.lastYear ? refYear - p.lastYear : refYear < first ? first - refYear : 0;
  const recency = Math.exp(-age / 10);
  return 2 * fit(q, key) + Math.log1p(p.count) + 0.7 * Math.log1p(p.docCount) + 3 * recency + 2 * p.closes;
}

function present(
  c: Candidate, draft: Draft, offset: number, index: PhraseIndex | undefined, ctx: FeatureContext, rank: number,
): CompletionResult {
  const typed = draft.text.slice(c.replaceStart, offset);
  let insertText: string;
  let snippet: string | undefined;
  if (c.entry) snippet = c.entry.snippet;
  else if (c.corpus?.snippet) snippet = c.corpus.snippet;
  if (snippet) insertText = fillSlots(snippet, c.slots);
  else insertText = c.entry ? c.entry.insert ?? c.entry.phrase : c.corpus!.insert ?? c.corpus!.phrase;
  // A writer typing traditional characters gets the corpus phrase in traditional characters,
  // keeping the characters already typed as they are (為 stays 為).
  const typedNorm = draft.norm.slice(c.replaceStart, offset);
  if (c.tier !== TEAM && typed !== typedNorm) {
    insertText = insertText.startsWith(typedNorm)
      ? typed + toTraditional(insertText.slice(typedNorm.length))
      : toTraditional(insertText);
  }
  const described = c.corpus
    ? describeCorpus(c.corpus, index!, ctx)
    : c.entry!.shipped ? describeShipped(c.entry!, c.entry!.shipped, ctx) : describeTeam(c.entry!, c.library!, ctx);
  return {
    label: c.label,
    insertText,
    isSnippet: snippet !== undefined,
    replaceStart: c.replaceStart,
    detail: described.detail,
    documentation: described.documentation,
    sortText: String(rank).padStart(4, '0'),
    filterText: typed + c.key.slice(c.typedInKey),
    source: c.team ? 'team' : 'corpus',
  };
}

/** Puts the figures already typed into the first placeholders of a snippet. */
function fillSlots(snippet: string, slots: string[]): string {
  if (!slots.length) return snippet;
  return snippet.replace(/\$\{(\d+)(?::[^}]*)?\}|\$(\d+)/g, (m, a: string | undefined, b: string | undefined) => {
    const value = slots[Number(a ?? b) - 1];
    return value ? escapeSnippet(value) : m;
  });
}
