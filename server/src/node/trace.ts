// Start-up timeline for measuring (bench, profiling): with POLICY_DRAFT_TRACE=<file>, each thread
// appends "<epoch ms> <thread> <event>" lines to that file. Off (one env lookup) otherwise.
import { appendFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';

const file = process.env.POLICY_DRAFT_TRACE;

export function trace(event: string): void {
  if (!file) return;
  try {
    appendFileSync(file, `${Date.now()} ${threadId} ${event}\n`);
  } catch {
    /* measuring only */
  }
}

/** Whether the timeline is written (callers skip measuring otherwise). */
export const tracing = !!file;

/** Runs `fn`; with the timeline on, writes "<event> (<ms> ms)" once it returns (or throws). */
export function traced<T>(event: string, fn: () => T): T {
  if (!file) return fn();
  const t0 = performance.now();
  try {
    return fn();
  } finally {
    trace(`${event} (${(performance.now() - t0).toFixed(1)} ms)`);
  }
}
