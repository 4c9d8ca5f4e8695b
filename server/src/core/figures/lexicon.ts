// Loads the figure tables (data/*.json) once and shapes them for lookup.
import unitsData from './data/units.json';
import lex from './data/lexicon.json';

export type UnitKind = 'percent' | 'pp' | 'money' | 'count' | 'measure' | 'duration' | 'multiple' | 'fraction';

export interface UnitEntry {
  text: string;
  unit: string;
  kind: UnitKind;
  scale: number;
  chineseOnly?: boolean;
}

export type RelationClass = 'increase' | 'decrease' | 'level' | 'exceed' | 'below';

const byLength = (a: string, b: string) => b.length - a.length;

/** Units, longest first, so 个百分点 wins over 个 and 亿元 over 元. */
export const UNITS: UnitEntry[] = (unitsData.units as UnitEntry[]).slice().sort((a, b) => byLength(a.text, b.text));

/** Relation words with their class, longest first. */
export const RELATIONS: Array<{ word: string; cls: RelationClass }> = Object.entries(lex.relations)
  .flatMap(([cls, words]) => (words as string[]).map(word => ({ word, cls: cls as RelationClass })))
  .sort((a, b) => byLength(a.word, b.word));

export type Bound = 'lower' | 'upper' | 'about';
function boundList(table: Record<string, string[]>): Array<{ word: string; bound: Bound }> {
  const names: Record<string, Bound> = { lowerBound: 'lower', upperBound: 'upper', about: 'about' };
  return Object.entries(table)
    .flatMap(([k, words]) => words.map(word => ({ word, bound: names[k] })))
    .sort((a, b) => byLength(a.word, b.word));
}
export const QUALIFIERS_BEFORE = boundList(lex.before);
export const QUALIFIERS_AFTER = boundList(lex.after);

export const SHARE_WORDS: string[] = lex.shareWords.slice().sort(byLength);
export const NOT_STAT_BEFORE: string[] = lex.notStatisticBefore.slice().sort(byLength);
export const RULE_BEFORE: string[] = lex.ruleBefore.slice().sort(byLength);
export const TARGET_CONTEXT: string[] = lex.targetContext;
export const NOT_STAT_AFTER: string[] = lex.notStatisticAfter.slice().sort(byLength);
export const PART_MARKERS: string[] = lex.partMarkers;
/** Endings of rates and shares (率, 占比 …): a change of one is in percentage points … */
export const PERCENT_RATES: string[] = lex.percentRates.slice().sort(byLength);
/** … unless the rate is not a share of a population (劳动生产率, 发生率, 利率): those change by %. */
export const RATE_NOT_SHARE: string[] = lex.rateNotShare.slice().sort(byLength);
/** Indicators whose growth is stated at comparable prices while their levels are at current prices. */
export const REAL_GROWTH: string[] = (lex as { realGrowth: string[] }).realGrowth;
export const SHARE_RATES: string[] = (lex as { shareRates: string[] }).shareRates.slice().sort(byLength);
/** What a rate's part may be called besides the rate's own verb (办结率: 解决了1304个). */
export const RATE_VERBS: Record<string, string[]> = lex.rateVerbs;
export const EXHAUSTIVE_SETS: string[][] = lex.exhaustiveSets;
export const WHOLE_BODY: string[] = lex.wholeBody.slice().sort(byLength);
export const NATIONAL: string[] = lex.national.slice().sort(byLength);
export const REGION_SUFFIXES: string[] = lex.regionSuffixes.slice().sort(byLength);
export const NOT_REGIONS: string[] = lex.notRegions.slice().sort(byLength);
export const REGION_STOP_CHARS = new Set([...lex.regionStopChars]);
export const ALIASES: Record<string, string> = lex.aliases;
/** Development zone names by what they are (经济开发区 / 经开区 -> 开发区). */
export const ZONES: Record<string, string> = lex.zones;
export const PLACES: string[] = lex.places.slice().sort(byLength);
export const PROVINCE_NAMES: string[] = lex.places.slice(0, 34);
export const HOLIDAYS: string[] = lex.holidays.slice().sort(byLength);
export const YEAR_PARTS: string[] = lex.yearParts.slice().sort(byLength);
export const RELATIVE_YEARS: Record<string, number> = lex.relativeYears;

/** The longest word of `words` that `text` ends with (at `end`), or undefined. */
export function endsWithAny(text: string, words: readonly string[], end = text.length): string | undefined {
  // (indexed: a for-of makes an iterator result per word until the code is optimised)
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (end >= w.length && text.startsWith(w, end - w.length)) return w;
  }
  return undefined;
}
/** The longest word of `words` that occurs in `text` at `start`. */
export function startsWithAny(text: string, words: readonly string[], start = 0): string | undefined {
  for (let i = 0; i < words.length; i++) if (text.startsWith(words[i], start)) return words[i];
  return undefined;
}

/** People are counted in 名, 人 and 位 alike (13名…、18名…共29人; 591名干部 / 591人): one unit to add and compare in. */
const PEOPLE = new Set(['名', '人', '位']);
export const addUnit = (unit: string): string => (PEOPLE.has(unit) ? '人' : unit);
