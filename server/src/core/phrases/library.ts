// Team phrase libraries: plain .txt lists (one phrase a line, `#` comments, `旧 -> 新` for a
// preferred form) and a richer YAML or JSON form. A broken entry or file gets a problem with
// offsets into the file's text; everything that can still be read keeps working.
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { Finding, Localizer, Severity } from '../types';
import { lineColAt, lineStarts } from '../text/offsetMap';
import { hasPlaceholder, snippetError, snippetLabel } from './text';
import type { PhraseEntry, PhraseLibrary } from './types';

export const LIBRARY_CODE = 'phrase-library';
/** `discouraged -> preferred` in a .txt library. */
const ARROW = /\s*(->|=>|→)\s*/;
const ENTRY_FIELDS = ['phrase', 'category', 'note', 'snippet', 'preferredOver'];
const PREFERRED_ALIASES = ['preferredOver', 'preferred_over', 'discouraged', 'insteadOf', 'instead_of'];
const ROOT_FIELDS = ['name', 'category', 'phrases'];

export function libraryFormat(source: string): 'txt' | 'yaml' | 'json' {
  const lower = source.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.json')) return 'json';
  return 'txt';
}

class Collector {
  readonly entries: PhraseEntry[] = [];
  readonly problems: Finding[] = [];
  private readonly starts: number[];
  private readonly seen = new Map<string, PhraseEntry>();
  /** After a syntax error, warnings about the shape would only echo it. */
  quiet = false;

  constructor(text: string, private readonly l: Localizer) {
    this.starts = lineStarts(text);
  }

  problem(start: number, end: number, severity: Severity, message: string, ...args: Array<string | number>): void {
    if (this.quiet && severity !== 'error') return;
    this.problems.push({
      code: LIBRARY_CODE, severity, start, end: Math.max(end, start), message: this.l(message, ...args),
    });
  }

  add(entry: PhraseEntry, start: number, end: number): void {
    const phrase = entry.phrase.trim();
    if (!phrase) {
      this.problem(start, end, 'warning', 'Empty phrase.');
      return;
    }
    entry.phrase = phrase;
    if (entry.snippet !== undefined) {
      const bad = snippetError(entry.snippet);
      if (bad !== undefined) {
        this.problem(start, end, 'error', 'Broken snippet placeholder: write ${1} or ${1:default}.');
        return;
      }
    }
    if (entry.preferredOver?.includes(phrase)) {
      this.problem(start, end, 'warning', '“{0}” is both the preferred phrase and its discouraged variant.', phrase);
      entry.preferredOver = entry.preferredOver.filter(v => v !== phrase);
    }
    const first = this.seen.get(phrase);
    if (first) {
      if (entry.preferredOver?.length) {
        first.preferredOver = [...new Set([...(first.preferredOver ?? []), ...entry.preferredOver])];
      } else {
        this.problem(start, end, 'warning', 'Duplicate phrase “{0}” (first on line {1}).', phrase, (first.start?.line ?? 0) + 1);
      }
      return;
    }
    entry.offset = start;
    entry.start = lineColAt(this.starts, start);
    entry.end = lineColAt(this.starts, end);
    this.seen.set(phrase, entry);
    this.entries.push(entry);
  }
}

export function parseLibrary(source: string, text: string, l: Localizer): PhraseLibrary {
  const c = new Collector(text, l);
  const format = libraryFormat(source);
  let name: string | undefined;
  if (format === 'txt') parseTxt(text, c);
  else name = parseStructured(text, format, c);
  return { source, name, entries: c.entries, problems: c.problems };
}

