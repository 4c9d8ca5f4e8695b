// Times region extraction (extractRegionMentions, as the indexer runs it on each corpus document:
// known names and names by form) over every .txt/.md file of ../shared/corpus, simplified: CPU ms
// per pass over all of them, in a warm process (gazetteer built, first pass not counted).
//   node --import tsx tools/check-speed/region-extract-speed.ts [--passes N] [--prof FILE.cpuprofile]
//   ... --ab OTHER   OTHER's tree and this one in one process, passes alternating (before/after under one load)
// A pass over fresh text is what a cold index pays: each pass clears nothing, so later passes find
// the per-word memos warm; --fresh makes every pass read a text with one character added to each
// line (new lines and words for every memo).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { arg, here, quantile as q, sharedCorpus } from '../common';
import { startCpuProfile } from './cpuProfile';

type Extract = (text: string) => unknown[];

async function load(root: string): Promise<Extract> {
  const { extractRegionMentions } = await import(join(root, 'server/src/core/regions'));
  const { loadGazetteer } = await import(join(root, 'server/src/node/gazetteer'));
  const gaz = loadGazetteer();
  return (text: string) => extractRegionMentions(text, gaz);
}

function files(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(txt|md)$/.test(f)) out.push(p);
  }
  return out;
}

async function main() {
  const { toSimplified } = await import(join(here, 'server/src/core/text/script'));
  const texts: string[] = files(sharedCorpus).map(f => toSimplified(readFileSync(f, 'utf8')));
  const passes = Number(arg('--passes') ?? 5);
  const fresh = process.argv.includes('--fresh');
  const variant = (i: number) => (fresh ? texts.map(t => t.replace(/\n/g, `${'甲乙丙丁戊己庚辛壬癸'[i % 10]}\n`)) : texts);
  const cpu = (f: () => void) => {
    const c = process.cpuUsage();
    f();
    const d = process.cpuUsage(c);
    return (d.user + d.system) / 1000;
  };
  const chars = texts.reduce((n, t) => n + t.length, 0);
  const other = arg('--ab');
  if (other) {
    const a = await load(other);
    const b = await load(here);
    for (const x of [a, b]) for (const t of texts) x(t);
    const ta: number[] = [], tb: number[] = [];
    for (let i = 1; i <= passes; i++) {
      const v = variant(i);
      if (i % 2) { ta.push(cpu(() => v.forEach(t => a(t)))); tb.push(cpu(() => v.forEach(t => b(t)))); }
      else { tb.push(cpu(() => v.forEach(t => b(t)))); ta.push(cpu(() => v.forEach(t => a(t)))); }
    }
    console.log(`region extraction, ${texts.length} files (${chars} chars), CPU per pass${fresh ? ' (fresh lines)' : ''}: ${other} median ${q(ta, 0.5).toFixed(0)} ms; ${here} median ${q(tb, 0.5).toFixed(0)} ms; ratio ${(q(tb, 0.5) / q(ta, 0.5)).toFixed(2)}`);
    return;
  }
  const x = await load(here);
  for (const t of texts) x(t);
  const stop = await startCpuProfile(arg('--prof'));
  const runs: number[] = [];
  for (let i = 1; i <= passes; i++) {
    const v = variant(i);
    runs.push(cpu(() => v.forEach(t => x(t))));
  }
  await stop();
  console.log(`region extraction, ${texts.length} files (${chars} chars), CPU per pass${fresh ? ' (fresh lines)' : ''}: median ${q(runs, 0.5).toFixed(0)} ms, min ${Math.min(...runs).toFixed(0)} ms`);
}
void main();
