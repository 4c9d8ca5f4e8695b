// Reads the start-up timeline a server writes with POLICY_DRAFT_TRACE=<file> (`epoch-ms thread event`
// lines, server/src/node/trace.ts).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh workspace and trace file for a traced server (`prefix` names the temporary folders), and a reader of it. */
export function tracedWorkspace(prefix: string): { workspace: string; traceFile: string; traced: (event: RegExp | string) => number | undefined } {
  const workspace = mkdtempSync(join(tmpdir(), `${prefix}-ws-`));
  const traceFile = join(mkdtempSync(join(tmpdir(), `${prefix}-trace-`)), 'trace.log');
  return { workspace, traceFile, traced: event => tracedAt(traceFile, event) };
}

/** When the first line whose event matches was written (epoch ms); undefined if none is yet. */
export function tracedAt(file: string, event: RegExp | string): number | undefined {
  const line = firstLine(file, event);
  return line ? Number(line.split(' ')[0]) : undefined;
}

/** Which thread wrote the first line whose event matches (its threadId; '0' is the main thread). */
export function tracedBy(file: string, event: RegExp | string): string | undefined {
  return firstLine(file, event)?.split(' ')[1];
}

function firstLine(file: string, event: RegExp | string): string | undefined {
  let lines: string[] = [];
  try {
    lines = readFileSync(file, 'utf8').split('\n');
  } catch {
    /* not written yet */
  }
  const line = lines.find(l => {
    const what = l.split(' ').slice(2).join(' ');
    return typeof event === 'string' ? what === event || l.endsWith(` ${event}`) : event.test(what);
  });
  return line || undefined;
}
