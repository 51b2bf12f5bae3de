// Stage 1 on its own: small extracted texts written for the test, one repair rule each.
import { describe, expect, it } from 'vitest';
import { repairedLines, runUntil } from './support/stages.js';

const fr = { language: 'fr' } as const;
const en = { language: 'en' } as const;

describe('repair: page furniture', () => {
  it('drops running headers, job numbers, barcodes and page numbers, and reports each', () => {
    const text = [
      'United Nations  A/RES/73/6',
      'General Assembly',
      'Distr.: General',
      '18-17962 (E)    021118',
      '*1817962*',
      'The General Assembly,',
      'Recalling its resolution 37/90 of 10 December 1982 and the work of the',
      'A/RES/73/6',
      '18-17962 2/5',
      'Committee on the Peaceful Uses of Outer Space,',
    ].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(repairedLines(context)).toEqual([
      'United Nations A/RES/73/6',
      'General Assembly',
      'Distr.: General',
      'The General Assembly,',
      'Recalling its resolution 37/90 of 10 December 1982 and the work of the',
      'Committee on the Peaceful Uses of Outer Space,',
    ]);
    expect(context.report.furniture.map((f) => f.kind)).toEqual(['job-number', 'barcode', 'running-symbol', 'page-number']);
    expect(context.repaired!.pageCount).toBe(2);
  });
});

describe('repair: footnotes and links', () => {
  const page = [
    'L’Assemblée générale,',
    ' Rappelant sa résolution 37/4 du 22 octobre 1982 et l’Organisation de la Conférence islamique',
    '1',
    ' à ses travaux, et le rapport du Secrétaire général',
    '2',
    ',',
    '__________________',
    ' * Au nom des États Membres.',
    '1',
    ' Le 28 juin 2011, elle a changé de nom.',
    '2',
    ' A/71/160.',
    'https://undocs.org/fr/A/RES/37/4',
    'https://undocs.org/fr/A/71/160',
    ' Notant que la coopération se poursuit,',
  ].join('\n');

  it('sets the footnote block aside and puts each marker back where it is printed', () => {
    const context = runUntil(page, 'repair', fr);
    expect(repairedLines(context)).toEqual([
      'L’Assemblée générale,',
      'Rappelant sa résolution 37/4 du 22 octobre 1982 et l’Organisation de la Conférence islamique[1] à ses travaux, et le rapport du Secrétaire général[2],',
      'Notant que la coopération se poursuit,',
    ]);
    const notes = context.repaired!.notes.map((n) => [n.marker, n.lines.map((l) => l.text).join(' ')]);
    expect(notes).toEqual([
      ['*', 'Au nom des États Membres.'],
      ['1', 'Le 28 juin 2011, elle a changé de nom.'],
      ['2', 'A/71/160.'],
    ]);
    expect(context.repaired!.links.map((l) => [l.url, l.page])).toEqual([
      ['https://undocs.org/fr/A/RES/37/4', 1],
      ['https://undocs.org/fr/A/71/160', 1],
    ]);
  });

  it('finds markers glued to a word or floating at a line end from the notes of the page', () => {
    const text = [
      'The General Assembly,',
      'Convinced that the 2030 Agenda for Sustainable Development,2 of the Sendai Framework 2015–20303 and',
      'the Paris Agreement 4 requires stronger coordination,',
      '__________________',
      ' 2  Resolution 70/1.',
      ' 3  Resolution 69/283, annex II.',
      ' 4  See FCCC/CP/2015/10/Add.1.',
    ].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(repairedLines(context)[1]).toBe('Convinced that the 2030 Agenda for Sustainable Development,[2] of the Sendai Framework 2015–2030[3] and');
    expect(repairedLines(context)[2]).toBe('the Paris Agreement[4] requires stronger coordination,');
    expect(context.report.repairs.filter((r) => r.kind.startsWith('note-marker')).map((r) => r.kind)).toEqual([
      'note-marker-glued',
      'note-marker-year',
      'note-marker-floating',
    ]);
  });

  it('continues a note on the next page when the block there starts without a marker', () => {
    const text = [
      'The General Assembly,',
      'Recalling the documents listed,1',
      '__________________',
      ' 1  Related documents include A/AC.105/1129,',
      'https://undocs.org/A/AC.105/1129',
      'Noting the work,',
      '__________________',
      'A/AC.105/1168 and A/AC.105/1181.',
    ].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(context.repaired!.notes).toHaveLength(1);
    expect(context.repaired!.notes[0]!.lines.map((l) => l.text).join(' ')).toBe('Related documents include A/AC.105/1129, A/AC.105/1168 and A/AC.105/1181.');
  });

  it('pairs markers that pdftotext printed apart from their texts, in order', () => {
    const text = ['The General Assembly,', 'Recalling the Agenda, 2 and the Framework 3 and more,', '__________________', 'Resolution 70/1.', 'Resolution 69/283.', '2', '3'].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(context.repaired!.notes.map((n) => [n.marker, n.lines[0]!.text])).toEqual([
      ['2', 'Resolution 70/1.'],
      ['3', 'Resolution 69/283.'],
    ]);
    expect(context.report.diagnostics.some((d) => d.code === 'note-reordered')).toBe(true);
  });
});

