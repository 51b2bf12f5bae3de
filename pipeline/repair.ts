// Stage 3 (stages.ts): repair the extraction. Undo what PDF-to-text extraction does to a resolution.
// Reads: context.text, context.language.   Writes: context.repaired (body lines in reading order with
// note citations in place, the notes, the links of each page), and every repair/furniture line in the report.
//
// The repair is a list of passes (`repairPasses`) over one explicit state (`RepairState`); no pass keeps
// anything elsewhere. The rules are general (page structure of UN documents, typography), never a list of
// one file's words, and the text as printed is sacred: a change needs positive evidence.
//  - collapsed text (a page on one line) is cut back into lines, in linear time;
//  - pages end at a form feed, after a page's link list, or at a running header (symbol, "2/5");
//  - page furniture (job numbers, barcodes, page numbers, running symbol/title) is dropped and reported;
//  - a footnote block runs from a `_____` separator to the end of its page; each note keeps its marker;
//  - superscripts on their own line ("1" + "er", "n" + "o") and note markers ("islamique" + "1" + " à")
//    are put back in their line; markers glued to words ("Agreement,2") are found from the page's notes,
//    and a number is a marker only when a note of its page has it and it is no decimal, reference or date;
//  - words (repair-words.ts): split words rejoined when the joined form is a word and a piece is not,
//    hyphen breaks closed, stray spaces fixed.
import { codePointBefore, isLetterOrNumber, isSpace } from './characters.js';
import type { BuildContext, Stage } from './context.js';
import type { LanguageTable } from './lang/types.js';
import { InputError, warn, type Report } from './report.js';
import { repairWords } from './repair-words.js';

export interface TextLine {
  /** Text of the line; a note citation is one character from CITATION_BASE on. */
  text: string;
  line: number;
  page: number;
  /** What joins this line to the next one of the same paragraph: a space, or nothing (hyphen break). */
  glue: ' ' | '';
  /** The extraction printed the line indented (PDFBox marks the first line of a paragraph so). */
  indent: boolean;
}

export interface NoteEntry {
  marker: string;
  lines: TextLine[];
  page: number;
  line: number;
}

export interface Citation {
  /** Index into `notes`. */
  note: number;
  page: number;
  line: number;
}

export interface PageLink {
  url: string;
  page: number;
  line: number;
}

export interface RepairedText {
  lines: TextLine[];
  notes: NoteEntry[];
  citations: Citation[];
  links: PageLink[];
  /** The document symbol seen in the masthead or running header, if any. */
  symbol?: string;
  pageCount: number;
}

/** Note citations travel inside line text as characters of Unicode plane 15 (private use). */
export const CITATION_BASE = 0xf0000;
export const citationChar = (index: number): string => String.fromCodePoint(CITATION_BASE + index);
export const CITATION_PATTERN = /[\u{F0000}-\u{FFFFD}]/gu;
export const citationIndex = (char: string): number => char.codePointAt(0)! - CITATION_BASE;

/** A UN document symbol: A/RES/73/6, S/2022/158, A/C.3/73/L.5/Rev.1, A/71/160-S/2016/621, S/PV.7813. */
export const SYMBOL_SOURCE = String.raw`(?:A|S|E|ST|DP|TD|UNEP|CRC|HRC|CCPR|CEDAW|FCCC|UNW|ICEF|A\/HRC)\/(?:[A-Z0-9][A-Za-z0-9.]*(?:\/[A-Za-z0-9.]+)*)(?<!\.)(?:\s?\((?:\d{4}|[IVXL]+)\))?`;
const SYMBOL_ALONE = new RegExp(`^${SYMBOL_SOURCE}$`);

const URL_LINE = /^\s*https?:\/\/\S+\s*$/;
const SEPARATOR = /^\s*_{5,}\s*$/;
const FURNITURE: ReadonlyArray<readonly [kind: string, pattern: RegExp]> = [
  ['page-number', /^\s*(?:\d{2}-\d{5}\s+)?\d{1,3}\s*\/\s*\d{1,3}(?:\s+\d{2}-\d{5})?\s*$/],
  ['job-number', /^\s*\d{2}-\d{5}\s*(?:\([A-Z]\))?(?:\s+\d{6})?\s*$/],
  ['barcode', /^\s*\*\d{6,}\*\s*$/],
  ['print-date', /^\s*\d{6}\s*$/],
  ['language-code', /^\s*\([A-Z]\)\s*$/],
];
/** Furniture that marks the top or bottom of a page, and so ends a footnote block. */
const PAGE_EDGE = new Set(['page-number', 'running-symbol', 'running-title']);

interface RawLine {
  text: string;
  line: number;
  page: number;
  kind: 'blank' | 'url' | 'separator' | 'furniture' | 'content';
  /** For furniture: what it is (`page-number`, `running-symbol`, `running-title`…). */
  furniture?: string;
}

/** A number printed on a line of its own after a body line: a note marker, once the notes are known. */
interface PendingMarker {
  marker: string;
  /** The input line the number was printed on. */
  line: number;
}

/**
 * A body line while the repair runs. Marker lines merged into it are kept apart from its text, between
 * `segments`, until the notes are parsed and each number can be told to be a marker or a number.
 */
interface WorkLine extends TextLine {
  segments?: string[];
  pending?: PendingMarker[];
}

/** Everything the repair passes read and write for one document: no pass keeps state anywhere else. */
export interface RepairState {
  readonly file: string;
  readonly language: LanguageTable;
  readonly report: Report;
  /** The text, then the text with collapsed line breaks restored. */
  text: string;
  /** For reflowed text, the input line each line of `text` came from. */
  origins?: number[];
  raw: RawLine[];
  body: RawLine[];
  blocks: RawLine[][];
  links: PageLink[];
  lines: WorkLine[];
  notes: NoteEntry[];
  citations: Citation[];
}

export interface RepairPass {
  name: string;
  run(state: RepairState): void;
}

/** The repair passes, in order. Each reads and writes the state only. */
export const repairPasses: readonly RepairPass[] = [
  { name: 'reflow collapsed text', run: reflowCollapsedText },
  { name: 'pages and furniture', run: classifyLines },
  { name: 'wrapped line printed before its paragraph', run: restoreWrappedLastLines },
  { name: 'footnote blocks and link lists', run: splitNotes },
  { name: 'line fragments and notes', run: mergeFragmentsAndParseNotes },
  { name: 'marker lines', run: resolveMarkerLines },
  { name: 'glued and floating markers', run: findGluedMarkers },
  { name: 'repeated markers', run: findRepeatedMarkers },
  { name: 'markers of missing notes', run: findOrphanMarkerRuns },
  { name: 'words', run: (state) => repairWords(state, [state.lines, ...state.notes.map((n) => n.lines)]) },
  { name: 'uncited notes', run: warnUncitedNotes },
];

