// A batch worker thread: loads the job once, then builds the documents the batch sends, one at a time.
// Reads: WorkerSetup (workerData), WorkerTask messages.   Writes: WorkerReply messages (see batch.ts).
// Anything the job throws is caught and sent back; a crash of the whole thread is the batch's to handle.
import { parentPort, workerData } from 'node:worker_threads';
import type { BuildFileJob, FileResult, JobOptions } from './batch.js';

export interface WorkerSetup {
  /** file: URL of the module exporting the job. */
  job: string;
  jobExport: string;
  outDir: string;
  options: JobOptions;
}

export interface WorkerTask {
  file: string;
}

/** An error as it crosses the thread boundary: InputError keeps its place, anything else its stack. */
export interface SerializedError {
  name: string;
  message: string;
  file?: string;
  line?: number;
  code?: string;
  /** A file-system error's path (ENOSPC on which file). */
  path?: string;
  stack?: string;
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'init-error'; message: string }
  | { type: 'done'; result: FileResult }
  | { type: 'failed'; error: SerializedError };

function serialize(error: unknown): SerializedError {
  if (error instanceof Error) {
    const e = error as Error & { file?: unknown; line?: unknown; code?: unknown; path?: unknown };
    return {
      name: e.name,
      message: e.message,
      ...(typeof e.file === 'string' ? { file: e.file } : {}),
      ...(typeof e.line === 'number' ? { line: e.line } : {}),
      ...(typeof e.code === 'string' ? { code: e.code } : {}),
      ...(typeof e.path === 'string' ? { path: e.path } : {}),
      ...(e.stack ? { stack: e.stack } : {}),
    };
  }
  return { name: 'Error', message: String(error) };
}

const port = parentPort;
if (!port) throw new Error('batch-worker.ts runs as a worker thread started by batch.ts');
const setup = workerData as WorkerSetup;

let job: BuildFileJob | undefined;
try {
  const module = (await import(setup.job)) as Record<string, unknown>;
  const exported = module[setup.jobExport];
  if (typeof exported !== 'function') throw new Error(`${setup.job} has no exported function ${setup.jobExport}`);
  job = exported as BuildFileJob;
} catch (error) {
  port.postMessage({ type: 'init-error', message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
}

if (job) {
  const run = job;
  port.on('message', async (task: WorkerTask) => {
    let reply: WorkerReply;
    try {
      const result = await run(task.file, setup.outDir, setup.options);
      // Only what the batch needs crosses the boundary (the job may return more, e.g. the context).
      reply = { type: 'done', result: { outputs: [...result.outputs], report: result.report, ...(result.written ? { written: result.written } : {}) } };
    } catch (error) {
      reply = { type: 'failed', error: serialize(error) };
    }
    try {
      port.postMessage(reply);
    } catch (error) {
      // A report that cannot be cloned (a function in it, say) is a bug of the job, reported as such.
      port.postMessage({ type: 'failed', error: serialize(error) } satisfies WorkerReply);
    }
  });
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
}
