// A scratch copy of test/e2e/workspace for one run, so fixes, caches and editor state never
// touch the fixtures in the repository.
import { cpSync, mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { projectRoot } from './paths.mjs';

export function makeRunDir(prefix = 'policy-draft-e2e-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const workspace = join(dir, 'workspace');
  cpSync(join(projectRoot, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  mkdirSync(join(dir, 'logs'), { recursive: true });
  return {
    dir,
    workspace,
    userDataDir: join(dir, 'user-data'),
    extensionsDir: join(dir, 'extensions'),
    logs: join(dir, 'logs'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The bundles the extension runs from; builds them when missing (a clean clone). */
export function ensureBuilt({ log = (m) => console.error(m) } = {}) {
  const outputs = ['client/out/extension.js', 'server/out/server.js'].map((p) => join(projectRoot, p));
  if (outputs.every((p) => existsSync(p))) return;
  log('[e2e] building the extension (npm run build)…');
  const r = spawnSync(process.execPath, [join(projectRoot, 'esbuild.mjs')], { cwd: projectRoot, stdio: 'inherit' });
  if (r.status !== 0 || !outputs.every((p) => existsSync(p))) throw new Error('the build failed; run `npm run build` and read its errors');
}