export function repairExtraction(context: BuildContext): void {
  const state: RepairState = {
    file: context.file,
    language: context.language!,
    report: context.report,
    text: context.text!,
    // Present from the start, even when no reflow sets it: one hidden class for every document's state.
    origins: undefined,
    raw: [],
    body: [],
    blocks: [],
    links: [],
    lines: [],
    notes: [],
    citations: [],
  };
  for (const pass of repairPasses) pass.run(state);
  const symbol = state.raw.find((l) => l.kind === 'furniture' && l.text.trim().match(SYMBOL_ALONE))?.text.trim() ?? findMastheadSymbol(firstLines(state.text, MASTHEAD_LINES));
  context.repaired = {
    lines: state.lines.filter((l) => l.text.length > 0).map(({ text, line, page, glue, indent }) => ({ text, line, page, glue, indent })),
    notes: state.notes,
    citations: state.citations,
    links: state.links,
    symbol,
    // A loop, not Math.max(...lines): spreading the lines of a long text as arguments overflows the stack.
    pageCount: state.raw.reduce((most, l) => Math.max(most, l.page), 1),
  };
}

export const repairStage: Stage = { name: 'repair', run: repairExtraction };

function warnUncitedNotes({ notes, citations, report }: RepairState): void {
  const cited = new Set(citations.map((c) => c.note));
  for (const [index, note] of notes.entries()) {
    if (note.marker !== '*' && !cited.has(index)) warn(report, 'uncited-note', `note ${note.marker} is not cited in the text`, note.line);
  }
}

// ---------------------------------------------------------------------------------------------
// Text whose line breaks were collapsed into spaces (copied from a web page, or "whitespace
// collapsed" by a converter): the breaks that carry structure are put back before anything else.
//
// Linear on any line: the line is walked once, gap by gap (a run of spaces, or in a text printed without
// word spaces the point after a clause's punctuation); each rule looks at most WINDOW characters on
// either side of a gap, so no regular expression ever runs over the unbounded rest of the line.

/** A line longer than this (characters; half as many in a text without word spaces) was collapsed. */
const COLLAPSED_LINE = 400;
const WINDOW = 240;

interface BreakRules {
  /** Tested at the start of the text after a gap (sticky, on at most WINDOW characters). */
  before: RegExp[];
  /** A formula ("因此现在,大会,"): broken before, and never inside what it matched. */
  formula: RegExp;
  /** After a formula; in text without word spaces the formula runs on in its line, as printed ("大会,发布"). */
  afterFormula: RegExp;
  /** Tested at the end of the text before a gap (anchored with `$`, on at most WINDOW characters). */
  after: RegExp[];
  /** A recital's opening phrase: in text without word spaces, only after a clause's end ("，鉴于"). */
  phrase?: RegExp;
  /** Break before these only after a clause's end: operative numbers, sub-items. */
  opening: RegExp[];
  /** An article heading ("第一条"), a line of its own: broken before and after. */
  heading?: RegExp;
  /** The punctuation a recital or a paragraph ends with. */
  clauseEnd: RegExp;
  /** Where a text without word spaces may break: after clause punctuation, or around a heading before a recital. */
  unspacedGaps: RegExp;
  /** A preamble heading ("序言") right before a recital: a line of its own. */
  headingBefore?: RegExp;
}

function breakRules(language: LanguageTable): BreakRules {
  const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]");
  const alternation = (items: string[]) => items.map(esc).sort((a, b) => b.length - a.length).join('|');
  const phrases = alternation(language.preambularPhrases.map(([p]) => p));
  const formulas = alternation(language.formulas.map(([f]) => f.replace(/[,،，]$/u, '')));
  const adoption = language.adoptionLinePattern.replace(/^\^/, '');
  const punctuation = [...new Set(`${language.recitalEnd}${language.operativeEnd};:`)].join('').replace(/[\]\\^-]/g, '\\$&');
  const article = language.articleHeadingPattern?.replace(/^\^/, '').replace(/\$$/, '');
  const headings = alternation([...language.preambleHeadings]);
  return {
    before: [
      /_{5,}/y, // footnote separator
      /\d{2}-\d{5}\s?\([A-Z]\)/y, // job number
      /\*\d{6,}\*/y, // barcode
      /\[/y, // committee line
      /\d{1,3}\/\d{1,4}\.\s\p{Lu}/uy, // resolution number and title
      new RegExp(`(?:${adoption})`, 'uy'),
    ],
    formula: new RegExp(`(?:${formulas})[,،，]`, 'uy'),
    afterFormula: new RegExp(`(?:^|\\s)(?:${formulas})[,،，]$`, 'u'),
    after: [
      /_{5,}$/,
      /\]$/,
      ...(headings ? [new RegExp(`(?:^|[\\s,;:，；。：])(?:${headings})$`, 'u')] : []),
    ],
    phrase: phrases ? new RegExp(`(?:${phrases})(?=[\\s\\p{Script=Han}])`, 'uy') : undefined,
    opening: [
      /\d{1,3}\.\s\p{Lu}/uy, // operative paragraph numbers
      /\([a-z]{1,2}\)\s|\([ivx]{1,5}\)\s/uy, // sub-items
    ],
    heading: article ? new RegExp(article, 'uy') : undefined,
    clauseEnd: new RegExp(`[${punctuation}.]$`, 'u'),
    unspacedGaps: new RegExp(`\\s+|(?<=[,;:，；。：])${headings && phrases ? `|(?<=${headings})(?=${phrases})|(?=(?:${headings})(?:${phrases}))` : ''}`, 'gu'),
    headingBefore: headings && phrases ? new RegExp(`(?:${headings})(?=${phrases})`, 'uy') : undefined,
  };
}

function reflowCollapsedText(state: RepairState): void {
  const { language, report } = state;
  const lines = state.text.split('\n');
  const collapsed = (line: string) => line.length > COLLAPSED_LINE || (line.length > COLLAPSED_LINE / 2 && isUnspaced(line));
  if (!lines.some(collapsed)) return;
  const rules = breakRules(language);
  let count = 0;
  const out = lines.map((line, index) => {
    if (!collapsed(line)) return line;
    const reflowed = reflowLine(line, rules);
    count += Math.max(0, reflowed.length - 1);
    report.repairs.push({ file: report.file, line: index + 1, kind: 'reflow', before: `one line of ${line.length} characters`, after: `${reflowed.length} lines` });
    return reflowed.join('\n');
  });
  if (count > 0) warn(report, 'collapsed-text', 'line breaks were collapsed in this text; paragraph breaks restored from the vocabulary', 1);
  state.text = out.join('\n');
  // Line numbers of the restored lines all point at the collapsed line they came from.
  state.origins = out.flatMap((line, index) => line.split('\n').map(() => index + 1));
}

/** Text printed without spaces between its words (Chinese): fewer than one space in twenty characters. */
const isUnspaced = (line: string) => (line.length - line.replaceAll(' ', '').length) * 20 < line.length;

