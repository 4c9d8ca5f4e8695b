// The language server: a thin adapter from LSP to the core. Runs standalone with --stdio (any LSP
// client) or under the VS Code client over IPC.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CompletionItem, CompletionItemKind, createConnection, DidChangeConfigurationNotification, LSPErrorCodes, ResponseError,
  TextDocuments, type CancellationToken, type Connection, type InitializeParams,
  type InitializeResult, type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PhraseLibrary } from './core/phrases';
import type { PolicyService } from './core/service';
import type { CorpusSnapshot } from './core/corpus/snapshot';
import type { PartialCorpus, SnapshotCache } from './core/store';
import { CheckHost } from './lsp/checkHost';
import { CorpusManager } from './lsp/corpusManager';
import { initializeLocale, initializeResult } from './lsp/capabilities';
import { codeActionsFor, fileUri, toCompletionItem, toDiagnostic, toDocumentSymbols, toHover } from './lsp/convert';
import { consoleToClient, handoffTransport, takeHandoff } from './lsp/handoff';
import { SettingsCache, type Settings } from './lsp/settings';
import { createLocalizer } from './core/l10n';
import { readRepoConfig } from './node/config';
import { resolveCorpusPaths } from './node/corpusFiles';
import { phraseLibraryFiles, readTeamRegions, readText, seedsDir, type TeamFileProblem } from './node/environment';
import { trace } from './node/trace';
import { transportUsage } from './node/transport';

// The core (figures, regions, converters, tables) is in engine.js, loaded after `initialize` is
// answered: the first thing a client waits for costs only this small bundle.
type Engine = typeof import('./lsp/engine');
let engineModule: Engine | undefined;
const engine = (): Engine => {
  if (!engineModule) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    engineModule = require(join(__dirname, 'engine.js')) as Engine;
    trace('main: engine.js loaded');
  }
  return engineModule;
};

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

