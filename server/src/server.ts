// The language server: a thin adapter from LSP to the core. Runs standalone with --stdio (any LSP
// client) or under the VS Code client over IPC.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CompletionItem, CompletionItemKind, createConnection, DidChangeConfigurationNotification, LSPErrorCodes, ResponseError,
  TextDocuments, type CancellationToken, type Connection, type InitializeParams,
  type InitializeResult, type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PhraseLibrary } from './core/phrases';
import type { PartialCorpus } from './core/store';
import { AnswerHost } from './lsp/answerHost';
import { CheckHost } from './lsp/checkHost';
import { CorpusManager } from './lsp/corpusManager';
import { initializeLocale, initializeResult } from './lsp/capabilities';
import { codeActionsFor, fileUri, toCompletionItem, toDiagnostic, toDocumentSymbols, toHover } from './lsp/convert';
import { consoleToClient, handoffTransport, takeHandoff } from './lsp/handoff';
import { SettingsCache, type Settings } from './lsp/settings';
import { createLocalizer } from './core/l10n';
import { readRepoConfig } from './node/config';
import { resolveCorpusPaths } from './node/corpusFiles';
import { describeFileProblem } from './node/files';
import { phraseLibraryFiles, readTeamRegions, readText, seedsDir, type TeamFileProblem } from './node/teamFiles';
import { trace, tracing } from './node/trace';
import { transportUsage } from './node/transport';

// Transport from the command line: --stdio (any LSP client) or --node-ipc (the VS Code client).
const usage = transportUsage(process.argv.slice(2));
if (usage) {
  process.stderr.write(usage);
  process.exit(2);
}
// A request cancelled before it is dispatched is answered at once with RequestCancelled (-32800).
const connectionOptions = {
  connectionStrategy: {
    cancelUndispatched: (message: unknown) => ({
      jsonrpc: '2.0' as const, id: (message as { id?: number | string }).id ?? null,
      error: { code: LSPErrorCodes.RequestCancelled, message: 'request cancelled' },
    }),
  },
};
// Started by the tiny entry (server/out/server.js, lsp/start.ts), which answered `initialize` and
// started the workers: the transport replays what it read. Started directly: the command line's.
const handoff = takeHandoff();
const transport = handoff && handoffTransport(handoff);
const connection: Connection = transport
  ? createConnection(transport.input, transport.output, connectionOptions)
  : createConnection(connectionOptions);
if (handoff?.transport === 'stdio') consoleToClient(connection);
const documents = new TextDocuments(TextDocument);

let serviceLocale: string | undefined;
let corpus: CorpusManager;
let checks: CheckHost;
/** Hover, completion and document symbols: computed in the answer worker (this thread never builds them). */
let answers: AnswerHost;
let settings: SettingsCache;
let folders: string[] = [];
let canPullConfig = false;
let canWorkDoneProgress = false;
let canWatchFolders = false;
let libraries: PhraseLibrary[] = [];
let libraryProblemUris = new Set<string>();
let teamRegions = new Set<string>();
let progress: WorkDoneProgressServerReporter | undefined;
let progressOpening: Promise<void> | undefined;

