// Stage 6a, publications: Akoma Ntoso XML → one self-contained HTML5 file (inline CSS, no script, no
// outside request). Works from the XML alone, so it renders any AKN statement, ours or another tool's.
// Reads: AKN XML text.   Writes: HTML text (renderHtml), or the hast parts the EPUB stage reuses (renderPublication).
import type { Element, ElementContent, Properties, Root } from 'hast';
import { h } from 'hastscript';
import { type AknElement, childElements, documentElement, parseAkn } from '../../akn-tree.js';
import { DOCUMENT_TYPES, handlers, renderUnknown } from './handlers.js';
import { type Labels, labelsFor, languageDirection, languageName, statusLabel } from './labels.js';
import { type PublicationMetadata, readMetadata } from './metadata.js';
import { factsList } from './facts.js';
import { readFacts } from '../facts.js';
import { type Footnote, IdRegistry, RenderState, noteKey, titleParagraph } from './state.js';
import { serializeHast } from './serialize.js';
import { stylesheet } from './style.js';
import { type TocEntry, buildToc, isLongDocument } from './toc.js';

export type { PublicationMetadata } from './metadata.js';
export type { TocEntry } from './toc.js';
export type { Labels } from './labels.js';
export { stylesheet } from './style.js';

// The default resolver base is one constant for every publication (see resolver.ts): a placeholder
// that resolves nowhere, so deployments set their own with `resolverBase`.
export { DEFAULT_RESOLVER_BASE } from '../../resolver.js';
import { DEFAULT_RESOLVER_BASE } from '../../resolver.js';

export interface RenderOptions {
  /** Input file name, used in error messages (`file:line: message`). */
  file?: string;
  /** Prefix for AKN IRIs that have no alternativeReference URL (default DEFAULT_RESOLVER_BASE). */
  resolverBase?: string;
  /** Table of contents: `auto` (more than ten operative paragraphs or an annex), `always`, `never`. */
  toc?: 'auto' | 'always' | 'never';
  /**
   * The language versions of the same Work, this one included (a collection knows them; one document
   * alone does not): a language switcher above the text, and `<link rel="alternate" hreflang>` in HTML.
   */
  languageVersions?: readonly LanguageVersion[];
  /** Links of the collection the page belongs to (the index, the parallel view), shown with the switcher. */
  collectionLinks?: ReadonlyArray<{ href: string; text: string; lang: string }>;
}

/** One language version of the Work, for the switcher. */
export interface LanguageVersion {
  /** BCP 47 tag (`fr`, `ar`). */
  lang: string;
  /** Where its publication is (relative in the HTML page, absolute in an EPUB). */
  href: string;
  /** Whether it is the document being rendered. */
  current: boolean;
}

export interface HtmlOptions extends RenderOptions {
  /** true (default): a whole HTML5 document with inline CSS; false: a `<div>` fragment without CSS (use stylesheet('html')). */
  standalone?: boolean;
}

/**
 * The publication as hast parts, shared by the HTML file and the EPUB content document: a build renders
 * it once for both (publish.ts). Its trees are never modified by their serialisers.
 */
export interface RenderedPublication {
  metadata: PublicationMetadata;
  labels: Labels;
  /** `<header>`: identity line (symbol, body, session, status), cover page masthead, preface with the title. */
  header: Element;
  /** `<main>`: preamble, operative part, conclusions, annexes, then the notes. */
  main: Element;
  /** Table of contents (title, preamble, operative part, annexes, notes). */
  toc: TocEntry[];
  /** Whether the HTML should show the table of contents (see RenderOptions.toc). */
  showToc: boolean;
  /** The footnotes, as listed at the end of `main`. */
  notes: readonly Footnote[];
  /** Text for `<title>` and dc:title: "symbol: title" / title. */
  title: string;
  /** ids of landmarks: the start of the text, the notes (when there are notes). */
  landmarks: { start: string; notes?: string };
  /** id for the heading of the HTML table of contents (allocated, so it never clashes with an eId). */
  tocHeadingId: string;
  /** The language switcher and collection links (RenderOptions.languageVersions), when given. */
  collectionNav?: Element;
  /** `epub:type` of elements of header and main (note references, notes): for the EPUB's XHTML only. */
  epubTypes: ReadonlyMap<Element, string>;
}

