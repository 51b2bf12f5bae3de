// The publications' serialiser (render/html/serialize.ts) writes exactly what hast-util-to-html writes
// with the same options (and, for the EPUB's XHTML, what it writes for the tree's xmlSafe copy): on
// every fixture and built output, and on generated trees (escaping, void elements, booleans, lists,
// raw text, epub:type added or replaced, the nodes it hands over to the library).
import fc from 'fast-check';
import type { Element, ElementContent, Properties, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { renderPublication, tocNav } from '../pipeline/render/html/index.js';
import { serializeHast, xmlSafe } from '../pipeline/render/html/serialize.js';
import { IdRegistry } from '../pipeline/render/html/state.js';
import type { AknElement } from '../pipeline/akn-tree.js';
import { INPUTS, read } from './publication-helpers.js';

const HTML = {};
const XHTML = { allowDangerousHtml: true, closeSelfClosing: true, upperDoctype: true };

/** Every third element of the tree, with an epub:type (as the renderer marks note references and notes). */
function someEpubTypes(tree: Root): Map<Element, string> {
  const types = new Map<Element, string>();
  let n = 0;
  const walk = (node: Root | ElementContent) => {
    if (node.type === 'element' && n++ % 3 === 0) types.set(node, n % 2 ? 'noteref' : 'foot<note>"&');
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return types;
}

/** The XHTML of the EPUB: serializeHast's xml mode against hast-util-to-html on xmlSafe's copy. */
function expectXhtmlEqual(tree: Root, epubTypes: Map<Element, string>) {
  expect(serializeHast(tree, { ...XHTML, xml: { epubTypes } })).toBe(toHtml(xmlSafe(tree, epubTypes), XHTML));
}

describe('serializeHast', () => {
  it.each(INPUTS)('writes the publication of $name as hast-util-to-html does (HTML and XHTML options)', (input) => {
    const publication = renderPublication(read(input), { file: input.file, toc: 'always' });
    const tree: Root = {
      type: 'root',
      children: [{ type: 'doctype' }, { type: 'element', tagName: 'body', properties: {}, children: [publication.header, tocNav(publication), publication.main] }],
    };
    for (const options of [HTML, XHTML]) expect(serializeHast(tree, options)).toBe(toHtml(tree, options));
    expectXhtmlEqual(tree, new Map(publication.epubTypes));
    expectXhtmlEqual(tree, someEpubTypes(tree));
  });

  // Text with every character the two escapings care about, and others around them.
  const text = fc.string({ unit: fc.constantFrom('a', ' ', '<', '>', '&', '"', "'", '`', '=', '/', '\0', '\n', 'é', '😀', ']]>', '&amp;') });
  const property: fc.Arbitrary<[string, Properties[string]]> = fc.oneof(
    fc.tuple(fc.constantFrom('id', 'href', 'role', 'lang', 'dir', 'title', 'content', 'charSet', 'httpEquiv', 'xmlLang', 'epub:type', 'xmlns:epub', 'dataAknName', 'dataAknRefersto', 'ariaLabel', 'ariaLabelledby', 'ariaHidden', 'ariaLevel'), fc.oneof(text, fc.constant(''))),
    fc.tuple(fc.constantFrom('className', 'rel'), fc.array(fc.oneof(text, fc.constant('')), { maxLength: 3 })),
    fc.tuple(fc.constant('accept'), fc.array(fc.oneof(text, fc.constant('')), { maxLength: 3 })), // comma-separated
    fc.tuple(fc.constantFrom('colSpan', 'rowSpan', 'tabIndex'), fc.oneof(fc.integer({ min: -2, max: 5 }), fc.constant(Number.NaN))),
    fc.tuple(fc.constantFrom('hidden', 'open', 'download'), fc.oneof(fc.boolean(), fc.constant(''), fc.constantFrom('hidden', 'open', 'download', 'x'))), // (overloaded) booleans
    fc.tuple(fc.constantFrom('id', 'title'), fc.constantFrom(null, undefined)),
    fc.tuple(fc.constant('on"x'), text), // a name the library must escape: handed over to it
  );
  const tags = ['div', 'p', 'span', 'a', 'section', 'h2', 'ol', 'li', 'td', 'br', 'img', 'meta', 'hr', 'link', 'input', 'style', 'script', 'svg', 'circle', 'template', 'BR'];
  const { node } = fc.letrec<{ node: ElementContent }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      text.map((value): ElementContent => ({ type: 'text', value })),
      text.map((value) => ({ type: 'raw', value }) as unknown as ElementContent),
      text.map((value): ElementContent => ({ type: 'comment', value })),
      fc
        .record({ tagName: fc.constantFrom(...tags), properties: fc.array(property, { maxLength: 4 }), children: fc.array(tie('node'), { maxLength: 3 }) })
        .map(({ tagName, properties, children }): Element => ({ type: 'element', tagName, properties: Object.fromEntries(properties), children })),
    ),
  }));

  it('writes generated trees as hast-util-to-html does', () => {
    fc.assert(
      fc.property(fc.array(node, { maxLength: 4 }), fc.boolean(), (children, doctype) => {
        const tree: Root = { type: 'root', children: [...(doctype ? [{ type: 'doctype' as const }] : []), ...children] };
        for (const options of [HTML, XHTML]) expect(serializeHast(tree, options)).toBe(toHtml(tree, options));
        expectXhtmlEqual(tree, someEpubTypes(tree));
      }),
      { numRuns: 400, seed: 11 },
    );
  });
});

describe('IdRegistry.allocate', () => {
  const element = (eId: string): AknElement => ({ type: 'element', name: 'p', attrs: { eId }, children: [] });

  it('gives the first free id of base, base-2, base-3… (eIds and earlier ids taken), without rescanning', () => {
    const ids = new IdRegistry([element('note'), element('note-3'), element('x')]);
    expect([ids.allocate('note'), ids.allocate('note'), ids.allocate('note'), ids.allocate('x'), ids.allocate('y'), ids.allocate('y')]).toEqual([
      'note-2', 'note-4', 'note-5', 'x-2', 'y', 'y-2',
    ]);
  });

  it('gives what a search from the bare base gives, for any sequence of bases', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'a-2', 'a-3', 'b', 'a-2-2'), { maxLength: 12 }), fc.array(fc.constantFrom('a', 'b', 'a-2', 'c'), { maxLength: 30 }), (eIds, bases) => {
        const ids = new IdRegistry(eIds.map(element));
        const used = new Set<string>();
        const naive = (base: string) => {
          let id = base;
          for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
          used.add(id);
          return id;
        };
        // A repeated eId gets an allocated id after all the first ones (IdRegistry's constructor).
        const repeated = eIds.filter((eId, i) => eIds.indexOf(eId) !== i);
        for (const eId of new Set(eIds)) used.add(eId);
        for (const eId of repeated) naive(eId);
        for (const base of bases) expect(ids.allocate(base)).toBe(naive(base));
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