function log(message: string): void {
  connection.console.log(`[policy-draft] ${message}`);
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const locale = initializeLocale(params);
  serviceLocale = locale;
  settings = new SettingsCache(connection, () => readRepoConfig(baseFolder()).config);
  folders = (params.workspaceFolders ?? []).map(f => fileURLToPath(f.uri));
  if (!folders.length && params.rootUri) folders = [fileURLToPath(params.rootUri)];
  canPullConfig = !!params.capabilities.workspace?.configuration;
  canWorkDoneProgress = !!params.capabilities.window?.workDoneProgress;
  canWatchFolders = !!params.capabilities.workspace?.workspaceFolders;
  // Nothing heavy here: the service loads the gazetteer and converter on first use, the workers
  // start after `initialized`, and only the index worker ever segments.
  corpus = new CorpusManager({
    onProgress: (done, total) => reportProgress(done, total),
    onResolved: (total, missing) => {
      for (const m of missing) connection.console.warn(`[policy-draft] corpus path matched nothing: ${m}`);
      reportProgress(0, total);
    },
    onSwap: (stats, result, millis, segmenter) => {
      endProgress();
      log(`index ready: ${stats.documents} documents from ${stats.files} files ` +
        `(${result.analyzed} analysed, ${result.fromCache} from cache) in ${millis} ms` +
        (segmenter ? `; segmenter: ${segmenter.description}` : ''));
      void connection.sendNotification('policyDraft/status', { state: 'ready', ...stats, millis, segmenter: segmenter?.kind });
      answers.setLive(corpus.generation, stats);
      revalidateAll();
      warmAfterIndex();
    },
    onPhrasesReset: () => answers.resetPhrases(),
    onWorkerLost: () => {
      answers.setLive(0, corpus.stats);
      // a new check worker gets a port to the next index worker, which indexes again
      checks.restartWorker();
      void reindex();
    },
    onError: message => {
      endProgress();
      connection.console.error(`[policy-draft] indexing failed: ${message}`);
      void connection.sendNotification('policyDraft/status', { state: 'error', message });
      warmAfterIndex();
    },
  }, locale ?? 'en', handoff?.index);
  answers = new AnswerHost(locale ?? 'en', message => connection.console.error(`[policy-draft] answer worker: ${message}`), () => corpus.phrasePort());
  // the shipped table's entries the checks read (it has none today), once the answer worker read it
  answers.onBuiltinChecked = lib => {
    builtinChecked = lib;
    checks.setTeam(checkedLibraries(), teamRegions);
    revalidateAll();
  };
  checks = new CheckHost(locale ?? 'en', port => corpus.attachCheckPort(port),
    message => connection.console.error(`[policy-draft] check worker: ${message}`), undefined, handoff?.check);
  checks.onRestart = () => revalidateAll();
  checks.onOfficeStatus = st => officeStatus(st);
  checks.onLookupFailed = message => {
    const shown = noteT('The corpus index did not answer ({0}): checked without it.', message);
    connection.console.error(`[policy-draft] ${shown}`);
    void connection.sendNotification('policyDraft/status', { state: 'error', message: shown });
  };
  // The same answer the entry gave (when it did, this one is not sent again).
  return initializeResult() satisfies InitializeResult;
});

connection.onInitialized(() => {
  checks.start();
  if (canPullConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'policyDraft' });
  if (canWatchFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(e => {
      const removed = new Set(e.removed.map(f => fileURLToPath(f.uri)));
      folders = [...folders.filter(f => !removed.has(f)), ...e.added.map(f => fileURLToPath(f.uri))];
      void reloadAll();
    });
  }
  void reloadAll();
});

// ---- settings, team files and the corpus ---------------------------------------------------------

async function globalSettings(): Promise<Settings> {
  return settings.get(canPullConfig ? undefined : null);
}

function baseFolder(): string {
  return folders[0] ?? process.cwd();
}

/**
 * The shipped phrase table: read by the answer worker (150–250 ms), never before the first checks
 * went out (at idle time after them, or on the first completion). The checks read only its entries
 * that name a preferred form (it has none today): the answer worker posts those back.
 */
let builtinWanted = false;
let builtinChecked: PhraseLibrary | undefined;

const checkedLibraries = (): PhraseLibrary[] => [...libraries, ...(builtinWanted && builtinChecked ? [builtinChecked] : [])];

async function reloadTeamFiles(): Promise<void> {
  const s = await globalSettings();
  const problems: TeamFileProblem[] = [];
  // Plain file reads (this bundle): the engine is loaded only when there is a library to parse.
  teamRegions = readTeamRegions(folders, s.regionFiles.map(f => resolveCorpusPaths([f], baseFolder()).files).flat(), problems);
  builtinWanted = s.builtinPhrases;
  const libraryFiles = phraseLibraryFiles(folders, s.phrasePaths, baseFolder());
  // parsed in the answer worker (yaml, the engine): this thread only reads plain files
  if (libraryFiles.length) {
    const parsed = await answers.parseLibraries(libraryFiles, builtinWanted);
    libraries = parsed.libraries;
    problems.push(...parsed.problems);
  } else {
    libraries = [];
    answers.setLibraries([], builtinWanted);
  }
  // With no draft open nothing competes: hover and completion (the shipped table) are built soon.
  // Otherwise hover after the first diagnostics, completion after the first corpus diagnostics.
  if (documents.all().length === 0) warmAnswersSoon(3000, true);
  reportTeamFileProblems(problems);
  const uris = new Set<string>();
  for (const lib of libraries) {
    const uri = fileUri(lib.source);
    uris.add(uri);
    const doc = TextDocument.create(uri, 'plaintext', 0, safeRead(lib.source));
    void connection.sendDiagnostics({ uri, diagnostics: lib.problems.map(p => toDiagnostic(doc, p)) });
  }
  for (const old of libraryProblemUris) if (!uris.has(old)) void connection.sendDiagnostics({ uri: old, diagnostics: [] });
  libraryProblemUris = uris;
  checks.setTeam(checkedLibraries(), teamRegions);
}

