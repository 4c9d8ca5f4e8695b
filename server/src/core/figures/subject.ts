// Finds who a figure is about: a region (宝安区, 成都, 蓉城), the whole body the document speaks
// for (全市, 该县), or the nation (全国). A light, self-contained recogniser: a region suffix with
// the name run before it, known places and nicknames, and bare names the same text spelled
// with a suffix elsewhere (成都市 … 成都规模以上工业).
import {
  ALIASES, NATIONAL, NOT_REGIONS, ZONES, PLACES, PROVINCE_NAMES, REGION_STOP_CHARS, REGION_SUFFIXES, WHOLE_BODY, startsWithAny,
} from './lexicon';

export interface SubjectMention {
  start: number;
  end: number;
  /** Comparable key: the last two characters of the name (宝安, 成都, 浩特), '全国', or '*' (the document's own body). */
  key: string;
  name: string;
  /** Administrative level by suffix: 省 市 区 县 州 镇 乡 街道 旗 盟; '' when unknown (全域, 当地). */
  level: string;
}

export const WHOLE = '*';
/** The first entries of the places table are the provinces and regions. */
const PROVINCES = new Set(PROVINCE_NAMES);
export const NATION = '全国';

export function regionKey(name: string): string {
  return name.length <= 2 ? name : name.slice(-2);
}

/** The words that are not regions, by the code of each character they hold: only those can cover a suffix there. */
// (each with the place of that character in the word, so a word is tried only where it could start)
const NOT_REGIONS_BY_CODE = new Map<number, Array<[string, number]>>();
for (const w of NOT_REGIONS) {
  for (let k = 0; k < w.length; k++) {
    const c = w.charCodeAt(k);
    (NOT_REGIONS_BY_CODE.get(c) ?? NOT_REGIONS_BY_CODE.set(c, []).get(c)!).push([w, k]);
  }
}
const SUFFIX_FIRST = new Set(REGION_SUFFIXES.map(s => s[0]));
const NO_WORDS: Array<[string, number]> = [];

/** Is the suffix at i part of a word that is not a region (园区, 城市, 市场 …)? */
function inNonRegion(text: string, i: number, len: number): boolean {
  for (const [w, k] of NOT_REGIONS_BY_CODE.get(text.charCodeAt(i)) ?? NO_WORDS) {
    const s = i - k;
    if (s >= 0 && s + w.length >= i + len && text.startsWith(w, s)) return true;
  }
  return false;
}

const ZONE_WORDS = Object.keys(ZONES).sort((a, b) => b.length - a.length);
const ZONE_FIRST = new Set(ZONE_WORDS.map(z => z[0]));
/** Development zones are subjects of their own, never their district's or city's (成都高新区 is not 成都). */
export const ZONE_LEVEL = '园区';

// The last few texts' suffixed names: a draft is read for its subjects with its title and without
// (findSubjects(text, title) in extraction, findSubjects(text) for its main subject)
const recentSuffixed: Array<{ text: string; mentions: SubjectMention[] }> = [];
function suffixMentions(text: string): SubjectMention[] {
  if (text.length < 200) return suffixMentionsIn(text);
  const hit = recentSuffixed.find(r => r.text === text);
  if (hit) return hit.mentions;
  const mentions = suffixMentionsIn(text);
  recentSuffixed.unshift({ text, mentions });
  if (recentSuffixed.length > 2) recentSuffixed.pop();
  return mentions;
}

// (tested by char code in a table: text[i] of a Chinese character makes a new string at every place, and a
// Set lookup per character of every line was most of this scan; the scan reads no character as a string)
const ZONE_START = 1, SUFFIX_START = 2, STOP = 4, ONE_CHAR_SUFFIX = 8;
const CODE_KIND = new Uint8Array(0x10000);
for (const c of ZONE_FIRST) CODE_KIND[c.charCodeAt(0)] |= ZONE_START;
for (const c of SUFFIX_FIRST) CODE_KIND[c.charCodeAt(0)] |= SUFFIX_START;
for (const c of REGION_STOP_CHARS) CODE_KIND[c.charCodeAt(0)] |= STOP;
for (const c of REGION_SUFFIXES) if (c.length === 1) CODE_KIND[c.charCodeAt(0)] |= ONE_CHAR_SUFFIX;
/** A character a region's name may hold (CJK, no stop character: 在, 对, 的 … end the run before a suffix). */
function nameCode(c: number): boolean {
  return c >= 0x4e00 && c <= 0x9fff && (CODE_KIND[c] & STOP) === 0;
}

