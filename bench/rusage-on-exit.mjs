// Preloaded (node --import) into the batch's process: at exit, its peak resident memory and CPU time.
// Reads: $BENCH_RUSAGE_FILE.   Writes: that file, JSON { maxRssKb, userMs, systemMs }.
// Worker threads live in the same process, so the process's maxRSS covers them; the module is also
// preloaded into each worker (node passes --import on), where it does nothing.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const target = process.env.BENCH_RUSAGE_FILE;
if (isMainThread && target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRssKb: usage.maxRSS, userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000 }));
  });
}