const safeRead = (path: string): string => readText(path) ?? '';

/** Team files that cannot be used (a pipe, a folder, too large, binary): logged, and shown once. */
const shownTeamProblems = new Set<string>();
function reportTeamFileProblems(problems: TeamFileProblem[]): void {
  for (const p of problems) {
    const message = `${p.file}: ${noteT('team file skipped: {0}', describeFileProblem(p.failure, noteT))}`;
    connection.console.warn(`[policy-draft] ${message}`);
    // window/showMessage (type 2: warning) is a notification: no client has to answer it.
    if (!shownTeamProblems.has(message)) void connection.sendNotification('window/showMessage', { type: 2, message });
    shownTeamProblems.add(message);
  }
}

/** The corpus entries (folders, files, globs): the index worker lists their files (a large folder takes a while). */
async function corpusEntries(): Promise<string[]> {
  const s = await globalSettings();
  return [...(s.includeSeeds ? [seedsDir()] : []), ...s.corpusPaths];
}

async function reindex(fresh = false): Promise<void> {
  const entries = await corpusEntries();
  trace('main: index requested');
  if (!corpus.indexing) indexSince = Date.now();
  beginProgress();
  void connection.sendNotification('policyDraft/status', { state: 'indexing', done: 0, total: 0 });
  corpus.request(entries, baseFolder(), fresh);
}

async function reloadAll(): Promise<void> {
  try {
    await reloadTeamFiles();
    await reindex();
    revalidateAll();
  } catch (e) {
    connection.console.error(`[policy-draft] ${(e as Error).stack ?? e}`);
  }
}

function beginProgress(): void {
  if (!canWorkDoneProgress || progressOpening) return;
  progressOpening = connection.window.createWorkDoneProgress().then(reporter => {
    progress = reporter;
    reporter.begin(createLocalizer(serviceLocale)('Indexing the policy corpus'), 0, undefined, false);
  }, () => undefined);
}

function reportProgress(done: number, total: number): void {
  if (warmWanted && !holdWarmUp()) warmAfterIndex();
  void connection.sendNotification('policyDraft/status', { state: 'indexing', done, total });
  progress?.report(total ? Math.round((done / total) * 100) : 0, `${done}/${total}`);
}

function endProgress(): void {
  const opening = progressOpening;
  progressOpening = undefined;
  void opening?.then(() => {
    progress?.done();
    progress = undefined;
  });
}

connection.onDidChangeConfiguration(() => {
  settings.clear();
  void reloadAll();
});

connection.onDidChangeWatchedFiles(async change => {
  const paths = change.changes.map(c => fileURLToPath(c.uri));
  if (paths.some(p => /[\\/]\.policy-draft[\\/]/.test(p) || libraries.some(l => l.source === p))) {
    await reloadTeamFiles();
    revalidateAll();
  }
  const s = await globalSettings();
  if (paths.some(p => corpus.holds(p)) || (s.corpusPaths.length && paths.some(p => !/[\\/]\.policy-draft[\\/]/.test(p)))) {
    await reindex();
  }
});

// ---- diagnostics ----------------------------------------------------------------------------------

const timers = new Map<string, NodeJS.Timeout>();
const versions = new Map<string, number>();

function schedule(doc: TextDocument, delay = 150): void {
  clearTimeout(timers.get(doc.uri));
  timers.set(doc.uri, setTimeout(() => void validate(doc.uri), delay));
}

