#!/usr/bin/env node
// The command line: build, validate, text, render.
// Reads: argv and the files it names.   Writes: output files, messages on stderr, reports on stdout (--json).
// Exit status: 0 ok, 1 an input or validation failure, 2 a usage error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { batchExitStatus, expandInputs, formatSummary, runBatch } from './batch.js';
import { ALL_FORMATS, buildInputFile } from './build.js';
import type { BuildOptions } from './context.js';
import { writeOutputsAtomic } from './atomic-write.js';
import { outputPath, outputStem } from './output-names.js';
import { readingText } from './reading-text.js';
import { formatDiagnostic, InputError, type Report } from './report.js';
import { packageRoot } from './schema-files.js';
import { validateAkn } from './validate.js';
import { commandSite } from './site/command.js';
import { isSiteBase } from './site/index.js';

const HELP = `akn-press — UN resolutions from PDF-extracted text to Akoma Ntoso 3.0, HTML, EPUB 3 and JSON-LD

Usage:
  akn-press build <file.txt|file.pdf|folder>... [--out DIR] [--meta FILE] [--formats LIST] [--force] [--jobs N]
  akn-press validate <file.akn.xml>...
  akn-press text <file.akn.xml>
  akn-press render <file.akn.xml> --to html|epub|jsonld [--out DIR]
  akn-press site <folder|file.txt>... --out DIR [--resolver-base URL]

Commands:
  build      Build <stem>.akn.xml (and .html, .epub, .jsonld) for each text; folders are searched
             recursively for .txt and .pdf files. A sidecar <stem>.meta.json next to a text is used when present.
  validate   Validate AKN files against the official schema and the AKN4UN profile checks.
  text       Print the reading text of an AKN file (notes at the end).
  render     Derive a publication from an AKN file.
  site       Build every text (unchanged ones skipped) and write a static site: an index by body,
             session and language, the documents with their language versions linked, parallel views,
             a search working from the files alone, sitemap.xml, feed.atom, collection.nq and
             manifest.json. Sidecars are looked for next to each text, then in each folder given.

Options:
  --out DIR        output folder (default: output/)
  --meta FILE      metadata sidecar for a single input text
  --formats LIST   comma-separated subset of xml,html,epub,jsonld (default: all)
  --to FORMAT      render: html, epub or jsonld
  --force          build: rebuild even when input, sidecar and tool version are unchanged
  --jobs N         build: number of worker threads (default: all cores)
  --resolver-base URL  site: the address the site is served from; AKN IRIs resolve under it
                   (default https://example.org, a placeholder that resolves nowhere)
  --json           print a machine-readable report on stdout
  --quiet          print errors only
  --help, -h       this help
  --version        the tool version

Exit status: 0 success, 1 an input or validation failure, 2 a usage error.`;

class UsageError extends Error {}

interface Cli {
  json: boolean;
  quiet: boolean;
}

function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

function printReport(report: Report, cli: Cli): void {
  if (cli.quiet || cli.json) return;
  for (const d of report.diagnostics) if (d.severity !== 'info') process.stderr.write(`${formatDiagnostic(d)}\n`);
}

function describeError(error: unknown): string {
  if (error instanceof InputError) return error.toString();
  const message = error instanceof Error ? error.message : String(error);
  if (process.env['AKN_PRESS_DEBUG'] && error instanceof Error) return `internal error: ${error.stack}`;
  return `internal error: ${message} (set AKN_PRESS_DEBUG=1 for details)`;
}

