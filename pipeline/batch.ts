// Batch builds: many input texts, one worker thread per core, unchanged documents skipped.
// Reads: input files and folders, their sidecars, `<outDir>/.akn-press-cache.json`.
// Writes: whatever the job writes per document (through the workers), the cache (atomically, after every
// document, so a killed batch does not redo finished work), progress and a summary on stderr.
//
// The cache never skips stale work: an entry is keyed by the input's resolved path and holds the hash of
// everything the outputs depend on (input bytes, sidecar, tool version, options) and the sha256 of every
// output written; a document is skipped only when all of these still match on disk. A document that takes
// longer than the time limit has its worker ended and fails; the others go on. Temporary files left in
// outDir by a killed run are removed at the start.
//
// The job run for each document is named by module and export (`options.job`, `options.jobExport`),
// so the CLI passes the real buildFile and tests pass a module of their own. Each worker imports the
// job once, so what the job's modules cache per thread (the compiled XSD in validate.ts) is built once
// per worker, not once per document.
//
// How workers load code: from compiled JavaScript (dist/), batch.js starts batch-worker.js next to it.
// From TypeScript sources (vitest, or any run where this module is a .ts file), Node 20 cannot load
// .ts by itself, so the worker first registers typescript-hooks.mjs, which compiles .ts modules with
// the project's own TypeScript (transpileModule, no type check) and maps `./x.js` imports to `./x.ts`.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import stringWidth from 'string-width';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { siblingModule, startModuleWorker } from './worker-start.js';
import { flushToDisk, writeFileAtomic, type WrittenFile } from './atomic-write.js';
import type { BuildOptions } from './context.js';
import { findSidecar } from './metadata.js';
import { outputStem, safeStem } from './output-names.js';
import { MAX_INPUT_BYTES, MAX_SIDECAR_BYTES, readBounded } from './read-input.js';
import { describeEnvironmentError, InputError, printable, type Report } from './report.js';
import { packageRoot } from './schema-files.js';
import type { WorkerReply, WorkerSetup, WorkerTask } from './batch-worker.js';

/** What the job returns for one document. */
export interface FileResult {
  /** Paths of the files written (the cache checks they still exist before skipping). */
  outputs: string[];
  /** The document's report: warnings are counted; an error-severity diagnostic fails the document. */
  report: Report;
  /** Each output's resolved path, size and sha256 as the job wrote it (buildFile with `digest`); without it the
   * batch reads every output back to hash it. */
  written?: WrittenFile[];
}

/** What the batch passes to its job for every document (buildFile's options). */
export type JobOptions = Partial<BuildOptions> & { metaFile?: string; sidecarFolders?: string[]; flush?: boolean; digest?: boolean };

/** The job's shape: `buildFile(path, outDir, options)` from build.ts, or a test's stand-in. */
export type BuildFileJob = (
  inputPath: string,
  outDir: string,
  options: JobOptions,
) => FileResult | Promise<FileResult>;

/** Where progress goes: a TTY gets one updating line, anything else one plain line per document. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface BatchOptions extends Partial<Omit<BuildOptions, 'formats'>> {
  outDir: string;
  formats: BuildOptions['formats'];
  /** Where the cache of unchanged documents lives; default outDir. The site keeps it out of the folder it
   * publishes (the cache names local input paths). */
  cacheDir?: string;
  /** Rebuild even when the cache says a document is unchanged. */
  force?: boolean;
  /** Worker threads; default as workerCount decides (by the work, the idle cores, PDFs). */
  jobs?: number;
  /** Module exporting the job (a path, or a file: URL); default build.js, whose buildInputFile builds texts and PDFs. */
  job?: string;
  /** The job's export name; default `buildInputFile` of build.js, `buildFile` of another module. */
  jobExport?: string;
  /** A sidecar to use instead of `<stem>.meta.json` (for a batch of one). */
  metaFile?: string;
  /** Folders searched for `<stem>.meta.json` when there is none next to a text. */
  sidecarFolders?: string[];
  /** Called after each document, skipped ones included. */
  onProgress?(done: number, total: number, file: string): void;
  /** Progress and summary output; default process.stderr; false for none. */
  progress?: ProgressStream | false;
  /** Heap limit of each worker in MB, so one runaway document ends its worker, not the process. */
  workerMemoryMb?: number;
  /** Time limit per document in ms (default DEFAULT_TIMEOUT_MS); over it, the worker is ended and the document fails. */
  timeoutMs?: number;
  /** Build in this thread instead of workers (one document: no worker start-up; no time limit). */
  inProcess?: boolean;
  /** Print the summary at the end on the progress stream (default true). */
  printSummary?: boolean;
}

