// Stages 3 and 4 on small texts: links on their citations, dates, organizations, and the AKN details
// (FRBR from text and sidecar, eIds, URIs).
import { describe, expect, it } from 'vitest';
import { childElements, findAll, parseAkn, path, textOf } from '../pipeline/akn-tree.js';
import { asUri } from '../pipeline/uri.js';
import { build } from '../pipeline/build.js';

const page = (lines: string[], sidecar?: Parameters<typeof build>[0]['sidecar']) => {
  const result = build({ file: 'test.txt', text: lines.join('\n'), sidecar });
  return { statement: childElements(parseAkn(result.xml))[0]!, result };
};

describe('inline: links from the page link lists', () => {
  const { statement, result } = page([
    'The General Assembly,',
    'Recalling its resolutions 37/4 of 22 October 1982 and 70/1, and the report of the Secretary-General,1',
    '__________________',
    ' 1  A/71/160-S/2016/621.',
    'https://undocs.org/A/RES/37/4',
    'https://undocs.org/A/RES/70/1',
    'https://undocs.org/A/71/160-S/2016/621',
    'https://undocs.org/A/RES/99/99',
    'Noting the work of the African Union,',
    '1. Decides to remain seized of the matter.',
  ]);
  const refs = findAll(statement, 'ref');

  it('puts each link on its citation, body first then the notes of the page', () => {
    expect(refs.map((r) => [textOf(r), r.attrs['href']])).toEqual([
      ['37/4', '/akn/un/statement/deliberation/un-ga/1982-10-22/37-4'],
      ['70/1', 'https://undocs.org/A/RES/70/1'],
      ['A/71/160-S/2016/621', 'https://undocs.org/A/71/160-S/2016/621'],
    ]);
  });

  it('keeps the undocs URL of an AKN IRI as its alternative, and a link with no citation as an implicit reference', () => {
    const meta = path(statement, 'meta')!;
    expect(findAll(meta, 'alternativeReference').map((a) => [a.attrs['for'], a.attrs['href']])).toEqual([['#preamble__container_1__ref_1', 'https://undocs.org/A/RES/37/4']]);
    expect(findAll(meta, 'implicitReference').map((a) => a.attrs['href'])).toEqual(['https://undocs.org/A/RES/99/99']);
    expect(result.report.diagnostics).toContainEqual(expect.objectContaining({ code: 'link-unattached', line: 8 }));
  });

  it('marks dates, offices and organizations with their TLCs', () => {
    expect(findAll(statement, 'date').map((d) => [textOf(d), d.attrs['date']])).toEqual([['22 October 1982', '1982-10-22']]);
    expect(findAll(statement, 'role').map((r) => r.attrs['refersTo'])).toEqual(['#secretaryGeneral']);
    expect(findAll(statement, 'organization').map((o) => o.attrs['refersTo'])).toEqual(['#au']);
    const tlcs = childElements(path(statement, 'meta', 'references')!).map((t) => t.attrs['eId']);
    expect(tlcs).toEqual(expect.arrayContaining(['au', 'secretaryGeneral', 'recalling']));
  });
});

describe('inline: a link whose target differs from the printed symbol', () => {
  // UN PDFs link "S/PRST/2014/16" to E/RES/2014/16 and "S/2018/143" to E/RES/2018/14: the annotation covers
  // the printed symbol, so the link goes there, the text stays as printed, and a warning says so.
  const { statement, result } = page([
    'The Security Council,',
    'Recalling the statement by its President S/PRST/2014/16 and the report (S/2018/143), and S/2019/1,',
    'https://undocs.org/E/RES/2014/16',
    'https://undocs.org/E/RES/2018/14',
    'https://undocs.org/E/RES/2019/12',
    '1. Decides to remain seized of the matter.',
  ]);

  it('puts it on the symbol of the same number, or of a number it cuts short, on its page', () => {
    expect(findAll(statement, 'ref').map((r) => [textOf(r), r.attrs['href']])).toEqual([
      ['S/PRST/2014/16', 'https://undocs.org/E/RES/2014/16'],
      ['S/2018/143', 'https://undocs.org/E/RES/2018/14'],
    ]);
    expect(result.report.diagnostics.filter((d) => d.code === 'link-target-differs').map((d) => d.line)).toEqual([3, 4]);
  });

  it('never on a symbol whose number is shorter than the target', () => {
    // S/2019/1 is not E/RES/2019/12 cut short: that link stays an implicit reference.
    expect(findAll(path(statement, 'meta')!, 'implicitReference').map((a) => a.attrs['href'])).toEqual(['https://undocs.org/E/RES/2019/12']);
  });
});

describe('akn: identifiers and metadata', () => {
  it('takes facts from the sidecar over the text, warning on each conflict, and records a partial date', () => {
    const { statement, result } = page(['United Nations  A/RES/73/99', 'Resolution adopted by the General Assembly on 26 October 2018', '73/99. Title', 'The General Assembly,', 'Recalling its resolutions,', '1. Decides to act.'], {
      symbol: 'A/RES/73/98',
      date: '2018-10',
    });
    expect(result.report.diagnostics).toContainEqual(expect.objectContaining({ code: 'metadata-conflict', message: expect.stringContaining('symbol') }));
    const work = path(statement, 'meta', 'identification', 'FRBRWork')!;
    expect(childElements(work, 'FRBRalias')[0]!.attrs['value']).toBe('A/RES/73/98');
    expect(childElements(work, 'FRBRuri')[0]!.attrs['value']).toBe('/akn/un/statement/deliberation/un-ga/2018-10-01/73-99');
    expect(result.xml).toContain('<akp:datePrecision date="2018-10">month</akp:datePrecision>');
  });

  it('names a draft after its symbol and builds without a sidecar, warning about what it lacks', () => {
    const { statement, result } = page(['The General Assembly,', 'Recalling its resolutions,', '1. Decides to act.']);
    expect(statement.attrs['name']).toBe('resolution');
    expect(result.report.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['no-symbol', 'no-date', 'no-title']));
  });

  it('writes every link as a valid URI', () => {
    expect(asUri('https://undocs.org/en/A/RES/[70/1')).toBe('https://undocs.org/en/A/RES/%5B70/1');
    expect(asUri('https://undocs.org/en/S/RES/2532(2020)')).toBe('https://undocs.org/en/S/RES/2532(2020)');
    expect(asUri('https://x.org/a b%zz%41')).toBe('https://x.org/a%20b%25zz%41');
  });
});
