// Building documents: the library entry points around the stages (in memory, and file to files).
// Reads: an input text (bytes) or PDF, and its sidecar.   Writes: `<stem>.akn.xml` (+ .html, .epub, .jsonld) atomically.
// A PDF is read by PDF.js, which is asynchronous, before the (synchronous) stages run: buildPdf and
// buildInputFile return promises; build and buildFile stay synchronous for texts.
import { readFileSync, statSync } from 'node:fs';
import { MAX_INPUT_BYTES } from './decode.js';
import { basename } from 'node:path';
import { writeOutputsAtomic, type OutputFile } from './atomic-write.js';
import type { BuildContext, BuildOptions } from './context.js';
import { findSidecar, readSidecar, type Sidecar } from './metadata.js';
import { outputPath, outputStem } from './output-names.js';
import { InputError, newReport, type Report } from './report.js';
import { runStages } from './stages.js';
import { readPdf, type PdfLayout } from './pdf-read.js';

export const ALL_FORMATS: BuildOptions['formats'] = ['xml', 'html', 'epub', 'jsonld'];

export interface BuildInput {
  /** File name used in messages and in the proprietary metadata. */
  file?: string;
  /** The text: a string, or raw bytes in any supported encoding. */
  text: string | Uint8Array;
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

/** Builds one document in memory. Bad input throws an InputError naming the file and line. */
export function build(input: BuildInput, options: Partial<BuildOptions> = {}): BuildResult {
  const file = input.file ?? '<text>';
  const bytes = typeof input.text === 'string' ? new TextEncoder().encode(input.text) : input.text;
  return runBuild(file, bytes, input, options);
}

function runBuild(file: string, bytes: Uint8Array, input: Omit<BuildInput, 'text'>, options: Partial<BuildOptions>, layout?: PdfLayout): BuildResult {
  const context: BuildContext = {
    file,
    bytes,
    layout,
    sidecar: input.sidecar,
    sidecarFile: input.sidecarFile,
    options: { formats: options.formats ?? ['xml'], resolverBase: options.resolverBase, markupDate: options.markupDate },
    report: newReport(file),
  };
  runStages(context);
  return { xml: context.xml!, html: context.html, epub: context.epub, jsonld: context.jsonld, report: context.report, context };
}

export interface PdfInput {
  file?: string;
  /** The bytes of the PDF. */
  pdf: Uint8Array;
  sidecar?: Sidecar;
  sidecarFile?: string;
  /** The PDF already read (readPdf), to build it again without parsing it again. */
  layout?: PdfLayout;
}

/** Builds one PDF in memory: PDF.js reads the pages, then the stages run from the layout stage on. */
export async function buildPdf(input: PdfInput, options: Partial<BuildOptions> = {}): Promise<BuildResult> {
  const file = input.file ?? '<pdf>';
  const layout = input.layout ?? (await readPdf(file, input.pdf));
  return runBuild(file, input.pdf, input, options, layout);
}

/** A PDF is recognised by its signature (and its name), never by the name alone. */
export const isPdfPath = (path: string): boolean => /\.pdf$/i.test(path);
const isPdfBytes = (bytes: Uint8Array): boolean => bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 1024)).includes('%PDF-');

export interface FileBuildOptions extends Partial<BuildOptions> {
  /** A sidecar to use instead of `<stem>.meta.json`. */
  metaFile?: string;
  /** Folders searched for `<stem>.meta.json` when there is none next to the text (`akn-press site`). */
  sidecarFolders?: string[];
}

export interface FileBuildResult {
  file: string;
  outputs: string[];
  report: Report;
}

/** Builds `<stem>.akn.xml` and the asked-for publications of one input file into outDir; all or nothing. */
export function buildFile(path: string, outDir: string, options: FileBuildOptions = {}): FileBuildResult {
  const bytes = readInputFile(path);
  if (isPdfPath(path)) throw new InputError(path, 'a PDF is built asynchronously: use buildInputFile (or buildPdf)', undefined, 'usage');
  return writeBuild(path, outDir, options, (input, buildOptions) => build({ ...input, text: bytes }, buildOptions));
}

/** Builds a text or a PDF file (chosen by its .pdf name) into outDir; all or nothing. The CLI and batch use this. */
export async function buildInputFile(path: string, outDir: string, options: FileBuildOptions = {}): Promise<FileBuildResult> {
  if (!isPdfPath(path)) return buildFile(path, outDir, options);
  const bytes = readInputFile(path);
  if (!isPdfBytes(bytes)) throw new InputError(path, 'not a PDF: no %PDF- signature at its start', undefined, 'damaged');
  const layout = await readPdf(path, bytes);
  return writeBuild(path, outDir, options, (input, buildOptions) => runBuild(path, bytes, input, buildOptions, layout));
}

function readInputFile(path: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    // Refuse an oversized input before reading it whole.
    const size = statSync(path).size;
    if (size > MAX_INPUT_BYTES) throw new InputError(path, `input of ${size} bytes is over the limit of ${MAX_INPUT_BYTES} bytes`, undefined, 'too-large');
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(path, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, undefined, 'read');
  }
  return bytes;
}

function writeBuild(path: string, outDir: string, options: FileBuildOptions, run: (input: Omit<BuildInput, 'text'>, options: Partial<BuildOptions>) => BuildResult): FileBuildResult {
  const sidecarFile = options.metaFile ?? findSidecar(path, options.sidecarFolders);
  const sidecar = sidecarFile ? readSidecar(sidecarFile) : undefined;
  const formats = options.formats ?? ALL_FORMATS;
  const result = run({ file: path, sidecar, sidecarFile }, { resolverBase: options.resolverBase, markupDate: options.markupDate, formats });
  if (!sidecarFile) result.report.diagnostics.push({ severity: 'info', code: 'no-sidecar', message: `no metadata sidecar (${basename(path).replace(/\.(?:txt|pdf)$/i, '')}.meta.json); facts come from the ${isPdfPath(path) ? 'PDF' : 'text'} only`, file: path });
  const stem = outputStem(path);
  const files: OutputFile[] = [{ path: outputPath(outDir, stem, '.akn.xml'), data: result.xml }];
  if (result.html !== undefined) files.push({ path: outputPath(outDir, stem, '.html'), data: result.html });
  if (result.epub !== undefined) files.push({ path: outputPath(outDir, stem, '.epub'), data: result.epub });
  if (result.jsonld !== undefined) files.push({ path: outputPath(outDir, stem, '.jsonld'), data: `${JSON.stringify(result.jsonld, null, 2)}\n` });
  writeOutputsAtomic(files);
  return { file: path, outputs: files.map((f) => f.path), report: result.report };
}
