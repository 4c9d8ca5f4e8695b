// A draft read line by line, each line's reading cached by its content: an edit re-reads only the
// lines it touched. No name, window or near miss crosses a line break (names are Han characters
// only, and every look at the text around a window stops at a non-Han character), so reading each
// line alone and shifting the offsets gives what reading the whole draft gives.
// The checks then run their draft-wide steps (which regions the draft names, 'named elsewhere',
// suggestions) over these cached results.
import type { Gazetteer } from './gazetteer';
import { LineCache as LineStore } from '../text/lineCache';
import { type NearMiss, nearMisses } from './fuzzy';
import { inTextOrder, type RegionMention, scanForms, scanKnown } from './mentions';
import { type CutPlan, type DraftCounts, otherPlaceKindOf, planCut } from './boundary';
import { mayPassWithoutParent, type Pending, prejudge } from './judge';
import { forEachCandidateWindow, type WindowFacts } from './windows';

/** A window that may be a misspelt region, with its near misses (never empty). */
export interface Candidate {
  w: WindowFacts;
  misses: NearMiss[];
}

/** A candidate of one line (offsets in the line) that survives prejudge(), with its cut planned on first need. */
interface LineCandidate extends Candidate {
  pending: Pending[];
  cut: CutPlan | undefined;
}

/**
 * What the cache keeps of a line. Every field is declared up front (no property added later, which
 * would give each reading a property array of its own), and a line without known names or judged
 * windows shares one empty list: what the cache holds is copied by scavenges while it is young.
 */
class LineReading {
  /** Mentions by form (scanForms), read on first need (hover). */
  forms: RegionMention[] | undefined = undefined;
  /** Windows with near misses, read on first need (tests). */
  candidates: Candidate[] | undefined = undefined;
  /** The windows whose near misses survive prejudge(), read on first need (region-unknown). */
  judged: readonly LineCandidate[] | undefined = undefined;

  constructor(readonly known: readonly RegionMention[]) {}
}

const NO_MENTIONS: readonly RegionMention[] = Object.freeze([]);
const NO_CANDIDATES: readonly LineCandidate[] = Object.freeze([]);

/** A text's lines as read: offsets, lines and readings side by side (three arrays, not an object per line). */
interface TextReading {
  offsets: number[];
  lines: string[];
  readings: LineReading[];
}

/** After 等, 各 or 诸 a writer names a category, not a place (壤塘县等高原县, 各贫困县). */
export const CATEGORY_BEFORE: ReadonlySet<string> = new Set(['等', '各', '诸']);

/** Team names in the text, so no window cuts through them. */
export function teamMentions(text: string, teamNames: ReadonlySet<string>): RegionMention[] {
  const out: RegionMention[] = [];
  for (const name of teamNames) {
    if (name.length < 2) continue;
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      out.push({ start: at, end: at + name.length, text: name, codes: [], kind: 'full' });
    }
  }
  return out;
}

/** The windows of a text that may be a misspelt region, with the near misses the place kind allows. */
export function candidatesOf(text: string, known: readonly RegionMention[], gaz: Gazetteer, teamNames: ReadonlySet<string>): Candidate[] {
  return windowsOf(text, known, gaz, teamNames, false);
}

/**
 * The candidates of a text whose near misses survive prejudge(), judged that far: what
 * candidatesOf gives, less the windows prejudge() leaves nothing of. A window no known name precedes
 * is dropped by its word alone when no near miss of the word could survive (mayPassWithoutParent),
 * before its facts are gathered or its near misses made: most are.
 */
export function judgedCandidatesOf(text: string, known: readonly RegionMention[], gaz: Gazetteer, teamNames: ReadonlySet<string>): readonly LineCandidate[] {
  let out: LineCandidate[] | undefined;
  for (const c of windowsOf(text, known, gaz, teamNames, true)) {
    const pending = prejudge(c.w, c.misses, gaz);
    if (pending.length > 0) (out ??= []).push({ w: c.w, misses: c.misses, pending, cut: undefined });
  }
  return out ?? NO_CANDIDATES;
}

function windowsOf(text: string, known: readonly RegionMention[], gaz: Gazetteer, teamNames: ReadonlySet<string>, judged: boolean): Candidate[] {
  let out: Candidate[] | undefined;
  // A window is a candidate only when its word has near misses: tested before its facts are gathered.
  // (the window given to the callback next is the one just wanted: its near misses are kept from the test)
  let lastWord = '';
  let lastMisses: readonly NearMiss[] = [];
  const wanted = (word: string, prev: string, before: RegionMention | undefined) => {
    // (a window no known name precedes is judged by its word first, from a memo most words are in: its
    // near misses are made only if it may pass; 19 of 20 windows end here, before the lookups below)
    if (judged && !before && !mayPassWithoutParent(word, gaz)) return false;
    if (gaz.surfaces.has(word) || gaz.notRegions.has(word) || teamNames.has(word) || CATEGORY_BEFORE.has(prev)) return false;
    lastWord = word;
    lastMisses = nearMisses(gaz, word);
    return lastMisses.length > 0;
  };
  const blocks = teamNames.size === 0 ? known : [...known, ...teamMentions(text, teamNames)];
  forEachCandidateWindow(text, blocks, gaz, wanted, w => {
    const otherKind = otherPlaceKindOf(w, text, gaz);
    const misses = (w.word === lastWord ? lastMisses : nearMisses(gaz, w.word)).filter(m => !otherKind(m));
    if (misses.length > 0) (out ??= []).push({ w, misses });
  });
  return out ?? [];
}