function parseFormats(value: string | undefined): BuildOptions['formats'] {
  if (!value) return ALL_FORMATS;
  const formats = value.split(',').map((f) => f.trim());
  for (const f of formats) if (!(ALL_FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown format "${f}" (expected ${ALL_FORMATS.join(', ')})`);
  if (!formats.includes('xml')) formats.unshift('xml');
  return formats as BuildOptions['formats'];
}

async function commandBuild(paths: string[], values: Record<string, string | boolean | undefined>, cli: Cli): Promise<number> {
  if (paths.length === 0) throw new UsageError('build: give at least one text file or folder');
  const outDir = (values['out'] as string | undefined) ?? 'output';
  const formats = parseFormats(values['formats'] as string | undefined);
  const metaFile = values['meta'] as string | undefined;
  const inputs = expandInputs(paths);
  if (metaFile && inputs.length !== 1) throw new UsageError('--meta applies to a single input text');
  if (inputs.length === 0) throw new InputError(paths[0]!, 'no .txt or .pdf files found');
  const jobs = values['jobs'] === undefined ? undefined : Number(values['jobs']);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError('--jobs must be a positive integer');

  if (inputs.length === 1 && !values['force'] && jobs === undefined) {
    // One text: built in this process (no worker start-up), always rebuilt.
    const input = inputs[0]!;
    try {
      const result = await buildInputFile(input, outDir, { formats, metaFile });
      printReport(result.report, cli);
      if (!cli.quiet && !cli.json) process.stderr.write(`${input}: wrote ${result.outputs.join(', ')}\n`);
      if (cli.json) process.stdout.write(`${JSON.stringify({ documents: 1, failures: 0, outcomes: [{ status: 'built', ...result }] }, null, 2)}\n`);
      return 0;
    } catch (error) {
      const message = describeError(error);
      process.stderr.write(`${message}\n`);
      if (cli.json) process.stdout.write(`${JSON.stringify({ documents: 1, failures: 1, outcomes: [{ file: input, status: 'failed', error: message }] }, null, 2)}\n`);
      return 1;
    }
  }

  const summary = await runBatch(inputs, {
    outDir,
    formats,
    force: Boolean(values['force']),
    jobs,
    metaFile,
    job: new URL('./build.js', import.meta.url).href,
    jobExport: 'buildInputFile',
    progress: cli.quiet || cli.json ? false : process.stderr,
  });
  if (!cli.quiet && !cli.json) {
    for (const outcome of summary.outcomes) if (outcome.report) printReport(outcome.report, cli);
    process.stderr.write(formatSummary(summary));
  } else if (!cli.json) {
    for (const outcome of summary.outcomes) if (outcome.status === 'failed') process.stderr.write(`${outcome.error ?? outcome.file}\n`);
  }
  if (cli.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  return batchExitStatus(summary);
}

function commandValidate(paths: string[], cli: Cli): number {
  if (paths.length === 0) throw new UsageError('validate: give at least one AKN file');
  let failures = 0;
  const reports: Array<{ file: string; valid: boolean; problems: unknown[] }> = [];
  for (const path of paths) {
    const problems = validateAkn(readInput(path));
    if (problems.length) failures++;
    reports.push({ file: path, valid: problems.length === 0, problems });
    if (!cli.json) {
      for (const p of problems) process.stderr.write(`${path}${p.line ? `:${p.line}` : ''}: ${p.kind}: ${p.message}\n`);
      if (!cli.quiet && problems.length === 0) process.stderr.write(`${path}: valid\n`);
    }
  }
  if (cli.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
  return failures ? 1 : 0;
}

function commandText(paths: string[]): number {
  if (paths.length !== 1) throw new UsageError('text: give exactly one AKN file');
  const path = paths[0]!;
  process.stdout.write(readingText(readInput(path), path));
  return 0;
}

function readInput(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(path, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

async function commandRender(paths: string[], values: Record<string, string | boolean | undefined>, cli: Cli): Promise<number> {
  const to = values['to'] as string | undefined;
  if (paths.length !== 1) throw new UsageError('render: give exactly one AKN file');
  if (!to || !['html', 'epub', 'jsonld'].includes(to)) throw new UsageError('render: --to html, epub or jsonld is required');
  const path = paths[0]!;
  const xml = readInput(path);
  const outDir = (values['out'] as string | undefined) ?? 'output';
  const stem = outputStem(path).replace(/\.akn\.xml$|\.xml$/i, '');
  const { renderPublication } = await import('./publish.js');
  const data = renderPublication(xml, to as 'html' | 'epub' | 'jsonld', path);
  const target = outputPath(outDir, stem, to === 'jsonld' ? '.jsonld' : `.${to}`);
  writeOutputsAtomic([{ path: target, data }]);
  if (!cli.quiet && !cli.json) process.stderr.write(`${path}: wrote ${target}\n`);
  if (cli.json) process.stdout.write(`${JSON.stringify({ file: path, output: target })}\n`);
  return 0;
}

async function siteCommand(paths: string[], values: Record<string, string | boolean | undefined>, cli: Cli): Promise<number> {
  if (paths.length === 0) throw new UsageError('site: give at least one folder or text');
  if (!values['out']) throw new UsageError('site: --out DIR is required');
  const base = values['resolver-base'] as string | undefined;
  if (base !== undefined && !isSiteBase(base)) throw new UsageError(`--resolver-base: "${base}" is not an absolute http(s) URL without query or fragment`);
  const jobs = values['jobs'] === undefined ? undefined : Number(values['jobs']);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError('--jobs must be a positive integer');
  return commandSite(paths, {
    out: values['out'] as string, resolverBase: values['resolver-base'] as string | undefined, force: Boolean(values['force']),
    jobs, json: cli.json, quiet: cli.quiet, version: version(),
  });
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        meta: { type: 'string' },
        formats: { type: 'string' },
        to: { type: 'string' },
        jobs: { type: 'string' },
        force: { type: 'boolean' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
        'resolver-base': { type: 'string' },
      },
    });
  } catch (error) {
    process.stderr.write(`akn-press: ${(error as Error).message}\nTry 'akn-press --help'.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  const cli: Cli = { json: Boolean(values.json), quiet: Boolean(values.quiet) };
  try {
    switch (command) {
      case 'build':
        return await commandBuild(paths, values, cli);
      case 'validate':
        return commandValidate(paths, cli);
      case 'text':
        return commandText(paths);
      case 'render':
        return await commandRender(paths, values, cli);
      case 'site':
        return await siteCommand(paths, values, cli);
      case undefined:
        throw new UsageError('no command given');
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`akn-press: ${error.message}\nTry 'akn-press --help'.\n`);
      return 2;
    }
    process.stderr.write(`${describeError(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
