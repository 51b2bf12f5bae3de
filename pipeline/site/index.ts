// `akn-press site`: every text of some folders built (incrementally, by the batch builder) and
// published as one static site — documents with their language versions linked, parallel views, an
// index, a search that works from the files alone, and the feeds a repository harvests.
// Reads: input texts and sidecars (the folders given), the build cache of `<out>/documents/`.
// Writes: `<out>/` — index.html, search.html, documents/, parallel/, akn/ (the resolver tree), assets/,
// sitemap.xml, feed.atom, collection.nq, manifest.json, robots.txt. Files whose bytes did not change are
// not rewritten; files of documents no longer in the collection are removed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { writeOutputsAtomic, type OutputFile } from '../atomic-write.js';
import { cachedOutputs, expandInputs, runBatch, type BatchSummary, type ProgressStream } from '../batch.js';
import { renderEpub } from '../render/epub.js';
import { renderHtml, type LanguageVersion } from '../render/html/index.js';
import { renderJsonld } from '../render/jsonld.js';
import { InputError } from '../report.js';
import { readSiteDocument, type SiteDocument } from './collect.js';
import { atomFeed, collectionNquads, siteUrl, sitemap, type ManifestFile } from './feeds.js';
import { FORMATS, SITE_CSS, SITE_PATHS, encodePath, expressionRedirect, indexPage, languageCounts, languagePage, parallelPage, relativeHref, searchPage, workPage } from './pages.js';
import { miniSearchScript, searchIndexScript, searchPageScript } from './search.js';
import { groupWorks, type SiteWarning, type SiteWork } from './works.js';
import { DEFAULT_RESOLVER_BASE } from '../resolver.js';
import { userCacheFolder } from '../schema-files.js';

/**
 * Without --resolver-base the site's absolute links (feeds, IRIs) use the one placeholder of resolver.ts
 * (under the reserved .invalid domain, RFC 6761), without its final slash: it resolves nowhere, so no
 * one mistakes it for a real resolver.
 */
export const DEFAULT_SITE_BASE = DEFAULT_RESOLVER_BASE.replace(/\/+$/, '');

export interface SiteOptions {
  /** Folders (or texts) to publish; sidecars are also looked for in each folder given. */
  inputs: string[];
  outDir: string;
  /** The address the site is served from; AKN IRIs resolve under it (`{base}/akn/…`). */
  resolverBase?: string;
  force?: boolean;
  jobs?: number;
  /** Where batch progress goes (false: nowhere). */
  progress?: ProgressStream | false;
  /** The tool version, for the feeds' generator. */
  version: string;
}

export interface SiteSummary {
  documents: number;
  works: number;
  expressions: number;
  parallelViews: number;
  failures: number;
  built: number;
  skipped: number;
  warnings: SiteWarning[];
  /** Size of the search index script in bytes. */
  searchIndexBytes: number;
  filesWritten: number;
  elapsedMs: number;
  base: string;
  batch: BatchSummary;
}

/** Whether a base URL is usable: absolute http(s), no query or fragment. */
export function isSiteBase(base: string): boolean {
  try {
    const url = new URL(base);
    return /^https?:$/.test(url.protocol) && !url.search && !url.hash;
  } catch {
    return false;
  }
}

/** Checks a base URL: absolute http(s), no query or fragment; returned without a trailing slash. */
export function checkBase(base: string): string {
  if (!isSiteBase(base)) throw new InputError('--resolver-base', `"${base}" is not an absolute http(s) URL without query or fragment`, undefined, 'usage');
  return new URL(base).href.replace(/\/+$/, '');
}

