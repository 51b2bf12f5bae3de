// Stage 7 (publication): linked data for one resolution, derived from its Akoma Ntoso XML only.
// Reads: AKN XML text (parseAkn).   Writes: a JSON-LD document — schema.org Legislation + ELI + UNDO (akn4un-profile §6.3, §9.3).
//
// Shape (profile §9.3): the three FRBR levels are linked nodes (Work → Expression in its language →
// Manifestations), every cited document is one node (an AKN IRI and an undocs.org URL for the same
// symbol are one document), and each preambular paragraph that cites something becomes an
// `undo:Relation` (the body recalls/welcomes/... the cited documents) attached to the text by an
// `undo:Annotation`. The `@context` is inline: nothing is fetched when the document is read.
import {
  type AknElement,
  childElements,
  documentElement,
  findAll,
  firstChild,
  parseAkn,
  path,
  textOf,
} from '../akn-tree.js';
import { InputError } from '../report.js';
import { symbolOfUndocsUrl } from '../uri.js';

export interface JsonldOptions {
  /** Input file name, used in error messages. */
  file?: string;
  /**
   * Resolver base that the relative AKN IRIs (`/akn/un/...`) are resolved against (`@base`).
   * Default DEFAULT_RESOLVER_BASE (resolver.ts), a placeholder under .invalid that resolves nowhere;
   * deployments pass their own host.
   */
  base?: string;
  /**
   * The files published for this expression. Default: XML, HTML and EPUB (what `build` produces);
   * a caller that publishes fewer passes the list so the graph does not announce files that do not exist.
   */
  manifestations?: Array<{ format: 'xml' | 'html' | 'epub'; mediaType?: string }>;
  /**
   * The other language versions (Expressions) of the same Work, when a collection knows them: the Work
   * lists every one as `schema:workExample`, and each version is a `schema:translationOfWork` of the Work.
   */
  otherExpressions?: ReadonlyArray<{ iri: string; lang: string; title?: string }>;
}

export type JsonldValue = string | number | boolean | JsonldNode | JsonldValue[];
export interface JsonldNode {
  [term: string]: JsonldValue;
}
export interface JsonldDocument {
  '@context': Record<string, string>;
  '@graph': JsonldNode[];
}

export { DEFAULT_RESOLVER_BASE } from '../resolver.js';
import { DEFAULT_RESOLVER_BASE } from '../resolver.js';
import { readFacts } from './facts.js';

/** Prefixes of the inline context (profile §9.3); `@base` is added per call. */
const PREFIXES: Record<string, string> = {
  schema: 'https://schema.org/',
  eli: 'http://data.europa.eu/eli/ontology#',
  undo: 'https://w3id.org/un/ontology/undo/', // profile §6.2: the REC spelling of the three in use
  allot: 'https://w3id.org/akn/ontology/allot/',
  frbr: 'http://purl.org/vocab/frbr/core#',
  dcterms: 'http://purl.org/dc/terms/',
  oa: 'http://www.w3.org/ns/oa#',
  lan: 'http://id.loc.gov/vocabulary/iso639-1/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  // akn-press's own terms for facts no public vocabulary names (the recorded vote, the plenary meeting).
  akp: 'https://akn-press.org/ns/proprietary/1.0#',
};

/** `statement/@name` → the document's class and type (profile §1, §6.2). */
interface DocumentKind {
  undoClass: string;
  legislationType: string;
  draft: boolean;
}
const DOCUMENT_KINDS: Record<string, DocumentKind> = {
  resolution: { undoClass: 'undo:Resolution', legislationType: 'resolution', draft: false },
  decision: { undoClass: 'undo:Decision', legislationType: 'decision', draft: false },
  // UNDO has no class for drafts; a draft resolution is a deliberative document that is not (yet) a
  // resolution, so it gets the parent class. The adopted text is a new Work (undo:hasReconfiguration).
  resolutionDraft: { undoClass: 'undo:DeliberativeDocument', legislationType: 'draft resolution', draft: true },
  decisionDraft: { undoClass: 'undo:DeliberativeDocument', legislationType: 'draft decision', draft: true },
};
const OTHER_KIND: DocumentKind = { undoClass: 'undo:Document', legislationType: 'document', draft: false };

/** FRBRlanguage (ISO 639-2/T) → BCP 47 and the EU language authority code (profile §7). */
const LANGUAGES: Record<string, { bcp47: string; eu: string }> = {
  ara: { bcp47: 'ar', eu: 'ARA' },
  zho: { bcp47: 'zh', eu: 'ZHO' },
  eng: { bcp47: 'en', eu: 'ENG' },
  fra: { bcp47: 'fr', eu: 'FRA' },
  rus: { bcp47: 'ru', eu: 'RUS' },
  spa: { bcp47: 'es', eu: 'SPA' },
  mul: { bcp47: 'mul', eu: 'MUL' },
  und: { bcp47: 'und', eu: 'UND' },
};
const EU_LANGUAGE = 'http://publications.europa.eu/resource/authority/language/';

