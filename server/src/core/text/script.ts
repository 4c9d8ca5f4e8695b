// Traditional / simplified conversion through opencc-js, always length-preserving so that offsets
// in converted text are offsets in the original.
import * as OpenCC from 'opencc-js';
import nameCharacters from './name-characters.json';

type Convert = (text: string) => string;
let t2s: Convert | undefined;
let s2t: Convert | undefined;
let s2tw: Convert | undefined;
let s2hk: Convert | undefined;

function toCn(): Convert {
  return (t2s ??= OpenCC.Converter({ from: 't', to: 'cn' }));
}
function toTw(): Convert {
  return (s2t ??= OpenCC.Converter({ from: 'cn', to: 't' }));
}

/** The traditional standards a writer may follow: OpenCC's, Taiwan's and Hong Kong's. */
function traditionalStandards(): Convert[] {
  s2tw ??= OpenCC.Converter({ from: 'cn', to: 'tw' });
  s2hk ??= OpenCC.Converter({ from: 'cn', to: 'hk' });
  return [toTw(), s2tw, s2hk];
}

/** Converts with phrase context; falls back to character by character where a phrase changed length. */
function sameLength(convert: Convert, text: string): string {
  const out = convert(text);
  if (out.length === text.length) return out;
  // Rare: a phrase mapping changed length. Convert line by line, then character by character.
  const lines = text.split('\n');
  return lines
    .map(line => {
      const l = convert(line);
      if (l.length === line.length) return l;
      let s = '';
      for (const ch of line) {
        const c = convert(ch);
        s += c.length === ch.length ? c : ch;
      }
      return s;
    })
    .join('\n');
}

/**
 * The first UTF-16 unit of every key of the dictionaries toCn() converts with (OpenCC's to-cn
 * phrases and characters), or undefined when opencc-js does not expose them as expected. OpenCC
 * replaces only text that starts with a key, so a text holding none of these units is its own
 * simplified form.
 */
let keyStarts: Uint8Array | null | undefined;
function simplifyKeyStarts(): Uint8Array | undefined {
  if (keyStarts === undefined) {
    keyStarts = null;
    const groups = (OpenCC as unknown as { Locale?: { to?: { cn?: unknown } } }).Locale?.to?.cn;
    if (Array.isArray(groups) && groups.every(g => Array.isArray(g) && g.every(d => typeof d === 'string'))) {
      const marks = new Uint8Array(65536);
      for (const group of groups as string[][]) {
        for (const dict of group) {
          for (let at = 0; at < dict.length;) {
            marks[dict.charCodeAt(at)] = 1;
            const bar = dict.indexOf('|', at);
            if (bar < 0) break;
            at = bar + 1;
          }
        }
      }
      keyStarts = marks;
    }
  }
  return keyStarts ?? undefined;
}

/**
 * For every entry of the dictionaries toCn() converts with (its normalization and conversion chains)
 * whose value differs from its key, the UTF-16 unit of the key where the two first differ; or
 * undefined when opencc-js does not expose them as expected. OpenCC changes a text only where such
 * a key matches, and a match holds that unit: a text (or a line) holding none of these units is its
 * own simplified form. Most lines of simplified text hold none (1,098 of 26,093 in ../shared/corpus).
 */
let changingUnitsValue: Uint8Array | null | undefined;
function changingUnits(): Uint8Array | undefined {
  if (changingUnitsValue === undefined) {
    changingUnitsValue = null;
    const config = (OpenCC as unknown as { Locale?: { configs?: { t2s?: { normalizationChain?: unknown; conversionChain?: unknown } } } }).Locale?.configs?.t2s;
    const groups = [config?.normalizationChain, config?.conversionChain];
    if (groups.every(g => Array.isArray(g) && g.every(d => Array.isArray(d) && d.every(x => typeof x === 'string')))) {
      const marks = new Uint8Array(65536);
      for (const group of groups as string[][][]) {
        for (const dicts of group) {
          for (const dict of dicts) {
            for (const entry of dict.split('|')) {
              const space = entry.indexOf(' ');
              if (space <= 0) continue;
              const key = entry.slice(0, space);
              const value = entry.slice(space + 1);
              if (key === value) continue;
              let j = 0;
              while (j < key.length - 1 && j < value.length && key[j] === value[j]) j++;
              marks[key.charCodeAt(j)] = 1;
            }
          }
        }
      }
      changingUnitsValue = marks;
    }
  }
  return changingUnitsValue ?? undefined;
}

const holdsAny = (marks: Uint8Array, text: string): boolean => {
  for (let i = 0; i < text.length; i++) if (marks[text.charCodeAt(i)] === 1) return true;
  return false;
};

