// Whether a near miss is a misspelling, and how likely each intended region is. Every rule is a
// general property of Chinese place names and the text around them, not of any one draft.
import { chainOf, type Gazetteer, isWithin, type Level, levelOfCode, type Surface } from './gazetteer';
import {
  builtAlike, type IndexedNames, indexedNames, likeness, type Likeness, NAME_FULL, NAME_MAIN, NAME_MAIN_UP_TO_COUNTY, type NearMiss,
  someOneAway, someOneAwayIndexed, unitLikeness,
} from './fuzzy';
import { FORM_SUFFIXES, NOT_IN_NAME, SUFFIX_CHARS } from './mentions';
import { codeMentions, type RegionIndex } from './corpus-index';
import { type DraftRegions, isNamedNear, type WindowFacts } from './windows';

export interface Suggestion {
  surface: string;
  code: string;
  score: number;
}

const LIKENESS_SCORE: Record<Likeness, number> = { 'sound+shape': 4, sound: 3, shape: 3, other: 1 };
const TWO_CHAR_SUFFIXES = ['街道', '地区', '新区', '林区', '特区'];
/** Official suffixes that are also words: 和田地区 is not "和田 + the word 地区". */
const OFFICIAL_SUFFIXES = new Set(['自治区', '自治州', '自治县', '自治旗', '地区', '新区', '街道', '林区', '特区']);

/** The ancestors that make a near miss plausible when the draft names them. */
const ancestorsOf = new WeakMap<Gazetteer, Map<string, readonly string[]>>();

function closeAncestors(gaz: Gazetteer, code: string): readonly string[] {
  let byCode = ancestorsOf.get(gaz);
  if (!byCode) ancestorsOf.set(gaz, (byCode = new Map()));
  let list = byCode.get(code);
  if (!list) byCode.set(code, (list = computeCloseAncestors(gaz, code)));
  return list;
}

function computeCloseAncestors(gaz: Gazetteer, code: string): string[] {
  const level = levelOfCode(code);
  const chain = chainOf(gaz, code).map(r => r.code).filter(c => c !== code);
  // A county is placed by its prefecture, a township by its county or prefecture, a prefecture by its province.
  return chain.filter(c => (level === 2 ? true : levelOfCode(c) >= 2));
}

/** Facts about the window and one near miss, whatever region the near miss names. */
interface MissFacts {
  strong: boolean;
  /** The odd character is the first of three and ends the word before (区域次区域, 改善海关). */
  headInWord: boolean;
  /** The window ends in a common word that holds the odd character (资源型城市, 新型城镇). */
  commonTail: boolean;
  suffixless: boolean;
  /** The window's last character starts the next word (优化区域, 上亿市场). */
  suffixStartsWord: boolean;
  /** The stem is a common word (中立区, 保安区, 和平地区). */
  stemIsWord: boolean;
  /** The odd character is a function character (全 in 玉全区): only a sound-alike of a region in context. */
  functionChar: boolean;
}

