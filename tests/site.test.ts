// `akn-press site` end to end on the development corpus and input/: the compiled CLI builds the site
// once; the tests then read it as a repository and a reader would — the UDHR as one Work with five
// aligned Expressions, the language links of every publication, the N-Quads through jsonld's own
// parser, the sitemap against the protocol's schema (xmllint), the Atom feed parsed strictly, every
// internal link, and in headless Chromium: axe on the index, a document and a parallel view, and the
// search (French and Arabic) with the pages' own CSP in force and no request leaving the site.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import axe from 'axe-core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import jsonld from 'jsonld';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, axeViolations } from './publication-helpers.js';
import { CORPUS_AVAILABLE, CORPUS_TEXTS, corpusDescribe, noteMissingCorpus } from './support/corpus.js';

const CLI = 'dist/pipeline/cli.js';
const BASE = 'https://resolutions.example.net/un';
const UDHR_LANGS = ['ar', 'zh', 'fr', 'ru', 'es'];
const udhr = (lang: string) => `${lang}_A-RES-217-III-A_UDHR`;

let site: string;
let report: {
  documents: number; works: number; expressions: number; parallelViews: number; failures: number;
  warnings: Array<{ message: string; files: string[] }>; outcomes: Array<{ status: string }>;
};
let stderr: string;

interface Manifest {
  base: string;
  documents: Array<{ stem: string; symbol: string | null; language: string; workIri: string; expressionIri: string; primary: boolean;
    files: Array<{ format: string; path: string; url: string; bytes: number; sha256: string }> }>;
  works: Array<{ workIri: string; symbol: string | null; expressions: Array<{ language: string; expressionIri: string }>; parallelView: string | null; alignedLanguages: string[] }>;
}
let manifest: Manifest;

function runSite(...extra: string[]) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`make\` (or npx tsc) before the tests`);
  // The build's cache goes to the user's cache folder: a temporary one here.
  return spawnSync(process.execPath, [CLI, 'site', CORPUS_TEXTS, 'input', '--out', site, '--resolver-base', BASE, ...extra], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: `${site}.cache` },
  });
}

noteMissingCorpus();

beforeAll(() => {
  if (!CORPUS_AVAILABLE) return;
  site = mkdtempSync(join(tmpdir(), 'akn-site-'));
  const result = runSite('--json');
  stderr = result.stderr;
  expect(result.status, result.stderr).toBe(0);
  report = JSON.parse(result.stdout);
  manifest = JSON.parse(readFileSync(join(site, 'manifest.json'), 'utf8'));
});

afterAll(() => {
  if (site) rmSync(site, { recursive: true, force: true });
  if (site) rmSync(`${site}.cache`, { recursive: true, force: true });
});

const read = (path: string) => readFileSync(join(site, path), 'utf8');

