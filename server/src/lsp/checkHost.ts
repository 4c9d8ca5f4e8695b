// The request thread's side of the check worker: posts a draft, resolves with its findings, or with
// undefined when the check was superseded or cancelled. A check that ignores its cancellation (one
// long feature on a huge draft) is ended by restarting the worker, so a new edit never queues behind it.
import type { MessagePort, Worker } from 'node:worker_threads';
import type { PhraseLibrary } from '../core/phrases';
import type { CheckSeverity } from '../core/service';
import type { HeadingOptions } from '../core/headings';
import type { PartialCorpus } from '../core/store';
import type { Finding } from '../core/types';
import type { CheckReply, CheckRequest, OfficeCompletion } from '../indexWorker';
import { CHECK_SLOTS as SLOTS, newCancelFlags, spawnCheckWorker, type EarlyCheckWorker } from './workers';

export interface CheckInput {
  /** Checks of the same key (a document URI) supersede each other. */
  key: string;
  text: string;
  severities: Record<string, CheckSeverity>;
  /** GB/T 9704 choices the standard leaves open (1、 or 1., every level). */
  headings?: HeadingOptions;
  source?: string;
  /** The corpus generation the check must see. */
  generation: number;
  /** The office index's answer for this draft (policyDraft.corpus.database): checked against it, not the local index. */
  corpus?: PartialCorpus;
  /** The signature of the index answer the caller holds for this key: the worker does not send it again. */
  held?: string;
}

/** What a check gives back: its findings and the index answer it read (hovers of the same draft read it too). */
export interface CheckOutcome {
  findings: Finding[];
  /** The index generation it read (0: none, or the office index). */
  generation: number;
  /** The index answer read, when it differs from the one the caller said it holds. */
  corpus?: PartialCorpus;
  /** Identifies the index answer read (undefined: the check read no index). */
  signature?: string;
  /** Which index answered: the office index, the local one standing in for it, or the local one (none set). */
  source: 'office' | 'fallback' | 'local';
}

interface Pending {
  id: number;
  key: string;
  resolve(outcome: CheckOutcome | undefined): void;
}

export class CheckHost {
  private worker: Worker | undefined;
  private readonly flags: Int32Array;
  private readonly pending = new Map<number, Pending>();
  private readonly byKey = new Map<string, number>();
  private nextId = 1;
  private team: Extract<CheckRequest, { type: 'team' }> = { type: 'team', version: 0, libraries: [], teamRegions: [] };
  private killTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  /** The check the worker is running and when it began (a queued or warming-up check is not stuck). */
  private running: { id: number; since: number } | undefined;

  /**
   * @param attach called with the port of each new check worker: the index worker answers its lookups.
   * @param restartAfterMs a cancelled check still running after this long restarts the worker.
   * @param early a worker the entry started already (lsp/start.ts): adopted by the first start().
   */
  constructor(
    private readonly locale: string,
    private readonly attach: (port: MessagePort) => void,
    private readonly onError: (message: string) => void,
    private readonly restartAfterMs = 1000,
    private early?: EarlyCheckWorker,
  ) {
    this.flags = early && early.locale === locale ? early.flags : newCancelFlags();
  }

  /** Starts the worker (it warms up the gazetteer and converter while the index is read). */
  start(): void {
    this.ensure();
  }

  /** The office index the checks ask first (policyDraft.corpus.database), or none: the check worker connects to it. */
  setOffice(url: string | undefined): void {
    if (url === this.office.url) return;
    this.office = { type: 'office', url };
    this.worker?.postMessage(this.office);
  }
  private office: Extract<CheckRequest, { type: 'office' }> = { type: 'office' };

