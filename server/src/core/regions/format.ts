// How regions are written in messages and hovers.
import { chainOf, type Gazetteer } from './gazetteer';

/** 广东省 › 深圳市 › 宝安区 */
export function formatChain(gaz: Gazetteer, code: string): string {
  return chainOf(gaz, code).map(r => r.name).join(' › ');
}
