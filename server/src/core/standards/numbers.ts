// GB/T 15835-2011 (出版物上数字用法): statistics in Arabic numerals (6.1%, not 百分之六点一); a
// range repeats its unit (5万～10万); years in full (2023年, not 23年); only 万 and 亿 after Arabic
// digits (3500万, not 3千5百万); no 约…左右 or 超过…以上 together.
import { parseChineseNumber } from '../headings/numbers';
import type { Finding } from '../types';
import { finding, inSpans, matches, type Ctx } from './common';

const CN_DIGIT = '零一二三四五六七八九';

/** 百分之六点一 → 6.1%. 百分之百 (completely) is an idiom and stays. */
export function checkPercentChinese(text: string, ctx: Ctx, skip: Array<[number, number]>): Finding[] {
  return percentArabicDraft(percentCounts(text)) ? percentChineseFindings(text, ctx, skip) : [];
}

/** Arabic and Chinese percentages and amounts written in a text (none of them spans a line break). */
export function percentCounts(text: string): [number, number, number, number] {
  return [
    (text.match(PERCENT_PATTERNS[0]) ?? []).length,
    (text.match(PERCENT_PATTERNS[1]) ?? []).length,
    (text.match(PERCENT_PATTERNS[2]) ?? []).length,
    (text.match(PERCENT_PATTERNS[3]) ?? []).length,
  ];
}

/** What percentCounts counts: Arabic and Chinese percentages, Arabic and Chinese amounts. */
export const PERCENT_PATTERNS: readonly RegExp[] = [
  /\d%|\d％/g,
  /百分之[〇零一二两三四五六七八九十]/g,
  /\d(?:万|亿)/g,
  /[〇零一二两三四五六七八九十百千](?:万|亿)[元吨人个公斤]/g,
];

/**
 * Reports of the 1950s–90s wrote every statistic in Chinese numerals, as was the rule then; a
 * draft is held to Arabic numerals when it writes its other percentages that way.
 */
export function percentArabicDraft([arabic, chinese, arabicAmounts, chineseAmounts]: readonly number[]): boolean {
  return !(arabic < 4 * chinese || arabicAmounts < 4 * chineseAmounts);
}

/** checkPercentChinese's findings as if the draft wrote its statistics in Arabic numerals. */
export function percentChineseFindings(text: string, ctx: Ctx, skip: Array<[number, number]>): Finding[] {
  const out: Finding[] = [];
  for (const m of matches(/百分之([〇零一二两三四五六七八九十百]+)(?:点([〇零一二三四五六七八九]+))?/g, text)) {
    if (inSpans(skip, m.index)) continue;
    const whole = parseChineseNumber(m[1]) ?? (m[1] === '零' || m[1] === '〇' ? 0 : undefined);
    if (whole === undefined || (m[1] === '百' && !m[2]) || whole > 100) continue;
    // 百分之几十, 百分之七八十: estimates, written in Chinese numerals by the same standard.
    if (/[几]/.test(text[m.index + m[0].length] ?? '')) continue;
    const frac = m[2] ? '.' + [...m[2]].map((c) => (c === '〇' ? 0 : CN_DIGIT.indexOf(c))).join('') : '';
    const arabic = `${whole}${frac}%`;
    const end = m.index + m[0].length;
    out.push(
      finding('number-percent-chinese', m.index, end, ctx.t('A statistic is written in Arabic numerals: {0}', arabic), [
        { title: ctx.t('Replace with {0}', arabic), edits: [{ start: m.index, end, newText: arabic }] },
      ]),
    );
  }
  return out;
}

/** 5～10万人 → 5万～10万人, 4～6% → 4%～6%: the first number of a range keeps its unit. */
export function checkRangeUnit(text: string, ctx: Ctx, skip: Array<[number, number]>): Finding[] {
  const out: Finding[] = [];
  const re = /(?<![\d.０-９])(\d+(?:\.\d+)?)([～~〜—－-]|至|到)(\d+(?:\.\d+)?)(万亿|千万|百万|万|亿|%|‰)(?![\d])/g;
  for (const m of matches(re, text)) {
    if (inSpans(skip, m.index)) continue;
    const unit = m[4];
    // 2020-2025 and 1-3 are years and list numbers; a range with a unit is what this is about.
    if (m[2] === '-' && unit !== '%' && unit !== '‰' && !/万|亿/.test(unit)) continue;
    const firstEnd = m.index + m[1].length;
    const fixed = `${m[1]}${unit}${m[2]}${m[3]}${unit}`;
    out.push(
      finding('number-range-unit', m.index, m.index + m[0].length, ctx.t('A range repeats its unit on both numbers: {0}', fixed), [
        { title: ctx.t('Replace with {0}', fixed), edits: [{ start: firstEnd, end: firstEnd, newText: unit }] },
      ]),
    );
  }
  return out;
}

