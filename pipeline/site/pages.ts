// Collection, step 3: the site's own pages — the index by body, session and language, the parallel
// views, the Work pages of the resolver tree, the search page — and their stylesheet.
// Reads: SiteDocument and SiteWork records.   Writes: HTML text (the caller writes the files).
import { posix } from 'node:path';
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { escapeXml } from '../render/epub.js';
import { languageName } from '../render/html/labels.js';
import type { AlignmentUnit, SiteDocument } from './collect.js';
import type { AlignedPart, SiteWork } from './works.js';

/** Where each file of the site is, relative to the site's root (POSIX separators). */
export const SITE_PATHS = {
  index: 'index.html',
  search: 'search.html',
  css: 'assets/site.css',
  searchScript: 'assets/search.js',
  searchIndex: 'assets/search-index.js',
  miniSearch: 'assets/minisearch.js',
  sitemap: 'sitemap.xml',
  atom: 'feed.atom',
  nquads: 'collection.nq',
  manifest: 'manifest.json',
  document: (stem: string, ext: string) => `documents/${stem}${ext}`,
  parallel: (work: SiteWork) => `parallel/${work.slug}.html`,
  language: (lang: string) => `languages/${lang}.html`,
  /** The resolver tree: an AKN IRI's path, as a folder with an index.html. */
  resolver: (iri: string) => `${iri.replace(/^\/+/, '')}/index.html`,
};

/** The formats of each document, in the order they are offered. */
export const FORMATS = [
  { ext: '.html', label: 'HTML', mediaType: 'text/html' },
  { ext: '.epub', label: 'EPUB', mediaType: 'application/epub+zip' },
  { ext: '.akn.xml', label: 'AKN', mediaType: 'application/akn+xml' },
  { ext: '.jsonld', label: 'JSON-LD', mediaType: 'application/ld+json' },
] as const;

/**
 * Nothing is fetched from elsewhere and nothing runs but the site's own scripts. (The pages are read
 * from a server or straight from the files; 'self' covers both in the browsers tested.)
 */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'";

const BODY_NAMES: Readonly<Record<string, string>> = {
  'un-ga': 'General Assembly',
  'un-sc': 'Security Council',
  'un-ecosoc': 'Economic and Social Council',
  'un-hrc': 'Human Rights Council',
};
const COMMITTEE_ORDINALS = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth'];

/** `un-ga-c3` → General Assembly, Third Committee. */
export function bodyName(actor: string): string {
  const committee = /^(un-ga)-c([1-6])$/.exec(actor);
  if (committee) return `General Assembly, ${COMMITTEE_ORDINALS[Number(committee[2]) - 1]} Committee`;
  return BODY_NAMES[actor] ?? actor;
}
function bodyRank(actor: string): number {
  return actor.startsWith('un-ga') ? 0 : actor === 'un-sc' ? 1 : 2;
}

