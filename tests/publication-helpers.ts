// Shared by tests/html.test.ts and tests/epub.test.ts: the inputs (fixtures, then whatever the
// pipeline has built in output/), Chromium launch settings, and the word comparison.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { type AknElement, documentElement, parseAkn, textOf } from '../pipeline/akn-tree.js';

export const ROOT = join(import.meta.dirname, '..');

export interface PublicationInput {
  name: string;
  file: string;
  /** Fixtures carry the specific assertions; outputs of the parser get the generic ones. */
  fixture: boolean;
}

export const FIXTURES: PublicationInput[] = [
  'profile-sample-80-999',
  'profile-sample-80-999-ara',
  'handwritten-blocklist',
  'escaping-sc',
].map((name) => ({ name, file: join(ROOT, 'tests/fixtures', `${name}.akn.xml`), fixture: true }));

/**
 * output/*.akn.xml, when the pipeline has built them (e.g. output/fr_A-72-L.10.akn.xml); another
 * folder of AKN files can be given with AKN_RENDER_INPUTS (e.g. another tool's statements).
 */
const outputDir = process.env.AKN_RENDER_INPUTS ?? join(ROOT, 'output');
export const OUTPUTS: PublicationInput[] = existsSync(outputDir)
  ? readdirSync(outputDir)
      .filter((f) => f.endsWith('.akn.xml'))
      .sort()
      .map((f) => ({ name: `output-${f.replace(/\.akn\.xml$/, '')}`, file: join(outputDir, f), fixture: false }))
  : [];

export const INPUTS = [...FIXTURES, ...OUTPUTS];

export const read = (input: PublicationInput) => readFileSync(input.file, 'utf8');

export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Words: runs of letters, marks and digits after NFKC normalisation (markers such as `*` are not words). */
export function words(text: string): string[] {
  return text.normalize('NFKC').match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

function count(into: Map<string, number>, text: string): void {
  for (const word of words(text)) into.set(word, (into.get(word) ?? 0) + 1);
}

/**
 * The words of the AKN text (the statement without meta, notes included), counted per text run:
 * element boundaries separate words, as they do in the publication, where `<num>1.</num><content>`
 * and a note moved to the end must not glue words together.
 */
export function aknWords(xml: string): Map<string, number> {
  const counts = new Map<string, number>();
  // A note repeated where it is cited again (same marker, same text) is listed once: count it once.
  const notes = new Set<string>();
  const walk = (element: AknElement) => {
    if (element.name === 'authorialNote') {
      const key = `${element.attrs.marker ?? ''}\u0000${textOf(element).replace(/\s+/g, ' ').trim()}`;
      if (notes.has(key)) return;
      notes.add(key);
    }
    let run = '';
    for (const child of element.children) {
      if (child.type === 'text') {
        run += child.value;
        continue;
      }
      count(counts, run);
      run = '';
      if (child.name !== 'meta') walk(child);
    }
    count(counts, run);
  };
  walk(documentElement(parseAkn(xml)));
  return counts;
}

/**
 * The eIds the publication must carry as ids: every eId outside meta, except inside the body of a
 * note that repeats an earlier one (listed once). eIds that are not URL-safe are left out (renamed).
 */
export function renderedEIds(xml: string): string[] {
  const out: string[] = [];
  const notes = new Set<string>();
  const walk = (element: AknElement) => {
    for (const child of element.children) {
      if (child.type !== 'element' || child.name === 'meta') continue;
      const eId = child.attrs.eId;
      if (eId && !/[\s<>"'&`#%\\^{}|[\]]/.test(eId)) out.push(eId);
      if (child.name === 'authorialNote') {
        const key = `${child.attrs.marker ?? ''}\u0000${textOf(child).replace(/\s+/g, ' ').trim()}`;
        if (notes.has(key)) continue;
        notes.add(key);
      }
      walk(child);
    }
  };
  walk(documentElement(parseAkn(xml)));
  return out;
}

/** The words of a page's body, counted per DOM text node (the same granularity as aknWords). */
export async function pageWords(page: Page): Promise<Map<string, number>> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) out.push(node.nodeValue ?? '');
    return out;
  });
  const counts = new Map<string, number>();
  for (const text of texts) count(counts, text);
  return counts;
}

/** Words of the AKN that the publication lacks (or has fewer times): must be empty. */
export function missingWords(akn: Map<string, number>, published: Map<string, number>): string[] {
  const missing: string[] = [];
  for (const [word, n] of akn) {
    const have = published.get(word) ?? 0;
    if (have < n) missing.push(`${word} (${have}/${n})`);
  }
  return missing;
}

export const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

/** Internal links (`href="#…"`) whose target id is not in the page. */
export async function brokenFragmentLinks(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('a[href^="#"]')]
      .map((a) => a.getAttribute('href')!)
      .filter((href) => !document.getElementById(decodeURIComponent(href.slice(1)))),
  );
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) in the page; returns the violations, summarised. */
export async function axeViolations(page: Page, axeSource: string): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  }, AXE_TAGS);
  return violations;
}
