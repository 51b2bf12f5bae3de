// The parser on documents it has never seen: one small text per defect class of issue 9 (6–15), each
// asserting the exact structure (counts, numbers, eIds), and the parser's linear, bounded handling of an
// unclosed quotation in a long text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { childElements, findAll, parseAkn, path, textOf, type AknElement } from '../pipeline/akn-tree.js';
import { build } from '../pipeline/build.js';
import { layouts } from '../pipeline/structure/layouts.js';
import { CORPUS_AVAILABLE, CORPUS_TEXTS, corpusDescribe } from './support/corpus.js';
import { runUntil } from './support/stages.js';

/** The levels an operative heading opens (profile §3.3): section (I, II), title (A., B.), division (unnumbered). */
const HEADED = new Set(['section', 'title', 'division']);
const headedIn = (parent: AknElement): AknElement[] => findAll(parent, 'section').concat(findAll(parent, 'title'), findAll(parent, 'division')).sort((a, b) => order(parent).indexOf(a) - order(parent).indexOf(b));
const order = (parent: AknElement): AknElement[] => { const out: AknElement[] = []; const walk = (e: AknElement) => { for (const c of childElements(e)) { if (HEADED.has(c.name)) out.push(c); walk(c); } }; walk(parent); return out; };

function statementOf(text: string, file = 'test.txt'): { statement: AknElement; report: ReturnType<typeof build>['report']; xml: string } {
  const result = build({ file, text });
  expect(result.context.problems).toEqual([]);
  return { statement: childElements(parseAkn(result.xml))[0]!, report: result.report, xml: result.xml };
}
const nums = (statement: AknElement) => {
  const body = path(statement, 'mainBody')!;
  return childElements(body)
    .flatMap((c) => (c.name === 'paragraph' ? [c] : HEADED.has(c.name) ? findAll(c, 'paragraph') : []))
    .map((p) => textOf(childElements(p, 'num')[0] ?? { type: 'text', value: '' }));
};
const recitalNames = (statement: AknElement) => childElements(path(statement, 'preamble')!, 'container').map((c) => c.attrs['name']);
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

const ga = (...lines: string[]) => ['The General Assembly,', 'Recalling its resolutions,', ...lines].join('\n');

describe('class 6: numbering recovery is local', () => {
  it('a stray digit at the end of the line before "2. Further …" does not hide paragraph 2', () => {
    const { statement } = statementOf(ga('1. Welcomes the report of the Secretary-General; 3', '2. Further requests the Secretary-General to report;', '3. Decides to continue.'));
    expect(nums(statement)).toEqual(['1.', '2.', '3.']);
  });

  it('a lost paragraph costs only itself: the numbering resumes at the next number, with a warning', () => {
    const { statement, report } = statementOf(
      ga('1. Welcomes the report;', '2 further requests the Secretary-General to report on', 'the matter;', '3. Decides to continue;', '4. Decides to remain seized of the matter.'),
    );
    expect(nums(statement)).toEqual(['1.', '3.', '4.']);
    expect(textOf(findAll(statement, 'paragraph')[0]!)).toContain('2 further requests');
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ code: 'paragraph-missing', line: 6 }));
  });

  it('a long heading that wraps onto a capitalised line stays one heading', () => {
    const { statement } = statementOf(
      ga('1. Welcomes the report;', 'Financing of the United Nations Multidimensional Integrated', 'Stabilization Mission in the Central African Republic', '2. Decides to appropriate the amount.'),
    );
    const sections = headedIn(statement);
    expect(sections.map((s) => s.name)).toEqual(['division']);
    expect(squash(textOf(childElements(sections[0]!, 'heading')[0]!))).toBe('Financing of the United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic');
    expect(nums(statement)).toEqual(['1.', '2.']);
  });

  it('paragraph 1 lost in the preamble: paragraph 2 (with its operative phrase) resumes the numbering', () => {
    const { statement, report } = statementOf(ga('Noting the report,', 'l. Welcomes the report of the Secretary-General;', '2. Requests the Secretary-General to report;', '3. Decides to continue.'));
    expect(nums(statement)).toEqual(['2.', '3.']);
    expect(recitalNames(statement)).toEqual(['recalling', 'noting']);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ code: 'paragraph-missing', line: 5 }));
  });

  it('a heading and its sub-heading before a paragraph do not swallow the paragraphs after them', () => {
    const { statement } = statementOf(
      ga('1. Welcomes the report;', '2. Urges the parties to cooperate;', 'AMISOM', 'Priorities and tasks', '3. Decides to authorise the mission;', '4. Decides to remain seized of the matter.'),
    );
    expect(nums(statement)).toEqual(['1.', '2.', '3.', '4.']);
    const section = childElements(path(statement, 'mainBody')!, 'division')[0]!;
    expect(textOf(childElements(section, 'heading')[0]!)).toBe('AMISOM');
    const sub = childElements(section, 'division')[0]!;
    expect(textOf(childElements(sub, 'heading')[0]!)).toBe('Priorities and tasks');
    expect(childElements(sub, 'paragraph').map((p) => p.attrs['eId'])).toEqual(['dvs_1__dvs_1__para_3', 'dvs_1__dvs_1__para_4']);
  });
});

describe('class 7: a wrapped line that starts with a capital is not a heading', () => {
  it('continues the sentence after a colon', () => {
    const { statement } = statementOf(
      ga('1. Takes note of the report entitled Global health and foreign policy:', 'A Multisectoral Response, Including Health', '2. Decides to continue.'),
    );
    expect(findAll(statement, 'section')).toHaveLength(0);
    expect(nums(statement)).toEqual(['1.', '2.']);
    expect(squash(textOf(findAll(statement, 'paragraph')[0]!))).toContain('foreign policy: A Multisectoral Response, Including Health');
  });
});

describe('class 8: headings between recitals in a Security Council preamble', () => {
  const { statement, report } = statementOf(
    [
      'The Security Council,',
      'Recalling its previous resolutions,',
      'Political process',
      'Welcoming the agreement of the parties,',
      'Stressing the importance of dialogue,',
      'Humanitarian situation',
      'Expressing concern at the situation,',
      '1. Decides to remain seized of the matter.',
    ].join('\n'),
  );

  it('keeps each recital apart and each heading before its recital', () => {
    expect(report.detected['layout']?.value).toBe('Security Council resolution or draft');
    expect(recitalNames(statement)).toEqual(['recalling', 'welcoming', 'stressing', 'expressingConcern']);
    const preamble = childElements(path(statement, 'preamble')!);
    expect(preamble.map((c) => (c.name === 'p' ? `p:${textOf(c)}` : c.name))).toEqual([
      'formula',
      'container',
      'p:Political process',
      'container',
      'container',
      'p:Humanitarian situation',
      'container',
    ]);
    expect(squash(textOf(childElements(path(statement, 'preamble')!, 'container')[0]!))).toBe('Recalling its previous resolutions,');
  });
});

