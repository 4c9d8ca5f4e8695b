// A worker thread of `policy-lint index`: analyses the files it is sent (server/out/dbIndexWorker.js).
import { parentPort, workerData } from 'node:worker_threads';
import { createNodeService } from '../environment';
import { analyseFile } from './analyze';

const service = createNodeService((workerData as { locale?: string } | undefined)?.locale);
parentPort?.on('message', (m: { id: number; path: string; hash: string }) => {
  try {
    parentPort!.postMessage({ id: m.id, result: analyseFile(service, m.path, m.hash) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: (e as Error).message });
  }
});
