// Where the end-to-end tooling lives. code-server is kept outside the project's node_modules
// (it is ~300 MB and pulls native modules the extension does not need), in a cache that
// survives clean clones on the same machine so a second run reuses the install.
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
/** @vscode/ripgrep version that code-server 4.100.3 depends on, and the rg release it fetches. */
export const RIPGREP_PACKAGE_VERSION = '1.15.11';
export const RIPGREP_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Override with POLICY_DRAFT_E2E_HOME (e.g. ./.e2e, which is git-ignored). */
export const e2eHome = resolve(process.env.POLICY_DRAFT_E2E_HOME || join(homedir(), '.cache', 'policy-draft-e2e'));
export const codeServerPrefix = join(e2eHome, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerBin = join(codeServerPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const codeServerVscodeDir = join(codeServerPrefix, 'node_modules', 'code-server', 'lib', 'vscode');
export const ripgrepCacheDir = join(process.env.TMPDIR || tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const resultsDir = join(projectRoot, 'test-results');
export const screenshotsDir = join(resultsDir, 'screenshots');
