#!/usr/bin/env node
// The command line: build, validate, text, render, site, setup (options and help in cli-options.ts).
// Reads: argv, the files it names, stdin for `-`.   Writes: output files (or stdout for `--out -`),
// messages on stderr, the report on stdout with --json (one shape for every command, see JsonReport).
// Exit status: 0 ok, 1 an input or validation failure, 2 a usage error, 3 an environment fault.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { batchExitStatus, DEFAULT_TIMEOUT_MS, expandInputs, formatSummary, runBatch, type BatchSummary, type DocumentOutcome } from './batch.js';
import type { OutputFormat } from './build.js';
import { ALL_FORMATS } from './context.js';
import { writeOutputsAtomic } from './atomic-write.js';
import { commandHelp, mainHelp, parseCommandLine, UsageError, type OptionValues } from './cli-options.js';
import { outputPath, outputStem } from './output-names.js';
import { prepareOutputFolder } from './output-folder.js';
import { readXmlFile } from './read-xml.js';
import { describeEnvironmentError, formatDiagnostic, InputError, printable, type Report } from './report.js';
import { checkResolverBase } from './resolver.js';
import { EnvironmentError, packageRoot, provisionSchema, schemaDir } from './schema-files.js';
import type { ValidationProblem } from './validate.js';
// The pipeline itself (build, validate, reading-text, site) is imported by the commands that run it in this
// thread: a batch's main thread only hands texts to its workers and stays small (about 27 MB less).

const EXIT = { ok: 0, failure: 1, usage: 2, environment: 3 } as const;

/**
 * What `--json` prints, for every command (build, validate, render): all counts are numbers and always
 * present; `outcomes` has one entry per input, in input order.
 */
export interface JsonReport {
  command: string;
  documents: number;
  built: number;
  skipped: number;
  valid: number;
  invalid: number;
  failures: number;
  warnings: number;
  outputsWritten: number;
  elapsedMs: number;
  outcomes: Array<{
    file: string;
    status: 'built' | 'skipped' | 'failed' | 'valid' | 'invalid' | 'rendered';
    outputs: string[];
    error?: string;
    report?: Report;
    problems?: ValidationProblem[];
  }>;
}

interface Cli {
  json: boolean;
  quiet: boolean;
}

function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

function printDiagnostics(report: Report | undefined, cli: Cli): void {
  if (!report || cli.quiet || cli.json) return;
  for (const d of report.diagnostics) if (d.severity !== 'info') process.stderr.write(`${formatDiagnostic(d)}\n`);
}

function jsonReport(command: string, summary: Partial<JsonReport> & { outcomes: JsonReport['outcomes'] }): JsonReport {
  const count = (status: string) => summary.outcomes.filter((o) => o.status === status).length;
  return {
    command,
    documents: summary.outcomes.length,
    built: count('built'),
    skipped: count('skipped'),
    valid: count('valid'),
    invalid: count('invalid'),
    failures: count('failed') + count('invalid'),
    warnings: summary.warnings ?? summary.outcomes.reduce((n, o) => n + (o.status === 'skipped' ? 0 : (o.report?.diagnostics.filter((d) => d.severity === 'warning').length ?? 0)), 0),
    outputsWritten: summary.outputsWritten ?? summary.outcomes.reduce((n, o) => n + (o.status === 'skipped' ? 0 : o.outputs.length), 0),
    elapsedMs: Math.round(summary.elapsedMs ?? 0),
    outcomes: summary.outcomes,
  };
}