/** One collapsed line cut into the lines it was printed as. */
export function reflowLine(line: string, rules: BreakRules): string[] {
  // A text printed without spaces between words (Chinese) has its clauses cut after their punctuation.
  const unspaced = isUnspaced(line);
  const gaps = unspaced ? rules.unspacedGaps : /\s+/gu;
  const out: string[] = [];
  let from = 0;
  // A break found by a rule matching after a gap covers what it matched ("因此现在,大会,"): no break inside.
  let coveredUntil = 0;
  const cut = (start: number, end: number) => {
    out.push(line.slice(from, start));
    from = end;
  };
  for (const gap of line.matchAll(gaps)) {
    const start = gap.index;
    const end = start + gap[0].length;
    if (start === 0 || end >= line.length || start < coveredUntil) continue;
    const head = line.slice(Math.max(from, start - WINDOW), start);
    const tail = line.slice(end, end + WINDOW);
    const matchAt = (pattern: RegExp | undefined): number => {
      if (!pattern) return -1;
      pattern.lastIndex = 0;
      const match = pattern.exec(tail);
      return match ? match[0].length : -1;
    };
    const clauseEnd = rules.clauseEnd.test(head);
    if (rules.after.some((p) => p.test(head)) || (!unspaced && rules.afterFormula.test(head))) {
      cut(start, end);
      continue;
    }
    const formula = matchAt(rules.formula);
    if (formula >= 0) {
      cut(start, end);
      coveredUntil = end + formula;
      continue;
    }
    if (
      rules.before.some((p) => matchAt(p) >= 0) ||
      ((clauseEnd || !unspaced) && matchAt(rules.phrase) >= 0) ||
      (clauseEnd && rules.opening.some((p) => matchAt(p) >= 0)) ||
      matchAt(rules.headingBefore) >= 0
    ) {
      cut(start, end);
      continue;
    }
    const heading = clauseEnd || !unspaced ? matchAt(rules.heading) : -1;
    if (heading > 0) {
      cut(start, end);
      // The heading is a line of its own: what follows it starts the article's text.
      if (end + heading < line.length) cut(end + heading, end + heading + (/\s/.test(line[end + heading]!) ? 1 : 0));
      coveredUntil = end + heading;
    }
  }
  out.push(line.slice(from));
  return splitCollapsedNotes(out.filter((l) => l.trim() !== ''));
}

