// npm run bench: every row of issue 11's table, measured the way a user meets it (the built server
// over LSP, the built CLI) or in process where the row is about the check itself, side by side with
// autocorrect-node and zhlint on the same text. The machine is shared, so each row also gives a ratio
// (against the other tool, or per 4× more input) that means more than an absolute time.
//
//   npm run bench                       all rows (corpus scaling: 10, 50 and 100 MB)
//   npm run bench -- --sizes 10         corpus scaling at 10 MB only ('--sizes 0' skips it)
//   npm run bench -- --runs 3           repetitions of the start-up rows (default 5)
//   npm run bench -- --only start,check rows whose group is listed (start, shared, edit, check,
//                                       growth, cli, scale)
//
// In-process rows run in a child process of their own (memory figures do not mix), on the server's
// code as it ships: this file bundled by esbuild as the server's bundles are (childScript).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { buildCorpus } from './corpus';
import { startBenchServer, timed, type BenchServer } from './lsp';
import { completeWhenMined } from '../test/helpers/lspClient';

// (the in-process child is this file bundled into server/bench-out, and is told the checkout's root)
const root = process.env.POLICY_DRAFT_BENCH_ROOT ?? join(__dirname, '..');
const shared = join(root, '../shared');
const sharedCorpus = join(shared, 'corpus');
const CLI = join(root, 'server/out/cli.js');

interface Row {
  what: string;
  value: string;
  target?: string;
  detail?: string;
}

// ---- small statistics -----------------------------------------------------------------------------

function quantile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const median = (s: number[]) => quantile(s, 0.5);
const p95 = (s: number[]) => quantile(s, 0.95);
const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
const range = (s: number[]) => `${fmtMs(median(s))} (${fmtMs(Math.min(...s))}–${fmtMs(Math.max(...s))})`;
const mb = (n: number) => `${n.toFixed(0)} MB`;

function dirBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n += e.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return n;
}

// ---- texts --------------------------------------------------------------------------------------

/** Real report text (a recent national government work report and more), cut to n characters. */
function realText(n: number): string {
  const dir = join(sharedCorpus, 'gwr-national');
  const files = existsSync(dir) ? readdirSync(dir).sort().reverse().map(f => join(dir, f)) : [];
  let text = '';
  for (let i = 0; text.length < n && files.length; i++) text += readFileSync(files[i % files.length], 'utf8') + '\n\n';
  if (!text) text = readFileSync(join(root, 'examples/draft.md'), 'utf8').repeat(Math.ceil(n / 1000));
  while (text.length < n) text += text;
  return text.slice(0, n);
}

/** Texts of 20,000 characters each checked once, as drafts just opened (the p95 is their second highest). */
const NEVER_CHECKED_TEXTS = 23;

const seventeenLines = () => readFileSync(join(shared, 'eval/dev/01-baoan.md'), 'utf8').split('\n').slice(0, 17).join('\n') + '\n';

// ---- in-process rows (child process) -----------------------------------------------------------

