// What phrase mining reads of a file, the same whether it mines on the indexing thread (node/indexer.ts)
// or in a process of its own (node/mineChild.ts): each document's id, texts and date and its token
// lengths, in file order, so the mined table is byte for byte the same either way.
import type { CorpusDocument } from '../core/model';
import type { MiningInput } from '../core/phrases/stream';

/** Appends a file's documents with their token lengths to the miner's inputs. */
export function pushMiningInputs(inputs: MiningInput[], docs: readonly CorpusDocument[], lengths: ReadonlyArray<readonly number[]>): void {
  docs.forEach((d, k) => inputs.push({ doc: { id: d.id, text: d.text, display: d.display, date: d.date }, tokenLengths: compactLengths(lengths[k] ?? []) }));
}

/** Token lengths in the smallest typed array that holds them (mining reads them as ArrayLike<number>). */
export function compactLengths(lengths: readonly number[]): ArrayLike<number> {
  let max = 0;
  for (const n of lengths) if (n > max) max = n;
  return max < 256 ? Uint8Array.from(lengths) : max < 65536 ? Uint16Array.from(lengths) : lengths;
}
