// Building documents: the library entry points around the stages (in memory, and file to files).
// Reads: an input text (bytes) and its sidecar.   Writes: `<stem>.akn.xml` (+ .html, .epub, .jsonld) atomically.
import { readFileSync, statSync } from 'node:fs';
import { MAX_INPUT_BYTES } from './decode.js';
import { basename } from 'node:path';
import { writeOutputsAtomic, type OutputFile } from './atomic-write.js';
import type { BuildContext, BuildOptions } from './context.js';
import { findSidecar, readSidecar, type Sidecar } from './metadata.js';
import { outputPath, outputStem } from './output-names.js';
import { InputError, newReport, type Report } from './report.js';
import { runStages } from './stages.js';

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
  const context: BuildContext = {
    file,
    bytes,
    sidecar: input.sidecar,
    sidecarFile: input.sidecarFile,
    options: { formats: options.formats ?? ['xml'], resolverBase: options.resolverBase, markupDate: options.markupDate },
    report: newReport(file),
  };
  runStages(context);
  return { xml: context.xml!, html: context.html, epub: context.epub, jsonld: context.jsonld, report: context.report, context };
}

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
  const sidecarFile = options.metaFile ?? findSidecar(path, options.sidecarFolders);
  const sidecar = sidecarFile ? readSidecar(sidecarFile) : undefined;
  const formats = options.formats ?? ALL_FORMATS;
  const result = build({ file: path, text: bytes, sidecar, sidecarFile }, { resolverBase: options.resolverBase, markupDate: options.markupDate, formats });
  if (!sidecarFile) result.report.diagnostics.push({ severity: 'info', code: 'no-sidecar', message: `no metadata sidecar (${basename(path).replace(/\.txt$/i, '')}.meta.json); facts come from the text only`, file: path });
  const stem = outputStem(path);
  const files: OutputFile[] = [{ path: outputPath(outDir, stem, '.akn.xml'), data: result.xml }];
  if (result.html !== undefined) files.push({ path: outputPath(outDir, stem, '.html'), data: result.html });
  if (result.epub !== undefined) files.push({ path: outputPath(outDir, stem, '.epub'), data: result.epub });
  if (result.jsonld !== undefined) files.push({ path: outputPath(outDir, stem, '.jsonld'), data: `${JSON.stringify(result.jsonld, null, 2)}\n` });
  writeOutputsAtomic(files);
  return { file: path, outputs: files.map((f) => f.path), report: result.report };
}