describe('class 9: recitals that open with a phrase not in the table', () => {
  const { statement, report } = statementOf(
    [
      'Cooperation in outer space',
      'The General Assembly,',
      'Further emphasizing the need for cooperation,',
      'Having received the report of the Committee,',
      'Further recognizing the role of the Office,',
      '1. Decides to continue.',
    ].join('\n'),
  );

  it('are recitals of their own, the first one too, and the title stays the title', () => {
    expect(recitalNames(statement)).toEqual(['preambularParagraph', 'preambularParagraph', 'preambularParagraph']);
    expect(findAll(path(statement, 'preamble')!, 'i').map(textOf)).toEqual(['The General Assembly', 'Further emphasizing', 'Having received', 'Further recognizing']);
    expect(report.detected['title']?.value).toBe('Cooperation in outer space');
  });

  it('in Spanish too: a gerund or "Habiendo" + participle opens a recital', () => {
    const { statement: s } = statementOf(
      ['La Asamblea General,', 'Recordando sus resoluciones anteriores,', 'Insistiendo en la necesidad de cooperar,', 'Habiendo recibido el informe del Secretario General,', '1. Decide seguir examinando la cuestión.'].join('\n'),
      'es.txt',
    );
    expect(findAll(path(s, 'preamble')!, 'i').map(textOf)).toEqual(['La Asamblea General', 'Recordando', 'Insistiendo', 'Habiendo recibido']);
  });

  it('in French too: "Ayant reçu" opens a recital of its own', () => {
    const { statement: s } = statementOf(
      ['L’Assemblée générale,', 'Rappelant ses résolutions antérieures,', 'Ayant reçu le rapport du Secrétaire général,', '1. Décide de poursuivre l’examen de la question.'].join('\n'),
      'fr.txt',
    );
    expect(findAll(path(s, 'preamble')!, 'i').map(textOf)).toEqual(['L’Assemblée générale', 'Rappelant', 'Ayant reçu']);
  });

  it('a capitalised name ending in -ing after a comma continues the recital', () => {
    const { statement: s } = statementOf(ga('Noting the outcome of the Fourth World Conference on Women,', 'Beijing Declaration and Platform for Action,', '1. Decides to continue.'));
    expect(recitalNames(s)).toEqual(['recalling', 'noting']);
  });
});

describe('class 9 in Russian, Arabic and Chinese: the shape of an opening the table does not list', () => {
  const preambleOf = (statement: AknElement) =>
    childElements(path(statement, 'preamble')!, 'container').map((c) => `${c.attrs['name']}: ${findAll(c, 'i').map(textOf).join('|')}: ${squash(textOf(c))}`);

  it('Russian: "будучи", an adverb or "с" + noun before a деепричастие, and one in -уя, -ясь, -вшись; a wrapped adjective continues', () => {
    const { statement } = statementOf(
      [
        'Совет Безопасности,',
        'ссылаясь на свои резолюции,',
        'неизменно поддерживая суверенитет страны,',
        'будучи твердо намерен содействовать миру,',
        'констатируя, что положение представляет угрозу,',
        'с тревогой отмечая рост насилия, нападения на школы,',
        'международная помощь которым необходима,',
        'убедившись в необходимости действовать,',
        '1. постановляет продлить мандат;',
        '2. постановляет продолжать заниматься этим вопросом.',
      ].join('\n'),
      'ru.txt',
    );
    expect(preambleOf(statement)).toEqual([
      'recalling: ссылаясь на: ссылаясь на свои резолюции,',
      'preambularParagraph: неизменно поддерживая: неизменно поддерживая суверенитет страны,',
      'preambularParagraph: будучи твердо намерен: будучи твердо намерен содействовать миру,',
      'preambularParagraph: констатируя: констатируя, что положение представляет угрозу,',
      'preambularParagraph: с тревогой отмечая: с тревогой отмечая рост насилия, нападения на школы, международная помощь которым необходима,',
      'preambularParagraph: убедившись: убедившись в необходимости действовать,',
    ]);
    expect(nums(statement)).toEqual(['1.', '2.']);
  });

  it('Arabic: "وإذ" (or "واذ") and a verb of the body, or its pronoun', () => {
    const { statement } = statementOf(
      ['إن مجلس الأمن،', 'إذ يشير إلى قراراته السابقة،', 'وإذ يسلّم بأهمية الحوار،', 'واذ يستذكر التزاماته،', 'وإذ هو مقتنع بضرورة العمل،', 'من أجل السلام،', '1 - يقرر تمديد الولاية؛', '2 - يقرر أن يبقي المسألة قيد نظره.'].join('\n'),
      'ar.txt',
    );
    expect(preambleOf(statement)).toEqual([
      'recalling: إذ يشير: إذ يشير إلى قراراته السابقة،',
      'preambularParagraph: وإذ يسلّم: وإذ يسلّم بأهمية الحوار،',
      'preambularParagraph: واذ يستذكر: واذ يستذكر التزاماته،',
      'preambularParagraph: وإذ هو: وإذ هو مقتنع بضرورة العمل، من أجل السلام،',
    ]);
    expect(nums(statement)).toHaveLength(2);
  });

  it('Chinese: "又", "还", "再次" before a verb of the table; "并" continues the sentence', () => {
    const { statement } = statementOf(
      ['安全理事会，', '回顾其以往各项决议，', '还强调必须开展对话，', '并强调必须保护平民，', '又深信和平进程至关重要，', '再次确认其对主权的承诺，', '1. 决定延长任务期限；', '2. 决定继续积极处理此案。'].join('\n'),
      'zh.txt',
    );
    expect(preambleOf(statement)).toEqual([
      'recalling: 回顾: 回顾其以往各项决议，',
      'preambularParagraph: 还强调: 还强调必须开展对话，并强调必须保护平民，',
      'preambularParagraph: 又深信: 又深信和平进程至关重要，',
      'preambularParagraph: 再次确认: 再次确认其对主权的承诺，',
    ]);
    expect(nums(statement)).toEqual(['1.', '2.']);
  });
});

describe('class 10: mastheads', () => {
  const { statement, report } = statementOf(
    [
      'United Nations   S/2099/5',
      'Security Council   Distr.: General',
      '1 March 2099',
      'S/2099/5',
      'Original: English',
      'Argentina, Bolivia',
      '(Plurinational State of), Brazil and Chile: draft resolution',
      'The Security Council,',
      'Recalling its previous resolutions,',
      '1. Decides to remain seized of the matter.',
    ].join('\n'),
  );

  it('a draft submitted by the President is a draft whose title is only its title', () => {
    const { report } = statementOf(
      ['United Nations   A/99/L.1', 'General Assembly   Distr.: Limited', '1 March 2099', 'Draft resolution submitted by the President of the General Assembly', 'Cooperation in outer space', 'The General Assembly,', 'Recalling its resolutions,', '1. Decides to continue.'].join('\n'),
    );
    expect(report.detected['kind']?.value).toBe('resolutionDraft');
    expect(report.detected['title']?.value).toBe('Cooperation in outer space');
  });

  it('reads two fields on one line, keeps a symbol alone out of the title, and takes the wrapped sponsor list in order', () => {
    expect(report.detected['symbol']?.value).toBe('S/2099/5');
    expect(report.detected['body']?.value).toBe('un-sc');
    expect(report.detected['title']).toBeUndefined();
    expect(findAll(statement, 'docTitle')).toHaveLength(0);
    expect(findAll(statement, 'docProponent').map(textOf)).toEqual(['Argentina', 'Bolivia (Plurinational State of)', 'Brazil', 'Chile']);
    expect(squash(textOf(path(statement, 'coverPage')!))).toContain('Security Council Distr.: General');
  });
});

