// npm run bench:db — the office index in PostgreSQL against the embedded index, on a throwaway cluster
// (test/db/cluster.ts): index build for ../shared/corpus with 1 and 2 workers, lookup (a draft's
// snapshot from the database) and hover latency p50/p95, the whole check of a 20,000-character
// draft, and N editors checking at once.
// Usage: node --import tsx bench/db.ts [--writers N] [--rounds N]
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CorpusSnapshot } from '../server/src/core/corpus/snapshot';
import { extractFigures } from '../server/src/core/figures';
import { firstLine } from '../server/src/core/figures/segments';
import { extractRegionMentions } from '../server/src/core/regions';
import { toSimplified } from '../server/src/core/text/script';
import { resolveCorpusPaths } from '../server/src/node/corpusFiles';
import { createNodeService, seedsDir } from '../server/src/node/environment';
import { indexCorpus } from '../server/src/node/indexer';
import { databaseStore } from '../server/src/node/store/reader';
import { buildDatabaseIndex } from '../server/src/node/store/writer';
import { setupDatabase, skipReason, startCluster } from '../test/db/cluster';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const WRITERS = arg('--writers', 50);
const ROUNDS = arg('--rounds', 3);
const SHARED = resolve(__dirname, '../../shared');
const DEV_REAL = join(SHARED, 'eval/dev-real');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const row = (name: string, xs: number[]) => console.log(`| ${name} | ${xs.length} | ${ms(pct(xs, 50))} | ${ms(pct(xs, 95))} |`);

async function main() {
  const skip = skipReason();
  if (skip) {
    console.log(skip);
    return;
  }
  const cluster = await startCluster();
  try {
    const service = createNodeService('en');
    const corpus = resolveCorpusPaths([seedsDir(), join(SHARED, 'corpus')], process.cwd()).files;
    const bytes = corpus.reduce((n, f) => n + readFileSync(f).length, 0);
    console.log(`corpus: ${corpus.length} files, ${(bytes / 1e6).toFixed(1)} MB (seeds + ../shared/corpus); load average ${(await import('node:os')).loadavg()[0].toFixed(1)} on ${(await import('node:os')).cpus().length} cores\n`);

    console.log('| index build into PostgreSQL | wall | files analysed |\n|---|---|---|');
    for (const workers of [1, 2]) {
      const db = `build${workers}`;
      cluster.sql(`CREATE DATABASE ${db} OWNER pd_indexer`);
      setupDatabase(cluster.sql, db);
      const t = performance.now();
      const r = await buildDatabaseIndex(service, corpus, { url: cluster.url('indexer', db), workers });
      console.log(`| ${workers} worker${workers > 1 ? 's' : ''} (from empty) | ${((performance.now() - t) / 1000).toFixed(1)} s | ${r.analysed} |`);
    }
    const t0 = performance.now();
    await buildDatabaseIndex(service, corpus, { url: cluster.url('indexer', 'build2'), workers: 2 });
    console.log(`| re-run, nothing changed | ${((performance.now() - t0) / 1000).toFixed(1)} s | 0 |\n`);

    const te = performance.now();
    const embeddedIndex = indexCorpus(service, corpus);
    const embedded: CorpusSnapshot = service.assemble(embeddedIndex.files, embeddedIndex.phrases);
    console.log(`embedded index (disk cache, ${embeddedIndex.fromCache} files from cache): ${((performance.now() - te) / 1000).toFixed(1)} s\n`);

    const drafts = readdirSync(DEV_REAL).filter(f => f.endsWith('.md') && f !== 'README.md').sort().map(f => readFileSync(join(DEV_REAL, f), 'utf8'));
    const store = databaseStore({ url: cluster.url('reader', 'build2'), gazetteer: () => service.gazetteer, fallback: () => { throw new Error('database lost'); } });
    const cold: number[] = [], warm: number[] = [], hoverDb: number[] = [], hoverEmbedded: number[] = [], lookupKeysOnly: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const text of drafts) {
        let t = performance.now();
        const snap = await store.snapshotFor(text);
        (round === 0 ? cold : warm).push(performance.now() - t);
        const norm = toSimplified(text);
        const offsets = [
          ...extractFigures(norm, { title: firstLine(norm) }).map(f => f.start),
          ...extractRegionMentions(norm, service.gazetteer).map(m => m.start),
        ].filter((_, i) => i % 4 === 0);
        for (const at of offsets) {
          // a hover from the database: the draft's snapshot (cached documents) and the hover on it
          t = performance.now();
          const s = await store.snapshotFor(text);
          const mid = performance.now();
          service.hover(s, text, at);
          hoverDb.push(performance.now() - t);
          lookupKeysOnly.push(mid - t);
          t = performance.now();
          service.hover(embedded, text, at);
          hoverEmbedded.push(performance.now() - t);
        }
        void snap;
      }
    }
    console.log('| latency | n | p50 | p95 |\n|---|---|---|---|');
    row('database: a draft\'s lookups, first time (documents fetched)', cold);
    row('database: a draft\'s lookups, again (documents cached)', warm);
    row('database: lookups for one hover (draft already checked)', lookupKeysOnly);
    row('database: hover (lookups + hover)', hoverDb);
    row('embedded: hover', hoverEmbedded);

    // the whole check of a 20,000-character draft
    let big = '';
    for (let i = 0; big.length < 20_000; i++) big += drafts[i % drafts.length] + '\n\n';
    big = big.slice(0, 20_000);
    const whole: number[] = [], wholeEmbedded: number[] = [];
    for (let i = 0; i < ROUNDS + 1; i++) {
      let t = performance.now();
      const s = await store.snapshotFor(big);
      service.check(s, big);
      whole.push(performance.now() - t);
      t = performance.now();
      service.check(embedded, big);
      wholeEmbedded.push(performance.now() - t);
    }
    row('database: whole check of a 20,000-character draft (first = cold)', whole);
    row('embedded: whole check of the same draft', wholeEmbedded);
    console.log(`  (first database run: ${ms(whole[0])}; first embedded run: ${ms(wholeEmbedded[0])})`);
    await store.close();

    // N editors checking at once, each with its own connection
    const stores = Array.from({ length: WRITERS }, () => databaseStore({
      url: cluster.url('reader', 'build2'), gazetteer: () => service.gazetteer, max: 1, connectTimeoutMs: 60_000, statementTimeoutMs: 60_000,
      fallback: () => { throw new Error('database lost'); },
    }));
    const each: number[] = [];
    const t = performance.now();
    await Promise.all(stores.map(async (s, i) => {
      const text = drafts[i % drafts.length];
      const start = performance.now();
      service.check(await s.snapshotFor(text), text);
      each.push(performance.now() - start);
    }));
    const wall = performance.now() - t;
    row(`${WRITERS} editors checking at once (one process, each its own connection): per check`, each);
    console.log(`  (all ${WRITERS} done in ${ms(wall)})`);
    await Promise.all(stores.map(s => s.close()));
  } finally {
    cluster.destroy();
  }
}

void main();
