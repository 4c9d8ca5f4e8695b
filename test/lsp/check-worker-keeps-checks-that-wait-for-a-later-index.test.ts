// The check worker (role 'check' of server/out/indexWorker.js) runs a check that asked for corpus
// index N when index N is live (the index worker announces it, then answers its lookups). A check that asked for a later index keeps waiting when an earlier
// one arrives (it used to be dropped: on a warm start the draft then got no diagnostics until the
// next edit). The test drives the worker directly and decides the order of the messages.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { CheckReply, CheckRequest, LookupAnswer, LookupRequest, ReaderMessage, WorkerData } from '../../server/src/indexWorker';

const bundle = join(__dirname, '../../server/out/indexWorker.js');

function startCheckWorker() {
  assert.ok(existsSync(bundle), 'run npm run build first');
  const channel = new MessageChannel();
  const flags = new Int32Array(new SharedArrayBuffer(4 * 64));
  const data: WorkerData = { role: 'check', locale: 'en', cancelFlags: flags.buffer as SharedArrayBuffer, snapshots: channel.port2 };
  const worker = new Worker(bundle, { workerData: data, transferList: [channel.port2] });
  const replies: CheckReply[] = [];
  const waiters: Array<() => void> = [];
  worker.on('message', (m: CheckReply) => {
    replies.push(m);
    for (const w of waiters.splice(0)) w();
  });
  /** Resolves with the first reply (already received or coming) that matches. */
  const reply = <T extends CheckReply>(what: string, match: (m: CheckReply) => m is T, timeoutMs = 120_000) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply: ${what}; got ${JSON.stringify(replies.map(r => r.type))}`)), timeoutMs);
      const look = () => {
        const m = replies.find(match);
        if (m) {
          clearTimeout(timer);
          resolve(m);
        } else waiters.push(look);
      };
      look();
    });
  const check = (id: number, generation: number, text: string): CheckRequest =>
    ({ type: 'check', id, generation, teamVersion: 0, text, severities: {} });
  // the index worker's side: announces an index, answers every lookup with nothing found
  let live = 0;
  const snapshot = (generation: number): ReaderMessage => {
    live = generation;
    return { type: 'reader', generation, stats: { files: 0, skippedFiles: 0, documents: 0, characters: 0 }, commonGrams: [] };
  };
  channel.port1.on('message', (m: LookupRequest) => {
    channel.port1.postMessage({ type: 'answer', id: m.id, generation: live, value: [] } satisfies LookupAnswer);
  });
  channel.port1.unref();
  return { worker, port: channel.port1, replies, reply, check, snapshot };
}

type Result = Extract<CheckReply, { type: 'result' }>;
const resultOf = (id: number) => (m: CheckReply): m is Result => m.type === 'result' && m.id === id;
const snapshotNotice = (generation: number) => (m: CheckReply): m is Extract<CheckReply, { type: 'snapshot' }> =>
  m.type === 'snapshot' && m.generation === generation;

test('a check waiting for a later index still runs when an earlier index arrives first', async () => {
  const w = startCheckWorker();
  try {
    // Check 1 asks for index 2; index 1 arrives first, then index 2.
    w.worker.postMessage(w.check(1, 2, '宝安区组织全区591名干部挂点对接区内企业。'));
    // Check 2 asks for index 1: it runs when index 1 is in (and shows that index 1 was read).
    w.worker.postMessage(w.check(2, 1, '全区经济运行平稳。'));
    w.port.postMessage(w.snapshot(1));
    await w.reply('index 1 read', snapshotNotice(1));
    const second = await w.reply('check 2', resultOf(2));
    assert.equal(second.generation, 1);
    assert.equal(w.replies.some(m => 'id' in m && m.id === 1 && m.type !== 'started'), false, 'check 1 answered before its index arrived');
    w.port.postMessage(w.snapshot(2));
    const first = await w.reply('check 1, after index 2', resultOf(1));
    assert.equal(first.generation, 2);
  } finally {
    await w.worker.terminate();
  }
});

test('checks that asked for no particular index run at once, in the order they came', async () => {
  const w = startCheckWorker();
  try {
    w.worker.postMessage(w.check(1, 0, '全区经济运行平稳。'));
    w.worker.postMessage(w.check(2, 0, '宝安区组织全区591名干部。'));
    const [a, b] = await Promise.all([w.reply('check 1', resultOf(1)), w.reply('check 2', resultOf(2))]);
    assert.equal(a.generation, 0);
    assert.equal(b.generation, 0);
    const order = w.replies.filter((m): m is Result => m.type === 'result').map(m => m.id);
    assert.deepEqual(order, [1, 2]);
  } finally {
    await w.worker.terminate();
  }
});
