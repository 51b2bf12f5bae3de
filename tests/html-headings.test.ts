// Headings of the HTML publication for structures the parser makes from texts it has never seen: a
// topical heading between recitals (Security Council preamble) and the title of a text adopted inline
// are headings at their level, not paragraphs, and the heading order stays valid (axe heading-order and
// WCAG rules in headless Chromium).
import axe from 'axe-core';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../pipeline/build.js';
import { renderHtml } from '../pipeline/render/html/index.js';
import { AXE_TAGS, CHROMIUM } from './publication-helpers.js';

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch(CHROMIUM);
});
afterAll(async () => {
  await browser?.close();
});

async function pageOf(lines: string[]): Promise<Page> {
  const result = build({ file: 'test.txt', text: lines.join('\n') }, { formats: ['xml'] });
  expect(result.context.problems).toEqual([]);
  const page = await browser.newPage({ bypassCSP: true });
  await page.setContent(renderHtml(result.xml, { file: 'test.akn.xml' }), { waitUntil: 'load' });
  return page;
}

/** The document's title and every heading of the main content, HTML or ARIA, as "level text". */
const headings = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('header h1, main h1, main h2, main h3, main h4, main h5, main h6, main [role=heading]')].map((e) => {
      const level = e.getAttribute('aria-level') ?? e.tagName.slice(1);
      return `${level} ${(e.textContent ?? '').replace(/\s+/g, ' ').trim()}`;
    }),
  );

async function axeRun(page: Page, options: object): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  return page.evaluate(async (opts) => {
    const run = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: Array<{ id: string }> }> } }).axe.run;
    return (await run(document, opts)).violations.map((v) => v.id);
  }, options);
}

describe('a Security Council preamble with topical headings', () => {
  let page: Page;
  beforeAll(async () => {
    page = await pageOf([
      'The Security Council,',
      'Recalling its previous resolutions,',
      'Political process',
      'Welcoming the agreement of the parties,',
      'Humanitarian situation',
      'Expressing concern at the situation,',
      'Mandate',
      '1. Decides to extend the mandate;',
      '2. Decides to remain seized of the matter.',
    ]);
  });
  afterAll(async () => page?.close());

  it('renders each heading between recitals as a heading one level below the title, like the operative sections', async () => {
    expect(await page.locator('.akn-preamble-heading').count()).toBe(2);
    const list = await headings(page);
    expect(list.filter((h) => /Political process|Humanitarian situation|Mandate/.test(h))).toEqual(['2 Political process', '2 Humanitarian situation', '2 Mandate']);
    expect(await page.locator('h2.akn-preamble-heading').allTextContents()).toEqual(['Political process', 'Humanitarian situation']);
  });

  it('keeps a valid heading order (axe heading-order) and passes the WCAG rules', async () => {
    expect(await axeRun(page, { runOnly: { type: 'rule', values: ['heading-order', 'page-has-heading-one', 'empty-heading'] } })).toEqual([]);
    expect(await axeRun(page, { runOnly: { type: 'tag', values: AXE_TAGS } })).toEqual([]);
  });
});

describe('a text adopted inline, with its title', () => {
  let page: Page;
  beforeAll(async () => {
    const points = ['health', 'water', 'food', 'housing', 'schools', 'roads', 'energy', 'trade', 'science', 'culture', 'sport', 'peace'];
    page = await pageOf([
      'Prevention of epidemics',
      'The General Assembly,',
      'Recalling its resolutions,',
      '1. Welcomes the high-level meeting;',
      '2. Adopts the following political declaration:',
      'Political declaration of the high-level meeting',
      'on the prevention of epidemics',
      'We, Heads of State and Government, assembled at the United Nations,',
      'Recognizing the burden of epidemics,',
      ...points.map((point, i) => `${i + 1}. Commit to act on ${point} as the programme says${i === points.length - 1 ? '.' : ';'}`),
      '3. Requests the Secretary-General to report on the implementation of the declaration.',
    ]);
  });
  afterAll(async () => page?.close());

  it('renders the adopted text\'s title as a heading below the document\'s title', async () => {
    expect(await headings(page)).toEqual(['1 Prevention of epidemics', '2 Political declaration of the high-level meeting on the prevention of epidemics']);
    // Inside the paragraph that adopts it (running text), the heading is an ARIA heading.
    expect(await page.locator('#para_2 [role=heading][aria-level="2"].akn-title').count()).toBe(1);
  });

  it('keeps a valid heading order (axe heading-order) and passes the WCAG rules', async () => {
    expect(await axeRun(page, { runOnly: { type: 'rule', values: ['heading-order', 'page-has-heading-one', 'empty-heading'] } })).toEqual([]);
    expect(await axeRun(page, { runOnly: { type: 'tag', values: AXE_TAGS } })).toEqual([]);
  });
});

