// A draft whose paragraphs repeat (the county drafts joined past their length, as bench/db.ts's county
// row checks them) and edits of it, checked one after another: the cached reading keeps a shifted copy
// of a block per place, what was said of unchanged figure pairs and the near clauses of unchanged clauses
// (check-draft.ts, check-restate.ts). Figures, claims, segments and findings must be those of reading the
// whole draft at once, for edits at the end (each keeps every other block), in the middle, and after
// another draft was checked in between.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkFigures, checkFiguresWhole, readDraftWhole } from '../../../server/src/core/figures/index';
import { clearDraftCache, readDraft } from '../../../server/src/core/figures/incremental';
import { draftComparisonsMade } from '../../../server/src/core/figures/check-draft';
import { ingestText } from '../../../server/src/core/text/ingest';
import { toSimplified } from '../../../server/src/core/text/script';
import { draftsIn, repoRoot } from '../../helpers/editedDrafts';
import { corpus, type SeedDoc } from './helpers';

const seedFiles = readdirSync(join(repoRoot, 'seeds')).filter(f => /\.(txt|md)$/.test(f)).sort().map(f => join(repoRoot, 'seeds', f));
const seeds: SeedDoc[] = seedFiles.flatMap(f => ingestText(f, readFileSync(f, 'utf8')).docs.map(d => ({ source: f, title: d.title, date: d.date, text: d.text })));
const { index, ctx } = corpus(seeds);
const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x));

const drafts = draftsIn(join(repoRoot, '../shared/eval/dev-real'));
let county = '';
for (let i = 0; county.length < 20_000; i++) county += `${drafts[i % drafts.length]}\n\n`;
county = county.slice(0, 20_000);

function same(text: string, what: string): number {
  const norm = toSimplified(text);
  const whole = readDraftWhole(norm);
  const inc = readDraft(norm);
  assert.deepEqual(plain(inc.figures), plain(whole.figures), `${what}: figures`);
  assert.deepEqual(plain(inc.claims), plain(whole.claims), `${what}: claims`);
  assert.deepEqual(plain(inc.segments), plain(whole.segments), `${what}: segments`);
  const draft = { text, norm };
  const expected = checkFiguresWhole(draft, index, ctx);
  assert.deepEqual(checkFigures(draft, index, ctx), expected, `${what}: findings`);
  return expected.filter(f => f.code === 'figure-conflict-draft').length;
}

test('a draft with repeated paragraphs, edited at its end and in its middle, reads and checks as the whole draft', () => {
  let draftConflicts = 0;
  draftConflicts += same(county, 'as joined');
  for (let i = 1; i <= 3; i++) same(`${county}${'。'.repeat(i)}\u3000`, `${i} characters added at the end`);
  // a figure restated with a slip in the last paragraph, then taken out again
  draftConflicts += same(`${county}\n${county.slice(0, 4000)}`, 'the first paragraphs again at the end');
  const at = county.indexOf('5', 10_000);
  for (const [k, c] of ['6', '5', '。', '5'].entries()) {
    const t = county.slice(0, at) + c + county.slice(at + 1);
    same(t, `the digit at ${at} replaced (${k})`);
  }
  same(county.slice(0, 9_000) + '全' + county.slice(9_000), 'a character inserted in the middle (every block after it moves)');
  // the words before an earlier figure of a restated pair changed, the later one's block unchanged: what was
  // said of the pair is said again (the earlier figure is another object), so the finding goes
  const twice = `${county}\n${county.slice(0, 4000)}`;
  const norm = toSimplified(twice);
  const pair = checkFiguresWhole({ text: twice, norm }, index, ctx).find(f => f.code === 'figure-conflict-draft' && f.related?.[0]?.span);
  assert.ok(pair, 'a restated pair');
  const a = readDraftWhole(norm).figures.find(f => f.start === pair.related![0].span!.start)!;
  for (const k of [1, 2, 3]) {
    const p = a.numStart - k;
    if (/[\u4e00-\u9fff]/.test(twice[p])) same(twice.slice(0, p) + '某' + twice.slice(p + 1), `a character of the earlier figure's words changed (${k} before it)`);
    same(twice, 'the pair as written again');
  }
  // another draft in between: what was kept for this one is not taken for the other's answer
  same(drafts[0], 'another draft');
  same(`${county}。`, 'the joined draft again');
  assert.ok(draftConflicts > 0, 'the joined drafts restate figures (the comparison compares something)');
});

test('an edit at the end of a draft judges only its new figures against the earlier ones: what was said of unchanged pairs is said again', () => {
  const made = (text: string) => {
    const before = draftComparisonsMade();
    checkFigures({ text, norm: toSimplified(text) }, index, ctx);
    return draftComparisonsMade() - before;
  };
  // nothing kept from the test before: the joined draft is read and judged afresh
  clearDraftCache();
  const whole = made(county);
  assert.ok(whole > 1000, `the joined draft compares many pairs of figures (${whole})`);
  // a sentence with one figure added at the end: its figure is compared with the earlier ones of its kind
  // (at most 64, check-draft.ts NEAREST); the figures of every unchanged block are not compared again
  const edit = `${county}\n全年新增就业岗位120个。`;
  const after = made(edit);
  assert.ok(after > 0 && after <= 64, `after an edit at the end, ${after} of ${whole} pairs were judged again`);
  // and the findings are still those of the whole draft read and judged afresh
  assert.deepEqual(checkFigures({ text: edit, norm: toSimplified(edit) }, index, ctx), checkFiguresWhole({ text: edit, norm: toSimplified(edit) }, index, ctx));
});
