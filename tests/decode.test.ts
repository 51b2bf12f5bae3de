// Input decoding: encodings, line ends, binary and empty files, characters XML forbids, the size limit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeSource, decodeStage, MAX_INPUT_BYTES, removeXmlForbiddenCharacters } from '../pipeline/decode.js';
import { InputError, newReport, type Report } from '../pipeline/report.js';
import type { BuildContext } from '../pipeline/context.js';

const FILE = 'fr_test.txt';
const sampleFrench = readFileSync(new URL('../input/fr_A-72-L.10.txt', import.meta.url), 'utf8');

// Windows-1252 for the characters outside ISO-8859-1 that these tests use (from the code page's table);
// written out because Node 20's TextDecoder('windows-1252') gets 0x80..0x9F wrong (nodejs/node#60888).
const WINDOWS_1252_EXTRA = new Map([
  ['€', 0x80], ['…', 0x85], ['Œ', 0x8c], ['‘', 0x91], ['’', 0x92], ['“', 0x93], ['”', 0x94],
  ['–', 0x96], ['—', 0x97], ['œ', 0x9c],
]);

/** Encodes text in a single-byte code page by inverting Node's own (ICU) decoder for it. */
function encodeSingleByte(text: string, encoding: 'windows-1252' | 'iso-8859-1' | 'windows-1251' | 'windows-1256'): Uint8Array {
  const table = new Map<string, number>();
  if (encoding === 'windows-1252' || encoding === 'iso-8859-1') {
    for (let b = 0; b < 256; b++) if (b < 0x80 || b >= 0xa0) table.set(String.fromCharCode(b), b);
    if (encoding === 'windows-1252') for (const [ch, b] of WINDOWS_1252_EXTRA) table.set(ch, b);
  } else {
    const decoder = new TextDecoder(encoding);
    for (let b = 0; b < 256; b++) {
      const ch = decoder.decode(new Uint8Array([b]));
      if (ch !== '\uFFFD' && !table.has(ch)) table.set(ch, b);
    }
  }
  return new Uint8Array(
    [...text].map((ch) => {
      const b = table.get(ch);
      if (b === undefined) throw new Error(`${ch} is not in ${encoding}`);
      return b;
    }),
  );
}

function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const units = (bom ? '\uFEFF' : '') + text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[2 * i + (order === 'le' ? 0 : 1)] = u & 0xff;
    out[2 * i + (order === 'le' ? 1 : 0)] = u >> 8;
  }
  return out;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
};

function decodeError(bytes: Uint8Array, report: Report = newReport(FILE)): InputError {
  try {
    decodeSource(bytes, FILE, report);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

const warnings = (report: Report) => report.diagnostics.map((d) => ({ code: d.code, line: d.line, message: d.message }));

describe('Unicode encodings', () => {
  it('reads UTF-8 without BOM unchanged and without warnings', () => {
    const report = newReport(FILE);
    expect(decodeSource(utf8(sampleFrench), FILE, report)).toBe(sampleFrench);
    expect(report.diagnostics).toEqual([]);
  });

  it('drops the UTF-8 byte order mark', () => {
    const report = newReport(FILE);
    expect(decodeSource(utf8('\uFEFFL’Assemblée générale,\n'), FILE, report)).toBe('L’Assemblée générale,\n');
    expect(report.diagnostics).toEqual([]);
  });

  it('reads UTF-16LE and UTF-16BE with a byte order mark', () => {
    for (const order of ['le', 'be'] as const) {
      const report = newReport(FILE);
      expect(decodeSource(utf16(sampleFrench, order, true), FILE, report)).toBe(sampleFrench);
      expect(report.diagnostics).toEqual([]);
    }
  });

  it('recognises UTF-16 without a byte order mark by where the NUL bytes fall, and says so', () => {
    const le = newReport(FILE);
    expect(decodeSource(utf16(sampleFrench, 'le', false), FILE, le)).toBe(sampleFrench);
    expect(warnings(le)).toEqual([
      {
        code: 'encoding-guessed',
        line: undefined,
        message: 'no byte order mark and NUL bytes at every odd offset: decoded as UTF-16LE',
      },
    ]);
    const be = newReport(FILE);
    expect(decodeSource(utf16(sampleFrench, 'be', false), FILE, be)).toBe(sampleFrench);
    expect(warnings(be)[0]?.message).toBe('no byte order mark and NUL bytes at every even offset: decoded as UTF-16BE');
  });

  it('recognises Russian in UTF-16LE without a byte order mark (high bytes 0x04 are not control characters)', () => {
    const russian = 'Всеобщая декларация прав человека\n\nПРЕАМБУЛА\n\nПринимая во внимание, что признание достоинства\n';
    expect(decodeSource(utf16(russian, 'le', false), FILE, newReport(FILE))).toBe(russian);
  });

  it('refuses UTF-32', () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]);
    expect(decodeError(bytes).message).toBe('the file is UTF-32 (byte order mark FF FE 00 00); convert it to UTF-8');
  });

  it('refuses invalid UTF-8 after a UTF-8 byte order mark instead of guessing', () => {
    const bytes = concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8('Ligne 1\n'), new Uint8Array([0x41, 0xe9, 0x0a]));
    const error = decodeError(bytes);
    expect(error.toString()).toBe(
      `${FILE}:2: not valid UTF-8 after its UTF-8 byte order mark (byte 0xE9); the file mixes encodings and cannot be decoded safely`,
    );
  });
});

