// The windows of a draft that may be a misspelt region name, and what the text around each tells:
// where it starts, what precedes it, which regions the draft names and where.
import { type Gazetteer } from './gazetteer';
import { mayBeNear, mayBeNearMasked, nearTables } from './fuzzy';
import { FORM_SUFFIXES, NOT_IN_NAME, type RegionMention, isHan } from './mentions';
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
  const spans = nearSpans(text, blocks, gaz);
  if (spans.length === 0) return;
  const owner = ownersOf(text, blocks);
  const endsAt = new Map<number, RegionMention>();
  for (const m of blocks) if (m.codes.length > 0) endsAt.set(m.end, m);
  for (let s = 0; s < spans.length; s += 2) {
    const start = spans[s];
    const end = spans[s + 1];
    const before = endsAt.get(start);
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

/** owner[k]: the index of the block covering character k, or -1. */
function ownersOf(text: string, blocks: readonly RegionMention[]): Int32Array {
  const owner = new Int32Array(text.length).fill(-1);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    for (let k = b.start; k < b.end; k++) owner[k] = i;
  }
  return owner;
}

const hanCode = (k: number) => (k >= 0x3400 && k <= 0x9fff) || (k >= 0xf900 && k <= 0xfaff);

/**
 * candidateWindows' windows before the caller's test, as [start, end] pairs in order: Han
 * characters only, not cutting through a known name, and passing mayBeNear. mayBeNear's masks are
 * read once per character rather than once per window (a 20,000-character draft has ~150,000
 * windows; ~1% pass).
 */
function nearSpans(text: string, blocks: readonly RegionMention[], gaz: Gazetteer): number[] {
  const out: number[] = [];
  const n = text.length;
  const t = nearTables(gaz);
  const maxLen = t.maxLen;
  const owner = blocks.length > 0 ? ownersOf(text, blocks) : undefined;
  let endsAt: Set<number> | undefined;
  for (const m of blocks) if (m.codes.length > 0) (endsAt ??= new Set()).add(m.end);
  // Per character: Han or not, and the masks of names ending there.
  const han = new Uint8Array(n + 1);
  const lastMask = new Uint32Array(n);
  const tailMask = new Uint32Array(n);
  let prevCode = 0;
  for (let k = 0; k < n; k++) {
    const z = text.charCodeAt(k);
    han[k] = hanCode(z) ? 1 : 0;
    const lz = t.last[z];
    lastMask[k] = lz;
    tailMask[k] = k > 0 ? lz & t.penult[prevCode] : 0;
    prevCode = z;
  }
  for (let start = 0; start + 1 < n; start++) {
    if (!han[start] || !han[start + 1]) continue;
    if (owner && owner[start] >= 0 && blocks[owner[start]].start < start) continue;
    const after = endsAt?.has(start) ?? false;
    const a = text.charCodeAt(start);
    const b = text.charCodeAt(start + 1);
    const firstMask = t.first[a];
    const headMask = firstMask & t.second[b];
    // Two-character windows (拱县) only right after a known name.
    for (let len = after ? 2 : 3; len <= maxLen && start + len <= n; len++) {
      const end = start + len;
      if (!han[end - 1]) break;
      if (owner && owner[end - 1] >= 0) {
        const last = blocks[owner[end - 1]];
        if (last.end > end) continue; // cuts through a known name
        // Short forms may sit inside a misspelt name (盐边 in 盐边悬, 福海 in 福海街到); other names may
        // not, nor in any longer window from here.
        if (last.kind !== 'short') break;
      }
      if (len === 2) {
        if (((firstMask | lastMask[end - 1]) & 4) === 0) continue;
      } else if (len < 32) {
        const endsMask = firstMask & lastMask[end - 1];
        if (((headMask | tailMask[end - 1] | endsMask) & (1 << len)) === 0) continue;
        if (!mayBeNearMasked(t, len, a, b, text.charCodeAt(end - 2), text.charCodeAt(end - 1), headMask, tailMask[end - 1], endsMask)) continue;
      } else if (!mayBeNear(gaz, text, start, end)) continue;
      out.push(start, end);
    }
  }
  return out;
}
