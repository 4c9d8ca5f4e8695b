// What the request thread needs from the core and the file-system edge, bundled on its own
// (server/out/engine.js): server.js stays small, answers `initialize`, and loads this afterwards.
export { describeCorpus, formatCorpusReport } from '../core/corpus/report';
export { createLocalizer } from '../core/l10n';
export { resolveCorpusPaths } from '../node/corpusFiles';
export {
  createNodeService, phraseLibraryFiles, readBuiltinLibrary, readPhraseLibraries, readTeamRegions, readText, seedsDir,
} from '../node/environment';
export { describeFileProblem } from '../node/files';
import type { CorpusSnapshot, CorpusStats } from '../core/corpus/snapshot';
import type { PolicyService } from '../core/service';
import { assemblePhrases, type PhraseMeta, type PhraseRows } from '../core/store/phrases';

export { assemblePartial } from '../core/store';
export { completionPrefixes } from '../core/store/phrases';

/** The small index a completion reads: the phrases of its typed prefixes (assemblePhrases), no analyses. */
export function completionSnapshot(service: PolicyService, meta: PhraseMeta, rows: PhraseRows, stats: CorpusStats): CorpusSnapshot {
  const { index, docs } = assemblePhrases(meta, rows);
  return { ...service.assemble([], index), docs, stats };
}
