// Output formats for reviewers and CI: text (a compiler's file:line:col), json (LSP diagnostics),
// sarif (SARIF 2.1.0, for code scanning), github (workflow annotations), rdjson (reviewdog).
import type { Diagnostic } from 'vscode-languageserver';
import { CHECKS } from '../core/service';
import type { Finding, Localizer, Severity } from '../core/types';
import { PositionMap } from './positions';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'rdjson'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export interface FileResult {
  file: string;
  text: string;
  findings: Finding[];
  diagnostics: Diagnostic[];
}

export const TOOL_NAME = 'policy-lint';
const INFO_URI = 'https://github.com/policy-draft/policy-draft';

/** The severity word a person reads, in the CLI's language. */
export function severityLabel(sev: Severity, t: Localizer): string {
  switch (sev) {
    case 'error': return t('error');
    case 'warning': return t('warning');
    case 'information': return t('info');
    default: return t('hint');
  }
}

function text(results: FileResult[], t: Localizer): string {
  let out = '';
  for (const r of results) {
    const map = new PositionMap(r.text);
    for (const f of r.findings) {
      const p = map.at(f.start);
      out += `${r.file}:${p.line}:${p.graphemes}: ${severityLabel(f.severity, t)} ${f.code} ${f.message}\n`;
    }
  }
  return out;
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function github(results: FileResult[]): string {
  let out = '';
  for (const r of results) {
    const map = new PositionMap(r.text);
    for (const f of r.findings) {
      const s = map.at(f.start);
      const e = map.at(f.end);
      const level = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
      const props = [`file=${r.file}`, `line=${s.line}`, `col=${s.codePoints}`, `endLine=${e.line}`, `endColumn=${e.codePoints}`, `title=${TOOL_NAME} ${f.code}`];
      out += `::${level} ${props.map(escapeProperty).join(',').replace(/%3D/g, '=')}::${escapeData(f.message)}\n`;
    }
  }
  return out;
}

/** The single certain fix of a finding, if it has one (what `--fix` would apply). */
function certainFix(f: Finding) {
  return f.fixes?.length === 1 && f.fixes[0].preferred ? f.fixes[0] : undefined;
}

function rdjson(results: FileResult[]): string {
  const diagnostics = results.flatMap((r) => {
    const map = new PositionMap(r.text);
    const range = (start: number, end: number) => {
      const s = map.at(start);
      const e = map.at(end);
      return { start: { line: s.line, column: s.utf8 }, end: { line: e.line, column: e.utf8 } };
    };
    return r.findings.map((f) => {
      const fix = certainFix(f);
      return {
        message: f.message,
        location: { path: r.file, range: range(f.start, f.end) },
        severity: f.severity === 'error' ? 'ERROR' : f.severity === 'warning' ? 'WARNING' : 'INFO',
        source: { name: TOOL_NAME },
        code: { value: f.code },
        ...(fix ? { suggestions: fix.edits.map((e) => ({ range: range(e.start, e.end), text: e.newText })) } : {}),
      };
    });
  });
  return JSON.stringify({ source: { name: TOOL_NAME, url: INFO_URI }, diagnostics }) + '\n';
}

function sarif(results: FileResult[], version: string): string {
  const codes = Object.keys(CHECKS);
  const used = new Set(results.flatMap((r) => r.findings.map((f) => f.code)));
  for (const c of used) if (!codes.includes(c)) codes.push(c);
  const level = (s: Severity) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  const region = (map: PositionMap, start: number, end: number) => {
    const s = map.at(start);
    const e = map.at(end);
    return { startLine: s.line, startColumn: s.utf16, endLine: e.line, endColumn: e.utf16 };
  };
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version,
            informationUri: INFO_URI,
            rules: codes.map((id) => ({
              id,
              shortDescription: { text: id },
              defaultConfiguration: { level: CHECKS[id] === 'off' ? 'none' : level((CHECKS[id] ?? 'warning') as Severity), enabled: CHECKS[id] !== 'off' },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((r) => {
          const map = new PositionMap(r.text);
          const uri = r.file.replace(/\\/g, '/');
          return r.findings.map((f) => {
            const fix = certainFix(f);
            return {
              ruleId: f.code,
              ruleIndex: codes.indexOf(f.code),
              level: level(f.severity),
              message: { text: f.message },
              locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(map, f.start, f.end) } }],
              ...(fix
                ? {
                    fixes: [
                      {
                        description: { text: fix.title },
                        artifactChanges: [
                          {
                            artifactLocation: { uri },
                            replacements: fix.edits.map((e) => ({
                              deletedRegion: region(map, e.start, e.end),
                              insertedContent: { text: e.newText },
                            })),
                          },
                        ],
                      },
                    ],
                  }
                : {}),
            };
          });
        }),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

export function formatResults(format: OutputFormat, results: FileResult[], t: Localizer, version: string): string {
  switch (format) {
    case 'json': return JSON.stringify(results.map((r) => ({ file: r.file, diagnostics: r.diagnostics }))) + '\n';
    case 'sarif': return sarif(results, version);
    case 'github': return github(results);
    case 'rdjson': return rdjson(results);
    default: return text(results, t);
  }
}
