// Starts the built server over stdio and speaks LSP to it, as any editor would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, type CompletionList, type CompletionParams,
  type Hover, type ProtocolConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';

export const SERVER = join(__dirname, '../../server/out/server.js');

export interface TestServer {
  connection: ProtocolConnection;
  child: ChildProcess;
  diagnostics: Map<string, PublishDiagnosticsParams>;
  statuses: Array<Record<string, unknown>>;
  /** `$/progress` values the server reported (window/workDoneProgress). */
  progress: Array<{ kind: string; title?: string; percentage?: number }>;
  /** Resolves when the predicate holds for a published diagnostics set (polls notifications, never sleeps a fixed time). */
  waitFor<T>(what: string, probe: () => T | undefined, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The index cache folder (default: a fresh one, so every server starts cold). */
  cacheDir?: string;
  /** Extra environment for the server (e.g. POLICY_DRAFT_TRACE). */
  env?: Record<string, string>;
}

/** Spawns the built server over stdio with this analysis cache, and a connection to it (not listening yet). */
export function spawnServer(
  cacheDir: string, stderr: 'inherit' | 'ignore' = 'inherit', env: Record<string, string> = {},
): { child: ChildProcess; connection: ProtocolConnection } {
  const child = spawn(process.execPath, [SERVER, '--stdio'], {
    env: { ...process.env, ...env, POLICY_DRAFT_CACHE: cacheDir },
    stdio: ['pipe', 'pipe', stderr],
  });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  return { child, connection };
}

/** Answers what the server asks of its client: these settings, progress tokens, registrations. */
export function answerClientRequests(connection: ProtocolConnection, settings: Record<string, unknown>): void {
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
}

/** `initialize` for a client with one workspace folder. */
export function initializeParams(workspace: string, extra: { locale?: string; capabilities?: Record<string, unknown> } = {}) {
  return {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).toString(),
    workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: 'ws' }],
    ...(extra.locale ? { locale: extra.locale } : {}),
    capabilities: extra.capabilities ?? { workspace: { configuration: true } },
  };
}

export async function startServer(
  workspace: string, locale = 'en', settings: Record<string, unknown> = {}, options: StartOptions = {},
): Promise<TestServer> {
  const { child, connection } = spawnServer(options.cacheDir ?? mkdtempSync(join(tmpdir(), 'pd-lsp-cache-')), 'inherit', options.env);
  const diagnostics = new Map<string, PublishDiagnosticsParams>();
  const statuses: Array<Record<string, unknown>> = [];
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach(l => l());
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.set(p.uri, p);
    changed();
  });
  connection.onNotification('policyDraft/status', (s: Record<string, unknown>) => {
    statuses.push(s);
    changed();
  });
  connection.onNotification('window/logMessage', (m: { message: string }) => {
    if (process.env.PD_DEBUG) process.stderr.write(`[server] ${m.message}\n`);
  });
  answerClientRequests(connection, settings);
  const progress: TestServer['progress'] = [];
  connection.onNotification('$/progress', (p: { value: { kind: string; title?: string; percentage?: number } }) => {
    progress.push(p.value);
    changed();
  });
  connection.listen();
  await connection.sendRequest('initialize', initializeParams(workspace, {
    locale, capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } },
  }));
  await connection.sendNotification('initialized', {});
  const waitFor = <T>(what: string, probe: () => T | undefined, timeoutMs = 60_000) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const v = probe();
        if (v !== undefined) {
          listeners.delete(check);
          clearTimeout(timer);
          resolve(v);
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  return {
    connection, child, diagnostics, statuses, progress, waitFor,
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        /* already gone */
      }
      connection.dispose();
      child.kill();
    },
  };
}

/** The note a completion list ends with while the corpus phrases are still coming ('indexing' or 'mining'), if any. */
export function phrasesNote(list: CompletionList): string | undefined {
  return list.items.map(i => (i.data as { note?: string } | undefined)?.note).find(n => n !== undefined);
}

/**
 * Asks for completion again until the answer holds the corpus phrases: while they are still being
 * indexed or mined the server answers at once without them and says so (a last item with a note).
 */
export async function completeWhenMined(connection: ProtocolConnection, params: CompletionParams, timeoutMs = 240_000): Promise<CompletionList> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await connection.sendRequest('textDocument/completion', params) as CompletionList;
    if (phrasesNote(list) === undefined) return list;
    if (Date.now() > deadline) throw new Error(`the corpus phrases never came (note: ${phrasesNote(list)})`);
    await new Promise(r => setTimeout(r, 100));
  }
}

/** A hover's markdown ('' for none). */
export function hoverText(h: Hover | null): string {
  return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
}

/** A draft with one figure (591) and a place name, and where a hover lands on the figure. */
export const FIGURE_DRAFT = '# 关于宝安区干部挂点服务企业工作情况的报告\n\n全区经济运行平稳，宝安区组织全区591名干部挂点对接区内企业。\n';
export const FIGURE_AT = { line: 2, character: FIGURE_DRAFT.split('\n')[2].indexOf('591') + 1 };

