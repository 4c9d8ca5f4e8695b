// Builds corpus analyses in a worker thread, so segmentation and extraction never block requests.
// Long-lived: keeps the previous analyses so an edit to one corpus file re-analyses only that file.
import { parentPort } from 'node:worker_threads';
import type { FileAnalysis } from './core/corpus/snapshot';
import type { PolicyService } from './core/service';
import { createNodeService } from './node/environment';
import { indexCorpus, type IndexResult } from './node/indexer';

export interface IndexRequest {
  id: number;
  paths: string[];
  locale?: string;
  /** Forget previous analyses and the disk cache (the "rebuild index" command). */
  fresh?: boolean;
  cacheDir?: string | null;
}

export type IndexReply =
  | { id: number; type: 'progress'; done: number; total: number; file?: string }
  | { id: number; type: 'done'; result: IndexResult }
  | { id: number; type: 'error'; message: string };

let service: PolicyService | undefined;
let previous: FileAnalysis[] = [];

parentPort?.on('message', (req: IndexRequest) => {
  const post = (m: IndexReply) => parentPort?.postMessage(m);
  try {
    service ??= createNodeService(req.locale);
    if (req.fresh) previous = [];
    let last = 0;
    const result = indexCorpus(service, req.paths, {
      previous,
      cacheDir: req.fresh ? null : req.cacheDir,
      onProgress: p => {
        const now = Date.now();
        if (now - last > 100 || p.done === p.total) {
          last = now;
          post({ id: req.id, type: 'progress', ...p });
        }
      },
    });
    previous = result.files;
    post({ id: req.id, type: 'done', result });
  } catch (e) {
    post({ id: req.id, type: 'error', message: (e as Error).stack ?? String(e) });
  }
});
