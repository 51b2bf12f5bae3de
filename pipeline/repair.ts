// Stage 1: repair the extraction. Undo what PDF-to-text extraction does to a resolution.
// Reads: context.text, context.language.   Writes: context.repaired (body lines in reading order with
// note citations in place, the notes, the links of each page), and every repair/furniture line in the report.
//
// The rules are general (page structure of UN documents, typography), never a list of one file's words:
//  - pages end at a form feed, after a page's link list, or at a running header (symbol, "2/5");
//  - page furniture (job numbers, barcodes, page numbers, running symbol/title) is dropped and reported;
//  - a footnote block runs from a `_____` separator to the end of its page; each note keeps its marker;
//  - superscripts on their own line ("1" + "er", "n" + "o") and note markers ("islamique" + "1" + " à")
//    are put back in their line; markers glued to words ("Agreement,2") are found from the page's notes;
//  - words split by the extraction are rejoined when the joined word is attested elsewhere in the text
//    or in the language's word table; hyphen breaks are closed; stray spaces before punctuation fixed.
import type { BuildContext, Stage } from './context.js';
import type { LanguageTable } from './lang/types.js';
import { InputError, warn, type Report } from './report.js';

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
}

export function repairExtraction(context: BuildContext): void {
  const { report } = context;
  const language = context.language!;
  const text = reflowCollapsedText(context.text!, language, report);
  const raw = classifyLines(text, report);
  // pdftotext marks pages with form feeds and prints footers inside footnote blocks; other
  // extractors mark no page, and a running header is what ends a block.
  const { body, blocks, links } = splitNotes(raw, !text.includes('\f'));

  const bodyLines = mergeLineFragments(body, language, report, 'body');
  const notes: NoteEntry[] = [];
  for (const block of blocks) notes.push(...parseNoteBlock(mergeLineFragments(block, language, report, 'note'), report, notes.at(-1)));

  const citations: Citation[] = [];
  resolveMarkerLines(bodyLines, notes, citations, report);
  findGluedMarkers(bodyLines, notes, citations, language, report);
  findRepeatedMarkers(bodyLines, notes, citations, report);
  findOrphanMarkerRuns(bodyLines, notes, citations, [...(language.numberedNouns ?? []), ...language.articleWords, ...language.annexWords], report);

  const vocabulary = buildVocabulary([...bodyLines, ...notes.flatMap((n) => n.lines)], language);
  const compounds = compoundsOf(vocabulary);
  for (const lines of [bodyLines, ...notes.map((n) => n.lines)]) {
    closeHyphenBreaks(lines, report);
    rejoinSplitWords(lines, vocabulary, language, report);
    rejoinAcrossLines(lines, vocabulary, report);
    restoreDroppedHyphens(lines, vocabulary, compounds, report);
    fixPunctuationSpacing(lines, language, report);
  }
  for (const [index, note] of notes.entries()) {
    if (note.marker !== '*' && !citations.some((c) => c.note === index)) {
      warn(report, 'uncited-note', `note ${note.marker} is not cited in the text`, note.line);
    }
  }
  const symbol = raw.find((l) => l.kind === 'furniture' && l.text.trim().match(SYMBOL_ALONE))?.text.trim() ?? findMastheadSymbol(text.split('\n'));
  context.repaired = {
    lines: bodyLines.filter((l) => l.text.length > 0),
    notes,
    citations,
    links,
    symbol,
    pageCount: Math.max(1, ...raw.map((l) => l.page)),
  };
}

export const repairStage: Stage = { name: 'repair', run: repairExtraction };

// ---------------------------------------------------------------------------------------------
// Text whose line breaks were collapsed into spaces (copied from a web page, or "whitespace
// collapsed" by a converter): the breaks that carry structure are put back before anything else.

const COLLAPSED_LINE = 400;

