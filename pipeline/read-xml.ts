// Reading an AKN XML file for validate, text and render: within the size limit, decoded as the XML
// specification says (byte order mark, else the encoding declaration, else UTF-8), strictly: bytes that
// are not valid in the declared encoding are refused, as xmllint refuses them, never replaced.
// Reads: one file or stdin.   Writes: the document as a string whose declaration says UTF-8.
import { readBounded, MAX_INPUT_BYTES } from './read-input.js';
import { InputError } from './report.js';
import { decodeWindows1252, firstInvalidUtf8, lineOfByte, UNDEFINED_IN_WINDOWS_1252 } from './decode.js';

/** AKN files above this size are refused before reading (rendering costs about 25 times the size in memory). */
export const MAX_XML_BYTES = MAX_INPUT_BYTES;

// Encodings a UN AKN file may declare, by the names the IANA registry gives them (case-insensitive).
const SINGLE_BYTE: Record<string, string> = {
  'iso-8859-1': 'latin1',
  'iso_8859-1': 'latin1',
  latin1: 'latin1',
  'l1': 'latin1',
  'us-ascii': 'ascii',
  ascii: 'ascii',
};

/** The XML as a string, with its declaration's encoding set to UTF-8 (what the string now is). */
export function decodeXml(bytes: Uint8Array, file: string): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const head = Buffer.from(bytes.subarray(start, start + 200)).toString('latin1');
  const declared = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
  let text: string;
  if (declared === undefined || declared === 'utf-8' || declared === 'utf8' || start === 3) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
    } catch {
      const bad = start + firstInvalidUtf8(bytes.subarray(start));
      throw new InputError(file, `input is not proper UTF-8 (byte 0x${bytes[bad]!.toString(16).toUpperCase().padStart(2, '0')}), as xmllint says: convert it or declare its encoding`, lineOfByte(bytes, bad), 'encoding');
    }
  } else if (SINGLE_BYTE[declared]) {
    const decoding = SINGLE_BYTE[declared]!;
    if (decoding === 'ascii' && bytes.some((b) => b >= 0x80)) {
      throw new InputError(file, 'the file declares US-ASCII but has bytes above 0x7F', lineOfByte(bytes, bytes.findIndex((b) => b >= 0x80)), 'encoding');
    }
    text = Buffer.from(bytes).toString('latin1');
  } else if (declared === 'windows-1252' || declared === 'cp1252' || declared === 'x-cp1252') {
    // By the WHATWG table (0x80 €, 0x92 ’…), not Node's TextDecoder, which gives C1 controls (decode.ts). The
    // five bytes the table leaves undefined are refused at their line, as xmllint (iconv) refuses them.
    const bad = bytes.findIndex((b) => UNDEFINED_IN_WINDOWS_1252.has(b));
    if (bad >= 0) {
      throw new InputError(file, `byte 0x${bytes[bad]!.toString(16).toUpperCase()} is no character in Windows-1252, the encoding the file declares (xmllint: input conversion failed): convert the file to UTF-8`, lineOfByte(bytes, bad), 'encoding');
    }
    text = decodeWindows1252(bytes);
  } else if (declared === 'utf-16' || declared === 'utf-16le' || declared === 'utf-16be') {
    throw new InputError(file, `the file declares ${declared} but has no byte order mark`, 1, 'encoding');
  } else {
    throw new InputError(file, `unsupported encoding "${declared}" declared; convert the file to UTF-8`, 1, 'encoding');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.replace(/^(<\?xml[^>]*?\sencoding\s*=\s*)(["'])[A-Za-z0-9._-]+\2/, '$1$2UTF-8$2');
}

/** Reads and decodes an AKN file (or stdin for `-`), refusing what is too large or badly encoded. */
export function readXmlFile(path: string): string {
  return decodeXml(readBounded(path, MAX_XML_BYTES, 'AKN file'), path);
}
