// The decode stage (first in stages.ts): decoding the input bytes into text.
// Reads: context.bytes, context.file.   Writes: context.text (Unicode, LF line ends, no character XML 1.0 forbids).
//
// What is accepted, in the order it is decided:
//   1. size: at most MAX_INPUT_BYTES (20 MB; the longest UN resolutions are well under 1 MB);
//   2. magic numbers of formats people send instead of text (PDF, ZIP/DOCX/EPUB, PNG, ...) are refused;
//   3. a byte order mark decides: UTF-8, UTF-16LE, UTF-16BE (UTF-32 is refused);
//   4. NUL bytes: when they all fall at odd offsets (or all at even ones) the text is UTF-16LE (or BE)
//      without BOM, which is what Windows "Unicode" text export produces; any other NUL is binary;
//   5. valid UTF-8 is UTF-8 (ASCII is a subset);
//   6. otherwise the single-byte heuristic below, or an InputError: never a guess that could be mojibake.
//
// The single-byte heuristic (Windows-1252 / ISO-8859-1): text in a Latin-script language (French,
// Spanish, English) uses accented letters one at a time inside words of ASCII letters ("Assemblée",
// "año"), so bytes >= 0x80 are a small share of the letters and come singly. Texts in the other UN
// languages encoded with a legacy code page (Windows-1251 Russian, Windows-1256 Arabic, GBK Chinese)
// are the opposite: whole words of bytes >= 0x80. So the bytes are taken as Windows-1252 when
//   - no byte is one of the five Windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D),
//   - no well-formed UTF-8 multi-byte sequence occurs (that would be a file mixing two encodings,
//     which no single decoding can repair),
//   - bytes >= 0x80 are at most 30% of the non-blank bytes, and
//   - at most 5% of the runs of consecutive bytes >= 0x80 are three bytes or longer.
// It is named ISO-8859-1 when no byte falls in 0x80..0x9F (the two agree there), Windows-1252 otherwise
// (ISO-8859-1 has only C1 control characters in that range, which real text never contains).
import { InputError, warn, type Report } from './report.js';
import type { Stage } from './context.js';

/** Inputs above this size are refused before any decoding (a resolution is text of a few hundred KB). */
export { MAX_INPUT_BYTES } from './read-input.js';
import { MAX_INPUT_BYTES } from './read-input.js';

export const decodeStage: Stage = {
  name: 'decode',
  run(ctx) {
    ctx.text = decodeSource(ctx.bytes, ctx.file, ctx.report);
  },
};

/** Decodes one input file's bytes into LF-terminated text that XML 1.0 can carry; warns about every guess and removal. */
export function decodeSource(bytes: Uint8Array, file: string, report: Report): string {
  if (bytes.byteLength > MAX_INPUT_BYTES) {
    throw new InputError(
      file,
      `file is too large (${megabytes(bytes.byteLength)} MB); the limit is ${MAX_INPUT_BYTES / (1024 * 1024)} MB for the text of one resolution`,
      undefined,
      'too-large',
    );
  }
  if (bytes.byteLength === 0) {
    throw new InputError(file, 'empty file; expected the text of a resolution', undefined, 'empty');
  }
  const looksLike = knownBinaryFormat(bytes);
  if (looksLike) {
    throw new InputError(file, `binary file (looks like ${looksLike}); expected the text of a resolution`, undefined, 'binary');
  }

  let text = decodeBytes(bytes, file, report);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  // pdftotext and Windows tools write CRLF; old Mac tools a lone CR. Line numbers are unchanged by this.
  text = text.replace(/\r\n?/g, '\n');

  refuseControlHeavyText(text, file);
  text = removeXmlForbiddenCharacters(text, report);
  text = neutraliseInvisibleCharacters(text, report);

  if (/^[\s\f]*$/.test(text)) {
    throw new InputError(file, 'the file contains only whitespace; expected the text of a resolution', undefined, 'empty');
  }
  return text;
}

function megabytes(n: number): string {
  return (n / (1024 * 1024)).toFixed(1);
}

