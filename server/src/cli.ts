#!/usr/bin/env node
// policy-lint: the same checks as the editor, for reviewers and CI. A thin edge over the core.
import { resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { assembleSnapshot, type CorpusSnapshot } from './core/corpus/snapshot';
import { bundleLocale, createLocalizer, format } from './core/l10n';
import type { PolicyService } from './core/service';
import { decodeBytes } from './core/text/decode';
import { describeCorpus, formatCorpusReport } from './core/corpus/report';
import { lineColAt, lineStarts } from './core/text/offsetMap';
import type { Localizer } from './core/types';
import { fileUri, toDiagnostic } from './lsp/convert';
import { resolveCorpusPaths } from './node/corpusFiles';
import {
  createNodeService, phraseLibraryFiles, readPhraseLibraries, readTeamRegions, readText, seedsDir, type TeamFileProblem,
} from './node/environment';
import { describeFileProblem, describeReadFailure, inspectPath, MAX_DOCUMENT_BYTES, readFileBounded } from './node/files';
import { indexCorpus } from './node/indexer';
import { describeChoice, segmenterChoice } from './node/segmenter';
import { finishLint, type FixMode } from './cli/lint';
import { FORMATS, type OutputFormat } from './cli/output';
import { usage, VERSION } from './cli/usage';
import { readRepoConfig } from './node/config';
import { snapshotFromReader } from './core/store';
import { MemoryIndexReader } from './core/store/memory';
import type { buildDatabaseIndex as BuildDatabaseIndex } from './node/store/writer';
import type { databaseStore as DatabaseStore, describeOfficeIndex as DescribeOfficeIndex } from './node/store/reader';
import { formatOfficeIndexReport } from './core/store/report';
import { redact } from './node/store/connection';

// The office index code loads pg (~0.2 s): only for `index` and --database.
/* eslint-disable @typescript-eslint/no-require-imports */
const buildDatabaseIndex: typeof BuildDatabaseIndex = (...a) => (require('./node/store/writer') as typeof import('./node/store/writer')).buildDatabaseIndex(...a);
const databaseStore: typeof DatabaseStore = opts => (require('./node/store/reader') as typeof import('./node/store/reader')).databaseStore(opts);
const describeOfficeIndex: typeof DescribeOfficeIndex = opts => (require('./node/store/reader') as typeof import('./node/store/reader')).describeOfficeIndex(opts);
/* eslint-enable @typescript-eslint/no-require-imports */


interface Args {
  command: 'lint' | 'corpus' | 'index';
  format: OutputFormat;
  fix: FixMode;
  corpus: string[];
  seeds: boolean;
  team: string;
  locale?: string;
  cache: boolean;
  files: string[];
  /** The office index (postgres:// URL), for `index` and for checking. */
  database?: string;
  workers: number;
}

/** A usage error: an English message key and its arguments, localised when printed. */
class UsageError extends Error {
  constructor(readonly key: string, readonly args: string[] = []) {
    super(format(key, args));
  }
}

function parseArgs(argv: string[]): Args {
  const a: Args = { command: 'lint', format: 'text', fix: 'none', corpus: [], seeds: true, team: '.', cache: true, files: [], workers: 1 };
  if (argv[0] === 'corpus' || argv[0] === 'index') {
    a.command = argv[0];
    argv = argv.slice(1);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError('{0} needs a value', [arg]);
      return v;
    };
    switch (arg) {
      case '--format': {
        const f = value();
        if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError('unknown format: {0}', [f]);
        a.format = f as OutputFormat;
        break;
      }
      case '--corpus': a.corpus.push(value()); break;
      case '--no-seeds': a.seeds = false; break;
      case '--team': a.team = value(); break;
      case '--locale': a.locale = value(); break;
      case '--no-cache': a.cache = false; break;
      case '--database': a.database = value(); break;
      case '--workers': {
        const v = value();
        if (!/^[1-9]\d{0,2}$/.test(v)) throw new UsageError('{0} needs a value', [arg]);
        a.workers = Number(v);
        break;
      }
      case '--fix': a.fix = 'apply'; break;
      case '--fix-dry-run': a.fix = 'dry-run'; break;
      case '-V': case '--version': process.stdout.write(`policy-lint ${VERSION}\nsegmenter: ${describeChoice(segmenterChoice())}\n`); process.exit(0);
      // falls through (exit never returns)
      case '-h': case '--help': process.stdout.write(usage(createLocalizer(bundleLocale(localeArg(argv) ?? envLocale()))) + '\n'); process.exit(0);
      // falls through (exit never returns)
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError('unknown option: {0}', [arg]);
        a.files.push(arg);
    }
  }
  if (a.command === 'lint' && a.files.length === 0) throw new UsageError('no files to check');
  if (a.command === 'index' && !a.database) throw new UsageError('{0} needs a value', ['--database']);
  const team = inspectPath(resolve(a.team));
  if (!team.ok || !team.stats.isDirectory()) throw new UsageError('--team {0}: not a folder', [a.team]);
  return a;
}

