// Atomic output files: a reader (or a second run after a crash) sees the previous file or the new one,
// never a truncated one. Each file is written to a temporary file in the same directory (so the rename
// stays on one file system), flushed to disk with fsync, then renamed over the target (POSIX rename
// replaces atomically). On any failure the temporary file is removed and the error is rethrown.
//
// Durability is paid once per batch, not once per file (the group commit of databases): a single build
// flushes its files before it returns; a batch writes its files with `flush: false` (still atomic: a
// reader sees the old file or the new one) and calls `flushToDisk` once before it reports success. A
// profile of a 105-document batch showed fsync at 24 % of the busy CPU time, seven fsyncs a document.
// If the machine loses power before that flush, an output may be left empty; the batch cache records the
// sha256 of every output and rebuilds one that does not match, so nothing stale is ever skipped.
import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';

/** The file-system calls used, replaceable in tests to inject a failure at any step. */
export interface AtomicWriteIo {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

export const nodeFileIo: AtomicWriteIo = {
  openSync: (path, flags, mode) => fs.openSync(path, flags, mode),
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  renameSync: (from, to) => fs.renameSync(from, to),
  unlinkSync: (path) => fs.unlinkSync(path),
};

export interface OutputFile {
  path: string;
  data: string | Uint8Array;
}

export interface WriteOptions {
  /** Flush the files and their folder to disk before returning (default); false when the caller
   * flushes a whole batch at once with `flushToDisk`. */
  flush?: boolean;
  /** Also return the sha256 of each file, hashed from the bytes written (a batch's cache records them, and
   * need not read every output back). */
  digest?: boolean;
}

/** A file as written: its resolved path, its size in bytes and, when asked, the sha256 of its bytes. */
export interface WrittenFile {
  path: string;
  size: number;
  sha256?: string;
}

/** Writes one file atomically: the target holds either its previous content or all of `data`. */
export function writeFileAtomic(path: string, data: string | Uint8Array, io: AtomicWriteIo = nodeFileIo, options: WriteOptions = {}): void {
  writeOutputsAtomic([{ path, data }], io, options);
}

/**
 * Writes a document's outputs together: every temporary file is written and flushed first, and the
 * renames happen only when all writes succeeded, so a failure leaves the previous outputs (or none).
 * A failure in the renames themselves (not expected on one local directory) can leave some outputs new
 * and some old, but never a partial file.
 */
export function writeOutputsAtomic(files: ReadonlyArray<OutputFile>, io: AtomicWriteIo = nodeFileIo, options: WriteOptions = {}): WrittenFile[] {
  const flush = options.flush !== false;
  const targets = files.map((f) => resolve(f.path));
  const duplicate = targets.find((t, i) => targets.indexOf(t) !== i);
  if (duplicate) throw new Error(`writeOutputsAtomic: ${duplicate} is listed twice`);

  const temps: string[] = [];
  const written: WrittenFile[] = [];
  const folders = new Set<string>();
  let current = -1;
  try {
    files.forEach((file, i) => {
      current = i;
      const target = targets[i]!;
      const folder = dirname(target);
      if (!folders.has(folder)) fs.mkdirSync(folder, { recursive: true });
      folders.add(folder);
      const temp = tempPathFor(target);
      temps.push(temp);
      const bytes = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
      writeAndFlush(temp, bytes, io, flush);
      written.push({ path: target, size: bytes.byteLength, ...(options.digest ? { sha256: createHash('sha256').update(bytes).digest('hex') } : {}) });
    });
    for (let i = 0; i < targets.length; i++) {
      current = i;
      io.renameSync(temps[i]!, targets[i]!);
      temps[i] = '';
    }
  } catch (error) {
    for (const temp of temps) if (temp) removeQuietly(temp, io);
    // A file-system error names the temporary file; the message should name the output being written.
    // (A write error has no path at all: it is the output being written.)
    const e = error as { path?: unknown; code?: unknown };
    const index = typeof e.path === 'string' ? temps.indexOf(e.path) : -1;
    if (index >= 0) e.path = targets[index];
    else if (e.path === undefined && typeof e.code === 'string' && current >= 0) e.path = targets[current];
    throw error;
  }
  if (flush) for (const dir of folders) flushDirectory(dir);
  return written;
}

/**
 * Below this many files an fsync of each is cheaper than syncfs(2), which also waits for every other
 * writer's dirty pages on the file system (a one-document build must not pay for a busy disk).
 */
const SYNCFS_FROM_FILES = 32;

/**
 * Makes files written with `flush: false` durable, all at once: for a batch, one syncfs(2) of their file
 * system through coreutils' `sync -f` (one call, whatever the number of files); for a few files, or where
 * `sync` is missing, an fsync of each file and of each folder. Returns how it was done.
 */
export function flushToDisk(paths: readonly string[], syncCommand = 'sync', syncfsFrom = SYNCFS_FROM_FILES): 'syncfs' | 'fsync' | 'nothing' {
  if (paths.length === 0) return 'nothing';
  const folders = [...new Set(paths.map((p) => dirname(resolve(p))))];
  if (paths.length >= syncfsFrom) {
    const synced = spawnSync(syncCommand, ['-f', ...folders], { stdio: 'ignore' });
    if (!synced.error && synced.status === 0) return 'syncfs';
  }
  for (const path of paths) {
    let fd: number | undefined;
    try {
      fd = fs.openSync(path, 'r');
      fs.fsyncSync(fd);
    } catch {
      // A file removed since (a later document replaced it) has nothing left to flush.
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }
  for (const folder of folders) flushDirectory(folder);
  return 'fsync';
}

/**
 * A name no other writer (process or worker thread) can choose, hidden and ending in .tmp. The target's
 * name is shortened and made ASCII in it, so that a target name near the 255-byte limit still has a
 * temporary name that fits.
 */
function tempPathFor(target: string): string {
  const hint = basename(target).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64);
  return join(dirname(target), `.${hint}.${process.pid}-${threadId}-${randomBytes(6).toString('hex')}.tmp`);
}

function writeAndFlush(temp: string, bytes: Uint8Array, io: AtomicWriteIo, flush: boolean): void {
  // 'wx': fail rather than write through an existing file or symlink of the same name.
  const fd = io.openSync(temp, 'wx', 0o666);
  let closed = false;
  try {
    let offset = 0;
    while (offset < bytes.byteLength) {
      offset += io.writeSync(fd, bytes, offset, bytes.byteLength - offset);
    }
    if (flush) io.fsyncSync(fd);
    closed = true;
    io.closeSync(fd);
  } finally {
    if (!closed) {
      try {
        io.closeSync(fd);
      } catch {
        // The write already failed; that error is the one to report.
      }
    }
  }
}

function removeQuietly(path: string, io: AtomicWriteIo): void {
  try {
    io.unlinkSync(path);
  } catch {
    // Already gone, or never created (openSync failed).
  }
}

/** Makes the renames durable; not every file system allows fsync on a directory, hence best effort. */
function flushDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Durability of the directory entry is a bonus; the files themselves are complete either way.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
