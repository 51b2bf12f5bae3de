// Starting a worker thread on one of the pipeline's modules, from compiled JavaScript (dist/) or, under
// vitest, from the TypeScript sources (the worker first registers typescript-hooks.mjs, see batch.ts).
// Reads: nothing.   Writes: nothing (returns the Worker).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** True when this module runs from .ts sources (vitest), so workers need the TypeScript hooks. */
export const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** The URL of a sibling module by its base name (`batch-worker`), .ts or .js as this module is. */
export function siblingModule(baseName: string): URL {
  return new URL(`./${baseName}${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);
}

export function startModuleWorker(url: URL, workerData: unknown, needsTypeScript: boolean, resourceLimits: ResourceLimits = {}): Worker {
  // Node's own flags pass on to workers, except --input-type, which a worker started from a file refuses.
  const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--input-type'));
  if (!needsTypeScript) return new Worker(url, { workerData, resourceLimits, execArgv });
  const typescript = pathToFileURL(createRequire(import.meta.url).resolve('typescript')).href;
  const hooks = new URL('./typescript-hooks.mjs', import.meta.url).href;
  // A CommonJS bootstrap (eval workers are scripts) that installs the hooks, then loads the real entry.
  const bootstrap = [
    `require('node:module').register(${JSON.stringify(hooks)}, { data: { typescript: ${JSON.stringify(typescript)} } });`,
    `import(${JSON.stringify(url.href)});`,
  ].join('\n');
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits, execArgv });
}
