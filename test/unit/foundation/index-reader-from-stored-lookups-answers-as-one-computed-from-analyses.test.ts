// The local index (MemoryIndexReader) built from the lookup records stored in the cache pack (a warm
// start: no analysis inflated) answers every key exactly as one built from the analyses themselves
// (documents, mention rows with their citations, statistics, common grams), and reads a record only
// when a lookup returns one of its documents.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FileAnalysis } from '../../../server/src/core/corpus/snapshot';
import { DOC_LOOKUPS, docLookups, FILE_GRAMS, summedGrams, type DocLookup, type GramCounts } from '../../../server/src/core/store/keys';
import { MemoryIndexReader, PhraseRowsReader } from '../../../server/src/core/store/memory';
import { lineColAt, toOriginal } from '../../../server/src/core/text/offsetMap';
import { resolveCorpusPaths } from '../../../server/src/node/corpusFiles';
import { createNodeService } from '../../../server/src/node/environment';
import { indexCorpus } from '../../../server/src/node/indexer';
import { recordPending } from '../../../server/src/node/pack';

const service = createNodeService('en');
const corpusDir = join(__dirname, '../../../../shared/corpus/county-reports-baoding');

test('a reader built from stored lookup records answers every key as one built from the analyses', () => {
  const paths = resolveCorpusPaths([corpusDir], '/').files;
  assert.ok(paths.length > 10);
  const cacheDir = mkdtempSync(join(tmpdir(), 'pd-lookups-'));
  const reference = indexCorpus(service, paths, { cacheDir: null });
  // analyses made in memory carry the records read beside their extraction: dropped, so this reader computes them
  for (const f of reference.files) delete (f as unknown as Record<symbol, unknown>)[DOC_LOOKUPS];
  assert.ok(reference.files.every(f => (f as unknown as Record<symbol, unknown>)[DOC_LOOKUPS] === undefined));
  const computed = new MemoryIndexReader(reference.files, service.gazetteer, 't');
  indexCorpus(service, paths, { cacheDir });
  const warm = indexCorpus(service, paths, { cacheDir });
  assert.equal(warm.analyzed, 0);
  const stored = new MemoryIndexReader(warm.files, () => { throw new Error('a warm reader needs no gazetteer'); }, 't');
  assert.ok(warm.files.every(f => recordPending(f)), 'building the reader inflated no record');

  // every key any document is stored under, and every place name and region code
  const keys = new Set<string>(), names = new Set<string>(), codes = new Set<string>();
  for (const f of reference.files) {
    for (const rec of docLookups(f, service.gazetteer)) {
      for (const k of rec.k) keys.add(k);
      for (const [k] of rec.m) (k.startsWith('n:') ? names : codes).add(k.slice(2));
    }
  }
  assert.ok(keys.size > 100 && names.size > 20 && codes.size > 20);
  assert.deepEqual(stored.statsNow, computed.statsNow);
  assert.deepEqual(stored.commonNow, computed.commonNow);
  assert.ok(computed.commonNow.length > 0);
  for (const k of keys) assert.deepEqual(stored.documentIds([k], []), computed.documentIds([k], []), k);
  assert.deepEqual(stored.documentIds([...keys].slice(0, 50), [...keys].slice(50, 100)), computed.documentIds([...keys].slice(0, 50), [...keys].slice(50, 100)));
  for (const n of names) assert.deepEqual(stored.mentionRows([n], []), computed.mentionRows([n], []), n);
  // a row's citation is the one its document gives its first mention
  for (const row of computed.mentionRows([...names].slice(0, 200), [])) {
    const f = reference.files.find(x => x.source === row.source)!;
    const doc = f.docs.find(d => d.id === row.docId)!;
    assert.deepEqual(row.cite, {
      source: doc.source, title: doc.title, ...(doc.date ? { date: doc.date } : {}),
      start: lineColAt(f.lineStarts, toOriginal(doc.map, row.start)),
      end: lineColAt(f.lineStarts, toOriginal(doc.map, Math.max(row.start, row.end - 1)) + 1),
    });
  }
  for (const c of codes) assert.deepEqual(stored.mentionRows([], [c]), computed.mentionRows([], [c]), c);
  assert.ok(warm.files.every(f => recordPending(f)), 'mention rows and ids read no record');
  // completion's phrase rows (every key, by its first two characters) and example windows are those
  // of the whole analyses; only the records examples are cut from are read
  const lazyPhrases = new PhraseRowsReader(() => warm.phrases, warm.files);
  const referencePhrases = new PhraseRowsReader(() => reference.phrases, reference.files);
  assert.deepEqual(lazyPhrases.meta(), referencePhrases.meta());
  const heads = referencePhrases.meta().heads;
  assert.ok(heads.length > 20);
  assert.deepEqual(lazyPhrases.rows(heads), referencePhrases.rows(heads));
  const read = warm.files.filter(f => !recordPending(f)).length;
  assert.ok(read <= new Set(warm.phrases.phrases.map(p => warm.phrases.docs[p.at[0]]?.id)).size);

  // a document fetched is the one analysed (its record read then, and only its file's)
  const some = computed.documentIds([[...keys][0]], []);
  const before = warm.files.filter(f => !recordPending(f)).length;
  const pending = warm.files.filter(f => recordPending(f));
  const got = stored.documentsById(some);
  const want = computed.documentsById(some);
  assert.deepEqual(JSON.parse(JSON.stringify(got)), JSON.parse(JSON.stringify(want)));
  const inflated = warm.files.filter(f => !recordPending(f)).length - before;
  assert.ok(inflated <= new Set(got.map(d => d.fileOrder)).size);
  assert.ok(pending.every(f => recordPending(f) || got.some(d => warm.files[d.fileOrder] === f)), 'only the fetched documents\' records were read');
});

