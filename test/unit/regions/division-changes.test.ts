// The divisions as they are today: every change after the 2023 codes that server/data/division-changes.json
// holds is in the shipped table, named, placed and dated, and the checks and hover know it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkRegions, hoverRegion } from '../../../server/src/core/regions';
import { chainOf } from '../../../server/src/core/regions/gazetteer';
import { context, covered, draft, gaz, indexOf } from './helpers';

const changes = JSON.parse(readFileSync(join(__dirname, '../../../server/data/division-changes.json'), 'utf8'));
const index = indexOf([]);

test('the table is dated by its latest change', () => {
  assert.equal(gaz.dataDate, changes.dataDate);
  const latest = changes.changes.map((c: { date: string }) => c.date).sort().pop();
  assert.equal(gaz.dataDate, latest);
});

for (const c of changes.changes as Array<{ kind: string; code: string; name: string; parent?: string; date: string }>) {
  test(`${c.kind} ${c.name} (${c.code}, ${c.date}) is in the table under its parent`, () => {
    const r = gaz.regions.get(c.code);
    assert.ok(r, `${c.code} missing`);
    assert.equal(r.name, c.name);
    if (c.parent) assert.equal(r.parent, c.parent);
    assert.equal(gaz.changes.get(c.code)?.date, c.date);
  });
}

test('和康县 and 和安县 (2024) are no typos of 和田县', () => {
  const text = '新疆和田地区和康县、和安县挂牌成立，和安县人民政府驻地确定。';
  assert.deepEqual(covered(text, checkRegions(draft(text), gaz, index, new Set(), context()), 'region-unknown'), []);
  assert.deepEqual(covered(text, checkRegions(draft(text), gaz, index, new Set(), context()), 'region-hierarchy'), []);
  assert.deepEqual(chainOf(gaz, '653228').map(r => r.name), ['新疆维吾尔自治区', '和田地区', '和康县']);
  assert.deepEqual(chainOf(gaz, '653229').map(r => r.name), ['新疆维吾尔自治区', '和田地区', '和安县']);
});

test('a new county under a wrong parent is a wrong chain', () => {
  const text = '喀什地区和康县推进基础设施建设。';
  assert.deepEqual(covered(text, checkRegions(draft(text), gaz, index, new Set(), context()), 'region-hierarchy'), ['喀什地区和康县']);
});

test('the hover says when a region was created and how current the data is', () => {
  const text = '和田地区和安县加快发展。';
  const h = hoverRegion(draft(text), text.indexOf('和安县') + 1, gaz, index, context());
  assert.ok(h);
  assert.match(h.markdown, /653229/);
  assert.match(h.markdown, /New in 2024-12/);
  assert.match(h.markdown, new RegExp(`Division data as of ${gaz.dataDate}`));
  const zh = hoverRegion(draft(text), text.indexOf('和安县') + 1, gaz, index, context([], 'zh-CN'));
  assert.match(zh?.markdown ?? '', /区划数据截至 2024-12/);
});
