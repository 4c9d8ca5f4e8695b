// What the index holds, for the writer who wants to know what the checks compare against.
import type { Localizer } from '../types';
import { docSummaries, type CorpusSnapshot } from './snapshot';

export interface CorpusReport {
  stats: CorpusSnapshot['stats'];
  files: Array<{
    source: string;
    bytes: number;
    encoding?: string;
    skipped?: string;
    detail?: string;
    documents: Array<{ title: string; date?: string; characters: number }>;
    cleaned: Array<{ kind: string; count: number; line?: number; example?: string }>;
  }>;
}

export function describeCorpus(snapshot: CorpusSnapshot): CorpusReport {
  return {
    stats: snapshot.stats,
    files: snapshot.files.map(f => ({
      source: f.source,
      bytes: f.bytes,
      encoding: f.encoding,
      skipped: f.skipped,
      detail: f.detail,
      documents: docSummaries(f).map(d => ({ title: d.title, date: d.date, characters: d.characters })),
      cleaned: f.notes.map(n => ({ kind: n.kind, count: n.count, line: n.line, example: n.example })),
    })),
  };
}

const NOTE_TEXT: Record<string, string> = {
  debris: 'web debris lines removed',
  spam: 'spam lines removed',
  pinyin: 'pinyin debris removed',
  'lost-character': 'lost-character marks removed',
  articles: 'extra articles split off',
  traditional: 'traditional characters normalised for matching',
  'no-date': 'articles without a date',
  'page-chunks': 'page-chunk numbers removed and lines rejoined',
};

const SKIP_TEXT: Record<string, string> = {
  binary: 'skipped: binary file',
  undecodable: 'skipped: not decodable as UTF-8, UTF-16 or GB18030',
  empty: 'skipped: empty file',
  'too-large': 'skipped: file too large',
  unreadable: 'skipped: cannot be read',
  unsupported: 'skipped: not a text document type (.txt, .md, .gw)',
  'not-regular': 'skipped: not a regular file',
  'link-loop': 'skipped: symbolic link loop or too long a chain of links',
};

/** Details that are stable keys (the kind of a special file, a binary format) rather than OS text. */
const DETAIL_TEXT: Record<string, string> = {
  fifo: 'a named pipe',
  socket: 'a socket',
  'character-device': 'a character device',
  'block-device': 'a block device',
  directory: 'a folder',
  other: 'not a file',
  missing: 'no such file',
  'broken-link': 'a symbolic link to nothing',
  'duplicate-folder': 'a link to a folder already in the corpus',
};

export function formatCorpusReport(r: CorpusReport, t: Localizer): string {
  const s = r.stats;
  const lines = [
    t('Corpus: {0} files ({1} skipped), {2} documents, {3} characters, dates {4} to {5}',
      s.files, s.skippedFiles, s.documents, s.characters, s.earliest ?? '?', s.latest ?? '?'),
  ];
  for (const f of r.files) {
    lines.push('');
    lines.push(`${f.source}  [${f.encoding ?? '-'}, ${f.bytes} B]`);
    if (f.skipped) lines.push(`  ${t(SKIP_TEXT[f.skipped] ?? f.skipped)}${f.detail ? ` (${DETAIL_TEXT[f.detail] ? t(DETAIL_TEXT[f.detail]) : f.detail})` : ''}`);
    for (const d of f.documents) lines.push(`  ${d.date ?? '????'}  ${d.title}  (${t('{0} characters', d.characters)})`);
    for (const n of f.cleaned) {
      const where = n.line !== undefined ? ` ${t('from line {0}', n.line + 1)}` : '';
      lines.push(`  - ${t(NOTE_TEXT[n.kind] ?? n.kind)}: ${n.count}${where}${n.example ? `, ${t('e.g.')} “${n.example}”` : ''}`);
    }
  }
  return lines.join('\n');
}
