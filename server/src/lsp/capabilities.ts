// The answer to `initialize`, shared by the tiny entry (server/out/server.js, which answers it before
// anything else is loaded) and the full server (server.ts, whose own answer the entry then drops).
// Plain data, no imports: the entry must not load vscode-languageserver to say this.

/** TextDocumentSyncKind.Incremental */
const INCREMENTAL = 2 as const;

export const SERVER_COMMANDS = [
  'policyDraft.server.corpusReport', 'policyDraft.server.rebuildIndex',
  'policyDraft.server.libraries', 'policyDraft.server.addToLibrary',
] as const;

export function initializeResult() {
  return {
    capabilities: {
      textDocumentSync: INCREMENTAL,
      hoverProvider: true,
      completionProvider: { resolveProvider: false, triggerCharacters: [] as string[] },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      documentSymbolProvider: true,
      executeCommandProvider: { commands: [...SERVER_COMMANDS] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'policy-draft', version: '0.1.0' },
  };
}

/** The locale the server speaks, from the initialize params (the VS Code client sends initializationOptions.locale). */
export function initializeLocale(params: unknown): string | undefined {
  const p = params as { initializationOptions?: { locale?: unknown }; locale?: unknown } | undefined;
  const l = p?.initializationOptions?.locale ?? p?.locale;
  return typeof l === 'string' ? l : undefined;
}
