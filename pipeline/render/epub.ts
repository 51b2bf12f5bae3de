// Stage 6b, publications: Akoma Ntoso XML → EPUB 3 (one XHTML content document from the HTML
// renderer, nav.xhtml, package.opf with accessibility metadata, style.css), zipped reproducibly.
// Reads: AKN XML text.   Writes: the EPUB bytes (same input, same bytes: fixed dates, order and zip times).
import { createHash } from 'node:crypto';
import type { Element, ElementContent, Properties, Root } from 'hast';
import { h } from 'hastscript';
import { type RenderOptions, type RenderedPublication, type TocEntry, renderPublication, stylesheet } from './html/index.js';
import { escapeXml, serializeHast } from './html/serialize.js';

export { escapeXml };
import { zipArchive } from './zip.js';

export interface EpubOptions extends RenderOptions {}

/** Paths inside the EPUB container (the OPF directory is `EPUB/`). */
export const EPUB_FILES = {
  mimetype: 'mimetype',
  container: 'META-INF/container.xml',
  package: 'EPUB/package.opf',
  nav: 'EPUB/nav.xhtml',
  content: 'EPUB/content.xhtml',
  stylesheet: 'EPUB/style.css',
} as const;

const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const OPS_NS = 'http://www.idpf.org/2007/ops';

/**
 * Serialises a hast tree as a well-formed XHTML document (XML declaration, closed empty elements);
 * `epubTypes` gives the `epub:type` of elements that carry one only in the EPUB.
 */
export function toXhtml(tree: Root, epubTypes: ReadonlyMap<Element, string> = new Map()): string {
  const body = serializeHast(tree, { allowDangerousHtml: true, closeSelfClosing: true, upperDoctype: true, xml: { epubTypes } });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`;
}

function xhtmlDocument(publication: RenderedPublication, title: string, body: ElementContent[], bodyProperties: Properties = {}): Root {
  const { language } = publication.metadata;
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { xmlns: XHTML_NS, 'xmlns:epub': OPS_NS, lang: language.bcp47, xmlLang: language.bcp47, dir: language.dir }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('title', title),
          h('link', { rel: 'stylesheet', type: 'text/css', href: 'style.css' }),
        ]),
        h('body', bodyProperties, body),
      ]),
    ],
  };
}

/** The content document: the same header and main as the HTML file, with EPUB structural semantics. */
function contentDocument(publication: RenderedPublication): string {
  const header = { ...publication.header, properties: { ...publication.header.properties, 'epub:type': 'frontmatter' } };
  const main = { ...publication.main, properties: { ...publication.main.properties, 'epub:type': 'bodymatter' } };
  const nav = publication.collectionNav ? [publication.collectionNav] : [];
  return toXhtml(xhtmlDocument(publication, publication.title, [...nav, header, main], { className: ['akn-publication'] }), publication.epubTypes);
}

const CONTENT_HREF = 'content.xhtml';

/** nav.xhtml: the table of contents (every entry, operative paragraphs included) and the landmarks. */
function navDocument(publication: RenderedPublication): string {
  const { labels } = publication;
  const lang = labels.lang !== publication.metadata.language.bcp47 ? { lang: labels.lang, xmlLang: labels.lang } : {};
  const list = (entries: readonly TocEntry[]): Element =>
    h(
      'ol',
      entries.map((entry) =>
        h('li', [h('a', { href: `${CONTENT_HREF}#${entry.id}` }, entry.label), ...(entry.children.length > 0 ? [list(entry.children)] : [])]),
      ),
    );
  const landmarks = [
    h('li', [h('a', { 'epub:type': 'bodymatter', href: `${CONTENT_HREF}#${publication.landmarks.start}` }, labels.startOfText)]),
    ...(publication.landmarks.notes
      ? [h('li', [h('a', { 'epub:type': 'footnotes', href: `${CONTENT_HREF}#${publication.landmarks.notes}` }, labels.notes)])]
      : []),
  ];
  return toXhtml(
    xhtmlDocument(publication, labels.contents, [
      h('nav', { 'epub:type': 'toc', id: 'toc', role: 'doc-toc', ariaLabelledby: 'toc-heading' }, [
        h('h1', { id: 'toc-heading', ...lang }, labels.contents),
        list(publication.toc),
      ]),
      h('nav', { 'epub:type': 'landmarks', id: 'landmarks', ariaLabelledby: 'landmarks-heading' }, [
        h('h2', { id: 'landmarks-heading', ...lang }, labels.landmarks),
        h('ol', landmarks),
      ]),
    ]),
  );
}

/** A date for dcterms:modified and the zip entries, derived from the AKN so that builds are reproducible. */
function modifiedDate(publication: RenderedPublication): string {
  const { manifestationDate, expressionDate, workDate } = publication.metadata;
  const date = [manifestationDate, expressionDate, workDate].find((d) => d && /^\d{4}-\d{2}-\d{2}/.test(d));
  const day = date ? date.slice(0, 10) : '2000-01-01';
  // Zip (DOS) times run from 1980 to 2107: a date outside is clamped, to 2099 as it always was (a sidecar
  // may give a date far ahead; the EPUB must still be written, and its dcterms:modified stays as before).
  return day < '1980-01-01' ? '1980-01-01' : day > '2099-12-31' ? '2099-12-31' : day;
}

