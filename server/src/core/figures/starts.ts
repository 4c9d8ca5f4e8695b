// A global regex's matches found by trying it only where a match can start. Scanning Chinese text with
// a regex that may start with several characters (numerals, period words) tries the whole pattern at
// every position; most positions hold a character no match starts with, and a table lookup by char
// code rules them out. The matches are the same: the leftmost position where the pattern matches,
// from where the last match ended.

/**
 * The characters a match of `re` may start with, over-approximated: every character the pattern names
 * (literals, escapes, class members and ranges, \d). Undefined when the pattern may start with a character
 * it does not name (., \w, \s, negated classes, case folding): then every position is tried.
 */
export function startTable(re: RegExp): Uint8Array | undefined {
  // (a pattern that matches the empty string may match where no character it names stands)
  if (/[iu]/.test(re.flags) || new RegExp(re.source).test('')) return undefined;
  const src = re.source;
  const table = new Uint8Array(0x10000);
  let inClass = false;
  // the last single character of the class being read (a range's low end)
  let low = -1;
  let i = 0;
  /** The code unit at i (an escape read whole), and where the next atom starts; -1: no single character. */
  const atom = (at: number): [number, number] | undefined => {
    if (src[at] !== '\\') return [src.charCodeAt(at), at + 1];
    const e = src[at + 1];
    if (e === 'd') {
      for (let d = 48; d <= 57; d++) table[d] = 1;
      return [-1, at + 2];
    }
    if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(at + 2, at + 6))) return [parseInt(src.slice(at + 2, at + 6), 16), at + 6];
    if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(src.slice(at + 2, at + 4))) return [parseInt(src.slice(at + 2, at + 4), 16), at + 4];
    const control: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11 };
    if (e in control) return [control[e], at + 2];
    // word boundaries and backreferences match no character of their own
    if (e === 'b' || e === 'B' || /[1-9]/.test(e)) return [-1, at + 2];
    // escaped punctuation is itself; any other letter escape (\w, \s, \D, \p, \k …) is a class we do not enumerate
    if (/[A-Za-z0]/.test(e)) return undefined;
    return [src.charCodeAt(at + 1), at + 2];
  };
  while (i < src.length) {
    const ch = src[i];
    if (!inClass && ch === '[') {
      if (src[i + 1] === '^') return undefined;
      inClass = true;
      low = -1;
      i++;
      continue;
    }
    if (inClass && ch === ']') {
      inClass = false;
      i++;
      continue;
    }
    if (!inClass && ch === '.') return undefined;
    if (inClass && ch === '-' && low >= 0 && src[i + 1] !== ']') {
      const hi = atom(i + 1);
      if (!hi || hi[0] < 0) return undefined;
      for (let c = low; c <= hi[0]; c++) table[c] = 1;
      low = -1;
      i = hi[1];
      continue;
    }
    const a = atom(i);
    if (!a) return undefined;
    if (a[0] >= 0) table[a[0]] = 1;
    low = inClass ? a[0] : -1;
    i = a[1];
  }
  return table;
}

/** Finds a global regex's matches by trying it (anchored) only where startTable says a match may start. */
export class StartScan {
  private readonly at: RegExp;
  private readonly table: Uint8Array | undefined;
  constructor(private readonly re: RegExp) {
    this.at = new RegExp(re.source, re.flags.replace('g', '') + 'y');
    this.table = startTable(re);
  }

  /** Whether a match may start with the character of code `c`. */
  mayStart(c: number): boolean {
    return !this.table || this.table[c] === 1;
  }

  /** The match starting at `i`, if any. */
  execAt(text: string, i: number): RegExpExecArray | null {
    this.at.lastIndex = i;
    return this.at.exec(text);
  }

  /** What `re.exec(text)` answers with `re.lastIndex = from`. */
  exec(text: string, from: number): RegExpExecArray | null {
    const table = this.table;
    if (!table) {
      this.re.lastIndex = from;
      return this.re.exec(text);
    }
    for (let i = from; i < text.length; i++) {
      if (table[text.charCodeAt(i)] === 0) continue;
      this.at.lastIndex = i;
      const m = this.at.exec(text);
      if (m) return m;
    }
    return null;
  }
}
