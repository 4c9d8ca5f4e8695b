// The gazetteer keeps its regions, surfaces, stems and word lists in typed tables over the shipped
// table's text and makes objects only when asked. Every answer must be what plain Maps built
// straight from the table give (the way the gazetteer was built before): this test builds those
// Maps here, from the same table and hand-kept words, and compares every key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createGazetteerFromTable, stemOf, type Level, type Surface, type SurfaceKind,
  SURFACE_FULL, SURFACE_FULL_COUNTY, SURFACE_NICKNAME, SURFACE_SHORT, SURFACE_WEAK,
} from '../../../server/src/core/regions/gazetteer';
import { KeyTable, PairWords } from '../../../server/src/core/regions/packed';
import { aliases, words } from '../../../server/src/core/regions/tables';
import { gazetteerDataDir } from '../../../server/src/node/gazetteer';
import { gaz } from './helpers';

const table = JSON.parse(readFileSync(join(gazetteerDataDir(), 'gazetteer.json'), 'utf8'));

interface PlainRegion { code: string; name: string; level: Level; parent: string | null }

/** The official suffix by regular expression (the leftmost match is the longest suffix), ethnic names stripped before 自治…. */
function plainStemOf(name: string, level: Level): { stem: string; suffix: string } {
  const m = [/(维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市)$/, /(自治州|地区|盟|市)$/,
    /(自治县|自治旗|林区|特区|新区|区|县|市|旗)$/, /(民族乡|街道|镇|乡|苏木)$/][level - 1].exec(name);
  if (!m) return { stem: name, suffix: '' };
  let stem = name.slice(0, name.length - m[0].length);
  const ethnic = [...words.ethnicNames].sort((a, b) => b.length - a.length);
  for (let e; m[0].startsWith('自治') && (e = ethnic.find(x => stem.length > x.length + 1 && stem.endsWith(x))); ) stem = stem.slice(0, -e.length);
  return { stem, suffix: m[0] };
}

/** The straightforward build: one object per region and per surface, Maps of strings. */
function plainBuild() {
  const regions = new Map<string, PlainRegion>();
  let county = '';
  for (const line of (table.entries as string).split('\n')) {
    const m = line.startsWith('+') ? [line, county + line.slice(1, 4), line.slice(4)] : /^(\d+)(.*)$/.exec(line);
    if (!m) continue;
    const code = m[1];
    if (code.length === 6) county = code;
    const level = (code.length <= 2 ? 1 : code.length <= 4 ? 2 : code.length <= 6 ? 3 : 4) as Level;
    if (level === 2 && /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(m[2])) continue;
    regions.set(code, { code, name: m[2], level, parent: null });
  }
  for (const r of regions.values()) {
    for (let len = r.code.length === 9 ? 6 : r.code.length - 2; len >= 2 && !r.parent; len -= 2) {
      if (regions.has(r.code.slice(0, len))) r.parent = r.code.slice(0, len);
    }
  }
  const notRegions = new Set(words.notRegions);
  const surfaces = new Map<string, Surface[]>();
  const add = (text: string, code: string, kind: SurfaceKind) => {
    if (text.length < 2) return;
    const list = surfaces.get(text) ?? [];
    if (!list.some(s => s.code === code)) list.push({ code, kind });
    surfaces.set(text, list);
  };
  const stems = new Map<string, string[]>();
  for (const r of regions.values()) {
    const { stem, suffix } = plainStemOf(r.name, r.level);
    assert.deepEqual(stemOf(r.name, r.level), { stem, suffix }, r.name);
    if (r.level === 4 && !suffix) continue;
    add(r.name, r.code, notRegions.has(r.name) ? 'weak' : 'full');
    if (stem.length >= 2) stems.set(stem, [...(stems.get(stem) ?? []), r.code]);
    if (!suffix || stem.length < 2 || r.level === 4) continue;
    const forms = [stem, ...({ 自治州: ['州'], 自治县: ['县'], 自治旗: ['旗'] }[suffix] ?? []).map(t => stem + t)];
    for (const s of forms) if (!notRegions.has(s)) add(s, r.code, 'short');
  }
  for (const [nick, code] of Object.entries(aliases.nicknames)) if (regions.has(code)) add(nick, code, 'nickname');
  const lengths = new Map<string, number[]>();
  for (const text of [...surfaces.keys(), ...gaz.clusters.keys(), ...gaz.historical.keys()]) {
    const list = lengths.get(text.slice(0, 2)) ?? [];
    if (!list.includes(text.length)) list.push(text.length);
    lengths.set(text.slice(0, 2), list.sort((a, b) => b - a));
  }
  const readings = new Map<string, string[]>();
  for (const [reading, chars] of Object.entries(table.readings as Record<string, string>)) {
    for (const c of chars) readings.set(c, [...(readings.get(c) ?? []), reading]);
  }
  for (const [c, rs] of Object.entries(words.readings)) {
    if (!c.startsWith('$') && Array.isArray(rs)) readings.set(c, [...new Set([...(readings.get(c) ?? []), ...rs])]);
  }
  return { regions, surfaces, stems, lengths, readings };
}

