// The command line's vocabulary: each command's options (long and short names, argument, help line)
// and its help text, and the parser that turns argv into a command and its values.
// Reads: argv.   Writes: nothing (a UsageError for what cannot be parsed, with a "did you mean").
//
// A new command adds one entry to COMMANDS; cli.ts maps the command name to the function that runs it.
import { parseArgs } from 'node:util';

export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  name: string;
  short?: string;
  /** The argument's name in help (`DIR`), or undefined for a flag. */
  arg?: string;
  help: string;
}

export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
  /** More lines printed under the usage by `akn-press <command> --help`. */
  details?: string;
  options: OptionSpec[];
}

const OUT: OptionSpec = { name: 'out', short: 'o', arg: 'DIR', help: 'output folder (default: output/); `-` writes a single output to stdout' };
const JSON_OPTION: OptionSpec = { name: 'json', help: 'print the report on stdout as JSON (the shape is in the README)' };
const QUIET: OptionSpec = { name: 'quiet', short: 'q', help: 'print errors only' };
const HELP_OPTION: OptionSpec = { name: 'help', short: 'h', help: 'this help' };
const RESOLVER: OptionSpec = {
  name: 'resolver-base',
  arg: 'URL',
  help: 'http(s) prefix for AKN IRIs in HTML, EPUB and JSON-LD links (default: a placeholder under .invalid, which resolves nowhere)',
};
const LENIENT: OptionSpec = { name: 'lenient', help: 'render/print AKN that fails validation anyway, with a warning' };

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'build',
    usage: 'akn-press build <file.txt|file.pdf|folder|->... [options]',
    summary: 'Build <stem>.akn.xml (and .html, .epub, .jsonld) for each text',
    details:
      'Folders are searched recursively for .txt and .pdf files (a PDF is read from its layout). A sidecar <stem>.meta.json next to a text is used when present.\n' +
      '`-` reads one text from stdin (name it with --name); `--out -` writes its AKN XML to stdout.\n' +
      'Unchanged documents (same input path and content, sidecar, options and tool version, outputs intact) are skipped.',
    options: [
      OUT,
      { name: 'meta', short: 'm', arg: 'FILE', help: 'metadata sidecar for a single input text' },
      { name: 'formats', short: 'f', arg: 'LIST', help: 'comma-separated subset of xml,html,epub,jsonld (default: all)' },
      { name: 'force', short: 'F', help: 'rebuild even unchanged documents' },
      { name: 'jobs', short: 'j', arg: 'N', help: 'worker threads (default and maximum: the number of cores; each may use up to 2 GB of memory)' },
      { name: 'timeout', short: 't', arg: 'SECONDS', help: 'time limit per document in a batch (default: 120); a document over it fails, the rest go on' },
      { name: 'name', arg: 'FILE', help: 'the file name used for a text read from stdin (default: stdin.txt)' },
      RESOLVER,
      JSON_OPTION,
      QUIET,
      HELP_OPTION,
    ],
  },
  {
    name: 'validate',
    usage: 'akn-press validate <file.akn.xml|->... [options]',
    summary: 'Validate AKN files against the official schema and the AKN4UN profile checks',
    options: [JSON_OPTION, QUIET, HELP_OPTION],
  },
  {
    name: 'text',
    usage: 'akn-press text <file.akn.xml|-> [options]',
    summary: 'Print the reading text of an AKN file (notes at the end)',
    options: [LENIENT, QUIET, HELP_OPTION],
  },
  {
    name: 'render',
    usage: 'akn-press render <file.akn.xml|-> --to html|epub|jsonld [options]',
    summary: 'Derive a publication from an AKN file',
    options: [
      { name: 'to', short: 'T', arg: 'FORMAT', help: 'html, epub or jsonld (required)' },
      OUT,
      RESOLVER,
      LENIENT,
      JSON_OPTION,
      QUIET,
      HELP_OPTION,
    ],
  },
  {
    name: 'site',
    usage: 'akn-press site <folder|file.txt|file.pdf>... --out DIR [options]',
    summary: 'Build every text and write a static site of the collection',
    details:
      'Unchanged texts are skipped. The site: an index by body, session and language, the documents with their language\n' +
      'versions linked, parallel views, a search working from the files alone, sitemap.xml, feed.atom, collection.nq and\n' +
      'manifest.json. Sidecars are looked for next to each text, then in each folder given.',
    options: [
      { name: 'out', short: 'o', arg: 'DIR', help: 'the site folder (required)' },
      { name: 'resolver-base', arg: 'URL', help: 'the address the site is served from; AKN IRIs resolve under it (default: a placeholder under .invalid)' },
      { name: 'force', short: 'F', help: 'rebuild even unchanged documents' },
      { name: 'jobs', short: 'j', arg: 'N', help: 'worker threads (default and maximum: the number of cores)' },
      JSON_OPTION,
      QUIET,
      HELP_OPTION,
    ],
  },
  {
    name: 'setup',
    usage: 'akn-press setup [--from DIR]',
    summary: 'Provision the official Akoma Ntoso schema into the user cache (sha256-checked)',
    details:
      'Without --from, downloads the two official OASIS files (the only time akn-press uses the network).\n' +
      'With --from DIR, copies them from a folder (offline). The cache is $XDG_CACHE_HOME/akn-press or ~/.cache/akn-press;\n' +
      'AKN_SCHEMA_DIR, when set, is used instead of it at run time.',
    options: [{ name: 'from', arg: 'DIR', help: 'a folder holding akomantoso30.xsd and xml.xsd' }, QUIET, HELP_OPTION],
  },
];