async function childScenario(name: string, arg: string): Promise<Row[]> {
  const { createNodeService, seedsDir } = await import('../server/src/node/environment');
  const { resolveCorpusPaths } = await import('../server/src/node/corpusFiles');
  const { indexCorpus } = await import('../server/src/node/indexer');
  const service = createNodeService('en');
  const rows: Row[] = [];

  if (name === 'check') {
    const r = indexCorpus(service, resolveCorpusPaths([seedsDir(), sharedCorpus], root).files, { cacheDir: arg });
    const snap = service.assemble(r.files, r.phrases);
    const text = realText(20_000);
    service.check(snap, text);
    // What the server's check worker warms before a writer's first check (the traditional converters).
    const { WARM_UP_TEXTS } = await import('../server/src/core/service');
    for (const w of Object.values(WARM_UP_TEXTS)) service.check(snap, w);
    const ours: number[] = [];
    const edited: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      service.check(snap, `${text}\n${i}`.slice(0, 20_000 + String(i).length + 1));
      ours.push(performance.now() - t0);
    }
    // Texts never checked before in this process (20,000 characters from further into the reports):
    // nothing of them is in any per-line cache, as for a draft just opened.
    const fresh: number[] = [];
    const long = realText(20_000 * (1 + NEVER_CHECKED_TEXTS));
    for (let i = 1; i <= NEVER_CHECKED_TEXTS; i++) {
      const t = long.slice(i * 20_000, (i + 1) * 20_000);
      const t0 = performance.now();
      service.check(snap, t);
      fresh.push(performance.now() - t0);
    }
    for (let i = 0; i < 30; i++) {
      const at = 10_000 + (i % 7) * 13;
      const t = text.slice(0, at) + (i % 2 ? '全' : '本') + text.slice(at + 1);
      const t0 = performance.now();
      service.check(snap, t);
      edited.push(performance.now() - t0);
    }
    // Each check alone (the others off), to see where the time goes.
    const { CHECKS } = await import('../server/src/core/service');
    const codes = Object.keys(CHECKS);
    const groups = new Map<string, string[]>();
    for (const c of codes) {
      const g = c.startsWith('figure-') ? 'figures' : c.startsWith('region-') ? 'regions' : /^(punct|number|docnum|date|attachment)-/.test(c) ? 'standards (GB/T)' : c;
      groups.set(g, [...(groups.get(g) ?? []), c]);
    }
    const parts: string[] = [];
    for (const [g, members] of groups) {
      const severities = Object.fromEntries(codes.map(c => [c, members.includes(c) ? 'warning' : 'off'])) as Record<string, 'off'>;
      service.check(snap, text, { severities });
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        service.check(snap, `${text}\n${i}`, { severities });
        runs.push(performance.now() - t0);
      }
      parts.push(`${g} ${fmtMs(median(runs))}`);
    }
    rows.push({ what: '  each check alone, same text', value: parts.join(', '), detail: 'medians of 5, other checks off' });
    // The same text through the two well-known Chinese linters (different checks: spacing, punctuation).
    const ac = require('autocorrect-node') as { lintFor(text: string, path: string): unknown };
    const zh = require('zhlint') as { run(text: string): unknown };
    ac.lintFor(text, 'draft.md');
    zh.run(text);
    const acTimes: number[] = [];
    const zhTimes: number[] = [];
    for (let i = 0; i < 10; i++) {
      let t0 = performance.now();
      ac.lintFor(`${text}\n${i}`, 'draft.md');
      acTimes.push(performance.now() - t0);
      t0 = performance.now();
      zh.run(`${text}\n${i}`);
      zhTimes.push(performance.now() - t0);
    }
    const o = median(ours), a = median(acTimes), z = median(zhTimes);
    rows.push({
      what: 'whole check of 20,000 characters of a real report, in process',
      value: `${fmtMs(o)} median, p95 ${fmtMs(p95(ours))} (${(20_000 / o).toFixed(0)} characters/ms)`,
      target: '< 30 ms',
      detail: 'all checks, against seeds + ../shared/corpus; the text with a new last line each run (the other lines read before)',
    });
    rows.push({
      what: '  the same on 20,000 characters never checked before (a draft just opened)',
      value: `${fmtMs(median(fresh))} median, p95 ${fmtMs(p95(fresh))} (${(20_000 / median(fresh)).toFixed(0)} characters/ms)`,
      target: '< 30 ms',
      detail: `${fresh.length} different texts from the same reports, after the server's warm-up checks; ours ÷ zhlint per character = ${(median(fresh) / z).toFixed(2)}×, ÷ autocorrect = ${(median(fresh) / a).toFixed(2)}×`,
    });
    rows.push({
      what: '  one-character edit in the same 20,000 characters → its check',
      value: `${fmtMs(median(edited))} median, p95 ${fmtMs(p95(edited))}`,
      target: 'p95 < 30 ms',
      detail: 'the check itself (no debounce), 30 edits',
    });
    rows.push({
      what: '  the same text: autocorrect-node / zhlint',
      value: `${fmtMs(a)} / ${fmtMs(z)}`,
      target: 'faster than zhlint, within 3× of autocorrect',
      detail: `ours ÷ autocorrect = ${(o / a).toFixed(2)}×, ours ÷ zhlint = ${(o / z).toFixed(2)}× (per character, same text)`,
    });
    // Hover and completion in process on the same text.
    const hovers: number[] = [];
    for (let i = 0; i < 50; i++) {
      const at = text.indexOf('%', i * 350);
      const t0 = performance.now();
      service.hover(snap, text, at < 0 ? i : at - 1);
      hovers.push(performance.now() - t0);
    }
    const completions: number[] = [];
    const prefixes = ['优化营', '高质量', '治理体系', '以人民', '稳中求', '守住不', '招商引', '全面建'];
    for (let i = 0; i < 100; i++) {
      const p = prefixes[i % prefixes.length];
      const t = text.slice(0, 15_000) + p + text.slice(15_000);
      const t0 = performance.now();
      service.complete(snap, t, 15_000 + p.length, []);
      completions.push(performance.now() - t0);
    }
    rows.push({
      what: '  hover / completion in the same text, in process',
      value: `p95 ${fmtMs(p95(hovers))} / p95 ${fmtMs(p95(completions))}`,
      detail: `medians ${fmtMs(median(hovers))} / ${fmtMs(median(completions))}`,
    });
    return rows;
  }

  if (name === 'growth') {
    const r = indexCorpus(service, resolveCorpusPaths([seedsDir(), sharedCorpus], root).files, { cacheDir: arg });
    const snap = service.assemble(r.files, r.phrases);
    service.check(snap, realText(5_000));
    const times: Array<[number, number]> = [];
    for (const n of [5_000, 20_000, 80_000, 320_000]) {
      const count = n > 100_000 ? 2 : 5;
      // A different text each run (consecutive stretches of the reports): no line of it read before.
      const long = realText(n * (count + 1));
      const runs: number[] = [];
      for (let i = 1; i <= count; i++) {
        const text = long.slice(i * n, (i + 1) * n);
        const t0 = performance.now();
        service.check(snap, text);
        runs.push(performance.now() - t0);
      }
      times.push([n, median(runs)]);
    }
    rows.push({
      what: 'check time by draft length (5k / 20k / 80k / 320k characters)',
      value: times.map(([, t]) => fmtMs(t)).join(' / '),
      target: 'linear (×4 input → ≤ ×5 time)',
      detail: `×4 steps: ${times.slice(1).map(([, t], i) => `${(t / times[i][1]).toFixed(1)}×`).join(', ')}; texts never checked before`,
    });
    return rows;
  }

  if (name === 'mine') {
    const [dir, cacheDir] = arg.split('\n');
    // The built extraction worker, as the CLI uses it (run from source there is none beside this file).
    const r = indexCorpus(service, resolveCorpusPaths([dir], root).files, { cacheDir, workerScript: join(root, 'server/out/indexWorker.js') });
    global.gc?.();
    const before = process.memoryUsage().rss;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const phrases = service.minePhrases(r.files);
    const t1 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    const peak = process.resourceUsage().maxRSS * 1024;
    rows.push({
      what: `  phrase mining alone (analyses cached), ${dir.split('/').pop()}`,
      value: `${fmtMs(t1 - t0)} (${fmtMs((cpu.user + cpu.system) / 1000)} CPU), +${mb((Math.max(peak, process.memoryUsage().rss) - before) / 1048576)}`,
      detail: `mined table ${mb(JSON.stringify(phrases).length / 1048576)}`,
    });
    return rows;
  }
  throw new Error(`unknown scenario ${name}`);
}

