// The thin client: starts the language server over IPC and wires settings, commands, file
// watching and the status bar into VS Code. All analysis happens in the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
let status: vscode.StatusBarItem;
/** Which index the checks read: the office index (a database), the local index, or the local one standing in for an office index that does not answer. */
let source: vscode.StatusBarItem;
let loggedSegmenter: string | undefined;

interface StatusParams {
  state: 'indexing' | 'ready' | 'error';
  done?: number;
  total?: number;
  documents?: number;
  characters?: number;
  files?: number;
  message?: string;
  /** The segmenter the index worker used: 'nodejieba' or 'jieba-wasm' (only after it segmented). */
  segmenter?: string;
}

function languages(): string[] {
  return vscode.workspace.getConfiguration('policyDraft').get<string[]>('languages') ?? ['policy-draft', 'markdown', 'plaintext'];
}

function documentSelector(): LanguageClientOptions['documentSelector'] {
  return languages().flatMap(language => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
    { scheme: 'vscode-remote', language },
  ]);
}

/** Watches the team folder and the configured corpus paths, so edits there re-index with no restart. */
function watchers(): vscode.FileSystemWatcher[] {
  const list = [vscode.workspace.createFileSystemWatcher('**/.policy-draft/**')];
  const config = vscode.workspace.getConfiguration('policyDraft');
  for (const entry of [...(config.get<string[]>('corpus.paths') ?? []), ...(config.get<string[]>('phrases.paths') ?? [])]) {
    const glob = /[*?]/.test(entry) ? entry : `${entry.replace(/[\\/]+$/, '')}/**`;
    const folder = vscode.workspace.workspaceFolders?.[0];
    list.push(vscode.workspace.createFileSystemWatcher(
      path.isAbsolute(glob) || !folder ? glob : new vscode.RelativePattern(folder, glob),
    ));
  }
  return list;
}

function showStatus(p: StatusParams): void {
  if (p.state === 'indexing') {
    status.text = `$(sync~spin) ${vscode.l10n.t('Policy corpus: indexing {0}/{1}', p.done ?? 0, p.total ?? 0)}`;
    status.tooltip = vscode.l10n.t('Indexing the policy corpus');
  } else if (p.state === 'ready') {
    const chars = p.characters ?? 0;
    const size = chars >= 10000 ? `${(chars / 10000).toFixed(1)}${vscode.l10n.t('0k chars')}` : `${chars}`;
    status.text = `$(book) ${vscode.l10n.t('Policy corpus: {0} documents, {1}', p.documents ?? 0, size)}`;
    status.tooltip = vscode.l10n.t('Policy corpus: {0} documents from {1} files. Click to see what was indexed.', p.documents ?? 0, p.files ?? 0);
    if (p.segmenter) {
      const engine = p.segmenter === 'jieba-wasm' ? vscode.l10n.t('jieba-wasm (WebAssembly)') : vscode.l10n.t('nodejieba (native)');
      status.tooltip += `\n${vscode.l10n.t('Word segmentation: {0}', engine)}`;
      if (p.segmenter !== loggedSegmenter) client?.outputChannel.appendLine(`[policy-draft] word segmentation: ${p.segmenter}`);
      loggedSegmenter = p.segmenter;
    }
  } else {
    status.text = `$(warning) ${vscode.l10n.t('Policy corpus: indexing failed')}`;
    status.tooltip = p.message;
  }
  status.show();
}

interface IndexSourceParams {
  source: 'office' | 'local' | 'fallback';
  /** The database (no password). */
  database?: string;
  message?: string;
}

function showIndexSource(p: IndexSourceParams): void {
  if (p.source === 'office') {
    source.text = `$(database) ${vscode.l10n.t('Office index')}`;
    source.tooltip = vscode.l10n.t('Corpus checks, hovers and completion read the office index ({0}); only lookup keys are sent, never the draft.', p.database ?? '');
    source.backgroundColor = undefined;
  } else if (p.source === 'fallback') {
    source.text = `$(warning) ${vscode.l10n.t('Local index (office index unavailable)')}`;
    source.tooltip = vscode.l10n.t('The office index ({0}) does not answer: the local index is used until it does. {1}', p.database ?? '', p.message ?? '');
    source.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  } else {
    source.text = `$(book) ${vscode.l10n.t('Local index')}`;
    source.tooltip = vscode.l10n.t('Corpus checks read the index built on this computer (policyDraft.corpus.database is not set).');
    source.backgroundColor = undefined;
  }
  source.show();
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const fileWatchers = watchers();
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    synchronize: { fileEvents: fileWatchers },
    initializationOptions: { locale: vscode.env.language },
    // Hovers link to the cited source line through this one command, and nothing else.
    markdown: { isTrusted: { enabledCommands: ['policyDraft.openSource'] } },
    outputChannelName: vscode.l10n.t('Policy Draft'),
  };
  client = new LanguageClient('policyDraft', vscode.l10n.t('Policy Draft'), serverOptions, clientOptions);
  context.subscriptions.push(...fileWatchers);
  client.onNotification('policyDraft/status', showStatus);
  client.onNotification('policyDraft/indexSource', showIndexSource);
  await client.start();
}

