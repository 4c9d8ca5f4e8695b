// Dev harness (not a test): prints the figures extracted from files, through the real ingestion.
// Usage: node --import tsx tools/figures/harness.ts FILE...
import { readFileSync } from 'node:fs';
import { extractFigures } from '../../server/src/core/figures/index';
import { ingestText } from '../../server/src/core/text/ingest';
import { toSimplified } from '../../server/src/core/text/script';

for (const f of process.argv.slice(2)) {
  const raw = readFileSync(f, 'utf8');
  const docs: Array<{ id: string; title: string; date?: string; text: string }> = f.endsWith('.md')
    ? [{ id: f, title: '', text: toSimplified(raw) }]
    : ingestText(f, raw).docs;
  for (const d of docs) {
    console.log(`=== ${d.id} ${d.title} ${d.date ?? ''}`);
    for (const fig of extractFigures(d.text, { date: d.date, title: d.title || undefined })) {
      const p = fig.period ? `${fig.period.year ?? '?'}|${fig.period.relYear ?? ''}|${fig.period.part ?? ''}|${fig.period.mode ?? ''}` : '-';
      console.log(`${fig.text}\t${fig.value}${fig.unit}\tsubj=${fig.subject ?? '-'}\tper=${p}\tind=${fig.indicator}\trel=${fig.relation ?? ''}/${fig.rel ?? ''}${fig.part ? '\tPART' : ''}${fig.rule ? '\tRULE' : ''}${fig.baseline ? '\tBASE' : ''}${fig.share ? '\tSHARE' : ''}\tR=${fig.right}`);
    }
  }
}
