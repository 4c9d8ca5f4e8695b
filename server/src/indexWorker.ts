// The server's two worker threads, one bundle (workerData.role picks the part):
// - 'index' builds corpus analyses, so segmentation and extraction never block requests. Long-lived:
//   keeps the previous analyses so an edit to one corpus file re-analyses only that file. It is the
//   only thread that may segment (and so load the dictionaries), and only for files not in the cache.
// - 'check' runs the draft checks off the thread that answers hover and completion. It receives each
//   new index straight from the index worker over a MessageChannel (the request thread never copies it
//   twice), and checks are cancelled through a shared flag array (a newer edit, $/cancelRequest).
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { leanAnalyses, restoreAnalyses } from './core/corpus/lean';
import type { CorpusSnapshot, FileAnalysis } from './core/corpus/snapshot';
import type { PhraseIndex, PhraseLibrary } from './core/phrases';
import type { CheckSeverity, PolicyService } from './core/service';
import type { HeadingOptions } from './core/headings';
import { assemblePartial, type PartialCorpus, type SnapshotCache } from './core/store';
import type { Finding } from './core/types';
import { createNodeService } from './node/environment';
import { runExtractWorker, type ExtractWorkerData } from './node/extractPool';
import { indexCorpus, type IndexProgress, type IndexResult } from './node/indexer';
import { describeChoice, expectedSegmenter, segmenterChoice } from './node/segmenter';
import { trace } from './node/trace';

export interface IndexRequest {
  type?: 'index';
  id: number;
  paths: string[];
  locale?: string;
  /** Forget previous analyses and the disk cache (the "rebuild index" command). */
  fresh?: boolean;
  cacheDir?: string | null;
}

/** Gives the index worker the port of a (new) check worker; the last index is sent to it at once. */
export interface AttachRequest {
  type: 'attach';
  port: MessagePort;
}

export type IndexReply =
  | { id: number; type: 'progress'; done: number; total: number; file?: string }
  | { id: number; type: 'done'; result: IndexResult; segmenter?: { kind: string; description: string } }
  | { id: number; type: 'error'; message: string };

/** From the index worker to the check worker: a new corpus index, generation = index request id. */
export interface SnapshotMessage {
  type: 'snapshot';
  generation: number;
  files: FileAnalysis[];
  phrases: PhraseIndex;
}

export type CheckRequest =
  | { type: 'team'; version: number; libraries: PhraseLibrary[]; teamRegions: string[] }
  | {
      type: 'check';
      id: number;
      /** The corpus generation this check must see (0: whatever the worker has). */
      generation: number;
      teamVersion: number;
      text: string;
      severities: Record<string, CheckSeverity>;
      headings?: HeadingOptions;
      source?: string;
      /** The office index's answer for this draft: the check reads it instead of the local snapshot. */
      corpus?: PartialCorpus;
    };

export type CheckReply =
  | { type: 'result'; id: number; findings: Finding[]; generation: number; millis: number }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; message: string }
  | { type: 'snapshot'; generation: number }
  /** The check began (the host times a cancelled check from here, not from when it was queued). */
  | { type: 'started'; id: number };

export interface WorkerData {
  /** 'extract': figures and region mentions for corpus indexing (node/extractPool.ts). */
  role: 'index' | 'check' | 'extract';
  locale?: string;
  /** check: Int32Array slots; slot id % length holds id when check `id` is cancelled. */
  cancelFlags?: SharedArrayBuffer;
  /** check: the port the index worker posts snapshots to. */
  snapshots?: MessagePort;
}

const data = (workerData ?? { role: 'index' }) as WorkerData;

function runIndexWorker(): void {
  trace('index worker: bundle loaded');
  let service: PolicyService | undefined;
  // The analyses of the last index are kept here only when the disk cache could not take them;
  // otherwise the next index (and a new check worker) reads them back from the cache's pack, so
  // this thread does not hold a third copy of the corpus beside the check worker and the request thread.
  let previous: FileAnalysis[] = [];
  let last: SnapshotMessage | undefined;
  let lastRequest: IndexRequest | undefined;
  const checkPorts: MessagePort[] = [];
  const publish = (port: MessagePort, m: SnapshotMessage) => {
    try {
      port.postMessage(m);
    } catch {
      /* a closed port: its check worker is gone */
    }
  };
  const index = (req: IndexRequest, onProgress?: (p: IndexProgress) => void): { result: IndexResult; message: SnapshotMessage } => {
    service ??= createNodeService(req.locale);
    if (req.fresh) previous = [];
    const result = indexCorpus(service, req.paths, { previous, cacheDir: req.fresh ? null : req.cacheDir, onProgress, locale: req.locale });
    // Phrases are mined: the other threads need no token lengths, nor a second copy of each text.
    const files = leanAnalyses(result.files);
    previous = result.packed ? [] : result.files;
    const message: SnapshotMessage = { type: 'snapshot', generation: req.id, files, phrases: result.phrases };
    last = result.packed ? undefined : message;
    lastRequest = { ...req, fresh: false };
    return { result: { ...result, files }, message };
  };

  parentPort?.on('message', (req: IndexRequest | AttachRequest) => {
    if (req.type === 'attach') {
      checkPorts.splice(0, checkPorts.length, req.port);
      if (last) publish(req.port, last);
      else if (lastRequest) {
        try {
          publish(req.port, index(lastRequest).message);
        } catch {
          /* the check worker keeps an empty index until the next one */
        }
      }
      return;
    }
    const post = (m: IndexReply) => parentPort?.postMessage(m);
    try {
      let lastProgress = 0;
      const { result, message } = index(req, p => {
        const now = Date.now();
        if (now - lastProgress > 100 || p.done === p.total) {
          lastProgress = now;
          post({ id: req.id, type: 'progress', ...p });
        }
      });
      trace(`index worker: index ${req.id} read`);
      // The check worker first: corpus diagnostics do not wait for the request thread's copy.
      for (const port of checkPorts) publish(port, message);
      // Which segmenter cut the files: asked only when one did (a warm start never loads it).
      const choice = result.analyzed > 0 ? segmenterChoice() : undefined;
      const segmenter = choice
        ? { kind: choice.kind, description: describeChoice(choice) }
        : { kind: expectedSegmenter(), description: `${expectedSegmenter()} (not loaded: every file came from the cache)` };
      post({ id: req.id, type: 'done', result, segmenter });
    } catch (e) {
      post({ id: req.id, type: 'error', message: (e as Error).stack ?? String(e) });
    }
  });
}

