#!/usr/bin/env node
// Builds server/data/phrase-table.json, the table of standard policy phrasing the extension ships
// (completion offers it after the team's libraries and the workspace's corpus).
//
// Sources (build time only): the public policy texts of ../shared/corpus (State Council work
// reports 1954–2025, CPC congress reports, NPC resolutions, the Baoding county reports), except the
// reports listed in test/unit/phrases/heldout/reports.txt (held out to measure completion), and the
// curated list server/data/standard-phrases.txt. Texts are ingested and segmented as the service
// does (nodejieba with the gazetteer's place names), mined with the core's miner, and each phrase is
// written with its count, documents, the years it was used in and one short example.
// The output is a pure function of the inputs: the same inputs give the same bytes.
//
// Usage: npm run build:phrases [-- --corpus DIR] [--hold-out FILE] [--curated FILE] [--out FILE]
//        [--files LIST] (LIST: a file of corpus paths to use instead of every .txt, for tests) [--dump FILE]
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { opt, root } from './args.mjs';
import { ingestText } from '../server/src/core/text/ingest.ts';
import { minePhrases } from '../server/src/core/phrases/index.ts';
import { buildPhraseTable, serializePhraseTable } from '../server/src/core/phrases/tableBuild.ts';
import { createGazetteer, gazetteerWords } from '../server/src/core/regions/index.ts';
import { levelOfCode } from '../server/src/core/regions/gazetteer.ts';
import { createRequire } from 'node:module';

const corpus = resolve(opt('--corpus') ?? join(root, '..', 'shared', 'corpus'));
const holdOutFile = resolve(opt('--hold-out') ?? join(root, 'test/unit/phrases/heldout/reports.txt'));
const curatedFile = resolve(opt('--curated') ?? join(root, 'server/data/standard-phrases.txt'));
const out = resolve(opt('--out') ?? join(root, 'server/data/phrase-table.json'));
const t0 = performance.now();

const lines = file => readFileSync(file, 'utf8').split(/\r?\n/).map(l => l.replace(/(^|\s)#.*/, '').trim()).filter(Boolean);
function walk(dir, acc = []) {
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p, acc);
    else if (f.endsWith('.txt')) acc.push(p);
  }
  return acc;
}
// Paths relative to the corpus with '/' separators: the same on every machine.
const rel = p => relative(corpus, p).split(/[\\/]/).join('/');
const heldOut = new Set(lines(holdOutFile));
const listed = opt('--files') ? lines(resolve(opt('--files'))).map(f => join(corpus, f)) : walk(corpus);
const files = listed.map(p => [rel(p), p]).filter(([r]) => !heldOut.has(r) && !/(^|\/)README/i.test(r)).sort((a, b) => (a[0] < b[0] ? -1 : 1));

// Segmented as server/src/node/segmenter.ts does, with the gazetteer's names added as the service adds them.
const jieba = createRequire(import.meta.url)('nodejieba');
const gazetteer = createGazetteer(JSON.parse(readFileSync(join(root, 'server/data/gazetteer.json'), 'utf8')));
for (const w of new Set(gazetteerWords(gazetteer))) {
  if (w.length >= 2) jieba.insertWord(w);
}
// Names of cities, counties and towns (not provinces): a phrase naming one is local, not standard
// phrasing for every writer (白洋淀生态修复 stays in the team's own corpus).
const localNames = new Set();
for (const [text, list] of gazetteer.surfaces) {
  if (text.length < 2 || gazetteer.ambiguousStems.has(text)) continue;
  if (list.every(s => s.kind !== 'weak' && levelOfCode(s.code) >= 2)) localNames.add(text);
}
const isLocal = phrase => {
  for (let i = 0; i < phrase.length; i++) for (let n = 2; n <= 8 && i + n <= phrase.length; n++) if (localNames.has(phrase.slice(i, i + n))) return true;
  return false;
};
const seg = {
  cut(text) {
    const out = [];
    let pos = 0;
    for (const word of jieba.cut(text, true)) {
      const at = text.startsWith(word, pos) ? pos : text.indexOf(word, pos);
      if (at < 0) continue;
      out.push({ word, start: at, end: at + word.length });
      pos = at + word.length;
    }
    return out;
  },
};
const inputs = [];
for (const [r, p] of files) {
  const { docs } = ingestText(r, readFileSync(p, 'utf8'));
  for (const doc of docs) inputs.push({ doc, tokens: seg.cut(doc.text) });
}
const tSeg = performance.now();
const index = minePhrases(inputs, { maxDocs: 1e6, leftWords: 3 });
const tMine = performance.now();
// For tuning the table without mining again: --dump FILE saves the documents and the mined index.
if (opt('--dump')) writeFileSync(resolve(opt('--dump')), JSON.stringify({ docs: inputs.map(i => i.doc), index }));
const curated = lines(curatedFile);
// A use in a national report, congress report or NPC resolution counts three times a county one.
const NATIONAL = /^(gwr-national|cpc-congress-report|npc-resolution)\//;
const { table } = buildPhraseTable(index, inputs.map(i => i.doc), curated, { docWeight: id => (NATIONAL.test(id) ? 3 : 1), exclude: isLocal });
const bytes = serializePhraseTable(table);
writeFileSync(out, bytes);
const s = n => ((n) / 1000).toFixed(1);
console.log(`${relative(root, out)}: ${table.phrases.length} phrases (${table.phrases.filter(p => p[7] & 1).length} curated) ` +
  `from ${files.length} files, ${inputs.length} documents (${heldOut.size} held out); ${(Buffer.byteLength(bytes) / 1e6).toFixed(2)} MB; ` +
  `segment ${s(tSeg - t0)} s, mine ${s(tMine - tSeg)} s, total ${s(performance.now() - t0)} s`);
