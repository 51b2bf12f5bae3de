// The state one AKN → hast rendering carries: the HTML ids (eIds kept, the rest allocated without
// collisions), the footnotes collected on the way, the ancestors and whether we are inside running text.
// Reads: the AKN tree and its metadata.   Writes: nothing; handlers (handlers.ts) ask it for ids and notes.
import type { Element, ElementContent, Properties } from 'hast';
import { h } from 'hastscript';
import { type AknElement, type AknNode, childElements } from '../../akn-tree.js';
import type { Labels } from './labels.js';
import { type PublicationMetadata, documentLanguage, readingText } from './metadata.js';

/** One handler per AKN element: it returns the hast for the element (zero, one or more nodes). */
export type AknHandler = (element: AknElement, state: RenderState) => ElementContent[];

/** A footnote as listed at the end: one entry per distinct note, with every place that cites it. */
export interface Footnote {
  id: string;
  marker: string;
  body: ElementContent[];
  /** ids of the note references in the text, in document order. */
  citations: string[];
}

/** Elements whose children are running text even when they hold only elements (white space matters). */
export const RUNNING_TEXT = new Set([
  'p', 'listIntroduction', 'listWrapUp', 'heading', 'subheading', 'num', 'crossHeading', 'docTitle',
]);
/** Sibling runs of these become one HTML list, so that `li` always has an `ol` parent. */
const LIST_MEMBERS: Readonly<Record<string, string>> = { point: 'akn-points', item: 'akn-items' };

/**
 * An eId as an HTML id. Naming-convention eIds (`para_2__list_1__point_b`) pass unchanged; characters
 * that would need escaping in a URL fragment or break XHTML (white space, quotes, `<>&#%`...) become `_`,
 * so that `href="#id"` always matches in HTML, XHTML and EPUB navigation alike.
 */
