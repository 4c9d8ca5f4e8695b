// Completion from a shared store: the phrases mined from the whole corpus are stored per generation
// with the documents they cite and a window of text around their example; a completion sends only
// the typed prefixes that could start a phrase key, and gets back the keys starting with them.
import type { CorpusDocument } from '../model';
import { toSimplified } from '../text/script';
import { typedViews } from '../phrases/typed';
import type { MinedPhrase, PhraseIndex } from '../phrases/types';

/** What completion scores per typed suffix (phrases/complete.ts MAX_RANGE, MIN_TYPED). */
export const PHRASE_RANGE = 3000;
const MIN_TYPED = 2;
/** exampleSentence reads at most 40 characters either side of an occurrence, and one more. */
const EXAMPLE_SIDE = 42;

/** A generation's phrase index apart from its phrases: what a reader needs before any lookup. */
export interface PhraseMeta {
  version: number;
  count: number;
  latestYear?: number;
  /** The longest key: a longer typed suffix starts none. */
  maxKey: number;
  /** The first two characters of every key: a typed suffix starting otherwise starts none. */
  heads: string[];
}

/** A phrase as the store keeps it: the mined phrase (document numbers of the whole index), its documents, its example's window. */
export interface StoredPhrase {
  phrase: MinedPhrase;
  docs: Array<{ n: number; id: string; source: string; title: string; date?: string; length: number }>;
  /** Text and display of the example's document from `from` on, as far as exampleSentence reads. */
  example?: { from: number; text: string; display: string };
}

/** The phrase index's meta and its phrases as stored (the writer's side). */
export function storedPhrases(
  index: PhraseIndex, docs: Pick<ReadonlyMap<string, CorpusDocument>, 'get'>, lengthOf: (d: CorpusDocument) => number = d => d.text.length,
): { meta: PhraseMeta; phrases: StoredPhrase[] } {
  return { meta: phraseMeta(index), phrases: index.phrases.map(p => storedPhrase(index, p, docs, lengthOf)) };
}

/** The phrase index's meta (what a reader needs before any lookup). */
export function phraseMeta(index: PhraseIndex): PhraseMeta {
  const heads = new Set<string>();
  let maxKey = 0;
  for (const k of index.keys) {
    heads.add(k.slice(0, MIN_TYPED));
    maxKey = Math.max(maxKey, k.length);
  }
  return { version: index.version, count: index.count, ...(index.latestYear !== undefined ? { latestYear: index.latestYear } : {}), maxKey, heads: [...heads].sort() };
}

/** One phrase as stored: its documents (title, source, date, length) and its example's window of text. */
export function storedPhrase(
  index: PhraseIndex, p: MinedPhrase, docs: Pick<ReadonlyMap<string, CorpusDocument>, 'get'>, lengthOf: (d: CorpusDocument) => number = d => d.text.length,
): StoredPhrase {
  const numbers = [...new Set([p.at[0], ...p.docs])];
  const refs = numbers.flatMap(n => {
    const d = index.docs[n] && docs.get(index.docs[n].id);
    return d ? [{ n, id: d.id, source: d.source, title: d.title, ...(d.date ? { date: d.date } : {}), length: lengthOf(d) }] : [];
  });
  const doc = index.docs[p.at[0]] && docs.get(index.docs[p.at[0]].id);
  if (!doc) return { phrase: p, docs: refs };
  const from = Math.max(0, p.at[1] - EXAMPLE_SIDE), to = Math.min(doc.text.length, p.at[2] + EXAMPLE_SIDE);
  return { phrase: p, docs: refs, example: { from, text: doc.text.slice(from, to), display: (doc.display ?? doc.text).slice(from, to) } };
}

/**
 * The keys starting with each prefix (at most PHRASE_RANGE a prefix, in key order) of an index held
 * in memory, as a store answers them (keys sorted in UTF-16 code-unit order, as PhraseIndex keeps them).
 */
export function keysByPrefix(index: Pick<PhraseIndex, 'keys' | 'keyPhrase'>, prefixes: readonly string[]): Array<{ key: string; no: number }> {
  const out: Array<{ key: string; no: number }> = [];
  const { keys, keyPhrase } = index;
  for (const q of prefixes) {
    let lo = 0, hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid] < q) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo, n = 0; i < keys.length && n < PHRASE_RANGE && keys[i].startsWith(q); i++, n++) out.push({ key: keys[i], no: keyPhrase[i] });
  }
  return out;
}

/**
 * The typed prefixes a completion at `offset` looks phrases up by (phrases/complete.ts: every suffix of
 * the typed views, two characters or more), only those that could start a key. Nothing else of the
 * draft is sent.
 */
