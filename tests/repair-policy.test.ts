// The repair policy of issue 9: the repair stage changes the printed text only on positive evidence. One
// small text per defect class seen on real documents, with the exact output expected.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repairedLines, runUntil } from './support/stages.js';
import { join } from 'node:path';
import { CORPUS_TEXTS, corpusIt } from './support/corpus.js';

const en = { language: 'en' } as const;
const es = { language: 'es' } as const;
const zh = { language: 'zh' } as const;

const kinds = (context: ReturnType<typeof runUntil>, prefix: string) =>
  context.report.repairs.filter((r) => r.kind.startsWith(prefix)).map((r) => `${r.before} -> ${r.after}`);

describe('class 1: numbers of the text are never taken for note markers', () => {
  it('keeps decimals, references, agenda items and dates even when a note of the page has that number', () => {
    const text = [
      'The General Assembly,',
      'Recalling resolution 67.1 of the Council and agenda item 15 entitled “Peace”, and the decision of',
      '3 March 2020 on paragraph 3 of resolution 1325 (2000),',
      '__________________',
      ' 1  See A/67/1.',
      ' 3  See A/67/3.',
      ' 15  See A/67/15.',
    ].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(repairedLines(context)).toEqual([
      'The General Assembly,',
      'Recalling resolution 67.1 of the Council and agenda item 15 entitled “Peace”, and the decision of',
      '3 March 2020 on paragraph 3 of resolution 1325 (2000),',
    ]);
    expect(context.repaired!.citations).toEqual([]);
    expect(context.report.diagnostics.filter((d) => d.code === 'marker-not-found').map((d) => d.message)).toEqual([
      'note 1: its marker was not found on page 1',
      'note 3: its marker was not found on page 1',
      'note 15: its marker was not found on page 1',
    ]);
  });

  it('places the real markers of the page beside numbers that are not markers', () => {
    const text = [
      'The General Assembly,',
      'Recalling its resolution 67.1 of 20 December 2012, paragraph 3 of resolution 70/1,1 and agenda item 15',
      'entitled “Culture of peace”,2',
      'Noting the report of the Secretary-General,3 and paragraphs 2 and 3 of its annex,',
      '__________________',
      ' 1  Resolution 70/1.',
      ' 2  A/75/1.',
      ' 3  A/75/2.',
    ].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(repairedLines(context)).toEqual([
      'The General Assembly,',
      'Recalling its resolution 67.1 of 20 December 2012, paragraph 3 of resolution 70/1,[1] and agenda item 15',
      'entitled “Culture of peace”,[2]',
      'Noting the report of the Secretary-General,[3] and paragraphs 2 and 3 of its annex,',
    ]);
  });
});

describe('class 2: no spelling is imposed from elsewhere in the document', () => {
  it('keeps both spellings a document prints', () => {
    const lines = [
      'The Security Council,',
      'Recalling health care and health-care workers, the long term and the long-term plan, waterborne and',
      'water-borne devices, the road map and the roadmap, ANSAR ALLAH and ANSARALLAH, capacity building and',
      'capacity-building, peacebuilding and peace-building,',
    ];
    const context = runUntil(lines.join('\n'), 'repair', en);
    expect(repairedLines(context)).toEqual([...lines.slice(0, 2), 'water-borne devices, the road map and the roadmap, ANSAR ALLAH and ANSARALLAH, capacity building and', lines[3]]);
    expect(kinds(context, 'split-word')).toEqual([]);
    expect(kinds(context, 'hyphen-restored')).toEqual([]);
  });

  it('puts a hyphen back only where an extractor joined two printed lines, at the printed line end', () => {
    const filler = ['Recalling its resolutions on the situation in the region and the reports of the', 'Secretary-General on the matter, and stressing the need for all parties to act,'];
    const text = [
      'The Security Council,',
      ...Array.from({ length: 6 }, () => filler).flat(),
      // pdftotext joined two printed lines here and took the line-end hyphens out.
      'Requesting the Secretary-General to report regularly on the implementation of its zerotolerance policy and the SecretaryGeneral to act,',
      'Recalling the capacity-building efforts of the Office for Outer Space Affairs,',
      'that the Office can fully and effectively implement its mandate, including capacity building activities for Member States,',
      'Requesting the SecretaryGeneral to report on the long-',
      'term plan,',
    ].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(repairedLines(context).slice(-5)).toEqual([
      'Requesting the Secretary-General to report regularly on the implementation of its zero-tolerance policy and the SecretaryGeneral to act,',
      'Recalling the capacity-building efforts of the Office for Outer Space Affairs,',
      'that the Office can fully and effectively implement its mandate, including capacity-building activities for Member States,',
      'Requesting the SecretaryGeneral to report on the long-',
      'term plan,',
    ]);
    expect(kinds(context, 'hyphen-restored')).toEqual(['zerotolerance -> zero-tolerance', 'capacity building -> capacity-building']);
    // The line-end hyphen of a compound is kept ("long-" + "term"), joined without a space.
    expect(context.repaired!.lines.at(-2)!.glue).toBe('');
  });
});

