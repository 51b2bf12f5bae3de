// Hostile and unusual input through the whole pipeline (library API): encodings, line ends, markup in
// the text, very large texts, output names, reproducible outputs. The decode stage's own cases are in
// decode.test.ts, the atomic writes in atomic-write.test.ts, hostile AKN in hostile-xml.test.ts.
import { mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, buildFile } from '../pipeline/build.js';
import { readSidecar } from '../pipeline/metadata.js';
import { readXmlFile } from '../pipeline/read-xml.js';
import { runBatch } from '../pipeline/batch.js';
import { readingText } from '../pipeline/reading-text.js';
import { InputError } from '../pipeline/report.js';
import { SAMPLE, SAMPLE_META } from './support/sample.js';

const sampleText = readFileSync(SAMPLE, 'utf8');
const sidecar = readSidecar(SAMPLE_META);
const reference = build({ file: SAMPLE, text: sampleText, sidecar }).xml;

function encodeUtf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[2 + i * 2] = bigEndian ? code >> 8 : code & 0xff;
    out[3 + i * 2] = bigEndian ? code & 0xff : code >> 8;
  }
  return out;
}

describe('encodings and line ends give the same document', () => {
  const cases: Array<[string, Uint8Array]> = [
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(sampleText)])],
    ['UTF-16 LE with BOM', encodeUtf16(sampleText, false)],
    ['UTF-16 BE with BOM', encodeUtf16(sampleText, true)],
    ['CRLF line ends', new TextEncoder().encode(sampleText.replace(/\n/g, '\r\n'))],
  ];
  it.each(cases)('%s', (_, bytes) => {
    expect(build({ file: SAMPLE, text: bytes, sidecar }).xml).toBe(reference);
  });
});

describe('markup characters in the text are text everywhere', () => {
  const hostile = sampleText.replace(
    'Rappelant ses résolutions 37/4',
    'Rappelant <script>alert(1)</script> & <b>gras</b> ]]> &amp; ses résolutions 37/4',
  );
  const result = build({ file: SAMPLE, text: hostile, sidecar }, { formats: ['xml', 'html', 'epub', 'jsonld'] });

  it('is escaped in the XML and read back as the same text', () => {
    // (The space before "]" goes: a stray space before closing punctuation, repaired and reported.)
    expect(result.xml).toContain('<i>Rappelant</i> &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;gras&lt;/b&gt;]]&gt; &amp;amp; ses résolutions');
    expect(result.xml).not.toContain('<script');
    expect(readingText(result.xml)).toContain('Rappelant <script>alert(1)</script> & <b>gras</b>]]> &amp; ses résolutions');
  });

  it('never becomes live markup in the HTML', () => {
    expect(result.html).not.toMatch(/<script|<b>gras/);
    expect(result.html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
  });

  it('stays text in the JSON-LD', () => {
    expect(JSON.stringify(result.jsonld)).not.toContain('<script>');
  });
});

describe('characters XML forbids and other hostile bytes', () => {
  it('removes control characters with a warning and still builds', () => {
    const dirty = sampleText.replace('Rappelant ses', 'Rappelant\u0001 ses\u0007');
    const result = build({ file: SAMPLE, text: dirty, sidecar });
    expect(result.xml).toBe(reference);
    expect(result.report.diagnostics.some((d) => d.severity === 'warning' && /control|forbid/i.test(d.message))).toBe(true);
  });

  it('refuses a text in no UN language with a clear error', () => {
    const german = 'Die Generalversammlung,\nunter Hinweis auf ihre früheren Resolutionen über die Zusammenarbeit zwischen den Vereinten Nationen und den Regionalorganisationen,\n1. ersucht den Generalsekretär, ihr Bericht zu erstatten.';
    expect(() => build({ file: 'de.txt', text: german })).toThrow(InputError);
  });
});

/** The one line the CLI prints for an error: `file: message`. */
function errorLine(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return String(error);
  }
  return 'no error';
}

