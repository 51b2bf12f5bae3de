// Hostile Akoma Ntoso input to the reader (parseAkn) and the validator (validateSchema, validateAkn):
// entity expansion, external entities, deep nesting and characters XML forbids are refused with an
// error naming the line, and nothing is read from the file system.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAkn, textOf } from '../pipeline/akn-tree.js';
import { InputError } from '../pipeline/report.js';
import { validateAkn, validateSchema } from '../pipeline/validate.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/hostile/${name}`, import.meta.url), 'utf8');
const sample = readFileSync(new URL('./fixtures/profile-sample-80-999.akn.xml', import.meta.url), 'utf8');
const AKN = 'xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"';

// What would leak if an external entity were ever resolved: the first line of the real file.
const passwdFirstLine = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;

function parseError(xml: string, file: string): InputError {
  try {
    parseAkn(xml, file);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error(`expected parseAkn to refuse ${file}`);
}

function expectNoLeak(...results: unknown[]): void {
  expect(passwdFirstLine.length).toBeGreaterThan(0);
  for (const result of results) {
    const text = result instanceof Error ? `${result.message} ${String(result)}` : JSON.stringify(result);
    expect(text).not.toContain(passwdFirstLine);
    expect(text).not.toContain('root:');
  }
}

describe('document type declarations and entities', () => {
  const refused = 'document type declarations and entities are not accepted in Akoma Ntoso input';
  const cases: Array<[file: string, line: number]> = [
    ['billion-laughs.akn.xml', 2],
    ['xxe-system.akn.xml', 2],
    ['xxe-parameter.akn.xml', 2],
    ['xxe-external-dtd.akn.xml', 3],
  ];
  for (const [file, line] of cases) {
    it(`${file}: parseAkn and the validator refuse it at line ${line}, reading nothing`, () => {
      const xml = fixture(file);
      const error = parseError(xml, file);
      expect(error.toString()).toBe(`${file}:${line}: ${refused}`);
      expect(error.code).toBe('dtd');
      const schemaProblems = validateSchema(xml);
      expect(schemaProblems).toEqual([{ kind: 'xml', line, message: 'DTDs and entity declarations are refused' }]);
      const allProblems = validateAkn(xml);
      expect(allProblems).toEqual(schemaProblems);
      expectNoLeak(error, schemaProblems, allProblems);
    });
  }

  it('refuses a DOCTYPE placed after the root element too', () => {
    const xml = `<akomaNtoso ${AKN}/>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>`;
    expect(parseError(xml, 'late.xml').toString()).toBe(`late.xml:2: ${refused}`);
    expect(validateSchema(xml)).toEqual([{ kind: 'xml', line: 2, message: 'DTDs and entity declarations are refused' }]);
  });

  it('does not expand an entity that is referenced without any declaration', () => {
    const xml = `<akomaNtoso ${AKN}><doc name="x"><mainBody><p>&xxe;</p></mainBody></doc></akomaNtoso>`;
    expect(textOf(parseAkn(xml, 'undeclared.xml'))).toBe('&xxe;');
    expect(validateSchema(xml)).toEqual([{ kind: 'xml', line: 1, message: "Entity 'xxe' not defined" }]);
  });

  it('does not load a schema named by xsi:schemaLocation in the document', () => {
    const xml = sample.replace(
      'xmlns:a4u="http://a4u.un.org"',
      'xmlns:a4u="http://a4u.un.org" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
        'xsi:schemaLocation="http://docs.oasis-open.org/legaldocml/ns/akn/3.0 file:///etc/passwd"',
    );
    const problems = validateAkn(xml);
    expect(problems).toEqual([]);
    expectNoLeak(problems, parseAkn(xml, 'schema-location.xml'));
  });

  it('does not process XInclude', () => {
    const xml = `<akomaNtoso ${AKN} xmlns:xi="http://www.w3.org/2001/XInclude">\n<xi:include href="file:///etc/passwd" parse="text"/>\n</akomaNtoso>`;
    const problems = validateSchema(xml);
    expect(problems.map((p) => [p.kind, p.line])).toEqual([['schema', 2]]);
    expect(problems[0]!.message).toMatch(/^Element '\{http:\/\/www\.w3\.org\/2001\/XInclude\}include': This element is not expected\./);
    expectNoLeak(problems, parseAkn(xml, 'xinclude.xml'));
  });

  it('ignores an encoding declaration that would hide a DOCTYPE from the check (UTF-7)', () => {
    const xml = `<?xml version="1.0" encoding="UTF-7"?>\n+ADw-+ACE-DOCTYPE x +AFs-+ADw-+ACE-ENTITY xxe SYSTEM +ACI-file:///etc/passwd+ACI-+AD4-+AF0-+AD4-\n<akomaNtoso ${AKN}>&xxe;</akomaNtoso>`;
    expect(validateSchema(xml)).toEqual([{ kind: 'xml', line: 1, message: 'Unsupported encoding: UTF-7' }]);
    expect(parseError(xml, 'utf7.xml').toString()).toBe("utf7.xml:2: not well-formed XML: char '+' is not expected.");
  });
});

describe('deep nesting and size', () => {
  /** The root on line 1, then one <p> per line. */
  const nested = (depth: number) => `<akomaNtoso ${AKN}>\n${'<p>\n'.repeat(depth)}x${'</p>'.repeat(depth)}</akomaNtoso>`;

  it('parses a document nested 100 deep under the root', () => {
    const root = parseAkn(nested(100), 'deep100.xml');
    expect(textOf(root)).toBe(`${'\n'.repeat(101)}x`);
  });

  for (const depth of [101, 100_000, 1_000_000]) {
    it(`refuses ${depth} nested elements with an error naming the line, without crashing`, () => {
      const xml = nested(depth);
      expect(parseError(xml, 'deep.xml').toString()).toBe('deep.xml:102: not accepted: elements nested more than 100 deep under the root');
      const problems = validateSchema(xml);
      if (depth <= 256) {
        // Within libxml2's depth limit: parsed, and invalid from the first <p> under the root.
        expect(problems.map((p) => [p.kind, p.line])).toEqual([['schema', 2]]);
      } else {
        expect(problems).toEqual([
          { kind: 'xml', line: 257, message: 'Excessive depth in document: 256, use XML_PARSE_HUGE option' },
        ]);
      }
    });
  }

  it('reads a document with 200,000 sibling elements', () => {
    const xml = `<akomaNtoso ${AKN}><doc name="x"><mainBody>${'<p>a</p>'.repeat(200_000)}</mainBody></doc></akomaNtoso>`;
    const root = parseAkn(xml, 'wide.xml');
    expect(textOf(root).length).toBe(200_000);
  });
});

describe('characters XML forbids', () => {
  it('refuses character references to NUL and other forbidden characters, naming the line', () => {
    const xml = `<akomaNtoso ${AKN}>\n<doc name="x">\n<p>a&#0;b</p></doc></akomaNtoso>`;
    expect(parseError(xml, 'nul.xml').toString()).toBe('nul.xml:3: not well-formed XML: character reference &#0; is not allowed in XML 1.0');
    expect(validateSchema(xml)).toEqual([{ kind: 'xml', line: 3, message: 'xmlParseCharRef: invalid xmlChar value 0' }]);
    expect(parseError(`<akomaNtoso ${AKN}>&#x1B;</akomaNtoso>`, 'esc.xml').message).toBe(
      'not well-formed XML: character reference &#x1B; is not allowed in XML 1.0',
    );
    expect(parseError(`<akomaNtoso ${AKN}>&#xFFFE;</akomaNtoso>`, 'nonchar.xml').message).toBe(
      'not well-formed XML: character reference &#xFFFE; is not allowed in XML 1.0',
    );
  });

  it('refuses raw forbidden characters, naming the line', () => {
    expect(parseError(`<akomaNtoso ${AKN}>\n\u0001</akomaNtoso>`, 'ctl.xml').toString()).toBe(
      'ctl.xml:2: not well-formed XML: character U+0001 is not allowed in XML 1.0',
    );
    expect(parseError(`<akomaNtoso ${AKN}>\f</akomaNtoso>`, 'ff.xml').message).toBe(
      'not well-formed XML: character U+000C is not allowed in XML 1.0',
    );
  });

  it('decodes allowed character references once, in text and attributes, and reads the profile sample', () => {
    const root = parseAkn(`<akomaNtoso ${AKN} title="&#233;&amp;#233;&lt;">&#9;&#xA;&#233;&#x1F4DC;&amp;&amp;lt;</akomaNtoso>`, 'ok.xml');
    expect(textOf(root)).toBe('\t\né\u{1F4DC}&&lt;');
    expect(root.attrs.title).toBe('é&#233;<');
    expect(parseAkn(sample, 'sample.xml').name).toBe('akomaNtoso');
  });
});
