// Restatement checks align every clause with each of its neighbours and compare the indicator words of
// the aligned claims, so both are done with no set or list made (restate.ts alignInto, sameIndicator by
// char code). They must answer exactly as the simple forms they replace: units in the order the first
// clause names them, the i-th claim of a unit with the i-th; the indicator words compared as sets of code
// points (astral characters included).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { alignFigures, diceSets, sameIndicator, type Segment } from '../../../server/src/core/figures/restate';
import type { Claim } from '../../../server/src/core/figures/claims';

const OPENING_VERBS = /^(?:全年|累计|共|完成|实现)+(?=[\u4e00-\u9fff]{2})/;
function referenceSameIndicator(a: string, b: string): boolean {
  const x = a.replace(OPENING_VERBS, ''), y = b.replace(OPENING_VERBS, '');
  if (x.length < 2 || y.length < 2) return true;
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (short.length >= 3 && long.endsWith(short)) return true;
  if (x.slice(-2) !== y.slice(-2)) return false;
  const longSet = new Set(long);
  return diceSets(new Set(x), new Set(y)) >= 0.8 || [...short].every(ch => longSet.has(ch));
}

function referenceAlign(a: Segment, b: Segment): Array<[Claim, Claim]> {
  if (a.said && b.said && a.said !== b.said) return [];
  const units = new Set(a.claims.map(c => c.unit));
  const out: Array<[Claim, Claim]> = [];
  for (const u of units) {
    const xs = a.claims.filter(c => c.unit === u), ys = b.claims.filter(c => c.unit === u);
    if (xs.length !== ys.length) continue;
    xs.forEach((x, i) => out.push([x, ys[i]]));
  }
  return out;
}

const claim = (indicator: string | undefined, unit = '亿元') => ({ indicator: { value: indicator }, unit }) as unknown as Claim;
// indicator words: few characters, so that two share some; opening verbs; an astral character
const alphabet = ['全', '年', '累', '计', '共', '完', '成', '实', '现', '财', '政', '收', '入', '支', '出', '增', '加', '值', '𠀀', '5'];
const words = fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }).map(cs => cs.join(''));

test('sameIndicator by char code answers as the comparison of code point sets', () => {
  fc.assert(fc.property(words, words, (x, y) => {
    assert.equal(sameIndicator(claim(x), claim(y)), referenceSameIndicator(x, y), `${x} / ${y}`);
  }), { numRuns: 20000 });
  for (const [x, y] of [['新增城镇就业', '城镇新增就业'], ['全年财政收入', '财政收入'], ['财政支出', '财政收入'], ['城镇居民', '农村居民'], ['完成投资', '累计完成投资额']]) {
    assert.equal(sameIndicator(claim(x), claim(y)), referenceSameIndicator(x, y), `${x} / ${y}`);
  }
});

test('alignFigures pairs the claims as the unit-by-unit filter does', () => {
  const units = fc.array(fc.constantFrom('亿元', '%', '个', '人'), { maxLength: 6 });
  const said = fc.option(fc.constantFrom('全县', '高新区'), { nil: undefined });
  fc.assert(fc.property(units, units, said, said, (ua, ub, sa, sb) => {
    const a = { claims: ua.map((u, i) => claim(`a${i}`, u)), said: sa } as unknown as Segment;
    const b = { claims: ub.map((u, i) => claim(`b${i}`, u)), said: sb } as unknown as Segment;
    assert.deepEqual(alignFigures(a, b), referenceAlign(a, b));
  }), { numRuns: 5000 });
});