function missFacts(w: WindowFacts, miss: NearMiss, gaz: Gazetteer): MissFacts | null {
  const { word } = w;
  const odd = word[miss.pos];
  // 了城市, 市容市: function words and suffixes are not misspelt name characters.
  // A function character that sounds like the name's (玉全区 for 玉泉区) is a typo only at the start
  // of a word; judge() then also wants the region's parent named in the draft.
  const functionChar = !miss.inSuffix && NOT_IN_NAME.has(odd) && !SUFFIX_CHARS.has(odd);
  const soundAlike = miss.likeness === 'sound' || miss.likeness === 'sound+shape';
  // A suffix character that sounds and looks like the name's (株州市 for 株洲市) is a typo where a name starts.
  const suffixAlike = SUFFIX_CHARS.has(odd) && miss.likeness === 'sound+shape' && (w.clearStart || !!w.before);
  if (!miss.inSuffix && (NOT_IN_NAME.has(odd) || SUFFIX_CHARS.has(odd)) && !(functionChar && soundAlike && w.clearStart) && !suffixAlike) return null;
  // In a longer name the three or more matching characters carry the evidence: a shared radical
  // (内幕古自治区) is then enough, and from five characters any character.
  const strong = miss.likeness !== 'other' || (word.length >= 4 && miss.sameRadical) || word.length >= 5;
  if (miss.inSuffix) {
    // A misspelt suffix after a known stem, with a look-alike that does not start a word (湖南首次);
    // a sound-alike only under a written parent (成都市郫都去).
    const lookalike = (miss.likeness === 'shape' || miss.likeness === 'sound+shape')
      && w.stemMention && !gaz.suffixLookalikeWords.has(odd + w.next);
    if (!lookalike && !(strong && w.before && w.before.codes.length > 0)) return null;
  }
  const suffixless = !SUFFIX_CHARS.has(miss.surface[miss.surface.length - 1]);
  // 阿克赛钦地区: a short form that heads a longer name by form is that name, not a typo.
  if (suffixless && w.headsLongerName) return null;
  const commonTail = endsInCommonWord(word, miss.surface, gaz);
  const suffixLength = TWO_CHAR_SUFFIXES.some(x => miss.surface.endsWith(x)) ? 2 : suffixless ? 0 : 1;
  return {
    strong,
    headInWord: miss.pos === 0 && word.length === 3 && !w.boundary && gaz.commonWords.has(w.prev + word[0]),
    commonTail,
    suffixless,
    suffixStartsWord: gaz.suffixStartsWord.has(word[word.length - 1] + w.next),
    stemIsWord: word.length - suffixLength === 2 && gaz.commonWords.has(word.slice(0, 2)),
    functionChar,
  };
}

/** The window ends in a common word that is not the near miss's official suffix (资源型城市, 新型城镇). */
function endsInCommonWord(word: string, surface: string, gaz: Gazetteer): boolean {
  let commonTail = false;
  for (let k = 1; k <= word.length - 2; k++) {
    const tail = word.slice(k);
    if (!gaz.notRegions.has(tail) || FORM_SUFFIXES.includes(tail)) continue;
    if (OFFICIAL_SUFFIXES.has(tail) && surface.endsWith(tail)) continue;
    commonTail = true;
  }
  return commonTail;
}

/** The score of `code` as the intended region, or null when the near miss is no misspelling of it. */
function judge(
  w: WindowFacts, miss: NearMiss, f: MissFacts, code: string, gaz: Gazetteer, regions: DraftRegions, index: RegionIndex,
): number | null {
  const level = levelOfCode(code);
  const ancestors = closeAncestors(gaz, code);
  // The draft names the region itself elsewhere (上海 … 上派市) or one of its parents.
  const self = regions.named.has(code);
  const inContext = self || ancestors.some(a => regions.context.has(a));
  const near = (c: string) => isNamedNear(regions, c, w.start);
  const attached = !!w.before && w.before.codes.some(c => ancestors.includes(c) || isWithin(code, c));
  // Written under a parent (广东省清远县): only names inside that parent are candidates.
  if (w.before && w.before.codes.length > 0 && !attached) return null;
  // 资源型城市 is 资源型 + 城市; but 称都市 for 成都市 starts a word and sounds alike.
  if (f.commonTail && !attached && !(w.clearStart && f.strong && level <= 3)) return null;
  if (f.headInWord && !(f.strong && inContext)) return null;
  if (f.functionChar && !(inContext && level <= 3)) return null;
  // Townships repeat across the country: only where the draft names their county or prefecture.
  if (level === 4 && !inContext) return null;
  if (f.stemIsWord && !ancestors.some(near)) return null;
  if (f.suffixless && !(w.boundary || inContext)) return null;
  // Two characters (拱县) only under a written parent.
  if (w.word.length === 2 && !(attached && f.strong)) return null;
  if (!f.strong) {
    // Any other character: not in a suffix or a short form; under a written parent (仁和区红隔镇); in a
    // longer official name whose parent the draft names (四川省 … 攀技花市); in a county whose
    // prefecture is named nearby (郸都区 near 成都); or a region the draft names itself.
    if (miss.inSuffix || f.suffixless) return null;
    const official = (gaz.surfaces.get(miss.surface) ?? []).some(x => x.code === code && x.kind === 'full');
    const countyNear = level === 3 && !f.suffixStartsWord && ancestors.some(a => a.length === 4 && near(a));
    const selfAlike = self && (w.boundary || miss.sameRadical) && !f.suffixStartsWord;
    const longer = w.word.length >= 4 || countyNear;
    if (!attached && !(official && inContext && ((longer && w.boundary) || selfAlike))) return null;
  }
  const mentioned = Math.min(1, codeMentions(index, code) / 10);
  const radical = miss.likeness === 'other' && miss.sameRadical ? 1 : 0;
  return LIKENESS_SCORE[miss.likeness] + radical + (inContext ? 2 : 0) + (attached ? 1 : 0) + mentioned + (level < 4 ? 0.5 : 0);
}

