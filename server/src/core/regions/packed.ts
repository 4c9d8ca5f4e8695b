// Lookup tables over text the gazetteer already holds, in typed arrays: a key is a (text, start,
// length) range, so building a table makes no string per key and leaves almost nothing for the
// garbage collector to trace (the gazetteer has ~45,000 regions, ~37,000 surfaces, ~29,000 stems).

/** FNV-1a over the UTF-16 units of text[start, start + len). */
function hashRange(text: string, start: number, len: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < start + len; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

/**
 * String keys, each a range of one of `texts`, numbered in insertion order; found by an
 * open-addressing hash table. `key(i)` makes the string only when asked.
 */
export class KeyTable {
  private readonly texts: string[] = [];
  private textOf: Int32Array;
  private starts: Int32Array;
  private lens: Int32Array;
  private slots: Int32Array;
  private mask: number;
  private n = 0;

  /** `expected`: about how many keys there will be (the table grows past it). */
  constructor(expected = 16) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.textOf = new Int32Array(Math.max(16, expected));
    this.starts = new Int32Array(Math.max(16, expected));
    this.lens = new Int32Array(Math.max(16, expected));
  }

  get size(): number {
    return this.n;
  }

  /** Registers a text that keys may point into; returns its number. */
  addText(text: string): number {
    return this.texts.push(text) - 1;
  }

  /** Number of the key equal to texts[t][start, start + len), added if new. */
  add(t: number, start: number, len: number): number {
    const text = this.texts[t];
    const h = hashRange(text, start, len);
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const k = this.slots[s] - 1;
      if (k < 0) {
        if (this.n === this.starts.length) this.grow();
        if ((this.n + 1) * 2 > this.slots.length) {
          this.rehash();
          return this.add(t, start, len);
        }
        const i = this.n++;
        this.textOf[i] = t;
        this.starts[i] = start;
        this.lens[i] = len;
        this.slots[s] = i + 1;
        return i;
      }
      if (this.equals(k, text, start, len)) return k;
    }
  }

  /** Adds a key given as a string of its own. */
  addString(s: string): number {
    const found = this.find(s);
    return found >= 0 ? found : this.add(this.addText(s), 0, s.length);
  }

  /** Number of the key equal to text[start, start + len), or -1. */
  findAt(text: string, start: number, len: number): number {
    const h = hashRange(text, start, len);
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const k = this.slots[s] - 1;
      if (k < 0) return -1;
      if (this.equals(k, text, start, len)) return k;
    }
  }

  find(s: string): number {
    return this.findAt(s, 0, s.length);
  }

  /** Key i as a string (a new one each time). */
  key(i: number): string {
    const start = this.starts[i];
    return this.texts[this.textOf[i]].slice(start, start + this.lens[i]);
  }

  keyLength(i: number): number {
    return this.lens[i];
  }

  /** Calls fn with the text, start and length of every key, in key order. */
  each(fn: (text: string, start: number, len: number) => void): void {
    for (let i = 0; i < this.n; i++) fn(this.texts[this.textOf[i]], this.starts[i], this.lens[i]);
  }

  /** The UTF-16 unit at `at` of key i. */
  unitAt(i: number, at: number): number {
    return this.texts[this.textOf[i]].charCodeAt(this.starts[i] + at);
  }

  private equals(k: number, text: string, start: number, len: number): boolean {
    if (this.lens[k] !== len) return false;
    const other = this.texts[this.textOf[k]];
    const at = this.starts[k];
    for (let j = 0; j < len; j++) if (other.charCodeAt(at + j) !== text.charCodeAt(start + j)) return false;
    return true;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const copy = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.textOf = copy(this.textOf);
    this.starts = copy(this.starts);
    this.lens = copy(this.lens);
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.mask = this.slots.length - 1;
    for (let i = 0; i < this.n; i++) {
      const text = this.texts[this.textOf[i]];
      for (let s = hashRange(text, this.starts[i], this.lens[i]) & this.mask; ; s = (s + 1) & this.mask) {
        if (this.slots[s] === 0) {
          this.slots[s] = i + 1;
          break;
        }
      }
    }
  }
}

/** A growable list of int32 pairs (key, value) in insertion order. */
export class PairList {
  keys: Int32Array;
  values: Int32Array;
  length = 0;

  constructor(expected = 1024) {
    this.keys = new Int32Array(Math.max(16, expected));
    this.values = new Int32Array(Math.max(16, expected));
  }

  push(key: number, value: number): void {
    if (this.length === this.keys.length) {
      const k = new Int32Array(this.length * 2);
      k.set(this.keys);
      this.keys = k;
      const v = new Int32Array(this.length * 2);
      v.set(this.values);
      this.values = v;
    }
    this.keys[this.length] = key;
    this.values[this.length++] = value;
  }
}

/**
 * Values grouped by key (compressed rows): values of key k are values[offsets[k] .. offsets[k] + counts[k]),
 * in insertion order. `unique` drops a value already in its key's row.
 */
export class Rows {
  readonly offsets: Int32Array;
  readonly counts: Int32Array;
  readonly values: Int32Array;