describe('class 3: a fragment joins the neighbour it makes a word with, never two words', () => {
  it('reads "the e ffectiveness" as "the effectiveness" and leaves real words alone', () => {
    const text = [
      'The Security Council,',
      'Recalling the e ffectiveness of activities p rohibited as de termined by the re moval of mines, persons',
      'hors de combat, the Ejército de Liberación and their r ights,',
    ].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(repairedLines(context)).toEqual([
      'The Security Council,',
      'Recalling the effectiveness of activities prohibited as determined by the removal of mines, persons',
      'hors de combat, the Ejército de Liberación and their rights,',
    ]);
    expect(kinds(context, 'split-word')).toEqual([
      'e ffectiveness -> effectiveness',
      'p rohibited -> prohibited',
      'de termined -> determined',
      're moval -> removal',
      'r ights, -> rights,',
    ]);
  });

  it('does not glue a Spanish preposition to the name before it', () => {
    const text = ['El Consejo de Seguridad,', 'Recordando el Ejército de Liberación Nacional y l a resolución del Consejo,'].join('\n');
    expect(repairedLines(runUntil(text, 'repair', es))[1]).toBe('Recordando el Ejército de Liberación Nacional y la resolución del Consejo,');
  });

  it('keeps a fragment split when no neighbour makes a word with it, and says so', () => {
    const text = ['The Security Council,', 'Recalling their r commitments,'].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(repairedLines(context)[1]).toBe('Recalling their r commitments,');
    expect(context.report.diagnostics.filter((d) => d.code === 'split-word-kept').map((d) => d.message)).toEqual([
      '"r" is not a word and makes none with its neighbours; kept as printed',
    ]);
  });
});

describe('class 4: split words are rejoined when the joined form is a word and a piece is not', () => {
  it('rejoins within a line and across a line end', () => {
    const text = [
      'The Security Council,',
      'Noting the insti tutions of the econ omy, financi al support, the Secretary-Gen eral, the M onitoring',
      'Group and the humanitari',
      'an assistance,',
    ].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(repairedLines(context)).toEqual([
      'The Security Council,',
      'Noting the institutions of the economy, financial support, the Secretary-General, the Monitoring',
      'Group and the humanitarian',
      'assistance,',
    ]);
    expect(kinds(context, 'split-word')).toEqual([
      'insti tutions -> institutions',
      'econ omy, -> economy,',
      'financi al -> financial',
      'Secretary-Gen eral, -> Secretary-General,',
      'M onitoring -> Monitoring',
      'humanitari an -> humanitarian',
    ]);
  });

  it('closes a line-end hyphen between two fragments, and keeps it between two words', () => {
    const text = ['The Security Council,', 'Noting the insti-', 'tutions and the post-', 'conflict plan,'].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(context.repaired!.lines.slice(1).map((l) => `${l.text}${l.glue === '' ? '' : ' '}`).join('').trim()).toBe('Noting the institutions and the post-conflict plan,');
  });
});

describe('class 5: note markers spaced from their word are placed when the page’s notes say so', () => {
  it('after a comma, after a closing quote and after a sentence’s end', () => {
    const text = [
      'The General Assembly,',
      'Recalling the 2030 Agenda for Sustainable Development, 1 including its Goals, and the report “Global',
      'Health”,2 and the judgment of the Court (1999). 3 Petitioners were heard,',
      '__________________',
      ' 1  Resolution 70/1.',
      ' 2  A/74/1.',
      ' 3  I.C.J. Reports 1999.',
    ].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(repairedLines(context)).toEqual([
      'The General Assembly,',
      'Recalling the 2030 Agenda for Sustainable Development,[1] including its Goals, and the report “Global',
      'Health”,[2] and the judgment of the Court (1999).[3] Petitioners were heard,',
    ]);
  });
});

