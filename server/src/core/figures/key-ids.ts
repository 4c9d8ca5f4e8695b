// Ids 0, 1, 2, ... for 32-bit integer keys (a word bigram's two UTF-16 units as one code), kept in an
// open-addressing table: two slots an entry, [key, id + 1] (0: empty), linear probing, a key's home
// entry the top bits of its product with the golden ratio (Fibonacci hashing), at most half full. The
// restatement index and a corpus list's word groups find their bigrams' postings through one.

const GOLDEN = 0x9e3779b1 | 0;

export class KeyIds {
  private table: Int32Array;
  /** 32 - log2(entries). */
  private shift: number;
  /** How many keys have ids. */
  size = 0;

  /** `expected`: about how many distinct keys will be added (the table grows past it). */
  constructor(expected = 8) {
    let entries = 16, shift = 28;
    while (entries < expected * 2) {
      entries *= 2;
      shift--;
    }
    this.table = new Int32Array(entries * 2);
    this.shift = shift;
  }

  /** The id of `key`, given the next one when the key is new. */
  add(key: number): number {
    const table = this.table, mask = (table.length >> 1) - 1;
    let e = Math.imul(key, GOLDEN) >>> this.shift;
    for (;;) {
      const slot = table[2 * e + 1];
      if (slot === 0) break;
      if (table[2 * e] === key) return slot - 1;
      e = (e + 1) & mask;
    }
    const id = this.size++;
    table[2 * e] = key;
    table[2 * e + 1] = id + 1;
    if (this.size > (table.length >> 2)) this.grow();
    return id;
  }

  /** The id of `key`, or -1 when it was never added. */
  get(key: number): number {
    const table = this.table, mask = (table.length >> 1) - 1;
    let e = Math.imul(key, GOLDEN) >>> this.shift;
    for (;;) {
      const slot = table[2 * e + 1];
      if (slot === 0) return -1;
      if (table[2 * e] === key) return slot - 1;
      e = (e + 1) & mask;
    }
  }

  /** Twice the entries, every key placed again. */
  private grow(): void {
    const old = this.table;
    const entries = old.length;
    const table = new Int32Array(entries * 2);
    const shift = --this.shift;
    for (let o = 0; o < old.length; o += 2) {
      if (old[o + 1] === 0) continue;
      let e = Math.imul(old[o], GOLDEN) >>> shift;
      while (table[2 * e + 1] !== 0) e = (e + 1) & (entries - 1);
      table[2 * e] = old[o];
      table[2 * e + 1] = old[o + 1];
    }
    this.table = table;
  }
}
