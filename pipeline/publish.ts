// The publication stages (html, epub, jsonld; last in stages.ts): publications derived from the validated AKN XML (never from the model), so the same
// functions publish AKN made by other tools (`akn-press render`).
// Reads: context.xml, context.options.formats.   Writes: context.publication, context.html, context.epub, context.jsonld.
import type { BuildContext, Stage } from './context.js';
import { epubOfPublication, renderEpub } from './render/epub.js';
import { type RenderedPublication, htmlOfPublication, renderHtml, renderPublication as renderParts } from './render/html/index.js';
import { renderJsonld } from './render/jsonld.js';

export type PublicationFormat = 'html' | 'epub' | 'jsonld';

const wants = (context: BuildContext, format: PublicationFormat) => context.options.formats.includes(format);

/**
 * The HTML file and the EPUB content document are one rendering of the document: made once per build,
 * kept on the context only while a later stage (epub) still needs it, so a build's result does not hold it.
 */
function publicationOf(context: BuildContext, stillNeeded: boolean): RenderedPublication {
  const publication = context.publication ?? renderParts(context.xml!, { file: context.file, resolverBase: context.options.resolverBase });
  context.publication = stillNeeded ? publication : undefined;
  return publication;
}

export const publicationStages: readonly Stage[] = [
  {
    name: 'html',
    run(context) {
      if (wants(context, 'html')) context.html = htmlOfPublication(publicationOf(context, wants(context, 'epub')), { file: context.file, resolverBase: context.options.resolverBase });
    },
  },
  {
    name: 'epub',
    run(context) {
      if (wants(context, 'epub')) context.epub = epubOfPublication(publicationOf(context, false), context.xml!, { file: context.file, resolverBase: context.options.resolverBase });
    },
  },
  {
    name: 'jsonld',
    run(context) {
      if (wants(context, 'jsonld')) context.jsonld = renderJsonld(context.xml!, { file: context.file, base: context.options.resolverBase });
    },
  },
];

/** One publication of an AKN document, as the text or bytes to write. */
export function renderPublication(xml: string, format: PublicationFormat, file: string, resolverBase?: string): string | Uint8Array {
  switch (format) {
    case 'html':
      return renderHtml(xml, { file, resolverBase });
    case 'epub':
      return renderEpub(xml, { file, resolverBase });
    case 'jsonld':
      return `${JSON.stringify(renderJsonld(xml, { file, base: resolverBase }), null, 2)}\n`;
  }
}
