// Where inside a function a .cpuprofile's samples fall: the hottest source lines of each function named,
// and (--callees) how its time splits among the functions it calls. Line numbers are only useful for
// a profile of bundled code: under tsx every function of a file reports line 2, so bundle the timing
// script first (npx esbuild SCRIPT.ts --bundle --platform=node --outfile=/tmp/x/out/s.js, with
// /tmp/x/data linked to server/data and /tmp/x/node_modules to node_modules).
//   node tools/check-speed/profile-lines.mjs FILE.cpuprofile FUNCTION... [--callees] [--depth N]
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const depthAt = args.indexOf('--depth');
const depth = depthAt >= 0 ? Number(args[depthAt + 1]) : 1;
const callees = args.includes('--callees');
const [file, ...fns] = args.filter((a, i) => !a.startsWith('--') && (depthAt < 0 || i !== depthAt + 1));
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map(n => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const sources = new Map();
const sourceLine = (url, line) => {
  if (!sources.has(url)) {
    let path = url;
    try { path = url.startsWith('file:') ? fileURLToPath(url) : url; } catch { /* not a file */ }
    sources.set(url, existsSync(path) ? readFileSync(path, 'utf8').split('\n') : []);
  }
  return (sources.get(url)[line - 1] ?? '').trim().slice(0, 140);
};
for (const fn of fns) {
  const ticks = new Map();
  for (const n of p.nodes) {
    if (n.callFrame.functionName !== fn) continue;
    for (const t of n.positionTicks ?? []) {
      const key = `${n.callFrame.url}\u0000${t.line}`;
      ticks.set(key, (ticks.get(key) ?? 0) + t.ticks);
    }
  }
  console.log(`== ${fn}: hottest lines (samples)`);
  for (const [key, t] of [...ticks].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
    const [url, line] = key.split('\u0000');
    console.log(`${String(t).padStart(6)}  ${url.split('/').pop()}:${line}  ${sourceLine(url, Number(line))}`);
  }
  if (!callees) continue;
  const agg = new Map();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const d = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const stack = [];
    for (let id = p.samples[i]; id !== undefined; id = parent.get(id)) stack.push(byId.get(id));
    let k = -1;
    for (let j = stack.length - 1; j >= 0; j--) if (stack[j].callFrame.functionName === fn) { k = j; break; }
    if (k < 0) continue;
    total += d;
    const path = [];
    for (let j = k - 1; j >= Math.max(0, k - depth); j--) path.push(`${stack[j].callFrame.functionName || '(anon)'}:${stack[j].callFrame.lineNumber + 1}`);
    const key = path.length ? path.join(' > ') : '(self)';
    agg.set(key, (agg.get(key) ?? 0) + d);
  }
  console.log(`-- ${fn}: ${total.toFixed(0)} ms, by callee`);
  for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${v.toFixed(1).padStart(8)}  ${k}`);
}