/** In a collapsed footnote block, "1 2 A/72/633. A/72/789/Add.2." lists the markers, then the notes. */
function splitCollapsedNotes(lines: string[]): string[] {
  const out: string[] = [];
  for (const [i, line] of lines.entries()) {
    const markers = i > 0 && /^_{5,}$/.test(lines[i - 1]!.trim()) ? /^(?:\d{1,3} +)+/.exec(line)?.[0] : undefined;
    if (!markers) {
      out.push(line);
      continue;
    }
    out.push(...markers.trim().split(/ +/));
    const notes = line.slice(markers.length);
    let start = 0;
    for (const m of notes.matchAll(/\. +(?=\p{Lu}|[A-Z]\/)/gu)) {
      out.push(notes.slice(start, m.index + 1));
      start = m.index + m[0].length;
    }
    out.push(notes.slice(start));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Pages and furniture

function classifyLines(state: RepairState): void {
  const { text, report } = state;
  const lines = text.split('\n');
  const formFeeds = text.includes('\f');
  const out: RawLine[] = [];
  let page = 1;
  let contentOnPage = false;
  let afterUrls = false;
  // The symbol first seen in the masthead (first lines); alone on a later line it is a running header.
  const mastheadSymbol = findMastheadSymbol(lines);
  let firstSymbolKept = false;
  const newPage = () => {
    if (contentOnPage) page++;
    contentOnPage = false;
  };
  const origins = state.origins;
  for (const [i, rawText] of lines.entries()) {
    let lineText = rawText;
    if (lineText.includes('\f')) {
      newPage();
      lineText = lineText.replace(/\f/g, '');
    }
    lineText = lineText.replace(CITATION_PATTERN, '');
    const trimmed = lineText.trim();
    const line = origins?.[i] ?? i + 1;
    if (trimmed === '') {
      out.push({ text: '', line, page, kind: 'blank' });
      continue;
    }
    if (URL_LINE.test(lineText)) {
      out.push({ text: trimmed, line, page, kind: 'url' });
      afterUrls = true;
      continue;
    }
    if (afterUrls) {
      // A page's link list closes the page.
      afterUrls = false;
      newPage();
    }
    if (SEPARATOR.test(lineText)) {
      out.push({ text: trimmed, line, page, kind: 'separator' });
      contentOnPage = true;
      continue;
    }
    let furniture = FURNITURE.find(([, pattern]) => pattern.test(lineText))?.[0];
    if (!furniture && mastheadSymbol && trimmed === mastheadSymbol) {
      // Alone among the first lines it is the masthead's symbol (pdftotext prints it first).
      const linesBefore = out.filter((l) => l.kind !== 'blank').length;
      if (!firstSymbolKept && linesBefore < 3 && page === 1) firstSymbolKept = true;
      else furniture = 'running-symbol';
    }
    if (furniture) {
      // With form feeds the pages are known; footers then sit anywhere around the break.
      if (PAGE_EDGE.has(furniture) && !formFeeds) {
        const previous = out.findLast((l) => l.kind !== 'blank');
        // Two edges in a row (footer then header) belong to one page break.
        if (!(previous?.kind === 'furniture' && PAGE_EDGE.has(previous.furniture ?? ''))) newPage();
      }
      out.push({ text: trimmed, line, page, kind: 'furniture', furniture });
      report.furniture.push({ line, text: trimmed, kind: furniture });
      continue;
    }
    out.push({ text: lineText, line, page, kind: 'content' });
    contentOnPage = true;
  }
  if (out.every((l) => l.kind !== 'content')) {
    throw new InputError(report.file, 'no text found (only blank lines, links or page furniture)', undefined, 'empty');
  }
  dropRunningTitles(out, report);
  state.raw = out;
}

/** The lines of the masthead, where its symbol is looked for. */
const MASTHEAD_LINES = 15;

/** `text.split('\n').slice(0, count)` without cutting the rest of a long text into lines. */
function firstLines(text: string, count: number): string[] {
  const out: string[] = [];
  let from = 0;
  while (out.length < count) {
    const end = text.indexOf('\n', from);
    if (end < 0) {
      out.push(text.slice(from));
      break;
    }
    out.push(text.slice(from, end));
    from = end + 1;
  }
  return out;
}

function findMastheadSymbol(lines: string[]): string | undefined {
  // "United Nations  A/RES/73/6" (symbol last) or, in collapsed text, "A/RES/72/298 Nations Unies…" (first).
  const last = new RegExp(`(?:^|\\s)(${SYMBOL_SOURCE})\\s*$`);
  const first = new RegExp(`^(${SYMBOL_SOURCE})\\s`);
  for (const line of lines.slice(0, MASTHEAD_LINES)) {
    if (SEPARATOR.test(line)) break; // the masthead is above the first footnote block
    const text = line.replace(/\f/g, '').trim();
    const match = last.exec(text) ?? first.exec(text);
    if (match) return match[1]!.trim();
  }
  return undefined;
}

/**
 * A running title repeats the document's title in the header of every page after the first. It is a
 * content line that appears next to a running header on two or more pages, or once next to one and
 * also at the top of the document.
 */
function dropRunningTitles(lines: RawLine[], report: Report): void {
  const nearEdge = new Map<string, RawLine[]>();
  const nonBlank = lines.filter((l) => l.kind !== 'blank');
  for (const [k, line] of nonBlank.entries()) {
    if (line.kind !== 'content') continue;
    // The two nearest non-blank lines on each side.
    const neighbours = [nonBlank[k - 2], nonBlank[k - 1], nonBlank[k + 1], nonBlank[k + 2]].filter((l): l is RawLine => l !== undefined);
    if (!neighbours.some((n) => n.kind === 'furniture' && PAGE_EDGE.has(n.furniture ?? ''))) continue;
    const key = line.text.trim().replace(/\s+/g, ' ');
    if (key.length < 20) continue;
    nearEdge.set(key, [...(nearEdge.get(key) ?? []), line]);
  }
  const firstPage = lines.filter((l) => l.page === 1 && l.kind === 'content').map((l) => l.text.trim().replace(/\s+/g, ' '));
  const opening = firstPage.slice(0, 40).join(' ');
  for (const [key, occurrences] of nearEdge) {
    const repeated = occurrences.length >= 2 || (occurrences[0]!.page > 1 && opening.includes(key));
    if (!repeated) continue;
    for (const line of occurrences) {
      if (line.page === 1) continue;
      line.kind = 'furniture';
      line.furniture = 'running-title';
      report.furniture.push({ line: line.line, text: key, kind: 'running-title' });
    }
  }
}

/**
 * Sets the footnote blocks aside: from a separator to the end of its page. pdftotext marks pages with form
 * feeds and prints footers inside footnote blocks; other extractors mark no page, and a running header is
 * what ends a block.
 */
function splitNotes(state: RepairState): void {
  const { raw } = state;
  const edgesEndBlocks = !state.text.includes('\f');
  const body: RawLine[] = [];
  const blocks: RawLine[][] = [];
  const links: PageLink[] = [];
  let block: RawLine[] | undefined;
  for (const line of raw) {
    if (line.kind === 'url') {
      links.push({ url: line.text, page: line.page, line: line.line });
      block = undefined;
      continue;
    }
    if (block && line.page !== block[0]?.page && block.length > 0) block = undefined;
    if (line.kind === 'separator') {
      block = [];
      blocks.push(block);
      continue;
    }
    if (line.kind === 'furniture') {
      if (block && edgesEndBlocks && PAGE_EDGE.has(line.furniture ?? '')) block = undefined;
      continue;
    }
    if (line.kind === 'blank') continue;
    if (block) {
      if (block.length === 0 || block[0]!.page === line.page) {
        block.push(line);
        continue;
      }
      block = undefined;
    }
    body.push(line);
  }
  state.body = body;
  state.blocks = blocks.filter((b) => b.length > 0);
  state.links = links;
}

// ---------------------------------------------------------------------------------------------
// A paragraph's last line printed before its first line
//
// pdftotext (without -layout) prints a page as text blocks in reading order. A paragraph whose number
// stands in the margin and whose short last line wraps back to that margin can come out as the number and
// the last line in one block, then the rest of the paragraph as a block of its own:
//   4.
//   2021;
//   <blank>
//   Decides to extend the mandate of the Verification Mission until 31 October
// The last line is put back after the rest only on positive evidence, on both sides: the line after the
// number cannot open the paragraph (it starts with a digit or a lower-case letter) and ends it (its
// punctuation), while the block after it opens the paragraph (a capital, a full line of print: a short
// line is a heading) and stops mid-sentence (it ends with a word), with a blank line on either side. With only part of the evidence the lines stay as printed,
// with a warning.

/** At most this many lines in the displaced piece, and in the block it belongs after. */
const DISPLACED_LINES = 2;
const OPENED_LINES = 4;
/** A line at least this share of the printed width is a full line of print. */
const FULL_LINE = 0.6;

/** The document's printed line width: the length nine content lines in ten do not exceed (counted, linear). */
function printedWidth(raw: readonly RawLine[]): number {
  const counts = new Map<number, number>();
  let total = 0;
  for (const line of raw) {
    if (line.kind !== 'content') continue;
    const length = Math.min(400, line.text.trim().length);
    counts.set(length, (counts.get(length) ?? 0) + 1);
    total++;
  }
  let seen = 0;
  for (let length = 0; length <= 400; length++) {
    seen += counts.get(length) ?? 0;
    if (seen >= total * 0.9) return length;
  }
  return 400;
}

function restoreWrappedLastLines(state: RepairState): void {
  const { raw, language, report } = state;
  const ending = new RegExp(`[${[...new Set(`${language.operativeEnd};:.`)].join('').replace(/[\]\\^-]/g, '\\$&')}]$`, 'u');
  const content = (k: number) => raw[k]?.kind === 'content';
  const blank = (k: number) => k >= raw.length || raw[k]!.kind === 'blank';
  const width = printedWidth(raw);
  for (let i = 0; i < raw.length; i++) {
    if (!content(i) || !ENUMERATOR_ALONE.test(raw[i]!.text)) continue;
    // The piece right after the number, up to a blank line.
    let end = i + 1;
    while (content(end) && end - i <= DISPLACED_LINES) end++;
    const piece = raw.slice(i + 1, end);
    if (piece.length === 0 || piece.length > DISPLACED_LINES || !blank(end)) continue;
    const first = piece[0]!.text.trim();
    if (!/^[\p{Ll}\p{Nd}]/u.test(first) || ENUMERATOR_ALONE.test(first) || /^\d{1,3}\.\s/.test(first) || !ending.test(piece.at(-1)!.text.trim())) continue;
    // The block after the blank lines.
    let start = end;
    while (start < raw.length && raw[start]!.kind === 'blank') start++;
    let stop = start;
    while (content(stop) && stop - start <= OPENED_LINES) stop++;
    const block = raw.slice(start, stop);
    // A paragraph's first line is a full line of print; a short capitalised line is a heading ("Reporting").
    const opens = block.length > 0 && block.length <= OPENED_LINES && /^\p{Lu}/u.test(block[0]!.text.trim()) && block[0]!.text.trim().length >= width * FULL_LINE;
    if (!opens) continue;
    if (!/[\p{L}\p{N}]$/u.test(block.at(-1)!.text.trim()) || !blank(stop)) {
      warn(report, 'line-order-suspect', `"${first}" after "${raw[i]!.text.trim()}" may be a line printed out of order; kept as printed`, piece[0]!.line);
      continue;
    }
    // Number, the block, then the piece: rewritten in place (as many lines as before, nothing shifts).
    const blanks = raw.slice(end, start);
    [...block, ...blanks, ...piece].forEach((line, k) => (raw[i + 1 + k] = line));
    report.repairs.push({
      file: report.file,
      line: piece[0]!.line,
      kind: 'line-order',
      before: `${raw[i]!.text.trim()} ${first} … ${block.at(-1)!.text.trim()}`,
      after: `${raw[i]!.text.trim()} … ${block.at(-1)!.text.trim()} ${piece.map((l) => l.text.trim()).join(' ')}`,
    });
    warn(report, 'line-order', `"${piece.map((l) => l.text.trim()).join(' ')}" printed before its paragraph's first line; put after "${block.at(-1)!.text.trim()}"`, piece[0]!.line);
    i = stop - 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Superscripts, note markers and numbers on their own line

const MARKER_ALONE = /^\s*(\d{1,3}|\*{1,3})\s*$/;
const ENUMERATOR_ALONE = /^\s*(\d{1,3}\.|\([a-z]{1,2}\)|\([ivxlc]{1,6}\)|[a-z]\)|[ivx]{1,5}\))\s*$/;
const STARTS_AS_CONTINUATION = /^(?:\s|[,.;:)\]’”»؛،，；。])/u;