corpusDescribe('the collection', () => {
  it('builds every text of the corpus and input/ (one Work per resolution)', () => {
    expect(report.failures).toBe(0);
    expect(report.documents).toBe(35);
    expect(manifest.documents).toHaveLength(35);
    // Symbols are unique per Work: as many Works as distinct symbols.
    const symbols = new Set(manifest.documents.map((d) => d.symbol));
    expect(manifest.works).toHaveLength(symbols.size);
    expect(report.works).toBe(manifest.works.length);
  });

  it('makes the UDHR in five languages one Work with five Expressions', () => {
    const work = manifest.works.find((w) => w.symbol === 'A/RES/217(III)')!;
    expect(work.workIri).toBe('/akn/un/statement/deliberation/un-ga/1948-12-10/217_A_III');
    expect(work.expressions.map((e) => e.language)).toEqual(UDHR_LANGS);
    expect(work.expressions.map((e) => e.expressionIri.split('/').pop())).toEqual(['ara@1948-12-10', 'zho@1948-12-10', 'fra@1948-12-10', 'rus@1948-12-10', 'spa@1948-12-10']);
    for (const lang of UDHR_LANGS) {
      const xml = read(`documents/${udhr(lang)}.akn.xml`);
      expect(xml).toContain(`<FRBRuri value="${work.workIri}"/>`);
    }
  });

  it('aligns the UDHR article by article: article N has the same eId in all five languages', () => {
    const articleIds = (lang: string) => [...read(`documents/${udhr(lang)}.akn.xml`).matchAll(/<article eId="([^"]+)"/g)].map((m) => m[1]);
    const expected = Array.from({ length: 30 }, (_, i) => `para_1__embeddedStructure_1__art_${i + 1}`);
    for (const lang of UDHR_LANGS) expect(articleIds(lang), lang).toEqual(expected);
    const work = manifest.works.find((w) => w.symbol === 'A/RES/217(III)')!;
    expect(work.alignedLanguages).toEqual(UDHR_LANGS);
    expect(work.parallelView).toBe('parallel/un-ga-1948-12-10-217_A_III.html');
  });

  it('warns, naming both files, where the structures disagree, and does not align that part', () => {
    // The Arabic text prints its preamble in six recitals where the French has seven.
    const arabic = report.warnings.find((w) => w.message.includes('ar_A-RES-217-III-A_UDHR.txt') && w.message.includes('preamble disagree'));
    expect(arabic?.files.map((f) => f.split('/').pop())).toEqual(['ar_A-RES-217-III-A_UDHR.txt', 'fr_A-RES-217-III-A_UDHR.txt']);
    expect(arabic?.message).toContain('6 recitals against 7');
    expect(stderr).toBe(''); // --json: the warnings are in the report, nothing else on stderr
    const parallel = read('parallel/un-ga-1948-12-10-217_A_III.html');
    const row = /<tr id="preamble__container_7">([\s\S]*?)<\/tr>/.exec(parallel)![1]!;
    expect(row).toContain('not aligned');
    expect(row).not.toContain('lang="ar"');
    const article = /<tr id="para_1__embeddedStructure_1__art_1">([\s\S]*?)<\/tr>/.exec(parallel)![1]!;
    expect([...article.matchAll(/<td lang="([a-z]+)"/g)].map((m) => m[1])).toEqual(UDHR_LANGS);
    expect(article).toMatch(/<td lang="ar" dir="rtl">/);
    expect(article).toContain('Tous les êtres humains naissent libres et égaux en dignité et en droits.');
  });

  it('links every language version to its siblings: HTML alternate links and switcher, EPUB, JSON-LD', () => {
    const html = read(`documents/${udhr('fr')}.html`);
    const alternates = [...html.matchAll(/<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)">/g)].map((m) => [m[1], m[2]]);
    expect(alternates).toEqual(['ar', 'zh', 'ru', 'es'].map((l) => [l, `${udhr(l)}.html`]));
    // The switcher names each language in its own script, marked with its language.
    expect(html).toContain('<a href="ar_A-RES-217-III-A_UDHR.html" hreflang="ar" lang="ar" dir="rtl" rel="alternate">العربية</a>');
    expect(html).toContain('<a aria-current="page" lang="fr" dir="ltr" href="fr_A-RES-217-III-A_UDHR.html">Français</a>');
    const graph = JSON.parse(read(`documents/${udhr('fr')}.jsonld`)) as { '@graph': Array<Record<string, unknown>> };
    const work = graph['@graph'].find((n) => n['@id'] === 'akn/un/statement/deliberation/un-ga/1948-12-10/217_A_III')!;
    expect((work['schema:workExample'] as Array<{ '@id': string }>).map((e) => e['@id'].split('/').pop()).sort()).toEqual(['ara@1948-12-10', 'fra@1948-12-10', 'rus@1948-12-10', 'spa@1948-12-10', 'zho@1948-12-10']);
    const expressions = graph['@graph'].filter((n) => (n['schema:translationOfWork'] as { '@id': string } | undefined)?.['@id'] === work['@id']);
    expect(expressions.map((e) => e['schema:inLanguage']).sort()).toEqual(['ar', 'es', 'fr', 'ru', 'zh']);
  });

  it('publishes valid EPUBs with the language links (epubcheck)', () => {
    const epub = join(site, `documents/${udhr('ar')}.epub`);
    const result = spawnSync('java', ['-jar', '/usr/share/java/epubcheck.jar', '--quiet', epub], { encoding: 'utf8' });
    if (result.error) throw new Error(`epubcheck could not run (apt-get install -y epubcheck default-jre-headless): ${result.error.message}`);
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
    const unzip = spawnSync('unzip', ['-p', epub, 'EPUB/package.opf', 'EPUB/content.xhtml'], { encoding: 'utf8' });
    expect(unzip.stdout).toContain(`<dc:relation>${BASE}/documents/fr_A-RES-217-III-A_UDHR.html</dc:relation>`);
    expect(unzip.stdout).toContain('hreflang="fr" lang="fr" dir="ltr" rel="alternate">Français</a>');
  });

  it('refuses a bad command line with a usage error (exit 2) and writes nothing', () => {
    const bad = (...args: string[]) => spawnSync(process.execPath, [CLI, 'site', ...args], { encoding: 'utf8' });
    const noOut = bad('input');
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toMatch(/^akn-press: site: --out DIR is required/);
    const elsewhere = join(site, 'not-written');
    const badBase = bad('input', '--out', elsewhere, '--resolver-base', 'resolver.example.net');
    expect(badBase.status).toBe(2);
    expect(badBase.stderr).toContain('--resolver-base: "resolver.example.net" is not an absolute http(s) URL');
    expect(existsSync(elsewhere)).toBe(false);
  });

  it('links to files whose names hold #, % or spaces', () => {
    const texts = mkdtempSync(join(tmpdir(), 'akn-site-names-'));
    const out = join(texts, 'out');
    try {
      copyFileSync('input/fr_A-72-L.10.txt', join(texts, 'fr A-72 #1 100%.txt'));
      const result = spawnSync(process.execPath, [CLI, 'site', texts, '--out', out, '--resolver-base', BASE, '--quiet'], { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      const index = readFileSync(join(out, 'index.html'), 'utf8');
      expect(index).toContain('href="documents/fr%20A-72%20%231%20100%25.html"');
      expect(existsSync(join(out, 'documents/fr A-72 #1 100%.html'))).toBe(true);
      expect(readFileSync(join(out, 'assets/search-index.js'), 'utf8')).toContain('"href":"documents/fr%20A-72%20%231%20100%25.html"');
      expect(readFileSync(join(out, 'sitemap.xml'), 'utf8')).toContain(`<loc>${BASE}/documents/fr%20A-72%20%231%20100%25.html</loc>`);
    } finally {
      rmSync(texts, { recursive: true, force: true });
    }
  });

  it('publishes no build cache: nothing in the site names a local input path', () => {
    const files = readdirSync(site, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.filter((e) => e.name.startsWith('.akn-press-cache'))).toEqual([]);
    expect(readdirSync(join(`${site}.cache`, 'akn-press', 'sites'))).toHaveLength(1);
    const local = files.filter((e) => readFileSync(join(e.parentPath, e.name)).includes(CORPUS_TEXTS));
    expect(local.map((e) => e.name)).toEqual([]);
  });

  it('is incremental: a second run builds nothing and rewrites nothing', () => {
    const before = statSync(join(site, 'index.html')).mtimeMs;
    const again = runSite('--json');
    expect(again.status).toBe(0);
    const second = JSON.parse(again.stdout) as { built: number; skipped: number; filesWritten: number };
    expect(second).toMatchObject({ built: 0, skipped: 35, filesWritten: 0 });
    expect(statSync(join(site, 'index.html')).mtimeMs).toBe(before);
  });
});

corpusDescribe('feeds for repositories', () => {
  it('N-Quads: parsed by the jsonld library, one Work per resolution', async () => {
    const nquads = read('collection.nq');
    const dataset = (await jsonld.fromRDF(nquads as never, { format: 'application/n-quads' } as never)) as Array<Record<string, unknown>>;
    const works = dataset.filter((node) => 'https://schema.org/workExample' in node).map((node) => node['@id']);
    expect(new Set(works).size).toBe(works.length);
    expect(works.sort()).toEqual(manifest.works.map((w) => `${BASE}${w.workIri}`).sort());
    const udhrWork = dataset.find((n) => n['@id'] === `${BASE}/akn/un/statement/deliberation/un-ga/1948-12-10/217_A_III`)!;
    expect((udhrWork['https://schema.org/workExample'] as unknown[]).length).toBe(5);
    // Every line a quad; IRIs absolute under the resolver base, never the placeholder.
    for (const line of nquads.trim().split('\n')) expect(line).toMatch(/ \.$/);
    expect(nquads).not.toContain('example.org');
  });

  it('sitemap: valid against the Sitemaps 0.9 schema (xmllint), every page listed once and present', () => {
    const check = spawnSync('xmllint', ['--noout', '--nonet', '--schema', 'tests/schemas/sitemap.xsd', join(site, 'sitemap.xml')], { encoding: 'utf8' });
    if (check.error) throw new Error('xmllint is not installed (apt-get install -y libxml2-utils)');
    expect(check.status, check.stderr).toBe(0);
    const locs = [...read('sitemap.xml').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(locs.length).toBeGreaterThan(35);
    for (const loc of locs) expect(existsSync(join(site, decodeURIComponent(loc.slice(BASE.length + 1)))), loc).toBe(true);
    expect(read('robots.txt')).toContain(`Sitemap: ${BASE}/sitemap.xml`);
  });

  it('Atom: well-formed (strict parse), RFC 4287 structure, newest first, every format linked', () => {
    const xml = read('feed.atom');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(spawnSync('xmllint', ['--noout', '--nonet', join(site, 'feed.atom')]).status).toBe(0);
    const feed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['entry', 'link'].includes(name) }).parse(xml).feed;
    expect(feed.xmlns).toBe('http://www.w3.org/2005/Atom');
    const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
    expect(feed.id).toMatch(/^https:/);
    expect(feed.updated).toMatch(rfc3339);
    expect(feed.link.find((l: { rel: string }) => l.rel === 'self').href).toBe(`${BASE}/feed.atom`);
    expect(feed.entry).toHaveLength(35);
    const ids = new Set<string>();
    let previous = '9999';
    for (const entry of feed.entry) {
      expect(entry.id).toMatch(/^https:/);
      ids.add(entry.id);
      expect(entry.updated).toMatch(rfc3339);
      expect(entry.updated <= previous).toBe(true);
      previous = entry.updated;
      expect(String(entry.title).length).toBeGreaterThan(0);
      expect(entry.author.name).toMatch(/^United Nations /);
      const types = entry.link.filter((l: { rel: string }) => l.rel === 'alternate').map((l: { type: string }) => l.type);
      expect(types).toEqual(['text/html', 'application/epub+zip', 'application/akn+xml', 'application/ld+json']);
    }
    expect(ids.size).toBe(35);
    expect(feed.updated).toBe(feed.entry[0].updated);
  });

  it('manifest: every document with its IRIs and files; sizes and sha256 match the files', () => {
    for (const doc of manifest.documents) {
      expect(doc.expressionIri.startsWith(`${doc.workIri}/`)).toBe(true);
      expect(doc.files.map((f) => f.format)).toEqual(['HTML', 'EPUB', 'AKN', 'JSON-LD']);
      for (const file of doc.files) {
        const bytes = readFileSync(join(site, file.path));
        expect(bytes.byteLength).toBe(file.bytes);
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
        expect(file.url).toBe(`${BASE}/${file.path}`);
      }
    }
  });
});

/** Every HTML file of the site, relative to its root. */
function htmlFiles(dir = site): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? htmlFiles(path) : e.name.endsWith('.html') ? [relative(site, path)] : [];
  });
}

