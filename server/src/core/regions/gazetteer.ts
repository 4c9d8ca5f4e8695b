// The in-memory gazetteer: every region of the division codes (2023 codes plus later changes) with its parent chain, and
// every surface a writer uses for it (official name, short form, 州 form, nickname, cluster).
import { aliases, words } from './tables';
import { KeyTable, PairList, PairWords, Rows } from './packed';

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

/** Two-character words, asked one at a time. */
export interface WordSet {
  has(word: string): boolean;
}

export interface Gazetteer {
  readonly size: number;
  readonly source: string;
  /** Date (YYYY-MM) of the latest division change the table knows; '' for an old table. */
  readonly dataDate: string;
  /** Code -> the change that made the region what it is now (和康县: new in 2024-12). */
  readonly changes: ReadonlyMap<string, DivisionChange>;
  /** Two-character words of any frequency that hold a name boundary (明晰, 赛区, 亲临). */
  readonly boundaryWords: WordSet;
  /** Two-character place words that are no division (滨湖, 江东, 渤海). */
  readonly placeWords: WordSet;
  readonly regions: ReadonlyMap<string, Region>;
  /** Surface text -> the regions it may name. */
  readonly surfaces: ReadonlyMap<string, readonly Surface[]>;
  /**
   * Each surface once, in the order of `surfaces`, with what its list holds as bits (SURFACE_FULL,
   * SURFACE_SHORT, SURFACE_NICKNAME, SURFACE_WEAK, SURFACE_FULL_COUNTY), without making Surface objects;
   * `mainLevels` has bit L set when the list names a region of level L by its full name or a short form.
   */
  forEachSurface(fn: (text: string, bits: number, mainLevels: number) => void): void;
  /** The townships of a county (code of six digits), in table order; [] for any other code. */
  townships(county: string): readonly Region[];
  /** First two characters of every surface -> the surface lengths starting with them (descending). */
  readonly lengthsByPrefix: {
    get(prefix: string): readonly number[] | undefined;
    /** get(text.slice(i, i + 2)) for i + 2 <= text.length, without making the slice. */
    at?(text: string, i: number): readonly number[] | undefined;
  };
  /** Stem (name minus 镇/乡/街道/县/区/市 …) -> regions with that stem, for renamed places (谢家镇 → 谢家街道). */
  readonly stems: ReadonlyMap<string, readonly string[]>;
  /** Historical names no longer in the codes, with what became of them. */
  readonly historical: ReadonlyMap<string, string>;
  /** Fixed province-abbreviation clusters (川渝, 京津冀) -> codes. */
  readonly clusters: ReadonlyMap<string, readonly string[]>;
  /** Toneless readings of each character (pinyin), for the homophone test. */
  readonly readings: { get(char: string): readonly string[] | undefined };
  readonly notRegions: ReadonlySet<string>;
  readonly ambiguousStems: ReadonlySet<string>;
  /** Character -> characters that look like it. */
  readonly lookalikes: ReadonlyMap<string, ReadonlySet<string>>;
  /** Common two-character words starting with a look-alike of a suffix (首次, 具体, 悬崖). */
  readonly suffixLookalikeWords: ReadonlySet<string>;
  /** Two-character words that start with a suffix character (区域, 市场, 乡村). */
  readonly suffixStartsWord: ReadonlySet<string>;
  /** Common two-character words that are not places (中立, 保安, 资源). */
  readonly commonWords: WordSet;
  /** Character -> [structure, part, part] for two-part characters (郫 -> a, 卑, 阝). */
  readonly parts: {
    get(char: string): readonly [string, string, string] | undefined;
    values(): Iterable<readonly [string, string, string]>;
  };
}