const MEDIA_TYPES: Record<'xml' | 'html' | 'epub', string> = {
  xml: 'application/akn+xml',
  html: 'text/html',
  epub: 'application/epub+zip',
};
const IANA_MEDIA_TYPE = 'http://www.iana.org/assignments/media-types/';

/** undocs.org language segments (`https://undocs.org/fr/A/RES/37/4`). */
/** A printed UN symbol: series letters, then slash-separated parts ("A/80/L.99", "S/PV.7813"). */
const SYMBOL_TEXT = /^[A-Z]{1,6}(?:\.\d+)?(?:\/[\w.()-]+)+$/;
/** A GA resolution Work IRI: its symbol can be written without a lookup (profile §2.1, number rule). */
const GA_RESOLUTION_WORK = /^\/akn\/un\/statement\/deliberation\/un-ga\/\d{4}-\d{2}-\d{2}\/(\d+)-(\d+)(?:_([A-Z]))?$/;

/** Parts of the document outside `<meta>` whose `<ref>`s are citations (profile §5.1). */
const CITING_PARTS = new Set(['preamble', 'mainBody', 'conclusions', 'attachments', 'components']);

// ---------------------------------------------------------------------------------------------
// Reading the AKN

interface Tlc {
  element: string;
  href: string;
  showAs?: string;
}

interface Identity {
  kind: DocumentKind;
  workIri: string;
  expressionIri: string;
  expressionThis: string;
  manifestationThis?: string;
  symbol?: string;
  number?: string;
  undocsUrl?: string;
  workDate?: string;
  expressionDate?: string;
  language?: { bcp47: string; eu?: string };
  authorHref?: string;
  country?: string;
  title?: string;
  docTypeConcept?: string;
}

/** One `<ref>` to another document, as written. */
interface Citation {
  href: string;
  eId?: string;
  text: string;
  /** The preamble container it sits in, if any, and not inside a note of it. */
  recital?: AknElement;
}

/** A cited document after normalisation: every citation of the same symbol or Work IRI. */
interface CitedDocument {
  symbol?: string;
  aknIris: string[];
  undocsUrls: string[];
}

