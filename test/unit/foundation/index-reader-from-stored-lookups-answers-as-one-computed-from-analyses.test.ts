// The local index (MemoryIndexReader) built from the lookup records stored in the cache pack (no
// analysis inflated), and one given the key maps the pack keeps whole (a warm start: no lookup record
// read either), answer every key exactly as one built from the analyses themselves (documents, mention
// rows with their citations, statistics, common grams), and read a record only when a lookup returns
// one of its documents. Key maps that do not fit the files are not used.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FileAnalysis } from '../../../server/src/core/corpus/snapshot';
import { DOC_LOOKUPS, docLookups, FILE_GRAMS, summedGrams, type DocLookup, type GramCounts } from '../../../server/src/core/store/keys';
import { MemoryIndexReader, PhraseRowsReader } from '../../../server/src/core/store/memory';
import { lineColAt, toOriginal } from '../../../server/src/core/text/offsetMap';
import { resolveCorpusPaths } from '../../../server/src/node/corpusFiles';
import { createNodeService } from '../../../server/src/node/environment';
import { codeFingerprint, indexCorpus } from '../../../server/src/node/indexer';
import { openPack, recordPending } from '../../../server/src/node/pack';

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
  const noGazetteer = () => { throw new Error('a warm reader needs no gazetteer'); };
  assert.ok(warm.keyed, 'the pack keeps the key maps');
  const whole = new MemoryIndexReader(warm.files, noGazetteer, 't', { keyed: warm.keyed });
  const lookupsRead = () => warm.files.filter(f => typeof Object.getOwnPropertyDescriptor(f, DOC_LOOKUPS)?.get !== 'function').length;
  assert.equal(lookupsRead(), 0, 'given the key maps, the reader read no lookup record');
  const stored = new MemoryIndexReader(warm.files, noGazetteer, 't', { gramTotals: warm.gramTotals });
  assert.ok(warm.files.every(f => recordPending(f)), 'building the readers inflated no record');
  assert.ok(lookupsRead() > 0);
  // key maps of other files (one fewer) are not taken for these
  const fewer = indexCorpus(service, paths.slice(1), { cacheDir });
  assert.ok(fewer.keyed);
  const notFitting = new MemoryIndexReader(warm.files, noGazetteer, 't', { keyed: fewer.keyed, gramTotals: warm.gramTotals });

  // every key any document is stored under, and every place name and region code
  const keys = new Set<string>(), names = new Set<string>(), codes = new Set<string>();
  for (const f of reference.files) {
    for (const rec of docLookups(f, service.gazetteer)) {
      for (const k of rec.k) keys.add(k);
      for (const [k] of rec.m) (k.startsWith('n:') ? names : codes).add(k.slice(2));
    }
  }
  assert.ok(keys.size > 100 && names.size > 20 && codes.size > 20);
  for (const reader of [stored, whole, notFitting]) {
    assert.deepEqual(reader.statsNow, computed.statsNow);
    assert.deepEqual(reader.commonNow, computed.commonNow);
    for (const k of keys) assert.deepEqual(reader.documentIds([k], []), computed.documentIds([k], []), k);
    assert.deepEqual(reader.documentIds([...keys].slice(0, 50), [...keys].slice(50, 100)), computed.documentIds([...keys].slice(0, 50), [...keys].slice(50, 100)));
    for (const n of names) assert.deepEqual(reader.mentionRows([n], []), computed.mentionRows([n], []), n);
    for (const c of codes) assert.deepEqual(reader.mentionRows([], [c]), computed.mentionRows([], [c]), c);
  }
  assert.ok(computed.commonNow.length > 0);
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

test('a damaged key-map record is not read: the reader builds the maps from the lookup records', () => {
  const paths = resolveCorpusPaths([corpusDir], '/').files.slice(0, 10);
  const cacheDir = mkdtempSync(join(tmpdir(), 'pd-keyed-'));
  indexCorpus(service, paths, { cacheDir, workers: 0 });
  const good = indexCorpus(service, paths, { cacheDir, workers: 0 });
  assert.ok(good.keyed);
  const reference = new MemoryIndexReader(good.files, service.gazetteer, 't', { keyed: good.keyed });
  assert.ok(reference.keyedGiven);
  const pack = join(cacheDir, readdirSync(cacheDir).find(f => f.startsWith('pack-'))!);
  const opened = openPack(pack, codeFingerprint());
  assert.ok(opened && opened !== 'corrupt' && opened.header?.value.keyed);
  const [off, len] = opened.header!.value.keyed!;
  opened.close();
  const bytes = readFileSync(pack);
  bytes[off + Math.floor(len / 2)] ^= 0xff;
  writeFileSync(pack, bytes);
  const damaged = indexCorpus(service, paths, { cacheDir, workers: 0 });
  assert.equal(damaged.keyed, undefined, 'the damaged record is not decoded');
  const rebuilt = new MemoryIndexReader(damaged.files, service.gazetteer, 't', { keyed: damaged.keyed, gramTotals: damaged.gramTotals });
  assert.equal(rebuilt.keyedGiven, false);
  assert.deepEqual(rebuilt.commonNow, reference.commonNow);
  const keys = new Set<string>();
  for (const f of good.files) for (const rec of docLookups(f as FileAnalysis, service.gazetteer)) for (const k of rec.k) keys.add(k);
  assert.ok(keys.size > 50);
  for (const k of keys) assert.deepEqual(rebuilt.documentIds([k], []), reference.documentIds([k], []), k);
});
