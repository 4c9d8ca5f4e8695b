// Word segmentation behind the core's Segmenter interface, chosen at start-up:
// - nodejieba (cppjieba, a native module) where its module is there and loads;
// - otherwise jieba-wasm (jieba-rs in WebAssembly) set up to cut the same way (segmenter-wasm.ts).
// POLICY_DRAFT_SEGMENTER=nodejieba|wasm forces one (tests, or to rule the native module out).
//
// Creating a segmenter is free: nothing is loaded until the first cut(). Which one will be used is
// decided on first need (`kind`, `describe()`, or the first cut) by loading nodejieba's native
// binding alone (a few ms, no dictionary); the dictionaries load on the first cut. Words added
// before then are kept and inserted when the dictionaries load.
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Segmenter, Token } from '../core/types';
import { loadWasmJieba, type WordCutter } from './segmenter-wasm';

export type SegmenterKind = 'nodejieba' | 'jieba-wasm';
export const SEGMENTER_ENV = 'POLICY_DRAFT_SEGMENTER';

export interface SegmenterChoice {
  kind: SegmenterKind;
  /** Why nodejieba is not used, when it is not. */
  reason?: string;
}

export interface NodeSegmenter extends Segmenter {
  /** Which engine cuts (decided on first use of this property, not at creation). */
  readonly kind: SegmenterKind;
  /** Whether the dictionaries are loaded (after the first cut). */
  readonly loaded: boolean;
  /** One line for the log: the engine and, for the fallback, why. */
  describe(): string;
}

export interface SegmenterOptions {
  /** 'auto' (default: $POLICY_DRAFT_SEGMENTER, else nodejieba if it loads), 'nodejieba' or 'wasm'. */
  prefer?: 'auto' | 'nodejieba' | 'wasm';
  /** Where nodejieba is (default: resolved from this module); tests point it at a broken copy. */
  nodejiebaDir?: string;
}

interface Nodejieba {
  cut(text: string, hmm?: boolean): string[];
  insertWord(word: string, tag?: string): boolean;
}

const req = createRequire(__filename);

function errorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0];
}

/** Loads nodejieba's native binding (no dictionary) and returns its module, or why it cannot. */
export function probeNodejieba(dir?: string): { module?: Nodejieba; reason?: string } {
  try {
    const base = dir ?? dirname(req.resolve('nodejieba/package.json'));
    req(join(base, 'build', 'Release', 'nodejieba.node'));
    return { module: req(join(base, 'index.js')) as Nodejieba };
  } catch (e) {
    return { reason: errorText(e) };
  }
}

function preferenceOf(options: SegmenterOptions): 'auto' | 'nodejieba' | 'wasm' {
  const raw = options.prefer && options.prefer !== 'auto' ? options.prefer : (process.env[SEGMENTER_ENV] ?? '').trim().toLowerCase();
  if (raw === 'nodejieba' || raw === 'native') return 'nodejieba';
  if (raw === 'wasm' || raw === 'jieba-wasm') return 'wasm';
  return 'auto';
}

const choices = new Map<string, { choice: SegmenterChoice; nodejieba?: Nodejieba }>();
function choose(options: SegmenterOptions): { choice: SegmenterChoice; nodejieba?: Nodejieba } {
  const prefer = preferenceOf(options);
  const key = `${prefer}\0${options.nodejiebaDir ?? ''}`;
  let c = choices.get(key);
  if (!c) {
    if (prefer === 'wasm') {
      c = { choice: { kind: 'jieba-wasm', reason: `${SEGMENTER_ENV}=wasm` } };
    } else {
      const probe = probeNodejieba(options.nodejiebaDir);
      if (probe.module) c = { choice: { kind: 'nodejieba' }, nodejieba: probe.module };
      else if (prefer === 'nodejieba') throw new Error(`nodejieba was asked for (${SEGMENTER_ENV}) but does not load: ${probe.reason}`);
      else c = { choice: { kind: 'jieba-wasm', reason: `nodejieba does not load: ${probe.reason}` } };
    }
    choices.set(key, c);
  }
  return c;
}

/**
 * Which segmenter this process will most likely use, for cache keys (their token lengths differ in
 * about 1 token in 100,000): decided from the setting and whether nodejieba's native module file is
 * there and built for this platform, without loading it (a process on a warm cache must not map
 * the native module at all).
 */