// ---------------------------------------------------------------------------------------------------
// Formats that are not text

interface Magic {
  bytes: readonly number[];
  name: string;
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

// Signatures from each format's specification (first bytes of the file).
const MAGIC_NUMBERS: readonly Magic[] = [
  { bytes: ascii('%PDF'), name: 'PDF' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: 'a ZIP archive: DOCX, ODT or EPUB' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], name: 'a ZIP archive: DOCX, ODT or EPUB' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], name: 'a legacy Word or Office document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], name: 'PNG' },
  { bytes: [0xff, 0xd8, 0xff], name: 'JPEG' },
  { bytes: ascii('GIF8'), name: 'GIF' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], name: 'TIFF' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], name: 'TIFF' },
  { bytes: [0x1f, 0x8b], name: 'gzip' },
  { bytes: ascii('%!PS'), name: 'PostScript' },
  { bytes: ascii('{\\rtf'), name: 'RTF' },
];

function knownBinaryFormat(bytes: Uint8Array): string | undefined {
  return MAGIC_NUMBERS.find((m) => m.bytes.length <= bytes.byteLength && m.bytes.every((b, i) => bytes[i] === b))?.name;
}

// ---------------------------------------------------------------------------------------------------
// Choosing the encoding

function decodeBytes(bytes: Uint8Array, file: string, report: Report): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return decodeUtf8(bytes.subarray(3), file, 'after its UTF-8 byte order mark');
  if (b0 === 0xff && b1 === 0xfe) {
    if (bytes[2] === 0 && bytes[3] === 0) {
      throw new InputError(file, 'the file is UTF-32 (byte order mark FF FE 00 00); convert it to UTF-8', undefined, 'encoding');
    }
    return decodeUtf16(bytes.subarray(2), 'le', file, report);
  }
  if (b0 === 0xfe && b1 === 0xff) return decodeUtf16(bytes.subarray(2), 'be', file, report);
  if (b0 === 0 && b1 === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) {
    throw new InputError(file, 'the file is UTF-32 (byte order mark 00 00 FE FF); convert it to UTF-8', undefined, 'encoding');
  }

  if (bytes.includes(0)) {
    const order = utf16ByNulPattern(bytes);
    if (!order) {
      // Decided on evidence: binary data is full of NUL and control bytes; a text with a stray NUL (a
      // copy-paste accident) is text, and the NUL is removed below with the other forbidden characters.
      const controls = controlByteCount(bytes);
      if (controls >= 2 && controls * 100 > bytes.byteLength) {
        throw new InputError(file, `binary file (contains NUL bytes: ${controls} control bytes in ${bytes.byteLength}); expected the text of a resolution`, undefined, 'binary');
      }
      return decodeUtf8OrLatin(bytes, file, report);
    }
    warn(
      report,
      'encoding-guessed',
      `no byte order mark and NUL bytes at every ${order === 'le' ? 'odd' : 'even'} offset: decoded as UTF-16${order.toUpperCase()}`,
    );
    return decodeUtf16(bytes, order, file, report);
  }

  return decodeUtf8OrLatin(bytes, file, report);
}

/** NUL and C0 control bytes other than tab, LF, CR and form feed. */
function controlByteCount(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.byteLength; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) n++;
  }
  return n;
}

function decodeUtf8OrLatin(bytes: Uint8Array, file: string, report: Report): string {
  const utf8 = tryUtf8(bytes);
  if (utf8 !== undefined) return utf8;

  const firstBad = firstInvalidUtf8(bytes);
  const badLine = lineOfByte(bytes, firstBad);
  const singleByte = guessLatinSingleByte(bytes);
  if (typeof singleByte !== 'string') {
    throw new InputError(
      file,
      `not valid UTF-8 (first invalid byte 0x${hex(bytes[firstBad] ?? 0)}) and the encoding cannot be decided safely: ${singleByte.why}; convert the file to UTF-8`,
      badLine,
      'encoding',
    );
  }
  warn(
    report,
    'encoding-guessed',
    `not valid UTF-8 (first invalid byte 0x${hex(bytes[firstBad] ?? 0)} on this line): decoded as ${singleByte}, guessed from accented letters standing singly inside words`,
    badLine,
  );
  return decodeWindows1252(bytes);
}

