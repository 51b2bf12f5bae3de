// Reading an input whole, safely: the size is checked before anything is read, only regular files (or
// stdin) are read, and never more than the limit even if the file grows meanwhile (/dev/zero, a pipe).
// Reads: one file, or stdin for `-`.   Writes: nothing.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from './report.js';

/** Inputs above this size are refused before they are read (a resolution's text is a few hundred KB). */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/** A sidecar is a few hundred bytes of facts; this is generous. */
export const MAX_SIDECAR_BYTES = 1024 * 1024;

export const STDIN = '-';

const megabytes = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;

/**
 * The bytes of `path` (or of stdin for `-`), refused with an InputError naming the file when it is not a
 * regular file, is larger than `limit`, or cannot be read. `what` names the input in messages.
 */
export function readBounded(path: string, limit: number = MAX_INPUT_BYTES, what = 'input'): Buffer {
  let fd: number;
  const fromStdin = path === STDIN;
  try {
    fd = fromStdin ? 0 : openSync(path, 'r');
  } catch (error) {
    throw new InputError(path, describeReadError(error, what), undefined, 'read');
  }
  try {
    const stats = fstatSync(fd);
    if (!fromStdin && stats.isDirectory()) throw new InputError(path, `is a folder, not a file`, undefined, 'read');
    if (!fromStdin && !stats.isFile()) throw new InputError(path, `is not a regular file (a device, pipe or socket); give the ${what} as a file`, undefined, 'read');
    if (stats.isFile() && stats.size > limit) {
      throw new InputError(path, `${what} of ${megabytes(stats.size)} is over the limit of ${megabytes(limit)}`, undefined, 'too-large');
    }
    // Read in chunks up to limit + 1 bytes: a file that grows, or stdin, is cut off at the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        if ((error as NodeJS.ErrnoException).code === 'EOF') break;
        throw error;
      }
      if (n === 0) break;
      total += n;
      if (total > limit) throw new InputError(path, `${what} is over the limit of ${megabytes(limit)}`, undefined, 'too-large');
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(path, describeReadError(error, what), undefined, 'read');
  } finally {
    if (!fromStdin) closeSync(fd);
  }
}

function describeReadError(error: unknown, what: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return `no such ${what} file`;
    case 'EACCES':
    case 'EPERM':
      return `cannot read the ${what}: permission denied`;
    case 'EISDIR':
      return 'is a folder, not a file';
    default:
      return `cannot read the ${what} (${code ?? String(error)})`;
  }
}
