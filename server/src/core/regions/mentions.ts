// Finds region names in a text: known surfaces by longest match, and unknown names by form
// (a proper name before 县/区/镇 …) so the corpus can vouch for names the codes lack (谢家镇).
import { type Gazetteer, isWithin, levelOfCode, type SurfaceKind } from './gazetteer';

export type MentionKind = SurfaceKind | 'cluster' | 'historical' | 'form';

export interface RegionMention {
  start: number;
  end: number;
  text: string;
  /** Regions the text may name (several for 鼓楼区); empty for historical and form mentions. */
  codes: string[];
  kind: MentionKind;
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
/** Suffixes that make a word look like a region name, longest first. */
export const FORM_SUFFIXES = ['街道', '省', '市', '县', '区', '镇', '乡', '村', '州', '旗', '盟'];
/** Characters of the suffixes. */
export const SUFFIX_CHARS: ReadonlySet<string> = new Set([...FORM_SUFFIXES.join('')]);
/** Characters that do not start or sit inside a place name (function words, quantifiers). */
export const NOT_IN_NAME: ReadonlySet<string> = new Set([...'的在和与及是为了等各全本该我其个一两这那到从对向于把被将就也都又并或有无不之以所而由']);

export function isHan(c: string | undefined): boolean {
  return c !== undefined && HAN.test(c);
}

/** Known surfaces (longest match, left to right), clusters and historical names. */
export function scanKnown(text: string, gaz: Gazetteer): RegionMention[] {
  const out: RegionMention[] = [];
  const n = text.length;
  let i = 0;
  while (i < n - 1) {
    const lens = gaz.lengthsByPrefix.get(text.slice(i, i + 2));
    let hit: RegionMention[] | null = null;
    if (lens) {
      for (const len of lens) {
        if (i + len > n) continue;
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
    if (x.kind === 'short' && gaz.ambiguousStems.has(s)) return false;
    // 适应城市 is 适应 + 城市, not 应城市: a name whose first character ends a word and whose rest is one.
    if (at > 0 && s.length === 3 && gaz.commonWords.has(text[at - 1] + s[0])
      && (gaz.notRegions.has(s.slice(1)) || gaz.commonWords.has(s.slice(1)))) return false;
    // 扩大新型 is 扩大 + 新型, not 大新: a short form whose ends belong to the words around it.
    if (x.kind === 'short' && s.length === 2
      && (gaz.commonWords.has(text.slice(at - 1, at + 1)) || gaz.commonWords.has(text.slice(at + 1, at + 3)))) return false;
    // A two-character county (易县, 新县) inside a longer word (迷易县, 全新县城) is not that county.
    if (x.kind === 'full' && s.length === 2 && at > 0 && !startsWord(text, at, prev)) return false;
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

/**
 * Unknown names by form: for each region suffix not already part of a known name, the 2- and
 * 3-character stems before it. Only used to learn which names the corpus uses.
 */
export function scanForms(text: string, known: readonly RegionMention[], gaz: Gazetteer): RegionMention[] {
  const covered = new Uint8Array(text.length + 1);
  for (const m of known) for (let k = m.start; k < m.end; k++) covered[k] = 1;
  const out: RegionMention[] = [];
  for (let j = 2; j < text.length; j++) {
    if (covered[j]) continue;
    const suffix = FORM_SUFFIXES.find(sfx => text.startsWith(sfx, j));
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
      if (gaz.notRegions.has(word) || gaz.notRegions.has(stem) || FORM_SUFFIXES.includes(stem[stem.length - 1])) continue;
      out.push({ start, end, text: word, codes: [], kind: 'form' });
    }
  }
  return out;
}

/** Every region mention of a text: known ones and unknown names by form, in text order. */
export function extractMentions(text: string, gaz: Gazetteer): RegionMention[] {
  const known = scanKnown(text, gaz);
  const forms = scanForms(text, known, gaz);
  return [...known, ...forms].sort((a, b) => a.start - b.start || b.end - a.end);
}
