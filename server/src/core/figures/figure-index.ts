// The corpus's figures, grouped by unit for lookup. Plain data (it lives in the snapshot).
import type { CorpusDocument } from '../model';
import { hanOnly, statementKey, statementKeyOf } from './match';
import type { Figure } from './types';

export interface IndexedFigure extends Figure {
  docId: string;
}
export interface FigureIndex {
  count: number;
  /** Figures by normalised unit. */
  byUnit: Record<string, IndexedFigure[]>;
  /** Titles and dates by document id, for messages when ctx.docs lacks one. */
  docs: Record<string, { title: string; date?: string; source: string }>;
  /**
   * Bigrams of the whole corpus's clauses too common to find a restatement by (restate.ts), when this
   * index holds only part of the corpus (a draft's documents from a shared store).
   */
  commonGrams?: string[];
}

// The indexed copies of a document's figures: indexes built from the same figure list (the partial
// snapshots a store's documents are assembled into, one per draft) share them, so what is read of a
// document's figures (check-restate.ts) is kept across them. Extracted figures are never changed.
const indexedOf = new WeakMap<readonly Figure[], { docId: string; list: IndexedFigure[] }>();

export function buildIndex(docs: Array<{ doc: CorpusDocument; figures: Figure[] }>): FigureIndex {
  const index: FigureIndex = { count: 0, byUnit: {}, docs: {} };
  // (a list given twice, as under two documents, gets copies of its own each time, as before)
  const used = new Set<readonly Figure[]>();
  for (const { doc, figures } of docs) {
    index.docs[doc.id] = { title: doc.title, date: doc.date, source: doc.source };
    let kept = indexedOf.get(figures);
    if (!kept || kept.docId !== doc.id || kept.list.length !== figures.length || used.has(figures)) {
      // rules are not statistics, but a change a rule makes (低保由每月245元提高到305元) is named by its start,
      // and a forecast or target copied with a slip is still a slip (check-corpus.ts forecastMatch)
      kept = { docId: doc.id, list: figures.map(f => ({ ...f, docId: doc.id })) };
      if (!used.has(figures)) indexedOf.set(figures, kept);
    }
    used.add(figures);
    for (const x of kept.list) {
      (index.byUnit[x.unit] ??= []).push(x);
      index.count++;
    }
  }
  return index;
}

// The index is plain data (it is persisted with the snapshot); the lookup by statement kind is
// derived from it once per snapshot and dropped with it.
const byStatement = new WeakMap<FigureIndex, Map<string, IndexedFigure[]>>();

/**
 * The corpus figures that make the same kind of statement as `f` (unit, change or level, ratio,
 * average) about a subject that may be f's (subject keys compare by their ends: 珙 / 川珙).
 */
export function sameKindOf(index: FigureIndex, f: Figure): readonly IndexedFigure[] {
  if (!f.subject) return NONE;
  return lookupOf(index).get(keysOf(f).same) ?? NONE;
}

/** The lookup by statement kind of a snapshot's index, made on first use. */
function lookupOf(index: FigureIndex): Map<string, IndexedFigure[]> {
  let map = byStatement.get(index);
  if (!map) {
    map = new Map();
    for (const list of Object.values(index.byUnit)) {
      for (const c of list) {
        if (c.baseline || c.ambiguous) continue;
        if (!c.subject) {
          if (!c.rule && c.changeFrom === undefined) {
            const key = NO_SUBJECT + statementKeyOf(c) + '|' + hanOnly(c.indicator);
            (map.get(key) ?? map.set(key, []).get(key)!).push(c);
          }
          continue;
        }
        const key = statementKeyOf(c) + '|' + c.subject.slice(-1);
        if (!c.rule) (map.get(key) ?? map.set(key, []).get(key)!).push(c);
        if (c.rule && c.changeFrom === undefined) (map.get(RULES + key) ?? map.set(RULES + key, []).get(RULES + key)!).push(c);
        if (c.changeFrom !== undefined) (map.get(CHANGES + key) ?? map.set(CHANGES + key, []).get(CHANGES + key)!).push(c);
      }
    }
    byStatement.set(index, map);
  }
  return map;
}

// (an answer of none: never changed by the callers)
const NONE: readonly IndexedFigure[] = Object.freeze([]);

/**
 * A figure's keys in the lookup, made once per figure object (a draft figure is looked up by several checks;
 * its unit, kind, words and subject never change): the same kind and subject, its rules, its changes.
 */
const lookupKeys = new WeakMap<Figure, { same: string; rules: string; changes: string }>();
function keysOf(f: Figure): { same: string; rules: string; changes: string } {
  let k = lookupKeys.get(f);
  if (!k) {
    const same = statementKey(f) + '|' + (f.subject ?? '').slice(-1);
    lookupKeys.set(f, (k = { same, rules: RULES + same, changes: CHANGES + same }));
  }
  return k;
}

const CHANGES = 'change|';
const NO_SUBJECT = 'nosubject|';

/**
 * Statements of the same kind as `f`, with the same indicator words, in corpus documents that name no subject for them (speeches with
 * 全市 and no city, no date): compared on stricter evidence (check-corpus.ts unplacedMatch).
 */
export function unplacedOf(index: FigureIndex, f: Figure): readonly IndexedFigure[] {
  return lookupOf(index).get(NO_SUBJECT + statementKey(f) + '|' + hanOnly(f.indicator)) ?? NONE;
}

const RULES = 'rule|';

/** Rules, targets and forecasts (预计带动周边2000户) of the same kind of statement as `f`, subject as in sameKindOf. */
export function rulesOf(index: FigureIndex, f: Figure): readonly IndexedFigure[] {
  if (!f.subject) return NONE;
  return lookupOf(index).get(keysOf(f).rules) ?? NONE;
}

// each rules list's figures by the noun counted right after the unit (its first two Han characters)
const rulesByNoun = new WeakMap<readonly IndexedFigure[], Map<string, IndexedFigure[]>>();

/**
 * rulesOf's figures that count `noun` right after the unit (hanOnly(right, 2) === noun), in rulesOf's
 * order: a forecast copied from the corpus counts the same noun (check-corpus.ts forecastMatch), so only
 * these are read, not every rule of the kind.
 */
export function rulesCounting(index: FigureIndex, f: Figure, noun: string): readonly IndexedFigure[] {
  const list = rulesOf(index, f);
  if (list.length === 0) return list;
  let byNoun = rulesByNoun.get(list);
  if (!byNoun) {
    byNoun = new Map();
    for (const c of list) {
      const n = hanOnly(c.right, 2);
      (byNoun.get(n) ?? byNoun.set(n, []).get(n)!).push(c);
    }
    rulesByNoun.set(list, byNoun);
  }
  return byNoun.get(noun) ?? [];
}

/** Ends of changes (由A提高到B), rules' too, of the same kind of statement as `f` and a subject that may be f's. */
export function changesOf(index: FigureIndex, f: Figure): readonly IndexedFigure[] {
  if (!f.subject) return NONE;
  return lookupOf(index).get(keysOf(f).changes) ?? NONE;
}
