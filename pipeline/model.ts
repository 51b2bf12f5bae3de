// The document model between the parser stages and the AKN serializer: a UN resolution as its
// editors see it (masthead, preface, recitals, operative paragraphs, annexes, notes, conclusions).
import type { LanguageTable } from './lang/types.js';

/** Where a piece of text came from: input line (1-based) and page (1-based). */
export interface Origin {
  line: number;
  page: number;
}

/** Inline content. `text` leaves keep their origin so links can be matched on their page. */
export type Inline =
  | { type: 'text'; text: string; origin: Origin }
  | { type: 'noteRef'; note: Footnote; origin: Origin }
  | { type: 'i'; children: Inline[] }
  | { type: 'ref'; href: string; undocs?: string; children: Inline[] }
  | { type: 'date'; date: string; children: Inline[] }
  | { type: 'entity'; element: 'organization' | 'role' | 'location'; key: string; children: Inline[] }
  | { type: 'doc'; element: 'docTitle' | 'docNumber' | 'docType' | 'docProponent' | 'docAuthority' | 'docDate' | 'docCommittee' | 'session'; attrs?: Record<string, string>; children: Inline[] }
  | { type: 'inline'; name: string; refersTo?: string; children: Inline[] };

export interface Footnote {
  /** The marker as printed: "*", "1", "2"... */
  marker: string;
  /** The note's text (one block per paragraph of the note). */
  body: Inline[][];
  origin: Origin;
  /** How many places in the text cite this note (set by the repair stage). */
  citations: number;
}

/** A numbered or lettered item: (a), (i), a bullet. */
export interface ListItem {
  num?: string;
  text: Inline[];
  items: ListItem[];
  /** Text after the sub-items that closes the item. */
  wrapUp?: Inline[];
  origin: Origin;
}

export interface Recital {
  /** A topical heading printed before this recital (Security Council preambles). */
  heading?: Inline[];
  /** Language-neutral key of the opening phrase (`recalling`), or `preambularParagraph`. */
  key: string;
  /** The opening phrase as printed ("Rappelant également"), put in italics. */
  phrase: string;
  /** The text that follows the phrase. */
  text: Inline[];
  items: ListItem[];
  wrapUp?: Inline[];
  origin: Origin;
}

export interface OperativeParagraph {
  kind: 'paragraph';
  /** As printed ("1.", "21"), absent for a single unnumbered paragraph. */
  num?: string;
  /** Operative verb phrase as printed ("Prend note avec satisfaction"), italic. */
  phrase?: string;
  key?: string;
  text: Inline[];
  items: ListItem[];
  wrapUp?: Inline[];
  origin: Origin;
}

/** A heading inside the operative part or an annex (roman-numbered section, lettered title, plain heading). */
export interface Section {
  kind: 'section';
  num?: string;
  /** The level and place its number gives it, whatever the script: "II." and "ثانيا -" are roman 2, "B." and "باء -" letter 2. */
  numbering?: { series: 'roman' | 'letter'; ordinal: number };
  heading: Inline[];
  /**
   * A preamble printed inside the section: the formula of part B of a resolution with parts, preambular
   * clauses of a budget resolution's section. Rendered as crossHeadings that refer to #preamble.
   */
  formula?: Inline[];
  recitals?: Recital[];
  children: Array<OperativeParagraph | Section>;
  /** An article of an adopted or annexed text ("Article 1"); `num` is its number as printed. */
  article?: boolean;
  origin: Origin;
}

/** A text adopted by the resolution and printed after it or in an annex (a declaration, a programme). */
export interface EmbeddedText {
  /** The operative paragraph that adopts the text ("Adopts the following …:"), when it is printed inline. */
  host?: OperativeParagraph;
  title: Inline[];
  /** The heading of its preamble as printed ("Preamble"). */
  preambleHeading?: Inline[];
  preamble: Recital[];
  /** Free paragraphs of the preamble that open with no recognised phrase. */
  body: Array<OperativeParagraph | Section>;
}

export interface Annex {
  /** "Annex", "Annex I", "Annexe II" as printed. */
  heading: string;
  num?: string;
  title: Inline[];
  /** The heading of its preamble as printed ("Preamble"). */
  preambleHeading?: Inline[];
  preamble: Recital[];
  body: Array<OperativeParagraph | Section>;
  origin: Origin;
}

/** What the document says about itself (text) merged with what the sidecar says (sidecar wins). */
export interface DocumentMeta {
  symbol?: string;
  body: string; // TLC key: un-ga, un-sc
  kind: 'resolution' | 'resolutionDraft';
  session?: number;
  agendaItem?: string;
  /** Adoption date (adopted texts) or the date printed on a draft; YYYY-MM-DD or YYYY-MM. */
  date?: string;
  dateIsPartial?: boolean;
  issueDate?: string;
  /** Resolution number "72/123" (adopted GA) or "2532 (2020)" (SC). */
  number?: string;
  title?: string;
  sponsors: Array<{ name: string; note?: string }>;
  /** The sponsors come from the sidecar, not from a sponsor line of the text. */
  sponsorsFromSidecar?: boolean;
  /** Date of adoption of a draft (from the sidecar), YYYY-MM-DD or partial. */
  adoptionDate?: string;
  plenaryMeeting?: number;
  committee?: string;
  draftSymbol?: string;
  /** The committee report the resolution was adopted on ("[on the report of the Third Committee (A/73/480)]"). */
  committeeReport?: string;
  adoptedSymbol?: string;
  vote?: { inFavour: number; against: number; abstaining: number };
  originalLanguage?: string;
}

export interface ResolutionDocument {
  language: LanguageTable;
  meta: DocumentMeta;
  /** Masthead lines ("United Nations", "A/RES/73/6", "Distr.: General", ...), each an inline run. */
  masthead: Inline[][];
  /** Preface lines: adoption line, committee line, sponsor line, number + title. */
  preface: { adoption: Inline[][]; sponsors?: Inline[]; title: Inline[] };
  /** "Preamble" printed as a heading before the recitals (declarations). */
  preambleHeading?: Inline[];
  formula?: Inline[];
  recitals: Recital[];
  operative: Array<OperativeParagraph | Section>;
  /** A declaration or programme adopted by the resolution and printed after its operative part. */
  embedded?: EmbeddedText;
  annexes: Annex[];
  conclusions: Inline[][];
  /** Notes that no marker in the text cites (the `*` sponsor note of drafts). */
  unplacedNotes: Footnote[];
  /** Links of the link lists that no citation in the text could carry (kept as implicit references). */
  unattachedLinks?: string[];
}
