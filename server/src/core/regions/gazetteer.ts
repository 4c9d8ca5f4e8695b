// The in-memory gazetteer: every region of the division codes (2023 codes plus later changes) with its parent chain, and
// every surface a writer uses for it (official name, short form, 州 form, nickname, cluster).
import { aliases, words } from './tables';

/** 1 province, 2 prefecture, 3 county, 4 township. */
export type Level = 1 | 2 | 3 | 4;

export interface Region {
  code: string;
  name: string;
  level: Level;
  /** Code of the nearest real ancestor (pseudo levels such as 市辖区 are skipped), or null. */
  parent: string | null;
}

/** How a surface names its region; decides how much a match can be trusted. */
export type SurfaceKind =
  | 'full' // 宝安区, 凉山彝族自治州
  | 'short' // 宝安, 凉山州, 凉山, 四川
  | 'nickname' // 蓉城
  | 'weak'; // a full name that is also a common word (城区, 东区): only right after its parent

export interface Surface {
  code: string;
  kind: SurfaceKind;
}

/** A change to the divisions after the base codes (server/data/division-changes.json). */
export interface DivisionChange {
  kind: 'new' | 'rename' | 'abolish';
  /** When it took effect, YYYY-MM. */
  date: string;
  code: string;
  name?: string;
  old?: string;
  parent?: string;
  into?: string;
}

export interface Gazetteer {
  readonly size: number;
  readonly source: string;
  /** Date (YYYY-MM) of the latest division change the table knows; '' for an old table. */
  readonly dataDate: string;
  /** Code -> the change that made the region what it is now (和康县: new in 2024-12). */
  readonly changes: ReadonlyMap<string, DivisionChange>;
  /** Two-character words of any frequency that hold a name boundary (明晰, 赛区, 亲临). */
  readonly boundaryWords: ReadonlySet<string>;
  /** Two-character place words that are no division (滨湖, 江东, 渤海). */
  readonly placeWords: ReadonlySet<string>;
  readonly regions: ReadonlyMap<string, Region>;
  /** Surface text -> the regions it may name. */
  readonly surfaces: ReadonlyMap<string, readonly Surface[]>;
  /** First two characters of every surface -> the surface lengths starting with them (descending). */
  readonly lengthsByPrefix: ReadonlyMap<string, readonly number[]>;
  /** Stem (name minus 镇/乡/街道/县/区/市 …) -> regions with that stem, for renamed places (谢家镇 → 谢家街道). */
  readonly stems: ReadonlyMap<string, readonly string[]>;
  /** Historical names no longer in the codes, with what became of them. */
  readonly historical: ReadonlyMap<string, string>;
  /** Fixed province-abbreviation clusters (川渝, 京津冀) -> codes. */
  readonly clusters: ReadonlyMap<string, readonly string[]>;
  /** Toneless readings of each character (pinyin), for the homophone test. */
  readonly readings: ReadonlyMap<string, readonly string[]>;
  readonly notRegions: ReadonlySet<string>;
  readonly ambiguousStems: ReadonlySet<string>;
  /** Character -> characters that look like it. */
  readonly lookalikes: ReadonlyMap<string, ReadonlySet<string>>;
  /** Common two-character words starting with a look-alike of a suffix (首次, 具体, 悬崖). */
  readonly suffixLookalikeWords: ReadonlySet<string>;
  /** Two-character words that start with a suffix character (区域, 市场, 乡村). */
  readonly suffixStartsWord: ReadonlySet<string>;
  /** Common two-character words that are not places (中立, 保安, 资源). */
  readonly commonWords: ReadonlySet<string>;
  /** Character -> [structure, part, part] for two-part characters (郫 -> a, 卑, 阝). */
  readonly parts: ReadonlyMap<string, readonly [string, string, string]>;
}

interface Table {
  version: number;
  source?: string;
  entries: string;
  readings: Record<string, string>;
  commonStems?: string[];
  suffixLookalikeWords?: string[];
  parts?: Record<string, string>;
  /** Two-character words, concatenated. */
  commonWords?: string;
  dataDate?: string;
  changes?: DivisionChange[];
  historicalNames?: Array<{ name: string; code: string; date: string; now?: string; into?: string }>;
  boundaryWords?: string;
  placeWords?: string;
}