function suffixMentionsIn(text: string): SubjectMention[] {
  const out: SubjectMention[] = [];
  for (let i = 1; i < text.length; i++) {
    const kind = CODE_KIND[text.charCodeAt(i)];
    if ((kind & (ZONE_START | SUFFIX_START)) === 0) continue;
    // 山东河口经济开发区, 河口经开区 -> 河口·开发区
    const zone = kind & ZONE_START ? startsWithAny(text, ZONE_WORDS, i) : undefined;
    if (zone) {
      let s = i;
      while (s > 0 && i - s < 4 && nameCode(text.charCodeAt(s - 1))) s--;
      if (i - s >= 2) {
        const run = text.slice(s, i);
        out.push({ start: s, end: i + zone.length, key: `${regionKey(run)}·${ZONES[zone]}`, name: run + zone, level: ZONE_LEVEL });
        i += zone.length - 1;
        continue;
      }
    }
    if ((kind & SUFFIX_START) === 0) continue;
    const suffix = startsWithAny(text, REGION_SUFFIXES, i);
    if (!suffix || inNonRegion(text, i, suffix.length)) continue;
    let s = i;
    while (s > 0 && i - s < 4 && nameCode(text.charCodeAt(s - 1))) s--;
    const min = suffix === '县' || suffix === '旗' ? 1 : 2;
    // 镇江市: a name may begin with a suffix character that ends no region of its own (邢台市威县 is two)
    if (i - s === 1 && min === 2 && s > 0 && (CODE_KIND[text.charCodeAt(s - 1)] & ONE_CHAR_SUFFIX) !== 0 && !(out.length && out[out.length - 1].end === s)) s--;
    const run = text.slice(s, i);
    if (run.length < min) continue;
    // provinces are a closed list: 促成省分行 is no province, 四川省 / 在四川省 is
    let name = run;
    if (suffix === '省' || suffix === '自治区') {
      const province = provinceEnding(run);
      if (!province) continue;
      name = province;
      s = i - province.length;
    }
    out.push({ start: s, end: i + suffix.length, key: regionKey(name), name, level: levelOf(suffix) });
    i += suffix.length - 1;
  }
  return out;
}

// (a function of its own: a closure over the loop's `run` made V8 allocate the loop body's context at every
// character the scan stepped over)
function provinceEnding(run: string): string | undefined {
  for (const p of PROVINCE_NAMES) if (run.endsWith(p)) return p;
  return undefined;
}

function levelOf(suffix: string): string {
  if (suffix === '自治区' || suffix === '特别行政区') return '省';
  if (suffix === '自治州') return '州';
  if (suffix === '自治县') return '县';
  return suffix;
}

// the words of a lexicon by the code of their first character, and a bit set of those codes (8 KB, where a
// byte per code was 64 KB). A draft makes new lexicons (its names, with its title and without): the indexes of
// the last few are kept, and an index pushed out gives its bit set, cleared, to the next one (a new 8 KB typed
// array per lexicon cost more than building the rest of the index).
interface FirstIndex {
  words: ReadonlyArray<[string, string, string]>;
  has: Uint32Array;
  byFirst: Map<number, number[]>;
}
const firstIndexes: FirstIndex[] = [];
const KEPT_INDEXES = 4;

