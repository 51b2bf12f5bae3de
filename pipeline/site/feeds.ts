// Collection, step 5: what a repository harvests — a sitemap, an Atom feed of the documents (newest
// first, every format as a link), the collection's linked data as one N-Quads file, and a manifest of
// every file with its IRIs, size and sha256.
// Reads: SiteDocument/SiteWork records, the JSON-LD of each document, the files written.
// Writes: XML, N-Quads and JSON text (the caller writes the files).
import jsonld from 'jsonld';
import { escapeXml } from '../render/epub.js';
import type { SiteDocument } from './collect.js';
import { FORMATS, SITE_PATHS, bodyName, encodePath, languageCounts } from './pages.js';
import type { SiteWork } from './works.js';

/** An absolute URL of a site file (the base has no trailing slash). */
export function siteUrl(base: string, path: string): string {
  return `${base}/${encodePath(path)}`;
}

/** sitemaps.org protocol 0.9: every page a person reads (index, documents, parallel views, Work pages). */
export function sitemap(base: string, works: readonly SiteWork[]): string {
  const paths = [SITE_PATHS.index, SITE_PATHS.search, ...languageCounts(works).map(([lang]) => SITE_PATHS.language(lang))];
  for (const work of works) {
    paths.push(SITE_PATHS.resolver(work.iri));
    if (work.aligned.length >= 2) paths.push(SITE_PATHS.parallel(work));
    for (const doc of [...work.expressions, ...work.duplicates]) paths.push(SITE_PATHS.document(doc.stem, '.html'));
  }
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'];
  for (const path of paths) lines.push(`  <url><loc>${escapeXml(siteUrl(base, path))}</loc></url>`);
  lines.push('</urlset>', '');
  return lines.join('\n');
}

/** RFC 3339 timestamp of a day (the documents carry dates, not times). */
const dayTime = (date: string) => `${date}T00:00:00Z`;

/**
 * Atom (RFC 4287): one entry per document, newest first (by its date; a document without one by the
 * date its XML was made), each format an `alternate` link of its own media type.
 */
export function atomFeed(base: string, documents: readonly SiteDocument[], generatorVersion: string): string {
  const updatedOf = (doc: SiteDocument) => doc.date ?? doc.markupDate ?? '1970-01-01';
  const sorted = [...documents].sort((a, b) => updatedOf(b).localeCompare(updatedOf(a)) || (a.symbol ?? a.stem).localeCompare(b.symbol ?? b.stem) || a.lang.localeCompare(b.lang) || a.stem.localeCompare(b.stem));
  const newest = sorted.length ? updatedOf(sorted[0]!) : '1970-01-01';
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `  <id>${escapeXml(siteUrl(base, SITE_PATHS.atom))}</id>`,
    '  <title>United Nations resolutions</title>',
    `  <updated>${dayTime(newest)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(siteUrl(base, SITE_PATHS.atom))}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(siteUrl(base, SITE_PATHS.index))}"/>`,
    `  <generator version="${escapeXml(generatorVersion)}">akn-press</generator>`,
  ];
  for (const doc of sorted) {
    const title = doc.title ? `${doc.symbol ?? doc.stem}: ${doc.title}` : (doc.symbol ?? doc.stem);
    lines.push(
      `  <entry xml:lang="${escapeXml(doc.lang)}">`,
      // The page URL, not the Expression IRI: two extractions of one Expression are two entries.
      `    <id>${escapeXml(siteUrl(base, SITE_PATHS.document(doc.stem, '.html')))}</id>`,
      `    <title>${escapeXml(title)}</title>`,
      `    <updated>${dayTime(updatedOf(doc))}</updated>`,
      ...(doc.date ? [`    <published>${dayTime(doc.date)}</published>`] : []),
      `    <author><name>${escapeXml(`United Nations ${bodyName(doc.actor)}`)}</name></author>`,
      `    <category term="${escapeXml(doc.actor)}" label="${escapeXml(bodyName(doc.actor))}"/>`,
      ...FORMATS.map((f) => `    <link rel="alternate" type="${f.mediaType}" hreflang="${escapeXml(doc.lang)}" href="${escapeXml(siteUrl(base, SITE_PATHS.document(doc.stem, f.ext)))}"/>`),
      `    <link rel="related" href="${escapeXml(`${base}${doc.workIri}`)}" title="Work"/>`,
      `    <summary>${escapeXml(`${doc.symbol ?? doc.stem} (${doc.lang}); Expression ${doc.expressionIri}`)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

/** Refuses every remote document: the JSON-LD carries its context inline, nothing is fetched. */
const offline = async (url: string): Promise<never> => {
  throw new Error(`the collection's linked data refers to a remote context (${url}); only inline contexts are used`);
};

/** The linked data of the whole collection as N-Quads: every document's graph, merged, one line per quad, sorted. */
export async function collectionNquads(graphs: readonly object[]): Promise<string> {
  const lines = new Set<string>();
  for (const graph of graphs) {
    const nquads = (await jsonld.toRDF(graph as never, { format: 'application/n-quads', safe: true, documentLoader: offline } as never)) as unknown as string;
    for (const line of nquads.split('\n')) if (line.trim()) lines.add(line);
  }
  return [...lines].sort().join('\n') + '\n';
}

export interface ManifestFile {
  path: string;
  url: string;
  mediaType: string;
  bytes: number;
  sha256: string;
}
