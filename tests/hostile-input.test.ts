// Inputs that could hang, corrupt or mislead the tool, each with its exact expected outcome: invisible
// characters, a stray NUL, control characters in file names, a sidecar date in 2100, EPUB zip times in
// time zones with a midnight daylight-saving change, and AKN input that validate refuses (bad UTF-8, a
// foreign namespace, undeclared entities and prefixes) or that declares ISO-8859-1.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../pipeline/build.js';
import { readSidecar } from '../pipeline/metadata.js';
import { validateAkn } from '../pipeline/validate.js';

const CLI = 'dist/pipeline/cli.js';
const SAMPLE = 'input/fr_A-72-L.10.txt';
const sampleText = readFileSync(SAMPLE, 'utf8');
const sampleMeta = readSidecar('input/fr_A-72-L.10.meta.json');
const GOLDEN = readFileSync('tests/golden/fr_A-72-L.10.akn.xml', 'utf8');
const tmp = () => mkdtempSync(join(tmpdir(), 'akn-hostile-'));

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
function xmllint(file: string) {
  return spawnSync('xmllint', ['--noout', file], { encoding: 'utf8' });
}

describe('invisible characters and stray NULs', () => {
  const clean = build({ file: 'fr_A-72-L.10.txt', text: sampleText, sidecar: sampleMeta }, { formats: ['xml', 'html'] });

  it('a right-to-left override before "1." no longer folds the operative part away: same XML, a warning, no reversed HTML', () => {
    const damaged = sampleText.replace(/^ 1\. /m, ' \u202E1. ');
    expect(damaged).not.toBe(sampleText);
    const result = build({ file: 'fr_A-72-L.10.txt', text: damaged, sidecar: sampleMeta }, { formats: ['xml', 'html'] });
    expect(result.xml).toBe(clean.xml);
    expect(result.html).not.toContain('\u202E');
    expect(result.report.diagnostics.filter((d) => d.code === 'bidi-control').map((d) => [d.line, d.message])).toEqual([
      [499, 'removed 1 invisible bidirectional control character (first: U+202E, on this line); they reorder text on screen and can hide its structure'],
    ]);
  });

  it('zero-width characters inside words and before numbers change nothing but add a warning', () => {
    const damaged = sampleText.replace('Prend note', 'Prend\u200B note').replace(/^ 2\. /m, ' \u2060\uFEFF2. ');
    const result = build({ file: 'fr_A-72-L.10.txt', text: damaged, sidecar: sampleMeta });
    expect(result.xml).toBe(build({ file: 'fr_A-72-L.10.txt', text: sampleText, sidecar: sampleMeta }).xml);
    expect(result.report.diagnostics.filter((d) => d.code === 'zero-width').map((d) => d.message)).toEqual([
      'removed 3 invisible zero-width characters (first: U+200B, on this line)',
    ]);
  });

  it('one NUL byte in the 28 kB sample: built, the same XML, one warning', () => {
    const bytes = Buffer.from(sampleText);
    const at = bytes.indexOf('Prend note');
    const damaged = Buffer.concat([bytes.subarray(0, at), Buffer.from([0]), bytes.subarray(at)]);
    const result = build({ file: 'fr_A-72-L.10.txt', text: damaged, sidecar: sampleMeta });
    expect(result.xml).toBe(build({ file: 'fr_A-72-L.10.txt', text: sampleText, sidecar: sampleMeta }).xml);
    expect(result.report.diagnostics.filter((d) => d.code === 'control-character').map((d) => [d.line, d.message])).toEqual([
      [499, 'removed 1 control character that XML does not allow (first: U+0000, on this line)'],
    ]);
  });
});