let serviceValue: PolicyService | undefined;
let serviceLocale: string | undefined;
/** The service, created on first need (after `initialize`): it loads the engine bundle. */
const svc = (): PolicyService => (serviceValue ??= engine().createNodeService(serviceLocale));
let corpus: CorpusManager;
let checks: CheckHost;
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
  corpus = new CorpusManager(svc, {
    onProgress: (done, total) => reportProgress(done, total),
    onSwap: (stats, result, millis, segmenter) => {
      endProgress();
      log(`index ready: ${stats.documents} documents from ${stats.files} files ` +
        `(${result.analyzed} analysed, ${result.fromCache} from cache) in ${millis} ms` +
        (segmenter ? `; segmenter: ${segmenter.description}` : ''));
      void connection.sendNotification('policyDraft/status', { state: 'ready', ...stats, millis, segmenter: segmenter?.kind });
      revalidateAll();
    },
    onWorkerLost: () => {
      // a new check worker gets a port to the next index worker, which indexes again
      checks.restartWorker();
      void reindex();
    },
    onError: message => {
      endProgress();
      connection.console.error(`[policy-draft] indexing failed: ${message}`);
      void connection.sendNotification('policyDraft/status', { state: 'error', message });
    },
  }, locale ?? 'en', handoff?.index, engine);
  checks = new CheckHost(locale ?? 'en', port => corpus.attachCheckPort(port),
    message => connection.console.error(`[policy-draft] check worker: ${message}`), undefined, handoff?.check);
  checks.onRestart = () => revalidateAll();
  checks.onOfficeStatus = st => officeStatus(st);
  checks.onLookupFailed = message => {
    const shown = svc().t('The corpus index did not answer ({0}): checked without it.', message);
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

/** The shipped phrase table, read once per process (150–250 ms), never before the first checks went out. */
let builtinLibrary: PhraseLibrary | undefined;
let builtinWanted = false;
let builtinTimer: NodeJS.Timeout | undefined;

/** Reads the shipped table now if it is wanted and not read yet (first completion, or when idle). */
function loadBuiltinNow(): void {
  clearTimeout(builtinTimer);
  builtinTimer = undefined;
  if (!builtinWanted || builtinLibrary) return;
  builtinLibrary = engine().readBuiltinLibrary(svc());
  if (!builtinLibrary) return;
  libraries = [...libraries, builtinLibrary];
  // The checks only use entries that name a preferred form (the shipped table has none).
  if (checkedLibrary(builtinLibrary)) {
    checks.setTeam(checkedLibraries(), teamRegions);
    revalidateAll();
  }
}

/** Soon after start-up, when requests and the first checks are out: the table for completion. */
function loadBuiltinSoon(delayMs: number): void {
  if (!builtinWanted || builtinLibrary || builtinTimer) return;
  builtinTimer = setTimeout(loadBuiltinNow, delayMs);
  builtinTimer.unref();
}

/** What the checks need of a library: phrase-preferred reads only entries with preferred forms. */
function checkedLibrary(lib: PhraseLibrary): PhraseLibrary | undefined {
  if (!lib.builtin) return lib;
  const entries = lib.entries.filter(e => e.preferredOver?.length);
  return entries.length ? { source: lib.source, name: lib.name, builtin: true, entries, problems: [] } : undefined;
}

const checkedLibraries = (): PhraseLibrary[] => libraries.map(checkedLibrary).filter((l): l is PhraseLibrary => !!l);

async function reloadTeamFiles(): Promise<void> {
  const s = await globalSettings();
  const problems: TeamFileProblem[] = [];
  // Plain file reads (this bundle): the engine is loaded only when there is a library to parse.
  teamRegions = readTeamRegions(folders, s.regionFiles.map(f => resolveCorpusPaths([f], baseFolder()).files).flat(), problems);
  builtinWanted = s.builtinPhrases;
  const builtin = builtinWanted ? builtinLibrary : undefined;
  const libraryFiles = phraseLibraryFiles(folders, s.phrasePaths, baseFolder());
  const teamLibraries = libraryFiles.length ? engine().readPhraseLibraries(svc(), libraryFiles, problems) : [];
  libraries = [...teamLibraries, ...(builtin ? [builtin] : [])];
  // With no draft open nothing competes: read it soon. Otherwise after the first corpus diagnostics.
  if (documents.all().length === 0) loadBuiltinSoon(3000);
  reportTeamFileProblems(problems);
  const uris = new Set<string>();
  for (const lib of libraries) {
    if (lib.builtin) continue;
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
    const message = `${p.file}: ${svc().t('team file skipped: {0}', engine().describeFileProblem(p.failure, svc().t))}`;
    connection.console.warn(`[policy-draft] ${message}`);
    // window/showMessage (type 2: warning) is a notification: no client has to answer it.
    if (!shownTeamProblems.has(message)) void connection.sendNotification('window/showMessage', { type: 2, message });
    shownTeamProblems.add(message);
  }
}

async function corpusFiles(): Promise<string[]> {
  const s = await globalSettings();
  const entries = [...(s.includeSeeds ? [seedsDir()] : []), ...s.corpusPaths];
  const { files, missing } = resolveCorpusPaths(entries, baseFolder());
  for (const m of missing) connection.console.warn(`[policy-draft] corpus path matched nothing: ${m}`);
  return files;
}

async function reindex(fresh = false): Promise<void> {
  const files = await corpusFiles();
  trace('main: index requested');
  beginProgress();
  void connection.sendNotification('policyDraft/status', { state: 'indexing', done: 0, total: files.length });
  corpus.request(files, fresh);
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
 * its hovers read the snapshot assembled from it. This thread never holds the whole index.
 */
interface DraftCorpus {
  partial: PartialCorpus;
  signature?: string;
  /** The text the check read (a hover on a later version still reads it until the next check is out). */
  version: number;
  snapshot?: CorpusSnapshot;
  cache: SnapshotCache;
  /** Which index answered it. */
  source: 'office' | 'fallback' | 'local';
}
const draftCorpus = new Map<string, DraftCorpus>();

/** The snapshot a hover on this draft reads, or undefined when no check of it has read an index yet. */
function draftSnapshot(uri: string): CorpusSnapshot | undefined {
  const entry = draftCorpus.get(uri);
  if (!entry) return undefined;
  entry.snapshot ??= engine().assemblePartial(entry.partial, svc().gazetteer, entry.cache);
  return entry.snapshot;
}

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
  const t = svc().t;
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
    const message = svc().t('policyDraft.corpus.database holds a password: it is not used. Put the password in PGPASSWORD, ~/.pgpass or pg_service.conf.');
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
    reportIndexSource(outcome.source);
    if (outcome.corpus) draftCorpus.set(uri, { partial: outcome.corpus, signature: outcome.signature, version, cache: {}, source: outcome.source });
    else if (outcome.signature === undefined) draftCorpus.delete(uri);
    else {
      const entry = draftCorpus.get(uri);
      if (entry) {
        entry.version = version;
        entry.source = outcome.source;
      }
    }
    void connection.sendDiagnostics({ uri, version, diagnostics: outcome.findings.map(f => toDiagnostic(doc, f)) });
    trace(`main: diagnostics published (index ${corpus.generation})`);
    // The first corpus diagnostics are out: the phrase table next, and the index worker reads the mined phrases.
    if (corpus.ready) {
      loadBuiltinSoon(400);
      corpus.warmCompletion();
    }
    // hover's first build, at idle time (soon after the first diagnostics, while the corpus is indexed)
    warmHoverSoon(corpus.ready ? 0 : 1000);
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
    try {
      await yieldToQueue();
      if (token.isCancellationRequested) return cancelled();
      const result = await fn(params, token);
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

/** When the writer last asked for a hover or a completion (hover's first build waits for a pause while the corpus is indexed). */
let lastRequestAt = 0;

/**
 * What hover builds on this thread the first time (the engine bundle, the gazetteer, the near-miss
 * index, the converters, the figure lexicon: about a second of CPU), built in steps at idle time, one
 * macrotask each, so a request waits at most one step, and while the corpus is indexed only in a pause
 * of the writer's requests. Until then a hover on a draft no check has read an index for says only
 * that (it could say nothing of the corpus anyway).
 */
let hoverWarm = false;
let hoverWarming: NodeJS.Timeout | undefined;
const WARM_HOVER = '深圳市宝安区预算：全年增长5%，其中一产占3成。';
const WARM_HOVER_PATIENCE_MS = 5_000;
function warmHoverSoon(delayMs: number): void {
  if (hoverWarm || hoverWarming) return;
  const steps = [
    () => engine(),
    () => svc().gazetteer,
    () => svc().hover(corpus.empty, WARM_HOVER, WARM_HOVER.indexOf('宝安区') + 1),
    () => svc().hover(corpus.empty, WARM_HOVER, WARM_HOVER.indexOf('5%')),
  ];
  let i = 0;
  const since = Date.now() + delayMs;
  const next = () => {
    if (!corpus.ready && Date.now() - lastRequestAt < 400 && Date.now() - since < WARM_HOVER_PATIENCE_MS) {
      // the writer is hovering: wait for a pause, a few seconds at most (not until the index is in:
      // the first hover on the checked draft would then build all of it at once)
      hoverWarming = setTimeout(next, 250);
      hoverWarming.unref();
      return;
    }
    try {
      steps[i++]();
    } catch {
      /* the hover that needs it reports it */
    }
    if (i < steps.length) {
      hoverWarming = setTimeout(next, 5);
      hoverWarming.unref();
      return;
    }
    hoverWarm = true;
    hoverWarming = undefined;
    trace('main: hover warmed up');
  };
  hoverWarming = setTimeout(next, delayMs);
  hoverWarming.unref();
}

connection.onHover(guarded('hover', null, async params => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  // What the draft's last check read of the index (the office index's or the local one's answer);
  // a draft no check has read an index for yet (just opened) says so.
  lastRequestAt = Date.now();
  const entry = draftCorpus.get(doc.uri);
  const usingOffice = !!officeUrl && entry?.source === 'office';
  if (!entry && !hoverWarm && !usingOffice) {
    // nothing of the corpus to show yet, and hover is not built: say so now, build it in steps
    warmHoverSoon(1000);
    return { contents: { kind: 'markdown' as const, value: `_${indexingNote() ?? noteT('Checking the draft against the corpus…')}_` } };
  }
  const snapshot = draftSnapshot(doc.uri);
  const note = usingOffice ? undefined : indexingNote() ?? (snapshot ? undefined : svc().t('Checking the draft against the corpus…'));
  const h = svc().hover(snapshot ?? corpus.empty, doc.getText(), doc.offsetAt(params.position), fileSource(doc.uri));
  if (!h) return null;
  if (!note) return toHover(doc, h);
  // Before the draft's first check read an index nothing the corpus says is known; during a
  // re-index the old one answers.
  return toHover(doc, { ...h, markdown: snapshot ? `_${note}_\n\n${h.markdown}` : `_${note}_` });
}));

connection.onCompletion(guarded('completion', { isIncomplete: true, items: [] as CompletionItem[] }, async params => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return { isIncomplete: true, items: [] };
  lastRequestAt = Date.now();
  const offset = doc.offsetAt(params.position);
  loadBuiltinNow();
  // With the office index: the check worker asks it for the typed prefixes' phrases (only the prefixes are sent)
  const answer = officeUrl && (await officeIndex()) ? await checks.complete(doc.getText(), offset) : undefined;
  const snapshot = answer ? engine().completionSnapshot(svc(), answer.meta, answer.rows, corpus.empty.stats) : await corpus.completionFor(doc.getText(), offset);
  const items: CompletionItem[] = svc().complete(snapshot, doc.getText(), offset, libraries).map(c => toCompletionItem(doc, c, offset));
  const note = indexingNote();
  if (note && !corpus.ready) items.push(indexingItem(doc, offset, note));
  // Incomplete: the typed prefix changes the candidate set, so VS Code asks again as the writer types.
  return { isIncomplete: true, items };
}));

/** A last completion entry that says the corpus phrases are still coming; accepting it changes nothing. */
function indexingItem(doc: TextDocument, offset: number, note: string): CompletionItem {
  const before = doc.getText({ start: doc.positionAt(Math.max(0, offset - 32)), end: doc.positionAt(offset) });
  const typed = /[\u3400-\u9fff]*$/.exec(before)?.[0] ?? '';
  const item = CompletionItem.create(note);
  item.kind = CompletionItemKind.Text;
  item.filterText = typed;
  item.sortText = '\uffff';
  item.textEdit = { range: { start: doc.positionAt(offset - typed.length), end: doc.positionAt(offset) }, newText: typed };
  return item;
}

connection.onCodeAction(guarded('codeAction', [] as ReturnType<typeof codeActionsFor>, params => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  return params.context.diagnostics.filter(d => d.source === 'policy-draft').flatMap(d => codeActionsFor(doc, d));
}));

