// Manual measurement for the report (not a test; `node --import tsx test/unit/phrases/measureHeldout.ts`):
// hit@5 on the held-out prefix table with (a) the bundled seeds only and (b) a real archive as corpus
// (../shared/corpus without the held-out reports, plus the seeds), both with the shipped table; and
// completion latency on a 20,000-character draft with the shipped table, a mined corpus and a team library.
import { join } from 'node:path';
import { completePhrases, minePhrases, parsePhraseLibrary } from '../../../server/src/core/phrases';
import { toSimplified } from '../../../server/src/core/text/script';
import type { DocumentInput } from '../../../server/src/core/model';
import { loadInputs, SEEDS, SHARED_CORPUS } from './corpus';
import { ctxOf } from './helpers';
import { heldOutReports, readPrefixTable, scoreTable, shippedLibrary } from './heldout/score';

const cases = readPrefixTable();
let t0 = performance.now();
const shipped = shippedLibrary();
console.log(`shipped table: ${shipped.entries.length} phrases, loaded in ${(performance.now() - t0).toFixed(0)} ms`);
const seeds = loadInputs(SEEDS);
const report = (name: string, inputs: DocumentInput[]) => {
  const index = minePhrases(inputs);
  const ctx = ctxOf(inputs.map(i => i.doc));
  const withTable = scoreTable(cases, index, [shipped], ctx);
  const without = scoreTable(cases, index, [], ctx);
  console.log(`${name}: hit@5 ${withTable.rate.toFixed(3)} with the shipped table, ${without.rate.toFixed(3)} without (${cases.length} prefixes)`);
  for (const m of withTable.misses) console.log(`  miss ${m}`);
  return { index, ctx };
};
report('seeds only', seeds);
const heldOut = new Set(heldOutReports().map(r => join(SHARED_CORPUS, r).split('/').slice(-2).join('/')));
const archive = loadInputs(SHARED_CORPUS).filter(i => !heldOut.has(i.doc.source.split('/').slice(-2).join('/')));
const { index, ctx } = report('real archive (shared corpus without held-out reports) + seeds', [...seeds, ...archive]);

const lib = parsePhraseLibrary('team.txt', Array.from({ length: 500 }, (_, i) => `${index.phrases[i * 7].phrase}团队`).join('\n'), ctx);
const text = archive.map(i => i.doc.text).join('\n').slice(200000, 220000);
const draft = { text, norm: toSimplified(text), date: '2026-03-05' };
// Wall time and CPU time per call: on a loaded shared machine the wall time mostly measures waiting.
const times: number[] = [];
const cpu: number[] = [];
for (let k = 0; k < 3000; k++) {
  const off = 10 + ((k * 7919) % (text.length - 10));
  const c0 = process.cpuUsage();
  t0 = performance.now();
  completePhrases(draft, off, index, [lib, shipped], ctx);
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
for (const [name, xs] of [['wall', times], ['CPU', cpu]] as const) {
  xs.sort((a, b) => a - b);
  const q = (p: number) => xs[Math.floor(p * xs.length)].toFixed(2);
  console.log(`completion on a 20k-character draft (archive index + 500-entry team library + shipped table), ${name}: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, p99 ${q(0.99)} ms, max ${xs[xs.length - 1].toFixed(1)} ms`);
}