/**
 * The in-process rows' script: this file bundled the way esbuild.mjs bundles the server (same
 * target and format, no keepNames), into server/bench-out beside server/out, so the server code
 * finds its data as in server/out. Run through tsx instead, every function a check creates is named
 * at creation (tsx transforms with keepNames), which made the never-checked row about 15% slower
 * than the shipped bundles run.
 */
let childBundle: string | undefined;
function childScript(): string {
  if (childBundle) return childBundle;
  const out = join(root, 'server/bench-out/bench-child.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  esbuild.buildSync({
    entryPoints: [__filename], outfile: out, bundle: true, platform: 'node', target: 'node20', format: 'cjs', charset: 'utf8',
    packages: 'external', logLevel: 'warning',
  });
  return (childBundle = out);
}

function runChild(name: string, arg: string): Row[] {
  const r = spawnSync(process.execPath, ['--expose-gc', childScript(), '--child', name, arg], {
    encoding: 'utf8', maxBuffer: 1 << 26, cwd: root, env: { ...process.env, POLICY_DRAFT_BENCH_ROOT: root },
  });
  if (r.status !== 0) return [{ what: name, value: 'failed', detail: (r.stderr || '').split('\n').slice(-3).join(' ') }];
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

// ---- CLI rows -----------------------------------------------------------------------------------

/** Runs the built CLI; wall time and peak RSS (from a preloaded hook that reports maxRSS at exit). */
function runCli(args: string[], env: Record<string, string>): { ms: number; cpuMs: number; peakMB: number; status: number | null; stdout: string } {
  const hook = join(__dirname, 'maxrss.cjs');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', hook, CLI, ...args], {
    encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26,
  });
  const ms = performance.now() - t0;
  const m = /maxrss-kb=(\d+) cpu-ms=(\d+)/.exec(r.stderr ?? '');
  return { ms, cpuMs: m ? Number(m[2]) : 0, peakMB: m ? Number(m[1]) / 1024 : 0, status: r.status, stdout: r.stdout };
}

// ---- LSP rows ---------------------------------------------------------------------------------

