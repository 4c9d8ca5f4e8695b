// `heading-sequence`: GB/T 9704-2012 heading numbers go 一、 → （一） → 1. → （1）, each level
// counting from 1 under its parent with no skips and no repeats, with no 顿号 after a bracketed
// number. 第X章/第X节/第X条 are checked the same way (条 and 章 run on through the document).
import type { FeatureContext, Draft } from '../model';
import type { Edit, Finding, Fix } from '../types';
import { formatArabicNumber, formatChineseNumber } from './numbers';
import { headingTree, type HeadingNode } from './outline';
import { SCHEMES as SCHEME_RANKS } from './parse';
import { findHeadings, swallowedItemNumbers, type HeadingLine } from './parse';

export const HEADING_SEQUENCE = 'heading-sequence';

/** What GB/T 9704 leaves to the writer, as settings rather than alarms. */
export interface HeadingOptions {
  /**
   * The mark after an Arabic heading number: `1.` (the standard's example), `1、` (common in
   * government reports), or either (default: no finding for either).
   */
  itemMarker?: 'either' | 'dot' | 'dunhao';
  /** Report a level left out between parent and child (一、 followed by 1.). Default false: many reports number short lists under a part heading directly. */
  strictLevels?: boolean;
}

/**
 * A line that starts a new numbering scope: an attachment, appendix, glossary or notes
 * (附件2, 附：名词解释, 附录, 名词解释, 注释). Headings after it are numbered on their own.
 */
