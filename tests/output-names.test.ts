// Output names: every output lands directly inside the output folder, whatever the input is called.
import { basename, dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_STEM_BYTES, outputPath, outputStem, safeStem } from '../pipeline/output-names.js';
import { InputError } from '../pipeline/report.js';

const OUT = '/srv/out';

function nameError(stem: string): InputError {
  try {
    outputPath(OUT, stem, 'xml');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error(`expected an InputError for ${JSON.stringify(stem)}`);
}

describe('outputStem', () => {
  it('drops the folder and the .txt extension', () => {
    expect(outputStem('input/fr_A-72-L.10.txt')).toBe('fr_A-72-L.10');
    expect(outputStem('/abs/en_S-2018-221.pdftotext.txt')).toBe('en_S-2018-221.pdftotext');
    expect(outputStem('C:\\corpus\\es_A-RES-76-146.TXT')).toBe('es_A-RES-76-146');
    expect(outputStem('notes')).toBe('notes');
    expect(outputStem('double.txt.txt')).toBe('double.txt');
  });
});

describe('outputPath', () => {
  it('joins folder, stem and extension for ordinary names', () => {
    expect(outputPath(OUT, 'fr_A-72-L.10', 'akn.xml')).toBe('/srv/out/fr_A-72-L.10.akn.xml');
    expect(outputPath('out', 'en_A-RES-73-6', '.html')).toBe('out/en_A-RES-73-6.html');
    expect(outputPath(OUT, 'Résolution 72/298', 'epub')).toBe('/srv/out/Résolution 72_298.epub');
  });

  it('keeps path traversal out of the output folder', () => {
    expect(outputPath(OUT, '../../etc/passwd', 'xml')).toBe('/srv/out/etc_passwd.xml');
    expect(outputPath(OUT, 'a/../../b', 'xml')).toBe('/srv/out/a_b.xml');
    expect(outputPath(OUT, '..\\..\\windows\\system32', 'xml')).toBe('/srv/out/windows_system32.xml');
    expect(outputPath(OUT, '/etc/cron.d/job', 'xml')).toBe('/srv/out/etc_cron.d_job.xml');
    expect(outputPath(OUT, 'C:/x', 'xml')).toBe('/srv/out/C__x.xml');
  });

  it('refuses names of which nothing usable remains', () => {
    for (const stem of ['..', '.', '', '/', '../..', '...', ' . ', '\0', '\u0001\u0002', '\u202E']) {
      expect(nameError(stem).message).toBe(
        'no usable output file name remains after removing path separators, "..", leading dots and control characters',
      );
    }
    expect(nameError('\0').toString()).toBe(
      '\\u0000: no usable output file name remains after removing path separators, "..", leading dots and control characters',
    );
    expect(nameError('..').code).toBe('output-name');
  });

  it('removes NUL, control characters and bidirectional overrides', () => {
    expect(outputPath(OUT, 'res\0olution', 'xml')).toBe('/srv/out/resolution.xml');
    expect(outputPath(OUT, 'a\u0007b\u001bc\u007f\u0085d', 'xml')).toBe('/srv/out/abcd.xml');
    expect(outputPath(OUT, 'invoice\u202Etxt.exe', 'xml')).toBe('/srv/out/invoicetxt.exe.xml');
    expect(outputPath(OUT, 'x\uD800y', 'xml')).toBe('/srv/out/xy.xml');
  });

  it('strips leading dots and trailing dots and spaces', () => {
    expect(outputPath(OUT, '.hidden', 'xml')).toBe('/srv/out/hidden.xml');
    expect(outputPath(OUT, '..config', 'xml')).toBe('/srv/out/config.xml');
    expect(outputPath(OUT, 'name. . ', 'xml')).toBe('/srv/out/name.xml');
  });

  it('replaces characters Windows forbids in names', () => {
    expect(outputPath(OUT, 'a<b>c:d"e|f?g*h', 'xml')).toBe('/srv/out/a_b_c_d_e_f_g_h.xml');
  });

  it('prefixes reserved device names, whatever their case or extension', () => {
    expect(outputPath(OUT, 'CON', 'xml')).toBe('/srv/out/_CON.xml');
    expect(outputPath(OUT, 'nul', 'html')).toBe('/srv/out/_nul.html');
    expect(outputPath(OUT, 'Com1.part', 'xml')).toBe('/srv/out/_Com1.part.xml');
    expect(outputPath(OUT, 'lpt9', 'xml')).toBe('/srv/out/_lpt9.xml');
    expect(outputPath(OUT, 'CONSOLE', 'xml')).toBe('/srv/out/CONSOLE.xml');
    expect(outputPath(OUT, 'aux_A-72', 'xml')).toBe('/srv/out/aux_A-72.xml');
  });

  it('caps very long names at a character boundary, keeping different long names different', () => {
    const long = 'a'.repeat(1000);
    const name = basename(outputPath(OUT, long, 'akn.xml'));
    expect(name).toMatch(/^a{191}-[0-9a-f]{8}\.akn\.xml$/);
    expect(Buffer.byteLength(safeStem(long))).toBe(MAX_STEM_BYTES);
    expect(outputPath(OUT, `${long}x`, 'xml')).not.toBe(outputPath(OUT, `${long}y`, 'xml'));

    const accented = safeStem('é'.repeat(300));
    expect(accented).toMatch(/^é{95}-[0-9a-f]{8}$/);
    expect(Buffer.byteLength(accented)).toBe(199);
    const emoji = safeStem('\u{1F4DC}'.repeat(100));
    expect(emoji).toMatch(/^(\u{1F4DC}){47}-[0-9a-f]{8}$/u);
    expect(safeStem('a'.repeat(MAX_STEM_BYTES))).toBe('a'.repeat(MAX_STEM_BYTES));
  });

  it('checks its own extension argument', () => {
    expect(() => outputPath(OUT, 'x', '../xml')).toThrow('outputPath: unexpected extension "../xml"');
    expect(() => outputPath(OUT, 'x', '')).toThrow('outputPath: unexpected extension ""');
  });

  it('for any name at all, gives a direct child of the output folder or an InputError', () => {
    const hostileChars = fc.constantFrom('/', '\\', '.', '..', '\0', '\u0001', ' ', 'CON', ':', '\u202E', 'é', '\uD800', 'a');
    const stems = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.array(hostileChars, { maxLength: 40 }).map((p) => p.join('')));
    fc.assert(
      fc.property(stems, (stem) => {
        let result: string;
        try {
          result = outputPath(OUT, stem, 'akn.xml');
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          return;
        }
        expect(dirname(result)).toBe(OUT);
        const name = basename(result);
        expect(join(OUT, name)).toBe(result);
        expect(name).not.toMatch(/^[.\s]|[/\\\0\u0000-\u001F<>:"|?*]/);
        expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
        expect(name.split('.')[0]).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i);
      }),
      { numRuns: 2000 },
    );
  });
});