const FRONT = new Set(['coverPage', 'preface']);

/** Walks what will be rendered (everything but meta): finds repeated notes and the title paragraphs. */
function survey(document: AknElement) {
  const rendered: AknElement[] = [];
  const repeatedNotes = new Set<AknElement>();
  const seenNotes = new Set<string>();
  const titleParagraphs = new Map<AknElement, number>();
  let hasNotes = false;
  const topTitle = titleParagraph(document);
  if (topTitle) titleParagraphs.set(topTitle, 1);
  const walk = (element: AknElement, level: number) => {
    for (const child of childElements(element)) {
      if (child.name === 'meta') continue;
      rendered.push(child);
      if (child.name === 'authorialNote') {
        hasNotes = true;
        const key = noteKey(child);
        if (seenNotes.has(key)) {
          repeatedNotes.add(child);
          continue;
        }
        seenNotes.add(key);
      }
      if (DOCUMENT_TYPES.includes(child.name)) {
        const title = titleParagraph(child);
        if (title) titleParagraphs.set(title, Math.min(6, level + 1));
        walk(child, level + 1);
      } else walk(child, level);
    }
  };
  walk(document, 1);
  return { rendered, repeatedNotes, titleParagraphs, hasNotes };
}

/** Renders the AKN document into hast parts. Throws InputError (file:line) for XML that is not AKN. */
export function renderPublication(xml: string, options: RenderOptions = {}): RenderedPublication {
  const root = parseAkn(xml, options.file);
  const document = documentElement(root, options.file);
  const metadata = readMetadata(document);
  const labels = labelsFor(metadata.language.bcp47);
  const { rendered, repeatedNotes, titleParagraphs, hasNotes } = survey(document);
  const ids = new IdRegistry(rendered);

  const topTitle = titleParagraph(document);
  const titleId = topTitle ? ids.idOf(topTitle, 'title')! : ids.allocate('title');
  const toc = buildToc(document, ids, labels, titleId);
  const mainId = ids.allocate('text');
  const notesId = hasNotes ? ids.allocate('notes') : undefined;
  const notesHeadingId = hasNotes ? ids.allocate('notes-heading') : undefined;
  const tocHeadingId = ids.allocate('contents-heading');

  const state = new RenderState({
    metadata, labels, resolverBase: options.resolverBase ?? DEFAULT_RESOLVER_BASE,
    handlers, fallback: renderUnknown, ids, repeatedNotes, titleParagraphs,
  });

  const fallbackTitle = metadata.title ?? metadata.symbol ?? statusLabel(labels, metadata.documentName);
  const front = document.children.filter((c) => c.type === 'element' && FRONT.has(c.name));
  const rest = document.children.filter((c) => !(c.type === 'element' && (FRONT.has(c.name) || c.name === 'meta')));

  const hasCoverPage = front.some((c) => c.type === 'element' && c.name === 'coverPage');
  const headerClasses = ['akn-document-header', ...(hasCoverPage ? [] : ['akn-without-coverPage'])];
  const facts = factsList(readFacts(document), metadata.language.bcp47);
  const header = h('header', { className: headerClasses, dataAknStatus: metadata.status }, [
    identityLine(metadata, labels),
    // Sidecar facts the text lacks (vote, adoption): shown, not only kept in the XML.
    ...(facts ? [facts] : []),
    ...state.children(document, front),
    // No docTitle in the text: the heading comes from the metadata, so the page still has its h1.
    ...(topTitle ? [] : [h('h1', { id: titleId, className: ['akn-title', 'akn-synthesized'] }, fallbackTitle)]),
  ]);
  const body = state.children(document, rest);
  const notes = state.notes;
  const mainProperties: Properties = { id: mainId, className: [`akn-${metadata.documentType}`] };
  if (metadata.documentName) mainProperties.dataAknName = metadata.documentName;
  const main = h('main', mainProperties, [...body, ...(notes.length > 0 ? [notesSection(notes, state, notesId!, notesHeadingId!)] : [])]);

  if (!toc[0]!.label) toc[0]!.label = fallbackTitle;
  if (notes.length > 0) toc.push({ kind: 'notes', label: labels.notes, id: notesId!, children: [] });
  const showToc = options.toc === 'always' || (options.toc !== 'never' && isLongDocument(document));
  const title = metadata.symbol && metadata.title ? `${metadata.symbol}: ${metadata.title}` : fallbackTitle;
  const collectionNav = languageNav(options, labels, ids);
  return { metadata, labels, header, main, toc, showToc, notes, title, landmarks: { start: mainId, notes: notes.length > 0 ? notesId : undefined }, tocHeadingId, collectionNav, epubTypes: state.epubTypes };
}