describe('class 11: a text adopted inline', () => {
  const points = ['health', 'water', 'food', 'housing', 'schools', 'roads', 'energy', 'trade', 'science', 'culture', 'sport', 'peace'];
  const paragraphs = points.map((point, i) => `${i + 1}. Commit to act on ${point} as the programme says;`);
  const { statement, report } = statementOf(
    ga(
      '1. Welcomes the high-level meeting;',
      '2. Adopts the following political declaration:',
      'Political declaration of the high-level meeting',
      'on the prevention of epidemics',
      'We, Heads of State and Government, assembled at the United Nations,',
      'Recognizing the burden of epidemics,',
      ...paragraphs.slice(0, -1),
      paragraphs.at(-1)!.replace(/;$/, '.'),
      '3. Requests the Secretary-General to report on the implementation of the declaration.',
    ),
  );

  it('is structured as an embedded document: title, intro, recitals and its own numbered paragraphs', () => {
    expect(report.detected['layout']?.value).toBe('declaration adopted inline');
    expect(nums(statement)).toEqual(['1.', '2.', '3.']);
    const embedded = findAll(statement, 'embeddedStructure')[0]!;
    expect(embedded.attrs['eId']).toBe('para_2__embeddedStructure_1');
    expect(squash(textOf(childElements(embedded, 'p')[0]!))).toBe('Political declaration of the high-level meeting on the prevention of epidemics');
    const preamble = childElements(embedded, 'container')[0]!;
    expect(childElements(preamble, 'p').map((p) => squash(textOf(p)))).toEqual(['We, Heads of State and Government, assembled at the United Nations,', 'Recognizing the burden of epidemics,']);
    const inner = childElements(embedded, 'paragraph');
    expect(inner.map((p) => textOf(childElements(p, 'num')[0]!))).toEqual(paragraphs.map((_, i) => `${i + 1}.`));
    expect(squash(textOf(findAll(statement, 'paragraph').find((p) => p.attrs['eId'] === 'para_3')!))).toBe('3. Requests the Secretary-General to report on the implementation of the declaration.');
    expect(inner[0]!.attrs['eId']).toBe('para_2__embeddedStructure_1__para_1');
  });
});

describe('class 11 (continued): a text with articles adopted inline', () => {
  it('is embedded under the paragraph that adopts it, title and articles, and the resolution\'s numbering resumes after it', () => {
    const { statement, report } = statementOf(
      ga(
        '1. Welcomes the meeting;',
        '2. Adopts the following Declaration:',
        'Declaration on the principles of cooperation',
        'Article 1',
        'States shall cooperate.',
        'Article 2',
        'States shall report.',
        '3. Requests the Secretary-General to report.',
      ),
    );
    expect(report.detected['layout']?.value).toBe('text with articles adopted inline');
    expect(childElements(path(statement, 'mainBody')!).map((p) => p.attrs['eId'])).toEqual(['para_1', 'para_2', 'para_3']);
    const embedded = findAll(statement, 'embeddedStructure')[0]!;
    expect(embedded.attrs['eId']).toBe('para_2__embeddedStructure_1');
    const shown = (c: AknElement) =>
      c.name === 'p' ? `p.${c.attrs['class']}: ${textOf(c)}` : `${c.attrs['eId']}: ${textOf(childElements(c, 'heading')[0]!)} / ${squash(textOf(childElements(c, 'paragraph')[0]!))}`;
    expect(childElements(embedded).map(shown)).toEqual([
      'p.title: Declaration on the principles of cooperation',
      'para_2__embeddedStructure_1__art_1: Article 1 / States shall cooperate.',
      'para_2__embeddedStructure_1__art_2: Article 2 / States shall report.',
    ]);
    expect(squash(textOf(childElements(path(statement, 'mainBody')!)[1]!))).not.toContain('Article 1 States shall cooperate. Article 2');
  });
});

describe('class 11 (continued): a list of recommendations endorsed is not an adopted text', () => {
  it('keeps the sentences after "Endorses the following recommendations:" in the paragraph', () => {
    const { statement, report } = statementOf(
      ga('1. Endorses the following recommendations:', 'The Committee should consider the question', 'at its next session.', '2. Decides to remain seized of the matter.'),
    );
    expect(report.detected['layout']?.value).toBe('declaration adopted inline');
    expect(findAll(statement, 'embeddedStructure')).toHaveLength(0);
    expect(nums(statement)).toEqual(['1.', '2.']);
  });
});

describe('resolutions with parts and sections that have a preamble of their own', () => {
  it('part B, with its formula and recitals, is a section numbered from 1 again (AKN4UN: each part its own numbering)', () => {
    const { statement } = statementOf(
      [
        '73/102. Questions relating to information',
        'A. Information in the service of humanity',
        'The General Assembly,',
        'Taking note of the report of the Committee,',
        '1. Urges all countries to cooperate;',
        '2. Decides to continue the consideration of the question.',
        'B. United Nations public information policies and activities',
        'The General Assembly,',
        'Emphasizing the role of the Department of Global Communications,',
        'Recalling its resolution 72/90,',
        '1. Reaffirms the central role of the Committee;',
        '2. Requests the Department to report;',
        '3. Decides to remain seized of the matter.',
      ].join('\n'),
    );
    expect(nums(statement)).toEqual(['1.', '2.', '1.', '2.', '3.']);
    expect(recitalNames(statement)).toEqual(['takingNote']);
    const part = childElements(path(statement, 'mainBody')!, 'section')[0]!;
    expect(part.attrs['eId']).toBe('sec_B');
    expect(childElements(part, 'crossHeading').map((c) => [c.attrs['eId'], c.attrs['refersTo'], squash(textOf(c))])).toEqual([
      ['sec_B__crossHeading_1', '#preamble', 'The General Assembly,'],
      ['sec_B__crossHeading_2', '#preamble', 'Emphasizing the role of the Department of Global Communications,'],
      ['sec_B__crossHeading_3', '#preamble', 'Recalling its resolution 72/90,'],
    ]);
    expect(childElements(part, 'paragraph').map((p) => p.attrs['eId'])).toEqual(['sec_B__para_1', 'sec_B__para_2', 'sec_B__para_3']);
  });

  it('a budget resolution\'s sections keep their preambular clauses and their own numbering', () => {
    const { statement } = statementOf(
      ga(
        'I',
        'General matters',
        'Recalling its resolution 71/1,',
        'Having considered the report of the Secretary-General,',
        '1. Takes note of the report;',
        '2. Requests the Secretary-General to report;',
        'II',
        'Financing',
        'Noting the financial situation,',
        '1. Decides to appropriate the amount;',
        '2. Also decides to review the matter.',
      ),
    );
    expect(recitalNames(statement)).toEqual(['recalling']);
    expect(nums(statement)).toEqual(['1.', '2.', '1.', '2.']);
    const sections = childElements(path(statement, 'mainBody')!, 'section');
    expect(sections.map((s) => [s.attrs['eId'], squash(textOf(childElements(s, 'heading')[0]!)), childElements(s, 'crossHeading').length])).toEqual([
      ['sec_I', 'General matters', 2],
      ['sec_II', 'Financing', 1],
    ]);
  });
});

