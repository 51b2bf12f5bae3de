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

/** One build, each stage timed with the monotonic clock; returns ms per stage name. */
export function timedBuild(document) {
  const context = newContext(document);
  const times = {};
  for (const stage of stages) {
    const start = process.hrtime.bigint();
    stage.run(context);
    times[stage.name] = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return times;
}

/**
 * `warmup` untimed builds (the first compiles the XSD and lets V8 optimise), then `runs` timed ones.
 * A collection before each timed run (when node runs with --expose-gc) keeps the garbage of one run
 * from being collected in the middle of the next one's stages.
 */
export function stageMedians(document, { warmup, runs }) {
  for (let i = 0; i < warmup; i++) timedBuild(document);
  const samples = Object.fromEntries(stages.map((s) => [s.name, []]));
  const totals = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const times = timedBuild(document);
    let total = 0;
    for (const [name, ms] of Object.entries(times)) {
      samples[name].push(ms);
      total += ms;
    }
    totals.push(total);
  }
  const medians = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
  return { medians, total: median(totals), samples, totals };
}

export const stageNames = () => stages.map((s) => s.name);
