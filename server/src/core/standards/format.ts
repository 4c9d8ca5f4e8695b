// GB/T 9704-2012 (党政机关公文格式): the document number (发文字号, 国发〔2024〕5号: 六角括号, the
// year in full, no 第, no leading zero), the date of issue on its own line in Arabic numerals
// (2024年3月5日), and the attachment line (附件：1.名称, no mark after the name).
import { parseChineseNumber } from '../headings/numbers';
import type { Edit, Finding } from '../types';
import data from './data.json';
import { finding, inSpans, lines, matches, type Ctx } from './common';

const ORGAN = `[${data.docNumberOrgans}]`;

/** 国发[2024]5号, 国发（2024）5号, 国发〔24〕5号, 国发〔2024〕第5号, 国发〔2024〕05号. */
export function checkDocNumber(text: string, ctx: Ctx, skip: Array<[number, number]>): Finding[] {
  const out: Finding[] = [];
  const re = new RegExp(`(?<=[\\u4e00-\\u9fff]${ORGAN})([〔\\[［(（【〈<])(\\d{2}|\\d{4})([〕\\]］)）】〉>])(第?)(\\d{1,4})号`, 'g');
  for (const m of matches(re, text)) {
    if (inSpans(skip, m.index)) continue;
    const [, open, year, close, di, num] = m;
    const problems: string[] = [];
    const edits: Edit[] = [];
    let at = m.index;
    if (open !== '〔' || close !== '〕') {
      problems.push(ctx.t('the year goes in 〔 〕'));
      edits.push({ start: at, end: at + 1, newText: '〔' });
      edits.push({ start: at + 1 + year.length, end: at + 2 + year.length, newText: '〕' });
    }
    if (year.length === 2) problems.push(ctx.t('the year is written in full'));
    at += 2 + year.length;
    if (di) {
      problems.push(ctx.t('no 第 before the number'));
      edits.push({ start: at, end: at + 1, newText: '' });
    }
    at += di.length;
    if (/^0\d/.test(num)) {
      problems.push(ctx.t('no leading zero'));
      edits.push({ start: at, end: at + num.length, newText: String(Number(num)) });
    }
    if (!problems.length) continue;
    const end = m.index + m[0].length;
    const fixes = year.length === 2 ? [] : [{ title: ctx.t('Write the document number as the standard does'), edits }];
    out.push(finding('docnum-format', m.index, end, ctx.t('Document number: {0}', problems.join(ctx.t('; '))), fixes));
  }
  return out;
}