/** CPU time (user + system, all threads) a running process has used so far, from /proc (0 elsewhere). */
function processCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the command name), in clock ticks (100 Hz)
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** Start-up events the server's threads wrote (POLICY_DRAFT_TRACE), as ms since spawn, first of each. */
function timeline(file: string, spawnedEpoch: number): Map<string, number> {
  const events = new Map<string, number>();
  if (!existsSync(file)) return events;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^(\d+) \S+ (.*)$/.exec(line);
    if (!m) continue;
    // Numbers that differ per run become N; index 0 (the empty index before the corpus) stays.
    const name = m[2].replace(/index [1-9]\d*/g, 'index N').replace(/check \d+/g, 'check N');
    if (!events.has(name)) events.set(name, Number(m[1]) - spawnedEpoch);
  }
  return events;
}

/** spawn → initialize, spawn → first diagnostics after the index is in, RSS when they are out. */
/**
 * After the first corpus diagnostics: asks for completions until the corpus's phrases are mined (the
 * trace says the pack was extended, in the mining process or the index worker), then the server's RSS.
 */
async function heldAfterMining(server: Awaited<ReturnType<typeof startBenchServer>>, uri: string, traceFile: string): Promise<{ rss: number; peak: number; seconds: number } | undefined> {
  const t0 = performance.now();
  const mined = /indexer: (phrases mined apart|pack extended|pack not extended|mining apart failed)/;
  while (performance.now() - t0 < 600_000) {
    await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 1 } }).catch(() => undefined);
    if (existsSync(traceFile) && mined.test(readFileSync(traceFile, 'utf8'))) {
      await new Promise(r => setTimeout(r, 1000)); // the mined table read back
      return { rss: server.rssMB(), peak: server.peakMB(), seconds: (performance.now() - t0) / 1000 };
    }
    await new Promise(r => setTimeout(r, 500));
  }
  return undefined;
}

async function startRun(cacheDir: string, workspace: string, settings: Record<string, unknown>, draft: string, afterMining = false) {
  const traceFile = join(mkdtempSync(join(tmpdir(), 'pd-bench-trace-')), 'trace.log');
  const spawnedEpoch = Date.now();
  const server = await startBenchServer(cacheDir, workspace, settings, { POLICY_DRAFT_TRACE: traceFile });
  const uri = pathToFileURL(join(workspace, 'draft.md')).toString();
  const first = server.nextDiagnostics(uri, () => server.readyAt() !== undefined, 3_600_000);
  await server.open(uri, draft);
  await first;
  const diag = performance.now() - server.spawnedAt;
  const cpuMs = processCpuMs(server.child.pid);
  const rss = server.rssMB();
  const peak = server.peakMB();
  const mined = afterMining ? await heldAfterMining(server, uri, traceFile) : undefined;
  await server.stop();
  return { init: server.initialized, ready: server.readyAt()!, diag, cpuMs, rss, peak, mined, events: timeline(traceFile, spawnedEpoch) };
}

/** The median time of each traced start-up event over the runs, in order. */
function medianTimeline(runs: Array<{ events: Map<string, number> }>): string {
  const names = [...new Set(runs.flatMap(r => [...r.events.keys()]))];
  const wanted = ['entry: initialize answered', 'entry: main.js loaded', 'index worker: bundle loaded', 'check worker: bundle loaded',
    'main: index requested', 'index worker: index N read', 'check worker: gazetteer built', 'check worker: index N assembled',
    'check worker: check N (index N) done', 'main: diagnostics published (index N)'];
  const rows = wanted.filter(n => names.includes(n)).map(n => {
    const times = runs.map(r => r.events.get(n)).filter((t): t is number => t !== undefined);
    return [n, median(times)] as const;
  }).sort((a, b) => a[1] - b[1]);
  return rows.map(([n, t]) => `${n.replace(/ N\b/g, '').replace(' (index)', ' (corpus)')} ${fmtMs(t)}`).join('; ');
}

async function startRows(runs: number): Promise<Row[]> {
  const rows: Row[] = [];
  const workspace = mkdtempSync(join(tmpdir(), 'pd-bench-ws-'));
  const cacheDir = mkdtempSync(join(tmpdir(), 'pd-bench-cache-'));
  const draft = readFileSync(join(shared, 'eval/dev/01-baoan.md'), 'utf8');
  await startRun(cacheDir, workspace, {}, draft); // fills the cache
  const r = [];
  // Calibration: a bare node process on this machine right now (every start-up includes one),
  // timed between the runs so both see the same load.
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    r.push(await startRun(cacheDir, workspace, {}, draft));
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    bare.push(performance.now() - t0);
  }
  rows.push({
    what: 'spawn → `initialize` answered',
    value: range(r.map(x => x.init)),
    target: '< 0.15 s',
    detail: `${runs} runs; a bare \`node -e 0\` takes ${range(bare)} on this machine now, so the server's own part is ≈ ${fmtMs(Math.max(0, median(r.map(x => x.init)) - median(bare)))}`,
  });
  rows.push({
    what: 'spawn → first diagnostics that use the corpus (bundled seeds, warm cache)',
    value: range(r.map(x => x.diag)),
    target: '< 1 s',
    detail: `index ready at ${range(r.map(x => x.ready))}; server CPU (all threads) by the first diagnostics ${range(r.map(x => x.cpuMs))}` + (r[0]?.events.size ? `; median timeline (POLICY_DRAFT_TRACE): ${medianTimeline(r)}` : ''),
  });
  rows.push({
    what: 'server memory, seeds only',
    value: `${mb(median(r.map(x => x.rss)))} RSS`,
    target: '< 300 MB',
    detail: `peak ${mb(Math.max(...r.map(x => x.peak)))}, after the first check (all threads)`,
  });
  return rows;
}

