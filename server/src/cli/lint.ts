// The end of a lint run: --fix / --fix-dry-run, then the report in the chosen format.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver';
import type { Finding, Localizer } from '../core/types';
import { applyEdits, certainEdits, unifiedDiff } from './fix';
import { formatResults, type FileResult, type OutputFormat } from './output';
import { VERSION } from './usage';

export type FixMode = 'none' | 'apply' | 'dry-run';

export interface Checked {
  file: string;
  text: string;
  findings: Finding[];
}

/**
 * Writes the report and returns the exit status (0 clean, 1 findings or a non-empty diff, 2 an
 * I/O error). `check` re-checks a fixed text; `diagnostics` converts findings for JSON output.
 */
export function finishLint(
  checked: Checked[],
  opts: {
    format: OutputFormat;
    fix: FixMode;
    t: Localizer;
    check: (file: string, text: string) => Finding[];
    diagnostics: (file: string, text: string, findings: Finding[]) => Diagnostic[];
    out: (s: string) => void;
    err: (s: string) => void;
  },
): number {
  const { t } = opts;
  if (opts.fix === 'dry-run') {
    let diff = '';
    for (const c of checked) diff += unifiedDiff(c.file.replace(/\\/g, '/'), c.text, applyEdits(c.text, certainEdits(c.findings).edits));
    opts.out(diff);
    return diff ? 1 : 0;
  }
  let results = checked;
  let failed = false;
  if (opts.fix === 'apply') {
    results = checked.map((c) => {
      const { edits, applied } = certainEdits(c.findings);
      if (!applied) return c;
      const fixed = applyEdits(c.text, edits);
      try {
        // Written back as it came: UTF-8 (with its BOM if it had one). A draft in GB18030 or UTF-16
        // is left alone rather than silently re-encoded.
        const bytes = readFileSync(c.file);
        const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          opts.err(`policy-lint: ${c.file}: ${t('not UTF-8: fixes not written (use --fix-dry-run)')}\n`);
          return c;
        }
        writeFileSync(c.file, (bom && !fixed.startsWith('\uFEFF') ? '\uFEFF' : '') + fixed);
      } catch (e) {
        opts.err(`policy-lint: ${c.file}: ${t('cannot write the fixed file: {0}', (e as Error).message)}\n`);
        failed = true;
        return c;
      }
      opts.err(`policy-lint: ${c.file}: ${t('{0} fixes applied', applied)}\n`);
      return { file: c.file, text: fixed, findings: opts.check(c.file, fixed) };
    });
  }
  const full: FileResult[] = results.map((r) => ({ ...r, diagnostics: opts.diagnostics(r.file, r.text, r.findings) }));
  opts.out(formatResults(opts.format, full, t, VERSION));
  if (failed) return 2;
  return full.some((r) => r.findings.length) ? 1 : 0;
}