function firstIndexOf(words: ReadonlyArray<[string, string, string]>): FirstIndex {
  for (let i = 0; i < firstIndexes.length; i++) {
    const x = firstIndexes[i];
    if (x.words !== words) continue;
    if (i > 0) {
      firstIndexes.splice(i, 1);
      firstIndexes.unshift(x);
    }
    return x;
  }
  let has: Uint32Array;
  if (firstIndexes.length >= KEPT_INDEXES) {
    has = firstIndexes.pop()!.has;
    has.fill(0);
  } else has = new Uint32Array(0x10000 >>> 5);
  const byFirst = new Map<number, number[]>();
  for (let k = 0; k < words.length; k++) {
    const c = words[k][0].charCodeAt(0);
    has[c >>> 5] |= 1 << (c & 31);
    const list = byFirst.get(c);
    if (list) list.push(k);
    else byFirst.set(c, [k]);
  }
  const x = { words, has, byFirst };
  firstIndexes.unshift(x);
  return x;
}

// Where each word's last occurrence in the text being read ends (valid where nextStamp is the current read's
// stamp): a word's occurrences do not overlap, as indexOf from the end of the last one finds them. Kept across
// reads, so a line costs no array of its own.
let nextEnd = new Int32Array(0);
let nextStamp = new Int32Array(0);
let stamp = 0;

/**
 * wordMentions' mentions in the order its caller sorts them to (start, longer first, word order), found in one
 * pass over the text instead of one indexOf per word: a line of a draft against a hundred words.
 */
function wordMentionsByPass(text: string, words: ReadonlyArray<[string, string, string]>): SubjectMention[] {
  const index = firstIndexOf(words);
  const has = index.has;
  if (nextEnd.length < words.length) {
    nextEnd = new Int32Array(words.length * 2);
    nextStamp = new Int32Array(words.length * 2);
  }
  // (a new stamp per read: every word's entry of an earlier read is stale; at the wrap, all cleared)
  if (++stamp === 0x7fffffff) {
    nextStamp.fill(0);
    stamp = 1;
  }
  // (read through locals in the loop)
  const ends = nextEnd, stamps = nextStamp, now = stamp, byFirst = index.byFirst;
  // (found in the order of that sort as they come: by start as the scan goes; at one start, each word in
  // word order, put before the ones found there that end sooner)
  let found: SubjectMention[] = NO_MENTIONS;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (((has[c >>> 5] >>> (c & 31)) & 1) === 0) continue;
    const here = found.length;
    const ks = byFirst.get(c)!;
    for (let j = 0; j < ks.length; j++) {
      const k = ks[j];
      const entry = words[k];
      const word = entry[0];
      if ((stamps[k] === now && i < ends[k]) || !text.startsWith(word, i)) continue;
      stamps[k] = now;
      ends[k] = i + word.length;
      const m: SubjectMention = { start: i, end: i + word.length, key: entry[1], name: word, level: entry[2] };
      if (found === NO_MENTIONS) found = [];
      let at = found.length;
      while (at > here && found[at - 1].end < m.end) at--;
      if (at === found.length) found.push(m);
      else found.splice(at, 0, m);
    }
  }
  return found;
}
const NO_MENTIONS = Object.freeze([]) as unknown as SubjectMention[];

/** 全市 -> 市, 该县 -> 县, 当地 -> '' (any level). */
function wholeLevel(word: string): string {
  const m = /[省市区县州镇乡旗盟]$/.exec(word);
  return m ? m[0] : '';
}

// extraction, the main subject and the checks ask for the same few texts' mentions in turn
const recent: Array<{ text: string; title: string; mentions: SubjectMention[] }> = [];

/** Every subject mention in text, longest first on overlap, in text order. Do not modify the result. */
export function findSubjects(text: string, title = ''): SubjectMention[] {
  let hit = recent.find(r => r.text === text && r.title === title);
  // (keep the string asked with: the next asks compare it by reference)
  if (hit) hit.text = text;
  else {
    hit = { text, title, mentions: findSubjectsIn(text, title) };
    recent.unshift(hit);
    if (recent.length > 4) recent.pop();
  }
  return hit.mentions;
}

/**
 * 镇江 said again and again (当前镇江面临…, 落户镇江): a name that begins with a suffix character. Each
 * suffix mention whose suffix starts such a repeated name is a misreading (当前镇, 落户镇); the name is
 * the place, of unknown level.
 */
