// Resolutions in Spanish, Russian, Arabic and Chinese (short texts written for the test in the UN's
// wording): the language tables drive the same structure in every language.
import { describe, expect, it } from 'vitest';
import { childElements, findAll, parseAkn, path } from '../pipeline/akn-tree.js';
import { build } from '../pipeline/build.js';

const TEXTS: Record<string, string> = {
  "es": "Naciones Unidas  A/RES/76/146\nAsamblea General\nDistr. general\n4 de enero de 2022\nSeptuagésimo sexto período de sesiones\nTema 28 del programa\nResolución aprobada por la Asamblea General el 16 de diciembre de 2021\n[sobre la base del informe de la Tercera Comisión (A/76/462)]\n76/146. La niña\nLa Asamblea General,\nRecordando su resolución 74/134, de 18 de diciembre de 2019,\nReafirmando la Declaración Universal de Derechos Humanos,\n1. Toma nota del informe del Secretario General;\n2. Exhorta a todos los Estados a que:\na) Adopten medidas;\nb) Apliquen las leyes;\n3. Decide seguir examinando la cuestión.\n52ª sesión plenaria\n16 de diciembre de 2021\n",
  "ru": "Организация Объединенных Наций  A/RES/76/146\nГенеральная Ассамблея\nDistr.: General\n4 January 2022\nСемьдесят шестая сессия\nПункт 28 повестки дня\nРезолюция, принятая Генеральной Ассамблеей 16 декабря 2021 года\n76/146. Девочки\nГенеральная Ассамблея,\nссылаясь на свою резолюцию 74/134 от 18 декабря 2019 года,\nвновь подтверждая Всеобщую декларацию прав человека,\n1. принимает к сведению доклад Генерального секретаря;\n2. постановляет продолжить рассмотрение этого вопроса.\n52-е пленарное заседание\n16 декабря 2021 года\n",
  "ar": "الأمم المتحدة  A/RES/76/146\nالجمعية العامة\nإن الجمعية العامة،\nإذ تشير إلى قرارها 74/134 المؤرخ 18 كانون الأول/ديسمبر 2019،\nوإذ تؤكد من جديد الإعلان العالمي لحقوق الإنسان،\n1 - تحيط علما بتقرير الأمين العام؛\n2 - تقرر أن تواصل النظر في هذه المسألة.\n",
  "zh": "联合国  A/RES/76/146\n大会\n大会，\n回顾其2019年12月18日第74/134号决议，\n重申《世界人权宣言》，\n1. 注意到秘书长的报告；\n2. 决定继续审议这一问题。\n"
};

describe.each(Object.entries(TEXTS))('%s resolution', (code, text) => {
  const result = build({ file: `${code}.txt`, text });
  const statement = childElements(parseAkn(result.xml))[0]!;

  it('is detected in its language and identified from its masthead', () => {
    expect(result.context.language!.code).toBe(code);
    expect(childElements(path(statement, 'meta', 'identification', 'FRBRWork')!, 'FRBRalias')[0]!.attrs['value']).toBe('A/RES/76/146');
    expect(findAll(statement, 'docAuthority').length).toBeGreaterThanOrEqual(1);
  });

  it('has its two recitals keyed in the language-neutral vocabulary, and its operative paragraphs', () => {
    const recitals = childElements(path(statement, 'preamble')!, 'container');
    expect(recitals.map((r) => r.attrs['name'])).toEqual(['recalling', 'reaffirming']);
    expect(childElements(path(statement, 'mainBody')!, 'paragraph').length).toBe(code === 'es' ? 3 : 2);
  });
});

describe('dates and closing lines in other languages', () => {
  it('Spanish: adoption date, sub-items a) b), plenary meeting', () => {
    const result = build({ file: 'es.txt', text: TEXTS['es']! });
    expect(result.report.detected['date']?.value).toBe('2021-12-16');
    expect(findAll(parseAkn(result.xml), 'point').map((p) => p.attrs['eId'])).toEqual(['para_2__list_1__point_a', 'para_2__list_1__point_b']);
    expect(result.xml).toContain('<event refersTo="#plenaryMeeting_52">52ª sesión plenaria</event>');
  });

  it('Russian: adoption date, issue date printed in English', () => {
    const result = build({ file: 'ru.txt', text: TEXTS['ru']! });
    expect(result.report.detected['date']?.value).toBe('2021-12-16');
    expect(result.xml).toContain('<docDate date="2022-01-04" refersTo="#publicationDate">4 January 2022</docDate>');
  });

  it('Arabic: paragraphs numbered "1 -"', () => {
    const result = build({ file: 'ar.txt', text: TEXTS['ar']! });
    expect(findAll(parseAkn(result.xml), 'num').map((n) => n.children.map((c) => (c.type === 'text' ? c.value : '')).join(''))).toEqual(['1 -', '2 -']);
  });
});
