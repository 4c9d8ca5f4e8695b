// Where the text really names a place: a window that may be a misspelt region must hold its
// boundaries against the words around it, and must not be a place of another kind (a mountain, a
// port, a new area, a park). Every rule is a property of Chinese text, the data is in the tables.
import { type Gazetteer, levelOfCode } from './gazetteer';
import type { NearMiss } from './fuzzy';
import { SUFFIX_CHARS } from './chars';
import { placeKinds } from './tables';
import type { WindowFacts } from './windows';

const ZONES = [...placeKinds.zones].sort((a, b) => b.length - a.length);
const FEATURES = [...placeKinds.naturalFeatures].sort((a, b) => b.length - a.length);
const NAMES = [...placeKinds.names].sort((a, b) => b.length - a.length);
const ROUTE_WORDS = new Set(placeKinds.routeWords);
const INSTITUTIONS = [...placeKinds.institutions].sort((a, b) => b.length - a.length);

/** A two-character word of the language (any frequency worth a boundary), not a place. */
export function isWord(gaz: Gazetteer, two: string): boolean {
  return two.length === 2 && (gaz.commonWords.has(two) || gaz.boundaryWords.has(two) || gaz.notRegions.has(two));
}

/** A word or a place of its own (滨湖, 江东, 雄安): a stem that names something already. */
function namesSomething(gaz: Gazetteer, stem: string): boolean {
  return isWord(gaz, stem) || gaz.placeWords.has(stem) || NAMES.includes(stem);
}

/** The zone word (新区, 园区, 灌区 …) that ends `word`, if any. */
export function zoneEnding(word: string): string | undefined {
  return ZONES.find(z => word.length > z.length && word.endsWith(z));
}

/** A zone word starts at `at` (站前 + 片区). */
export function zoneAt(text: string, at: number): boolean {
  return ZONES.some(z => text.startsWith(z, at));
}

/** The natural-feature word (山, 河, 港 …) that ends `word`, if any. */
export function featureEnding(word: string): string | undefined {
  return FEATURES.find(f => word.length > f.length && word.endsWith(f));
}

/**
 * The window is cut across words: the text names something else here.
 * - a real division ends inside it (全会和县委: 和县; 亲临易县: 易县), so its first characters belong
 *   to the word before;
 * - ('head') its first character completes the word before (壮大立县 is 壮大 + 立县, not 大荔县): a
 *   misspelling there only of a region whose parents the draft names;
 * - its last character starts the next word (县城, 县委, 市场, 市级) while its stem names something
 *   already (明晰县城, 安排市级), ends the word before (亲临), or is written elsewhere in the draft
 *   with another continuation (雄安市场 beside 雄安新区).
 */
export function cutAcrossWords(w: WindowFacts, text: string, gaz: Gazetteer): 'cut' | 'head' | null {
  const { word } = w;
  // A division ending inside the window (全会和县委: 和县) cuts it. Where the window starts clear of
  // the word before (after a punctuation mark or its parent: 、仓南县, 温州市仓南县) the whole window
  // is the name, and 南县 inside it says nothing, unless the draft names that division elsewhere
  // (“新易县” in a report on 易县 is a new 易县).
  for (let k = 1; k <= word.length - 2; k++) {
    const tail = word.slice(k);
    if (!(gaz.surfaces.get(tail) ?? []).some(s => s.kind === 'full' && levelOfCode(s.code) <= 3)) continue;
    if (!w.clearStart || namedElsewhere(text, tail, w.start + k)) return 'cut';
  }
  const headInWord = !w.clearStart && !w.before && isWord(gaz, w.prev + word[0]);
  const last = word[word.length - 1];
  if (SUFFIX_CHARS.has(last) && w.next && (isWord(gaz, last + w.next) || gaz.suffixStartsWord.has(last + w.next))) {
    const stem = word.slice(0, -1);
    if (namesSomething(gaz, stem) || headInWord) return 'cut';
    if (usedElsewhere(text, stem, w.start, last)) return 'cut';
  }
  // 壮大立县, 重大立县: the first character completes the word before; a typo there needs context.
  return headInWord ? 'head' : null;
}

/**
 * cutAcrossWords in two stages: what the window and the gazetteer decide (kept with the window in the
 * line cache), and the draft-wide lookups (is a name written elsewhere in the draft) made on each check.
 */
export interface CutPlan {
  /** Cut whatever the rest of the draft says. */
  cut: boolean;
  /** Cut when one of these divisions inside the window is written elsewhere in the draft. */
  elsewhere: string[];
  /** Cut when this stem is written elsewhere followed by something other than this suffix. */
  used?: { stem: string; suffix: string };
  /** Otherwise: 'head' or null, as cutAcrossWords says. */
  head: boolean;
}

/** Draft-wide counts for planned cuts: written(n) counts n in the draft, overlapping occurrences included. */
export interface DraftCounts {
  written(name: string): number;
  /** Occurrences of `stem` not followed by `suffix`. */
  usedOtherwise(stem: string, suffix: string): number;
}