const ROMAN: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
function fromRoman(roman: string): number {
  let total = 0;
  for (let i = 0; i < roman.length; i++) {
    const value = ROMAN[roman[i]!]!;
    const next = ROMAN[roman[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/**
 * The session a document belongs to, read from its symbol: A/RES/73/6 and A/73/L.10 → 73,
 * A/RES/217(III) → 3 (early resolutions carry the session in roman numerals); a Security Council
 * document is listed by year (S/2018/221 → 2018). Undefined when the symbol says neither.
 */
export function sessionOf(doc: SiteDocument): { key: number; label: string } | undefined {
  const symbol = doc.symbol ?? '';
  const ga = /^A\/(?:RES\/|C\.\d\/)?(\d+)\//.exec(symbol);
  if (ga) return { key: Number(ga[1]), label: `Session ${Number(ga[1])}` };
  const early = /^A\/RES\/\d+\s*\(([IVXLC]+)\)/.exec(symbol);
  if (early) return { key: fromRoman(early[1]!), label: `Session ${fromRoman(early[1]!)}` };
  const sc = /^S\/(\d{4})\//.exec(symbol);
  if (sc) return { key: Number(sc[1]), label: `${sc[1]}` };
  const year = doc.date?.slice(0, 4);
  return year ? { key: Number(year), label: year } : undefined;
}

/** A page of the site: the shell every page shares (language, CSP, stylesheet, header, footer). */
function page(path: string, title: string, main: ElementContent[], options: { scripts?: string[]; description?: string } = {}): string {
  const rel = (target: string) => relativeHref(path, target);
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en', dir: 'ltr' }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { httpEquiv: 'Content-Security-Policy', content: CSP }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('meta', { name: 'generator', content: 'akn-press' }),
          ...(options.description ? [h('meta', { name: 'description', content: options.description })] : []),
          h('title', title),
          h('link', { rel: 'stylesheet', href: rel(SITE_PATHS.css) }),
          h('link', { rel: 'alternate', type: 'application/atom+xml', title: 'Documents (Atom)', href: rel(SITE_PATHS.atom) }),
        ]),
        h('body', [
          h('a', { className: ['skip'], href: '#main' }, 'Skip to content'),
          h('header', { className: ['site-header'] }, [
            h('p', { className: ['site-name'] }, [h('a', { href: rel(SITE_PATHS.index) }, 'United Nations resolutions')]),
            h('nav', { ariaLabel: 'Site' }, [
              h('ul', [
                h('li', [h('a', { href: rel(SITE_PATHS.index) }, 'Index')]),
                h('li', [h('a', { href: rel(SITE_PATHS.search) }, 'Search')]),
                h('li', [h('a', { href: rel(SITE_PATHS.atom) }, 'Atom feed')]),
                h('li', [h('a', { href: rel(SITE_PATHS.manifest) }, 'Manifest')]),
                h('li', [h('a', { href: rel(SITE_PATHS.nquads) }, 'Linked data (N-Quads)')]),
              ]),
            ]),
          ]),
          h('main', { id: 'main' }, main),
          h('footer', { className: ['site-footer'] }, [
            h('p', 'Built with akn-press from the texts of the resolutions. Akoma Ntoso 3.0 XML, HTML, EPUB 3 and JSON-LD per document; the text as printed, marked up.'),
          ]),
          ...(options.scripts ?? []).map((src) => h('script', { src: rel(src) })),
        ]),
      ]),
    ],
  };
  return `${toHtml(tree)}\n`;
}

/** The href from one site file to another (both relative to the site root). */
export function relativeHref(from: string, to: string): string {
  const rel = posix.relative(posix.dirname(from), to);
  return encodePath(rel || posix.basename(to));
}