function reflowCollapsedText(text: string, language: LanguageTable, report: Report): string {
  const lines = text.split('\n');
  if (!lines.some((l) => l.length > COLLAPSED_LINE)) return text;
  const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]");
  const phrases = language.preambularPhrases.map(([p]) => esc(p)).sort((a, b) => b.length - a.length).join('|');
  const formulas = language.formulas.map(([f]) => esc(f.replace(/[,،，]$/u, ''))).sort((a, b) => b.length - a.length).join('|');
  const adoption = language.adoptionLinePattern.replace(/^\^/, '');
  const breaks: RegExp[] = [
    /\s+(?=_{5,})/gu, // footnote separator
    /(?<=_{5,})\s+/gu,
    /\s+(?=\d{2}-\d{5}\s*\([A-Z]\))/gu, // job number
    /\s+(?=\*\d{6,}\*)/gu, // barcode
    /\s+(?=\[)/gu, // committee line
    /(?<=\])\s+/gu,
    /\s+(?=\d{1,3}\/\d{1,4}\.\s+\p{Lu})/gu, // resolution number and title
    new RegExp(`\\s+(?=(?:${formulas})[,،，]\\s)`, 'gu'),
    new RegExp(`(?<=(?:${formulas})[,،，])\\s+`, 'gu'),
    new RegExp(`\\s+(?=${adoption})`, 'gu'),
    // A capitalised participle from the table opens a recital wherever it stands in collapsed text.
    ...(phrases ? [new RegExp(`\\s+(?=(?:${phrases})\\s)`, 'gu')] : []),
    /(?<=[;:.])\s+(?=\d{1,3}\.\s+\p{Lu})/gu, // operative paragraph numbers
    /(?<=[;:])\s+(?=\([a-z]{1,2}\)\s|\([ivx]{1,5}\)\s)/gu, // sub-items
  ];
  let count = 0;
  const out = lines.map((line, index) => {
    if (line.length <= COLLAPSED_LINE) return line;
    let reflowed = line;
    for (const pattern of breaks) reflowed = reflowed.replace(pattern, () => (count++, '\n'));
    // In a collapsed footnote block, "1 2 A/72/633. A/72/789/Add.2." lists the markers then the notes.
    reflowed = reflowed.replace(/(?<=_{5,}\n)((?:\d{1,3}\s+)+)(.*)/u, (_, markers: string, notes: string) => {
      const noteTexts = notes.split(/(?<=\.)\s+(?=\p{Lu}|[A-Z]\/)/u);
      count++;
      return `${markers.trim().split(/\s+/).join('\n')}\n${noteTexts.join('\n')}`;
    });
    report.repairs.push({ file: report.file, line: index + 1, kind: 'reflow', before: `one line of ${line.length} characters`, after: `${reflowed.split('\n').length} lines` });
    return reflowed;
  });
  if (count > 0) warn(report, 'collapsed-text', 'line breaks were collapsed in this text; paragraph breaks restored from the vocabulary', 1);
  // Line numbers of the restored lines all point at the collapsed line they came from.
  reflowOrigins = out.flatMap((line, index) => line.split('\n').map(() => index + 1));
  return out.join('\n');
}

/** For reflowed text, the input line each output line came from. */
let reflowOrigins: number[] | undefined;

// ---------------------------------------------------------------------------------------------
// Pages and furniture

function classifyLines(text: string, report: Report): RawLine[] {
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
  const origins = reflowOrigins;
  reflowOrigins = undefined;
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
        if (!(previous?.kind === 'furniture' && PAGE_EDGE.has(furnitureKind(previous)))) newPage();
      }
      out.push({ text: trimmed, line, page, kind: 'furniture' });
      furnitureKinds.set(out.at(-1)!, furniture);
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
  return out;
}

const furnitureKinds = new WeakMap<RawLine, string>();
const furnitureKind = (line: RawLine) => furnitureKinds.get(line) ?? '';

function findMastheadSymbol(lines: string[]): string | undefined {
  // "United Nations  A/RES/73/6" (symbol last) or, in collapsed text, "A/RES/72/298 Nations Unies…" (first).
  const last = new RegExp(`(?:^|\\s)(${SYMBOL_SOURCE})\\s*$`);
  const first = new RegExp(`^(${SYMBOL_SOURCE})\\s`);
  for (const line of lines.slice(0, 15)) {
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
    if (!neighbours.some((n) => n.kind === 'furniture' && PAGE_EDGE.has(furnitureKind(n)))) continue;
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
      furnitureKinds.set(line, 'running-title');
      report.furniture.push({ line: line.line, text: key, kind: 'running-title' });
    }
  }
}

/** Sets the footnote blocks aside: from a separator to the end of its page. */
function splitNotes(raw: RawLine[], edgesEndBlocks: boolean): { body: RawLine[]; blocks: RawLine[][]; links: PageLink[] } {
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
      if (block && edgesEndBlocks && PAGE_EDGE.has(furnitureKind(line))) block = undefined;
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
  return { body, blocks: blocks.filter((b) => b.length > 0), links };
}

// ---------------------------------------------------------------------------------------------
// Superscripts, note markers and numbers on their own line

