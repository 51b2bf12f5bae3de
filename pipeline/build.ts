// Building documents: the library entry points around the stages (in memory, and file to files).
// Reads: an input text (bytes) or PDF, and its sidecar.   Writes: `<stem>.akn.xml` (+ .html, .epub, .jsonld) atomically.
// A PDF is read by PDF.js, which is asynchronous, before the (synchronous) stages run: buildPdf,
// buildInputFile and buildInputFileOutputs return promises; build and buildFile stay synchronous for texts.
import { basename } from 'node:path';
import { writeOutputsAtomic, type OutputFile, type WrittenFile } from './atomic-write.js';
import { ALL_FORMATS, type BuildContext, type BuildOptions } from './context.js';
import { findSidecar, readSidecar, type Sidecar } from './metadata.js';
import { outputPath, outputStem } from './output-names.js';
import { readBounded } from './read-input.js';
import { InputError, newReport, type Report } from './report.js';
import { checkResolverBase } from './resolver.js';
import { runStages } from './stages.js';
import { readPdf, type PdfLayout } from './pdf-read.js';

export type OutputFormat = BuildOptions['formats'][number];
export { ALL_FORMATS };

export interface BuildInput {
  /** File name used in messages and in the proprietary metadata. */
  file?: string;
  /** The text: a string, or raw bytes in any supported encoding (Uint8Array, Buffer, ArrayBuffer). */
  text: string | Uint8Array | ArrayBuffer;
  sidecar?: Sidecar;
  sidecarFile?: string;
}

export interface BuildResult {
  xml: string;
  html?: string;
  epub?: Uint8Array;
  jsonld?: object;
  report: Report;
  context: BuildContext;
}

/** A programming mistake in a call to the library (not bad input): a TypeError with a clear message. */
function argumentError(message: string): TypeError {
  return new TypeError(`akn-press: ${message}`);
}

/** The formats asked for, checked: unknown names are refused, xml is always produced. */
export function checkFormats(formats: unknown, where = 'options.formats'): BuildOptions['formats'] {
  if (formats === undefined) return ['xml'];
  if (!Array.isArray(formats)) throw argumentError(`${where} must be an array of ${ALL_FORMATS.join(', ')}`);
  for (const f of formats) {
    if (!(ALL_FORMATS as readonly unknown[]).includes(f)) throw argumentError(`unknown format ${JSON.stringify(f)} in ${where} (expected ${ALL_FORMATS.join(', ')})`);
  }
  return (formats.includes('xml') ? formats : ['xml', ...formats]) as BuildOptions['formats'];
}

function checkInput(input: unknown): { file: string; bytes: Uint8Array } {
  if (input === undefined || input === null || typeof input !== 'object') {
    throw argumentError('build() needs an input object: build({ file: "x.txt", text }), where text is a string or bytes');
  }
  const { text, file } = input as { text?: unknown; file?: unknown };
  if (file !== undefined && typeof file !== 'string') throw argumentError('input.file must be a string (the name used in messages)');
  let bytes: Uint8Array;
  if (typeof text === 'string') bytes = new TextEncoder().encode(text);
  else if (text instanceof Uint8Array) bytes = text;
  else if (text instanceof ArrayBuffer) bytes = new Uint8Array(text);
  else throw argumentError(`input.text must be a string, a Uint8Array/Buffer or an ArrayBuffer (got ${text === null ? 'null' : typeof text})`);
  return { file: (file as string | undefined) ?? '<text>', bytes };
}

/** Builds one document in memory. Bad input throws an InputError naming the file and line. */
export function build(input: BuildInput, options: Partial<BuildOptions> = {}): BuildResult {
  const { file, bytes } = checkInput(input);
  if (options === null || typeof options !== 'object') throw argumentError('options must be an object');
  return runBuild(file, bytes, input, options);
}

