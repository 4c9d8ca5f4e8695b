// The language server: a thin adapter from LSP to the core. Runs standalone with --stdio (any LSP
// client) or under the VS Code client over IPC.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createConnection, DidChangeConfigurationNotification, TextDocuments,
  TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describeCorpus, formatCorpusReport } from './core/corpus/report';
import type { PhraseLibrary } from './core/phrases';
import { createLocalizer } from './core/l10n';
import type { PolicyService } from './core/service';
import { CorpusManager } from './lsp/corpusManager';
import { codeActionsFor, fileUri, toCompletionItem, toDiagnostic, toDocumentSymbols, toHover } from './lsp/convert';
import { SettingsCache, type Settings } from './lsp/settings';
import { resolveCorpusPaths } from './node/corpusFiles';
import {
  createNodeService, phraseLibraryFiles, readBuiltinLibrary, readPhraseLibraries, readTeamRegions, readText, seedsDir,
} from './node/environment';
import { transportUsage } from './node/transport';

// Transport from the command line: --stdio (any LSP client) or --node-ipc (the VS Code client).
const usage = transportUsage(process.argv.slice(2));
if (usage) {
  process.stderr.write(usage);
  process.exit(2);
}
const connection: Connection = createConnection();
const documents = new TextDocuments(TextDocument);

let service: PolicyService;
let corpus: CorpusManager;
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
  const locale = (params.initializationOptions as { locale?: string } | undefined)?.locale ?? params.locale;
  service = createNodeService(locale);
  settings = new SettingsCache(connection);
  folders = (params.workspaceFolders ?? []).map(f => fileURLToPath(f.uri));
  if (!folders.length && params.rootUri) folders = [fileURLToPath(params.rootUri)];
  canPullConfig = !!params.capabilities.workspace?.configuration;
  canWorkDoneProgress = !!params.capabilities.window?.workDoneProgress;
  canWatchFolders = !!params.capabilities.workspace?.workspaceFolders;
  corpus = new CorpusManager(service, {
    onProgress: (done, total) => reportProgress(done, total),
    onSwap: (snapshot, result, millis) => {
      endProgress();
      log(`index ready: ${snapshot.stats.documents} documents from ${snapshot.stats.files} files ` +
        `(${result.analyzed} analysed, ${result.fromCache} from cache) in ${millis} ms`);
      void connection.sendNotification('policyDraft/status', { state: 'ready', ...snapshot.stats, millis });
      revalidateAll();
    },
    onError: message => {
      endProgress();
      connection.console.error(`[policy-draft] indexing failed: ${message}`);
      void connection.sendNotification('policyDraft/status', { state: 'error', message });
    },
  }, locale ?? 'en');
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { resolveProvider: false, triggerCharacters: [] },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      documentSymbolProvider: true,
      executeCommandProvider: {
        commands: ['policyDraft.server.corpusReport', 'policyDraft.server.rebuildIndex',
          'policyDraft.server.libraries', 'policyDraft.server.addToLibrary'],
      },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'policy-draft', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
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

async function reloadTeamFiles(): Promise<void> {
  const s = await globalSettings();
  teamRegions = readTeamRegions(folders, s.regionFiles.map(f => resolveCorpusPaths([f], baseFolder()).files).flat());
  const builtin = s.builtinPhrases ? readBuiltinLibrary(service) : undefined;
  libraries = [...readPhraseLibraries(service, phraseLibraryFiles(folders, s.phrasePaths, baseFolder())), ...(builtin ? [builtin] : [])];
  const uris = new Set<string>();
  for (const lib of libraries) {
    if (lib === builtin) continue;
    const uri = fileUri(lib.source);
    uris.add(uri);
    const doc = TextDocument.create(uri, 'plaintext', 0, safeRead(lib.source));
    void connection.sendDiagnostics({ uri, diagnostics: lib.problems.map(p => toDiagnostic(doc, p)) });
  }
  for (const old of libraryProblemUris) if (!uris.has(old)) void connection.sendDiagnostics({ uri: old, diagnostics: [] });
  libraryProblemUris = uris;
}

const safeRead = (path: string): string => readText(path) ?? '';

async function corpusFiles(): Promise<string[]> {
  const s = await globalSettings();
  const entries = [...(s.includeSeeds ? [seedsDir()] : []), ...s.corpusPaths];
  const { files, missing } = resolveCorpusPaths(entries, baseFolder());
  for (const m of missing) connection.console.warn(`[policy-draft] corpus path matched nothing: ${m}`);
  return files;
}

