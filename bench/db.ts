// npm run bench:db — the office index in PostgreSQL against the embedded index, on a throwaway cluster
// (test/db/cluster.ts): index build for ../shared/corpus with 1 and 2 workers, lookup (a draft's
// snapshot from the database) and hover latency p50/p95, the whole check of a 20,000-character
// draft, and N editors checking at once.
// Usage: node --import tsx bench/db.ts [--writers N] [--rounds N] [--lookups-only]
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
import { databaseStore, PgIndexReader } from '../server/src/node/store/reader';
import { draftKeys, type StoreTimings } from '../server/src/core/store';
import { corpusMatches } from '../server/src/core/figures/check-corpus';
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
const figureCache = new Map<string, ReturnType<typeof extractFigures>>();
const extractFiguresCached = (norm: string) => figureCache.get(norm) ?? figureCache.set(norm, extractFigures(norm, { title: firstLine(norm) })).get(norm)!;
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
    // --lookups-only: one build (2 workers), for measuring the lookups
    for (const workers of process.argv.includes('--lookups-only') ? [2] : [1, 2]) {
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
    const url = cluster.url('reader', 'build2');
    const gaz = service.gazetteer;
    const reader = new PgIndexReader({ url });
    const keysOf = drafts.map(t => draftKeys(toSimplified(t), gaz));
    const keyTimes: number[] = [], coldLookups: number[] = [], warmLookups: number[] = [], cachedKeys: number[] = [], embeddedLookups: number[] = [];
    const docCounts: number[] = [], mentionRows: number[] = [], keyCounts: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, text] of drafts.entries()) {
        let t = performance.now();
        const keys = draftKeys(toSimplified(text), gaz);
        keyTimes.push(performance.now() - t);
        // the database's part of a check: the draft's keys looked up (documents fetched the first time;
        // then the answers per key forgotten, so every key is asked again, the documents cached)
        if (round > 0) reader.forgetKeys();
        t = performance.now();
        const [docs, mentions] = await Promise.all([reader.documents(keys.figureKeys, keys.claimKeys), reader.mentions(keys.regionNames, keys.regionCodes), reader.commonGrams()]);
        (round === 0 ? coldLookups : warmLookups).push(performance.now() - t);
        if (round === 0) {
          docCounts.push(docs.length);
          mentionRows.push(mentions.length);
          keyCounts.push(keys.figureKeys.length + keys.claimKeys.length + keys.regionNames.length + keys.regionCodes.length);
        }
        // the same keys again (an edit that brings no new key): answered from the per-key cache
        t = performance.now();
        await Promise.all([reader.documents(keys.figureKeys, keys.claimKeys), reader.mentions(keys.regionNames, keys.regionCodes), reader.commonGrams()]);
        cachedKeys.push(performance.now() - t);
        // the embedded index's part: the same figure lookups in memory
        const norm = toSimplified(text);
        t = performance.now();
        for (const f of extractFiguresCached(norm)) corpusMatches(f, embedded.figures, 0.7, false);
        for (const n of keysOf[i].regionNames) embedded.regions.byName.get(n);
        embeddedLookups.push(performance.now() - t);
      }
    }
    console.log('| latency | n | p50 | p95 |\n|---|---|---|---|');
    row('client: a draft\'s lookup keys (figures, claims, place names)', keyTimes);
    row('database: a draft\'s lookups, documents fetched (first time)', coldLookups);
    row('database: a draft\'s lookups, every key asked, documents cached', warmLookups);
    row('database: the same keys again (answers cached per key)', cachedKeys);
    row('embedded: the same figure and place lookups in memory', embeddedLookups);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    console.log(`  (per draft: ${(sum(keyCounts) / keyCounts.length).toFixed(0)} keys sent, ${(sum(docCounts) / docCounts.length).toFixed(0)} documents of ${embedded.docs.size} fetched, ${(sum(mentionRows) / mentionRows.length).toFixed(0)} mention rows)`);

    const timings: StoreTimings = {};
    const store = databaseStore({ url, gazetteer: () => gaz, fallback: () => { throw new Error('database lost'); }, timings });
    const hoverDb: number[] = [], hoverEmbedded: number[] = [], hoverAfterEdit: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const text of drafts) {
        await store.snapshotFor(text);
        const norm = toSimplified(text);
        const offsets = [
          ...extractFigures(norm, { title: firstLine(norm) }).map(f => f.start),
          ...extractRegionMentions(norm, gaz).map(m => m.start),
        ].filter((_, i) => i % 4 === 0);
        for (const at of offsets) {
          // a hover on the draft as checked: the store's answer for this text, then the hover
          let t = performance.now();
          service.hover(await store.snapshotFor(text), text, at);
          hoverDb.push(performance.now() - t);
          t = performance.now();
          service.hover(embedded, text, at);
          hoverEmbedded.push(performance.now() - t);
        }
        // a hover right after an edit, before the check: keys, lookups and the region probe again
        const edited = text + '\n';
        const t = performance.now();
        service.hover(await store.snapshotFor(edited), edited, offsets[0] ?? 0);
        hoverAfterEdit.push(performance.now() - t);
      }
    }
    row('database: hover on the checked draft', hoverDb);
    row('embedded: hover', hoverEmbedded);
    row('database: hover right after an edit (keys, lookups, region probe, hover)', hoverAfterEdit);

    // completion: the typed prefixes looked up (each place once: nothing cached for it but the meta)
    const completeDb: number[] = [], completeEmbedded: number[] = [];
    for (const text of drafts) {
      for (const m of [...text.matchAll(/[\u4e00-\u9fff]{4,}/g)].filter((_, i) => i % 7 === 0)) {
        const at = m.index + 2;
        let t = performance.now();
        service.complete((await store.completionFor(text, at, embedded)) ?? embedded, text, at, []);
        completeDb.push(performance.now() - t);
        t = performance.now();
        service.complete(embedded, text, at, []);
        completeEmbedded.push(performance.now() - t);
      }
    }
    row('database: completion (typed prefixes looked up, items)', completeDb);
    row('embedded: completion', completeEmbedded);

    // the whole check of a 20,000-character draft, edited each time (nothing reused but the documents)
    let big = '';
    for (let i = 0; big.length < 20_000; i++) big += drafts[i % drafts.length] + '\n\n';
    big = big.slice(0, 20_000);
    const whole: number[] = [], wholeEmbedded: number[] = [], storePart: number[] = [], checkPart: number[] = [];
    const parts: Array<Record<string, number>> = [];
    for (let i = 0; i < ROUNDS + 1; i++) {
      const text = big + '。'.repeat(i);
      for (const k of Object.keys(timings)) delete timings[k as keyof typeof timings];
      let t = performance.now();
      const snap = await store.snapshotFor(text);
      const t1 = performance.now();
      parts.push({ ...timings });
      service.check(snap, text);
      whole.push(performance.now() - t);
      storePart.push(t1 - t);
      checkPart.push(performance.now() - t1);
      t = performance.now();
      service.check(embedded, text + ' ');
      wholeEmbedded.push(performance.now() - t);
    }
    row('database: whole check of a 20,000-character draft (first = documents fetched)', whole);
    row('  of which the office index\'s part (keys, lookups, region probe, snapshot)', storePart);
    row('  of which the checks', checkPart);
    const med = (k: string) => ms(pct(parts.slice(1).map(p => p[k] ?? 0), 50));
    console.log(`  (the office index's part after an edit, median: keys ${med('keys')}, lookups ${med('lookups')}, region probe ${med('probe')}, snapshot ${med('assemble')})`);
    row('embedded: whole check of the same draft', wholeEmbedded);
    console.log(`  (first database run: ${ms(whole[0])}; first embedded run: ${ms(wholeEmbedded[0])})`);
    await store.close();

    // N editors at once: each editor computes its keys on its own machine; the database serves the
    // lookups of all of them at the same time (each its own connection)
    const readers = Array.from({ length: WRITERS }, () => new PgIndexReader({ url, max: 1, connectTimeoutMs: 60_000, statementTimeoutMs: 60_000 }));
    await Promise.all(readers.map(r => r.generation()));
    for (const cold of [true, false]) {
      const each: number[] = [];
      const t = performance.now();
      if (!cold) for (const r of readers) r.forgetKeys();
      await Promise.all(readers.map(async (r, i) => {
        const k = keysOf[i % keysOf.length];
        const start = performance.now();
        await Promise.all([r.documents(k.figureKeys, k.claimKeys), r.mentions(k.regionNames, k.regionCodes), r.commonGrams()]);
        each.push(performance.now() - start);
      }));
      row(`${WRITERS} editors at once: a draft's lookups, documents ${cold ? 'fetched' : 'cached'}`, each);
      console.log(`  (all ${WRITERS} done in ${ms(performance.now() - t)})`);
    }
    await Promise.all(readers.map(r => r.close()));
    await reader.close();
  } finally {
    cluster.destroy();
  }
}

void main();