/** Lines kept across checks: enough for several long drafts, bounded by their characters. */
const MAX_CACHED_CHARS = 4_000_000;

class LineCache {
  private readonly lines = new LineStore<LineReading>(MAX_CACHED_CHARS);
  /** Draft-wide name counts of the last text read for region-unknown, kept up to date line by line. */
  readonly counts = new LineCounts();
  private readonly scan = (line: string): LineReading => {
    const known = scanKnown(line, this.gaz);
    return new LineReading(known.length > 0 ? known : NO_MENTIONS);
  };

  constructor(private readonly gaz: Gazetteer, private readonly teamNames: ReadonlySet<string>) {}

  private lastText: string | undefined;
  private lastRead: TextReading = { offsets: [], lines: [], readings: [] };
  private lastKnown: RegionMention[] | undefined;

  /** Each line of the text with its offset and reading (recently used lines stay cached; the last text's reading is kept). */
  read(text: string): TextReading {
    if (text === this.lastText) return this.lastRead;
    const out: TextReading = { offsets: [], lines: [], readings: [] };
    for (let offset = 0; ;) {
      const nl = text.indexOf('\n', offset);
      const end = nl < 0 ? text.length : nl;
      const line = text.slice(offset, end);
      out.offsets.push(offset);
      out.lines.push(line);
      out.readings.push(this.lines.get(line, this.scan));
      if (nl < 0) break;
      offset = nl + 1;
    }
    this.lines.done();
    this.lastText = text;
    this.lastRead = out;
    this.lastKnown = undefined;
    return out;
  }

  /** The known names of the text, shifted to their offsets in it (kept for the last text). */
  known(text: string): RegionMention[] {
    const { offsets, readings } = this.read(text);
    if (this.lastKnown) return this.lastKnown;
    const out: RegionMention[] = [];
    // (indexed loops: this runs once per check, often before it is optimized, when for-of makes an object per step)
    for (let k = 0; k < readings.length; k++) {
      const known = readings[k].known;
      for (let j = 0; j < known.length; j++) out.push(shift(known[j], offsets[k]));
    }
    return (this.lastKnown = out);
  }

  candidates(line: string, reading: LineReading): Candidate[] {
    return (reading.candidates ??= candidatesOf(line, reading.known, this.gaz, this.teamNames));
  }

  judged(line: string, reading: LineReading): readonly LineCandidate[] {
    return (reading.judged ??= judgedCandidatesOf(line, reading.known, this.gaz, this.teamNames));
  }

  forms(line: string, reading: LineReading): RegionMention[] {
    return (reading.forms ??= scanForms(line, reading.known, this.gaz));
  }
}

const NO_TEAM: ReadonlySet<string> = new Set();
const caches = new WeakMap<Gazetteer, WeakMap<ReadonlySet<string>, LineCache>>();

function cacheOf(gaz: Gazetteer, teamNames: ReadonlySet<string>): LineCache {
  const team = teamNames.size === 0 ? NO_TEAM : teamNames;
  let byTeam = caches.get(gaz);
  if (!byTeam) caches.set(gaz, (byTeam = new WeakMap()));
  let cache = byTeam.get(team);
  if (!cache) byTeam.set(team, (cache = new LineCache(gaz, team)));
  return cache;
}

const shift = (m: RegionMention, by: number): RegionMention => (by === 0 ? m : { ...m, start: m.start + by, end: m.end + by });

/** What scanKnown(text) gives, from the line cache. */
export function knownMentions(text: string, gaz: Gazetteer): RegionMention[] {
  return [...cacheOf(gaz, NO_TEAM).known(text)];
}

/** What extractMentions(text) gives (known names and names by form, in text order), from the line cache. */
export function allMentions(text: string, gaz: Gazetteer): RegionMention[] {
  const cache = cacheOf(gaz, NO_TEAM);
  const out: RegionMention[] = [];
  const { offsets, lines, readings } = cache.read(text);
  for (let k = 0; k < lines.length; k++) {
    const lineMentions = inTextOrder(readings[k].known, cache.forms(lines[k], readings[k]));
    for (const m of lineMentions) out.push(shift(m, offsets[k]));
  }
  return out;
}

