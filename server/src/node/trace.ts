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
