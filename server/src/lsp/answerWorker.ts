// The answer workers (role 'answer' of server/out/indexWorker.js): hover, document symbols and the
// corpus report's text in one ('hover' part), completion, the team libraries and the shipped phrase
// table in the other ('complete' part), off the thread that reads the client's messages. Everything
// they build the first time (the gazetteer, the near-miss index, the converters, the phrase table)
// is built here, so the request thread never holds a request for it: it only routes requests and
// answers; and reading the phrase table never holds a hover. Per open draft a worker keeps the text
// (sent once per version) and, for hover, the index answer the draft's last check read; completion
// asks the index worker for the phrases of the typed prefixes over its own port and never waits for
// phrases to be mined: until they are, it answers from the team libraries and the shipped table and
// says the corpus phrases are still coming.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { CorpusSnapshot, CorpusStats } from '../core/corpus/snapshot';
import type { HeadingSymbol } from '../core/headings';
import type { CompletionResult, HoverResult } from '../core/model';
import type { PhraseLibrary } from '../core/phrases';
import { assemblePartial, type PartialCorpus, type SnapshotCache } from '../core/store';
import { assemblePhrases, completionPrefixes, type PhraseMeta } from '../core/store/phrases';
import { formatCorpusReport, type CorpusReport } from '../core/corpus/report';
import { createNodeService, readBuiltinLibrary, readPhraseLibraries, type TeamFileProblem } from '../node/environment';
import { trace, traced } from '../node/trace';

/** What the request thread sends the answer worker. */
export type AnswerRequest =
  /** A draft's text at a version (sent only when the worker does not have that version). */
  | { type: 'text'; uri: string; version: number; text: string }
  | { type: 'close'; uri: string }
  /** The index answer a draft's last check read (undefined: none: its hovers read the empty index). */
  | { type: 'corpus'; uri: string; partial?: PartialCorpus }
  /** The team libraries (parsed by the request thread) and whether the shipped table is wanted. */
  | { type: 'libraries'; libraries: PhraseLibrary[]; builtin: boolean }
  /** The port completion asks the index worker's phrases over (a new one with each index worker). */
  | { type: 'phrase-port'; port: MessagePort }
  /** The live local index (0: none yet). */
  | { type: 'live'; generation: number; stats: CorpusStats }
  /** Build hover's tables now (idle time), then the shipped table; posts 'warm' when done. */
  | { type: 'warm' }
  /** Ask the index worker for the live index's phrases now (it mines them in the background). */
  | { type: 'warm-phrases' }
  | { type: 'hover'; id: number; uri: string; offset: number; source?: string; corpus: boolean }
  | { type: 'complete'; id: number; uri: string; offset: number; office?: { meta: PhraseMeta; rows: import('../core/store/phrases').PhraseRows } }
  | { type: 'symbols'; id: number; uri: string }
  /** Reads and parses the team phrase libraries (they become the ones completion reads). */
  | { type: 'parse-libraries'; id: number; files: string[]; builtin: boolean }
  /** A library file's text with a phrase added (the add-to-library command). */
  | { type: 'add-to-library'; id: number; path: string; text: string; phrase: string }
  /** The corpus report as text, in the writer's language. */
  | { type: 'format-report'; id: number; report: CorpusReport };

export type AnswerReply =
  | { type: 'warm' }
  /** The shipped table's entries the checks read (those naming a preferred form), when it has any. */
  | { type: 'builtin'; checked?: PhraseLibrary }
  | { type: 'hover'; id: number; hover: HoverResult | null }
  /** `mining`: the live index's phrases are still being mined (the items hold none of them). */
  | { type: 'complete'; id: number; items: CompletionResult[]; mining: boolean }
  | { type: 'symbols'; id: number; symbols: HeadingSymbol[] }
  | { type: 'libraries'; id: number; libraries: PhraseLibrary[]; problems: TeamFileProblem[] }
  | { type: 'text'; id: number; text: string }
  | { type: 'error'; id: number; message: string };

/** The index worker's answer to a phrase question (indexWorker.ts PhraseAnswer). */
interface PhraseAnswer {
  type: 'phrases';
  id: number;
  generation: number;
  meta?: PhraseMeta;
  rows?: import('../core/store/phrases').PhraseRows;
  /** The phrases are being mined (asked again later). */
  mining?: boolean;
  error?: string;
}

/** A completion that waits longer for the index worker (busy reading a new index) answers without the corpus phrases. */
const PHRASES_TIMEOUT_MS = 2_000;

const WARM_HOVER = '深圳市宝安区预算：全年增长5%，其中一产占3成。';