describe('the levels of operative headings (profile §3.3)', () => {
  /** Each headed level as "element:eId", in document order, and the eIds of the paragraphs. */
  const outline = (statement: AknElement) => order(path(statement, 'mainBody')!).map((h) => `${h.name}:${h.attrs['eId']}`);
  const paragraphEids = (statement: AknElement) => findAll(path(statement, 'mainBody')!, 'paragraph').map((p) => p.attrs['eId']);

  it('a letter heading after a roman one is its child, an unnumbered heading a child of both; eIds carry the context', () => {
    const { statement, report } = statementOf(
      ga(
        'I. General matters',
        '1. Decides to act;',
        'A. Reports',
        '2. Requests a report;',
        'Financing',
        '3. Decides to finance;',
        'B. Coordination',
        '4. Decides to coordinate;',
        'II. Other matters',
        '1. Decides to remain seized of the matter.',
      ),
    );
    expect(outline(statement)).toEqual(['section:sec_I', 'title:sec_I__title_A', 'division:sec_I__title_A__dvs_1', 'title:sec_I__title_B', 'section:sec_II']);
    expect(paragraphEids(statement)).toEqual(['sec_I__para_1', 'sec_I__title_A__para_2', 'sec_I__title_A__dvs_1__para_3', 'sec_I__title_B__para_4', 'sec_II__para_1']);
    expect(nums(statement)).toEqual(['1.', '2.', '3.', '4.', '1.']);
    expect(report.diagnostics.filter((d) => d.code === 'heading-levels-uncertain')).toEqual([]);
  });

  it('the letters restart under each section (before, title_A twice at one level); the same eIds in another language', () => {
    const english = statementOf(ga('I. General matters', '1. Decides to act;', 'A. Reports', '2. Requests a report;', 'II. Other matters', 'A. Coordination', '1. Decides to coordinate;', 'B. Follow-up', '2. Decides to remain seized of the matter.'));
    const french = statementOf(
      [
        'L’Assemblée générale,',
        'Rappelant ses résolutions,',
        'I. Questions générales',
        '1. Décide d’agir ;',
        'A. Rapports',
        '2. Demande un rapport ;',
        'II. Autres questions',
        'A. Coordination',
        '1. Décide de coordonner ;',
        'B. Suivi',
        '2. Décide de rester saisie de la question.',
      ].join('\n'),
    );
    const expected = ['section:sec_I', 'title:sec_I__title_A', 'section:sec_II', 'title:sec_II__title_A', 'title:sec_II__title_B'];
    expect(outline(english.statement)).toEqual(expected);
    expect(outline(french.statement)).toEqual(expected);
    expect(paragraphEids(french.statement)).toEqual(paragraphEids(english.statement));
    expect(paragraphEids(english.statement)).toEqual(['sec_I__para_1', 'sec_I__title_A__para_2', 'sec_II__title_A__para_1', 'sec_II__title_B__para_2']);
    // "A. Coordination" right under "II. Other matters" keeps its number and is a title, like the others.
    expect(textOf(childElements(findAll(english.statement, 'title')[1]!, 'num')[0]!)).toBe('A.');
  });

  it.each([
    ['ar', ['إن الجمعية العامة،', 'إذ تشير إلى قراراتها،', 'أولا - مسائل عامة', '1 - تقرر أن تتصرف؛', 'ألف - التقارير', '2 - تطلب تقريرا؛', 'باء - التنسيق', '3 - تقرر أن تنسق؛', 'ثانيا - مسائل أخرى', '1 - تقرر أن تبقي المسألة قيد نظرها.'], ['أولا -', 'ألف -', 'باء -', 'ثانيا -']],
    ['zh', ['大会，', '回顾其决议，', '一. 一般事项', '1. 决定采取行动；', 'A. 报告', '2. 请提交报告；', 'B. 协调', '3. 决定进行协调；', '二、其他事项', '1. 决定继续处理此案。'], ['一.', 'A.', 'B.', '二、']],
    ['ru', ['Генеральная Ассамблея,', 'ссылаясь на свои резолюции,', 'I. Общие вопросы', '1. постановляет действовать;', 'A. Доклады', '2. просит представить доклад;', 'B. Координация', '3. постановляет координировать;', 'II. Другие вопросы', '1. постановляет продолжать заниматься этим вопросом.'], ['I.', 'A.', 'B.', 'II.']],
    // The Latin heading letters typed with the Cyrillic letters of the same shape (А U+0410, В U+0412).
    ['ru', ['Генеральная Ассамблея,', 'ссылаясь на свои резолюции,', 'I. Общие вопросы', '1. постановляет действовать;', '\u0410. Доклады', '2. просит представить доклад;', '\u0412. Координация', '3. постановляет координировать;', 'II. Другие вопросы', '1. постановляет продолжать заниматься этим вопросом.'], ['I.', '\u0410.', '\u0412.', 'II.']],
  ])('%s: headings numbered as the language prints them have the levels and eIds of the English version', (language, lines, printed) => {
    const result = build({ file: `${language}.txt`, text: lines.join('\n'), sidecar: { language } });
    expect(result.context.problems).toEqual([]);
    const statement = childElements(parseAkn(result.xml))[0]!;
    expect(outline(statement)).toEqual(['section:sec_I', 'title:sec_I__title_A', 'title:sec_I__title_B', 'section:sec_II']);
    expect(paragraphEids(statement)).toEqual(['sec_I__para_1', 'sec_I__title_A__para_2', 'sec_I__title_B__para_3', 'sec_II__para_1']);
    // The numbers stay as printed; the headings hold only their words.
    expect(order(path(statement, 'mainBody')!).map((h) => textOf(childElements(h, 'num')[0]!))).toEqual(printed);
    expect(order(path(statement, 'mainBody')!).every((h) => !printed.some((n) => textOf(childElements(h, 'heading')[0]!).includes(n)))).toBe(true);
  });

  it('ar: a heading number alone on its line ("أولاً -", "ثانيا -") takes the next line as its title; its dash is no hyphen break', () => {
    const lines = ['إن الجمعية العامة،', 'إذ تشير إلى قراراتها،', 'أولاً -', 'مسائل عامة', '1 - تقرر أن تتصرف؛', 'ثانيا -', 'مسائل أخرى', '1 - تقرر أن تبقي المسألة قيد نظرها.'];
    const result = build({ file: 'ar.txt', text: lines.join('\n'), sidecar: { language: 'ar' } });
    expect(result.context.problems).toEqual([]);
    const statement = childElements(parseAkn(result.xml))[0]!;
    const sections = order(path(statement, 'mainBody')!);
    expect(sections.map((h) => [h.attrs['eId'], textOf(childElements(h, 'num')[0]!), textOf(childElements(h, 'heading')[0]!)])).toEqual([
      ['sec_I', 'أولاً -', 'مسائل عامة'],
      ['sec_II', 'ثانيا -', 'مسائل أخرى'],
    ]);
    expect(paragraphEids(statement)).toEqual(['sec_I__para_1', 'sec_II__para_1']);
    expect(result.report.repairs.filter((r) => r.kind === 'hyphen-break')).toEqual([]);
  });

  it('lettering that runs on from one section to the next ("C." under "II.") is still nested', () => {
    const { statement } = statementOf(ga('I. General matters', 'A. Reports', '1. Requests a report;', 'B. Financing', '2. Decides to finance;', 'II. Other matters', 'C. Coordination', '3. Decides to coordinate.'));
    expect(outline(statement)).toEqual(['section:sec_I', 'title:sec_I__title_A', 'title:sec_I__title_B', 'section:sec_II', 'title:sec_II__title_C']);
  });

  it('a part with its own formula holds the roman sections printed after its clauses', () => {
    const { statement } = statementOf(
      ga(
        '1. Urges all countries to cooperate;',
        'B. United Nations public information policies',
        'The General Assembly,',
        'Emphasizing the role of the Department,',
        'I. Communications',
        '1. Reaffirms the central role of the Committee;',
        'II. Library',
        '2. Requests the Department to report.',
      ),
    );
    expect(outline(statement)).toEqual(['section:sec_B', 'section:sec_B__sec_I', 'section:sec_B__sec_II']);
    expect(childElements(findAll(statement, 'section')[0]!, 'crossHeading').map((c) => squash(textOf(c)))).toEqual(['The General Assembly,', 'Emphasizing the role of the Department,']);
  });

  it('numbering that does not tell the levels apart ("A.", "I.", "B.") is not guessed: one level, with a warning', () => {
    const { statement, report } = statementOf(ga('A. Reports', '1. Decides to act;', 'I. General matters', '2. Requests a report;', 'B. Financing', '3. Decides to finance.'));
    expect(outline(statement)).toEqual(['title:title_A', 'section:sec_I', 'title:title_B']);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ code: 'heading-levels-uncertain', line: 7 }));
  });

  it('nested levels validate against the XSD and read as the printed text', () => {
    const { xml } = statementOf(ga('I', 'General matters', 'Recalling its resolution 71/1,', '1. Takes note of the report;', 'A. Staffing', 'Noting the staffing table,', '2. Requests the Secretary-General to report;', 'II', 'Financing', '1. Decides to appropriate the amount.'));
    // statementOf asserts no validation problem; the title keeps its own clause as a crossHeading.
    expect(xml).toContain('<crossHeading eId="sec_I__title_A__crossHeading_1" refersTo="#preamble"><i>Noting</i> the staffing table,</crossHeading>');
  });
});

