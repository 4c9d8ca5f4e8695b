// Completion over LSP asks the index worker for the phrases of the prefixes typed at the cursor
// (PhraseRowsReader, as the office index is asked) instead of holding every mined phrase in the request
// thread. On a warm start nothing is read for it before the first question (neither the mined phrases
// nor a record), a question reads only the records its phrases' examples are cut from, and completion
// over the answer is the whole index's. A skipped file (no documents) asks for no gazetteer.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CorpusSnapshot } from '../../../server/src/core/corpus/snapshot';
import { MemoryIndexReader, PhraseRowsReader } from '../../../server/src/core/store/memory';
import { assemblePhrases, completionPrefixes } from '../../../server/src/core/store/phrases';
import { resolveCorpusPaths } from '../../../server/src/node/corpusFiles';
import { createNodeService } from '../../../server/src/node/environment';
import { indexCorpus } from '../../../server/src/node/indexer';
import { recordPending } from '../../../server/src/node/pack';

const service = createNodeService('en');
const shared = join(__dirname, '../../../../shared');
const corpusDir = join(shared, 'corpus/county-reports-baoding');
const devReal = join(shared, 'eval/dev-real');

test('completion asks the local index for the typed prefixes\' phrases and answers as the whole index; a warm start reads nothing for it before', () => {
  // the corpus files and one the index skips (a table: no documents)
  const paths = [...resolveCorpusPaths([corpusDir], '/').files, join(shared, 'corpus/MANIFEST.tsv')];
  const cacheDir = mkdtempSync(join(tmpdir(), 'pd-phrase-rows-'));
  const reference = indexCorpus(service, paths, { cacheDir: null });
  const whole = service.assemble(reference.files, reference.phrases);
  indexCorpus(service, paths, { cacheDir });
  const warm = indexCorpus(service, paths, { cacheDir });
  assert.equal(warm.analyzed, 0);
  assert.ok(warm.files.some(f => f.skipped), 'a skipped file is in the index');

  // the index worker's start: the reader and the phrase rows, neither reading a record nor the mined phrases
  new MemoryIndexReader(warm.files, () => { throw new Error('a warm reader needs no gazetteer, not even for a skipped file'); }, 't');
  let phrasesRead = 0;
  const rows = new PhraseRowsReader(() => (phrasesRead++, warm.phrases), warm.files);
  assert.equal(phrasesRead, 0);
  assert.equal(rows.loaded, false);
  assert.ok(warm.files.every(f => f.skipped || recordPending(f)), 'no record read before the first question');

  const meta = rows.meta();
  const heads = new Set(meta.heads);
  assert.equal(phrasesRead, 1);
  assert.ok(warm.files.every(f => f.skipped || recordPending(f)), 'the meta reads no record');
  // one question reads only the records of its phrases' examples
  const first = rows.rows(completionPrefixes('持续优化营', 5, meta, heads));
  const examples = new Set([...first.phrases.values()].map(p => warm.phrases.docs[p.phrase.at[0]]?.id));
  assert.ok(first.keys.length > 0);
  const readFirst = warm.files.filter(f => !f.skipped && !recordPending(f));
  assert.ok(readFirst.length <= examples.size && readFirst.length < warm.files.length / 2, `${readFirst.length} records read for ${examples.size} examples`);
  assert.ok(readFirst.every(f => f.docs.some(d => examples.has(d.id))));
  const drafts = readdirSync(devReal).filter(f => f.endsWith('.md') && f !== 'README.md').sort().slice(0, 3);
  assert.ok(drafts.length >= 3, `dev-real drafts in ${devReal}`);
  let items = 0, asked = 0;
  const cited = new Set<string>();
  for (const name of drafts) {
    const text = readFileSync(join(devReal, name), 'utf8');
    for (let at = 2; at < text.length; at += 23) {
      const prefixes = completionPrefixes(text, at, meta, heads);
      const answer = rows.rows(prefixes);
      asked += answer.keys.length;
      for (const p of answer.phrases.values()) cited.add(warm.phrases.docs[p.phrase.at[0]]?.id ?? '');
      const { index, docs } = assemblePhrases(meta, answer);
      const small: CorpusSnapshot = { ...service.assemble([], index), docs, stats: whole.stats };
      const expected = service.complete(whole, text, at, []);
      assert.deepEqual(service.complete(small, text, at, []), expected, `${name}: completion at ${at}`);
      items += expected.length;
    }
  }
  // the comparison compared something, and only the records the examples are cut from were read
  assert.ok(items > 500 && asked > 500, `items ${items}, keys asked ${asked}`);
  assert.equal(phrasesRead, 1, 'the mined phrases are read once');
  const read = warm.files.filter(f => !f.skipped && !recordPending(f));
  assert.ok(read.every(f => f.docs.some(d => cited.has(d.id))), 'a record read holds an example of a phrase asked for');
});
