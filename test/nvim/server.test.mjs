// The standalone language server in a second LSP client: headless Neovim (Debian's 0.7).
// Run: node --test test/nvim/   (needs `apt-get install -y neovim` and a built server/out)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const server = join(root, 'server', 'out', 'server.js');
const draft = join(root, 'test', 'e2e', 'workspace', 'drafts', '01-baoan.md');

function utf16Position(text, needle) {
  const at = text.indexOf(needle);
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

test('Neovim\'s LSP client gets diagnostics, hover, symbols and completion from the server', { timeout: 200_000 }, async () => {
  const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  assert.equal(nvim.status, 0, 'neovim is missing: apt-get install -y neovim');
  assert.ok(existsSync(server), `${server} is missing: run npm run build`);
  const dir = mkdtempSync(join(tmpdir(), 'policy-draft-nvim-'));
  const out = join(dir, 'result.json');
  try {
    const child = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(here, 'lsp-client.lua')}`], {
      cwd: dir,
      env: {
        ...process.env,
        POLICY_DRAFT_NVIM_OUT: out,
        POLICY_DRAFT_SERVER: server,
        POLICY_DRAFT_DRAFT: draft,
        POLICY_DRAFT_ROOT: dirname(draft),
        XDG_CACHE_HOME: join(dir, 'cache'),
        XDG_STATE_HOME: join(dir, 'state'),
        XDG_DATA_HOME: join(dir, 'data'),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((r) => child.on('exit', r));
    assert.ok(existsSync(out), `nvim wrote no result (exit ${code}): ${stderr}`);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(result.error, undefined, `lua error: ${result.error}; steps ${result.steps}`);
    assert.ok(result.ok, `steps: ${result.steps}`);
    assert.deepEqual(result.capabilities, { hover: true, completion: true, documentSymbol: true });
    assert.ok(result.steps.includes('diagnostics'), `diagnostics arrived: ${JSON.stringify(result.diagnostics)}`);

    // The misspelt region, at the same UTF-16 range the server computes.
    const text = readFileSync(draft, 'utf8');
    const at = utf16Position(text, '宝按区');
    const region = result.diagnostics.find((d) => d.code === 'region-unknown');
    assert.ok(region, JSON.stringify(result.diagnostics));
    assert.equal(region.range.start.line, at.line);
    assert.equal(region.range.start.character, at.character);
    assert.equal(region.range.end.character, at.character + 3);
    assert.match(region.message, /[\u4e00-\u9fff]/);

    assert.match(result.hover ?? '', /591/, 'hover on 591名');
    assert.ok(result.symbols.includes('一、总体情况'), JSON.stringify(result.symbols));
    assert.ok(result.symbols.includes('  （一）构建一张网络'), JSON.stringify(result.symbols));
    assert.ok(result.completion.some((l) => l.includes('营商环境')), `completion: ${JSON.stringify(result.completion)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