describe('a text with articles adopted inline', () => {
  it('puts the articles one level below the adopted text\'s title, in a valid heading order', async () => {
    const page = await pageOf([
      'Declaration on cooperation',
      'The General Assembly,',
      'Recalling its resolutions,',
      '1. Adopts the following Declaration:',
      'Declaration on the principles of cooperation',
      'Article 1',
      'States shall cooperate.',
      'Article 2',
      'States shall report.',
    ]);
    try {
      expect(await headings(page)).toEqual(['1 Declaration on cooperation', '2 Declaration on the principles of cooperation', '3 Article 1', '3 Article 2']);
      expect(await axeRun(page, { runOnly: { type: 'rule', values: ['heading-order', 'page-has-heading-one', 'empty-heading'] } })).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('operative headings nested by their numbering (section > title > division)', () => {
  it('renders each level one heading level below its parent, in a valid heading order', async () => {
    const page = await pageOf([
      'Questions relating to the programme budget',
      'The General Assembly,',
      'Recalling its resolutions,',
      'I. General matters',
      '1. Decides to act;',
      'A. Reports',
      '2. Requests a report;',
      'Financing',
      '3. Decides to finance;',
      'B. Coordination',
      '4. Decides to coordinate;',
      'II. Other matters',
      '1. Decides to remain seized of the matter.',
    ]);
    try {
      expect(await headings(page)).toEqual([
        '1 Questions relating to the programme budget',
        '2 I. General matters',
        '3 A. Reports',
        '4 Financing',
        '3 B. Coordination',
        '2 II. Other matters',
      ]);
      expect(await page.locator('section#sec_I section#sec_I__title_A section#sec_I__title_A__dvs_1').count()).toBe(1);
      expect(await axeRun(page, { runOnly: { type: 'rule', values: ['heading-order', 'page-has-heading-one', 'empty-heading'] } })).toEqual([]);
      expect(await axeRun(page, { runOnly: { type: 'tag', values: AXE_TAGS } })).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('the heading "Preamble" of a declaration', () => {
  it('a declaration printed alone: "Preamble" is a heading one level below the title, beside the articles', async () => {
    const page = await pageOf([
      'Universal Declaration',
      'Preamble',
      'Whereas recognition of dignity is the foundation of freedom,',
      'Whereas disregard for rights has resulted in barbarous acts,',
      'The General Assembly',
      'Proclaims this Declaration as a common standard of achievement.',
      'Article 1',
      'All human beings are born free and equal in dignity and rights.',
      'Article 2',
      'Everyone has the right to life.',
    ]);
    try {
      expect(await headings(page)).toEqual(['1 Universal Declaration', '2 Preamble', '2 Article 1', '2 Article 2']);
      expect(await page.locator('h2#preamble__block_1').count()).toBe(1);
      expect(await axeRun(page, { runOnly: { type: 'rule', values: ['heading-order', 'page-has-heading-one', 'empty-heading'] } })).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('an annexed declaration: "Preamble" is a heading of the annex, at the level of its articles', async () => {
    const page = await pageOf([
      'Declaration on the rights of persons',
      'The General Assembly,',
      'Recalling its resolutions,',
      '1. Adopts the Declaration annexed to the present resolution.',
      'Annex',
      'Declaration on the rights of persons',
      'Preamble',
      'Considering that the peoples have reaffirmed their faith,',
      'Article 1',
      'Everyone has rights.',
    ]);
    try {
      const list = await headings(page);
      const preamble = list.find((h) => h.endsWith(' Preamble'));
      const article = list.find((h) => h.endsWith(' Article 1'));
      expect(preamble).toBeDefined();
      expect(preamble!.split(' ')[0]).toBe(article!.split(' ')[0]);
      expect(Number(preamble!.split(' ')[0])).toBeGreaterThan(2);
      expect(await axeRun(page, { runOnly: { type: 'rule', values: ['heading-order', 'page-has-heading-one', 'empty-heading'] } })).toEqual([]);
      expect(await axeRun(page, { runOnly: { type: 'tag', values: AXE_TAGS } })).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
