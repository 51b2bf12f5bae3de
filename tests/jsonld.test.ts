// JSON-LD from AKN (akn4un-profile §6.3, §9.3): checked with the real `jsonld` processor, offline, in safe
// mode (a term that would be dropped is an error). Golden N-Quads: UPDATE_GOLDEN=1 rewrites, review the diff.
import { buildSample } from './support/sample.js';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { aknWorkIri, DEFAULT_RESOLVER_BASE, renderJsonld, type JsonldDocument } from '../pipeline/render/jsonld.js';
import { symbolOfUndocsUrl } from '../pipeline/uri.js';
import { InputError } from '../pipeline/report.js';
import { validateAkn } from '../pipeline/validate.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = (name: string) => readFileSync(join(root, 'tests', 'fixtures', name), 'utf8');
const PROFILE_SAMPLE = 'profile-sample-80-999.akn.xml';
const FRENCH_FIXTURE = 'jsonld-citations-fr.akn.xml';
const GOLDEN = join(root, 'tests', 'golden', 'profile-sample-80-999.nq');
/** The parser's output folder; AKN_PRESS_OUTPUT points the last two suites at another build. */
const OUTPUT = process.env.AKN_PRESS_OUTPUT ?? join(root, 'output');

const BASE = DEFAULT_RESOLVER_BASE;
const SCHEMA = 'https://schema.org/';
const ELI = 'http://data.europa.eu/eli/ontology#';
const UNDO = 'https://w3id.org/un/ontology/undo/';
const OA = 'http://www.w3.org/ns/oa#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const XSD_DATE = 'http://www.w3.org/2001/XMLSchema#date';

/** Every URL is refused: the documents must carry everything they need (inline @context). */
const fetched: string[] = [];
const offlineLoader = async (url: string): Promise<never> => {
  fetched.push(url);
  throw new Error(`offline test: refused to load ${url}`);
};
const SAFE = { safe: true, documentLoader: offlineLoader } as const;

interface Term {
  termType: string;
  value: string;
  datatype?: { value: string };
  language?: string;
}
interface Quad {
  subject: Term;
  predicate: Term;
  object: Term;
  graph: Term;
}

async function nQuads(doc: object): Promise<string> {
  return (await jsonld.toRDF(doc as never, { ...SAFE, format: 'application/n-quads' } as never)) as unknown as string;
}

async function dataset(doc: object): Promise<Quad[]> {
  return (await jsonld.toRDF(doc as never, SAFE as never)) as unknown as Quad[];
}

/** N-Quads in a stable order (no blank nodes are emitted, so sorting lines is a canonical form). */
function sortedLines(nq: string): string {
  return `${nq.split('\n').filter((line) => line.trim() !== '').sort().join('\n')}\n`;
}

const objects = (quads: Quad[], subject: string, predicate: string) =>
  quads.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object);
const values = (quads: Quad[], subject: string, predicate: string) => objects(quads, subject, predicate).map((o) => o.value);
const subjectsOfType = (quads: Quad[], type: string) =>
  quads.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === type).map((q) => q.subject.value);

/** The Work IRI is the first node of the graph; resolve it the way the processor does. */
const absolute = (relative: string) => new URL(relative, BASE).href;

// ---------------------------------------------------------------------------------------------

describe('jsonld processor in safe mode (jsonld 9): what the other tests rely on', () => {
  const withUnknownTerm = {
    '@context': { schema: SCHEMA },
    '@id': 'https://example.org/doc',
    'schema:name': 'kept',
    legislationPassedBy: 'dropped: no such term in the context',
  };

  it('drops an undefined term silently without safe mode', async () => {
    const nq = (await jsonld.toRDF(withUnknownTerm, { format: 'application/n-quads', documentLoader: offlineLoader } as never)) as unknown as string;
    expect(nq).toContain('<https://schema.org/name> "kept"');
    expect(nq).not.toContain('dropped');
  });

  it('rejects the same undefined term in safe mode (toRDF and expand)', async () => {
    await expect(nQuads(withUnknownTerm)).rejects.toMatchObject({ name: 'jsonld.ValidationError', details: { event: { code: 'invalid property' } } });
    await expect(jsonld.expand(withUnknownTerm, SAFE as never)).rejects.toMatchObject({ name: 'jsonld.ValidationError' });
  });

  it('rejects a relative @id when there is no @base', async () => {
    const relative = { '@context': { schema: SCHEMA }, '@id': 'akn/un/x', 'schema:name': 'x' };
    await expect(nQuads(relative)).rejects.toMatchObject({ name: 'jsonld.ValidationError' });
  });

  it('uses the offline loader: a remote @context fails instead of being fetched', async () => {
    const before = fetched.length;
    await expect(nQuads({ '@context': 'https://schema.org/', '@id': 'https://example.org/doc', name: 'x' })).rejects.toThrow();
    expect(fetched.slice(before)).toEqual(['https://schema.org/']);
  });
});