/** A file path as a URL path: percent-encoded, `#` and `?` included (file names may hold them). */
export function encodePath(path: string): string {
  return encodeURI(path).replace(/#/g, '%23').replace(/\?/g, '%3F');
}

function formatLinks(from: string, doc: SiteDocument): Element {
  return h(
    'ul',
    { className: ['formats'] },
    FORMATS.map((f) => h('li', [h('a', { href: relativeHref(from, SITE_PATHS.document(doc.stem, f.ext)), type: f.mediaType, ariaLabel: `${f.label}, ${languageNameInEnglish(doc.lang)}: ${doc.symbol ?? doc.stem}` }, f.label)])),
  );
}

const ENGLISH_NAMES: Readonly<Record<string, string>> = { ar: 'Arabic', zh: 'Chinese', en: 'English', fr: 'French', ru: 'Russian', es: 'Spanish' };
function languageNameInEnglish(lang: string): string {
  return ENGLISH_NAMES[lang.split('-')[0]!] ?? lang;
}

/** A language named in its own script, marked with its language. */
function languageCell(lang: string): Element {
  return h('span', { lang, dir: 'auto' }, languageName(lang));
}

/** The index: bodies, then sessions (newest first), then each Work's language versions. */
export function indexPage(works: readonly SiteWork[], documentCount: number): string {
  const path = SITE_PATHS.index;
  const byBody = new Map<string, SiteWork[]>();
  for (const work of works) byBody.set(work.actor, [...(byBody.get(work.actor) ?? []), work]);
  const bodies = [...byBody.keys()].sort((a, b) => bodyRank(a) - bodyRank(b) || (a < b ? -1 : 1));
  const languages = new Set(works.flatMap((w) => w.expressions.map((e) => e.lang)));
  const sections: ElementContent[] = [];
  let tableCount = 0;
  for (const actor of bodies) {
    const bodyWorks = byBody.get(actor)!;
    const sessions = new Map<string, { key: number; label: string; works: SiteWork[] }>();
    for (const work of bodyWorks) {
      const session = sessionOf(work.expressions[0]!) ?? { key: -1, label: 'Session unknown' };
      const entry = sessions.get(session.label) ?? { ...session, works: [] };
      entry.works.push(work);
      sessions.set(session.label, entry);
    }
    const sessionSections = [...sessions.values()]
      .sort((a, b) => b.key - a.key)
      .map((session) => {
        const captionId = `table-${++tableCount}`;
        const sorted = [...session.works].sort(newestFirst);
        const rows = sorted.flatMap((work) => [...work.expressions, ...work.duplicates].map((doc) => documentRow(path, work, doc)));
        return h('section', { ariaLabelledby: `${captionId}-heading` }, [
          h('h3', { id: `${captionId}-heading` }, session.label),
          documentTable(`${bodyName(actor)}, ${session.label}`, rows),
        ]);
      });
    sections.push(h('section', { ariaLabelledby: `body-${actor}` }, [h('h2', { id: `body-${actor}` }, bodyName(actor)), ...sessionSections]));
  }
  const byLanguage = languageCounts(works);
  const languageList = h('section', { ariaLabelledby: 'by-language' }, [
    h('h2', { id: 'by-language' }, 'By language'),
    h('ul', { className: ['languages'] }, byLanguage.map(([lang, count]) => h('li', [h('a', { href: relativeHref(path, SITE_PATHS.language(lang)), hreflang: lang }, [languageCell(lang)]), ` (${count})`]))),
  ]);
  sections.push(languageList);
  const parallel = works.filter((w) => w.aligned.length >= 2);
  const summary = `${documentCount} documents, ${works.length} works, ${languages.size} languages${parallel.length ? `, ${parallel.length} with a parallel view` : ''}.`;
  return page(path, 'United Nations resolutions: index', [
    h('h1', 'United Nations resolutions'),
    h('p', summary),
    h('form', { role: 'search', action: relativeHref(path, SITE_PATHS.search), method: 'get', className: ['search-form'] }, [
      h('label', { htmlFor: 'index-search' }, 'Search the texts'),
      h('input', { type: 'search', id: 'index-search', name: 'q' }),
      h('button', { type: 'submit' }, 'Search'),
    ]),
    ...sections,
  ], { description: summary });
}

const newestFirst = (a: SiteWork, b: SiteWork) => (b.date ?? '').localeCompare(a.date ?? '') || (a.symbol ?? a.slug).localeCompare(b.symbol ?? b.slug);

/** One document's row: symbol (to its Work), title (in its language), date, language, formats, parallel view. */
function documentRow(path: string, work: SiteWork, doc: SiteDocument): Element {
  const page = relativeHref(path, SITE_PATHS.document(doc.stem, '.html'));
  return h('tr', [
    h('th', { scope: 'row' }, [h('a', { href: relativeHref(path, SITE_PATHS.resolver(work.iri)) }, doc.symbol ?? doc.stem), ...(work.duplicates.includes(doc) ? [' ', h('span', { className: ['note'] }, '(another extraction)')] : [])]),
    h('td', doc.title ? [h('a', { href: page, lang: doc.lang, dir: doc.dir }, doc.title)] : [h('a', { href: page }, '(untitled)')]),
    h('td', doc.date ? [h('time', { dateTime: doc.date }, doc.date)] : ['—']),
    h('td', [languageCell(doc.lang)]),
    h('td', [formatLinks(path, doc), ...(work.aligned.includes(doc) ? [h('a', { className: ['parallel-link'], href: relativeHref(path, SITE_PATHS.parallel(work)) }, `Parallel view (${work.aligned.length} languages)`)] : [])]),
  ]);
}

function documentTable(caption: string, rows: Element[]): Element {
  return h('table', { className: ['documents'] }, [
    h('caption', { className: ['visually-hidden'] }, caption),
    h('thead', [h('tr', [h('th', { scope: 'col' }, 'Symbol'), h('th', { scope: 'col' }, 'Title'), h('th', { scope: 'col' }, 'Date'), h('th', { scope: 'col' }, 'Language'), h('th', { scope: 'col' }, 'Formats')])]),
    h('tbody', rows),
  ]);
}

/** The languages of the collection with their number of documents, in the UN's language order. */
export function languageCounts(works: readonly SiteWork[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const work of works) for (const doc of [...work.expressions, ...work.duplicates]) counts.set(doc.lang, (counts.get(doc.lang) ?? 0) + 1);
  const order = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
  const rank = (l: string) => (order.includes(l) ? order.indexOf(l) : order.length);
  return [...counts.entries()].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : 1));
}

