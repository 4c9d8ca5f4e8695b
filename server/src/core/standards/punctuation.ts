// GB/T 15834-2011 (标点符号用法): full-width marks in Chinese text, …… for an ellipsis, no doubled
// marks, balanced 书名号 / quotes / brackets, no mark between adjacent titles or quotations, no 顿号
// inside an approximate number (三五天).
import type { Finding } from '../types';
import data from './data.json';
import { charBefore, finding, ignoredSpans, inSpans, isHan, matches, type Ctx } from './common';

const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！' };
const OPENERS_AFTER = /[\u3400-\u9fff\u{20000}-\u{3134f}“‘（《]/u;
const CLOSERS_BEFORE = /[\u3400-\u9fff\u{20000}-\u{3134f}”’）》]/u;

/** `,;:?!` between Chinese characters, and `(…)` around Chinese text after a Chinese character. */
export function checkHalfWidth(text: string, ctx: Ctx, skip: Array<[number, number]>): Finding[] {
  const out: Finding[] = [];
  for (const m of matches(/[,;:?!]/g, text)) {
    const i = m.index;
    const before = charBefore(text, i);
    const after = text.codePointAt(i + 1) !== undefined ? String.fromCodePoint(text.codePointAt(i + 1)!) : undefined;
    if (!before || !CLOSERS_BEFORE.test(before) || inSpans(skip, i)) continue;
    // A comma or colon must be followed by Chinese; ? and ! may end a line.
    const endsLine = after === undefined || after === '\n' || after === '\r';
    if (!(after !== undefined && OPENERS_AFTER.test(after)) && !(endsLine && (m[0] === '?' || m[0] === '!'))) continue;
    const full = FULL[m[0]];
    out.push(
      finding('punct-halfwidth', i, i + 1, ctx.t('Half-width {0} in Chinese text: write {1}', m[0], full), [
        { title: ctx.t('Replace with {0}', full), edits: [{ start: i, end: i + 1, newText: full }] },
      ]),
    );
  }
  for (const m of matches(/\(([^()\n]{1,40})\)/g, text)) {
    const i = m.index;
    if (!isHan(charBefore(text, i)) || ![...m[1]].some(isHan) || inSpans(skip, i)) continue;
    const end = i + m[0].length;
    out.push(
      finding('punct-halfwidth', i, end, ctx.t('Half-width parentheses around Chinese text: write （ ）'), [
        {
          title: ctx.t('Replace with {0}', '（ ）'),
          edits: [
            { start: i, end: i + 1, newText: '（' },
            { start: end - 1, end, newText: '）' },
          ],
        },
      ]),
    );
  }
  return out;
}

/** `...`, `。。。`, `···` or a lone `…` next to Chinese text: the ellipsis is `……`. */
export function checkEllipsis(text: string, ctx: Ctx, skip: Array<[number, number]>): Finding[] {
  const out: Finding[] = [];
  for (const m of matches(/\.{3,}|。{3,}|·{3,}|[…⋯]+/g, text)) {
    const s = m[0];
    if (s === '……' || s === '…………' || inSpans(skip, m.index)) continue;
    const end = m.index + s.length;
    // Leader dots in a table of contents or a row of dots in a form are not an ellipsis.
    if (!isHan(text[m.index - 1]) && !isHan(text[end])) continue;
    if (/^\.+$/.test(s) && s.length > 6) continue;
    out.push(
      finding('punct-ellipsis', m.index, end, ctx.t('Write the ellipsis as …… , not {0}', s), [
        { title: ctx.t('Replace with {0}', '……'), edits: [{ start: m.index, end, newText: '……' }] },
      ]),
    );
  }
  return out;
}

/** The same mark twice (`，，`, `。。`): one is a slip. */
export function checkDoubled(text: string, ctx: Ctx, skip: Array<[number, number]>): Finding[] {
  const out: Finding[] = [];
  for (const m of matches(/([，、；：])\1+|(?<!。)。。(?!。)/g, text)) {
    if (inSpans(skip, m.index)) continue;
    const end = m.index + m[0].length;
    out.push(
      finding('punct-doubled', m.index, end, ctx.t('Doubled punctuation {0}', m[0]), [
        { title: ctx.t('Keep one {0}', m[0][0]), edits: [{ start: m.index + 1, end, newText: '' }] },
      ]),
    );
  }
  return out;
}

const MAX_DEPTH = 64;
const NL = 0x0a;
const TITLE_OPEN = 0x300a; // 《
const TITLE_CLOSE = 0x300b; // 》
const PAREN_OPEN = 0xff08; // （
const PAREN_CLOSE = 0xff09; // ）
const QUOTE_OPEN = 0x201c; // “
const QUOTE_CLOSE = 0x201d; // ”
const SINGLE_OPEN = 0x2018; // ‘
const SINGLE_CLOSE = 0x2019; // ’

/**
 * A closing 》 ） ” with no opening one before it, and “ or 《 opened again on the same line while
 * one is open (the inner quotation takes ‘ ’, the inner title 〈 〉). Marks are matched across line
 * breaks: a quotation of several paragraphs opens each one and closes only the last, and copies of
 * documents break lines inside a title or a quotation. An unclosed mark is not reported: where it
 * should close is a guess.
 */
