// The table of contents of a publication, computed from the AKN structure (never from the HTML):
// title, preamble, operative part (headed sections, operative paragraphs), annexes, notes.
// Reads: the AKN document element and the id registry.   Writes: TocEntry[] (HTML nav and EPUB nav.xhtml).
import { type AknElement, childElements, findAll } from '../../akn-tree.js';
import { DOCUMENT_TYPES, HEADED_HIERARCHIES, paragraphLabel } from './handlers.js';
import type { Labels } from './labels.js';
import { label } from './metadata.js';
import { type IdRegistry, titleParagraph } from './state.js';

export interface TocEntry {
  kind: 'title' | 'part' | 'heading' | 'paragraph' | 'annex' | 'notes';
  label: string;
  /** The number as printed, for paragraphs ("12."). */
  num?: string;
  /** HTML id of the target (an eId, or an id allocated for it). */
  id: string;
  children: TocEntry[];
}

const HEADED = new Set(HEADED_HIERARCHIES);

/** "I" + "Publication" → "I. Publication"; "1." + "Scope" → "1. Scope" (a label, not printed text). */
function headingLabel(element: AknElement): string {
  const num = childElements(element, 'num')[0];
  const heading = childElements(element, 'heading')[0];
  const numText = num ? label(num) : '';
  const headingText = heading ? label(heading) : '';
  if (!numText || !headingText) return numText || headingText;
  return /[.:)\]-]$/.test(numText) ? `${numText} ${headingText}` : `${numText}. ${headingText}`;
}
const NUMBERED = new Set(['paragraph', 'subparagraph', 'alinea']);
const BODIES = new Set(['mainBody', 'body', 'collectionBody']);

/** More than ten operative paragraphs, or any annex: long enough to need a table of contents. */
export function isLongDocument(documentElement: AknElement): boolean {
  const body = childElements(documentElement).find((c) => BODIES.has(c.name));
  const paragraphs = body ? findAll(body, 'paragraph').length : 0;
  return paragraphs > 10 || childElements(documentElement, 'attachments').some((a) => childElements(a).length > 0);
}

/**
 * Headed hierarchies and operative paragraphs under a body, in document order. Inside a paragraph
 * only headed hierarchies are listed (the articles of a declaration embedded in a resolution).
 */
function operativeEntries(element: AknElement, ids: IdRegistry, headingsOnly = false): TocEntry[] {
  const out: TocEntry[] = [];
  for (const child of childElements(element)) {
    if (HEADED.has(child.name) || (child.name === 'hcontainer' && childElements(child, 'heading').length > 0)) {
      const line = headingLabel(child);
      const children = operativeEntries(child, ids, headingsOnly);
      if (!line) {
        out.push(...children);
        continue;
      }
      out.push({ kind: 'heading', label: line, id: ids.idOf(child, child.name)!, children });
    } else if (NUMBERED.has(child.name) && !headingsOnly) {
      const children = operativeEntries(child, ids, true);
      const num = childElements(child, 'num')[0];
      out.push({
        kind: 'paragraph', label: paragraphLabel(child) || child.name, num: num ? label(num) : undefined,
        id: ids.idOf(child, child.name)!, children,
      });
    } else if (child.name !== 'authorialNote' && child.name !== 'meta') {
      out.push(...operativeEntries(child, ids, headingsOnly));
    }
  }
  return out;
}

function annexEntry(attachment: AknElement, index: number, count: number, ids: IdRegistry, labels: Labels): TocEntry {
  const document = childElements(attachment).find((c) => DOCUMENT_TYPES.includes(c.name));
  const own = headingLabel(attachment);
  let text = own;
  let children: TocEntry[] = [];
  if (document) {
    const front = childElements(document).filter((c) => c.name === 'coverPage' || c.name === 'preface');
    const kind = front.flatMap((f) => [...findAll(f, 'docType'), ...findAll(f, 'docNumber')]).map(label)[0];
    const titleP = titleParagraph(document);
    const title = titleP ? label(titleP) : undefined;
    if (!text) text = [kind && title?.startsWith(kind) ? undefined : kind, title].filter(Boolean).join(': ');
    const body = childElements(document).find((c) => BODIES.has(c.name));
    if (body) children = operativeEntries(body, ids);
  }
  if (!text) text = count > 1 ? `${labels.annex} ${index + 1}` : labels.annex;
  return { kind: 'annex', label: text, id: ids.idOf(attachment, 'annex')!, children };
}

/**
 * Builds the entries; allocates ids for targets without an eId (preamble, mainBody...), which the
 * handlers then reuse. Notes are added by the caller once it knows whether there are any.
 */
export function buildToc(documentElement: AknElement, ids: IdRegistry, labels: Labels, titleId: string): TocEntry[] {
  const entries: TocEntry[] = [];
  const titleP = titleParagraph(documentElement);
  entries.push({ kind: 'title', label: titleP ? label(titleP) : '', id: titleId, children: [] });
  for (const part of childElements(documentElement)) {
    if (part.name === 'preamble') {
      entries.push({ kind: 'part', label: labels.preamble, id: ids.idOf(part, 'preamble')!, children: [] });
    } else if (BODIES.has(part.name)) {
      entries.push({ kind: 'part', label: labels.operativePart, id: ids.idOf(part, 'operative-part')!, children: operativeEntries(part, ids) });
    } else if (part.name === 'attachments') {
      const attachments = childElements(part, 'attachment');
      attachments.forEach((a, i) => entries.push(annexEntry(a, i, attachments.length, ids, labels)));
    }
  }
  return entries;
}
