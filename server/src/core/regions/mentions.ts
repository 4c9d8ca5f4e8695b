// Finds region names in a text: known surfaces by longest match, and unknown names by form
// (a proper name before 县/区/镇 …) so the corpus can vouch for names the codes lack (谢家镇).
import { type Gazetteer, isWithin, levelOfCode, type SurfaceKind } from './gazetteer';
import { hasNearMiss, nameHash, nameShapes, nameStarts, pairHash } from './fuzzy';
import { FORM_SUFFIXES, NOT_IN_NAME, isHan } from './chars';

export { FORM_SUFFIXES, NOT_IN_NAME, SUFFIX_CHARS, isHan } from './chars';

export type MentionKind = SurfaceKind | 'cluster' | 'historical' | 'form';

export interface RegionMention {
  start: number;
  end: number;
  text: string;
  /** Regions the text may name (several for 鼓楼区); empty for historical and form mentions. */
  codes: string[];
  kind: MentionKind;
}

/** Known surfaces (longest match, left to right), clusters and historical names. */
export function scanKnown(text: string, gaz: Gazetteer): RegionMention[] {
  const out: RegionMention[] = [];
  const n = text.length;
  let i = 0;
  const marks = nameStarts(gaz);
  const shapes = nameShapes(gaz);
  const hash = pairHash;
  const shapeHash = nameHash;
  const prefixes = gaz.lengthsByPrefix;
  while (i < n - 1) {
    // (most positions start no name: a bit of a hashed set rules them out before a slice and a map lookup)
    const h = hash(text.charCodeAt(i), text.charCodeAt(i + 1));
    const lens = (marks[h >>> 3] & (1 << (h & 7))) === 0 ? undefined
      : prefixes.at ? prefixes.at(text, i) : prefixes.get(text.slice(i, i + 2));
    let hit: RegionMention[] | null = null;
    if (lens) {
      for (const len of lens) {
        if (i + len > n) continue;
        const w = shapeHash(text.charCodeAt(i), text.charCodeAt(i + 1), len, text.charCodeAt(i + len - 1));
        if ((shapes[w >>> 3] & (1 << (w & 7))) === 0) continue;
        const s = text.slice(i, i + len);
        hit = matchSurface(text, s, i, gaz, out[out.length - 1]);
        if (hit) break;
      }
    }
    if (hit) {
      out.push(...hit);
      i = hit[hit.length - 1].end;
    } else i++;
  }
  return out;
}

function isWord(gaz: Gazetteer, two: string): boolean {
  return two.length === 2 && (gaz.commonWords.has(two) || gaz.notRegions.has(two));
}

/** A word may start at `at`: after punctuation, a function character or a known name. */
export function startsWord(text: string, at: number, prev: RegionMention | undefined): boolean {
  return at === 0 || !isHan(text[at - 1]) || NOT_IN_NAME.has(text[at - 1]) || (!!prev && prev.end === at);
}

function matchSurface(text: string, s: string, at: number, gaz: Gazetteer, prev: RegionMention | undefined): RegionMention[] | null {
  const cluster = gaz.clusters.get(s);
  if (cluster && cluster.length === s.length) {
    return cluster.map((code, k) => ({ start: at + k, end: at + k + 1, text: s[k], codes: [code], kind: 'cluster' as const }));
  }
  if (gaz.historical.has(s)) return [{ start: at, end: at + s.length, text: s, codes: [], kind: 'historical' }];
  const list = gaz.surfaces.get(s);
  if (!list) return null;
  const usable = list.filter(x => {
    // A short form that is also a word (朝阳, 新建, 和平) only right after a region containing it (北京朝阳).
    if (x.kind === 'short' && gaz.ambiguousStems.has(s)) {
      return !!prev && prev.end === at && prev.codes.some(p => p !== x.code && isWithin(x.code, p));
    }
    // 适应城市 is 适应 + 城市, not 应城市: a name whose first character ends a word and whose rest is one.
    if (at > 0 && s.length === 3 && gaz.commonWords.has(text[at - 1] + s[0])
      && (gaz.notRegions.has(s.slice(1)) || gaz.commonWords.has(s.slice(1)))) return false;
    // 扩大新型 is 扩大 + 新型, not 大新: a short form whose ends belong to the words around it.
    if (x.kind === 'short' && s.length === 2
      && (isWord(gaz, text.slice(at - 1, at + 1)) || isWord(gaz, text.slice(at + 1, at + 3)))) return false;
    // A two-character county (易县, 新县) inside a longer word (迷易县, 全新县城) is not that county.
    // After a two-character word (依托易县, 支持新县) it starts a word of its own, unless its first
    // character also ends a word with the character before (着迷易县).
    if (x.kind === 'full' && s.length === 2 && at > 0 && !startsWord(text, at, prev)
      && !(at >= 2 && isWord(gaz, text.slice(at - 2, at)) && !isWord(gaz, text[at - 1] + s[0]))) return false;
    if (x.kind === 'weak' || (x.kind === 'full' && levelOfCode(x.code) === 4 && s.length <= 2)) {
      // 城区, 东区, 古镇: only right after a mention of a region that contains it (攀枝花市东区).
      return !!prev && prev.end === at && prev.codes.some(p => p !== x.code && isWithin(x.code, p));
    }
    return true;
  });
  if (usable.length === 0) return null;
  const kind = usable.some(x => x.kind === 'full') ? 'full' : usable[0].kind;
  return [{ start: at, end: at + s.length, text: s, codes: usable.map(x => x.code), kind }];
}