  constructor(keyCount: number, pairs: PairList, unique?: (a: number, b: number) => boolean) {
    this.offsets = new Int32Array(keyCount + 1);
    this.counts = new Int32Array(keyCount);
    for (let i = 0; i < pairs.length; i++) this.offsets[pairs.keys[i] + 1]++;
    for (let k = 0; k < keyCount; k++) this.offsets[k + 1] += this.offsets[k];
    this.values = new Int32Array(pairs.length);
    for (let i = 0; i < pairs.length; i++) {
      const k = pairs.keys[i];
      const v = pairs.values[i];
      const from = this.offsets[k];
      const n = this.counts[k];
      let dup = false;
      if (unique) for (let j = from; j < from + n && !dup; j++) dup = unique(this.values[j], v);
      if (dup) continue;
      this.values[from + n] = v;
      this.counts[k] = n + 1;
    }
  }
}

/**
 * A set of two-unit words given as their sorted concatenation ('一一一万一下…'): membership by binary
 * search, no string per word. An unsorted concatenation is sorted first.
 */
export class PairWords {
  private readonly text: string;
  private readonly n: number;

  constructor(concatenated: string | undefined) {
    let text = concatenated ?? '';
    let n = text.length >> 1;
    let sorted = true;
    for (let i = 1; i < n && sorted; i++) sorted = compareAt(text, 2 * (i - 1), text, 2 * i) <= 0;
    if (!sorted) {
      const words: string[] = [];
      for (let i = 0; i < n; i++) words.push(text.slice(2 * i, 2 * i + 2));
      text = words.sort().join('');
      n = words.length;
    }
    this.text = text;
    this.n = n;
  }

  has(word: string): boolean {
    if (word.length !== 2) return false;
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareAt(this.text, 2 * mid, word, 0);
      if (c === 0) return true;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

/** Order of the two-unit words a[i, i + 2) and b[j, j + 2) (UTF-16 order, as Array.prototype.sort). */
function compareAt(a: string, i: number, b: string, j: number): number {
  return a.charCodeAt(i) - b.charCodeAt(j) || a.charCodeAt(i + 1) - b.charCodeAt(j + 1);
}

/**
 * A 32-bit mask per pair of UTF-16 units (a, b), OR-ed together from every `add`: an
 * open-addressing hash table keyed by the pair, for tests read once per character of a draft
 * ("which lengths of names start with these two units"). Pairs never added read as 0.
 */
export class PairMasks {
  /** Slot s: the pair's key at 2s, its mask at 2s + 1 (one cache line for both: the table is read at random). */
  private table: Uint32Array;
  /** Slots (a power of two). */
  private size: number;
  /** 32 - log2(size): the slot is the top bits of a multiplicative hash. */
  private shift: number;
  private n = 0;
  /**
   * The top 18 bits of each added pair's hash as a bit set (32 KB, stays in a fast cache): a pair
   * whose bit is clear was never added, told without reading the table.
   */
  private readonly seen = new Uint32Array(1 << 13);

  constructor(expected = 1024) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.size = size;
    this.table = new Uint32Array(2 * size);
    this.shift = 32 - Math.log2(size);
  }

  /** Slot of the pair: its own, or the empty one where it would go (key 0 is empty: units are never both 0 in a name). */
  private slot(key: number): number {
    const m = this.size - 1;
    for (let s = Math.imul(key, 0x9e3779b1) >>> this.shift; ; s = (s + 1) & m) {
      const k = this.table[2 * s];
      if (k === key || k === 0) return s;
    }
  }

  add(a: number, b: number, mask: number): void {
    const key = ((a << 16) | b) >>> 0;
    if (key === 0) return;
    const h = Math.imul(key, 0x9e3779b1) >>> 14;
    this.seen[h >>> 5] |= 1 << (h & 31);
    let s = this.slot(key);
    if (this.table[2 * s] === 0) {
      if ((this.n + 1) * 2 > this.size) {
        this.rehash();
        s = this.slot(key);
      }
      this.table[2 * s] = key;
      this.n++;
    }
    this.table[2 * s + 1] |= mask;
  }

  get(a: number, b: number): number {
    const key = ((a << 16) | b) >>> 0;
    const h = Math.imul(key, 0x9e3779b1) >>> 14;
    if ((this.seen[h >>> 5] & (1 << (h & 31))) === 0) return 0;
    const m = this.size - 1;
    const table = this.table;
    for (let s = Math.imul(key, 0x9e3779b1) >>> this.shift; ; s = (s + 1) & m) {
      const k = table[2 * s];
      if (k === key) return table[2 * s + 1];
      if (k === 0) return 0;
    }
  }

  private rehash(): void {
    const old = this.table;
    const oldSize = this.size;
    this.size = oldSize * 2;
    this.table = new Uint32Array(2 * this.size);
    this.shift--;
    for (let i = 0; i < oldSize; i++) {
      if (old[2 * i] === 0) continue;
      const s = this.slot(old[2 * i]);
      this.table[2 * s] = old[2 * i];
      this.table[2 * s + 1] = old[2 * i + 1];
    }
  }
}
