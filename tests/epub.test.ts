// EPUB 3 publication: epubcheck (0 fatals, 0 errors, 0 warnings), byte-identical rebuilds, the
// container layout (mimetype first and stored), the package metadata, and the content document read
// by Chromium as XHTML (well-formed, no word lost, links resolve, axe-core WCAG 2.1 AA).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { crc32, inflateRawSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import axe from 'axe-core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { path as aknPath, documentElement, parseAkn } from '../pipeline/akn-tree.js';
import { EPUB_FILES, renderEpub } from '../pipeline/render/epub.js';
import { dosDateTime, zipArchive } from '../pipeline/render/zip.js';
import {
  CHROMIUM, FIXTURES, INPUTS, OUTPUTS, ROOT, type PublicationInput, aknWords, axeViolations, brokenFragmentLinks, missingWords,
  pageWords, read, total,
} from './publication-helpers.js';

const EPUBCHECK = '/usr/share/java/epubcheck.jar';
const BATCH_RUNNER = join(ROOT, 'tests/tools/EpubcheckBatch.java');
/**
 * `java -jar epubcheck.jar file.epub --json report.json`, with JVM flags for a short run (C1 compiler
 * only, serial GC: about half the wall time; the checks are the same). -Xss as in Debian's wrapper.
 */
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xss1024k'];
const OPS_NS = 'http://www.idpf.org/2007/ops';

interface EpubcheckResult {
  fatals: number;
  errors: number;
  warnings: number;
  messages: string[];
}

/** At most two JVMs at a time (the suite runs on two cores). */
const slots = { free: 2, waiting: [] as Array<() => void> };
async function inSlot<T>(task: () => Promise<T>): Promise<T> {
  while (slots.free === 0) await new Promise<void>((resolve) => slots.waiting.push(resolve));
  slots.free--;
  try {
    return await task();
  } finally {
    slots.free++;
    slots.waiting.shift()?.();
  }
}

type Report = { messages: Array<{ severity: string; ID: string; message: string; locations?: Array<{ path: string; line: number; column: number }> }> };

/** Reads epubcheck's JSON report (`FILE.json`) and counts its messages by severity. */
function readReport(file: string): EpubcheckResult {
  const report = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as Report;
  const bySeverity = (s: string) => report.messages.filter((m) => m.severity === s).length;
  return {
    fatals: bySeverity('FATAL'),
    errors: bySeverity('ERROR'),
    warnings: bySeverity('WARNING'),
    messages: report.messages.map(
      (m) => `${m.severity} ${m.ID}: ${m.message} ${(m.locations ?? []).map((l) => `${l.path}:${l.line}:${l.column}`).join(' ')}`,
    ),
  };
}

function java(args: string[]): Promise<void> {
  // Exit status 1 means "messages found" (or a failed file); the JSON reports say which.
  return new Promise((resolve) => execFile('java', args, { timeout: 600_000 }, () => resolve()));
}

/** `java -jar epubcheck.jar FILE --json FILE.json` (the fixtures are checked exactly this way). */
async function epubcheckCli(file: string): Promise<EpubcheckResult> {
  await inSlot(() => java([...JVM_FLAGS, '-jar', EPUBCHECK, file, '--json', `${file}.json`]));
  if (!existsSync(`${file}.json`)) throw new Error(`epubcheck produced no report for ${file} (is java/epubcheck installed?)`);
  return readReport(file);
}

/**
 * Many EPUBs in one JVM (tests/tools/EpubcheckBatch.java: epubcheck's API and its --json reporter).
 * Where the JDK cannot run a source file (a JRE only), each file falls back to the command line.
 */
function epubcheckBatch(files: string[]): Map<string, Promise<EpubcheckResult>> {
  const done = files.length > 0 ? inSlot(() => java([...JVM_FLAGS, '-cp', EPUBCHECK, BATCH_RUNNER, ...files])) : Promise.resolve();
  return new Map(files.map((f) => [f, done.then(() => (existsSync(`${f}.json`) ? readReport(f) : epubcheckCli(f)))]));
}