/** The documents in one language, newest first, by body. */
export function languagePage(lang: string, works: readonly SiteWork[]): string {
  const path = SITE_PATHS.language(lang);
  const inLanguage = works.filter((w) => [...w.expressions, ...w.duplicates].some((d) => d.lang === lang));
  const actors = [...new Set(inLanguage.map((w) => w.actor))].sort((a, b) => bodyRank(a) - bodyRank(b) || (a < b ? -1 : 1));
  const english = languageNameInEnglish(lang);
  return page(path, `Documents in ${english}`, [
    h('h1', ['Documents in ', h('span', { lang, dir: 'auto' }, languageName(lang)), english !== languageName(lang) ? ` (${english})` : '']),
    ...actors.map((actor) => {
      const rows = inLanguage.filter((w) => w.actor === actor).sort(newestFirst)
        .flatMap((work) => [...work.expressions, ...work.duplicates].filter((d) => d.lang === lang).map((doc) => documentRow(path, work, doc)));
      return h('section', { ariaLabelledby: `body-${actor}` }, [h('h2', { id: `body-${actor}` }, bodyName(actor)), documentTable(`${bodyName(actor)}, ${english}`, rows)]);
    }),
  ]);
}

/** The neutral label of a unit, from its eId: Recital 3, Paragraph 12, Article 5. */
export function unitLabel(unit: AlignmentUnit): string {
  const last = /_([^_]+)$/.exec(unit.eId)?.[1] ?? '';
  switch (unit.kind) {
    case 'formula':
      return 'Formula';
    case 'recital':
      return `Recital ${last}`;
    case 'paragraph':
      return /^\d+$/.test(last) ? `Paragraph ${last}` : 'Paragraph';
    case 'article':
      return `Article ${last}`;
  }
}

/**
 * The parallel view of a Work: one row per unit, one column per aligned language. A version not aligned
 * in a part (its structure differs there) has, in that part, a cell that says so instead of a guess.
 */
