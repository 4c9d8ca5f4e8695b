// `heading-sequence`: GB/T 9704-2012 heading numbers go 一、 → （一） → 1. → （1）, each level
// counting from 1 under its parent with no skips and no repeats, with no 顿号 after a bracketed
// number. 第X章/第X节/第X条 are checked the same way (条 and 章 run on through the document).
import type { FeatureContext, Draft } from '../model';
import type { Edit, Finding, Fix } from '../types';
import { formatArabicNumber, formatChineseNumber } from './numbers';
import { headingTree, type HeadingNode } from './outline';
import type { HeadingLine } from './parse';

export const HEADING_SEQUENCE = 'heading-sequence';

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

export function checkHeadings(draft: Draft, ctx: FeatureContext): Finding[] {
  const text = draft.text;
  const roots = headingTree(text);
  const findings: Finding[] = [];
  const t = ctx.t;

  for (const run of sequences(roots).flatMap(splitAtRestarts)) {
    let previous = 0;
    run.forEach((node, i) => {
      const line = node.line;
      const expected = previous + 1;
      if (line.number !== expected) {
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
    });
  }

  // A level left out between a parent and its child (一、 followed directly by 1.).
  const visit = (nodes: HeadingNode[]) => {
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
  const all: HeadingNode[] = [];
  const collect = (nodes: HeadingNode[]) => nodes.forEach((n) => (all.push(n), collect(n.children)));
  collect(roots);
  // A writer who uses `1、` uses it throughout: one finding at the first, fixing them all.
  const byStyle = new Map<string, HeadingLine[]>();
  for (const { line } of all) {
    if (!line.badPunct) continue;
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

  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * A top-level sequence that starts again at 1 after reaching 2 or more begins a new document
 * (an attachment, or the next article of a collection): it is numbered on its own.
 */
function splitAtRestarts(group: HeadingNode[]): HeadingNode[][] {
  const runs: HeadingNode[][] = [];
  let previous = 0;
  for (const node of group) {
    const restart = !node.parent && node.line.number === 1 && previous >= 2;
    if (restart || runs.length === 0) runs.push([]);
    runs[runs.length - 1].push(node);
    previous = node.line.number;
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