export function checkPairs(text: string, ctx: Ctx, skip: Array<[number, number]>): Finding[] {
  const out: Finding[] = [];
  // Marks as char codes (one UTF-16 unit each); the loop reads codes, not one-character strings.
  const stack: Array<{ ch: number; at: number; line: number }> = [];
  let line = 0;
  for (let at = 0; at < text.length; at++) {
    const ch = text.charCodeAt(at);
    // Everything below the general punctuation block is neither a mark nor a line break but \n.
    if (ch < 0x2018) {
      if (ch === NL) line++;
      continue;
    }
    if (ch === TITLE_OPEN || ch === PAREN_OPEN || ch === QUOTE_OPEN) {
      const top = stack[stack.length - 1];
      if (top && top.ch === ch && ch !== PAREN_OPEN && top.line === line && !inSpans(skip, at)) {
        out.push(
          finding(
            'punct-pairs',
            at,
            at + 1,
            ch === QUOTE_OPEN
              ? ctx.t('Quotation mark “ opened again inside a quotation: close the first one, or use ‘ ’ inside')
              : ctx.t('Title mark 《 opened again inside a title: close the first one, or use 〈 〉 inside'),
          ),
        );
      }
      // A new paragraph that opens “ again continues the quotation of the paragraph before; a mark
      // reported above is not reported again at every later one.
      if (top && top.ch === ch && ch !== PAREN_OPEN) stack.pop();
      stack.push({ ch, at, line });
      // Marks nested deeper than any sentence nests them are noise: keep the search bounded.
      if (stack.length > MAX_DEPTH) stack.shift();
    } else if (ch === SINGLE_OPEN) {
      stack.push({ ch, at, line });
      if (stack.length > MAX_DEPTH) stack.shift();
    } else if (ch === SINGLE_CLOSE) {
      const top = stack[stack.length - 1];
      if (top?.ch === SINGLE_OPEN) {
        stack.pop();
        continue;
      }
      // ’99, O’Neill: an apostrophe. Otherwise ’ right after a “ of this line closes it wrongly.
      if (!top || top.ch !== QUOTE_OPEN || top.line !== line || /[0-9A-Za-z]/.test(text[at + 1] ?? '') || /[A-Za-z]/.test(text[at - 1] ?? '')) continue;
      // “六五’: a double quotation closed with a single mark (’ alone is also an apostrophe: only
      // this mismatch is reported).
      if (!inSpans(skip, at)) out.push(finding('punct-pairs', at, at + 1, ctx.t('Quotation opened with “ is closed with ’')));
      stack.pop();
    } else if (ch === TITLE_CLOSE || ch === PAREN_CLOSE || ch === QUOTE_CLOSE) {
      const open = ch === TITLE_CLOSE ? TITLE_OPEN : ch === PAREN_CLOSE ? PAREN_OPEN : QUOTE_OPEN;
      let idx = stack.length - 1;
      while (idx >= 0 && stack[idx].ch !== open) idx--;
      if (idx < 0) {
        if (!inSpans(skip, at)) out.push(finding('punct-pairs', at, at + 1, ctx.t('Closing {0} without an opening {1}', text[at], String.fromCharCode(open))));
        // “纲要》: the writer opened with the wrong mark; that mark is closed here, not left open to
        // be reported again at the next correct quotation.
        const top = stack[stack.length - 1];
        if (top && top.line === line) stack.pop();
      } else stack.length = idx;
    }
  }
  return out;
}

/** `《意见》、《方案》`, `“放管服”、“最多跑一次”`: adjacent titles or quotations take no mark. */
export function checkBetweenTitles(text: string, ctx: Ctx, skip: Array<[number, number]>): Finding[] {
  const out: Finding[] = [];
  for (const m of matches(/》([、，])《|”(、)“/g, text)) {
    const at = m.index + 1;
    if (inSpans(skip, at)) continue;
    const mark = m[1] ?? m[2];
    out.push(
      finding('punct-between-titles', at, at + 1, ctx.t('No {0} between adjacent titles or quotations', mark), [
        { title: ctx.t('Remove {0}', mark), edits: [{ start: at, end: at + 1, newText: '' }] },
      ]),
    );
  }
  return out;
}

const CN_DIGITS = '一二三四五六七八九';
const APPROX_UNITS = new RegExp(`^(?:${data.approximateUnits.join('|')})`);
const APPROX_NOT = new RegExp(`^.(?:${data.approximateNotBefore.join('|')})`);

/** `三、五天`: two numbers read together as an estimate take no 顿号 (三五天, 七八个). */
export function checkApproximate(text: string, ctx: Ctx, skip: Array<[number, number]>): Finding[] {
  const out: Finding[] = [];
  for (const m of matches(/([一二三四五六七八九])、([一二三四五六七八九])/g, text)) {
    const a = CN_DIGITS.indexOf(m[1]) + 1;
    const b = CN_DIGITS.indexOf(m[2]) + 1;
    const end = m.index + 3;
    const before = text[m.index - 1] ?? '';
    // 第一、二批, 一、二年级 and a numeral inside a word (十一、二) are lists, not estimates.
    if (!(b === a + 1 || (a === 3 && b === 5))) continue;
    if (/[第十百千万亿〇零两几\d、初高前后周星礼一二三四五六七八九]/.test(before)) continue;
    const rest = text.slice(end, end + 3);
    if (!APPROX_UNITS.test(rest) || APPROX_NOT.test(rest) || inSpans(skip, m.index)) continue;
    const at = m.index + 1;
    out.push(
      finding('punct-approximate', at, at + 1, ctx.t('No 顿号 inside an approximate number: {0}', m[1] + m[2] + rest[0]), [
        { title: ctx.t('Remove {0}', '、'), edits: [{ start: at, end: at + 1, newText: '' }] },
      ]),
    );
  }
  return out;
}

export { ignoredSpans };