/** The stages on one document: from its bytes (a text), or from its layout (a PDF read by readPdf). */
function runBuild(file: string, bytes: Uint8Array, input: { sidecar?: Sidecar; sidecarFile?: string }, options: Partial<BuildOptions>, layout?: PdfLayout): BuildResult {
  const formats = checkFormats(options.formats);
  if (options.resolverBase !== undefined) checkResolverBase(options.resolverBase);
  const context: BuildContext = {
    file,
    bytes,
    layout,
    sidecar: input.sidecar,
    sidecarFile: input.sidecarFile,
    options: { formats, resolverBase: options.resolverBase, markupDate: options.markupDate },
    report: newReport(file),
  };
  runStages(context);
  return { xml: context.xml!, html: context.html, epub: context.epub, jsonld: context.jsonld, report: context.report, context };
}

export interface PdfInput {
  file?: string;
  /** The bytes of the PDF. */
  pdf: Uint8Array | ArrayBuffer;
  sidecar?: Sidecar;
  sidecarFile?: string;
  /** The PDF already read (readPdf), to build it again without parsing it again. */
  layout?: PdfLayout;
}

/** Builds one PDF in memory: PDF.js reads the pages, then the stages run from the layout stage on. */
export async function buildPdf(input: PdfInput, options: Partial<BuildOptions> = {}): Promise<BuildResult> {
  if (input === undefined || input === null || typeof input !== 'object') throw argumentError('buildPdf() needs an input object: buildPdf({ file: "x.pdf", pdf: bytes })');
  const bytes = input.pdf instanceof ArrayBuffer ? new Uint8Array(input.pdf) : input.pdf;
  if (!(bytes instanceof Uint8Array)) throw argumentError('input.pdf must be a Uint8Array/Buffer or an ArrayBuffer');
  const file = input.file ?? '<pdf>';
  if (!isPdfBytes(bytes)) throw new InputError(file, 'not a PDF: no %PDF- signature at its start', undefined, 'damaged');
  const layout = input.layout ?? (await readPdf(file, bytes));
  return runBuild(file, bytes, input, options, layout);
}

/** A PDF is recognised by its name for files, and checked by its signature before PDF.js sees it. */
export const isPdfPath = (path: string): boolean => /\.pdf$/i.test(path);
/** The signature %PDF- within the first kilobyte (the PDF specification allows bytes before it). */
export const isPdfBytes = (bytes: Uint8Array): boolean => {
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + 5 <= head.length; i++) if (head[i] === 0x25 && head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d) return true;
  return false;
};

export interface FileBuildOptions extends Partial<BuildOptions> {
  /** A sidecar to use instead of `<stem>.meta.json`. */
  metaFile?: string;
  /** The name used in messages and for the outputs when the path is `-` (stdin). */
  name?: string;
  /** Folders searched for `<stem>.meta.json` when there is none next to the text (`akn-press site`). */
  sidecarFolders?: string[];
  /** Flush the outputs to disk before returning (default); a batch passes false and flushes once at its end. */
  flush?: boolean;
  /** Return the size and sha256 of each output as written (`written`): what a batch's cache records. */
  digest?: boolean;
}

export interface FileBuildResult {
  file: string;
  outputs: string[];
  report: Report;
  /** With the `digest` option: each output's resolved path, size and sha256, hashed from the bytes written. */
  written?: WrittenFile[];
}

/** Builds `<stem>.akn.xml` and the asked-for publications of one input file into outDir; all or nothing. */
export function buildFile(path: string, outDir: string, options: FileBuildOptions = {}): FileBuildResult {
  if (typeof path !== 'string' || path === '') throw argumentError('buildFile(path, outDir): path must be a file name');
  if (isPdfPath(path)) throw new InputError(path, 'a PDF is read asynchronously: build it with buildInputFile (or buildPdf)', undefined, 'usage');
  if (typeof outDir !== 'string' || outDir === '') throw argumentError('buildFile(path, outDir): outDir must be a folder name');
  const { files, report, file } = buildFileOutputs(path, outDir, options);
  const written = writeOutputsAtomic(files, undefined, { flush: options.flush !== false, digest: options.digest === true });
  return { file, outputs: files.map((f) => f.path), report, ...(options.digest ? { written } : {}) };
}

