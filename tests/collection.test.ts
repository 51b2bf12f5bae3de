// The collection layer in process: documents grouped into Works, alignment by eId only (never by
// position or guess), the alignment units read from AKN, and the search terms shared with the browser.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alignmentUnits, type AlignmentUnit, type SiteDocument } from '../pipeline/site/collect.js';
import { sessionOf } from '../pipeline/site/pages.js';
import { searchTerms } from '../pipeline/site/search.js';
import { groupWorks, slugOf } from '../pipeline/site/works.js';
import { documentElement, parseAkn } from '../pipeline/akn-tree.js';
import { build } from '../pipeline/build.js';
import { CORPUS_TEXTS, corpusDescribe } from './support/corpus.js';

const WORK = '/akn/un/statement/deliberation/un-ga/2020-01-01/74-1';

function unit(eId: string, kind: AlignmentUnit['kind'], text = `text of ${eId}`): AlignmentUnit {
  return { eId, kind, blocks: text ? [text] : [] };
}
function doc(lang: string, units: AlignmentUnit[], extra: Partial<SiteDocument> = {}): SiteDocument {
  const akn = { ar: 'ara', en: 'eng', fr: 'fra', es: 'spa', ru: 'rus', zh: 'zho' }[lang]!;
  return {
    stem: `${lang}_A-RES-74-1`, source: `texts/${lang}_A-RES-74-1.txt`, xmlPath: `${lang}.akn.xml`, symbol: 'A/RES/74/1', documentName: 'resolution',
    actor: 'un-ga', lang, dir: lang === 'ar' ? 'rtl' : 'ltr', aknLang: akn, workIri: WORK, expressionIri: `${WORK}/${akn}@2020-01-01`, date: '2020-01-01', units, ...extra,
  };
}
const preamble = (n: number) => Array.from({ length: n }, (_, i) => unit(`preamble__container_${i + 1}`, 'recital'));
const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => unit(`para_${i + 1}`, 'paragraph'));

describe('Works and alignment', () => {
  it('one Work per Work IRI, one Expression per language, in the UN language order', () => {
    const { works, warnings } = groupWorks([doc('fr', [...preamble(2), ...paragraphs(3)]), doc('en', [...preamble(2), ...paragraphs(3)]), doc('ar', [...preamble(2), ...paragraphs(3)])]);
    expect(works).toHaveLength(1);
    expect(works[0]!.expressions.map((e) => e.lang)).toEqual(['ar', 'en', 'fr']);
    expect(works[0]!.aligned.map((e) => e.lang)).toEqual(['ar', 'en', 'fr']);
    expect(works[0]!.parts.map((p) => [p.name, p.units.length])).toEqual([['preamble', 2], ['body', 3]]);
    expect(warnings).toEqual([]);
  });

  it('a paragraph count that differs: a warning naming both files, and that version is not aligned in that part', () => {
    const { works, warnings } = groupWorks([doc('en', [...preamble(2), ...paragraphs(3)]), doc('fr', [...preamble(2), ...paragraphs(3)]), doc('es', [...preamble(2), ...paragraphs(4)])]);
    const body = works[0]!.parts.find((p) => p.name === 'body')!;
    expect(body.aligned.map((d) => d.lang)).toEqual(['en', 'fr']);
    expect(works[0]!.parts.find((p) => p.name === 'preamble')!.aligned.map((d) => d.lang)).toEqual(['en', 'fr', 'es']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.files).toEqual(['texts/es_A-RES-74-1.txt', 'texts/en_A-RES-74-1.txt']);
    expect(warnings[0]!.message).toContain('4 paragraphs against 3');
  });

  it('two versions that disagree and no majority: nothing aligned, never matched by position', () => {
    const { works, warnings } = groupWorks([doc('en', paragraphs(3)), doc('fr', paragraphs(4))]);
    expect(works[0]!.parts).toEqual([]);
    expect(works[0]!.aligned).toEqual([]);
    expect(warnings.map((w) => w.files)).toEqual([['texts/fr_A-RES-74-1.txt', 'texts/en_A-RES-74-1.txt']]);
  });

  it('the same count but other eIds (a paragraph numbered differently) is a disagreement too', () => {
    const en = doc('en', [unit('para_1', 'paragraph'), unit('para_2', 'paragraph')]);
    const fr = doc('fr', [unit('para_1', 'paragraph'), unit('para_3', 'paragraph')]);
    const { works, warnings } = groupWorks([en, fr]);
    expect(works[0]!.aligned).toEqual([]);
    expect(warnings[0]!.message).toContain('unit 2 is para_3 against para_2');
  });

  it('a unit empty in one version is aligned (same eIds) and reported', () => {
    const { works, warnings } = groupWorks([doc('en', [unit('para_1', 'paragraph')]), doc('zh', [unit('para_1', 'paragraph', '')])]);
    expect(works[0]!.aligned.map((d) => d.lang)).toEqual(['zh', 'en']);
    expect(warnings.map((w) => w.message)).toEqual(['texts/zh_A-RES-74-1.txt: para_1 has no text, while texts/en_A-RES-74-1.txt has; the parallel view shows it empty']);
  });

  it('a second text of the same Expression is published but not a second Expression', () => {
    const a = doc('en', paragraphs(1));
    const b = doc('en', paragraphs(1), { stem: 'en_A-RES-74-1.pdftotext', source: 'texts/en_A-RES-74-1.pdftotext.txt' });
    const { works, warnings } = groupWorks([a, b]);
    expect(works[0]!.expressions).toEqual([a]);
    expect(works[0]!.duplicates).toEqual([b]);
    expect(warnings[0]!.files).toEqual(['texts/en_A-RES-74-1.pdftotext.txt', 'texts/en_A-RES-74-1.txt']);
  });

  it('one symbol with two Work IRIs: kept apart, with a warning', () => {
    const other = `${WORK.replace('2020-01-01', '2020-01-02')}`;
    const { works, warnings } = groupWorks([doc('en', paragraphs(1)), doc('fr', paragraphs(1), { workIri: other, expressionIri: `${other}/fra@2020-01-02` })]);
    expect(works).toHaveLength(2);
    expect(warnings[0]!.message).toContain('same symbol A/RES/74/1 but different Work IRIs');
  });

  it('slugs and sessions', () => {
    expect(slugOf('/akn/un/statement/deliberation/un-ga/1948-12-10/217_A_III')).toBe('un-ga-1948-12-10-217_A_III');
    expect(sessionOf(doc('en', [], { symbol: 'A/RES/217(III)' }))?.key).toBe(3);
    expect(sessionOf(doc('en', [], { symbol: 'A/72/L.10' }))?.key).toBe(72);
    expect(sessionOf(doc('en', [], { symbol: 'A/C.3/80/L.5' }))?.key).toBe(80);
    expect(sessionOf(doc('en', [], { symbol: 'S/2018/221' }))?.label).toBe('2018');
  });
});