interface Table {
  version: number;
  source?: string;
  entries: string;
  readings: Record<string, string>;
  commonStems?: string[];
  suffixLookalikeWords?: string[];
  /** "c|structure|part|part" lines (version 1: an object of "structure|part|part"). */
  parts?: string | Record<string, string>;
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
const SUFFIXES: Record<Level, readonly string[]> = {
  1: ['维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '特别行政区', '省', '市'],
  2: ['自治州', '地区', '盟', '市'],
  3: ['自治县', '自治旗', '林区', '特区', '新区', '区', '县', '市', '旗'],
  4: ['民族乡', '街道', '镇', '乡', '苏木'],
};
const ETHNIC = [...words.ethnicNames].sort((a, b) => b.length - a.length);

function levelOf(code: string): Level {
  return code.length <= 2 ? 1 : code.length <= 4 ? 2 : code.length <= 6 ? 3 : 4;
}

/** Whether text[start, end) ends with `tail`. */
function endsWithAt(text: string, start: number, end: number, tail: string): boolean {
  if (end - start < tail.length) return false;
  for (let j = 0, at = end - tail.length; j < tail.length; j++) if (text.charCodeAt(at + j) !== tail.charCodeAt(j)) return false;
  return true;
}

/** The official suffix text[start, end) ends with (the longest), or ''. */
function suffixAt(text: string, start: number, end: number, level: Level): string {
  for (const s of SUFFIXES[level]) if (endsWithAt(text, start, end, s)) return s;
  return '';
}

/** End of the stem of text[start, end) before `suffix` (the ethnic names before 自治州/自治县 stripped too). */
function stemEndAt(text: string, start: number, end: number, suffix: string): number {
  let stemEnd = end - suffix.length;
  if (suffix.startsWith('自治')) {
    for (let changed = true; changed; ) {
      changed = false;
      for (const e of ETHNIC) {
        if (stemEnd - start > e.length + 1 && endsWithAt(text, start, stemEnd, e)) {
          stemEnd -= e.length;
          changed = true;
          break;
        }
      }
    }
  }
  return stemEnd;
}

/** Strips the official suffix (and the ethnic names before 自治州/自治县), e.g. 凉山彝族自治州 -> 凉山. */
export function stemOf(name: string, level: Level): { stem: string; suffix: string } {
  const suffix = suffixAt(name, 0, name.length, level);
  if (!suffix) return { stem: name, suffix: '' };
  return { stem: name.slice(0, stemEndAt(name, 0, name.length, suffix)), suffix };
}

/** The 州/县/旗 form of an autonomous area's short form (凉山州), by official suffix. */
const SHORT_SUFFIX: Readonly<Record<string, string>> = { 自治州: '州', 自治县: '县', 自治旗: '旗' };

/** Decimal digits of `code` as a number (codes have at most 9), or -1. */
function codeNumber(code: string): number {
  if (code.length === 0 || code.length > 9) return -1;
  let n = 0;
  for (let i = 0; i < code.length; i++) {
    const d = code.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Every region of the table's entries, in table order, as numbers and ranges of the entries text. */
class RegionTable implements ReadonlyMap<string, Region> {
  readonly size: number;
  private readonly text: string;
  /** Code as a number, its number of digits, and where it and the name stand in `entries`. */
  private readonly codes: Int32Array;
  private readonly digits: Int8Array;
  /** Start of the code's own digits; for a township, its three digits (the county's code is its parent's). */
  private readonly codeAt: Int32Array;
  private readonly nameAt: Int32Array;
  private readonly nameEnd: Int32Array;
  /** Index of the township's county (the code's first six digits), or -1. */
  private readonly countyOf: Int32Array;
  private readonly slots: Int32Array;
  private readonly objects: Array<Region | undefined>;
  private readonly codeStrings: Array<string | undefined>;

  constructor(entries: string) {
    this.text = entries;
    let lines = 1;
    for (let at = entries.indexOf('\n'); at >= 0; at = entries.indexOf('\n', at + 1)) lines++;
    const codes = new Int32Array(lines);
    const digits = new Int8Array(lines);
    const codeAt = new Int32Array(lines);
    const nameAt = new Int32Array(lines);
    const nameEnd = new Int32Array(lines);
    const countyOf = new Int32Array(lines).fill(-1);
    let n = 0;
    let county = -1;
    for (let at = 0; at < entries.length; ) {
      let eol = entries.indexOf('\n', at);
      if (eol < 0) eol = entries.length;
      const township = entries.charCodeAt(at) === 43; // '+'
      let p = township ? at + 1 : at;
      let num = 0;
      const first = p;
      while (p < eol && (township ? p < first + 3 : true)) {
        const d = entries.charCodeAt(p) - 48;
        if (d < 0 || d > 9) break;
        num = num * 10 + d;
        p++;
      }
      const len = p - first;
      const valid = township ? len === 3 && county >= 0 : len > 0;
      if (valid) {
        const i = n;
        if (township) {
          codes[i] = codes[county] * 1000 + num;
          digits[i] = 9;
          countyOf[i] = county;
        } else {
          codes[i] = num;
          digits[i] = len;
          if (len === 6) county = i;
        }
        codeAt[i] = first;
        nameAt[i] = p;
        nameEnd[i] = eol;
        const pseudo = digits[i] > 2 && digits[i] <= 4 && PSEUDO.test(entries.slice(p, eol));
        if (!pseudo) n++;
      }
      at = eol + 1;
    }
    this.size = n;
    this.codes = codes.subarray(0, n);
    this.digits = digits.subarray(0, n);
    this.codeAt = codeAt.subarray(0, n);
    this.nameAt = nameAt.subarray(0, n);
    this.nameEnd = nameEnd.subarray(0, n);
    this.countyOf = countyOf.subarray(0, n);
    let size = 16;
    while (size < n * 2) size *= 2;
    this.slots = new Int32Array(size);
    for (let i = 0; i < n; i++) {
      // A later line with the same code wins, as Map.set did.
      const s = this.slot(this.codes[i], this.digits[i]);
      this.slots[s] = i + 1;
    }
    this.objects = new Array(n);
    this.codeStrings = new Array(n);
  }

  /** The slot holding (or free for) the code (num, digits). */
  private slot(num: number, digits: number): number {
    const mask = this.slots.length - 1;
    for (let s = (Math.imul(num ^ (digits << 28), 0x9e3779b1) >>> 7) & mask; ; s = (s + 1) & mask) {
      const k = this.slots[s] - 1;
      if (k < 0 || (this.codes[k] === num && this.digits[k] === digits)) return s;
    }
  }

  /** Index of the region with this code, or -1. */
  indexOf(code: string): number {
    const num = codeNumber(code);
    if (num < 0) return -1;
    return this.slots[this.slot(num, code.length)] - 1;
  }

  private indexOfNumber(num: number, digits: number): number {
    return this.slots[this.slot(num, digits)] - 1;
  }

  /** The townships of a county: the lines after its own that extend its code. */
  townshipsOf(county: string): Region[] {
    const i = county.length === 6 ? this.indexOf(county) : -1;
    const out: Region[] = [];
    if (i < 0) return out;
    for (let j = i + 1; j < this.size && this.countyOf[j] === i; j++) out.push(this.at(j));
    return out;
  }

  /** Level of region i. */
  levelOf(i: number): Level {
    const d = this.digits[i];
    return d <= 2 ? 1 : d <= 4 ? 2 : d <= 6 ? 3 : 4;
  }

  nameStart(i: number): number {
    return this.nameAt[i];
  }

  nameStop(i: number): number {
    return this.nameEnd[i];
  }

  /** True when region i is named by a code of six digits (a county). */
  isCounty(i: number): boolean {
    return this.digits[i] === 6;
  }

  codeOf(i: number): string {
    let s = this.codeStrings[i];
    if (s === undefined) {
      const at = this.codeAt[i];
      s = this.countyOf[i] >= 0
        ? this.codeOf(this.countyOf[i]) + this.text.slice(at, at + 3)
        : this.text.slice(at, this.nameAt[i]);
      this.codeStrings[i] = s;
    }
    return s;
  }

  /** The nearest real ancestor: the longest prefix of the code (6, 4, 2 digits) that is a region. */
  private parentOf(i: number): string | null {
    const num = this.codes[i];
    const digits = this.digits[i];
    for (let len = digits === 9 ? 6 : digits - 2; len >= 2; len -= 2) {
      const p = this.indexOfNumber(Math.floor(num / 10 ** (digits - len)), len);
      if (p >= 0) return this.codeOf(p);
    }
    return null;
  }

  private make(i: number): Region {
    return { code: this.codeOf(i), name: this.text.slice(this.nameAt[i], this.nameEnd[i]), level: this.levelOf(i), parent: this.parentOf(i) };
  }

  /** Region i (made on first use, then kept). */
  at(i: number): Region {
    return (this.objects[i] ??= this.make(i));
  }

  get(code: string): Region | undefined {
    const i = this.indexOf(code);
    return i >= 0 ? this.at(i) : undefined;
  }

  has(code: string): boolean {
    return this.indexOf(code) >= 0;
  }

  /**
   * Regions in table order, each code once (codes are unique: the build script writes each once; a
   * repeated code would be found as its last line). Iterating makes objects it does not keep.
   */
  private *each(): Generator<[string, Region]> {
    for (let i = 0; i < this.size; i++) {
      if (this.slots[this.slot(this.codes[i], this.digits[i])] - 1 !== i) continue;
      yield [this.codeOf(i), this.objects[i] ?? this.make(i)];
    }
  }

  entries(): MapIterator<[string, Region]> {
    return this.each() as unknown as MapIterator<[string, Region]>;
  }

  keys(): MapIterator<string> {
    return mapped(this.each(), ([k]) => k);
  }

  values(): MapIterator<Region> {
    return mapped(this.each(), ([, v]) => v);
  }

  [Symbol.iterator](): MapIterator<[string, Region]> {
    return this.entries();
  }

  forEach(fn: (value: Region, key: string, map: ReadonlyMap<string, Region>) => void): void {
    for (const [k, v] of this.each()) fn(v, k, this);
  }
}

/** The items of an iterator passed through fn, typed as a Map's iterator. */
function mapped<T, U>(from: Iterator<T>, fn: (t: T) => U): MapIterator<U> {
  function* gen(): Generator<U> {
    for (let r = from.next(); !r.done; r = from.next()) yield fn(r.value);
  }
  return gen() as unknown as MapIterator<U>;
}

/** Keys of a KeyTable -> values made on first get from the key's number (then kept). */
class PackedMap<V> implements ReadonlyMap<string, V> {
  private readonly made: Array<V | undefined>;

  constructor(private readonly table: KeyTable, private readonly make: (k: number) => V) {
    this.made = new Array(table.size);
  }

  get size(): number {
    return this.table.size;
  }

  /** Value of key number k. */
  at(k: number): V {
    let v = this.made[k];
    if (v === undefined) {
      v = this.make(k);
      this.made[k] = v;
    }
    return v;
  }

  get(key: string): V | undefined {
    const k = this.table.find(key);
    return k >= 0 ? this.at(k) : undefined;
  }

  has(key: string): boolean {
    return this.table.find(key) >= 0;
  }

  /** Entries in insertion order; iterating makes values it does not keep (the fuzzy index reads every surface once). */
  private *each(): Generator<[string, V]> {
    for (let k = 0; k < this.table.size; k++) yield [this.table.key(k), this.made[k] ?? this.make(k)];
  }

  entries(): MapIterator<[string, V]> {
    return this.each() as unknown as MapIterator<[string, V]>;
  }

  keys(): MapIterator<string> {
    const table = this.table;
    function* keys(): Generator<string> {
      for (let k = 0; k < table.size; k++) yield table.key(k);
    }
    return keys() as unknown as MapIterator<string>;
  }

  values(): MapIterator<V> {
    return mapped(this.each(), ([, v]) => v);
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [k, v] of this.each()) fn(v, k, this);
  }
}

/** Prefix (two UTF-16 units) -> lengths of the keys starting with it, descending; bits of a mask in a typed hash table. */
class PrefixLengths {
  /**
   * Slot s: the prefix (a << 16 | b) at 3s, 1 at 3s + 1 when the slot is used, the mask at 3s + 2:
   * side by side, so a lookup (once per marked character of a text, at random) reads one cache line.
   */
  private readonly slots: Int32Array;
  /** Slots (a power of two). */
  private readonly size: number;
  /** Lengths of 31 units or more, and keys shorter than two units, by prefix. */
  private readonly long = new Map<string, number[]>();
  /** The two-unit keys of `long`, as a << 16 | b. */
  private readonly longPairs = new Set<number>();
  private readonly lists = new Map<number, readonly number[]>();
  private readonly made = new Map<string, readonly number[]>();

  constructor(count: number, each: (add: (text: string, start: number, len: number) => void) => void) {
    let size = 16;
    while (size < count * 2) size *= 2;
    this.size = size;
    this.slots = new Int32Array(3 * size);
    each((text, start, len) => {
      if (len >= 31 || len < 2) {
        const key = text.slice(start, start + Math.min(2, len));
        if (key.length === 2) this.longPairs.add(((key.charCodeAt(0) << 16) | key.charCodeAt(1)) >>> 0);
        const list = this.long.get(key) ?? [];
        if (!list.includes(len)) list.push(len);
        this.long.set(key, list);
        return;
      }
      const s = this.slot(text.charCodeAt(start), text.charCodeAt(start + 1));
      this.slots[3 * s] = (text.charCodeAt(start) << 16) | text.charCodeAt(start + 1);
      this.slots[3 * s + 1] = 1;
      this.slots[3 * s + 2] |= 1 << len;
    });
  }

  private slot(a: number, b: number): number {
    const key = (a << 16) | b;
    const mask = this.size - 1;
    const slots = this.slots;
    for (let s = (Math.imul(key, 0x9e3779b1) >>> 9) & mask; ; s = (s + 1) & mask) {
      if (slots[3 * s + 1] === 0 || slots[3 * s] === key) return s;
    }
  }

  get(prefix: string): readonly number[] | undefined {
    const long = this.long.size ? this.long.get(prefix) : undefined;
    if (prefix.length !== 2) return long && this.withLong(prefix, 0, long);
    const s = this.slot(prefix.charCodeAt(0), prefix.charCodeAt(1));
    const bits = this.slots[3 * s + 1] !== 0 ? this.slots[3 * s + 2] : 0;
    if (long) return this.withLong(prefix, bits, long);
    return this.listOf(bits);
  }

  at(text: string, i: number): readonly number[] | undefined {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    if (this.longPairs.size !== 0 && this.longPairs.has(((a << 16) | b) >>> 0)) return this.get(text.slice(i, i + 2));
    const s = this.slot(a, b);
    return this.listOf(this.slots[3 * s + 1] !== 0 ? this.slots[3 * s + 2] : 0);
  }

  /** The lengths of a mask, descending (one list per mask). */
  private listOf(bits: number): readonly number[] | undefined {
    if (bits === 0) return undefined;
    let list = this.lists.get(bits);
    if (!list) {
      const out: number[] = [];
      for (let len = 30; len >= 2; len--) if (bits & (1 << len)) out.push(len);
      this.lists.set(bits, (list = out));
    }
    return list;
  }

  private withLong(prefix: string, bits: number, long: number[]): readonly number[] {
    let list = this.made.get(prefix);
    if (!list) {
      const out = [...long];
      for (let len = 30; len >= 2; len--) if (bits & (1 << len)) out.push(len);
      this.made.set(prefix, (list = out.sort((a, b) => b - a)));
    }
    return list;
  }
}

/**
 * Character -> toneless readings, from the table's reading -> characters lists: on the first get, one
 * pass numbers the readings of every UTF-16 unit (compressed rows over all 65,536 units); a character's
 * list is made when first asked. Astral characters (none in the table today) are looked up by scanning.
 */
class Readings {
  private readonly byReading: Array<[string, string]>;
  private readonly made = new Map<string, readonly string[] | null>();
  private readonly byUnit: Array<readonly string[] | null | undefined> = new Array(65536).fill(undefined);
  private readonly overrides = new Map<string, readonly string[]>();
  private offsets: Int32Array | undefined;
  private values: Int32Array | undefined;

  constructor(table: Record<string, string>) {
    this.byReading = Object.entries(table);
    for (const [c, rs] of Object.entries(words.readings)) {
      if (c.startsWith('$') || !Array.isArray(rs)) continue;
      this.overrides.set(c, rs);
    }
  }

  /** Readings of every BMP character that is no surrogate, as rows of reading numbers. */
  private index(): void {
    const offsets = new Int32Array(65537);
    const isBmp = (k: number) => k < 0xd800 || k > 0xdfff;
    for (const [, chars] of this.byReading) {
      for (let i = 0; i < chars.length; i++) if (isBmp(chars.charCodeAt(i))) offsets[chars.charCodeAt(i) + 1]++;
    }
    for (let k = 0; k < 65536; k++) offsets[k + 1] += offsets[k];
    const fill = offsets.slice(0, 65536);
    const values = new Int32Array(offsets[65536]);
    this.byReading.forEach(([, chars], r) => {
      for (let i = 0; i < chars.length; i++) {
        const k = chars.charCodeAt(i);
        if (isBmp(k)) values[fill[k]++] = r;
      }
    });
    this.offsets = offsets;
    this.values = values;
  }

  get(c: string): readonly string[] | undefined {
    // (a single UTF-16 unit, as nearly every lookup is, is kept by its code: no string hashed per lookup)
    const single = c.length === 1;
    let got = single ? this.byUnit[c.charCodeAt(0)] : this.made.get(c);
    if (got === undefined) {
      const list: string[] = [];
      const k = c.charCodeAt(0);
      if (c.length === 1 && (k < 0xd800 || k > 0xdfff)) {
        if (!this.offsets) this.index();
        for (let j = this.offsets![k]; j < this.offsets![k + 1]; j++) list.push(this.byReading[this.values![j]][0]);
      } else if (c.length === 2 && [...c].length === 1) {
        // An astral character: the table lists whole characters, so a substring match is one.
        for (const [reading, chars] of this.byReading) if (chars.includes(c)) list.push(reading);
      }
      const extra = this.overrides.get(c);
      got = extra ? [...new Set([...list, ...extra])] : list.length ? list : null;
      if (single) this.byUnit[c.charCodeAt(0)] = got;
      else this.made.set(c, got);
    }
    return got ?? undefined;
  }
}

/**
 * Character -> [structure, part, part], from the table's "c|structure|part|part" lines (an older
 * table: an object of "structure|part|part"), found and split when first asked.
 */
class Parts {
  private readonly made = new Map<string, readonly [string, string, string] | null>();
  private readonly byUnit: Array<readonly [string, string, string] | null | undefined> = new Array(65536).fill(undefined);
  private readonly text: string;
  /** Line of each character, made on the first get. */
  private keys: KeyTable | undefined;
  /** Where each character's "structure|part|part" starts and ends. */
  private valueAt: Int32Array | undefined;
  private valueEnd: Int32Array | undefined;

  constructor(table: string | Record<string, string> | undefined) {
    this.text = typeof table === 'string' ? table
      : Object.entries(table ?? {}).map(([c, v]) => `${c}|${v}`).join('\n');
  }

  private index(): KeyTable {
    if (!this.keys) {
      const keys = new KeyTable(this.text.length >> 3);
      const t = keys.addText(this.text);
      const starts: number[] = [];
      const ends: number[] = [];
      for (let at = 0; at < this.text.length; ) {
        let eol = this.text.indexOf('\n', at);
        if (eol < 0) eol = this.text.length;
        const bar = this.text.indexOf('|', at);
        if (bar > at && bar < eol && keys.add(t, at, bar - at) === ends.length) {
          starts.push(bar + 1);
          ends.push(eol);
        }
        at = eol + 1;
      }
      this.keys = keys;
      this.valueAt = Int32Array.from(starts);
      this.valueEnd = Int32Array.from(ends);
    }
    return this.keys;
  }

  get(c: string): readonly [string, string, string] | undefined {
    // (a single UTF-16 unit, as nearly every lookup is, is kept by its code: no string hashed per lookup)
    const single = c.length === 1;
    let got = single ? this.byUnit[c.charCodeAt(0)] : this.made.get(c);
    if (got === undefined) {
      const k = c ? this.index().find(c) : -1;
      got = k >= 0 ? (this.text.slice(this.valueAt![k], this.valueEnd![k]).split('|') as [string, string, string]) : null;
      if (single) this.byUnit[c.charCodeAt(0)] = got;
      else this.made.set(c, got);
    }
    return got ?? undefined;
  }

  *values(): IterableIterator<readonly [string, string, string]> {
    const keys = this.index();
    for (let k = 0; k < keys.size; k++) {
      const v = this.get(keys.key(k));
      if (v) yield v;
    }
  }
}

const KINDS: readonly SurfaceKind[] = ['full', 'short', 'nickname', 'weak'];
/** Bits of forEachSurface: the kinds in a surface's list, and a full name of a county (a six-digit code). */
export const SURFACE_FULL = 1;
export const SURFACE_SHORT = 2;
export const SURFACE_NICKNAME = 4;
export const SURFACE_WEAK = 8;
export const SURFACE_FULL_COUNTY = 16;

export function createGazetteerFromTable(data: unknown): Gazetteer {
  const table = data as Table;
  if (!table || typeof table.entries !== 'string') throw new Error('gazetteer: not a gazetteer table');
  const entries = table.entries;
  const regions = new RegionTable(entries);

  const notRegions = new Set(words.notRegions);
  const notRegionKeys = new KeyTable(notRegions.size);
  for (const w of notRegions) notRegionKeys.addString(w);
  const ambiguousStems = new Set([...words.ambiguousStems, ...(table.commonStems ?? [])]);

  // Surfaces and stems are ranges of the entries text (or short strings of their own: 凉山州, 蓉城);
  // their lists are pairs (key, region << 2 | kind) grouped by key once all are known.
  const surfaceKeys = new KeyTable(regions.size);
  const surfaceText = surfaceKeys.addText(entries);
  const surfacePairs = new PairList(regions.size * 2);
  const add = (t: number, start: number, len: number, region: number, kind: number) => {
    if (len < 2) return;
    surfacePairs.push(surfaceKeys.add(t, start, len), (region << 2) | kind);
  };
  const stemKeys = new KeyTable(regions.size);
  const stemText = stemKeys.addText(entries);
  const stemPairs = new PairList(regions.size);
  for (let i = 0; i < regions.size; i++) {
    const level = regions.levelOf(i);
    const start = regions.nameStart(i);
    const end = regions.nameStop(i);
    const suffix = suffixAt(entries, start, end, level);
    // Townships that are zones, farms or offices (综合保税区, 温泉地区) are not matched in text.
    if (level === 4 && !suffix) continue;
    add(surfaceText, start, end - start, i, notRegionKeys.findAt(entries, start, end - start) >= 0 ? 3 : 0);
    const stemEnd = suffix ? stemEndAt(entries, start, end, suffix) : end;
    const stemLen = stemEnd - start;
    if (stemLen >= 2) stemPairs.push(stemKeys.add(stemText, start, stemLen), i);
    // Short forms a writer uses for a region (never one character), from its stem and official suffix.
    if (!suffix || stemLen < 2 || level === 4) continue;
    if (notRegionKeys.findAt(entries, start, stemLen) < 0) add(surfaceText, start, stemLen, i, 1);
    const tail = SHORT_SUFFIX[suffix];
    if (tail) {
      const form = entries.slice(start, stemEnd) + tail;
      if (!notRegions.has(form)) add(surfaceKeys.addText(form), 0, form.length, i, 1);
    }
  }
  for (const [nick, code] of Object.entries(aliases.nicknames)) {
    const i = regions.indexOf(code);
    if (i >= 0) add(surfaceKeys.addText(nick), 0, nick.length, i, 2);
  }
  // A region is listed once per surface, with the kind it was first added with.
  const surfaceRows = new Rows(surfaceKeys.size, surfacePairs, (a, b) => a >> 2 === b >> 2);
  const surfaces = new PackedMap<readonly Surface[]>(surfaceKeys, k => {
    const out: Surface[] = [];
    for (let j = surfaceRows.offsets[k], end = j + surfaceRows.counts[k]; j < end; j++) {
      const v = surfaceRows.values[j];
      out.push({ code: regions.codeOf(v >> 2), kind: KINDS[v & 3] });
    }
    return out;
  });
  const forEachSurface = (fn: (text: string, bits: number, mainLevels: number) => void) => {
    for (let k = 0; k < surfaceKeys.size; k++) {
      let bits = 0;
      let mainLevels = 0;
      for (let j = surfaceRows.offsets[k], end = j + surfaceRows.counts[k]; j < end; j++) {
        const v = surfaceRows.values[j];
        bits |= 1 << (v & 3);
        if ((v & 3) === 0 && regions.isCounty(v >> 2)) bits |= SURFACE_FULL_COUNTY;
        if ((v & 3) <= 1) mainLevels |= 1 << regions.levelOf(v >> 2);
      }
      fn(surfaceKeys.key(k), bits, mainLevels);
    }
  };
  const stemRows = new Rows(stemKeys.size, stemPairs);
  const stems = new PackedMap<readonly string[]>(stemKeys, k => {
    const out: string[] = [];
    for (let j = stemRows.offsets[k], end = j + stemRows.counts[k]; j < end; j++) out.push(regions.codeOf(stemRows.values[j]));
    return out;
  });

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

  const lengthsByPrefix = new PrefixLengths(surfaceKeys.size + clusters.size + historical.size, add => {
    surfaceKeys.each(add);
    for (const text of clusters.keys()) add(text, 0, text.length);
    for (const text of historical.keys()) add(text, 0, text.length);
  });

  const lookalikes = new Map<string, Set<string>>();
  for (const group of words.lookalikes) {
    const chars = [...group];
    for (const c of chars) {
      const set = lookalikes.get(c) ?? new Set<string>();
      for (const d of chars) if (d !== c) set.add(d);
      lookalikes.set(c, set);
    }
  }

  return {
    size: regions.size,
    source: table.source ?? '',
    dataDate: table.dataDate ?? '',
    changes: new Map((table.changes ?? []).map(c => [c.code, c])),
    boundaryWords: new PairWords(table.boundaryWords),
    placeWords: new PairWords(table.placeWords),
    regions,
    surfaces,
    forEachSurface,
    townships: county => regions.townshipsOf(county),
    lengthsByPrefix,
    stems,
    historical,
    clusters,
    readings: new Readings(table.readings ?? {}),
    notRegions,
    ambiguousStems,
    lookalikes,
    suffixLookalikeWords: new Set(table.suffixLookalikeWords ?? []),
    suffixStartsWord: new Set(words.suffixStartsWord),
    commonWords: new PairWords(table.commonWords),
    parts: new Parts(table.parts),
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
