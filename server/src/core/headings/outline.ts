// The heading tree: a heading contains every following heading of a higher rank until the next
// heading of the same or a lower rank.
import { findHeadings, type HeadingKind, type HeadingLine } from './parse';

export interface HeadingSymbol {
  /** The marker and the heading's title, e.g. `（一）构建一张网络`. */
  name: string;
  /** GB/T 9704 level (一、 = 1, （一） = 2, 1. = 3, （1） = 4); 第X章 = 1, 第X节 = 2, 第X条 = 3. */
  level: number;
  kind: HeadingKind;
  /** The heading line up to the next heading of the same or a lower rank (offsets into the text). */
  start: number;
  end: number;
  /** The marker and title on the heading line. */
  selectionStart: number;
  selectionEnd: number;
  children: HeadingSymbol[];
}

export interface HeadingNode {
  line: HeadingLine;
  parent: HeadingNode | undefined;
  children: HeadingNode[];
  end: number;
}

/** Builds the heading tree; returns the top-level nodes. */
export function headingTree(text: string, lines: HeadingLine[] = findHeadings(text)): HeadingNode[] {
  const roots: HeadingNode[] = [];
  const stack: HeadingNode[] = [];
  for (const line of lines) {
    while (stack.length && stack[stack.length - 1].line.scheme.rank >= line.scheme.rank) {
      stack.pop()!.end = trimEnd(text, line.lineStart);
    }
    const parent = stack[stack.length - 1];
    const node: HeadingNode = { line, parent, children: [], end: text.length };
    (parent ? parent.children : roots).push(node);
    stack.push(node);
  }
  for (const node of stack) node.end = trimEnd(text, text.length);
  return roots;
}

/** Backs up over trailing line breaks and blanks so a section ends at its last character. */
function trimEnd(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

function toSymbol(node: HeadingNode): HeadingSymbol {
  const { line } = node;
  return {
    name: line.name,
    level: line.scheme.level,
    kind: line.scheme.kind,
    start: line.lineStart,
    end: Math.max(node.end, line.nameEnd),
    selectionStart: line.markerStart,
    selectionEnd: line.nameEnd,
    children: node.children.map(toSymbol),
  };
}

/** The outline of a draft (document symbols), nested by heading rank. */
export function documentSymbols(text: string): HeadingSymbol[] {
  return headingTree(text).map(toSymbol);
}
