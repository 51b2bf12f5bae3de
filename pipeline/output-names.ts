// Output file names derived from input file names, made safe: whatever the input is called, every
// output lands directly inside the output folder, under a name every common file system accepts.
// Reads: an input path.   Writes: output paths (nothing on disk).
import { createHash } from 'node:crypto';
import { join, relative, resolve, sep } from 'node:path';
import { InputError, printable } from './report.js';

/** Room for the longest extension and a temporary-file suffix within the usual 255-byte name limit. */
export const MAX_STEM_BYTES = 200;

/** The input's file name without its folder and without `.txt`: `input/fr_A-72-L.10.txt` → `fr_A-72-L.10`. */
export function outputStem(inputPath: string): string {
  const name = inputPath.split(/[\\/]/).pop() ?? '';
  return name.replace(/\.(?:txt|pdf)$/i, '');
}

/**
 * `<outDir>/<stem>.<extension>`, guaranteed to be directly inside outDir. The stem is made safe by
 * safeStem(); the extension is ours (`akn.xml`, `html`, ...) and only checked.
 */
export function outputPath(outDir: string, stem: string, extension: string): string {
  const ext = extension.replace(/^\./, '');
  if (!/^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/.test(ext)) throw new Error(`outputPath: unexpected extension ${JSON.stringify(extension)}`);
  const name = `${safeStem(stem)}.${ext}`;
  const result = join(outDir, name);
  // Belt and braces: whatever safeStem let through, the result must be a direct child of outDir.
  const inside = relative(resolve(outDir), resolve(result));
  if (inside !== name || inside.includes(sep)) {
    throw new InputError(printable(stem), 'cannot make an output file name inside the output folder from this name', undefined, 'output-name');
  }
  return result;
}

// Names Windows reserves for devices in any folder, with any extension (CON.txt is still CON).
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

/**
 * The stem as a single safe file-name component:
 *  - control characters (C0, DEL, C1), NUL, bidirectional controls and lone surrogates are removed;
 *  - path separators split it into parts; empty, `.` and `..` parts are dropped, the rest joined by `_`;
 *  - characters Windows forbids in names (`<>:"|?*`) become `_`;
 *  - leading dots and spaces (hidden files, `...`) and trailing dots and spaces (dropped by Windows) go;
 *  - a reserved device name (CON, NUL, COM1, ...) gets a `_` prefix;
 *  - more than MAX_STEM_BYTES of UTF-8 is cut at a character boundary and given a hash of the full
 *    stem, so two long names that differ only at the end stay different.
 * Throws an InputError when nothing usable remains.
 */
export function safeStem(stem: string): string {
  let name = stem
    .replace(/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .split(/[\\/]/)
    .filter((part) => part !== '' && part !== '.' && part !== '..')
    .join('_')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (name === '') {
    throw new InputError(
      printable(stem),
      'no usable output file name remains after removing path separators, "..", leading dots and control characters',
      undefined,
      'output-name',
    );
  }
  if (RESERVED.test(name.split('.')[0]!)) name = `_${name}`;
  if (Buffer.byteLength(name, 'utf8') > MAX_STEM_BYTES) {
    const hash = createHash('sha256').update(stem).digest('hex').slice(0, 8);
    name = `${truncateUtf8(name, MAX_STEM_BYTES - hash.length - 1)}-${hash}`;
  }
  return name;
}

/** At most `bytes` bytes of UTF-8, never splitting a character (nor a surrogate pair). */
function truncateUtf8(text: string, bytes: number): string {
  let used = 0;
  let out = '';
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (used + size > bytes) break;
    used += size;
    out += ch;
  }
  return out;
}