test('stored lookup records are the ones computed from the analysis, their gram counts summed per file', () => {
  const paths = resolveCorpusPaths([corpusDir], '/').files.slice(0, 8);
  const cacheDir = mkdtempSync(join(tmpdir(), 'pd-lookups-'));
  indexCorpus(service, paths, { cacheDir });
  const warm = indexCorpus(service, paths, { cacheDir });
  for (const f of warm.files) {
    const records = (f as unknown as Record<symbol, unknown>)[DOC_LOOKUPS];
    assert.ok(Array.isArray(records));
    const computed = docLookups(f as FileAnalysis, service.gazetteer);
    // the records without the counts (a warm start reads the corpus's totals instead), the counts summed apart
    assert.deepEqual(records, JSON.parse(JSON.stringify(computed.map(({ g: _, ...rest }) => rest))));
    assert.ok((records as DocLookup[]).every(r => r.g === undefined));
    const stored = (f as unknown as Record<symbol, GramCounts>)[FILE_GRAMS];
    assert.deepEqual(new Map(stored), new Map(summedGrams(computed)));
    assert.ok(stored.length > 0);
  }
});

test('lookup records read by the extraction workers are the ones read on the indexing thread', () => {
  const bundle = join(__dirname, '../../../server/out/indexWorker.js');
  assert.ok(existsSync(bundle), `${bundle} is missing: run npm run build first`);
  const paths = resolveCorpusPaths([corpusDir], '/').files.slice(0, 20);
  // every file to the workers (by default this thread takes its share, depending on timing)
  const pooled = indexCorpus(service, paths, { cacheDir: null, workers: 2, workerScript: bundle, workersTakeAll: true });
  assert.ok(pooled.analyzed > 0);
  assert.equal(pooled.extractedByWorkers, pooled.analyzed, 'every analysed file extracted by a worker');
  let carried = 0;
  for (const f of pooled.files) {
    const records = (f as unknown as Record<symbol, unknown>)[DOC_LOOKUPS];
    if (!records) continue;
    carried++;
    assert.deepEqual(records, docLookups({ ...f }, service.gazetteer));
  }
  assert.ok(carried >= pooled.extractedByWorkers);
});
