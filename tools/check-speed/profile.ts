// Times (and, under `node --cpu-prof`, profiles) what bench/run.ts's 'check' scenario does: a
// 20,000-character real report checked against seeds + ../shared/corpus, then one-character edits.
//
//   node --import tsx tools/check-speed/profile.ts [--no-figures] [--edits N] [--cache DIR]
//   ... --prof FILE.cpuprofile    profiles the edit loop only (node:inspector), for analyze-profile.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CHECKS } from '../../server/src/core/service';
import { createNodeService, seedsDir } from '../../server/src/node/environment';
import { resolveCorpusPaths } from '../../server/src/node/corpusFiles';
import { indexCorpus } from '../../server/src/node/indexer';
import { arg, here, quantile as q, realText, sharedCorpus } from '../common';

const root = here;
const noFigures = process.argv.includes('--no-figures');
const edits = Number(arg('--edits') ?? 30);
const cacheDir = arg('--cache') ?? '/tmp/check-speed-cache';
mkdirSync(cacheDir, { recursive: true });


const service = createNodeService('en');
const r = indexCorpus(service, resolveCorpusPaths([seedsDir(), sharedCorpus], root).files, { cacheDir });
const snap = service.assemble(r.files, r.phrases);
const text = realText(20_000);
const severities = noFigures
  ? Object.fromEntries(Object.keys(CHECKS).map(c => [c, c.startsWith('figure-') ? 'off' : CHECKS[c]])) as Record<string, 'off'>
  : undefined;
service.check(snap, text, { severities });
for (let i = 0; i < 5; i++) service.check(snap, `${text}\n${i}`, { severities });
const profFile = arg('--prof');
const session = profFile ? new Session() : undefined;
const post = (method: string, params?: object) =>
  new Promise<any>((resolve, reject) => session!.post(method, params ?? {}, (e, r) => (e ? reject(e) : resolve(r))));
async function main() {
if (session) {
  session.connect();
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
}
const edited: number[] = [];
const editedCpu: number[] = [];
for (let i = 0; i < edits; i++) {
  const at = 10_000 + (i % 7) * 13;
  const t = text.slice(0, at) + (i % 2 ? '全' : '本') + text.slice(at + 1);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  service.check(snap, t, { severities });
  edited.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  editedCpu.push((c.user + c.system) / 1000);
}
if (session) writeFileSync(profFile!, JSON.stringify((await post('Profiler.stop')).profile));
// Texts never checked before (as a draft just opened): 20,000 characters from further into the reports.
const fresh: number[] = [];
const long = realText(20_000 * 12);
for (let i = 1; i < 12; i++) {
  const t = long.slice(i * 20_000, (i + 1) * 20_000);
  const t0 = performance.now();
  service.check(snap, t, { severities });
  fresh.push(performance.now() - t0);
}
// Each group of checks alone on a re-check (a new last line), as the bench's row does.
const alone: string[] = [];
for (const group of ['script-mixed', 'region-', 'heading-sequence', 'standards', 'phrase-preferred']) {
  const member = (c: string) => (group === 'standards' ? /^(punct|number|docnum|date|attachment)-/.test(c) : c.startsWith(group));
  const only = Object.fromEntries(Object.keys(CHECKS).map(c => [c, member(c) ? 'warning' : 'off'])) as Record<string, 'off'>;
  service.check(snap, text, { severities: only });
  const runs: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    service.check(snap, `${text}\n${i}`, { severities: only });
    runs.push(performance.now() - t0);
  }
  alone.push(`${group} ${q(runs, 0.5).toFixed(2)} ms`);
}
console.log(`never checked before: median ${q(fresh, 0.5).toFixed(1)} ms, p95 ${q(fresh, 0.95).toFixed(1)} ms; each alone (re-check, median of 15): ${alone.join(', ')}`);
if (process.argv.includes('--verbose')) console.log(edited.map((x, i) => `${x.toFixed(1)}/${editedCpu[i].toFixed(1)}`).join(' '));
console.log(`edit check CPU time: median ${q(editedCpu, 0.5).toFixed(1)} ms, p95 ${q(editedCpu, 0.95).toFixed(1)} ms`);
console.log(`edit check${noFigures ? ' (figures off)' : ''}: median ${q(edited, 0.5).toFixed(1)} ms, p95 ${q(edited, 0.95).toFixed(1)} ms, max ${Math.max(...edited).toFixed(1)} ms`);
}
void main();
