// The worker thread behind buildAsync(): builds documents one at a time with the synchronous build().
// Reads: { id, input, options } messages.   Writes: { id, result } or { id, error } messages.
import { parentPort } from 'node:worker_threads';
import { build } from './build.js';

const port = parentPort;
if (!port) throw new Error('build-async-worker runs as a worker thread started by build-async.ts');
port.on('message', (message: { id: number; input: Parameters<typeof build>[0]; options: Parameters<typeof build>[1] }) => {
  try {
    const { xml, html, epub, jsonld, report } = build(message.input, message.options);
    port.postMessage({ id: message.id, result: { xml, html, epub, jsonld, report } });
  } catch (error) {
    const e = error as Error & { file?: string; line?: number; code?: string };
    port.postMessage({ id: message.id, error: { name: e.name, message: e.message, file: e.file, line: e.line, code: e.code, stack: e.stack } });
  }
});
