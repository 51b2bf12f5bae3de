// The benchmark behind `make bench`: per-stage times, a 240-document batch against xmllint, peak memory
// and linearity, all from the compiled dist/.
// Reads: input/fr_A-72-L.10.txt (+ sidecar), ../shared/corpus/texts/*.txt, ../shared/corpus/pdf/*.pdf (bench/pdf.mjs).
// Writes: a table on stdout, bench/results/latest.json (git-ignored).
//
//   node bench/run.mjs [--runs 15] [--warmup 3] [--batch 240] [--batch-runs 3] [--long-times 10] [--long-document 100] [--pdf-runs 5]
//
// Goals: the batch within 3× of xmllint validating the same XML; each stage of a text 10× longer within
// 12× of its time on the sample; the long document (×100, about 2.8 MB) twice as long within 2.4× its time. This is a measurement, not a test: it never fails on a missed goal.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, readSidecar } from '../dist/pipeline/index.js';
import { findSidecar } from '../dist/pipeline/metadata.js';
import { longSample } from './long-text.mjs';
import { ALL_FORMATS, interleavedMedians, median, stageNames } from './stage-times.mjs';
import { pdfBenchmark, pdfTable } from './pdf.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SAMPLE = join(root, 'input/fr_A-72-L.10.txt');
const CORPUS = join(root, '../shared/corpus/texts');
const PDF_CORPUS = join(root, '../shared/corpus/pdf');
const XSD = join(root, 'schemas/akomantoso30.xsd');
const CLI = join(root, 'dist/pipeline/cli.js');
const RESULTS = join(root, 'bench/results/latest.json');
/** The stages the brief names, in pipeline order; a stage not (yet) in `stages` shows as n/a. */
const EXPECTED_STAGES = ['decode', 'language', 'repair', 'structure', 'inline', 'akn', 'validate', 'html', 'epub', 'jsonld'];
const BATCH_GOAL = 3;
const LINEARITY_GOAL = 12;
/** Twice the text within this many times the time: the linearity goal of 12× for 10× the text, scaled. */
const DOUBLING_GOAL = 2.4;

/** The long document's verdict on the doubling (×100 → ×200), wall clock and CPU time each. */
function doublingVerdict({ doublingRatio, doublingCpuRatio }) {
  if (doublingRatio <= DOUBLING_GOAL && doublingCpuRatio <= DOUBLING_GOAL) return '';
  if (doublingCpuRatio <= DOUBLING_GOAL) return 'MISSED (wall clock only)';
  return doublingRatio <= DOUBLING_GOAL ? 'MISSED (CPU time only)' : 'MISSED';
}

/** A row's verdict: CPU time and wall clock each against the goal (either over is a miss, named). */
function linearityVerdict({ ratio, cpuRatio }) {
  if (ratio <= LINEARITY_GOAL && cpuRatio <= LINEARITY_GOAL) return '';
  if (cpuRatio <= LINEARITY_GOAL) return 'MISSED (wall clock only)';
  return ratio <= LINEARITY_GOAL ? 'MISSED (CPU time only)' : 'MISSED';
}

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    batch: { type: 'string', default: '240' },
    'batch-runs': { type: 'string', default: '3' },
    'long-times': { type: 'string', default: '10' },
    'long-document': { type: 'string', default: '100' },
    'pdf-runs': { type: 'string', default: '5' },
  },
});
const RUNS = Number(args.runs);
const WARMUP = Number(args.warmup);
const BATCH_SIZE = Number(args.batch);
const BATCH_RUNS = Number(args['batch-runs']);
const LONG_TIMES = Number(args['long-times']);
const LONG_DOCUMENT_TIMES = Number(args['long-document']);
/** Runs of the ×10 / ×LONG_DOCUMENT_TIMES pair, turn about (a ×100 build takes a second or two). */
const LONG_DOCUMENT_RUNS = 5;

const log = (line = '') => process.stdout.write(`${line}\n`);
const progress = (line) => process.stderr.write(`${line}\n`);
const ms = (value) => (Number.isFinite(value) ? (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)) : 'n/a');
const shortName = (file) => basename(file).replace(/\.txt$/, '');

