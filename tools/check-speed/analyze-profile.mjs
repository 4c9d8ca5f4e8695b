// Self and inclusive time per function in a .cpuprofile, counting only samples under a frame named
// --under NAME (default 'check' in service.ts).  node tools/check-speed/analyze-profile.mjs FILE [--under fn] [--top N]
import { readFileSync } from 'node:fs';
const file = process.argv[2];
const arg = n => { const i = process.argv.indexOf(n); return i >= 0 ? process.argv[i + 1] : undefined; };
const under = arg('--under') ?? 'check';
const underFile = arg('--file') ?? 'service.ts';
const top = Number(arg('--top') ?? 40);
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map(n => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = n => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
const self = new Map(), incl = new Map();
let total = 0;
const dt = p.timeDeltas;
for (let i = 0; i < p.samples.length; i++) {
  const d = (dt[i + 1] ?? 0) / 1000;
  const stack = [];
  for (let id = p.samples[i]; id !== undefined; id = parent.get(id)) stack.push(byId.get(id));
  if (!stack.some(n => n.callFrame.functionName === under && n.callFrame.url.endsWith(underFile))) continue;
  total += d;
  const leaf = name(stack[0]);
  self.set(leaf, (self.get(leaf) ?? 0) + d);
  for (const k of new Set(stack.map(name))) incl.set(k, (incl.get(k) ?? 0) + d);
}
console.log(`total under ${under}: ${total.toFixed(0)} ms`);
const show = (m, title) => {
  console.log(`-- ${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${v.toFixed(1).padStart(8)}  ${k}`);
};
show(self, 'self');
show(incl, 'inclusive');
