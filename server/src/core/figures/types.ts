// The figure record shared by extraction, the index, the checks and hover. JSON-serialisable:
// the edge caches extractFigures' result per corpus file.
import type { UnitKind, RelationClass, Bound } from './lexicon';
import type { Period } from './period';

export interface Figure {
  /** The whole figure as written: qualifier, number, unit (近12亿元). Offsets into the analysed text. */
  start: number;
  end: number;
  /** Just the numeral (12 in 近12亿元), for quick fixes that swap the number. */
  numStart: number;
  numEnd: number;
  text: string;
  /** Normalised value in `unit` (5.8万家次 -> 58000, 近12亿元 -> 1200000000). */
  value: number;
  /** Upper end of a range (3-4个小时). */
  high?: number;
  /** Rounding step of what was written, in `unit`. */
  step: number;
  /** Normalised unit: '%', 'pp', '元', '家次', '倍', 'fraction' … */
  unit: string;
  /** The unit as written after the number (万家次, 亿元, 个百分点). */
  unitText: string;
  kind: UnitKind;
  /** 余, 近, 超, 约, 以上 … and which way it bends the value. */
  qualifier?: string;
  bound?: Bound;
  /** The relation word before the number (同比增长, 下降, 占比, 达) and its class. */
  relation?: string;
  rel?: RelationClass;
  /** A ratio (rate, share): 办结率, 占比. */
  share?: boolean;
  /** What is counted or measured (规模以上工业增加值, 走访企业, 干部). */
  indicator: string;
  /** The indicator was taken from the words after the unit (对52家次企业实施停产整顿). */
  fromRight?: boolean;
  /** Text before the number in its clause, and after the unit, for matching. */
  left: string;
  right: string;
  /** Region key (宝安, 成都), '全国', or undefined when unclear. */
  subject?: string;
  period?: Period;
  /** A rule or a target, not a statistic (每周不少于2次, 力争…). Kept for hover, skipped by checks. */
  rule?: boolean;
  /** One of a 分别 list whose items could not be paired with the figures. */
  ambiguous?: boolean;
  /** The baseline of a comparison (比一九五二年的827亿元), not a statement of its own. */
  baseline?: boolean;
  /** The end of a change 由A…提高到B: the value A it started from (same unit). */
  changeFrom?: number;
  /** A part listed after 其中 / 包括. */
  part?: boolean;
  /** For a part: the index (in the same extraction) of its total. */
  partOf?: number;
  sentenceStart: number;
  clauseStart: number;
}