describe('AKN IRIs against @base', () => {
  it('a leading slash or none gives the same absolute IRI with a base that has no path', async () => {
    const doc = {
      '@context': { schema: SCHEMA, '@base': BASE },
      '@graph': [
        { '@id': '/akn/un/statement/deliberation/un-ga/2025-12-15/80-999/eng@2025-12-15/!main.xml', 'schema:name': 'slash' },
        { '@id': 'akn/un/statement/deliberation/un-ga/2025-12-15/80-999/eng@2025-12-15/!main.xml', 'schema:name': 'no slash' },
      ],
    };
    const subjects = new Set((await dataset(doc)).map((q) => q.subject.value));
    expect([...subjects]).toEqual([`${BASE}akn/un/statement/deliberation/un-ga/2025-12-15/80-999/eng@2025-12-15/!main.xml`]);
  });

  it('a base with a path keeps it, because the renderer writes AKN IRIs without the leading slash', async () => {
    const quads = await dataset(renderJsonld(fixture(PROFILE_SAMPLE), { base: 'https://example.org/un/data' }));
    const work = 'https://example.org/un/data/akn/un/statement/deliberation/un-ga/2025-12-15/80-999';
    expect(subjectsOfType(quads, `${ELI}LegalResource`)).toContain(work);
  });

  it('rejects a base that is not an absolute http(s) IRI, naming the input', () => {
    expect(() => renderJsonld(fixture(PROFILE_SAMPLE), { file: 'x.akn.xml', base: 'resolver/' })).toThrow(InputError);
    expect(() => renderJsonld(fixture(PROFILE_SAMPLE), { file: 'x.akn.xml', base: 'ftp://example.org/' })).toThrow(/x\.akn\.xml|ftp/);
  });
});

describe('identifier helpers', () => {
  it('reads the symbol of an undocs.org URL with or without a language segment', () => {
    expect(symbolOfUndocsUrl('https://undocs.org/fr/A/RES/37/4')).toBe('A/RES/37/4');
    expect(symbolOfUndocsUrl('https://undocs.org/A/80/123')).toBe('A/80/123');
    expect(symbolOfUndocsUrl('https://undocs.org/fr/A/71/160-S/2016/621')).toBe('A/71/160-S/2016/621');
    expect(symbolOfUndocsUrl('http://www.undocs.org/en/S/PV.7813')).toBe('S/PV.7813');
    expect(symbolOfUndocsUrl('https://undocs.org/A/RES/68/247%20B')).toBe('A/RES/68/247 B');
    expect(symbolOfUndocsUrl('https://example.org/A/RES/37/4')).toBeUndefined();
  });

  it('reduces any AKN IRI to its Work', () => {
    const work = '/akn/un/statement/deliberation/un-ga/2006-09-08/61-275';
    for (const iri of [work, `${work}/`, `${work}/!main#sec_III__para_3`, `${work}/eng@/!main#para_3`, `${work}/eng@2006-09-08.akn`, `${work}/!main~para_8`, work.slice(1)]) {
      expect(aknWorkIri(iri)).toBe(work);
    }
  });
});

