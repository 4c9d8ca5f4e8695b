// A draft read line by line, each line's reading cached by its content: an edit re-reads only the
// lines it touched. No name, window or near miss crosses a line break (names are Han characters
// only, and every look at the text around a window stops at a non-Han character), so reading each
// line alone and shifting the offsets gives what reading the whole draft gives.
// The checks then run their draft-wide steps (which regions the draft names, 'named elsewhere',
// suggestions) over these cached results.
import type { Gazetteer } from './gazetteer';
import { type NearMiss, nearMisses } from './fuzzy';
import { type RegionMention, scanForms, scanKnown } from './mentions';
import { otherPlaceKind } from './boundary';
import { candidateWindows, type WindowFacts } from './windows';

/** A window that may be a misspelt region, with its near misses (never empty). */
export interface Candidate {
  w: WindowFacts;
  misses: NearMiss[];
}

interface LineReading {
  known: RegionMention[];
  /** Mentions by form (scanForms), read on first need (hover). */
  forms?: RegionMention[];
  /** Windows with near misses, read on first need (region-unknown). */
  candidates?: Candidate[];
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
  const out: Candidate[] = [];
  for (const w of candidateWindows(text, [...known, ...teamMentions(text, teamNames)], gaz)) {
    if (gaz.surfaces.has(w.word) || gaz.notRegions.has(w.word) || teamNames.has(w.word)) continue;
    if (CATEGORY_BEFORE.has(w.prev)) continue;
    const misses = nearMisses(gaz, w.word).filter(m => !otherPlaceKind(w, text, m, gaz));
    if (misses.length > 0) out.push({ w, misses });
  }
  return out;
}

/** Lines kept across checks: enough for several long drafts, bounded by their characters. */
const MAX_CACHED_CHARS = 4_000_000;

class LineCache {
  private readonly lines = new Map<string, LineReading>();
  private chars = 0;

  constructor(private readonly gaz: Gazetteer, private readonly teamNames: ReadonlySet<string>) {}

  /** Each line of the text with its offset and reading (recently used lines stay cached). */
  read(text: string): Array<{ offset: number; line: string; reading: LineReading }> {
    const out: Array<{ offset: number; line: string; reading: LineReading }> = [];
    let offset = 0;
    for (;;) {
      const nl = text.indexOf('\n', offset);
      const end = nl < 0 ? text.length : nl;
      const line = text.slice(offset, end);
      let reading = this.lines.get(line);
      if (reading) this.lines.delete(line);
      else {
        reading = { known: scanKnown(line, this.gaz) };
        this.chars += line.length + 1;
      }
      this.lines.set(line, reading);
      out.push({ offset, line, reading });
      if (nl < 0) break;
      offset = nl + 1;
    }
    // The least recently used lines go first (Map keeps insertion order; a use re-inserts).
    for (const [line] of this.lines) {
      if (this.chars <= MAX_CACHED_CHARS) break;
      this.lines.delete(line);
      this.chars -= line.length + 1;
    }
    return out;
  }

  candidates(line: string, reading: LineReading): Candidate[] {
    return (reading.candidates ??= candidatesOf(line, reading.known, this.gaz, this.teamNames));
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
  const out: RegionMention[] = [];
  for (const { offset, reading } of cacheOf(gaz, NO_TEAM).read(text)) for (const m of reading.known) out.push(shift(m, offset));
  return out;
}

/** What extractMentions(text) gives (known names and names by form, in text order), from the line cache. */
export function allMentions(text: string, gaz: Gazetteer): RegionMention[] {
  const cache = cacheOf(gaz, NO_TEAM);
  const out: RegionMention[] = [];
  for (const { offset, line, reading } of cache.read(text)) {
    const lineMentions = [...reading.known, ...cache.forms(line, reading)].sort((a, b) => a.start - b.start || b.end - a.end);
    for (const m of lineMentions) out.push(shift(m, offset));
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
  for (const { offset, line, reading } of cache.read(text)) {
    for (const m of reading.known) known.push(shift(m, offset));
    for (const { w, misses } of cache.candidates(line, reading)) {
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
