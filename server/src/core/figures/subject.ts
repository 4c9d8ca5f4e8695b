// Finds who a figure is about: a region (宝安区, 成都, 蓉城), the whole body the document speaks
// for (全市, 该县), or the nation (全国). A light, self-contained recogniser: a region suffix with
// the name run before it, known places and nicknames, and bare names the same text spelled
// with a suffix elsewhere (成都市 … 成都规模以上工业).
import {
  ALIASES, NATIONAL, NOT_REGIONS, PLACES, REGION_STOP_CHARS, REGION_SUFFIXES, WHOLE_BODY, startsWithAny,
} from './lexicon';

export interface SubjectMention {
  start: number;
  end: number;
  /** Comparable key: the last two characters of the name (宝安, 成都, 浩特), '全国', or '*' (the document's own body). */
  key: string;
  name: string;
}

export const WHOLE = '*';
export const NATION = '全国';

const CJK = /[\u4e00-\u9fff]/;

export function regionKey(name: string): string {
  return name.length <= 2 ? name : name.slice(-2);
}

/** Is the suffix at i part of a word that is not a region (园区, 城市, 市场 …)? */
function inNonRegion(text: string, i: number, len: number): boolean {
  for (const w of NOT_REGIONS) {
    for (let s = Math.max(0, i + len - w.length); s <= i; s++) if (text.startsWith(w, s)) return true;
  }
  return false;
}

function suffixMentions(text: string): SubjectMention[] {
  const out: SubjectMention[] = [];
  for (let i = 1; i < text.length; i++) {
    const suffix = startsWithAny(text, REGION_SUFFIXES, i);
    if (!suffix || inNonRegion(text, i, suffix.length)) continue;
    let s = i;
    while (s > 0 && i - s < 4 && CJK.test(text[s - 1]) && !REGION_STOP_CHARS.has(text[s - 1])) s--;
    const run = text.slice(s, i);
    const min = suffix === '县' || suffix === '旗' ? 1 : 2;
    if (run.length < min) continue;
    out.push({ start: s, end: i + suffix.length, key: regionKey(run), name: run });
    i += suffix.length - 1;
  }
  return out;
}

function wordMentions(text: string, words: Iterable<[string, string]>): SubjectMention[] {
  const out: SubjectMention[] = [];
  for (const [word, key] of words) {
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) {
      out.push({ start: i, end: i + word.length, key, name: word });
    }
  }
  return out;
}

/** Every subject mention in text, longest first on overlap, in text order. */
export function findSubjects(text: string, title = ''): SubjectMention[] {
  const suffixed = suffixMentions(text);
  const learned = new Set<string>();
  for (const m of [...suffixed, ...suffixMentions(title)]) if (m.name.length >= 2) learned.add(m.name);
  const words: Array<[string, string]> = [];
  for (const p of PLACES) words.push([p, regionKey(p)]);
  for (const [alias, place] of Object.entries(ALIASES)) if (alias.length >= 2) words.push([alias, regionKey(place)]);
  for (const name of learned) words.push([name, regionKey(name)]);
  for (const w of WHOLE_BODY) words.push([w, WHOLE]);
  for (const w of NATIONAL) words.push([w, NATION]);
  const all = [...suffixed, ...wordMentions(text, words)].sort((a, b) => a.start - b.start || b.end - a.end);
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

/** From the first mention at or after `from`, follow an adjacent chain (广东省深圳市宝安区) to its most specific end. */
export function chainEnd(mentions: SubjectMention[], index: number): SubjectMention {
  let m = mentions[index];
  for (let j = index + 1; j < mentions.length; j++) {
    const n = mentions[j];
    if (n.start !== m.end || n.key === WHOLE || n.key === NATION) break;
    m = n;
  }
  return m;
}

/** The document's own subject: the title's first region, else the most mentioned one near the start. */
export function mainSubject(text: string, title: string): string | undefined {
  const inTitle = findSubjects(title).filter(m => m.key !== WHOLE);
  if (inTitle.length) return chainEnd(inTitle, 0).key;
  const counts = new Map<string, number>();
  for (const m of findSubjects(text.slice(0, 3000))) {
    if (m.key === WHOLE) continue;
    counts.set(m.key, (counts.get(m.key) ?? 0) + 1);
  }
  let best: string | undefined;
  let n = 0;
  for (const [k, c] of counts) if (c > n) [best, n] = [k, c];
  return best;
}

export function subjectsCompatible(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  return a === b || a.endsWith(b) || b.endsWith(a);
}