  /**
   * The office index's phrase rows for a completion at `offset`: the check worker asks it on its
   * connection pool, the editor's only one (only the typed prefixes are sent). Undefined when no office
   * index is set, it does not answer, or the worker is busy past `timeoutMs` (a long check): the
   * caller completes from the local index.
   */
  complete(text: string, offset: number, timeoutMs = 1500): Promise<OfficeCompletion | undefined> {
    if (!this.office.url) return Promise.resolve(undefined);
    // what completionPrefixes reads: the cursor's line, at most 2,000 characters either side
    const start = Math.max(offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1, offset - 2_000);
    const nl = text.indexOf('\n', offset);
    const end = Math.min(nl < 0 ? text.length : nl, offset + 2_000);
    const worker = this.ensure();
    const id = this.nextCompletion++;
    return new Promise(resolve => {
      const timer = setTimeout(() => this.completions.get(id)?.(undefined), timeoutMs);
      this.completions.set(id, answer => {
        clearTimeout(timer);
        this.completions.delete(id);
        resolve(answer);
      });
      worker.postMessage({ type: 'complete', id, text: text.slice(start, end), offset: offset - start } satisfies CheckRequest);
    });
  }
  private readonly completions = new Map<number, (answer: OfficeCompletion | undefined) => void>();
  private nextCompletion = 1;

  setTeam(libraries: readonly PhraseLibrary[], teamRegions: ReadonlySet<string>): void {
    this.team = { type: 'team', version: this.team.version + 1, libraries: [...libraries], teamRegions: [...teamRegions] };
    this.worker?.postMessage(this.team);
  }

  check(input: CheckInput): Promise<CheckOutcome | undefined> {
    const previous = this.byKey.get(input.key);
    if (previous !== undefined) this.cancel(previous);
    const id = this.nextId++;
    this.byKey.set(input.key, id);
    const worker = this.ensure();
    return new Promise(resolve => {
      this.pending.set(id, { id, key: input.key, resolve });
      const req: CheckRequest = {
        type: 'check', id, key: input.key, generation: input.generation, teamVersion: this.team.version,
        text: input.text, severities: input.severities, headings: input.headings, source: input.source,
        ...(input.corpus ? { corpus: input.corpus } : {}), ...(input.held ? { held: input.held } : {}),
      };
      this.outstanding.push(id);
      worker.postMessage(req);
    });
  }

  /** Cancels a check by id: it resolves undefined now; the worker stops at its next cancellation point. */
  cancel(id: number): void {
    Atomics.store(this.flags, id % SLOTS, id);
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (this.byKey.get(p.key) === id) this.byKey.delete(p.key);
    p.resolve(undefined);
    this.armRestart();
  }

  /** Cancels the running check of this key, if any. */
  cancelKey(key: string): void {
    const id = this.byKey.get(key);
    if (id !== undefined) this.cancel(id);
  }

  private armRestart(): void {
    if (this.killTimer || this.disposed) return;
    const stuck = this.outstanding[0];
    this.killTimer = setTimeout(() => {
      this.killTimer = undefined;
      // Still busy with the same cancelled check, which has run that long: restart rather than let
      // others queue behind it. A check not begun yet (the worker still building the gazetteer or
      // reading an index) is waited for: a new worker would have to do that work again.
      const ranLong = restartDue(this.running, stuck, this.answered, Date.now(), this.restartAfterMs);
      if (this.worker && stuck !== undefined && this.outstanding[0] === stuck && !this.pending.has(stuck) && ranLong) this.restart();
      else if (this.outstanding.some(id => !this.pending.has(id))) this.armRestart();
    }, this.restartAfterMs);
    this.killTimer.unref();
  }

  /** Checks the current worker ran to an answer (its first one also builds what every later one reuses). */
  private answered = 0;