async function reindex(fresh = false): Promise<void> {
  const files = await corpusFiles();
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
    reporter.begin(createLocalizer(service.t.locale)('Indexing the policy corpus'), 0, undefined, false);
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
  const known = new Set(corpus.snapshot.files.map(f => f.source));
  const s = await globalSettings();
  if (paths.some(p => known.has(p)) || (s.corpusPaths.length && paths.some(p => !/[\\/]\.policy-draft[\\/]/.test(p)))) {
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
    const findings = service.check(corpus.snapshot, doc.getText(), {
      severities: s.severities,
      teamRegions,
      libraries,
      source: fileSource(uri),
      isCancelled: () => documents.get(uri)?.version !== version,
    });
    if (documents.get(uri)?.version !== version) return;
    versions.set(uri, version);
    void connection.sendDiagnostics({ uri, version, diagnostics: findings.map(f => toDiagnostic(doc, f)) });
  } catch (e) {
    // The server never dies on what a user typed: report, publish nothing new.
    connection.console.error(`[policy-draft] check failed for ${uri}: ${(e as Error).stack ?? e}`);
  }
}

documents.onDidOpen(e => schedule(e.document, 0));
documents.onDidChangeContent(e => schedule(e.document));
documents.onDidClose(e => {
  clearTimeout(timers.get(e.document.uri));
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});
documents.onDidSave(e => {
  if (libraries.some(l => fileUri(l.source) === e.document.uri)) void reloadTeamFiles().then(revalidateAll);
});

// ---- requests -------------------------------------------------------------------------------------

function guarded<A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R | Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await fn(...args);
    } catch (e) {
      connection.console.error(`[policy-draft] ${name} failed: ${(e as Error).stack ?? e}`);
      return fallback;
    }
  };
}

connection.onHover(guarded('hover', null, params => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  const h = service.hover(corpus.snapshot, doc.getText(), doc.offsetAt(params.position), fileSource(doc.uri));
  return h ? toHover(doc, h) : null;
}));

connection.onCompletion(guarded('completion', { isIncomplete: true, items: [] as ReturnType<typeof toCompletionItem>[] }, params => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return { isIncomplete: true, items: [] };
  const offset = doc.offsetAt(params.position);
  const items = service.complete(corpus.snapshot, doc.getText(), offset, libraries).map(c => toCompletionItem(doc, c, offset));
  // Incomplete: the typed prefix changes the candidate set, so VS Code asks again as the writer types.
  return { isIncomplete: true, items };
}));

connection.onCodeAction(guarded('codeAction', [] as ReturnType<typeof codeActionsFor>, params => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  return params.context.diagnostics.filter(d => d.source === 'policy-draft').flatMap(d => codeActionsFor(doc, d));
}));

connection.onDocumentSymbol(guarded('documentSymbol', [] as ReturnType<typeof toDocumentSymbols>, params => {
  const doc = documents.get(params.textDocument.uri);
  return doc ? toDocumentSymbols(doc, service.symbols(doc.getText())) : [];
}));

connection.onExecuteCommand(guarded('executeCommand', null as unknown, async params => {
  const args = params.arguments ?? [];
  switch (params.command) {
    case 'policyDraft.server.corpusReport': {
      const report = describeCorpus(corpus.snapshot);
      return { text: formatCorpusReport(report, service.t), report, indexing: corpus.indexing };
    }
    case 'policyDraft.server.rebuildIndex':
      await reloadTeamFiles();
      await reindex(true);
      return true;
    case 'policyDraft.server.libraries':
      return {
        libraries: libraries.map(l => l.source),
        defaultFolder: folders[0] ? `${folders[0]}/.policy-draft/phrases` : undefined,
      };
    case 'policyDraft.server.addToLibrary': {
      const [path, phrase] = args as [string, string];
      if (typeof path !== 'string' || typeof phrase !== 'string' || !phrase.trim()) return false;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, service.addToLibrary(path, safeRead(path), phrase.trim()));
      await reloadTeamFiles();
      revalidateAll();
      return true;
    }
  }
  return null;
}));

connection.onShutdown(() => corpus?.dispose());

process.on('uncaughtException', e => {
  try {
    connection.console.error(`[policy-draft] unexpected error: ${e.stack ?? e}`);
  } catch {
    /* the connection is gone */
  }
});

documents.listen(connection);
connection.listen();
