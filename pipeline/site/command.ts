// The `site` command: arguments in, buildSite, a summary and the collection's warnings out.
// Reads: the command's folders and options.   Writes: the site (site/index.ts), messages on stderr,
// the summary as JSON on stdout with --json.
import { buildSite, DEFAULT_SITE_BASE } from './index.js';

export interface SiteCommandOptions {
  out?: string;
  resolverBase?: string;
  force?: boolean;
  jobs?: number;
  json: boolean;
  quiet: boolean;
  version: string;
}

/** Runs the command; returns the exit status (0, or 1 when a document failed). Usage errors throw. */
export async function commandSite(paths: string[], options: SiteCommandOptions): Promise<number> {
  const outDir = options.out;
  if (!outDir) throw new Error('site: --out DIR is required');
  const quiet = options.quiet || options.json;
  const summary = await buildSite({
    inputs: paths,
    outDir,
    resolverBase: options.resolverBase,
    force: options.force,
    jobs: options.jobs,
    progress: quiet ? false : process.stderr,
    version: options.version,
  });
  for (const outcome of summary.batch.outcomes) if (outcome.status === 'failed') process.stderr.write(`${outcome.error ?? outcome.file}\n`);
  if (!options.quiet && !options.json) {
    for (const warning of summary.warnings) process.stderr.write(`warning: ${warning.message}\n`);
    if (options.resolverBase === undefined) process.stderr.write(`warning: no --resolver-base: the feeds and IRIs use ${DEFAULT_SITE_BASE}, which resolves nowhere; give the address the site will be served from\n`);
    process.stderr.write(
      [
        `Site:                 ${outDir}`,
        `Documents:            ${summary.documents} (${summary.built} built, ${summary.skipped} unchanged)`,
        `Works:                ${summary.works} (${summary.expressions} expressions, ${summary.parallelViews} parallel views)`,
        `Search index:         ${(summary.searchIndexBytes / 1024).toFixed(0)} kB`,
        `Files written:        ${summary.filesWritten}`,
        `Collection warnings:  ${summary.warnings.length}`,
        `Failures:             ${summary.failures}`,
        `Elapsed:              ${(summary.elapsedMs / 1000).toFixed(1)} s`,
        '',
      ].join('\n'),
    );
  }
  if (options.json) {
    const { batch, ...rest } = summary;
    process.stdout.write(`${JSON.stringify({ ...rest, outcomes: batch.outcomes.map((o) => ({ file: o.file, status: o.status, error: o.error })) }, null, 2)}\n`);
  }
  return summary.failures > 0 ? 1 : 0;
}
