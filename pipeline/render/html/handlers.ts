// One handler per AKN element, dispatched from a table (the shape of hast-util-to-html's `handle/`):
// a new AKN element is one entry; an element without an entry goes to `renderUnknown`.
// Reads: one AKN element and the render state.   Writes: hast nodes (classes `akn-<element>`, id = eId).
// Element references are to the OASIS AKN 3.0 vocabulary; UN usage to the AKN4UN profile (docs/akn4un-profile.md).
import type { ElementContent, Properties } from 'hast';
import { h } from 'hastscript';
import { type AknElement, type AknNode, childElements } from '../../akn-tree.js';
import { label } from './metadata.js';
import { asUri } from '../../uri.js';
import { type AknHandler, type RenderState, box } from './state.js';

// ---------------------------------------------------------------------------------------------
// Shared shapes

/** A block element; inside running text (a `p` holding a quoted structure...) it becomes a span. */
const block =
  (tag: string, extraClasses: readonly string[] = []): AknHandler =>
  (element, state) => [box(state, tag, state.common(element, extraClasses), state.children(element))];

/** An inline element with an HTML counterpart of the same meaning (i, b, sup...). */
const same =
  (tag: string): AknHandler =>
  (element, state) => [h(tag, state.common(element), state.children(element))];

/** Semantic inlines (organization, role, docNumber...): a span that keeps the AKN class and refersTo. */
const semanticInline: AknHandler = (element, state) => [h('span', state.common(element), state.children(element))];

/** The default for elements without a handler: keep the children and the text, class `akn-<name>`. */
export const renderUnknown: AknHandler = (element, state) => [
  box(state, 'div', state.common(element, ['akn-unknown']), state.children(element)),
];

const headingLevel = (state: RenderState) => Math.min(6, state.documentLevel + 1 + state.hierarchyDepth);
const isElement = (n: AknNode): n is AknElement => n.type === 'element';
const space: ElementContent = { type: 'text', value: ' ' };

/** num + heading + subheading of a hierarchy, composed into one HTML heading. */
function headingLine(element: AknElement, state: RenderState, level: number): ElementContent[] {
  const num = childElements(element, 'num')[0];
  const heading = childElements(element, 'heading')[0];
  const subheading = childElements(element, 'subheading')[0];
  if (!num && !heading) return subheading ? state.render(subheading) : [];
  const parts: ElementContent[] = [];
  if (num) parts.push(h('span', state.common(num), state.inlineChildren(num)));
  if (num && heading) parts.push(space);
  if (heading) parts.push(h('span', state.common(heading), state.inlineChildren(heading)));
  const out: ElementContent[] = [box(state, `h${level}`, { className: ['akn-heading-line'] }, parts)];
  if (subheading) out.push(...state.render(subheading));
  return out;
}

const withoutNames = (element: AknElement, names: readonly string[]) =>
  element.children.filter((c) => !(isElement(c) && names.includes(c.name)));

/**
 * Headed hierarchies (section, part, chapter, title, article...): an HTML `section` whose heading is
 * the printed number and heading (AKN4UN Part 1 §4.4.2 hierarchy table).
 */
const headedHierarchy: AknHandler = (element, state) => {
  const line = headingLine(element, state, headingLevel(state));
  state.hierarchyDepth++;
  try {
    const body = state.children(element, withoutNames(element, ['num', 'heading', 'subheading']));
    return [box(state, 'section', state.common(element, ['akn-hier'], element.name), [...line, ...body])];
  } finally {
    state.hierarchyDepth--;
  }
};

/**
 * Numbered blocks (operative paragraph, point, item): the number as printed hangs in its own column
 * and the text lines up beside it, as in UN print (AKN4UN Part 3 §1.6).
 */
