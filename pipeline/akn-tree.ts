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

/** Elements nested under the root (fast-xml-parser's default limit, kept): a resolution nests about 15 deep. */
const MAX_DEPTH = 100;

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * The five XML entities and character references, decoded in one pass (so `&amp;#233;` stays the text
 * `&#233;`). fast-xml-parser's own decoder leaves character references undecoded unless HTML entities
 * are enabled too. Other names are left as written: there is no DTD to declare them.
 */
const xmlEntityDecoder = {
  decode: (text: string) =>
    // Most texts and attribute values hold no reference at all: skip the expression for them.
    !text.includes('&') ? text : text.replace(/&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));/g, (_ref, hex?: string, dec?: string, name?: string) =>
      name ? XML_ENTITIES[name]! : String.fromCodePoint(hex !== undefined ? parseInt(hex, 16) : Number(dec)),
    ),
  setExternalEntities: () => undefined,
  addInputEntities: () => undefined,
  reset: () => undefined,
  setXmlVersion: () => undefined,
};

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  entityDecoder: xmlEntityDecoder,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false as unknown as string,
  maxNestedTags: MAX_DEPTH,
  // No callback here reads the path: without it, the parser does not build a path string per tag.
  jPath: false,
});

/** Refuses what AKN never needs and what makes XML dangerous: DTDs and entity declarations. */
export function refuseDtd(xml: string, file: string): void {
  const match = /<!DOCTYPE|<!ENTITY/i.exec(xml);
  if (match) {
    const line = xml.slice(0, match.index).split('\n').length;
    throw new InputError(file, 'document type declarations and entities are not accepted in Akoma Ntoso input', line, 'dtd');
  }
}

/**
 * XML 1.0 §2.2 forbids these characters even as character references (`&#0;`); XMLValidator lets them
 * through and the parser would hand a NUL to the renderers.
 */
export function refuseForbiddenCharacters(xml: string, file: string): void {
  const raw = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(xml);
  let found = raw ? { index: raw.index, what: `character U+${raw[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` } : undefined;
  for (const ref of xml.matchAll(/&#(?:x([0-9a-fA-F]+)|([0-9]+));/g)) {
    if (found && ref.index > found.index) break;
    const code = ref[1] !== undefined ? parseInt(ref[1], 16) : Number(ref[2]);
    const allowed =
      code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    if (!allowed) {
      found = { index: ref.index, what: `character reference ${ref[0]}` };
      break;
    }
  }
  if (found) {
    const line = xml.slice(0, found.index).split('\n').length;
    throw new InputError(file, `not well-formed XML: ${found.what} is not allowed in XML 1.0`, line, 'xml');
  }
}

/** Line of the first start tag nested deeper than MAX_DEPTH under the root (a rough scan, used only to place that error). */
function lineOfExcessiveDepth(xml: string): number | undefined {
  let depth = 0;
  for (const tag of xml.matchAll(/<(\/?)[A-Za-z_][^>]*?(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>/g)) {
    if (tag[0].startsWith('<!') || tag[0].startsWith('<?')) continue;
    if (tag[1]) depth--;
    else if (!tag[2]) depth++;
    if (depth > MAX_DEPTH + 1) return xml.slice(0, tag.index).split('\n').length;
  }
  return undefined;
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
    const attrsRaw = node[':@'] as Record<string, unknown> | undefined;
    for (const key in node) {
      if (key === ':@') continue;
      out.push({ type: 'element', name: localName(key), attrs: attributes(attrsRaw), children: convert(node[key] as RawNode[]) });
    }
  }
  return out;
}

/** The parser's attribute map as strings (it parses no values, so it is taken as it is unless one is not a string). */
function attributes(raw: Record<string, unknown> | undefined): Record<string, string> {
  if (raw === undefined) return {};
  for (const name in raw) {
    if (typeof raw[name] !== 'string') {
      const attrs: Record<string, string> = {};
      for (const [key, value] of Object.entries(raw)) attrs[key] = String(value);
      return attrs;
    }
  }
  return raw as Record<string, string>;
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** Parses AKN XML; returns the `<akomaNtoso>` root. Malformed XML is an InputError naming file and line. */
/**
 * The publications of one build (HTML, EPUB, JSON-LD) each read the same XML: the last tree parsed is
 * kept, so the text is parsed once. Trees are never modified by their readers.
 */
let lastParsed: { xml: string; file: string; root: AknElement } | undefined;

export function parseAkn(xml: string, file = '<akn>'): AknElement {
  if (lastParsed && lastParsed.file === file && lastParsed.xml === xml) return lastParsed.root;
  const root = parseAknUncached(xml, file);
  lastParsed = { xml, file, root };
  return root;
}

/**
 * The XML a build wrote and libxml2 has just parsed and validated (the validate stage): well-formed, so its
 * publications parse it without a second well-formedness pass. Only that exact text, from that stage; XML
 * from anywhere else (`render`, `text`, a site's inputs) always gets the full check.
 */
let validatedByLibxml2: { xml: string; file: string } | undefined;

export function markValidatedAkn(xml: string, file: string): void {
  validatedByLibxml2 = { xml, file };
}

function parseAknUncached(xml: string, file: string): AknElement {
  refuseDtd(xml, file);
  refuseForbiddenCharacters(xml, file);
  const trusted = validatedByLibxml2 !== undefined && validatedByLibxml2.file === file && validatedByLibxml2.xml === xml;
  validatedByLibxml2 = undefined;
  const verdict = trusted ? true : XMLValidator.validate(xml);
  if (verdict !== true) {
    throw new InputError(file, `not well-formed XML: ${verdict.err.msg}`, verdict.err.line, 'xml');
  }
  let parsed: RawNode[];
  try {
    parsed = parser.parse(xml) as RawNode[];
  } catch (error) {
    // The parser's only refusal after XMLValidator's is its nesting limit; report it as bad input.
    const message = error instanceof Error ? error.message : String(error);
    const depth = /nested/i.test(message) ? `elements nested more than ${MAX_DEPTH} deep under the root` : message;
    throw new InputError(file, `not accepted: ${depth}`, lineOfExcessiveDepth(xml), 'xml');
  }
  const root = convert(parsed).find((n): n is AknElement => n.type === 'element');
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