describe('profile sample A/RES/80/999 (§9.1) → JSON-LD', () => {
  const xml = fixture(PROFILE_SAMPLE);
  const doc = renderJsonld(xml, { file: PROFILE_SAMPLE });
  const work = absolute('akn/un/statement/deliberation/un-ga/2025-12-15/80-999');
  const expression = `${work}/eng@2025-12-15`;
  const title = 'Cooperation between the United Nations and the Organisation of Islamic Cooperation on open parliamentary data';

  it('has an inline @context with every prefix of the profile and the resolver base', () => {
    expect(Object.keys(doc['@context']).sort()).toEqual(['@base', 'akp', 'allot', 'dcterms', 'eli', 'frbr', 'lan', 'oa', 'schema', 'undo', 'xsd'].sort());
    expect(doc['@context']['@base']).toBe(BASE);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc); // plain JSON: what the CLI writes is what was tested
  });

  it('expands and converts to RDF offline in safe mode (no dropped term, no relative IRI)', async () => {
    const before = fetched.length;
    const expanded = (await jsonld.expand(doc as never, SAFE as never)) as unknown as object[];
    expect(expanded.length).toBeGreaterThan(0);
    const nq = await nQuads(doc);
    expect(nq).not.toMatch(/_:/); // no blank nodes: every node is named
    expect(fetched.length).toBe(before);
    // Every node of the JSON is in the RDF: nothing was dropped as free-floating.
    const subjects = new Set((await dataset(doc)).map((q) => q.subject.value));
    for (const node of doc['@graph']) expect(subjects).toContain(new URL(String(node['@id']), BASE).href);
  });

  it('matches the golden N-Quads', async () => {
    const actual = sortedLines(await nQuads(doc));
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dirname(GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, actual);
    }
    expect(existsSync(GOLDEN), `missing ${GOLDEN}: run UPDATE_GOLDEN=1 npx vitest run tests/jsonld.test.ts and review it`).toBe(true);
    expect(actual).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('states the classes of the three FRBR levels and links them', async () => {
    const quads = await dataset(doc);
    expect(values(quads, work, RDF_TYPE)).toEqual(expect.arrayContaining([`${SCHEMA}Legislation`, `${ELI}LegalResource`, `${UNDO}Resolution`]));
    expect(values(quads, expression, RDF_TYPE)).toEqual(
      expect.arrayContaining([`${SCHEMA}Legislation`, `${ELI}LegalExpression`, `${UNDO}DocumentVersion`]),
    );
    expect(values(quads, work, `${ELI}is_realized_by`)).toEqual([expression]);
    expect(values(quads, work, `${SCHEMA}workExample`)).toEqual([expression]);
    expect(values(quads, expression, `${ELI}realizes`)).toEqual([work]);

    const formats = subjectsOfType(quads, `${ELI}Format`).sort();
    expect(formats).toEqual([`${expression}/!main.epub`, `${expression}/!main.html`, `${expression}/!main.xml`]);
    expect(values(quads, expression, `${SCHEMA}encoding`).sort()).toEqual(formats);
    expect(values(quads, expression, `${ELI}is_embodied_by`).sort()).toEqual(formats);
    const mediaType = (suffix: string) => values(quads, `${expression}/!main.${suffix}`, `${SCHEMA}encodingFormat`);
    expect([mediaType('xml'), mediaType('html'), mediaType('epub')]).toEqual([['application/akn+xml'], ['text/html'], ['application/epub+zip']]);
  });

  it('states the symbol, the AKN IRI, the number and the undocs URL', async () => {
    const quads = await dataset(doc);
    expect(values(quads, work, `${ELI}id_local`)).toEqual(['A/RES/80/999']);
    expect(values(quads, work, `${SCHEMA}legislationIdentifier`).sort()).toEqual(
      ['/akn/un/statement/deliberation/un-ga/2025-12-15/80-999', 'A/RES/80/999'].sort(),
    );
    expect(values(quads, work, `${ELI}number`)).toEqual(['80/999']);
    expect(values(quads, expression, `${SCHEMA}url`)).toEqual(['https://undocs.org/en/A/RES/80/999']);
  });

  it('states the language and the title in that language', async () => {
    const quads = await dataset(doc);
    expect(values(quads, expression, `${SCHEMA}inLanguage`)).toEqual(['en']);
    expect(values(quads, expression, 'http://purl.org/dc/terms/language')).toEqual(['http://id.loc.gov/vocabulary/iso639-1/en']);
    expect(values(quads, expression, `${ELI}language`)).toEqual(['http://publications.europa.eu/resource/authority/language/ENG']);
    for (const [subject, predicate] of [[expression, `${ELI}title`], [work, `${SCHEMA}name`]] as const) {
      expect(objects(quads, subject, predicate)).toEqual([expect.objectContaining({ value: title, language: 'en' })]);
    }
  });

  it('types the adoption and version dates as xsd:date', async () => {
    const quads = await dataset(doc);
    for (const [subject, predicate] of [
      [work, `${SCHEMA}legislationDate`],
      [work, `${ELI}date_document`],
      [expression, `${SCHEMA}legislationDateVersion`],
      [expression, `${ELI}version_date`],
    ] as const) {
      expect(objects(quads, subject, predicate)).toEqual([expect.objectContaining({ value: '2025-12-15', datatype: expect.objectContaining({ value: XSD_DATE }) })]);
    }
  });

  it('names the body that passed it (FRBRauthor → TLCOrganization) and the document type', async () => {
    const quads = await dataset(doc);
    const ga = absolute('akn/ontology/organization/un/un-ga');
    expect(values(quads, work, `${SCHEMA}legislationPassedBy`)).toEqual([ga]);
    expect(values(quads, work, `${ELI}passed_by`)).toEqual([ga]);
    expect(objects(quads, ga, `${SCHEMA}name`)).toEqual([expect.objectContaining({ value: 'General Assembly', language: 'en' })]);
    expect(values(quads, work, `${SCHEMA}legislationType`)).toEqual(['resolution']);
    expect(values(quads, work, `${ELI}type_document`)).toEqual([absolute('akn/ontology/concept/un/resolution')]);
  });

  it('cites each distinct document once, with its symbol and undocs URL (body and notes)', async () => {
    const quads = await dataset(doc);
    const res37 = absolute('akn/un/statement/deliberation/un-ga/1982-10-22/37-4');
    const report = 'https://undocs.org/A/80/123';
    expect(values(quads, work, `${SCHEMA}citation`).sort()).toEqual([res37, report].sort());
    expect(values(quads, work, `${ELI}cites`).sort()).toEqual([res37, report].sort());
    expect(values(quads, res37, `${ELI}id_local`)).toEqual(['A/RES/37/4']);
    expect(values(quads, res37, `${SCHEMA}legislationIdentifier`)).toEqual(['A/RES/37/4']);
    expect(values(quads, res37, `${SCHEMA}url`)).toEqual(['https://undocs.org/A/RES/37/4']);
    expect(values(quads, report, `${ELI}id_local`)).toEqual(['A/80/123']);
    // The preface's "(A/80/L.99)" is the draft, not a citation.
    expect(values(quads, work, `${SCHEMA}citation`).some((iri) => iri.includes('A-80-L99'))).toBe(false);
  });

  it('models the recital as undo:Relation + undo:Annotation, exactly as §9.3', async () => {
    const quads = await dataset(doc);
    const relation = `${work}#relation_preamble__container_1`;
    const annotation = `${work}#annotation_preamble__container_1`;
    expect(subjectsOfType(quads, `${UNDO}Relation`)).toEqual([relation]);
    expect(values(quads, relation, `${UNDO}hasProponent`)).toEqual([absolute('akn/ontology/organization/un/un-ga')]);
    expect(values(quads, relation, `${UNDO}hasSemantics`)).toEqual([absolute('akn/ontology/concept/un/recalling')]);
    expect(values(quads, relation, `${UNDO}hasReceiver`)).toEqual([absolute('akn/un/statement/deliberation/un-ga/1982-10-22/37-4')]);
    expect(subjectsOfType(quads, `${UNDO}Annotation`)).toEqual([annotation]);
    expect(values(quads, annotation, `${OA}hasBody`)).toEqual([relation]);
    expect(values(quads, annotation, `${OA}hasTarget`)).toEqual([`${expression}/!main#preamble__container_1`]);
  });

  it('links the draft A/80/L.99 (workflow step href) and the adopted resolution', async () => {
    const quads = await dataset(doc);
    const draft = absolute('akn/un/statement/deliberation/un-ga/2025-12-10/A-80-L99');
    expect(values(quads, work, `${SCHEMA}isBasedOn`)).toEqual([draft]);
    expect(values(quads, draft, `${UNDO}hasReconfiguration`)).toEqual([work]);
    expect(values(quads, draft, `${ELI}id_local`)).toEqual(['A/80/L.99']);
  });

  it('announces only the manifestations it is told about', async () => {
    const quads = await dataset(renderJsonld(xml, { manifestations: [{ format: 'xml' }, { format: 'html', mediaType: 'application/xhtml+xml' }] }));
    expect(subjectsOfType(quads, `${ELI}Format`).sort()).toEqual([`${expression}/!main.html`, `${expression}/!main.xml`]);
    expect(values(quads, `${expression}/!main.html`, `${SCHEMA}encodingFormat`)).toEqual(['application/xhtml+xml']);
  });

  it('refuses a document it cannot name, with the file in the message', () => {
    const unnamed = xml.replace(/<FRBRuri value="[^"]*\/80-999"\/>/, '');
    expect(() => renderJsonld(unnamed, { file: 'unnamed.akn.xml' })).toThrow(InputError);
    try {
      renderJsonld(unnamed, { file: 'unnamed.akn.xml' });
    } catch (error) {
      expect(String(error)).toMatch(/^unnamed\.akn\.xml: .*FRBRWork\/FRBRuri/);
    }
  });
});