export async function buildSite(options: SiteOptions): Promise<SiteSummary> {
  const started = performance.now();
  const base = checkBase(options.resolverBase ?? DEFAULT_SITE_BASE);
  const out = resolve(options.outDir);
  const documentsDir = join(out, 'documents');
  const inputs = expandInputs(options.inputs);
  const folders = options.inputs.filter((p) => existsSync(p) && statSync(p).isDirectory());

  // 1. The XML of every text, through the batch builder and its cache (unchanged texts are skipped).
  const fromSource = import.meta.url.endsWith('.ts');
  const cacheDir = siteCacheDir(out);
  const batch = await runBatch(inputs, {
    outDir: documentsDir,
    cacheDir,
    formats: ['xml'],
    force: options.force,
    jobs: options.jobs,
    sidecarFolders: folders,
    job: new URL(fromSource ? '../build.ts' : '../build.js', import.meta.url).href,
    jobExport: 'buildInputFile',
    progress: options.progress,
  });

  // 2. What each document is, and the Works they make.
  const documents: SiteDocument[] = [];
  for (const outcome of batch.outcomes) {
    if (outcome.status === 'failed') continue;
    const xmlPath = outcome.outputs.find((o) => o.endsWith('.akn.xml'));
    if (!xmlPath) continue;
    documents.push(readSiteDocument(xmlPath, basename(xmlPath).replace(/\.akn\.xml$/, ''), outcome.file));
  }
  const { works, warnings } = groupWorks(documents);
  const workOf = new Map<SiteDocument, SiteWork>();
  for (const work of works) for (const doc of [...work.expressions, ...work.duplicates]) workOf.set(doc, work);

  // 3. The publications, with their language versions and the collection's links.
  const files: OutputFile[] = [];
  const graphs: object[] = [];
  for (const doc of documents) {
    const work = workOf.get(doc)!;
    const xml = readFileSync(doc.xmlPath, 'utf8');
    const page = SITE_PATHS.document(doc.stem, '.html');
    const versions = (href: (d: SiteDocument) => string): LanguageVersion[] =>
      work.expressions.length < 2 ? [] : work.expressions.map((e) => (e.lang === doc.lang ? doc : e)).map((e) => ({ lang: e.lang, href: href(e), current: e === doc }));
    const collectionLinks = [
      { href: relativeHref(page, SITE_PATHS.index), text: 'Index of the collection', lang: 'en' },
      { href: relativeHref(page, SITE_PATHS.resolver(work.iri)), text: 'All versions and formats', lang: 'en' },
      ...(work.aligned.includes(doc) ? [{ href: relativeHref(page, SITE_PATHS.parallel(work)), text: 'Parallel view', lang: 'en' }] : []),
    ];
    const html = renderHtml(xml, { file: doc.xmlPath, resolverBase: base, languageVersions: versions((e) => relativeHref(page, SITE_PATHS.document(e.stem, '.html'))), collectionLinks });
    const epub = renderEpub(xml, { file: doc.xmlPath, resolverBase: base, languageVersions: versions((e) => siteUrl(base, SITE_PATHS.document(e.stem, '.html'))) });
    const others = work.expressions.filter((e) => e.expressionIri !== doc.expressionIri).map((e) => ({ iri: e.expressionIri, lang: e.lang, title: e.title }));
    const graph = renderJsonld(xml, { file: doc.xmlPath, base: `${base}/`, otherExpressions: others });
    if (!work.duplicates.includes(doc)) graphs.push(graph);
    files.push({ path: join(out, page), data: html }, { path: join(out, SITE_PATHS.document(doc.stem, '.epub')), data: epub }, { path: join(out, SITE_PATHS.document(doc.stem, '.jsonld')), data: `${JSON.stringify(graph, null, 2)}\n` });
  }

  // 4. The site's pages, search and feeds.
  const add = (path: string, data: string | Uint8Array) => files.push({ path: join(out, path), data });
  add(SITE_PATHS.index, indexPage(works, documents.length));
  add(SITE_PATHS.search, searchPage());
  for (const [lang] of languageCounts(works)) add(SITE_PATHS.language(lang), languagePage(lang, works));
  add(SITE_PATHS.css, SITE_CSS);
  for (const work of works) {
    add(SITE_PATHS.resolver(work.iri), workPage(work));
    if (work.aligned.length >= 2) add(SITE_PATHS.parallel(work), parallelPage(work));
    for (const doc of work.expressions) add(SITE_PATHS.resolver(doc.expressionIri), expressionRedirect(doc));
  }
  const searchIndex = searchIndexScript(documents, (doc) => encodePath(SITE_PATHS.document(doc.stem, '.html')));
  add(SITE_PATHS.searchIndex, searchIndex);
  const miniSearch = miniSearchScript();
  add(SITE_PATHS.miniSearch, `/*! MiniSearch — licence: assets/minisearch.LICENSE.txt */\n${miniSearch.script}`);
  add('assets/minisearch.LICENSE.txt', miniSearch.licence);
  add(SITE_PATHS.searchScript, searchPageScript());
  add(SITE_PATHS.sitemap, sitemap(base, works));
  add(SITE_PATHS.atom, atomFeed(base, documents, options.version));
  add(SITE_PATHS.nquads, await collectionNquads(graphs));
  add('robots.txt', `User-agent: *\nAllow: /\nSitemap: ${siteUrl(base, SITE_PATHS.sitemap)}\n`);

  const written = writeChanged(files);
  add(SITE_PATHS.manifest, manifest(base, out, works, documents, options.version));
  const manifestWritten = writeChanged(files.slice(-1));
  removeStale(out, new Set(files.map((f) => resolve(f.path))), documentsDir);

  const alignedCount = works.filter((w) => w.aligned.length >= 2).length;
  return {
    documents: documents.length,
    works: works.length,
    expressions: works.reduce((n, w) => n + w.expressions.length, 0),
    parallelViews: alignedCount,
    failures: batch.failures,
    built: batch.built,
    skipped: batch.skipped,
    warnings,
    searchIndexBytes: Buffer.byteLength(searchIndex),
    filesWritten: written + manifestWritten,
    elapsedMs: performance.now() - started,
    base,
    batch,
  };
}

