// Mines the corpus for standard phrases: recurring word n-grams that combine freely with their
// neighbours (branching entropy on both sides), quoted formulas (“放管服”, “五大路径”) and runs
// that carry figures (截至…年…月), each with its count, documents and an example sentence.
import debrisWords from './data/debris-words.json';
import edgeWords from './data/edge-words.json';
import { findQuotedFormulas } from './formulas';
import { branchingEntropy, countGrams, eachOccurrence, gramWords, type GramTable } from './ngrams';
import { buildKeys } from './prefixIndex';
import { buildStream, type MiningInput, type TokenStream } from './stream';
import { INDEX_VERSION, type MinedPhrase, type PhraseIndex } from './types';
import { CLOSE_QUOTE, OPEN_QUOTE, quotesBalanced, setYears, SLOT, yearOf } from './text';

export interface MineOptions {
  /** Occurrences a run of words needs (in at least two documents). */
  minCount: number;
  maxTokens: number;
  maxChars: number;
  /** Branching entropy (nats) a phrase needs on each side. */
  minEntropy: number;
  /** Documents listed per phrase. */
  maxDocs: number;
  /** The most frequent left neighbours kept per phrase (0: none; the shipped table keeps a few). */
  leftWords: number;
}

export const DEFAULT_MINE_OPTIONS: MineOptions = {
  minCount: 3,
  maxTokens: 10,
  maxChars: 20,
  minEntropy: 0.8,
  maxDocs: 5,
  leftWords: 0,
};

/** A run with figures whose figures are the same in this share of its uses is a fixed formula (再延长30年). */
const FIXED_FIGURE_SHARE = 0.75;
const FIXED_MIN_DOCS = 3;

const NOT_FIRST = new Set(edgeWords.notFirst);
const NOT_LAST = new Set(edgeWords.notLast);
const FREE = new Set(edgeWords.freeNeighbours);
const FREE_LEFT = new Set(edgeWords.freeLeft);
const NOT_FIRST_OF_SHORT = new Set(edgeWords.notFirstOfShort);
const LAST_UNLESS_CLOSES = new Set(edgeWords.lastUnlessCloses);
const CLOSERS = new Set(edgeWords.closers);
const DEBRIS = debrisWords.contains;

