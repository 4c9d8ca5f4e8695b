// The windows of a draft that may be a misspelt region name, and what the text around each tells:
// where it starts, what precedes it, which regions the draft names and where.
import { type Gazetteer } from './gazetteer';
import { mayBeNear, mayBeNearMasked, nearTables, type OneAwayText, oneAwayText, windowTables } from './fuzzy';
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
 * `wanted`, when given, skips windows by their word, the character before and the known name ending
 * right before them (what they are does not depend on the other facts around them).
 */
export function* candidateWindows(
  text: string, blocks: readonly RegionMention[], gaz: Gazetteer,
  wanted?: (word: string, prev: string, before: RegionMention | undefined) => boolean,
): Generator<WindowFacts> {
  const out: WindowFacts[] = [];
  forEachCandidateWindow(text, blocks, gaz, wanted, w => out.push(w));
  yield* out;
}

/**
 * candidateWindows without a generator: `fn` gets each window right after `wanted` let it through
 * (so a caller may keep what its test worked out for the window it gets next). A line without
 * windows, most of them, costs nearSpans and nothing else (no map of the names by their end, no
 * generator).
 */
export function forEachCandidateWindow(
  text: string, blocks: readonly RegionMention[], gaz: Gazetteer,
  wanted: ((word: string, prev: string, before: RegionMention | undefined) => boolean) | undefined,
  fn: (w: WindowFacts) => void,
): void {
  const spans = nearSpans(text, blocks, gaz);
  for (let s = 0; s < spans.length; s += 2) {
    const start = spans[s];
    const end = spans[s + 1];
    const before = endingAt(blocks, start);
    const prev = start > 0 ? text[start - 1] : '';
    const word = text.slice(start, end);
    // The caller's test of the word alone, before the facts around it are gathered.
    if (wanted && !wanted(word, prev, before)) continue;
    const first = blockAt(blocks, start);
    fn({
      start,
      end,
      word,
      prev,
      next: text.slice(end, end + 1),
      boundary: start === 0 || !isHan(prev) || NOT_IN_NAME.has(prev) || !!before,
      clearStart: start === 0 || !isHan(prev) || !!before,
      before,
      stemMention: !!first && first.kind === 'short' && first.start === start && first.end === end - 1,
      headsLongerName: headsLongerName(text, end),
    });
  }
}

/** The known name (a block with codes) ending at `at`: the last in the blocks' order, as a map by end set in that order keeps. */
function endingAt(blocks: readonly RegionMention[], at: number): RegionMention | undefined {
  for (let i = blocks.length - 1; i >= 0; i--) if (blocks[i].end === at && blocks[i].codes.length > 0) return blocks[i];
  return undefined;
}

/** One or two more Han characters and a region suffix follow `end` (阿克赛 + 钦地区); no closure or array per window. */
function headsLongerName(text: string, end: number): boolean {
  if (!isHanAt(text, end)) return false;
  for (let k = 1; k <= 2; k++) {
    if (!isHanAt(text, end + k - 1)) continue;
    for (let i = 0; i < FORM_SUFFIXES.length; i++) if (text.startsWith(FORM_SUFFIXES[i], end + k)) return true;
  }
  return false;
}

/** owner[k]: the index of the block covering character k (the last one, where they overlap), or -1. */
function ownersOf(text: string, blocks: readonly RegionMention[], into?: Int32Array): Int32Array {
  const owner = into ? into.fill(-1, 0, text.length) : new Int32Array(text.length).fill(-1);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    for (let k = b.start; k < b.end; k++) owner[k] = i;
  }
  return owner;
}

/** The block covering character k (the last one, where they overlap), as ownersOf tells it. */
function blockAt(blocks: readonly RegionMention[], k: number): RegionMention | undefined {
  for (let i = blocks.length - 1; i >= 0; i--) if (blocks[i].start <= k && k < blocks[i].end) return blocks[i];
  return undefined;
}

/** Arrays nearSpans reuses from one call to the next (it runs to the end before it is called again). */
const scratch = {
  size: 0,
  han: new Uint8Array(0),
  nextBreak: new Int32Array(0),
  tailFrom: new Uint32Array(0),
  owner: new Int32Array(0),
  hashes: [new Int32Array(0), new Int32Array(0)] as [Int32Array, Int32Array],
};

function scratchFor(n: number): typeof scratch {
  if (scratch.size < n + 1) {
    let size = 256;
    while (size < n + 1) size *= 2;
    scratch.size = size;
    scratch.han = new Uint8Array(size);
    scratch.nextBreak = new Int32Array(size);
    scratch.tailFrom = new Uint32Array(size);
    scratch.owner = new Int32Array(size);
    scratch.hashes = [new Int32Array(size), new Int32Array(size)];
  }
  return scratch;
}

const hanCode = (k: number) => (k >= 0x3400 && k <= 0x9fff) || (k >= 0xf900 && k <= 0xfaff);

/**
 * candidateWindows' windows before the caller's test, as [start, end] pairs in order (by start,
 * then length): Han characters only, not cutting through a known name, and sharing with some
 * indexed name of their length its first two characters, its last two, or (three characters) its
 * first and last, as every window one character away from a name does (the character that differs
 * is the first, the last or one between). A 20,000-character draft has ~150,000 windows: rather
 * than testing each length from each start, the lengths are read from exact tables per pair of
 * characters (names by their first two characters at each start, by their last two at each end),
 * so a start whose characters begin and end no name costs two lookups. A window left is kept only
 * when one of its wildcard hashes is a one-edit variant of a name (OneAwayText).
 */
