// Facts about a document that the text itself often lacks and a sidecar supplies: the vote, the
// adoption (date, plenary meeting, symbol of the adopted resolution) and the sponsors. The AKN keeps
// them in <meta> (analysis/parliamentary/voting, workflow/lifecycle, proprietary) and in the preface;
// the HTML and JSON-LD show them from there, so they never exist in the XML alone.
// Reads: the AKN document element.   Writes: DocumentFacts.
import { type AknElement, childElements, findAll, path, textOf } from '../akn-tree.js';

export interface DocumentFacts {
  vote?: { inFavour: number; against: number; abstaining: number };
  /** As precise as it is known: YYYY, YYYY-MM or YYYY-MM-DD. */
  adoptionDate?: string;
  plenaryMeeting?: number;
  /** The symbol of the resolution a draft became. */
  adoptedAs?: string;
  sponsors: string[];
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The local name of a proprietary element (`akp:plenaryMeeting` → plenaryMeeting). */
const localName = (name: string) => name.replace(/^.*:/, '');

export function readFacts(documentElement: AknElement): DocumentFacts {
  const meta = childElements(documentElement, 'meta')[0];
  const facts: DocumentFacts = { sponsors: [] };
  if (!meta) return facts;
  const voting = findAll(meta, 'voting')[0];
  if (voting) {
    const count = (concept: string) => {
      const value = findAll(voting, 'count').find((c) => c.attrs['refersTo'] === `#${concept}`)?.attrs['value'];
      return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
    };
    const [inFavour, against, abstaining] = [count('inFavour'), count('against'), count('abstaining')];
    if (inFavour !== undefined && against !== undefined && abstaining !== undefined) facts.vote = { inFavour, against, abstaining };
  }
  const proprietary = new Map<string, string>();
  for (const block of childElements(meta, 'proprietary')) {
    for (const child of childElements(block)) proprietary.set(localName(child.name), collapse(textOf(child)));
  }
  const plenary = proprietary.get('plenaryMeeting');
  if (plenary && /^\d+$/.test(plenary)) facts.plenaryMeeting = Number(plenary);
  if (proprietary.get('adoptedAs')) facts.adoptedAs = proprietary.get('adoptedAs');
  // The adoption date as precise as known: akp:adoptionDate, else the workflow step or lifecycle event.
  const step = [...findAll(path(meta, 'workflow') ?? meta, 'step'), ...findAll(path(meta, 'lifecycle') ?? meta, 'eventRef')].find(
    (s) => s.attrs['refersTo'] === '#adoption',
  );
  facts.adoptionDate = proprietary.get('adoptionDate') || step?.attrs['date'];
  for (const part of childElements(documentElement).filter((c) => c.name === 'preface' || c.name === 'coverPage')) {
    for (const container of findAll(part, 'container').filter((c) => c.attrs['name'] === 'sponsors')) {
      for (const proponent of findAll(container, 'docProponent')) {
        const name = collapse(textOf(proponent));
        if (name && !facts.sponsors.includes(name)) facts.sponsors.push(name);
      }
    }
  }
  return facts;
}
