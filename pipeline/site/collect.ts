// Collection, step 1: what the site needs to know of each built document, read back from its AKN XML
// (identity, language, dates) and its alignment units (recitals, operative paragraphs, articles).
// Reads: `<stem>.akn.xml` files.   Writes: SiteDocument records.
import { readFileSync } from 'node:fs';
import { type AknElement, type AknNode, documentElement, parseAkn } from '../akn-tree.js';
import { readMetadata } from '../render/html/metadata.js';

/** One alignment unit: a piece of the text that has the same eId in every language version. */
export interface AlignmentUnit {
  eId: string;
  kind: 'formula' | 'recital' | 'paragraph' | 'article';
  /** The number as printed (`1.`, `Article premier`…), when there is one. */
  num?: string;
  heading?: string;
  /** The unit's own text blocks in reading order (sub-items prefixed by their number; notes left out). */
  blocks: string[];
}

export interface SiteDocument {
  /** Output stem (`fr_A-RES-217-III-A_UDHR`): documents/<stem>.html and the other formats. */
  stem: string;
  /** The input text it was built from (as given on the command line). */
  source: string;
  xmlPath: string;
  symbol?: string;
  title?: string;
  /** statement/@name: resolution, resolutionDraft… */
  documentName: string;
  /** The IRI actor: `un-ga`, `un-sc`, `un-ga-c3`. */
  actor: string;
  /** The session as printed, when the text prints one. */
  session?: string;
  /** BCP 47 language tag and writing direction. */
  lang: string;
  dir: 'ltr' | 'rtl';
  /** ISO 639-2 code as in FRBRlanguage. */
  aknLang: string;
  workIri: string;
  expressionIri: string;
  /** The Expression date (adoption, or the date printed on a draft), YYYY-MM-DD, when known. */
  date?: string;
  /** The Manifestation date (when the XML was made), YYYY-MM-DD. */
  markupDate?: string;
  units: AlignmentUnit[];
}

/** Reads one built AKN file; throws InputError (file:line) when it is not AKN. */
export function readSiteDocument(xmlPath: string, stem: string, source: string): SiteDocument {
  const xml = readFileSync(xmlPath, 'utf8');
  const document = documentElement(parseAkn(xml, xmlPath), xmlPath);
  const metadata = readMetadata(document);
  const workIri = metadata.workIri ?? `/unidentified/${stem}`;
  return {
    stem,
    source,
    xmlPath,
    symbol: metadata.symbol,
    title: metadata.title,
    documentName: metadata.documentName,
    actor: actorOf(workIri),
    session: metadata.session,
    lang: metadata.language.bcp47,
    dir: metadata.language.dir,
    aknLang: metadata.language.akn,
    workIri,
    expressionIri: metadata.expressionIri ?? `${workIri}/${metadata.language.akn}`,
    // 0001-01-01 is the naming convention's stand-in for an unknown date, not a date.
    date: [metadata.expressionDate, metadata.workDate].find((d) => d && /^\d{4}-\d{2}-\d{2}/.test(d) && !d.startsWith('0001-'))?.slice(0, 10),
    markupDate: metadata.manifestationDate?.slice(0, 10),
    units: alignmentUnits(document),
  };
}

/** `/akn/un/statement/deliberation/un-ga/2018-10-26/73-6` → `un-ga` (the segment before the date). */
function actorOf(workIri: string): string {
  const parts = workIri.split('/');
  const dateAt = parts.findIndex((p) => /^\d{4}-\d{2}-\d{2}$/.test(p));
  return dateAt > 0 ? parts[dateAt - 1]! : 'unknown';
}

const SKIP = new Set(['meta', 'authorialNote', 'noteRef']);
const LIST_ITEMS = new Set(['point', 'item']);

/**
 * The units in document order. A unit is a formula or a recital of the preamble, an operative paragraph
 * (not one inside an article), or an article; an article's own paragraphs are part of the article, and
 * an embedded text (the articles a resolution proclaims) is not part of the paragraph that holds it.
 */
export function alignmentUnits(document: AknElement): AlignmentUnit[] {
  const units: AlignmentUnit[] = [];
  const visit = (node: AknNode, parent: AknElement | undefined, unit: AlignmentUnit | undefined, inArticle: boolean, prefix: { text?: string }) => {
    if (node.type !== 'element' || SKIP.has(node.name)) return;
    const eId = node.attrs['eId'];
    const kind = unitKind(node, parent, unit, inArticle);
    if (kind && eId) {
      const own: AlignmentUnit = { eId, kind, blocks: [] };
      units.push(own);
      for (const child of node.children) visit(child, node, own, inArticle || kind === 'article', {});
      return;
    }
    if (unit && node.name === 'num' && parent && (parent.attrs['eId'] === unit.eId)) {
      unit.num = text(node);
      return;
    }
    if (unit && node.name === 'heading' && !unit.heading && parent?.attrs['eId'] === unit.eId) {
      unit.heading = text(node);
      return;
    }
    if (unit && LIST_ITEMS.has(node.name)) {
      // "(a) text": the item's number goes before its first block.
      const num = node.children.find((c): c is AknElement => c.type === 'element' && c.name === 'num');
      const itemPrefix = { text: num ? text(num) : undefined };
      for (const child of node.children) if (child !== num) visit(child, node, unit, inArticle, itemPrefix);
      return;
    }
    if (unit && node.name === 'p') {
      const own = text(node);
      if (own) {
        unit.blocks.push(prefix.text ? `${prefix.text} ${own}` : own);
        prefix.text = undefined;
      }
      // An embedded text inside the paragraph: its articles are units of their own.
      for (const child of node.children) if (child.type === 'element' && child.name === 'embeddedStructure') visit(child, node, undefined, inArticle, {});
      return;
    }
    for (const child of node.children) visit(child, node, unit, inArticle, prefix);
  };
  visit(document, undefined, undefined, false, {});
  return units;
}

function unitKind(node: AknElement, parent: AknElement | undefined, unit: AlignmentUnit | undefined, inArticle: boolean): AlignmentUnit['kind'] | undefined {
  if (node.name === 'article') return 'article';
  if (node.name === 'formula' && !unit) return 'formula';
  if (node.name === 'container' && parent?.name === 'preamble') return 'recital';
  if (node.name === 'paragraph' && !unit && !inArticle) return 'paragraph';
  return undefined;
}

/** The text of an element, white space collapsed, without notes and without embedded texts. */
function text(node: AknNode): string {
  const parts: string[] = [];
  const walk = (n: AknNode) => {
    if (n.type === 'text') parts.push(n.value);
    else if (!SKIP.has(n.name) && n.name !== 'embeddedStructure') n.children.forEach(walk);
  };
  walk(node);
  return parts.join('').replace(/\s+/gu, ' ').trim();
}
