// Drafts written from the seeds with planted errors (fixtures/drafts/*.md beside *.expected.json,
// the shape of the shared eval set), checked against the seed corpus through the real ingestion.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildFigureIndex, checkFigures, extractFigures } from '../../../server/src/core/figures/index';
import { createLocalizer } from '../../../server/src/core/l10n/index';
import type { CorpusDocument, FeatureContext } from '../../../server/src/core/model';
import { ingestText } from '../../../server/src/core/text/ingest';
import { toSimplified } from '../../../server/src/core/text/script';

const root = join(__dirname, '../../..');
const seedsDir = join(root, 'seeds');
const draftsDir = join(__dirname, 'fixtures/drafts');
const CODES = ['figure-conflict-corpus', 'figure-conflict-draft', 'figure-arithmetic'];

const docs = new Map<string, CorpusDocument>();
const input: Array<{ doc: CorpusDocument; figures: ReturnType<typeof extractFigures> }> = [];
for (const f of readdirSync(seedsDir).sort()) {
  for (const doc of ingestText(`seeds/${f}`, readFileSync(join(seedsDir, f), 'utf8')).docs) {
    docs.set(doc.id, doc);
    input.push({ doc, figures: extractFigures(doc.text, { date: doc.date, title: doc.title }) });
  }
}
const index = buildFigureIndex(input);
const ctx: FeatureContext = {
  t: createLocalizer('en'),
  docs,
  cite: ref => {
    const d = docs.get(ref.docId);
    return d && { source: d.source, title: d.title, date: d.date, start: { line: 0, character: ref.start }, end: { line: 0, character: ref.end } };
  },
};

interface Expected { code: string; optional?: boolean; any: Array<{ text: string; nth?: number }>; note?: string }

function spanOf(text: string, alt: { text: string; nth?: number }): [number, number] {
  let at = -1;
  for (let i = 0; i < (alt.nth ?? 1); i++) at = text.indexOf(alt.text, at + 1);
  assert.ok(at >= 0, `${alt.text} not in the draft`);
  return [at, at + alt.text.length];
}

for (const file of readdirSync(draftsDir).filter(f => f.endsWith('.expected.json')).sort()) {
  const spec = JSON.parse(readFileSync(join(draftsDir, file), 'utf8')) as { draft: string; expect: Expected[] };
  test(`planted errors in ${spec.draft}`, () => {
    const text = readFileSync(join(draftsDir, spec.draft), 'utf8');
    const findings = checkFigures({ text, norm: toSimplified(text) }, index, ctx).filter(f => CODES.includes(f.code));
    const expected = spec.expect.filter(e => CODES.includes(e.code));
    const hits = (e: Expected, f: { code: string; start: number; end: number }) =>
      e.code === f.code && e.any.some(a => { const [s, t] = spanOf(text, a); return f.start < t && s < f.end; });
    for (const e of expected) {
      if (!e.optional) assert.ok(findings.some(f => hits(e, f)), `missed ${e.code} on ${e.any[0].text} (${e.note ?? ''})`);
    }
    for (const f of findings) {
      assert.ok(expected.some(e => hits(e, f)), `false alarm ${f.code} on ${text.slice(f.start, f.end)}: ${f.message}`);
    }
  });
}