const CN_YEAR = /[〇零一二三四五六七八九]{4}年/;
const CN_DATE = /^([ \t\u3000]*)([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日([ \t\u3000]*)$/;

/**
 * The date of issue (成文日期) is its own line near the end, after the issuing body: in Arabic
 * numerals since GB/T 9704-2012. Dates in running text and older documents are left alone:
 * only a date line that follows a signature line and ends the document (or precedes its notes)
 * is checked.
 */
export function checkIssueDate(text: string, ctx: Ctx, skip: Array<[number, number]>): Finding[] {
  const out: Finding[] = [];
  // No line can match CN_DATE without its year: most drafts end here, without reading their lines.
  if (!CN_YEAR.test(text)) return out;
  const all = [...lines(text)];
  const lastContent = (() => {
    for (let i = all.length - 1; i >= 0; i--) if (all[i].text.trim()) return i;
    return -1;
  })();
  all.forEach((line, i) => {
    const m = CN_DATE.exec(line.text);
    if (!m || inSpans(skip, line.start)) return;
    const previous = all.slice(0, i).reverse().find((l) => l.text.trim());
    // The body above signs off with the issuing body: a short line without sentence punctuation.
    const signed = previous && previous.text.trim().length <= 30 && !/[。，；：！？]/.test(previous.text);
    const next = all.slice(i + 1).find((l) => l.text.trim());
    const ends = i === lastContent || (next && /^[ \t\u3000]*[（(]|^[ \t\u3000]*附件|^[ \t\u3000]*抄送/.test(next.text));
    if (!signed || !ends) return;
    const year = [...m[2]].map((c) => (c === '〇' || c === '零' ? 0 : '〇一二三四五六七八九'.indexOf(c))).join('');
    const month = parseChineseNumber(m[3]);
    const day = parseChineseNumber(m[4]);
    if (!month || !day || month > 12 || day > 31) return;
    const arabic = `${year}年${month}月${day}日`;
    const start = line.start + m[1].length;
    const end = line.start + line.text.length - m[5].length;
    out.push(
      finding('date-format', start, end, ctx.t('The date of issue is written in Arabic numerals: {0}', arabic), [
        { title: ctx.t('Replace with {0}', arabic), edits: [{ start, end, newText: arabic }] },
      ]),
    );
  });
  return out;
}

/** 附件: 1、名称。 → 附件：1.名称 : full-width colon, Arabic numbers with a dot, no mark after the name. */
export function checkAttachments(text: string, ctx: Ctx, skip: Array<[number, number]>): Finding[] {
  const out: Finding[] = [];
  if (!text.includes('附件')) return out;
  const all = [...lines(text)];
  for (let i = 0; i < all.length; i++) {
    const head = /^([ \t\u3000]*附件)([:：])[ \t\u3000]*(.*)$/.exec(all[i].text);
    if (!head || inSpans(skip, all[i].start)) continue;
    const line = all[i];
    if (head[2] === ':') {
      const at = line.start + head[1].length;
      out.push(
        finding('attachment-format', at, at + 1, ctx.t('Attachment line: write the full-width colon ：'), [
          { title: ctx.t('Replace with {0}', '：'), edits: [{ start: at, end: at + 1, newText: '：' }] },
        ]),
      );
    }
    // The names: on this line after the colon, then on the following indented numbered lines.
    const names: Array<{ start: number; text: string }> = [];
    if (head[3]) names.push({ start: line.start + line.text.length - head[3].length, text: head[3] });
    for (let k = i + 1; k < all.length && /^[ \t\u3000]*\d{1,2}[.．、]/.test(all[k].text) && names.length; k++) {
      names.push({ start: all[k].start + (all[k].text.length - all[k].text.trimStart().length), text: all[k].text.trim() });
    }
    for (const name of names) {
      const num = /^(\d{1,2})(、)/.exec(name.text);
      if (num && names.length > 1) {
        const at = name.start + num[1].length;
        out.push(
          finding('attachment-format', at, at + 1, ctx.t('Attachment numbers are written 1. 2. , not {0}', `${num[1]}、`), [
            { title: ctx.t('Replace with {0}', '.'), edits: [{ start: at, end: at + 1, newText: '.' }] },
          ]),
        );
      }
      const trail = /[。；，.;,]$/.exec(name.text.trimEnd());
      if (trail && name.text.length > 2) {
        const at = name.start + name.text.trimEnd().length - 1;
        out.push(
          finding('attachment-format', at, at + 1, ctx.t('No punctuation after an attachment name'), [
            { title: ctx.t('Remove {0}', trail[0]), edits: [{ start: at, end: at + 1, newText: '' }] },
          ]),
        );
      }
    }
  }
  return out;
}

export { matches };

const ANY_YEARS = /\d{4}年\d{1,2}月\d{1,2}日|[〇零一二三四五六七八九]{4}年/g;
const DATE_LINE = /^[ \t\u3000]*(?:\d{4}年\d{1,2}月\d{1,2}日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)[ \t\u3000]*$/;
const NOTE_LINE = /^([ \t\u3000]*)(?:\(([^()（）\n]{2,30})\)|（([^()（）\n]{2,30})\)|\(([^()（）\n]{2,30})）|((?:此件|本件)[^()（）\n]{2,20}))[ \t\u3000]*$/;

/** 附注 under the date of issue: （此件公开发布） in full-width brackets. */
export function checkNote(text: string, ctx: Ctx, skip: Array<[number, number]>): Finding[] {
  const out: Finding[] = [];
  // A note follows a date line, which holds a year: only the lines holding one are read (in order,
  // each once), not every line of the draft.
  let lastStart = -1;
  for (const y of text.matchAll(ANY_YEARS)) {
    const lineStart = text.lastIndexOf('\n', (y.index ?? 0) - 1) + 1;
    if (lineStart === lastStart) continue;
    lastStart = lineStart;
    const nl = text.indexOf('\n', lineStart);
    if (nl < 0 || !DATE_LINE.test(text.slice(lineStart, nl).replace(/\r$/, ''))) continue;
    // The next line, as lines() gives it.
    const start0 = nl + 1;
    const nextEnd = text.indexOf('\n', start0);
    const next = text.slice(start0, nextEnd < 0 ? text.length : nextEnd).replace(/\r$/, '');
    const m = NOTE_LINE.exec(next);
    if (!m || inSpans(skip, start0)) continue;
    const inner = m[2] ?? m[3] ?? m[4] ?? m[5];
    const start = start0 + m[1].length;
    const end = start0 + next.trimEnd().length;
    const note = `（${inner}）`;
    out.push(
      finding('attachment-format', start, end, ctx.t('The note under the date goes in full-width brackets: {0}', note), [
        { title: ctx.t('Replace with {0}', note), edits: [{ start, end, newText: note }] },
      ]),
    );
  }
  return out;
}

/** checkNote reading every line (what checkNote is tested against). */
export function checkNoteEveryLine(text: string, ctx: Ctx, skip: Array<[number, number]>): Finding[] {
  const out: Finding[] = [];
  const all = [...lines(text)];
  for (let i = 1; i < all.length; i++) {
    if (!DATE_LINE.test(all[i - 1].text)) continue;
    const m = NOTE_LINE.exec(all[i].text);
    if (!m || inSpans(skip, all[i].start)) continue;
    const inner = m[2] ?? m[3] ?? m[4] ?? m[5];
    const start = all[i].start + m[1].length;
    const end = all[i].start + all[i].text.trimEnd().length;
    const note = `（${inner}）`;
    out.push(
      finding('attachment-format', start, end, ctx.t('The note under the date goes in full-width brackets: {0}', note), [
        { title: ctx.t('Replace with {0}', note), edits: [{ start, end, newText: note }] },
      ]),
    );
  }
  return out;
}
