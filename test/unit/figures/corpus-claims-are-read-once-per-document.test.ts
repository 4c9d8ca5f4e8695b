// The corpus claims a check reads (check-restate.ts corpusClaims, corpusClaimOf for hovers) are read
// once per corpus document object: a snapshot made of documents an earlier snapshot held (the partial
// snapshots a store assembles, one per draft) reuses their reading, answers as a snapshot read afresh,
// and its claims still hold that snapshot's own figure objects.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { corpusClaimOf, corpusClaims } from '../../../server/src/core/figures/check-restate';
import { buildFigureIndex, extractFigures, type Figure, type FigureIndex } from '../../../server/src/core/figures/index';
import type { IndexedFigure } from '../../../server/src/core/figures/figure-index';
import { postingsOf, SegmentIndex, type Segment } from '../../../server/src/core/figures/restate';
import type { CorpusDocument } from '../../../server/src/core/model';
import { toSimplified } from '../../../server/src/core/text/script';

const dir = join(__dirname, '../../../../shared/corpus/county-reports-baoding');
const names = readdirSync(dir).filter(f => f.endsWith('.txt')).sort().slice(0, 24);

/** One document per report, with its figures (through JSON, as the cache stores them). */
function load(): Array<{ doc: CorpusDocument; figures: Figure[] }> {
  return names.map(name => {
    const text = toSimplified(readFileSync(join(dir, name), 'utf8'));
    const title = name.replace(/\.txt$/, '');
    const doc: CorpusDocument = { id: name, source: name, title, date: name.slice(0, 4), text, display: text, map: [[0, 0, text.length]] };
    return { doc, figures: JSON.parse(JSON.stringify(extractFigures(text, { date: doc.date, title }))) };
  });
}
const inputs = load();
const docsOf = (list: typeof inputs) => new Map(list.map(x => [x.doc.id, x.doc]));
/** The same documents and figures as new objects (a snapshot read afresh). */
const fresh = (list: typeof inputs) => list.map(x => ({ doc: { ...x.doc }, figures: JSON.parse(JSON.stringify(x.figures)) as Figure[] }));
const figuresOf = (index: FigureIndex) => Object.values(index.byUnit).flat();
/** A claim as plain data, its figure named by document and place. */
const plain = (c: unknown) => JSON.parse(JSON.stringify(c, (k, v) => (k === 'figure' ? `${v.docId}@${v.start}` : v)));
const nearOf = (index: SegmentIndex, seg: Segment) => index.near(seg).map(n => `${n.seg.doc}@${n.seg.start}:${n.sim}`);

test('a snapshot sharing documents with an earlier one reuses their claims and answers as one read afresh', () => {
  const first = inputs.slice(0, 16), second = inputs.slice(8, 24);
  const docs = docsOf(inputs);
  const a = buildFigureIndex(first), b = buildFigureIndex(second);
  const ca = corpusClaims(a, docs), cb = corpusClaims(b, docs);
  const read = buildFigureIndex(fresh(second));
  const cr = corpusClaims(read, docsOf(fresh(second)));
  const fb = figuresOf(b), fr = figuresOf(read);
  assert.equal(fb.length, fr.length);
  assert.ok(fb.length > 1000, `${fb.length} figures`);
  let shared = 0;
  fb.forEach((x, i) => {
    const claim = cb.claimOf.get(x);
    assert.ok(claim, `a claim for ${x.docId}@${x.start}`);
    // the claim holds this snapshot's own figure (checks look figures up by identity in it)
    assert.equal(claim.figure, x);
    assert.deepEqual(plain(claim), plain(cr.claimOf.get(fr[i])));
    if (first.some(y => y.doc.id === x.docId)) {
      assert.equal(ca.claimOf.get(x), claim, 'a document both snapshots hold is read once');
      shared++;
    }
  });
  assert.ok(shared > 0);
  assert.deepEqual([...cb.docs.entries()], [...cr.docs.entries()]);
  // restatement neighbours: the same clauses, in the same order, with the same similarity
  for (const seg of cr.segments.segments.filter((_, i) => i % 7 === 0)) assert.deepEqual(nearOf(cb.segments, seg), nearOf(cr.segments, seg));
});

test('a document given other figure objects is read again, its claims holding the new ones', () => {
  const docs = docsOf(inputs);
  const list = inputs.slice(0, 4);
  const a = buildFigureIndex(list);
  corpusClaims(a, docs);
  const again = buildFigureIndex(list.map(x => ({ doc: x.doc, figures: JSON.parse(JSON.stringify(x.figures)) as Figure[] })));
  const c = corpusClaims(again, docs);
  for (const x of figuresOf(again)) assert.equal(c.claimOf.get(x)?.figure, x);
  // the same figure list again: the same indexed figures
  const same = buildFigureIndex(list);
  assert.deepEqual(figuresOf(same), figuresOf(a));
  figuresOf(same).forEach((x, i) => assert.equal(x, figuresOf(a)[i]));
});

test('a hover reads the claim the check reads, and the check then reuses that reading', () => {
  const docs = docsOf(inputs);
  const index = buildFigureIndex(inputs.slice(2, 10));
  const afresh = buildFigureIndex(fresh(inputs.slice(2, 10)));
  const whole = corpusClaims(afresh, docsOf(fresh(inputs.slice(2, 10))));
  const figs = figuresOf(index);
  const asked = figs.filter((_, i) => i % 5 === 0) as IndexedFigure[];
  const byHover = asked.map(x => corpusClaimOf(index, docs, x));
  asked.forEach((x, i) => {
    assert.equal(byHover[i]?.figure, x);
    assert.deepEqual(plain(byHover[i]), plain(whole.claimOf.get(figuresOf(afresh)[figs.indexOf(x)])));
  });
  const c = corpusClaims(index, docs);
  asked.forEach((x, i) => assert.equal(c.claimOf.get(x), byHover[i]));
});

test('the restatement index built from per-document postings answers as the one built over all segments', () => {
  const docs = docsOf(inputs);
  const c = corpusClaims(buildFigureIndex(inputs), docs);
  const segs = c.segments.segments;
  const parts: Array<{ segments: Segment[]; postings: Map<string, number[]> }> = [];
  for (const seg of segs) {
    const last = parts[parts.length - 1];
    if (last && last.segments[0].doc === seg.doc) last.segments.push(seg);
    else parts.push({ segments: [seg], postings: new Map() });
  }
  for (const p of parts) p.postings = postingsOf(p.segments);
  const common = new Set(['发展', '建设']);
  const lazy = SegmentIndex.fromParts(parts, common), eager = new SegmentIndex([...segs], common);
  assert.ok(segs.length > 1000, `${segs.length} segments`);
  for (const seg of segs.filter((_, i) => i % 5 === 0)) assert.deepEqual(nearOf(lazy, seg), nearOf(eager, seg));
});
