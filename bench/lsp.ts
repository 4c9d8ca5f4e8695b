// A minimal LSP client for the bench: spawns the built server over stdio, times what the issue's
// table asks for, and reads the server's memory from /proc (RSS now, peak RSS).
// Spawning and connecting is the tests' (test/helpers/lspClient.ts); this adds the timing.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { ProtocolConnection, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { answerClientRequests, initializeParams, spawnServer } from '../test/helpers/lspClient';

export { SERVER } from '../test/helpers/lspClient';

export interface BenchServer {
  connection: ProtocolConnection;
  child: ChildProcess;
  /** ms since spawn when initialize was answered. */
  initialized: number;
  /** ms since spawn of the first 'ready' status (undefined until then). */
  readyAt(): number | undefined;
  spawnedAt: number;
  /** Resolves with the next diagnostics published for uri that satisfy the predicate. */
  nextDiagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  waitReady(timeoutMs?: number): Promise<number>;
  rssMB(): number;
  peakMB(): number;
  open(uri: string, text: string, version?: number): Promise<void>;
  stop(): Promise<void>;
}

function statusKB(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export async function startBenchServer(
  cacheDir: string, workspace: string, settings: Record<string, unknown> = {}, env: Record<string, string> = {},
): Promise<BenchServer> {
  const spawnedAt = performance.now();
  const { child, connection } = spawnServer(cacheDir, 'ignore', env);
  let ready: number | undefined;
  const readyWaiters: Array<(t: number) => void> = [];
  const diagWaiters: Array<{ uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  connection.onNotification('policyDraft/status', (s: { state: string }) => {
    if (s.state === 'ready' && ready === undefined) {
      ready = performance.now() - spawnedAt;
      readyWaiters.splice(0).forEach(w => w(ready!));
    }
  });
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    for (const w of [...diagWaiters]) {
      if (w.uri === p.uri && w.accept(p)) {
        diagWaiters.splice(diagWaiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  answerClientRequests(connection, settings);
  connection.listen();
  await connection.sendRequest('initialize', initializeParams(workspace));
  const initialized = performance.now() - spawnedAt;
  await connection.sendNotification('initialized', {});
  return {
    connection, child, initialized, spawnedAt,
    readyAt: () => ready,
    nextDiagnostics(uri, accept = () => true, timeoutMs = 600_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}`)), timeoutMs);
        diagWaiters.push({ uri, accept, resolve: p => (clearTimeout(timer), resolve(p)) });
      });
    },
    waitReady(timeoutMs = 3_600_000) {
      if (ready !== undefined) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('index never ready')), timeoutMs);
        readyWaiters.push(t => (clearTimeout(timer), resolve(t)));
      });
    },
    rssMB: () => statusKB(child.pid, 'VmRSS') / 1024,
    peakMB: () => statusKB(child.pid, 'VmHWM') / 1024,
    async open(uri, text, version = 1) {
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise(r => setTimeout(r, 3000))]);
        await connection.sendNotification('exit');
      } catch {
        /* gone */
      }
      connection.dispose();
      // Wait until it is gone: a server still ending would load the next run's start-up.
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise(resolve => child.once('exit', resolve));
        const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
        await gone;
        clearTimeout(timer);
      }
    },
  };
}

/** Times one request (ms). */
export async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}
