// Stage 2 (with 3 and 4 to see the result as AKN) on small resolutions written for the test.
import { describe, expect, it } from 'vitest';
import { childElements, findAll, parseAkn, path, textOf, type AknElement } from '../pipeline/akn-tree.js';
import { build } from '../pipeline/build.js';
import { InputError } from '../pipeline/report.js';
import { runUntil } from './support/stages.js';

function statementOf(text: string, sidecar?: Parameters<typeof build>[0]['sidecar']): { statement: AknElement; xml: string; report: ReturnType<typeof build>['report'] } {
  const result = build({ file: 'test.txt', text, sidecar });
  return { statement: childElements(parseAkn(result.xml))[0]!, xml: result.xml, report: result.report };
}

const adopted = [
  'United Nations  A/RES/73/99',
  'General Assembly',
  'Distr.: General',
  '31 October 2018',
  'Seventy-third session',
  'Agenda item 30',
  'Resolution adopted by the General Assembly on',
  '26 October 2018',
  '[on the report of the Third Committee (A/73/480)]',
  '73/99. Cooperation in outer space',
  'The General Assembly,',
  'Recalling its resolution 72/79 of 7 December 2017,',
  'Acting in accordance with the Charter of the United Nations,',
  'Deeply concerned about debris,',
  '1. Requests the Secretary-General to report, taking into account:',
  '(a) The views of Member States;',
  '(b) The work of the Committee, in particular:',
  '(i) Its Legal Subcommittee;',
  '(ii) Its Scientific Subcommittee;',
  '(c) Other contributions;',
  '2. Decides to remain seized of the matter.',
  '30th plenary meeting',
  '26 October 2018',
].join('\n');

describe('structure: an adopted General Assembly resolution', () => {
  const { statement, report } = statementOf(adopted);

  it('reads the masthead and the preface: symbol, session, agenda item, date, committee, number and title', () => {
    expect(report.detected['symbol']?.value).toBe('A/RES/73/99');
    expect(report.detected['session']?.value).toBe('73');
    expect(report.detected['agendaItem']?.value).toBe('30');
    expect(report.detected['date']?.value).toBe('2018-10-26');
    expect(report.detected['number']?.value).toBe('73/99');
    expect(statement.attrs['name']).toBe('resolution');
    const work = path(statement, 'meta', 'identification', 'FRBRWork', 'FRBRuri')!;
    expect(work.attrs['value']).toBe('/akn/un/statement/deliberation/un-ga/2018-10-26/73-99');
    expect(textOf(findAll(statement, 'docTitle')[0]!)).toBe('Cooperation in outer space');
    expect(textOf(findAll(statement, 'docNumber').at(-1)!)).toBe('73/99');
    const adoption = childElements(path(statement, 'preface')!)[0]!;
    expect(textOf(adoption)).toContain('[on the report of the Third Committee (A/73/480)]');
  });

  it('keys each recital by its opening phrase, including phrases the table does not list', () => {
    const recitals = childElements(path(statement, 'preamble')!, 'container');
    expect(recitals.map((r) => r.attrs['name'])).toEqual(['recalling', 'acting', 'deeplyConcerned']);
  });

  it('nests (a)–(c) and (i)–(ii) as lists with eIds from their numbers', () => {
    const points = findAll(path(statement, 'mainBody')!, 'point').map((p) => p.attrs['eId']);
    expect(points).toEqual([
      'para_1__list_1__point_a',
      'para_1__list_1__point_b',
      'para_1__list_1__point_b__list_1__point_i',
      'para_1__list_1__point_b__list_1__point_ii',
      'para_1__list_1__point_c',
    ]);
    expect(textOf(path(statement, 'mainBody', 'paragraph', 'list', 'intro')!).trim()).toBe('Requests the Secretary-General to report, taking into account:');
  });

  it('puts the closing lines in conclusions', () => {
    const conclusions = path(statement, 'conclusions')!;
    expect(findAll(conclusions, 'event')[0]!.attrs['refersTo']).toBe('#plenaryMeeting_30');
    expect(findAll(conclusions, 'docDate')[0]!.attrs['date']).toBe('2018-10-26');
  });
});