/** The file path of a file: URI (the draft's own corpus copy is skipped by the checks). */
function fileSource(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function revalidateAll(): void {
  for (const doc of documents.all()) schedule(doc, 0);
}

/**
 * Per open draft, the index answer its last check read (the check worker posts it when it changed):
 * its hovers read the snapshot the answer worker assembles from it. This thread never holds the whole index.
 */
interface DraftCorpus {
  partial: PartialCorpus;
  signature?: string;
  /** The text the check read (a hover on a later version still reads it until the next check is out). */
  version: number;
  /** Which index answered it. */
  source: 'office' | 'fallback' | 'local';
}
const draftCorpus = new Map<string, DraftCorpus>();

// ---- the office index (policyDraft.corpus.database) ------------------------------------------------

/** The office index the checks and completion ask, on the check worker's connection pool (the only one). */
let officeUrl: string | undefined;
let officeWarned = false;

/** Which index the checks read (the client's status bar shows it): told when it changes. */
let indexSource: string | undefined;
let officeProblem: string | undefined;
function reportIndexSource(source: 'office' | 'local' | 'fallback'): void {
  const key = `${source}\0${officeProblem ?? ''}`;
  if (key === indexSource) return;
  indexSource = key;
  void connection.sendNotification('policyDraft/indexSource', {
    source, ...(officeUrl ? { database: officeUrl.replace(/(:\/\/[^:/@]*):[^@/]*@/, '$1:***@') } : {}),
    ...(source === 'fallback' && officeProblem ? { message: officeProblem } : {}),
  });
}

/** Whether the office index answered last (the checks' reader and completion's each tell; the writer is told once each way). */
let officeUp = true;

/** A lost connection: the local index answers, and the writer is told (once each way). */
function officeStatus(st: { database: boolean; message?: string }): void {
  officeProblem = st.database ? undefined : st.message;
  if (st.database === officeUp || !officeUrl) return;
  officeUp = st.database;
  const t = noteT;
  const message = st.database ? t('The office index is available again.') : t('The office index is not available ({0}): using the local index.', st.message ?? '');
  connection.console.log(`[policy-draft] ${message}`);
  void connection.sendNotification('window/showMessage', { type: st.database ? 3 : 2, message });
}

/**
 * The office index when the setting names one (the local index stays the fallback), else undefined.
 * The check worker connects to it and asks it for the checks and for completion: this thread loads
 * no database client and holds no connection.
 */
async function officeIndex(): Promise<string | undefined> {
  const s = await globalSettings();
  if (s.databaseProblem && !officeWarned) {
    officeWarned = true;
    const message = noteT('policyDraft.corpus.database holds a password: it is not used. Put the password in PGPASSWORD, ~/.pgpass or pg_service.conf.');
    connection.console.warn(`[policy-draft] ${message}`);
    void connection.sendNotification('window/showMessage', { type: 2, message });
  }
  checks.setOffice(s.database);
  if (officeUrl === s.database) return officeUrl;
  officeUrl = s.database || undefined;
  officeUp = true;
  if (s.database) log(`corpus: the office index ${s.database.replace(/(:\/\/[^:/@]*):[^@/]*@/, '$1:***@')}`);
  return officeUrl;
}

async function validate(uri: string): Promise<void> {
  timers.delete(uri);
  const doc = documents.get(uri);
  if (!doc) return;
  try {
    const s = await settings.get(canPullConfig ? uri : null);
    if (!s.languages.includes(doc.languageId)) {
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const version = doc.version;
    // Off this thread: hover and completion never wait for a check; a newer edit cancels this one.
    // With the office index: its answer for this draft's keys (never its text) goes with the check.
    // The check worker asks the office index (when one is set) for this draft's keys, never its
    // text, and the local index when it cannot answer.
    const officeUrl = await officeIndex();
    if (documents.get(uri)?.version !== version) return;
    const outcome = await checks.check({
      key: uri, text: doc.getText(), severities: s.severities, headings: s.headings, source: fileSource(uri),
      generation: officeUrl ? 0 : corpus.generation, held: draftCorpus.get(uri)?.signature,
    });
    if (!outcome || documents.get(uri)?.version !== version) return;
    versions.set(uri, version);
    if (outcome.corpus) trace(`main: index answer received (${outcome.corpus.documents.length} documents, ${outcome.corpus.mentions.length} mentions)`);
    reportIndexSource(outcome.source);
    if (outcome.corpus) {
      draftCorpus.set(uri, { partial: outcome.corpus, signature: outcome.signature, version, source: outcome.source });
      answers.setCorpus(uri, outcome.corpus);
    } else if (outcome.signature === undefined) {
      if (draftCorpus.delete(uri)) answers.setCorpus(uri, undefined);
    } else {
      const entry = draftCorpus.get(uri);
      if (entry) {
        entry.version = version;
        entry.source = outcome.source;
      }
    }
    void connection.sendDiagnostics({ uri, version, diagnostics: outcome.findings.map(f => toDiagnostic(doc, f)) });
    trace(`main: diagnostics published (index ${corpus.generation})`);
    // The first corpus diagnostics are out: the index worker mines the phrases (in the background), a
    // moment later, so that the first hovers on the new index (the draft's snapshot assembled in the
    // hover worker) do not compete with the miner and completion's warm-up for the cores.
    if (corpus.ready) warmPhrasesSoon();
    // hover's first build and the phrase table, in the answer worker (soon after the first diagnostics)
    warmAnswersSoon(corpus.ready ? 0 : 1000);
  } catch (e) {
    // The server never dies on what a user typed: report, publish nothing new.
    connection.console.error(`[policy-draft] check failed for ${uri}: ${(e as Error).stack ?? e}`);
  }
}

documents.onDidOpen(e => schedule(e.document, 0));
documents.onDidChangeContent(e => schedule(e.document));
documents.onDidClose(e => {
  clearTimeout(timers.get(e.document.uri));
  checks.cancelKey(e.document.uri);
  draftCorpus.delete(e.document.uri);
  answers.close(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});
documents.onDidSave(e => {
  if (libraries.some(l => fileUri(l.source) === e.document.uri)) void reloadTeamFiles().then(revalidateAll);
});

// ---- requests -------------------------------------------------------------------------------------

/** Lets queued messages (a $/cancelRequest, a newer edit) be read before a request is answered. */
const yieldToQueue = () => new Promise<void>(resolve => setImmediate(resolve));

const cancelled = () => new ResponseError<void>(LSPErrorCodes.RequestCancelled, 'request cancelled');

function guarded<P, R>(name: string, fallback: R, fn: (params: P, token: CancellationToken) => R | Promise<R>) {
  return async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
    const t0 = tracing ? performance.now() : 0;
    try {
      await yieldToQueue();
      if (token.isCancellationRequested) return cancelled();
      const t1 = tracing ? performance.now() : 0;
      const result = await fn(params, token);
      if (tracing) trace(`main: ${name} answered (${(performance.now() - t1).toFixed(1)} ms; ${(t1 - t0).toFixed(1)} ms queued)`);
      return token.isCancellationRequested ? cancelled() : result;
    } catch (e) {
      connection.console.error(`[policy-draft] ${name} failed: ${(e as Error).stack ?? e}`);
      return fallback;
    }
  };
}

/** While the index is being built, corpus evidence is not known yet: say so rather than "none". */
function indexingNote(): string | undefined {
  if (corpus.ready && !corpus.indexing) return undefined;
  const { done, total } = corpus.progress;
  return total ? noteT('Indexing the corpus ({0}/{1} files)…', done, total) : noteT('Indexing the corpus…');
}

/** The notes hover and completion give before the corpus answers, without loading the engine bundle for them. */
let noteLocalizer: ReturnType<typeof createLocalizer> | undefined;
const noteT = (message: string, ...args: Array<string | number>) => (noteLocalizer ??= createLocalizer(serviceLocale)).t(message, ...args);

/**
 * Hover's first build (the engine bundle, the gazetteer, the near-miss index, the converters, the
 * figure lexicon) and the shipped phrase table, in the answer worker, soon after the first
 * diagnostics. Until it is done a hover on a draft no check has read an index for says only that
 * (it could say nothing of the corpus anyway); other hovers wait for it.
 */
let warmTimer: NodeJS.Timeout | undefined;
/**
 * A warm-up asked for while the index was being built: done once it is read (or failed). Building
 * hover's tables (1.5-2 s of CPU) while the corpus is indexed on every core would delay the first
 * corpus diagnostics; meanwhile a hover says the corpus is being indexed (onHover).
 */
let warmWanted: { completionToo: boolean } | undefined;
/**
 * An index that has run this long builds hover's tables meanwhile, so that hovers answer at once when
 * it is in (a long index is hardly slowed by them; a short one, such as ../shared/corpus, is not at all).
 */
const LONG_INDEX_MS = 10_000;
let indexSince = 0;
const holdWarmUp = () => corpus.indexing && Date.now() - indexSince < LONG_INDEX_MS;
function warmAnswersSoon(delayMs: number, completionToo = false): void {
  if (warmTimer) return;
  if (holdWarmUp()) {
    warmWanted = { completionToo: completionToo || !!warmWanted?.completionToo };
    return;
  }
  warmTimer = setTimeout(() => {
    warmTimer = undefined;
    // (an index began meanwhile: after it)
    if (holdWarmUp()) return warmAnswersSoon(delayMs, completionToo);
    answers.warmUp('hover');
    if (completionToo) answers.warmUp('complete');
  }, delayMs);
  warmTimer.unref();
}

/** Mining and completion's warm-up wait this long after the first corpus diagnostics. */
const PHRASES_AFTER_MS = 1500;
let phrasesTimer: NodeJS.Timeout | undefined;
function warmPhrasesSoon(): void {
  if (phrasesTimer) return;
  phrasesTimer = setTimeout(() => answers.warmPhrases(), PHRASES_AFTER_MS);
  phrasesTimer.unref();
}

/** The index is read (or failed), or has run LONG_INDEX_MS: the warm-up it held back. */
function warmAfterIndex(): void {
  const wanted = warmWanted;
  warmWanted = undefined;
  // with a draft open, its corpus check goes first (validate warms hover once its diagnostics are out)
  if (wanted) warmAnswersSoon(documents.all().length ? 1000 : 0, wanted.completionToo);
}

/** What the answer worker reads of a draft: its text, sent once per version. */
const textOf = (doc: TextDocument) => ({ version: doc.version, text: () => doc.getText() });

connection.onHover(guarded('hover', null, async params => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  // What the draft's last check read of the index (the office index's or the local one's answer);
  // a draft no check has read an index for yet (just opened) says so.
  const entry = draftCorpus.get(doc.uri);
  const usingOffice = !!officeUrl && entry?.source === 'office';
  if (!usingOffice && (!entry || (!answers.warm && corpus.indexing))) {
    // Nothing of the corpus is known for this draft yet (the answer worker could only say so), or the
    // corpus is being indexed and hover is not built (it is built once the index is read, not while
    // indexing takes every core): say so now, without a round trip to the answer worker (which waits
    // for a core while both index); hover is built meanwhile or after the index.
    warmAnswersSoon(1000);
    return { contents: { kind: 'markdown' as const, value: `_${indexingNote() ?? noteT('Checking the draft against the corpus…')}_` } };
  }
  const snapshot = !!entry;
  const note = usingOffice ? undefined : indexingNote() ?? (snapshot ? undefined : noteT('Checking the draft against the corpus…'));
  const h = await answers.hover(doc.uri, textOf(doc), doc.offsetAt(params.position), fileSource(doc.uri), snapshot);
  if (!h) return null;
  if (!note) return toHover(doc, h);
  // Before the draft's first check read an index nothing the corpus says is known; during a
  // re-index the old one answers.
  return toHover(doc, { ...h, markdown: snapshot ? `_${note}_\n\n${h.markdown}` : `_${note}_` });
}));

connection.onCompletion(guarded('completion', { isIncomplete: true, items: [] as CompletionItem[] }, async params => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return { isIncomplete: true, items: [] };
  const offset = doc.offsetAt(params.position);
  // With the office index: the check worker asks it for the typed prefixes' phrases (only the prefixes are sent)
  const answer = officeUrl && (await officeIndex()) ? await checks.complete(doc.getText(), offset) : undefined;
  // The answer worker completes from the team libraries, the shipped table and the corpus phrases of
  // the typed prefixes; while those are still being mined it answers without them (mining goes on).
  const done = await answers.complete(doc.uri, textOf(doc), offset, answer);
  const items: CompletionItem[] = done.items.map(c => toCompletionItem(doc, c, offset));
  const note = indexingNote();
  if (note && !corpus.ready) items.push(noteItem(doc, offset, note, 'indexing'));
  else if (done.mining) items.push(noteItem(doc, offset, noteT('Corpus phrases are still being mined…'), 'mining'));
  // Incomplete: the typed prefix changes the candidate set, so VS Code asks again as the writer types.
  return { isIncomplete: true, items };
}));