/** A marker of four digits or more (notes 1000 and above) is a marker only where the notes say so. */
const LONG_MARKER = /^\s*(\d{4,5})\s*$/;

function mergeFragmentsAndParseNotes(state: RepairState): void {
  const { language, report } = state;
  // The notes first: a number of four digits alone on a body line is a marker only if a note has it.
  for (const block of state.blocks) {
    state.notes.push(...parseNoteBlock(mergeLineFragments(block, language, report, 'note'), report, state.notes.at(-1)));
  }
  const longMarkers = new Set(state.notes.map((n) => n.marker).filter((m) => m.length >= 4));
  state.lines = mergeLineFragments(state.body, language, report, 'body', longMarkers);
}

function mergeLineFragments(lines: RawLine[], language: LanguageTable, report: Report, where: 'body' | 'note', longMarkers: ReadonlySet<string> = new Set()): WorkLine[] {
  const out: WorkLine[] = [];
  /** Appends text to a line, after its last pending marker if it has one. */
  const append = (line: WorkLine, text: string) => {
    if (line.segments) line.segments[line.segments.length - 1] += text;
    else line.text += text;
  };
  for (let i = 0; i < lines.length; i++) {
    const current = lines[i]!;
    const trimmed = current.text.trim();
    const previous = out.at(-1);
    const next = lines[i + 1];
    // An own property only: a line reading "constructor" or "toString" is no suffix of the table.
    const suffix = Object.hasOwn(language.ordinalSuffixes, trimmed) ? language.ordinalSuffixes[trimmed] : undefined;
    if (suffix !== undefined && previous && !previous.segments && /(?:\d|\bn|\bN)\s*$/.test(previous.text)) {
      const before = previous.text.trimEnd();
      const joined = `${before}${suffix}`;
      report.repairs.push({ file: report.file, line: current.line, kind: 'superscript', before: `${before.split(/\s/).at(-1)} / ${trimmed}`, after: joined.split(/\s/).at(-1)! });
      previous.text = joined;
      if (next && STARTS_AS_CONTINUATION.test(next.text)) {
        previous.text += next.text.replace(/\s+$/, ' ');
        i++;
      }
      continue;
    }
    if (where === 'body' && previous && (MARKER_ALONE.test(trimmed) || (LONG_MARKER.test(trimmed) && longMarkers.has(trimmed)))) {
      // Kept apart until the notes are known: a marker if a note of the page has it, else a number.
      if (!previous.segments) previous.segments = [previous.text.trimEnd()];
      else previous.segments[previous.segments.length - 1] = previous.segments.at(-1)!.trimEnd();
      previous.segments.push('');
      (previous.pending ??= []).push({ marker: trimmed, line: current.line });
      if (next && STARTS_AS_CONTINUATION.test(next.text)) {
        append(previous, next.text.replace(/\s+$/, ' '));
        i++;
      }
      continue;
    }
    if (ENUMERATOR_ALONE.test(trimmed) && next && !MARKER_ALONE.test(next.text) && !(LONG_MARKER.test(next.text) && longMarkers.has(next.text.trim())) && !ENUMERATOR_ALONE.test(next.text)) {
      // "1." or "(a)" printed in a column of its own: it opens the next line's paragraph.
      out.push({ text: `${trimmed} ${next.text.trim()}`, line: current.line, page: current.page, glue: ' ', indent: true });
      i++;
      continue;
    }
    out.push({ text: current.text, line: current.line, page: current.page, glue: ' ', indent: /^\s/.test(current.text) });
  }
  for (const line of out) if (!line.segments) line.text = normalizeSpaces(line.text);
  return out;
}

const normalizeSpaces = (text: string) => text.trim().replace(/[ \t]{2,}/g, ' ');

/**
 * Splits a footnote block into notes, each opened by its marker ("1 See…", or "1" alone then the text).
 * Extractors can print a page's markers in a column apart from their texts: markers in a row before
 * the texts are given the next lines one each; markers left over at the end take the unmarked texts.
 */