function repeatedSuffixNames(lines: ReadonlyArray<{ text: string; suffixed: readonly SubjectMention[] }>): Set<string> {
  const names = new Set<string>();
  // the words read as the region's name before each: 当前, 相信, 准备落户 … (眉山市保障性… always 眉山)
  const runs = new Map<string, Set<string>>();
  // (indexed loops and char codes: most lines have no suffixed mention, and no string is made for a character)
  for (let l = 0; l < lines.length; l++) {
    const { text, suffixed } = lines[l];
    for (let k = 0; k < suffixed.length; k++) {
      const m = suffixed[k];
      // the character after the suffix: CJK, starting no suffix, no stop character
      if (m.end >= text.length) continue;
      const c = text.charCodeAt(m.end);
      if (c < 0x4e00 || c > 0x9fff || (CODE_KIND[c] & (SUFFIX_START | STOP)) !== 0 || inNonRegion(text, m.end - 1, 2)) continue;
      const pair = text.slice(m.end - 1, m.end + 1);
      (runs.get(pair) ?? runs.set(pair, new Set()).get(pair)!).add(m.name);
    }
  }
  for (const [pair, names_] of runs) if (names_.size >= REPEATED) names.add(pair);
  return names;
}
const REPEATED = 3;

function findSubjectsIn(text: string, title: string): SubjectMention[] {
  const suffixed = suffixMentions(text);
  return subjectMentionsWith(text, suffixed, subjectLexicon([{ text, suffixed }], title));
}

/** What a text teaches about names beyond its own lines: repeated names (镇江) and names learned from suffixed ones. */
export interface SubjectLexicon {
  repeated: Set<string>;
  words: Array<[string, string, string]>;
  /** Changes whenever the words or the repeated names do (a cache key). */
  sig: string;
}

/**
 * The lexicon of a text given as lines (each with its suffixed mentions, suffixMentionsOf), and its title.
 * The lines may be the whole text as one: no name crosses a line break.
 */
export function subjectLexicon(lines: ReadonlyArray<{ text: string; suffixed: readonly SubjectMention[] }>, title: string): SubjectLexicon {
  const { repeated, learned } = learnedFromLines(lines);
  for (const m of suffixMentions(title)) learn(learned, m);
  return lexiconOf(repeated, learned);
}

/**
 * subjectLexicon(lines, title) and subjectLexicon(lines, ''), the lines read once for both (the title's
 * names are learned after the lines', so the second is the first before them).
 */
export function subjectLexicons(lines: ReadonlyArray<{ text: string; suffixed: readonly SubjectMention[] }>, title: string): { withTitle: SubjectLexicon; without: SubjectLexicon } {
  const { repeated, learned } = learnedFromLines(lines);
  const without = lexiconOf(repeated, learned);
  const inTitle = suffixMentions(title);
  if (!inTitle.length) return { withTitle: without, without };
  const withTitle = new Map(learned);
  for (const m of inTitle) learn(withTitle, m);
  return { withTitle: lexiconOf(repeated, withTitle), without };
}

function learnedFromLines(lines: ReadonlyArray<{ text: string; suffixed: readonly SubjectMention[] }>): { repeated: Set<string>; learned: Map<string, string> } {
  const repeated = repeatedSuffixNames(lines);
  const learned = new Map<string, string>();
  for (const name of repeated) learned.set(name, '');
  for (let l = 0; l < lines.length; l++) {
    const { text, suffixed } = lines[l];
    for (let k = 0; k < suffixed.length; k++) {
      const m = suffixed[k];
      if (!repeated.size || !repeated.has(text.slice(m.end - 1, m.end + 1))) learn(learned, m);
    }
  }
  return { repeated, learned };
}

/** Learns the names a suffixed mention teaches (its name, and its tails of three characters or more). */
function learn(learned: Map<string, string>, m: SubjectMention): void {
  if (m.level === ZONE_LEVEL) return;
  // 按照九龙坡区 -> 照九龙坡, 九龙坡: the run may carry a word before the name
  for (let i = 0; i + 2 <= m.name.length; i++) {
    const name = m.name.slice(i);
    if (name.length >= 3 || name === m.name) learned.set(name, m.level);
  }
}

