// buildAsync(): the same build as build(), off the main thread, for servers that must keep answering
// while a document is built. One worker thread is started on first use and kept (unreferenced, so it
// never keeps a process alive); calls are queued to it and built one at a time.
// Reads: the same input as build().   Writes: nothing (the result, or the same errors as build()).
import type { Worker } from 'node:worker_threads';
import { checkFormats, type BuildInput, type BuildResult } from './build.js';
import type { BuildOptions } from './context.js';
import { InputError } from './report.js';
import { FROM_SOURCE, siblingModule, startModuleWorker } from './worker-start.js';

export type AsyncBuildResult = Omit<BuildResult, 'context'>;

let worker: Worker | undefined;
let nextId = 1;
const waiting = new Map<number, { resolve: (r: AsyncBuildResult) => void; reject: (e: Error) => void }>();

function failAll(error: Error): void {
  for (const { reject } of waiting.values()) reject(error);
  waiting.clear();
  worker = undefined;
}

function buildWorker(): Worker {
  if (worker) return worker;
  const started = startModuleWorker(siblingModule('build-async-worker'), undefined, FROM_SOURCE);
  started.unref();
  started.on('message', (message: { id: number; result?: AsyncBuildResult; error?: { name: string; message: string; file?: string; line?: number; code?: string; stack?: string } }) => {
    const pending = waiting.get(message.id);
    if (!pending) return;
    waiting.delete(message.id);
    if (waiting.size === 0) started.unref();
    if (message.result) return pending.resolve(message.result);
    const e = message.error!;
    let error: Error;
    if (e.name === 'InputError') error = new InputError(e.file ?? '<text>', e.message, e.line, e.code);
    else if (e.name === 'TypeError') error = new TypeError(e.message);
    else error = Object.assign(new Error(e.message), { name: e.name, code: e.code });
    pending.reject(error);
  });
  started.on('error', (error) => failAll(error));
  started.on('exit', (code) => failAll(new Error(`akn-press: the build worker stopped (exit code ${code})`)));
  worker = started;
  return started;
}

/** Builds one document in a worker thread; resolves to what build() returns, less the internal context. */
export function buildAsync(input: BuildInput, options: Partial<BuildOptions> = {}): Promise<AsyncBuildResult> {
  // The arguments are checked here too, so a mistake is reported before any thread starts.
  if (input === undefined || input === null || typeof input !== 'object') {
    return Promise.reject(new TypeError('akn-press: buildAsync() needs an input object: buildAsync({ file: "x.txt", text })'));
  }
  try {
    checkFormats(options?.formats);
  } catch (error) {
    return Promise.reject(error);
  }
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    const w = buildWorker();
    w.ref();
    w.postMessage({ id, input, options });
  });
}

/** Stops the worker (tests, or a server shutting down); a later call starts a new one. */
export async function closeBuildWorker(): Promise<void> {
  const w = worker;
  worker = undefined;
  if (w) await w.terminate();
}
