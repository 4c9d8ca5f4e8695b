import { realInputs } from './corpus';
import { PREFIX_TABLE } from './prefixTable';
import { minePhrases, completePhrases } from '../../../server/src/core/phrases';
import { createLocalizer } from '../../../server/src/core/l10n';
const inputs = realInputs();
const t0 = performance.now();
const idx = minePhrases(inputs);
console.log('mine ms', (performance.now() - t0).toFixed(0), 'phrases', idx.count, 'json', JSON.stringify(idx).length);
const docs = new Map(inputs.map(i => [i.doc.id, i.doc]));
const ctx = { t: createLocalizer('zh-cn'), cite: () => undefined, docs };
let hit = 0;
for (const [typed, exp] of PREFIX_TABLE) {
  const draft = { text: typed, norm: typed, date: '2025-03-01' };
  const r = completePhrases(draft, typed.length, idx, [], ctx);
  const labels = r.map(x => x.label);
  const rank = labels.indexOf(exp);
  if (rank >= 0 && rank < 5) hit++;
  else console.log('MISS', typed, exp, rank, labels.slice(0, 6).join(' | '));
}
console.log('top5', hit, '/', PREFIX_TABLE.length);
// latency
const big = inputs.map(i => i.doc.text).join('\n').slice(0, 20000);
const times: number[] = [];
for (let k = 0; k < 2000; k++) {
  const off = 50 + Math.floor((k * 7919) % (big.length - 50));
  const d = { text: big, norm: big, date: '2025-03-01' };
  const s = performance.now();
  completePhrases(d, off, idx, [], ctx);
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
console.log('latency p50', times[1000].toFixed(3), 'p95', times[1900].toFixed(3), 'max', times[1999].toFixed(3));
const { writeFileSync } = require('node:fs');
writeFileSync('/tmp/phrases.tsv', idx.phrases.map(p => [p.count, p.docCount, p.kind, p.phrase, p.snippet ?? ''].join('\t')).join('\n'));