describe('line ends', () => {
  it('turns CRLF and lone CR into LF, keeping the line count', () => {
    const report = newReport(FILE);
    expect(decodeSource(utf8('un\r\ndeux\rtrois\n\rquatre\r\n'), FILE, report)).toBe('un\ndeux\ntrois\n\nquatre\n');
    expect(report.diagnostics).toEqual([]);
  });

  it('normalises line ends in UTF-16 too', () => {
    expect(decodeSource(utf16('a\r\nb\rc', 'le', true), FILE, newReport(FILE))).toBe('a\nb\nc');
  });
});

describe('legacy single-byte encodings', () => {
  it('decodes French in Windows-1252 to the right accented letters and names the guess', () => {
    const report = newReport(FILE);
    const text = decodeSource(encodeSingleByte(sampleFrench, 'windows-1252'), FILE, report);
    expect(text).toBe(sampleFrench);
    expect(text).toContain('L’Assemblée générale');
    expect(text).toContain('«');
    // The sample's first line is "Coopération entre l’Organisation des Nations Unies ...".
    expect(warnings(report)).toEqual([
      {
        code: 'encoding-guessed',
        line: 1,
        message:
          'not valid UTF-8 (first invalid byte 0xE9 on this line): decoded as Windows-1252, guessed from accented letters standing singly inside words',
      },
    ]);
  });

  it('names ISO-8859-1 when no byte falls in 0x80..0x9F', () => {
    const report = newReport(FILE);
    const text = 'Soixante-douzième session\nL\'Assemblée générale,\nRéaffirmant sa résolution\n';
    expect(decodeSource(encodeSingleByte(text, 'iso-8859-1'), FILE, report)).toBe(text);
    expect(warnings(report)).toEqual([
      {
        code: 'encoding-guessed',
        line: 1,
        message:
          'not valid UTF-8 (first invalid byte 0xE8 on this line): decoded as ISO-8859-1, guessed from accented letters standing singly inside words',
      },
    ]);
  });

  it('decodes Spanish in Windows-1252', () => {
    const text = 'La Asamblea General,\nReafirmando su compromiso con los niños y el año «internacional» — véase\n';
    expect(decodeSource(encodeSingleByte(text, 'windows-1252'), FILE, newReport(FILE))).toBe(text);
  });

  const legacyMessage = (byte: string, line: number) =>
    `${FILE}:${line}: not valid UTF-8 (first invalid byte 0x${byte}) and the encoding cannot be decided safely: most letters are outside ASCII, as in a legacy Cyrillic, Arabic or Chinese code page; convert the file to UTF-8`;

  it('refuses Russian in Windows-1251 rather than producing mojibake', () => {
    const russian = 'Всеобщая декларация прав человека\n\nПРЕАМБУЛА\n\nПринимая во внимание, что признание достоинства\n';
    expect(decodeError(encodeSingleByte(russian, 'windows-1251')).toString()).toBe(legacyMessage('C2', 1));
  });

  it('refuses Arabic in Windows-1256 rather than producing mojibake', () => {
    const arabic = 'الإعلان العالمي لحقوق الإنسان\n\nالديباجة\n\nلما كان الاعتراف بالكرامة المتأصلة في جميع أعضاء الأسرة البشرية\n';
    const bytes = encodeSingleByte(arabic, 'windows-1256');
    expect(decodeError(bytes).toString()).toBe(legacyMessage('C7', 1));
  });

  it('refuses Chinese in GBK rather than producing mojibake', () => {
    const bytes = new Uint8Array(readFileSync(new URL('./fixtures/hostile/zh-gbk.txt', import.meta.url)));
    expect(decodeError(bytes).toString()).toBe(legacyMessage('CA', 1));
  });

  it('refuses a file that mixes UTF-8 and Windows-1252', () => {
    const bytes = concat(utf8('L’Assemblée générale,\n'), encodeSingleByte('Réaffirmant\n', 'windows-1252'));
    expect(decodeError(bytes).toString()).toBe(
      `${FILE}:2: not valid UTF-8 (first invalid byte 0xE9) and the encoding cannot be decided safely: it also contains valid UTF-8 sequences, so it mixes two encodings; convert the file to UTF-8`,
    );
  });

  it('refuses bytes that Windows-1252 leaves undefined', () => {
    const bytes = concat(utf8('Texte\n'), new Uint8Array([0x61, 0x81, 0x62, 0x0a]));
    expect(decodeError(bytes).toString()).toBe(
      `${FILE}:2: not valid UTF-8 (first invalid byte 0x81) and the encoding cannot be decided safely: byte 0x81 has no meaning in Windows-1252 or ISO-8859-1 text; convert the file to UTF-8`,
    );
  });
});