/** The regions a window probably meant, best first; empty when it is no misspelling. */
export function suggest(w: WindowFacts, misses: readonly NearMiss[], gaz: Gazetteer, regions: DraftRegions, index: RegionIndex): Suggestion[] {
  const out: Suggestion[] = [];
  for (const miss of misses) {
    const f = missFacts(w, miss, gaz);
    if (!f) continue;
    for (const code of miss.codes) {
      const score = judge(w, miss, f, code, gaz, regions, index);
      if (score !== null) out.push({ surface: miss.surface, code, score });
    }
  }
  out.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
  const seen = new Set<string>();
  return out.filter(s => !seen.has(s.surface) && !!seen.add(s.surface));
}

// ---- The same judgement in two stages, for windows read once and judged on every check ----------
//
// Of judge()'s tests, some read only the window and the gazetteer, others the draft's regions and
// the corpus index. prejudge() runs the first kind once per window (the line cache keeps its result);
// suggestFrom() runs the second kind on each check. Every test returns null, so the order in which
// they run does not change the outcome: suggestFrom(prejudge(w, misses, gaz), w, start, …) equals
// suggest({...w, start}, misses, …) (a unit test compares them).

/** A near miss and one of its regions that no fact about the rest of the draft can rule out yet. */
export interface Pending {
  surface: string;
  code: string;
  level: Level;
  ancestors: readonly string[];
  attached: boolean;
  /** judge()'s tests that read the draft's regions, as flags. */
  strong: boolean;
  headInWord: boolean;
  functionChar: boolean;
  stemIsWord: boolean;
  suffixless: boolean;
  suffixStartsWord: boolean;
  sameRadical: boolean;
  official: boolean;
  /** The likeness part of the score (the score is summed in judge()'s order, so it is the same number). */
  base: number;
}

export function prejudge(w: WindowFacts, misses: readonly NearMiss[], gaz: Gazetteer): Pending[] {
  const out: Pending[] = [];
  for (const miss of misses) {
    const f = missFacts(w, miss, gaz);
    if (!f) continue;
    // (a name shared by dozens of townships, 团结镇, is looked up once, not once per township)
    let surfaces: readonly Surface[] | undefined;
    for (const code of miss.codes) {
      const level = levelOfCode(code);
      const ancestors = closeAncestors(gaz, code);
      let attached = false;
      if (w.before) for (const c of w.before.codes) if (ancestors.includes(c) || isWithin(code, c)) attached = true;
      if (w.before && w.before.codes.length > 0 && !attached) continue;
      if (f.commonTail && !attached && !(w.clearStart && f.strong && level <= 3)) continue;
      if (w.word.length === 2 && !(attached && f.strong)) continue;
      let official = false;
      if (!f.strong) {
        if (miss.inSuffix || f.suffixless) continue;
        surfaces ??= gaz.surfaces.get(miss.surface) ?? [];
        for (let k = 0; k < surfaces.length && !official; k++) official = surfaces[k].code === code && surfaces[k].kind === 'full';
        // Without attachment judge() needs official (and context, read later).
        if (!attached && !official) continue;
      }
      const radical = miss.likeness === 'other' && miss.sameRadical ? 1 : 0;
      out.push({
        surface: miss.surface, code, level, ancestors, attached,
        strong: f.strong, headInWord: f.headInWord, functionChar: f.functionChar, stemIsWord: f.stemIsWord,
        suffixless: f.suffixless, suffixStartsWord: f.suffixStartsWord, sameRadical: miss.sameRadical, official,
        base: LIKENESS_SCORE[miss.likeness] + radical,
      });
    }
  }
  return out;
}

