// Phrase mining in a short-lived process of its own (server/out/mine.js, forked by node/indexer.ts):
// it reads the finished pack's records, segments the documents the pack has no token lengths of
// (the segmenter's dictionaries load here, never in the server's threads), mines, extends the pack
// with the token lengths and the mined phrases (PackWriter.extend: copy, append, rename) and exits,
// so the memory of the dictionaries and of the mining tables goes back to the system. The indexing
// side then reads the mined table from the pack. Messages (process IPC): one MineJob in; MineMessage
// out (progress, then done or failed).
import { ANALYSIS_VERSION, type FileAnalysis } from '../core/corpus/snapshot';
import { minePhrases } from '../core/phrases';
import type { MiningInput } from '../core/phrases/stream';
import { createNodeService } from './environment';
import { pushMiningInputs } from './mine';
import { decodeRecord, decodeSegments, encodeRecord, encodeSegments, openPack, PackWriter } from './pack';

export interface MineJob {
  type: 'mine';
  packPath: string;
  /** The code fingerprint the pack was written with. */
  fp: string;
  /** The pack's trailer as the indexer left it: a pack replaced since is not mined from. */
  trailer: string;
  phraseKey: string;
  locale?: string;
  /** Every file with documents, in the order the indexer lists them: where its records are. */
  files: Array<{ source: string; hash: string; off: number; len: number; segments?: { off: number; len: number } }>;
}

export type MineMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; cut: number }
  | { type: 'failed'; reason: string };

/**
 * Mines the pack's documents and extends the pack; what to tell the indexer. `gone` is asked between
 * files and before writing: true when the indexer's process has ended (mining is then left undone).
 */
export function minePack(job: MineJob, progress: (done: number, total: number) => void, gone: () => boolean = () => false): MineMessage {
  const reader = openPack(job.packPath, job.fp);
  if (!reader || reader === 'corrupt' || !reader.header || reader.header.trailer !== job.trailer) return { type: 'failed', reason: 'the pack was replaced' };
  try {
    const service = createNodeService(job.locale);
    const inputs: MiningInput[] = [];
    const made: Array<[string, number[][]]> = [];
    for (let i = 0; i < job.files.length; i++) {
      if (gone()) return { type: 'failed', reason: 'the indexer is gone' };
      const f = job.files[i];
      const bytes = reader.read(f.off, f.len);
      const x = bytes ? (decodeRecord(bytes) as FileAnalysis | undefined) : undefined;
      if (!x || x.version !== ANALYSIS_VERSION || x.source !== f.source || x.hash !== f.hash || !Array.isArray(x.docs)) {
        return { type: 'failed', reason: `record of ${f.source} does not read` };
      }
      const docs = x.docs;
      if (docs.length === 0) continue;
      const seg = f.segments ? reader.read(f.segments.off, f.segments.len) : undefined;
      let lengths = seg ? decodeSegments(seg, docs.length) : undefined;
      if (!lengths) {
        lengths = docs.map(d => service.segmentDoc(d.text));
        made.push([f.source, lengths]);
      }
      pushMiningInputs(inputs, docs, lengths);
      progress(i + 1, job.files.length);
    }
    const value = minePhrases(inputs);
    inputs.length = 0;
    if (gone()) return { type: 'failed', reason: 'the indexer is gone' };
    const w = PackWriter.extend(job.packPath, reader.header);
    if (!w) return { type: 'failed', reason: 'the pack could not be extended' };
    let ok = true;
    for (const [source, lengths] of made) if (ok) ok = !!w.setSegments(source, encodeSegments(lengths));
    ok = ok && w.setPhrases(job.phraseKey, encodeRecord(value)) && w.finish();
    if (!ok) {
      w.abort();
      return { type: 'failed', reason: 'the pack could not be written' };
    }
    return { type: 'done', cut: made.length };
  } finally {
    reader.close();
  }
}

if (typeof process.send === 'function' && process.env.POLICY_DRAFT_MINE_CHILD === '1') {
  // The indexer's process ended (the server quit or was killed): this one ends too. Mining is one
  // synchronous run, so besides the IPC channel's closing the parent is checked between files.
  const parent = process.ppid;
  process.once('disconnect', () => process.exit(0));
  process.once('message', (job: MineJob) => {
    let last = 0;
    const send = (m: MineMessage, then?: () => void) => process.send!(m, undefined, {}, () => then?.());
    let out: MineMessage;
    try {
      out = minePack(job, (done, total) => {
        const now = Date.now();
        if (now - last < 200 && done < total) return;
        last = now;
        send({ type: 'progress', done, total });
      }, () => process.ppid !== parent || !process.connected);
    } catch (e) {
      out = { type: 'failed', reason: (e as Error).stack ?? String(e) };
    }
    if (!process.connected) process.exit(0);
    send(out, () => process.exit(0));
  });
}