const plain = plainBuild();

test('regions: every code, name, level and parent, in table order; no region for other codes', () => {
  assert.equal(gaz.size, plain.regions.size);
  assert.equal(gaz.regions.size, plain.regions.size);
  assert.deepEqual([...gaz.regions.keys()], [...plain.regions.keys()]);
  for (const [code, r] of plain.regions) assert.deepEqual(gaz.regions.get(code), r, code);
  for (const code of ['', '0', '1101x', '4403060011', '440399', '1101', '４４', '11 ', '-11']) {
    assert.equal(gaz.regions.get(code), plain.regions.get(code), code);
    assert.equal(gaz.regions.has(code), plain.regions.has(code), code);
  }
});

test('surfaces: every text with its regions and kinds, in the order they were first named', () => {
  assert.equal(gaz.surfaces.size, plain.surfaces.size);
  assert.deepEqual([...gaz.surfaces.keys()], [...plain.surfaces.keys()]);
  for (const [text, list] of plain.surfaces) assert.deepEqual(gaz.surfaces.get(text), list, text);
  for (const text of ['', '宝', '宝安区区', '宝按区', '攀枝华市']) assert.equal(gaz.surfaces.get(text), undefined, text);
});

test('forEachSurface gives each surface once with the kinds its list holds', () => {
  const seen: string[] = [];
  const bitOf: Record<SurfaceKind, number> = { full: SURFACE_FULL, short: SURFACE_SHORT, nickname: SURFACE_NICKNAME, weak: SURFACE_WEAK };
  gaz.forEachSurface((text, bits) => {
    seen.push(text);
    let want = 0;
    for (const s of plain.surfaces.get(text) ?? []) want |= bitOf[s.kind] | (s.kind === 'full' && s.code.length === 6 ? SURFACE_FULL_COUNTY : 0);
    assert.equal(bits, want, text);
  });
  assert.deepEqual(seen, [...plain.surfaces.keys()]);
});

test('stems: every stem with its regions', () => {
  assert.deepEqual([...gaz.stems.keys()], [...plain.stems.keys()]);
  for (const [stem, codes] of plain.stems) assert.deepEqual(gaz.stems.get(stem), codes, stem);
  assert.equal(gaz.stems.get('宝按'), undefined);
});

test('lengthsByPrefix: the lengths of the names starting with each two characters, longest first', () => {
  for (const [prefix, list] of plain.lengths) assert.deepEqual(gaz.lengthsByPrefix.get(prefix), list, prefix);
  for (const prefix of ['', '宝', '按区', '。，', '\uffff\uffff']) assert.equal(gaz.lengthsByPrefix.get(prefix), plain.lengths.get(prefix), prefix);
});