/** What suggest() gives for the window at draft offset `start`, from its prejudged near misses. */
export function suggestFrom(
  pending: readonly Pending[], w: Pick<WindowFacts, 'word' | 'boundary'>, start: number, regions: DraftRegions, index: RegionIndex,
): Suggestion[] {
  if (pending.length === 0) return [];
  const out: Suggestion[] = [];
  for (const p of pending) {
    const self = regions.named.has(p.code);
    let inContext = self;
    for (let k = 0; !inContext && k < p.ancestors.length; k++) inContext = regions.context.has(p.ancestors[k]);
    if (p.headInWord && !(p.strong && inContext)) continue;
    if (p.functionChar && !(inContext && p.level <= 3)) continue;
    if (p.level === 4 && !inContext) continue;
    if (p.stemIsWord && !anyNamedNear(regions, p.ancestors, start, false)) continue;
    if (p.suffixless && !(w.boundary || inContext)) continue;
    if (!p.strong) {
      const countyNear = p.level === 3 && !p.suffixStartsWord && anyNamedNear(regions, p.ancestors, start, true);
      const selfAlike = self && (w.boundary || p.sameRadical) && !p.suffixStartsWord;
      const longer = w.word.length >= 4 || countyNear;
      if (!p.attached && !(p.official && inContext && ((longer && w.boundary) || selfAlike))) continue;
    }
    const mentioned = Math.min(1, codeMentions(index, p.code) / 10);
    out.push({ surface: p.surface, code: p.code, score: p.base + (inContext ? 2 : 0) + (p.attached ? 1 : 0) + mentioned + (p.level < 4 ? 0.5 : 0) });
  }
  if (out.length === 0) return out;
  out.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
  const seen = new Set<string>();
  return out.filter(s => !seen.has(s.surface) && !!seen.add(s.surface));
}

/** One of the ancestors (prefectures only, with `prefectures`) is named near `pos`. */
function anyNamedNear(regions: DraftRegions, ancestors: readonly string[], pos: number, prefectures: boolean): boolean {
  for (const a of ancestors) if ((!prefectures || a.length === 4) && isNamedNear(regions, a, pos)) return true;
  return false;
}

// ---- Windows no known name precedes: most are settled by their word alone ------------------------
//
// A 20,000-character report has ~1,700 windows that share two characters with a name, ~550 of them
// have near misses, and ~20 pass prejudge(): the rest fail on what their word and the names one
// character away decide alone (a suffix or short form that differs in a character that is neither
// alike nor in a long name, an official name that differs in a function or suffix character...).
// mayPassWithoutParent() reads only those, once per word, from the one-edit variants of the names
// and without making the near misses, so the line reader gathers no facts and makes no near misses
// for the others.

/** Words whose answer is kept (per gazetteer); past that the memo starts again. */
const MAX_PASS_MEMO = 100_000;
const passMemos = new WeakMap<Gazetteer, Map<string, boolean>>();

/**
 * False only when prejudge(w, m, gaz) is empty for every window w of `word` that no known name
 * precedes (w.before undefined), whatever the other facts of w are, and every subset m of
 * nearMisses(gaz, word): it runs each test of missFacts() and prejudge() that reads only the word,
 * the name one character away and its codes, in the same terms. Kept per word: the same words
 * recur across lines and drafts.
 */
