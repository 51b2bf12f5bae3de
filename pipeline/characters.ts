// Character classes of the text-cleaning passes, answered by code unit or code point without a regular expression.
// Reads: nothing.   Writes: nothing (the answers for the BMP are remembered in tables filled on first use).
//
// Why: the repair and detection passes ask "is this a letter?", "is this a space?" for every character of a
// document; a regular expression per character (or one run over a whole line to find a rare pattern) was a
// visible share of a build's CPU. Each function here answers exactly what the regular expression named in
// its comment answers, so a pass can scan characters instead and stay byte-for-byte the same.

/** `\s` of a JavaScript regular expression (and what String.prototype.trim removes). */
export function isSpace(unit: number): boolean {
  if (unit <= 0x20) return unit === 0x20 || (unit >= 0x09 && unit <= 0x0d);
  if (unit < 0xa0) return false;
  return (
    unit === 0xa0 || unit === 0x1680 || (unit >= 0x2000 && unit <= 0x200a) || unit === 0x2028 || unit === 0x2029 || unit === 0x202f ||
    unit === 0x205f || unit === 0x3000 || unit === 0xfeff
  );
}

/** A memo of a Unicode property test for the BMP: 0 unknown, 1 yes, 2 no. */
function bmpClass(pattern: RegExp): (cp: number) => boolean {
  const known = new Uint8Array(0x10000);
  return (cp: number) => {
    if (cp > 0xffff) return pattern.test(String.fromCodePoint(cp));
    let answer = known[cp]!;
    if (answer === 0) known[cp] = answer = pattern.test(String.fromCharCode(cp)) ? 1 : 2;
    return answer === 1;
  };
}

const letterOrNumber = bmpClass(/^[\p{L}\p{N}]$/u);
/** `[\p{L}\p{N}]` for a code point. */
export function isLetterOrNumber(cp: number): boolean {
  if (cp < 0x80) return (cp >= 48 && cp <= 57) || ((cp | 32) >= 97 && (cp | 32) <= 122);
  return letterOrNumber(cp);
}

const letterMarkOrNumber = bmpClass(/^[\p{L}\p{M}\p{N}]$/u);
/**
 * `/[\p{L}\p{M}\p{N}]/u` tested on one UTF-16 code unit (as `charAt` gives it): a lone surrogate, half of a
 * character outside the BMP, is none of them.
 */
export function isWordUnit(unit: number): boolean {
  if (unit < 0x80) return (unit >= 48 && unit <= 57) || ((unit | 32) >= 97 && (unit | 32) <= 122);
  if (unit >= 0xd800 && unit <= 0xdfff) return false;
  return letterMarkOrNumber(unit);
}

/** The code point that ends just before `end` in `text` (a surrogate pair read whole), or -1 at the start. */
export function codePointBefore(text: string, end: number): number {
  if (end <= 0) return -1;
  const low = text.charCodeAt(end - 1);
  if (low >= 0xdc00 && low <= 0xdfff && end >= 2) {
    const high = text.charCodeAt(end - 2);
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return low;
}

const letterOrMark = bmpClass(/^[\p{L}\p{M}]$/u);
/** `[\p{L}\p{M}]` for a code point (a lone surrogate is neither). */
export function isLetterOrMark(cp: number): boolean {
  if (cp < 0x80) return (cp | 32) >= 97 && (cp | 32) <= 122;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return letterOrMark(cp);
}

/**
 * The string in storage of its own, for a key a memo of the process keeps. V8 keeps a substring of 13
 * characters or more as a slice of the string it was cut from, so a word cut from a line would keep the
 * whole document's text alive after its build; a concatenation is flattened into new storage when sliced.
 */
export function standaloneCopy(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}
