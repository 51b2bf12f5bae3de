// akn-press as a library: the same stages the command line runs.
//
//   import { build } from 'akn-press';
//   const { xml, report } = build({ file: 'x.txt', text }, { formats: ['xml', 'html'] });
export { build, buildFile, buildPdf, buildInputFile, ALL_FORMATS, type PdfInput, type BuildInput, type BuildResult, type FileBuildResult } from './build.js';
export { stages, runStages } from './stages.js';
export type { BuildContext, BuildOptions, Stage } from './context.js';
export { validateAkn, validateSchema, type ValidationProblem } from './validate.js';
export { readingText } from './reading-text.js';
export { renderJsonld } from './render/jsonld.js';
export { renderHtml } from './render/html/index.js';
export { renderEpub } from './render/epub.js';
export { renderPublication, type PublicationFormat } from './publish.js';
export { readSidecar, type Sidecar } from './metadata.js';
export { InputError, type Report, type Diagnostic, type Repair } from './report.js';
export type { LanguageTable } from './lang/types.js';
export type { ResolutionDocument } from './model.js';
export { readPdf, MAX_PDF_PAGES, type PdfLayout } from './pdf-read.js';