describe('file names and dates', () => {
  it('a file name with control characters builds valid XML and writes no escape sequence to the terminal', () => {
    const dir = tmp();
    const name = 'fr_A-72-L.10\u001b[31m\u0007.txt';
    writeFileSync(join(dir, name), sampleText);
    const out = join(dir, 'out');
    const result = cli(['build', join(dir, name), '-o', out, '-f', 'xml']);
    expect(result.status).toBe(0);
    expect(result.stderr).not.toMatch(/[\u0000-\u0008\u001b]/);
    expect(result.stderr).toContain('fr_A-72-L.10\\u001b[31m\\u0007.txt: wrote ');
    const xmlName = readdirSync(out).find((f) => f.endsWith('.akn.xml'))!;
    expect(xmlName).toBe('fr_A-72-L.10[31m.akn.xml');
    const xml = readFileSync(join(out, xmlName), 'utf8');
    expect(xml).toContain('<akp:sourceFile>fr_A-72-L.10\\u001b[31m\\u0007.txt</akp:sourceFile>');
    expect(validateAkn(xml)).toEqual([]);
  });

  it('a sidecar date of 2100 does not crash the EPUB writer: zip times stop at 2099-12-31', () => {
    const result = build({ file: 'fr_A-72-L.10.txt', text: sampleText, sidecar: { ...sampleMeta, date: '2100-01-01' } }, { formats: ['xml', 'epub'] });
    expect(result.epub!.byteLength).toBeGreaterThan(1000);
    // The first local file header's DOS date: bits 9-15 the year since 1980, 5-8 the month, 0-4 the day.
    const dosDate = result.epub![12]! | (result.epub![13]! << 8);
    expect([1980 + (dosDate >> 9), (dosDate >> 5) & 15, dosDate & 31]).toEqual([2099, 12, 31]);
  });

  it('EPUB bytes do not depend on the time zone, even where daylight saving starts at midnight', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'x.txt'), sampleText);
    // Santiago moved its clocks from 00:00 to 01:00 on 2019-09-08: local midnight did not exist that day.
    writeFileSync(join(dir, 'x.meta.json'), JSON.stringify({ ...sampleMeta, date: '2019-09-08' }));
    const epubs = ['UTC', 'America/Santiago', 'Pacific/Kiritimati', 'America/Los_Angeles'].map((tz, i) => {
      const out = join(dir, `out${i}`);
      expect(cli(['build', join(dir, 'x.txt'), '-o', out, '-f', 'epub', '-q'], { TZ: tz }).status, tz).toBe(0);
      return readFileSync(join(out, 'x.epub'));
    });
    for (const epub of epubs.slice(1)) expect(epub.equals(epubs[0]!)).toBe(true);
    const dosTime = epubs[0]![10]! | (epubs[0]![11]! << 8);
    expect(dosTime >> 11).toBe(12);
  });
});

