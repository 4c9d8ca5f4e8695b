// Turns the bytes of a corpus file into text, or says why it cannot. Pure: takes bytes, not paths.

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type Decoded =
  | { ok: true; text: string; encoding: Encoding }
  | { ok: false; reason: 'binary' | 'undecodable' | 'empty' };

function decodeWith(label: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Share of characters that are control characters other than tab/newline/CR/form feed. */
function controlShare(text: string): number {
  if (!text.length) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return bad / text.length;
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
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = decodeWith('utf-8', bytes.subarray(3));
    return text !== undefined ? { ok: true, text, encoding: 'utf-8-bom' } : { ok: false, reason: 'undecodable' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = decodeWith('utf-16le', bytes.subarray(2));
    if (text !== undefined) return { ok: true, text, encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const text = decodeWith('utf-16be', bytes.subarray(2));
    if (text !== undefined) return { ok: true, text, encoding: 'utf-16be' };
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) {
    const text = decodeWith(utf16, bytes);
    if (text !== undefined && controlShare(text) < 0.01) return { ok: true, text, encoding: utf16 };
  }
  // A NUL byte in what is not UTF-16 means a binary file (PDF, DOC, image, archive).
  const probe = bytes.subarray(0, Math.min(bytes.length, 65536));
  if (probe.includes(0)) return { ok: false, reason: 'binary' };
  const utf8 = decodeWith('utf-8', bytes);
  if (utf8 !== undefined) {
    return controlShare(utf8) < 0.01 ? { ok: true, text: utf8, encoding: 'utf-8' } : { ok: false, reason: 'binary' };
  }
  const gb = decodeWith('gb18030', bytes);
  if (gb !== undefined && controlShare(gb) < 0.01) return { ok: true, text: gb, encoding: 'gb18030' };
  return { ok: false, reason: controlShare(new TextDecoder('latin1').decode(probe)) > 0.05 ? 'binary' : 'undecodable' };
}