export function mine(inputs: readonly MiningInput[], options: Partial<MineOptions> = {}): PhraseIndex {
  const opts = { ...DEFAULT_MINE_OPTIONS, ...options };
  const stream = buildStream(inputs);
  const order = inputs.map((_, i) => i).sort((a, b) => dateKey(inputs[a]) - dateKey(inputs[b]) || a - b);
  const rankOfDoc = new Int32Array(inputs.length);
  order.forEach((d, r) => (rankOfDoc[d] = r));

  const t = countGrams(stream, rankOfDoc, opts);
  const words = (g: number) => gramWords(t, g).map(w => stream.words[w]);
  const texts = t.count.map((_, g) => words(g).join(''));

  const candidate = new Uint8Array(t.count.length);
  const byText = new Map<string, number>();
  for (let g = 0; g < t.count.length; g++) {
    const verdict = candidacy(t, g, words(g), texts[g]);
    if (verdict === NO) continue;
    candidate[g] = verdict;
    const other = byText.get(texts[g]);
    if (other === undefined || t.count[other] < t.count[g]) byText.set(texts[g], g);
  }
  const free = new Uint8Array(stream.words.length);
  const closers = new Uint8Array(stream.words.length);
  const freeLeft = new Uint8Array(stream.words.length);
  stream.words.forEach((w, id) => {
    free[id] = FREE.has(w) ? 1 : 0;
    freeLeft[id] = FREE_LEFT.has(w) ? 1 : 0;
    closers[id] = CLOSERS.has(w) ? 1 : 0;
  });
  // The words before each phrase, for the typed context (only when asked: the shipped table keeps them).
  const context = opts.leftWords > 0 ? new Map<number, number>() : undefined;
  const { left, right, closes } = branchingEntropy(stream, t, candidate, free, closers, freeLeft, context);

  const keep = new Uint8Array(t.count.length);
  const gated = (g: number): boolean => {
    // A phrase ending in a one-character function word (碳达峰碳中和 cut …/中/和) is kept only if
    // it usually ends a clause: a real conjunction never does.
    if (candidate[g] === IF_CLOSES && closes[g] < MIN_CLOSES) return false;
    // Three characters (稳增长, 补短板) need more evidence than longer phrases.
    if (t.chars[g] === 3) {
      const ws = words(g);
      if (t.count[g] < SHORT_MIN_COUNT || closes[g] < SHORT_MIN_CLOSES || NOT_FIRST_OF_SHORT.has(ws[0])) return false;
      if (left[g] < opts.minEntropy) return false;
      if (ws[ws.length - 1].length < 2 && closes[g] < SHORT_ONE_CHAR_LAST_CLOSES) return false;
    }
    return right[g] >= opts.minEntropy || t.size[g] === 1;
  };
  for (const g of byText.values()) {
    // A single segmenter word is a unit already; only n-grams must prove they are one.
    if (gated(g) && (t.size[g] === 1 || left[g] >= opts.minEntropy)) keep[g] = 1;
  }
  // A phrase nearly always preceded by the same word (治理体系和治理能力现代化 after 国家) fails
  // on its left, but writers reach it from the middle: keep the word-boundary tails of kept phrases.
  for (const g of byText.values()) {
    if (!keep[g] || t.size[g] < 3) continue;
    const ws = words(g);
    for (let j = 1; j < ws.length - 1; j++) {
      const tail = byText.get(ws.slice(j).join(''));
      if (tail !== undefined && t.chars[tail] >= 4 && gated(tail)) keep[tail] = 1;
    }
  }

  const phrases: MinedPhrase[] = [];
  const docsOf = collectDocs(t, stream, keep, rankOfDoc, opts.maxDocs);
  const fixed = fixedFigures(t, stream, inputs, rankOfDoc, keep, g => words(g).includes(SLOT));
  const leftOf = context ? topLeftWords(context, stream, keep, opts.leftWords) : undefined;
  for (let g = 0; g < t.count.length; g++) {
    if (!keep[g]) continue;
    const ws = words(g);
    const figures = fixed.get(g);
    const template = ws.includes(SLOT) && !figures;
    const pos = figures ? figures.pos : t.bestPos[g];
    const d = stream.doc[pos];
    const startOff = stream.start[pos];
    const endOff = stream.end[pos + t.size[g] - 1];
    const phrase: MinedPhrase = {
      phrase: figures ? figures.text : texts[g],
      kind: template ? 'template' : t.size[g] === 1 ? 'word' : 'ngram',
      count: t.count[g],
      docCount: t.docCount[g],
      closes: Math.round(closes[g] * 100) / 100,
      docs: docsOf.get(g) ?? [],
      at: [rankOfDoc[d], startOff, endOff],
    };
    if (template) phrase.snippet = templateSnippet(ws);
    const lw = leftOf?.get(g);
    if (lw?.length) phrase.left = lw;
    setYears(phrase, inputs[order[t.minRank[g]]].doc.date, inputs[order[t.maxRank[g]]].doc.date);
    phrases.push(phrase);
  }

  const at = new Map(phrases.map((p, i) => [p.phrase, i]));
  for (const f of findQuotedFormulas(inputs, order, rankOfDoc, opts.maxDocs)) {
    if (DEBRIS.some(w => f.phrase.includes(w))) continue;
    const i = at.get(f.phrase) ?? at.get(`${OPEN_QUOTE}${f.phrase}${CLOSE_QUOTE}`);
    if (i === undefined) {
      at.set(f.phrase, phrases.length);
      phrases.push(f);
    } else if (2 * f.count >= phrases[i].count) {
      // Mostly written in quotes: the quoted form says how it is published.
      phrases[i] = f;
    }
  }

  phrases.sort((a, b) => b.count - a.count || (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0));
  const { keys, keyPhrase } = buildKeys(phrases);
  const years = inputs.map(i => yearOf(i.doc.date)).filter((y): y is number => y !== undefined);
  // No undefined-valued fields: the index must equal its JSON round trip.
  const index: PhraseIndex = {
    version: INDEX_VERSION,
    count: phrases.length,
    docs: order.map(d => (inputs[d].doc.date ? { id: inputs[d].doc.id, date: inputs[d].doc.date } : { id: inputs[d].doc.id })),
    phrases,
    keys,
    keyPhrase,
  };
  if (years.length) index.latestYear = years.reduce((a, b) => Math.max(a, b));
  return index;
}

function dateKey(input: MiningInput): number {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(input.doc.date ?? '');
  return m ? Number(m[1]) * 10000 + Number(m[2] ?? 0) * 100 + Number(m[3] ?? 0) : 0;
}

const NO = 0;
const YES = 1;
const IF_CLOSES = 2;
const MIN_CLOSES = 0.6;
/** Three-character runs of words (稳就业, 河长制, 碳中和) need more evidence than longer ones. */
const SHORT_MIN_COUNT = 5;
const SHORT_MIN_CLOSES = 0.5;
const SHORT_ONE_CHAR_LAST_CLOSES = 0.8;
/** Occurrences that let a phrase from a single document in. */
const SINGLE_DOC_COUNT = 5;