interface BuiltEpub {
  bytes: Uint8Array;
  file: string;
  /** The unpacked container, for Chromium (file:// URLs). */
  dir: string;
  entries: Record<string, Uint8Array>;
}

const work = mkdtempSync(join(tmpdir(), 'akn-epub-test-'));
const built = new Map<string, BuiltEpub>();
const checks = new Map<string, Promise<EpubcheckResult>>();
/** An EPUB with a planted error (no dc:title), to show that the checking really reports errors. */
let planted: Promise<EpubcheckResult>;
/** An EPUB from AKN that is not schema-valid, as other tools write it: hrefs that are not URIs. */
let looseHrefs: Promise<EpubcheckResult>;
const LOOSE_HREFS: Array<[string, string]> = [
  ['href="javascript:alert(1)"', 'href="https://undocs.org/en/A/RES/[70/1"'],
  ['href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"', 'href="http://example.org/a b|c%zz"'],
];
let browser: Browser;
let context: BrowserContext;

function build(input: PublicationInput): BuiltEpub {
  const bytes = renderEpub(read(input), { file: input.file });
  const file = join(work, `${input.name}.epub`);
  writeFileSync(file, bytes);
  const dir = join(work, input.name);
  const entries = unzipSync(bytes);
  for (const [name, data] of Object.entries(entries)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return { bytes, file, dir, entries };
}

/** The sample's EPUB without its dc:title (a schema error for epubcheck), zipped the same way. */
function plantError(sample: BuiltEpub): string {
  const entries = { ...sample.entries };
  entries[EPUB_FILES.package] = strToU8(strFromU8(entries[EPUB_FILES.package]!).replace(/\s*<dc:title[^>]*>[^<]*<\/dc:title>/, ''));
  const file = join(work, 'planted-error.epub');
  const { mimetype, ...rest } = entries;
  writeFileSync(file, zipSync({ mimetype: [mimetype!, { level: 0 }], ...rest }));
  return file;
}

beforeAll(async () => {
  // Build every EPUB first, so epubcheck runs in the background while Chromium works.
  for (const input of INPUTS) built.set(input.name, build(input));
  for (const input of FIXTURES) checks.set(input.name, epubcheckCli(built.get(input.name)!.file));
  const plantedFile = plantError(built.get(FIXTURES[0]!.name)!);
  const looseFile = join(work, 'loose-hrefs.epub');
  const hostile = FIXTURES.find((f) => f.name === 'escaping-sc')!;
  writeFileSync(looseFile, renderEpub(LOOSE_HREFS.reduce((xml, [from, to]) => xml.replace(from, to), read(hostile))));
  const batch = epubcheckBatch([...OUTPUTS.map((o) => built.get(o.name)!.file), plantedFile, looseFile]);
  for (const output of OUTPUTS) checks.set(output.name, batch.get(built.get(output.name)!.file)!);
  planted = batch.get(plantedFile)!;
  looseHrefs = batch.get(looseFile)!;
  for (const check of [...checks.values(), planted, looseHrefs]) check.catch(() => undefined); // awaited by the tests
  browser = await chromium.launch(CHROMIUM);
  context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await Promise.allSettled([...checks.values(), planted, looseHrefs]);
  rmSync(work, { recursive: true, force: true });
});

/** Opens a file of the unpacked EPUB; only files inside it may be requested. */
async function open(epub: BuiltEpub, name: string): Promise<{ page: Page; requests: string[] }> {
  const page = await context.newPage();
  const requests: string[] = [];
  const inside = pathToFileURL(epub.dir).href;
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith(`${inside}/`)) await route.continue();
    else await route.abort();
  });
  await page.goto(pathToFileURL(join(epub.dir, name)).href, { waitUntil: 'load' });
  return { page, requests };
}

const xmlParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', textNodeName: '#text', parseTagValue: false });
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const text = (v: unknown): string => (typeof v === 'string' ? v : ((v as Record<string, string>)?.['#text'] ?? ''));

describe.each(INPUTS)('EPUB of $name', (input) => {
  let epub: BuiltEpub;
  beforeAll(() => {
    epub = built.get(input.name)!;
  });

  it('starts with the mimetype entry, stored, without extra field', () => {
    const view = new DataView(epub.bytes.buffer, epub.bytes.byteOffset, epub.bytes.byteLength);
    expect(view.getUint32(0, true)).toBe(0x04034b50); // local file header
    expect(view.getUint16(8, true)).toBe(0); // compression method: stored
    const nameLength = view.getUint16(26, true);
    const extraLength = view.getUint16(28, true);
    expect(strFromU8(epub.bytes.subarray(30, 30 + nameLength))).toBe('mimetype');
    expect(extraLength).toBe(0);
    expect(strFromU8(epub.bytes.subarray(30 + nameLength, 30 + nameLength + 20))).toBe('application/epub+zip');
    expect(Object.keys(epub.entries)).toEqual(Object.values(EPUB_FILES));
  });

  it('is reproducible: a second render, in another time zone, is byte-identical', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati'; // UTC+14: a local-time zip date would change day
      const again = renderEpub(read(input), { file: input.file });
      expect(Buffer.compare(Buffer.from(again), Buffer.from(epub.bytes))).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('has well-formed XML in every XML file', () => {
    for (const [name, data] of Object.entries(epub.entries)) {
      if (!/\.(xhtml|opf|xml)$/.test(name)) continue;
      expect(XMLValidator.validate(strFromU8(data)), name).toBe(true);
    }
  });

  it('has package metadata from the AKN (identifier, title, language, creator, dates, accessibility)', () => {
    const document = documentElement(parseAkn(read(input)));
    const identification = aknPath(document, 'meta', 'identification');
    const expressionUri = aknPath(identification, 'FRBRExpression', 'FRBRuri')?.attrs.value;
    const manifestationDate = aknPath(identification, 'FRBRManifestation', 'FRBRdate')?.attrs.date;
    const opf = xmlParser.parse(strFromU8(epub.entries[EPUB_FILES.package]!)).package;
    expect(opf['@version']).toBe('3.0');
    const metadata = opf.metadata;
    const identifier = asArray(metadata['dc:identifier']).find((i: Record<string, string>) => i['@id'] === opf['@unique-identifier']);
    expect(text(identifier)).toBe(expressionUri);
    expect(text(metadata['dc:title']).length).toBeGreaterThan(0);
    expect(text(metadata['dc:language'])).toMatch(/^[a-z]{2,3}$/);
    const metas = asArray(metadata.meta as Array<Record<string, string>>).map((m) => [m['@property'], text(m)]);
    // Zip (DOS) dates start in 1980; an unknown date (0001-01-01) is clamped there.
    const modified = !manifestationDate || manifestationDate < '1980-01-01' ? '1980-01-01' : manifestationDate;
    expect(metas).toContainEqual(['dcterms:modified', `${modified}T00:00:00Z`]);
    for (const expected of [
      ['schema:accessMode', 'textual'],
      ['schema:accessModeSufficient', 'textual'],
      ['schema:accessibilityFeature', 'structuralNavigation'],
      ['schema:accessibilityFeature', 'tableOfContents'],
      ['schema:accessibilityFeature', 'readingOrder'],
      ['schema:accessibilityHazard', 'none'],
    ]) {
      expect(metas).toContainEqual(expected);
    }
    expect(metas.some(([p, v]) => p === 'schema:accessibilitySummary' && v!.length > 20)).toBe(true);
  });

  describe('content document in Chromium', () => {
    let page: Page;
    let requests: string[];
    beforeAll(async () => {
      ({ page, requests } = await open(epub, 'EPUB/content.xhtml'));
    });
    afterAll(async () => page?.close());

    it('is parsed as XHTML without error and requests only files of the EPUB', async () => {
      expect(await page.evaluate(() => document.contentType)).toBe('application/xhtml+xml');
      expect(await page.evaluate(() => document.getElementsByTagName('parsererror').length)).toBe(0);
      expect(await page.evaluate(() => document.documentElement.namespaceURI)).toBe('http://www.w3.org/1999/xhtml');
      expect(requests.map((r) => r.slice(r.lastIndexOf('/') + 1))).toEqual(['content.xhtml', 'style.css']);
      expect(await page.locator('script').count()).toBe(0);
    });

    it('loses no word of the AKN text', async () => {
      const akn = aknWords(read(input));
      expect(total(akn)).toBeGreaterThan(0);
      expect(missingWords(akn, await pageWords(page))).toEqual([]);
    });

    it('every internal link resolves', async () => {
      expect(await brokenFragmentLinks(page)).toEqual([]);
    });

    it('marks footnotes the EPUB 3 way (noteref → footnote aside)', async () => {
      const notes = await page.evaluate((ops) => {
        const refs = [...document.querySelectorAll('a.akn-noteref')];
        return refs.map((a) => {
          const target = document.getElementById(a.getAttribute('href')!.slice(1));
          return {
            refType: a.getAttributeNS(ops, 'type'),
            refRole: a.getAttribute('role'),
            targetTag: target?.localName,
            targetType: target?.getAttributeNS(ops, 'type'),
            targetRole: target?.getAttribute('role'),
            backlink: !!target?.querySelector(`a[role="doc-backlink"][href="#${a.id}"]`),
          };
        });
      }, OPS_NS);
      for (const note of notes) {
        expect(note).toEqual({
          refType: 'noteref', refRole: 'doc-noteref', targetTag: 'aside', targetType: 'footnote', targetRole: 'doc-footnote', backlink: true,
        });
      }
    });

    // The content document is the HTML renderer's tree (plus epub:type and a linked style sheet);
    // tests/html.test.ts runs axe on every input, here the fixtures are enough to cover the XHTML.
    it('is reached by every link of the navigation document (toc and landmarks)', async () => {
      const nav = strFromU8(epub.entries[EPUB_FILES.nav]!);
      const hrefsOf = (type: string) => {
        const block = new RegExp(`<nav [^>]*epub:type="${type}"[\\s\\S]*?</nav>`).exec(nav)?.[0] ?? '';
        return [...block.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
      };
      const toc = hrefsOf('toc');
      const landmarks = hrefsOf('landmarks');
      expect(toc.length).toBeGreaterThanOrEqual(2);
      expect(landmarks.length).toBeGreaterThanOrEqual(1);
      const hrefs = [...toc, ...landmarks];
      expect(hrefs.filter((href) => !href.startsWith('content.xhtml#'))).toEqual([]);
      const ids = hrefs.map((href) => href.slice('content.xhtml#'.length));
      const missing = await page.evaluate((list) => list.filter((id) => !document.getElementById(decodeURIComponent(id))), ids);
      expect(missing).toEqual([]);
    });

    // The content document is the HTML renderer's tree (plus epub:type and a linked style sheet);
    // tests/html.test.ts runs axe on every input, here the fixtures are enough to cover the XHTML
    // (the test exists for the fixtures only, rather than showing as skipped for the outputs).
    if (input.fixture) {
      it('passes axe-core (WCAG 2.0/2.1 A and AA): 0 violations', async () => {
        expect(await axeViolations(page, axe.source)).toEqual([]);
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Fixture-specific assertions

const fixture = (name: string) => FIXTURES.find((f) => f.name === name)!;
const entry = (name: string, file: string) => strFromU8(built.get(fixture(name).name)!.entries[file]!);

// Last, so that the JVMs work while Chromium does (vitest runs the tests of a file in order).
describe('epubcheck', () => {
  it.each(INPUTS)('$name passes: 0 fatals, 0 errors, 0 warnings', async (input) => {
    const result = await checks.get(input.name)!;
    expect(result.messages).toEqual([]);
    expect([result.fatals, result.errors, result.warnings]).toEqual([0, 0, 0]);
  });

  it('passes hrefs that are not URIs (other tools, PDF text) once percent-encoded: 0/0/0', async () => {
    const result = await looseHrefs;
    expect(result.messages).toEqual([]);
  });

  it('finds the error planted in a copy of the sample (no dc:title)', async () => {
    const result = await planted;
    expect(result.errors + result.fatals).toBeGreaterThan(0);
    expect(result.messages.join('\n')).toMatch(/title/);
  });
});

describe('EPUB package of the profile sample', () => {
  it('identifies the English expression and the General Assembly', () => {
    const opf = entry('profile-sample-80-999', EPUB_FILES.package);
    expect(opf).toContain('unique-identifier="pub-id"');
    expect(opf).toContain('<dc:identifier id="pub-id">/akn/un/statement/deliberation/un-ga/2025-12-15/80-999/eng@2025-12-15</dc:identifier>');
    expect(opf).toContain('<dc:title id="title">Cooperation between the United Nations and the Organisation of Islamic Cooperation on open parliamentary data</dc:title>');
    expect(opf).toContain('<dc:language>en</dc:language>');
    expect(opf).toContain('<dc:creator id="creator">General Assembly</dc:creator>');
    expect(opf).toContain('<dc:date>2025-12-15</dc:date>');
    expect(opf).toContain('<meta property="dcterms:modified">2026-01-05T00:00:00Z</meta>');
    expect(opf).not.toContain('page-progression-direction');
  });

  it('has a table of contents with title, preamble, operative part (paragraphs) and notes', () => {
    const nav = entry('profile-sample-80-999', EPUB_FILES.nav);
    for (const label of ['Preamble', 'Operative part', '1. Takes note with appreciation', '2. Requests', '3. Decides', 'Notes']) {
      expect(nav).toContain(`>${label}</a>`);
    }
    expect(nav).toContain('epub:type="landmarks"');
    expect(nav).toContain('epub:type="bodymatter"');
  });
});

describe('EPUB of the Arabic variant', () => {
  it('is right to left throughout', () => {
    const opf = entry('profile-sample-80-999-ara', EPUB_FILES.package);
    expect(opf).toContain('<spine page-progression-direction="rtl">');
    expect(opf).toContain('<dc:language>ar</dc:language>');
    expect(opf).toContain('<dc:creator id="creator">الجمعية العامة</dc:creator>');
    const content = entry('profile-sample-80-999-ara', EPUB_FILES.content);
    expect(content).toMatch(/<html [^>]*lang="ar" xml:lang="ar" dir="rtl"/);
  });
});

describe('EPUB of the hand-written statement', () => {
  it('lists the annex and the sections in the navigation', () => {
    const nav = entry('handwritten-blocklist', EPUB_FILES.nav);
    for (const label of ['I. Publication', 'II. Follow-up', 'Annex: Checklist for publishing a resolution']) {
      expect(nav).toContain(`>${label}</a>`);
    }
  });

  it('keeps one footnote for a note cited twice', () => {
    const content = entry('handwritten-blocklist', EPUB_FILES.content);
    expect(content.match(/epub:type="noteref"/g)).toHaveLength(3);
    expect(content.match(/epub:type="footnote"/g)).toHaveLength(2);
  });
});

describe('EPUB escaping', () => {
  it('keeps markup in the text as escaped text in the XHTML', () => {
    const content = entry('escaping-sc', EPUB_FILES.content);
    expect(content).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(content).toContain('&amp;amp;');
    expect(content).not.toMatch(/<script|<img|<b>/);
  });
});

describe('EPUB zip container (render/zip.ts)', () => {
  /** Reads an archive by its central directory, checking each local header against it (APPNOTE 4.3). */
  function readArchive(bytes: Uint8Array) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = bytes.byteLength - 22;
    expect(view.getUint32(end, true)).toBe(0x06054b50);
    const count = view.getUint16(end + 10, true);
    let at = view.getUint32(end + 16, true);
    expect(at + view.getUint32(end + 12, true)).toBe(end);
    const entries = [];
    for (let i = 0; i < count; i++) {
      expect(view.getUint32(at, true)).toBe(0x02014b50);
      const nameLength = view.getUint16(at + 28, true);
      const local = view.getUint32(at + 42, true);
      const name = strFromU8(bytes.subarray(at + 46, at + 46 + nameLength));
      // The local header repeats the central one's method, time, CRC and sizes (no data descriptor).
      expect(Buffer.from(bytes.subarray(local + 4, local + 30)).equals(Buffer.from(bytes.subarray(at + 6, at + 32)))).toBe(true);
      const method = view.getUint16(at + 10, true);
      const stored = bytes.subarray(local + 30 + nameLength, local + 30 + nameLength + view.getUint32(at + 20, true));
      const data = method === 0 ? stored : new Uint8Array(inflateRawSync(stored));
      expect(data.byteLength).toBe(view.getUint32(at + 24, true));
      expect(crc32(data)).toBe(view.getUint32(at + 16, true));
      entries.push({ name, method, dosTime: view.getUint32(at + 12, true), data });
      at += 46 + nameLength;
    }
    return entries;
  }

  it('holds each entry with its CRC-32 and sizes, in order, mimetype stored, the rest deflated', () => {
    const big = new Uint8Array(300_000).map((_, i) => (i * 7919) % 251);
    const bytes = zipArchive(
      [
        { name: 'mimetype', data: strToU8('application/epub+zip'), store: true },
        { name: 'EPUB/a.xhtml', data: strToU8('<p>é</p>'.repeat(1000)) },
        { name: 'EPUB/empty.css', data: new Uint8Array(0) },
        { name: 'EPUB/big.bin', data: big },
      ],
      '2017-12-01',
    );
    const entries = readArchive(bytes);
    expect(entries.map((e) => [e.name, e.method])).toEqual([['mimetype', 0], ['EPUB/a.xhtml', 8], ['EPUB/empty.css', 8], ['EPUB/big.bin', 8]]);
    expect(Buffer.from(entries[3]!.data).equals(Buffer.from(big))).toBe(true);
    // Another reader (fflate) finds the same files.
    expect(Object.keys(unzipSync(bytes))).toEqual(['mimetype', 'EPUB/a.xhtml', 'EPUB/empty.css', 'EPUB/big.bin']);
    expect(strFromU8(unzipSync(bytes)['EPUB/a.xhtml']!)).toBe('<p>é</p>'.repeat(1000));
  });

  it('dates every entry at noon of the day given, whatever the time zone', () => {
    expect(dosDateTime('2017-12-01')).toBe((37 << 25) | (12 << 21) | (1 << 16) | (12 << 11));
    expect(dosDateTime('1980-01-01') >>> 16).toBe((1 << 5) | 1);
    expect(dosDateTime('2107-12-31') >>> 25).toBe(127);
    expect(() => dosDateTime('1979-12-31')).toThrow(/1980–2107/);
    expect(() => dosDateTime('2108-01-01')).toThrow(/1980–2107/);
    const entries = readArchive(zipArchive([{ name: 'a', data: strToU8('x') }], '2024-02-29'));
    expect(entries[0]!.dosTime).toBe(dosDateTime('2024-02-29'));
  });

  it('refuses an entry name that is not printable ASCII', () => {
    expect(() => zipArchive([{ name: 'é.xhtml', data: strToU8('x') }], '2020-01-01')).toThrow(/not printable ASCII/);
  });
});