describe('the heading "Preamble" of a declaration (language table data), wherever the declaration stands', () => {
  it('an annexed declaration: its title, the heading of its preamble, its recitals and its articles', () => {
    const { statement, xml } = statementOf(
      ga(
        '1. Adopts the Declaration annexed to the present resolution.',
        'Annex',
        'Declaration on the rights of persons',
        'Preamble',
        'Considering that the peoples have reaffirmed their faith,',
        'Noting the work of the Commission,',
        'Article 1',
        'Everyone has rights.',
        'Article 2',
        'Everyone has duties.',
      ),
    );
    const annex = path(statement, 'attachments', 'attachment', 'doc')!;
    expect(squash(textOf(findAll(annex, 'docTitle')[0]!))).toBe('Declaration on the rights of persons');
    const preamble = path(annex, 'preamble')!;
    expect(childElements(preamble).map((c) => `${c.name}:${c.attrs['eId']}`)).toEqual(['block:att_1__preamble__block_1', 'container:att_1__preamble__container_1', 'container:att_1__preamble__container_2']);
    expect(childElements(preamble)[0]!.attrs['name']).toBe('preambleHeading');
    expect(textOf(childElements(preamble)[0]!)).toBe('Preamble');
    // The annexed text's articles are articles of the annex (before, an empty embeddedStructure: invalid output).
    expect(findAll(annex, 'article').map((a) => a.attrs['eId'])).toEqual(['att_1__art_1', 'att_1__art_2']);
    expect(findAll(statement, 'embeddedStructure')).toHaveLength(0);
    expect(xml).not.toContain('<p>Preamble</p>');
  });

  it.each([
    ['fr', ['L’Assemblée générale,', 'Rappelant ses résolutions,', '1. Adopte la Déclaration suivante :', 'Déclaration sur la coopération', 'Préambule', 'Considérant que les peuples ont proclamé leur foi,', 'Article premier', 'Les États coopèrent.'], 'Préambule'],
    ['es', ['La Asamblea General,', 'Recordando sus resoluciones,', '1. Aprueba la siguiente Declaración:', 'Declaración sobre la cooperación', 'Preámbulo', 'Considerando que los pueblos han reafirmado su fe,', 'Artículo 1', 'Los Estados cooperarán.'], 'Preámbulo'],
  ])('%s: a declaration adopted inline keeps "Preamble" as the heading of its preamble, not in its title', (language, lines, word) => {
    const result = build({ file: `${language}.txt`, text: lines.join('\n'), sidecar: { language } });
    expect(result.context.problems).toEqual([]);
    const statement = childElements(parseAkn(result.xml))[0]!;
    const structure = findAll(statement, 'embeddedStructure')[0]!;
    const title = childElements(structure, 'p')[0]!;
    expect(textOf(title)).not.toContain(word);
    const container = childElements(structure, 'container')[0]!;
    const heading = childElements(container)[0]!;
    expect([heading.name, heading.attrs['name'], heading.attrs['eId'], textOf(heading)]).toEqual(['block', 'preambleHeading', 'para_1__embeddedStructure_1__container_1__block_1', word]);
    expect(findAll(structure, 'article')).toHaveLength(1);
  });
});