const numberedBlock =
  (tag: 'div' | 'li'): AknHandler =>
  (element, state) => {
    if (childElements(element, 'heading').length > 0) return headedHierarchy(element, state);
    const num = childElements(element, 'num')[0];
    const body = state.children(element, withoutNames(element, ['num']));
    const properties = state.common(element, ['akn-hier', num ? 'akn-numbered' : 'akn-unnumbered'], element.name);
    const bodyBox = box(state, 'div', { className: ['akn-hier-body'] }, body);
    return [box(state, tag, properties, num ? [...state.render(num), space, bodyBox] : [bodyBox])];
  };

// ---------------------------------------------------------------------------------------------
// Documents and their main parts

/** A document nested in an attachment or component (an annex `doc`, an embedded statement...). */
const nestedDocument: AknHandler = (element, state) => {
  const saved = { level: state.documentLevel, depth: state.hierarchyDepth };
  state.documentLevel = Math.min(5, state.documentLevel + 1);
  state.hierarchyDepth = 0;
  try {
    const front = element.children.filter((c) => isElement(c) && (c.name === 'coverPage' || c.name === 'preface'));
    const rest = element.children.filter((c) => !(isElement(c) && ['coverPage', 'preface', 'meta'].includes(c.name)));
    const header = front.length > 0 ? [box(state, 'header', { className: ['akn-doc-header'] }, state.children(element, front))] : [];
    return [box(state, 'section', state.common(element, ['akn-document']), [...header, ...state.children(element, rest)])];
  } finally {
    state.documentLevel = saved.level;
    state.hierarchyDepth = saved.depth;
  }
};

/** attachment: optional num/heading (basehierarchy), then the annexed document. */
const attachment: AknHandler = (element, state) => {
  const line = headingLine(element, state, Math.min(6, state.documentLevel + 1));
  const body = state.children(element, withoutNames(element, ['num', 'heading', 'subheading']));
  return [box(state, 'section', state.common(element, [], 'annex'), [...line, ...body])];
};

const preamble: AknHandler = (element, state) => [
  box(state, 'section', { ...state.common(element, [], 'preamble'), ariaLabel: state.labels.preamble }, state.children(element)),
];

/** mainBody (and the bodies of other document types): the operative part of a resolution. */
const mainBody: AknHandler = (element, state) => {
  const properties = state.common(element, [], 'operative-part');
  if (state.metadata.documentType === 'statement' && state.documentLevel === 1) properties.ariaLabel = state.labels.operativePart;
  return [box(state, 'section', properties, state.children(element))];
};

/**
 * The inlines a line holds (`docNumber`, `docAuthority`, an `inline`'s @name such as `distribution`),
 * so CSS can lay out a masthead from any tool by what its lines say, not by their order.
 */
function holds(element: AknElement): string | undefined {
  const names = childElements(element)
    .filter((c) => c.name !== 'authorialNote' && c.name !== 'sup')
    .flatMap((c) => (c.name === 'inline' && c.attrs.name ? [c.name, c.attrs.name] : [c.name]));
  // "United Nations <docNumber>" on one line, as printed: `text` lets CSS spread the line.
  if (element.children.some((c) => c.type === 'text' && c.value.trim() !== '')) names.push('text');
  return names.length > 0 ? [...new Set(names)].join(' ') : undefined;
}

/**
 * `p`: a paragraph of text; the one holding the docTitle is the document's heading (h1, h2 in annexes).
 * A `p class="crossHeading"` in a preamble is a topical heading printed between recitals (a Security
 * Council preamble): a heading one level below the document's title, like the operative part's sections.
 */
const paragraphOfText: AknHandler = (element, state) => {
  const level = state.titleParagraphs.get(element);
  if (level !== undefined && !state.inline) {
    return [h(`h${level}`, state.common(element, ['akn-title'], 'title'), state.children(element))];
  }
  if (element.attrs.class === 'crossHeading' && state.parent?.name === 'preamble') {
    return [box(state, `h${headingLevel(state)}`, state.common(element, ['akn-preamble-heading']), state.inlineChildren(element))];
  }
  const properties = state.common(element);
  if (state.ancestors.some((a) => a.name === 'coverPage')) {
    const held = holds(element);
    if (held) properties.dataAknHolds = held;
  }
  return [box(state, 'p', properties, state.children(element))];
};