const MARKER_ALONE = /^\s*(\d{1,3}|\*{1,3})\s*$/;
const ENUMERATOR_ALONE = /^\s*(\d{1,3}\.|\([a-z]{1,2}\)|\([ivxlc]{1,6}\)|[a-z]\)|[ivx]{1,5}\))\s*$/;
const STARTS_AS_CONTINUATION = /^(?:\s|[,.;:)\]’”»؛،，；。])/u;

/** Marker lines in the body are kept as `{marker}` placeholders until the notes are known. */
const PENDING_MARKER = '\u{FFFFE}';

function mergeLineFragments(lines: RawLine[], language: LanguageTable, report: Report, where: 'body' | 'note'): TextLine[] {
  const out: TextLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const current = lines[i]!;
    const trimmed = current.text.trim();
    const previous = out.at(-1);
    const next = lines[i + 1];
    const suffix = language.ordinalSuffixes[trimmed];
    if (suffix !== undefined && previous && /(?:\d|\bn|\bN)\s*$/.test(previous.text)) {
      const before = previous.text.trimEnd();
      const joined = /\d$/.test(before) ? `${before}${suffix}` : `${before}${suffix === 'º' ? 'º' : suffix}`;
      report.repairs.push({ file: report.file, line: current.line, kind: 'superscript', before: `${before.split(/\s/).at(-1)} / ${trimmed}`, after: joined.split(/\s/).at(-1)! });
      previous.text = joined;
      if (next && STARTS_AS_CONTINUATION.test(next.text)) {
        previous.text += next.text.replace(/\s+$/, ' ');
        i++;
      }
      continue;
    }
    if (where === 'body' && previous && MARKER_ALONE.test(trimmed)) {
      previous.text = `${previous.text.trimEnd()}${PENDING_MARKER}${trimmed}${PENDING_MARKER}`;
      pendingLines.set(previous, [...(pendingLines.get(previous) ?? []), current.line]);
      if (next && STARTS_AS_CONTINUATION.test(next.text)) {
        previous.text += next.text.replace(/\s+$/, ' ');
        i++;
      }
      continue;
    }
    if (ENUMERATOR_ALONE.test(trimmed) && next && !MARKER_ALONE.test(next.text) && !ENUMERATOR_ALONE.test(next.text)) {
      // "1." or "(a)" printed in a column of its own: it opens the next line's paragraph.
      out.push({ text: `${trimmed} ${next.text.trim()}`, line: current.line, page: current.page, glue: ' ', indent: true });
      i++;
      continue;
    }
    out.push({ text: current.text, line: current.line, page: current.page, glue: ' ', indent: /^\s/.test(current.text) });
  }
  for (const line of out) line.text = line.text.trim().replace(/[ \t]{2,}/g, ' ');
  return out;
}

