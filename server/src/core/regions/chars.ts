// Characters that matter to the shape of a place name.

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
/** Suffixes that make a word look like a region name, longest first. */
export const FORM_SUFFIXES = ['街道', '省', '市', '县', '区', '镇', '乡', '村', '州', '旗', '盟'];
/** Characters of the suffixes. */
export const SUFFIX_CHARS: ReadonlySet<string> = new Set([...FORM_SUFFIXES.join('')]);
/** Characters that do not start or sit inside a place name (function words, quantifiers). */
export const NOT_IN_NAME: ReadonlySet<string> = new Set([...'的在和与及是为了等各全本该我其个一两这那到从对向于把被将就也都又并或有无不之以所而由']);

export function isHan(c: string | undefined): boolean {
  if (c === undefined) return false;
  if (c.length !== 1) return HAN.test(c);
  const k = c.charCodeAt(0);
  return (k >= 0x3400 && k <= 0x9fff) || (k >= 0xf900 && k <= 0xfaff);
}

/** isHan(text[i]) without making the one-character string. */
export function isHanAt(text: string, i: number): boolean {
  const k = text.charCodeAt(i);
  return (k >= 0x3400 && k <= 0x9fff) || (k >= 0xf900 && k <= 0xfaff);
}