describe('structure: a Security Council draft', () => {
  const draft = [
    'United Nations  S/2099/1',
    'Security Council',
    'Distr.: General',
    '28 February 2099',
    'Original: English',
    'Freedonia and Sylvania:',
    'draft resolution',
    'The Security Council,',
    'Recalling its previous resolutions,',
    'Acting under Chapter VII of the Charter of the United Nations,',
    '1. Decides that the entity listed in the annex shall be subject to the measures;',
    'Reporting',
    '2. Requests the Secretary-General to report;',
    '3. Decides to remain actively seized of the matter.',
    'Annex',
    'THE ENTITY',
    'The entity has engaged in acts that threaten the peace.',
    'The entity has also obstructed assistance.',
  ].join('\n');
  const { statement, report } = statementOf(draft);

  it('is a draft of the Security Council dated from its masthead, with its sponsors', () => {
    expect(statement.attrs['name']).toBe('resolutionDraft');
    expect(path(statement, 'meta', 'identification', 'FRBRWork', 'FRBRuri')!.attrs['value']).toBe('/akn/un/statement/deliberation/un-sc/2099-02-28/S-2099-1');
    expect(findAll(statement, 'docProponent').map(textOf)).toEqual(['Freedonia', 'Sylvania']);
    expect(report.detected['kind']?.value).toBe('resolutionDraft');
    expect(textOf(path(statement, 'preface')!)).toContain('Freedonia and Sylvania: draft resolution');
  });

  it('recognises the Chapter VII recital, the heading and the annex with its own eIds', () => {
    const recitals = childElements(path(statement, 'preamble')!, 'container');
    expect(recitals.map((r) => r.attrs['name'])).toEqual(['recalling', 'acting']);
    const body = path(statement, 'mainBody')!;
    // An unnumbered heading opens a division (profile §3.3).
    expect(childElements(body).map((c) => `${c.name}:${c.attrs['eId']}`)).toEqual(['paragraph:para_1', 'division:dvs_1']);
    expect(textOf(childElements(childElements(body, 'division')[0]!, 'heading')[0]!)).toBe('Reporting');
    const annex = findAll(statement, 'attachment')[0]!;
    expect(annex.attrs['eId']).toBe('att_1');
    const annexParagraphs = findAll(annex, 'paragraph');
    expect(annexParagraphs.map((p) => p.attrs['eId'])).toEqual(['att_1__para_1', 'att_1__para_2']);
    expect(textOf(findAll(annex, 'docTitle')[0]!)).toBe('THE ENTITY');
  });
});

describe('structure: rules and errors', () => {
  it('accepts an operative number printed without its period, keeps it as printed and warns', () => {
    const { statement, report } = statementOf(['The General Assembly,', 'Recalling its resolutions,', '1. Welcomes the report;', '2 Encourages States to cooperate;', '3. Decides to continue.'].join('\n'));
    expect(findAll(statement, 'num').map(textOf)).toEqual(['1.', '2', '3.']);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ code: 'missing-period', line: 4 }));
  });

  it('does not take "(a)" after "paragraph 1" for an item', () => {
    const { statement } = statementOf(['The General Assembly,', 'Recalling its resolutions,', '1. Decides that the statement referred to in paragraph 1', '(a) above shall be circulated.'].join('\n'));
    expect(findAll(statement, 'point')).toHaveLength(0);
  });

  it('reads a declaration: preamble heading, recitals, the formula after them, a proclamation and articles', () => {
    const { statement } = statementOf(
      [
        'Universal Declaration',
        'Preamble',
        'Whereas recognition of dignity is the foundation of freedom,',
        'Whereas disregard for rights has resulted in barbarous acts,',
        'The General Assembly',
        'Proclaims this Declaration as a common standard of achievement.',
        'Article 1',
        'All human beings are born free and equal in dignity and rights.',
        'Article 2',
        '1. Everyone has the right to life.',
        '2. No one shall be held in slavery.',
      ].join('\n'),
    );
    const preamble = path(statement, 'preamble')!;
    expect(childElements(preamble).map((c) => c.name)).toEqual(['block', 'container', 'container', 'formula']);
    // "Preamble" is the heading of that part (a named block: preamble has no heading of its own in the schema).
    expect(childElements(preamble)[0]!.attrs).toEqual({ name: 'preambleHeading', eId: 'preamble__block_1' });
    expect(textOf(childElements(preamble)[0]!)).toBe('Preamble');
    const articles = findAll(statement, 'article');
    expect(articles.map((a) => a.attrs['eId'])).toEqual(['para_1__embeddedStructure_1__art_1', 'para_1__embeddedStructure_1__art_2']);
    expect(findAll(articles[1]!, 'num').map(textOf)).toEqual(['1.', '2.']);
    expect(textOf(path(statement, 'mainBody', 'paragraph', 'content')!).trim()).toMatch(/^Proclaims this Declaration/);
  });

  it('refuses a text with no recognisable resolution structure, naming the file', () => {
    expect(() => runUntil('Dear colleagues,\nPlease find attached the minutes of the meeting.\nBest regards', 'structure', { language: 'en' })).toThrow(InputError);
    try {
      runUntil('Dear colleagues,\nPlease find attached the minutes.', 'structure', { language: 'en' });
    } catch (error) {
      expect(String(error)).toMatch(/^test\.txt:1: no recognisable resolution structure/);
    }
    expect.assertions(2);
  });
});

