// Manual measurements for the report and the lead's bench (not a test; run with
// `node --import tsx test/unit/phrases/measure.ts`): mining time and completion latency.
import { loadInputs, SHARED_CORPUS, SEEDS } from './corpus';
import { minePhrases, completePhrases, parsePhraseLibrary } from '../../../server/src/core/phrases';
import { createLocalizer } from '../../../server/src/core/l10n';
import { toTraditional, toSimplified } from '../../../server/src/core/text/script';
let t0 = performance.now();
const corpus = loadInputs(SHARED_CORPUS);
const tLoad = performance.now() - t0;
const chars = corpus.reduce((n, i) => n + i.doc.text.length, 0);
const runs: number[] = [];
let idx = minePhrases(corpus);
for (let k = 0; k < 3; k++) { t0 = performance.now(); idx = minePhrases(corpus); runs.push(performance.now() - t0); }
console.log(`shared corpus: ${corpus.length} docs, ${chars} chars; ingest+jieba ${tLoad.toFixed(0)} ms; mine runs ${runs.map(r => r.toFixed(0)).join(', ')} ms; phrases ${idx.count}; keys ${idx.keys.length}; JSON ${(JSON.stringify(idx).length / 1e6).toFixed(2)} MB`);
const all = [...loadInputs(SEEDS), ...corpus];
t0 = performance.now(); const full = minePhrases(all); console.log(`seeds+corpus mine ${(performance.now() - t0).toFixed(0)} ms, ${full.count} phrases`);
const ctx = { t: createLocalizer('zh-cn'), cite: () => undefined, docs: new Map(all.map(i => [i.doc.id, i.doc])) };
const lib = parsePhraseLibrary('team.txt', Array.from({ length: 500 }, (_, i) => full.phrases[i * 7].phrase + '团队').join('\n'), ctx);
for (const [name, text] of [['simplified', all.map(i => i.doc.text).join('\n').slice(200000, 220000)], ['traditional', toTraditional(all.map(i => i.doc.text).join('\n').slice(300000, 320000))]]) {
  const draft = { text, norm: toSimplified(text), date: '2025-03-01' };
  const times: number[] = [];
  for (let k = 0; k < 3000; k++) {
    const off = 10 + ((k * 7919) % (text.length - 10));
    const s = performance.now();
    completePhrases(draft, off, full, [lib], ctx);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.floor(p * times.length)].toFixed(3);
  console.log(`${name} 20k draft + 500-entry team library: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, p99 ${q(0.99)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
}