describe('AKN input for validate, text and render', () => {
  const dir = tmp();
  const write = (name: string, content: string | Uint8Array) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };

  it('invalid UTF-8 is refused as xmllint refuses it, with its line', () => {
    const file = write('bad-utf8.akn.xml', Buffer.concat([Buffer.from(GOLDEN.slice(0, GOLDEN.indexOf('<num>3.</num>'))), Buffer.from([0xe9]), Buffer.from(GOLDEN.slice(GOLDEN.indexOf('<num>3.</num>')))]));
    expect(xmllint(file).stderr).toMatch(/:223: parser error : Input is not proper UTF-8/);
    for (const command of [['validate'], ['text'], ['render', '-T', 'html', '-o', join(dir, 'out')]]) {
      const result = cli([...command, file]);
      expect(result.status, command[0]).toBe(1);
      expect(result.stderr, command[0]).toBe(`${file}:223: input is not proper UTF-8 (byte 0xE9), as xmllint says: convert it or declare its encoding\n`);
    }
  });

  it('an ISO-8859-1 file keeps its accents in text and render, and is valid', () => {
    // Characters outside Latin-1 as character references, the rest as Latin-1 bytes.
    const latin = GOLDEN.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace(/[^\u0000-\u00ff]/gu, (c) => `&#x${c.codePointAt(0)!.toString(16)};`);
    const file = write('latin1.akn.xml', Buffer.from(latin, 'latin1'));
    expect(xmllint(file).status).toBe(0);
    expect(cli(['validate', file]).stderr).toBe(`${file}: valid\n`);
    const text = cli(['text', file]);
    expect(text.stdout).toContain('Coopération entre l’Organisation des Nations Unies');
    expect(text.stdout).toBe(cli(['text', 'tests/golden/fr_A-72-L.10.akn.xml']).stdout);
    const render = cli(['render', file, '-T', 'html', '-o', '-']);
    expect(render.stdout).toContain('Coopération entre l’Organisation des Nations Unies');
  });

  // Windows-1252 by the WHATWG table: 0x80..0x9F are € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ, five bytes undefined.
  const C1 = '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';
  const windows1252 = (text: string): Buffer =>
    Buffer.from(
      Array.from(text).flatMap((c) => {
        const code = c.codePointAt(0)!;
        const c1 = C1.indexOf(c);
        if (c1 >= 0 && ![0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(0x80 + c1)) return [0x80 + c1];
        if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return [code];
        return [...Buffer.from(`&#x${code.toString(16)};`, 'latin1')];
      }),
    );

  it('a Windows-1252 file: its bytes 0x80..0x9F are the table\'s characters (’ not U+0092), as xmllint reads them', () => {
    const cp1252 = GOLDEN.replace('encoding="UTF-8"', 'encoding="windows-1252"');
    const bytes = windows1252(cp1252);
    // The golden text's apostrophes are byte 0x92 here: the case Node's TextDecoder gets wrong.
    expect(bytes.includes(0x92)).toBe(true);
    const file = write('cp1252.akn.xml', bytes);
    expect(xmllint(file).status).toBe(0);
    expect(cli(['validate', file]).stderr).toBe(`${file}: valid\n`);
    const text = cli(['text', file]);
    expect(text.stdout).toContain('Coopération entre l’Organisation des Nations Unies');
    expect(text.stdout).not.toMatch(/[\u0080-\u009f]/u);
    expect(text.stdout).toBe(cli(['text', 'tests/golden/fr_A-72-L.10.akn.xml']).stdout);
    const render = cli(['render', file, '-T', 'html', '-o', '-']);
    expect(render.stdout).toContain('Coopération entre l’Organisation des Nations Unies');
  });

  it.each(['81', '8D', '8F', '90', '9D'])('a byte Windows-1252 leaves undefined (0x%s) is refused at its line, as xmllint refuses it', (hexByte) => {
    const byte = parseInt(hexByte, 16);
    const cp1252 = GOLDEN.replace('encoding="UTF-8"', 'encoding="windows-1252"');
    const at = cp1252.indexOf('<num>3.</num>');
    const file = write(`cp1252-${byte}.akn.xml`, Buffer.concat([windows1252(cp1252.slice(0, at)), Buffer.from([byte]), windows1252(cp1252.slice(at))]));
    expect(xmllint(file).stderr).toMatch(/:223: parser error/);
    for (const command of [['validate'], ['text'], ['render', '-T', 'html', '-o', join(dir, 'out')]]) {
      const result = cli([...command, file]);
      expect(result.status, command[0]).toBe(1);
      expect(result.stderr, command[0]).toBe(
        `${file}:223: byte 0x${byte.toString(16).toUpperCase()} is no character in Windows-1252, the encoding the file declares (xmllint: input conversion failed): convert the file to UTF-8\n`,
      );
    }
  });

  it('text and render refuse what validate refuses; --lenient renders schema-invalid AKN and says so, never malformed XML', () => {
    const foreign = write('foreign.akn.xml', GOLDEN.replace('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"', '<akomaNtoso xmlns="urn:other"'));
    const entity = write('entity.akn.xml', GOLDEN.replace('<num>3.</num>', '<num>3.&foo;</num>'));
    const prefix = write('prefix.akn.xml', GOLDEN.replace('<num>3.</num>', '<num>3.<x:b>y</x:b></num>'));
    const refusal = `not valid AKN (schema: Element '{urn:other}akomaNtoso': No matching global declaration available for the validation root.); run \`akn-press validate\` for every problem, or add --lenient to go on anyway`;
    expect(cli(['text', foreign])).toMatchObject({ status: 1, stdout: '', stderr: `${foreign}:2: ${refusal}\n` });
    expect(cli(['render', foreign, '-T', 'html', '-o', '-'])).toMatchObject({ status: 1, stdout: '', stderr: `${foreign}:2: ${refusal}\n` });
    const lenient = cli(['text', foreign, '--lenient']);
    expect(lenient.status).toBe(0);
    expect(lenient.stderr).toBe(`${foreign}:2: warning: rendered leniently: 1 validation problem (first: Element '{urn:other}akomaNtoso': No matching global declaration available for the validation root.)\n`);
    for (const [file, message] of [
      [entity, "not valid AKN (xml: Entity 'foo' not defined)"],
      [prefix, 'not valid AKN (xml: Namespace prefix x on b is not defined)'],
    ] as const) {
      // xmllint reports both (the namespace error with exit status 0, as a recoverable error).
      expect(xmllint(file).stderr).toContain(message.replace(/^not valid AKN \(xml: (.*)\)$/, '$1'));
      for (const extra of [[], ['--lenient']]) expect(cli(['text', file, ...extra])).toMatchObject({ status: 1, stdout: '', stderr: `${file}:223: ${message}\n` });
      expect(cli(['validate', file]).status).toBe(1);
    }
    mkdirSync(join(dir, 'out'), { recursive: true });
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
  });
});
