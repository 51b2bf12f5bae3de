// Preloaded (node --import) into the batch's process: at exit, its peak resident memory, CPU time and how many
// worker threads it started.
// Reads: $BENCH_RUSAGE_FILE.   Writes: that file, JSON { maxRssKb, userMs, systemMs, workers }.
// Worker threads live in the same process, so the process's maxRSS covers them; node passes --import on to
// each worker, where this module only says on a BroadcastChannel that a worker started.
import { writeFileSync } from 'node:fs';
import { BroadcastChannel, isMainThread } from 'node:worker_threads';

const target = process.env.BENCH_RUSAGE_FILE;
if (target) {
  const channel = new BroadcastChannel('akn-press-bench-workers');
  if (isMainThread) {
    let workers = 0;
    channel.onmessage = () => workers++;
    channel.unref();
    process.on('exit', () => {
      const usage = process.resourceUsage();
      writeFileSync(target, JSON.stringify({ maxRssKb: usage.maxRSS, userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000, workers }));
    });
  } else {
    channel.postMessage('started');
    channel.close();
  }
}