describe('class 12: annexes', () => {
  const { statement } = statementOf(
    [
      'The Security Council,',
      'Recalling its previous resolutions,',
      '1. Decides to remain seized of the matter.',
      'Annex',
      'The entity has engaged in acts that threaten',
      'the peace and security of the region.',
      'Designation criteria',
      'The entity meets the criteria of the resolution.',
      'Reporting',
      'The panel shall report every month.',
    ].join('\n'),
  );

  it('keeps an unnumbered first paragraph out of the title and makes the sub-headings divisions', () => {
    const annex = findAll(statement, 'attachment')[0]!;
    expect(findAll(annex, 'docTitle')).toHaveLength(0);
    const body = path(annex, 'doc', 'mainBody')!;
    expect(findAll(body, 'paragraph')).toHaveLength(3);
    expect(squash(textOf(childElements(body, 'paragraph')[0]!))).toBe('The entity has engaged in acts that threaten the peace and security of the region.');
    expect(childElements(body, 'division').map((s) => textOf(childElements(s, 'heading')[0]!))).toEqual(['Designation criteria', 'Reporting']);
  });

  it('still takes a title of its own', () => {
    const { statement: s } = statementOf(
      ['The Security Council,', 'Recalling its resolutions,', '1. Decides to remain seized.', 'Annex', 'List of entities', 'The entity has engaged in acts that threaten', 'the peace.'].join('\n'),
    );
    expect(textOf(findAll(findAll(s, 'attachment')[0]!, 'docTitle')[0]!)).toBe('List of entities');
    expect(findAll(path(findAll(s, 'attachment')[0]!, 'doc', 'mainBody')!, 'paragraph')).toHaveLength(1);
  });
});

describe('class 13: run-in enumerations and bulleted lists', () => {
  it('"(ii)" inside a sentence that happens to start a line is not an item', () => {
    const { statement } = statementOf(
      ga('1. Decides that the measures shall apply to the individuals designated under subparagraph', '(ii) of resolution 2099 (2098), and to the entities;', '2. Decides to remain seized.'),
    );
    expect(findAll(statement, 'point')).toHaveLength(0);
    expect(nums(statement)).toEqual(['1.', '2.']);
  });

  it('"(ii)" that continues no open roman list under an item is part of the item', () => {
    const { statement } = statementOf(
      ga('1. Requests the Panel:', '(a) To assist the Committee in the tasks listed under', '(ii) above;', '(b) To report;', '2. Decides to remain seized.'),
    );
    expect(findAll(statement, 'point').map((p) => p.attrs['eId'])).toEqual(['para_1__list_1__point_a', 'para_1__list_1__point_b']);
  });

  it('a bulleted list stays one level deep', () => {
    const bullets = Array.from({ length: 8 }, (_, i) => `• Measure number ${i + 1};`);
    const { statement } = statementOf(ga('1. Calls upon States to take the following measures:', ...bullets, '2. Decides to remain seized.'));
    const points = findAll(statement, 'point');
    expect(points).toHaveLength(8);
    expect(findAll(statement, 'list')).toHaveLength(1);
    // Bullets have no number of their own: their eIds are an implicit count (profile §3.5: "else an implicit count").
    expect(points.map((p) => p.attrs['eId'])).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `para_1__list_1__point_${n}`));
    expect(points.map((p) => textOf(childElements(p, 'num')[0]!))).toEqual(Array(8).fill('•'));
  });
});

describe('class 13 (continued): an enumerator after a numbered noun cites, it opens no item', () => {
  const pointsOf = (statement: AknElement) => findAll(path(statement, 'mainBody')!, 'paragraph').map((p) => findAll(p, 'point').map((pt) => textOf(childElements(pt, 'num')[0]!)));
  const cases: ReadonlyArray<readonly [file: string, lines: string[], cited: string]> = [
    [
      'en.txt',
      ['The Security Council,', 'Recalling its resolutions,', '1. Decides that the measures imposed by subparagraph', '(a) of resolution 2127 (2013) shall apply;', '2. Requests the Secretary-General:', '(a) To report;', '(b) To act;'],
      'Decides that the measures imposed by subparagraph (a) of resolution 2127 (2013) shall apply;',
    ],
    [
      'fr.txt',
      ['Le Conseil de sécurité,', 'Rappelant ses résolutions,', '1. Décide que les mesures imposées par l’alinéa', 'a) de la résolution 2127 (2013) s’appliquent;', '2. Prie le Secrétaire général :', 'a) De faire rapport;', 'b) D’agir;'],
      'Décide que les mesures imposées par l’alinéa a) de la résolution 2127 (2013) s’appliquent;',
    ],
    [
      'es.txt',
      ['El Consejo de Seguridad,', 'Recordando sus resoluciones,', '1. Decide que las medidas impuestas en el apartado', 'a) de la resolución 2127 (2013) se aplicarán;', '2. Solicita al Secretario General:', 'a) Que informe;', 'b) Que actúe;'],
      'Decide que las medidas impuestas en el apartado a) de la resolución 2127 (2013) se aplicarán;',
    ],
    [
      'ru.txt',
      ['Совет Безопасности,', 'ссылаясь на свои резолюции,', '1. постановляет, что меры, введенные подпунктом', 'a) резолюции 2127 (2013), применяются;', '2. просит Генерального секретаря:', 'a) представить доклад;', 'b) принять меры;'],
      'постановляет, что меры, введенные подпунктом a) резолюции 2127 (2013), применяются;',
    ],
  ];
  it.each(cases)('%s: "subparagraph\\n(a) of resolution" stays in its paragraph; a list after a colon is a list', (file, lines, cited) => {
    const { statement } = statementOf(lines.join('\n'), file);
    expect(nums(statement)).toEqual(['1.', '2.']);
    expect(pointsOf(statement)).toEqual([[], file === 'en.txt' ? ['(a)', '(b)'] : ['a)', 'b)']]);
    expect(squash(textOf(findAll(path(statement, 'mainBody')!, 'paragraph')[0]!)).replace(/^1\. /, '')).toBe(cited);
  });
});

describe('class 13 (continued): items lettered in the language\'s own script', () => {
  const points = (statement: AknElement) =>
    findAll(path(statement, 'mainBody')!, 'point').map((p) => [childElements(p, 'num').map(textOf)[0], p.attrs['eId'], findAll(p, 'point').length]);

  it('Russian "а)", "б)", "в)" with roman sub-items under them', () => {
    const { statement } = statementOf(
      [
        'Совет Безопасности,',
        'ссылаясь на свои резолюции,',
        '1. просит Генерального секретаря:',
        'а) представить доклад;',
        'б) оказывать поддержку:',
        'i) правительству;',
        'ii) региональным организациям;',
        'в) информировать Совет;',
        '2. постановляет продолжать заниматься этим вопросом.',
      ].join('\n'),
      'ru.txt',
    );
    expect(points(statement)).toEqual([
      ['а)', 'para_1__list_1__point_a', 0],
      ['б)', 'para_1__list_1__point_b', 2],
      ['i)', 'para_1__list_1__point_b__list_1__point_i', 0],
      ['ii)', 'para_1__list_1__point_b__list_1__point_ii', 0],
      ['в)', 'para_1__list_1__point_c', 0],
    ]);
    expect(nums(statement)).toEqual(['1.', '2.']);
  });

  it('Arabic "(أ)", "(ب)", "(ج)", "(د)", "(هـ)" in abjad order', () => {
    const { statement } = statementOf(
      ['إن مجلس الأمن،', 'إذ يشير إلى قراراته السابقة،', '1 - يطلب إلى الأمين العام ما يلي:', '(أ) أن يقدم تقريرا؛', '(ب) أن يقدم الدعم؛', '(ج) أن يبلغ المجلس؛', '(د) أن يتابع المسألة؛', '(هـ) أن يقدم توصيات؛', '2 - يقرر أن يبقي المسألة قيد نظره.'].join('\n'),
      'ar.txt',
    );
    expect(points(statement).map(([num, eId]) => [num, eId])).toEqual([
      ['(أ)', 'para_1__list_1__point_a'],
      ['(ب)', 'para_1__list_1__point_b'],
      ['(ج)', 'para_1__list_1__point_c'],
      ['(د)', 'para_1__list_1__point_d'],
      ['(هـ)', 'para_1__list_1__point_e'],
    ]);
    expect(nums(statement)).toEqual(['1 -', '2 -']);
  });

  it('a letter that does not start the list or continue it opens nothing ("в) " in running text stays text)', () => {
    const { statement } = statementOf(['Совет Безопасности,', 'ссылаясь на свои резолюции,', '1. просит Генерального секретаря представить доклад', 'в) срок, указанный в резолюции;', '2. постановляет продолжать заниматься этим вопросом.'].join('\n'), 'ru.txt');
    expect(findAll(statement, 'point')).toEqual([]);
    expect(textOf(findAll(statement, 'paragraph')[0]!)).toContain('в) срок');
  });
});