/** Pseudo prefectures that group counties without being a place (市辖区, 省直辖县级行政区划). */
const PSEUDO = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;
/** Official suffixes, longest first, by level. */
const SUFFIX_BY_LEVEL: Record<Level, RegExp> = {
  1: /(维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市)$/,
  2: /(自治州|地区|盟|市)$/,
  3: /(自治县|自治旗|林区|特区|新区|区|县|市|旗)$/,
  4: /(民族乡|街道|镇|乡|苏木)$/,
};
const ETHNIC = [...words.ethnicNames].sort((a, b) => b.length - a.length);

function levelOf(code: string): Level {
  return code.length <= 2 ? 1 : code.length <= 4 ? 2 : code.length <= 6 ? 3 : 4;
}

/** Strips the official suffix (and the ethnic names before 自治州/自治县), e.g. 凉山彝族自治州 -> 凉山. */
export function stemOf(name: string, level: Level): { stem: string; suffix: string } {
  const m = SUFFIX_BY_LEVEL[level].exec(name);
  if (!m) return { stem: name, suffix: '' };
  let stem = name.slice(0, name.length - m[0].length);
  if (m[0].startsWith('自治')) {
    for (let changed = true; changed; ) {
      changed = false;
      for (const e of ETHNIC) {
        if (stem.length > e.length + 1 && stem.endsWith(e)) {
          stem = stem.slice(0, stem.length - e.length);
          changed = true;
          break;
        }
      }
    }
  }
  return { stem, suffix: m[0] };
}

/** Short forms a writer uses for a region (never one character), from its stem and official suffix. */
function shortForms(stem: string, suffix: string, level: Level): string[] {
  if (!suffix || stem.length < 2 || level === 4) return [];
  const out = [stem];
  if (suffix === '自治州') out.push(`${stem}州`);
  if (suffix === '自治县') out.push(`${stem}县`);
  if (suffix === '自治旗') out.push(`${stem}旗`);
  return out;
}

function parseEntries(entries: string): Region[] {
  const out: Region[] = [];
  let county = '';
  for (const line of entries.split('\n')) {
    if (!line) continue;
    let code: string;
    let name: string;
    if (line.startsWith('+')) {
      code = county + line.slice(1, 4);
      name = line.slice(4);
    } else {
      const m = /^(\d+)(.*)$/.exec(line);
      if (!m) continue;
      code = m[1];
      name = m[2];
      if (code.length === 6) county = code;
    }
    out.push({ code, name, level: levelOf(code), parent: null });
  }
  return out;
}

