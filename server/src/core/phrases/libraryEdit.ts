// Adds a phrase to a team library file: the pure text change behind the "add to phrase library"
// command. The file keeps its format, comments and layout; a phrase already there is not repeated.
import { isMap, isSeq, parseDocument, stringify, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Localizer } from '../types';
import { createLocalizer } from '../l10n';
import { libraryFormat, parseLibrary } from './library';

const plain: Localizer = createLocalizer('en');

export function addPhrase(source: string, text: string, phrase: string): string {
  const p = phrase.trim().replace(/\s*\n\s*/g, '');
  if (!p) return text;
  if (text.trim() && parseLibrary(source, text, plain).entries.some(e => e.phrase === p)) return text;
  const kind = libraryFormat(source);
  if (kind === 'json') return addToJson(text, p);
  if (kind === 'yaml') return addToYaml(text, p);
  return appendLine(text, p);
}

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function appendLine(text: string, line: string): string {
  const nl = eol(text);
  const sep = text === '' || text.endsWith('\n') ? '' : nl;
  return `${text}${sep}${line}${nl}`;
}

function addToYaml(text: string, phrase: string): string {
  const scalar = stringify(phrase).trim();
  if (!text.trim()) return `${text}phrases:\n  - ${scalar}\n`;
  const doc = parseDocument(text);
  if (doc.errors.length) {
    // Do not rewrite a file that does not parse: add a plain list item at the end.
    const indent = /^(\s*)-\s/m.exec(text)?.[1] ?? '';
    return appendLine(text, `${indent}- ${scalar}`);
  }
  const root = doc.contents as YAMLMap<unknown, unknown> | YAMLSeq<unknown> | null;
  let list = isSeq(root) ? root : isMap(root) ? root.get('phrases', true) : undefined;
  if (isMap(root) && !isSeq(list)) {
    root.set('phrases', doc.createNode([]));
    list = root.get('phrases', true);
  }
  if (!isSeq(list)) return appendLine(text, `- ${scalar}`);
  const maps = list.items.filter(i => isMap(i)).length;
  list.add(doc.createNode(maps > list.items.length / 2 ? { phrase } : phrase));
  return doc.toString({ lineWidth: 0 });
}

function addToJson(text: string, phrase: string): string {
  if (!text.trim()) return `${JSON.stringify({ phrases: [phrase] }, null, 2)}\n`;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return text;
  }
  const list = Array.isArray(data)
    ? data
    : data && typeof data === 'object'
      ? ((data as Record<string, unknown>).phrases ??= [])
      : undefined;
  if (!Array.isArray(list)) return text;
  const objects = list.filter(i => i && typeof i === 'object').length;
  list.push(objects > list.length / 2 ? { phrase } : phrase);
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? 2;
  const out = JSON.stringify(data, null, indent).replace(/\n/g, eol(text));
  return `${out}${eol(text)}`;
}