async function restartClient(context: vscode.ExtensionContext): Promise<void> {
  const old = client;
  client = undefined;
  await old?.stop();
  await startClient(context);
}

async function showCorpus(): Promise<void> {
  if (!client) return;
  const result = await client.sendRequest<{ text: string; indexing: boolean }>('workspace/executeCommand', {
    command: 'policyDraft.server.corpusReport', arguments: [],
  });
  const header = result.indexing ? `${vscode.l10n.t('(indexing is still running; this is the previous index)')}\n\n` : '';
  const doc = await vscode.workspace.openTextDocument({ content: header + result.text, language: 'plaintext' });
  await vscode.window.showTextDocument(doc, { preview: true });
}

async function addToPhraseLibrary(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor) return;
  const phrase = editor.document.getText(editor.selection).trim();
  if (!phrase) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select the phrase to add first.'));
    return;
  }
  const info = await client.sendRequest<{ libraries: string[]; defaultFolder?: string }>('workspace/executeCommand', {
    command: 'policyDraft.server.libraries', arguments: [],
  });
  const NEW = vscode.l10n.t('New library…');
  const picked = await vscode.window.showQuickPick(
    [...info.libraries.map(l => ({ label: path.basename(l), description: l, path: l })), { label: NEW, description: '', path: '' }],
    { placeHolder: vscode.l10n.t('Add “{0}” to which phrase library?', phrase) },
  );
  if (!picked) return;
  let target = picked.path;
  if (!target) {
    if (!info.defaultFolder) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: team libraries live in its .policy-draft/phrases folder.'));
      return;
    }
    const name = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Library file name'), value: 'phrases.txt' });
    if (!name) return;
    target = path.join(info.defaultFolder, /\.(txt|ya?ml|json)$/i.test(name) ? name : `${name}.txt`);
  }
  const ok = await client.sendRequest<boolean>('workspace/executeCommand', {
    command: 'policyDraft.server.addToLibrary', arguments: [target, phrase],
  });
  if (ok) void vscode.window.showInformationMessage(vscode.l10n.t('Added “{0}” to {1}.', phrase, path.basename(target)));
}

/** Opens a cited corpus file at a line; hover links pass [source, line] (0-based line). */
async function openSource(source?: string | [string, number], line?: number): Promise<void> {
  if (Array.isArray(source)) [source, line] = source;
  if (!source) return;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(source));
  const pos = new vscode.Position(Math.max(0, line ?? 0), 0);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos), preview: true });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.command = 'policyDraft.showCorpus';
  status.name = vscode.l10n.t('Policy Draft corpus');
  context.subscriptions.push(status);
  source = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 99);
  source.command = 'policyDraft.showCorpus';
  source.name = vscode.l10n.t('Policy Draft index in use');
  context.subscriptions.push(source);
  context.subscriptions.push(
    vscode.commands.registerCommand('policyDraft.rebuildIndex', () =>
      client?.sendRequest('workspace/executeCommand', { command: 'policyDraft.server.rebuildIndex', arguments: [] })),
    vscode.commands.registerCommand('policyDraft.showCorpus', showCorpus),
    vscode.commands.registerCommand('policyDraft.addToPhraseLibrary', addToPhraseLibrary),
    vscode.commands.registerCommand('policyDraft.openSource', openSource),
    vscode.workspace.onDidChangeConfiguration(e => {
      // Which languages are checked and which folders are watched are fixed when the client starts.
      if (e.affectsConfiguration('policyDraft.languages') || e.affectsConfiguration('policyDraft.corpus.paths') ||
          e.affectsConfiguration('policyDraft.phrases.paths')) {
        void restartClient(context);
      }
    }),
  );
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