describe('notes numbered 1000 and above (issue 12, section 3) are notes of their own, never merged', () => {
  const notesOf = (context: ReturnType<typeof runUntil>) => context.repaired!.notes.map((n) => `${n.marker}: ${n.lines.map((l) => l.text).join(' ')}`);

  it('recognises four-digit markers in sequence: glued, spaced, on a line of their own, and in the footnote block', () => {
    const text = [
      'The General Assembly,',
      'Recalling its report,999 the note,1000 and the other note.1001 And the decision',
      '1002',
      'of 2021, and the plan of 1003 states,',
      '__________________',
      ' 999  See A/67/1.',
      ' 1000  See A/67/3.',
      ' 1001  See A/67/15, adopted in',
      '2021 as printed.',
      ' 1002  See A/67/16.',
    ].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(repairedLines(context)).toEqual([
      'The General Assembly,',
      'Recalling its report,[999] the note,[1000] and the other note.[1001] And the decision[1002]',
      'of 2021, and the plan of 1003 states,',
    ]);
    // The wrapped line that starts with a year stays in its note; "1003" has no note and stays a number.
    expect(notesOf(context)).toEqual(['999: See A/67/1.', '1000: See A/67/3.', '1001: See A/67/15, adopted in 2021 as printed.', '1002: See A/67/16.']);
    expect(context.report.diagnostics.map((d) => d.code)).toEqual([]);
  });

  it('markers printed in a column before their texts, from 998 on', () => {
    const text = ['The Security Council,', 'Recalling the reports,998 the plans,999 and the letters,1000', '__________________', '998', '999', '1000', 'See A/1.', 'See A/2.', 'See A/3.'].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(notesOf(context)).toEqual(['998: See A/1.', '999: See A/2.', '1000: See A/3.']);
    expect(repairedLines(context)[1]).toBe('Recalling the reports,[998] the plans,[999] and the letters,[1000]');
  });

  it('a four-digit line out of sequence is kept as the text of the note before, with a warning', () => {
    const text = ['The General Assembly,', 'Recalling its report,999 and the other,1001', '__________________', ' 999  See A/67/1.', ' 1001  See A/67/2.'].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(notesOf(context)).toEqual(['999: See A/67/1. 1001 See A/67/2.']);
    expect(context.report.diagnostics.filter((d) => d.code === 'note-marker-uncertain').map((d) => `${d.line}: ${d.message}`)).toEqual([
      '5: "1001" opens a footnote line but the next note is 1000; kept as the text of the note before',
    ]);
  });

  it('markers of missing notes run on past 999; a run of years is not one', () => {
    const text = [
      'The General Assembly,',
      'Recalling the first report 998 and the second report 999 and the third report 1000 and the last report 1001,',
      'Noting the plans adopted in 2019 and revised in 2020 and completed in 2021 as printed,',
    ].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(repairedLines(context)).toEqual([
      'The General Assembly,',
      'Recalling the first report[998] and the second report[999] and the third report[1000] and the last report[1001],',
      'Noting the plans adopted in 2019 and revised in 2020 and completed in 2021 as printed,',
    ]);
  });
});