/** FORM_SUFFIXES by their first UTF-16 unit, in FORM_SUFFIXES' order. */
const SUFFIXES_BY_HEAD: ReadonlyArray<readonly string[] | undefined> = (() => {
  const out: Array<string[] | undefined> = new Array(65536);
  for (const sfx of FORM_SUFFIXES) (out[sfx.charCodeAt(0)] ??= []).push(sfx);
  return out;
})();

/**
 * Unknown names by form: for each region suffix not already part of a known name, the 2- and
 * 3-character stems before it that are near misses or renamed forms of a region. Only used to learn
 * which names the corpus uses (so a corpus name is not flagged, and hover can show it).
 */
export function scanForms(text: string, known: readonly RegionMention[], gaz: Gazetteer): RegionMention[] {
  const covered = new Uint8Array(text.length + 1);
  for (const m of known) for (let k = m.start; k < m.end; k++) covered[k] = 1;
  const out: RegionMention[] = [];
  for (let j = 2; j < text.length; j++) {
    if (covered[j]) continue;
    // (most characters start no suffix: one table lookup rules them out)
    const heads = SUFFIXES_BY_HEAD[text.charCodeAt(j)];
    if (heads === undefined) continue;
    const suffix = heads.find(sfx => text.startsWith(sfx, j));
    if (!suffix) continue;
    const end = j + suffix.length;
    for (let stemLen = 2; stemLen <= 3; stemLen++) {
      const start = j - stemLen;
      if (start < 0) break;
      let ok = true;
      for (let k = start; k < j; k++) if (covered[k] || !isHan(text[k]) || NOT_IN_NAME.has(text[k])) ok = false;
      if (!ok) break;
      const word = text.slice(start, end);
      const stem = text.slice(start, j);
      if (gaz.notRegions.has(word) || gaz.notRegions.has(stem)) continue;
      // A stem ending in a suffix (农村 + 镇) only when the whole is near a region (藏村镇, 臧村镇).
      if (FORM_SUFFIXES.includes(stem[stem.length - 1]) && !hasNearMiss(gaz, word)) continue;
      // Only names the checks may ask about: near misses of a region, or a region's renamed form.
      if (!gaz.stems.has(stem) && !hasNearMiss(gaz, word)) continue;
      out.push({ start, end, text: word, codes: [], kind: 'form' });
    }
  }
  return out;
}

/** Every region mention of a text: known ones and unknown names by form, in text order. */
export function extractMentions(text: string, gaz: Gazetteer): RegionMention[] {
  const known = scanKnown(text, gaz);
  const forms = scanForms(text, known, gaz);
  return inTextOrder(known, forms);
}

const byPlace = (a: RegionMention, b: RegionMention) => a.start - b.start || b.end - a.end;

/**
 * [...known, ...forms] sorted (stably) by start, then longer first: known names are in that order
 * already (left to right, none overlapping), so the forms are sorted and merged in, a known name
 * first where the two compare equal.
 */
export function inTextOrder(known: readonly RegionMention[], forms: readonly RegionMention[]): RegionMention[] {
  if (forms.length === 0) return [...known];
  const sorted = [...forms].sort(byPlace);
  const out: RegionMention[] = [];
  let i = 0;
  let j = 0;
  while (i < known.length && j < sorted.length) out.push(byPlace(known[i], sorted[j]) <= 0 ? known[i++] : sorted[j++]);
  while (i < known.length) out.push(known[i++]);
  while (j < sorted.length) out.push(sorted[j++]);
  return out;
}
