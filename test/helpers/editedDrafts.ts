// Drafts and writer-like edits for the tests that compare a cached reading with a whole-text one.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '../..');

/** The drafts (.md, .txt) of a folder, by name. A missing folder is an error, not fewer drafts. */
export function draftsIn(dir: string): string[] {
  if (!existsSync(dir)) throw new Error(`${dir} is missing (../shared must be beside the project)`);
  return readdirSync(dir).filter(f => /\.(md|txt)$/.test(f)).sort().map(f => readFileSync(join(dir, f), 'utf8'));
}

/**
 * Edits applied one after another, the k-th at k/(n+1) of the text: every third inserts its string,
 * the others replace one character with it ('' deletes one). Ends with the original text again.
 */
export function successiveEdits(text: string, inserts: readonly string[]): string[] {
  const out: string[] = [];
  let t = text;
  inserts.forEach((ins, i) => {
    const k = i + 1;
    const at = Math.floor((t.length * k) / (inserts.length + 1));
    t = k % 3 === 0 ? t.slice(0, at) + ins + t.slice(at) : t.slice(0, at) + ins + t.slice(at + 1);
    out.push(t);
  });
  return [...out, text];
}