/**
 * block: a block of text named by @name. `preambleHeading` ("Preamble" over a declaration's recitals) is the
 * heading of its part, at the level of the part's neighbours (the articles); any other block is a paragraph.
 */
const namedBlock: AknHandler = (element, state) =>
  element.attrs.name === 'preambleHeading'
    ? [box(state, `h${headingLevel(state)}`, state.common(element, ['akn-part-heading']), state.inlineChildren(element))]
    : [box(state, 'p', state.common(element), state.children(element))];

/** A heading outside a hierarchy that composes it (tblock, hcontainer, foreign containers). */
const standaloneHeading: AknHandler = (element, state) => [
  box(state, `h${headingLevel(state)}`, state.common(element), state.children(element)),
];

/**
 * embeddedStructure: a text quoted or adopted inline, a block quotation. A text adopted inline opens with
 * its title (`p class="title"`, "Political declaration of …"): a heading at the level where it stands, and
 * the text's own headed parts (its articles) one level below it.
 */
const embeddedStructure: AknHandler = (element, state) => {
  const first = childElements(element)[0];
  if (first?.name !== 'p' || first.attrs.class !== 'title') return block('blockquote')(element, state);
  const title = box(state, `h${headingLevel(state)}`, state.common(first, ['akn-title']), state.inlineChildren(first));
  state.hierarchyDepth++;
  try {
    const body = state.children(element, element.children.filter((c) => c !== first));
    return [box(state, 'blockquote', state.common(element), [title, ...body])];
  } finally {
    state.hierarchyDepth--;
  }
};

// ---------------------------------------------------------------------------------------------
// Links

interface LinkTarget {
  url?: string;
  /** The AKN href when it is not itself the URL (IRI, unresolved fragment, unsupported scheme). */
  akn?: string;
}

/**
 * Where a `ref` points in the publication. AKN IRIs (`/akn/...`) go to the undocs.org URL recorded in
 * `otherReferences/alternativeReference` (AKN4UN §4.10), else to the resolver base; fragments go to the
 * rendered id; anything else (javascript:, data:, relative paths) is kept as data, never as a live link.
 */
export function linkTarget(href: string | undefined, element: AknElement, state: RenderState): LinkTarget {
  const value = href?.trim() ?? '';
  if (/^(?:https?|mailto):/i.test(value)) {
    const url = safeUrl(value);
    return url ? { url, akn: url === value ? undefined : value } : { akn: value };
  }
  if (value.startsWith('/akn/')) {
    const eId = element.attrs.eId;
    const alternative = eId ? state.metadata.alternativeReferences.get(`#${eId}`) : undefined;
    const url = safeUrl(alternative ?? '') ?? safeUrl(state.resolverBase + value);
    return url ? { url, akn: value } : { akn: value };
  }
  const fragment = /^(?:!main)?#(.+)$/.exec(value);
  if (fragment) {
    const id = state.ids.resolveEId(fragment[1]!);
    return id ? { url: `#${id}`, akn: value.startsWith('#') ? undefined : value } : { akn: value };
  }
  return value ? { akn: value } : {};
}

/**
 * An http(s) or mailto URL as a valid URI (RFC 3986), or undefined. Text extracted from PDFs gives
 * hrefs such as `https://undocs.org/en/A/RES/[70/1`: browsers cope, XML tools and epubcheck do not,
 * so characters a URI cannot hold are percent-encoded (existing %XX escapes are kept).
 */
export function safeUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) return undefined;
  const origin = url.protocol === 'mailto:' ? 'mailto:' : `${url.protocol}//${url.host}`;
  const rest = url.href.slice(origin.length);
  return origin + asUri(rest);
}

