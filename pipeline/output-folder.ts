// Checking the output folder before any work: it is a folder (or can be made one), it is writable, and
// its file system has room. Each fault is one EnvironmentError naming the path.
// Reads: the file system.   Writes: the folder (created when missing) and a probe file, removed at once.
import { closeSync, mkdirSync, openSync, statfsSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EnvironmentError } from './schema-files.js';
import { describeEnvironmentError } from './report.js';

/** Less free space than this is a full disk for our purposes (a document's outputs are well under 1 MB). */
export const MIN_FREE_BYTES = 1024 * 1024;

export function prepareOutputFolder(outDir: string): void {
  const full = resolve(outDir);
  try {
    const stats = statSync(full);
    if (!stats.isDirectory()) throw new EnvironmentError(`${outDir}: --out names a file, not a folder`);
  } catch (error) {
    if (error instanceof EnvironmentError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fault(outDir, error);
    try {
      mkdirSync(full, { recursive: true });
    } catch (mkdirError) {
      throw fault(outDir, mkdirError, 'cannot create the output folder');
    }
  }
  // A probe: creating and writing a file shows permissions, a read-only mount and a full disk alike.
  const probe = join(full, `.akn-press-probe-${process.pid}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(probe, 'wx');
    writeSync(fd, 'probe');
  } catch (error) {
    throw fault(outDir, error, 'cannot write in the output folder');
  } finally {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(probe);
    } catch {
      // Not created.
    }
  }
  try {
    const fs = statfsSync(full);
    const free = fs.bavail * fs.bsize;
    if (free < MIN_FREE_BYTES) throw new EnvironmentError(`${outDir}: no space left on the device (${free} bytes free)`);
  } catch (error) {
    if (error instanceof EnvironmentError) throw error;
    // statfs is not available everywhere; the probe above already wrote.
  }
}

function fault(outDir: string, error: unknown, what?: string): EnvironmentError {
  const described = describeEnvironmentError(error);
  const reason = described ? described.replace(/^.*?: /, '') : ((error as NodeJS.ErrnoException).code ?? String(error));
  return new EnvironmentError(`${outDir}: ${what ? `${what} (${reason})` : reason}`);
}
