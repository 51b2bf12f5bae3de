// One size of the long-document row, in a process of its own: the sample ×N built after warming up on the
// same amount of text as every other size (so ×10 and ×100 find V8's compiled code equally warm), then
// timed stage by stage. Run by bench/run.mjs as a child process; prints JSON.
// Reads: the sample's text and sidecar.   Writes: {wall, cpu, wallTotal, cpuTotal}, the least of the runs, on stdout.
//
//   node bench/long-run.mjs <times> <runs> <warm-up text, in copies of the sample>
//
// Why a process per size: measured turn about in one process, the ×10 builds ran in the heap the ×100
// builds left (or the other way round), and a major collection of that heap falling into a few-millisecond
// stage or not moved its ratio from 3× to 13× between two runs of the same code.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { longSample } from './long-text.mjs';
import { interleavedMedians } from './stage-times.mjs';

const [times, runs, warmCopies] = process.argv.slice(2).map(Number);
const sample = fileURLToPath(new URL('../input/fr_A-72-L.10.txt', import.meta.url));
const sidecar = JSON.parse(readFileSync(sample.replace(/\.txt$/, '.meta.json'), 'utf8'));
const text = longSample(readFileSync(sample, 'utf8'), times).text;
const document = { file: `${sample} ×${times}`, bytes: new TextEncoder().encode(text), sidecar };
// The least of the runs: a collection of the heap the earlier stages left (its threads count in process CPU
// time) lands in a small stage in some runs only; quadratic work would be in every run, the least one too.
const least = (values) => Math.min(...values);
const [result] = interleavedMedians([document], { warmup: Math.max(1, Math.round(warmCopies / times)), runs, estimator: least });
process.stdout.write(JSON.stringify(result));