function machine() {
  const cpuModel = /^model name\s*:\s*(.*)$/m.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const xmllint = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  return {
    cpu: cpuModel.trim(),
    cores: availableParallelism(),
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    xmllint: /libxml version (\d+)/.exec(`${xmllint.stdout}${xmllint.stderr}`)?.[1] ?? (xmllint.error ? 'missing' : 'unknown'),
  };
}

// ---------------------------------------------------------------------------------------------------
// The documents: the sample with its sidecar, then every corpus text that builds.

function loadDocument(path) {
  const sidecarFile = findSidecar(path);
  return { path, file: relative(root, path), bytes: new Uint8Array(readFileSync(path)), sidecarFile, sidecar: sidecarFile ? readSidecar(sidecarFile) : undefined };
}

function documentsThatBuild() {
  const corpus = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort().map((f) => join(CORPUS, f)) : [];
  const documents = [];
  const refused = [];
  for (const path of [SAMPLE, ...corpus]) {
    const document = loadDocument(path);
    try {
      build({ file: document.file, text: document.bytes, sidecar: document.sidecar, sidecarFile: document.sidecarFile }, { formats: ALL_FORMATS });
      documents.push(document);
    } catch (error) {
      refused.push({ file: document.file, error: String(error) });
    }
  }
  return { documents, refused };
}

// ---------------------------------------------------------------------------------------------------
// The batch: BATCH_SIZE inputs made by copying the documents round-robin, built by the CLI in a child
// process (its maxRSS is then its own), then the same XML validated by one xmllint process.

/** The sample ×times measured by bench/long-run.mjs in a child process (least of LONG_DOCUMENT_RUNS runs). */
function longRun(times) {
  const warmCopies = 4 * LONG_DOCUMENT_TIMES;
  const child = spawnSync(process.execPath, [join(root, 'bench/long-run.mjs'), String(times), String(LONG_DOCUMENT_RUNS), String(warmCopies)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`long-run ×${times} failed (exit ${child.status}):\n${child.stderr.slice(0, 4000)}`);
  return JSON.parse(child.stdout);
}

function makeBatchFolder(documents) {
  const folder = mkdtempSync(join(tmpdir(), 'akn-bench-in-'));
  for (let i = 0; i < BATCH_SIZE; i++) {
    const document = documents[i % documents.length];
    const stem = `${String(i).padStart(3, '0')}_${shortName(document.path)}`;
    copyFileSync(document.path, join(folder, `${stem}.txt`));
    if (document.sidecarFile) copyFileSync(document.sidecarFile, join(folder, `${stem}.meta.json`));
  }
  return folder;
}

function runBatchOnce(inputFolder, formats = ALL_FORMATS) {
  const outDir = mkdtempSync(join(tmpdir(), 'akn-bench-out-'));
  const rusageFile = join(outDir, '.rusage.json');
  const rusagePreload = new URL('./rusage-on-exit.mjs', import.meta.url).href;
  const load = loadavg()[0];
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', rusagePreload, CLI, 'build', inputFolder, '--out', outDir, '--force', '--quiet', '--formats', formats.join(',')], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_RUSAGE_FILE: rusageFile },
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`batch failed (exit ${child.status}):\n${child.stderr.slice(0, 4000)}`);
  const usage = JSON.parse(readFileSync(rusageFile, 'utf8'));
  const xmlFiles = readdirSync(outDir).filter((f) => f.endsWith('.akn.xml')).sort().map((f) => join(outDir, f));
  const outputs = readdirSync(outDir).filter((f) => !f.startsWith('.')).length;
  return { outDir, wallMs, usage, xmlFiles, outputs, load };
}

/** GNU time, when installed, gives xmllint's CPU time too (a robust figure when other work shares the cores). */
const GNU_TIME = ['/usr/bin/time'].find((path) => existsSync(path));

