// Prints (as JSON lines) every finding of a sequence of drafts and edits of them, checked one after
// the other by one service (so every cache is exercised), for comparing two trees:
//   node --import tsx tools/check-speed/findings.ts ROOT OUT.jsonl [--corpus DIR] [--real N]
// ROOT is a checkout (this one, or `git archive` of an older commit with node_modules linked).
// --real N adds N stretches of 20,000 characters of ../shared/corpus/gwr-national, each checked once
// (as a draft just opened), against seeds + ../shared/corpus (the bench's never-checked row).
// --shared adds every .md / .txt file under ../shared/corpus and ../shared/eval as a draft (checked once,
// no edits), after the drafts and their edits.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
  const realArg = process.argv.indexOf('--real');
  const real = realArg > 0 ? Number(process.argv[realArg + 1]) : 0;
  const corpus = corpusArg > 0 ? [process.argv[corpusArg + 1]] : real ? [join(shared, 'corpus')] : [];
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
  if (process.argv.includes('--shared')) {
    const walk = (dir: string): string[] => readdirSync(dir).sort().flatMap(f => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : /\.(md|txt)$/.test(f) ? [p] : [];
    });
    // the dev-real county drafts joined to 20,000 characters (bench/db.ts's county row) and edits of it
    const real = files(join(shared, 'eval/dev-real')).filter(f => !f.endsWith('README.md')).map(f => readFileSync(f, 'utf8'));
    let county = '';
    for (let i = 0; real.length && county.length < 20_000; i++) county += `${real[i % real.length]}\n\n`;
    for (const [i, t] of [county.slice(0, 20_000), ...edits(county.slice(0, 20_000))].entries()) {
      lines.push(JSON.stringify({ file: 'county-20k', version: i, findings: service.check(snap, t) }));
    }
    for (const file of [...walk(join(shared, 'corpus')), ...walk(join(shared, 'eval'))]) {
      lines.push(JSON.stringify({ file: file.slice(shared.length + 1), version: 0, findings: service.check(snap, readFileSync(file, 'utf8')) }));
    }
  }
  if (real) {
    const dir = join(shared, 'corpus/gwr-national');
    let long = '';
    for (const f of files(dir, /\.txt$/).reverse()) long += readFileSync(f, 'utf8') + '\n\n';
    for (let i = 0; i < real && (i + 1) * 20_000 <= long.length; i++) {
      lines.push(JSON.stringify({ file: `gwr-national@${i * 20_000}`, version: 0, findings: service.check(snap, long.slice(i * 20_000, (i + 1) * 20_000)) }));
    }
  }
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`${lines.length} checks of ${drafts.length} drafts`);
}
void main();