async function sharedRows(runs: number): Promise<Row[]> {
  if (!existsSync(sharedCorpus)) return [{ what: '../shared/corpus', value: 'not found' }];
  const workspace = mkdtempSync(join(tmpdir(), 'pd-bench-ws-'));
  const cacheDir = mkdtempSync(join(tmpdir(), 'pd-bench-cache-'));
  const draft = readFileSync(join(shared, 'eval/dev/01-baoan.md'), 'utf8');
  const settings = { corpus: { paths: [sharedCorpus] } };
  const cold = await startRun(cacheDir, workspace, settings, draft, true);
  const warm = [];
  for (let i = 0; i < Math.max(1, Math.min(runs, 3)); i++) warm.push(await startRun(cacheDir, workspace, settings, draft));
  return [{
    what: 'the same with ../shared/corpus, cold / warm',
    value: `${fmtMs(cold.diag)} / ${range(warm.map(x => x.diag))}`,
    target: '< 5 s / < 1 s',
    detail: `cold: peak ${mb(cold.peak)}, server CPU ${fmtMs(cold.cpuMs)}, timeline: ${medianTimeline([cold])}; `
      + `${cold.mined ? `held after its phrases were mined (${cold.mined.seconds.toFixed(1)} s later, completion asking): ${mb(cold.mined.rss)} RSS, peak ${mb(cold.mined.peak)}` : 'phrases not mined within 10 min'}; `
      + `warm: ${mb(median(warm.map(x => x.rss)))} RSS, timeline: ${medianTimeline(warm)}`,
  }];
}

async function editRows(): Promise<Row[]> {
  const rows: Row[] = [];
  const workspace = mkdtempSync(join(tmpdir(), 'pd-bench-ws-'));
  const cacheDir = mkdtempSync(join(tmpdir(), 'pd-bench-cache-'));
  const server = await startBenchServer(cacheDir, workspace, {});
  await server.waitReady();
  const uri = pathToFileURL(join(workspace, 'draft.md')).toString();
  const text = realText(20_000);
  await server.open(uri, text);
  await server.nextDiagnostics(uri);
  // One-character edits, each waited for: the time until its diagnostics (150 ms of it debounce).
  const lines = text.split('\n');
  const line = lines.findIndex((l, i) => i > lines.length / 2 && l.length > 10);
  const edits: number[] = [];
  let version = 1;
  for (let i = 0; i < 20; i++) {
    version++;
    const v = version;
    const got = server.nextDiagnostics(uri, p => p.version === v);
    const t0 = performance.now();
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line, character: 3 }, end: { line, character: 4 } }, text: i % 2 ? '全' : '本' }],
    });
    await got;
    edits.push(performance.now() - t0);
  }
  rows.push({
    what: 'one-character edit in a 20,000-character draft → new diagnostics (LSP)',
    value: `p50 ${fmtMs(median(edits))}, p95 ${fmtMs(p95(edits))}`,
    target: 'check itself p95 < 30 ms (see the in-process row)',
    detail: '150 ms of it is the debounce',
  });
  // Completion and hover while checks run: an edit every 200 ms, requests in between.
  const small = pathToFileURL(join(workspace, 'typing.md')).toString();
  await server.open(small, '全区坚持问题导向，推动高质');
  // Warm-up (the first hover and completion build what they read), and the phrases mined: completion
  // no longer waits for mining, so without this the rows would time it against the miner's CPU.
  await completeWhenMined(server.connection, { textDocument: { uri: small }, position: { line: 0, character: 13 } });
  await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 5 } });
  const completions: number[] = [];
  const hovers: number[] = [];
  let edit = 0;
  while (completions.length < 40) {
    if (edit++ % 4 === 0) {
      version++;
      await server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character: 3 }, end: { line, character: 4 } }, text: version % 2 ? '全' : '本' }],
      });
    }
    completions.push(await timed(() => server.connection.sendRequest('textDocument/completion', { textDocument: { uri: small }, position: { line: 0, character: 13 } })));
    hovers.push(await timed(() => server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 5 } })));
    await new Promise(r => setTimeout(r, 50));
  }
  rows.push({
    what: 'completion while a check runs (LSP)',
    value: `p50 ${fmtMs(median(completions))}, p95 ${fmtMs(p95(completions))}`,
    target: '< 20 ms p95',
    detail: `hover p50 ${fmtMs(median(hovers))}, p95 ${fmtMs(p95(hovers))}; ${completions.length} requests`,
  });
  // A 10 MB draft being checked: hover and completion meanwhile.
  const bigUri = pathToFileURL(join(workspace, 'big.md')).toString();
  const big = realText(200_000).repeat(17).slice(0, 10 * 1024 * 1024 / 3);
  await server.open(bigUri, big);
  await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: bigUri }, position: { line: 3, character: 4 } });
  const during: number[] = [];
  const bigLine = Math.floor(big.split('\n').length / 2);
  for (let i = 0; i < 60; i++) {
    during.push(await timed(() => server.connection.sendRequest('textDocument/completion', { textDocument: { uri: small }, position: { line: 0, character: 13 } })));
    during.push(await timed(() => server.connection.sendRequest('textDocument/hover', { textDocument: { uri: bigUri }, position: { line: bigLine + (i % 5), character: 4 } })));
    await new Promise(r => setTimeout(r, 30));
  }
  rows.push({
    what: 'hover and completion while a 10 MB draft is being checked (LSP)',
    value: `p50 ${fmtMs(median(during))}, p95 ${fmtMs(p95(during))}`,
    target: '< 50 ms p95',
    detail: `${during.length} requests, max ${fmtMs(Math.max(...during))}; server RSS ${mb(server.rssMB())}`,
  });
  await server.stop();
  return rows;
}

