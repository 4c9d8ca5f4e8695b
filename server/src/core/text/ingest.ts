// Cleans a decoded corpus file into documents: splits several articles in one file, removes web
// debris and spam lines, removes pinyin left after characters by a broken conversion, keeps an
// offset map back to the file, and converts to simplified characters for matching.
import type { CorpusDocument } from '../model';
import debris from './debris.json';
import { CleanedTextBuilder, lineStarts } from './offsetMap';
import { toSimplified } from './script';

export type NoteKind = 'debris' | 'spam' | 'pinyin' | 'lost-character' | 'articles' | 'traditional' | 'no-date' | 'page-chunks';

export interface IngestNote {
  kind: NoteKind;
  count: number;
  /** 0-based line of the first instance in the source file. */
  line?: number;
  example?: string;
}

export interface IngestResult {
  docs: CorpusDocument[];
  notes: IngestNote[];
  /** Line starts of the decoded source file, to turn offsets into line/character. */
  lineStarts: number[];
}

interface Line {
  start: number;
  /** End of content, before \r?\n. */
  end: number;
  /** Start of the next line. */
  next: number;
  text: string;
}

const DEBRIS = debris.lines.map(p => new RegExp(p, 'i'));
const SPAM_WORDS = debris.spamWords.map(w => w.toLowerCase());
const META_DATE = new RegExp(debris.metaDate);
const SEPARATOR = /^[-—–]{1,3}$/;
const DATE_LINE = /^[(（]?(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?[)）]?$/;
const ARTICLE_HEAD = /^第[一二三四五六七八九十百\d]+篇\s*[:：]\s*(.+)$/;
// A newspaper page: each article's body starts "本报记者 X" or "本报北京1月18日电", under its headline.
const PRESS_START = /^本报(记者|[^\s，,。]{1,8}\d{1,2}月\d{1,2}日电)/;
// Page-chunk numbering of document-sharing sites: "2、" starting a line in mid-sentence.
const CHUNK = /^(\d{1,3})、/;
const FILE_YEAR = /(?:^|[\\/])((?:19|20)\d{2})[_\-年]/;
// A syllable in parentheses right after a Chinese character: 總結(jié), 經(jīng)濟.
const PINYIN = /(?<=[\u3400-\u9fff])[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[)）]/g;
// U+FFFD: a character lost in a broken conversion. (A plain "?" may be a real question mark.)
const LOST = /\uFFFD+/g;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    lines.push({ start, end, next: nl + 1, text: text.slice(start, end) });
    if (nl >= text.length) break;
    start = nl + 1;
  }
  return lines;
}

function isSpam(line: string): boolean {
  const l = line.toLowerCase();
  let hits = 0;
  for (const w of SPAM_WORDS) if (l.includes(w)) hits++;
  return hits >= debris.spamMinHits && /[,，]/.test(line) && !/[。；]/.test(line);
}

function pad(n: string): string {
  return n.padStart(2, '0');
}

function dateOf(line: string): string | undefined {
  const m = DATE_LINE.exec(line.trim());
  return m ? `${m[1]}-${pad(m[2])}-${pad(m[3])}` : undefined;
}

