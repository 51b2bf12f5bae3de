// Stages 6–8: publications derived from the validated AKN XML (never from the model).
// Reads: context.xml, context.options.formats.   Writes: context.html, context.epub, context.jsonld.
import type { BuildContext, Stage } from './context.js';
import { renderJsonld } from './render/jsonld.js';

const wants = (context: BuildContext, format: 'html' | 'epub' | 'jsonld') => context.options.formats.includes(format);

export const publicationStages: readonly Stage[] = [
  {
    name: 'jsonld',
    run(context) {
      if (wants(context, 'jsonld')) context.jsonld = renderJsonld(context.xml!, { file: context.file, base: context.options.resolverBase });
    },
  },
];

/** One publication of an AKN document, as the bytes or text to write. */
export function renderPublication(xml: string, format: 'html' | 'epub' | 'jsonld', file: string): string | Uint8Array {
  switch (format) {
    case 'jsonld':
      return `${JSON.stringify(renderJsonld(xml, { file }), null, 2)}\n`;
    default:
      throw new Error(`render: ${format} is not available yet`);
  }
}
