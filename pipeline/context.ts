// The build context: one object per input document that the stages read and fill in turn
// (see stages.ts for the order). Each field names the stage that writes it.
import type { Report } from './report.js';
import type { Sidecar } from './metadata.js';
import type { RepairedText } from './repair.js';
import type { ResolutionDocument } from './model.js';
import type { ValidationProblem } from './validate.js';
import type { LanguageTable } from './lang/types.js';
import type { PdfLayout } from './pdf-read.js';
import type { RenderedPublication } from './render/html/index.js';
import type { LayoutFacts } from './layout.js';

/** The formats a build writes; all of them by default. */
export const ALL_FORMATS: BuildOptions['formats'] = ['xml', 'html', 'epub', 'jsonld'];

export interface BuildOptions {
  /** Formats to produce besides the AKN XML. */
  formats: ReadonlyArray<'xml' | 'html' | 'epub' | 'jsonld'>;
  /** Resolver base for AKN IRIs in HTML/JSON-LD. */
  resolverBase?: string;
  /** Date written as the Manifestation FRBRdate (markup date); fixed so outputs are reproducible. */
  markupDate?: string;
}

export interface BuildContext {
  /** Input file name as given (used in every message). */
  file: string;
  /** Raw bytes of the input. */
  bytes: Uint8Array;
  /** Metadata sidecar, when one was found or given. */
  sidecar?: Sidecar;
  sidecarFile?: string;
  options: BuildOptions;
  report: Report;

  /** A PDF input: its pages as read by PDF.js before the stages run (pdf-read.ts); absent for a text. */
  layout?: PdfLayout;
  /** layout: what was read from the page geometry (PDF input only). */
  layoutFacts?: LayoutFacts;
  /** decode (or layout, for a PDF): the text, as Unicode with LF line ends. */
  text?: string;
  /** language: the language of the text (sidecar, else detected). */
  language?: LanguageTable;
  /** repair: pages split, furniture removed, notes and links set aside, words rejoined. */
  repaired?: RepairedText;
  /** structure + inline: the resolution as a document model. */
  document?: ResolutionDocument;
  /** akn: the Akoma Ntoso XML. */
  xml?: string;
  /** validate: schema and profile problems (empty when valid). */
  problems?: ValidationProblem[];
  /** html, for epub: the publication's hast parts, one rendering for both (cleared by epub). */
  publication?: RenderedPublication;
  /** publications. */
  html?: string;
  epub?: Uint8Array;
  jsonld?: object;
}

export interface Stage {
  name: string;
  run(context: BuildContext): void;
}