describe('class 14: collapsed texts and the Chinese proclamation', () => {
  it('a whole text on one line is cut back into recitals, paragraphs and items', () => {
    const filler = 'in accordance with the relevant provisions of the Charter of the United Nations and the rules of procedure';
    const line = [
      'The General Assembly,',
      `Recalling its resolution 1/1 ${filler},`,
      `Noting the report of the Secretary-General ${filler},`,
      `1. Welcomes the report ${filler};`,
      `2. Requests the Secretary-General to report ${filler}:`,
      '(a) On progress;',
      '(b) On obstacles;',
      `3. Decides to continue the consideration of the question ${filler}.`,
    ].join(' ');
    const { statement } = statementOf(line);
    expect(recitalNames(statement)).toEqual(['recalling', 'noting']);
    expect(nums(statement)).toEqual(['1.', '2.', '3.']);
    expect(findAll(statement, 'point').map((p) => p.attrs['eId'])).toEqual(['para_2__list_1__point_a', 'para_2__list_1__point_b']);
  });

  it.each([
    ['大会，', '发布这一世界人权宣言，作为所有人民和所有国家努力实现的共同标准。'],
    ['因此现在，大会，发布这一世界人权宣言，作为所有人民和所有国家努力实现的共同标准。'],
  ])('the proclamation after the last recital of a Chinese declaration is not merged into it (%s)', (...proclamation) => {
    const { statement, report } = statementOf(['世界人权宣言', '序言', '鉴于对人类家庭所有成员的固有尊严的承认，', '鉴于有必要促进各国间友好关系的发展，', ...proclamation, '第一条', '人人生而自由，在尊严和权利上一律平等。'].join('\n'), 'zh.txt');
    expect(report.diagnostics.map((d) => d.code)).not.toContain('no-formula');
    expect(childElements(path(statement, 'preamble')!, 'container')).toHaveLength(2);
    expect(textOf(childElements(path(statement, 'preamble')!, 'container')[1]!)).not.toContain('发布');
    expect(textOf(path(statement, 'mainBody')!)).toContain('发布这一世界人权宣言');
    expect(findAll(statement, 'article')).toHaveLength(1);
  });
});

describe('class 10 and 15 in other languages: the head of an adopted resolution', () => {
  const heads: Record<string, string[]> = {
    ru: ['Организация Объединенных Наций   A/RES/73/6', 'Генеральная Ассамблея   Distr.: General', 'Семьдесят третья сессия', 'Резолюция, принятая Генеральной Ассамблеей 26 октября 2018 года', '73/6. Пятидесятая годовщина конференции', 'Генеральная Ассамблея,', 'ссылаясь на свои резолюции,', '1. постановляет продолжить рассмотрение.'],
    es: ['Naciones Unidas   A/RES/73/6', 'Asamblea General   Distr. general', 'Resolución aprobada por la Asamblea General el 26 de octubre de 2018', '73/6. Quincuagésimo aniversario de la Conferencia', 'La Asamblea General,', 'Recordando sus resoluciones,', '1. Decide seguir examinando la cuestión.'],
    ar: ['الأمم المتحدة   A/RES/73/6', 'الجمعية العامة   Distr.: General', 'قرار اتخذته الجمعية العامة في 26 تشرين الأول/أكتوبر 2018', '73/6 - الذكرى السنوية الخمسون', 'إن الجمعية العامة،', 'إذ تشير إلى قراراتها،', '1 - تقرر مواصلة النظر في المسألة.'],
    zh: ['联合国   A/RES/73/6', '大会   Distr.: General', '2018年10月26日大会通过的决议', '73/6. 外层空间会议五十周年', '大会，', '回顾其决议，', '1. 决定继续审议这一问题。'],
  };
  it.each(Object.entries(heads))('%s: masthead fields stay out of the title; number, title and date are read', (language, lines) => {
    const result = build({ file: `${language}.txt`, text: lines.join('\n'), sidecar: { language } });
    expect(result.context.problems).toEqual([]);
    const meta = result.context.document!.meta;
    expect([meta.symbol, meta.body, meta.number, meta.date]).toEqual(['A/RES/73/6', 'un-ga', '73/6', '2018-10-26']);
    expect(meta.title).toBe(lines.find((l) => l.startsWith('73/6'))!.replace(/^73\/6(?:\.| -) /u, ''));
    expect(result.context.document!.recitals).toHaveLength(1);
    expect(textOf(findAll(childElements(parseAkn(result.xml))[0]!, 'docNumber').at(-1)!)).toBe('73/6');
  });
});

