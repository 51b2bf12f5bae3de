// Reads: tests/corpus/expectations.json (ground truth for ../shared/corpus and the sample, established by reading)
// Writes: typed CorpusExpectation records for the parser's tests, and the path of each text file
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { CORPUS_DIR } from '../support/corpus.js';

/** The program that turned the PDF into the text file. */
export type Extractor = 'pdfbox' | 'pdftotext' | 'pymupdf' | 'udhr-xml' | 'web-excerpt';

/** A place in the document, in words: "preamble recital 4", "para_3", "para_7 (b)(i)", "annex_1 paragraph 2",
 * "article 11 paragraph 2", "proclamation". Numbering is 1-based and counts what is printed. */
export type DocumentPlace = string;

export interface MeetingLine {
  /** The closing line as printed: "26th plenary meeting". */
  line: string;
  number: number;
  /** The date line under it, as printed: "26 October 2018". */
  dateLine: string;
  date: string;
}

export interface PreambleExpectation {
  /** Number of preambular paragraphs (recitals). */
  count: number;
  /** Opening phrase of each recital, in order ("Recalling", "Recalling also", "Acting" …). */
  openings: string[];
  /** 'pdf-italics': the italic run printed in the PDF; 'convention': no PDF, the participial phrase by UN usage;
   * 'text': the UDHR's recurring opening words. */
  openingsSource: 'pdf-italics' | 'convention' | 'text';
  /** The Chapter VII recital in full, when there is one. */
  chapterVII?: string;
  /** UDHR only: the preamble heading ("Préambule", "序言" …). */
  heading?: string;
  notes?: string[];
}

export interface SubItem {
  /** As printed: "(a)", "(i)", "•". */
  num: string;
  /** Nested items as printed: ["(i)", "(ii)"]. */
  children?: string[];
}

export interface SubItemGroup {
  /** Operative paragraph number without its period: "7". */
  para: string;
  items: SubItem[];
  /** Items at each level: [4, 16] = four lettered items holding sixteen roman ones. */
  countsByLevel: number[];
  count: number;
  notes?: string[];
}

export interface CrossHeading {
  text: string;
  /** The operative number printed after the heading: "32.". */
  before: string;
}

export interface OperativeExpectation {
  /** Number of top-level operative paragraphs. */
  count: number;
  /** Their numbers as printed, including a missing period ("21"). */
  numbers: string[];
  subItems: SubItemGroup[];
  /** All sub-items of all levels (bullets included). */
  subItemCount: number;
  crossHeadings: CrossHeading[];
  notes?: string[];
}

export interface FootnoteExpectation {
  /** Marker as printed: "1", "*". */
  marker: string;
  /** How many times the marker is cited in the body. */
  citations: number;
  citedIn: DocumentPlace[];
  /** First words of the note's text; null when the note text is not in the file (truncated excerpt). */
  textStart: string | null;
  /** The note text runs on below the separator of the next page, without a marker. */
  continuesOnNextPage?: boolean;
  notes?: string[];
}

export interface AnnexExpectation {
  heading: string;
  subheading?: string;
  numberedParagraphs: number;
  unnumberedParagraphs: number;
  notes?: string[];
}

export interface LinkExpectation {
  /** Number of https://undocs.org/… lines listed after the pages. */
  count: number;
  /** Link lines listed after each page, page 1 first. */
  perPage: number[];
  notes?: string[];
}

export type PageFurnitureKind =
  | 'masthead'
  | 'originalLanguage'
  | 'jobNumberFirstPage'
  | 'jobNumber'
  | 'dateCode'
  | 'barcode'
  | 'runningHeaderSymbol'
  | 'runningHeaderTitle'
  | 'runningHeaderSymbolAndTitle'
  | 'jobAndPageNumber'
  | 'pageNumber'
  | 'formFeed'
  | 'pageBreak'
  | 'footnoteSeparator'
  | 'footnoteMarkerLine'
  | 'superscriptLine'
  | 'linkList'
  | 'whitespaceLine'
  | 'webNoise';

export interface PageFurnitureExample {
  kind: PageFurnitureKind;
  /** 1-based line number in the text file. */
  line: number;
  /** The line, trimmed and without a form feed (or a part of it when partOfLine). */
  example: string;
  partOfLine?: boolean;
  notes?: string[];
}

export type SplitKind =
  /** a word broken by a space: "cooperat ion" */
  | 'split'
  /** a space before a hyphen inside a compound: "Al -Qaida" */
  | 'spacedHyphen'
  /** a hyphen at a line end that belongs to the word: "twenty-" + "first" */
  | 'lineEndHyphen'
  /** a real hyphen the extractor removed: "twentyfirst" */
  | 'lostHyphen'
  /** a space before punctuation: "children ," */
  | 'spacedPunctuation';

export interface SplitWord {
  line: number;
  asExtracted: string;
  correct: string;
  kind: SplitKind;
  /** For lineEndHyphen: the next text line starts with this. */
  nextLineStartsWith?: string;
}

export interface TextRepair {
  from: string;
  to: string;
}