describe('files that are not text', () => {
  const cases: Array<[string, number[] | string]> = [
    ['PDF', '%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n'],
    ['a ZIP archive: DOCX, ODT or EPUB', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]],
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0, 0, 0x10]],
    ['a legacy Word or Office document', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]],
    ['gzip', [0x1f, 0x8b, 0x08, 0]],
    ['RTF', '{\\rtf1\\ansi Resolution}'],
  ];
  for (const [name, content] of cases) {
    it(`refuses ${name} by its magic number`, () => {
      const bytes = typeof content === 'string' ? utf8(content) : new Uint8Array(content);
      const error = decodeError(bytes);
      expect(error.toString()).toBe(`${FILE}: binary file (looks like ${name}); expected the text of a resolution`);
      expect(error.code).toBe('binary');
    });
  }

  it('refuses NUL bytes that UTF-16 does not explain when control bytes are a real share of the file', () => {
    const bytes = new Uint8Array([0x41, 0x00, 0x00, 0x42, 0x43, 0x00, 0x00, 0x44, 0x0a, 0x00]);
    expect(decodeError(bytes).toString()).toBe(`${FILE}: binary file (contains NUL bytes: 5 control bytes in 10); expected the text of a resolution`);
  });

  it('takes one NUL byte in a 28 kB text as a stray character: removed with a warning, the text kept', () => {
    const bytes = utf8(sampleFrench);
    const at = bytes.indexOf(0x0a, 14_000) + 1; // the start of a line in the middle of the text
    const damaged = concat(bytes.subarray(0, at), new Uint8Array([0x00]), bytes.subarray(at));
    const report = newReport(FILE);
    expect(decodeSource(damaged, FILE, report)).toBe(sampleFrench.replace(/\r\n?/g, '\n'));
    const line = bytes.subarray(0, at).filter((b) => b === 0x0a).length + 1;
    expect(warnings(report)).toEqual([{ code: 'control-character', line, message: 'removed 1 control character that XML does not allow (first: U+0000, on this line)' }]);
  });

  it('refuses text full of control characters', () => {
    const bytes = new Uint8Array(200);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 3 === 0 ? 0x01 + (i % 7) : 0x41;
    expect(decodeError(bytes).toString()).toBe(
      `${FILE}: binary file (67 control characters in 200); expected the text of a resolution`,
    );
  });

  it('refuses an empty file', () => {
    const error = decodeError(new Uint8Array());
    expect(error.toString()).toBe(`${FILE}: empty file; expected the text of a resolution`);
    expect(error.code).toBe('empty');
  });

  it('refuses a whitespace-only file, form feeds and CRLF included', () => {
    expect(decodeError(utf8('  \r\n\t\f\n  \r')).toString()).toBe(
      `${FILE}: the file contains only whitespace; expected the text of a resolution`,
    );
    expect(decodeError(utf8('\uFEFF')).message).toBe('the file contains only whitespace; expected the text of a resolution');
  });
});

describe('invisible characters', () => {
  const decode = (text: string) => {
    const report = newReport(FILE);
    return { text: decodeSource(utf8(text), FILE, report), warnings: warnings(report) };
  };

  it('removes bidirectional controls with one warning: the count, the first and its line', () => {
    expect(decode('Recalling\n\u202E1. Decides\n\u2067x\u2069 and \u200Fy\n')).toEqual({
      text: 'Recalling\n1. Decides\nx and y\n',
      warnings: [
        {
          code: 'bidi-control',
          line: 2,
          message: 'removed 4 invisible bidirectional control characters (first: U+202E, on this line); they reorder text on screen and can hide its structure',
        },
      ],
    });
  });

  it('removes zero-width characters, but keeps joiners between two letters (Arabic, Indic shaping)', () => {
    expect(decode('Re\u200Bcalling\u2060 its\n\uFEFFresolution \u200C1 \u0645\u200C\u0627\n')).toEqual({
      text: 'Recalling its\nresolution 1 \u0645\u200C\u0627\n',
      warnings: [{ code: 'zero-width', line: 1, message: 'removed 4 invisible zero-width characters (first: U+200B, on this line)' }],
    });
  });

  it('turns a soft hyphen at a line end into the hyphen printed there, and removes one inside a line', () => {
    expect(decode('the Organi\u00ADzation and its coop\u00AD\neration\n')).toEqual({
      text: 'the Organization and its coop-\neration\n',
      warnings: [
        { code: 'soft-hyphen', line: 1, message: 'removed 2 invisible soft hyphens (first: U+00AD, on this line); at a line end it became the hyphen printed there' },
      ],
    });
  });

  it('leaves a text without invisible characters as it is, without a warning', () => {
    expect(decode(sampleFrench).warnings.filter((w) => ['bidi-control', 'zero-width', 'soft-hyphen'].includes(w.code))).toEqual([]);
  });
});

