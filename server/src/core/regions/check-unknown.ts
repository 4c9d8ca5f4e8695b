// region-unknown: a word one character away from a real region name (宝按区, 攀枝华, 盐边悬) that
// is itself in no list the writer could have taken it from (codes, aliases, corpus, team names).
import type { Draft, FeatureContext } from '../model';
import type { Finding, Fix } from '../types';
import { chainOf, type Gazetteer, isWithin, levelOfCode } from './gazetteer';
import { type Likeness, maxFuzzyLength, mayBeNear, type NearMiss, nearMisses } from './fuzzy';
import { FORM_SUFFIXES, NOT_IN_NAME, type RegionMention, SUFFIX_CHARS, isHan, scanKnown } from './mentions';
import { contextOf, type RegionIndex } from './corpus-index';
import { formatChain } from './format';

const LIKENESS_SCORE: Record<Likeness, number> = { 'sound+shape': 4, sound: 3, shape: 3, other: 1 };
/** Which levels a written suffix can belong to, for the renamed-place test (谢家镇 -> 谢家街道). */
const SUFFIX_LEVELS: Array<[string, number[]]> = [
  ['街道', [4]], ['镇', [4]], ['乡', [4]], ['县', [2, 3]], ['区', [2, 3]], ['旗', [2, 3]], ['市', [2, 3]],
  ['州', [2]], ['盟', [2]], ['省', [1]],
];
const MAX_SUGGESTIONS = 3;
/** Official suffixes that are also words: a window ending in one is not "a word plus a common word". */
const TWO_CHAR_SUFFIXES = ['街道', '地区', '新区', '林区', '特区'];
const OFFICIAL_SUFFIXES = new Set(['自治区', '自治州', '自治县', '自治旗', '地区', '新区', '街道', '林区', '特区']);

interface Suggestion {
  surface: string;
  code: string;
  score: number;
}
interface Suspect {
  start: number;
  end: number;
  word: string;
  suggestions: Suggestion[];
}

/** Finds team names in the text so no window cuts through them. */
function teamMentions(text: string, teamNames: ReadonlySet<string>): RegionMention[] {
  const out: RegionMention[] = [];
  for (const name of teamNames) {
    if (name.length < 2) continue;
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      out.push({ start: at, end: at + name.length, text: name, codes: [], kind: 'full' });
    }
  }
  return out;
}

/** The region's ancestors that make a near miss plausible when the draft names them. */
function closeAncestors(gaz: Gazetteer, code: string): string[] {
  const level = levelOfCode(code);
  const chain = chainOf(gaz, code).map(r => r.code).filter(c => c !== code);
  // A county is placed by its prefecture, a township by its county or prefecture, a prefecture by its province.
  return chain.filter(c => (level === 2 ? true : levelOfCode(c) >= 2));
}

function renamedKnown(word: string, gaz: Gazetteer): boolean {
  for (const [suffix, levels] of SUFFIX_LEVELS) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, word.length - suffix.length);
    if (stem.length < 2) return false;
    return (gaz.stems.get(stem) ?? []).some(c => levels.includes(levelOfCode(c)));
  }
  return false;
}

export function findUnknown(
  draft: Draft, gaz: Gazetteer, index: RegionIndex, teamNames: ReadonlySet<string>,
): { suspects: Suspect[]; known: RegionMention[] } {
  const text = draft.norm;
  const known = scanKnown(text, gaz);
  const blocks = [...known, ...teamMentions(text, teamNames)];
  const owner = new Int32Array(text.length).fill(-1);
  blocks.forEach((b, i) => {
    for (let k = b.start; k < b.end; k++) owner[k] = i;
  });
  const context = contextOf(known, gaz);
  const places = placesOf(known, gaz);
  const endsAt = new Map<number, RegionMention>();
  for (const m of known) endsAt.set(m.end, m);

  const suspects: Suspect[] = [];
  const maxLen = maxFuzzyLength(gaz);
  for (let start = 0; start < text.length; start++) {
    if (!isHan(text[start])) continue;
    if (owner[start] >= 0 && blocks[owner[start]].start < start) continue;
    // Two-character windows (拱县) only right after a known name.
    for (let len = endsAt.has(start) ? 2 : 3; len <= maxLen && start + len <= text.length; len++) {
      const end = start + len;
      if (!isHan(text[end - 1]) || !isHan(text[start + 1])) break;
      const o = owner[end - 1];
      if (o >= 0 && blocks[o].end > end) continue; // cuts through a known name
      // Short forms may sit inside a misspelt name (盐边 in 盐边悬, 福海 in 福海街到); full names may not,
      // and neither may any longer window from here.
      const b = owner[end - 1] >= 0 ? blocks[owner[end - 1]] : undefined;
      if (b && b.kind !== 'short') break;
      if (!mayBeNear(gaz, text, start, end)) continue;
      const word = text.slice(start, end);
      if (gaz.surfaces.has(word) || gaz.notRegions.has(word) || teamNames.has(word)) continue;
      const misses = nearMisses(gaz, word);
      if (misses.length === 0) continue;
      const before = endsAt.get(start);
      const first = owner[start] >= 0 ? blocks[owner[start]] : undefined;
      const facts: WindowFacts = {
        word,
        prev: start > 0 ? text[start - 1] : '',
        next: text.slice(end, end + 1),
        boundary: start === 0 || !isHan(text[start - 1]) || NOT_IN_NAME.has(text[start - 1]) || !!before,
        clearStart: start === 0 || !isHan(text[start - 1]) || !!before,
        before,
        stemMention: !!first && first.kind === 'short' && first.start === start && first.end === end - 1,
        headsLongerName: [1, 2].some(k => isHan(text[end]) && isHan(text[end + k - 1])
          && FORM_SUFFIXES.some(sfx => text.startsWith(sfx, end + k))),
      };
      const suggestions = rank(facts, misses, gaz, index, context, (code: string) => isNear(places, code, start));
      if (suggestions.length === 0) continue;
      if (isKnown(word, gaz, index, teamNames, misses)) continue;
      suspects.push({ start, end, word, suggestions });
    }
  }
  return { suspects: pickBest(suspects), known };
}