test('readings: every character of the table, with the hand-kept readings merged in', () => {
  for (const [c, list] of plain.readings) assert.deepEqual(gaz.readings.get(c), list, c);
  for (const c of ['', 'a', '按安', '\ud842', '𠮷']) assert.deepEqual(gaz.readings.get(c), plain.readings.get(c), JSON.stringify(c));
});

test('parts: every character, from the packed lines and from an older table object alike', () => {
  const lines = (table.parts as string).split('\n');
  assert.ok(lines.length > 10_000);
  const object = Object.fromEntries(lines.map(l => [l.slice(0, l.indexOf('|')), l.slice(l.indexOf('|') + 1)]));
  const old = createGazetteerFromTable({ ...table, parts: object });
  for (const [c, v] of Object.entries(object)) {
    assert.deepEqual(gaz.parts.get(c), v.split('|'), c);
    assert.deepEqual(old.parts.get(c), v.split('|'), c);
  }
  assert.deepEqual([...gaz.parts.values()], Object.values(object).map(v => v.split('|')));
  for (const c of ['', 'a', '|', '郫卑']) assert.equal(gaz.parts.get(c), undefined, c);
});

test('word lists: every two-character word of the table is in its set, and no other', () => {
  for (const [name, set] of [['boundaryWords', gaz.boundaryWords], ['placeWords', gaz.placeWords], ['commonWords', gaz.commonWords]] as const) {
    const text = table[name] as string;
    const all = new Set<string>();
    for (let i = 0; i + 2 <= text.length; i += 2) all.add(text.slice(i, i + 2));
    for (const w of all) assert.ok(set.has(w), `${name} ${w}`);
    // Pairs read across two words, and pieces that are no word.
    for (let i = 1; i + 2 <= text.length; i += 97) assert.equal(set.has(text.slice(i, i + 2)), all.has(text.slice(i, i + 2)), `${name} ${text.slice(i, i + 2)}`);
    for (const w of ['', '一', text.slice(0, 3)]) assert.equal(set.has(w), false, `${name} ${w}`);
  }
});

test('townships: the townships of a county in table order, none for other codes', () => {
  const byCounty = new Map<string, PlainRegion[]>();
  for (const r of plain.regions.values()) if (r.level === 4) byCounty.set(r.code.slice(0, 6), [...(byCounty.get(r.code.slice(0, 6)) ?? []), r]);
  for (const code of plain.regions.keys()) {
    if (code.length === 6) assert.deepEqual(gaz.townships(code), byCounty.get(code) ?? [], code);
  }
  for (const code of ['13', '1306', '130635102', '', '999999']) assert.deepEqual(gaz.townships(code), [], code);
});

test('a key table finds keys by range, also after growing many times', () => {
  const keys = new KeyTable(2);
  const text = Array.from({ length: 5000 }, (_, i) => `名${i}`).join('');
  const t = keys.addText(text);
  const numbers: number[] = [];
  for (let i = 0, at = 0; i < 5000; i++) {
    const len = `名${i}`.length;
    numbers.push(keys.add(t, at, len));
    at += len;
  }
  assert.deepEqual(numbers, numbers.map((_, i) => i));
  assert.equal(keys.size, 5000);
  for (let i = 0; i < 5000; i += 37) {
    assert.equal(keys.find(`名${i}`), i);
    assert.equal(keys.key(i), `名${i}`);
  }
  assert.equal(keys.addString('名42'), 42);
  assert.equal(keys.find('名5000'), -1);
  assert.equal(keys.findAt('x名77y', 1, 3), 77);
});

test('a word list given unsorted is sorted first; a trailing half word is ignored', () => {
  const set = new PairWords('资源中立保安一一甲');
  for (const w of ['资源', '中立', '保安', '一一']) assert.ok(set.has(w), w);
  for (const w of ['甲', '源中', '安一', '']) assert.equal(set.has(w), false, w);
  assert.equal(new PairWords(undefined).has('一一'), false);
});
