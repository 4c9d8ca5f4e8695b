// Ignore comments a writer puts in the draft to silence a finding, as linters do:
//   <!-- policy-draft-disable-next-line figure-conflict-corpus -->   (the next line)
//   … text … <!-- policy-draft-disable-line -->                        (this line)
//   <!-- policy-draft-disable region-unknown --> … <!-- policy-draft-enable -->  (a block)
// Without codes a directive silences every check. `//` and `#` comment forms work in plain text.
import type { Finding } from '../types';

const DIRECTIVE = /policy-draft-(disable-next-line|disable-line|disable|enable)\b([^\n]*?)(?:-->|$)/gm;

interface Rule {
  fromLine: number;
  toLine: number;
  codes: Set<string> | null;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return lo;
}

export function suppressionRules(text: string): Rule[] {
  if (!text.includes('policy-draft-')) return [];
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const rules: Rule[] = [];
  const open: Rule[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    const line = lineOf(starts, m.index ?? 0);
    const list = m[2].split(/[\s,，]+/).filter(c => /^[a-z][a-z-]+$/.test(c));
    const codes = list.length ? new Set(list) : null;
    switch (m[1]) {
      case 'disable-next-line': rules.push({ fromLine: line + 1, toLine: line + 1, codes }); break;
      case 'disable-line': rules.push({ fromLine: line, toLine: line, codes }); break;
      case 'disable': { const r = { fromLine: line, toLine: Infinity, codes }; rules.push(r); open.push(r); break; }
      case 'enable': for (const r of open.splice(0)) r.toLine = line; break;
    }
  }
  return rules;
}

export function applySuppressions(text: string, findings: Finding[]): Finding[] {
  const rules = suppressionRules(text);
  if (!rules.length) return findings;
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return findings.filter(f => {
    const line = lineOf(starts, f.start);
    return !rules.some(r => line >= r.fromLine && line <= r.toLine && (!r.codes || r.codes.has(f.code)));
  });
}
