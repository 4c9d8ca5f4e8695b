// Townships of the counties a draft is about: a county's own text names its townships by stem
// (大百尺, 北果园) and with a suffix that may have changed since (北果园乡, now 北果园镇). A word one
// sound-alike or look-alike character away from such a stem, standing where a name stands (before
// 乡/镇/街道, or as an item of a list), is a misspelt township of that county (大佰尺, 藏村镇, 北果元乡).
import { type Gazetteer, stemOf } from './gazetteer';
import { likeness } from './fuzzy';
import { NOT_IN_NAME, isHan } from './chars';
import { isWord } from './boundary';
import { LineCache } from '../text/lineCache';

export interface TownshipMiss {
  start: number;
  /** End of the misspelt stem. */
  end: number;
  /** The written stem and the township's real stem. */
  written: string;
  stem: string;
  code: string;
  /** A township suffix written after the stem (乡, 镇, 街道), or ''. */
  suffix: string;
}

const TOWNSHIP_SUFFIXES = ['街道', '乡', '镇'];
/** Characters that close a list item (大佰尺、鲍墟 …). */
const ITEM_BEFORE = new Set([...'、，,：:“"（(　 \n']);
const ITEM_AFTER = new Set([...'、，,。；;”"）)等和及　 \n']);

const cache = new WeakMap<Gazetteer, Map<string, Array<{ stem: string; code: string }>>>();

/** A county's townships' stems (two characters or more), computed once per county. */
function townshipStems(gaz: Gazetteer, county: string): Array<{ stem: string; code: string }> {
  let byCounty = cache.get(gaz);
  if (!byCounty) cache.set(gaz, (byCounty = new Map()));
  let list = byCounty.get(county);
  if (!list) {
    list = [];
    for (const r of gaz.townships(county)) {
      const { stem, suffix } = stemOf(r.name, 4);
      if (suffix && stem.length >= 2) list.push({ stem, code: r.code });
    }
    byCounty.set(county, list);
  }
  return list;
}

/** Whether the written stem is one alike character away from the real one. */
function oneAlike(gaz: Gazetteer, written: string, stem: string): boolean {
  let diff = -1;
  for (let k = 0; k < stem.length; k++) {
    if (written[k] === stem[k]) continue;
    if (diff >= 0) return false;
    diff = k;
  }
  return diff >= 0 && isHan(written[diff]) && likeness(gaz, written[diff], stem[diff]) !== 'other';
}