/** 23年3月, 23年底: a year is written in full. No fix: the century is the writer's to say. */
export function checkYearShort(text: string, ctx: Ctx, skip: Array<[number, number]>): Finding[] {
  const out: Finding[] = [];
  const re = /(?<![\d.０-９%A-Za-z])([’']?)(\d{2})年(?=\d{1,2}月|底|初|末|度|上半年|下半年|一季度|二季度|三季度|四季度)/g;
  for (const m of matches(re, text)) {
    if (inSpans(skip, m.index)) continue;
    const before = text.slice(Math.max(0, m.index - 2), m.index);
    // 近10年底, 用3-5年 … durations, not years.
    if (/[近前后每第用历经过续满余多来、～~—\-－至到]$|未来$|连续$/.test(before)) continue;
    const end = m.index + m[0].length;
    out.push(finding('number-year-short', m.index, end, ctx.t('Write the year in full, not {0}', m[0])));
  }
  return out;
}


/** 3千5百万 → 3500万: after Arabic digits only 万 and 亿 may stand. */
export function checkMagnitude(text: string, ctx: Ctx, skip: Array<[number, number]>): Finding[] {
  const out: Finding[] = [];
  // Only a 千/百 that goes on to 万 or 亿 (3千5百万, 5百万): 1万6千多户 and 5千亩 stand in national
  // reports, and 1亿3千万 reads as written.
  const re = /(?<![\d.０-９万亿])(\d{1,3})([千百])(?:(\d)([百十]))?(?:(\d)(十))?(万亿|万|亿)/g;
  for (const m of matches(re, text)) {
    if (inSpans(skip, m.index)) continue;
    const end = m.index + m[0].length;
    const unitValue = (u: string) => (u === '千' ? 1000 : u === '百' ? 100 : 10);
    const parts: Array<[string | undefined, string | undefined]> = [[m[1], m[2]], [m[3], m[4]], [m[5], m[6]]];
    let value = 0;
    let lastUnit = Infinity;
    let ok = true;
    for (const [d, u] of parts) {
      if (d === undefined || u === undefined) continue;
      const uv = unitValue(u);
      if (uv >= lastUnit || (lastUnit !== Infinity && Number(d) > 9)) ok = false;
      value += Number(d) * uv;
      lastUnit = uv;
    }
    if (!ok) continue;
    const arabic = `${value}${m[7] ?? ''}`;
    out.push(
      finding('number-magnitude', m.index, end, ctx.t('Only 万 and 亿 follow Arabic digits: {0}', arabic), [
        { title: ctx.t('Replace with {0}', arabic), edits: [{ start: m.index, end, newText: arabic }] },
      ]),
    );
  }
  return out;
}

/** 约5万人左右, 超过3成以上: the estimate is said twice. Two ways to fix it, so none is applied. */
export function checkApproxRedundant(text: string, ctx: Ctx, skip: Array<[number, number]>): Finding[] {
  const out: Finding[] = [];
  const re = /(大约|约)(?=[\d０-９一二三四五六七八九十百千两])[\d０-９.．一二三四五六七八九十百千万亿两%]+[^\s，。；、,;！？“”《》（）()]{0,5}?(左右)|(超过|多于|高于|大于)(?=[\d０-９一二三四五六七八九十百千两])[\d０-９.．一二三四五六七八九十百千万亿两%]+[^\s，。；、,;！？“”《》（）()]{0,5}?(以上)/g;
  for (const m of matches(re, text)) {
    if (inSpans(skip, m.index)) continue;
    const first = m[1] ?? m[3];
    const second = m[2] ?? m[4];
    const end = m.index + m[0].length;
    // 制约, 节约, 约束: 约 inside a word is not an estimate.
    if (first === '约' && /[制节契签预公条合履违俭隐大相]/.test(text[m.index - 1] ?? '')) continue;
    out.push(
      finding('number-approx-redundant', m.index, end, ctx.t('{0} and {1} say the same: keep one', first, second), [
        { title: ctx.t('Remove {0}', first), edits: [{ start: m.index, end: m.index + first.length, newText: '' }] },
        { title: ctx.t('Remove {0}', second), edits: [{ start: end - second.length, end, newText: '' }] },
      ]),
    );
  }
  return out;
}
