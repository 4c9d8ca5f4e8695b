// Strings made from UTF-16 codes gathered in an array (the hot loops gather codes, not strings).

/** Codes per String.fromCharCode call: an argument list grows the stack, and V8 throws past ~100k. */
const CHUNK = 8192;

/** The string of `codes[0..length)`. */
export function stringFromCodes(codes: Uint16Array | readonly number[], length = codes.length): string {
  if (length <= CHUNK) {
    const part = codes instanceof Uint16Array ? codes.subarray(0, length) : length === codes.length ? codes : codes.slice(0, length);
    return String.fromCharCode.apply(null, part as unknown as number[]);
  }
  let s = '';
  for (let from = 0; from < length; from += CHUNK) {
    const to = Math.min(length, from + CHUNK);
    const part = codes instanceof Uint16Array ? codes.subarray(from, to) : codes.slice(from, to);
    s += String.fromCharCode.apply(null, part as unknown as number[]);
  }
  return s;
}