function xmllintOnce(xmlFiles) {
  const usageFile = join(tmpdir(), `akn-bench-xmllint-${process.pid}.txt`);
  const command = ['xmllint', '--noout', '--schema', XSD, ...xmlFiles];
  const [program, ...argv] = GNU_TIME ? [GNU_TIME, '-f', '%U %S %M', '-o', usageFile, ...command] : command;
  const start = process.hrtime.bigint();
  const child = spawnSync(program, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.error || /xmllint: (?:not found|No such file)|Command not found/i.test(child.stderr)) throw new Error(`xmllint: ${child.error?.message ?? child.stderr.slice(0, 200)} (apt-get install -y libxml2-utils)`);
  const valid = (child.stderr.match(/ validates$/gm) ?? []).length;
  let cpuMs;
  let maxRssKb;
  if (GNU_TIME && existsSync(usageFile)) {
    const [user, system, rss] = readFileSync(usageFile, 'utf8').trim().split(/\s+/).slice(-3).map(Number);
    cpuMs = (user + system) * 1000;
    maxRssKb = rss;
    rmSync(usageFile, { force: true });
  }
  return { wallMs, cpuMs, maxRssKb, valid, status: child.status };
}

function batchBenchmark(documents) {
  const inputFolder = makeBatchFolder(documents);
  const runs = [];
  const xmlOnlyRuns = [];
  const lints = [];
  try {
    for (let r = 0; r < BATCH_RUNS; r++) {
      const batch = runBatchOnce(inputFolder);
      progress(`  batch run ${r + 1}/${BATCH_RUNS}: ${(batch.wallMs / 1000).toFixed(2)} s, ${batch.xmlFiles.length} XML files, peak RSS ${(batch.usage.maxRssKb / 1024).toFixed(0)} MB, ${batch.usage.workers} worker(s) at load ${batch.load.toFixed(1)}`);
      const lint = xmllintOnce(batch.xmlFiles);
      progress(`  xmllint run ${r + 1}/${BATCH_RUNS}: ${(lint.wallMs / 1000).toFixed(2)} s, ${lint.valid}/${batch.xmlFiles.length} valid`);
      runs.push(batch);
      lints.push({ ...lint, files: batch.xmlFiles.length });
      rmSync(batch.outDir, { recursive: true, force: true });
      // The same batch with the AKN XML only (no publications): what the parser and validation cost.
      const xmlOnly = runBatchOnce(inputFolder, ['xml']);
      progress(`  batch run ${r + 1}/${BATCH_RUNS}, XML only: ${(xmlOnly.wallMs / 1000).toFixed(2)} s`);
      xmlOnlyRuns.push(xmlOnly);
      rmSync(xmlOnly.outDir, { recursive: true, force: true });
    }
  } finally {
    rmSync(inputFolder, { recursive: true, force: true });
  }
  const batchMs = median(runs.map((r) => r.wallMs));
  const xmllintMs = median(lints.map((l) => l.wallMs));
  return {
    documents: BATCH_SIZE,
    // As the batch chose them (the idle cores when it started, see workerCount), each run's count.
    workers: [...new Set(runs.map((r) => r.usage.workers))].join(' or '),
    loadAverages: runs.map((r) => r.load),
    formats: ALL_FORMATS,
    runs: BATCH_RUNS,
    batchMs,
    batchRunsMs: runs.map((r) => r.wallMs),
    batchCpuMs: median(runs.map((r) => r.usage.userMs + r.usage.systemMs)),
    outputsWritten: runs[0]?.outputs,
    xmlOnlyMs: median(xmlOnlyRuns.map((r) => r.wallMs)),
    xmlOnlyCpuMs: median(xmlOnlyRuns.map((r) => r.usage.userMs + r.usage.systemMs)),
    xmlFiles: runs[0]?.xmlFiles.length,
    xmllintMs,
    xmllintRunsMs: lints.map((l) => l.wallMs),
    xmllintCpuMs: lints[0]?.cpuMs === undefined ? undefined : median(lints.map((l) => l.cpuMs)),
    xmllintPeakRssMb: lints[0]?.maxRssKb === undefined ? undefined : Math.max(...lints.map((l) => l.maxRssKb)) / 1024,
    xmllintValid: Math.min(...lints.map((l) => l.valid)),
    ratio: batchMs / xmllintMs,
    goal: BATCH_GOAL,
    peakRssMb: Math.max(...runs.map((r) => r.usage.maxRssKb)) / 1024,
  };
}

// ---------------------------------------------------------------------------------------------------