function attr(el: AknElement | undefined, name: string): string | undefined {
  const value = el?.attrs[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Visible text without footnotes: an authorialNote inside a title is not part of the title. */
function textWithoutNotes(el: AknElement): string {
  return el.children
    .map((child) => (child.type === 'text' ? child.value : child.name === 'authorialNote' ? '' : textWithoutNotes(child)))
    .join('');
}

function readTlcs(statement: AknElement): Map<string, Tlc> {
  const tlcs = new Map<string, Tlc>();
  for (const references of childElements(firstChild(statement, 'meta') ?? statement, 'references')) {
    for (const tlc of childElements(references)) {
      const eId = attr(tlc, 'eId');
      const href = attr(tlc, 'href');
      if (eId && href) tlcs.set(eId, { element: tlc.name, href, showAs: attr(tlc, 'showAs') });
    }
  }
  return tlcs;
}

/** `meta/analysis/otherReferences/alternativeReference`: ref eId → undocs URLs (profile §5.1). */
function readAlternativeReferences(meta: AknElement | undefined): Map<string, string[]> {
  const byRef = new Map<string, string[]>();
  for (const alternative of meta ? findAll(meta, 'alternativeReference') : []) {
    const href = attr(alternative, 'href');
    for (const target of (attr(alternative, 'for') ?? '').split(/\s+/)) {
      if (!href || !target.startsWith('#')) continue;
      const list = byRef.get(target.slice(1)) ?? [];
      list.push(href);
      byRef.set(target.slice(1), list);
    }
  }
  return byRef;
}

function readIdentity(statement: AknElement, tlcs: Map<string, Tlc>, file: string): Identity {
  const identification = path(statement, 'meta', 'identification');
  const work = firstChild(identification ?? statement, 'FRBRWork');
  const expression = firstChild(identification ?? statement, 'FRBRExpression');
  const manifestation = firstChild(identification ?? statement, 'FRBRManifestation');
  const workIri = attr(work && firstChild(work, 'FRBRuri'), 'value');
  const expressionIri = attr(expression && firstChild(expression, 'FRBRuri'), 'value');
  if (!workIri || !expressionIri) {
    const missing = workIri ? 'FRBRExpression/FRBRuri' : 'FRBRWork/FRBRuri';
    throw new InputError(file, `meta/identification has no ${missing}: the document cannot be named in linked data`, undefined, 'jsonld');
  }
  const alias = (level: AknElement | undefined, name: string) =>
    attr(level && childElements(level, 'FRBRalias').find((a) => attr(a, 'name') === name), 'value');

  const languageCode = attr(expression && firstChild(expression, 'FRBRlanguage'), 'language');
  const language = languageCode === undefined ? undefined : (LANGUAGES[languageCode.toLowerCase()] ?? { bcp47: languageCode });

  const docTitle = findFirstOutsideMeta(statement, 'docTitle');
  const docType = findFirstOutsideMeta(statement, 'docType');
  const docTypeTlc = tlcs.get((attr(docType, 'refersTo') ?? '').replace(/^#/, ''));

  return {
    kind: DOCUMENT_KINDS[statement.attrs.name?.replace(/^akn4un:/, '') ?? ''] ?? OTHER_KIND,
    workIri: stripTrailingSlash(workIri),
    expressionIri: stripTrailingSlash(expressionIri),
    expressionThis: attr(expression && firstChild(expression, 'FRBRthis'), 'value') ?? `${stripTrailingSlash(expressionIri)}/!main`,
    manifestationThis: attr(manifestation && firstChild(manifestation, 'FRBRthis'), 'value'),
    symbol: alias(work, 'unDocumentSymbol') ?? symbolFromCover(statement) ?? attr(path(statement, 'meta', 'publication'), 'number'),
    number: attr(work && firstChild(work, 'FRBRnumber'), 'showAs') ?? attr(work && firstChild(work, 'FRBRnumber'), 'value'),
    undocsUrl: alias(expression, 'undocs'),
    workDate: attr(work && firstChild(work, 'FRBRdate'), 'date'),
    expressionDate: attr(expression && firstChild(expression, 'FRBRdate'), 'date'),
    language,
    authorHref: attr(work && firstChild(work, 'FRBRauthor'), 'href'),
    country: attr(work && firstChild(work, 'FRBRcountry'), 'value'),
    title: docTitle ? collapse(textWithoutNotes(docTitle)) || undefined : undefined,
    docTypeConcept: docTypeTlc?.element === 'TLCConcept' ? docTypeTlc.href : undefined,
  };
}

function findFirstOutsideMeta(statement: AknElement, name: string): AknElement | undefined {
  for (const part of childElements(statement)) {
    if (part.name === 'meta') continue;
    const found = part.name === name ? part : findAll(part, name)[0];
    if (found) return found;
  }
  return undefined;
}

/** The symbol as printed in the masthead: `<docNumber refersTo="#symbol">`, else a symbol-shaped docNumber. */
function symbolFromCover(statement: AknElement): string | undefined {
  const numbers = childElements(statement)
    .filter((part) => part.name === 'coverPage' || part.name === 'preface')
    .flatMap((part) => findAll(part, 'docNumber'))
    .map((el) => ({ refersTo: attr(el, 'refersTo'), text: collapse(textWithoutNotes(el)) }));
  return (
    numbers.find((n) => n.refersTo === '#symbol')?.text ?? numbers.find((n) => SYMBOL_TEXT.test(n.text))?.text
  );
}

/** Every `<ref>` in the body, the annexes and any footnote (profile §5.1); preface and cover are metadata. */
function collectCitations(statement: AknElement): Citation[] {
  const citations: Citation[] = [];
  const walk = (el: AknElement, citing: boolean, recital: AknElement | undefined) => {
    for (const child of childElements(el)) {
      if (child.name === 'ref') {
        const href = attr(child, 'href');
        if (href && citing) citations.push({ href, eId: attr(child, 'eId'), text: collapse(textOf(child)), recital });
      }
      // A footnote's references are cited by the resolution, but not by the recital the note hangs on.
      const inNote = child.name === 'authorialNote';
      const isRecital = el.name === 'preamble' && child.name === 'container';
      walk(child, citing || inNote, inNote ? undefined : isRecital ? child : recital);
    }
  };
  for (const part of childElements(statement)) {
    if (part.name !== 'meta') walk(part, CITING_PARTS.has(part.name), undefined);
  }
  return citations;
}

// ---------------------------------------------------------------------------------------------
// Identifiers

function isAknIri(href: string): boolean {
  return /^\/?akn\//.test(href);
}

/** The Work of any AKN IRI: drops fragment, portion, component, language@version and format (profile §2.1). */
export function aknWorkIri(iri: string): string {
  let work = iri.replace(/[#~].*$/, '');
  if (!work.startsWith('/')) work = `/${work}`;
  work = work.replace(/\/!.*$/, ''); // component: /!main, /!annex_1, /!main.xml
  work = work.replace(/\/[a-z]{3}@.*$/, ''); // expression and below: /eng@2025-12-15..., /eng@!main
  return stripTrailingSlash(work);
}

function stripTrailingSlash(iri: string): string {
  return iri.length > 1 ? iri.replace(/\/+$/, '') : iri;
}

/** A GA resolution's symbol from its Work IRI (`…/un-ga/1982-10-22/37-4` → `A/RES/37/4`). */
function symbolFromAknWork(work: string): string | undefined {
  const match = GA_RESOLUTION_WORK.exec(work);
  return match ? `A/RES/${match[1]}/${match[2]}${match[3] ? ` ${match[3]}` : ''}` : undefined;
}

function symbolKey(symbol: string): string {
  return symbol.replace(/\s+/g, ' ').trim().toUpperCase();
}

/**
 * AKN IRIs are written relative (`akn/un/...`, no leading slash) so that they resolve under `@base`
 * even when the resolver base has a path; with a base that has no path, `/akn/...` would give the same IRI.
 */
function nodeId(iri: string): string {
  return isAknIri(iri) ? iri.replace(/^\//, '') : iri;
}

function ref(iri: string): JsonldNode {
  return { '@id': nodeId(iri) };
}

function checkedBase(base: string | undefined, file: string): string {
  const value = base ?? DEFAULT_RESOLVER_BASE;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(file, `resolver base "${value}" is not an absolute IRI`, undefined, 'option');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(file, `resolver base "${value}" is not an http(s) IRI`, undefined, 'option');
  }
  if (url.search || url.hash) throw new InputError(file, `resolver base "${value}" has a query or fragment`, undefined, 'option');
  // A base without a final slash would swallow its own last segment when `akn/...` is resolved against it.
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function typedDate(value: string): JsonldNode {
  const type = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? 'xsd:date'
    : /^\d{4}-\d{2}-\d{2}T/.test(value)
      ? 'xsd:dateTime'
      : /^\d{4}-\d{2}$/.test(value)
        ? 'xsd:gYearMonth'
        : /^\d{4}$/.test(value)
          ? 'xsd:gYear'
          : 'xsd:string';
  return { '@value': value, '@type': type };
}

function languageString(text: string, language: Identity['language']): JsonldValue {
  return language ? { '@value': text, '@language': language.bcp47 } : text;
}

// ---------------------------------------------------------------------------------------------
// Cited documents

/** Groups citations by document: same symbol, or same AKN Work when the symbol is unknown. */
function citedDocuments(
  citations: Citation[],
  alternatives: Map<string, string[]>,
  ownWork: string,
): { documents: CitedDocument[]; documentOf: Map<Citation, CitedDocument> } {
  const documents: CitedDocument[] = [];
  const bySymbol = new Map<string, CitedDocument>();
  const byWork = new Map<string, CitedDocument>();
  const documentOf = new Map<Citation, CitedDocument>();

  const merge = (into: CitedDocument, from: CitedDocument) => {
    if (into === from) return into;
    for (const iri of from.aknIris) if (!into.aknIris.includes(iri)) into.aknIris.push(iri);
    for (const url of from.undocsUrls) if (!into.undocsUrls.includes(url)) into.undocsUrls.push(url);
    into.symbol ??= from.symbol;
    documents.splice(documents.indexOf(from), 1);
    for (const [key, doc] of bySymbol) if (doc === from) bySymbol.set(key, into);
    for (const [key, doc] of byWork) if (doc === from) byWork.set(key, into);
    for (const [citation, doc] of documentOf) if (doc === from) documentOf.set(citation, into);
    return into;
  };

  for (const citation of citations) {
    let work: string | undefined;
    const undocsUrls: string[] = [];
    if (isAknIri(citation.href)) {
      work = aknWorkIri(citation.href);
      if (work === ownWork) continue; // a reference into this very resolution
      for (const url of citation.eId ? (alternatives.get(citation.eId) ?? []) : []) {
        if (symbolOfUndocsUrl(url)) undocsUrls.push(url);
      }
    } else if (symbolOfUndocsUrl(citation.href)) {
      undocsUrls.push(citation.href);
    } else {
      continue; // same-document (#para_5, !annex_1) or a link that names no UN document
    }
    const symbol =
      undocsUrls.map(symbolOfUndocsUrl).find((s) => s !== undefined) ??
      (work && SYMBOL_TEXT.test(citation.text) ? citation.text : undefined) ??
      (work ? symbolFromAknWork(work) : undefined);

    // The same document may be known already under its symbol, its AKN Work, or both (then join them).
    const known = [symbol ? bySymbol.get(symbolKey(symbol)) : undefined, work ? byWork.get(work) : undefined].filter(
      (d): d is CitedDocument => d !== undefined,
    );
    let document = known[0];
    if (!document) {
      document = { symbol, aknIris: [], undocsUrls: [] };
      documents.push(document);
    } else if (known[1] && known[1] !== document) {
      document = merge(document, known[1]);
    }
    document.symbol ??= symbol;
    if (work && !document.aknIris.includes(work)) document.aknIris.push(work);
    for (const url of undocsUrls) if (!document.undocsUrls.includes(url)) document.undocsUrls.push(url);
    if (document.symbol) bySymbol.set(symbolKey(document.symbol), document);
    for (const iri of document.aknIris) byWork.set(iri, document);
    documentOf.set(citation, document);
  }
  return { documents, documentOf };
}

/** The node IRI of a cited document: its AKN Work, else the language-neutral undocs.org URL. */
function citedId(document: CitedDocument): string {
  if (document.aknIris[0]) return nodeId(document.aknIris[0]);
  if (document.symbol) return `https://undocs.org/${encodeURI(document.symbol)}`;
  return document.undocsUrls[0]!;
}

function citedNode(document: CitedDocument): JsonldNode {
  const isResolution = document.symbol ? /\/RES\//.test(document.symbol) : document.aknIris.some((iri) => GA_RESOLUTION_WORK.test(iri));
  const node: JsonldNode = {
    '@id': citedId(document),
    '@type': isResolution ? ['schema:Legislation', 'eli:LegalResource', 'undo:Resolution'] : ['schema:CreativeWork'],
  };
  const identifiers = [...(document.symbol ? [document.symbol] : []), ...document.aknIris.slice(1)];
  if (identifiers.length > 0) node['schema:legislationIdentifier'] = identifiers.length === 1 ? identifiers[0]! : identifiers;
  if (document.symbol) node['eli:id_local'] = document.symbol;
  const urls = document.undocsUrls.length > 0 ? document.undocsUrls : document.symbol ? [`https://undocs.org/${encodeURI(document.symbol)}`] : [];
  if (urls.length > 0) node['schema:url'] = urls.length === 1 ? { '@id': urls[0]! } : urls.map((url) => ({ '@id': url }));
  return node;
}

// ---------------------------------------------------------------------------------------------
// Draft ↔ adopted resolution

interface Lineage {
  /** The other Work: the draft this resolution was based on, or the resolution this draft became. */
  other: CitedDocument;
  otherIsDraft: boolean;
}

/**
 * Where the profile puts the link (tolerantly): a workflow step with an `@href` to another Work
 * (§9.1: `<step refersTo="#draftIssued" href="…/A-80-L99">`), an FRBRalias naming a draft or adopted
 * text, or a `references/original` that is another Work.
 */
function readLineage(statement: AknElement, identity: Identity, alternatives: Map<string, string[]>): Lineage | undefined {
  const meta = firstChild(statement, 'meta');
  if (!meta) return undefined;
  const candidates: Array<{ value: string; hint?: 'draft' | 'adopted' }> = [];
  for (const step of findAll(meta, 'step')) {
    const href = attr(step, 'href');
    if (!href || href.startsWith('#')) continue;
    const said = `${attr(step, 'refersTo') ?? ''} ${attr(step, 'outcome') ?? ''}`;
    candidates.push({ value: href, hint: /draft/i.test(said) ? 'draft' : /adopt/i.test(said) && identity.kind.draft ? 'adopted' : undefined });
  }
  for (const alias of findAll(path(meta, 'identification') ?? meta, 'FRBRalias')) {
    const name = attr(alias, 'name') ?? '';
    const value = attr(alias, 'value');
    if (!value || name === 'unDocumentSymbol' || name === 'undocs') continue;
    if (/draft/i.test(name)) candidates.push({ value, hint: 'draft' });
    else if (/adopt|resolution|original/i.test(name)) candidates.push({ value, hint: identity.kind.draft ? 'adopted' : undefined });
  }
  for (const original of findAll(meta, 'original')) {
    const href = attr(original, 'href');
    if (href && !href.startsWith('#')) candidates.push({ value: href });
  }

  for (const candidate of candidates) {
    const value = candidate.value.trim();
    let other: CitedDocument;
    if (isAknIri(value)) {
      const work = aknWorkIri(value);
      // Only another statement can be the draft or the adopted text (not, say, a committee report).
      if (work === identity.workIri || !work.startsWith('/akn/un/statement/')) continue;
      other = { aknIris: [work], undocsUrls: [], symbol: symbolOfWork(statement, work, alternatives) };
    } else if (symbolOfUndocsUrl(value)) {
      other = { aknIris: [], undocsUrls: [value], symbol: symbolOfUndocsUrl(value) };
    } else if (SYMBOL_TEXT.test(value)) {
      if (identity.symbol && symbolKey(value) === symbolKey(identity.symbol)) continue;
      other = { aknIris: [], undocsUrls: [], symbol: value };
    } else {
      continue;
    }
    const otherIsDraft = candidate.hint ? candidate.hint === 'draft' : !identity.kind.draft;
    if (otherIsDraft === identity.kind.draft) continue; // a draft of a draft is not this relation
    return { other, otherIsDraft };
  }
  return undefined;
}

/** The symbol of another Work, from a `<ref>` to it anywhere (its undocs alternative, or its printed symbol). */
function symbolOfWork(statement: AknElement, work: string, alternatives: Map<string, string[]>): string | undefined {
  for (const el of findAll(statement, 'ref')) {
    const href = attr(el, 'href');
    if (!href || !isAknIri(href) || aknWorkIri(href) !== work) continue;
    const fromUrl = (alternatives.get(attr(el, 'eId') ?? '') ?? []).map(symbolOfUndocsUrl).find((s) => s);
    if (fromUrl) return fromUrl;
    const text = collapse(textOf(el));
    if (SYMBOL_TEXT.test(text)) return text;
  }
  return symbolFromAknWork(work);
}

// ---------------------------------------------------------------------------------------------
// The graph

/** Renders the JSON-LD of one AKN document (profile §6.3; the shape of the §9.3 sample). */
export function renderJsonld(xml: string, options: JsonldOptions = {}): JsonldDocument {
  const file = options.file ?? '<akn>';
  const base = checkedBase(options.base, file);
  const root = parseAkn(xml, file);
  const statement = documentElement(root, file);
  const meta = firstChild(statement, 'meta');
  const tlcs = readTlcs(statement);
  const alternatives = readAlternativeReferences(meta);
  const identity = readIdentity(statement, tlcs, file);
  const { kind, language } = identity;

  const workId = nodeId(identity.workIri);
  const expressionId = nodeId(identity.expressionIri);

  const citations = collectCitations(statement);
  const { documents, documentOf } = citedDocuments(citations, alternatives, identity.workIri);
  const lineage = readLineage(statement, identity, alternatives);

  // The body that passed (or, for a draft, will consider) the text: FRBRauthor → TLCOrganization.
  const authorTlc = identity.authorHref?.startsWith('#') ? tlcs.get(identity.authorHref.slice(1)) : undefined;
  const authorIri = authorTlc ? authorTlc.href : identity.authorHref && !identity.authorHref.startsWith('#') ? identity.authorHref : undefined;

  const graph: JsonldNode[] = [];

  // --- Work
  const work: JsonldNode = { '@id': workId, '@type': ['schema:Legislation', 'eli:LegalResource', kind.undoClass] };
  const identifiers = [...(identity.symbol ? [identity.symbol] : []), identity.workIri];
  work['schema:legislationIdentifier'] = identifiers;
  if (identity.symbol) work['eli:id_local'] = identity.symbol;
  if (identity.number) work['eli:number'] = identity.number;
  work['schema:legislationType'] = kind.legislationType;
  if (identity.docTypeConcept) work['eli:type_document'] = ref(identity.docTypeConcept);
  if (kind.draft) work['schema:creativeWorkStatus'] = 'Draft';
  if (identity.workDate) {
    // A draft's Work date is the date printed on it, not an adoption: schema.org has no "legislation" word for it.
    work[kind.draft ? 'schema:dateCreated' : 'schema:legislationDate'] = typedDate(identity.workDate);
    work['eli:date_document'] = typedDate(identity.workDate);
  }
  if (authorIri) {
    // A draft has not been passed by anyone yet; the body it is addressed to is the one responsible for it.
    work[kind.draft ? 'schema:legislationResponsible' : 'schema:legislationPassedBy'] = ref(authorIri);
    work[kind.draft ? 'eli:responsibility_of' : 'eli:passed_by'] = ref(authorIri);
  }
  if (identity.title) work['schema:name'] = languageString(identity.title, language);
  if (identity.country) work['schema:legislationJurisdiction'] = identity.country === 'un' ? 'United Nations' : identity.country;
  if (documents.length > 0) {
    const cited = documents.map((d) => ({ '@id': citedId(d) }));
    work['schema:citation'] = cited;
    work['eli:cites'] = cited;
  }
  const mentionedOrganizations = organizationsMentioned(statement, tlcs);
  const mentions = [...documents.map((d) => ({ '@id': citedId(d) })), ...mentionedOrganizations.map((o) => ref(o.href))];
  if (mentions.length > 0) work['allot:mentions'] = mentions;
  // Facts a sidecar gives that the text lacks: sponsors, adoption, vote (render/facts.ts).
  const facts = readFacts(statement);
  if (facts.sponsors.length > 0) {
    // Named nodes (no blank nodes in the graph): each sponsor as this document's sponsor_N.
    work['schema:sponsor'] = facts.sponsors.map((name, i) => ({ '@id': `${workId}#sponsor_${i + 1}`, '@type': 'schema:Country', 'schema:name': languageString(name, language) }));
  }
  if (facts.adoptionDate) work['akp:adoptionDate'] = facts.adoptionDate.length === 10 ? typedDate(facts.adoptionDate) : facts.adoptionDate;
  if (facts.plenaryMeeting !== undefined) work['akp:plenaryMeeting'] = facts.plenaryMeeting;
  if (facts.adoptedAs) work['akp:adoptedAs'] = facts.adoptedAs;
  if (facts.vote) {
    work['akp:recordedVote'] = {
      '@id': `${workId}#recordedVote`,
      '@type': 'akp:RecordedVote',
      'akp:inFavour': facts.vote.inFavour,
      'akp:against': facts.vote.against,
      'akp:abstaining': facts.vote.abstaining,
    };
  }
  const others = (options.otherExpressions ?? []).filter((o) => o.iri !== identity.expressionIri);
  const realizations = others.length ? [{ '@id': expressionId }, ...others.map((o) => ({ '@id': nodeId(o.iri) }))] : { '@id': expressionId };
  work['allot:hasRealization'] = realizations;
  work['eli:is_realized_by'] = realizations;
  work['schema:workExample'] = realizations;
  // Several language versions: each is a translation of the language-neutral Work (schema.org's
  // pair workTranslation / translationOfWork); all six UN texts are equally authentic, so none is
  // named the original here.
  if (others.length) work['schema:workTranslation'] = realizations;
  graph.push(work);

  // --- Expression
  const expression: JsonldNode = { '@id': expressionId, '@type': ['schema:Legislation', 'eli:LegalExpression', 'undo:DocumentVersion'] };
  if (language) {
    expression['schema:inLanguage'] = language.bcp47;
    if (/^[a-z]{2}$/.test(language.bcp47)) expression['dcterms:language'] = { '@id': `lan:${language.bcp47}` };
    if (language.eu) expression['eli:language'] = { '@id': `${EU_LANGUAGE}${language.eu}` };
  }
  if (identity.expressionDate) {
    expression['schema:legislationDateVersion'] = typedDate(identity.expressionDate);
    expression['eli:version_date'] = typedDate(identity.expressionDate);
  }
  if (identity.title) {
    expression['schema:name'] = languageString(identity.title, language);
    expression['eli:title'] = languageString(identity.title, language);
  }
  if (identity.undocsUrl) expression['schema:url'] = { '@id': identity.undocsUrl };
  expression['schema:exampleOfWork'] = { '@id': workId };
  expression['eli:realizes'] = { '@id': workId };
  if (others.length) expression['schema:translationOfWork'] = { '@id': workId };
  for (const other of others) {
    const node: JsonldNode = { '@id': nodeId(other.iri), '@type': ['schema:Legislation', 'eli:LegalExpression', 'undo:DocumentVersion'] };
    node['schema:inLanguage'] = other.lang;
    if (other.title) node['schema:name'] = { '@value': other.title, '@language': other.lang };
    node['schema:exampleOfWork'] = { '@id': workId };
    node['schema:translationOfWork'] = { '@id': workId };
    node['eli:realizes'] = { '@id': workId };
    graph.push(node);
  }

  // --- Manifestations
  const manifestations = (options.manifestations ?? [{ format: 'xml' }, { format: 'html' }, { format: 'epub' }]).map(
    ({ format, mediaType }) => {
      const iri =
        format === 'xml' && identity.manifestationThis?.endsWith('.xml') ? identity.manifestationThis : `${identity.expressionThis}.${format}`;
      const type = mediaType ?? MEDIA_TYPES[format];
      return {
        '@id': nodeId(iri),
        '@type': ['schema:LegislationObject', 'eli:Format'],
        'schema:encodingFormat': type,
        'eli:format': { '@id': `${IANA_MEDIA_TYPE}${type}` },
        'schema:legislationLegalValue': { '@id': 'schema:UnofficialLegalValue' },
        'eli:embodies': { '@id': expressionId },
      } satisfies JsonldNode;
    },
  );
  if (manifestations.length > 0) {
    expression['schema:encoding'] = manifestations.map((m) => ({ '@id': m['@id'] }));
    expression['eli:is_embodied_by'] = manifestations.map((m) => ({ '@id': m['@id'] }));
  }
  graph.push(expression, ...manifestations);

  // --- Bodies
  if (authorIri) {
    const body: JsonldNode = { '@id': nodeId(authorIri), '@type': ['schema:GovernmentOrganization', 'allot:Organization'] };
    if (authorTlc?.showAs) body['schema:name'] = languageString(authorTlc.showAs, language);
    graph.push(body);
  }
  for (const organization of mentionedOrganizations) {
    if (organization.href === authorIri) continue;
    const node: JsonldNode = { '@id': nodeId(organization.href), '@type': ['schema:Organization', 'allot:Organization'] };
    if (organization.showAs) node['schema:name'] = languageString(organization.showAs, language);
    graph.push(node);
  }

  // --- Cited documents
  graph.push(...documents.map(citedNode));

  // --- Preamble: "the General Assembly recalls X" as undo:Relation + undo:Annotation (profile §6.2, §9.3)
  graph.push(...recitalRelations(statement, citations, documentOf, tlcs, identity, authorIri));

  // --- Draft ↔ adopted resolution
  if (lineage) graph.push(...lineageNodes(lineage, work, workId));

  return { '@context': { ...PREFIXES, '@base': base }, '@graph': graph };
}

/** TLCOrganizations that an `<organization refersTo>` in the text points to, in order of first mention. */
function organizationsMentioned(statement: AknElement, tlcs: Map<string, Tlc>): Tlc[] {
  const seen = new Map<string, Tlc>();
  for (const part of childElements(statement)) {
    if (part.name === 'meta') continue;
    for (const organization of findAll(part, 'organization')) {
      const tlc = tlcs.get((attr(organization, 'refersTo') ?? '').replace(/^#/, ''));
      if (tlc?.element === 'TLCOrganization' && !seen.has(tlc.href)) seen.set(tlc.href, tlc);
    }
  }
  return [...seen.values()];
}

function recitalRelations(
  statement: AknElement,
  citations: Citation[],
  documentOf: Map<Citation, CitedDocument>,
  tlcs: Map<string, Tlc>,
  identity: Identity,
  authorIri: string | undefined,
): JsonldNode[] {
  const nodes: JsonldNode[] = [];
  const preamble = firstChild(statement, 'preamble');
  const recitals = preamble ? childElements(preamble, 'container') : [];
  // Each recital's citations, in document order, gathered in one pass (not all citations per recital).
  const citationsOf = new Map<AknElement, Citation[]>();
  for (const citation of citations) {
    if (!citation.recital) continue;
    const list = citationsOf.get(citation.recital);
    if (list) list.push(citation);
    else citationsOf.set(citation.recital, [citation]);
  }
  recitals.forEach((recital, index) => {
    const concept = (attr(recital, 'refersTo') ?? '')
      .split(/\s+/)
      .map((token) => tlcs.get(token.replace(/^#/, '')))
      .find((tlc) => tlc?.element === 'TLCConcept');
    if (!concept) return;
    const receivers: string[] = [];
    for (const citation of citationsOf.get(recital) ?? []) {
      const document = documentOf.get(citation);
      if (document && !receivers.includes(citedId(document))) receivers.push(citedId(document));
    }
    if (receivers.length === 0) return;
    // The profile's eId (§3.5); a container without one gets the eId the generator would have given it.
    const eId = attr(recital, 'eId') ?? `preamble__container_${index + 1}`;
    const relationId = `${nodeId(identity.workIri)}#relation_${eId}`;
    const relation: JsonldNode = { '@id': relationId, '@type': 'undo:Relation' };
    if (authorIri) relation['undo:hasProponent'] = ref(authorIri);
    relation['undo:hasSemantics'] = ref(concept.href);
    relation['undo:hasReceiver'] = receivers.length === 1 ? { '@id': receivers[0]! } : receivers.map((id) => ({ '@id': id }));
    nodes.push(relation, {
      '@id': `${nodeId(identity.workIri)}#annotation_${eId}`,
      '@type': 'undo:Annotation',
      'oa:hasBody': { '@id': relationId },
      'oa:hasTarget': { '@id': `${nodeId(identity.expressionIri)}/!main#${eId}` },
    });
  });
  return nodes;
}

function lineageNodes(lineage: Lineage, work: JsonldNode, workId: string): JsonldNode[] {
  const otherId = citedId(lineage.other);
  const other: JsonldNode = {
    '@id': otherId,
    '@type': [lineage.otherIsDraft ? 'undo:DeliberativeDocument' : 'undo:Resolution', 'eli:LegalResource'],
  };
  if (lineage.other.symbol) other['eli:id_local'] = lineage.other.symbol;
  if (lineage.otherIsDraft) {
    work['schema:isBasedOn'] = { '@id': otherId };
    other['undo:hasReconfiguration'] = { '@id': workId };
  } else {
    work['undo:hasReconfiguration'] = { '@id': otherId };
    other['schema:isBasedOn'] = { '@id': workId };
  }
  return [other];
}