function printJson(report: JsonReport): void {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

/** One line for an error: InputError and environment faults as they are, anything else as an internal error. */
function describeError(error: unknown): string {
  if (error instanceof InputError) return error.toString();
  if (error instanceof EnvironmentError) return error.message;
  const environment = describeEnvironmentError(error);
  if (environment) return environment;
  const message = error instanceof Error ? error.message : String(error);
  if (process.env['AKN_PRESS_DEBUG'] && error instanceof Error) return `internal error: ${error.stack}`;
  return `internal error: ${message} (set AKN_PRESS_DEBUG=1 for details)`;
}

function parseFormats(value: string | undefined): OutputFormat[] {
  if (!value) return [...ALL_FORMATS];
  const formats = value.split(',').map((f) => f.trim());
  for (const f of formats) if (!(ALL_FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown format "${f}" (expected ${ALL_FORMATS.join(', ')})`, 'build');
  if (!formats.includes('xml')) formats.unshift('xml');
  return formats as OutputFormat[];
}

function resolverBase(values: OptionValues): string | undefined {
  const value = values['resolver-base'] as string | undefined;
  if (value === undefined) return undefined;
  try {
    return checkResolverBase(value);
  } catch (error) {
    throw new UsageError(`--resolver-base: "${value}" is not an absolute http(s) URL without query or fragment`);
  }
}

/** --jobs N: a positive integer, capped at the number of cores (more workers only cost memory). */
function jobsOption(values: OptionValues, cli: Cli): number | undefined {
  if (values['jobs'] === undefined) return undefined;
  const jobs = Number(values['jobs']);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('--jobs must be a positive integer', 'build');
  const cores = availableParallelism();
  if (jobs > cores) {
    if (!cli.quiet && !cli.json) process.stderr.write(`akn-press: --jobs ${jobs} is more than the ${cores} cores; using ${cores} (each worker may use up to 2 GB of memory)\n`);
    return cores;
  }
  return jobs;
}

function timeoutOption(values: OptionValues): number {
  if (values['timeout'] === undefined) return DEFAULT_TIMEOUT_MS;
  const seconds = Number(values['timeout']);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError('--timeout must be a positive number of seconds', 'build');
  return Math.round(seconds * 1000);
}

async function commandBuild(paths: string[], values: OptionValues, cli: Cli): Promise<number> {
  if (paths.length === 0) throw new UsageError('build: give at least one text file or folder (or - for stdin)', 'build');
  const outDir = (values['out'] as string | undefined) ?? 'output';
  const formats = parseFormats(values['formats'] as string | undefined);
  const metaFile = values['meta'] as string | undefined;
  const base = resolverBase(values);
  const jobs = jobsOption(values, cli);
  const timeoutMs = timeoutOption(values);

  if (paths.includes('-') || outDir === '-') return buildStream(paths, outDir, formats, values, cli, base);

  // A path that does not exist is one failed document, reported with the others.
  const unreadable: DocumentOutcome[] = [];
  const found: string[] = [];
  for (const path of paths) {
    try {
      expandInputs([path]);
      found.push(path);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      unreadable.push({ file: path, status: 'failed', outputs: [], error: error.toString() });
    }
  }
  if (found.length === 0) {
    finishBuild({ documents: unreadable.length, built: 0, outputsWritten: 0, skipped: 0, warnings: 0, failures: unreadable.length, elapsedMs: 0, outcomes: unreadable }, cli, unreadable.length === 1);
    return EXIT.failure;
  }
  const inputs = expandInputs(found);
  if (metaFile && inputs.length !== 1) throw new UsageError('--meta applies to a single input text', 'build');
  // Environment first: a missing schema or an unwritable folder is found before any document is read.
  schemaDir();
  prepareOutputFolder(outDir);

  const single = inputs.length === 1 && unreadable.length === 0 && jobs === undefined && values['timeout'] === undefined;
  const batch = await runBatch(inputs, {
    outDir,
    formats,
    // One text named on the command line is always rebuilt (and recorded in the cache).
    force: Boolean(values['force']) || single,
    jobs,
    metaFile,
    timeoutMs,
    ...(base !== undefined ? { resolverBase: base } : {}),
    // One text: built in this process (no worker start-up); the cache is kept all the same.
    inProcess: single,
    job: new URL('./build.js', import.meta.url).href,
    jobExport: 'buildInputFile',
    progress: cli.quiet || cli.json || single ? false : process.stderr,
    printSummary: false,
  });
  const summary: BatchSummary = { ...batch, documents: batch.documents + unreadable.length, failures: batch.failures + unreadable.length, outcomes: [...unreadable, ...batch.outcomes] };
  finishBuild(summary, cli, single);
  return batchExitStatus(summary);
}

/** After a build: warnings, then the summary once (or, for one text, one line saying what was written). */
function finishBuild(summary: BatchSummary, cli: Cli, single: boolean): void {
  if (cli.json) {
    printJson(jsonReport('build', { ...summary, outcomes: summary.outcomes.map(jsonOutcome) }));
    return;
  }
  for (const outcome of summary.outcomes) printDiagnostics(outcome.status === 'failed' ? undefined : outcome.report, cli);
  if (single) {
    const outcome = summary.outcomes[0]!;
    if (outcome.status === 'failed') process.stderr.write(`${outcome.error ?? printable(outcome.file)}\n`);
    else if (!cli.quiet) process.stderr.write(`${printable(outcome.file)}: ${outcome.status === 'skipped' ? 'unchanged, kept' : 'wrote'} ${outcome.outputs.join(', ')}\n`);
  } else if (cli.quiet) {
    for (const outcome of summary.outcomes) if (outcome.status === 'failed') process.stderr.write(`${outcome.error ?? printable(outcome.file)}\n`);
  } else {
    process.stderr.write(formatSummary(summary));
  }
}

function jsonOutcome(o: DocumentOutcome): JsonReport['outcomes'][number] {
  return { file: o.file, status: o.status, outputs: o.outputs, ...(o.error !== undefined ? { error: o.error } : {}), ...(o.report ? { report: o.report } : {}) };
}

/** `build -` (stdin) and `build x.txt --out -` (the AKN XML on stdout): one document, no cache. */
async function buildStream(paths: string[], outDir: string, formats: OutputFormat[], values: OptionValues, cli: Cli, base: string | undefined): Promise<number> {
  if (paths.length !== 1) throw new UsageError('build: `-` (stdin) or `--out -` (stdout) works with one input only', 'build');
  const toStdout = outDir === '-';
  if (toStdout && values['formats'] !== undefined && formats.some((f) => f !== 'xml')) throw new UsageError('--out - writes the AKN XML only; give --out DIR for other formats', 'build');
  schemaDir();
  if (!toStdout) prepareOutputFolder(outDir);
  const started = performance.now();
  const input = paths[0]!;
  let outcome: JsonReport['outcomes'][number];
  const { buildInputFileOutputs } = await import('./build.js');
  try {
    const built = await buildInputFileOutputs(input, toStdout ? '.' : outDir, {
      formats: toStdout ? ['xml'] : formats,
      metaFile: values['meta'] as string | undefined,
      name: values['name'] as string | undefined,
      ...(base !== undefined ? { resolverBase: base } : {}),
    });
    const firstError = built.report.diagnostics.find((d) => d.severity === 'error');
    if (firstError) throw new InputError(firstError.file, firstError.message, firstError.line);
    if (toStdout) process.stdout.write(built.files[0]!.data);
    else writeOutputsAtomic(built.files);
    outcome = { file: built.file, status: 'built', outputs: toStdout ? ['-'] : built.files.map((f) => f.path), report: built.report };
    printDiagnostics(built.report, cli);
    if (!cli.quiet && !cli.json && !toStdout) process.stderr.write(`${printable(built.file)}: wrote ${outcome.outputs.join(', ')}\n`);
  } catch (error) {
    if (error instanceof EnvironmentError) throw error;
    outcome = { file: input === '-' ? ((values['name'] as string | undefined) ?? 'stdin.txt') : input, status: 'failed', outputs: [], error: describeError(error) };
    if (!cli.json) process.stderr.write(`${outcome.error}\n`);
  }
  if (cli.json && !toStdout) printJson(jsonReport('build', { outcomes: [outcome], elapsedMs: performance.now() - started }));
  return outcome.status === 'failed' ? EXIT.failure : EXIT.ok;
}

async function commandValidate(paths: string[], cli: Cli): Promise<number> {
  if (paths.length === 0) throw new UsageError('validate: give at least one AKN file (or - for stdin)', 'validate');
  schemaDir();
  const { validateAkn } = await import('./validate.js');
  const started = performance.now();
  const outcomes: JsonReport['outcomes'] = [];
  for (const path of paths) {
    let problems: ValidationProblem[];
    try {
      problems = validateAkn(readXmlFile(path));
    } catch (error) {
      if (error instanceof EnvironmentError) throw error;
      const message = describeError(error);
      outcomes.push({ file: path, status: 'failed', outputs: [], error: message });
      if (!cli.json) process.stderr.write(`${message}\n`);
      continue;
    }
    outcomes.push({ file: path, status: problems.length ? 'invalid' : 'valid', outputs: [], problems });
    if (!cli.json) {
      for (const p of problems) process.stderr.write(`${printable(path)}${p.line ? `:${p.line}` : ''}: ${p.kind}: ${p.message}\n`);
      if (!cli.quiet && problems.length === 0) process.stderr.write(`${printable(path)}: valid\n`);
    }
  }
  if (cli.json) printJson(jsonReport('validate', { outcomes, elapsedMs: performance.now() - started }));
  return outcomes.some((o) => o.status !== 'valid') ? EXIT.failure : EXIT.ok;
}

/**
 * The XML of an AKN file for text and render: refused when validate would refuse it (so a foreign root,
 * an undeclared prefix or entity is never rendered as if it were AKN), unless --lenient, which says so.
 */
async function readCheckedAkn(path: string, values: OptionValues, cli: Cli): Promise<string> {
  const xml = readXmlFile(path);
  schemaDir();
  const { validateAkn } = await import('./validate.js');
  const problems = validateAkn(xml);
  if (problems.length === 0) return xml;
  const first = problems[0]!;
  const where = `${printable(path)}${first.line ? `:${first.line}` : ''}`;
  if (!values['lenient'] || first.kind === 'xml') {
    throw new InputError(path, `not valid AKN (${first.kind}: ${first.message})${first.kind === 'xml' ? '' : '; run `akn-press validate` for every problem, or add --lenient to go on anyway'}`, first.line);
  }
  if (!cli.quiet && !cli.json) process.stderr.write(`${where}: warning: rendered leniently: ${problems.length} validation problem${problems.length === 1 ? '' : 's'} (first: ${first.message})\n`);
  return xml;
}

async function commandText(paths: string[], values: OptionValues, cli: Cli): Promise<number> {
  if (paths.length !== 1) throw new UsageError('text: give exactly one AKN file (or - for stdin)', 'text');
  const path = paths[0]!;
  const xml = await readCheckedAkn(path, values, cli);
  const { readingText } = await import('./reading-text.js');
  process.stdout.write(readingText(xml, path));
  return EXIT.ok;
}

async function commandRender(paths: string[], values: OptionValues, cli: Cli): Promise<number> {
  const to = values['to'] as string | undefined;
  if (paths.length !== 1) throw new UsageError('render: give exactly one AKN file (or - for stdin)', 'render');
  if (!to || !['html', 'epub', 'jsonld'].includes(to)) throw new UsageError('render: --to html, epub or jsonld is required', 'render');
  const base = resolverBase(values);
  const outDir = (values['out'] as string | undefined) ?? 'output';
  const path = paths[0]!;
  if (outDir !== '-') prepareOutputFolder(outDir);
  const started = performance.now();
  const xml = await readCheckedAkn(path, values, cli);
  const { renderPublication } = await import('./publish.js');
  const data = renderPublication(xml, to as 'html' | 'epub' | 'jsonld', path, base);
  let target = '-';
  if (outDir === '-') {
    process.stdout.write(data);
  } else {
    const stem = outputStem(path === '-' ? 'stdin' : path).replace(/\.akn\.xml$|\.xml$/i, '');
    target = outputPath(outDir, stem, to === 'jsonld' ? '.jsonld' : `.${to}`);
    writeOutputsAtomic([{ path: target, data }]);
    if (!cli.quiet && !cli.json) process.stderr.write(`${printable(path)}: wrote ${target}\n`);
  }
  if (cli.json && outDir !== '-') printJson(jsonReport('render', { outcomes: [{ file: path, status: 'rendered', outputs: [target] }], elapsedMs: performance.now() - started }));
  return EXIT.ok;
}

async function siteCommand(paths: string[], values: OptionValues, cli: Cli): Promise<number> {
  if (paths.length === 0) throw new UsageError('site: give at least one folder or text', 'site');
  if (!values['out'] || values['out'] === '-') throw new UsageError('site: --out DIR is required', 'site');
  const base = resolverBase(values);
  const jobs = jobsOption(values, cli);
  schemaDir();
  prepareOutputFolder(values['out'] as string);
  const { commandSite } = await import('./site/command.js');
  return commandSite(paths, {
    out: values['out'] as string, resolverBase: base, force: Boolean(values['force']),
    jobs, json: cli.json, quiet: cli.quiet, version: version(),
  });
}

async function commandSetup(paths: string[], values: OptionValues, cli: Cli): Promise<number> {
  if (paths.length > 0) throw new UsageError('setup takes no file names (use --from DIR for a folder of schema files)', 'setup');
  const result = await provisionSchema({ from: values['from'] as string | undefined });
  if (!cli.quiet) {
    for (const f of result.files) {
      process.stderr.write(`${f.name}: ${f.status === 'present' ? 'already provisioned' : `provisioned from ${f.origin} (sha256 verified)`}\n`);
    }
    process.stderr.write(`schema ready in ${result.dir}\n`);
  }
  return EXIT.ok;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    const e = error as UsageError;
    process.stderr.write(`akn-press: ${e.message}\nTry 'akn-press ${e.command ? `${e.command} ` : ''}--help'.\n`);
    return EXIT.usage;
  }
  const { command, values, positionals } = parsed;
  if (parsed.help) {
    process.stdout.write(`${command ? commandHelp(command) : mainHelp()}\n`);
    return EXIT.ok;
  }
  if (parsed.version) {
    process.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  const cli: Cli = { json: Boolean(values['json']), quiet: Boolean(values['quiet']) };
  try {
    switch (command?.name) {
      case 'build':
        return await commandBuild(positionals, values, cli);
      case 'validate':
        return await commandValidate(positionals, cli);
      case 'text':
        return await commandText(positionals, values, cli);
      case 'render':
        return await commandRender(positionals, values, cli);
      case 'site':
        return await siteCommand(positionals, values, cli);
      case 'setup':
        return await commandSetup(positionals, values, cli);
      default:
        throw new UsageError('no command given');
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`akn-press: ${error.message}\nTry 'akn-press ${error.command ? `${error.command} ` : ''}--help'.\n`);
      return EXIT.usage;
    }
    process.stderr.write(`${describeError(error)}\n`);
    return error instanceof EnvironmentError ? EXIT.environment : EXIT.failure;
  }
}

// A reader that stops early (`akn-press text x.akn.xml | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = await main(process.argv.slice(2));
