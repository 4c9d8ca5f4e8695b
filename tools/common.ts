// What the timing tools share: command-line values, the real-report text they check, percentiles.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** This checkout's root. */
export const here = join(__dirname, '..');
export const sharedCorpus = join(here, '../shared/corpus');

/** The value after `--name` on the command line. */
export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** `n` characters of the national work reports (newest first, repeated if they run out). */
export function realText(n: number): string {
  const dir = join(sharedCorpus, 'gwr-national');
  const files = existsSync(dir) ? readdirSync(dir).sort().reverse().map(f => join(dir, f)) : [];
  let text = '';
  for (let i = 0; text.length < n && files.length; i++) text += readFileSync(files[i % files.length], 'utf8') + '\n\n';
  if (!text) throw new Error(`no reports in ${dir}`);
  while (text.length < n) text += text;
  return text.slice(0, n);
}

/** The p-quantile of `s` (nearest rank). */
export function quantile(s: readonly number[], p: number): number {
  const x = [...s].sort((a, b) => a - b);
  return x[Math.min(x.length - 1, Math.max(0, Math.ceil(p * x.length) - 1))];
}