const pendingLines = new WeakMap<TextLine, number[]>();

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
  for (const line of lines) {
    const start = /^(\*{1,3}|\d{1,3})(?:\s+(\S.*))?$/.exec(line.text);
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

function resolveMarkerLines(lines: TextLine[], notes: NoteEntry[], citations: Citation[], report: Report): void {
  const pending = new RegExp(`${PENDING_MARKER}([^${PENDING_MARKER}]*)${PENDING_MARKER}`, 'gu');
  for (const line of lines) {
    if (!line.text.includes(PENDING_MARKER)) continue;
    const sourceLines = pendingLines.get(line) ?? [];
    let k = 0;
    line.text = line.text.replace(pending, (_, marker: string) => {
      const sourceLine = sourceLines[k++] ?? line.line;
      const note = noteFor(marker, line.page, notes);
      if (note < 0) {
        warn(report, 'stray-number', `"${marker}" on a line of its own matches no footnote; kept as text`, sourceLine);
        return ` ${marker} `;
      }
      citations.push({ note, page: line.page, line: sourceLine });
      return citationChar(citations.length - 1);
    });
  }
}

/**
 * Finds the markers of notes that no marker line cites: glued to a word ("Agreement,2", "Nations1"),
 * to a year ("2015–20303"), or floating ("activities, 1"). Only the notes of the page are looked for,
 * in order, after the previous note's citation.
 */
function findGluedMarkers(lines: TextLine[], notes: NoteEntry[], citations: Citation[], language: LanguageTable, report: Report): void {
  const numbered = (language.numberedNouns ?? []).map((w) => w.toLowerCase());
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
      ['glued', new RegExp(`(?<=[\\p{L}”’»),.;:])${m}(?=[\\s,.;:)]|$)`, 'gu')],
      ['year', new RegExp(`(?<=(?:19|20)\\d\\d)${m}(?=[\\s,.;:)]|$)`, 'gu')],
      ['floating', new RegExp(`(?<=[\\p{L}\\p{P}\\d])\\s${m}(?=\\s+[\\p{Ll}(]|\\s*[,.;:]|\\s*$)`, 'gu')],
    ];
    let found = false;
    for (const [kind, pattern] of patterns) {
      for (let li = cursor.lineIndex; li < lines.length && !found; li++) {
        const line = lines[li]!;
        if (line.page > note.page) break;
        const start = li === cursor.lineIndex ? cursor.offset : 0;
        // Only lines holding the marker's digits can hold the marker.
        if (!line.text.includes(m, start)) continue;
        const segment = line.text.slice(start);
        pattern.lastIndex = 0;
        for (const match of segment.matchAll(pattern)) {
          const at = start + match.index;
          const wordBefore = line.text.slice(0, at).trim().split(/\s+/).at(-1)?.toLowerCase().replace(/[^\p{L}]/gu, '') ?? '';
          if (kind === 'floating' && numbered.includes(wordBefore)) continue;
          // Never the end of a document symbol or an abbreviation number ("A/80/L.2/Rev.1", "No.1").
          const tokenStart = line.text.lastIndexOf(' ', at - 1) + 1;
          const head = line.text.slice(tokenStart, at);
          if (kind !== 'floating' && /[\p{L}\p{N}.]$/u.test(head) && /\/|\b(?:No|Rev|Add|Corr|para|art|vol)\.$/u.test(head)) continue;
          const char = citationChar(citations.length);
          citations.push({ note: index, page: line.page, line: line.line });
          const original = line.text;
          line.text = `${original.slice(0, at)}${char}${original.slice(at + match[0].length)}`;
          // The words as printed and as repaired, for the report: "Agreement 4" → "Agreement", "2015–20303" → "2015–2030".
          const from = original.lastIndexOf(' ', at - 1) + 1;
          const toSpace = original.indexOf(' ', at + match[0].length);
          const before = original.slice(from, toSpace < 0 ? original.length : toSpace).replace(CITATION_PATTERN, '');
          const after = `${original.slice(from, at)}${original.slice(at + match[0].length, toSpace < 0 ? original.length : toSpace)}`.replace(CITATION_PATTERN, '');
          report.repairs.push({ file: report.file, line: line.line, kind: `note-marker-${kind}`, before, after });
          cursor = { lineIndex: li, offset: at + char.length };
          found = true;
          break;
        }
      }
      if (found) break;
    }
    if (!found) warn(report, 'marker-not-found', `note ${m}: its marker was not found on page ${note.page}`, note.line);
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
  const start = text.lastIndexOf(' ', at - 1) + 1;
  const endSpace = text.indexOf(' ', at + marker.length);
  const end = endSpace < 0 ? text.length : endSpace;
  const before = text.slice(start, end).replace(CITATION_PATTERN, '');
  return { before, after: `${text.slice(start, at)}${text.slice(at + marker.length, end)}`.replace(CITATION_PATTERN, '') };
}

/**
 * A note cited again later: its marker glued to the word or punctuation it follows ("Development,2")
 * on a page at or after the note's own. Glued markers only: a number after a space is too often a number.
 */
function findRepeatedMarkers(lines: TextLine[], notes: NoteEntry[], citations: Citation[], report: Report): void {
  const numbered = notes.map((note, index) => ({ note, index })).filter(({ note }) => /^\d+$/.test(note.marker));
  if (numbered.length === 0) return;
  const markers = [...new Set(numbered.map(({ note }) => note.marker))].sort((a, b) => b.length - a.length);
  // Glued ("Goals2", "Development,2"), or spaced after a comma or a closing quote when the extractor
  // spaces its markers ("Development, 2 taking"): a number right after a comma is rarely a number.
  const spaced = citations.length > 0 && report.repairs.filter((r) => r.kind === 'note-marker-floating').length * 2 >= citations.length;
  const pattern = new RegExp(
    `(?<=[\\p{L}”’)]|[\\p{L}\\p{N}”’)][,;:]${spaced ? '|[\\p{L}”’)][,”’)] ' : ''})(${markers.join('|')})(?=[\\s,.;:)]|$)`,
    'gu',
  );
  for (const line of lines) {
    line.text = line.text.replace(pattern, (marker: string, _m: string, offset: number) => {
      const candidates = numbered.filter(({ note }) => note.marker === marker && note.page <= line.page);
      const first = citations.find((c) => candidates.some(({ index }) => index === c.note));
      const chosen = candidates.at(-1);
      // Only after the note's first citation, and never inside a number or a symbol.
      if (!chosen || !first || first.page > line.page || (first.page === line.page && first.line >= line.line)) return marker;
      const head = line.text.slice(line.text.lastIndexOf(' ', offset - 1) + 1, offset);
      if (head.includes('/') && /[\p{L}\p{N}.]$/u.test(head)) return marker;
      const char = citationChar(citations.length);
      citations.push({ note: chosen.index, page: line.page, line: line.line });
      const token = tokenAround(line.text, offset, marker);
      report.repairs.push({ file: report.file, line: line.line, kind: 'note-marker-repeated', before: token.before, after: token.after });
      return char;
    });
  }
}