/** Writes the files whose bytes differ from what is on disk (all at once, atomically); returns how many. */
function writeChanged(files: readonly OutputFile[]): number {
  const changed = files.filter((f) => {
    if (!existsSync(f.path)) return true;
    const data = typeof f.data === 'string' ? Buffer.from(f.data) : f.data;
    return !Buffer.from(readFileSync(f.path)).equals(Buffer.from(data));
  });
  for (const f of changed) mkdirSync(resolve(f.path, '..'), { recursive: true });
  writeOutputsAtomic(changed);
  return changed.length;
}

/** Removes what an earlier run wrote for documents or Works no longer in the collection. */
function removeStale(out: string, keep: ReadonlySet<string>, documentsDir: string): void {
  const sweep = (dir: string, isKept: (path: string) => boolean) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        sweep(path, isKept);
        if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
      } else if (!isKept(path)) rmSync(path);
    }
  };
  sweep(join(out, 'parallel'), (p) => keep.has(p));
  sweep(join(out, 'languages'), (p) => keep.has(p));
  sweep(join(out, 'akn'), (p) => keep.has(p));
  // documents/: the publications written now, and the XML the batch keeps (its cache lists them).
  const cache = cachedOutputs(documentsDir, siteCacheDir(out));
  sweep(documentsDir, (p) => keep.has(p) || cache.has(p) || basename(p).startsWith('.'));
}


/**
 * The batch cache of a site, kept in the user's cache folder, one per output folder: it names the local
 * input paths, which have no business in a published folder.
 */
function siteCacheDir(out: string): string {
  return join(userCacheFolder(), 'sites', createHash('sha256').update(out).digest('hex').slice(0, 16));
}

function describeFile(base: string, out: string, path: string, mediaType: string): ManifestFile {
  const bytes = readFileSync(join(out, path));
  return { path, url: siteUrl(base, path), mediaType, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** manifest.json: every document with its IRIs and files (size, sha256), the Works, the collection files. */
function manifest(base: string, out: string, works: readonly SiteWork[], documents: readonly SiteDocument[], version: string): string {
  const workOf = new Map<SiteDocument, SiteWork>();
  for (const work of works) for (const doc of [...work.expressions, ...work.duplicates]) workOf.set(doc, work);
  const data = {
    generator: `akn-press ${version}`,
    base,
    documents: documents.map((doc) => ({
      stem: doc.stem,
      source: basename(doc.source),
      symbol: doc.symbol ?? null,
      title: doc.title ?? null,
      language: doc.lang,
      body: doc.actor,
      date: doc.date ?? null,
      workIri: doc.workIri,
      expressionIri: doc.expressionIri,
      work: `${base}${doc.workIri}`,
      expression: `${base}${doc.expressionIri}`,
      primary: !workOf.get(doc)!.duplicates.includes(doc),
      files: FORMATS.map((f) => ({ format: f.label, ...describeFile(base, out, SITE_PATHS.document(doc.stem, f.ext), f.mediaType) })),
    })),
    works: works.map((work) => ({
      workIri: work.iri,
      work: `${base}${work.iri}`,
      symbol: work.symbol ?? null,
      expressions: work.expressions.map((e) => ({ language: e.lang, expressionIri: e.expressionIri, stem: e.stem })),
      parallelView: work.aligned.length >= 2 ? SITE_PATHS.parallel(work) : null,
      alignedLanguages: work.aligned.map((e) => e.lang),
    })),
    collection: [
      describeFile(base, out, SITE_PATHS.sitemap, 'application/xml'),
      describeFile(base, out, SITE_PATHS.atom, 'application/atom+xml'),
      describeFile(base, out, SITE_PATHS.nquads, 'application/n-quads'),
    ],
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}
