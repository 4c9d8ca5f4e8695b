// `npm run package` builds one .vsix per platform target and a universal one. Each is unzipped and
// checked for what its platform needs; the unpacked packages run the CLI on this machine: the
// WASM-only ones (and linux-x64 with its native module broken) find the same as linux-x64 native.
// Needs `npm run build` first (the packages are made from server/out and client/out).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { elfMachine, extractTo, readZip } from './vsix';

const root = resolve(__dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'policy-draft-packages-'));
type Packaged = { packagePath: string; target: string; native: boolean };
let packaged: Packaged[] = [];
const contents = new Map<string, Map<string, Buffer>>();
const scratch: string[] = [out];
after(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});
let pkg: { REQUIRED_COMMON: string[]; REQUIRED_NATIVE: string[]; TARGETS: string[] };

before(async () => {
  for (const f of ['client/out/extension.js', 'server/out/server.js', 'server/out/cli.js', 'server/out/jieba_rs_wasm_bg.wasm']) {
    assert.ok(existsSync(join(root, f)), `${f} is missing: run npm run build first`);
  }
  const spec = '../../scripts/package-vsix.mjs';
  const mod = (await import(spec)) as typeof pkg & { packageAll(o: { outDir: string }): Promise<Packaged[]> };
  pkg = mod;
  packaged = await mod.packageAll({ outDir: out });
  for (const p of packaged) contents.set(p.target, await readZip(p.packagePath));
});

test('npm run package makes the five platform packages and a universal one', () => {
  assert.deepEqual(packaged.map(p => p.target), ['win32-x64', 'linux-x64', 'linux-arm64', 'darwin-arm64', 'darwin-x64', 'universal']);
  assert.deepEqual(pkg.TARGETS, packaged.map(p => p.target));
});

test('each package declares its target platform (the universal one none)', () => {
  for (const p of packaged) {
    const manifest = contents.get(p.target)!.get('extension.vsixmanifest')!.toString('utf8');
    const declared = /TargetPlatform="([^"]+)"/.exec(manifest)?.[1];
    assert.equal(declared, p.target === 'universal' ? undefined : p.target, p.target);
  }
});

test('every package holds the bundles, the WASM segmenter and its data, seeds and translations', () => {
  for (const p of packaged) {
    const files = [...contents.get(p.target)!.keys()];
    for (const need of pkg.REQUIRED_COMMON) {
      const path = `extension/${need}`;
      assert.ok(need.endsWith('/') ? files.some(f => f.startsWith(path)) : files.includes(path), `${p.target} lacks ${need}`);
    }
    const wasm = contents.get(p.target)!.get('extension/server/out/jieba_rs_wasm_bg.wasm')!;
    assert.equal(wasm.readUInt32BE(0), 0x0061736d, `${p.target}: the .wasm file is WebAssembly`);
  }
});

test('linux-x64 carries nodejieba built for x86-64 Linux with its dictionaries', () => {
  const files = contents.get('linux-x64')!;
  for (const need of pkg.REQUIRED_NATIVE) assert.ok(files.has(`extension/${need}`), `linux-x64 lacks ${need}`);
  assert.equal(elfMachine(files.get('extension/node_modules/nodejieba/build/Release/nodejieba.node')!), 62);
});

test('no other package carries a native module: no nodejieba, no .node file', () => {
  for (const p of packaged.filter(x => x.target !== 'linux-x64')) {
    const native = [...contents.get(p.target)!.keys()].filter(f => f.includes('/nodejieba/') || f.endsWith('.node'));
    assert.deepEqual(native, [], p.target);
    assert.equal(p.native, false);
  }
});

/** Unpacks a package and runs its CLI (version, then the example draft with a fresh cache). */
function runUnpacked(target: string, breakNative = false): { version: string; json: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), `policy-draft-unpacked-${target}-`));
  scratch.push(dir);
  extractTo(contents.get(target)!, dir);
  const ext = join(dir, 'extension');
  if (breakNative) writeFileSync(join(ext, 'node_modules/nodejieba/build/Release/nodejieba.node'), 'not a shared object');
  const cache = mkdtempSync(join(tmpdir(), 'policy-draft-cache-'));
  scratch.push(cache);
  const env: NodeJS.ProcessEnv = { ...process.env, POLICY_DRAFT_CACHE: cache, LANG: 'en_US.UTF-8' };
  delete env.POLICY_DRAFT_SEGMENTER;
  const cli = join(ext, 'server/out/cli.js');
  const version = spawnSync(process.execPath, [cli, '--version'], { env, encoding: 'utf8', cwd: root });
  const lint = spawnSync(process.execPath, [cli, '--format', 'json', 'examples/draft.md'], { env, encoding: 'utf8', cwd: root, timeout: 300_000 });
  // Citations point into the unpacked seeds: compare them relative to the package.
  return { version: version.stdout, json: lint.stdout.split(ext).join('<extension>'), status: lint.status };
}

test('the unpacked packages run: linux-x64 on nodejieba, the others and a broken native module on jieba-wasm, with the same findings', () => {
  const native = runUnpacked('linux-x64');
  assert.match(native.version, /segmenter: nodejieba \(native\)/);
  assert.equal(native.status, 1, 'the example draft has findings');
  assert.ok(JSON.parse(native.json)[0].diagnostics.length > 0);
  for (const [target, broken] of [['universal', false], ['win32-x64', false], ['linux-x64', true]] as const) {
    const r = runUnpacked(target, broken);
    assert.match(r.version, /segmenter: jieba-wasm \(WebAssembly\): nodejieba does not load/, `${target}${broken ? ' (native broken)' : ''}`);
    assert.equal(r.status, 1);
    assert.equal(r.json, native.json, `${target}${broken ? ' (native broken)' : ''}: same findings as nodejieba`);
  }
});
