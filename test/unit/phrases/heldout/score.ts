// Scores completion on the held-out prefix table: a prefix is a hit when one of the first five items,
// applied, turns the typed text into the typed context followed by the formula (quotes aside).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { completePhrases, loadPhraseTable, type PhraseIndex, type PhraseLibrary } from '../../../../server/src/core/phrases';
import type { FeatureContext } from '../../../../server/src/core/model';
import { at } from '../helpers';

export const HELDOUT_DIR = __dirname;
export const ROOT = join(__dirname, '..', '..', '..', '..');

export interface PrefixCase { typed: string; expected: string; report: string }

export function readPrefixTable(): PrefixCase[] {
  return readFileSync(join(HELDOUT_DIR, 'prefixes.tsv'), 'utf8').split('\n')
    .filter(l => l.trim() && !l.startsWith('#'))
    .map(l => {
      const [typed, expected, report] = l.split('\t');
      return { typed, expected, report };
    });
}

export function heldOutReports(): string[] {
  return readFileSync(join(HELDOUT_DIR, 'reports.txt'), 'utf8').split('\n').map(l => l.trim()).filter(l => l && !l.startsWith('#'));
}

export function shippedLibrary(): PhraseLibrary {
  const file = join(ROOT, 'server/data/phrase-table.json');
  return loadPhraseTable(file, readFileSync(file, 'utf8'), 'built-in');
}

const bare = (s: string) => s.replace(/[“”"]/g, '');

/** The typed text with an item applied (snippet placeholders dropped). */
function applied(typed: string, replaceStart: number, insertText: string, isSnippet: boolean): string {
  const text = isSnippet ? insertText.replace(/\$\{\d+(?::([^}]*))?\}|\$\d+/g, (_m, d: string | undefined) => d ?? '') : insertText;
  return typed.slice(0, replaceStart) + text;
}

export function top5Hit(c: PrefixCase, index: PhraseIndex | undefined, libraries: PhraseLibrary[], ctx: FeatureContext): { hit: boolean; shown: string[] } {
  const { draft, offset } = at(`${c.typed}|`, '2026-03-05');
  const items = completePhrases(draft, offset, index as PhraseIndex, libraries, ctx).slice(0, 5);
  const context = c.typed.slice(0, c.typed.length - prefixLength(c));
  const want = bare(context + c.expected);
  const hit = items.some(r => bare(applied(c.typed, r.replaceStart, r.insertText, r.isSnippet)) === want);
  return { hit, shown: items.map(r => r.label) };
}

/** How much of `typed` is the start of the formula (the rest before it is context). */
function prefixLength(c: PrefixCase): number {
  for (let n = Math.min(c.typed.length, c.expected.length); n > 0; n--) if (c.expected.startsWith(c.typed.slice(c.typed.length - n))) return n;
  return 0;
}

export function scoreTable(cases: PrefixCase[], index: PhraseIndex | undefined, libraries: PhraseLibrary[], ctx: FeatureContext): { rate: number; misses: string[] } {
  const misses: string[] = [];
  for (const c of cases) {
    const r = top5Hit(c, index, libraries, ctx);
    if (!r.hit) misses.push(`${c.typed} → ${c.expected}: ${r.shown.join(' | ')}`);
  }
  return { rate: 1 - misses.length / cases.length, misses };
}