describe('characters XML 1.0 forbids', () => {
  it('removes C0 controls with one warning giving the count and the first line, keeping tab, LF and form feed', () => {
    const report = newReport(FILE);
    const text = decodeSource(utf8('Titre\n\tun\u0001\n\fdeux\u0007\u001B\ntrois\u000B\n'), FILE, report);
    expect(text).toBe('Titre\n\tun\n\fdeux\ntrois\n');
    expect(warnings(report)).toEqual([
      {
        code: 'control-character',
        line: 2,
        message: 'removed 4 control characters that XML does not allow (first: U+0001, on this line)',
      },
    ]);
  });

  it('removes U+FFFE and U+FFFF as one kind', () => {
    const report = newReport(FILE);
    expect(decodeSource(utf8('a\nb\uFFFF\nc\uFFFE\n'), FILE, report)).toBe('a\nb\nc\n');
    expect(warnings(report)).toEqual([
      {
        code: 'noncharacter',
        line: 2,
        message: 'removed 2 noncharacters (U+FFFE or U+FFFF) that XML does not allow (first: U+FFFF, on this line)',
      },
    ]);
  });

  it('removes lone surrogates from UTF-16 input and keeps real pairs', () => {
    const report = newReport(FILE);
    const bytes = utf16('ligne 1\nA\uD800B \u{1F600}\n', 'le', true);
    expect(decodeSource(bytes, FILE, report)).toBe('ligne 1\nAB \u{1F600}\n');
    expect(warnings(report)).toEqual([
      {
        code: 'lone-surrogate',
        line: 2,
        message: 'removed 1 lone surrogate code unit that XML does not allow (first: U+D800, on this line)',
      },
    ]);
  });

  it('gives one warning per kind when kinds are mixed', () => {
    const report = newReport(FILE);
    expect(removeXmlForbiddenCharacters('\uDC00x\n\u0002y\uFFFE\n\u0003', report)).toBe('x\ny\n');
    expect(report.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['lone-surrogate', 1],
      ['control-character', 2],
      ['noncharacter', 2],
    ]);
  });

  it('does not pair two halves separated by a removed control character', () => {
    const report = newReport(FILE);
    expect(removeXmlForbiddenCharacters('\uD83D\u0001\uDE00', report)).toBe('');
    expect(report.diagnostics.map((d) => d.message)).toEqual([
      'removed 2 lone surrogate code units that XML does not allow (first: U+D83D, on this line)',
      'removed 1 control character that XML does not allow (first: U+0001, on this line)',
    ]);
  });
});

describe('size limit', () => {
  it('accepts a 5 MB text', () => {
    const line = 'Réaffirme sa résolution 71/1 du 19 septembre 2016 et les engagements qui y sont pris.\n';
    const text = line.repeat(Math.ceil((5 * 1024 * 1024) / utf8(line).byteLength));
    const report = newReport(FILE);
    expect(decodeSource(utf8(text), FILE, report)).toBe(text);
    expect(report.diagnostics).toEqual([]);
  });

  it('refuses an input above 20 MB, stating the limit', () => {
    const bytes = new Uint8Array(MAX_INPUT_BYTES + 1).fill(0x61);
    const error = decodeError(bytes);
    expect(error.toString()).toBe(`${FILE}: file is too large (20.0 MB); the limit is 20 MB for the text of one resolution`);
    expect(error.code).toBe('too-large');
  });
});

describe('the decode stage', () => {
  it('fills context.text from context.bytes', () => {
    const report = newReport(FILE);
    const ctx: BuildContext = { file: FILE, bytes: utf8('L’Assemblée générale,\r\n'), options: { formats: ['xml'] }, report };
    decodeStage.run(ctx);
    expect(decodeStage.name).toBe('decode');
    expect(ctx.text).toBe('L’Assemblée générale,\n');
  });
});