function cliRows(): Row[] {
  const cacheDir = mkdtempSync(join(tmpdir(), 'pd-bench-cache-'));
  const dir = mkdtempSync(join(tmpdir(), 'pd-bench-cli-'));
  const file = join(dir, 'draft.md');
  writeFileSync(file, seventeenLines());
  const env = { POLICY_DRAFT_CACHE: cacheDir };
  const cold = runCli([file], env);
  const warm = [0, 1, 2].map(() => runCli([file], env));
  return [{
    what: 'CLI on a 17-line draft, warm cache',
    value: `${range(warm.map(w => w.ms))}, ${mb(Math.max(...warm.map(w => w.peakMB)))}`,
    target: '< 1 s',
    detail: `CPU (all threads) ${range(warm.map(w => w.cpuMs))}; cold (fresh cache): ${fmtMs(cold.ms)}, ${mb(cold.peakMB)}`,
  }];
}

// ---- corpus scaling -------------------------------------------------------------------------------


async function lspIndexRows(dir: string, megabytes: number): Promise<Row[]> {
  const workspace = mkdtempSync(join(tmpdir(), 'pd-bench-ws-'));
  const cacheDir = mkdtempSync(join(tmpdir(), 'pd-bench-cache-'));
  const traceFile = join(mkdtempSync(join(tmpdir(), 'pd-bench-trace-')), 'trace.log');
  const server = await startBenchServer(cacheDir, workspace, { corpus: { paths: [dir] } }, { POLICY_DRAFT_TRACE: traceFile });
  const uri = pathToFileURL(join(workspace, 'draft.md')).toString();
  await server.open(uri, seventeenLines());
  const latencies: number[] = [];
  // each request's send time (epoch ms) and latency: the slow ones are shown with the server's timeline
  const sent: Array<{ at: number; ms: number; phase: string }> = [];
  const timedHover = async (phase: string) => {
    const at = Date.now();
    const ms = await timed(hover);
    sent.push({ at, ms, phase });
    return ms;
  };
  let peak = 0;
  let ready = false;
  void server.waitReady().then(() => (ready = true));
  // the first diagnostics published after the index is ready (the check that read it)
  let diagnosedAt: number | undefined;
  void server.nextDiagnostics(uri, () => server.readyAt() !== undefined).then(() => (diagnosedAt = performance.now() - server.spawnedAt), () => undefined);
  const hover = () => server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 20 } });
  while (!ready) {
    latencies.push(await timedHover('indexing'));
    peak = Math.max(peak, server.peakMB());
    await new Promise(r => setTimeout(r, 200));
  }
  // After the index is in: the draft's check asks the index and its answer reaches the request
  // thread (the first corpus diagnostics), while hovers go on.
  const readyAt = performance.now();
  const after: number[] = [];
  while (performance.now() - readyAt < 5000 || (diagnosedAt === undefined && performance.now() - readyAt < 120_000)) {
    after.push(await timedHover('after ready'));
    peak = Math.max(peak, server.peakMB());
    await new Promise(r => setTimeout(r, 100));
  }
  await new Promise(r => setTimeout(r, 1000));
  const held = server.rssMB();
  peak = Math.max(peak, server.peakMB());
  const cpuMs = processCpuMs(server.child.pid);
  await server.stop();
  slowRequests(traceFile, sent, server.spawnedAt);
  // A restart on the same corpus, the cache left by the cold run (the pack): ready, the first corpus
  // diagnostics, memory, and the hovers meanwhile.
  const againTrace = join(mkdtempSync(join(tmpdir(), 'pd-bench-trace-')), 'trace.log');
  const againEpoch = Date.now();
  const again = await startBenchServer(cacheDir, workspace, { corpus: { paths: [dir] } }, { POLICY_DRAFT_TRACE: againTrace });
  await again.open(uri, seventeenLines());
  let againDiagnosed: number | undefined;
  const diagnosed = again.nextDiagnostics(uri, () => again.readyAt() !== undefined, 120_000).then(() => (againDiagnosed = performance.now() - again.spawnedAt), () => undefined);
  const againHovers: number[] = [];
  const againSent: Array<{ at: number; ms: number; phase: string }> = [];
  let againReady = false;
  void again.waitReady().then(() => (againReady = true));
  while (!againReady || againDiagnosed === undefined) {
    const at = Date.now();
    const ms = await timed(() => again.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 20 } }));
    againHovers.push(ms);
    againSent.push({ at, ms, phase: againReady ? 'restart, after ready' : 'restart, reading the cache' });
    if (performance.now() - again.spawnedAt > 120_000) break;
    await new Promise(r => setTimeout(r, 100));
  }
  await diagnosed;
  const againRss = again.rssMB();
  const againPeak = again.peakMB();
  await again.stop();
  slowRequests(againTrace, againSent, again.spawnedAt);
  rmSync(cacheDir, { recursive: true, force: true });
  rmSync(workspace, { recursive: true, force: true });
  const restart: Row = {
    what: `${megabytes} MB over LSP, restart on the warm cache`,
    value: `ready after ${again.readyAt() === undefined ? 'never' : fmtMs(again.readyAt()!)}, first corpus diagnostics ${againDiagnosed === undefined ? 'none' : fmtMs(againDiagnosed)}`,
    target: 'ready < 2 s',
    detail: `RSS ${mb(againRss)} (peak ${mb(againPeak)}); hover meanwhile: p95 ${fmtMs(p95(againHovers))}, max ${fmtMs(Math.max(...againHovers))} (${againHovers.length} requests); ` +
      `timeline: ${medianTimeline([{ events: timeline(againTrace, againEpoch) }])}`,
  };
  return [{
    what: `${megabytes} MB over LSP, cold`,
    value: `ready after ${fmtMs(server.readyAt()!)}, peak ${mb(peak)}, ${mb(held)} held after`,
    target: '< 60 s, < 1 GB, no request over 50 ms',
    detail: `server CPU ${fmtMs(cpuMs)}; hover during indexing: p95 ${fmtMs(p95(latencies))}, max ${fmtMs(Math.max(...latencies))} (${latencies.length} requests); ` +
      `after: p95 ${fmtMs(p95(after))}, max ${fmtMs(Math.max(...after))} (${after.length}); diagnostics ${diagnosedAt === undefined ? 'none' : fmtMs(diagnosedAt - server.readyAt()!)} after ready`,
  }, restart];
}