corpusDescribe('alignment units read from AKN', () => {
  it('recitals, the formula, operative paragraphs with their sub-items, and articles apart from the paragraph holding them', () => {
    const file = `${CORPUS_TEXTS}/en_S-2020-449.txt`;
    const { xml } = build({ file, text: readFileSync(file) });
    const units = alignmentUnits(documentElement(parseAkn(xml)));
    expect(units.filter((u) => u.kind === 'paragraph').map((u) => u.eId).slice(0, 3)).toEqual(['para_1', 'para_2', 'para_3']);
    expect(units.find((u) => u.kind === 'formula')!.blocks).toEqual(['The Security Council,']);
    expect(units.filter((u) => u.kind === 'recital').every((u, i) => u.eId === `preamble__container_${i + 1}` && u.blocks.length > 0)).toBe(true);
    // Sub-items (a), (i) are blocks of their paragraph, each led by its number as printed.
    const withItems = units.find((u) => u.blocks.some((b) => /^\(a\) /.test(b)))!;
    expect(withItems.kind).toBe('paragraph');
    expect(withItems.blocks.some((b) => /^\(b\) /.test(b))).toBe(true);
    const nested = `<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="resolution"><mainBody>
      <paragraph eId="para_1"><num>1.</num><content><p>Proclaims this Declaration:<authorialNote eId="n"><p>note</p></authorialNote></p>
      <p><embeddedStructure eId="para_1__embeddedStructure_1"><article eId="para_1__embeddedStructure_1__art_1"><heading>Article 1</heading>
      <paragraph eId="para_1__embeddedStructure_1__art_1__para_1"><content><p>All human beings are born free.</p></content></paragraph></article></embeddedStructure></p>
      </content></paragraph></mainBody></statement></akomaNtoso>`;
    expect(alignmentUnits(documentElement(parseAkn(nested)))).toEqual([
      { eId: 'para_1', kind: 'paragraph', num: '1.', blocks: ['Proclaims this Declaration:'] },
      { eId: 'para_1__embeddedStructure_1__art_1', kind: 'article', heading: 'Article 1', blocks: ['All human beings are born free.'] },
    ]);
  });
});

describe('search terms (the same function runs in the browser)', () => {
  it('drops accents and case; keeps numbers', () => {
    expect(searchTerms('Déclaration UNIVERSELLE, article 12')).toEqual(['declaration', 'universelle', 'article', '12']);
  });
  it('Arabic: vowel signs and tatweel dropped; a word also indexed without its article or conjunction', () => {
    expect(searchTerms('والكرامةُ')).toEqual(['والكرامة', 'كرامة']);
    expect(searchTerms('والكرامةُ', true)).toEqual(['والكرامة']);
    // A short word is never cut down to a stub.
    expect(searchTerms('ولد')).toEqual(['ولد']);
  });
  it('Chinese: overlapping pairs of characters; a single character stays itself', () => {
    expect(searchTerms('世界人权')).toEqual(['世界', '界人', '人权']);
    expect(searchTerms('人')).toEqual(['人']);
    expect(searchTerms('第1条')).toEqual(['第', '1', '条']);
  });
  it('is self-contained, so its source can run in the page', () => {
    const again = new Function(`return (${searchTerms.toString()})`)() as typeof searchTerms;
    expect(again('Всеобщая декларация прав человека')).toEqual(searchTerms('Всеобщая декларация прав человека'));
  });
});