export function toSimplified(text: string): string {
  const starts = simplifyKeyStarts();
  if (starts && !holdsAny(starts, text)) return text;
  const changing = changingUnits();
  if (!changing) return sameLength(toCn(), text);
  if (!holdsAny(changing, text)) return text;
  if (!text.includes('\n')) return sameLength(toCn(), text);
  // No key holds a line break, so OpenCC converts a text line by line as it converts it whole: only
  // the lines holding a unit some key changes are converted (what sameLength does with the whole).
  const convert = toCn();
  const lines = text.split('\n');
  const converted = lines.map(line => (holdsAny(changing, line) ? convert(line) : line));
  const whole = converted.join('\n');
  if (whole.length === text.length) return whole;
  return lines.map((line, i) => (converted[i].length === line.length ? converted[i] : sameLength(convert, line))).join('\n');
}

export function toTraditional(text: string): string {
  return sameLength(toTw(), text);
}

export interface ScriptRun {
  start: number;
  end: number;
  /** The run converted to the draft's dominant script. */
  replacement: string;
}

export interface ScriptReport {
  dominant: 'simplified' | 'traditional' | 'none';
  /** Runs written in the other script. */
  runs: ScriptRun[];
}

/** Characters of phrase context on each side of a character when its conversion is checked. */
const CONTEXT = 3;

/**
 * A traditional character in simplified text is one a traditional writer would write for the word
 * here: the simplified word, converted back to some traditional standard, gives the character
 * again (們 -> 们 -> 們). A character that does not come back is a name kept in its own form
 * (乾县, 驷乾, 昊昇, 濛溪河 become 幹縣, 駟幹, 昊升, 蒙溪河) or a phrase read across a word
 * boundary (多重覆盖 read as 重覆 + 盖: 多重复盖 becomes 多重複蓋).
 */
function comesBack(simp: string, text: string, i: number): boolean {
  const from = Math.max(0, i - CONTEXT);
  const window = simp.slice(from, i + CONTEXT + 1);
  return traditionalStandards().some(convert => sameLength(convert, window)[i - from] === text[i]);
}

/** Characters standard in simplified text that OpenCC converts alone (乾, 昇): see name-characters.json. */
const NAME_CHARACTERS: ReadonlySet<string> = new Set(nameCharacters.characters);

/**
 * Whether the traditional-looking character at i is really traditional in simplified text. A
 * character that converts even alone and is no standard simplified character is (們, 幷, 拚, 証);
 * one that is a simplified character in its own right (覆, 乾) only where it comes back.
 */
function traditionalHere(simp: string, text: string, i: number): boolean {
  const alone = sameLength(toCn(), text[i]);
  if (alone !== text[i] && !NAME_CHARACTERS.has(text[i])) return true;
  return comesBack(simp, text, i);
}

/**
 * A simplified character in traditional text is one that every traditional standard writes
 * otherwise here: 台, 床, 群, 秘 (kept by Taiwan or Hong Kong) and 了 in 了解 are no simplified
 * characters; 决, 况, 够 are.
 */
function simplifiedEverywhere(text: string, i: number): boolean {
  // A character every standard keeps when it stands alone (了, 周, 布, 家) is traditional; only a phrase
  // reading (了解 as 瞭解, 说明了 read as 明瞭, 家具 as 傢俱) would write it otherwise.
  if (traditionalStandards().every(convert => sameLength(convert, text[i]) === text[i])) return false;
  const from = Math.max(0, i - CONTEXT);
  const window = text.slice(from, i + CONTEXT + 1);
  return traditionalStandards().every(convert => sameLength(convert, window)[i - from] !== text[i]);
}

/**
 * Finds characters written in the script the draft does not mostly use. `converted` may give the
 * text's simplified and traditional forms when the caller has them (cached line by line). A character counts as
 * traditional when conversion to simplified (in its phrase context) changes it, and as simplified
 * when conversion to traditional changes it and it is not itself traditional. Only the characters
 * that really belong to the other script are reported (see comesBack, simplifiedEverywhere).
 */