export function runAnswerWorker(): void {
  trace(`answer worker: ${(workerData as { part?: string }).part ?? 'hover'} bundle loaded`);
  const { locale, part = 'hover' } = workerData as { locale?: string; part?: 'hover' | 'complete' };
  const service = createNodeService(locale);
  const post = (m: AnswerReply) => parentPort?.postMessage(m);
  const texts = new Map<string, { version: number; text: string }>();
  const corpora = new Map<string, { partial: PartialCorpus; snapshot?: CorpusSnapshot; cache: SnapshotCache }>();
  let emptyValue: CorpusSnapshot | undefined;
  const empty = () => (emptyValue ??= service.assemble([], service.minePhrases([])));
  let team: PhraseLibrary[] = [];
  let builtinWanted = false;
  let builtin: PhraseLibrary | undefined;
  let builtinTried = false;
  let live: { generation: number; stats: CorpusStats } = { generation: 0, stats: { files: 0, skippedFiles: 0, documents: 0, characters: 0 } };

  /** The shipped table, read once (first completion, or the last warm-up step). */
  const loadBuiltin = () => {
    if (!builtinWanted || builtinTried) return;
    builtinTried = true;
    builtin = traced('answer worker: shipped phrase table read', () => readBuiltinLibrary(service));
    // the checks only use entries that name a preferred form (the shipped table has none today)
    const entries = builtin?.entries.filter(e => e.preferredOver?.length) ?? [];
    if (builtin && entries.length) post({ type: 'builtin', checked: { source: builtin.source, name: builtin.name, builtin: true, entries, problems: [] } });
  };
  const libraries = () => (builtinWanted && builtin ? [...team, builtin] : team);

  // ---- the index worker's phrases ----
  let phrasePort: MessagePort | undefined;
  let nextQuery = 1;
  const queries = new Map<number, (a: PhraseAnswer | undefined) => void>();
  let meta: { generation: number; meta: PhraseMeta; heads: Set<string> } | undefined;
  let lastCompletion: { generation: number; key: string; snapshot: CorpusSnapshot } | undefined;
  const ask = (q: { op: 'meta' } | { op: 'rows'; prefixes: string[] }): Promise<PhraseAnswer | undefined> => {
    const port = phrasePort;
    if (!port) return Promise.resolve(undefined);
    const id = nextQuery++;
    return new Promise(resolve => {
      const timer = setTimeout(() => done(undefined), PHRASES_TIMEOUT_MS);
      const done = (a: PhraseAnswer | undefined) => {
        clearTimeout(timer);
        queries.delete(id);
        resolve(a);
      };
      queries.set(id, done);
      try {
        port.postMessage({ type: 'phrases', id, ...q });
      } catch {
        done(undefined);
      }
    });
  };
  /** The generation whose phrases the index worker said it is mining (it posts a notice when done): not asked meanwhile. */
  let miningOf: number | undefined;
  /** The live index's phrase meta, or 'mining' while its phrases are mined, or undefined (no index, no answer). */
  const liveMeta = async (): Promise<typeof meta | 'mining'> => {
    if (meta && meta.generation === live.generation) return meta;
    if (!live.generation) return undefined;
    if (miningOf === live.generation) return 'mining';
    const a = await ask({ op: 'meta' });
    if (a?.mining) {
      miningOf = a.generation;
      return 'mining';
    }
    if (!a?.meta) return undefined;
    if (meta?.generation !== a.generation) meta = { generation: a.generation, meta: a.meta, heads: new Set(a.meta.heads) };
    return meta.generation === live.generation ? meta : undefined;
  };

  /** What a completion at `offset` reads of the corpus (its typed prefixes' phrases), and whether they are still being mined. */
  const completionSnapshot = async (text: string, offset: number): Promise<{ snapshot: CorpusSnapshot; mining: boolean }> => {
    const m = await liveMeta();
    if (m === 'mining') return { snapshot: empty(), mining: true };
    if (!m) return { snapshot: empty(), mining: false };
    const prefixes = completionPrefixes(text, offset, m.meta, m.heads);
    const key = prefixes.join('\n');
    if (lastCompletion && lastCompletion.generation === m.generation && lastCompletion.key === key) return { snapshot: lastCompletion.snapshot, mining: false };
    const a = await ask({ op: 'rows', prefixes });
    if (a?.mining) {
      miningOf = a.generation;
      return { snapshot: empty(), mining: true };
    }
    if (!a?.rows || a.generation !== m.generation) return { snapshot: empty(), mining: false };
    const { index, docs } = assemblePhrases(m.meta, a.rows);
    const snapshot = { ...service.assemble([], index), docs, stats: live.stats };
    lastCompletion = { generation: m.generation, key, snapshot };
    return { snapshot, mining: false };
  };

  const snapshotOf = (uri: string, withCorpus: boolean): CorpusSnapshot => {
    const c = withCorpus ? corpora.get(uri) : undefined;
    if (!c) return empty();
    return (c.snapshot ??= traced('answer worker: draft snapshot assembled', () => assemblePartial(c.partial, service.gazetteer, c.cache)));
  };

  // ---- warm-up, in steps (a request that arrives in between goes first) ----
  let warmed = false;
  let warming = false;
  // (the hover worker builds what hover reads; the completion worker the converters completion reads, then the shipped table)
  const warmSteps: Array<[string, () => unknown]> = part === 'hover' ? [
    ['gazetteer', () => service.gazetteer],
    ['region hover', () => service.hover(empty(), WARM_HOVER, WARM_HOVER.indexOf('宝安区') + 1)],
    ['figure hover', () => service.hover(empty(), WARM_HOVER, WARM_HOVER.indexOf('5%'))],
  ] : [
    ['completion', () => service.complete(empty(), WARM_HOVER, 4, team)],
    ['phrase table', () => loadBuiltin()],
  ];
  const warm = () => {
    if (warmed || warming) return;
    warming = true;
    trace(`answer worker: ${part} warm-up begins`);
    let i = 0;
    const next = () => {
      if (i < warmSteps.length) {
        const [what, step] = warmSteps[i++];
        try {
          traced(`answer worker: warm-up step ${what}`, step);
        } catch {
          /* the request that needs it reports it */
        }
        setImmediate(next);
        return;
      }
      warmed = true;
      trace(`answer worker: ${part} warmed up`);
      post({ type: 'warm' });
    };
    setImmediate(next);
  };

  parentPort?.on('message', async (m: AnswerRequest) => {
    switch (m.type) {
      case 'text':
        texts.set(m.uri, { version: m.version, text: m.text });
        return;
      case 'close':
        texts.delete(m.uri);
        corpora.delete(m.uri);
        return;
      case 'corpus':
        if (m.partial) corpora.set(m.uri, { partial: m.partial, cache: corpora.get(m.uri)?.cache ?? {} });
        else corpora.delete(m.uri);
        // once hover is built, the draft's snapshot is assembled now rather than by its next hover
        if (m.partial && part === 'hover' && warmed) {
          const uri = m.uri;
          setImmediate(() => {
            try {
              if (corpora.has(uri)) snapshotOf(uri, true);
            } catch {
              /* its hover reports it */
            }
          });
        }
        return;
      case 'libraries':
        team = m.libraries;
        builtinWanted = m.builtin;
        if (!builtinWanted) builtin = undefined, builtinTried = false;
        return;
      case 'phrase-port':
        phrasePort?.close();
        for (const q of [...queries.values()]) q(undefined);
        phrasePort = m.port;
        m.port.on('message', (a: PhraseAnswer) => {
          if (a.id === 0) {
            // mining ended: the next completion asks again
            if (miningOf === a.generation) miningOf = undefined;
            return;
          }
          queries.get(a.id)?.(a);
        });
        meta = undefined;
        miningOf = undefined;
        lastCompletion = undefined;
        return;
      case 'live':
        live = { generation: m.generation, stats: m.stats };
        return;
      case 'warm':
        warm();
        return;
      case 'warm-phrases':
        void liveMeta();
        return;
    }
    const text = 'uri' in m ? texts.get(m.uri)?.text ?? '' : '';
    try {
      if (m.type === 'hover') {
        post({ type: 'hover', id: m.id, hover: service.hover(snapshotOf(m.uri, m.corpus), text, m.offset, m.source) });
      } else if (m.type === 'symbols') {
        post({ type: 'symbols', id: m.id, symbols: service.symbols(text) });
      } else if (m.type === 'parse-libraries') {
        const problems: TeamFileProblem[] = [];
        team = readPhraseLibraries(service, m.files, problems);
        builtinWanted = m.builtin;
        post({ type: 'libraries', id: m.id, libraries: team, problems });
      } else if (m.type === 'add-to-library') {
        post({ type: 'text', id: m.id, text: service.addToLibrary(m.path, m.text, m.phrase) });
      } else if (m.type === 'format-report') {
        post({ type: 'text', id: m.id, text: formatCorpusReport(m.report, service.t) });
      } else if (m.type === 'complete') {
        loadBuiltin();
        let snapshot: CorpusSnapshot;
        let mining = false;
        if (m.office) {
          const { index, docs } = assemblePhrases(m.office.meta, m.office.rows);
          snapshot = { ...service.assemble([], index), docs, stats: empty().stats };
        } else ({ snapshot, mining } = await completionSnapshot(text, m.offset));
        const items = service.complete(snapshot, texts.get(m.uri)?.text ?? text, m.offset, libraries());
        if (mining) trace('answer worker: completion answered while phrases are mined');
        post({ type: 'complete', id: m.id, items, mining });
      }
    } catch (e) {
      post({ type: 'error', id: m.id, message: (e as Error).stack ?? String(e) });
    }
  });
}