const SCOPE_LINE = /^[ \t\u3000#]*(?:附件|附录|附表|附[:：]|名词解释|名词注释|词语解释|注释|注解|名词说明|用语说明|短语说明)[^\n。；;]{0,40}$/;

function scopeStarts(text: string): number[] {
  const starts: number[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    const nl = text.indexOf('\n', lineStart);
    const end = nl < 0 ? text.length : nl;
    if (SCOPE_LINE.test(text.slice(lineStart, end).replace(/\r$/, ''))) starts.push(lineStart);
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  return starts;
}

/** Heading trees, one per scope (the body, then each attachment or appendix). */
function scopedTrees(text: string): HeadingNode[][] {
  const lines = findHeadings(text);
  const bounds = [...scopeStarts(text), Infinity];
  const trees: HeadingNode[][] = [];
  let i = 0;
  for (const bound of bounds) {
    const part: HeadingLine[] = [];
    while (i < lines.length && lines[i].lineStart < bound) part.push(lines[i++]);
    if (part.length) trees.push(headingTree(text, part));
  }
  return trees;
}

/**
 * Whether a scope nests a numbering kind inside itself (一、 … （一） … 一、 again, while the first
 * 一、 series is past 1): older reports use their own hierarchy, and the order of numbers can then
 * not be judged from the standard's ranks. A check that is unsure says nothing.
 */
function nestsKindInItself(lines: HeadingLine[]): boolean {
  const last = new Map<string, number>();
  let previousRank = -1;
  for (const line of lines) {
    const { kind, rank } = line.scheme;
    if (line.number === 1 && previousRank > rank && (last.get(kind) ?? 0) >= 2) return true;
    // A higher rank closes the numbering below it.
    for (const s of SCHEME_RANKS) if (s.rank > rank && s.restartsUnderParent) last.delete(s.kind);
    last.set(kind, line.number);
    previousRank = rank;
  }
  return false;
}

function numeralFor(line: HeadingLine, n: number, text: string): string {
  const written = text.slice(line.numeralStart, line.numeralEnd);
  if (/^[0-9０-９]+$/.test(written)) return formatArabicNumber(n, written);
  return formatChineseNumber(n);
}

/** The marker as written, with its numeral replaced by `n`. */
function markerWith(line: HeadingLine, n: number, text: string): string {
  const before = text.slice(line.markerStart, line.numeralStart);
  const after = text.slice(line.numeralEnd, line.badPunct ? line.badPunct.start : line.markerEnd);
  return before + numeralFor(line, n, text) + after;
}

function markerAsWritten(line: HeadingLine, text: string): string {
  return text.slice(line.markerStart, line.badPunct ? line.badPunct.start : line.markerEnd);
}

/** Headings numbered in one sequence: same kind, and same parent unless the kind runs on. */
function sequences(roots: HeadingNode[]): HeadingNode[][] {
  const groups = new Map<string, HeadingNode[]>();
  const ids = new Map<HeadingNode, number>();
  let next = 0;
  const visit = (nodes: HeadingNode[]) => {
    for (const node of nodes) {
      ids.set(node, next++);
      const scheme = node.line.scheme;
      const parentId = scheme.restartsUnderParent && node.parent ? ids.get(node.parent) : 'doc';
      const key = `${scheme.kind}@${parentId}`;
      const group = groups.get(key);
      if (group) group.push(node);
      else groups.set(key, [node]);
      visit(node.children);
    }
  };
  visit(roots);
  return [...groups.values()];
}

export function checkHeadings(draft: Draft, ctx: FeatureContext, options: HeadingOptions = {}): Finding[] {
  const text = draft.text;
  const findings: Finding[] = [];
  const swallowed = swallowedItemNumbers(text);
  for (const roots of scopedTrees(text)) findings.push(...checkScope(text, roots, swallowed, ctx, options));
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}

function checkScope(
  text: string,
  roots: HeadingNode[],
  swallowed: ReadonlyArray<{ offset: number; number: number }>,
  ctx: FeatureContext,
  options: HeadingOptions,
): Finding[] {
  const findings: Finding[] = [];
  const t = ctx.t;
  const all: HeadingNode[] = [];
  const collect = (nodes: HeadingNode[]) => nodes.forEach((n) => (all.push(n), collect(n.children)));
  collect(roots);
  const ordered = [...all].sort((a, b) => a.line.lineStart - b.line.lineStart);
  const judgeOrder = !nestsKindInItself(ordered.map((n) => n.line));

  // `21.123制造业体系`: item 21 whose title starts with a figure reads as the number 21.123.
  const swallowedBetween = (from: number, to: number, n: number) =>
    swallowed.some((s) => s.number === n && s.offset > from && s.offset < to);

  // The heading of the same kind just before each one, in reading order.
  const previousOfKind = new Map<HeadingNode, HeadingNode>();
  const lastOfKind = new Map<string, HeadingNode>();
  for (const node of ordered) {
    const p = lastOfKind.get(node.line.scheme.kind);
    if (p) previousOfKind.set(node, p);
    lastOfKind.set(node.line.scheme.kind, node);
  }

  for (const run of judgeOrder ? sequences(roots).flatMap(splitAtRestarts) : []) {
    let previous = 0;
    let previousStart = -1;
    run.forEach((node, i) => {
      const line = node.line;
      let expected = previous + 1;
      while (line.number > expected && swallowedBetween(previousStart, line.lineStart, expected)) expected++;
      // （一）（二） above 一、…十、 and then （三）: the report ranks its levels its own way, and the
      // number continues the one before it.
      const continues = expected === 1 && previousOfKind.get(node)?.line.number === line.number - 1;
      if (line.number !== expected && !continues) {
        const written = markerAsWritten(line, text);
        const wanted = markerWith(line, expected, text);
        const message =
          line.number === previous
            ? t('Heading number {0} repeats the one before it: expected {1}', written, wanted)
            : t('Heading number {0} is out of sequence: expected {1}', written, wanted);
        findings.push({
          code: HEADING_SEQUENCE,
          severity: 'warning',
          start: line.markerStart,
          end: line.markerEnd,
          message,
          fixes: [renumberFix(run.slice(i), expected, text, ctx)],
        });
      }
      previous = line.number;
      previousStart = line.lineStart;
    });
  }

  // A level left out between a parent and its child (一、 followed directly by 1.).
  const visit = (nodes: HeadingNode[]) => {
    if (!options.strictLevels) return;
    for (const node of nodes) {
      const skipped = node.children.find(
        (c) => c.line.scheme.gbSeries && node.line.scheme.gbSeries && c.line.scheme.rank > node.line.scheme.rank + 1,
      );
      if (skipped) {
        findings.push({
          code: HEADING_SEQUENCE,
          severity: 'warning',
          start: skipped.line.markerStart,
          end: skipped.line.markerEnd,
          message: t(
            'Heading {0} skips a level: under {1} the next level is numbered like {2}',
            markerAsWritten(skipped.line, text),
            markerAsWritten(node.line, text),
            levelExample(node.line.scheme.rank + 1),
          ),
        });
      }
      visit(node.children);
    }
  };
  visit(roots);

  // Punctuation after the marker: no 顿号 after a bracketed number, `1.` not `1、`, `一、` not `一.`.
  // A writer who uses `1、` uses it throughout: one finding at the first, fixing them all.
  const byStyle = new Map<string, HeadingLine[]>();
  for (const { line } of all) {
    if (!line.badPunct || !punctuationMatters(line, options)) continue;
    const key = `${line.scheme.kind}|${line.badPunct.text}`;
    const list = byStyle.get(key);
    if (list) list.push(line);
    else byStyle.set(key, [line]);
  }
  for (const lines of byStyle.values()) {
    const first = lines[0];
    const bad = first.badPunct!;
    const marker = markerAsWritten(first, text);
    const message =
      bad.expected === ''
        ? t('No punctuation after the bracketed heading number {0}', marker)
        : t('Write {0} after the heading number, not {1}', bad.expected, bad.text);
    const shown = bad.text;
    const title =
      lines.length > 1
        ? bad.expected === ''
          ? t('Remove {0} after all {1} heading numbers like {2}', shown, lines.length, marker)
          : t('Replace {0} with {1} in all {2} heading numbers like {3}', shown, bad.expected, lines.length, marker)
        : bad.expected === ''
          ? t('Remove {0}', shown)
          : t('Replace {0} with {1}', shown, bad.expected);
    findings.push({
      code: HEADING_SEQUENCE,
      severity: 'warning',
      start: bad.start,
      end: bad.end,
      message,
      fixes: [
        {
          title,
          edits: lines.map((l) => ({ start: l.badPunct!.start, end: l.badPunct!.end, newText: l.badPunct!.expected })),
          preferred: true,
        },
      ],
    });
  }

  return findings;
}

/** `1、` and `1.` are both in use: the writer's setting decides; other marks follow the standard. */
function punctuationMatters(line: HeadingLine, options: HeadingOptions): boolean {
  if (line.scheme.kind !== 'item') return true;
  const style = options.itemMarker ?? 'either';
  const written = line.badPunct!.text;
  if (written !== '、') return true;
  return style === 'dot';
}

/**
 * A top-level sequence that starts again at 1 after reaching 2 or more begins a new document
 * (an attachment, or the next article of a collection): it is numbered on its own.
 */
function splitAtRestarts(group: HeadingNode[]): HeadingNode[][] {
  const runs: HeadingNode[][] = [];
  // Runs still open, innermost last: a restart nested in a top-level item (四、 … 一、二、三、 … 五、)
  // is left when a number continues an outer run.
  const open: HeadingNode[][] = [];
  const lastOf = (run: HeadingNode[]) => run[run.length - 1].line.number;
  for (const node of group) {
    const n = node.line.number;
    const current = open[open.length - 1];
    if (!current) {
      open.push([node]);
      runs.push(open[0]);
      continue;
    }
    const restart = !node.parent && n === 1 && lastOf(current) >= 2;
    if (restart) {
      const run = [node];
      open.push(run);
      if (open.length > 64) open.splice(0, 1);
      runs.push(run);
      continue;
    }
    if (!node.parent && n !== lastOf(current) + 1) {
      for (let k = open.length - 2; k >= 0; k--) {
        if (lastOf(open[k]) + 1 === n) {
          open.length = k + 1;
          break;
        }
      }
    }
    open[open.length - 1].push(node);
  }
  return runs;
}

const LEVEL_EXAMPLES = ['第一章', '第一节', '第一条', '一、', '（一）', '1.', '（1）'];
function levelExample(rank: number): string {
  return LEVEL_EXAMPLES[rank] ?? '';
}

/** Renumbers a heading and the rest of its sequence so they count on from `expected`. */
function renumberFix(rest: HeadingNode[], expected: number, text: string, ctx: FeatureContext): Fix {
  const edits: Edit[] = [];
  rest.forEach((node, i) => {
    const n = expected + i;
    if (node.line.number === n) return;
    edits.push({ start: node.line.numeralStart, end: node.line.numeralEnd, newText: numeralFor(node.line, n, text) });
  });
  const first = markerWith(rest[0].line, expected, text);
  const followers = edits.length - 1;
  const title =
    followers > 0
      ? ctx.t('Renumber to {0} and the {1} headings after it', first, followers)
      : ctx.t('Renumber to {0}', first);
  return { title, edits, preferred: true };
}