/**
 * Markers whose notes are not in the text (an excerpt cut before its footnotes): numbers floating
 * after words that run 7, 8, 9, 10… in order are note markers, not numbers of the text. Each becomes a
 * note with no text, reported.
 */
function findOrphanMarkerRuns(lines: TextLine[], notes: NoteEntry[], citations: Citation[], numberedNouns: readonly string[], report: Report): void {
  const known = new Set(notes.map((n) => n.marker));
  const nouns = new Set(numberedNouns.map((w) => w.toLowerCase()));
  const candidates: Array<{ line: TextLine; at: number; length: number; value: number; position: number }> = [];
  let position = 0;
  for (const line of lines) {
    // A heading ("Artículo 1") or a list of numbers ("paragraphs 21, 22 and 23") holds no markers.
    if (line.text.split(' ').length >= 4) {
      for (const m of line.text.matchAll(/(?<=[\p{L}\p{N}”’»),])\s(\d{1,3})(?=[\s,.;:]|$)/gu)) {
        const before = line.text.slice(0, m.index);
        const word = before.split(/\s+/).at(-1)!.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
        const afterYear = /(?:^|\s)(?:19|20)\d\d$/.test(before);
        if (nouns.has(word) || (/\d,?$/.test(before) && !afterYear) || /^(?:and|et|y|и|or|ou|o)$/.test(word)) continue;
        candidates.push({ line, at: m.index, length: m[0].length, value: Number(m[1]), position: position + m.index });
      }
    }
    position += line.text.length + 1;
  }
  // Longest runs of consecutive values, in reading order.
  const runs: Array<typeof candidates> = [];
  let run: typeof candidates = [];
  for (const candidate of candidates) {
    if (run.length && candidate.value === run.at(-1)!.value + 1 && candidate.position - run.at(-1)!.position >= 5) run.push(candidate);
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

// ---------------------------------------------------------------------------------------------
// Words and typography

function tokensOf(text: string): string[] {
  return text
    .replace(CITATION_PATTERN, ' ')
    .split(/\s+/)
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').toLowerCase())
    .filter(Boolean);
}

function buildVocabulary(lines: TextLine[], language: LanguageTable): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) for (const token of tokensOf(line.text)) counts.set(token, (counts.get(token) ?? 0) + 1);
  for (const word of language.commonWords) counts.set(word, (counts.get(word) ?? 0) + 1000);
  // Ordinal words ("twenty-first") are words of the language too.
  for (const word of Object.keys(language.sessionOrdinals)) counts.set(word, (counts.get(word) ?? 0) + 1000);
  return counts;
}

/** "Bosnie -" + "Herzégovine", "al-" + "Hikma", "Moyen -Orient": close the break, keep the hyphen. */
function closeHyphenBreaks(lines: TextLine[], report: Report): void {
  for (const [i, line] of lines.entries()) {
    const next = lines[i + 1];
    const inline = line.text.replace(/(\p{L}+) -(\p{L}+)/gu, (all, left: string, right: string) => {
      report.repairs.push({ file: report.file, line: line.line, kind: 'hyphen-space', before: all, after: `${left}-${right}` });
      return `${left}-${right}`;
    });
    line.text = inline;
    if (next && /\p{L}[)]? ?-$/u.test(line.text) && /^\p{L}/u.test(next.text)) {
      const before = line.text;
      line.text = line.text.replace(/ ?-$/, '-');
      line.glue = '';
      report.repairs.push({
        file: report.file,
        line: line.line,
        kind: 'hyphen-break',
        before: `${before.split(' ').at(-1)} / ${next.text.split(' ')[0]}`,
        after: `${line.text.split(' ').at(-1)}${next.text.split(' ')[0]}`,
      });
    }
  }
}

/**
 * Fragments no word of the language can be ("durin g", "framewo rk", "Houth i", "improv i se d"): a
 * lower-case piece with no vowel or a single letter that is not a word joins its neighbour — the side
 * that gives a word attested in the text, else the word before it (splits mostly cut off endings).
 */