export interface SpotCheck {
  /** Exact reading text: whitespace normalised to single spaces, split words rejoined, footnote markers removed. */
  text: string;
  place: DocumentPlace;
  /** What the sentence crosses in this file. */
  crosses: 'line' | 'page' | 'none';
  /** First and last line (1-based, inclusive) of the span in this file. */
  lines: [number, number];
  /** Furniture, link and marker lines inside the span that are not part of the text. */
  skippedLines?: number[];
  /** Extraction defects inside the span, applied after joining the kept lines with single spaces. */
  repairs?: TextRepair[];
  notes?: string[];
}

export interface PairExpectation {
  /** The other extraction of the same PDF. */
  other: string;
  sameDocument: boolean;
  differences: string[];
  evidence: string;
}

export interface UdhrExpectation {
  preambleHeading: string;
  recitalCount: number;
  formulaOwnLine: boolean;
  proclamation: { start: string; paragraphs: number; line: number };
  articleCount: number;
  /** "Article premier", "Artículo 1", "Статья 1", "المادة 1", "第一条". */
  articleHeadingFirst: string;
  articleHeadingPattern: string;
  /** Paragraphs of articles 1…30. */
  articleParagraphCounts: number[];
  articleParagraphTotal: number;
  /** Article number → count of paragraphs numbered "1. ", "2. " … */
  numberedParagraphs: Record<string, number>;
  numberedParagraphTotal: number;
  notes?: string[];
}

export interface ExternalFacts {
  source: string;
  session?: number;
  meetingNumber?: number;
  introducedBy?: string;
}

export interface CorpusExpectation {
  file: string;
  extractor: Extractor;
  /** File name in ../shared/corpus/pdf, when the corpus has the PDF. */
  pdf: string | null;
  symbol: string;
  /** False when the symbol is known only from SOURCES.md / SOURCE.md, not from the text. */
  symbolPrinted: boolean;
  body: 'un-ga' | 'un-sc';
  kind: 'resolution' | 'resolutionDraft';
  /** ISO 639-1. */
  language: 'en' | 'fr' | 'es' | 'ru' | 'ar' | 'zh';
  resolutionNumber: string | null;
  /** As printed, line breaks joined with one space, without the "73/6. " number. */
  title: string | null;
  session: number | null;
  sessionLine: string | null;
  agendaItem: string | null;
  agendaItemLine: string | null;
  agendaItemTitle?: string;
  /** ISO dates, only when printed. */
  adoptionDate: string | null;
  adoptionLine: string | null;
  issueDate: string | null;
  distribution: string | null;
  originalLanguageLine: string | null;
  meeting: MeetingLine | null;
  committeeLine: string | null;
  sponsorLine: string | null;
  sponsors: string[] | null;
  /** As printed: "The General Assembly,", "L’Assemblée générale,". */
  formula: string | null;
  preamble: PreambleExpectation | null;
  /** Null for the UDHR (articles instead, see udhr). */
  operative: OperativeExpectation | null;
  /** Footnotes, in the order of their texts. */
  notes: FootnoteExpectation[];
  noteCount: number;
  noteCitationCount: number;
  annexes: { count: number; items: AnnexExpectation[] };
  pages: number | null;
  /** Null where the extraction lists no links (pdftotext, UDHR, web excerpts). */
  links: LinkExpectation | null;
  pageFurniture: PageFurnitureExample[];
  splitWords: SplitWord[];
  spotChecks: SpotCheck[];
  pair?: PairExpectation;
  external?: ExternalFacts;
  udhr?: UdhrExpectation;
  /** Reading notes about the whole file. */
  fileNotes: string[];
}

export interface CorpusExpectations {
  version: 1;
  files: Record<string, CorpusExpectation>;
}

const expectationsJson = fileURLToPath(new URL('./expectations.json', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Loads and sanity-checks tests/corpus/expectations.json. */
export function loadCorpusExpectations(path: string = expectationsJson): CorpusExpectations {
  const data = JSON.parse(readFileSync(path, 'utf8')) as CorpusExpectations;
  if (data.version !== 1) {
    throw new Error(`${path}: unsupported expectations version ${String(data.version)}`);
  }
  for (const [name, entry] of Object.entries(data.files)) {
    if (entry.file !== name) {
      throw new Error(`${path}: entry "${name}" names file "${entry.file}"`);
    }
  }
  return data;
}

/** The expectation for one text file name, e.g. "en_S-2018-221.pdftotext.txt". */
export function corpusExpectation(file: string, data: CorpusExpectations = loadCorpusExpectations()): CorpusExpectation {
  const entry = data.files[file];
  if (!entry) {
    throw new Error(`no corpus expectation for ${file}`);
  }
  return entry;
}

/** Absolute path of a text file: the sample lives in input/ of the repository, the rest in the corpus (tests/support/corpus.ts). */
export function corpusTextPath(file: string, corpus: string = CORPUS_DIR): string {
  return file === 'fr_A-72-L.10.txt' ? join(repositoryRoot, 'input', file) : join(corpus, 'texts', file);
}

/** Absolute path of the PDF behind a text file, when the corpus has it. */
export function corpusPdfPath(entry: CorpusExpectation, corpus: string = CORPUS_DIR): string | null {
  return entry.pdf === null ? null : join(corpus, 'pdf', entry.pdf);
}