function lexiconOf(repeated: Set<string>, learned: Map<string, string>): SubjectLexicon {
  const words: Array<[string, string, string]> = [...FIXED_WORDS_BEFORE];
  // (the sig's parts joined once: a string grown by += is a chain of thousands of pieces, copied whole when
  // first hashed as a key)
  const parts: string[] = [[...repeated].join(','), '|'];
  for (const [name, level] of learned) {
    words.push([name, regionKey(name), level]);
    parts.push(name, ':', level, ',');
  }
  words.push(...FIXED_WORDS_AFTER);
  return { repeated, words, sig: parts.join('') };
}

const FIXED_WORDS_BEFORE: Array<[string, string, string]> = [];
PLACES.forEach(p => FIXED_WORDS_BEFORE.push([p, regionKey(p), PROVINCES.has(p) ? '省' : '市']));
for (const [alias, place] of Object.entries(ALIASES)) if (alias.length >= 2) FIXED_WORDS_BEFORE.push([alias, regionKey(place), '市']);
const FIXED_WORDS_AFTER: Array<[string, string, string]> = [];
for (const w of WHOLE_BODY) FIXED_WORDS_AFTER.push([w, WHOLE, wholeLevel(w)]);
for (const w of NATIONAL) FIXED_WORDS_AFTER.push([w, NATION, '国']);

/** The suffixed mentions of a text (one line or more), for subjectLexicon and subjectMentionsWith. */
export function suffixMentionsOf(text: string): SubjectMention[] {
  return suffixMentions(text);
}

/** Every subject mention in text (a line, or the whole text), given its suffixed mentions and the whole text's lexicon. */
export function subjectMentionsWith(text: string, suffixed: readonly SubjectMention[], lex: SubjectLexicon): SubjectMention[] {
  const kept = lex.repeated.size ? suffixed.filter(m => !lex.repeated.has(text.slice(m.end - 1, m.end + 1))) : suffixed;
  // 全国青少年舞龙舞狮锦标赛在宝安区举办: 全国 naming an event or a meeting is not what the sentence is about
  let words = wordMentionsByPass(text, lex.words);
  // (the list is filtered only when it holds a 全国 that names an event: most lines have none)
  for (let i = 0; i < words.length; i++) {
    if (words[i].key === NATION && EVENT_NAME.test(text.slice(words[i].end, words[i].end + 20))) {
      words = words.filter(m => m.key !== NATION || !EVENT_NAME.test(text.slice(m.end, m.end + 20)));
      break;
    }
  }
  // (the word mentions come sorted so: with no suffixed mention, the stable sort would keep their order)
  const all = kept.length ? [...kept, ...words].sort((a, b) => a.start - b.start || b.end - a.end) : words;
  const out: SubjectMention[] = [];
  for (const m of all) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) {
      if (m.end - m.start > last.end - last.start) out[out.length - 1] = m;
      continue;
    }
    out.push(m);
  }
  return out;
}

const EVENT_NAME = /^[\u4e00-\u9fff]{0,14}?(?:锦标赛|大赛|比赛|联赛|赛事|运动会|大会|会议|论坛|博览会|交易会|展览会|峰会)/;

const nestCache: { text?: string; parents?: Map<string, Set<string>> } = {};
// findSubjects(text) of a text read elsewhere (line by line, cached): nested() asks it for the mentions
const provided: { text?: string; of?: () => SubjectMention[] } = {};

/** What findSubjects(text) gives, from a reading made elsewhere: nested(text, …) uses it instead of reading the text again. */
export function provideMentions(text: string, of: () => SubjectMention[]): void {
  provided.text = text;
  provided.of = of;
}

/**
 * Does the text itself put one subject inside the other (广东深圳宝安区福海街道: 深圳 ⊃ 宝安 ⊃ 福海)?
 * Learned from adjacent mentions (chains), followed through.
 */
