// The windows of a draft that may be a misspelt region name, and what the text around each tells:
// where it starts, what precedes it, which regions the draft names and where.
import { type Gazetteer } from './gazetteer';
import { maxFuzzyLength, mayBeNear } from './fuzzy';
import { FORM_SUFFIXES, NOT_IN_NAME, type RegionMention, isHan } from './mentions';
import { isHanAt } from './chars';
import { contextOf } from './corpus-index';
import { zoneAt } from './boundary';

/** What the text around a window tells about it. */
export interface WindowFacts {
  start: number;
  end: number;
  word: string;
  /** The characters before and after the window. */
  prev: string;
  next: string;
  /** The window starts a word: after punctuation, a function character or a known name. */
  boundary: boolean;
  /** The window starts after punctuation, a space or a known name (不 in 不同城市 does not count). */
  clearStart: boolean;
  /** A known name ending right before the window (its parent, if the writer wrote one). */
  before: RegionMention | undefined;
  /** The window is a known short form plus one character (盐边 + 悬). */
  stemMention: boolean;
  /** One or two more characters and a region suffix follow (阿克赛 + 钦地区). */
  headsLongerName: boolean;
}

/** The regions a draft names: for "is the parent of this near miss in the draft, and near here?". */
export interface DraftRegions {
  /** Named regions with all their ancestors. */
  context: Set<string>;
  /** Regions named themselves (not through a place inside them). */
  named: Set<string>;
  /** Region (or ancestor) -> offsets where it is named. */
  at: Map<string, number[]>;
  /** The prefectures the draft names most (its subject). */
  home: Set<string>;
}

/** How far (UTF-16 units) a parent's mention still vouches for a weak near miss. */
const NEAR = 300;

export function draftRegions(known: readonly RegionMention[], gaz: Gazetteer, text = ''): DraftRegions {
  const at = new Map<string, number[]>();
  const named = new Set<string>();
  // A short form that names a zone (站前片区, 宝安园区) places nothing: it does not set the context.
  const usable = known.filter(m => !(m.kind === 'short' && zoneAt(text, m.end)));
  for (const m of usable) {
    if (m.codes.length !== 1) continue;
    named.add(m.codes[0]);
    for (let c: string | null = m.codes[0]; c; c = gaz.regions.get(c)?.parent ?? null) {
      const list = at.get(c);
      if (list) list.push(m.start);
      else at.set(c, [m.start]);
    }
  }
  let top = 2;
  for (const [c, list] of at) if (c.length === 4) top = Math.max(top, list.length);
  const home = new Set([...at].filter(([c, list]) => c.length === 4 && list.length === top).map(([c]) => c));
  return { context: contextOf(usable, gaz), named, at, home };
}

/** The region is named near `pos`, or is the prefecture the draft is mostly about. */
export function isNamedNear(regions: DraftRegions, code: string, pos: number): boolean {
  if (regions.home.has(code)) return true;
  return (regions.at.get(code) ?? []).some(p => Math.abs(p - pos) <= NEAR);
}

/**
 * Every window of Han characters that does not cut through a known name and could be one
 * character away from a gazetteer name. Blocks are the known names (and team names) of the text.
 * `wanted`, when given, skips windows by their word and the character before (what they are does
 * not depend on the facts around them).
 */
export function* candidateWindows(
  text: string, blocks: readonly RegionMention[], gaz: Gazetteer, wanted?: (word: string, prev: string) => boolean,
): Generator<WindowFacts> {
  const owner = new Int32Array(text.length).fill(-1);
  blocks.forEach((b, i) => {
    for (let k = b.start; k < b.end; k++) owner[k] = i;
  });
  const endsAt = new Map<number, RegionMention>();
  for (const m of blocks) if (m.codes.length > 0) endsAt.set(m.end, m);
  const maxLen = maxFuzzyLength(gaz);
  for (let start = 0; start < text.length; start++) {
    if (!isHanAt(text, start)) continue;
    if (owner[start] >= 0 && blocks[owner[start]].start < start) continue;
    const before = endsAt.get(start);
    // Two-character windows (拱县) only right after a known name.
    for (let len = before ? 2 : 3; len <= maxLen && start + len <= text.length; len++) {
      const end = start + len;
      if (!isHanAt(text, end - 1) || !isHanAt(text, start + 1)) break;
      const last = owner[end - 1] >= 0 ? blocks[owner[end - 1]] : undefined;
      if (last && last.end > end) continue; // cuts through a known name
      // Short forms may sit inside a misspelt name (盐边 in 盐边悬, 福海 in 福海街到); other names may
      // not, nor in any longer window from here.
      if (last && last.kind !== 'short') break;
      if (!mayBeNear(gaz, text, start, end)) continue;
      const prev = start > 0 ? text[start - 1] : '';
      const word = text.slice(start, end);
      // The caller's test of the word alone, before the facts around it are gathered.
      if (wanted && !wanted(word, prev)) continue;
      const first = owner[start] >= 0 ? blocks[owner[start]] : undefined;
      yield {
        start,
        end,
        word,
        prev,
        next: text.slice(end, end + 1),
        boundary: start === 0 || !isHan(prev) || NOT_IN_NAME.has(prev) || !!before,
        clearStart: start === 0 || !isHan(prev) || !!before,
        before,
        stemMention: !!first && first.kind === 'short' && first.start === start && first.end === end - 1,
        headsLongerName: [1, 2].some(k => isHan(text[end]) && isHan(text[end + k - 1])
          && FORM_SUFFIXES.some(sfx => text.startsWith(sfx, end + k))),
      };
    }
  }
}