function packageDocument(publication: RenderedPublication, xml: string, modified: string, relations: readonly string[] = []): string {
  const { metadata, labels } = publication;
  // The expression IRI identifies this language version; without one, a digest of the AKN does.
  const identifier =
    metadata.expressionIri ?? metadata.workIri ?? `urn:sha256:${createHash('sha256').update(xml).digest('hex')}`;
  const dcDate = [metadata.expressionDate, metadata.workDate].find((d) => d && /^\d{4}-\d{2}-\d{2}/.test(d));
  const creator = metadata.body;
  const summary =
    'Structured text of a United Nations document converted from Akoma Ntoso XML: headings, numbered paragraphs ' +
    'in reading order, a table of contents and linked footnotes. No images, audio or time-based media.';
  const meta = (property: string, value: string) => `    <meta property="${property}">${escapeXml(value)}</meta>`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="${escapeXml(metadata.language.bcp47)}" dir="${metadata.language.dir}">`,
    '  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">',
    `    <dc:identifier id="pub-id">${escapeXml(identifier)}</dc:identifier>`,
    `    <dc:title id="title">${escapeXml(metadata.title ?? publication.title)}</dc:title>`,
    `    <dc:language>${escapeXml(metadata.language.bcp47)}</dc:language>`,
    ...(creator ? [`    <dc:creator id="creator">${escapeXml(creator)}</dc:creator>`] : []),
    ...(dcDate ? [`    <dc:date>${dcDate.slice(0, 10)}</dc:date>`] : []),
    ...(metadata.symbol ? [`    <dc:source>${escapeXml(metadata.symbol)}</dc:source>`] : []),
    // The other language versions of the same Work (a collection's build): one dc:relation each.
    ...relations.map((href) => `    <dc:relation>${escapeXml(href)}</dc:relation>`),
    `    <dc:type>${escapeXml(labels.status[metadata.documentName] ?? metadata.documentName)}</dc:type>`,
    meta('dcterms:modified', `${modified}T00:00:00Z`),
    meta('schema:accessMode', 'textual'),
    meta('schema:accessModeSufficient', 'textual'),
    meta('schema:accessibilityFeature', 'structuralNavigation'),
    meta('schema:accessibilityFeature', 'tableOfContents'),
    meta('schema:accessibilityFeature', 'readingOrder'),
    meta('schema:accessibilityFeature', 'displayTransformability'),
    meta('schema:accessibilityHazard', 'none'),
    meta('schema:accessibilitySummary', summary),
    '  </metadata>',
    '  <manifest>',
    '    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
    '    <item id="content" href="content.xhtml" media-type="application/xhtml+xml"/>',
    '    <item id="css" href="style.css" media-type="text/css"/>',
    '  </manifest>',
    `  <spine${metadata.language.dir === 'rtl' ? ' page-progression-direction="rtl"' : ''}>`,
    '    <itemref idref="content"/>',
    '  </spine>',
    '</package>',
  ];
  return lines.join('\n') + '\n';
}

const CONTAINER = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="${EPUB_FILES.package}" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`;

let constantEntries: { mimetype: Uint8Array; container: Uint8Array; stylesheet: Uint8Array } | undefined;

/** Renders AKN XML as an EPUB 3 publication. Throws InputError (file:line) for XML that is not AKN. */
export function renderEpub(xml: string, options: EpubOptions = {}): Uint8Array {
  return epubOfPublication(renderPublication(xml, options), xml, options);
}

/** The EPUB of a publication rendered from `xml` (the same options as it was rendered with). */
export function epubOfPublication(publication: RenderedPublication, xml: string, options: EpubOptions = {}): Uint8Array {
  const modified = modifiedDate(publication);
  const utf8 = (text: string) => Buffer.from(text, 'utf8');
  // The same bytes for every EPUB: made once, so the zip deflates them once (zip.ts).
  constantEntries ??= { mimetype: utf8('application/epub+zip'), container: utf8(CONTAINER), stylesheet: utf8(stylesheet('epub')) };
  // mimetype must be the first entry and stored (EPUB OCF §4.2); every entry is dated `modified`, 12:00.
  return zipArchive(
    [
      { name: EPUB_FILES.mimetype, data: constantEntries.mimetype, store: true },
      { name: EPUB_FILES.container, data: constantEntries.container },
      { name: EPUB_FILES.package, data: utf8(packageDocument(publication, xml, modified, (options.languageVersions ?? []).filter((v) => !v.current).map((v) => v.href))) },
      { name: EPUB_FILES.nav, data: utf8(navDocument(publication)) },
      { name: EPUB_FILES.content, data: utf8(contentDocument(publication)) },
      { name: EPUB_FILES.stylesheet, data: constantEntries.stylesheet },
    ],
    modified,
  );
}