export function mayPassWithoutParent(word: string, gaz: Gazetteer): boolean {
  // Two characters only under a written parent.
  if (word.length <= 2) return false;
  let memo = passMemos.get(gaz);
  if (!memo) passMemos.set(gaz, (memo = new Map()));
  let got = memo.get(word);
  if (got === undefined) {
    got = somePassesWithoutParent(word, gaz);
    if (memo.size >= MAX_PASS_MEMO) memo.clear();
    memo.set(word, got);
  }
  return got;
}

/** mayPassWithoutParent without the memo, from each name's string and surfaces: the reference the tests compare it with. */
export function mayPassWithoutParentBySurfaces(word: string, gaz: Gazetteer): boolean {
  if (word.length <= 2) return false;
  return someOneAway(gaz, word, (pos, surface) => oneMayPass(word, word.charCodeAt(pos), pos, surface, gaz));
}

const JIE = '街'.charCodeAt(0);
const DAO = '道'.charCodeAt(0);

/**
 * Whether a near miss of `word` may pass prejudge() with no known name before the window: oneMayPass
 * read from the names' units and kinds (no name's string, no Surface list, no string per likeness).
 * The tests are those of oneMayPass in another order (all must hold, so the order does not change
 * the answer): the kinds of the name's regions before the likeness of the two characters, so that a
 * window ending in a common word (国家乡 beside 45 townships 于家乡, 八家乡 ...) reads no likeness.
 * endsInCommonWord(word, name) depends on the name only through the position where the two differ
 * (a tail of the word after that position is the name's tail too), so it is read once per position.
 */
function somePassesWithoutParent(word: string, gaz: Gazetteer): boolean {
  const names = indexedNames(gaz);
  const L = word.length;
  let tailPos = -1;
  let tailCommon = false;
  return someOneAwayIndexed(gaz, word, (pos, i) => {
    if (pos !== tailPos) {
      tailPos = pos;
      tailCommon = commonTailAt(word, pos, gaz);
    }
    return oneMayPassIndexed(word, L, pos, i, names, tailCommon, gaz);
  });
}

/** endsInCommonWord(word, name) for a name that differs from the word at `pos` only. */
function commonTailAt(word: string, pos: number, gaz: Gazetteer): boolean {
  for (let k = 1; k <= word.length - 2; k++) {
    const tail = word.slice(k);
    if (!gaz.notRegions.has(tail) || FORM_SUFFIXES.includes(tail)) continue;
    // the name ends with this tail exactly when it differs before it
    if (OFFICIAL_SUFFIXES.has(tail) && pos < k) continue;
    return true;
  }
  return false;
}

function oneMayPassIndexed(word: string, L: number, pos: number, i: number, names: IndexedNames, commonTail: boolean, gaz: Gazetteer): boolean {
  const at = names.at[i];
  const ownUnit = names.units[at + pos];
  const oddUnit = word.charCodeAt(pos);
  const ownClass = CHAR_CLASS[ownUnit];
  const oddClass = CHAR_CLASS[oddUnit];
  const inSuffix = (ownClass & 2) !== 0 && (pos === L - 1 || (pos === L - 2 && ownUnit === JIE && names.units[at + L - 1] === DAO));
  const suffixless = (CHAR_CLASS[names.units[at + L - 1]] & 2) === 0;
  const kinds = names.kinds[i];
  // prejudge keeps a full name or short form of the name, above the townships when the window ends in a common word
  const kept = (kinds & (commonTail ? NAME_MAIN_UP_TO_COUNTY : NAME_MAIN)) !== 0;
  if (inSuffix || oddClass !== 0) {
    if (!kept) return false;
    const like = unitLikeness(gaz, oddUnit, ownUnit, inSuffix);
    // missFacts: without a parent before it, a misspelt suffix must look alike
    if (inSuffix) return like === 'shape' || like === 'sound+shape';
    // missFacts: a function character must sound alike, a suffix character sound and look alike
    const functionChar = (oddClass & 1) !== 0 && (oddClass & 2) === 0;
    const soundAlike = like === 'sound' || like === 'sound+shape';
    return (functionChar && soundAlike) || ((oddClass & 2) !== 0 && like === 'sound+shape');
  }
  if (L >= 5) return kept;
  // A weak near miss of an official name in its stem passes unless the window ends in a common word.
  if (!suffixless && (kinds & NAME_FULL) !== 0 && !commonTail) return true;
  if (!kept) return false;
  return unitLikeness(gaz, oddUnit, ownUnit, false) !== 'other'
    || (L >= 4 && builtAlike(gaz, String.fromCharCode(oddUnit), String.fromCharCode(ownUnit)) === 'radical');
}