function parseTxt(text: string, c: Collector): void {
  let pos = 0;
  for (const raw of text.split('\n')) {
    const lineStart = pos;
    pos += raw.length + 1;
    let line = raw.replace(/\r$/, '');
    if (lineStart === 0) line = line.replace(/^\uFEFF/, ' ');
    const hash = line.search(/(^|\s)[#＃]/);
    if (hash >= 0) line = line.slice(0, hash);
    const trimmed = line.trim();
    if (!trimmed) continue;
    const start = lineStart + line.indexOf(trimmed);
    const end = start + trimmed.length;
    const arrow = ARROW.exec(trimmed);
    if (arrow) {
      const discouraged = trimmed.slice(0, arrow.index).trim();
      const preferred = trimmed.slice(arrow.index + arrow[0].length).trim();
      if (!discouraged || !preferred) {
        c.problem(start, end, 'error', 'A preferred-phrase line needs text on both sides of “{0}”: discouraged {0} preferred.', arrow[1]);
        continue;
      }
      c.add({ phrase: preferred, preferredOver: discouraged.split(/\s*[|｜]\s*/).filter(Boolean) }, start, end);
    } else if (trimmed.includes('${') || hasPlaceholder(trimmed)) {
      c.add({ phrase: snippetLabel(trimmed), snippet: trimmed }, start, end);
    } else c.add({ phrase: trimmed }, start, end);
  }
}

function range(node: YamlNode | null | undefined, fallback: number): [number, number] {
  const r = node?.range;
  return r ? [r[0], r[1]] : [fallback, fallback];
}

function parseStructured(text: string, format: 'yaml' | 'json', c: Collector): string | undefined {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  for (const e of doc.errors) {
    c.problem(e.pos[0], e.pos[1], 'error', format === 'json' ? 'JSON error: {0}' : 'YAML error: {0}', firstLine(e.message));
  }
  if (format === 'json' && doc.errors.length === 0) {
    // YAML accepts what JSON does not (trailing commas, comments); say so, and read on.
    try {
      JSON.parse(text);
    } catch (err) {
      const at = yamlOnlySyntax(text) ?? Number(/position (\d+)/.exec(String(err))?.[1] ?? 0);
      const pos = Math.min(at, text.length);
      c.problem(pos, Math.min(pos + 1, text.length), 'error', 'JSON error: {0}', firstLine(String((err as Error).message)));
    }
  }
  c.quiet = c.problems.length > 0;
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return undefined;
  let list: YamlNode | null | undefined;
  let name: string | undefined;
  let defaultCategory: string | undefined;
  if (isSeq(root)) list = root;
  else if (isMap(root)) {
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value as YamlNode | null;
      if (key === 'phrases') list = value;
      else if (key === 'name' && isScalar(value)) name = String(value.value);
      else if (key === 'category' && isScalar(value)) defaultCategory = String(value.value);
      else if (!ROOT_FIELDS.includes(key)) {
        const [s, e] = range(pair.key as YamlNode, 0);
        c.problem(s, e, 'warning', 'Unknown field “{0}” (expected {1}).', key, ROOT_FIELDS.join(', '));
      }
    }
  }
  if (!isSeq(list)) {
    const [s, e] = range(list ?? root, 0);
    c.problem(s, e, 'error', 'A phrase library is a list of phrases, or a map with a “phrases” list.');
    return name;
  }
  for (const item of list.items as Array<YamlNode | null>) {
    const [s, e] = range(item, list.range?.[0] ?? 0);
    if (isScalar(item)) {
      if (typeof item.value === 'string' || typeof item.value === 'number') {
        const v = String(item.value);
        if (hasPlaceholder(v)) c.add({ phrase: snippetLabel(v), snippet: v, category: defaultCategory }, s, e);
        else c.add({ phrase: v, category: defaultCategory }, s, e);
      } else c.problem(s, e, 'warning', 'An entry needs a “phrase” (text) or a “snippet”.');
    } else if (isMap(item)) {
      const entry = readEntry(item, c);
      if (entry) c.add({ ...entry, category: entry.category ?? defaultCategory }, s, e);
    } else c.problem(s, e, 'warning', 'An entry needs a “phrase” (text) or a “snippet”.');
  }
  return name;
}

function readEntry(item: YamlNode, c: Collector): PhraseEntry | undefined {
  if (!isMap(item)) return undefined;
  const fields: Record<string, string | string[]> = {};
  let ok = true;
  for (const pair of item.items) {
    const keyNode = pair.key as YamlNode;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const field = PREFERRED_ALIASES.includes(key) ? 'preferredOver' : key;
    const value = pair.value as YamlNode | null;
    const [s, e] = range(value ?? keyNode, range(keyNode, 0)[0]);
    if (!ENTRY_FIELDS.includes(field)) {
      const [ks, ke] = range(keyNode, s);
      c.problem(ks, ke, 'warning', 'Unknown field “{0}” (expected {1}).', key, ENTRY_FIELDS.join(', '));
      continue;
    }
    const text = isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number') ? String(value.value) : undefined;
    if (field === 'preferredOver' && isSeq(value)) {
      const variants = value.items.map(v => (isScalar(v) ? String(v.value) : '')).filter(Boolean);
      fields.preferredOver = variants;
    } else if (text !== undefined) {
      fields[field] = field === 'preferredOver' ? [text] : text;
    } else {
      c.problem(s, e, 'warning', '“{0}” must be text.', key);
      if (field === 'phrase' || field === 'snippet') ok = false;
    }
  }
  if (!ok) return undefined;
  const snippet = fields.snippet as string | undefined;
  const phrase = (fields.phrase as string | undefined) ?? (snippet ? snippetLabel(snippet) : undefined);
  if (!phrase) {
    const [s, e] = range(item, 0);
    c.problem(s, e, 'warning', 'An entry needs a “phrase” (text) or a “snippet”.');
    return undefined;
  }
  return {
    phrase,
    category: fields.category as string | undefined,
    note: fields.note as string | undefined,
    snippet,
    preferredOver: fields.preferredOver as string[] | undefined,
  };
}

/** Offset of a trailing comma or a comment: what YAML reads and JSON rejects. */
function yamlOnlySyntax(text: string): number | undefined {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '#' || (ch === '/' && (text[i + 1] === '/' || text[i + 1] === '*'))) return i;
    else if (ch === ',' && /^\s*[\]}]/.test(text.slice(i + 1, i + 200))) return i;
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
