// Manual measurement of phrase mining at 1x and 5x the corpus (not a test; run with
// `node --import tsx test/unit/phrases/measureMining.ts [factor]`). The 5x corpus is five copies of
// seeds + ../shared/corpus with distinct document ids, as the indexing bench makes distinct copies.
// Prints mining time, the rise of peak RSS during mining and the size of the mined index.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { DocumentInput } from '../../../server/src/core/model';
import { minePhrases } from '../../../server/src/core/phrases';
import { loadInputs, SEEDS, SHARED_CORPUS } from './corpus';

const factor = Number(process.argv[2] ?? 1);
// Cached compactly (document + token lengths): the peak RSS before mining stays below mining's own.
const CACHE = '/tmp/policy-draft-phrase-inputs.json';
if (!existsSync(CACHE)) {
  const loaded = loadInputs(SEEDS, SHARED_CORPUS);
  writeFileSync(CACHE, JSON.stringify(loaded.map(i => ({ doc: i.doc, words: i.tokens.map(t => [t.start, t.end]) }))));
}
const cached: Array<{ doc: DocumentInput['doc']; words: Array<[number, number]> }> = JSON.parse(readFileSync(CACHE, 'utf8'));
const base: DocumentInput[] = cached.map(c => ({ doc: c.doc, tokens: c.words.map(([start, end]) => ({ word: c.doc.text.slice(start, end), start, end })) }));
const inputs: DocumentInput[] = [];
for (let k = 0; k < factor; k++) for (const i of base) inputs.push(k === 0 ? i : { doc: { ...i.doc, id: `${i.doc.id}#${k}` }, tokens: i.tokens });
const chars = inputs.reduce((n, i) => n + i.doc.text.length, 0);
globalThis.gc?.();
const rss0 = process.memoryUsage().rss;
const c0 = process.cpuUsage();
const t0 = performance.now();
const index = minePhrases(inputs);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
const peak = process.resourceUsage().maxRSS * 1024;
console.log(`x${factor}: ${inputs.length} docs, ${(chars / 1e6).toFixed(1)} M chars; mine ${(ms / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU; ` +
  `peak RSS +${((peak - rss0) / 1e6).toFixed(0)} MB (peak ${(peak / 1e6).toFixed(0)} MB); ${index.count} phrases; ` +
  `JSON ${(JSON.stringify(index).length / 1e6).toFixed(1)} MB`);