/**
 * Prints (stderr) each request over 50 ms with what the server's threads traced while it waited
 * (POLICY_DRAFT_TRACE: main.js and engine loads, hover's build steps, answers received, the workers' steps).
 */
function slowRequests(traceFile: string, sent: Array<{ at: number; ms: number; phase: string }>, spawnedAt: number): void {
  const lines = existsSync(traceFile) ? readFileSync(traceFile, 'utf8').split('\n') : [];
  const spawnEpoch = Date.now() - (performance.now() - spawnedAt);
  const events = lines.flatMap(l => {
    const m = /^(\d+) (\S+) (.*)$/.exec(l);
    return m ? [{ at: Number(m[1]), thread: m[2], what: m[3] }] : [];
  });
  for (const r of sent.filter(x => x.ms > 50)) {
    const during = events.filter(e => e.at >= r.at - 2 && e.at <= r.at + r.ms + 2);
    process.stderr.write(`    slow hover (${r.phase}) at ${fmtMs(r.at - spawnEpoch)} after spawn: ${fmtMs(r.ms)}; traced meanwhile (thread 0 is the request thread): ` +
      `${during.map(e => `+${e.at - r.at} [${e.thread}] ${e.what}`).join('; ') || '(nothing)'}\n`);
  }
}

/** `--scale-lsp`: only the over-LSP row of each size (the CLI rows take as long again). */
const lspOnly = process.argv.includes('--scale-lsp');