function candidacy(t: GramTable, g: number, ws: string[], text: string): number {
  if (t.docCount[g] < 2 && !(t.count[g] >= SINGLE_DOC_COUNT && /^[\u3400-\u9fff]{4,}$/.test(text))) return NO;
  const n = ws.length;
  if (t.chars[g] < 3 || (t.chars[g] === 3 && ws.length < 2)) return NO;
  const first = ws[0];
  const last = ws[n - 1];
  if (NOT_FIRST.has(first)) return NO;
  if (first === SLOT || last === SLOT || first === CLOSE_QUOTE || last === OPEN_QUOTE) return NO;
  if (first === '、' || last === '、') return NO;
  if (!quotesBalanced(text)) return NO;
  // A formula wholly inside quotes is found (with its quotes) by the quoted-formula pass.
  if (first === OPEN_QUOTE && last === CLOSE_QUOTE && text.indexOf(CLOSE_QUOTE) === text.length - 1) return NO;
  if (ws.filter(w => w === SLOT).length > 3) return NO;
  if (ws.every(w => w === SLOT || w.length === 1) && n > 2) return NO;
  if (DEBRIS.some(w => text.includes(w))) return NO;
  if (NOT_LAST.has(last)) return LAST_UNLESS_CLOSES.has(last) && n > 1 ? IF_CLOSES : NO;
  return YES;
}

function templateSnippet(ws: string[]): string {
  let k = 0;
  return ws.map(w => (w === SLOT ? `\${${++k}}` : w.replace(/[$}\\]/g, m => `\\${m}`))).join('');
}

/**
 * Runs with figures whose figures are nearly always the same (第二轮土地承包到期后再延长30年, 到2035年):
 * the text as written, with a use in the newest document that has those figures.
 */
function fixedFigures(
  t: GramTable, stream: TokenStream, inputs: readonly MiningInput[], rankOfDoc: Int32Array, keep: Uint8Array,
  isTemplate: (g: number) => boolean,
): Map<number, { text: string; pos: number }> {
  const template = new Uint8Array(t.count.length);
  for (let g = 0; g < t.count.length; g++) if (keep[g] && isTemplate(g)) template[g] = 1;
  const tally = new Map<number, Map<string, { n: number; pos: number; rank: number }>>();
  t.at.forEach((at, level) => {
    eachOccurrence(at, (i, g) => {
      if (!template[g]) return;
      let text = '';
      for (let k = 0; k <= level; k++) {
        const p = i + k;
        const doc = inputs[stream.doc[p]].doc.text;
        text += stream.seq[p] === stream.numId ? doc.slice(stream.start[p], stream.end[p]) : stream.words[stream.seq[p]];
      }
      let m = tally.get(g);
      if (!m) tally.set(g, (m = new Map()));
      const rank = rankOfDoc[stream.doc[i]];
      const v = m.get(text);
      if (!v) m.set(text, { n: 1, pos: i, rank });
      else {
        v.n++;
        if (rank > v.rank) Object.assign(v, { pos: i, rank });
      }
    });
  });
  const out = new Map<number, { text: string; pos: number }>();
  for (const [g, m] of tally) {
    let best: [string, { n: number; pos: number }] | undefined;
    for (const e of m) if (!best || e[1].n > best[1].n || (e[1].n === best[1].n && e[0] < best[0])) best = e;
    // A rate (增长5%, 办结率100%) is a value of its year, not part of a formula.
    if (!best || /[%％]|左右/.test(best[0]) || t.docCount[g] < FIXED_MIN_DOCS) continue;
    if (best[1].n >= 3 && best[1].n >= FIXED_FIGURE_SHARE * t.count[g]) out.set(g, { text: best[0], pos: best[1].pos });
  }
  return out;
}

/** The `k` most frequent left neighbours of each kept gram (ties by word), most frequent first. */
function topLeftWords(
  leftCounts: Map<number, number>, stream: TokenStream, keep: Uint8Array, k: number,
): Map<number, string[]> {
  const V1 = stream.words.length + 1;
  const lists = new Map<number, Array<[string, number]>>();
  for (const [key, c] of leftCounts) {
    const g = Math.floor(key / V1);
    if (!keep[g] || c < 2) continue;
    const w = stream.words[key - g * V1];
    let l = lists.get(g);
    if (!l) lists.set(g, (l = []));
    l.push([w, c]);
  }
  const out = new Map<number, string[]>();
  for (const [g, l] of lists) {
    l.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    out.set(g, l.slice(0, k).map(e => e[0]));
  }
  return out;
}

/** The most recent documents of each kept gram, as date ranks (newest first). */
function collectDocs(
  t: GramTable, stream: TokenStream, keep: Uint8Array, rankOfDoc: Int32Array, maxDocs: number,
): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const at of t.at) {
    eachOccurrence(at, (i, g) => {
      if (!keep[g]) return;
      const r = rankOfDoc[stream.doc[i]];
      let list = out.get(g);
      if (!list) out.set(g, (list = []));
      if (list.includes(r)) return;
      if (list.length < maxDocs) list.push(r);
      else if (r > list[list.length - 1]) list[list.length - 1] = r;
      else return;
      list.sort((a, b) => b - a);
    });
  }
  return out;
}