function parseNoteBlock(lines: TextLine[], report: Report, previousNote: NoteEntry | undefined): NoteEntry[] {
  const notes: NoteEntry[] = [];
  const queue: string[] = [];
  const orphanTexts: TextLine[] = [];
  let current: NoteEntry | undefined;
  const open = (marker: string, line: TextLine, text?: string) => {
    current = { marker, lines: text === undefined ? [] : [{ ...line, text }], page: line.page, line: line.line };
    notes.push(current);
  };
  /** The marker a note of four digits or more must have: the one after the last note (999 → 1000). */
  const nextMarker = () => {
    const last = queue.at(-1) ?? notes.at(-1)?.marker ?? previousNote?.marker;
    return last !== undefined && /^\d+$/.test(last) ? String(Number(last) + 1) : undefined;
  };
  for (const line of lines) {
    // Notes 1 to 999 by their shape; from 1000 on only in sequence, so a wrapped line that starts with a
    // year ("2021 as printed") stays the text of its note.
    let start = /^(\*{1,3}|\d{1,3})(?:\s+(\S.*))?$/.exec(line.text);
    const long = start ? null : /^(\d{4,5})(?:\s+(\S.*))?$/.exec(line.text);
    const expected = nextMarker();
    // In sequence, or the first line of a document's first footnote block (nothing before to attach it to).
    if (long && (long[1] === expected || (expected === undefined && line === lines[0]))) start = long;
    else if (long && expected !== undefined && Number(long[1]) > Number(expected) && Number(long[1]) <= Number(expected) + 5) {
      // A marker out of sequence (a note missing?) or a number of the text: kept as printed, said.
      warn(report, 'note-marker-uncertain', `"${long[1]}" opens a footnote line but the next note is ${expected}; kept as the text of the note before`, line.line);
    }
    if (start && start[2] !== undefined) {
      open(start[1]!, line, start[2]);
      continue;
    }
    if (start) {
      queue.push(start[1]!);
      current = undefined;
      continue;
    }
    if (queue.length > 0) {
      if (queue.length > 1) warn(report, 'note-reordered', `note ${queue[0]}: marker printed apart from its text; paired by order`, line.line);
      open(queue.shift()!, line, line.text);
      // With several markers waiting, each takes one line; the last one takes what follows.
      if (queue.length > 0) current = undefined;
      continue;
    }
    if (current) current.lines.push(line);
    else orphanTexts.push(line);
  }
  if (queue.length === 0 && previousNote && orphanTexts.length > 0 && orphanTexts[0] === lines[0]) {
    // Unmarked text at the top of a footnote block: the last note of the previous page goes on.
    previousNote.lines.push(...orphanTexts);
    report.repairs.push({ file: report.file, line: orphanTexts[0]!.line, kind: 'note-continued', before: `page ${orphanTexts[0]!.page}`, after: `note ${previousNote.marker}` });
    orphanTexts.length = 0;
  }
  const pairs = Math.min(queue.length, orphanTexts.length);
  for (let k = 0; k < pairs; k++) {
    const text = orphanTexts[k]!;
    notes.push({ marker: queue[k]!, lines: [text], page: text.page, line: text.line });
    warn(report, 'note-reordered', `note ${queue[k]}: marker printed apart from its text; paired by order`, text.line);
  }
  for (const text of orphanTexts.slice(pairs)) {
    const last = notes.at(-1) ?? previousNote;
    if (last) last.lines.push(text);
    warn(report, 'note-unmarked', 'footnote text with no marker; attached to the previous note', text.line);
  }
  for (const marker of queue.slice(pairs)) warn(report, 'note-empty', `note marker ${marker} in a footnote block has no text`, lines[0]?.line);
  notes.sort((a, b) => a.page - b.page || markerOrder(a.marker) - markerOrder(b.marker) || a.line - b.line);
  return notes;
}

const markerOrder = (marker: string) => (marker.startsWith('*') ? -10 + marker.length : Number(marker));

/** Picks the note a marker refers to: the one on the same page, else the nearest before, else after. */
function noteFor(marker: string, page: number, notes: NoteEntry[]): number {
  let best = -1;
  let bestDistance = Infinity;
  for (const [index, note] of notes.entries()) {
    if (note.marker !== marker) continue;
    const distance = note.page === page ? 0 : note.page < page ? page - note.page : 1000 + note.page - page;
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  }
  return best;
}

/** Each number merged from a line of its own becomes a citation when a note of its page has it, else stays text. */
function resolveMarkerLines({ lines, notes, citations, report }: RepairState): void {
  for (const line of lines) {
    if (!line.segments || !line.pending) continue;
    let text = line.segments[0]!;
    for (const [k, pending] of line.pending.entries()) {
      const note = noteFor(pending.marker, line.page, notes);
      if (note < 0) {
        warn(report, 'stray-number', `"${pending.marker}" on a line of its own matches no footnote; kept as text`, pending.line);
        text += ` ${pending.marker} `;
      } else {
        citations.push({ note, page: line.page, line: pending.line });
        text += citationChar(citations.length - 1);
      }
      text += line.segments[k + 1]!;
    }
    line.text = normalizeSpaces(text);
    delete line.segments;
    delete line.pending;
  }
}

/**
 * Finds the markers of notes that no marker line cites: glued to a word ("Agreement,2", "Nations1"),
 * to a year ("2015–20303"), or floating ("activities, 1", "(1999). 1 Petitioners"). A number is taken for a
 * marker only when a note of its page has that marker, in the order of the page's notes (each found after
 * the previous one's citation), and never when it is part of a decimal ("67.1"), a reference ("paragraph 3",
 * "item 15", "resolution 1325 (2000)"), a date ("3 March", "March 3, 2020") or a list ("3 and 4").
 */
/** The end of `text` after its last Han character: the token a number is glued to where words take no spaces. */
function afterLastHan(text: string): string {
  let start = text.length;
  while (start > 0 && !HAN.test(text[start - 1]!)) start--;
  return text.slice(start);
}
const HAN = /\p{Script=Han}/u;

