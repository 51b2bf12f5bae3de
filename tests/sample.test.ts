// The whole pipeline on the sample A/72/L.10 (French draft): structure, notes, links, repairs, words,
// validity with xmllint, and the golden XML file (regenerate with UPDATE_GOLDEN=1, review the diff).
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { childElements, findAll, parseAkn, path, textOf, type AknElement } from '../pipeline/akn-tree.js';
import { readingText } from '../pipeline/reading-text.js';
import { validateAkn } from '../pipeline/validate.js';
import { buildSample, SAMPLE } from './support/sample.js';
import { inputWords, missingWords, withoutCitationMarkers } from './support/words.js';
import { xmllintValidate } from './support/xmllint.js';

const result = buildSample();
const root = parseAkn(result.xml);
const statement = childElements(root)[0]!;

describe('the sample A/72/L.10', () => {
  it('is a draft resolution statement with FRBR identifiers from the sidecar', () => {
    expect(statement.name).toBe('statement');
    expect(statement.attrs['name']).toBe('resolutionDraft');
    const work = path(statement, 'meta', 'identification', 'FRBRWork')!;
    const value = (name: string, attr = 'value') => childElements(work, name)[0]?.attrs[attr];
    expect(value('FRBRuri')).toBe('/akn/un/statement/deliberation/un-ga/2017-12-01/A-72-L10');
    expect(childElements(work, 'FRBRalias')[0]!.attrs).toMatchObject({ name: 'unDocumentSymbol', value: 'A/72/L.10' });
    const language = path(statement, 'meta', 'identification', 'FRBRExpression', 'FRBRlanguage')!;
    expect(language.attrs['language']).toBe('fra');
    // The day of the date is not known: the metadata says so.
    expect(result.xml).toContain('<akp:datePrecision date="2017-12">month</akp:datePrecision>');
  });

  it('has the title and the formula', () => {
    const title = findAll(statement, 'docTitle')[0]!;
    expect(textOf(title)).toBe('Coopération entre l’Organisation des Nations Unies et l’Organisation de la coopération islamique');
    expect(textOf(path(statement, 'preamble', 'formula')!).trim()).toBe('L’Assemblée générale,');
  });

  it('has 27 preambular containers, each with its opening phrase in italics', () => {
    const recitals = childElements(path(statement, 'preamble')!, 'container');
    expect(recitals).toHaveLength(27);
    expect(recitals.map((r) => r.attrs['eId'])).toEqual(Array.from({ length: 27 }, (_, i) => `preamble__container_${i + 1}`));
    const phrases = recitals.map((r) => textOf(findAll(r, 'i')[0]!));
    expect(phrases[0]).toBe('Rappelant');
    expect(phrases[1]).toBe('Rappelant également');
    expect(phrases[21]).toBe('Prenant note avec satisfaction');
    expect(phrases[26]).toBe('Notant avec satisfaction');
    expect(recitals[1]!.attrs).toMatchObject({ name: 'recallingAlso', refersTo: '#recallingAlso' });
  });

  it('has 25 operative paragraphs numbered 1..25, paragraph 21 as printed (no period) with a warning', () => {
    const paragraphs = childElements(path(statement, 'mainBody')!, 'paragraph');
    expect(paragraphs).toHaveLength(25);
    expect(paragraphs.map((p) => p.attrs['eId'])).toEqual(Array.from({ length: 25 }, (_, i) => `para_${i + 1}`));
    const nums = paragraphs.map((p) => textOf(childElements(p, 'num')[0]!));
    expect(nums[20]).toBe('21');
    expect(nums.filter((n, i) => i !== 20).every((n, i) => n === `${i < 20 ? i + 1 : i + 2}.`)).toBe(true);
    expect(result.report.diagnostics).toContainEqual(expect.objectContaining({ code: 'missing-period', line: 729 }));
    expect(textOf(paragraphs[24]!)).toContain('Décide');
  });

  it('places every note where its marker is: *, 1–6, with 2 and 5 at both places', () => {
    const notes = findAll(statement, 'authorialNote');
    const markers = notes.map((n) => n.attrs['marker']);
    expect(markers.sort()).toEqual(['*', '1', '2', '2', '3', '4', '5', '5', '6']);
    const where = (marker: string) => notes.filter((n) => n.attrs['marker'] === marker).map((n) => n.attrs['eId']);
    expect(where('*')).toEqual(['preface__container_1__authorialNote_1']);
    expect(where('1')).toEqual(['preamble__container_2__authorialNote_1']);
    expect(where('2')).toEqual(['preamble__container_5__authorialNote_1', 'para_1__authorialNote_1']);
    expect(where('5')).toEqual(['preamble__container_12__authorialNote_1', 'para_9__authorialNote_1']);
    // The marker sits exactly where it is printed: after "islamique", before " à participer".
    const recital2 = textOf(childElements(path(statement, 'preamble')!, 'container')[1]!);
    expect(recital2).toMatch(/Conférence islamiqueLe 28 juin 2011.*islamique\. à participer/);
    // Note 4's superscript "1" + "er" is repaired inside the note.
    expect(textOf(notes.find((n) => n.attrs['marker'] === '4')!)).toContain('1er août 2013-31 juillet 2014');
    expect(textOf(notes.find((n) => n.attrs['marker'] === '6')!)).toContain('Supplément nº 53 (A/66/53)');
  });

  it('puts each of the 37 listed links on its citation, with AKN IRIs for dated GA resolutions', () => {
    const refs = findAll(statement, 'ref');
    // Notes 2 and 5 are repeated in full at their second citation: 37 links + 2 copies.
    expect(refs).toHaveLength(39);
    const first = refs[0]!;
    expect(textOf(first)).toBe('37/4');
    expect(first.attrs['href']).toBe('/akn/un/statement/deliberation/un-ga/1982-10-22/37-4');
    const alternatives = findAll(path(statement, 'meta')!, 'alternativeReference');
    expect(alternatives.find((a) => a.attrs['for'] === `#${first.attrs['eId']}`)?.attrs['href']).toBe('https://undocs.org/fr/A/RES/37/4');
    const byText = (text: string) => refs.filter((r) => textOf(r) === text).map((r) => r.attrs['href']);
    expect(byText('A/71/160-S/2016/621')[0]).toBe('https://undocs.org/fr/A/71/160-S/2016/621');
    expect(byText('S/PV.7813')).toEqual(['https://undocs.org/fr/S/PV.7813']);
    expect(byText('S/PRST/2013/16')).toEqual(['https://undocs.org/fr/S/PRST/2013/16']);
    expect(byText('S/INF/69')).toEqual(['https://undocs.org/fr/S/INF/69']);
    expect(byText('16/18')).toEqual(['https://undocs.org/fr/A/RES/16/18']);
    expect(byText('70/1')).toEqual(['https://undocs.org/fr/A/RES/70/1', 'https://undocs.org/fr/A/RES/70/1']);
    expect(byText('68/127')).toEqual(['https://undocs.org/fr/A/RES/68/127']);
    expect(byText('70/109')).toEqual(['https://undocs.org/fr/A/RES/70/109']);
    expect(byText('69/317')).toHaveLength(2);
    // Every listed URL is in the document, on a ref or as its alternative.
    const text = readFileSync(SAMPLE, 'utf8');
    const urls = text.split('\n').filter((l) => /^https?:\/\//.test(l.trim())).map((l) => l.trim());
    expect(urls).toHaveLength(37);
    for (const url of urls) expect(result.xml).toContain(`"${url}"`);
    expect(findAll(statement, 'implicitReference')).toHaveLength(0);
  });

  it('marks dates, the Secretary-General and the organizations', () => {
    const dates = findAll(statement, 'date');
    expect(dates.find((d) => textOf(d) === '22 octobre 1982')?.attrs['date']).toBe('1982-10-22');
    expect(dates.find((d) => textOf(d) === '1er août 2013')?.attrs['date']).toBe('2013-08-01');
    expect(findAll(statement, 'role').every((r) => r.attrs['refersTo'] === '#secretaryGeneral')).toBe(true);
    expect(findAll(statement, 'role').length).toBeGreaterThanOrEqual(6);
    const orgs = new Set(findAll(statement, 'organization').map((o) => o.attrs['refersTo']));
    expect(orgs).toContain('#un');
    expect(orgs).toContain('#oic');
    const tlcs = childElements(path(statement, 'meta', 'references')!).map((t) => `${t.name}#${t.attrs['eId']}`);
    expect(tlcs).toEqual(expect.arrayContaining(['TLCOrganization#un', 'TLCOrganization#oic', 'TLCRole#secretaryGeneral', 'TLCConcept#recalling']));
  });

  it('reports the repairs of the extraction', () => {
    const repairs = result.report.repairs.map((r) => `${r.kind}: ${r.before} -> ${r.after}`);
    expect(repairs).toEqual(
      expect.arrayContaining([
        'split-word: d omaines -> domaines',
        'split-word: le ur -> leur',
        'split-word: objec tifs -> objectifs',
        'hyphen-break: Bosnie- / Herzégovine, -> Bosnie-Herzégovine,',
        'hyphen-space: Moyen -Orient -> Moyen-Orient',
        'hyphen-break: al- / Hikma -> al-Hikma',
        'superscript: 1 / er -> 1er',
        'superscript: n / o -> nº',
      ]),
    );
    const body = readingText(result.xml);
    expect(body).toContain('en Bosnie-Herzégovine, au Mali');
    expect(body).toContain('(ONU-Femmes)');
    expect(body).toContain('au Moyen-Orient');
    expect(body).toContain('Sawt al-Hikma');
    expect(body).toContain('du 1er au 3 novembre 2016');
    expect(body).toContain('dans les domaines de coopération désignés');
    // French typography: a no-break space before ";", stray spaces before commas removed.
    expect(body).toContain('selon qu’il conviendra\u00A0;');
    expect(body).toContain('Documents officiels de l’Assemblée générale, soixante-sixième session');
    expect(body).not.toMatch(/ [;,]/);
  });

  it('joins sentences broken by a page or a footnote block', () => {
    const body = readingText(result.xml);
    // Recital 17 is interrupted by the footnote block of notes 5 and 6 and the page's links.
    expect(body).toContain('de prévention et de règlement des conflits, de médiation et de diplomatie préventive au moyen de conférences');
    expect(body).toContain('ainsi que de leur participation à des activités et manifestations communes');
  });

  it('loses no word: every word of the input is in `akn-press text`', () => {
    const expected = withoutCitationMarkers(inputWords(readFileSync(SAMPLE, 'utf8'), result.report), result.xml);
    expect(missingWords(expected, readingText(result.xml))).toEqual([]);
  });

  it('is valid: libxml2-wasm with the profile checks, and xmllint against the official XSD', () => {
    expect(validateAkn(result.xml)).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'akn-sample-'));
    const file = join(dir, 'sample.akn.xml');
    writeFileSync(file, result.xml);
    const lint = xmllintValidate(file);
    expect(lint.output).toContain('validates');
    expect(lint.ok).toBe(true);
  });

  it('matches the reviewed golden file (UPDATE_GOLDEN=1 to regenerate)', () => {
    const golden = 'tests/golden/fr_A-72-L.10.akn.xml';
    if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(golden)) writeFileSync(golden, result.xml);
    expect(result.xml).toBe(readFileSync(golden, 'utf8'));
  });
});

export type { AknElement };