describe('structure: sections, sponsors and the star note', () => {
  const text = [
    'United Nations  A/C.5/99/L.1',
    'General Assembly',
    'Distr.: Limited',
    '1 December 2099',
    'Ninety-ninth session',
    'Agenda item 134',
    'Trinidad and Tobago and Freedonia*: draft resolution',
    'Financing of the Mission',
    'The General Assembly,',
    'Recalling its resolution 98/1,',
    'I',
    'General matters',
    '1. Takes note of the report;',
    '2. Requests the Secretary-General to report;',
    'II. Financing',
    '1. Decides to appropriate the amount;',
    '2. Also decides to review the matter.',
    '__________________',
    ' * On behalf of the Group of Friends.',
  ].join('\n');
  const { statement, report } = statementOf(text);

  it('makes roman-numbered sections whose paragraphs start again at 1', () => {
    const sections = childElements(path(statement, 'mainBody')!, 'section');
    expect(sections.map((s) => [s.attrs['eId'], textOf(childElements(s, 'num')[0]!), textOf(childElements(s, 'heading')[0]!)])).toEqual([
      ['sec_I', 'I', 'General matters'],
      ['sec_II', 'II.', 'Financing'],
    ]);
    expect(findAll(sections[1]!, 'paragraph').map((p) => p.attrs['eId'])).toEqual(['sec_II__para_1', 'sec_II__para_2']);
  });

  it('marks each sponsor (a name with "and" stays whole) and puts the star note at its star', () => {
    expect(findAll(statement, 'docProponent').map(textOf)).toEqual(['Trinidad and Tobago', 'Freedonia']);
    const note = findAll(statement, 'authorialNote')[0]!;
    expect(note.attrs['eId']).toBe('preface__container_1__authorialNote_1');
    expect(report.repairs.some((r) => r.kind === 'note-marker-glued' && r.before === 'Freedonia*:')).toBe(true);
  });
});

describe('structure: a Main Committee draft', () => {
  const text = [
    'United Nations  A/C.3/73/L.5',
    'General Assembly',
    'Distr.: Limited',
    '1 November 2018',
    'Original: English',
    'Seventy-third session',
    'Third Committee',
    'Agenda item 74 (b)',
    'Promotion and protection of human rights: human rights questions, including',
    'alternative approaches for improving the effective enjoyment of human rights',
    'Argentina, Austria, Brazil, Germany, Liechtenstein,',
    'Mexico, Switzerland and Uruguay: draft resolution',
    'The right to privacy in the digital age',
    'The General Assembly,',
    'Recalling its resolution 68/167 of 18 December 2013,',
    '1. Reaffirms the right to privacy;',
    '2. Decides to continue its consideration of the question.',
  ].join('\n');
  const { statement } = statementOf(text);

  it('keeps the agenda item title in the masthead and takes the wrapped sponsor list whole', () => {
    expect(findAll(statement, 'docProponent').map(textOf)).toEqual(['Argentina', 'Austria', 'Brazil', 'Germany', 'Liechtenstein', 'Mexico', 'Switzerland', 'Uruguay']);
    expect(textOf(path(statement, 'coverPage')!)).toContain('alternative approaches for improving the effective enjoyment of human rights');
    expect(textOf(findAll(statement, 'docTitle')[0]!)).toBe('The right to privacy in the digital age');
  });

  it('is the committee\'s document: the IRI actor is un-ga-c3 and the symbol becomes A-C3-73-L5', () => {
    expect(path(statement, 'meta', 'identification', 'FRBRWork', 'FRBRuri')!.attrs['value']).toBe('/akn/un/statement/deliberation/un-ga-c3/2018-11-01/A-C3-73-L5');
    expect(childElements(path(statement, 'meta', 'references')!, 'TLCOrganization').map((t) => t.attrs['eId'])).toContain('un-ga-c3');
  });
});
