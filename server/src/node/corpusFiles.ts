// Finds corpus files on disk: folders (recursively) and simple globs (*, **, ?). Symbolic links are
// followed (a hop limit and a loop check in node/files.ts); a link that loops or dangles and any
// special file (pipe, socket, device) is still listed, so the indexer reports it as skipped with a
// reason instead of it vanishing silently.
import { readdirSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { inspectPath, isAncestorLoop } from './files';

const IGNORED_DIRS = new Set(['node_modules', '.git', '.svn', '.hg', '.policy-draft']);
/** Folder nesting followed below a corpus root (a guard against link mazes, far above real archives). */
export const MAX_WALK_DEPTH = 32;

function walk(dir: string, out: string[], depth = 0, seen = new Set<string>()): void {
  if (depth > MAX_WALK_DEPTH) return;
  const self = inspectPath(dir);
  if (self.ok) seen.add(`${self.stats.dev}:${self.stats.ino}`);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!IGNORED_DIRS.has(e.name)) walk(p, out, depth + 1, seen);
    } else if (e.isSymbolicLink()) {
      const target = inspectPath(p);
      if (target.ok && target.stats.isDirectory()) {
        // A link to a folder above (or at) this one would walk forever; list it so it is reported.
        if (IGNORED_DIRS.has(e.name)) continue;
        const key = `${target.stats.dev}:${target.stats.ino}`;
        if (isAncestorLoop(p, target.target) || seen.has(key) || depth + 1 > MAX_WALK_DEPTH) out.push(p);
        else {
          seen.add(key);
          walk(p, out, depth + 1, seen);
        }
      } else out.push(p); // a link to a file, or a broken or looping link: the indexer says which
    } else out.push(p); // regular files and special files alike; the indexer skips the latter with a reason
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
    } else {
      const found = inspectPath(abs);
      if (found.ok && found.stats.isDirectory()) {
        const inside: string[] = [];
        walk(abs, inside);
        inside.forEach(f => files.add(f));
      } else if (found.ok || found.reason !== 'missing') files.add(abs);
      else missing.push(entry);
    }
  }
  return { files: [...files].sort(), missing };
}
