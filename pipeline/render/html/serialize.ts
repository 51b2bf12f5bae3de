// Serialises the publication's hast trees (the HTML file, the EPUB's XHTML): the same text as
// hast-util-to-html with the options we use, about four times faster on our documents.
// Reads: a hast tree.   Writes: its HTML (or XHTML) text.
//
// Why not hast-util-to-html itself: it looks up and escapes every attribute name, allocates an options
// object per attribute and text, and was a tenth of a build's CPU. Attribute names still come from
// property-information (the library hast-util-to-html uses), each looked up once; void elements from
// html-void-elements. What this does not handle (comments, SVG, templates, attribute names that would
// need escaping) is handed to hast-util-to-html, so the output is always the library's. The equivalence
// is tested on the corpus and on generated trees (tests/html.test.ts).
import type { Element, Nodes, Properties } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { htmlVoidElements } from 'html-void-elements';
import { type Info, find, html } from 'property-information';

export interface SerializeOptions {
  /** `<br />` rather than `<br>` (XHTML). */
  closeSelfClosing?: boolean;
  /** `<!DOCTYPE html>` rather than `<!doctype html>`. */
  upperDoctype?: boolean;
  /** Raw nodes as they are (XHTML text already escaped), rather than escaped as text. */
  allowDangerousHtml?: boolean;
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

/** The attributes as hast-util-to-html writes them (double quotes, nothing collapsed), or undefined to hand the element over. */
function attributes(properties: Properties): string | undefined {
  let out = '';
  for (const key in properties) {
    let value = properties[key];
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
  const one = (node: Node, parent: Element | undefined): string => {
    switch (node.type) {
      case 'root': {
        let out = '';
        for (const child of node.children) out += one(child, undefined);
        return out;
      }
      case 'text':
      case 'raw': {
        if (node.type === 'raw' && options.allowDangerousHtml) return node.value;
        // The content of script and style is never escaped (raw text elements).
        return parent !== undefined && (parent.tagName === 'script' || parent.tagName === 'style') ? node.value : escapeText(node.value);
      }
      case 'doctype':
        return options.upperDoctype ? '<!DOCTYPE html>' : '<!doctype html>';
      case 'element': {
        const tag = node.tagName;
        // SVG switches to another schema and a template serialises its content: the library's.
        if (tag === 'svg' || tag === 'template') return toHtml(node, library);
        const attrs = attributes(node.properties);
        if (attrs === undefined) return toHtml(node, library);
        let content = '';
        for (const child of node.children) content += one(child, node);
        // A void element with children is written with an end tag, as hast-util-to-html does.
        const selfClosing = content === '' && VOIDS.has(tag.toLowerCase());
        const open = `<${tag}${attrs ? ` ${attrs}` : ''}${selfClosing && options.closeSelfClosing ? ' /' : ''}>`;
        return selfClosing ? open : `${open}${content}</${tag}>`;
      }
      default:
        return toHtml(node as Nodes, library);
    }
  };
  return one(tree, undefined);
}