function link(element: AknElement, state: RenderState, href: string | undefined, fallbackText?: string): ElementContent[] {
  const target = linkTarget(href, element, state);
  const properties: Properties = state.common(element);
  if (target.akn) properties.dataAknHref = target.akn;
  let children = state.children(element);
  if (children.length === 0 && fallbackText) children = [{ type: 'text', value: fallbackText }];
  if (!target.url) return [h('span', properties, children)];
  return [h('a', { ...properties, href: target.url }, children)];
}

const ref: AknHandler = (element, state) => link(element, state, element.attrs.href);
/** rref: a range of references; the link goes to its start. */
const rangeRef: AknHandler = (element, state) => link(element, state, element.attrs.from);
/** documentRef/componentRef: inclusion by reference; shown as a link with its showAs. */
const inclusionRef: AknHandler = (element, state) => link(element, state, element.attrs.href ?? element.attrs.src, element.attrs.showAs);

// ---------------------------------------------------------------------------------------------
// Inline semantics

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** date, docDate: `<time datetime>` (AKN `@date` is xs:date or xs:dateTime). */
const time: AknHandler = (element, state) => {
  const date = element.attrs.date?.trim();
  if (!date || !ISO_DATE.test(date)) return semanticInline(element, state);
  return [h('time', { ...state.common(element), dateTime: date }, state.children(element))];
};

/**
 * authorialNote: the marker as printed (`@marker`, `*` included; AKN4UN Part 1 §4.13), a superscript
 * link to the note in the notes list; the note itself is collected by the state and listed at the end.
 */
const authorialNote: AknHandler = (element, state) => {
  const { referenceId, noteId, marker } = state.citeNote(element);
  const properties: Properties = { className: ['akn-noteref'], id: referenceId, href: `#${noteId}`, role: 'doc-noteref' };
  const reference = h('a', properties, marker);
  state.epubTypes.set(reference, 'noteref');
  return state.parent?.name === 'sup' ? [reference] : [h('sup', { className: ['akn-sup'] }, [reference])];
};

/** img: outside images are never fetched (the publication is self-contained); the alternative text stays. */
const image: AknHandler = (element, state) => {
  const alt = element.attrs.alt?.trim();
  return alt ? [h('span', state.common(element), `[${alt}]`)] : [];
};

const tableCell =
  (tag: 'td' | 'th'): AknHandler =>
  (element, state) => {
    const properties = state.common(element);
    for (const span of ['colspan', 'rowspan'] as const) {
      const n = Number(element.attrs[span]);
      if (Number.isInteger(n) && n > 1) properties[span === 'colspan' ? 'colSpan' : 'rowSpan'] = n;
    }
    return [h(tag, properties, state.children(element))];
  };

const nothing: AknHandler = () => [];

// ---------------------------------------------------------------------------------------------
// The table

const DOCUMENT_TYPES = [
  'act', 'amendment', 'amendmentList', 'bill', 'debate', 'debateReport', 'doc', 'documentCollection',
  'judgment', 'officialGazette', 'portion', 'statement',
];
const HEADED_HIERARCHIES = [
  'article', 'book', 'chapter', 'clause', 'division', 'level', 'part', 'proviso', 'rule', 'section',
  'subchapter', 'subclause', 'subdivision', 'subpart', 'subrule', 'subsection', 'subtitle', 'title', 'tome',
  'transitional',
];
const SEMANTIC_INLINES = [
  'affectedDocument', 'argument', 'concept', 'def', 'docAuthority', 'docCommittee', 'docIntroducer',
  'docJurisdiction', 'docNumber', 'docProponent', 'docPurpose', 'docStage', 'docStatus', 'docTitle',
  'docType', 'entity', 'event', 'fillIn', 'inline', 'legislature', 'location', 'object', 'omissis',
  'organization', 'person', 'placeholder', 'process', 'quantity', 'relatedDocument', 'role', 'session',
  'shortTitle', 'signature', 'term',
];