/**
 * A last completion entry that says the corpus phrases are still coming (the index is being built, or
 * its phrases mined: `data.note`); accepting it changes nothing. The list is incomplete anyway, so
 * the editor asks again as the writer types, and gets them once they are in.
 */
function noteItem(doc: TextDocument, offset: number, note: string, why: 'indexing' | 'mining'): CompletionItem {
  const before = doc.getText({ start: doc.positionAt(Math.max(0, offset - 32)), end: doc.positionAt(offset) });
  const typed = /[\u3400-\u9fff]*$/.exec(before)?.[0] ?? '';
  const item = CompletionItem.create(note);
  item.kind = CompletionItemKind.Text;
  item.filterText = typed;
  item.sortText = '\uffff';
  item.data = { note: why };
  item.textEdit = { range: { start: doc.positionAt(offset - typed.length), end: doc.positionAt(offset) }, newText: typed };
  return item;
}

connection.onCodeAction(guarded('codeAction', [] as ReturnType<typeof codeActionsFor>, params => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  return params.context.diagnostics.filter(d => d.source === 'policy-draft').flatMap(d => codeActionsFor(doc, d));
}));

connection.onDocumentSymbol(guarded('documentSymbol', [] as ReturnType<typeof toDocumentSymbols>, async params => {
  const doc = documents.get(params.textDocument.uri);
  return doc ? toDocumentSymbols(doc, await answers.symbols(doc.uri, textOf(doc))) : [];
}));

