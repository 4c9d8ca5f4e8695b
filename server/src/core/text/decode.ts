// Turns the bytes of a corpus file or a draft into text, or says why it cannot. Pure: takes bytes,
// not paths. Content sniffing, in order: known binary signatures (a PDF renamed .txt), BOMs, UTF-16
// without a BOM (from zero bytes, or for CJK-only text from where Chinese punctuation falls), NUL
// bytes, strict UTF-8, GB18030. A decoding whose text has a high share of control, replacement or
// private-use characters is binary, not text.

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type Decoded =
  | { ok: true; text: string; encoding: Encoding }
  | { ok: false; reason: 'binary' | 'undecodable' | 'empty'; detail?: string };

/** File signatures of formats people rename to .txt (exports, scans, office files). */
const SIGNATURES: Array<[string, number[]]> = [
  ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['ZIP/Office', [0x50, 0x4b, 0x03, 0x04]],
  ['Office (OLE)', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['gzip', [0x1f, 0x8b]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['RAR', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
  ['ELF', [0x7f, 0x45, 0x4c, 0x46]],
  ['RTF', [0x7b, 0x5c, 0x72, 0x74, 0x66]], // {\rtf
];

function signature(bytes: Uint8Array): string | undefined {
  // A UTF-8 BOM before the signature changes nothing.
  const off = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (const [name, sig] of SIGNATURES) {
    if (bytes.length - off >= sig.length && sig.every((b, i) => bytes[off + i] === b)) return name;
  }
  return undefined;
}

function decodeWith(label: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Share of control characters other than tab/newline/CR/form feed (and DEL, C1 controls). */
function controlShare(text: string): number {
  if (!text.length) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || (c >= 0x7f && c < 0xa0)) bad++;
  }
  return bad / text.length;
}

/**
 * Share of characters no text document is made of: controls, U+FFFD replacement characters,
 * private-use and non-characters. Real archives have a few lost-character marks (cleaned later);
 * a binary file decoded by a lenient decoder has many.
 */
function junkShare(text: string): number {
  if (!text.length) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || (c >= 0x7f && c < 0xa0) ||
      c === 0xfffd || c === 0xfffe || c === 0xffff || (c >= 0xe000 && c <= 0xf8ff)) bad++;
  }
  return bad / text.length;
}

/** Above these shares a decoding is binary: controls are never text; replacements a little more often. */
const MAX_CONTROL_SHARE = 0.01;
const MAX_JUNK_SHARE = 0.05;

function looksLikeText(text: string): boolean {
  return controlShare(text) < MAX_CONTROL_SHARE && junkShare(text) < MAX_JUNK_SHARE;
}

/** Chinese punctuation whose UTF-16 code units contain a control byte or 0xFF, so neither ASCII,
 *  UTF-8 nor GBK bytes read as UTF-16 ever produce them by accident. */
const CJK_PUNCT = new Set([0x3001, 0x3002, 0xff0c, 0xff1a, 0xff1b, 0xff01, 0xff1f, 0xff08, 0xff09]);

/** Share of code units that are CJK ideographs, CJK/fullwidth punctuation, ASCII text or whitespace. */
function chineseTextShare(text: string): { plausible: number; punct: number } {
  let ok = 0, punct = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (CJK_PUNCT.has(c)) punct++;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) ||
      (c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13 || (c >= 0x2010 && c <= 0x203f)) ok++;
  }
  return { plausible: ok / Math.max(1, text.length), punct: punct / Math.max(1, text.length) };
}

/** Share of CJK_PUNCT a CJK-only UTF-16 text without a BOM must have. */
const MIN_PUNCT_SHARE = 0.01;

/** How many byte pairs of `bytes`, read as UTF-16 in this byte order, are CJK_PUNCT (their high byte is 0x30 or 0xFF). */
function punctUnits(bytes: Uint8Array, bigEndian: boolean): number {
  const hi = bigEndian ? 0 : 1;
  const lo = 1 - hi;
  let n = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const h = bytes[i + hi];
    if ((h === 0x30 || h === 0xff) && CJK_PUNCT.has((h << 8) | bytes[i + lo])) n++;
  }
  return n;
}

/**
 * UTF-16 without a BOM and without zero bytes: Chinese text with no ASCII at all. Decoded with the
 * right byte order it is almost all ideographs with ，。、 among them; with the wrong one, or for
 * bytes that are not UTF-16, those punctuation marks cannot appear.
 */
function utf16ChineseWithoutBom(bytes: Uint8Array): { encoding: 'utf-16le' | 'utf-16be'; text: string } | undefined {
  if (bytes.length < 8) return undefined;
  const even = bytes.length % 2 ? bytes.subarray(0, bytes.length - 1) : bytes;
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    // The decoded text has a code unit per byte pair (one less when a BOM is dropped), so fewer of
    // those punctuation marks among the pairs than 1% of that rules the decoding out unread: every
    // UTF-8 or GBK file is ruled out here without decoding it twice.
    if (punctUnits(even, encoding === 'utf-16be') < MIN_PUNCT_SHARE * (even.length / 2 - 1)) continue;
    const text = decodeWith(encoding, even);
    if (text === undefined) continue;
    const { plausible, punct } = chineseTextShare(text);
    if (plausible > 0.9 && punct >= MIN_PUNCT_SHARE && controlShare(text) < MAX_CONTROL_SHARE) {
      return { encoding, text };
    }
  }
  return undefined;
}

/** Guesses UTF-16 without a BOM from where the zero bytes fall (ASCII and CJK-heavy text alike). */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 4 || bytes.length % 2) return undefined;
  const n = Math.min(bytes.length, 4096);
  let evenZero = 0, oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  const sig = signature(bytes);
  if (sig) return { ok: false, reason: 'binary', detail: sig };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = decodeWith('utf-8', bytes.subarray(3));
    if (text === undefined) return { ok: false, reason: 'undecodable' };
    return looksLikeText(text) ? { ok: true, text, encoding: 'utf-8-bom' } : { ok: false, reason: 'binary' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = decodeWith('utf-16le', bytes.subarray(2));
    if (text !== undefined && looksLikeText(text)) return { ok: true, text, encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const text = decodeWith('utf-16be', bytes.subarray(2));
    if (text !== undefined && looksLikeText(text)) return { ok: true, text, encoding: 'utf-16be' };
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) {
    const text = decodeWith(utf16, bytes);
    if (text !== undefined && looksLikeText(text)) return { ok: true, text, encoding: utf16 };
  }
  const cjk16 = utf16ChineseWithoutBom(bytes);
  if (cjk16) return { ok: true, text: cjk16.text, encoding: cjk16.encoding };
  // A NUL byte in what is not UTF-16 means a binary file (PDF, DOC, image, archive).
  const probe = bytes.subarray(0, Math.min(bytes.length, 65536));
  if (probe.includes(0)) return { ok: false, reason: 'binary' };
  const utf8 = decodeWith('utf-8', bytes);
  if (utf8 !== undefined) return looksLikeText(utf8) ? { ok: true, text: utf8, encoding: 'utf-8' } : { ok: false, reason: 'binary' };
  const gb = decodeWith('gb18030', bytes);
  if (gb !== undefined && looksLikeText(gb)) return { ok: true, text: gb, encoding: 'gb18030' };
  if (gb !== undefined) return { ok: false, reason: 'binary' };
  return { ok: false, reason: junkShare(new TextDecoder('latin1').decode(probe)) > 0.05 ? 'binary' : 'undecodable' };
}