export const handlers: Readonly<Record<string, AknHandler>> = {
  // Never rendered: metadata is read by metadata.ts, not shown.
  meta: nothing,
  eop: nothing,

  // Document parts (AKN4UN Part 3 §1.3–§1.8)
  coverPage: block('div'),
  preface: block('div'),
  preamble,
  mainBody,
  body: mainBody,
  collectionBody: mainBody,
  conclusions: block('div'),
  attachments: block('div'),
  attachment,
  components: block('div'),
  component: block('div'),
  ...Object.fromEntries(DOCUMENT_TYPES.map((name) => [name, nestedDocument])),

  // Blocks
  container: block('div'),
  formula: block('div'),
  blockContainer: block('div'),
  block: namedBlock,
  p: paragraphOfText,
  crossHeading: block('p'),
  heading: standaloneHeading,
  subheading: block('p'),
  quotedStructure: block('blockquote'),
  embeddedStructure,

  // Hierarchy (operative part)
  ...Object.fromEntries(HEADED_HIERARCHIES.map((name) => [name, headedHierarchy])),
  paragraph: numberedBlock('div'),
  subparagraph: numberedBlock('div'),
  alinea: numberedBlock('div'),
  indent: numberedBlock('div'),
  list: block('div'),
  sublist: block('div'),
  intro: block('div'),
  wrapUp: block('div'),
  content: block('div'),
  point: numberedBlock('li'),
  num: (element, state) => [h('span', state.common(element), state.inlineChildren(element))],

  // Lists in recitals (AKN4UN Part 1 §4.5.3) and HTML-like lists
  blockList: block('div'),
  listIntroduction: block('p'),
  listWrapUp: block('p'),
  item: numberedBlock('li'),
  ul: same('ul'),
  ol: same('ol'),
  li: same('li'),

  // Tables
  table: same('table'),
  caption: same('caption'),
  tr: same('tr'),
  th: tableCell('th'),
  td: tableCell('td'),

  // Inline presentation
  i: same('i'),
  b: same('b'),
  u: same('u'),
  sup: same('sup'),
  sub: same('sub'),
  span: same('span'),
  ins: same('ins'),
  del: same('del'),
  abbr: same('abbr'),
  br: (element, state) => [h('br', state.common(element))],
  eol: (element, state) => [h('br', state.common(element))],
  img: image,
  quotedText: semanticInline,

  // References (AKN4UN §5.1)
  ref,
  a: ref,
  rref: rangeRef,
  mref: semanticInline,
  documentRef: inclusionRef,
  componentRef: inclusionRef,

  // Notes (AKN4UN Part 1 §4.13)
  authorialNote,

  // Dates and semantic inlines (AKN4UN §5.3)
  date: time,
  docDate: time,
  ...Object.fromEntries(SEMANTIC_INLINES.map((name) => [name, semanticInline])),
};

/** The short text a table of contents shows for an operative paragraph: its number and opening phrase. */
export function paragraphLabel(paragraph: AknElement): string {
  const num = childElements(paragraph, 'num')[0];
  const numText = num ? label(num) : '';
  const firstText = firstParagraphOfText(paragraph);
  let phrase = '';
  if (firstText) {
    const leading = firstText.children.find((c) => c.type === 'element' || c.value.trim() !== '');
    if (leading && leading.type === 'element' && leading.name === 'i') phrase = label(leading);
    else {
      const words = label(firstText).split(' ');
      phrase = words.slice(0, 8).join(' ') + (words.length > 8 ? ' …' : '');
    }
  }
  return [numText, phrase.replace(/[\s,;:.،؛]+$/u, '')].filter(Boolean).join(' ');
}

function firstParagraphOfText(element: AknElement): AknElement | undefined {
  for (const child of childElements(element)) {
    if (child.name === 'num' || child.name === 'authorialNote') continue;
    if (child.name === 'p' || child.name === 'listIntroduction') return child;
    const deeper = firstParagraphOfText(child);
    if (deeper) return deeper;
  }
  return undefined;
}

export { DOCUMENT_TYPES, HEADED_HIERARCHIES };
