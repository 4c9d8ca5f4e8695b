// Prints (as JSON lines) every finding of a sequence of drafts and edits of them, checked one after
// the other by one service (so every cache is exercised), for comparing two trees:
//   node --import tsx tools/check-speed/findings.ts ROOT OUT.jsonl [--corpus DIR]
// ROOT is a checkout (this one, or `git archive` of an older commit with node_modules linked).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [root, out] = process.argv.slice(2);
const corpusArg = process.argv.indexOf('--corpus');
const here = join(__dirname, '../..');
const shared = join(here, '../shared');

function files(dir: string, ext = /\.(md|txt)$/): string[] {
  return existsSync(dir) ? readdirSync(dir).filter(f => ext.test(f)).sort().map(f => join(dir, f)) : [];
}

/** Deterministic edits a writer makes: a character typed, replaced, deleted; a line split and joined. */
function edits(text: string): string[] {
  const outs: string[] = [];
  let t = text;
  for (let k = 1; k <= 8; k++) {
    const at = Math.floor((t.length * k) / 9);
    const op = k % 4;
    if (op === 0) t = t.slice(0, at) + '\n' + t.slice(at);
    else if (op === 1) t = t.slice(0, at) + ['县', '全', '區', '“', '》', '镇', '1', '、'][k - 1] + t.slice(at + 1);
    else if (op === 2) t = t.slice(0, at) + t.slice(at + 1);
    else t = t.slice(0, at) + ['市', '区', '（', '。'][k % 4] + t.slice(at);
    outs.push(t);
  }
  outs.push(text);
  return outs;
}

async function main() {
  const { createNodeService, seedsDir } = await import(join(root, 'server/src/node/environment'));
  const { resolveCorpusPaths } = await import(join(root, 'server/src/node/corpusFiles'));
  const { indexCorpus } = await import(join(root, 'server/src/node/indexer'));
  const service = createNodeService('en');
  const corpus = corpusArg > 0 ? [process.argv[corpusArg + 1]] : [];
  const r = indexCorpus(service, resolveCorpusPaths([seedsDir(), ...corpus], root).files, { cacheDir: `/tmp/check-speed-cache-${root.replace(/\W/g, '_')}` });
  const snap = service.assemble(r.files, r.phrases);
  const drafts = [
    join(here, 'examples/draft.md'),
    ...files(join(here, 'seeds')),
    ...files(join(shared, 'eval/dev')),
    ...files(join(shared, 'eval/dev-real')),
    ...files(join(here, 'test/eval')),
  ];
  const lines: string[] = [];
  for (const file of drafts) {
    const text = readFileSync(file, 'utf8');
    for (const [i, t] of [text, ...edits(text)].entries()) {
      lines.push(JSON.stringify({ file: file.slice(here.length + 1), version: i, findings: service.check(snap, t) }));
    }
  }
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`${lines.length} checks of ${drafts.length} drafts`);
}
void main();