export function createGazetteerFromTable(data: unknown): Gazetteer {
  const table = data as Table;
  if (!table || typeof table.entries !== 'string') throw new Error('gazetteer: not a gazetteer table');
  const regions = new Map<string, Region>();
  const pseudo = new Set<string>();
  for (const r of parseEntries(table.entries)) {
    if (r.level === 2 && PSEUDO.test(r.name)) {
      pseudo.add(r.code);
      continue;
    }
    regions.set(r.code, r);
  }
  for (const r of regions.values()) {
    for (let len = r.code.length === 9 ? 6 : r.code.length - 2; len >= 2; len -= 2) {
      const p = r.code.slice(0, len);
      if (regions.has(p)) {
        r.parent = p;
        break;
      }
    }
  }

  const notRegions = new Set(words.notRegions);
  const ambiguousStems = new Set([...words.ambiguousStems, ...(table.commonStems ?? [])]);
  const surfaces = new Map<string, Surface[]>();
  const add = (text: string, code: string, kind: SurfaceKind) => {
    if (text.length < 2) return;
    const list = surfaces.get(text);
    if (!list) surfaces.set(text, [{ code, kind }]);
    else if (!list.some(s => s.code === code)) list.push({ code, kind });
  };
  const stems = new Map<string, string[]>();
  for (const r of regions.values()) {
    const { stem, suffix } = stemOf(r.name, r.level);
    // Townships that are zones, farms or offices (综合保税区, 温泉地区) are not matched in text.
    if (r.level === 4 && !suffix) continue;
    add(r.name, r.code, notRegions.has(r.name) ? 'weak' : 'full');
    if (stem.length >= 2) {
      const list = stems.get(stem);
      if (list) list.push(r.code);
      else stems.set(stem, [r.code]);
    }
    for (const s of shortForms(stem, suffix, r.level)) {
      if (notRegions.has(s)) continue;
      add(s, r.code, 'short');
    }
  }
  for (const [nick, code] of Object.entries(aliases.nicknames)) if (regions.has(code)) add(nick, code, 'nickname');
  const clusters = new Map<string, string[]>();
  for (const [text, codes] of Object.entries(aliases.abbreviationClusters)) {
    if (Array.isArray(codes)) clusters.set(text, codes.filter(c => regions.has(c)));
  }
  const historical = new Map<string, string>();
  for (const [name, note] of Object.entries(aliases.historical)) if (!name.startsWith('$')) historical.set(name, note);
  for (const h of table.historicalNames ?? []) {
    if (historical.has(h.name)) continue;
    const now = h.now ?? h.into ?? '';
    historical.set(h.name, `${h.date}: ${now}`);
  }

  const lengthsByPrefix = new Map<string, number[]>();
  for (const keys of [surfaces.keys(), clusters.keys(), historical.keys()]) {
    for (const text of keys) {
      const key = text.slice(0, 2);
      const list = lengthsByPrefix.get(key);
      if (!list) lengthsByPrefix.set(key, [text.length]);
      else if (!list.includes(text.length)) list.push(text.length);
    }
  }
  for (const list of lengthsByPrefix.values()) list.sort((a, b) => b - a);

  const readings = new Map<string, string[]>();
  for (const [reading, chars] of Object.entries(table.readings ?? {})) {
    for (const c of chars) {
      const list = readings.get(c);
      if (list) list.push(reading);
      else readings.set(c, [reading]);
    }
  }
  for (const [c, rs] of Object.entries(words.readings)) {
    if (c.startsWith('$') || !Array.isArray(rs)) continue;
    readings.set(c, [...new Set([...(readings.get(c) ?? []), ...rs])]);
  }
  const lookalikes = new Map<string, Set<string>>();
  for (const group of words.lookalikes) {
    const chars = [...group];
    for (const c of chars) {
      const set = lookalikes.get(c) ?? new Set<string>();
      for (const d of chars) if (d !== c) set.add(d);
      lookalikes.set(c, set);
    }
  }

  /** Two-unit words written one after another ('明晰赛区…'). */
  const pairs = (s: string | undefined) => {
    const out = new Set<string>();
    for (let i = 0; s && i + 2 <= s.length; i += 2) out.add(s.slice(i, i + 2));
    return out;
  };
  return {
    size: regions.size,
    source: table.source ?? '',
    dataDate: table.dataDate ?? '',
    changes: new Map((table.changes ?? []).map(c => [c.code, c])),
    boundaryWords: pairs(table.boundaryWords),
    placeWords: pairs(table.placeWords),
    regions,
    surfaces,
    lengthsByPrefix,
    stems,
    historical,
    clusters,
    readings,
    notRegions,
    ambiguousStems,
    lookalikes,
    suffixLookalikeWords: new Set(table.suffixLookalikeWords ?? []),
    suffixStartsWord: new Set(words.suffixStartsWord),
    commonWords: pairs(table.commonWords),
    parts: new Map(Object.entries(table.parts ?? {}).map(([c, v]) => [c, v.split('|') as [string, string, string]])),
  };
}

const chains = new WeakMap<Gazetteer, Map<string, readonly Region[]>>();

/** The chain from the province down to the region itself (computed once per code; do not modify). */
export function chainOf(gaz: Gazetteer, code: string): readonly Region[] {
  let byCode = chains.get(gaz);
  if (!byCode) chains.set(gaz, (byCode = new Map()));
  let chain = byCode.get(code);
  if (!chain) {
    const out: Region[] = [];
    for (let r = gaz.regions.get(code); r; r = r.parent ? gaz.regions.get(r.parent) : undefined) out.unshift(r);
    byCode.set(code, (chain = out));
  }
  return chain;
}

/** True when `ancestor` is `code` itself or one of its ancestors. */
export function isWithin(code: string, ancestor: string): boolean {
  return code.startsWith(ancestor);
}

export function levelOfCode(code: string): Level {
  return levelOf(code);
}