corpusDescribe('links', () => {
  it('every internal link and every link under the resolver base resolves (file and fragment)', () => {
    const pages = htmlFiles();
    expect(pages.length).toBeGreaterThan(60);
    const ids = new Map<string, Set<string>>();
    const idsOf = (file: string) => {
      if (!ids.has(file)) ids.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!)));
      return ids.get(file)!;
    };
    const broken: string[] = [];
    let checked = 0;
    for (const page of pages) {
      const html = read(page);
      for (const [, href] of html.matchAll(/ (?:href|src)="([^"]*)"/g)) {
        let target: string;
        const decoded = href!.replace(/&#x26;|&amp;/g, '&');
        if (decoded.startsWith(`${BASE}/`)) target = join(site, decodeURIComponent(decoded.slice(BASE.length + 1)));
        else if (/^[a-z]+:/i.test(decoded)) continue; // outside the site (undocs.org citations)
        else target = resolve(dirname(join(site, page)), decodeURIComponent(decoded.split('#')[0]!) || page.split('/').pop()!);
        const [, fragment] = decoded.split('#');
        if (existsSync(target) && statSync(target).isDirectory()) target = join(target, 'index.html');
        checked++;
        if (!existsSync(target)) broken.push(`${page}: ${href}`);
        else if (fragment && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(fragment))) broken.push(`${page}: ${href} (no such id)`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });
});

