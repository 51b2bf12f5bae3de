// The pipeline, in order: from the bytes of a PDF-extracted text to Akoma Ntoso and its publications.
// Each stage reads and writes fields of the BuildContext (see context.ts); each module's header says which.
import { aknStage } from './akn.js';
import type { BuildContext, Stage } from './context.js';
import { decodeStage } from './decode.js';
import { emphasisStage } from './emphasis.js';
import { inlineStage } from './inline.js';
import { layoutStage } from './layout.js';
import { languageStage } from './language.js';
import { repairStage } from './repair.js';
import { structureStage } from './structure.js';
import { validateStage } from './validate-stage.js';
import { publicationStages } from './publish.js';

/** A PDF's page layout replaces decoding and repair: its lines, notes and links are read, not guessed. */
const textOnly = (stage: Stage): Stage => ({ name: stage.name, run: (context) => (context.layout ? undefined : stage.run(context)) });
const pdfOnly = (stage: Stage): Stage => ({ name: stage.name, run: (context) => (context.layout ? stage.run(context) : undefined) });

export const stages: readonly Stage[] = [
  pdfOnly(layoutStage), // PDF pages   → lines, notes, citations, links, text (geometry, see layout.ts)
  textOnly(decodeStage), // bytes      → text (encoding, BOM, line ends, forbidden characters)
  languageStage, //   text, sidecar    → language table
  textOnly(repairStage), // text       → lines, notes, links (furniture out, words rejoined)
  structureStage, //  lines            → document model (preface, recitals, paragraphs, annexes)
  pdfOnly(emphasisStage), // PDF italics → `i` in the running text (fonts, see emphasis.ts)
  inlineStage, //     document         → refs on citations, dates, organizations, roles
  aknStage, //        document         → AKN XML
  validateStage, //   XML              → schema and profile problems (a problem fails the build)
  ...publicationStages, // XML         → HTML, EPUB, JSON-LD (only the formats asked for)
];

/** Runs the stages in order; `until` stops after the named stage. */
export function runStages(context: BuildContext, until?: string): BuildContext {
  for (const stage of stages) {
    stage.run(context);
    if (stage.name === until) break;
  }
  return context;
}