describe('hand-made French draft with the citation shapes of the parser', () => {
  const xml = fixture(FRENCH_FIXTURE);
  const doc = renderJsonld(xml, { file: FRENCH_FIXTURE });
  const work = absolute('akn/un/statement/deliberation/un-ga/2017-12-01/A-72-L10');
  const expression = `${work}/fra@2017-12-01`;
  const resolution = (iri: string) => absolute(`akn/un/statement/deliberation/un-ga/${iri}`);

  it('is schema-valid and passes the profile checks', () => {
    expect(validateAkn(xml)).toEqual([]);
  });

  it('converts offline in safe mode', async () => {
    await expect(jsonld.expand(doc as never, SAFE as never)).resolves.toBeDefined();
    await expect(nQuads(doc)).resolves.toMatch(/schema\.org\/Legislation/);
  });

  it('is a draft: a deliberative document, responsible body rather than passed-by, status Draft', async () => {
    const quads = await dataset(doc);
    expect(values(quads, work, RDF_TYPE).sort()).toEqual([`${SCHEMA}Legislation`, `${ELI}LegalResource`, `${UNDO}DeliberativeDocument`].sort());
    expect(values(quads, work, `${SCHEMA}legislationType`)).toEqual(['draft resolution']);
    expect(values(quads, work, `${SCHEMA}creativeWorkStatus`)).toEqual(['Draft']);
    expect(values(quads, work, `${SCHEMA}legislationPassedBy`)).toEqual([]);
    expect(values(quads, work, `${ELI}responsibility_of`)).toEqual([absolute('akn/ontology/organization/un/un-ga')]);
    expect(objects(quads, work, `${SCHEMA}dateCreated`)).toEqual([expect.objectContaining({ value: '2017-12-01', datatype: expect.objectContaining({ value: XSD_DATE }) })]);
  });

  it('states symbol, language fr and the French title', async () => {
    const quads = await dataset(doc);
    expect(values(quads, work, `${ELI}id_local`)).toEqual(['A/72/L.10']);
    expect(values(quads, expression, `${SCHEMA}inLanguage`)).toEqual(['fr']);
    expect(objects(quads, expression, `${ELI}title`)).toEqual([
      expect.objectContaining({ value: 'Coopération entre l’Organisation des Nations Unies et l’Organisation de la coopération islamique', language: 'fr' }),
    ]);
  });

  it('makes one node per distinct document: 10 refs → 7 citations (AKN IRI and undocs URL of one symbol merged)', async () => {
    const quads = await dataset(doc);
    const cited = values(quads, work, `${SCHEMA}citation`);
    expect(cited).toHaveLength(7);
    expect(values(quads, work, `${ELI}cites`).sort()).toEqual([...cited].sort());
    const symbols = cited.map((iri) => values(quads, iri, `${ELI}id_local`));
    expect(symbols.flat().sort()).toEqual(
      ['A/RES/37/4', 'A/RES/38/4', 'A/RES/69/317', 'A/71/160-S/2016/621', 'S/PV.7813', 'S/PRST/2013/16', 'A/RES/70/1'].sort(),
    );
    // 69/317: cited as an AKN IRI (+ alternativeReference) and as a bare undocs URL → one node, the AKN Work.
    expect(values(quads, resolution('2015-09-10/69-317'), `${SCHEMA}url`)).toEqual(['https://undocs.org/fr/A/RES/69/317']);
    // 70/1: AKN IRI without alternativeReference (symbol from the IRI) and an undocs URL → one node.
    expect(values(quads, resolution('2015-09-25/70-1'), `${SCHEMA}url`)).toEqual(['https://undocs.org/fr/A/RES/70/1']);
    // 37/4: the undocs URL comes from its alternativeReference.
    expect(values(quads, resolution('1982-10-22/37-4'), `${SCHEMA}url`)).toEqual(['https://undocs.org/fr/A/RES/37/4']);
    // A/71/160-S/2016/621: a footnote's undocs URL and a publication IRI joined only by the alternativeReference.
    const letter = absolute('akn/un/documentCollection/publication/un-ga/2016-07-15/A-71-160-S-2016-621');
    expect(cited).toContain(letter);
    expect(values(quads, letter, `${ELI}id_local`)).toEqual(['A/71/160-S/2016/621']);
    expect(values(quads, letter, `${SCHEMA}url`)).toEqual(['https://undocs.org/fr/A/71/160-S/2016/621']);
    // A document cited only by its undocs URL is named by the language-neutral URL.
    expect(values(quads, 'https://undocs.org/S/PV.7813', `${SCHEMA}url`)).toEqual(['https://undocs.org/fr/S/PV.7813']);
  });

  it('relates only the references of the recital itself, not those of its footnotes', async () => {
    const quads = await dataset(doc);
    const relation = (n: number) => `${work}#relation_preamble__container_${n}`;
    expect(subjectsOfType(quads, `${UNDO}Relation`).sort()).toEqual([relation(1), relation(3)]);
    expect(values(quads, relation(1), `${UNDO}hasReceiver`).sort()).toEqual(
      [resolution('1982-10-22/37-4'), resolution('1983-10-28/38-4'), resolution('2015-09-10/69-317')].sort(),
    );
    expect(values(quads, relation(3), `${UNDO}hasSemantics`)).toEqual([absolute('akn/ontology/concept/un/takingNote')]);
    expect(values(quads, relation(3), `${UNDO}hasReceiver`)).toEqual([resolution('2015-09-10/69-317')]);
    expect(values(quads, `${work}#annotation_preamble__container_3`, `${OA}hasTarget`)).toEqual([`${expression}/!main#preamble__container_3`]);
  });
});

