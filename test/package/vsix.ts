// Reads .vsix files (zip archives) with yauzl, the reader @vscode/vsce itself uses.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const vsceDir = dirname(require.resolve('@vscode/vsce/package.json'));
const yauzl = createRequire(join(vsceDir, 'package.json'))('yauzl') as {
  open(path: string, opts: { lazyEntries: boolean }, cb: (err: Error | null, zip: ZipFile) => void): void;
};
interface Entry {
  fileName: string;
}
interface ZipFile {
  readEntry(): void;
  on(event: 'entry', cb: (e: Entry) => void): void;
  on(event: 'end' | 'close', cb: () => void): void;
  on(event: 'error', cb: (e: Error) => void): void;
  openReadStream(e: Entry, cb: (err: Error | null, s: NodeJS.ReadableStream) => void): void;
  close(): void;
}

/** Every file of a zip archive with its bytes. */
export function readZip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const files = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(files));
      zip.on('entry', entry => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** Writes an archive's files under dir (the .vsix layout: dir/extension/...). */
export function extractTo(files: Map<string, Buffer>, dir: string): void {
  for (const [name, bytes] of files) {
    const out = join(dir, name);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, bytes);
  }
}

/** The ELF machine of a shared object (62 = x86-64, 183 = AArch64), or undefined if it is no ELF file. */
export function elfMachine(bytes: Buffer): number | undefined {
  if (bytes.length < 20 || bytes.readUInt32BE(0) !== 0x7f454c46) return undefined;
  return bytes[5] === 1 ? bytes.readUInt16LE(18) : bytes.readUInt16BE(18);
}
