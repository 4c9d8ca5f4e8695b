// Traditional / simplified conversion through opencc-js, always length-preserving so that offsets
// in converted text are offsets in the original.
import * as OpenCC from 'opencc-js';

type Convert = (text: string) => string;
let t2s: Convert | undefined;
let s2t: Convert | undefined;

function toCn(): Convert {
  return (t2s ??= OpenCC.Converter({ from: 't', to: 'cn' }));
}
function toTw(): Convert {
  return (s2t ??= OpenCC.Converter({ from: 'cn', to: 't' }));
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

export function toSimplified(text: string): string {
  return sameLength(toCn(), text);
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

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Finds characters written in the script the draft does not mostly use. A character counts as
 * traditional when conversion to simplified (in its phrase context) changes it, and as simplified
 * when conversion to traditional changes it and it is not itself traditional.
 */
export function findMixedScript(text: string): ScriptReport {
  const simp = toSimplified(text);
  const trad = toTraditional(text);
  const isTrad: boolean[] = new Array(text.length).fill(false);
  const isSimp: boolean[] = new Array(text.length).fill(false);
  let tradCount = 0, simpCount = 0;
  for (let i = 0; i < text.length; i++) {
    if (!CJK.test(text[i])) continue;
    if (simp[i] !== text[i]) { isTrad[i] = true; tradCount++; }
    else if (trad[i] !== text[i]) { isSimp[i] = true; simpCount++; }
  }
  if (tradCount === 0 && simpCount === 0) return { dominant: 'none', runs: [] };
  const dominant = simpCount >= tradCount ? 'simplified' : 'traditional';
  const odd = dominant === 'simplified' ? isTrad : isSimp;
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