/** The default time limit of one document: the slowest real resolution builds in well under a second. */
export const DEFAULT_TIMEOUT_MS = 120_000;

export type DocumentStatus = 'built' | 'skipped' | 'failed';

export interface DocumentOutcome {
  file: string;
  status: DocumentStatus;
  outputs: string[];
  report?: Report;
  /** For a failure: the line printed, `file:line: message`. */
  error?: string;
  /** For an internal error (a bug, not bad input): the stack, for debugging. */
  stack?: string;
}

export interface BatchSummary {
  documents: number;
  built: number;
  outputsWritten: number;
  skipped: number;
  warnings: number;
  failures: number;
  elapsedMs: number;
  /** One per input, in input order. */
  outcomes: DocumentOutcome[];
}

export const CACHE_FILE = '.akn-press-cache.json';

/** The exit status a summary calls for: 0 when every document succeeded, 1 otherwise. */
export function batchExitStatus(summary: BatchSummary): number {
  return summary.failures > 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------
// Inputs

/**
 * Every input: files as given, folders searched recursively for `*.txt` and `*.pdf` (sidecars `*.meta.json`,
 * hidden files and folders, and symbolic links to folders are passed over). Sorted, without duplicates.
 */
export function expandInputs(paths: readonly string[]): string[] {
  const found: string[] = [];
  const visit = (path: string, top: boolean) => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new InputError(path, 'no such file or folder', undefined, 'read');
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path, { withFileTypes: true })) {
        if (entry.name.startsWith('.')) continue;
        const child = join(path, entry.name);
        if (entry.isDirectory()) visit(child, false);
        else if (/\.(?:txt|pdf)$/i.test(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && isFile(child)))) found.push(child);
      }
    } else if (top || /\.(?:txt|pdf)$/i.test(path)) {
      found.push(path);
    }
  };
  for (const path of paths) visit(path, true);
  const seen = new Set<string>();
  const unique = found.filter((p) => {
    const key = resolve(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // Code-unit order, not locale order: the same on every machine.
  unique.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (unique.length === 0) throw new InputError(paths.join(' ') || '.', 'no .txt or .pdf files found', undefined, 'read');
  return unique;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------
// The cache of unchanged documents

interface CacheOutput {
  /** Relative to outDir. */
  path: string;
  sha256: string;
  size: number;
}

interface CacheEntry {
  /** documentHash() of what the outputs depend on. */
  hash: string;
  outputs: CacheOutput[];
}

interface CacheFile {
  version: 2;
  entries: Record<string, CacheEntry>;
}

/**
 * What finished since the cache was last written whole: one JSON line per change, appended as each
 * document finishes, so a batch killed half-way keeps its finished documents without rewriting the whole
 * cache after every document (that was quadratic in the batch's size: a session of 1,800 documents wrote
 * the cache 1,800 times). The batch folds it into the cache file at its end.
 */
const CACHE_JOURNAL = '.akn-press-cache.journal';

interface JournalLine {
  key: string;
  /** The document's new entry, or null when it has none any more. */
  entry: CacheEntry | null;
}

function readCache(cacheDir: string): { cache: CacheFile; problem?: string } {
  const path = join(cacheDir, CACHE_FILE);
  let cache: CacheFile = { version: 2, entries: {} };
  let problem: string | undefined;
  if (existsSync(path)) {
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
      if ((data.version as number) === 1) cache = { version: 2, entries: {} }; // older format: rebuilt once, silently
      else if (data.version !== 2 || typeof data.entries !== 'object' || data.entries === null) throw new Error('unknown format');
      else cache = data;
    } catch (error) {
      problem = `${path}: unreadable cache (${(error as Error).message}); rebuilding everything`;
    }
  }
  replayJournal(cacheDir, cache);
  return problem ? { cache, problem } : { cache };
}

/** Applies the journal of a batch that did not finish (killed, or still running in another process). */
function replayJournal(cacheDir: string, cache: CacheFile): void {
  const path = join(cacheDir, CACHE_JOURNAL);
  if (!existsSync(path)) return;
  for (const text of readFileSync(path, 'utf8').split('\n')) {
    if (text === '') continue;
    try {
      const line = JSON.parse(text) as JournalLine;
      if (typeof line.key !== 'string') continue;
      if (line.entry === null) delete cache.entries[line.key];
      else if (typeof line.entry?.hash === 'string' && Array.isArray(line.entry.outputs)) cache.entries[line.key] = line.entry;
    } catch {
      // The last line of a batch killed while appending it: that document is built again.
    }
  }
}

function journal(cacheDir: string, line: JournalLine): void {
  appendFileSync(join(cacheDir, CACHE_JOURNAL), `${JSON.stringify(line)}\n`);
}

/** The whole cache written at once, the journal it absorbed removed. */
function saveCache(cacheDir: string, cache: CacheFile): void {
  writeCache(cacheDir, cache);
  rmSync(join(cacheDir, CACHE_JOURNAL), { force: true });
}

/** The inputs the cache of `outDir` holds as built (absolute paths), its journal included. */
export function cachedDocuments(outDir: string, cacheDir = outDir): string[] {
  return Object.keys(readCache(resolve(cacheDir)).cache.entries);
}

/** Every output the cache of `outDir` records (absolute paths): what a batch there built and keeps. */
export function cachedOutputs(outDir: string, cacheDir = outDir): Set<string> {
  const { cache } = readCache(resolve(cacheDir));
  return new Set(Object.values(cache.entries).flatMap((e) => e.outputs.map((o) => resolve(outDir, o.path))));
}

function writeCache(cacheDir: string, cache: CacheFile): void {
  const sorted = Object.fromEntries(Object.entries(cache.entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  writeFileAtomic(join(cacheDir, CACHE_FILE), `${JSON.stringify({ version: 2, entries: sorted }, null, 2)}\n`, undefined, { flush: false });
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What an output is now: its size and hash, or undefined when it is missing or not a file. */
function outputRecord(outDir: string, path: string): CacheOutput | undefined {
  const full = resolve(outDir, path);
  try {
    const stats = statSync(full);
    if (!stats.isFile()) return undefined;
    return { path: relative(outDir, full), size: stats.size, sha256: sha256(readFileSync(full)) };
  } catch {
    return undefined;
  }
}

/** True when every recorded output is on disk with the size and sha256 recorded (a truncated or overwritten one is not). */
function outputsIntact(outDir: string, entry: CacheEntry): boolean {
  return (
    entry.outputs.length > 0 &&
    entry.outputs.every((o) => {
      const full = resolve(outDir, o.path);
      try {
        const stats = statSync(full);
        return stats.isFile() && stats.size === o.size && sha256(readFileSync(full)) === o.sha256;
      } catch {
        return false;
      }
    })
  );
}

/**
 * Temporary files of atomic writes (`.<name>.<pid>-<thread>-<random>.tmp`) left by a run that was killed:
 * removed when their process is gone. Returns how many were removed.
 */
export function removeStaleTemporaryFiles(outDir: string): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const m = /^\..*\.(\d+)-\d+-[0-9a-f]{12}\.tmp$/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || processAlive(pid)) continue;
    try {
      unlinkSync(join(outDir, name));
      removed++;
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let toolVersionCache: string | undefined;
function toolVersion(): string {
  toolVersionCache ??= (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return toolVersionCache;
}

/** sha256 of everything a document's outputs depend on: input, sidecar, tool version, build options. */
export function documentHash(input: Uint8Array, sidecar: Uint8Array | undefined, version: string, options: object): string {
  const hash = createHash('sha256');
  // Lengths first, so no two different tuples hash the same bytes.
  const field = (label: string, bytes: Uint8Array | string) => {
    const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    hash.update(`${label}:${data.byteLength}:`);
    hash.update(data);
  };
  field('akn-press-cache', '1');
  field('version', version);
  field('options', JSON.stringify(options, Object.keys(options).sort()));
  field('input', input);
  if (sidecar) field('sidecar', sidecar);
  return hash.digest('hex');
}

// ---------------------------------------------------------------------------------------------------
// Progress

class Progress {
  private done = 0;
  private barShown = false;

  constructor(
    private readonly stream: ProgressStream | undefined,
    private readonly total: number,
    private readonly onProgress?: (done: number, total: number, file: string) => void,
  ) {}

  /** On a TTY, a first line at once: workers take a second to start (each compiles the schema). */
  start(workers: number): void {
    if (!this.stream?.isTTY || this.total === 0) return;
    this.draw(`[${'0'.padStart(String(this.total).length)}/${this.total}]   0% starting ${plural(workers, 'worker')}…`);
  }

  private draw(line: string): void {
    const width = Math.max(20, (this.stream!.columns ?? 80) - 1);
    // \r and erase-line: one line updated in place; cut to the display width (CJK characters take two
    // columns) so it never wraps.
    this.stream!.write(`\r\x1b[K${fitWidth(line, width)}`);
    this.barShown = true;
  }

  /** A message that must stay on screen (a failure, a cache problem). */
  message(line: string): void {
    if (!this.stream) return;
    this.clearBar();
    this.stream.write(`${line}\n`);
  }

  document(outcome: DocumentOutcome): void {
    this.done++;
    this.onProgress?.(this.done, this.total, outcome.file);
    if (!this.stream) return;
    const count = `[${String(this.done).padStart(String(this.total).length)}/${this.total}]`;
    if (this.stream.isTTY) {
      // A failure stays on screen above the bar.
      if (outcome.status === 'failed') this.message(outcome.error ?? `${outcome.file}: failed`);
      const percent = `${String(Math.floor((this.done * 100) / this.total)).padStart(3)}%`;
      this.draw(`${count} ${percent} ${printable(outcome.file)}`);
    } else if (outcome.status === 'failed') {
      this.stream.write(`${count} FAILED ${outcome.error ?? printable(outcome.file)}\n`);
    } else {
      this.stream.write(`${count} ${printable(outcome.file)}: ${describeOutcome(outcome)}\n`);
    }
  }

  finish(summary: BatchSummary, printSummary: boolean): void {
    if (!this.stream) return;
    this.clearBar();
    if (printSummary) this.stream.write(formatSummary(summary));
  }

  private clearBar(): void {
    if (this.barShown && this.stream) this.stream.write('\r\x1b[K');
    this.barShown = false;
  }
}

/** The line cut to `width` terminal columns, with an ellipsis when cut. */
export function fitWidth(line: string, width: number): string {
  if (stringWidth(line) <= width) return line;
  let out = '';
  let used = 0;
  for (const ch of line) {
    const w = stringWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function warningCount(report: Report | undefined): number {
  return report ? report.diagnostics.filter((d) => d.severity === 'warning').length : 0;
}

function describeOutcome(outcome: DocumentOutcome): string {
  if (outcome.status === 'skipped') return 'unchanged, skipped';
  const warnings = warningCount(outcome.report);
  return `built, ${plural(outcome.outputs.length, 'output')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}`;
}

/** The summary printed at the end of a batch. */
export function formatSummary(summary: BatchSummary): string {
  const lines = [
    `Documents:            ${summary.documents}`,
    `Outputs written:      ${summary.outputsWritten}`,
    `Skipped as unchanged: ${summary.skipped}`,
    `Warnings:             ${summary.warnings}`,
    `Failures:             ${summary.failures}`,
    `Elapsed:              ${(summary.elapsedMs / 1000).toFixed(1)} s`,
  ];
  const failed = summary.outcomes.filter((o) => o.status === 'failed');
  if (failed.length) lines.push('Failed:', ...failed.map((o) => `  ${o.error ?? printable(o.file)}`));
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------
// Workers

/** The worker's entry and, when running from TypeScript sources, the loader it needs first. */
function workerEntry(): { url: URL; fromSource: boolean } {
  const fromSource = import.meta.url.endsWith('.ts');
  return { url: new URL(fromSource ? './batch-worker.ts' : './batch-worker.js', import.meta.url), fromSource };
}

function startWorker(setup: WorkerSetup, needsTypeScript: boolean, memoryMb: number): Worker {
  return startModuleWorker(workerEntry().url, setup, needsTypeScript, { maxOldGenerationSizeMb: memoryMb });
}

/** The job's export: as named, else build.js's buildInputFile (texts and PDFs), or `buildFile` of another module. */
function jobExport(options: BatchOptions): string {
  return options.jobExport ?? (options.job === undefined ? 'buildInputFile' : 'buildFile');
}

function jobUrl(job: string | undefined): string {
  if (job === undefined) return siblingModule('build').href;
  return /^file:/.test(job) ? job : pathToFileURL(resolve(job)).href;
}

export interface PendingDocument {
  index: number;
  file: string;
  hash?: string;
  /** The input's size in bytes, when it was read for its hash. */
  bytes?: number;
}

/** The cores a batch may use, and how many of them other than its first worker's were found idle. */
export interface MachineLoad {
  cores: number;
  /** Idle cores besides the one the batch's first worker takes (cores − 1 when not measured). */
  idle: number;
}

/** CPU time of every core so far (os.cpus(), in ms): what was idle and the total. */
export interface CpuTimes {
  idle: number;
  total: number;
}

export function cpuTimes(): CpuTimes {
  let idle = 0;
  let total = 0;
  for (const { times } of cpus()) {
    idle += times.idle;
    total += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return { idle, total };
}

/** How many of `cores` were idle between two readings of cpuTimes() (undefined when no time was counted). */
export function idleCores(before: CpuTimes, after: CpuTimes, cores: number): number | undefined {
  const total = after.total - before.total;
  return total > 0 ? ((after.idle - before.idle) / total) * cores : undefined;
}

/**
 * How many workers a batch runs: `jobs` when given (never more than the documents); otherwise one per 2 MB of
 * text to build, one for a batch that holds PDFs, and, beyond the first, one per core that stays idle while the
 * first starts (runInWorkers measures it: `machine.idle`, rounded); at least one.
 *
 * Why (measured on this 2-vCPU machine, 240 resolutions, 4.2 MB): every worker pays the same start again —
 * loading the pipeline, compiling the XSD, and V8 compiling the pipeline's hot functions once more (its
 * optimising compiler alone is about 2 s of CPU per thread over such a batch) — about 2.9 s of CPU, the work of
 * some 160 resolutions (2.8 MB). One worker: 6.8 s wall, 8.8 s CPU, 185 MB; two on idle cores: 6.0 s wall (9 % less)
 * for 11.4 s of CPU (30 % more) and 290 MB; two while other work keeps the cores busy (load average 12):
 * 21.9 s wall against 18.2 s for one, so a worker is only started for a core that is idle. PDF.js adds 30–60 MB
 * to each worker that reads a PDF: the 13 corpus PDFs peak at 315–327 MB with two workers, 223 MB with one.
 */
export function workerCount(documents: PendingDocument[], jobs: number | undefined, machine?: MachineLoad): number {
  if (jobs !== undefined) return Math.max(1, Math.min(jobs, documents.length));
  if (documents.some((d) => PDF_NAME.test(d.file))) return 1;
  const cores = machine?.cores ?? availableParallelism();
  const bytes = documents.reduce((sum, d) => sum + (d.bytes ?? MAX_INPUT_BYTES), 0);
  const wanted = Math.min(cores, 1 + Math.round(machine?.idle ?? cores - 1), Math.ceil(bytes / WORK_PER_WORKER_BYTES));
  return Math.max(1, Math.min(wanted, documents.length));
}
/** How long the CPU is watched, while the first worker starts, before more workers are started. */
const IDLE_SAMPLE_MS = 250;
const WORK_PER_WORKER_BYTES = 2 * 2 ** 20;
/** Inputs built as PDFs (as build.js's isPdfPath decides; build.js is not loaded in this thread). */
const PDF_NAME = /\.pdf$/i;

/**
 * The heap limit of a batch's workers: 256 MB, and 256 MB more per whole MB of the largest input (up to 2 GB). A
 * lower limit makes V8 collect garbage before its heap grows far past what a document keeps alive (a worker
 * building resolutions of 5–60 kB keeps about 30 MB alive, yet let its heap grow to 130 MB under a 2 GB limit);
 * the sample repeated a hundred times (2.8 MB) builds within 256 MB, so the allowance is ample.
 */
export function workerHeapMb(largestInputBytes: number): number {
  return Math.min(2048, 256 + 256 * Math.floor(largestInputBytes / 2 ** 20));
}

/** Builds every input, `jobs` at a time in worker threads; one document's failure never stops the others. */
export async function runBatch(inputs: string[], options: BatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const files = expandInputs(inputs);
  const outDir = resolve(options.outDir);
  const stream = options.progress === false ? undefined : (options.progress ?? process.stderr);
  const progress = new Progress(stream, files.length, options.onProgress);
  const buildOptions: JobOptions = {
    formats: options.formats,
    ...(options.resolverBase !== undefined ? { resolverBase: options.resolverBase } : {}),
    ...(options.markupDate !== undefined ? { markupDate: options.markupDate } : {}),
    ...(options.metaFile !== undefined ? { metaFile: options.metaFile } : {}),
    ...(options.sidecarFolders?.length ? { sidecarFolders: options.sidecarFolders.map((f) => resolve(f)) } : {}),
    // Durability once for the whole batch (flushToDisk below), not per file: see atomic-write.ts.
    flush: false,
    // The cache's sha256 of each output, hashed by the worker from the bytes it wrote (not read back here).
    digest: true,
  };

  removeStaleTemporaryFiles(outDir);
  const cacheDir = options.cacheDir === undefined ? outDir : resolve(options.cacheDir);
  const { cache, problem } = readCache(cacheDir);
  if (problem) progress.message(problem);
  // Which cache entries record each output (relative path): finding the entries a new output displaces is then
  // a look-up, not a scan of the whole cache for every document (quadratic in a session of thousands).
  const owners = new Map<string, Set<string>>();
  const remember = (key: string, entry: CacheEntry) => {
    cache.entries[key] = entry;
    for (const o of entry.outputs) (owners.get(o.path) ?? owners.set(o.path, new Set()).get(o.path)!).add(key);
  };
  const forget = (key: string) => {
    for (const o of cache.entries[key]?.outputs ?? []) owners.get(o.path)?.delete(key);
    delete cache.entries[key];
  };
  for (const [key, entry] of Object.entries(cache.entries)) remember(key, entry);
  const outcomes: DocumentOutcome[] = new Array(files.length);
  const record = (index: number, outcome: DocumentOutcome) => {
    outcomes[index] = outcome;
    progress.document(outcome);
  };

  // Decide what to build: unchanged documents are skipped, output-name collisions fail.
  const pending: PendingDocument[] = [];
  const stems = new Map<string, string>();
  const version = toolVersion();
  files.forEach((file, index) => {
    const key = resolve(file);
    try {
      const stem = safeStem(outputStem(file));
      const earlier = stems.get(stem.toLowerCase());
      if (earlier) throw new InputError(file, `its outputs would have the same names as those of ${earlier} (${stem}.*)`, undefined, 'output-name');
      stems.set(stem.toLowerCase(), file);
      const sidecarPath = options.metaFile ?? findSidecar(file, buildOptions.sidecarFolders);
      // Sizes are checked before anything is read whole (the build itself refuses the same sizes).
      const input = readBounded(file, MAX_INPUT_BYTES, 'input');
      const hash = documentHash(
        input,
        sidecarPath ? readBounded(sidecarPath, MAX_SIDECAR_BYTES, 'metadata sidecar') : undefined,
        version,
        // How the outputs reach the disk, and whether their hashes come back, does not change them.
        { ...buildOptions, flush: undefined, digest: undefined },
      );
      const entry = cache.entries[key];
      if (!options.force && entry && entry.hash === hash && outputsIntact(outDir, entry)) {
        record(index, { file, status: 'skipped', outputs: entry.outputs.map((o) => resolve(outDir, o.path)) });
        return;
      }
      pending.push({ index, file, hash, bytes: input.byteLength });
    } catch (error) {
      forget(key);
      record(index, failure(file, error));
    }
  });

  const finished = (doc: PendingDocument, outcome: DocumentOutcome, reported?: WrittenFile[]) => {
    const key = resolve(doc.file);
    const changes: JournalLine[] = [];
    if (cache.entries[key]) changes.push({ key, entry: null });
    forget(key);
    if (outcome.status === 'built' && doc.hash) {
      const written = reported?.length === outcome.outputs.length && reported.every((w) => w.sha256 !== undefined)
        ? reported.map((w) => ({ path: relative(outDir, w.path), size: w.size, sha256: w.sha256! }))
        : outcome.outputs.map((o) => outputRecord(outDir, o)).filter((o): o is CacheOutput => o !== undefined);
      // Another input (same name, another folder, earlier run) that claimed these outputs no longer owns them.
      for (const output of written) {
        for (const other of [...(owners.get(output.path) ?? [])]) {
          forget(other);
          changes.push({ key: other, entry: null });
        }
      }
      if (written.length === outcome.outputs.length) {
        remember(key, { hash: doc.hash, outputs: written });
        changes.push({ key, entry: cache.entries[key]! });
      }
    }
    // Journaled as each document finishes: a batch killed half-way keeps what it finished.
    try {
      mkdirSync(cacheDir, { recursive: true });
      for (const change of changes) journal(cacheDir, change);
    } catch {
      // The outputs are written; a cache that cannot be saved only means rebuilding next time.
    }
    record(doc.index, outcome);
  };
  // Without --jobs, one worker starts at once and the others only for cores that stay idle meanwhile.
  const workers = options.inProcess ? 1 : workerCount(pending, options.jobs);
  progress.start(options.jobs === undefined ? 1 : workers);
  if (options.inProcess) await runInProcess(pending, options, outDir, buildOptions, finished);
  else await runInWorkers(pending, workers, options, outDir, buildOptions, finished);
  if (existsSync(outDir)) {
    try {
      mkdirSync(cacheDir, { recursive: true });
      saveCache(cacheDir, cache);
    } catch {
      // As above: only a rebuild next time.
    }
  }
  // The group commit: every output and the cache on disk before the batch reports success.
  const writtenPaths = outcomes.flatMap((o) => (o?.status === 'built' ? o.outputs : []));
  if (existsSync(join(cacheDir, CACHE_FILE))) writtenPaths.push(join(cacheDir, CACHE_FILE));
  flushToDisk(writtenPaths);

  const built = outcomes.filter((o) => o.status === 'built');
  const summary: BatchSummary = {
    documents: files.length,
    built: built.length,
    outputsWritten: built.reduce((n, o) => n + o.outputs.length, 0),
    skipped: outcomes.filter((o) => o.status === 'skipped').length,
    warnings: outcomes.reduce((n, o) => n + (o.status === 'skipped' ? 0 : warningCount(o.report)), 0),
    failures: outcomes.filter((o) => o.status === 'failed').length,
    elapsedMs: performance.now() - started,
    outcomes,
  };
  progress.finish(summary, options.printSummary !== false);
  return summary;
}

/** The job in this thread, one document after the other (no time limit: synchronous code cannot be interrupted). */
async function runInProcess(
  documents: PendingDocument[],
  options: BatchOptions,
  outDir: string,
  buildOptions: JobOptions,
  done: (doc: PendingDocument, outcome: DocumentOutcome, written?: WrittenFile[]) => void,
): Promise<void> {
  if (documents.length === 0) return;
  const module = (await import(jobUrl(options.job))) as Record<string, unknown>;
  const job = module[jobExport(options)];
  if (typeof job !== 'function') throw new Error(`cannot load the batch job: ${options.job} has no exported function ${jobExport(options)}`);
  for (const doc of documents) {
    let outcome: DocumentOutcome;
    let written: WrittenFile[] | undefined;
    try {
      const result = (await (job as BuildFileJob)(doc.file, outDir, buildOptions)) as FileResult;
      outcome = outcomeOfReply(doc.file, { type: 'done', result: { outputs: [...result.outputs], report: result.report } });
      written = result.written;
    } catch (error) {
      outcome = failure(doc.file, error);
    }
    done(doc, outcome, written);
  }
}

function failure(file: string, error: unknown): DocumentOutcome {
  if (error instanceof InputError) return { file, status: 'failed', outputs: [], error: error.toString() };
  const environment = describeEnvironmentError(error);
  if (environment) return { file, status: 'failed', outputs: [], error: environment };
  const message = error instanceof Error ? error.message : String(error);
  return { file, status: 'failed', outputs: [], error: `${printable(file)}: internal error: ${message}`, stack: error instanceof Error ? error.stack : undefined };
}

/** Outcome of a job's reply; an error-severity diagnostic in the report fails the document. */
function outcomeOfReply(file: string, reply: WorkerReply): DocumentOutcome {
  if (reply.type === 'failed') {
    const e = reply.error;
    if (e.name === 'InputError') {
      const place = `${printable(e.file ?? file)}${e.line !== undefined ? `:${e.line}` : ''}`;
      return { file, status: 'failed', outputs: [], error: `${place}: ${e.message}` };
    }
    const environment = describeEnvironmentError(e);
    if (environment) return { file, status: 'failed', outputs: [], error: environment };
    return { file, status: 'failed', outputs: [], error: `${printable(file)}: internal error: ${e.message}`, stack: e.stack };
  }
  if (reply.type !== 'done') throw new Error(`unexpected reply ${reply.type}`);
  const { outputs, report } = reply.result;
  const firstError = report.diagnostics.find((d) => d.severity === 'error');
  if (firstError) {
    const place = `${firstError.file}${firstError.line !== undefined ? `:${firstError.line}` : ''}`;
    return { file, status: 'failed', outputs, report, error: `${printable(place)}: ${firstError.message}` };
  }
  return { file, status: 'built', outputs, report };
}

interface Slot {
  worker: Worker;
  ready: boolean;
  dead: boolean;
  current?: PendingDocument;
  timer?: NodeJS.Timeout;
}

function runInWorkers(
  documents: PendingDocument[],
  size: number,
  options: BatchOptions,
  outDir: string,
  buildOptions: JobOptions,
  done: (doc: PendingDocument, outcome: DocumentOutcome, written?: WrittenFile[]) => void,
): Promise<void> {
  if (documents.length === 0) return Promise.resolve();
  const queue = [...documents];
  const job = jobUrl(options.job);
  const setup: WorkerSetup = { job, jobExport: jobExport(options), outDir, options: buildOptions };
  const needsTypeScript = workerEntry().fromSource || /\.ts$/.test(job);
  const memoryMb = options.workerMemoryMb ?? workerHeapMb(documents.reduce((largest, d) => Math.max(largest, d.bytes ?? MAX_INPUT_BYTES), 0));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let remaining = documents.length;
  const slots = new Set<Slot>();

  return new Promise<void>((resolvePromise, rejectPromise) => {
    let settled = false;
    let sampling: NodeJS.Timeout | undefined;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(sampling);
      for (const slot of slots) {
        slot.dead = true;
        clearTimeout(slot.timer);
        void slot.worker.terminate();
      }
      slots.clear();
      if (error) rejectPromise(error);
      else resolvePromise();
    };

    const dispatch = (slot: Slot) => {
      const next = queue.shift();
      if (!next) {
        // Nothing left for this worker; it ends, the others finish their documents.
        slot.dead = true;
        slots.delete(slot);
        void slot.worker.terminate();
        return;
      }
      slot.current = next;
      const task: WorkerTask = { file: next.file };
      slot.worker.postMessage(task);
      // A document that never ends (a pathological input) costs its worker, not the batch.
      slot.timer = setTimeout(() => lost(slot, `it took longer than the time limit of ${formatSeconds(timeoutMs)}`), timeoutMs);
    };

    const complete = (slot: Slot, outcome: DocumentOutcome, written?: WrittenFile[]) => {
      const doc = slot.current!;
      clearTimeout(slot.timer);
      slot.current = undefined;
      done(doc, outcome, written);
      remaining--;
      if (remaining === 0) finish();
      else if (!slot.dead) dispatch(slot);
    };

    /** A worker stopped: its document (if any) fails, and a new worker takes over the queue. */
    const lost = (slot: Slot, why: string) => {
      if (slot.dead || settled) return;
      slot.dead = true;
      clearTimeout(slot.timer);
      slots.delete(slot);
      void slot.worker.terminate();
      const doc = slot.current;
      if (!doc) {
        // Dying before taking any document means every worker would: the job cannot even load.
        if (!slot.ready) finish(new Error(`cannot start a batch worker: ${why}`));
        return;
      }
      slot.current = undefined;
      const error = why.startsWith('it took longer')
        ? `${printable(doc.file)}: stopped because ${why}; the batch went on`
        : `${printable(doc.file)}: the worker building this document stopped (${why}); the batch went on`;
      done(doc, { file: doc.file, status: 'failed', outputs: [], error });
      remaining--;
      if (remaining === 0) finish();
      else if (queue.length > 0) spawn();
    };

    const spawn = () => {
      let worker: Worker;
      try {
        worker = startWorker(setup, needsTypeScript, memoryMb);
      } catch (error) {
        finish(error as Error);
        return;
      }
      const slot: Slot = { worker, ready: false, dead: false };
      slots.add(slot);
      worker.on('message', (reply: WorkerReply) => {
        if (slot.dead || settled) return;
        if (reply.type === 'ready') {
          slot.ready = true;
          dispatch(slot);
        } else if (reply.type === 'init-error') {
          finish(new Error(`cannot load the batch job: ${reply.message}`));
        } else if (slot.current) {
          complete(slot, outcomeOfReply(slot.current.file, reply), reply.type === 'done' ? reply.result.written : undefined);
        }
      });
      worker.on('error', (error: Error & { code?: string }) => {
        const why = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out of memory' : `uncaught ${error.name}: ${error.message}`;
        lost(slot, why);
      });
      worker.on('exit', (code) => lost(slot, `exit code ${code}`));
    };

    if (options.jobs !== undefined || size === 1) {
      for (let i = 0; i < size; i++) spawn();
      return;
    }
    // More workers only for cores left idle while the first one starts (other work on the machine keeps them busy).
    spawn();
    const before = cpuTimes();
    sampling = setTimeout(() => {
      if (settled) return;
      const idle = idleCores(before, cpuTimes(), availableParallelism());
      const more = Math.min(size, workerCount(queue, undefined, idle === undefined ? undefined : { cores: availableParallelism(), idle })) - 1;
      for (let i = 0; i < more; i++) spawn();
    }, IDLE_SAMPLE_MS);
  });
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** For tests and tools: the worker entry this module would start (a .js file under dist/). */
export function batchWorkerPath(): string {
  return fileURLToPath(workerEntry().url);
}