describe('class 15: metadata', () => {
  it('a Security Council resolution is the Council\'s, even when its formula is not found', () => {
    const { statement } = statementOf(
      ['United Nations   S/RES/2099 (2099)', 'Security Council   Distr.: General', '1 July 2099', 'Recalling its previous resolutions,', '1. Decides to remain seized of the matter.'].join('\n'),
    );
    expect(childElements(path(statement, 'meta', 'identification', 'FRBRWork')!, 'FRBRauthor')[0]!.attrs['href']).toBe('#un-sc');
  });

  it('an adopted Security Council resolution: its number line and adoption line are preface, not title', () => {
    const { statement, report } = statementOf(
      [
        'United Nations   S/RES/2532 (2020)',
        'Security Council   Distr.: General',
        '1 July 2020',
        'Resolution 2532 (2020)',
        'Adopted by the Security Council at its 8748th meeting, on 1 July 2020',
        'The Security Council,',
        'Recalling its resolutions,',
        '1. Demands a general cessation of hostilities;',
        '2. Decides to remain seized of the matter.',
      ].join('\n'),
    );
    expect(statement.attrs['name']).toBe('resolution');
    expect(report.detected['number']?.value).toBe('2532 (2020)');
    expect(report.detected['symbol']?.value).toBe('S/RES/2532 (2020)');
    expect(findAll(statement, 'docTitle')).toHaveLength(0);
    expect(path(statement, 'meta', 'identification', 'FRBRWork', 'FRBRuri')!.attrs['value']).toBe('/akn/un/statement/deliberation/un-sc/2020-07-01/2532_2020');
  });

  it('a symbol with a part letter keeps it', () => {
    const { statement, report } = statementOf(
      ['United Nations   A/RES/54/18 B', 'General Assembly   Distr.: General', 'Resolution adopted by the General Assembly on 1 December 1999', '54/18 B. Question of the future', 'The General Assembly,', 'Recalling its resolution 53/1,', '1. Decides to continue.'].join('\n'),
    );
    expect(report.detected['symbol']?.value).toBe('A/RES/54/18 B');
    expect(report.detected['number']?.value).toBe('54/18 B');
    expect(path(statement, 'meta', 'identification', 'FRBRWork', 'FRBRuri')!.attrs['value']).toBe('/akn/un/statement/deliberation/un-ga/1999-12-01/54-18_B');
  });

  it('files named in Arabic or Chinese without a sidecar get distinct, non-empty Work IRIs', () => {
    const text = ga('1. Decides to continue.');
    const iri = (file: string) => path(statementOf(text, file).statement, 'meta', 'identification', 'FRBRWork', 'FRBRuri')!.attrs['value']!;
    const arabic = iri('قرار.txt');
    const chinese = iri('决议.txt');
    const other = iri('决议二.txt');
    for (const value of [arabic, chinese, other]) expect(value).toMatch(/\/[^/]+$/);
    expect(new Set([arabic, chinese, other]).size).toBe(3);
    expect(arabic.split('/').at(-1)).not.toBe('');
  });
});

describe('linear time and bounded blocks', () => {
  it('an unclosed quotation in a long text does not swallow the paragraphs after it', () => {
    const paragraphs = Array.from({ length: 400 }, (_, i) => `${i + 2}. Requests the Secretary-General to report on item ${i + 2};`);
    const text = ga('1. Recalls its resolution entitled “Cooperation in outer space;', ...paragraphs);
    const context = runUntil(text, 'structure', { language: 'en' });
    expect(context.document!.operative.map((p) => (p.kind === 'paragraph' ? p.num : undefined))).toEqual(Array.from({ length: 401 }, (_, i) => `${i + 1}.`));
    expect(context.report.diagnostics).toContainEqual(expect.objectContaining({ code: 'unclosed-quotation', line: 4 }));
  });

  it('a quotation that wraps over a line that reads like a recital stays one block', () => {
    const { statement } = statementOf(ga('Welcoming the report entitled “Peace and Security of All States,', 'Taking into Account their Needs”,', '1. Decides to continue.'));
    expect(recitalNames(statement)).toEqual(['recalling', 'welcoming']);
  });

  it('every layout is a list of named rules for every region', () => {
    for (const layout of layouts) {
      for (const rules of Object.values(layout.regions)) for (const rule of rules) expect(rule.name).toMatch(/\w/);
    }
    expect(layouts.map((l) => l.name)).toContain('General Assembly resolution or draft');
  });
});

corpusDescribe('the two extractions of every corpus PDF give the same structure', () => {
  const texts = CORPUS_TEXTS;
  const pairs = CORPUS_AVAILABLE ? readdirSync(texts).filter((f) => f.endsWith('.pdftotext.txt')).sort() : ['(no corpus)'];
  const shape = (file: string) => {
    const result = build({ file, text: readFileSync(join(texts, file)) }, { formats: ['xml'] });
    const s = childElements(parseAkn(result.xml))[0]!;
    const body = path(s, 'mainBody')!;
    return {
      layout: result.report.detected['layout']?.value,
      recitals: childElements(path(s, 'preamble')!, 'container').map((c) => c.attrs['name']),
      paragraphs: findAll(body, 'paragraph').map((p) => p.attrs['eId']),
      points: findAll(body, 'point').map((p) => p.attrs['eId']),
      sections: headedIn(body).map((p) => p.attrs['eId']),
      notes: [...new Set(findAll(s, 'authorialNote').map((n) => n.attrs['marker']))],
      annexes: findAll(s, 'attachment').length,
    };
  };
  it.each(pairs)('%s and its PDFBox twin', (file) => {
    expect(shape(file)).toEqual(shape(file.replace('.pdftotext.txt', '.txt')));
  });
});

describe('Chinese: note markers glued to Han characters, ordinals with 第', () => {
  const text = [
    '联合国                                                                  A/RES/76/146',
    '大会                                                   Distr.: General',
    '                                                       20 December 2021',
    '第七十六届会议',
    '议程项目 74',
    '',
    '            2021年12月16日大会决议',
    '',
    '76/146. 测试决议',
    '',
    '    大会，',
    '',
    '    回顾其2019年12月18日第74/134号决议1，',
    '',
    '    重申《世界人权宣言》，',
    '',
    '    1.  注意到秘书长的报告2，并请秘书长执行该决议第1、2段；',
    '',
    '    2.  决定按照第2段的规定继续审议这一问题。',
    '',
    '__________________',
    '1 A/74/100。',
    '2 A/76/200。',
    '',
  ].join('\n');

  it('puts each note where its marker is glued before full-width punctuation, and leaves "第1、2段" and "第2段" as printed', () => {
    const { statement, report } = statementOf(text, 'zh_test.txt');
    const notes = findAll(statement, 'authorialNote');
    expect(notes.map((n) => [n.attrs['marker'], n.attrs['eId']])).toEqual([
      ['1', 'preamble__container_1__authorialNote_1'],
      ['2', 'para_1__authorialNote_1'],
    ]);
    const paragraphs = findAll(path(statement, 'mainBody')!, 'paragraph').map((p) => squash(textOf(p).replace(/A\/76\/200。/, '')));
    expect(paragraphs[0]).toContain('执行该决议第1、2段；');
    expect(paragraphs[1]).toContain('按照第2段的规定');
    expect(report.diagnostics.filter((d) => /marker|not cited/.test(d.message))).toEqual([]);
  });

  it('finds markers set apart by spaces as pdftotext prints them beside Han characters, and leaves "第 1、2 段" as printed', () => {
    const spaced = text.replace('决议1，', '决议 1，').replace('报告2，', '报告 2 ，').replace('第1、2段', '第 1、2 段');
    const { statement, report } = statementOf(spaced, 'zh_test.txt');
    expect(findAll(statement, 'authorialNote').map((n) => n.attrs['eId'])).toEqual(['preamble__container_1__authorialNote_1', 'para_1__authorialNote_1']);
    expect(squash(textOf(findAll(path(statement, 'mainBody')!, 'paragraph')[0]!))).toContain('执行该决议第 1、2 段；');
    expect(report.diagnostics.filter((d) => /marker|not cited/.test(d.message))).toEqual([]);
  });
});
