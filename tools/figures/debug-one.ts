// Dev tool (not a test): the figure findings of one file checked alone (no corpus), with the figures and
// claims of each finding. Usage: node --import tsx tools/figures/debug-one.ts FILE [LINE]
import { readFileSync } from 'node:fs';
import { checkFigures, buildFigureIndex } from '../../server/src/core/figures/index';
import { extractFiguresFrom } from '../../server/src/core/figures/extract';
import { readClaims } from '../../server/src/core/figures/claims';
import { draftContext } from '../../server/src/core/figures/check-restate';
import { firstLine } from '../../server/src/core/figures/segments';
import { createLocalizer } from '../../server/src/core/l10n/index';
import type { FeatureContext } from '../../server/src/core/model';
import { toSimplified } from '../../server/src/core/text/script';
const text = readFileSync(process.argv[2], 'utf8');
const draft = { text, norm: toSimplified(text) };
const ctx: FeatureContext = { t: createLocalizer('en'), docs: new Map(), cite: () => undefined };
const fs = checkFigures(draft, buildFigureIndex([]), ctx);
const figures = extractFiguresFrom(draft.norm, { title: firstLine(draft.norm) });
const claims = readClaims(draft.norm, figures, draftContext(draft, firstLine(draft.norm)));
const show = (at: number) => {
  const c = claims.find(c => c.figure.start <= at && at < c.figure.end);
  if (!c) return;
  const { figure: f, ...rest } = c;
  console.log('   ', f.text, JSON.stringify({ ind: f.indicator, subj: f.subject, per: f.period, rel: f.relation, share: f.share, part: f.part, left: f.left.slice(-20), right: f.right.slice(0, 12) }), JSON.stringify(rest));
};
for (const f of fs) {
  console.log(f.code, draft.norm.slice(f.start - 30, f.start) + '【' + draft.norm.slice(f.start, f.end) + '】', f.message);
  show(f.start);
  for (const r of f.related ?? []) if ((r as any).span) show((r as any).span.start);
}
import { checkDraftConflicts } from '../../server/src/core/figures/check-draft';
import { checkRestatedDraft } from '../../server/src/core/figures/check-restate';
import { segmentsOf } from '../../server/src/core/figures/restate';
if (process.env.PATHS) {
  const a = checkDraftConflicts(draft, figures, ctx).map(f => 'draft-rules ' + draft.norm.slice(f.start, f.end));
  const b = checkRestatedDraft(draft, claims, ctx).map(f => 'restate ' + draft.norm.slice(f.start, f.end));
  console.log([...a, ...b].join('\n'));
  const segs = segmentsOf(draft.norm, claims, '');
  for (const s of segs) if (s.claims.some(c => fs.some(f => f.start === c.figure.start))) console.log('seg', s.words, s.said);
}