export function phrasePrefixes(text: string, norm: string, offset: number, meta: PhraseMeta, heads: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const v of typedViews({ text, norm }, offset)) {
    for (let s = 0; s + MIN_TYPED <= v.text.length; s++) {
      const q = v.text.slice(s);
      if (q.length <= meta.maxKey && heads.has(q.slice(0, MIN_TYPED))) out.add(q);
    }
  }
  return [...out];
}

/** What service.complete reads of a draft: the line around the cursor, at most 2,000 characters either side. */
const COMPLETION_CONTEXT = 2_000;

/** phrasePrefixes for a completion at `offset` of a whole draft, read as service.complete reads it. */
export function completionPrefixes(text: string, offset: number, meta: PhraseMeta, heads: ReadonlySet<string>): string[] {
  const start = Math.max(offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1, offset - COMPLETION_CONTEXT);
  const nl = text.indexOf('\n', offset);
  const end = Math.min(nl < 0 ? text.length : nl, offset + COMPLETION_CONTEXT);
  const window = text.slice(start, end);
  return phrasePrefixes(window, toSimplified(window), offset - start, meta, heads);
}

/** The rows a store answers for some prefixes: each key starting with one of them (at most PHRASE_RANGE a prefix) and its phrase. */
export interface PhraseRows {
  keys: Array<{ key: string; no: number }>;
  phrases: Map<number, StoredPhrase>;
}

/** Text of `length` characters holding `windows` where they were, filler elsewhere (never read). */
function windowed(length: number, windows: Array<{ from: number; text: string }>): string {
  let out = '';
  for (const w of [...windows].sort((a, b) => a.from - b.from)) {
    // windows of one document overlap where two examples are near: the same text there
    if (w.from < out.length) out += w.text.slice(out.length - w.from);
    else out += ' '.repeat(w.from - out.length) + w.text;
  }
  return out.length >= length ? out.slice(0, length) : out + ' '.repeat(length - out.length);
}

/**
 * A phrase index holding the phrases found, and the documents completion reads of them (title,
 * source, date; the example's window of text at its place): completion over it answers as over the
 * whole index for the prefixes looked up.
 */
export function assemblePhrases(meta: PhraseMeta, rows: PhraseRows): { index: PhraseIndex; docs: Map<string, CorpusDocument> } {
  const keys = [...new Map(rows.keys.map(r => [`${r.key}\0${r.no}`, r])).values()]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.no - b.no));
  const localPhrase = new Map<number, number>();
  const phrases: MinedPhrase[] = [];
  const localDoc = new Map<number, number>();
  const docList: PhraseIndex['docs'] = [];
  const docInfo = new Map<number, StoredPhrase['docs'][number]>();
  const windows = new Map<number, Array<{ from: number; text: string; display: string }>>();
  const docNo = (n: number) => {
    let k = localDoc.get(n);
    if (k === undefined) {
      localDoc.set(n, (k = docList.length));
      const d = docInfo.get(n);
      docList.push({ id: d?.id ?? `#${n}`, ...(d?.date ? { date: d.date } : {}) });
    }
    return k;
  };
  for (const r of keys) {
    if (localPhrase.has(r.no)) continue;
    const s = rows.phrases.get(r.no);
    if (!s) continue;
    for (const d of s.docs) docInfo.set(d.n, d);
    if (s.example) (windows.get(s.phrase.at[0]) ?? windows.set(s.phrase.at[0], []).get(s.phrase.at[0])!).push(s.example);
    localPhrase.set(r.no, phrases.length);
    phrases.push({ ...s.phrase, docs: s.phrase.docs.map(docNo), at: [docNo(s.phrase.at[0]), s.phrase.at[1], s.phrase.at[2]] });
  }
  const present = keys.filter(r => localPhrase.has(r.no));
  const docs = new Map<string, CorpusDocument>();
  for (const [n, d] of docInfo) {
    if (!localDoc.has(n)) continue;
    const w = windows.get(n) ?? [];
    docs.set(d.id, {
      id: d.id, source: d.source, title: d.title, ...(d.date ? { date: d.date } : {}),
      text: windowed(d.length, w), display: windowed(d.length, w.map(x => ({ from: x.from, text: x.display }))), map: [],
    });
  }
  const index: PhraseIndex = {
    version: meta.version, count: meta.count,
    ...(meta.latestYear !== undefined ? { latestYear: meta.latestYear } : {}),
    docs: docList, phrases, keys: present.map(r => r.key), keyPhrase: present.map(r => localPhrase.get(r.no)!),
  };
  return { index, docs };
}