const letterRuleCache = new WeakMap<LanguageTable, { vowel: RegExp; suffixes: Set<string> }>();
function letterRules(language: LanguageTable): { vowel: RegExp; suffixes: Set<string> } {
  let rules = letterRuleCache.get(language);
  if (!rules) {
    rules = { vowel: new RegExp(`[${language.wordLetters?.vowels ?? ''}]`, 'iu'), suffixes: new Set(language.wordLetters?.suffixes ?? []) };
    letterRuleCache.set(language, rules);
  }
  return rules;
}

function joinLetterFragments(tokens: string[], vocabulary: Map<string, number>, language: LanguageTable, line: TextLine, report: Report): void {
  const letters = language.wordLetters;
  if (!letters) return;
  const { vowel, suffixes } = letterRules(language);
  const twoLetterWords = letters.twoLetterWords;
  const isFragment = (token: string) =>
    suffixes.has(token) ||
    (/^\p{Ll}{1,3}$/u.test(token) &&
      (token.length === 1
        ? !letters.singleLetterWords.includes(token)
        : (!vowel.test(token) && !language.commonWords.includes(token)) || (token.length === 2 && twoLetterWords !== undefined && !twoLetterWords.includes(token))));
  const bareEnd = /^(.*?\p{L})$/u;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const core = /^(\p{Ll}+)([^\p{L}]*)$/u.exec(token);
    if (!core) continue;
    const previous = i > 0 ? tokens[i - 1]! : undefined;
    // "directi on": a short piece after a non-word, together ending as the language's words end ("-ion").
    const endsWord =
      previous !== undefined &&
      core[1]!.length <= 3 &&
      /^\p{L}{4,}$/u.test(previous) &&
      (vocabulary.get(previous.toLowerCase()) ?? 0) <= 1 &&
      [...suffixes].some((suffix) => suffix.length >= 3 && `${previous}${core[1]}`.toLowerCase().endsWith(suffix) && !previous.toLowerCase().endsWith(suffix));
    if (!isFragment(core[1]!) && !endsWord) continue;
    const next = i + 1 < tokens.length ? tokens[i + 1]! : undefined;
    const canJoinPrevious = previous !== undefined && bareEnd.test(previous) && /\p{L}$/u.test(previous) && !/\d/.test(previous);
    const canJoinNext = next !== undefined && core[2] === '' && /^\p{Ll}/u.test(next);
    const withPrevious = canJoinPrevious ? `${previous}${token}` : undefined;
    const withNext = canJoinNext ? `${token}${next}` : undefined;
    const known = (w: string | undefined) => w !== undefined && vocabulary.has(w.replace(/[^\p{L}]/gu, '').toLowerCase());
    let joined: 'previous' | 'next' | undefined;
    if (known(withPrevious)) joined = 'previous';
    else if (known(withNext)) joined = 'next';
    else if (canJoinPrevious) joined = 'previous';
    else if (canJoinNext) joined = 'next';
    if (joined === 'previous') {
      report.repairs.push({ file: report.file, line: line.line, kind: 'split-word', before: `${previous} ${token}`, after: withPrevious! });
      tokens.splice(i - 1, 2, withPrevious!);
      i -= 2;
    } else if (joined === 'next') {
      report.repairs.push({ file: report.file, line: line.line, kind: 'split-word', before: `${token} ${next}`, after: withNext! });
      tokens.splice(i, 2, withNext!);
      i -= 1;
    }
  }
}

/** A word split at a line end ("humanitari" / "an assistance", "(201" / "5)"): rejoined on the first line. */
function rejoinAcrossLines(lines: TextLine[], vocabulary: Map<string, number>, report: Report): void {
  const attested = (word: string, minus = 0) => (vocabulary.get(word) ?? 0) - minus > 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1]!;
    if (line.glue !== ' ') continue;
    const tail = /(?:^|\s)(\(?)(\p{L}+|\d{1,3})$/u.exec(line.text);
    const head = /^(\p{Ll}+|\d{1,3})([^\s\p{L}\p{N}]*)(?=\s|$)/u.exec(next.text);
    if (!tail || !head) continue;
    const [left, right] = [tail[2]!, head[1]!];
    const word = `${left}${right}`;
    const isYear = /^\d+$/.test(word) && tail[1] === '(' && head[2]!.startsWith(')') && /^(?:19|20)\d\d$/.test(word);
    const isWord = /^\p{L}+$/u.test(word) && word.length >= 4 && attested(word.toLowerCase()) && !attested(left.toLowerCase(), 1);
    if (!isYear && !isWord) continue;
    line.text = `${line.text.slice(0, line.text.length - left.length)}${word}${head[2]}`;
    next.text = next.text.slice(head[0].length).trimStart();
    report.repairs.push({ file: report.file, line: line.line, kind: 'split-word', before: `${left} ${right}${head[2]}`, after: `${word}${head[2]}` });
  }
}

