#!/usr/bin/env node
// Installs code-server (a real VS Code served to a browser) outside the project, once.
// Usage: node scripts/e2e/install-code-server.mjs   (prints the entry script's path)
//
// Facts this relies on (see docs/editor-testing.md of the team):
// - code-server 4.100.3 is the last release whose engines allow Node 20;
// - its @vscode/ripgrep postinstall downloads rg from GitHub, which is unreachable here, so its
//   download cache is seeded with Debian's rg in the tarball name it looks for;
// - as root its postinstall needs npm_config_unsafe_perm, and node-pty's `npx node-gyp` needs
//   npm_config_yes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import {
  CODE_SERVER_VERSION,
  RIPGREP_TARBALL,
  chromiumPath,
  codeServerBin,
  codeServerPrefix,
  ripgrepCacheDir,
} from './paths.mjs';

const APT_LINE = 'apt-get install -y chromium libkrb5-dev ripgrep neovim fonts-noto-cjk';

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Missing system packages, as a list of human-readable reasons (empty when all are there). */
export function missingSystemPackages({ needChromium = true, needBuildHeaders = true } = {}) {
  const missing = [];
  if (needChromium && !existsSync(chromiumPath)) missing.push(`chromium (${chromiumPath})`);
  if (!which('rg')) missing.push('ripgrep (rg)');
  if (needBuildHeaders && !existsSync('/usr/include/gssapi.h') && !existsSync('/usr/include/gssapi/gssapi.h')) {
    missing.push('libkrb5-dev (gssapi.h, needed to build code-server\'s kerberos module)');
  }
  return missing;
}

export function assertSystemPackages(opts) {
  const missing = missingSystemPackages(opts);
  if (missing.length) {
    throw new Error(
      `Missing system packages for the editor tests: ${missing.join(', ')}.\n` +
        `Install them with:  ${APT_LINE}\n(.ci/run does this; on a workstation run it as root.)`,
    );
  }
}

export function isCodeServerInstalled() {
  const marker = join(codeServerPrefix, '.installed');
  return existsSync(codeServerBin) && existsSync(marker) && readFileSync(marker, 'utf8').trim() === CODE_SERVER_VERSION;
}

function seedRipgrepCache() {
  const target = join(ripgrepCacheDir, RIPGREP_TARBALL);
  if (existsSync(target)) return;
  const rg = which('rg');
  if (!rg) throw new Error(`ripgrep is missing. Install it with:  ${APT_LINE}`);
  mkdirSync(ripgrepCacheDir, { recursive: true });
  const stage = mkdtempSync(join(tmpdir(), 'rg-stage-'));
  copyFileSync(rg, join(stage, 'rg'));
  chmodSync(join(stage, 'rg'), 0o755);
  const r = spawnSync('tar', ['-czf', target, '-C', stage, 'rg'], { stdio: 'inherit' });
  rmSync(stage, { recursive: true, force: true });
  if (r.status !== 0) throw new Error('could not create the ripgrep cache tarball');
}

/** Installs code-server if needed; returns the path of its entry script. */
export function ensureCodeServer({ log = (m) => console.error(m) } = {}) {
  if (isCodeServerInstalled()) return codeServerBin;
  assertSystemPackages({ needChromium: false });
  seedRipgrepCache();
  mkdirSync(codeServerPrefix, { recursive: true });
  // A package.json of its own keeps npm from walking up into another project.
  writeFileSync(join(codeServerPrefix, 'package.json'), JSON.stringify({ name: 'policy-draft-e2e-tools', private: true }, null, 2));
  log(`[e2e] installing code-server@${CODE_SERVER_VERSION} into ${codeServerPrefix} (about a minute, once)…`);
  const started = Date.now();
  const r = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`],
    {
      cwd: codeServerPrefix,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        npm_config_unsafe_perm: 'true',
        npm_config_yes: 'true',
        // node-pty and kerberos build with node-gyp, which would download Node's headers; use the
        // system's (Debian's nodejs ships them) unless npm is already told where they are.
        ...(!process.env.npm_config_nodedir && existsSync('/usr/include/node/node.h') ? { npm_config_nodedir: '/usr' } : {}),
      },
    },
  );
  if (r.status !== 0 || !existsSync(codeServerBin)) {
    throw new Error(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${r.status}); see the output above`);
  }
  writeFileSync(join(codeServerPrefix, '.installed'), CODE_SERVER_VERSION + '\n');
  log(`[e2e] code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return codeServerBin;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(ensureCodeServer());
  } catch (e) {
    console.error(String(e instanceof Error ? e.message : e));
    process.exit(1);
  }
}
