// Columns for each output format: text counts characters as a person does (𠮷 and 👍🏽 are one),
// SARIF and JSON stay in UTF-16 code units (LSP), GitHub annotations count code points, and
// reviewdog's rdjson counts UTF-8 bytes, as its format says.
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export interface Place {
  /** 1-based line. */
  line: number;
  /** 1-based columns. */
  utf16: number;
  codePoints: number;
  graphemes: number;
  utf8: number;
}

export class PositionMap {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.starts.push(i + 1);
  }

  at(offset: number): Place {
    let lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    const before = this.text.slice(this.starts[lo], offset);
    return {
      line: lo + 1,
      utf16: before.length + 1,
      codePoints: [...before].length + 1,
      graphemes: [...graphemes.segment(before)].length + 1,
      utf8: Buffer.byteLength(before, 'utf8') + 1,
    };
  }
}
