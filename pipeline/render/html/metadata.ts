// Publication metadata read from the AKN `<meta>` block (and, where meta is silent, from the
// cover page and preface inlines), so the renderers never need the parser's in-memory model.
// Reads: the AKN tree (akn-tree.ts).   Writes: PublicationMetadata (language, symbol, body, dates, IRIs).
import { type AknElement, type AknNode, childElements, findAll, findFirst, path } from '../../akn-tree.js';

export interface DocumentLanguage {
  /** As written in FRBRlanguage/@language (ISO 639-2/T, e.g. `fra`). */
  akn: string;
  /** BCP 47 tag for HTML `lang` and EPUB `dc:language` (e.g. `fr`). */
  bcp47: string;
  dir: 'ltr' | 'rtl';
}

export interface PublicationMetadata {
  /** The document element under `<akomaNtoso>`: statement, act, doc... */
  documentType: string;
  /** Its `@name`: resolution, resolutionDraft, decision... */
  documentName: string;
  /** statement/@name resolutionDraft (or any *Draft name) is a draft; resolution/decision are adopted. */
  status: 'adopted' | 'draft' | 'unknown';
  language: DocumentLanguage;
  /** UN document symbol: FRBRalias unDocumentSymbol, else publication/@number, else the first docNumber. */
  symbol?: string;
  /** The body that speaks: the docAuthority pointing at the FRBRauthor, else that TLC's showAs. */
  body?: string;
  /** The session line as printed (`<session>`), when there is one. */
  session?: string;
  /** docTitle text, whitespace collapsed. */
  title?: string;
  workIri?: string;
  expressionIri?: string;
  manifestationIri?: string;
  workDate?: string;
  expressionDate?: string;
  manifestationDate?: string;
  /** `#eId` of a ref → alternative URL (AKN4UN `otherReferences/alternativeReference`). */
  alternativeReferences: ReadonlyMap<string, string>;
}

/** ISO 639-2 (T and B forms) → BCP 47, for the six UN languages and a few neighbours. */
const ISO639_2_TO_BCP47: Readonly<Record<string, string>> = {
  eng: 'en', fra: 'fr', fre: 'fr', spa: 'es', rus: 'ru', ara: 'ar', zho: 'zh', chi: 'zh',
  deu: 'de', ger: 'de', por: 'pt', ita: 'it', fas: 'fa', per: 'fa', heb: 'he', urd: 'ur',
};
/** Scripts written right to left (BCP 47 primary subtags). */
export const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'dv', 'syr']);

/** Maps an AKN language code (ISO 639-2, or already BCP 47) to the HTML `lang`/`dir` pair. */
export function documentLanguage(code: string | undefined): DocumentLanguage {
  const akn = (code ?? '').trim();
  const lower = akn.toLowerCase();
  let bcp47 = ISO639_2_TO_BCP47[lower] ?? (lower === 'mul' || lower === '' ? 'und' : lower);
  // "en-GB", "zh-Hans": already BCP 47, keep the author's casing.
  if (/^[a-z]{2,3}-/i.test(akn)) bcp47 = akn;
  const primary = bcp47.split('-')[0]!.toLowerCase();
  return { akn, bcp47, dir: RTL_LANGUAGES.has(primary) ? 'rtl' : 'ltr' };
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The running text of an element without its footnotes (a title or symbol never includes its note). */
export function readingText(node: AknNode): string {
  if (node.type === 'text') return node.value;
  if (node.name === 'authorialNote' || node.name === 'noteRef') return '';
  return node.children.map(readingText).join('');
}

/** readingText with white space collapsed, for labels. */
export function label(node: AknNode): string {
  return collapse(readingText(node));
}

/** Reads the metadata of the document element (statement, act, doc...). Never throws on missing parts. */
export function readMetadata(documentElement: AknElement): PublicationMetadata {
  const meta = childElements(documentElement, 'meta')[0];
  const identification = path(meta, 'identification');
  const work = path(identification, 'FRBRWork');
  const expression = path(identification, 'FRBRExpression');
  const manifestation = path(identification, 'FRBRManifestation');
  const attr = (el: AknElement | undefined, name: string) => el?.attrs[name]?.trim() || undefined;
  const frbr = (level: AknElement | undefined, name: string, attribute = 'value') =>
    attr(level && childElements(level, name)[0], attribute);

  const documentName = documentElement.attrs.name ?? documentElement.name;
  const status = /draft$/i.test(documentName)
    ? 'draft'
    : documentElement.name === 'statement' || /^(resolution|decision)$/i.test(documentName)
      ? 'adopted'
      : 'unknown';

  const alias = work && childElements(work, 'FRBRalias').find((a) => a.attrs.name === 'unDocumentSymbol');
  const front = childElements(documentElement).filter((c) => c.name === 'coverPage' || c.name === 'preface');
  const firstInFront = (name: string) => {
    for (const part of front) {
      const found = findFirst(part, name);
      if (found) return found;
    }
    return undefined;
  };
  const docNumber = firstInFront('docNumber');
  const symbol =
    attr(alias, 'value') ??
    attr(meta && childElements(meta, 'publication')[0], 'number') ??
    (docNumber ? label(docNumber) || undefined : undefined);

  // The body: the printed docAuthority that refers to the FRBRauthor (so it is in the document's
  // language), else the author TLC's showAs, else the last printed docAuthority ("United Nations"
  // usually comes first on a masthead, the organ second).
  const authorHref = frbr(work, 'FRBRauthor', 'href') ?? frbr(expression, 'FRBRauthor', 'href');
  const authorities = front.flatMap((part) => findAll(part, 'docAuthority'));
  const authorityText = authorities.find((a) => authorHref && a.attrs.refersTo === authorHref);
  const tlc =
    authorHref?.startsWith('#') && meta
      ? findAll(path(meta, 'references') ?? meta, 'TLCOrganization').find((t) => t.attrs.eId === authorHref.slice(1))
      : undefined;
  const lastAuthority = authorities[authorities.length - 1];
  const body =
    (authorityText && label(authorityText)) ||
    attr(tlc, 'showAs') ||
    (lastAuthority && label(lastAuthority)) ||
    undefined;

  const session = firstInFront('session');
  const docTitle = firstInFront('docTitle');

  const alternativeReferences = new Map<string, string>();
  for (const analysis of meta ? childElements(meta, 'analysis') : []) {
    for (const alt of findAll(analysis, 'alternativeReference')) {
      const forRef = alt.attrs.for?.trim();
      const href = alt.attrs.href?.trim();
      if (forRef && href && /^https?:\/\//i.test(href)) alternativeReferences.set(forRef, href);
    }
  }

  return {
    documentType: documentElement.name,
    documentName,
    status,
    language: documentLanguage(frbr(expression, 'FRBRlanguage', 'language')),
    symbol,
    body,
    session: session ? label(session) || undefined : undefined,
    title: docTitle ? label(docTitle) || undefined : undefined,
    workIri: frbr(work, 'FRBRuri'),
    expressionIri: frbr(expression, 'FRBRuri'),
    manifestationIri: frbr(manifestation, 'FRBRuri'),
    workDate: frbr(work, 'FRBRdate', 'date'),
    expressionDate: frbr(expression, 'FRBRdate', 'date'),
    manifestationDate: frbr(manifestation, 'FRBRdate', 'date'),
    alternativeReferences,
  };
}