function findGluedMarkers(state: RepairState): void {
  const { lines, notes, citations, language, report } = state;
  const numbered = new Set((language.numberedNouns ?? []).map((w) => w.toLocaleLowerCase()));
  const conjunctions = new Set((language.numberJoiners ?? []).map((w) => w.toLocaleLowerCase()));
  const prefixes = language.numberPrefixes ?? [];
  const months = new Set(Object.keys(language.months).map((w) => w.toLocaleLowerCase()));
  const decimal = language.decimalSeparator === ',' ? /\d[.,]$/ : /\d\.$/;
  // The parts of a document symbol ("Rev.1", "Add.2", "Corr.1"), the same in every language.
  const symbolPart = /\b(?:Rev|Add|Corr)\.$/u;
  let cursor = { lineIndex: 0, offset: 0 };
  const cited = new Set(citations.map((c) => c.note));
  for (const [index, note] of notes.entries()) {
    if (cited.has(index)) continue;
    if (note.marker.startsWith('*')) {
      findStarMarker(lines, note, index, citations, report);
      continue;
    }
    if (!/^\d+$/.test(note.marker)) continue;
    const firstOnPage = lines.findIndex((l) => l.page === note.page);
    if (firstOnPage < 0) continue;
    if (cursor.lineIndex < firstOnPage) cursor = { lineIndex: firstOnPage, offset: 0 };
    const m = note.marker;
    const patterns: ReadonlyArray<readonly [string, RegExp]> = [
      // Followed by a space, punctuation (full-width too: "决议1，"), or the line's end.
      ['glued', new RegExp(`(?<=[\\p{L}”’»),.;:])${m}(?=[\\s,.;:)，。；：、）]|$)`, 'gu')],
      ['year', new RegExp(`(?<=(?:19|20)\\d\\d)${m}(?=[\\s,.;:)，。；：、）]|$)`, 'gu')],
      // Spaced: before a lower-case word or punctuation, or after a sentence's end before a capital.
      ['floating', new RegExp(`(?<=[\\p{L}\\p{P}\\d])\\s${m}(?=\\s+[\\p{Ll}(]|\\s*[,.;:，。；：、]|\\s*$)|(?<=[.;:”’)]\\s?)\\s?${m}(?=\\s+\\p{Lu})`, 'gu')],
    ];
    /** Why a number found by a pattern is a number of the text, not a marker (or undefined). */
    const isTextNumber = (text: string, at: number, length: number, kind: string): boolean => {
      // The words around the number, within WORD_WINDOW: each candidate reads a bounded piece of its line.
      const before = text.slice(Math.max(0, at - WORD_WINDOW), at);
      const after = text.slice(at + length, at + length + WORD_WINDOW);
      const wordBefore = before.trim().split(/\s+/).at(-1)?.toLocaleLowerCase().replace(/[^\p{L}]/gu, '') ?? '';
      const wordAfter = after.trim().split(/\s+/)[0]?.toLocaleLowerCase().replace(/[^\p{L}]/gu, '') ?? '';
      // A decimal or a section number: "67.1", "1,5" where the comma is the decimal separator.
      if (decimal.test(before) || /^[.,]\d/.test(after)) return true;
      // The end of a document symbol or an abbreviation number ("A/80/L.2/Rev.1", "No.1").
      const head = afterLastHan(before.slice(before.lastIndexOf(' ') + 1));
      if (kind !== 'floating' && /[\p{L}\p{N}.]$/u.test(head) && (head.includes('/') || symbolPart.test(head) || numbered.has(head.slice(0, -1).toLocaleLowerCase()))) return true;
      // An ordinal or reference written with a prefix ("第1、2段" in Chinese).
      if (prefixes.some((prefix) => before.trimEnd().endsWith(prefix))) return true;
      if (kind !== 'floating') return false;
      // A reference, a date, or a list: "paragraph 3 of", "3 March", "March 3, 2020", "2 and 3", "1325 (2000)".
      if (numbered.has(wordBefore) || months.has(wordBefore) || months.has(wordAfter) || conjunctions.has(wordBefore)) return true;
      if (/^\s*\((?:19|20)\d\d\)/.test(after)) return true;
      return false;
    };
    // The first candidate of any pattern in reading order after the cursor (the page's notes come in order).
    let best: { li: number; at: number; length: number; kind: string } | undefined;
    for (let li = cursor.lineIndex; li < lines.length && !best; li++) {
      const line = lines[li]!;
      if (line.page > note.page) break;
      const start = li === cursor.lineIndex ? cursor.offset : 0;
      // Only lines holding the marker's digits can hold the marker.
      if (!line.text.includes(m, start)) continue;
      const segment = line.text.slice(start);
      for (const [kind, pattern] of patterns) {
        pattern.lastIndex = 0;
        for (const match of segment.matchAll(pattern)) {
          const at = start + match.index;
          if (isTextNumber(line.text, at + match[0].indexOf(m), m.length, kind)) continue;
          if (!best || at < best.at) best = { li, at, length: match[0].length, kind };
          break;
        }
      }
    }
    if (!best) {
      warn(report, 'marker-not-found', `note ${m}: its marker was not found on page ${note.page}`, note.line);
      continue;
    }
    const line = lines[best.li]!;
    const char = citationChar(citations.length);
    citations.push({ note: index, page: line.page, line: line.line });
    const original = line.text;
    // A marker floating after a sentence's end keeps the space before the next sentence.
    const keep = best.kind === 'floating' && /^\s/.test(original.slice(best.at)) && /\s$/.test(original.slice(best.at, best.at + best.length)) ? ' ' : '';
    line.text = `${original.slice(0, best.at)}${char}${keep}${original.slice(best.at + best.length)}`;
    // The words as printed and as repaired, for the report: "Agreement 4" → "Agreement", "2015–20303" → "2015–2030".
    const { before, after } = tokenAround(original, best.at, original.slice(best.at, best.at + best.length));
    report.repairs.push({ file: report.file, line: line.line, kind: `note-marker-${best.kind}`, before, after });
    cursor = { lineIndex: best.li, offset: best.at + char.length };
  }
}

/**
 * A "*" note is cited by a star glued to a word on its page: the sponsor ("Côte d’Ivoire*:"), an
 * agenda item ("provisional agenda*"), a symbol reissued ("A/72/L.10*"). Without one (the sample's
 * extraction lost the sponsor line) the note stays unplaced and the AKN stage puts it per the profile.
 */
function findStarMarker(lines: TextLine[], note: NoteEntry, index: number, citations: Citation[], report: Report): void {
  const pattern = new RegExp(`(?<=[\\p{L}\\p{N}.)])${note.marker.replace(/\*/g, '\\*')}(?=[\\s:,;]|$)`, 'u');
  for (const line of lines) {
    if (line.page > note.page) break;
    const match = pattern.exec(line.text);
    if (!match) continue;
    const char = citationChar(citations.length);
    citations.push({ note: index, page: line.page, line: line.line });
    const token = tokenAround(line.text, match.index, match[0]);
    line.text = `${line.text.slice(0, match.index)}${char}${line.text.slice(match.index + match[0].length)}`;
    report.repairs.push({ file: report.file, line: line.line, kind: 'note-marker-glued', before: token.before, after: token.after });
    return;
  }
}

/** The word that held a marker, before and after the marker was taken out (for the report). */
function tokenAround(text: string, at: number, marker: string): { before: string; after: string } {
  const start = wordStart(text, at);
  const tail = text.slice(at + marker.length, at + marker.length + WORD_WINDOW);
  const endSpace = tail.indexOf(' ');
  const end = at + marker.length + (endSpace < 0 ? tail.length : endSpace);
  const before = text.slice(start, end).replace(CITATION_PATTERN, '');
  return { before, after: `${text.slice(start, at)}${text.slice(at + marker.length, end)}`.replace(CITATION_PATTERN, '') };
}

/**
 * How far a word is read around a marker: a symbol or a word is far shorter, and a bound keeps a line of
 * tens of thousands of characters without a space linear (each marker on it read its whole line before).
 */
const WORD_WINDOW = 128;

/** Where the word holding `at` starts: after the last space before it, at most WORD_WINDOW back. */
function wordStart(text: string, at: number): number {
  const from = Math.max(0, at - WORD_WINDOW);
  return from + text.slice(from, at).lastIndexOf(' ') + 1;
}

/**
 * A note cited again later: its marker glued to the word or punctuation it follows ("Development,2")
 * on a page at or after the note's own. Glued markers only: a number after a space is too often a number.
 */
