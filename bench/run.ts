// npm run bench: indexing, checking, completion and gazetteer numbers. Each scenario runs in a
// child process of its own so memory figures are not mixed up. Prints a Markdown table.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = join(__dirname, '..');
const sharedCorpus = join(root, '../shared/corpus');

type Row = { scenario: string; value: string; note?: string };

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(0)} MB`;
}

function stats(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] };
}

async function scenario(name: string, arg?: string): Promise<Row[]> {
  const { createNodeService, seedsDir } = await import('../server/src/node/environment');
  const { resolveCorpusPaths } = await import('../server/src/node/corpusFiles');
  const { indexCorpus } = await import('../server/src/node/indexer');
  const rows: Row[] = [];
  const corpusFiles = (which: string) =>
    resolveCorpusPaths(which === 'seeds' ? [seedsDir()] : [seedsDir(), sharedCorpus], root).files;

  if (name === 'gazetteer') {
    const before = process.memoryUsage();
    const t0 = performance.now();
    const { loadGazetteer } = await import('../server/src/node/gazetteer');
    loadGazetteer();
    const t1 = performance.now();
    const after = process.memoryUsage();
    rows.push({ scenario: 'gazetteer load', value: `${(t1 - t0).toFixed(0)} ms`, note: `heap +${mb(after.heapUsed - before.heapUsed)}, rss +${mb(after.rss - before.rss)}` });
    return rows;
  }

  if (name === 'index') {
    const [which, cacheDir] = arg!.split(':');
    const service = createNodeService('en');
    const files = corpusFiles(which);
    const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0);
    const t0 = performance.now();
    const r = indexCorpus(service, files, { cacheDir });
    const t1 = performance.now();
    const snap = service.assemble(r.files, r.phrases);
    const t2 = performance.now();
    const mode = r.analyzed ? 'cold' : 'from cache';
    rows.push({
      scenario: `index ${which} (${files.length} files, ${(bytes / 1048576).toFixed(1)} MB), ${mode}`,
      value: `${((t2 - t0) / 1000).toFixed(2)} s`,
      note: `analyse ${((t1 - t0) / 1000).toFixed(2)} s (phrases ${r.phrasesFromCache ? 'cached' : 'mined'}), assemble ${(t2 - t1).toFixed(0)} ms; ${snap.stats.documents} docs; rss ${mb(process.memoryUsage().rss)}`,
    });
    return rows;
  }

  if (name === 'draft') {
    const service = createNodeService('en');
    const r = indexCorpus(service, corpusFiles('all'), { cacheDir: arg });
    const snap = service.assemble(r.files, r.phrases);
    // A 20,000-character draft made of real paragraphs from the eval drafts and the seeds.
    const parts = ['01-baoan.md', '02-panzhihua.md', '03-chengdu.md']
      .map(f => join(root, '../shared/eval/dev', f)).filter(existsSync).map(f => readFileSync(f, 'utf8'));
    let draft = '';
    while (draft.length < 20_000) draft += parts.join('\n\n') + '\n\n';
    draft = draft.slice(0, 20_000);
    service.check(snap, draft); // warm
    const checks: number[] = [];
    for (let i = 0; i < 30; i++) {
      const edited = draft.slice(0, 10_000) + (i % 2 ? '全年' : '全市') + draft.slice(10_002);
      const t0 = performance.now();
      service.check(snap, edited);
      checks.push(performance.now() - t0);
    }
    const c = stats(checks);
    rows.push({ scenario: 'check a 20,000-character draft after an edit (warm, all checks)', value: `${c.median.toFixed(1)} ms median`, note: `p95 ${c.p95.toFixed(1)} ms, 30 runs` });
    // Each feature alone, other checks off.
    const { CHECKS } = await import('../server/src/core/service');
    const only = (codes: string[]) =>
      Object.fromEntries(Object.keys(CHECKS).map(c => [c, codes.includes(c) ? CHECKS[c] : 'off'])) as Record<string, 'off'>;
    for (const [label, codes] of [
      ['figure checks', ['figure-conflict-corpus', 'figure-conflict-draft', 'figure-arithmetic']],
      ['region checks', ['region-unknown', 'region-hierarchy']],
      ['script-mixed, phrases, headings', ['script-mixed', 'phrase-preferred', 'heading-sequence']],
    ] as Array<[string, string[]]>) {
      const severities = only(codes);
      service.check(snap, draft, { severities });
      const times: number[] = [];
      for (let i = 0; i < 15; i++) {
        const edited = draft.slice(0, 10_000) + (i % 2 ? '全年' : '全市') + draft.slice(10_002);
        const t0 = performance.now();
        service.check(snap, edited, { severities });
        times.push(performance.now() - t0);
      }
      const st = stats(times);
      rows.push({ scenario: `  ${label} alone, 20,000 characters`, value: `${st.median.toFixed(1)} ms median`, note: `p95 ${st.p95.toFixed(1)} ms` });
    }
    const completions: number[] = [];
    const prefixes = ['优化营', '高质量', '治理体系', '以人民', '稳中求', '守住不', '招商引', '全面建'];
    for (let i = 0; i < 200; i++) {
      const p = prefixes[i % prefixes.length];
      const text = draft.slice(0, 15_000) + p + draft.slice(15_000);
      const t0 = performance.now();
      service.complete(snap, text, 15_000 + p.length, []);
      completions.push(performance.now() - t0);
    }
    const k = stats(completions);
    rows.push({ scenario: 'completion in a 20,000-character draft', value: `${k.p95.toFixed(2)} ms p95`, note: `median ${k.median.toFixed(2)} ms, 200 requests` });
    const hovers: number[] = [];
    for (let i = 0; i < 50; i++) {
      const at = draft.indexOf('%', i * 300);
      const t0 = performance.now();
      service.hover(snap, draft, at < 0 ? i : at - 1);
      hovers.push(performance.now() - t0);
    }
    const h = stats(hovers);
    rows.push({ scenario: 'hover in a 20,000-character draft', value: `${h.p95.toFixed(2)} ms p95`, note: `median ${h.median.toFixed(2)} ms` });
    return rows;
  }
  throw new Error(`unknown scenario ${name}`);
}

function runChild(name: string, arg?: string): Row[] {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', name, arg ?? ''], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    const rows = await scenario(process.argv[3], process.argv[4] || undefined);
    process.stdout.write(JSON.stringify(rows) + '\n');
    return;
  }
  const rows: Row[] = [];
  rows.push(...runChild('gazetteer'));
  const seedCache = mkdtempSync(join(tmpdir(), 'pd-bench-seeds-'));
  rows.push(...runChild('index', `seeds:${seedCache}`));
  rows.push(...runChild('index', `seeds:${seedCache}`));
  if (existsSync(sharedCorpus)) {
    const allCache = mkdtempSync(join(tmpdir(), 'pd-bench-all-'));
    rows.push(...runChild('index', `all:${allCache}`));
    rows.push(...runChild('index', `all:${allCache}`));
    rows.push(...runChild('draft', allCache));
  } else {
    rows.push({ scenario: '../shared/corpus', value: 'not found', note: 'corpus benchmarks skipped' });
  }
  console.log('| scenario | result | detail |\n|---|---|---|');
  for (const r of rows) console.log(`| ${r.scenario} | ${r.value} | ${r.note ?? ''} |`);
}

void main().catch(e => {
  console.error(e);
  process.exit(1);
});