export function parallelPage(work: SiteWork): string {
  const path = SITE_PATHS.parallel(work);
  const docs = work.aligned;
  const byEId = new Map(docs.map((doc) => [doc, new Map(doc.units.map((u) => [u.eId, u]))]));
  const cell = (doc: SiteDocument, part: AlignedPart, unit: AlignmentUnit): Element => {
    if (!part.aligned.includes(doc)) {
      return h('td', { className: ['unaligned'] }, [h('p', `(not aligned: the ${part.name === 'body' ? 'operative part' : 'preamble'} of this version is structured differently)`)]);
    }
    const own = byEId.get(doc)!.get(unit.eId)!;
    const head = [own.num, own.heading].filter(Boolean).join(' ');
    const blocks = own.blocks.map((b) => h('p', b));
    return h('td', { lang: doc.lang, dir: doc.dir }, [
      ...(head ? [h('p', { className: ['unit-head'] }, [h('a', { href: `${relativeHref(path, SITE_PATHS.document(doc.stem, '.html'))}#${own.eId}` }, head)])] : []),
      ...blocks,
      ...(blocks.length === 0 && !head ? [h('p', { className: ['empty'], lang: 'en', dir: 'ltr' }, '(no text in this version)')] : []),
    ]);
  };
  const rows = work.parts.flatMap((part) => [
    h('tr', { className: ['part'] }, [h('th', { scope: 'colgroup', colSpan: docs.length + 1 }, part.name === 'body' ? 'Operative part' : 'Preamble')]),
    ...part.units.map((unit) => h('tr', { id: unit.eId }, [h('th', { scope: 'row' }, [h('a', { href: `#${unit.eId}` }, unitLabel(unit))]), ...docs.map((doc) => cell(doc, part, unit))])),
  ]);
  const left = work.expressions.filter((e) => !docs.includes(e));
  const partial = docs.filter((d) => work.parts.some((p) => !p.aligned.includes(d)));
  const symbol = work.symbol ?? work.slug;
  return page(path, `${symbol}: parallel view`, [
    h('h1', [`${symbol}: parallel view`]),
    h('ul', { className: ['titles'] }, docs.map((doc) => h('li', [h('a', { href: relativeHref(path, SITE_PATHS.document(doc.stem, '.html')), lang: doc.lang, dir: doc.dir }, doc.title ?? doc.stem)]))),
    h('p', `${docs.length} language versions side by side, aligned by the identifiers of their paragraphs (the same eId in every version), never by position.`),
    ...(partial.length ? [h('p', { className: ['note'] }, `Structured differently in part of the text, and not aligned there: ${partial.map((d) => languageNameInEnglish(d.lang)).join(', ')}.`)] : []),
    ...(left.length ? [h('p', { className: ['note'] }, `Not shown, because their structure differs from these versions: ${left.map((d) => `${languageNameInEnglish(d.lang)} (${d.stem})`).join(', ')}.`)] : []),
    h('div', { className: ['parallel-wrap'] }, [
      h('table', { className: ['parallel', `columns-${docs.length}`] }, [
        h('caption', { className: ['visually-hidden'] }, `${symbol} in ${docs.map((d) => languageNameInEnglish(d.lang)).join(', ')}`),
        h('thead', [h('tr', [h('td', { className: ['corner'] }), ...docs.map((doc) => h('th', { scope: 'col', lang: doc.lang, dir: doc.dir }, languageName(doc.lang)))])]),
        h('tbody', rows),
      ]),
    ]),
  ]);
}

/** A Work's page in the resolver tree (its AKN IRI): the language versions and their formats. */
export function workPage(work: SiteWork): string {
  const path = SITE_PATHS.resolver(work.iri);
  const symbol = work.symbol ?? work.slug;
  const items = [...work.expressions, ...work.duplicates].map((doc) =>
    h('li', [
      languageCell(doc.lang),
      ': ',
      h('a', { href: relativeHref(path, SITE_PATHS.document(doc.stem, '.html')), lang: doc.lang, dir: doc.dir }, doc.title ?? doc.stem),
      ' ',
      h('code', doc.expressionIri),
      formatLinks(path, doc),
    ]),
  );
  return page(path, `${symbol}`, [
    h('h1', symbol),
    h('p', ['Work ', h('code', work.iri), `, ${bodyName(work.actor)}${work.date ? `, ${work.date}` : ''}.`]),
    h('h2', 'Language versions'),
    h('ul', { className: ['expressions'] }, items),
    ...(work.aligned.length >= 2 ? [h('p', [h('a', { href: relativeHref(path, SITE_PATHS.parallel(work)) }, 'Parallel view')])] : []),
  ]);
}

/** An Expression's IRI in the resolver tree: straight on to its HTML publication. */
export function expressionRedirect(doc: SiteDocument): string {
  const path = SITE_PATHS.resolver(doc.expressionIri);
  const target = relativeHref(path, SITE_PATHS.document(doc.stem, '.html'));
  return page(path, doc.symbol ?? doc.stem, [h('h1', doc.symbol ?? doc.stem), h('p', [h('a', { href: target, lang: doc.lang, dir: doc.dir }, doc.title ?? doc.stem)])]).replace(
    '<meta name="generator" content="akn-press">',
    `<meta name="generator" content="akn-press"><meta http-equiv="refresh" content="0; url=${escapeXml(target)}">`,
  );
}

