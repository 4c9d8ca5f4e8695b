// Compares two outputs of findings.ts, path prefixes normalised; figure-* findings are left out
// unless --figures (another helper may be changing them).
//   node tools/check-speed/compare.mjs A.jsonl B.jsonl [--figures]
import { readFileSync } from 'node:fs';
const [a, b] = process.argv.slice(2);
const figures = process.argv.includes('--figures');
const norm = s => s.replace(/"source":"[^"]*\/(seeds|corpus)\//g, '"source":"$1/');
const read = f => readFileSync(f, 'utf8').trim().split('\n').map(l => JSON.parse(norm(l)));
const A = read(a), B = read(b);
if (A.length !== B.length) console.log(`different number of checks: ${A.length} vs ${B.length}`);
let diffs = 0, total = 0;
for (let i = 0; i < Math.min(A.length, B.length); i++) {
  const keep = f => figures || !f.code.startsWith('figure-');
  const fa = A[i].findings.filter(keep).map(f => JSON.stringify(f));
  const fb = B[i].findings.filter(keep).map(f => JSON.stringify(f));
  total += fa.length;
  if (fa.join('\n') === fb.join('\n')) continue;
  diffs++;
  const sb = new Set(fb), sa = new Set(fa);
  console.log(`${A[i].file} v${A[i].version}:`);
  for (const k of fa) if (!sb.has(k)) console.log('  only A', k.slice(0, 300));
  for (const k of fb) if (!sa.has(k)) console.log('  only B', k.slice(0, 300));
  if (fa.every(k => sb.has(k)) && fb.every(k => sa.has(k))) console.log('  (same findings, other order)');
}
console.log(`${Math.min(A.length, B.length)} checks, ${total} findings${figures ? '' : ' (figures left out)'}, ${diffs} checks differ`);
process.exit(diffs ? 1 : 0);
