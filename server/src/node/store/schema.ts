// The office index in PostgreSQL: files by content hash, their documents (with figures), and the
// lookup keys (figure keys, claims, region mentions). A build writes a new generation (the list of
// files it holds) and switches `meta.live` to it in one transaction: readers see the old one or the new.
export const SCHEMA = 'policy_draft';
/** Bump when the tables change shape; a reader of another version falls back to the local index. */
export const SCHEMA_VERSION = 5;
/**
 * The channel the indexer notifies (pg_notify, in its switch's transaction: sent at the commit) when a
 * new generation goes live; payload: the generation. Readers LISTEN on it (reader.ts). `meta.live` says
 * `notifies: true` when its writer does, so a reader of an index written without it polls.
 */
export const LIVE_CHANNEL = 'policy_draft_live';

export const DDL = `
CREATE SCHEMA IF NOT EXISTS ${SCHEMA};
SET search_path TO ${SCHEMA};
CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS files (
  id bigserial PRIMARY KEY,
  source text NOT NULL,
  hash text NOT NULL,
  analysis int NOT NULL,
  bytes bigint NOT NULL,
  skipped text,
  info jsonb NOT NULL,
  line_starts jsonb NOT NULL,
  grams jsonb NOT NULL,
  token_lengths jsonb NOT NULL DEFAULT '[]',
  UNIQUE (source, hash, analysis)
);
CREATE TABLE IF NOT EXISTS docs (
  file_id bigint NOT NULL REFERENCES files ON DELETE CASCADE,
  ord int NOT NULL,
  doc_id text NOT NULL,
  title text NOT NULL,
  date text,
  body jsonb NOT NULL,
  figures jsonb NOT NULL,
  PRIMARY KEY (file_id, ord)
);
CREATE TABLE IF NOT EXISTS figure_keys (
  key text NOT NULL,
  file_id bigint NOT NULL REFERENCES files ON DELETE CASCADE,
  ord int NOT NULL,
  PRIMARY KEY (key, file_id, ord)
);
CREATE INDEX IF NOT EXISTS figure_keys_file ON figure_keys (file_id);
CREATE TABLE IF NOT EXISTS claims (
  file_id bigint NOT NULL REFERENCES files ON DELETE CASCADE,
  ord int NOT NULL,
  figure int NOT NULL,
  subject text,
  indicator text,
  period text,
  value double precision,
  unit text NOT NULL,
  kind text NOT NULL,
  base text,
  key text
);
CREATE INDEX IF NOT EXISTS claims_key ON claims (key, file_id, ord);
CREATE INDEX IF NOT EXISTS claims_file ON claims (file_id);
CREATE INDEX IF NOT EXISTS claims_lookup ON claims (subject, indicator, period);
CREATE TABLE IF NOT EXISTS mentions (
  file_id bigint NOT NULL REFERENCES files ON DELETE CASCADE,
  ord int NOT NULL,
  name text NOT NULL,
  start_at int NOT NULL,
  end_at int NOT NULL,
  codes text[] NOT NULL,
  cite jsonb
);
CREATE INDEX IF NOT EXISTS mentions_name ON mentions (name);
CREATE INDEX IF NOT EXISTS mentions_codes ON mentions USING gin (codes);
CREATE INDEX IF NOT EXISTS mentions_file ON mentions (file_id);
-- what the region checks and hovers read, one row per (name or code, document): how many mentions,
-- and the first one (the hover cites each document's first mention). 'n:'+name, 'c:'+resolved code.
CREATE TABLE IF NOT EXISTS mention_docs (
  key text NOT NULL,
  file_id bigint NOT NULL REFERENCES files ON DELETE CASCADE,
  ord int NOT NULL,
  n int NOT NULL,
  start_at int NOT NULL,
  end_at int NOT NULL,
  cite jsonb,
  PRIMARY KEY (key, file_id, ord)
);
CREATE INDEX IF NOT EXISTS mention_docs_file ON mention_docs (file_id);
CREATE TABLE IF NOT EXISTS generations (
  id bigserial PRIMARY KEY,
  started timestamptz NOT NULL,
  finished timestamptz NOT NULL,
  stats jsonb NOT NULL,
  common_grams jsonb NOT NULL,
  phrases jsonb NOT NULL DEFAULT '{}'
);
-- what a reader fetches of a name or code: one row per generation and key (mentionNames), written at
-- the switch from mention_docs. body = {n, docs, sources, titles, rest, rows: [[doc_id, source, title,
-- date, n, start, end, cite start, cite end], ...]}: every document's row (rest null), or, for a key in
-- many documents (MENTION_SUMMARY_DOCS) whose counts no one source can change, only the latest
-- documents' rows (the region hover cites the latest three) and rest = [sources, titles] left at least
-- when the documents of any one source are left out.
CREATE TABLE IF NOT EXISTS mention_names (
  generation bigint NOT NULL REFERENCES generations ON DELETE CASCADE,
  key text NOT NULL,
  body jsonb NOT NULL,
  PRIMARY KEY (generation, key)
);
-- what a reader fetches of a figure or claim key: one row per generation and key (written at the
-- switch from figure_keys), docs = the documents holding it as 'file_id.ord.file_order' separated by
-- spaces, file_order being the file's place in the generation (generation_files.ord). One index probe
-- and one short value per key a draft asks, where figure_keys joined to generation_files gave a row per
-- key and document.
CREATE TABLE IF NOT EXISTS key_docs (
  generation bigint NOT NULL REFERENCES generations ON DELETE CASCADE,
  key text NOT NULL,
  docs text NOT NULL,
  PRIMARY KEY (generation, key)
);
-- the phrases mined from a generation's documents (completion): each phrase with the documents it
-- cites and its example's window of text; looked up by key prefix (only the typed prefix is sent)
CREATE TABLE IF NOT EXISTS phrases (
  generation bigint NOT NULL REFERENCES generations ON DELETE CASCADE,
  no int NOT NULL,
  body jsonb NOT NULL,
  PRIMARY KEY (generation, no)
);
CREATE TABLE IF NOT EXISTS phrase_keys (
  generation bigint NOT NULL REFERENCES generations ON DELETE CASCADE,
  key text COLLATE "C" NOT NULL,
  no int NOT NULL
);
CREATE INDEX IF NOT EXISTS phrase_keys_prefix ON phrase_keys (generation, key COLLATE "C");
CREATE TABLE IF NOT EXISTS generation_files (
  generation bigint NOT NULL REFERENCES generations ON DELETE CASCADE,
  file_id bigint NOT NULL REFERENCES files ON DELETE CASCADE,
  ord int NOT NULL,
  PRIMARY KEY (generation, file_id)
);
CREATE INDEX IF NOT EXISTS generation_files_file ON generation_files (file_id);
`;

/**
 * A name or code in more documents than this is stored summarised (mention_names) when no one source
 * can change what the region checks conclude from its counts.
 */
export const MENTION_SUMMARY_DOCS = 8;

/** One advisory lock for the writers of an index: two indexers never build at once. */
export const WRITER_LOCK = 1_504_151_515;
