// HTML publication: rendered from AKN XML only, checked in headless Chromium (axe-core WCAG 2.1 AA,
// internal links, no outside request, no word lost, escaping) and by its structure.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../pipeline/report.js';
import { DEFAULT_RESOLVER_BASE, renderHtml } from '../pipeline/render/html/index.js';
import { validateSchema } from '../pipeline/validate.js';
import {
  CHROMIUM, FIXTURES, INPUTS, ROOT, type PublicationInput, aknWords, axeViolations, brokenFragmentLinks,
  missingWords, pageWords, read, renderedEIds, total,
} from './publication-helpers.js';

const ARTIFACTS = join(ROOT, 'tests/artifacts');

describe('test fixtures are valid Akoma Ntoso', () => {
  it.each(FIXTURES)('$name validates against the OASIS AKN 3.0 schema', (input) => {
    expect(validateSchema(read(input))).toEqual([]);
  });
});

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch(CHROMIUM);
  // The file's own CSP would block axe's injected script; bypass it so that the request and script
  // checks below test what the renderer emits, not what the CSP hides.
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

interface LoadedPage {
  page: Page;
  html: string;
  requests: string[];
  /** Facts read before axe injects its own script. */
  scriptElements: number;
}

async function load(input: PublicationInput): Promise<LoadedPage> {
  const html = renderHtml(read(input), { file: input.file });
  const page = await context.newPage();
  const requests: string[] = [];
  await page.route('**/*', async (route) => {
    requests.push(route.request().url());
    await route.abort();
  });
  await page.setContent(html, { waitUntil: 'load' });
  const scriptElements = await page.locator('script').count();
  // A screenshot of the fixtures and the project's sample, for review in tests/artifacts/ (the corpus
  // outputs are checked by the assertions below; their screenshots cost time and, on a loaded machine,
  // Chromium's capture times out for little review value).
  if (input.fixture || input.name === 'output-fr_A-72-L.10') await page.screenshot({ path: join(ARTIFACTS, `${input.name}.png`), fullPage: true });
  return { page, html, requests, scriptElements };
}

