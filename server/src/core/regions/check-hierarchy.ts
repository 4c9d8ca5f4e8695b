// region-hierarchy: a region written right after a parent it does not belong to (四川省宝安区,
// 乐山市彭山区, 凉山州米易县). Names that repeat (鼓楼区 ×4) are fine under any parent that has one.
import type { Draft, FeatureContext } from '../model';
import type { Finding } from '../types';
import { chainOf, type Gazetteer, isWithin, levelOfCode, stemOf } from './gazetteer';
import type { RegionMention } from './mentions';
import { knownMentions } from './lines';
import { formatChain } from './format';
import { isWord, namedAfterPlaces } from './boundary';
import { NOT_IN_NAME, SUFFIX_CHARS } from './chars';

/** Mentions trusted enough to be read as "parent then child". */
function usable(m: RegionMention): boolean {
  return m.kind === 'full' || m.kind === 'short' || m.kind === 'nickname';
}

/** Codes of levels 1–3. */
function upToCounty(codes: readonly string[]): string[] {
  return codes.filter(c => levelOfCode(c) <= 3);
}

/**
 * A township under a county or prefecture: judged only when no township of the parent has the same
 * stem (谢家镇 under 彭山区 is its renamed 谢家街道), since townships are merged and renamed often.
 */
function townshipMisplaced(parent: RegionMention, child: RegionMention, gaz: Gazetteer): boolean {
  const ps = parent.codes.filter(c => levelOfCode(c) >= 2 && levelOfCode(c) <= 3);
  const cs = child.codes.filter(c => levelOfCode(c) === 4);
  if (ps.length === 0 || cs.length === 0 || child.kind !== 'full') return false;
  if (cs.some(c => ps.some(p => isWithin(c, p)))) return false;
  const name = gaz.regions.get(cs[0])?.name ?? child.text;
  const stem = stemOf(name, 4).stem;
  return !(gaz.stems.get(stem) ?? []).some(c => ps.some(p => isWithin(c, p)));
}

export interface Misplacement {
  parent: RegionMention;
  child: RegionMention;
  /** Interpretations of the child, with the ancestor at the parent's level (for the fix). */
  truth: Array<{ code: string; replacement?: string }>;
}

/**
 * A short parent cut from the words around it: its last character is a function character that
 * joins two places (城西和三坡镇: 西和), or its first character ends the word before (城西).
 */
function parentCut(parent: RegionMention, text: string, gaz: Gazetteer): boolean {
  if (!bareStem(parent)) return false;
  if (NOT_IN_NAME.has(parent.text[parent.text.length - 1])) return true;
  return parent.start > 0 && isWord(gaz, text[parent.start - 1] + parent.text[0]);
}

/** A short form without a suffix (西和, 德州 written as such; not 凉山州). */
function bareStem(m: RegionMention): boolean {
  return m.kind !== 'full' && !SUFFIX_CHARS.has(m.text[m.text.length - 1]);
}

export function findMisplaced(mentions: readonly RegionMention[], gaz: Gazetteer, text = ''): Misplacement[] {
  const out: Misplacement[] = [];
  for (let i = 1; i < mentions.length; i++) {
    const parent = mentions[i - 1];
    const child = mentions[i];
    if (parent.end !== child.start || !usable(parent) || !usable(child)) continue;
    if (text && (parentCut(parent, text, gaz) || namedAfterPlaces(text, parent.start, child.end, bareStem(parent)))) continue;
    // A county short form after a short place name is often a word (淮北平原, 三江源, 疏勒河): judge it
    // only after a parent written in full (广州市宝安); short provinces and prefectures always (湖北省张家界).
    if (child.kind !== 'full' && child.codes.some(c => levelOfCode(c) >= 3) && parent.kind !== 'full') continue;
    if (townshipMisplaced(parent, child, gaz)) {
      const truth = child.codes.filter(c => levelOfCode(c) === 4).map(code => ({
        code, replacement: chainOf(gaz, code).find(r => r.level === levelOfCode(parent.codes[0]))?.name,
      }));
      out.push({ parent, child, truth });
      continue;
    }
    const ps = upToCounty(parent.codes);
    const cs = upToCounty(child.codes);
    if (ps.length === 0 || cs.length === 0) continue;
    if (cs.some(c => ps.some(p => isWithin(c, p) || isWithin(p, c)))) continue;
    const below = ps.some(p => cs.some(c => levelOfCode(p) < levelOfCode(c)));
    // Two provinces (四川省重庆市) only when both are written in full; counties side by side are a list (岷县漳县).
    const sameLevelFull = !below && parent.kind === 'full' && child.kind === 'full'
      && [...ps, ...cs].every(c => levelOfCode(c) === 1);
    if (!below && !sameLevelFull) continue;
    const parentLevel = Math.min(...ps.map(levelOfCode));
    const truth = cs.map(code => {
      const anc = chainOf(gaz, code).find(r => r.level === parentLevel && r.code !== code);
      return { code, replacement: anc?.name };
    });
    out.push({ parent, child, truth });
  }
  return out;
}

export function checkHierarchy(draft: Draft, gaz: Gazetteer, ctx: FeatureContext): Finding[] {
  const mentions = knownMentions(draft.norm, gaz);
  return findMisplaced(mentions, gaz, draft.norm).map(({ parent, child, truth }) => {
    const chains = truth.map(t => formatChain(gaz, t.code)).join(ctx.t.t('; '));
    const replacements = [...new Set(truth.map(t => t.replacement).filter((r): r is string => !!r))];
    const parentText = draft.text.slice(parent.start, parent.end);
    const childText = draft.text.slice(child.start, child.end);
    return {
      code: 'region-hierarchy',
      severity: 'warning' as const,
      start: parent.start,
      end: child.end,
      message: ctx.t.t('{0} is not in {1}: it is {2}', childText, parentText, chains),
      fixes: replacements.map((r, i) => ({
        title: ctx.t.t('Change {0} to {1}', parentText, r),
        edits: [{ start: parent.start, end: parent.end, newText: r }],
        ...(i === 0 && replacements.length === 1 ? { preferred: true } : {}),
      })),
    };
  });
}