function localeArg(argv: string[]): string | undefined {
  const li = argv.indexOf('--locale');
  return li >= 0 ? argv[li + 1] : undefined;
}

function envLocale(): string | undefined {
  return process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || undefined;
}

function corpusEntries(args: Args): { files: string[]; missing: string[] } {
  const entries = [...(args.seeds ? [seedsDir()] : []), ...args.corpus];
  return resolveCorpusPaths(entries, process.cwd());
}

function buildSnapshot(service: PolicyService, args: Args, files: string[]): CorpusSnapshot {
  // The checks and the report read no mined phrases (only completion does): they are never mined
  // here, so the CLI never segments (nor loads the segmenter's dictionaries).
  const result = indexCorpus(service, files, { cacheDir: args.cache ? undefined : null, phrases: 'later' });
  // Lazily: the indexes are built (and cached analyses read) only when a check or the report needs them.
  return assembleSnapshot(result.files, () => service.gazetteer, () => result.phrases, { lazy: true });
}

/**
 * The local index as the server's check worker reads it: key maps over the analyses (read whole from
 * the cache's pack when it is warm), asked for each draft's lookup keys, so that only the documents a
 * draft's keys return are read. A check against the snapshot this gives a draft finds what it finds
 * against the whole index (snapshotFromReader; the office index is read the same way), without
 * reading every analysis or building the figure and region indexes of the whole corpus.
 */
function localReader(service: PolicyService, args: Args, files: string[]): MemoryIndexReader {
  const result = indexCorpus(service, files, { cacheDir: args.cache ? undefined : null, phrases: 'later' });
  return new MemoryIndexReader(result.files, () => service.gazetteer, '', { keyed: result.keyed, gramTotals: result.gramTotals });
}

/** A draft's text through the one bounded read (no pipes or devices), or a message saying why not. */
function readDraft(file: string, t: Localizer): { text: string } | { error: string } {
  const r = readFileBounded(file, MAX_DOCUMENT_BYTES);
  if (!r.ok) return { error: describeReadFailure(r, t) };
  const decoded = decodeBytes(r.bytes);
  if (decoded.ok) return { text: decoded.text };
  if (decoded.reason === 'empty') return { text: '' }; // an empty draft has nothing to report
  if (decoded.reason === 'binary') return { error: decoded.detail ? t('cannot read as text: a binary file ({0})', decoded.detail) : t('cannot read as text: a binary file') };
  return { error: t('cannot read as text: not UTF-8, UTF-16 or GB18030') };
}

/** Team files the editor would mark: unreadable ones, and problems inside phrase libraries (file:line:col). */
function reportTeamProblems(problems: TeamFileProblem[], libraries: ReturnType<typeof readPhraseLibraries>, t: Localizer): void {
  for (const p of problems) {
    process.stderr.write(`policy-lint: ${p.file}: ${t('team file skipped: {0}', describeFileProblem(p.failure, t))}\n`);
  }
  for (const lib of libraries) {
    if (!lib.problems.length) continue;
    const starts = lineStarts(readText(lib.source) ?? '');
    for (const f of lib.problems) {
      const at = lineColAt(starts, f.start);
      process.stderr.write(`${lib.source}:${at.line + 1}:${at.character + 1}: ${f.severity} ${f.code} ${f.message}\n`);
    }
  }
}