/** "d omaines", "le ur", "Presid en t": rejoin when the joined word is attested and a piece is not. */
function rejoinSplitWords(lines: TextLine[], vocabulary: Map<string, number>, language: LanguageTable, report: Report): void {
  const never = new Set((language.neverJoin ?? []).map((w) => w.toLowerCase()));
  // A piece is a word of its own only if it occurs outside the same split ("humanitari an" twice).
  const pairs = new Map<string, number>();
  for (const line of lines) {
    const tokens = line.text.toLowerCase().split(' ');
    for (let i = 0; i + 1 < tokens.length; i++) pairs.set(`${tokens[i]} ${tokens[i + 1]}`, (pairs.get(`${tokens[i]} ${tokens[i + 1]}`) ?? 0) + 1);
  }
  const attested = (word: string, minus = 0) => (vocabulary.get(word) ?? 0) - minus > 0;
  const SHAPE = /^([^\p{L}]*)(\p{L}*)([^\p{L}]*)$/u;
  const OPENING = /^[(«“‘"'\[]*$/u;
  for (const line of lines) {
    const parts = line.text.split(' ');
    // Each token once: leading punctuation, letters, trailing punctuation.
    const shapes = parts.map((part) => SHAPE.exec(part) ?? undefined);
    const out: string[] = [];
    for (let i = 0; i < parts.length; i++) {
      let joined = false;
      for (const span of [3, 2]) {
        if (i + span > parts.length) continue;
        const group = shapes.slice(i, i + span);
        // Inner pieces are bare letters; the first may carry opening punctuation, the last closing.
        if (group.some((g, k) => !g || !g[2] || (k > 0 && g[1]) || (k < span - 1 && g[3]))) continue;
        const lead = group[0]![1]!;
        const trail = group[span - 1]![3]!;
        if (lead && !OPENING.test(lead)) continue;
        const core = group.map((g) => g![2]!);
        const word = core.join('').toLowerCase();
        if (!attested(word)) continue;
        const pieces = parts.slice(i, i + span);
        const splits = pairs.get(pieces.slice(0, 2).join(' ').toLowerCase()) ?? 1;
        // Short words join only from single letters into a frequent word ("o f" → "of").
        const shortJoin = word.length < 4 && language.commonWords.includes(word) && core.every((p) => !attested(p.toLowerCase(), splits) || p.length === 1);
        if (never.has(word) || (word.length < 4 && !shortJoin)) continue;
        const pieceAttested = core.map((p) => attested(p.toLowerCase(), splits) && p.length > 1);
        if (pieceAttested.every(Boolean)) continue;
        const result = `${lead}${core.join('')}${trail}`;
        report.repairs.push({ file: report.file, line: line.line, kind: 'split-word', before: pieces.join(' '), after: result });
        out.push(result);
        i += span - 1;
        joined = true;
        break;
      }
      if (!joined) out.push(parts[i]!);
    }
    joinLetterFragments(out, vocabulary, language, line, report);
    // A year split inside its parentheses: "(201 5)" → "(2015)".
    line.text = out.join(' ').replace(/\((\d{1,3}) (\d{1,3}) ?\)/g, (all, a: string, b: string) => {
      const year = `${a}${b}`;
      if (!/^(?:19|20)\d\d$/.test(year)) return all;
      report.repairs.push({ file: report.file, line: line.line, kind: 'split-word', before: all, after: `(${year})` });
      return `(${year})`;
    });
  }
}

/**
 * Some extractors drop the hyphen of a compound broken at a line end ("zerotolerance",
 * "capacity building"). When the hyphenated form is used at least twice elsewhere in the text and the
 * other form nowhere else, the hyphen is put back.
 */
const PARTICLES = new Set(['up', 'in', 'out', 'on', 'off', 'down', 'over', 'back', 'away', 'through']);

type Compounds = Map<string, { compound: string; count: number }>;

/** The hyphenated words of the text, by their joined and spaced forms ("zerotolerance", "zero tolerance"). */
function compoundsOf(vocabulary: Map<string, number>): Compounds {
  const compounds: Compounds = new Map();
  for (const [token, count] of vocabulary) {
    if (!token.includes('-') || !/^\p{L}+-\p{L}+$/u.test(token)) continue;
    compounds.set(token.replace('-', ''), { compound: token, count });
    compounds.set(token.replace('-', ' '), { compound: token, count });
  }
  return compounds;
}

function restoreDroppedHyphens(lines: TextLine[], vocabulary: Map<string, number>, compounds: Compounds, report: Report): void {
  if (compounds.size === 0) return;
  const bare = (word: string) => /^\p{L}+$/u.test(word);
  const bigrams = new Map<string, number>();
  for (const line of lines) {
    const words = line.text.toLowerCase().split(' ');
    for (let i = 0; i + 1 < words.length; i++) bigrams.set(`${words[i]} ${words[i + 1]}`, (bigrams.get(`${words[i]} ${words[i + 1]}`) ?? 0) + 1);
  }
  for (const line of lines) {
    const words = line.text.split(' ');
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      // The core of a word: letters, with punctuation kept around it.
      // Letters, with punctuation (and a possessive "’s") kept around them.
      const core = /^([^\p{L}]*)(\p{L}+)((?:[’']s)?[^\p{L}]*)$/u.exec(word);
      if (!core) continue;
      const [, lead, letters, trail] = core as unknown as [string, string, string, string];
      const joined = compounds.get(letters.toLowerCase());
      // "zerotolerance": never a word of its own when "zero-tolerance" is in the text.
      if (joined && (vocabulary.get(letters.toLowerCase()) ?? 0) <= 1) {
        const cut = joined.compound.indexOf('-');
        const repaired = `${lead}${letters.slice(0, cut)}-${letters.slice(cut)}${trail}`;
        report.repairs.push({ file: report.file, line: line.line, kind: 'hyphen-restored', before: word, after: repaired });
        words[i] = repaired;
        continue;
      }
      // "capacity building": only when the hyphenated form is the text's usual spelling.
      const next = words[i + 1];
      if (trail || next === undefined) continue;
      const nextCore = /^(\p{L}+)([^\p{L}]*)$/u.exec(next);
      if (!nextCore || !bare(letters)) continue;
      const pair = `${letters} ${nextCore[1]}`.toLowerCase();
      const spaced = compounds.get(pair);
      // Not for phrasal verbs ("follow up" beside "follow-up"), and only for a pair seen once.
      if (!spaced || spaced.compound.indexOf('-') !== letters.length || PARTICLES.has(nextCore[1]!.toLowerCase())) continue;
      if ((bigrams.get(pair) ?? 0) > 1) continue;
      const repaired = `${lead}${letters}-${next}`;
      report.repairs.push({ file: report.file, line: line.line, kind: 'hyphen-restored', before: `${word} ${next}`, after: repaired });
      words.splice(i, 2, repaired);
    }
    line.text = words.join(' ');
  }
}

/** Spaces before punctuation: removed before , . ) ; French wants a no-break space before ; : ! ? ». */
function fixPunctuationSpacing(lines: TextLine[], language: LanguageTable, report: Report): void {
  const nbspBefore = language.spaceBefore;
  for (const line of lines) {
    let text = line.text;
    const before = text;
    text = text.replace(/(\S) +([,.)\]”])(?=\s|$|[\p{P}])/gu, '$1$2');
    // An elided article split from its word: "d ’urgence", "l ’homme".
    text = text.replace(/(?<![\p{L}])(\p{L}{1,3}) ([’'])(?=\p{L})/gu, '$1$2');
    if (nbspBefore) {
      const cls = `[${nbspBefore.replace(/[\]\\^-]/g, '\\$&')}]`;
      text = text.replace(new RegExp(`(?<=\\S)[ \\u00A0\\u202F]+(?=${cls})`, 'gu'), '\u00A0');
    } else {
      text = text.replace(/(\p{L}|\p{N}|[)”’]) +([;:])(?=\s|$)/gu, '$1$2');
    }
    if (language.spaceAfter) {
      const cls = `[${language.spaceAfter}]`;
      text = text.replace(new RegExp(`(${cls})[ \\u00A0]+`, 'gu'), '$1\u00A0');
    }
    if (text !== before) {
      report.repairs.push({ file: report.file, line: line.line, kind: 'punctuation-space', before: excerptOfChange(before, text), after: excerptOfChange(text, before) });
      line.text = text;
    }
  }
}

function excerptOfChange(a: string, b: string): string {
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  return a.slice(Math.max(0, start - 12), start + 12).replace(CITATION_PATTERN, '');
}