export function nearSpans(text: string, blocks: readonly RegionMention[], gaz: Gazetteer): number[] {
  const t = windowTables(gaz);
  // first, second, penult, last of each unit (see FuzzyIndex.masks)
  const um = t.masks;
  const n = text.length;
  const maxLen = t.maxLen;
  if (maxLen >= 31) return nearSpansScan(text, blocks, gaz);
  const out: number[] = [];
  if (n < 2) return out;
  const buffers = scratchFor(n);
  const owner = blocks.length > 0 ? ownersOf(text, blocks, buffers.owner) : undefined;
  // han[k]: 1 for a Han character, | 2 where a known name with codes ends (a window may start there with two characters)
  const han = buffers.han;
  // tailFrom[s], bit L (3 or more): the window [s, s + L) ends in the last two characters of a name of
  // length L. Read in the same pass as han (one pass over the text's units, not two).
  const tailFrom = buffers.tailFrom.fill(0, 0, n);
  let y = 0;
  let yHan = false;
  for (let k = 0; k < n; k++) {
    const z = text.charCodeAt(k);
    const zHan = hanCode(z);
    han[k] = zHan ? 1 : 0;
    // (the masks by unit are looser than the table by pair, and cheaper: most characters end no name)
    if (zHan && yHan && (um[4 * y + 2] & um[4 * z + 3] & ~7) !== 0) {
      let lens = t.tailLens.get(y, z) & ~7;
      while (lens !== 0) {
        const L = 31 - Math.clz32(lens & -lens);
        lens &= lens - 1;
        if (k + 1 - L >= 0) tailFrom[k + 1 - L] |= 1 << L;
      }
    }
    y = z;
    yHan = zHan;
  }
  han[n] = 0;
  for (const m of blocks) if (m.codes.length > 0 && m.end <= n) han[m.end] |= 2;
  // nextBreak[k]: the first position from k where no window (of a start before it) may end, nor any
  // longer one: a non-Han character, or the last character of a known name that is not a short form.
  const nextBreak = buffers.nextBreak;
  nextBreak[n] = n;
  for (let k = n - 1; k >= 0; k--) {
    let stop = (han[k] & 1) === 0;
    if (!stop && owner && owner[k] >= 0) {
      const b = blocks[owner[k]];
      stop = b.end <= k + 1 && b.kind !== 'short';
    }
    nextBreak[k] = stop ? k : nextBreak[k + 1];
  }
  let one: OneAwayText | undefined;
  for (let start = 0; start + 1 < n; start++) {
    if ((han[start] & han[start + 1] & 1) === 0) continue;
    if (owner && owner[start] >= 0 && blocks[owner[start]].start < start) continue;
    const after = (han[start] & 2) !== 0;
    // The lengths a window from here may have, before any table is read: a start a break follows
    // closely (punctuation every dozen characters or so) reads none. (A table's lengths of a pair are
    // among the masks of its units, so masking the masks first gives the same lengths.)
    const first = after ? 2 : 3;
    const limit = Math.min(maxLen, nextBreak[start + first - 1] - start);
    const allowed = ((2 << limit) - 1) & ~((1 << first) - 1);
    if (allowed === 0) continue;
    const a = text.charCodeAt(start);
    const b = text.charCodeAt(start + 1);
    const firstMask = um[4 * a];
    // Kept apart by the table that gave them: each tells which characters may differ.
    const heads = (firstMask & um[4 * b + 1] & allowed & ~7) !== 0 ? t.headLens.get(a, b) & allowed & ~7 : 0;
    const tails = tailFrom[start] & allowed;
    const ends = (allowed & 8) !== 0 && (firstMask & um[4 * text.charCodeAt(start + 2) + 3] & 8) !== 0
      ? t.endLens.get(a, text.charCodeAt(start + 2)) & 8 : 0;
    // Two-character windows (拱县) only right after a known name: one of the two characters agrees.
    const twos = after && ((firstMask | um[4 * b + 3]) & 4) !== 0 ? 4 & allowed : 0;
    let lens = heads | tails | ends | twos;
    while (lens !== 0) {
      const len = 31 - Math.clz32(lens & -lens);
      const bit = lens & -lens;
      lens &= lens - 1;
      const end = start + len;
      // Short forms may sit inside a misspelt name (盐边 in 盐边悬); no window ends inside a known name.
      if (owner && owner[end - 1] >= 0 && blocks[owner[end - 1]].end > end) continue;
      // Of four characters or more, two thirds of the windows left are one character away from no
      // name: their wildcard hashes say so. A name one character away at position p shares the
      // window's first two characters (p >= 2), or its last two (p <= len - 3), or (three characters,
      // p = 1) its first and last; so only the positions the tables that gave this length allow are
      // looked up. A window of two or three characters needs none: the table that gave its length
      // names a name that agrees with it everywhere but at such a position, so that name's variant
      // there is the window's own (the lookup could only say yes).
      if (len > 3) {
        let positions = 0;
        if ((heads & bit) !== 0) positions |= ((1 << len) - 1) & ~3;
        if ((tails & bit) !== 0) positions |= (1 << (len - 2)) - 1;
        if (!(one ??= oneAwayText(gaz, text, buffers.hashes)).mayBeOneAway(start, end, positions)) continue;
      }
      out.push(start, end);
    }
  }
  return out;
}

/**
 * The plain scan nearSpans stands for: every length from every start, tested with mayBeNear's
 * masks and pair codes (read once per character). It also passes windows of four or more
 * characters whose first and last characters are a name's (no name is one character away from
 * those). The reference the tests compare nearSpans with.
 */
export function nearSpansScan(text: string, blocks: readonly RegionMention[], gaz: Gazetteer): number[] {
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