export function expectedSegmenter(options: SegmenterOptions = {}): SegmenterKind {
  const prefer = preferenceOf(options);
  if (prefer !== 'auto') return prefer === 'wasm' ? 'jieba-wasm' : 'nodejieba';
  try {
    const base = options.nodejiebaDir ?? dirname(req.resolve('nodejieba/package.json'));
    return looksLoadable(join(base, 'build', 'Release', 'nodejieba.node')) ? 'nodejieba' : 'jieba-wasm';
  } catch {
    return 'jieba-wasm';
  }
}

/** ELF machine numbers of the architectures VS Code ships for. */
const ELF_MACHINE: Record<string, number> = { x64: 62, arm64: 183, arm: 40, ia32: 3 };

/**
 * Whether a native module file is a library for this platform and processor, by its header alone
 * (reading 20 bytes maps nothing): an ELF object of this machine on Linux, Mach-O on macOS, a PE
 * file on Windows. A foreign or broken build is then expected to fall back without loading it.
 */
export function looksLoadable(file: string): boolean {
  let head: Buffer;
  try {
    const fd = openSync(file, 'r');
    try {
      head = Buffer.alloc(20);
      if (readSync(fd, head, 0, 20, 0) < 20) return false;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  if (process.platform === 'win32') return head[0] === 0x4d && head[1] === 0x5a;
  if (process.platform === 'darwin') return [0xfeedfacf, 0xcffaedfe, 0xcafebabe, 0xbebafeca].includes(head.readUInt32BE(0));
  if (head.readUInt32BE(0) !== 0x7f454c46) return false;
  const machine = head[5] === 1 ? head.readUInt16LE(18) : head.readUInt16BE(18);
  return ELF_MACHINE[process.arch] === undefined || ELF_MACHINE[process.arch] === machine;
}

/** Which segmenter this process uses (cheap: loads nodejieba's native module, no dictionary). */
export function segmenterChoice(options: SegmenterOptions = {}): SegmenterChoice {
  return choose(options).choice;
}

export function describeChoice(choice: SegmenterChoice): string {
  return choice.kind === 'nodejieba'
    ? 'nodejieba (native)'
    : `jieba-wasm (WebAssembly)${choice.reason ? `: ${choice.reason}` : ''}`;
}

/** Word strings in text order → tokens with offsets (jieba returns words in order). */
function toTokens(text: string, words: readonly string[]): Token[] {
  const out: Token[] = [];
  let pos = 0;
  for (const word of words) {
    const at = text.startsWith(word, pos) ? pos : text.indexOf(word, pos);
    if (at < 0) continue;
    out.push({ word, start: at, end: at + word.length });
    pos = at + word.length;
  }
  return out;
}

function nodejiebaCutter(j: Nodejieba): WordCutter {
  return { cut: text => j.cut(text, true), addWord: word => void j.insertWord(word) };
}

/** The segmenter for this process: cheap to create, loads on first cut. */
export function createSegmenter(options: SegmenterOptions = {}): NodeSegmenter {
  let cutter: WordCutter | undefined;
  const pending: string[] = [];
  const added = new Set<string>();
  const load = (): WordCutter => {
    if (!cutter) {
      const { choice, nodejieba } = choose(options);
      cutter = choice.kind === 'nodejieba' && nodejieba ? nodejiebaCutter(nodejieba) : loadWasmJieba();
      for (const w of pending) cutter.addWord(w);
      pending.length = 0;
    }
    return cutter;
  };
  return {
    get kind() {
      return choose(options).choice.kind;
    },
    get loaded() {
      return cutter !== undefined;
    },
    describe: () => describeChoice(choose(options).choice),
    cut: text => toTokens(text, load().cut(text)),
    addWords(words: string[]) {
      for (const w of words) {
        if (w.length < 2 || added.has(w)) continue;
        added.add(w);
        if (cutter) cutter.addWord(w);
        else pending.push(w);
      }
    },
  };
}

/** The jieba this process uses (as createSegmenter(): $POLICY_DRAFT_SEGMENTER or nodejieba if it loads). */
export function createJiebaSegmenter(): Segmenter {
  return createSegmenter();
}