  /** Ids posted to the worker and not answered yet, oldest (the running one) first. */
  private outstanding: number[] = [];

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const early = this.early;
    this.early = undefined;
    const adopt = early && !early.failed() && early.locale === this.locale && early.flags === this.flags;
    if (early && !adopt) void early.worker.terminate();
    const { worker, port } = adopt && early ? early : spawnCheckWorker(this.locale, this.flags);
    this.outstanding = [];
    this.running = undefined;
    this.answered = 0;
    this.attach(port);
    worker.on('message', (m: CheckReply) => this.onMessage(m));
    worker.on('error', e => {
      this.onError(e.stack ?? String(e));
      if (this.worker === worker) this.worker = undefined;
      this.failPending();
    });
    worker.on('exit', () => {
      if (this.worker === worker) {
        this.worker = undefined;
        this.failPending();
      }
    });
    worker.unref();
    worker.postMessage(this.team);
    if (this.office.url) worker.postMessage(this.office);
    this.worker = worker;
    return worker;
  }

  /** Replaces the worker (its index port is gone): checks in flight resolve undefined and are re-run by the edge. */
  restartWorker(): void {
    if (this.disposed) return;
    if (this.worker) this.restart();
    else {
      this.ensure();
      this.onRestart?.();
    }
  }

  private restart(): void {
    const old = this.worker;
    this.worker = undefined;
    void old?.terminate();
    const waiting = [...this.pending.values()];
    this.pending.clear();
    this.byKey.clear();
    // Checks that were queued behind the stuck one resolve undefined; the edges re-run them.
    for (const p of waiting) p.resolve(undefined);
    this.ensure();
    this.onRestart?.();
  }

  /** Called after a restart so the edge can re-run its checks. */
  onRestart: (() => void) | undefined;

  private failPending(): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    this.byKey.clear();
    for (const p of waiting) p.resolve(undefined);
    for (const answer of [...this.completions.values()]) answer(undefined);
  }

  /** Called when the office index stops or starts answering the check worker. */
  onOfficeStatus: ((status: { database: boolean; message?: string }) => void) | undefined;

  /** Called when the check worker could not read the local index (it checked without the corpus). */
  onLookupFailed: ((message: string) => void) | undefined;

  private onMessage(m: CheckReply): void {
    if (m.type === 'snapshot') return;
    if (m.type === 'completion') {
      this.completions.get(m.id)?.(m.answer);
      return;
    }
    if (m.type === 'lookup-failed') {
      this.onLookupFailed?.(m.message);
      return;
    }
    if (m.type === 'office-status') {
      this.onOfficeStatus?.({ database: m.database, message: m.message });
      return;
    }
    if (m.type === 'started') {
      this.running = { id: m.id, since: Date.now() };
      return;
    }
    if (this.running?.id === m.id) {
      // a check that ran (a cancelled one answered before it began built nothing)
      this.running = undefined;
      this.answered++;
    }
    this.outstanding = this.outstanding.filter(id => id !== m.id);
    const p = this.pending.get(m.id);
    if (m.type === 'error') this.onError(m.message);
    if (!p) return;
    this.pending.delete(m.id);
    if (this.byKey.get(p.key) === m.id) this.byKey.delete(p.key);
    p.resolve(m.type === 'result' ? { findings: m.findings, generation: m.generation, corpus: m.corpus, signature: m.signature, source: m.source } : undefined);
  }

  async dispose(): Promise<boolean> {
    this.disposed = true;
    void this.early?.worker.terminate();
    this.early = undefined;
    clearTimeout(this.killTimer);
    this.failPending();
    const w = this.worker;
    this.worker = undefined;
    return terminateWithin(w, 400);
  }
}

/**
 * A worker's first check also builds what every later check reuses (the near-miss index, the script
 * converters, the first figure tables): a new worker would only build them again, so a cancelled first
 * check is given this many times longer before the worker is restarted for it.
 */
export const FIRST_CHECK_GRACE = 8;

/** Whether the cancelled check `stuck` has run long enough that restarting the worker beats waiting for it. */
export function restartDue(
  running: { id: number; since: number } | undefined, stuck: number | undefined, answered: number, now: number, limitMs: number,
): boolean {
  if (running === undefined || stuck === undefined || running.id !== stuck) return false;
  return now - running.since >= (answered === 0 ? limitMs * FIRST_CHECK_GRACE : limitMs);
}

/** Terminates a worker; false when it did not stop in time (blocked in a system call). */
export async function terminateWithin(worker: Worker | undefined, ms: number): Promise<boolean> {
  if (!worker) return true;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>(resolve => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const done = worker.terminate().then(() => true, () => true);
  const ok = await Promise.race([done, timeout]);
  clearTimeout(timer);
  return ok;
}