/** Builds a text or a PDF file (a PDF by its .pdf name, or by its signature on stdin) into outDir; all or nothing. */
export async function buildInputFile(path: string, outDir: string, options: FileBuildOptions = {}): Promise<FileBuildResult> {
  if (typeof path !== 'string' || path === '') throw argumentError('buildInputFile(path, outDir): path must be a file name');
  if (typeof outDir !== 'string' || outDir === '') throw argumentError('buildInputFile(path, outDir): outDir must be a folder name');
  const { files, report, file } = await buildInputFileOutputs(path, outDir, options);
  const written = writeOutputsAtomic(files, undefined, { flush: options.flush !== false, digest: options.digest === true });
  return { file, outputs: files.map((f) => f.path), report, ...(options.digest ? { written } : {}) };
}

/** What buildInputFile writes, without writing it: a text as buildFileOutputs does, a PDF read first. */
export async function buildInputFileOutputs(path: string, outDir: string, options: FileBuildOptions = {}): Promise<{ file: string; files: OutputFile[]; report: Report }> {
  const bytes = readBounded(path, undefined, 'input');
  const pdf = isPdfPath(path) || (path === '-' && isPdfBytes(bytes));
  if (!pdf) return buildFileOutputs(path, outDir, options, bytes);
  const file = path === '-' ? (options.name ?? 'stdin.pdf') : path;
  if (!isPdfBytes(bytes)) throw new InputError(file, 'not a PDF: no %PDF- signature at its start', undefined, 'damaged');
  const layout = await readPdf(file, bytes);
  return fileOutputs(path, file, outDir, options, (input, buildOptions) => runBuild(file, bytes, input, buildOptions, layout));
}

/** What buildFile writes, without writing it (the CLI's `--out -` prints the XML instead). */
export function buildFileOutputs(path: string, outDir: string, options: FileBuildOptions = {}, read?: Uint8Array): { file: string; files: OutputFile[]; report: Report } {
  const file = path === '-' ? (options.name ?? 'stdin.txt') : path;
  // Refuses an oversized or special input before reading it whole.
  const bytes = read ?? readBounded(path, undefined, 'input');
  return fileOutputs(path, file, outDir, options, (input, buildOptions) => build({ file, text: bytes, ...input }, buildOptions));
}

function fileOutputs(
  path: string,
  file: string,
  outDir: string,
  options: FileBuildOptions,
  run: (input: { sidecar?: Sidecar; sidecarFile?: string }, options: Partial<BuildOptions>) => BuildResult,
): { file: string; files: OutputFile[]; report: Report } {
  const sidecarFile = options.metaFile ?? (path === '-' ? undefined : findSidecar(path, options.sidecarFolders));
  const early = newReport(file);
  const sidecar = sidecarFile ? readSidecar(sidecarFile, early) : undefined;
  const formats = options.formats ?? ALL_FORMATS;
  const result = run({ sidecar, sidecarFile }, { formats, resolverBase: options.resolverBase, markupDate: options.markupDate });
  result.report.diagnostics.unshift(...early.diagnostics);
  if (!sidecarFile) result.report.diagnostics.push({ severity: 'info', code: 'no-sidecar', message: `no metadata sidecar (${basename(file).replace(/\.(?:txt|pdf)$/i, '')}.meta.json); facts come from the ${result.context.layout ? 'PDF' : 'text'} only`, file });
  const stem = outputStem(file);
  const files: OutputFile[] = [{ path: outputPath(outDir, stem, '.akn.xml'), data: result.xml }];
  if (result.html !== undefined) files.push({ path: outputPath(outDir, stem, '.html'), data: result.html });
  if (result.epub !== undefined) files.push({ path: outputPath(outDir, stem, '.epub'), data: result.epub });
  if (result.jsonld !== undefined) files.push({ path: outputPath(outDir, stem, '.jsonld'), data: `${JSON.stringify(result.jsonld, null, 2)}\n` });
  return { file, files, report: result.report };
}

export { InputError };