export function nested(text: string, a: string, b: string): boolean {
  if (nestCache.text !== text) {
    const parents = new Map<string, Set<string>>();
    const mentions = provided.text === text ? provided.of!() : findSubjects(text);
    const add = (child: string, parent: string) => (parents.get(child) ?? parents.set(child, new Set()).get(child)!).add(parent);
    // 深圳宝安区 read as one name: its first words are a place the text names elsewhere (鹏城, 深圳市)
    const keys = new Set(mentions.map(m => m.key));
    for (const m of mentions) {
      const stem = m.level && m.level !== ZONE_LEVEL && m.name.endsWith(m.level) ? m.name.slice(0, -m.level.length) : m.name;
      if (stem.length >= 4 && keys.has(regionKey(stem.slice(0, -2))) && regionKey(stem.slice(0, -2)) !== m.key) add(m.key, regionKey(stem.slice(0, -2)));
    }
    for (let i = 0; i + 1 < mentions.length; i++) {
      const m = mentions[i], n = mentions[i + 1];
      if (n.start !== m.end || m.key === n.key || [m.key, n.key].some(k => k === WHOLE || k === NATION)) continue;
      add(n.key, m.key);
    }
    nestCache.text = text;
    nestCache.parents = parents;
  }
  const within = (child: string, parent: string): boolean => {
    const seen = new Set<string>();
    const todo = [child];
    while (todo.length) {
      for (const p of nestCache.parents!.get(todo.pop()!) ?? []) {
        if (p === parent) return true;
        if (!seen.has(p)) seen.add(p), todo.push(p);
      }
    }
    return false;
  };
  return within(a, b) || within(b, a);
}

/** From the first mention at or after `from`, follow an adjacent chain (广东省深圳市宝安区) to its most specific end. */
export function chainEnd(mentions: readonly SubjectMention[], index: number, text?: string): SubjectMention {
  let m = mentions[index];
  for (let j = index + 1; j < mentions.length; j++) {
    const n = mentions[j];
    // 东营市河口区的河口经济开发区: a zone of the region before it is the more specific subject
    const zoneOf = n.level === ZONE_LEVEL && n.start === m.end + 1 && text?.[m.end] === '的';
    if ((n.start !== m.end && !zoneOf) || n.key === WHOLE || n.key === NATION) break;
    m = n;
  }
  return m;
}

export interface MainSubject {
  key: string;
  level: string;
}

/** The document's own subject: the title's first region, else the most mentioned one near the start. */
export function mainSubjectOf(text: string, title: string): MainSubject | undefined {
  return mainSubjectFrom(findSubjects(text), title);
}

/** mainSubjectOf, given the text's mentions read without its title (only those starting up to 5000 matter). */
export function mainSubjectFrom(mentions: Iterable<SubjectMention>, title: string): MainSubject | undefined {
  const counts = new Map<string, { n: number; level: string }>();
  for (const m of mentions) {
    if (m.key === WHOLE || m.start > 5000) continue;
    const c = counts.get(m.key) ?? { n: 0, level: m.level };
    c.n++;
    counts.set(m.key, c);
  }
  const inTitle = findSubjects(title).filter(m => m.key !== WHOLE);
  if (inTitle.length) {
    const m = chainEnd(inTitle, 0);
    // 崔杰市长在…会议上的讲话: before 市长 / 县长 may stand a person's name; take it only when it is
    // a known place or a name the text repeats
    const official = title[m.end] === '长';
    const known = PLACES.includes(m.name) || m.name in ALIASES || (counts.get(m.key)?.n ?? 0) >= 3;
    if (!official || known) return { key: m.key, level: m.level };
  }
  let best: MainSubject | undefined;
  let n = 0;
  for (const [k, c] of counts) if (c.n > n) [best, n] = [{ key: k, level: c.level }, c.n];
  return best;
}

export function mainSubject(text: string, title: string): string | undefined {
  return mainSubjectOf(text, title)?.key;
}

export function subjectsCompatible(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  return a === b || a.endsWith(b) || b.endsWith(a);
}