/** What the text around a window tells about it. */
interface WindowFacts {
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

/** Where each region (and its ancestors) is named in the text, and the most named prefectures. */
interface Places {
  at: Map<string, number[]>;
  home: Set<string>;
}

function placesOf(known: readonly RegionMention[], gaz: Gazetteer): Places {
  const at = new Map<string, number[]>();
  for (const m of known) {
    if (m.codes.length !== 1) continue;
    for (let c: string | null = m.codes[0]; c; c = gaz.regions.get(c)?.parent ?? null) {
      const list = at.get(c);
      if (list) list.push(m.start);
      else at.set(c, [m.start]);
    }
  }
  let top = 2;
  for (const [c, list] of at) if (c.length === 4) top = Math.max(top, list.length);
  const home = new Set([...at].filter(([c, list]) => c.length === 4 && list.length === top).map(([c]) => c));
  return { at, home };
}

/** How far (UTF-16 units) a parent's mention still vouches for a weak near miss. */
const NEAR = 300;

/** The region is named near `pos`, or is the prefecture the draft is mostly about. */
function isNear(places: Places, code: string, pos: number): boolean {
  if (places.home.has(code)) return true;
  return (places.at.get(code) ?? []).some(p => Math.abs(p - pos) <= NEAR);
}

function rank(
  w: WindowFacts, misses: NearMiss[], gaz: Gazetteer, index: RegionIndex, context: ReadonlySet<string>,
  near: (code: string) => boolean,
): Suggestion[] {
  const { word, before } = w;
  // 资源型城市 is 资源型 + 城市, not a misspelt 兴城市: a window ending in a common word.
  let commonTail = false;
  for (let k = 1; k <= word.length - 2; k++) {
    const tail = word.slice(k);
    if (gaz.notRegions.has(tail) && !FORM_SUFFIXES.includes(tail) && !OFFICIAL_SUFFIXES.has(tail)) commonTail = true;
  }
  const out: Suggestion[] = [];
  for (const miss of misses) {
    // In a longer name the three or more matching characters carry the evidence: a shared radical
    // (内幕古自治区) is then enough, and from five characters any character.
    const strong = miss.likeness !== 'other' || (word.length >= 4 && miss.sameRadical) || word.length >= 5;
    const odd = word[miss.pos];
    // 了城市, 市容市: function words and suffixes are not misspelt name characters.
    if (!miss.inSuffix && (NOT_IN_NAME.has(odd) || SUFFIX_CHARS.has(odd))) continue;
    if (miss.inSuffix) {
      // A misspelt suffix after a known stem, with a look-alike that does not start a word (湖南首次);
      // a sound-alike only under a written parent (成都市郫都去).
      const lookalike = (miss.likeness === 'shape' || miss.likeness === 'sound+shape')
        && w.stemMention && !gaz.suffixLookalikeWords.has(odd + w.next);
      if (!lookalike && !(strong && before && before.codes.length > 0)) continue;
    }
    // The first of three characters may belong to the word before (区域次区域, 改善海关).
    const headInWord = miss.pos === 0 && word.length === 3 && !w.boundary && gaz.commonWords.has(w.prev + word[0]);
    const suffixless = !SUFFIX_CHARS.has(miss.surface[miss.surface.length - 1]);
    const suffixLength = TWO_CHAR_SUFFIXES.some(x => miss.surface.endsWith(x)) ? 2 : suffixless ? 0 : 1;
    const stemIsWord = word.length - suffixLength === 2 && gaz.commonWords.has(word.slice(0, 2));
    // 阿克赛钦地区: a short form that heads a longer name by form is that name, not a typo.
    if (suffixless && w.headsLongerName) continue;
    for (const code of miss.codes) {
      const level = levelOfCode(code);
      const ancestors = closeAncestors(gaz, code);
      // The draft names the region itself elsewhere (上海 … 上派市) or one of its parents.
      const self = context.has(code);
      const inContext = self || ancestors.some(a => context.has(a));
      const attached = !!before && before.codes.some(c => ancestors.includes(c) || isWithin(code, c));
      // Written under a parent (广东省清远县): only names inside that parent are candidates.
      if (before && before.codes.length > 0 && !attached) continue;
      // 资源型城市 is 资源型 + 城市; 成都 misspelt as 称都市 starts a word and sounds alike.
      if (commonTail && !attached && !(w.clearStart && strong && level <= 3)) continue;
      if (headInWord && !(strong && inContext)) continue;
      if (level === 4 && !inContext) continue;
      // A word plus a suffix (中立区, 保安区, 和平地区) is a typo only near the region's parent.
      if (stemIsWord && !ancestors.some(near)) continue;
      if (suffixless && !(w.boundary || inContext)) continue;
      const official = (gaz.surfaces.get(miss.surface) ?? []).some(x => x.code === code && x.kind === 'full');
      // Any other character only under a written parent (仁和区红隔镇), or in a longer official name
      // whose parent the draft names (四川省 … 攀技花市).
      // Three characters (郸都区) also for a county of a prefecture the draft names, when its suffix is
      // not the start of the next word (优化区域).
      const countyInContext = level === 3 && !gaz.suffixStartsWord.has(word[word.length - 1] + w.next)
        && ancestors.some(a => a.length === 4 && near(a));
      const selfAlike = self && (w.boundary || miss.sameRadical);
      if (!strong && !miss.inSuffix
        && !(attached || (official && inContext && ((word.length >= 4 || countyInContext) && w.boundary || selfAlike)))) continue;
      if (!strong && (miss.inSuffix || suffixless)) continue;
      // Two characters (拱县) only under a written parent.
      if (word.length === 2 && !(attached && strong)) continue;
      const mentioned = Math.min(1, (index.byCode.get(code)?.length ?? 0) / 10);
      const alike = miss.likeness === 'other' && miss.sameRadical ? 1 : 0;
      const score = LIKENESS_SCORE[miss.likeness] + alike + (inContext ? 2 : 0) + (attached ? 1 : 0) + mentioned
        + (level < 4 ? 0.5 : 0);
      out.push({ surface: miss.surface, code, score });
    }
  }
  out.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
  const seen = new Set<string>();
  return out.filter(s => !seen.has(s.surface) && !!seen.add(s.surface));
}

/** Known by other means: history, renaming, the team's list, or a corpus that vouches for it. */
function isKnown(word: string, gaz: Gazetteer, index: RegionIndex, teamNames: ReadonlySet<string>, misses: NearMiss[]): boolean {
  if (teamNames.has(word) || gaz.historical.has(word) || renamedKnown(word, gaz)) return true;
  const use = index.byName.get(word);
  if (!use) return false;
  // One source may itself hold the typo; a sound/shape near miss needs two sources to count as a name.
  if (use.sources.size >= 2) return true;
  return misses.every(m => m.likeness === 'other');
}

/** Overlapping suspects: keep the best scored, then the longer. */
function pickBest(suspects: Suspect[]): Suspect[] {
  const sorted = [...suspects].sort((a, b) => b.suggestions[0].score - a.suggestions[0].score || (b.end - b.start) - (a.end - a.start));
  const kept: Suspect[] = [];
  for (const s of sorted) if (!kept.some(k => k.start < s.end && s.start < k.end)) kept.push(s);
  return kept.sort((a, b) => a.start - b.start);
}

export function checkUnknown(
  draft: Draft, gaz: Gazetteer, index: RegionIndex, teamNames: ReadonlySet<string>, ctx: FeatureContext,
): Finding[] {
  const { suspects } = findUnknown(draft, gaz, index, teamNames);
  return suspects.map(s => {
    const top = s.suggestions.slice(0, MAX_SUGGESTIONS);
    const listed = top.map(x => `${x.surface}（${formatChain(gaz, x.code)}）`).join(ctx.t.t(', '));
    const fixes: Fix[] = top.map((x, i) => ({
      title: ctx.t.t('Change to {0}', x.surface),
      edits: [{ start: s.start, end: s.end, newText: x.surface }],
      preferred: i === 0 && (top.length === 1 || top[1].score < x.score) ? true : undefined,
    }));
    for (const f of fixes) if (f.preferred === undefined) delete f.preferred;
    return {
      code: 'region-unknown',
      severity: 'warning' as const,
      start: s.start,
      end: s.end,
      message: ctx.t.t('"{0}" is not a known place name. Did you mean {1}?', draft.text.slice(s.start, s.end), listed),
      fixes,
    };
  });
}