/** Per UTF-16 unit: 1 a function character (NOT_IN_NAME), 2 a suffix character. */
const CHAR_CLASS = (() => {
  const cls = new Uint8Array(65536);
  for (const c of NOT_IN_NAME) cls[c.charCodeAt(0)] |= 1;
  for (const c of SUFFIX_CHARS) cls[c.charCodeAt(0)] |= 2;
  return cls;
})();

/**
 * Whether the near miss of `word` to `surface`, differing at `pos` where the word has unit `oddUnit`, may pass prejudge() with no known name
 * before the window. The tests run in missFacts()/prejudge()'s terms, cheapest first: the likeness
 * of the two characters is worked out only when the answer depends on it.
 */
function oneMayPass(word: string, oddUnit: number, pos: number, surface: string, gaz: Gazetteer): boolean {
  const L = word.length;
  const own = surface[pos];
  const ownClass = CHAR_CLASS[surface.charCodeAt(pos)];
  const oddClass = CHAR_CLASS[oddUnit];
  // as findNearMisses makes the near miss
  const inSuffix = (ownClass & 2) !== 0 && (pos === L - 1 || (pos === L - 2 && surface.endsWith('街道')));
  const suffixless = (CHAR_CLASS[surface.charCodeAt(surface.length - 1)] & 2) === 0;
  let strong: boolean;
  if (inSuffix || oddClass !== 0) {
    const odd = String.fromCharCode(oddUnit);
    const like = likeness(gaz, odd, own, inSuffix);
    if (inSuffix) {
      // missFacts: without a parent before it, a misspelt suffix must look alike
      if (like !== 'shape' && like !== 'sound+shape') return false;
    } else {
      // missFacts: a function character must sound alike, a suffix character sound and look alike
      const functionChar = (oddClass & 1) !== 0 && (oddClass & 2) === 0;
      const soundAlike = like === 'sound' || like === 'sound+shape';
      if (!(functionChar && soundAlike) && !((oddClass & 2) !== 0 && like === 'sound+shape')) return false;
    }
    strong = true; // the likeness passed is not 'other'
  } else if (L >= 5) {
    strong = true;
  } else {
    // A weak near miss of an official name in its stem passes unless the window ends in a common
    // word; a strong one passes then too (below). Otherwise only a strong one.
    const official = !suffixless && (gaz.surfaces.get(surface) ?? []).some(x => x.kind === 'full');
    if (official && !endsInCommonWord(word, surface, gaz)) return true;
    const odd = String.fromCharCode(oddUnit);
    strong = likeness(gaz, odd, own, false) !== 'other' || (L >= 4 && builtAlike(gaz, odd, own) === 'radical');
    if (!strong) return false;
  }
  // strong: prejudge keeps a code of the name unless the window ends in a common word and the code is below a county
  const commonTail = endsInCommonWord(word, surface, gaz);
  for (const x of gaz.surfaces.get(surface) ?? []) {
    if (x.kind !== 'full' && x.kind !== 'short') continue;
    if (!commonTail || levelOfCode(x.code) <= 3) return true;
  }
  return false;
}
