// Shared by the bad-input tests: the built CLI run with a time limit (a hang fails the test instead
// of hanging the suite), and files no ordinary fixture can be (pipes, links, unreadable files).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../..');
export const CLI = join(ROOT, 'server/out/cli.js');
export const SERVER = join(ROOT, 'server/out/server.js');

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `pd-robust-${prefix}-`));
}

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs the built CLI; a run longer than `timeoutMs` is killed and reported as timedOut. */
export function runCli(args: string[], opts: { cwd: string; cache?: string; env?: Record<string, string>; timeoutMs?: number }): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60_000,
    killSignal: 'SIGKILL',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', POLICY_DRAFT_CACHE: opts.cache ?? tempDir('cache'), ...opts.env },
  });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut };
}

export function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/**
 * A file that exists and cannot be read. As an ordinary user: mode 000. As root (who may read any
 * mode), a link to /proc/self/mem, which opens but fails every read at offset 0 (EIO).
 */
export function makeUnreadable(path: string): void {
  if (process.getuid?.() === 0) symlinkSync('/proc/self/mem', path);
  else {
    writeFileSync(path, '全区经济运行平稳。\n');
    chmodSync(path, 0o000);
  }
}

/** A draft with one certain finding (traditional characters in a simplified draft) on line 3. */
export const BAD_DRAFT = '# 报告\n\n全市經濟运行平稳。\n';
/** The finding the bad draft always has: the CLI still answered. */
export const BAD_FINDING = /^bad\.md:3:3: info script-mixed /m;

export function writeBadDraft(dir: string): void {
  writeFileSync(join(dir, 'bad.md'), BAD_DRAFT);
}