async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    const li = argv.indexOf('--locale');
    const t = createLocalizer(bundleLocale((li >= 0 ? argv[li + 1] : undefined) ?? envLocale()));
    const message = e instanceof UsageError ? t(e.key, ...e.args) : (e as Error).message;
    process.stderr.write(`policy-lint: ${message}\n${usage(t)}\n`);
    return 2;
  }
  const locale = bundleLocale(args.locale ?? envLocale());
  const t = createLocalizer(locale);
  // Everything about the arguments is checked before the corpus (seconds, hundreds of MB) is loaded.
  const drafts: Array<{ file: string; text: string }> = [];
  let ioError = false;
  for (const file of args.files) {
    const r = readDraft(file, t);
    if ('error' in r) {
      process.stderr.write(`policy-lint: ${file}: ${r.error}\n`);
      ioError = true;
    } else drafts.push({ file, text: r.text });
  }
  // The repository's .policy-draft/config.json, as the editor reads it: corpus, severities, headings.
  const repo = readRepoConfig(resolve(args.team));
  for (const p of repo.problems) process.stderr.write(`policy-lint: ${repo.file}: ${p}\n`);
  if (repo.config.includeSeeds === false) args.seeds = false;
  args.corpus.unshift(...(repo.config.corpusPaths ?? []).map(p => resolve(args.team, p)));
  const { files: corpusFiles, missing } = corpusEntries(args);
  for (const m of missing) process.stderr.write(`policy-lint: ${t('corpus path matched nothing: {0}', m)}\n`);
  if (args.command === 'lint' && drafts.length === 0) {
    if (args.format === 'json') process.stdout.write('[]\n');
    return 2;
  }
  const service = createNodeService(locale);
  if (args.command === 'index') {
    try {
      await buildDatabaseIndex(service, corpusFiles, { url: args.database, workers: args.workers, locale, progress: l => process.stderr.write(`policy-lint index: ${l}\n`) });
      return missing.length ? 2 : 0;
    } catch (e) {
      process.stderr.write(`policy-lint: ${t('the office index could not be built: {0}', (e as Error).message)}\n`);
      return 2;
    }
  }
  if (args.command === 'corpus' && args.database) {
    // the office index is reported, not the local one (which is built only when the database does not answer)
    try {
      const r = await describeOfficeIndex({ url: args.database });
      process.stdout.write(args.format === 'json' ? JSON.stringify(r, null, 2) + '\n' : formatOfficeIndexReport(r, t) + '\n');
      return missing.length ? 2 : 0;
    } catch (e) {
      process.stderr.write(`policy-lint: ${t('the office index is not available ({0}); reporting the local index', (e as Error).message)}\n`);
    }
  }
  let local: CorpusSnapshot | undefined;
  const localSnapshot = () => (local ??= buildSnapshot(service, args, corpusFiles));
  // With --database the corpus is the office index, asked only for each draft's lookup keys; when it
  // cannot be reached the local index answers, and stderr says so.
  const store = args.database && args.command === 'lint'
    ? databaseStore({
      url: args.database, gazetteer: () => service.gazetteer, fallback: localSnapshot,
      // one run looks its drafts up once: no connection listening for new generations
      listen: false,
      onStatus: s => {
        if (!s.database) process.stderr.write(`policy-lint: ${t('the office index is not available ({0}); checking against the local index', s.message ?? redact(args.database!))}\n`);
      },
    })
    : undefined;
  // (a lint run asks the local index for its drafts' keys; the corpus report reads the whole index)
  const snapshot = store || args.command === 'lint' ? undefined : localSnapshot();

  if (args.command === 'corpus') {
    const report = describeCorpus(snapshot!);
    process.stdout.write(args.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : formatCorpusReport(report, service.t) + '\n');
    return missing.length ? 2 : 0;
  }

  const team = resolve(args.team);
  const teamProblems: TeamFileProblem[] = [];
  const teamRegions = readTeamRegions([team], [], teamProblems);
  const libraries = readPhraseLibraries(service, phraseLibraryFiles([team], [], team), teamProblems);
  reportTeamProblems(teamProblems, libraries, t);
  const snapshots = new Map<string, CorpusSnapshot>();
  if (store) {
    try {
      for (const d of drafts) snapshots.set(d.file, await store.snapshotFor(d.text, { teamRegions }));
    } finally {
      await store.close();
    }
  } else {
    const reader = localReader(service, args, corpusFiles);
    for (const d of drafts) snapshots.set(d.file, await snapshotFromReader(reader, service.gazetteer, d.text, { teamRegions }));
  }
  // A draft's snapshot holds what its own lookup keys return: a text --fix changed is checked against the
  // whole local index instead (its keys may differ), or, with the office index, against the draft's.
  const drafted = new Map(drafts.map(d => [d.file, d.text]));
  const snapshotOf = (file: string, text: string) =>
    (store || drafted.get(file) === text ? snapshots.get(file) : undefined) ?? snapshot ?? localSnapshot();
  const check = (file: string, text: string) =>
    service.check(snapshotOf(file, text), text, { teamRegions, libraries, source: resolve(file), severities: repo.config.severities, headings: repo.config.headings });
  const status = finishLint(drafts.map(d => ({ ...d, findings: check(d.file, d.text) })), {
    format: args.format,
    fix: args.fix,
    t,
    check,
    diagnostics: (file, text, findings) => {
      const doc = TextDocument.create(fileUri(resolve(file)), 'policy-draft', 1, text);
      return findings.map(f => toDiagnostic(doc, f));
    },
    out: s => process.stdout.write(s),
    err: s => process.stderr.write(s),
  });
  return ioError ? 2 : status;
}

void main(process.argv.slice(2)).then(code => {
  process.exitCode = code;
});