/**
 * The language switcher: each version named in its own language and script (so a reader finds theirs
 * whatever the page's language), `lang` and `hreflang` on each; the current one marked, not linked.
 */
function languageNav(options: RenderOptions, labels: Labels, ids: IdRegistry): Element | undefined {
  const versions = options.languageVersions ?? [];
  const links = options.collectionLinks ?? [];
  if (versions.length < 2 && links.length === 0) return undefined;
  const headingId = ids.allocate('languages-heading');
  const items = versions.map((v) => {
    const name = languageName(v.lang);
    const dir = languageDirection(v.lang);
    return v.current
      ? h('li', [h('a', { ariaCurrent: 'page', lang: v.lang, dir, href: v.href }, name)])
      : h('li', [h('a', { href: v.href, hreflang: v.lang, lang: v.lang, dir, rel: ['alternate'] }, name)]);
  });
  return h('nav', { className: ['akn-collection-nav'], ariaLabelledby: headingId }, [
    h('h2', { id: headingId, className: ['akn-collection-heading'], lang: labels.lang }, versions.length >= 2 ? labels.languageVersions : labels.collection),
    ...(versions.length >= 2 ? [h('ul', { className: ['akn-languages'] }, items)] : []),
    ...(links.length ? [h('ul', { className: ['akn-collection-links'] }, links.map((l) => h('li', [h('a', { href: l.href, lang: l.lang }, l.text)])))] : []),
  ]);
}

/** The identity line at the top: symbol, body, session and status (draft or adopted) from the metadata. */
function identityLine(metadata: PublicationMetadata, labels: Labels): Element {
  const item = (className: string, text: string | undefined, extra: Properties = {}) =>
    text ? [h('li', { className: [className], ...extra }, text)] : [];
  const status = statusLabel(labels, metadata.documentName);
  return h('ul', { className: ['akn-identity'] }, [
    ...item('akn-identity-symbol', metadata.symbol),
    ...item('akn-identity-body', metadata.body),
    ...item('akn-identity-session', metadata.session),
    ...item('akn-identity-status', status, {
      dataAknStatus: metadata.status,
      ...(labels.lang !== metadata.language.bcp47 ? { lang: labels.lang } : {}),
    }),
  ]);
}

const BACK = '\u21a9'; // ↩ (default text presentation: Emoji_Presentation=No)

/** The notes list: one entry per distinct note, marker as printed, a back-link to each citing place. */
function notesSection(notes: readonly Footnote[], state: RenderState, id: string, headingId: string): Element {
  const heading = h('h2', { id: headingId, className: ['akn-notes-heading'], ...langOf(state) }, state.labels.notes);
  const entries = notes.map((note) => {
    // One back-link per citing place. Several are told apart by letters after one arrow, as in
    // "↩ a b"; each letter is in its link's accessible name (WCAG 2.5.3 label in name).
    const several = note.citations.length > 1;
    const backLinks: ElementContent[] = note.citations.map((citation, i) => {
      const letter = String.fromCharCode(97 + (i % 26));
      return h(
        'a',
        {
          href: `#${citation}`,
          role: 'doc-backlink',
          className: ['akn-backlink'],
          ariaLabel: several ? `${state.labels.backToText} (${letter})` : state.labels.backToText,
        },
        several ? letter : BACK,
      );
    });
    if (several) backLinks.unshift(h('span', { ariaHidden: 'true' }, BACK));
    const properties: Properties = { id: note.id, className: ['akn-authorialNote', 'akn-footnote'], role: 'doc-footnote' };
    const aside = h('aside', properties, [
      h('span', { className: ['akn-note-marker'] }, note.marker),
      h('div', { className: ['akn-note-body'] }, [...note.body, h('span', { className: ['akn-backlinks'] }, backLinks)]),
    ]);
    state.epubTypes.set(aside, 'footnote');
    return aside;
  });
  const properties: Properties = { id, className: ['akn-notes'], ariaLabelledby: headingId };
  const section = h('section', properties, [heading, ...entries]);
  state.epubTypes.set(section, 'footnotes');
  return section;
}