async function scaleRows(sizes: number[]): Promise<Row[]> {
  if (!existsSync(sharedCorpus)) return [{ what: 'corpus scaling', value: 'skipped: ../shared/corpus not found' }];
  const rows: Row[] = [];
  for (const size of sizes) {
    const dir = buildCorpus(sharedCorpus, size);
    const cacheDir = mkdtempSync(join(tmpdir(), 'pd-bench-cache-'));
    if (lspOnly) {
      rows.push(...(await lspIndexRows(dir, size)));
      rmSync(dir, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
      continue;
    }
    const env = { POLICY_DRAFT_CACHE: cacheDir, POLICY_DRAFT_CACHE_MAX_MB: String(Math.max(200, size * 10)) };
    const cold = runCli(['corpus', '--no-seeds', '--corpus', dir], env);
    const warm = runCli(['corpus', '--no-seeds', '--corpus', dir], env);
    rows.push({
      what: `\`policy-lint corpus\` on ${size} MB of distinct reports, cold / warm`,
      value: `${fmtMs(cold.ms)}, ${mb(cold.peakMB)} peak / ${fmtMs(warm.ms)}, ${mb(warm.peakMB)}`,
      target: '100 MB: < 60 s, < 1 GB peak / < 2 s',
      // (the CLI analyses without segmenting: only completion reads mined phrases, so it never mines)
      detail: `CPU (all threads) cold ${fmtMs(cold.cpuMs)} / warm ${fmtMs(warm.cpuMs)}; on-disk cache ${mb(dirBytes(cacheDir) / 1048576)} for ${size} MB of corpus (target ≤ the corpus); no segmentation or mining (the CLI reads no phrases)`,
    });
    // Checking a draft on the warm cache: the pack's key maps are read whole, and only the documents
    // the draft's lookup keys return are read (the corpus report above reads the pack's summaries).
    const draftDir = mkdtempSync(join(tmpdir(), 'pd-bench-draft-'));
    const draft = join(draftDir, 'draft.md');
    writeFileSync(draft, seventeenLines());
    const lint = runCli(['--no-seeds', '--corpus', dir, draft], env);
    rmSync(draftDir, { recursive: true, force: true });
    rows.push({
      what: `\`policy-lint\` on a 17-line draft against ${size} MB, warm cache`,
      value: `${fmtMs(lint.ms)}, ${mb(lint.peakMB)} peak`,
      detail: `CPU (all threads) ${fmtMs(lint.cpuMs)}`,
    });
    rows.push(...runChild('mine', `${dir}\n${cacheDir}`));
    rows.push(...(await lspIndexRows(dir, size)));
    rmSync(dir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
  return rows;
}

// ---- main -----------------------------------------------------------------------------------------

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    const rows = await childScenario(process.argv[3], process.argv[4] ?? '');
    process.stdout.write(JSON.stringify(rows) + '\n');
    return;
  }
  const runs = Number(option('--runs') ?? 5);
  const sizes = (option('--sizes') ?? '10,50,100').split(',').map(Number).filter(n => n > 0);
  const only = option('--only')?.split(',');
  const want = (group: string) => !only || only.includes(group);
  const rows: Row[] = [];
  const sharedCache = mkdtempSync(join(tmpdir(), 'pd-bench-all-'));
  const print = (r: Row[]) => {
    rows.push(...r);
    for (const x of r) process.stderr.write(`  ${x.what}: ${x.value}\n`);
  };
  if (want('start')) print(await startRows(runs));
  if (want('shared')) print(await sharedRows(runs));
  if (want('edit')) print(await editRows());
  if (want('check')) print(runChild('check', sharedCache));
  if (want('growth')) print(runChild('growth', sharedCache));
  if (want('cli')) print(cliRows());
  if (want('scale') && sizes.length) print(await scaleRows(sizes));
  console.log(`\n${new Date().toISOString().slice(0, 16)} UTC, node ${process.version}, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n`);
  console.log('| what | now | target | detail |\n|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.what} | ${r.value} | ${r.target ?? ''} | ${r.detail ?? ''} |`);
}

void main().catch(e => {
  console.error(e);
  process.exit(1);
});