function runCheckWorker(): void {
  trace('check worker: bundle loaded');
  const service = createNodeService(data.locale);
  const flags = new Int32Array(data.cancelFlags ?? new SharedArrayBuffer(4 * 64));
  let snapshot: CorpusSnapshot | undefined;
  let generation = 0;
  let team: { version: number; libraries: PhraseLibrary[]; teamRegions: Set<string> } = { version: 0, libraries: [], teamRegions: new Set() };
  const waiting: Array<Extract<CheckRequest, { type: 'check' }>> = [];
  const post = (m: CheckReply) => parentPort?.postMessage(m);
  const isCancelled = (id: number) => Atomics.load(flags, id % flags.length) === id;

  const current = (): CorpusSnapshot => (snapshot ??= service.assemble([], service.minePhrases([])));

  // the office index's documents for the last draft, kept while the next one finds the same
  const office: SnapshotCache = {};
  const run = (req: Extract<CheckRequest, { type: 'check' }>) => {
    if (isCancelled(req.id)) return post({ type: 'cancelled', id: req.id });
    post({ type: 'started', id: req.id });
    try {
      const t0 = performance.now();
      const findings = service.check(req.corpus ? assemblePartial(req.corpus, service.gazetteer, office) : current(), req.text, {
        severities: req.severities,
        headings: req.headings,
        teamRegions: team.teamRegions,
        libraries: team.libraries,
        source: req.source,
        isCancelled: () => isCancelled(req.id),
      });
      trace(`check worker: check ${req.id} (index ${generation}) done`);
      if (isCancelled(req.id)) post({ type: 'cancelled', id: req.id });
      else post({ type: 'result', id: req.id, findings, generation, millis: performance.now() - t0 });
      warmRest();
    } catch (e) {
      post({ type: 'error', id: req.id, message: (e as Error).stack ?? String(e) });
    }
  };

  data.snapshots?.on('message', (m: SnapshotMessage) => {
    try {
      trace(`check worker: index ${m.generation} received`);
      snapshot = service.assemble(restoreAnalyses(m.files), m.phrases);
      generation = m.generation;
      trace(`check worker: index ${m.generation} assembled`);
    } catch (e) {
      post({ type: 'error', id: 0, message: (e as Error).stack ?? String(e) });
      generation = m.generation;
    }
    post({ type: 'snapshot', generation });
    // Checks that asked for this index run now, in order; those that asked for a later one keep waiting.
    const all = waiting.splice(0);
    const ready = all.filter(r => r.generation <= generation || isCancelled(r.id));
    waiting.push(...all.filter(r => !ready.includes(r)));
    for (const r of ready) run(r);
  });

  parentPort?.on('message', (req: CheckRequest) => {
    if (req.type === 'team') {
      team = { version: req.version, libraries: req.libraries, teamRegions: new Set(req.teamRegions) };
      return;
    }
    for (const r of waiting.filter(w => isCancelled(w.id))) {
      waiting.splice(waiting.indexOf(r), 1);
      post({ type: 'cancelled', id: r.id });
    }
    if (req.generation > generation && !isCancelled(req.id)) {
      waiting.push(req);
      return;
    }
    run(req);
  });

  // Warm up off the request path, while the index is read, in steps (an index or a check that
  // arrives in between goes first): the gazetteer and an empty index; then the near-miss index and
  // the converters every check uses (a place name, a misspelt one, figures). The converters to the
  // Taiwan and Hong Kong standards (~2/3 of the converters' cost), which only a traditional character
  // in a simplified draft needs, are warmed once the first check is out.
  const warmUp = (text: string) => {
    try {
      service.check(current(), text, {});
    } catch {
      /* reported by the first real check */
    }
  };
  setImmediate(() => {
    try {
      current();
    } catch {
      /* reported by the first real check */
    }
    trace('check worker: gazetteer built');
    setImmediate(() => {
      warmUp('深圳市宝按区预算：全年增长5%，其中一产占3成，二产220亿元。');
      trace('check worker: warmed up');
    });
  });
  warmRest = () => {
    warmRest = () => undefined;
    setTimeout(() => {
      warmUp('預算：全年增長5%');
      trace('check worker: traditional standards warmed up');
    }, 50);
  };
}

/** Check worker: warms what the first check did not need, once (set by runCheckWorker). */
let warmRest = (): void => undefined;

if (data.role === 'check') runCheckWorker();
else if (data.role === 'extract') {
  const service = createNodeService(data.locale);
  runExtractWorker(workerData as ExtractWorkerData, parentPort!, doc => service.extractDoc(doc));
} else runIndexWorker();