// Windows-1252 bytes 0x80..0x9F (WHATWG Encoding Standard, index-windows-1252); the five undefined ones
// never get here. Decoded by hand because Node's TextDecoder('windows-1252') decodes them as ISO-8859-1
// C1 controls since Node 20.18.3 (nodejs/node#60888): that would turn ’ into U+0092.
const WINDOWS_1252_C1 =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** Windows-1252 (and so ISO-8859-1, which it extends): every other byte is the code point of the same value. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = 8192;
  for (let start = 0; start < bytes.byteLength; start += chunk) {
    const slice = bytes.subarray(start, start + chunk);
    const units = Array.from(slice, (b) => (b >= 0x80 && b <= 0x9f ? WINDOWS_1252_C1.charCodeAt(b - 0x80) : b));
    parts.push(String.fromCharCode(...units));
  }
  return parts.join('');
}

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}

function tryUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function decodeUtf8(bytes: Uint8Array, file: string, where: string): string {
  const text = tryUtf8(bytes);
  if (text !== undefined) return text;
  const bad = firstInvalidUtf8(bytes);
  throw new InputError(
    file,
    `not valid UTF-8 ${where} (byte 0x${hex(bytes[bad] ?? 0)}); the file mixes encodings and cannot be decoded safely`,
    lineOfByte(bytes, bad),
    'encoding',
  );
}

/**
 * UTF-16 by code units, not through TextDecoder: a lone surrogate then stays a lone surrogate and is
 * removed (and reported) with the other characters XML forbids, instead of silently becoming U+FFFD.
 */
function decodeUtf16(bytes: Uint8Array, order: 'le' | 'be', file: string, report: Report): string {
  let length = bytes.byteLength;
  if (length % 2 === 1) {
    warn(report, 'truncated-utf16', 'UTF-16 text with an odd number of bytes: the last byte was dropped');
    length -= 1;
  }
  const parts: string[] = [];
  const chunk = 8192;
  for (let start = 0; start < length; start += chunk * 2) {
    const end = Math.min(length, start + chunk * 2);
    const units = new Array<number>((end - start) / 2);
    for (let i = start, u = 0; i < end; i += 2, u++) {
      units[u] = order === 'le' ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!;
    }
    parts.push(String.fromCharCode(...units));
  }
  if (length === 0) throw new InputError(file, 'empty file (only a byte order mark); expected the text of a resolution', undefined, 'empty');
  return parts.join('');
}

/**
 * UTF-16 without BOM: text in any UN language has line ends and spaces (U+000A, U+0020), whose high
 * byte is 0, so NULs appear at one parity of offset only. Binary data has NULs at both.
 */
function utf16ByNulPattern(bytes: Uint8Array): 'le' | 'be' | undefined {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < bytes.byteLength; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const pairs = Math.floor(bytes.byteLength / 2);
  // A NUL at the wrong parity is a U+0000 or U+xx00 character: allowed rarely (U+0100, U+0400 ...).
  const stray = (n: number) => n <= Math.max(1, pairs / 200);
  if (odd >= 2 && stray(even)) return 'le';
  if (even >= 2 && stray(odd)) return 'be';
  return undefined;
}

export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.byteLength) {
    const n = utf8SequenceLength(bytes, i);
    if (n === 0) return i;
    i += n;
  }
  return bytes.byteLength;
}

