// Dev harness (not a test): a naive ingestion of seed files so the figures feature can be run
// before the real text/ingest.ts lands. Usage: node --import tsx test/unit/figures/harness.ts FILE...
import { readFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { extractFigures } from '../../../server/src/core/figures/index';

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

export interface NaiveDoc { id: string; source: string; title: string; date?: string; text: string; offset: number; raw: string }

/** Splits on lines "-", takes the first line as title and a trailing YYYY-MM-DD line as date. */
export function naiveIngest(source: string, raw: string): NaiveDoc[] {
  const text = toSimplified(raw.replace(/\(([a-zü]+[1-5]?)\)/g, m => ' '.repeat(m.length)));
  const docs: NaiveDoc[] = [];
  let offset = 0;
  text.split('\n-\n').forEach((p, i) => {
    const start = offset;
    offset += p.length + 3;
    const lines = p.split('\n');
    const title = lines.find(l => l.trim() && l.trim() !== '-')?.trim() ?? '';
    const dateLine = lines.map(l => l.trim()).reverse().find(l => /^\d{4}-\d{2}-\d{2}$/.test(l));
    if (!p.trim()) return;
    docs.push({ id: `${source}#${i}`, source, title, date: dateLine, text: p, offset: start, raw: text });
  });
  return docs;
}

if (process.argv[1]?.endsWith('harness.ts')) {
  for (const f of process.argv.slice(2)) {
    const raw = readFileSync(f, 'utf8');
    const docs: Array<{ id: string; title: string; date?: string; text: string }> = f.endsWith('.md') ? [{ id: f, title: '', text: raw }] : naiveIngest(f, raw);
    for (const d of docs) {
      console.log(`=== ${d.id} ${d.title} ${d.date ?? ''}`);
      for (const fig of extractFigures(d.text, { date: d.date, title: d.title || undefined })) {
        const p = fig.period ? `${fig.period.year ?? '?'}|${fig.period.part ?? ''}|${fig.period.mode ?? ''}` : '-';
        console.log(`${fig.text}\t${fig.value}${fig.unit}\tsubj=${fig.subject ?? '-'}\tper=${p}\tind=${fig.indicator}\trel=${fig.relation ?? ''}/${fig.rel ?? ''}${fig.part ? '\tPART' : ''}${fig.rule ? '\tRULE' : ''}${fig.share ? '\tSHARE' : ''}\tR=${fig.right}`);
      }
    }
  }
}
