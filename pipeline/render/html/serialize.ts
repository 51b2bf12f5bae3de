// Serialises the publication's hast trees (the HTML file, the EPUB's XHTML): the same text as
// hast-util-to-html with the options we use, about four times faster on our documents.
// Reads: a hast tree.   Writes: its HTML (or XHTML) text.
//
// Why not hast-util-to-html itself: it looks up and escapes every attribute name, allocates an options
// object per attribute and text, and was a tenth of a build's CPU. Attribute names still come from
// property-information (the library hast-util-to-html uses), each looked up once; void elements from
// html-void-elements. What this does not handle (comments, SVG, templates, attribute names that would
// need escaping) is handed to hast-util-to-html, so the output is always the library's. The equivalence
// is tested on the corpus and on generated trees (tests/html-serialize.test.ts).
import type { Element, ElementContent, Nodes, Properties, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { htmlVoidElements } from 'html-void-elements';
import { type Info, find, html } from 'property-information';

export interface SerializeOptions {
  /** `<br />` rather than `<br>` (XHTML). */
  closeSelfClosing?: boolean;
  /** `<!DOCTYPE html>` rather than `<!doctype html>`. */
  upperDoctype?: boolean;
  /** Raw nodes as they are, rather than escaped as text. */
  allowDangerousHtml?: boolean;
  /**
   * XHTML for the EPUB (with `allowDangerousHtml`): what hast-util-to-html writes for `xmlSafe(tree)`,
   * without copying the tree. `epubTypes` gives the `epub:type` of elements that carry one in the EPUB only.
   */
  xml?: { epubTypes: ReadonlyMap<Element, string> };
}

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const XML_SPECIAL = /[&<>"]/;
const XML_SPECIALS = /[&<>"]/g;

/** Escapes text for XML content and attribute values (one pass; most texts need none). */
export function escapeXml(text: string): string {
  return XML_SPECIAL.test(text) ? text.replace(XML_SPECIALS, (ch) => XML_ESCAPES[ch]!) : text;
}

/**
 * hast-util-to-html escapes for HTML: `<` stays raw in attribute values and `]]>` in text, both fatal
 * in XML. For XHTML every text node is escaped with XML rules (and passed as a raw node), and a `<`
 * in an attribute value is percent-encoded (ids and fragments alike, so links still match); the
 * elements of `epubTypes` get their `epub:type` (last, or in place of one they have). serializeHast's
 * `xml` mode writes the same without the copy; this is what it hands to the library for the rest.
 */
export function xmlSafe<T extends Nodes>(node: T, epubTypes: ReadonlyMap<Element, string>): T {
  if (node.type === 'text') return { type: 'raw', value: escapeXml(node.value) } as unknown as T;
  if (node.type !== 'element' && node.type !== 'root') return node;
  const children = (node as Root | Element).children.map((child) => xmlSafe(child as Nodes, epubTypes)) as ElementContent[];
  if (node.type === 'root') return { ...node, children } as T;
  const element = node as Element;
  return { ...element, properties: xmlSafeProperties(element.properties, epubTypes.get(element)), children } as T;
}

function xmlSafeProperties(properties: Properties, epubType: string | undefined): Properties {
  let copy: Properties | undefined;
  for (const key in properties) {
    const value = properties[key];
    if (typeof value === 'string' && value.includes('<')) {
      copy ??= { ...properties };
      copy[key] = value.replace(/</g, '%3C');
    }
  }
  if (epubType !== undefined) (copy ??= { ...properties })['epub:type'] = epubType;
  return copy ?? properties;
}

/** Text to write as it is (the EPUB's XHTML text, escaped for XML beforehand). */
interface Raw {
  type: 'raw';
  value: string;
}
type Node = Nodes | Raw;

const VOIDS = new Set(htmlVoidElements);
/** Characters hast-util-to-html writes as references: in text, and in double-quoted attribute values. */
const TEXT_SPECIAL = /[<&]/;
const TEXT_SPECIALS = /[<&]/g;
const ATTRIBUTE_SPECIAL = /[\0"&'`]/;
const ATTRIBUTE_SPECIALS = /[\0"&'`]/g;
/** Attribute names with one of these are escaped by hast-util-to-html: left to it. */
const NAME_SPECIAL = /[\0\t\n\f\r "&'/<=>`]/;

/** A hexadecimal character reference, as stringify-entities writes it (`&#x3C;`). */
const reference = (character: string) => `&#x${character.charCodeAt(0).toString(16).toUpperCase()};`;
const escapeText = (text: string) => (TEXT_SPECIAL.test(text) ? text.replace(TEXT_SPECIALS, reference) : text);
const escapeAttribute = (value: string) => (ATTRIBUTE_SPECIAL.test(value) ? value.replace(ATTRIBUTE_SPECIALS, reference) : value);

/** Text as hast-util-to-html writes it: escaped, except in script and style (raw text elements). */
function textIn(parent: Element | undefined, text: string): string {
  return parent !== undefined && (parent.tagName === 'script' || parent.tagName === 'style') ? text : escapeText(text);
}

/** property-information's answer for a property name; the names are our code's, so the cache stays small. */
const infos = new Map<string, Info>();
function infoOf(property: string): Info {
  let info = infos.get(property);
  if (info === undefined) {
    info = find(html, property);
    infos.set(property, info);
  }
  return info;
}

/**
 * The attributes as hast-util-to-html writes them (double quotes, nothing collapsed), or undefined to
 * hand the element over. `xml`: as it writes xmlSafe's properties (`<` percent-encoded, `epub:type`).
 */
function attributes(properties: Properties, xml: boolean, epubType: string | undefined): string | undefined {
  let out = '';
  let epubTypeWritten = epubType === undefined;
  for (const key in properties) {
    let value = properties[key];
    if (xml) {
      if (key === 'epub:type' && epubType !== undefined) {
        value = epubType;
        epubTypeWritten = true;
      } else if (typeof value === 'string' && value.includes('<')) value = value.replace(/</g, '%3C');
    }
    if (value === null || value === undefined) continue;
    const info = infoOf(key);
    if (info.overloadedBoolean && (value === info.attribute || value === '')) value = true;
    else if ((info.boolean || info.overloadedBoolean) && (typeof value !== 'string' || value === info.attribute || value === '')) value = Boolean(value);
    if (value === false || (typeof value === 'number' && Number.isNaN(value))) continue;
    const name = info.attribute;
    if (NAME_SPECIAL.test(name)) return undefined;
    let attribute: string;
    if (value === true) attribute = name;
    else {
      const text = Array.isArray(value) ? (info.commaSeparated ? commaSeparated(value) : value.join(' ').trim()) : String(value);
      attribute = `${name}="${escapeAttribute(text)}"`;
    }
    out = out ? `${out} ${attribute}` : attribute;
  }
  if (!epubTypeWritten) {
    const attribute = attributes({ 'epub:type': epubType }, false, undefined);
    if (attribute === undefined) return undefined;
    out = out ? `${out} ${attribute}` : attribute;
  }
  return out;
}

/** comma-separated-tokens' stringify with hast-util-to-html's padding (`a, b`). */
function commaSeparated(values: ReadonlyArray<string | number>): string {
  const all = values[values.length - 1] === '' ? [...values, ''] : values;
  return all.join(', ').trim();
}

/** Serialises a hast tree (a root, an element...) as hast-util-to-html does with the same options. */
export function serializeHast(tree: Node, options: SerializeOptions = {}): string {
  const library = { allowDangerousHtml: options.allowDangerousHtml, closeSelfClosing: options.closeSelfClosing, upperDoctype: options.upperDoctype };
  const xml = options.xml;
  /** What the library writes for a node this does not handle (in `xml` mode, for its xmlSafe copy). */
  const handOver = (node: Nodes) => toHtml(xml ? xmlSafe(node, xml.epubTypes) : node, library);
  // Pieces are pushed on a list, joined into one string every few thousand: linear in the size of the
  // document (no string of a subtree rebuilt at each level), and few live objects for the garbage
  // collector however long the document (a list of millions of small strings made it superlinear).
  const joined: string[] = [];
  let parts: string[] = [];
  const put = (piece: string) => {
    parts.push(piece);
    if (parts.length >= 4096) {
      joined.push(parts.join(''));
      parts = [];
    }
  };
  const one = (node: Node, parent: Element | undefined): void => {
    switch (node.type) {
      case 'root':
        for (const child of node.children) one(child, undefined);
        return;
      case 'text':
      case 'raw':
        // xmlSafe makes text a raw node of XML-escaped text, which the library writes as it is (or escapes).
        if (node.type === 'text' && xml) put(options.allowDangerousHtml ? escapeXml(node.value) : textIn(parent, escapeXml(node.value)));
        else if (node.type === 'raw' && options.allowDangerousHtml) put(node.value);
        // The content of script and style is never escaped (raw text elements).
        else put(textIn(parent, node.value));
        return;
      case 'doctype':
        put(options.upperDoctype ? '<!DOCTYPE html>' : '<!doctype html>');
        return;
      case 'element': {
        const tag = node.tagName;
        // SVG switches to another schema, a template serialises its content, a void element with
        // children gets an end tag unless they write nothing: all the library's.
        const isVoid = VOIDS.has(tag.toLowerCase());
        const handled = !(tag === 'svg' || tag === 'template' || (isVoid && node.children.length > 0));
        const attrs = handled ? attributes(node.properties, xml !== undefined, xml?.epubTypes.get(node)) : undefined;
        if (attrs === undefined) {
          put(handOver(node));
          return;
        }
        const open = attrs ? `<${tag} ${attrs}` : `<${tag}`;
        if (isVoid) {
          put(options.closeSelfClosing ? `${open} />` : `${open}>`);
          return;
        }
        put(`${open}>`);
        for (const child of node.children) one(child, node);
        put(`</${tag}>`);
        return;
      }
      default:
        put(handOver(node as Nodes));
    }
  };
  one(tree, undefined);
  joined.push(parts.join(''));
  return joined.join('');
}
