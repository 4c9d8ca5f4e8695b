#!/usr/bin/env node
// policy-lint: the same checks as the editor, for reviewers and CI. A thin edge over the core.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CorpusSnapshot } from './core/corpus/snapshot';
import { bundleLocale } from './core/l10n';
import type { PolicyService } from './core/service';
import { decodeBytes } from './core/text/decode';
import { describeCorpus, formatCorpusReport } from './core/corpus/report';
import { fileUri, toDiagnostic } from './lsp/convert';
import { resolveCorpusPaths } from './node/corpusFiles';
import { createNodeService, phraseLibraryFiles, readPhraseLibraries, readTeamRegions, seedsDir } from './node/environment';
import { indexCorpus } from './node/indexer';

const USAGE = `usage: policy-lint [options] FILE...
       policy-lint corpus [options]        show what the corpus index holds

options:
  --format text|json   output format (default: text)
  --corpus DIR         add a corpus folder, file or glob (repeatable)
  --no-seeds           do not include the bundled seed corpus
  --team DIR           folder holding .policy-draft/ (team regions and phrase libraries; default: .)
  --locale LOCALE      message language: en or zh-cn (default: from LANG)
  --no-cache           do not read or write the on-disk index cache
  -h, --help           show this help

exit status: 0 nothing found, 1 findings, 2 usage or I/O error`;

interface Args {
  command: 'lint' | 'corpus';
  format: 'text' | 'json';
  corpus: string[];
  seeds: boolean;
  team: string;
  locale?: string;
  cache: boolean;
  files: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const a: Args = { command: 'lint', format: 'text', corpus: [], seeds: true, team: '.', cache: true, files: [] };
  if (argv[0] === 'corpus') {
    a.command = 'corpus';
    argv = argv.slice(1);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json') throw new UsageError(`unknown format: ${f}`);
        a.format = f;
        break;
      }
      case '--corpus': a.corpus.push(value()); break;
      case '--no-seeds': a.seeds = false; break;
      case '--team': a.team = value(); break;
      case '--locale': a.locale = value(); break;
      case '--no-cache': a.cache = false; break;
      case '-h': case '--help': process.stdout.write(USAGE + '\n'); process.exit(0);
      // falls through (exit never returns)
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option: ${arg}`);
        a.files.push(arg);
    }
  }
  if (a.command === 'lint' && a.files.length === 0) throw new UsageError('no files to check');
  return a;
}

function envLocale(): string | undefined {
  return process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || undefined;
}

function buildSnapshot(service: PolicyService, args: Args): { snapshot: CorpusSnapshot; missing: string[] } {
  const entries = [...(args.seeds ? [seedsDir()] : []), ...args.corpus];
  const { files, missing } = resolveCorpusPaths(entries, process.cwd());
  const result = indexCorpus(service, files, { cacheDir: args.cache ? undefined : null });
  return { snapshot: service.assemble(result.files, result.phrases), missing };
}

function main(argv: string[]): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`policy-lint: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const locale = bundleLocale(args.locale ?? envLocale());
  const service = createNodeService(locale);
  const { snapshot, missing } = buildSnapshot(service, args);
  for (const m of missing) process.stderr.write(`policy-lint: corpus path matched nothing: ${m}\n`);

  if (args.command === 'corpus') {
    const report = describeCorpus(snapshot);
    process.stdout.write(args.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : formatCorpusReport(report, service.t) + '\n');
    return missing.length ? 2 : 0;
  }

  const team = resolve(args.team);
  const teamRegions = readTeamRegions([team]);
  const libraries = readPhraseLibraries(service, phraseLibraryFiles([team], [], team));
  const results: Array<{ file: string; diagnostics: ReturnType<typeof toDiagnostic>[] }> = [];
  let ioError = false, found = 0;
  for (const file of args.files) {
    let text: string;
    try {
      const decoded = decodeBytes(readFileSync(file));
      if (!decoded.ok) throw new Error(decoded.reason === 'empty' ? 'empty file' : `cannot read as text (${decoded.reason})`);
      text = decoded.text;
    } catch (e) {
      process.stderr.write(`policy-lint: ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`);
      ioError = true;
      continue;
    }
    const doc = TextDocument.create(fileUri(resolve(file)), 'policy-draft', 1, text);
    const findings = service.check(snapshot, text, { teamRegions, libraries, source: resolve(file) });
    const diagnostics = findings.map(f => toDiagnostic(doc, f));
    found += diagnostics.length;
    results.push({ file, diagnostics });
  }
  if (args.format === 'json') {
    process.stdout.write(JSON.stringify(results) + '\n');
  } else {
    for (const r of results) {
      for (const d of r.diagnostics) {
        const sev = ['', 'error', 'warning', 'info', 'hint'][d.severity ?? 2];
        process.stdout.write(`${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${sev} ${d.code} ${d.message}\n`);
      }
    }
  }
  if (ioError) return 2;
  return found > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