/** Length of the well-formed UTF-8 sequence at `i` (RFC 3629, no overlongs or surrogates), 0 if none. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const c = bytes[i + k];
    return c !== undefined && c >= lo && c <= hi;
  };
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b >= 0xf1 && b <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

export function lineOfByte(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < bytes.byteLength; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}

export const UNDEFINED_IN_WINDOWS_1252: ReadonlySet<number> = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** The heuristic documented at the top of this file: a name, or why no single-byte Latin decoding is safe. */
function guessLatinSingleByte(bytes: Uint8Array): 'Windows-1252' | 'ISO-8859-1' | { why: string } {
  let high = 0;
  let nonBlank = 0;
  let c1 = 0;
  let runs = 0;
  let longRuns = 0;
  let run = 0;
  let utf8Sequences = 0;
  for (let i = 0; i < bytes.byteLength; i++) {
    const b = bytes[i]!;
    if (b >= 0x80) {
      // A well-formed UTF-8 sequence counts as one letter, so that a file mixing UTF-8 and Windows-1252
      // French is recognised as such below rather than as long runs of non-ASCII bytes.
      const n = utf8SequenceLength(bytes, i);
      if (n > 1) {
        utf8Sequences++;
        i += n - 1;
      } else if (UNDEFINED_IN_WINDOWS_1252.has(b)) {
        return { why: `byte 0x${hex(b)} has no meaning in Windows-1252 or ISO-8859-1 text` };
      } else if (b <= 0x9f) {
        c1++;
      }
      high++;
      nonBlank++;
      run++;
      continue;
    } else if (run > 0) {
      runs++;
      if (run >= 3) longRuns++;
      run = 0;
    }
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) nonBlank++;
  }
  if (run > 0) {
    runs++;
    if (run >= 3) longRuns++;
  }
  if (high > nonBlank * 0.3 || longRuns > runs * 0.05) {
    return { why: 'most letters are outside ASCII, as in a legacy Cyrillic, Arabic or Chinese code page' };
  }
  if (utf8Sequences > 0) {
    return { why: 'it also contains valid UTF-8 sequences, so it mixes two encodings' };
  }
  return c1 > 0 ? 'Windows-1252' : 'ISO-8859-1';
}

// ---------------------------------------------------------------------------------------------------
// Characters XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets)

/** More C0 control characters than this share means the "text" is binary data, not a resolution. */
function refuseControlHeavyText(text: string, file: string): void {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c) controls++;
  }
  if (controls > 8 && controls * 100 > text.length) {
    throw new InputError(
      file,
      `binary file (${controls} control characters in ${text.length}); expected the text of a resolution`,
      undefined,
      'binary',
    );
  }
}

interface ForbiddenKind {
  code: string;
  one: string;
  many: string;
  pattern: RegExp;
}

// Form feed (U+000C) is forbidden by XML too, but it is kept here: pdftotext writes it between pages and
// the repair stage splits pages on it. The AKN serializer never emits it.
// Lone surrogates go first: removing a control character between two halves must not pair them.
const FORBIDDEN_KINDS: readonly ForbiddenKind[] = [
  {
    code: 'lone-surrogate',
    one: 'lone surrogate code unit',
    many: 'lone surrogate code units',
    pattern: /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
  },
  {
    code: 'control-character',
    one: 'control character',
    many: 'control characters',
    pattern: /[\u0000-\u0008\u000B\u000E-\u001F]/g,
  },
  { code: 'noncharacter', one: 'noncharacter (U+FFFE or U+FFFF)', many: 'noncharacters (U+FFFE or U+FFFF)', pattern: /[\uFFFE\uFFFF]/g },
];

