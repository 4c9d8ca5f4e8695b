// `--fix` and `--fix-dry-run`: only certain fixes are applied, never one that chooses between
// suggestions. A fix is certain when it is the finding's only fix and the check marks it preferred.
import type { Edit, Finding } from '../core/types';

/** The edits of every certain fix that does not overlap an earlier one (a second run applies the rest). */
export function certainEdits(findings: readonly Finding[]): { edits: Edit[]; applied: number; deferred: number } {
  const taken: Edit[] = [];
  const seen = new Set<string>();
  let applied = 0, deferred = 0;
  for (const f of findings) {
    if (f.fixes?.length !== 1 || !f.fixes[0].preferred) continue;
    const edits = f.fixes[0].edits.filter((e) => !seen.has(`${e.start}:${e.end}:${e.newText}`));
    const overlaps = edits.some((e) => taken.some((t) => e.start < t.end && t.start < e.end || (e.start === e.end && e.start === t.start)));
    if (overlaps) {
      deferred++;
      continue;
    }
    for (const e of edits) {
      taken.push(e);
      seen.add(`${e.start}:${e.end}:${e.newText}`);
    }
    applied++;
  }
  return { edits: taken.sort((a, b) => a.start - b.start), applied, deferred };
}

export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = '';
  let pos = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** A unified diff (`diff -u` / `git diff` style) between two versions of one file. */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = before.split('\n');
  const b = after.split('\n');
  // Changed line ranges: the fixes keep line breaks, so lines pair up; otherwise one hunk for the middle.
  const changes: Array<[number, number, number, number]> = [];
  if (a.length === b.length) {
    for (let i = 0; i < a.length; i++) {
      if (a[i] === b[i]) continue;
      let j = i;
      while (j + 1 < a.length && a[j + 1] !== b[j + 1]) j++;
      changes.push([i, j + 1, i, j + 1]);
      i = j;
    }
  } else {
    let p = 0;
    while (p < a.length && p < b.length && a[p] === b[p]) p++;
    let s = 0;
    while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
    changes.push([p, a.length - s, p, b.length - s]);
  }
  const out = [`--- a/${file}`, `+++ b/${file}`];
  let k = 0;
  while (k < changes.length) {
    let [a0, a1, b0, b1] = changes[k];
    let m = k;
    while (m + 1 < changes.length && changes[m + 1][0] - changes[m][1] <= 2 * context) m++;
    a1 = changes[m][1];
    b1 = changes[m][3];
    const from = Math.max(0, a0 - context);
    const toA = Math.min(a.length, a1 + context);
    const shift = b0 - a0;
    const lines: string[] = [];
    for (let i = from; i < a0; i++) lines.push(' ' + a[i]);
    for (let c = k; c <= m; c++) {
      const [ca0, ca1, cb0, cb1] = changes[c];
      if (c > k) for (let i = changes[c - 1][1]; i < ca0; i++) lines.push(' ' + a[i]);
      for (let i = ca0; i < ca1; i++) lines.push('-' + a[i]);
      for (let i = cb0; i < cb1; i++) lines.push('+' + b[i]);
    }
    for (let i = a1; i < toA; i++) lines.push(' ' + a[i]);
    const lenA = toA - from;
    const lenB = lenA + (b1 - b0) - (a1 - a0);
    out.push(`@@ -${lenA ? from + 1 : from},${lenA} +${lenB ? from + shift + 1 : from + shift},${lenB} @@`, ...lines);
    k = m + 1;
  }
  return out.join('\n') + '\n';
}
