// Outline (document symbols) from heading numbers, and the `heading-sequence` check.
export { documentSymbols, type HeadingSymbol } from './outline';
export { checkHeadings, HEADING_SEQUENCE, type HeadingOptions } from './sequence';
export { findHeadings, type HeadingKind, type HeadingLine } from './parse';