/** The search page: a form that works without script (GET ?q=) and the results the script lists. */
export function searchPage(): string {
  const path = SITE_PATHS.search;
  return page(path, 'Search', [
    h('h1', 'Search the texts'),
    h('form', { id: 'search-form', role: 'search', action: '', method: 'get', className: ['search-form'] }, [
      h('label', { htmlFor: 'search-input' }, 'Words to find (all must occur)'),
      h('input', { type: 'search', id: 'search-input', name: 'q' }),
      h('button', { type: 'submit' }, 'Search'),
    ]),
    h('p', { id: 'search-status', role: 'status' }),
    h('ol', { id: 'search-results', className: ['results'] }),
    h('noscript', [h('p', 'The search runs in the browser and needs JavaScript; the index lists every document.')]),
  ], { scripts: [SITE_PATHS.miniSearch, SITE_PATHS.searchIndex, SITE_PATHS.searchScript] });
}

/** The site's stylesheet (screen and print). */
export const SITE_CSS = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4d4d4d; --link: #0b4f8a; --rule: #c4c4c4; --paper: #fff; }
body { margin: 0 auto; max-width: 72rem; padding: 0 1rem 3rem; color: var(--ink); background: var(--paper);
  font-family: system-ui, "DejaVu Sans", "Noto Sans", sans-serif; line-height: 1.5; }
:lang(ar) { font-family: "Noto Naskh Arabic", Amiri, "DejaVu Sans", serif; }
:lang(zh) { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
a { color: var(--link); }
:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--paper); padding: .25rem .5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.site-header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; border-bottom: 2px solid var(--ink); margin-bottom: 1.5rem; }
.site-name { font-weight: bold; margin: .75rem 0; }
.site-header ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: .75rem 0; padding: 0; }
.site-footer { border-top: 1px solid var(--rule); margin-top: 3rem; color: var(--muted); font-size: .9rem; }
.note { color: var(--muted); }
.search-form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 1rem 0 2rem; }
.search-form input { font: inherit; padding: .25rem .4rem; min-width: 16rem; }
.search-form button { font: inherit; }
table.documents { border-collapse: collapse; width: 100%; margin-bottom: 2rem; }
table.documents th, table.documents td { text-align: start; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--rule); }
table.documents thead th { border-bottom: 2px solid var(--ink); }
.formats { list-style: none; display: flex; flex-wrap: wrap; gap: 0 .75rem; margin: 0; padding: 0; }
.parallel-link { display: inline-block; margin-top: .25rem; }
.results li { margin-bottom: 1rem; }
.languages { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; padding: 0; }
.results p { margin: .25rem 0 0; color: var(--muted); }
.parallel-wrap { overflow-x: auto; }
table.parallel { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.parallel th, table.parallel td { vertical-align: top; padding: .5rem .6rem; border: 1px solid var(--rule); text-align: start; }
table.parallel thead th { background: #f2f2ee; position: sticky; top: 0; }
table.parallel tbody th { width: 6.5rem; font-weight: normal; font-size: .9rem; }
table.parallel .corner { width: 6.5rem; border: 0; }
table.parallel p { margin: 0 0 .5em; }
table.parallel .unit-head { font-weight: bold; }
table.parallel td[dir="rtl"] { line-height: 1.8; }
table.parallel tr:target { outline: 3px solid var(--link); }
table.parallel tr.part th { text-align: start; background: #f7f7f4; font-weight: bold; }
table.parallel td.unaligned { color: var(--muted); font-style: italic; }
@media (max-width: 48rem) {
  table.parallel, table.parallel tbody, table.parallel tr, table.parallel th, table.parallel td { display: block; width: auto; }
  table.parallel thead { display: none; }
  table.parallel tr { border-top: 2px solid var(--ink); margin-top: 1rem; }
}
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { max-width: none; padding: 0; font-size: 9pt; }
  .site-header nav, .site-footer, .skip, .search-form { display: none; }
  a { color: inherit; text-decoration: none; }
  table.parallel thead th { position: static; background: none; }
  table.parallel tr { break-inside: avoid-page; }
  table.parallel thead { display: table-header-group; }
}
`.trimStart();
