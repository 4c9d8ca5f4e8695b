// Shared pieces of the GB/T checks: codes, the finding builder, Han-character tests.
import type { FeatureContext } from '../model';
import type { Edit, Finding } from '../types';

/** The checks of GB/T 15834 (punctuation), GB/T 15835 (numbers) and GB/T 9704 (document format). */
export const STANDARDS_CHECKS = {
  'punct-halfwidth': 'warning',
  'punct-ellipsis': 'warning',
  'punct-doubled': 'warning',
  'punct-pairs': 'warning',
  'punct-between-titles': 'information',
  'punct-approximate': 'information',
  'number-percent-chinese': 'information',
  'number-range-unit': 'warning',
  'number-year-short': 'warning',
  'number-magnitude': 'warning',
  'number-approx-redundant': 'warning',
  'docnum-format': 'warning',
  'date-format': 'warning',
  'attachment-format': 'warning',
} as const;

export type StandardsCode = keyof typeof STANDARDS_CHECKS;

export const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;

/** The character (code point) that ends just before `offset`. */
export function charBefore(text: string, offset: number): string | undefined {
  if (offset <= 0) return undefined;
  const low = text.charCodeAt(offset - 1);
  if (low >= 0xdc00 && low <= 0xdfff && offset >= 2) return text.slice(offset - 2, offset);
  return text[offset - 1];
}
export const isHan = (c: string | undefined): boolean => c !== undefined && HAN.test(c);

export type Ctx = Pick<FeatureContext, 't'>;

export function finding(
  code: StandardsCode,
  start: number,
  end: number,
  message: string,
  fixes: Array<{ title: string; edits: Edit[] }> = [],
): Finding {
  return {
    code,
    severity: STANDARDS_CHECKS[code],
    start,
    end,
    message,
    // One fix is certain and preferred; several are choices for the writer, none preferred.
    fixes: fixes.length ? fixes.map((f) => ({ ...f, preferred: fixes.length === 1 })) : undefined,
  };
}

const NO_MATCHES = Object.freeze([]) as unknown as RegExpExecArray[];

/**
 * Every match of a global regex, in an array (most lines a rule reads hold none: then one shared
 * empty array, and no generator per line and rule).
 */
export function matches(re: RegExp, text: string): RegExpExecArray[] {
  re.lastIndex = 0;
  let m = re.exec(text);
  if (!m) return NO_MATCHES;
  const out: RegExpExecArray[] = [];
  for (; m; m = re.exec(text)) {
    out.push(m);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/** Lines of a text with their start offsets (without the line break). */
export function* lines(text: string): Generator<{ start: number; text: string }> {
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    yield { start, text: text.slice(start, end).replace(/\r$/, '') };
    if (nl < 0) return;
    start = nl + 1;
  }
}

/** Spans of Markdown code (fenced blocks and `inline`) and URLs, which the checks leave alone. */
export function ignoredSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  // Fenced blocks, line by line (a regex over the whole text is quadratic on unclosed fences).
  let fence: { mark: string; start: number } | undefined;
  // (a text without ``` or ~~~ has no fence: its lines are not read)
  for (const line of text.includes('```') || text.includes('~~~') ? lines(text) : []) {
    const m = /^[ \t]*(```|~~~)/.exec(line.text);
    if (!m) continue;
    if (!fence) fence = { mark: m[1], start: line.start };
    else if (m[1] === fence.mark) {
      spans.push([fence.start, line.start + line.text.length]);
      fence = undefined;
    }
  }
  if (fence) spans.push([fence.start, text.length]);
  for (const m of matches(/`[^`\n]+`|<!--[\s\S]*?-->|\b[a-z][a-z0-9+.-]{0,15}:\/\/[^\s，。；）)]+|www\.[^\s，。；）)]+/gi, text)) spans.push([m.index, m.index + m[0].length]);
  // Sorted and merged, so that inSpans can search them.
  spans.sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const sp of spans) {
    const last = merged[merged.length - 1];
    if (last && sp[0] <= last[1]) last[1] = Math.max(last[1], sp[1]);
    else merged.push([sp[0], sp[1]]);
  }
  return merged;
}

/** Whether `offset` lies in one of the sorted, disjoint spans from ignoredSpans. */
export function inSpans(spans: ReadonlyArray<[number, number]>, offset: number): boolean {
  let lo = 0, hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid][1] <= offset) lo = mid + 1;
    else if (spans[mid][0] > offset) hi = mid - 1;
    else return true;
  }
  return false;
}

/**
 * Default severities for the service's CHECKS. 《意见》、《方案》 is common in published reports and
 * the standard says only 通常不用 ("usually none"), so that check is off unless a team turns it on.
 */
export const STANDARDS_DEFAULTS: Readonly<Record<StandardsCode, 'off' | (typeof STANDARDS_CHECKS)[StandardsCode]>> = {
  ...STANDARDS_CHECKS,
  'punct-between-titles': 'off',
};