const GLOBAL: OptionSpec[] = [HELP_OPTION, { name: 'version', short: 'V', help: 'the tool version' }];

function optionLines(options: readonly OptionSpec[]): string[] {
  const left = options.map((o) => `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.arg ? ` ${o.arg}` : ''}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  return options.map((o, i) => `  ${left[i]!.padEnd(width)}${o.help}`);
}

export const EXIT_STATUS_HELP = 'Exit status: 0 success, 1 an input or validation failure, 2 a usage error, 3 an environment fault (schema missing, output folder not writable).';

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 3;
  return [
    'akn-press — UN resolutions from PDF-extracted text to Akoma Ntoso 3.0, HTML, EPUB 3 and JSON-LD',
    '',
    'Usage:',
    ...COMMANDS.map((c) => `  ${c.usage}`),
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Options:',
    ...optionLines(GLOBAL),
    '',
    "Run 'akn-press <command> --help' for a command's options.",
    EXIT_STATUS_HELP,
  ].join('\n');
}

export function commandHelp(spec: CommandSpec): string {
  return [`Usage: ${spec.usage}`, '', spec.summary + '.', ...(spec.details ? ['', spec.details] : []), '', 'Options:', ...optionLines(spec.options), '', EXIT_STATUS_HELP].join('\n');
}

/** Levenshtein distance, for "did you mean" (names are short). */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** The closest candidate within a distance of 2 (or a unique prefix match), if any. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const prefixed = candidates.filter((c) => c.startsWith(word) && word.length >= 2);
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

export type OptionValues = Record<string, string | boolean | undefined>;

export interface ParsedCommandLine {
  command?: CommandSpec;
  values: OptionValues;
  positionals: string[];
  help: boolean;
  version: boolean;
}

/** Parses argv: the command first, then its own options; unknown options and commands get a suggestion. */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const first = argv.findIndex((a) => !a.startsWith('-'));
  const commandName = first === -1 ? undefined : argv[first];
  const command = COMMANDS.find((c) => c.name === commandName);
  if (commandName !== undefined && !command) {
    const guess = didYouMean(commandName, COMMANDS.map((c) => c.name));
    throw new UsageError(`unknown command "${commandName}"${guess ? ` (did you mean "${guess}"?)` : ''}`);
  }
  const specs = command ? [...command.options, ...GLOBAL.filter((g) => !command.options.some((o) => o.name === g.name))] : GLOBAL;
  const args = command ? [...argv.slice(0, first), ...argv.slice(first + 1)] : [...argv];
  for (const arg of args) {
    if (arg === '-' || arg === '--' || !arg.startsWith('-')) continue;
    const long = /^--([^=]+)/.exec(arg)?.[1];
    if (long !== undefined) {
      if (specs.some((s) => s.name === long)) continue;
      const guess = didYouMean(long, specs.map((s) => s.name));
      throw new UsageError(`unknown option --${long}${guess ? ` (did you mean --${guess}?)` : ''}${command ? ` for ${command.name}` : ''}`, command?.name);
    }
    for (const letter of arg.slice(1)) {
      const spec = specs.find((s) => s.short === letter);
      if (!spec) throw new UsageError(`unknown option -${letter}${command ? ` for ${command.name}` : ''}`, command?.name);
      if (spec.arg) break; // the rest of the word is its value (-j2)
    }
  }
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(
        specs.map((s) => [s.name, { type: s.arg ? ('string' as const) : ('boolean' as const), ...(s.short ? { short: s.short } : {}) }]),
      ),
    });
  } catch (error) {
    // parseArgs's messages ("Option '--out <value>' argument missing") are clear enough once prefixed.
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''), command?.name);
  }
  const values = parsed.values as OptionValues;
  return {
    command,
    values,
    positionals: parsed.positionals,
    help: Boolean(values['help']),
    version: Boolean(values['version']),
  };
}
