// akn-press as a library (an ES module): the same stages the command line runs.
//
//   import { build, buildAsync } from 'akn-press';
//   const { xml, report } = build({ file: 'x.txt', text }, { formats: ['xml', 'html'] });
//   const result = await buildAsync({ file: 'x.txt', text });   // off the main thread
//   const fromPdf = await buildPdf({ file: 'x.pdf', pdf: bytes });  // a PDF, read from its layout
export { build, buildFile, buildPdf, buildInputFile, ALL_FORMATS, type PdfInput, type BuildInput, type BuildResult, type FileBuildResult, type FileBuildOptions, type OutputFormat } from './build.js';
export { buildAsync, closeBuildWorker, type AsyncBuildResult } from './build-async.js';
export { runBatch, expandInputs, formatSummary, batchExitStatus, type BatchOptions, type BatchSummary, type DocumentOutcome } from './batch.js';
export { stages, runStages } from './stages.js';
export type { BuildContext, BuildOptions, Stage } from './context.js';
export { validateAkn, validateSchema, type ValidationProblem } from './validate.js';
export { readingText } from './reading-text.js';
export { renderJsonld } from './render/jsonld.js';
export { renderHtml } from './render/html/index.js';
export { renderEpub } from './render/epub.js';
export { renderPublication, type PublicationFormat } from './publish.js';
export { readSidecar, type Sidecar } from './metadata.js';
export { provisionSchema, schemaDir, userSchemaCache, EnvironmentError } from './schema-files.js';
export { DEFAULT_RESOLVER_BASE } from './resolver.js';
export { InputError, type Report, type Diagnostic, type Repair } from './report.js';
export type { LanguageTable } from './lang/types.js';
export type { ResolutionDocument } from './model.js';
export { readPdf, MAX_PDF_PAGES, type PdfLayout } from './pdf-read.js';
