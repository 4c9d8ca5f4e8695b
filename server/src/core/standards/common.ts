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

/** Every match of a global regex. */
export function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
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
  for (const m of matches(/^[ \t]*(```|~~~)[^\n]*\n[\s\S]*?(?:^[ \t]*\1[^\n]*$|(?![\s\S]))/gm, text)) spans.push([m.index, m.index + m[0].length]);
  for (const m of matches(/`[^`\n]+`|<!--[\s\S]*?-->|[a-z][a-z0-9+.-]*:\/\/[^\s，。；）)]+|www\.[^\s，。；）)]+/gi, text)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

export function inSpans(spans: ReadonlyArray<[number, number]>, offset: number): boolean {
  return spans.some(([s, e]) => offset >= s && offset < e);
}

/**
 * Default severities for the service's CHECKS. 《意见》、《方案》 is common in published reports and
 * the standard says only 通常不用 ("usually none"), so that check is off unless a team turns it on.
 */
export const STANDARDS_DEFAULTS: Readonly<Record<StandardsCode, 'off' | (typeof STANDARDS_CHECKS)[StandardsCode]>> = {
  ...STANDARDS_CHECKS,
  'punct-between-titles': 'off',
};