/**
 * The known names of the text and its candidate windows with their near misses, in text order, as
 * reading the whole text gives them (prev and next are the characters of the whole text).
 */
export function draftCandidates(text: string, gaz: Gazetteer, teamNames: ReadonlySet<string>): { known: RegionMention[]; candidates: Candidate[] } {
  const cache = cacheOf(gaz, teamNames);
  const known: RegionMention[] = [];
  const candidates: Candidate[] = [];
  const { offsets, lines, readings } = cache.read(text);
  for (let k = 0; k < lines.length; k++) {
    const offset = offsets[k];
    for (const m of readings[k].known) known.push(shift(m, offset));
    for (const { w, misses } of cache.candidates(lines[k], readings[k])) {
      const start = w.start + offset;
      const end = w.end + offset;
      candidates.push({
        misses,
        w: {
          ...w, start, end,
          prev: start > 0 ? text[start - 1] : '',
          next: text.slice(end, end + 1),
          before: w.before && shift(w.before, offset),
        },
      });
    }
  }
  return { known, candidates };
}

/** A window of the draft that region-unknown still has to judge: line-local facts and the line's offset. */
export interface DraftWindow {
  offset: number;
  w: WindowFacts;
  misses: NearMiss[];
  pending: Pending[];
  cut: CutPlan;
}

/**
 * For region-unknown: the known names of the text (as scanKnown gives them), the windows whose
 * near misses survive every test that reads only the window (judge.ts prejudge; the others are
 * left out, as they can give no suggestion), and draft-wide name counts for the planned cuts. The
 * facts of each window are line-local (prev and next are '' at the ends of a line, where the
 * whole text has a line break: neither is a character of any word or name the tests look up).
 */
export function draftWindows(text: string, gaz: Gazetteer, teamNames: ReadonlySet<string>): { known: RegionMention[]; windows: DraftWindow[]; counts: DraftCounts } {
  const cache = cacheOf(gaz, teamNames);
  const known = [...cache.known(text)];
  const windows: DraftWindow[] = [];
  const read = cache.read(text);
  const { offsets, lines, readings } = read;
  for (let k = 0; k < lines.length; k++) {
    const judged = cache.judged(lines[k], readings[k]);
    for (let j = 0; j < judged.length; j++) {
      const c = judged[j];
      windows.push({ offset: offsets[k], w: c.w, misses: c.misses, pending: c.pending, cut: (c.cut ??= planCut(c.w, gaz)) });
    }
  }
  cache.counts.update(text, lines);
  return { known, windows, counts: cache.counts };
}

/** Counts kept for this many names at most; past that they are recounted on demand. */
const MAX_COUNTED = 20_000;

/**
 * How often names are written in the last text, kept up to date from the lines an edit changed:
 * names never hold a line break, so a count is the sum of the counts of the lines.
 */
class LineCounts implements DraftCounts {
  private text = '';
  private lines: string[] = [];
  private readonly counts = new Map<string, number>();

  update(text: string, lines: string[]): void {
    if (text === this.text) return;
    const old = this.lines;
    this.text = text;
    this.lines = lines;
    if (this.counts.size === 0) return;
    const max = Math.min(old.length, lines.length);
    let p = 0;
    while (p < max && old[p] === lines[p]) p++;
    let s = 0;
    while (s < max - p && old[old.length - 1 - s] === lines[lines.length - 1 - s]) s++;
    const removed = old.slice(p, old.length - s);
    const added = lines.slice(p, lines.length - s);
    let changed = 0;
    for (const l of removed) changed += l.length;
    for (const l of added) changed += l.length;
    if (changed > text.length / 4 || this.counts.size > MAX_COUNTED) {
      this.counts.clear();
      return;
    }
    for (const [key, n] of this.counts) {
      let c = n;
      for (const l of removed) c -= countKey(key, l);
      for (const l of added) c += countKey(key, l);
      this.counts.set(key, c);
    }
  }

  written(name: string): number {
    return this.count('w' + name);
  }

  usedOtherwise(stem: string, suffix: string): number {
    return this.count('u' + suffix + stem);
  }

  private count(key: string): number {
    let n = this.counts.get(key);
    if (n === undefined) this.counts.set(key, (n = countKey(key, this.text)));
    return n;
  }
}

/** 'w' + name: occurrences of name (overlapping ones too); 'u' + suffix + stem: occurrences of stem not followed by suffix. */
function countKey(key: string, text: string): number {
  let n = 0;
  if (key[0] === 'w') {
    const name = key.slice(1);
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) n++;
  } else {
    const suffix = key[1];
    const stem = key.slice(2);
    for (let i = text.indexOf(stem); i >= 0; i = text.indexOf(stem, i + 1)) if (text[i + stem.length] !== suffix) n++;
  }
  return n;
}