async function main() {
  const info = machine();
  log(`Machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGb} GB, Node ${info.node}, ${info.platform}, libxml2 ${info.xmllint}`);
  const loadBefore = loadavg()[0];
  // Other work on the machine shares the cores: the numbers are then upper bounds. Say so.
  if (loadBefore > info.cores / 2) log(`Note: load average ${loadBefore.toFixed(1)} on ${info.cores} cores when the benchmark started; times include that contention.`);
  const names = stageNames();
  const columns = [...EXPECTED_STAGES, ...names.filter((n) => !EXPECTED_STAGES.includes(n))];
  const missing = EXPECTED_STAGES.filter((n) => !names.includes(n));

  progress('Checking which texts build…');
  const { documents, refused } = documentsThatBuild();
  for (const r of refused) progress(`  not measured (does not build): ${r.error}`);

  // Per-stage medians, the documents built turn about (see interleavedMedians).
  progress(`Per-stage times: ${WARMUP} warm-up + ${RUNS} measured rounds over ${documents.length} documents…`);
  const perDocument = interleavedMedians(documents, { warmup: WARMUP, runs: RUNS }).map((result, d) => ({
    file: documents[d].file,
    bytes: documents[d].bytes.byteLength,
    sidecar: Boolean(documents[d].sidecar),
    medians: result.wall,
    total: result.wallTotal,
    cpuMedians: result.cpu,
  }));

  // Linearity: the sample made LONG_TIMES longer.
  progress(`Linearity: the sample ×${LONG_TIMES}…`);
  const sampleDocument = documents[0];
  const long = longSample(new TextDecoder().decode(sampleDocument.bytes), LONG_TIMES);
  const longDocument = { ...sampleDocument, file: `${sampleDocument.file} ×${LONG_TIMES}`, bytes: new TextEncoder().encode(long.text) };
  const longBuilt = build({ file: longDocument.file, text: longDocument.bytes, sidecar: longDocument.sidecar }, { formats: ['xml'] });
  const longParagraphs = (longBuilt.xml.match(/<paragraph /g) ?? []).length;
  if (longParagraphs !== long.paragraphs) throw new Error(`linearity input: ${longParagraphs} paragraphs in the XML, ${long.paragraphs} expected`);
  // The sample and its ×N version measured turn about, so the ratio compares like with like; fewer
  // runs than for the table (a long build takes seconds), enough for a median to hold.
  const longRuns = Math.max(5, Math.ceil(RUNS / 2));
  const [normal, longer] = interleavedMedians([sampleDocument, longDocument], { warmup: WARMUP, runs: longRuns });
  const linearity = {
    times: LONG_TIMES,
    bytes: longDocument.bytes.byteLength,
    paragraphs: long.paragraphs,
    runs: longRuns,
    goal: LINEARITY_GOAL,
    stages: Object.fromEntries(names.map((n) => [n, { normalMs: normal.wall[n], longMs: longer.wall[n], ratio: longer.wall[n] / normal.wall[n], normalCpuMs: normal.cpu[n], longCpuMs: longer.cpu[n], cpuRatio: longer.cpu[n] / normal.cpu[n] }])),
    total: { normalMs: normal.wallTotal, longMs: longer.wallTotal, ratio: longer.wallTotal / normal.wallTotal, normalCpuMs: normal.cpuTotal, longCpuMs: longer.cpuTotal, cpuRatio: longer.cpuTotal / normal.cpuTotal },
  };

  // The long document: the sample ×LONG_DOCUMENT_TIMES against the ×LONG_TIMES text, and against twice
  // its length. A stage that is quadratic somewhere (a rescan, a backtracking expression) shows as a ratio
  // far above 10 from ×10 to ×100 and near 4 from ×100 to ×200. The goal is judged on the doubling: from
  // ×10 (282 kB, whose trees fit the processor's caches) to ×100 every stage also pays for memory that
  // does not fit them, a one-time step (measured: 0.45 → 0.75 ms of inline per copy of the sample from ×10
  // to ×100, then 0.75 → 0.77 at ×200) that put stages at 11–17× there, in turn, from run to run.
  progress(`Long document: the sample ×${LONG_DOCUMENT_TIMES} against ×${LONG_TIMES} and ×${2 * LONG_DOCUMENT_TIMES}…`);
  const huge = longSample(new TextDecoder().decode(sampleDocument.bytes), LONG_DOCUMENT_TIMES);
  const hugeDocument = { ...sampleDocument, file: `${sampleDocument.file} ×${LONG_DOCUMENT_TIMES}`, bytes: new TextEncoder().encode(huge.text) };
  const hugeBuilt = build({ file: hugeDocument.file, text: hugeDocument.bytes, sidecar: hugeDocument.sidecar }, { formats: ['xml'] });
  // Each size in a process of its own, warmed up on the same amount of text (bench/long-run.mjs says why).
  const [tenfold, hundredfold, doubled] = [LONG_TIMES, LONG_DOCUMENT_TIMES, 2 * LONG_DOCUMENT_TIMES].map((times) => longRun(times));
  const sizesRow = (pick) => {
    const [a, b, c] = [tenfold, hundredfold, doubled].map(pick);
    return { shorterMs: a.wall, longMs: b.wall, doubledMs: c.wall, ratio: b.wall / a.wall, cpuRatio: b.cpu / a.cpu, doublingRatio: c.wall / b.wall, doublingCpuRatio: c.cpu / b.cpu };
  };
  const longDocumentRow = {
    times: LONG_DOCUMENT_TIMES,
    against: LONG_TIMES,
    bytes: hugeDocument.bytes.byteLength,
    paragraphsPrinted: huge.paragraphs,
    paragraphsFound: (hugeBuilt.xml.match(/<paragraph /g) ?? []).length,
    goal: DOUBLING_GOAL,
    stages: Object.fromEntries(names.map((n) => [n, sizesRow((r) => ({ wall: r.wall[n], cpu: r.cpu[n] }))])),
    total: sizesRow((r) => ({ wall: r.wallTotal, cpu: r.cpuTotal })),
  };

  progress(`Batch of ${BATCH_SIZE} documents (${BATCH_RUNS} runs) against xmllint…`);
  const batch = batchBenchmark(documents);

  progress(`PDF input: the corpus PDFs, ${Number(args['pdf-runs'])} runs…`);
  const pdf = await pdfBenchmark(PDF_CORPUS, { warmup: 1, runs: Number(args['pdf-runs']) });

  // ---- The report.
  log();
  log(`Per-stage median, ms per document (${WARMUP} warm-up + ${RUNS} measured runs, the texts built turn about, all formats)`);
  const header = ['document'.padEnd(32), 'kB'.padStart(4), ...columns.map((c) => c.padStart(9)), 'total'.padStart(9)];
  log(header.join(' '));
  const row = (label, kb, values, total) => log([label.padEnd(32), kb.padStart(4), ...columns.map((c) => ms(values[c]).padStart(9)), ms(total).padStart(9)].join(' '));
  for (const d of perDocument) row(shortName(d.file).slice(0, 32), String(Math.round(d.bytes / 1024)), d.medians, d.total);
  const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
  const meanMedians = Object.fromEntries(names.map((n) => [n, mean(perDocument.map((d) => d.medians[n]))]));
  const meanTotal = mean(perDocument.map((d) => d.total));
  row(`mean of ${perDocument.length} texts`, String(Math.round(mean(perDocument.map((d) => d.bytes)) / 1024)), meanMedians, meanTotal);
  if (missing.length) log(`(n/a: no such stage in pipeline/stages.ts yet: ${missing.join(', ')})`);

  log();
  log(`Linearity: the sample ×${LONG_TIMES} (${Math.round(linearity.bytes / 1024)} kB, ${linearity.paragraphs} operative paragraphs), the two measured turn about, ${linearity.runs} runs each; goal ≤ ${LINEARITY_GOAL}×`);
  log(['stage'.padEnd(10), 'sample ms'.padStart(10), `×${LONG_TIMES} ms`.padStart(10), 'ratio'.padStart(8), 'CPU ratio'.padStart(10), ''].join(' '));
  for (const [n, s] of [...Object.entries(linearity.stages), ['total', linearity.total]]) {
    const verdict = linearityVerdict(s);
    log([n.padEnd(10), ms(s.normalMs).padStart(10), ms(s.longMs).padStart(10), `${s.ratio.toFixed(1)}×`.padStart(8), `${s.cpuRatio.toFixed(1)}×`.padStart(10), verdict].join(' '));
  }

  log();
  log(`Long document: the sample ×${longDocumentRow.times} (${(longDocumentRow.bytes / 2 ** 20).toFixed(1)} MB; ${longDocumentRow.paragraphsFound} paragraphs found of ${longDocumentRow.paragraphsPrinted} printed) against ×${longDocumentRow.against} and ×${2 * longDocumentRow.times}, each in its own process after the same warm-up text, least of ${LONG_DOCUMENT_RUNS} runs; goal: twice the text within ${DOUBLING_GOAL}× the time`);
  log(['stage'.padEnd(10), `×${longDocumentRow.against} ms`.padStart(10), `×${longDocumentRow.times} ms`.padStart(10), `×${2 * longDocumentRow.times} ms`.padStart(10), `×${longDocumentRow.against}→×${longDocumentRow.times} CPU`.padStart(14), 'doubling'.padStart(9), 'CPU'.padStart(7), ''].join(' '));
  for (const [n, s] of [...Object.entries(longDocumentRow.stages), ['total', longDocumentRow.total]]) {
    const verdict = doublingVerdict(s);
    log([n.padEnd(10), ms(s.shorterMs).padStart(10), ms(s.longMs).padStart(10), ms(s.doubledMs).padStart(10), `${s.cpuRatio.toFixed(1)}×`.padStart(14), `${s.doublingRatio.toFixed(2)}×`.padStart(9), `${s.doublingCpuRatio.toFixed(2)}×`.padStart(7), verdict].join(' '));
  }

  log();
  log(`Batch: ${batch.documents} documents, all formats, ${batch.workers} worker threads (CLI build --force, the count it chose at load average ${batch.loadAverages.map((l) => l.toFixed(1)).join(', ')}), median of ${batch.runs} runs`);
  log(`  batch wall-clock            ${(batch.batchMs / 1000).toFixed(2)} s  (${(batch.batchMs / batch.documents).toFixed(1)} ms/document; CPU ${(batch.batchCpuMs / 1000).toFixed(1)} s)`);
  const lintCpu = batch.xmllintCpuMs === undefined ? '' : `; CPU ${(batch.xmllintCpuMs / 1000).toFixed(2)} s`;
  log(`  same batch, XML only        ${(batch.xmlOnlyMs / 1000).toFixed(2)} s  (CPU ${(batch.xmlOnlyCpuMs / 1000).toFixed(1)} s; ${(batch.xmlOnlyMs / batch.xmllintMs).toFixed(1)}× xmllint)`);
  log(`  xmllint, same ${batch.xmlFiles} XML files   ${(batch.xmllintMs / 1000).toFixed(2)} s  (one process; ${batch.xmllintValid}/${batch.xmlFiles} valid${lintCpu})`);
  log(`  ratio batch / xmllint       ${batch.ratio.toFixed(1)}×  (goal ≤ ${BATCH_GOAL}×: ${batch.ratio <= BATCH_GOAL ? 'met' : 'MISSED'})${batch.xmllintCpuMs ? `; CPU time ratio ${(batch.batchCpuMs / batch.xmllintCpuMs).toFixed(1)}×` : ''}`);
  log(`  peak RSS (batch process and its workers)  ${batch.peakRssMb.toFixed(0)} MB${batch.xmllintPeakRssMb ? ` (xmllint: ${batch.xmllintPeakRssMb.toFixed(0)} MB)` : ''}`);

  log();
  pdfTable(pdf, log, ms);

  log(`Load average (1 min): ${loadBefore.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end`);
  const results = {
    date: new Date().toISOString(),
    machine: { ...info, loadAverageAtStart: loadBefore, loadAverageAtEnd: loadavg()[0] },
    settings: { warmup: WARMUP, runs: RUNS, formats: ALL_FORMATS, stages: names, missingStages: missing },
    refused,
    perDocument,
    mean: { medians: meanMedians, total: meanTotal },
    linearity,
    longDocument: longDocumentRow,
    batch,
    pdf,
  };
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  log();
  log(`Written: ${relative(root, RESULTS)}`);
}

await main();