connection.onExecuteCommand(guarded('executeCommand', null as unknown, async params => {
  const args = params.arguments ?? [];
  switch (params.command) {
    case 'policyDraft.server.corpusReport': {
      const report = (await corpus.report()) ?? { stats: corpus.stats, files: [] };
      // what this thread holds of the corpus: the index answers of the open drafts' last checks
      const held = new Set<string>();
      for (const e of draftCorpus.values()) for (const d of e.partial.documents) held.add(d.id);
      return { text: await answers.formatReport(report), report, indexing: corpus.indexing, requestThread: { documents: held.size } };
    }
    case 'policyDraft.server.rebuildIndex':
      await reloadTeamFiles();
      await reindex(true);
      return true;
    case 'policyDraft.server.libraries':
      // (the team libraries: phrases are added to those; the shipped table is not one to write to)
      return {
        libraries: libraries.map(l => l.source),
        defaultFolder: folders[0] ? `${folders[0]}/.policy-draft/phrases` : undefined,
      };
    case 'policyDraft.server.addToLibrary': {
      const [path, phrase] = args as [string, string];
      if (typeof path !== 'string' || typeof phrase !== 'string' || !phrase.trim()) return false;
      mkdirSync(dirname(path), { recursive: true });
      const updated = await answers.addToLibrary(path, safeRead(path), phrase.trim());
      if (updated === undefined) return false;
      writeFileSync(path, updated);
      await reloadTeamFiles();
      revalidateAll();
      return true;
    }
  }
  return null;
}));

