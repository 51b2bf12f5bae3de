// Reads Akoma Ntoso XML (ours or another tool's) into a small ordered tree for the renderers.
// Reads: AKN XML text.   Writes: AknElement tree (mixed content kept in document order).
// Safety: a DOCTYPE or entity declaration is refused before parsing, so no DTD is processed,
// no external entity is fetched and no entity is expanded (only the five XML entities and
// character references are decoded).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InputError } from './report.js';

export interface AknElement {
  type: 'element';
  name: string;
  attrs: Record<string, string>;
  children: AknNode[];
}
export interface AknText {
  type: 'text';
  value: string;
}
export type AknNode = AknElement | AknText;

export const AKN_NS = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false as unknown as string,
});

/** Refuses what AKN never needs and what makes XML dangerous: DTDs and entity declarations. */
export function refuseDtd(xml: string, file: string): void {
  const match = /<!DOCTYPE|<!ENTITY/i.exec(xml);
  if (match) {
    const line = xml.slice(0, match.index).split('\n').length;
    throw new InputError(file, 'document type declarations and entities are not accepted in Akoma Ntoso input', line, 'dtd');
  }
}

type RawNode = Record<string, unknown>;

function convert(raw: RawNode[]): AknNode[] {
  const out: AknNode[] = [];
  for (const node of raw) {
    if ('#text' in node) {
      out.push({ type: 'text', value: String(node['#text']) });
      continue;
    }
    if ('#comment' in node) continue;
    const attrsRaw = (node[':@'] ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(node)) {
      if (key === ':@') continue;
      const attrs: Record<string, string> = {};
      for (const [name, value] of Object.entries(attrsRaw)) attrs[name] = String(value);
      out.push({ type: 'element', name: localName(key), attrs, children: convert(node[key] as RawNode[]) });
    }
  }
  return out;
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** Parses AKN XML; returns the `<akomaNtoso>` root. Malformed XML is an InputError naming file and line. */
export function parseAkn(xml: string, file = '<akn>'): AknElement {
  refuseDtd(xml, file);
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) {
    throw new InputError(file, `not well-formed XML: ${verdict.err.msg}`, verdict.err.line, 'xml');
  }
  const root = convert(parser.parse(xml) as RawNode[]).find((n): n is AknElement => n.type === 'element');
  if (!root || root.name !== 'akomaNtoso') {
    throw new InputError(file, `not an Akoma Ntoso document (root element is <${root?.name ?? 'none'}>)`, 1, 'not-akn');
  }
  return root;
}

export function childElements(el: AknElement, name?: string): AknElement[] {
  return el.children.filter((c): c is AknElement => c.type === 'element' && (name === undefined || c.name === name));
}

export function firstChild(el: AknElement, name: string): AknElement | undefined {
  return childElements(el, name)[0];
}

/** Depth-first search for the first descendant with this name. */
export function findFirst(el: AknElement, name: string): AknElement | undefined {
  for (const child of childElements(el)) {
    if (child.name === name) return child;
    const deep = findFirst(child, name);
    if (deep) return deep;
  }
  return undefined;
}

export function findAll(el: AknElement, name: string, into: AknElement[] = []): AknElement[] {
  for (const child of childElements(el)) {
    if (child.name === name) into.push(child);
    findAll(child, name, into);
  }
  return into;
}

/** Follows a path of child names: path(root, 'statement', 'meta', 'identification'). */
export function path(el: AknElement | undefined, ...names: string[]): AknElement | undefined {
  let current = el;
  for (const name of names) current = current && firstChild(current, name);
  return current;
}

/** The concatenated text of an element, including descendants. */
export function textOf(node: AknNode): string {
  return node.type === 'text' ? node.value : node.children.map(textOf).join('');
}

/** The document element under `<akomaNtoso>` (statement, act, doc, ...). */
export function documentElement(root: AknElement, file = '<akn>'): AknElement {
  const doc = childElements(root)[0];
  if (!doc) throw new InputError(file, 'empty <akomaNtoso>: no document element', undefined, 'not-akn');
  return doc;
}