function cleanTitle(line: string): string {
  return line
    .trim()
    .replace(PINYIN, '')
    .replace(ARTICLE_HEAD, '$1')
    .replace(/\.(docx?|pdf|txt|html?)$/i, '')
    .replace(/^#+\s*/, '')
    .trim();
}

// A place named with its level: 阜平县, 保定市, 河北省.
const PLACE_SUFFIX = /[\u4e00-\u9fff][省市区县旗州]/;
// How far into a document its title may stand (lines after the article's first).
const TITLE_LINES = 12;
// ——2014年2月10日在保定市第十四届人民代表大会第二次会议上: the date the report was given
const MEETING_DATE = /^[—–―\-─]*\s*(?:[^\d]{0,12})?((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日.{0,40}(?:会议|大会|会上)/;
/**
 * Lines at the top of a report page that are not its title: the salutation (各位代表：), a section
 * heading (一、2014年工作回顾), the meeting line (——2014年2月10日在…会议上), the speaker's name and
 * office, a publication line (发布时间：…), a download button, a news headline in brackets.
 */
const FURNITURE = [
  /^各位(代表|委员|同志)/,
  /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、．])/,
  /^[—–―\-─]/,
  /^(?:(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)/,
  /(?:代表大会|人大).{0,12}(?:会议|次会)(?:上)?$/,
  /(?:人民政府|政府)?(?:省长|市长|县长|区长|旗长|州长|主席)[\s\u4e00-\u9fff]{0,8}$/,
  /(?:届人大|工作回顾)$/,
  /^[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,2}$/,
  /^(?:发布|上传|更新)?(?:时间|日期|机构|人)[:：]/,
  /^(?:下载|打印|收藏|分享|返回)/,
  /^【[^】]{0,8}】/,
];

function isFurniture(line: string): boolean {
  return FURNITURE.some(re => re.test(line)) || line.replace(/[\s\p{P}]/gu, '').length < 2;
}

/** 政府工作报告, 政 府 工 作 报 告, 工作报告: a title that names the kind of document only. */
function isGenericTitle(title: string): boolean {
  return /^(?:(?:人民)?政府)?(?:工作)?报告(?:（[^）]*）)?$/.test(title.replace(/\s+/g, ''));
}

/**
 * A title from the file's name when the page has none: 2021_阜平_2021年阜平县政府工作报告.txt ->
 * 2021年阜平县政府工作报告, 2009_保定市_政府工作报告_repo.txt -> 保定市政府工作报告. Parts that are
 * numbers or ASCII words, or that another part contains, are dropped.
 */
function nameTitle(source: string): string | undefined {
  const parts = baseName(source).split(/[_\s]+/).filter(p => /[\u4e00-\u9fff]/.test(p));
  const kept = parts.filter((p, i) => !parts.some((q, j) => j !== i && q.length > p.length && q.includes(p)));
  const title = kept.join('');
  return title.length >= 4 ? title : undefined;
}

function baseName(source: string): string {
  const name = source.split(/[\\/]/).pop() ?? source;
  return name.replace(/\.[^.]+$/, '');
}

class Notes {
  private byKind = new Map<NoteKind, IngestNote>();
  add(kind: NoteKind, line?: number, example?: string, count = 1): void {
    const n = this.byKind.get(kind);
    if (n) n.count += count;
    else this.byKind.set(kind, { kind, count, line, example: example?.slice(0, 80) });
  }
  list(): IngestNote[] {
    return [...this.byKind.values()];
  }
}

/** Removes pinyin debris and lost-character marks from one line, keeping the offset map. */
function keepLine(b: CleanedTextBuilder, text: string, line: Line, lineNo: number, notes: Notes): void {
  const cuts: Array<[number, number, NoteKind]> = [];
  for (const re of [PINYIN, LOST]) {
    re.lastIndex = 0;
    for (let m = re.exec(line.text); m; m = re.exec(line.text)) {
      cuts.push([line.start + m.index, line.start + m.index + m[0].length, re === PINYIN ? 'pinyin' : 'lost-character']);
    }
  }
  cuts.sort((a, b) => a[0] - b[0]);
  let pos = line.start;
  for (const [s, e, kind] of cuts) {
    if (s < pos) continue;
    b.keep(pos, s);
    notes.add(kind, lineNo, text.slice(Math.max(line.start, s - 2), e));
    pos = e;
  }
  b.keep(pos, line.end);
}

/**
 * Splits a decoded file into articles. Recognised layouts: articles separated by a line "-"
 * (title line, body, date line), articles headed "第一篇：…", or one article per file.
 */
function articleRanges(lines: Line[], skip: boolean[]): Array<[number, number]> {
  const seps = lines.map((l, i) => (!skip[i] && SEPARATOR.test(l.text.trim()) ? i : -1)).filter(i => i >= 0);
  if (seps.length > 0) {
    const ranges: Array<[number, number]> = [];
    let from = 0;
    for (const s of [...seps, lines.length]) {
      if (s > from) ranges.push([from, s]);
      from = s + 1;
    }
    return ranges;
  }
  const heads = lines.map((l, i) => (ARTICLE_HEAD.test(l.text.trim()) ? i : -1)).filter(i => i >= 0);
  if (heads.length > 1) {
    const ranges: Array<[number, number]> = [];
    if (heads[0] > 0) ranges.push([0, heads[0]]);
    heads.forEach((h, k) => ranges.push([h, k + 1 < heads.length ? heads[k + 1] : lines.length]));
    return ranges;
  }
  const press = lines.map((l, i) => (!skip[i] && PRESS_START.test(l.text.trim()) ? i : -1)).filter(i => i >= 0);
  if (press.length > 1) {
    const starts = press.map(i => {
      // The headline: up to two short lines just above, without sentence-final punctuation.
      let start = i, taken = 0;
      for (let j = i - 1; j >= 0 && taken < 2; j--) {
        const t = lines[j].text.trim();
        if (!t || skip[j]) continue;
        if (t.length > 40 || /[。！？；]$/.test(t)) break;
        start = j;
        taken++;
      }
      return start;
    });
    starts[0] = 0;
    return starts.map((s, k) => [s, k + 1 < starts.length ? starts[k + 1] : lines.length] as [number, number]).filter(([a, b]) => b > a);
  }
  return [[0, lines.length]];
}

/** Lines that continue the previous one after a page-chunk number ("2、向正…"): numbered 1, 2, 3 … in order. */
function chunkContinuations(lines: Line[]): Set<number> {
  const numbered = lines.map((l, i) => [i, CHUNK.exec(l.text)?.[1]] as const).filter(([, n]) => n !== undefined);
  const out = new Set<number>();
  let expect = 1;
  const run: number[] = [];
  for (const [i, n] of numbered) {
    if (Number(n) === expect) {
      run.push(i);
      expect++;
    }
  }
  // A real list is short and its items end in full sentences; page chunks run on and break mid-sentence.
  const broken = run.filter(i => i > 0 && !/[。！？；：”」]\s*$/.test(lines[i - 1].text)).length;
  if (run.length >= 3 && broken >= run.length / 2) run.forEach(i => out.add(i));
  return out;
}

export function ingestText(source: string, text: string): IngestResult {
  const lines = splitLines(text);
  const notes = new Notes();
  const skip = lines.map(() => false);
  let metaDate: string | undefined;
  lines.forEach((l, i) => {
    // Debris is recognised in simplified form: the same site furniture appears in both scripts.
    const t = toSimplified(l.text.trim());
    if (!t) return;
    const meta = META_DATE.exec(t);
    if (meta && !metaDate) metaDate = `${meta[1]}-${pad(meta[2])}-${pad(meta[3])}`;
    if (DEBRIS.some(re => re.test(t))) {
      skip[i] = true;
      notes.add('debris', i, t);
    } else if (isSpam(t)) {
      skip[i] = true;
      notes.add('spam', i, t);
    }
  });
  const fileYear = FILE_YEAR.exec(source)?.[1];
  const ranges = articleRanges(lines, skip);
  if (ranges.length > 1) notes.add('articles', undefined, undefined, ranges.length - 1);

  const chunks = chunkContinuations(lines);
  if (chunks.size) notes.add('page-chunks', [...chunks][0], undefined, chunks.size);
  const docs: CorpusDocument[] = [];
  for (const [from, to] of ranges) {
    const b = new CleanedTextBuilder(text);
    let title = '';
    let date: string | undefined;
    let meetingDate: string | undefined;
    let hasText = false;
    for (let i = from; i < to; i++) {
      const l = lines[i];
      const t = l.text.trim();
      if (skip[i] || !t || SEPARATOR.test(t)) continue;
      const d = dateOf(t);
      if (d) {
        date ??= d;
        // A date standing alone between title and body is furniture; keep it if it is the body.
        continue;
      }
      // ——2026年1月27日在…会议上 / 时间：2024/1/23: the page dates the document
      const meeting = MEETING_DATE.exec(t);
      if (meeting) meetingDate ??= `${meeting[1]}-${pad(meeting[2])}-${pad(meeting[3])}`;
      if (!title && i - from < TITLE_LINES) {
        const candidate = cleanTitle(t);
        if (candidate.length <= 60 && !/[。；：:]$/.test(candidate) && !isFurniture(candidate)) title = candidate;
      }
      if (chunks.has(i) && CHUNK.exec(l.text)![1] !== '1') {
        // Drop the chunk number and join to the previous line: the sentence runs on.
        const prefix = CHUNK.exec(l.text)![0].length;
        keepLine(b, text, { ...l, start: l.start + prefix, text: l.text.slice(prefix) }, i, notes);
        hasText = true;
        continue;
      }
      if (hasText) b.insert('\n', l.start);
      if (chunks.has(i)) {
        const prefix = CHUNK.exec(l.text)![0].length;
        keepLine(b, text, { ...l, start: l.start + prefix, text: l.text.slice(prefix) }, i, notes);
      } else keepLine(b, text, l, i, notes);
      hasText = true;
    }
    const display = b.toString();
    if (!display.trim()) continue;
    date ??= meetingDate ?? metaDate ?? fileYear;
    // a generic or missing title (政 府 工 作 报 告): the file's name says whose report it is
    // (or a subtitle that names no place, 五次会议文件(1), when the file's name does)
    const named = nameTitle(source);
    if (!title || isGenericTitle(title) || (named && !PLACE_SUFFIX.test(title) && PLACE_SUFFIX.test(named) && /报告|讲话|总结|汇报/.test(named))) {
      title = named ?? (title ? title.replace(/\s+/g, '') : '');
    }
    if (!date) notes.add('no-date', from);
    const simplified = toSimplified(display);
    if (simplified !== display) {
      let changed = 0;
      for (let i = 0; i < display.length; i++) if (display[i] !== simplified[i]) changed++;
      notes.add('traditional', from, undefined, changed);
    }
    docs.push({
      id: `${source}#${docs.length}`,
      source,
      title: title || baseName(source),
      date,
      text: simplified,
      display,
      map: b.runs,
    });
  }
  return { docs, notes: notes.list(), lineStarts: lineStarts(text) };
}