/** `lang` for generated words when the labels are not in the document's language (English fallback). */
function langOf(state: RenderState): Properties {
  return state.labels.lang !== state.metadata.language.bcp47 ? { lang: state.labels.lang } : {};
}

/**
 * The HTML table of contents. Runs of operative paragraphs are folded in a `<details>` ("Paragraphs
 * 1–12", no script needed); headings between them stay in document order.
 */
export function tocNav(publication: RenderedPublication): Element {
  const { labels, metadata } = publication;
  const lang = labels.lang !== metadata.language.bcp47 ? { lang: labels.lang } : {};
  const bare = (num: string | undefined) => num?.replace(/[\s.)\]-]+$/u, '').replace(/^[(\[]/, '');
  const folded = (run: TocEntry[]): Element => {
    const first = bare(run[0]!.num);
    const last = bare(run[run.length - 1]!.num);
    const span = first && last ? (first === last ? first : `${first}–${last}`) : `(${run.length})`;
    return h('li', { className: ['akn-toc-paragraphs'] }, [
      h('details', [h('summary', lang, `${labels.paragraphs} ${span}`), list(run)]),
    ]);
  };
  const item = (entry: TocEntry, foldParagraphs: boolean): Element => {
    const children: ElementContent[] = [h('a', { href: `#${entry.id}` }, entry.label)];
    if (entry.children.length > 0) children.push(foldParagraphs ? foldedList(entry.children) : list(entry.children));
    return h('li', { className: [`akn-toc-${entry.kind}`] }, children);
  };
  // A list where paragraph runs are folded (parts, headings) ...
  const foldedList = (entries: readonly TocEntry[]): Element => {
    const items: Element[] = [];
    let run: TocEntry[] = [];
    const flush = () => {
      if (run.length > 0) items.push(folded(run));
      run = [];
    };
    for (const entry of entries) {
      if (entry.kind === 'paragraph') run.push(entry);
      else {
        flush();
        items.push(item(entry, true));
      }
    }
    flush();
    return h('ol', items);
  };
  // ... and the plain list inside a fold (a paragraph's own headings, e.g. embedded articles).
  const list = (entries: readonly TocEntry[]): Element => h('ol', entries.map((entry) => item(entry, false)));
  const headingId = publication.tocHeadingId;
  return h('nav', { className: ['akn-toc'], ariaLabelledby: headingId }, [
    h('h2', { id: headingId, ...lang }, labels.contents),
    foldedList(publication.toc),
  ]);
}

/**
 * Content-Security-Policy of the standalone file: nothing may be fetched or run, whatever the AKN
 * contains (defence in depth; the renderer itself never emits a URL that the page would load).
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Renders AKN XML as one self-contained HTML5 document (or a fragment with `standalone: false`). */
export function renderHtml(xml: string, options: HtmlOptions = {}): string {
  return htmlOfPublication(renderPublication(xml, options), options);
}

/** The HTML of a rendered publication (the same options as it was rendered with). */
export function htmlOfPublication(publication: RenderedPublication, options: HtmlOptions = {}): string {
  const { metadata } = publication;
  const content = [...(publication.collectionNav ? [publication.collectionNav] : []), publication.header, ...(publication.showToc ? [tocNav(publication)] : []), publication.main];
  const alternates = (options.languageVersions ?? []).filter((v) => !v.current).map((v) => h('link', { rel: 'alternate', hreflang: v.lang, href: v.href }));
  if (options.standalone === false) {
    return serializeHast(h('div', { className: ['akn-publication'], lang: metadata.language.bcp47, dir: metadata.language.dir }, content));
  }
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: metadata.language.bcp47, dir: metadata.language.dir }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { httpEquiv: 'Content-Security-Policy', content: CSP }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('meta', { name: 'generator', content: 'akn-press' }),
          ...(metadata.expressionIri ? [h('meta', { name: 'dcterms.identifier', content: metadata.expressionIri })] : []),
          h('title', publication.title),
          ...alternates,
          h('style', stylesheet('html')),
        ]),
        h('body', { className: ['akn-publication'] }, content),
      ]),
    ],
  };
  return serializeHast(tree);
}
