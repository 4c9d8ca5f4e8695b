// Reads the start-up timeline a server writes with POLICY_DRAFT_TRACE=<file> (`epoch-ms thread event`
// lines, server/src/node/trace.ts).
import { readFileSync } from 'node:fs';

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