corpusDescribe('in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch(CHROMIUM);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens a page of the site from the files; records every request and every console error. */
  async function open(path: string, options: { bypassCSP: boolean }) {
    const context = await browser.newContext({ bypassCSP: options.bypassCSP, viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(join(site, path)).href + (path.includes('?') ? '' : ''), { waitUntil: 'load' });
    return { page, context, requests, errors };
  }

  it.each([
    ['the index', 'index.html'],
    ['the index of one language (Arabic)', 'languages/ar.html'],
    ['a document page (French UDHR)', `documents/${udhr('fr')}.html`],
    ['a document page (Arabic UDHR, right to left)', `documents/${udhr('ar')}.html`],
    ['the parallel view of the UDHR', 'parallel/un-ga-1948-12-10-217_A_III.html'],
    ['the search page', 'search.html'],
    ['the UDHR Work page of the resolver tree', 'akn/un/statement/deliberation/un-ga/1948-12-10/217_A_III/index.html'],
  ])('axe-core finds no violation on %s', async (_name, path) => {
    // axe is injected as a script, which the pages' CSP forbids: bypassed for this check only.
    const { page, context, requests } = await open(path, { bypassCSP: true });
    expect(await axeViolations(page, axe.source)).toEqual([]);
    const siteUrl = pathToFileURL(site).href;
    expect(requests.filter((u) => !u.startsWith(siteUrl))).toEqual([]);
    await context.close();
  });

  it.each([
    ['French', 'fraternité', `documents/${udhr('fr')}.html#para_1__embeddedStructure_1__art_1`],
    ['French, without the accent', 'fraternite', `documents/${udhr('fr')}.html#para_1__embeddedStructure_1__art_1`],
    ['Arabic', 'الكرامة', `documents/${udhr('ar')}.html#para_1__embeddedStructure_1__art_1`],
    ['English (a Security Council draft)', 'Juba', 'documents/en_S-2018-221'],
  ])('search finds a word in %s, from the files alone, under the pages’ CSP', async (_name, word, expected) => {
    const { page, context, requests, errors } = await open('search.html', { bypassCSP: false });
    await page.fill('#search-input', word);
    await page.press('#search-input', 'Enter');
    await page.waitForFunction(() => (document.getElementById('search-status')?.textContent ?? '') !== '');
    const hrefs = await page.locator('#search-results a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.some((h) => h.startsWith(expected)), hrefs.join('\n')).toBe(true);
    // Following the first result lands on the paragraph.
    const first = hrefs.find((h) => h.startsWith(expected))!;
    const [file, fragment] = first.split('#');
    expect(existsSync(join(site, file!))).toBe(true);
    if (fragment) expect(read(file!)).toContain(` id="${fragment}"`);
    const siteUrl = pathToFileURL(site).href;
    expect(requests.filter((u) => !u.startsWith(siteUrl))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the search also reads ?q= from the address (the index page’s form)', async () => {
    const { page, context, errors } = await open('search.html', { bypassCSP: false });
    await page.goto(`${pathToFileURL(join(site, 'search.html')).href}?q=${encodeURIComponent('Déclaration universelle')}`);
    await expect.poll(() => page.locator('#search-results a').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