describe('citation normalisation on a minimal document', () => {
  /** Just enough AKN for renderJsonld (not schema-valid: no need here, the renderer reads what is there). */
  const minimal = (body: string, alternatives: string) => `<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <statement name="resolution"><meta>
    <identification source="#c"><FRBRWork><FRBRuri value="/akn/un/statement/deliberation/un-ga/2020-01-01/74-1"/></FRBRWork>
      <FRBRExpression><FRBRuri value="/akn/un/statement/deliberation/un-ga/2020-01-01/74-1/eng@2020-01-01"/><FRBRlanguage language="eng"/></FRBRExpression></identification>
    <analysis source="#c"><otherReferences source="#c">${alternatives}</otherReferences></analysis>
  </meta><mainBody><paragraph eId="para_1"><content><p>${body}</p></content></paragraph></mainBody></statement></akomaNtoso>`;
  const letterIri = '/akn/un/documentCollection/publication/un-ga/2016-07-15/A-71-160-S-2016-621';

  it('joins a document first known by its AKN IRI and then by its undocs URL when a later ref links the two', async () => {
    const xml = minimal(
      `<ref eId="r1" href="${letterIri}">the letter</ref>, <ref eId="r2" href="https://undocs.org/en/A/71/160-S/2016/621">A/71/160-S/2016/621</ref>, <ref eId="r3" href="${letterIri}">that letter</ref>`,
      '<alternativeReference for="#r3" href="https://undocs.org/en/A/71/160-S/2016/621"/>',
    );
    const doc = renderJsonld(xml);
    const quads = await dataset(doc);
    const work = absolute('akn/un/statement/deliberation/un-ga/2020-01-01/74-1');
    const letter = absolute(letterIri.slice(1));
    expect(values(quads, work, `${SCHEMA}citation`)).toEqual([letter]);
    expect(values(quads, letter, `${ELI}id_local`)).toEqual(['A/71/160-S/2016/621']);
    expect(doc['@graph'].filter((node) => node['@id'] === 'https://undocs.org/A/71/160-S/2016/621')).toEqual([]);
    // One node and one citation in the JSON too (RDF would hide a duplicate with the same @id).
    expect(doc['@graph'].filter((node) => node['@id'] === letterIri.slice(1))).toHaveLength(1);
    expect(doc['@graph'][0]!['schema:citation']).toEqual([{ '@id': letterIri.slice(1) }]);
  });

  it('ignores same-document references, self-citations and links that name no UN document', async () => {
    const xml = minimal(
      '<ref href="#para_1">paragraph 1</ref> <ref href="/akn/un/statement/deliberation/un-ga/2020-01-01/74-1/!main#para_1">this resolution</ref> <ref href="https://www.oic-oci.org/">OIC</ref>',
      '',
    );
    const quads = await dataset(renderJsonld(xml));
    expect(values(quads, absolute('akn/un/statement/deliberation/un-ga/2020-01-01/74-1'), `${SCHEMA}citation`)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The parser's real output: the sample built in this process (no dependence on output/), and every
// output/*.akn.xml that `make test` built from input/ and the corpus.

const outputs = existsSync(OUTPUT) ? readdirSync(OUTPUT).filter((name) => name.endsWith('.akn.xml')).sort() : [];

/** Links between a `<ref>` and an undocs.org URL: its own href, or an alternativeReference for its eId. */
/**
 * The undocs links the text listed, as the XML carries them: on refs or as alternatives. Notes cited
 * twice (2 and 5) are written in full at both citations, so their refs are counted once each.
 */
function undocsLinks(xml: string): number {
  const body = xml.replace(/<authorialNote\b[^>]*>[\s\S]*?<\/authorialNote>/g, (note) => (seenNotes.has(note.replace(/ eId="[^"]*"/g, '')) ? '' : (seenNotes.add(note.replace(/ eId="[^"]*"/g, '')), note)));
  seenNotes.clear();
  const direct = [...body.matchAll(/<ref\b[^>]*\bhref="https?:\/\/(?:www\.)?undocs\.org\/[^"]+"/g)].length;
  const alternatives = [...body.matchAll(/<alternativeReference\b[^>]*\bhref="https?:\/\/(?:www\.)?undocs\.org\/[^"]+"/g)].length;
  return direct + alternatives;
}
const seenNotes = new Set<string>();

describe('output/fr_A-72-L.10.akn.xml (French draft A/72/L.10 from the parser)', () => {
  it('has 36 distinct citations for 37 undocs links, symbol A/72/L.10, language fr, its title', async () => {
    const xml = buildSample().xml;
    const doc: JsonldDocument = renderJsonld(xml, { file: 'input/fr_A-72-L.10.txt' });
    const quads = await dataset(doc);
    const work = subjectsOfType(quads, `${ELI}LegalResource`).find((s) => values(quads, s, `${ELI}id_local`).includes('A/72/L.10'));
    expect(work, 'a LegalResource with eli:id_local "A/72/L.10"').toBeDefined();
    expect(undocsLinks(xml)).toBe(37);
    expect(values(quads, work!, `${SCHEMA}citation`)).toHaveLength(36);
    expect(values(quads, work!, `${ELI}cites`)).toHaveLength(36);
    const expression = values(quads, work!, `${ELI}is_realized_by`)[0]!;
    expect(values(quads, expression, `${SCHEMA}inLanguage`)).toEqual(['fr']);
    expect(objects(quads, expression, `${ELI}title`)).toEqual([
      expect.objectContaining({ value: 'Coopération entre l’Organisation des Nations Unies et l’Organisation de la coopération islamique', language: 'fr' }),
    ]);
    const citedSymbols = values(quads, work!, `${SCHEMA}citation`).flatMap((iri) => values(quads, iri, `${ELI}id_local`));
    expect(citedSymbols).toEqual(expect.arrayContaining(['A/RES/37/4', 'A/RES/69/317', 'A/71/160-S/2016/621', 'S/PV.7813', 'S/PRST/2013/16', 'S/INF/69', 'A/RES/16/18', 'A/RES/70/1', 'A/66/53', 'A/RES/68/127', 'A/RES/70/109']));
  });
});

describe('every output/*.akn.xml converts offline in safe mode', () => {
  it('has outputs to check (make test builds them first)', () => {
    expect(outputs.length).toBeGreaterThan(0);
  });
  it.each(outputs)('%s', async (name) => {
    const doc = renderJsonld(readFileSync(join(OUTPUT, name), 'utf8'), { file: name });
    await expect(jsonld.expand(doc as never, SAFE as never)).resolves.toBeDefined();
    const nq = await nQuads(doc);
    expect(nq).toContain(`<${ELI}LegalExpression>`);
  });
});