describe.each(INPUTS)('HTML of $name', (input) => {
  let loaded: LoadedPage;
  beforeAll(async () => {
    loaded = await load(input);
  });
  afterAll(async () => {
    await loaded?.page.close();
  });

  it('is one self-contained HTML5 file: inline CSS, no script, no outside request', async () => {
    const { page, html, requests, scriptElements } = loaded;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(scriptElements).toBe(0);
    expect(requests).toEqual([]);
    expect(await page.locator('style').count()).toBe(1);
    expect(await page.locator('link[rel=stylesheet], img, iframe, object, embed, video, audio').count()).toBe(0);
    expect(html).not.toMatch(/url\(|@import|@font-face/);
  });

  it('every internal link resolves to an element id', async () => {
    expect(await brokenFragmentLinks(loaded.page)).toEqual([]);
  });

  it('gives every eId of the text its id (deep links #para_5 work in every language)', async () => {
    const eIds = renderedEIds(read(input));
    const missing = await loaded.page.evaluate((list) => list.filter((id) => !document.getElementById(id)), eIds);
    expect(missing).toEqual([]);
  });

  it('loses no word of the AKN text', async () => {
    const akn = aknWords(read(input));
    const html = await pageWords(loaded.page);
    expect(total(akn)).toBeGreaterThan(0);
    expect(missingWords(akn, html)).toEqual([]);
  });

  it('has lang and dir from FRBRlanguage, one h1 and a header', async () => {
    const { page } = loaded;
    expect(await page.locator('html').getAttribute('lang')).toMatch(/^[a-z]{2,3}(-|$)/);
    expect(['ltr', 'rtl']).toContain(await page.locator('html').getAttribute('dir'));
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('body > header.akn-document-header').count()).toBe(1);
    expect(await page.locator('body > main').count()).toBe(1);
  });

  it('passes axe-core (WCAG 2.0/2.1 A and AA): 0 violations', async () => {
    expect(await axeViolations(loaded.page, axe.source)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Fixture-specific assertions (they do not depend on the parser's outputs).

const fixture = (name: string) => FIXTURES.find((f) => f.name === name)!;

describe('HTML structure of the profile sample (A/RES/80/999)', () => {
  let page: Page;
  let html: string;
  beforeAll(async () => {
    ({ page, html } = await load(fixture('profile-sample-80-999')));
  });
  afterAll(async () => page?.close());

  it('is English, left to right', async () => {
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
  });

  it('has a header with symbol, body, session, status and title', async () => {
    const header = page.locator('header.akn-document-header');
    expect(await header.locator('.akn-identity-symbol').textContent()).toBe('A/RES/80/999');
    expect(await header.locator('.akn-identity-body').textContent()).toBe('General Assembly');
    expect(await header.locator('.akn-identity-session').textContent()).toBe('Eightieth session');
    expect(await header.locator('.akn-identity-status').textContent()).toBe('Resolution');
    expect(await header.getAttribute('data-akn-status')).toBe('adopted');
    expect(await header.locator('h1').textContent()).toBe(
      '80/999. Cooperation between the United Nations and the Organisation of Islamic Cooperation on open parliamentary data',
    );
    expect(await header.locator('.akn-coverPage .akn-docNumber').textContent()).toBe('A/RES/80/999');
    expect(await page.locator('title').textContent()).toMatch(/^A\/RES\/80\/999: Cooperation/);
  });

  it('gives every eId its id and class akn-<element>', async () => {
    for (const [id, cls] of [
      ['preamble__container_1', 'akn-container'],
      ['para_2', 'akn-paragraph'],
      ['para_2__list_1__point_b__list_1__point_ii', 'akn-point'],
      ['conclusions__container_1', 'akn-container'],
    ]) {
      expect(await page.locator(`[id="${id}"]`).getAttribute('class')).toContain(cls);
    }
  });

  it('keeps opening phrases in italics and numbers as printed', async () => {
    expect(await page.locator('#preamble__container_1 i').first().textContent()).toBe('Recalling');
    expect(await page.locator('#para_1 > .akn-num').textContent()).toBe('1.');
    expect(await page.locator('#para_2__list_1__point_b > .akn-num').textContent()).toBe('(b)');
    // Sub-items are a real list, nested.
    expect(await page.locator('#para_2 ol.akn-points > li#para_2__list_1__point_b ol.akn-points > li').count()).toBe(2);
    const numStyle = await page.locator('#para_1').evaluate((e) => getComputedStyle(e).display);
    expect(numStyle).toBe('grid'); // hanging number
  });

  it('renders footnotes as links to a notes list, markers as printed, with back-links', async () => {
    const refs = page.locator('a.akn-noteref');
    expect(await refs.allTextContents()).toEqual(['*', '1']);
    for (const ref of await refs.all()) {
      const href = (await ref.getAttribute('href'))!;
      const id = (await ref.getAttribute('id'))!;
      const note = page.locator(`[id="${href.slice(1)}"]`);
      expect(await note.getAttribute('role')).toBe('doc-footnote');
      expect(await note.locator(`a[role=doc-backlink][href="#${id}"]`).count()).toBe(1);
    }
    expect(await page.locator('#coverPage__container_1__authorialNote_1').textContent()).toBe('*');
    expect(await page.locator('.akn-notes aside').first().textContent()).toContain('Reissued for technical reasons');
    expect(await page.locator('sup > a.akn-noteref').count()).toBe(2);
  });

  it('links AKN IRIs through the resolver, keeping the IRI in data-akn-href', async () => {
    const ref = page.locator('#preamble__container_1__ref_1');
    expect(await ref.getAttribute('data-akn-href')).toBe('/akn/un/statement/deliberation/un-ga/1982-10-22/37-4');
    expect(await ref.getAttribute('href')).toBe(`${DEFAULT_RESOLVER_BASE.replace(/\/$/, '')}/akn/un/statement/deliberation/un-ga/1982-10-22/37-4`);
    expect(await page.locator('#para_1__authorialNote_1__ref_1').getAttribute('href')).toBe('https://undocs.org/A/80/123');
    const other = renderHtml(read(fixture('profile-sample-80-999')), { resolverBase: 'https://example.org/resolve/' });
    expect(other).toContain('href="https://example.org/resolve/akn/un/statement/deliberation/un-ga/1982-10-22/37-4"');
  });

  it('marks dates and semantic inlines', async () => {
    expect(await page.locator('time.akn-date[datetime="1982-10-22"]').textContent()).toBe('22 October 1982');
    expect(await page.locator('time.akn-docDate[datetime="2025-12-15"]').count()).toBe(2);
    expect(await page.locator('span.akn-organization[data-akn-refersto="#oic"]').count()).toBe(2);
    expect(await page.locator('span.akn-role').count()).toBe(2);
  });

  it('has no table of contents (three operative paragraphs, no annex) and prints on A4', async () => {
    expect(await page.locator('nav').count()).toBe(0);
    expect(html).toMatch(/@page \{ size: A4;/);
    expect(html).toMatch(/@media print/);
  });

  it('can be rendered as a fragment', () => {
    const fragment = renderHtml(read(fixture('profile-sample-80-999')), { standalone: false });
    expect(fragment.startsWith('<div class="akn-publication" lang="en" dir="ltr">')).toBe(true);
    expect(fragment).not.toContain('<style>');
  });
});

describe('HTML of the Arabic variant is right to left', () => {
  let page: Page;
  beforeAll(async () => {
    ({ page } = await load(fixture('profile-sample-80-999-ara')));
  });
  afterAll(async () => page?.close());

  it('has lang=ar dir=rtl and Arabic labels', async () => {
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('.akn-identity-status').textContent()).toBe('قرار');
    expect(await page.locator('.akn-identity-body').textContent()).toBe('الجمعية العامة');
    expect(await page.locator('.akn-notes-heading').textContent()).toBe('الحواشي');
  });

  it('hangs the paragraph numbers on the right', async () => {
    const num = await page.locator('#para_1 > .akn-num').boundingBox();
    const body = await page.locator('#para_1 > .akn-hier-body').boundingBox();
    expect(num!.x).toBeGreaterThan(body!.x + body!.width - 1);
  });

  it('keeps the same fragment ids as the English version', async () => {
    expect(await page.locator('[id="para_2__list_1__point_b__list_1__point_ii"] > .akn-num').textContent()).toBe('’2‘');
  });
});

describe('HTML of the hand-written statement (elements a parser may never emit)', () => {
  let page: Page;
  beforeAll(async () => {
    ({ page } = await load(fixture('handwritten-blocklist')));
  });
  afterAll(async () => page?.close());

  it('is a draft with a header built from the metadata (no coverPage)', async () => {
    const header = page.locator('header.akn-document-header');
    expect(await header.getAttribute('data-akn-status')).toBe('draft');
    expect(await header.locator('.akn-identity-status').textContent()).toBe('Draft resolution');
    expect(await header.locator('.akn-identity-symbol').textContent()).toBe('A/80/L.50');
    expect(await header.locator('.akn-identity-body').textContent()).toBe('General Assembly');
    expect(await header.locator('h1').textContent()).toBe('Open publication of the resolutions of the General Assembly');
  });

  it('renders a blockList in a recital as a list with its introduction', async () => {
    const list = page.locator('[id="preamble__container_2__list_1"]');
    expect(await list.locator('> p.akn-listIntroduction i').textContent()).toBe('Noting');
    expect(await list.locator('> ol.akn-items > li.akn-item').count()).toBe(3);
    expect(await page.locator('[id="preamble__container_2__list_1__item_b"] > .akn-num').textContent()).toBe('(b)');
  });

  it('renders sections with their number and heading as headings', async () => {
    const heading = page.locator('#sec_I > h2.akn-heading-line');
    expect(await heading.locator('.akn-num').textContent()).toBe('I');
    expect(await heading.locator('.akn-heading').textContent()).toBe('Publication');
    expect(await page.locator('#sec_I__para_2__list_1__wrapup').textContent()).toBe('and shall be free of charge;');
  });

  it('degrades gracefully on elements without a handler (tblock, hcontainer)', async () => {
    const tblock = page.locator('[id="preamble__container_3__tblock_1"]');
    expect(await tblock.getAttribute('class')).toContain('akn-tblock');
    expect(await tblock.textContent()).toContain('a paragraph number must read the same in every language version');
    const hcontainer = page.locator('#sec_II__hcontainer_1');
    expect(await hcontainer.getAttribute('class')).toContain('akn-hcontainer');
    expect(await hcontainer.getAttribute('data-akn-name')).toBe('x');
    expect(await hcontainer.locator('h3.akn-heading').textContent()).toBe('Reporting');
  });

  it('renders the annex (attachment/doc) with its own title and paragraphs', async () => {
    const annex = page.locator('#att_1');
    expect(await annex.locator('h2.akn-title').textContent()).toBe('Checklist for publishing a resolution');
    expect(await annex.locator('#att_1__para_2 .akn-p').textContent()).toBe(
      'Each footnote keeps its marker as printed & links back to the text.',
    );
  });

  it('lists a note cited twice once, with two back-links', async () => {
    const refs = page.locator('a.akn-noteref');
    expect(await refs.allTextContents()).toEqual(['1', '2', '2']);
    const hrefs = await refs.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs[1]).toBe(hrefs[2]);
    expect(await page.locator('.akn-notes aside').count()).toBe(2);
    const backlinks = await page.locator(`[id="${hrefs[1]!.slice(1)}"] a[role=doc-backlink]`).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(backlinks).toEqual(['#sec_I__para_1__authorialNote_1', '#sec_II__para_3__authorialNote_1']);
  });

  it('lists two different notes printed with the same marker as two notes (only a repetition is merged)', () => {
    const xml = read(fixture('handwritten-blocklist'));
    const second = xml.lastIndexOf('See the annex to the present resolution.');
    const changed = `${xml.slice(0, second)}See document A/80/7.${xml.slice(second + 'See the annex to the present resolution.'.length)}`;
    const asides = (html: string) => html.match(/<aside\b/g)?.length ?? 0;
    const before = asides(renderHtml(xml));
    const after = renderHtml(changed);
    expect(asides(after)).toBe(before + 1);
    expect(after).toContain('See the annex to the present resolution.');
    expect(after).toContain('See document A/80/7.');
  });

  it('resolves references: alternativeReference URL, same-document fragments', async () => {
    expect(await page.locator('#preamble__container_1__ref_1').getAttribute('href')).toBe('https://undocs.org/A/RES/79/1');
    expect(await page.locator('[id="sec_I__para_2__list_1__point_b__list_1__point_ii__ref_1"]').getAttribute('href')).toBe('#sec_I__para_1');
    expect(await page.locator('#sec_II__para_3__ref_1').getAttribute('href')).toBe('#att_1');
  });

  it('has a table of contents (an annex): preamble, operative part, sections, annex, notes', async () => {
    const nav = page.locator('nav.akn-toc');
    expect(await nav.count()).toBe(1);
    const labels = await nav.locator('a').allTextContents();
    for (const expected of ['Preamble', 'Operative part', 'I. Publication', 'II. Follow-up', 'Annex: Checklist for publishing a resolution', 'Notes', '1. Requests']) {
      expect(labels).toContain(expected);
    }
  });
});

describe('HTML escaping of hostile AKN text and attributes', () => {
  let loaded: LoadedPage;
  beforeAll(async () => {
    loaded = await load(fixture('escaping-sc'));
  });
  afterAll(async () => loaded?.page.close());

  it('keeps markup in the text as text (no script, no element from the text)', async () => {
    const { page, scriptElements, html } = loaded;
    expect(scriptElements).toBe(0);
    expect(await page.locator('img, b').count()).toBe(0);
    const recital = (await page.locator('#preamble__container_1').textContent())!;
    expect(recital).toContain('<script>alert(1)</script>');
    expect(recital).toContain('& nothing more, as is &amp; and <b>not bold</b>');
    // `<script` may only occur inside a quoted attribute value (data-akn-href keeps the AKN href).
    expect(html.replace(/="[^"]*"/g, '=""')).not.toContain('<script');
    expect(await page.locator('.akn-noteref').textContent()).toBe('<b>1');
  });

  it('never turns javascript: or data: hrefs into links, and drops style attributes', async () => {
    const { page } = loaded;
    expect(await page.locator('a[href^="javascript:"], a[href^="data:"]').count()).toBe(0);
    expect(await page.locator('#para_1__ref_1').evaluate((e) => e.tagName)).toBe('SPAN');
    expect(await page.locator('#para_1__ref_1').getAttribute('data-akn-href')).toBe('javascript:alert(1)');
    expect(await page.locator('[style]').count()).toBe(0);
    expect(await page.locator('[onerror]').count()).toBe(0);
  });

  it('percent-encodes http hrefs that are not URIs, keeping the original in data-akn-href', () => {
    const loose = read(fixture('escaping-sc')).replace('href="javascript:alert(1)"', 'href="https://undocs.org/en/A/RES/[70/1 x"');
    const html = renderHtml(loose);
    expect(html).toContain('data-akn-href="https://undocs.org/en/A/RES/[70/1 x" href="https://undocs.org/en/A/RES/%5B70/1%20x"');
  });

  it('turns an eId that tries to break out into a plain id', async () => {
    expect(await loaded.page.locator('.akn-paragraph').first().getAttribute('id')).toBe('para_1___img/src=x/onerror=alert(1)_');
  });

  it('takes the body from the docAuthority (Security Council)', async () => {
    expect(await loaded.page.locator('.akn-identity-body').textContent()).toBe('Security Council');
    expect(await loaded.page.locator('.akn-identity-symbol').textContent()).toBe('S/RES/2999 (2026)');
  });
});

describe('HTML input errors', () => {
  it('refuses a DTD and non-AKN XML with file:line messages', () => {
    expect(() => renderHtml('<!DOCTYPE x [<!ENTITY e "x">]><akomaNtoso/>', { file: 'bad.xml' })).toThrow(InputError);
    expect(() => renderHtml('<html/>', { file: 'bad.xml' })).toThrow(/not an Akoma Ntoso document/);
    let message = '';
    try {
      renderHtml('<akomaNtoso>\n<statement>', { file: 'broken.xml' });
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/^broken\.xml:\d+: not well-formed XML/);
  });
});