// ---- ending ---------------------------------------------------------------------------------------

let stopping: Promise<boolean> | undefined;
let stoppedCleanly = false;
/** Stops both workers: false when one is stuck in a system call (process.exit would wait for it forever). */
function stopWorkers(): Promise<boolean> {
  stopping ??= Promise.all([corpus?.dispose() ?? true, checks?.dispose() ?? true, answers?.dispose() ?? true]).then(r => (stoppedCleanly = r.every(Boolean)));
  return stopping;
}

/** Ends the process within a second whatever the workers are doing. */
function endProcess(code: number): void {
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), 900);
  void stopWorkers().then(ok => {
    // process.exit joins worker threads: one blocked in a read would hang it, so kill instead.
    if (ok) process.exit(code);
    else process.kill(process.pid, 'SIGKILL');
  });
}

connection.onShutdown(async () => {
  await stopWorkers();
});
// vscode-languageserver calls process.exit right after this handler, and process.exit joins the
// worker threads. After a clean shutdown they are gone; otherwise an indexer that may sit in a
// system call is not waited for.
connection.onExit(() => {
  if (!stoppedCleanly && (stopping || corpus?.indexing)) process.kill(process.pid, 'SIGKILL');
});
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => endProcess(0));

process.on('uncaughtException', e => {
  try {
    connection.console.error(`[policy-draft] unexpected error: ${e.stack ?? e}`);
  } catch {
    /* the connection is gone */
  }
});

documents.listen(connection);
connection.listen();
