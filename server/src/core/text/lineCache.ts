// A cache of per-line results keyed by the line's content, bounded by the characters of the lines it
// holds. Used by every check that reads a draft line by line: an edit re-reads only the lines it
// changed. Least recently used lines go first; a hit only stamps the entry (no Map delete and
// re-insert per line per check, which cost more than reading a short line again).

interface Entry<V> {
  value: V;
  used: number;
}

export class LineCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private chars = 0;
  private clock = 0;

  constructor(private readonly maxChars: number) {}

  /** The value for `line`, made by `make` when the line is not cached. */
  get(line: string, make: (line: string) => V): V {
    const e = this.entries.get(line);
    if (e) {
      e.used = this.clock;
      return e.value;
    }
    const value = make(line);
    this.entries.set(line, { value, used: this.clock });
    this.chars += line.length + 1;
    return value;
  }

  /** Whether `line` is cached (not stamped). */
  has(line: string): boolean {
    return this.entries.has(line);
  }

  /** The value for `line` if cached (stamped as used). */
  peek(line: string): V | undefined {
    const e = this.entries.get(line);
    if (e) e.used = this.clock;
    return e?.value;
  }

  /** Ends one reading of a text: past the bound, the least recently used lines go until a quarter is free. */
  done(): void {
    this.clock++;
    if (this.chars <= this.maxChars) return;
    const byAge = [...this.entries].sort((a, b) => a[1].used - b[1].used);
    const target = this.maxChars * 0.75;
    for (const [line, e] of byAge) {
      if (this.chars <= target || e.used >= this.clock - 1) break;
      this.entries.delete(line);
      this.chars -= line.length + 1;
    }
  }

  /** Forgets every line. */
  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get heldChars(): number {
    return this.chars;
  }
}