describe('a paragraph\'s last line printed before its first line (pdftotext\'s block order)', () => {
  it('is put back after the paragraph when both sides show it: a piece that ends the paragraph, a block that opens it', () => {
    const text = [
      'The Security Council,',
      'Recalling its resolutions,',
      '3.',
      'Welcomes the report;',
      '4.',
      '2021;',
      '',
      'Decides to extend the mandate of the Mission until 31 October',
      '',
      '5.',
      'Requests the Secretary-General:',
      '(a) To report;',
      '(b)',
      'process;',
      '',
      'To inform the Council of each judicial',
      '',
      '6.',
      'Decides to remain seized of the matter.',
    ].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(repairedLines(context)).toEqual([
      'The Security Council,',
      'Recalling its resolutions,',
      '3. Welcomes the report;',
      '4. Decides to extend the mandate of the Mission until 31 October',
      '2021;',
      '5. Requests the Secretary-General:',
      '(a) To report;',
      '(b) To inform the Council of each judicial',
      'process;',
      '6. Decides to remain seized of the matter.',
    ]);
    expect(kinds(context, 'line-order')).toEqual([
      '4. 2021; … Decides to extend the mandate of the Mission until 31 October -> 4. … Decides to extend the mandate of the Mission until 31 October 2021;',
      '(b) process; … To inform the Council of each judicial -> (b) … To inform the Council of each judicial process;',
    ]);
  });

  it('stays as printed, with a warning, when the block after it ends its own sentence', () => {
    const text = ['The Security Council,', 'Recalling its resolutions,', '4.', '2021;', '', 'Decides to remain seized of the matter.', '', '5.', 'Requests a report.'].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(repairedLines(context)).toEqual(['The Security Council,', 'Recalling its resolutions,', '4. 2021;', 'Decides to remain seized of the matter.', '5. Requests a report.']);
    expect(kinds(context, 'line-order')).toEqual([]);
    expect(context.report.diagnostics.filter((d) => d.code.startsWith('line-order')).map((d) => `${d.line}: ${d.code}: ${d.message}`)).toEqual([
      '4: line-order-suspect: "2021;" after "4." may be a line printed out of order; kept as printed',
    ]);
  });

  it('an item that opens with a lower-case word before a heading is left alone, silently', () => {
    const text = [
      'The Security Council,',
      'Recalling its resolutions and the reports of the Secretary-General on the situation in the region,',
      '35. Requests the Secretary-General to take the following measures in the coming months:',
      '(c)',
      'to report to the Council;',
      '',
      'Reporting',
      '',
      '36. Decides to remain seized of the matter and to review the situation in the region regularly.',
    ].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(repairedLines(context).slice(3)).toEqual(['(c) to report to the Council;', 'Reporting', '36. Decides to remain seized of the matter and to review the situation in the region regularly.']);
    expect(context.report.diagnostics.filter((d) => d.code.startsWith('line-order'))).toEqual([]);
  });

  it('an item that opens with a lower-case word and a paragraph after it are left alone', () => {
    const text = ['The Security Council,', 'Recalling its resolutions,', '4. Requests:', '(a)', 'the report;', '', '(b) The plan;', '', '5.', 'Decides to remain seized of the matter.'].join('\n');
    const context = runUntil(text, 'repair', en);
    expect(repairedLines(context)).toEqual(['The Security Council,', 'Recalling its resolutions,', '4. Requests:', '(a) the report;', '(b) The plan;', '5. Decides to remain seized of the matter.']);
    expect(context.report.diagnostics.filter((d) => d.code.startsWith('line-order'))).toEqual([]);
  });
});

describe('class 16: spacing', () => {
  it('closes a space before an apostrophe and after an opening bracket', () => {
    const text = ['The Security Council,', 'Recalling the situation in Darfur ’s camps and the report ( S/2021/839) ,'].join('\n');
    expect(repairedLines(runUntil(text, 'repair', en))[1]).toBe('Recalling the situation in Darfur’s camps and the report (S/2021/839),');
  });
});