export function htmlId(eId: string): string {
  return eId.trim().replace(/[\s<>"'&`#%\\^{}|[\]]/g, '_');
}

/** HTML ids: eIds as they are (so `#para_5` deep-links every language version), the rest allocated. */
export class IdRegistry {
  private readonly ids = new Map<AknElement, string>();
  private readonly firstByEId = new Map<string, string>();
  private readonly used = new Set<string>();
  /** Per base, the last suffix tried by allocate: ids are never released, so the search resumes there. */
  private readonly nextSuffix = new Map<string, number>();

  /** @param rendered the elements that will appear in the output, in document order. */
  constructor(rendered: readonly AknElement[]) {
    const duplicates: AknElement[] = [];
    for (const element of rendered) {
      const eId = element.attrs.eId ? htmlId(element.attrs.eId) : '';
      if (!eId) continue;
      if (this.used.has(eId)) {
        duplicates.push(element);
        continue;
      }
      this.used.add(eId);
      this.ids.set(element, eId);
      this.firstByEId.set(eId, eId);
    }
    // Invalid input can repeat an eId; HTML ids must stay unique, so later copies get a suffix.
    for (const element of duplicates) this.ids.set(element, this.allocate(htmlId(element.attrs.eId!)));
  }

  /** A fresh id starting with `base`, never equal to an eId or to an id given before. */
  allocate(base: string): string {
    // `used` only grows, so every suffix below the last one handed out for this base is still taken:
    // starting there gives the same id as a search from the bare base, without rescanning.
    let n = this.nextSuffix.get(base) ?? 1;
    let id = n === 1 ? base : `${base}-${n}`;
    while (this.used.has(id)) id = `${base}-${++n}`;
    this.nextSuffix.set(base, n);
    this.used.add(id);
    return id;
  }

  /** The id of an element: its eId, or one allocated once (and remembered) when `base` is given. */
  idOf(element: AknElement, base?: string): string | undefined {
    const known = this.ids.get(element);
    if (known !== undefined || base === undefined) return known;
    const id = this.allocate(base);
    this.ids.set(element, id);
    return id;
  }

  /** The HTML id that `#eId` points to, if that eId is rendered. */
  resolveEId(eId: string): string | undefined {
    return this.firstByEId.get(htmlId(eId));
  }
}

/**
 * Footnotes: AKN repeats a note where it is cited (two `authorialNote` with the same marker and text);
 * print shows it once, so the notes list keeps one entry with a back-link to each citing place.
 */
export function noteKey(note: AknElement): string {
  // readingText(note) itself is '' (it leaves notes out of the text they sit in): read the note's children.
  const text = note.children.map(readingText).join('');
  return `${note.attrs.marker ?? ''}\u0000${text.replace(/\s+/g, ' ').trim()}`;
}

export interface RenderStateInit {
  metadata: PublicationMetadata;
  labels: Labels;
  resolverBase: string;
  handlers: Readonly<Record<string, AknHandler>>;
  fallback: AknHandler;
  ids: IdRegistry;
  /** Notes whose body is a repetition of an earlier note: rendered as a reference only. */
  repeatedNotes: ReadonlySet<AknElement>;
  /** `p` elements that carry a document title, with the heading level they get (h1 main, h2 annexes). */
  titleParagraphs: ReadonlyMap<AknElement, number>;
}

export class RenderState {
  readonly metadata: PublicationMetadata;
  readonly labels: Labels;
  /**
   * The EPUB structural semantics (`epub:type`) of elements of the tree: one tree serves the HTML file
   * and the EPUB content document, and only the EPUB's XHTML carries them (added when it is serialised).
   */
  readonly epubTypes = new Map<Element, string>();
  readonly resolverBase: string;
  readonly ids: IdRegistry;
  readonly titleParagraphs: ReadonlyMap<AknElement, number>;
  /** Elements being rendered, outermost first; the last one is the element whose handler runs. */
  readonly ancestors: AknElement[] = [];
  /** True inside running text (a `p`, a heading...): block elements must then become spans. */
  inline = false;
  /** Heading level of the current document's title: 1 for the statement, 2 for an annex. */
  documentLevel = 1;
  /** Number of headed hierarchy levels (section, part...) we are inside. */
  hierarchyDepth = 0;
  private readonly handlers: Readonly<Record<string, AknHandler>>;
  private readonly fallback: AknHandler;
  private readonly repeatedNotes: ReadonlySet<AknElement>;
  private readonly footnotes: Footnote[] = [];
  private readonly footnotesByKey = new Map<string, Footnote>();
  private unmarkedNotes = 0;

  constructor(init: RenderStateInit) {
    this.metadata = init.metadata;
    this.labels = init.labels;
    this.resolverBase = init.resolverBase.replace(/\/+$/, '');
    this.handlers = init.handlers;
    this.fallback = init.fallback;
    this.ids = init.ids;
    this.repeatedNotes = init.repeatedNotes;
    this.titleParagraphs = init.titleParagraphs;
  }

  /** Dispatches one element to its handler (or the default handler). */
  render(element: AknElement): ElementContent[] {
    const handler = Object.hasOwn(this.handlers, element.name) ? this.handlers[element.name]! : this.fallback;
    this.ancestors.push(element);
    try {
      return handler(element, this);
    } finally {
      this.ancestors.pop();
    }
  }

  /** The parent of the element whose handler is running. */
  get parent(): AknElement | undefined {
    return this.ancestors[this.ancestors.length - 2];
  }

  /**
   * Renders the children of an element. Text is kept as it is (hast-util-to-html escapes it); white
   * space between block elements is dropped; an element with text of its own is running text.
   */
  children(element: AknElement, nodes: readonly AknNode[] = element.children): ElementContent[] {
    const mixed = RUNNING_TEXT.has(element.name) || nodes.some((n) => n.type === 'text' && n.value.trim() !== '');
    const wasInline = this.inline;
    if (mixed) this.inline = true;
    try {
      const out: ElementContent[] = [];
      let run: { className: string; items: ElementContent[] } | undefined;
      for (const node of nodes) {
        if (node.type === 'text') {
          if (!this.inline && node.value.trim() === '') continue;
          run = undefined;
          out.push({ type: 'text', value: node.value });
          continue;
        }
        const listClass = this.inline ? undefined : LIST_MEMBERS[node.name];
        if (listClass) {
          if (!run || run.className !== listClass) {
            run = { className: listClass, items: [] };
            out.push({ type: 'element', tagName: 'ol', properties: { className: [listClass] }, children: run.items });
          }
          run.items.push(...this.render(node));
          continue;
        }
        run = undefined;
        out.push(...this.render(node));
      }
      return out;
    } finally {
      this.inline = wasInline;
    }
  }

  /** Renders with `inline` forced (for content placed inside a heading or a `p`). */
  inlineChildren(element: AknElement, nodes: readonly AknNode[] = element.children): ElementContent[] {
    const wasInline = this.inline;
    this.inline = true;
    try {
      return this.children(element, nodes);
    } finally {
      this.inline = wasInline;
    }
  }

  /**
   * Properties every rendered AKN element gets: `id` = eId, class `akn-<element>`, the AKN `@name`
   * and `@refersTo` as data attributes, and `lang`/`dir` when `xml:lang` differs from the document.
   */
  common(element: AknElement, extraClasses: readonly string[] = [], idBase?: string): Properties {
    const properties: Properties = { className: [`akn-${element.name}`, ...extraClasses] };
    const id = this.ids.idOf(element, idBase);
    if (id) properties.id = id;
    if (element.attrs.name) properties.dataAknName = element.attrs.name;
    if (element.attrs.refersTo) properties.dataAknRefersto = element.attrs.refersTo;
    const xmlLang = element.attrs['xml:lang'];
    if (xmlLang) {
      const lang = languageTag(xmlLang);
      if (lang.tag !== this.metadata.language.bcp47) {
        properties.lang = lang.tag;
        if (lang.dir !== this.metadata.language.dir) properties.dir = lang.dir;
      }
    }
    return properties;
  }

  /** Records a citation of a footnote; returns the ids of the reference and of the listed note. */
  citeNote(note: AknElement): { referenceId: string; noteId: string; marker: string } {
    const marker = note.attrs.marker?.trim() || String(++this.unmarkedNotes);
    const referenceId = this.ids.idOf(note, 'noteref')!;
    const key = noteKey(note);
    let footnote = this.repeatedNotes.has(note) ? this.footnotesByKey.get(key) : undefined;
    if (!footnote) {
      footnote = { id: this.ids.allocate(`note-${this.footnotes.length + 1}`), marker, body: [], citations: [] };
      this.footnotes.push(footnote);
      if (!this.footnotesByKey.has(key)) this.footnotesByKey.set(key, footnote);
      footnote.body = this.renderNoteBody(note);
    }
    footnote.citations.push(referenceId);
    return { referenceId, noteId: footnote.id, marker: footnote.marker };
  }

  /** The notes in order of first citation. */
  get notes(): readonly Footnote[] {
    return this.footnotes;
  }

  private renderNoteBody(note: AknElement): ElementContent[] {
    // A note body is block content wherever the marker sits (inside a `p`, a heading...).
    const saved = { inline: this.inline, depth: this.hierarchyDepth };
    this.inline = false;
    try {
      return this.children(note);
    } finally {
      this.inline = saved.inline;
      this.hierarchyDepth = saved.depth;
    }
  }
}

/**
 * A block-level HTML element, or, inside running text (AKN allows an embeddedStructure or a
 * quotedStructure inside a `p`), a span displayed as a block, so the HTML stays valid: a heading
 * becomes `span role=heading aria-level=n`, a list item or section a span.
 */
export function box(state: RenderState, tag: string, properties: Properties, children: ElementContent[]): Element {
  if (!state.inline) return h(tag, properties, children);
  const classes = Array.isArray(properties.className) ? properties.className.map(String) : [];
  const spanProperties: Properties = { ...properties, className: [...classes, 'akn-block'] };
  const heading = /^h([1-6])$/.exec(tag);
  if (heading) Object.assign(spanProperties, { role: 'heading', ariaLevel: heading[1] });
  return h('span', spanProperties, children);
}

/** `xml:lang` (BCP 47 or ISO 639-2) → HTML lang tag and direction. */
export function languageTag(code: string): { tag: string; dir: 'ltr' | 'rtl' } {
  const { bcp47, dir } = documentLanguage(code);
  return { tag: bcp47, dir };
}

/** The `p` element holding a `docTitle` in the cover page or preface of a document element. */
export function titleParagraph(documentElement: AknElement): AknElement | undefined {
  for (const part of childElements(documentElement)) {
    if (part.name !== 'coverPage' && part.name !== 'preface') continue;
    const found = findParagraphWith(part, 'docTitle');
    if (found) return found;
  }
  return undefined;
}

function findParagraphWith(element: AknElement, inlineName: string): AknElement | undefined {
  for (const child of childElements(element)) {
    if (child.name === 'p' && containsOutsideNotes(child, inlineName)) return child;
    if (child.name !== 'p') {
      const deeper = findParagraphWith(child, inlineName);
      if (deeper) return deeper;
    }
  }
  return undefined;
}

function containsOutsideNotes(element: AknElement, name: string): boolean {
  return childElements(element).some(
    (c) => c.name === name || (c.name !== 'authorialNote' && containsOutsideNotes(c, name)),
  );
}

