// Load time, memory and speed of the two segmenters, each in a fresh process, on ../shared/corpus
// with the gazetteer's words added (as the service does). Not a test: numbers for bench/README.md.
// Usage: node --import tsx test/package/measure-segmenters.ts [--rounds N]
// Export: measureSegmenter(kind) for bench/ (runs in the calling process: call it in a fresh one).
import { spawnSync } from 'node:child_process';
import { gazetteerWords } from '../../server/src/core/regions';
import { loadGazetteer } from '../../server/src/node/gazetteer';
import { createSegmenter } from '../../server/src/node/segmenter';
import { corpusDocuments } from './segmenters';

export interface SegmenterMeasure {
  kind: 'nodejieba' | 'jieba-wasm';
  /** Creating the segmenter and adding the gazetteer's words (should be ~0: nothing loads). */
  createMs: number;
  /** The first cut: loading the module and dictionaries, inserting the user words (CPU ms). */
  loadCpuMs: number;
  loadWallMs: number;
  /** Resident memory and JS+external heap added by loading (MB). */
  rssMB: number;
  heapMB: number;
  /** Segmenting the corpus after loading: characters per CPU second. */
  charsPerCpuSecond: number;
  corpusChars: number;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export function measureSegmenter(kind: 'nodejieba' | 'wasm', docs: string[] = corpusDocuments(), rounds = 1): SegmenterMeasure {
  const words = gazetteerWords(loadGazetteer());
  global.gc?.();
  const before = process.memoryUsage();
  let t = performance.now();
  const seg = createSegmenter({ prefer: kind });
  seg.addWords!(words);
  const createMs = performance.now() - t;
  t = performance.now();
  let c = cpuMs();
  seg.cut('开始');
  const loadCpuMs = cpuMs() - c;
  const loadWallMs = performance.now() - t;
  global.gc?.();
  const after = process.memoryUsage();
  const chars = docs.reduce((a, d) => a + d.length, 0);
  c = cpuMs();
  for (let r = 0; r < rounds; r++) for (const d of docs) seg.cut(d);
  const cutCpu = cpuMs() - c;
  return {
    kind: seg.kind,
    createMs,
    loadCpuMs,
    loadWallMs,
    rssMB: (after.rss - before.rss) / 2 ** 20,
    heapMB: (after.heapUsed + after.external + after.arrayBuffers - before.heapUsed - before.external - before.arrayBuffers) / 2 ** 20,
    charsPerCpuSecond: (chars * rounds) / (cutCpu / 1000),
    corpusChars: chars,
  };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 1;
  if (args[0] === '--child') {
    const docs = corpusDocuments();
    process.stdout.write(JSON.stringify(measureSegmenter(args[1] as 'nodejieba' | 'wasm', docs, rounds)));
  } else {
    for (const kind of ['nodejieba', 'wasm']) {
      const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', __filename, '--child', kind, '--rounds', String(rounds)], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (r.status !== 0) throw new Error(r.stderr);
      const m = JSON.parse(r.stdout) as SegmenterMeasure;
      console.log(
        `${m.kind.padEnd(10)} create ${m.createMs.toFixed(1)} ms · first cut (load) ${m.loadCpuMs.toFixed(0)} ms CPU / ${m.loadWallMs.toFixed(0)} ms wall` +
          ` · +${m.rssMB.toFixed(0)} MB RSS, +${m.heapMB.toFixed(0)} MB heap/external · ${(m.charsPerCpuSecond / 1e6).toFixed(2)} M chars per CPU s` +
          ` (${(m.corpusChars / 1e6).toFixed(2)} M chars × ${rounds})`,
      );
    }
  }
}