function findRepeatedMarkers({ lines, notes, citations, language, report }: RepairState): void {
  const numbered = notes.map((note, index) => ({ note, index })).filter(({ note }) => /^\d+$/.test(note.marker));
  if (numbered.length === 0) return;
  const markers = [...new Set(numbered.map(({ note }) => note.marker))].sort((a, b) => b.length - a.length);
  // Glued ("Goals2", "Development,2"), or spaced after a comma or a closing quote when the extractor
  // spaces its markers ("Development, 2 taking"): a number right after a comma is rarely a number.
  const spaced = citations.length > 0 && report.repairs.filter((r) => r.kind === 'note-marker-floating').length * 2 >= citations.length;
  const pattern = new RegExp(
    `(?<=[\\p{L}”’)]|[\\p{L}\\p{N}”’)][;:]|[\\p{L}${language.decimalSeparator === ',' ? '' : '\\p{N}'}”’)],${spaced ? '|[\\p{L}”’)][,”’)] ' : ''})(${markers.join('|')})(?=[\\s,.;:)]|$)`,
    'gu',
  );
  for (const line of lines) {
    line.text = line.text.replace(pattern, (marker: string, _m: string, offset: number) => {
      const candidates = numbered.filter(({ note }) => note.marker === marker && note.page <= line.page);
      const first = citations.find((c) => candidates.some(({ index }) => index === c.note));
      const chosen = candidates.at(-1);
      // Only after the note's first citation, and never inside a number or a symbol.
      if (!chosen || !first || first.page > line.page || (first.page === line.page && first.line >= line.line)) return marker;
      const head = line.text.slice(wordStart(line.text, offset), offset);
      if (head.includes('/') && /[\p{L}\p{N}.]$/u.test(head)) return marker;
      const char = citationChar(citations.length);
      citations.push({ note: chosen.index, page: line.page, line: line.line });
      const token = tokenAround(line.text, offset, marker);
      report.repairs.push({ file: report.file, line: line.line, kind: 'note-marker-repeated', before: token.before, after: token.after });
      return char;
    });
  }
}

/** Whether the text holds at least `count` spaces. */
function hasSpaces(text: string, count: number): boolean {
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) if (--count === 0) return true;
  return count <= 0;
}

const isDigit = (unit: number) => unit >= 0x30 && unit <= 0x39;
const AFTER_FLOATING = new Set([0x2c, 0x2e, 0x3b, 0x3a]);
const BEFORE_FLOATING = new Set([0x201d, 0x2019, 0xbb, 0x29, 0x2c]);

/** A number of one to four digits after a space, where findOrphanMarkerRuns may see a marker. */
interface FloatingNumber {
  /** Where the space before the number is, and the length of the space and the number. */
  at: number;
  length: number;
  value: number;
  /** Where the word before the space starts (after the last space before it). */
  wordStart: number;
  /** The text before ends with a digit, or a digit and a comma ("21, 22"); or with a year ("2006 13"). */
  afterNumber: boolean;
  afterYear: boolean;
}

/**
 * The matches of `(?<=[\p{L}\p{N}”’»),])\s(\d{1,4})(?=[\s,.;:]|$)` in a line, found by a scan: a line without a
 * digit costs one look at each character, and the text before a number is read back only to its word's start.
 */
export function* floatingNumbers(text: string): Generator<FloatingNumber> {
  const n = text.length;
  for (let i = 1; i + 1 < n; i++) {
    if (!isDigit(text.charCodeAt(i + 1)) || !isSpace(text.charCodeAt(i))) continue;
    let end = i + 1;
    while (end < n && isDigit(text.charCodeAt(end))) end++;
    if (end - i - 1 > 4) {
      i = end - 1;
      continue;
    }
    if (end < n) {
      const next = text.charCodeAt(end);
      if (!isSpace(next) && !AFTER_FLOATING.has(next)) continue;
    }
    const previous = codePointBefore(text, i);
    if (!isLetterOrNumber(previous) && !BEFORE_FLOATING.has(previous)) continue;
    let wordStart = i;
    while (wordStart > 0 && !isSpace(text.charCodeAt(wordStart - 1))) wordStart--;
    const last = text.charCodeAt(i - 1);
    const afterNumber = isDigit(last) || (last === 0x2c && i >= 2 && isDigit(text.charCodeAt(i - 2)));
    const afterYear =
      i >= 4 && /^(?:19|20)\d\d$/.test(text.slice(i - 4, i)) && (i === 4 || isSpace(text.charCodeAt(i - 5)));
    yield { at: i, length: end - i, value: Number(text.slice(i + 1, end)), wordStart, afterNumber, afterYear };
    i = end - 1;
  }
}

/**
 * Markers whose notes are not in the text (an excerpt cut before its footnotes): numbers floating
 * after words that run 7, 8, 9, 10… in order are note markers, not numbers of the text. Each becomes a
 * note with no text, reported.
 */
function findOrphanMarkerRuns({ lines, notes, citations, language, report }: RepairState): void {
  const known = new Set(notes.map((n) => n.marker));
  const nouns = new Set([...(language.numberedNouns ?? []), ...language.articleWords, ...language.annexWords, ...Object.keys(language.months)].map((w) => w.toLocaleLowerCase()));
  const conjunctions = new Set((language.numberJoiners ?? []).map((w) => w.toLocaleLowerCase()));
  const candidates: Array<{ line: TextLine; at: number; length: number; value: number; position: number }> = [];
  let position = 0;
  for (const line of lines) {
    // A heading ("Artículo 1") or a list of numbers ("paragraphs 21, 22 and 23") holds no markers.
    if (hasSpaces(line.text, 3)) {
      for (const m of floatingNumbers(line.text)) {
        const word = line.text.slice(m.wordStart, m.at).toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
        if (nouns.has(word) || (m.afterNumber && !m.afterYear) || conjunctions.has(word)) continue;
        candidates.push({ line, at: m.at, length: m.length, value: m.value, position: position + m.at });
      }
    }
    position += line.text.length + 1;
  }
  // Longest runs of consecutive values, in reading order.
  const runs: Array<typeof candidates> = [];
  let run: typeof candidates = [];
  for (const candidate of candidates) {
    if (run.length && candidate.value === run.at(-1)!.value + 1 && candidate.position - run.at(-1)!.position >= 5) run.push(candidate);
    // A four-digit number that goes on no run (a year: "2006 13, 2011 14") neither starts nor breaks one.
    else if (candidate.value >= 1000) continue;
    else {
      if (run.length >= 3) runs.push(run);
      run = [candidate];
    }
  }
  if (run.length >= 3) runs.push(run);
  for (const found of runs) {
    if (found.some((c) => known.has(String(c.value)))) continue;
    // Replace from the end of each line so earlier offsets stay right.
    for (const c of [...found].reverse()) {
      const note: NoteEntry = { marker: String(c.value), lines: [], page: c.line.page, line: c.line.line };
      notes.push(note);
      const char = citationChar(citations.length);
      citations.push({ note: notes.length - 1, page: c.line.page, line: c.line.line });
      const token = tokenAround(c.line.text, c.at, c.line.text.slice(c.at, c.at + c.length));
      c.line.text = `${c.line.text.slice(0, c.at)}${char}${c.line.text.slice(c.at + c.length)}`;
      report.repairs.push({ file: report.file, line: c.line.line, kind: 'note-marker-orphan', before: token.before, after: token.after });
    }
    warn(report, 'note-text-missing', `notes ${found[0]!.value}–${found.at(-1)!.value}: markers in the text but no footnote text (an excerpt?); kept as empty notes`, found[0]!.line.line);
  }
}