export function planCut(w: WindowFacts, gaz: Gazetteer): CutPlan {
  const { word } = w;
  const plan: CutPlan = { cut: false, elsewhere: [], head: false };
  for (let k = 1; k <= word.length - 2; k++) {
    const tail = word.slice(k);
    if (!(gaz.surfaces.get(tail) ?? []).some(s => s.kind === 'full' && levelOfCode(s.code) <= 3)) continue;
    if (!w.clearStart) return { ...plan, cut: true };
    plan.elsewhere.push(tail);
  }
  const headInWord = !w.clearStart && !w.before && isWord(gaz, w.prev + word[0]);
  const last = word[word.length - 1];
  if (SUFFIX_CHARS.has(last) && w.next && (isWord(gaz, last + w.next) || gaz.suffixStartsWord.has(last + w.next))) {
    const stem = word.slice(0, -1);
    if (namesSomething(gaz, stem) || headInWord) return { ...plan, cut: true };
    plan.used = { stem, suffix: last };
  }
  plan.head = headInWord;
  return plan;
}

/**
 * What cutAcrossWords gives for a planned window. The window itself holds each `elsewhere` name once
 * (so "written elsewhere" is "written twice or more"), and its stem is followed by its suffix there.
 */
export function cutFrom(plan: CutPlan, counts: DraftCounts): 'cut' | 'head' | null {
  if (plan.cut) return 'cut';
  for (const tail of plan.elsewhere) if (counts.written(tail) >= 2) return 'cut';
  if (plan.used && counts.usedOtherwise(plan.used.stem, plan.used.suffix) > 0) return 'cut';
  return plan.head ? 'head' : null;
}

/** `name` is written somewhere in the text other than at `at`. */
function namedElsewhere(text: string, name: string, at: number): boolean {
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) if (i !== at) return true;
  return false;
}

/** The stem is written elsewhere in the text, followed by something other than `suffix`. */
function usedElsewhere(text: string, stem: string, at: number, suffix: string): boolean {
  for (let i = text.indexOf(stem); i >= 0; i = text.indexOf(stem, i + 1)) {
    if (i !== at && text[i + stem.length] !== suffix) return true;
  }
  return false;
}

/**
 * The window is a place of another kind, never a misspelt division:
 * - a known place of that kind starts or covers it (大青山, 雄安新区);
 * - it ends in a zone word the near miss does not end in (三园区 is no 三元区, 邕北灌区 no 北关区);
 * - it ends in a natural-feature word where the near miss is a division's short form (黄磏港 is a
 *   port, not 黄石港区);
 * - it is a zone whose stem names something already (滨湖新区, 江东新区, 渤海新区 beside 滨海新区).
 */
export function otherPlaceKind(w: WindowFacts, text: string, miss: NearMiss, gaz: Gazetteer): boolean {
  return otherPlaceKindOf(w, text, gaz)(miss);
}

const ALWAYS = () => true;

/** otherPlaceKind for one window and any of its near misses: what the window alone tells is read once. */
export function otherPlaceKindOf(w: WindowFacts, text: string, gaz: Gazetteer): (miss: NearMiss) => boolean {
  for (const name of NAMES) {
    for (let k = Math.max(0, w.start - name.length + 1); k <= w.start; k++) {
      if (text.startsWith(name, k) && k + name.length > w.start) return ALWAYS;
    }
  }
  const { word } = w;
  const zone = zoneEnding(word);
  const feature = featureEnding(word);
  let stemNames: boolean | undefined;
  return miss => {
    if (zone && !miss.surface.endsWith(zone)) return true;
    // Zones are named freely: only a sound-alike or look-alike of a division's zone name is a typo.
    if (zone && (miss.likeness === 'other' || (stemNames ??= namesSomething(gaz, word.slice(0, word.length - zone.length))))) return true;
    if (feature && !SUFFIX_CHARS.has(miss.surface[miss.surface.length - 1])) return true;
    return false;
  };
}

/** Words a hierarchy reading must not take: a route (张坊至德州) or a name of a school, road or section. */
export function namedAfterPlaces(text: string, parentStart: number, childEnd: number, parentShort: boolean): boolean {
  if (ROUTE_WORDS.has(text[parentStart - 1] ?? '')) return true;
  // 四川省宝安区人民医院 is still a wrong chain: only two short names make a name together.
  if (!parentShort) return false;
  // An institution, road or section named after the two places, within a few characters.
  const after = text.slice(childEnd, childEnd + 8);
  const stop = after.search(/[，。；、：！？,.;:!?\s（）()“”"]/);
  const rest = stop >= 0 ? after.slice(0, stop) : after;
  return INSTITUTIONS.some(x => (x.length > 1 ? rest.includes(x) : rest.startsWith(x)));
}