describe('repair: words and typography', () => {
  it('puts superscripts back ("1" + "er", "n" + "o")', () => {
    const text = ['L’Assemblée générale,', ' Notant la réunion tenue du 1', 'er', ' au 3 novembre 2016 et le Supplément n', 'o', ' 53,'].join('\n');
    expect(repairedLines(runUntil(text, 'repair', fr))[1]).toBe('Notant la réunion tenue du 1er au 3 novembre 2016 et le Supplément nº 53,');
  });

  it('takes a superscript only from the table itself, never a property every object has ("constructor", "toString")', () => {
    const text = ['The General Assembly,', ' Recalling paragraph 3', 'constructor', ' of its resolution 70/1 and paragraph 4', 'toString', ' of the same,'].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(repairedLines(context).join(' ')).not.toMatch(/function|\[native code\]/);
    expect(repairedLines(context).join(' ')).toContain('constructor');
    expect(repairedLines(context).join(' ')).toContain('toString');
    expect(context.report.repairs.filter((r) => r.kind === 'superscript')).toEqual([]);
  });

  it('closes hyphen breaks and spaced hyphens', () => {
    const text = ['L’Assemblée générale,', ' Notant la situation en Bosnie -', 'Herzégovine et au Moyen -Orient, et Sawt al-', 'Hikma,'].join('\n');
    const lines = repairedLines(runUntil(text, 'repair', fr));
    expect(lines.slice(1).join('')).toBe('Notant la situation en Bosnie-Herzégovine et au Moyen-Orient, et Sawt al-Hikma,');
  });

  it('rejoins a split word only when the joined word is attested and a piece is not', () => {
    const text = [
      'L’Assemblée générale,',
      ' Notant les domaines prioritaires et leur rôle,',
      ' Notant les d omaines de coopération et le ur action,',
      ' Notant que le pays a un rôle,',
    ].join('\n');
    const context = runUntil(text, 'repair', fr);
    expect(repairedLines(context)[2]).toBe('Notant les domaines de coopération et leur action,');
    // "a un" stays: both are words.
    expect(repairedLines(context)[3]).toBe('Notant que le pays a un rôle,');
    expect(context.report.repairs.filter((r) => r.kind === 'split-word').map((r) => `${r.before} -> ${r.after}`)).toEqual([
      'd omaines -> domaines',
      'le ur -> leur',
    ]);
  });

  it('joins fragments that cannot be words ("durin g", "framewo rk") and split years', () => {
    const text = ['The Security Council,', 'Recalling the framewo rk consultations durin g 2021 and resolution 2216 (201 5 ),'].join('\n');
    expect(repairedLines(runUntil(text, 'repair', en))[1]).toBe('Recalling the framework consultations during 2021 and resolution 2216 (2015),');
  });

  it('joins a word split before its ending ("directi on") but not two words ("ratio of")', () => {
    const text = ['The Security Council,', 'Recalling the directi on of the ratio of efforts and its expectati o n s,'].join('\n');
    expect(repairedLines(runUntil(text, 'repair', en))[1]).toBe('Recalling the direction of the ratio of efforts and its expectations,');
  });

  it('uses French typography before ; : » and after «, and removes stray spaces before commas', () => {
    const text = ['L’Assemblée générale,', ' 1. Prie le Secrétaire général de lui rendre compte , sous le thème « Paix » ;'].join('\n');
    expect(repairedLines(runUntil(text, 'repair', fr))[1]).toBe('1. Prie le Secrétaire général de lui rendre compte, sous le thème «\u00A0Paix\u00A0»\u00A0;');
  });

  it('restores line breaks in a text whose whitespace was collapsed', () => {
    const text = 'A/RES/72/298 Nations Unies Assemblée générale Distr. générale 18 juillet 2018 [sur la base du rapport (A/72/906)] 72/298. Financement de la Force L’Assemblée générale, Ayant examiné les rapports du Secrétaire général, Rappelant la résolution 350 (1974), Consciente qu’il est indispensable de doter la Force des ressources dont elle a besoin pour s’acquitter de ses responsabilités dans ses résolutions et de mener ses activités dans la région conformément à son mandat';
    const context = runUntil(text, 'repair', fr);
    expect(repairedLines(context)).toEqual([
      'A/RES/72/298 Nations Unies Assemblée générale Distr. générale 18 juillet 2018',
      '[sur la base du rapport (A/72/906)]',
      '72/298. Financement de la Force',
      'L’Assemblée générale,',
      'Ayant examiné les rapports du Secrétaire général,',
      'Rappelant la résolution 350 (1974),',
      expect.stringMatching(/^Consciente qu’il est indispensable/),
    ]);
    expect(context.report.diagnostics.some((d) => d.code === 'collapsed-text')).toBe(true);
  });
});
