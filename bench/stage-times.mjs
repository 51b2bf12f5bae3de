// Per-stage timing of one document: the stages run one by one on a fresh BuildContext, as runStages does.
// Reads: a document (bytes, sidecar) and the compiled stages from dist/.   Writes: milliseconds per stage.
import { stages } from '../dist/pipeline/index.js';
import { newReport } from '../dist/pipeline/report.js';

/** Every format, so each publication stage in `stages` does its work. */
export const ALL_FORMATS = ['xml', 'html', 'epub', 'jsonld'];

export const median = (values) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The same BuildContext build() makes (pipeline/build.ts). */
function newContext(document) {
  return {
    file: document.file,
    bytes: document.bytes,
    sidecar: document.sidecar,
    sidecarFile: document.sidecarFile,
    options: { formats: ALL_FORMATS },
    report: newReport(document.file),
  };
}

/**
 * One build, each stage timed with the monotonic clock; returns ms per stage name. With `cpu`, also the
 * process's CPU time per stage (user + system; the stages run on this thread, GC helpers add a little),
 * which other work on the machine inflates far less than the wall clock.
 */
export function timedBuild(document, cpu) {
  const context = newContext(document);
  const times = {};
  for (const stage of stages) {
    const cpuStart = cpu ? process.cpuUsage() : undefined;
    const start = process.hrtime.bigint();
    stage.run(context);
    times[stage.name] = Number(process.hrtime.bigint() - start) / 1e6;
    if (cpu) {
      const used = process.cpuUsage(cpuStart);
      cpu[stage.name] = (used.user + used.system) / 1000;
    }
  }
  return times;
}

/**
 * Several documents measured turn about (one build of each, then again): whatever else the machine is
 * doing weighs on all of them alike, and each build finds the process as a batch worker leaves it after
 * other documents (V8's caches of compiled regular expressions, the heap), not warmed by the same text.
 * No forced garbage collection between builds: after one, V8 shrinks the heap and the next build pays
 * to grow it again (the publication stages measured up to twice as slow).
 */
export function interleavedMedians(documents, { warmup, runs, estimator = median }) {
  for (let i = 0; i < warmup; i++) for (const document of documents) timedBuild(document);
  const wall = documents.map(() => Object.fromEntries(stages.map((s) => [s.name, []])));
  const cpu = documents.map(() => Object.fromEntries(stages.map((s) => [s.name, []])));
  for (let i = 0; i < runs; i++) {
    documents.forEach((document, d) => {
      const cpuTimes = {};
      const times = timedBuild(document, cpuTimes);
      for (const name of Object.keys(times)) {
        wall[d][name].push(times[name]);
        cpu[d][name].push(cpuTimes[name]);
      }
    });
  }
  const medians = (samples) => Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, estimator(values)]));
  const totals = (samples) => estimator(samples[stages[0].name].map((_, i) => Object.values(samples).reduce((sum, values) => sum + values[i], 0)));
  return documents.map((_, d) => ({ wall: medians(wall[d]), cpu: medians(cpu[d]), wallTotal: totals(wall[d]), cpuTotal: totals(cpu[d]) }));
}

export const stageNames = () => stages.map((s) => s.name);