export function findMixedScript(text: string, converted: { simplified?: string; traditional?: string } = {}): ScriptReport {
  const simp = converted.simplified ?? toSimplified(text);
  const trad = converted.traditional ?? toTraditional(text);
  const isTrad = new Uint8Array(text.length);
  const isSimp = new Uint8Array(text.length);
  let tradCount = 0, simpCount = 0;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    if (!((k >= 0x3400 && k <= 0x9fff) || (k >= 0xf900 && k <= 0xfaff))) continue;
    if (simp.charCodeAt(i) !== k) { isTrad[i] = 1; tradCount++; }
    else if (trad.charCodeAt(i) !== k) { isSimp[i] = 1; simpCount++; }
  }
  if (tradCount === 0 && simpCount === 0) return { dominant: 'none', runs: [] };
  const dominant = simpCount >= tradCount ? 'simplified' : 'traditional';
  const odd = dominant === 'simplified' ? isTrad : isSimp;
  for (let i = 0; i < text.length; i++) {
    if (!odd[i]) continue;
    odd[i] = (dominant === 'simplified' ? traditionalHere(simp, text, i) : simplifiedEverywhere(text, i)) ? 1 : 0;
  }
  const target = dominant === 'simplified' ? simp : trad;
  const runs: ScriptRun[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!odd[i]) continue;
    let j = i + 1;
    while (j < text.length && odd[j]) j++;
    runs.push({ start: i, end: j, replacement: target.slice(i, j) });
    i = j - 1;
  }
  return { dominant, runs };
}

// ---- The same report from per-line summaries (a draft's lines are cached by the service) ---------

/** Where a line's characters differ from its simplified and its traditional form (findMixedScript's first pass). */
export interface LineScript {
  /** Han characters that simplify to something else: traditional-looking. */
  traditional: number[];
  /** Han characters that simplify to themselves but convert to traditional: simplified-looking. */
  simplified: number[];
}

export function lineScript(line: string, simplified: string, traditional: string): LineScript {
  return { traditional: traditionalMarks(line, simplified), simplified: simplifiedMarks(line, simplified, traditional) };
}

const isHanCode = (k: number) => (k >= 0x3400 && k <= 0x9fff) || (k >= 0xf900 && k <= 0xfaff);

/** LineScript's traditional marks: they need only the line's simplified form. */
export function traditionalMarks(line: string, simplified: string): number[] {
  const out: number[] = [];
  if (simplified === line) return out;
  for (let i = 0; i < line.length; i++) {
    const k = line.charCodeAt(i);
    if (isHanCode(k) && simplified.charCodeAt(i) !== k) out.push(i);
  }
  return out;
}

/** LineScript's simplified marks. */
export function simplifiedMarks(line: string, simplified: string, traditional: string): number[] {
  const out: number[] = [];
  if (traditional === line) return out;
  for (let i = 0; i < line.length; i++) {
    const k = line.charCodeAt(i);
    if (isHanCode(k) && simplified.charCodeAt(i) === k && traditional.charCodeAt(i) !== k) out.push(i);
  }
  return out;
}

/**
 * What findMixedScript(text, { simplified, traditional }) gives, from the lines' summaries: the
 * first pass compares a character with its converted forms at the same offset, and the forms are
 * converted line by line, so the line summaries hold exactly the first pass's marks; the second pass
 * (traditionalHere, simplifiedEverywhere) and the runs then read the whole text as before.
 */
export function findMixedScriptInLines(
  text: string, simplified: string, traditional: () => string, lines: ReadonlyArray<{ offset: number; script: LineScript }>,
): ScriptReport {
  let tradCount = 0, simpCount = 0;
  for (const { script } of lines) {
    tradCount += script.traditional.length;
    simpCount += script.simplified.length;
  }
  if (tradCount === 0 && simpCount === 0) return { dominant: 'none', runs: [] };
  const dominant = simpCount >= tradCount ? 'simplified' : 'traditional';
  return mixedScriptRuns(text, simplified, traditional, dominant,
    lines.map(({ offset, script }) => ({ offset, marks: dominant === 'simplified' ? script.traditional : script.simplified })));
}

/**
 * findMixedScriptInLines' second pass, once the dominant script is known: `lines` hold the first
 * pass's marks of the other script (traditional marks in a simplified draft, and the reverse).
 */
export function mixedScriptRuns(
  text: string, simplified: string, traditional: () => string, dominant: 'simplified' | 'traditional',
  lines: ReadonlyArray<{ offset: number; marks: readonly number[] }>,
): ScriptReport {
  const odd: number[] = [];
  for (const { offset, marks } of lines) {
    for (const p of marks) {
      const i = offset + p;
      if (dominant === 'simplified' ? traditionalHere(simplified, text, i) : simplifiedEverywhere(text, i)) odd.push(i);
    }
  }
  const runs: ScriptRun[] = [];
  if (odd.length === 0) return { dominant, runs };
  const target = dominant === 'simplified' ? simplified : traditional();
  for (let k = 0; k < odd.length; k++) {
    const i = odd[k];
    let j = i + 1;
    while (k + 1 < odd.length && odd[k + 1] === j) {
      j++;
      k++;
    }
    runs.push({ start: i, end: j, replacement: target.slice(i, j) });
  }
  return { dominant, runs };
}
