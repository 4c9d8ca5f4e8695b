// A global regex's matches found by trying it only where a match can start. Scanning Chinese text with
// a regex that may start with several characters (numerals, period words) tries the whole pattern at
// every position; most positions hold a character no match starts with, and a table lookup by char
// code rules them out. The matches are the same: the leftmost position where the pattern matches,
// from where the last match ended.

/**
 * The characters a match of `re` may start with, over-approximated: every character the pattern names
 * (literals, escapes, class members and ranges, \d). Undefined when the pattern may start with a character
 * it does not name (., \w, \s, negated classes, case folding). (StartScan reads the first characters
 * instead, firstTable: fewer places to try.)
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

/** What a part of a pattern may match first: the code units it may start with, and whether it may match empty. */
interface First {
  codes: Set<number>;
  empty: boolean;
}

/**
 * The characters a match of `re` may start with, read from the pattern's structure: a sequence starts with
 * its first term, or the next when that one may match empty; alternatives, groups and quantifiers are
 * followed; lookarounds and \b match no character. Undefined when a match may start with a character the
 * pattern does not name (., \w, \s, a negated class, in first place), when it may match the empty string,
 * with flags i / u, or with syntax not read here (backreferences).
 */
export function firstTable(re: RegExp): Uint8Array | undefined {
  if (/[iu]/.test(re.flags)) return undefined;
  const src = re.source;
  let i = 0;
  const fail = (): never => {
    throw new Unread();
  };
  const hex = (from: number, n: number): number => {
    const h = src.slice(from, from + n);
    if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) fail();
    return parseInt(h, 16);
  };
  const control: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11 };
  /** An escape at i (src[i] === '\\') as the code units it matches (ANY: not named); i moves past it. Undefined: an assertion (\b, \B). */
  const escape = (inClass: boolean): number[] | undefined => {
    const e = src[i + 1];
    if (e === undefined) fail();
    if (e === 'd') {
      i += 2;
      return [48, 49, 50, 51, 52, 53, 54, 55, 56, 57];
    }
    if (e === 'u') {
      const c = hex(i + 2, 4);
      i += 6;
      return [c];
    }
    if (e === 'x') {
      const c = hex(i + 2, 2);
      i += 4;
      return [c];
    }
    if (e in control) {
      i += 2;
      return [control[e]];
    }
    if (!inClass && (e === 'b' || e === 'B')) {
      i += 2;
      return undefined;
    }
    // classes not enumerated here: any character
    if (e === 'w' || e === 'W' || e === 's' || e === 'S' || e === 'D') {
      i += 2;
      return [ANY];
    }
    // \p{…}, backreferences, \k<name>, \0, \c …: not read
    if (/[A-Za-z0-9]/.test(e)) fail();
    i += 2;
    return [e.charCodeAt(0)];
  };
  const charClass = (): Set<number> => {
    // at '['
    i++;
    const codes = new Set<number>();
    if (src[i] === '^') {
      // a negated class: any character but a few
      codes.add(ANY);
      for (i++; i < src.length && src[i] !== ']'; i++) if (src[i] === '\\') i++;
      if (src[i] !== ']') fail();
      i++;
      return codes;
    }
    // ([] matches nothing, [^] anything: not read)
    if (src[i] === ']') fail();
    while (i < src.length && src[i] !== ']') {
      const lo = src[i] === '\\' ? escape(true)! : [src.charCodeAt(i++)];
      if (src[i] === '-' && src[i + 1] !== ']' && i + 1 < src.length) {
        i++;
        const hi = src[i] === '\\' ? escape(true)! : [src.charCodeAt(i++)];
        if (lo.length !== 1 || hi.length !== 1 || lo[0] === ANY || hi[0] === ANY || hi[0] < lo[0]) fail();
        for (let c = lo[0]; c <= hi[0]; c++) codes.add(c);
      } else for (const c of lo) codes.add(c);
    }
    if (src[i] !== ']') fail();
    i++;
    return codes;
  };
  /** A quantifier at i, if any: whether it allows zero repetitions; i moves past it (and a lazy ?). */
  const quantifier = (): boolean | undefined => {
    const q = src[i];
    let zero: boolean | undefined;
    if (q === '*' || q === '?') {
      zero = true;
      i++;
    } else if (q === '+') {
      zero = false;
      i++;
    } else if (q === '{') {
      const m = /^\{(\d+)(?:,(\d*))?\}/.exec(src.slice(i));
      if (!m) return undefined;
      zero = Number(m[1]) === 0;
      i += m[0].length;
    } else return undefined;
    if (src[i] === '?') i++;
    return zero;
  };
  const disjunction = (): First => {
    const out: First = { codes: new Set(), empty: false };
    for (;;) {
      const alt = alternative();
      for (const c of alt.codes) out.codes.add(c);
      if (alt.empty) out.empty = true;
      if (src[i] !== '|') return out;
      i++;
    }
  };
  const alternative = (): First => {
    const codes = new Set<number>();
    // whether every term so far may match empty: while so, the next term's first characters count too
    let empty = true;
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      const term = atom();
      const zero = quantifier();
      if (empty) for (const c of term.codes) codes.add(c);
      if (!(term.empty || zero === true)) empty = false;
    }
    return { codes, empty };
  };
  const atom = (): First => {
    const ch = src[i];
    if (ch === '(') {
      let look = false;
      if (src.startsWith('(?:', i)) i += 3;
      else if (src.startsWith('(?=', i) || src.startsWith('(?!', i)) {
        i += 3;
        look = true;
      } else if (src.startsWith('(?<=', i) || src.startsWith('(?<!', i)) {
        i += 4;
        look = true;
      } else if (src.startsWith('(?<', i)) {
        const close = src.indexOf('>', i);
        if (close < 0) fail();
        i = close + 1;
      } else if (src[i + 1] === '?') fail();
      else i++;
      const inner = disjunction();
      if (src[i] !== ')') fail();
      i++;
      // a lookaround matches no character: it only narrows where the pattern matches
      return look ? { codes: new Set(), empty: true } : inner;
    }
    if (ch === '[') return { codes: charClass(), empty: false };
    if (ch === '^' || ch === '$') {
      i++;
      return { codes: new Set(), empty: true };
    }
    if (ch === '.') {
      i++;
      return { codes: new Set([ANY]), empty: false };
    }
    if (ch === '*' || ch === '+' || ch === '?' || ch === '{' || ch === ']' || ch === '}') fail();
    if (ch === '\\') {
      const codes = escape(false);
      return codes ? { codes: new Set(codes), empty: false } : { codes: new Set(), empty: true };
    }
    i++;
    return { codes: new Set([ch.charCodeAt(0)]), empty: false };
  };
  try {
    const first = disjunction();
    if (i !== src.length || first.empty || first.codes.has(ANY)) return undefined;
    const table = new Uint8Array(0x10000);
    for (const c of first.codes) table[c] = 1;
    return table;
  } catch (e) {
    if (e instanceof Unread) return undefined;
    throw e;
  }
}
class Unread extends Error {}
/** Any character (a code no code unit has). */
const ANY = -1;

/**
 * Finds a global regex's matches by trying it (anchored) only where firstTable says a match may start (every
 * position when it cannot tell: startTable's test for empty matches misses those a lookaround allows).
 */
export class StartScan {
  private readonly at: RegExp;
  private readonly table: Uint8Array | undefined;
  constructor(private readonly re: RegExp) {
    this.at = new RegExp(re.source, re.flags.replace('g', '') + 'y');
    this.table = firstTable(re);
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