describe('very large inputs', () => {
  it('builds a text ten times the sample (about 0.5 MB): the paragraphs all come through', () => {
    const [head, operative] = sampleText.split(/(?= 1\. Prend note)/u);
    // The operative part again and again, renumbered, as one long resolution.
    const parts: string[] = [head!];
    let n = 0;
    for (let copy = 0; copy < 10; copy++) {
      parts.push(operative!.replace(/^( {1,2})(\d+)( ?)\.?( )/gmu, (_, lead: string, __: string, space: string, after: string) => `${lead}${++n}.${space}${after}`));
    }
    const result = build({ file: 'long.txt', text: parts.join('\n'), sidecar });
    expect(result.xml.match(/<paragraph eId="para_\d+">/g)?.length).toBe(n);
  });

  it('refuses an input over the size limit before reading it, writing nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'akn-large-'));
    const file = join(dir, 'huge.txt');
    writeFileSync(file, Buffer.alloc(21 * 1024 * 1024, 'a'));
    expect(errorLine(() => buildFile(file, join(dir, 'out')))).toBe(`${file}: input of 21.0 MB is over the limit of 20.0 MB`);
    expect(readdirSync(dir)).toEqual(['huge.txt']);
  });

  it('checks the size before reading anything whole: a 1.5 GB file, /dev/zero, for build, validate, text and render alike', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'akn-sizes-'));
    // Sparse: 1.5 GB on paper, nothing on disk; reading it whole would take 1.5 GB of memory.
    const huge = join(dir, 'huge.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 1.5 * 1024 ** 3);
    const hugeXml = join(dir, 'huge.akn.xml');
    writeFileSync(hugeXml, '');
    truncateSync(hugeXml, 1.5 * 1024 ** 3);
    expect(errorLine(() => buildFile(huge, join(dir, 'out')))).toBe(`${huge}: input of 1536.0 MB is over the limit of 20.0 MB`);
    expect(errorLine(() => readXmlFile(hugeXml))).toBe(`${hugeXml}: AKN file of 1536.0 MB is over the limit of 20.0 MB`);
    expect(errorLine(() => buildFile('/dev/zero', join(dir, 'out')))).toBe('/dev/zero: is not a regular file (a device, pipe or socket); give the input as a file');
    expect(errorLine(() => readXmlFile('/dev/zero'))).toBe('/dev/zero: is not a regular file (a device, pipe or socket); give the AKN file as a file');
    // The batch hashes inputs to decide what to skip: the same check comes first.
    const summary = await runBatch([huge], { outDir: join(dir, 'out'), formats: ['xml'], job: 'pipeline/build.ts', progress: false, inProcess: true });
    expect(summary.outcomes[0]!.error).toBe(`${huge}: input of 1536.0 MB is over the limit of 20.0 MB`);
    expect(readdirSync(dir).sort()).toEqual(['huge.akn.xml', 'huge.txt']);
  });
});

describe('outputs', () => {
  it('are byte-identical when the same input is built twice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'akn-repro-'));
    const first = buildFile(SAMPLE, join(dir, 'a'));
    const second = buildFile(SAMPLE, join(dir, 'b'));
    for (const [i, file] of first.outputs.entries()) {
      expect(readFileSync(second.outputs[i]!).equals(readFileSync(file)), file).toBe(true);
    }
    expect(first.outputs).toHaveLength(4);
  });

  it('land inside the output folder whatever the input is called', () => {
    const dir = mkdtempSync(join(tmpdir(), 'akn-names-'));
    const file = join(dir, '..evil..txt');
    writeFileSync(file, sampleText);
    const result = buildFile(file, join(dir, 'out'), { formats: ['xml'], metaFile: SAMPLE_META });
    expect(result.outputs.every((o) => o.startsWith(join(dir, 'out')))).toBe(true);
  });
});
