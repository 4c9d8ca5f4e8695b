// What `policy-lint corpus --database URL` reports: the office index's live generation (files,
// documents, characters, dates, phrases), the generations kept, the size of its tables, and its files.
import type { CorpusStats } from '../corpus/snapshot';
import type { Localizer } from '../types';

export interface OfficeIndexReport {
  /** The database, without a password. */
  database: string;
  live: { generation: number; built: string; stats: CorpusStats; phrases: number };
  generations: Array<{ id: number; built: string; documents: number; files: number }>;
  /** Bytes on disk per table (with its indexes and TOAST), and in all. */
  size: { total: number; tables: Record<string, number> };
  files: Array<{ source: string; bytes: number; skipped?: string; documents: Array<{ title: string; date?: string }> }>;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function formatOfficeIndexReport(r: OfficeIndexReport, t: Localizer): string {
  const s = r.live.stats;
  const lines = [
    t('Office index {0}: generation {1}, built {2}', r.database, r.live.generation, r.live.built),
    t('Corpus: {0} files ({1} skipped), {2} documents, {3} characters, dates {4} to {5}',
      s.files, s.skippedFiles, s.documents, s.characters, s.earliest ?? '?', s.latest ?? '?'),
    t('{0} phrases for completion', r.live.phrases),
    t('Generations kept: {0}', r.generations.map(g => `${g.id} (${g.built}, ${g.documents})`).join(', ')),
    t('Size on disk: {0} ({1})', mb(r.size.total),
      Object.entries(r.size.tables).sort((a, b) => b[1] - a[1]).map(([name, bytes]) => `${name} ${mb(bytes)}`).join(', ')),
  ];
  for (const f of r.files) {
    lines.push('');
    lines.push(`${f.source}  [${f.bytes} B]${f.skipped ? `  ${f.skipped}` : ''}`);
    for (const d of f.documents) lines.push(`  ${d.date ?? '????'}  ${d.title}`);
  }
  return lines.join('\n');
}