/** Another item of the list around [i, i + L) is a township stem of the county. */
function listNames(text: string, i: number, L: number, own: ReadonlySet<string>): boolean {
  const from = Math.max(0, i - 24);
  const around = text.slice(from, i) + '、' + text.slice(i + L, i + L + 24);
  return around.split(/[、，,：:“”"（）()等和及\s]/).some(item => own.has(item) || own.has(item.replace(/(乡|镇|街道)$/, '')));
}

/**
 * The townships by the first and by the last character of their stems, made once per list, and
 * those characters as a 1,024-bit set hashed by their low bits (a county's few dozen stems set a few
 * percent of it): most characters of a text are told from one word of it that no stem starts or ends
 * with them, without two map lookups.
 */
interface StemEnds { byFirst: Map<number, number[]>; byLast: Map<number, number[]>; units: Uint32Array }
const ends = new WeakMap<object, StemEnds>();
function endsOf(townships: ReadonlyArray<{ stem: string }>): StemEnds {
  // (built apart: a function that makes a closure allocates its context on every call, found or not)
  return ends.get(townships) ?? stemEndsOf(townships);
}

function stemEndsOf(townships: ReadonlyArray<{ stem: string }>): StemEnds {
  const byFirst = new Map<number, number[]>();
  const byLast = new Map<number, number[]>();
  const units = new Uint32Array(32);
  const add = (map: Map<number, number[]>, unit: number, t: number) => {
    const list = map.get(unit);
    if (list) list.push(t);
    else map.set(unit, [t]);
    units[(unit >>> 5) & 31] |= 1 << (unit & 31);
  };
  townships.forEach(({ stem }, t) => {
    add(byFirst, stem.charCodeAt(0), t);
    add(byLast, stem.charCodeAt(stem.length - 1), t);
  });
  const e = { byFirst, byLast, units };
  ends.set(townships, e);
  return e;
}

/**
 * For each township, the positions i (ascending) where text[i] is its stem's first character or
 * text[i + L - 1] its last (L the stem's length), in one pass over the text.
 */
/**
 * Puts `i` in its place in an ascending list: a position taken by a stem's last character comes
 * before the later ones its first character took already (no sort, which copies, per list).
 */
function insertAscending(list: number[], i: number): void {
  let k = list.length;
  list.push(i);
  while (k > 0 && list[k - 1] > i) {
    list[k] = list[k - 1];
    k--;
  }
  list[k] = i;
}

function placesOf(text: string, townships: ReadonlyArray<{ stem: string }>): Array<number[] | undefined> {
  const { byFirst, byLast, units } = endsOf(townships);
  // (a list only for the townships found: most lines hold none)
  const at: Array<number[] | undefined> = new Array(townships.length);
  const n = text.length;
  for (let j = 0; j < n; j++) {
    const c = text.charCodeAt(j);
    if ((units[(c >>> 5) & 31] & (1 << (c & 31))) === 0) continue;
    const first = byFirst.get(c);
    if (first) {
      for (let k = 0; k < first.length; k++) {
        const t = first[k];
        if (j + townships[t].stem.length <= n) (at[t] ??= []).push(j);
      }
    }
    const last = byLast.get(c);
    if (!last) continue;
    for (let k = 0; k < last.length; k++) {
      const t = last[k];
      const stem = townships[t].stem;
      const i = j - stem.length + 1;
      // (where the first character matches too, the position was taken when j was i)
      if (i >= 0 && text.charCodeAt(i) !== stem.charCodeAt(0)) insertAscending((at[t] ??= []), i);
    }
  }
  return at;
}

const owns = new WeakMap<object, ReadonlySet<string>>();
/** The townships' stems as a set, made once per list. */
function ownOf(townships: ReadonlyArray<{ stem: string }>): ReadonlySet<string> {
  let own = owns.get(townships);
  if (!own) owns.set(townships, (own = new Set(townships.map(t => t.stem))));
  return own;
}

/** A miss found in one line: its township's index, and whether it stands only if listNames holds (read across lines). */
interface LineMiss extends TownshipMiss {
  t: number;
  needsList: boolean;
}

/**
 * Each line's misses per county, by the line's text (with its line break, unless it ends the text):
 * county, misses, county, misses ... in one flat array (a line is read for a county or two, and what
 * the cache holds is copied by every scavenge while it is young: one small array, not a Map), the
 * misses of most lines one shared empty list.
 */
const lineCaches = new WeakMap<Gazetteer, LineCache<Array<string | readonly LineMiss[]>>>();
const NO_MISSES: readonly LineMiss[] = Object.freeze([]);
const NO_PLACES: readonly number[] = Object.freeze([]);
const MAX_CACHED_CHARS = 1_000_000;

/**
 * Misspelt townships of `counties` in `text`. A stem of two characters needs a township suffix
 * after it or list delimiters on both sides; known names (any region's stem or surface) are skipped.
 * Read line by line, each line's misses cached by its text: every test but the list's reads only the
 * line (a stem, its suffix and the characters on either side never cross a line break, and the line
 * break itself is a delimiter); the list's (items 24 characters around) is read in the whole text.
 */
export function townshipMisses(text: string, counties: Iterable<string>, gaz: Gazetteer): TownshipMiss[] {
  const list = [...counties].filter(c => townshipStems(gaz, c).length > 0);
  if (list.length === 0) return [];
  let cache = lineCaches.get(gaz);
  if (!cache) lineCaches.set(gaz, (cache = new LineCache(MAX_CACHED_CHARS)));
  const found = new Map<string, Array<{ m: LineMiss; at: number }>>(list.map(c => [c, []]));
  for (let at = 0; at < text.length;) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl + 1;
    const line = text.slice(at, end);
    const byCounty = cache.get(line, () => []);
    for (const county of list) {
      let misses: readonly LineMiss[] | undefined;
      for (let k = 0; k < byCounty.length; k += 2) if (byCounty[k] === county) misses = byCounty[k + 1] as readonly LineMiss[];
      if (!misses) byCounty.push(county, (misses = lineMisses(line, townshipStems(gaz, county), gaz)));
      for (const m of misses) found.get(county)!.push({ m, at });
    }
    at = end;
  }
  cache.done();
  const out: TownshipMiss[] = [];
  for (const county of list) {
    const own = ownOf(townshipStems(gaz, county));
    // in the order of a reading of the whole text: by township, then by position
    const misses = found.get(county)!.sort((a, b) => a.m.t - b.m.t || a.at + a.m.start - (b.at + b.m.start));
    for (const { m, at } of misses) {
      const { t: _t, needsList, ...miss } = m;
      if (needsList && !listNames(text, at + m.start, m.end - m.start, own)) continue;
      out.push({ ...miss, start: miss.start + at, end: miss.end + at });
    }
  }
  return out;
}

/** The misses of one county's townships in `text` (a line), listNames left to the caller. */
function lineMisses(text: string, townships: ReadonlyArray<{ stem: string; code: string }>, gaz: Gazetteer): readonly LineMiss[] {
  let out: LineMiss[] | undefined;
  const own = ownOf(townships);
  const at = placesOf(text, townships);
  for (let t = 0; t < townships.length; t++) {
    const { stem, code } = townships[t];
    const L = stem.length;
    const places = at[t] ?? NO_PLACES;
    for (let p = 0; p < places.length; p++) {
      const i = places[p];
      // (one unit apart, read before the written stem is sliced: most places are the stem itself or further off)
      let diffs = 0;
      for (let k = 0; k < L && diffs < 2; k++) if (text.charCodeAt(i + k) !== stem.charCodeAt(k)) diffs++;
      if (diffs !== 1) continue;
      const written = text.slice(i, i + L);
      if (own.has(written) || !oneAlike(gaz, written, stem)) continue;
      if (gaz.stems.has(written) || gaz.surfaces.has(written) || NOT_IN_NAME.has(written[0])) continue;
      const suffix = TOWNSHIP_SUFFIXES.find(s => text.startsWith(s, i + L)) ?? '';
      // 和美乡村 is 和美 + 乡村: a suffix that starts the next word is none.
      const after = text[i + L + suffix.length] ?? '';
      if (suffix.length === 1 && (isWord(gaz, suffix + after) || gaz.suffixStartsWord.has(suffix + after))) continue;
      const itemStart = i === 0 || ITEM_BEFORE.has(text[i - 1]);
      const itemEnd = i + L === text.length || ITEM_AFTER.has(text[i + L]);
      // The name starts where a word may start: after a delimiter or a function character, or the
      // stem is long enough to carry the evidence itself.
      const startsName = itemStart || L >= 3 || !isHan(text[i - 1]) || !isWord(gaz, text[i - 1] + written[0]);
      // A bare stem only as an item of a list that names another township of the county (留史、辛兴、大佰尺).
      const named = !!suffix && startsName;
      if (!named && !(itemStart && itemEnd)) continue;
      (out ??= []).push({ start: i, end: i + L, written, stem, code, suffix, t, needsList: !named });
    }
  }
  return out ?? NO_MISSES;
}

/**
 * townshipMisses reading the whole text at once, nothing cached (the reference the line-by-line reading
 * is tested against).
 */
export function townshipMissesWhole(text: string, counties: Iterable<string>, gaz: Gazetteer): TownshipMiss[] {
  const out: TownshipMiss[] = [];
  for (const county of counties) {
    const townships = townshipStems(gaz, county);
    if (townships.length === 0) continue;
    const own = ownOf(townships);
    for (const m of lineMisses(text, townships, gaz)) {
      const { t: _t, needsList, ...miss } = m;
      if (needsList && !listNames(text, m.start, m.end - m.start, own)) continue;
      out.push(miss);
    }
  }
  return out;
}