/** Removes what XML 1.0 cannot carry (except \f), with one warning per kind: the count and the first line. */
export function removeXmlForbiddenCharacters(text: string, report: Report): string {
  let result = text;
  for (const kind of FORBIDDEN_KINDS) {
    const found = [...result.matchAll(kind.pattern)];
    const first = found[0];
    if (!first) continue;
    // No kind removes a line end, so the line counted here is the line in the input.
    const line = result.slice(0, first.index ?? 0).split('\n').length;
    const codePoint = first[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    warn(
      report,
      kind.code,
      `removed ${found.length} ${found.length === 1 ? kind.one : kind.many} that XML does not allow (first: U+${codePoint}, on this line)`,
      line,
    );
    result = result.replace(kind.pattern, '');
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Invisible characters: allowed by XML, but they change what the text looks like or hide its structure.
// A right-to-left override before "1." reverses the line on screen and stops the number from being seen
// as a number; a zero-width space inside "Recalling" stops the phrase from being recognised. None is
// printed, so removing them changes nothing a reader of the printed page sees:
//   - bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the marks
//     U+200E, U+200F, U+061C: removed;
//   - zero-width space U+200B, word joiner U+2060, a byte order mark inside the text U+FEFF, Mongolian
//     vowel separator U+180E: removed; zero-width (non-)joiners U+200C, U+200D are kept between two
//     letters (where they shape Arabic or Indic script) and removed elsewhere;
//   - soft hyphen U+00AD: at a line end it is the hyphen the page shows there, so it becomes "-" (the
//     repair stage then rejoins the word only on evidence); elsewhere it is invisible and removed.
// One warning per kind, with the count and the first line. Line ends are never removed.

interface InvisibleKind {
  code: string;
  one: string;
  many: string;
  count: number;
  first: number;
  firstChar: number;
}

const BIDI_CONTROLS = new Set([0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c]);
const ZERO_WIDTH = new Set([0x200b, 0x2060, 0xfeff, 0x180e]);
const JOINERS = new Set([0x200c, 0x200d]);
const LETTER = /[\p{L}\p{M}]/u;

export function neutraliseInvisibleCharacters(text: string, report: Report): string {
  const kinds = {
    bidi: { code: 'bidi-control', one: 'bidirectional control character', many: 'bidirectional control characters', count: 0, first: -1, firstChar: 0 },
    zeroWidth: { code: 'zero-width', one: 'zero-width character', many: 'zero-width characters', count: 0, first: -1, firstChar: 0 },
    softHyphen: { code: 'soft-hyphen', one: 'soft hyphen', many: 'soft hyphens', count: 0, first: -1, firstChar: 0 },
  } satisfies Record<string, InvisibleKind>;
  const note = (kind: InvisibleKind, index: number, c: number) => {
    if (kind.count++ === 0) {
      kind.first = index;
      kind.firstChar = c;
    }
  };
  let out: string[] | undefined;
  let from = 0;
  const cut = (index: number, replacement: string) => {
    out ??= [];
    out.push(text.slice(from, index), replacement);
    from = index + 1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xad) continue;
    if (BIDI_CONTROLS.has(c)) {
      note(kinds.bidi, i, c);
      cut(i, '');
    } else if (ZERO_WIDTH.has(c)) {
      note(kinds.zeroWidth, i, c);
      cut(i, '');
    } else if (JOINERS.has(c)) {
      if (!(LETTER.test(text[i - 1] ?? '') && LETTER.test(text[i + 1] ?? ''))) {
        note(kinds.zeroWidth, i, c);
        cut(i, '');
      }
    } else if (c === 0xad) {
      note(kinds.softHyphen, i, c);
      // At a line end (spaces may follow it) it is the printed hyphen; elsewhere it is not printed.
      let j = i + 1;
      while (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09) j++;
      cut(i, j >= text.length || text.charCodeAt(j) === 0x0a ? '-' : '');
    }
  }
  if (!out) return text;
  out.push(text.slice(from));
  for (const kind of Object.values(kinds) as InvisibleKind[]) {
    if (kind.count === 0) continue;
    const line = lineOfIndex(text, kind.first);
    const codePoint = kind.firstChar.toString(16).toUpperCase().padStart(4, '0');
    const why = kind.code === 'bidi-control' ? '; they reorder text on screen and can hide its structure' : kind.code === 'soft-hyphen' ? '; at a line end it became the hyphen printed there' : '';
    warn(report, kind.code, `removed ${kind.count} invisible ${kind.count === 1 ? kind.one : kind.many} (first: U+${codePoint}, on this line)${why}`, line);
  }
  return out.join('');
}

function lineOfIndex(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