connection.onDocumentSymbol(guarded('documentSymbol', [] as ReturnType<typeof toDocumentSymbols>, params => {
  const doc = documents.get(params.textDocument.uri);
  return doc ? toDocumentSymbols(doc, svc().symbols(doc.getText())) : [];
}));

connection.onExecuteCommand(guarded('executeCommand', null as unknown, async params => {
  const args = params.arguments ?? [];
  switch (params.command) {
    case 'policyDraft.server.corpusReport': {
      const report = (await corpus.report()) ?? { stats: corpus.stats, files: [] };
      // what this thread holds of the corpus: the index answers of the open drafts' last checks
      const held = new Set<string>();
      for (const e of draftCorpus.values()) for (const d of e.partial.documents) held.add(d.id);
      return { text: engine().formatCorpusReport(report, svc().t), report, indexing: corpus.indexing, requestThread: { documents: held.size } };
    }
    case 'policyDraft.server.rebuildIndex':
      await reloadTeamFiles();
      await reindex(true);
      return true;
    case 'policyDraft.server.libraries':
      loadBuiltinNow();
      return {
        libraries: libraries.map(l => l.source),
        defaultFolder: folders[0] ? `${folders[0]}/.policy-draft/phrases` : undefined,
      };
    case 'policyDraft.server.addToLibrary': {
      const [path, phrase] = args as [string, string];
      if (typeof path !== 'string' || typeof phrase !== 'string' || !phrase.trim()) return false;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, svc().addToLibrary(path, safeRead(path), phrase.trim()));
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
  stopping ??= Promise.all([corpus?.dispose() ?? true, checks?.dispose() ?? true]).then(r => (stoppedCleanly = r.every(Boolean)));
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
