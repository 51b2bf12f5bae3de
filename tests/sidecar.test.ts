// The metadata sidecar: checked against the published JSON Schema (schemas/sidecar.schema.json) with
// ajv, dates checked against the calendar; each fault is one error naming the sidecar, never the text.
// And the facts it gives that the text lacks (vote, adoption, sponsors) appear in the HTML and JSON-LD.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../pipeline/build.js';
import { readSidecar } from '../pipeline/metadata.js';
import { newReport } from '../pipeline/report.js';
import { isPartialDate } from '../pipeline/sidecar.js';

const dir = mkdtempSync(join(tmpdir(), 'akn-sidecar-'));
let n = 0;
function sidecar(content: string | Uint8Array): string {
  const path = join(dir, `s${++n}.meta.json`);
  writeFileSync(path, content);
  return path;
}
/** The one line the CLI prints for what readSidecar throws. */
function errorOf(path: string): string {
  try {
    readSidecar(path);
  } catch (error) {
    return String(error);
  }
  return 'no error';
}

describe('sidecar checks', () => {
  it('dates must exist: 2017-02-30 is an error about the sidecar; leap days and partial dates are fine', () => {
    const bad = sidecar('{ "date": "2017-02-30" }');
    expect(errorOf(bad)).toBe(`${bad}: field "date" is not a date that exists: expected YYYY, YYYY-MM or YYYY-MM-DD ("2017-02-30")`);
    const month = sidecar('{ "adoption": { "date": "2017-13" } }');
    expect(errorOf(month)).toBe(`${month}: field "adoption.date" is not a date that exists: expected YYYY, YYYY-MM or YYYY-MM-DD ("2017-13")`);
    expect(['2016-02-29', '2000-02-29', '2017-12', '2017', '2100-01-01'].map(isPartialDate)).toEqual([true, true, true, true, true]);
    expect(['2017-02-29', '1900-02-29', '2017-04-31', '17-12-01', '2017-1-1', '2017-12-00'].map(isPartialDate)).toEqual([false, false, false, false, false, false]);
  });

  it('type errors name the field, the expected type and the value', () => {
    const cases: Array<[string, string]> = [
      ['{ "session": "72" }', 'field "session" must be an integer ("72")'],
      ['{ "session": 72.5 }', 'field "session" must be an integer (72.5)'],
      ['{ "adoption": { "vote": { "inFavour": 92, "against": "none", "abstaining": 4 } } }', 'field "adoption.vote.against" must be an integer ("none")'],
      ['{ "adoption": { "vote": { "inFavour": 92 } } }', 'field "adoption.vote" lacks "against"'],
      ['{ "sponsors": "Côte d’Ivoire" }', 'field "sponsors" must be an array ("Côte d’Ivoire")'],
      ['{ "sponsors": [{ "nom": "Côte d’Ivoire" }] }', 'field "sponsors.0" lacks "name"'],
      ['{ "kind": "decision" }', 'field "kind" must be one of "resolution", "resolutionDraft" ("decision")'],
      ['{ "symbol": null }', 'field "symbol" must be a string (null)'],
      ['{ "sybmol": "A/72/L.10" }', 'unknown field "sybmol" in the metadata sidecar'],
      ['[]', 'metadata sidecar must be a JSON object'],
    ];
    for (const [content, message] of cases) {
      const path = sidecar(content);
      expect(errorOf(path).replace(/^[^:]*:(\d+:)? /, ''), content).toBe(message);
      expect(errorOf(path).startsWith(path), content).toBe(true);
    }
  });

  it('a byte order mark is ignored with a warning; a missing file, bad JSON and a 10 MB sidecar are one clear error each', () => {
    const bom = sidecar(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{ "symbol": "A/72/L.10" }')]));
    const report = newReport('x.txt');
    expect(readSidecar(bom, report)).toEqual({ symbol: 'A/72/L.10' });
    expect(report.diagnostics.map((d) => d.message)).toEqual([`${bom}: the metadata sidecar starts with a byte order mark; ignored`]);
    expect(errorOf(join(dir, 'missing.meta.json'))).toBe(`${join(dir, 'missing.meta.json')}: no such metadata sidecar file`);
    const broken = sidecar('{\n  "symbol": "A/72/L.10",\n  "session": 72,\n}');
    expect(errorOf(broken)).toMatch(new RegExp(`^${broken}:4: metadata sidecar is not valid JSON: `));
    const huge = sidecar(`{ "title": "${'x'.repeat(10 * 1024 * 1024)}" }`);
    expect(errorOf(huge)).toBe(`${huge}: metadata sidecar of 10.0 MB is over the limit of 1.0 MB`);
    expect(errorOf(dir)).toBe(`${dir}: is a folder, not a file`);
  });

  it('the published schema is the one used', () => {
    const schema = JSON.parse(readFileSync('schemas/sidecar.schema.json', 'utf8')) as { properties: Record<string, unknown> };
    const documented = readFileSync('pipeline/metadata.ts', 'utf8');
    for (const field of Object.keys(schema.properties).filter((f) => f !== '$comment')) expect(documented, field).toContain(`//   ${field}`);
  });
});

describe('facts from the sidecar in the publications', () => {
  const text = readFileSync('input/fr_A-72-L.10.txt');
  const meta = readSidecar('input/fr_A-72-L.10.meta.json');
  const result = build({ file: 'fr_A-72-L.10.txt', text, sidecar: meta }, { formats: ['xml', 'html', 'jsonld'] });

  it('shows the adoption and the vote in the HTML header', () => {
    const facts = /<dl class="akn-facts">.*?<\/dl>/s.exec(result.html!)?.[0];
    expect(facts).toBe(
      '<dl class="akn-facts"><dt>Adopté</dt><dd class="akn-facts-adoption"><time datetime="2017-12">2017-12</time>, séance plénière 65</dd>' +
        '<dt>Vote enregistré</dt><dd class="akn-facts-vote" data-in-favour="92" data-against="0" data-abstaining="4">92 voix pour, 0 voix contre, 4 abstentions</dd></dl>',
    );
    // The sponsors are in the preface, as printed.
    expect(result.html).toContain('Côte d’Ivoire');
  });

  it('states the sponsors, the adoption and the vote in the JSON-LD', () => {
    const work = (result.jsonld as { '@graph': Array<Record<string, unknown>> })['@graph'][0]!;
    expect(work['schema:sponsor']).toEqual([
      { '@id': `${String(work['@id'])}#sponsor_1`, '@type': 'schema:Country', 'schema:name': { '@value': 'Côte d’Ivoire', '@language': 'fr' } },
    ]);
    expect(work['akp:adoptionDate']).toBe('2017-12');
    expect(work['akp:plenaryMeeting']).toBe(65);
    expect(work['akp:recordedVote']).toEqual({ '@id': `${String(work['@id'])}#recordedVote`, '@type': 'akp:RecordedVote', 'akp:inFavour': 92, 'akp:against': 0, 'akp:abstaining': 4 });
  });
});
