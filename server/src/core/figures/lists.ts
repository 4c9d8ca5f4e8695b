// Figures that belong together: the parts of a 其中 list and their total, and the items of a
// 分别 list paired with their figures.
import { PART_MARKERS, addUnit } from './lexicon';

export { addUnit } from './lexicon';
import { clauseEnd, clauseStart, sentenceStart } from './segments';
import { startingIn } from './sorted';
import type { Figure } from './types';
import { AVERAGE, LEADING_NOISE } from './words';

/**
 * 基础设施、制造业投资分别增长9.4%、9.1%: the n-th figure after 分别 belongs to the n-th item
 * before it. When the counts differ the figures are ambiguous and left out of the checks.
 */
export function resolveRespectively(text: string, figures: Figure[]): void {
  for (let k = text.indexOf('分别'); k >= 0; k = text.indexOf('分别', k + 2)) {
    const cs = clauseStart(text, k);
    const items = text.slice(cs, k).replace(LEADING_NOISE, '').split(/[、和与及]/).map(x => x.trim()).filter(Boolean);
    const ce = clauseEnd(text, k + 2);
    const list = figures.filter(f => f.start > k && f.start < ce);
    if (list.length < 2) continue;
    if (items.length !== list.length) {
      for (const f of list) f.ambiguous = true;
      continue;
    }
    // 建成与竣工率: the items share the last one's measure word (建成率, 竣工率)
    const measure = /[率量额数值]$/.exec(items[items.length - 1])?.[0] ?? '';
    list.forEach((f, i) => {
      f.indicator = items[i].endsWith(measure) ? items[i] : items[i] + measure;
    });
  }
}

const GROUP_END = /[。！？!?；;\n]/;
const CONTRAST = /[，,](?:但是?|然而|不过|可是)/;


/** Can be a part or a total: a count or amount, not a rate, a change, a rule, a baseline or an average. */
export function canAdd(f: Figure, text: string): boolean {
  return !f.rule && f.rel !== 'increase' && f.rel !== 'decrease' && f.kind !== 'percent' && f.kind !== 'pp'
    && !f.baseline && !AVERAGE.test(text.slice(f.clauseStart, f.start));
}

/**
 * 其中 lists: the figures after the marker, to the end of its sentence, are parts of the
 * nearest figure before the marker with the same unit (only rates may stand between them),
 * in the marker's sentence or, when 其中 opens a sentence, the one before. Changes (比上年增加),
 * baselines (比…的) and averages are neither parts nor totals; the first of them ends the list.
 */
export function markParts(text: string, figures: Figure[]): void {
  for (const marker of PART_MARKERS) {
    for (let k = text.indexOf(marker); k >= 0; k = text.indexOf(marker, k + marker.length)) {
      let scopeEnd = k;
      while (scopeEnd < text.length && !GROUP_END.test(text[scopeEnd])) scopeEnd++;
      // …其中内资项目86个、外资项目52个，但截至目前只有不到30个项目签约: a clause of contrast ends the list
      const contrast = CONTRAST.exec(text.slice(k, scopeEnd));
      if (contrast) scopeEnd = k + contrast.index;
      // ；-separated items continue the list when they repeat its shape (新能源项目13个；新型化工业项目9个)
      let listFrom = sentenceStart(text, k);
      if (!text.slice(listFrom, k).replace(/[\s，,]/g, '')) listFrom = sentenceStart(text, Math.max(0, listFrom - 1));
      const first = startingIn(figures, k + 1, scopeEnd)[0];
      while (first && /[；;]/.test(text[scopeEnd] ?? '')) {
        let next = scopeEnd + 1;
        while (next < text.length && !GROUP_END.test(text[next]) && !/[。！？!?\n]/.test(text[next])) next++;
        const item = startingIn(figures, scopeEnd + 1, next)[0];
        const tail = (f: Figure) => text.slice(Math.max(f.clauseStart, f.start - 2), f.start);
        if (!item || item.unit !== first.unit || tail(item) !== tail(first) || tail(first).length < 2) break;
        // …蔬菜面积340万亩，其中设施蔬菜240万亩，蔬菜总产1200万吨；林果面积255万亩: a list that has moved on
        // to a figure no total before 其中 is of (蔬菜总产 in 吨) does not run on past the ；
        const totals = startingIn(figures, listFrom, k).filter(f => f.end <= k);
        if (startingIn(figures, k + 1, scopeEnd).some(f => f.kind !== 'percent' && f.kind !== 'pp' && !totals.some(t => addUnit(t.unit) === addUnit(f.unit)))) break;
        scopeEnd = next;
      }
      let from = sentenceStart(text, k);
      if (!text.slice(from, k).replace(/[\s，,]/g, '')) from = sentenceStart(text, Math.max(0, from - 1));
      const before = startingIn(figures, from, k).filter(f => f.end <= k);
      const stopped = new Set<string>();
      for (const f of startingIn(figures, k, scopeEnd)) {
        if (f.kind === 'percent' || f.kind === 'pp') continue;
        if (stopped.has(f.unit)) continue;
        if (!canAdd(f, text)) {
          stopped.add(f.unit);
          continue;
        }
        let total: Figure | undefined;
        for (let i = before.length - 1; i >= 0; i--) {
          if (addUnit(before[i].unit) === addUnit(f.unit)) {
            total = before[i];
            break;
          }
        }
        if (!total || !canAdd(total, text) || total.partOf !== undefined) continue;
        f.part = true;
        f.partOf = figures.indexOf(total);
      }
    }
  }
}

