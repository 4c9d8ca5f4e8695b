// Finds corpus files on disk: folders (recursively) and simple globs (*, **, ?).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';

const IGNORED_DIRS = new Set(['node_modules', '.git', '.svn', '.hg', '.policy-draft']);

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.') && e.isDirectory()) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!IGNORED_DIRS.has(e.name)) walk(p, out);
    } else if (e.isFile() && !e.name.startsWith('.')) out.push(p);
  }
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export interface ResolvedCorpus {
  files: string[];
  /** Configured entries that matched nothing (reported to the user). */
  missing: string[];
}

/** Resolves folders, files and globs (relative to `base`) to a sorted list of absolute file paths. */
export function resolveCorpusPaths(entries: readonly string[], base: string): ResolvedCorpus {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const entry of entries) {
    const abs = isAbsolute(entry) ? entry : resolve(base, entry);
    if (/[*?]/.test(entry)) {
      const norm = abs.split(sep).join('/');
      const firstGlob = norm.search(/[*?]/);
      const root = norm.slice(0, norm.lastIndexOf('/', firstGlob)) || '/';
      const re = globToRegExp(norm);
      const found: string[] = [];
      walk(root, found);
      const matched = found.filter(f => re.test(f.split(sep).join('/')));
      matched.forEach(f => files.add(f));
      if (!matched.length) missing.push(entry);
    } else if (existsSync(abs)) {
      if (statSync(abs).isDirectory()) {
        const found: string[] = [];
        walk(abs, found);
        found.forEach(f => files.add(f));
      } else files.add(abs);
    } else missing.push(entry);
  }
  return { files: [...files].sort(), missing };
}
