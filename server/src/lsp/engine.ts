// What the request thread needs from the core, bundled on its own (server/out/engine.js) and loaded
// only when there is something for it to do: team phrase libraries to parse, the corpus report, a
// phrase added to a library. Hover, completion and document symbols are the answer worker's
// (lsp/answerWorker.ts): this thread never builds the gazetteer, the converters or the phrase table.
export { formatCorpusReport } from '../core/corpus/report';
export { createNodeService, readPhraseLibraries } from '../node/environment';