describe('class 14 and linear time: collapsed whitespace', () => {
  it('splits a Chinese page printed on one line back into its recitals, the proclamation and the articles', () => {
    const recitals = [
      '鉴于对人类家庭所有成员的固有尊严及其平等的和不移的权利的承认,乃是世界自由、正义与和平的基础,',
      '鉴于对人权的无视和侮蔑已发展为野蛮暴行,这些暴行玷污了人类的良心,而一个人人享有言论和信仰自由并免予恐惧和匮乏的世界的来临,已被宣布为普通人民的最高愿望,',
      '鉴于为使人类不致迫不得已铤而走险对暴政和压迫进行反叛,有必要使人权受法治的保护,',
      '鉴于有必要促进各国间友好关系的发展,',
    ];
    const proclamation = '因此现在,大会,发布这一世界人权宣言,作为所有人民和所有国家努力实现的共同标准;';
    const text = ['世界人权宣言', ['序言', ...recitals, proclamation, '第一条', '人人生而自由,在尊严和权利上一律平等。'].join('')].join('\n');
    const context = runUntil(text, 'repair', zh);
    expect(repairedLines(context)).toEqual(['世界人权宣言', '序言', ...recitals, proclamation, '第一条', '人人生而自由,在尊严和权利上一律平等。']);
    expect(context.report.diagnostics.some((d) => d.code === 'collapsed-text')).toBe(true);
  });

  corpusIt('reads the Chinese UDHR, its line breaks taken out, as it reads it printed (title to article 2)', () => {
    const printed = readFileSync(join(CORPUS_TEXTS, 'zh_A-RES-217-III-A_UDHR.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(0, 14);
    const context = runUntil(printed.join(''), 'repair', zh);
    expect(repairedLines(context)).toEqual(repairedLines(runUntil(printed.join('\n'), 'repair', zh)));
    expect(repairedLines(context)).toHaveLength(14);
  });

  it('joins Chinese lines without a space: no space after 鉴于 at a line end', () => {
    const text = ['大会,', '鉴于', '对人类家庭所有成员的固有尊严及其平等的和不移的权利的承认,乃是世界自由、正义与和平的基础,', 'recalling its resolution,'].join('\n');
    const context = runUntil(text, 'repair', zh);
    expect(context.repaired!.lines.map((l) => [l.text, l.glue])).toEqual([
      ['大会,', ''],
      ['鉴于', ''],
      ['对人类家庭所有成员的固有尊严及其平等的和不移的权利的承认,乃是世界自由、正义与和平的基础,', ' '],
      ['recalling its resolution,', ' '],
    ]);
  });

  it('reads lines of 40,000 and 500,000 spaces, inside and between the words', () => {
    for (const size of [40_000, 500_000]) {
      const spaces = ' '.repeat(size);
      const text = ['The General Assembly,', `Recalling${spaces}its resolution 70/1,`, spaces, `${spaces}Noting the report,${spaces}`].join('\n');
      const context = runUntil(text, 'repair', en);
      expect(repairedLines(context)).toEqual(['The General Assembly,', 'Recalling its resolution 70/1,', 'Noting the report,']);
    }
  });

  it('restores the breaks of a collapsed page whose words are separated by long runs of spaces', () => {
    const gap = ' '.repeat(40_000);
    const text = ['The General Assembly,', 'Recalling its resolution 70/1,', 'Noting the report,', '1. Decides to remain seized of the matter.'].join(gap);
    const context = runUntil(text, 'repair', en);
    expect(repairedLines(context)).toEqual(['The General Assembly,', 'Recalling its resolution 70/1,', 'Noting the report,', '1. Decides to remain seized of the matter.']);
  });
});

describe('properties: real words are never glued, split words come back whole or stay as printed', () => {
  // Words of the English lexicon, short ones included; pairs of them are often one word too ("any one",
  // "some times", "health care"), which is exactly what must not be joined.
  const vocabulary = ['the', 'a', 'an', 'of', 'to', 'in', 'as', 'at', 'is', 'be', 'we', 'us', 'health', 'care', 'long', 'term', 'road', 'map', 'water', 'borne', 'peace', 'building', 'any', 'one', 'some', 'times', 'man', 'kind', 'their', 'rights', 'General', 'Assembly', 'United', 'Nations', 'ANSAR', 'ALLAH', 'cross', 'cutting'];
  const long = ['effectiveness', 'institutions', 'determined', 'humanitarian', 'consultations', 'implementation', 'recommendations', 'Monitoring', 'economy', 'financial'];
  const seed = Number(process.env.FUZZ_SEED ?? 9);

  it('leaves any sequence of words as printed', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { minLength: 2, maxLength: 14 }), (words) => {
        const line = `Recalling ${words.join(' ')},`;
        const context = runUntil(['The Security Council,', line].join('\n'), 'repair', en);
        expect(repairedLines(context)[1]).toBe(line);
      }),
      { seed, numRuns: 150 },
    );
  });

  it('gives back a split word whole, or leaves its pieces as printed, and changes no other word', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...long),
        fc.nat(),
        fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 6 }),
        (before, word, at, after) => {
          const cut = 1 + (at % (word.length - 1));
          const line = `Recalling ${[...before, `${word.slice(0, cut)} ${word.slice(cut)}`, ...after].join(' ')},`;
          const out = repairedLines(runUntil(['The Security Council,', line].join('\n'), 'repair', en))[1]!;
          const whole = `Recalling ${[...before, word, ...after].join(' ')},`;
          expect([whole, line]).toContain(out);
        },
      ),
      { seed, numRuns: 300 },
    );
  });
});
