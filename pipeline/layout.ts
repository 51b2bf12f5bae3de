// The layout reader: what the text path has to guess, read from the page instead.
// Reads: context.layout (the glyphs, rules and links of each page, pdf-read.ts).   Writes: context.text (the
// reading text, for language detection and messages), context.repaired (the same lines, notes, citations and
// links the repair stage makes from a text), and every fact read from the layout in the report.
//
// Everything here is geometry, never a list of words:
//  - lines are glyphs sharing a baseline; a run of smaller glyphs with a raised baseline is a superscript of
//    the line below it; a gap of many ems splits a line into columns (masthead fields);
//  - a word boundary is a space glyph or a gap wider than a fraction of an em, so no word is ever split;
//  - page furniture is a line in the top or bottom band of the page that is repeated in the same band on other
//    pages (digits aside: "2/7", "3/7") or has the shape of a page number, job number, barcode or print date;
//  - a footnote block is what lies below a short rule starting at the text's left margin; notes start at a
//    superscript marker at the start of a line; a block without a marker first continues the last note;
//  - a note citation is a superscript run in the body that names a note of its page (or a neighbouring one);
//  - a link is the text inside its annotation's rectangles; two rectangles of one URL, the second starting a
//    line where the first ended one, are one reference;
//  - italic and bold runs come from the font names; indentation from the line's left edge.
import type { BuildContext, Stage } from './context.js';
import type { Glyph, PdfPage } from './pdf-read.js';
import { citationChar, SYMBOL_SOURCE, type Citation, type NoteEntry, type PageLink, type TextLine } from './repair.js';
import { info, InputError, warn } from './report.js';

/** An emphasised run of a line's text, from the font name (offsets in UTF-16 code units). */
export interface EmphasisRun {
  start: number;
  end: number;
  style: 'italic' | 'bold';
}

/** A line read from the layout: a TextLine with optional facts the text path cannot know. */
export interface LayoutLine extends TextLine {
  emphasis?: EmphasisRun[];
  /** Left edge of the line in page units. */
  x?: number;
}

/** A link as read from the annotation: the words its rectangles cover. */
export interface LayoutLink extends PageLink {
  text: string;
  rectangles: number;
}

/** What the layout reader found, for the report and the tests. */
export interface LayoutFacts {
  pages: number;
  lines: number;
  furniture: number;
  noteBlocks: number;
  notes: number;
  markers: number;
  /** Markers printed on the baseline, taken by the narrow rule in readLayout (reported as warnings). */
  baselineMarkers: number;
  superscriptsKept: number;
  links: number;
  linkRectangles: number;
  italicRuns: number;
  boldRuns: number;
  hyphenBreaksKept: number;
  softHyphensClosed: number;
}

// Geometry, in ems of the line's font size unless said otherwise.
/** A gap wider than this between two glyphs is a word boundary (letter spacing of justified text stays below 0.15). */
const WORD_GAP = 0.22;
/** A gap wider than this splits a line into two fields (masthead columns); a tab after "1." is about 2.5 ems. */
const COLUMN_GAP = 6;
/** Two glyphs whose baselines differ by less than this share a line. */
const SAME_BASELINE = 0.3;
/** A superscript is at most this size relative to its line… */
const SUPERSCRIPT_SIZE = 0.8;
/** …and its baseline at most this far above the line's (and at least a tenth of an em). */
const SUPERSCRIPT_RISE = 0.75;
const SYMBOL_ALONE = new RegExp(`^${SYMBOL_SOURCE}$`);
const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;
const NOT_TEXT_SOURCE = String.raw`[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\u{F0000}-\u{10FFFF}]`;
const NOT_TEXT = new RegExp(NOT_TEXT_SOURCE, 'u');
const NOT_TEXT_ALL = new RegExp(NOT_TEXT_SOURCE, 'gu');
/** Top and bottom bands of the page where furniture lives, as a fraction of the page height. */
const BAND = 0.1;

interface Placed {
  glyph: Glyph;
  superscript: boolean;
}

interface Row {
  y: number;
  size: number;
  x1: number;
  x2: number;
  glyphs: Placed[];
}

interface PageLine {
  page: number;
  y: number;
  x: number;
  size: number;
  /** Text with markers as placeholders; built by renderLine. */
  pieces: Piece[];
  band: 'top' | 'bottom' | null;
  furniture?: string;
  note?: boolean;
}

type Piece =
  | { kind: 'text'; text: string; glyphs: Glyph[]; italic: boolean; bold: boolean }
  /** `wide`: a gap of more than an em (a tab: after a note's number in a footnote block). */
  | { kind: 'space'; wide?: boolean }
  | { kind: 'superscript'; text: string; glyphs: Glyph[] };

/** Scripts written without spaces: between two of their glyphs only a space glyph is a word boundary. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\uFF00-\uFFEF]/u;

export function readLayout(context: BuildContext): void {
  const layout = context.layout!;
  const { report } = context;
  const facts: LayoutFacts = { pages: layout.pages.length, lines: 0, furniture: 0, noteBlocks: 0, notes: 0, markers: 0, baselineMarkers: 0, superscriptsKept: 0, links: 0, linkRectangles: 0, italicRuns: 0, boldRuns: 0, hyphenBreaksKept: 0, softHyphensClosed: 0 };
  // Right-to-left scripts are drawn in visual order; putting them back in reading order needs the
  // bidirectional algorithm run backwards, which this reader does not do: refuse rather than reverse words.
  let letters = 0;
  let rightToLeft = 0;
  for (const page of layout.pages) {
    for (const glyph of page.glyphs) {
      if (glyph.space) continue;
      letters++;
      if (RIGHT_TO_LEFT.test(glyph.text)) rightToLeft++;
    }
  }
  if (rightToLeft > letters / 5) throw new InputError(context.file, 'right-to-left text (Arabic, Hebrew) is not read from PDFs yet; build a text extraction of this PDF instead', undefined, 'unsupported');
  // What a font maps to characters XML forbids (controls, noncharacters, lone surrogates) or to the private
  // planes the pipeline uses for note citations is not text: it is dropped, and counted in a warning.
  let dropped = 0;
  for (const page of layout.pages) {
    for (const glyph of page.glyphs) {
      if (!NOT_TEXT.test(glyph.text)) continue;
      const clean = glyph.text.replace(NOT_TEXT_ALL, '');
      dropped += glyph.text.length - clean.length;
      // The glyph stays, without text: its width still tells that the letters beside it touch it.
      glyph.text = clean;
      if (!clean) glyph.space = false;
    }
  }
  const rotated = layout.pages.reduce((n, page) => n + (page.rotated ?? 0), 0);
  if (rotated) warn(report, 'layout-rotated', `${rotated} glyphs drawn rotated or mirrored (text set sideways) are not read`);
  if (dropped) warn(report, 'layout-not-text', `${dropped} code units the fonts map to characters XML forbids or to private planes were dropped`);
  const pages = layout.pages.map((page) => pageLines(page));
  markFurniture(pages, 'shape');
  // Footnote blocks next (a long note may reach the bottom band), then running heads among the rest.
  const noteLinesOf = pages.map((lines, p) => footnoteLines(layout.pages[p]!, lines));
  markFurniture(pages, 'repeated', mastheadSymbolOf(pages[0] ?? []));

  const lines: LayoutLine[] = [];
  const notes: NoteEntry[] = [];
  const citations: Citation[] = [];
  const links: LayoutLink[] = [];
  const textLines: string[] = [];
  let symbol: string | undefined;
  const symbolAlone = new RegExp(`^${SYMBOL_SOURCE}$`);

  // Footnote blocks first: the body's markers are resolved against the notes of their page.
  const notesOnPage: NoteEntry[][] = [];
  const noteIndex = new Map<NoteEntry, number>();
  const firstByMarker = new Map<string, NoteEntry>();
  /** Lines under a footnote rule before any note: kept in the body, with a warning. */
  const pending: LayoutLine[] = [];
  const glyphPlace = new Map<Glyph, { line: LayoutLine; offset: number }>();

  const makeLine = (source: PageLine, page: number, markers?: (text: string) => string | undefined): LayoutLine => {
    const { text, emphasis, places, kept } = renderLine(source, markers ?? (() => undefined));
    // In the body, a superscript that names no note stays as printed ("1er"); in a note block the lead one is the marker.
    if (markers) facts.superscriptsKept += kept;
    // Numbered once every line of the page is read (body first, then notes: the reading order).
    const line: LayoutLine = { text, line: 0, page, glue: ' ', indent: false, x: source.x };
    if (emphasis.length) line.emphasis = emphasis;
    for (const [glyph, offset] of places) glyphPlace.set(glyph, { line, offset });
    return line;
  };

  // The symbol printed alone in the first page's top band is the document's (the masthead).
  symbol = mastheadSymbolOf(pages[0] ?? []);
  const bodyOf: LayoutLine[][] = [];
  const noteLinesRead: LayoutLine[][] = [];
  const furnitureOf: Array<Array<{ text: string; kind: string }>> = [];
  /** Messages naming a line, given once the lines are numbered. */
  const later: Array<{ line: LayoutLine; severity: 'info' | 'warning'; code: string; message: string }> = [];
  for (const [p, pageLinesList] of pages.entries()) {
    const page = p + 1;
    furnitureOf.push([]);
    for (const line of pageLinesList) {
      if (line.furniture) {
        const text = plainText(line);
        facts.furniture++;
        furnitureOf[p]!.push({ text, kind: line.furniture });
        if (!symbol && symbolAlone.test(text)) symbol = text;
      }
    }
    noteLinesRead.push([]);
    bodyOf.push([]);
    const own: NoteEntry[] = [];
    const noteLines = noteLinesOf[p]!;
    if (noteLines.length) facts.noteBlocks++;
    for (const source of noteLines) {
      // A note starts at its marker: a superscript at the line start, or a number set off by a tab.
      const lead = source.pieces[0];
      const tabbed = lead?.kind === 'text' && /^(?:\d{1,3}|\*{1,3})$/.test(lead.text) && source.pieces[1]?.kind === 'space' && source.pieces[1].wide === true;
      const marker = lead?.kind === 'superscript' || tabbed ? lead.text.trim() : undefined;
      const line = makeLine(source, page);
      noteLinesRead[p]!.push(line);
      if (marker !== undefined && lead && lead.kind !== 'space') {
        const before = line.text.length;
        line.text = line.text.slice(lead.text.length).replace(/^\s+/, '');
        const removed = before - line.text.length;
        if (line.emphasis) line.emphasis = line.emphasis.map((e) => ({ ...e, start: Math.max(0, e.start - removed), end: e.end - removed })).filter((e) => e.end > e.start);
        const note: NoteEntry = { marker, lines: [line], page, line: 0 };
        own.push(note);
        noteIndex.set(note, notes.length);
        notes.push(note);
      } else if (own.length) {
        own.at(-1)!.lines.push(line);
      } else if (notes.length) {
        // A block that opens without a marker continues the last note of an earlier page.
        notes.at(-1)!.lines.push(line);
        if (source === noteLines[0]) later.push({ line, severity: 'info', code: 'layout-note-continued', message: `page ${page}: the footnote block opens without a marker; it continues note ${notes.at(-1)!.marker}` });
      } else {
        later.push({ line, severity: 'warning', code: 'layout-note-orphan', message: `page ${page}: text below the footnote rule without a marker: "${line.text.slice(0, 40)}"` });
        pending.push(line);
      }
    }
    notesOnPage.push(own);
    // A superscript cites the note with its marker on its page, else on the page before (a note set on
    // the next page), else the first one of the document (a repeated citation).
    const byMarker = (list: readonly NoteEntry[]) => {
      const map = new Map<string, NoteEntry>();
      for (const note of list) if (!map.has(note.marker)) map.set(note.marker, note);
      return map;
    };
    const onPage = byMarker(own);
    const onPrevious = byMarker(notesOnPage[p - 1] ?? []);
    for (const note of own) if (!firstByMarker.has(note.marker)) firstByMarker.set(note.marker, note);
    for (const source of pageLinesList) {
      if (source.furniture || source.note) continue;
      const markerFor = (marker: string): string | undefined => {
        const note = onPage.get(marker) ?? onPrevious.get(marker) ?? firstByMarker.get(marker);
        return note ? citationChar(noteIndex.get(note)!) : undefined;
      };
      const line = makeLine(source, page, markerFor);
      lines.push(line);
      bodyOf[p]!.push(line);
    }
    // Text under a rule before any note stays in the body, at its place after the page's body.
    lines.push(...pending.splice(0));
  }
  // Line numbers in reading order: each page's body, then its notes (as the text path's lines run).
  let lineNumber = 0;
  for (const [p, body] of bodyOf.entries()) {
    const first = lineNumber + 1;
    for (const line of body) line.line = ++lineNumber;
    for (const line of noteLinesRead[p]!) line.line = ++lineNumber;
    for (const item of furnitureOf[p]!) report.furniture.push({ line: first, text: item.text, kind: item.kind });
  }
  for (const note of notes) note.line = note.lines[0]!.line;
  for (const message of later) (message.severity === 'info' ? info : warn)(report, message.code, message.message, message.line.line);
  // A marker printed on the baseline (no superscript in the layout) is taken only at a line end, glued to the
  // punctuation that closes a clause ("UNISPACE+50,1"), when its note exists and was already cited as a
  // superscript: a repeated citation the typesetter failed to raise. It is reported, never silent.
  const cited = new Set<number>();
  for (const line of lines) {
    for (const char of line.text) if ((char.codePointAt(0) ?? 0) >= 0xf0000) cited.add(char.codePointAt(0)! - 0xf0000);
    const glued = /([,;:])(\d{1,2})$/u.exec(line.text);
    if (!glued) continue;
    const index = notes.findIndex((n, i) => n.marker === glued[2] && cited.has(i));
    if (index < 0) continue;
    line.text = line.text.slice(0, glued.index + 1) + citationChar(index);
    facts.baselineMarkers++;
    warn(report, 'layout-marker-on-baseline', `page ${line.page}: "${glued[0]}" at the line end is taken for note ${glued[2]}, cited before, though printed on the baseline`, line.line);
  }
  // Citations, in reading order, from the characters placed in the lines.
  // Until here a placed character names its note; the lines carry the index of the citation instead.
  for (const line of lines) {
    line.text = line.text.replace(/[\u{F0000}-\u{FFFFD}]/gu, (char) => {
      citations.push({ note: char.codePointAt(0)! - 0xf0000, page: line.page, line: line.line });
      return citationChar(citations.length - 1);
    });
  }
  facts.markers = citations.length - facts.baselineMarkers;
  facts.notes = notes.length;

  // Indentation: the line starts right of the page's left margin (the leftmost body line).
  const margins = new Map<number, number>();
  const linesByPage = new Map<number, LayoutLine[]>();
  for (const line of lines) linesByPage.set(line.page, [...(linesByPage.get(line.page) ?? []), line]);
  // The document's margin wins over a page's own mode where the page has a line at it (a page of
  // indented sub-items has its mode at their indentation).
  const documentMargin = leftMargin(lines);
  for (const [page, pageLines] of linesByPage) {
    const own = leftMargin(pageLines);
    margins.set(page, own > documentMargin + 1 && pageLines.some((l) => Math.abs((l.x ?? 0) - documentMargin) <= 1) ? documentMargin : own);
  }
  for (const line of lines) line.indent = (line.x ?? 0) - (margins.get(line.page) ?? 0) > 6;

  // Line ends: a hyphen drawn at the end of a line belongs to the word ("Houthi-" + "controlled"); a soft
  // hyphen is a break and is closed. Either way the next line continues the word without a space.
  for (const group of [lines, ...notes.map((n) => n.lines)]) {
    for (const line of group) {
      if (line.text.endsWith('\u00AD')) {
        line.text = line.text.slice(0, -1);
        line.glue = '';
        facts.softHyphensClosed++;
      } else if (/\p{L}-$/u.test(line.text)) {
        line.glue = '';
        facts.hyphenBreaksKept++;
      }
    }
  }

  // Links: the glyphs inside each annotation's rectangles.
  const nextLine = new Map<LayoutLine, LayoutLine>();
  for (const group of [lines, ...notes.map((n) => n.lines as LayoutLine[])]) group.forEach((line, i) => i > 0 && nextLine.set(group[i - 1]!, line));
  for (const [p, page] of layout.pages.entries()) {
    const found: Array<LayoutLink & { order: [number, number]; start: { line: LayoutLine; offset: number }; end: { line: LayoutLine; offset: number; length: number } }> = [];
    // The page's placed glyphs by the height of their x-height middle, to find a rectangle's by bisection.
    const placed = page.glyphs.filter((g) => glyphPlace.has(g)).map((glyph) => ({ glyph, cy: glyph.y + glyph.size * 0.3 }));
    placed.sort((a, b) => a.cy - b.cy);
    const firstAbove = (y: number) => {
      let lo = 0;
      let hi = placed.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (placed[mid]!.cy < y) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    for (const area of page.links) {
      const covered: Array<{ line: LayoutLine; offset: number; glyph: Glyph }> = [];
      const seen = new Set<Glyph>();
      for (const [x1, y1, x2, y2] of area.rects) {
        for (let i = firstAbove(y1); i < placed.length && placed[i]!.cy <= y2; i++) {
          const { glyph } = placed[i]!;
          // A third of the glyph inside the rectangle, on its line (the x-height inside it): producers draw the
          // rectangles a point or two off the glyphs; what that adds at the ends is punctuation (linkWords).
          if (seen.has(glyph) || Math.min(x2, glyph.x + glyph.width) - Math.max(x1, glyph.x) < glyph.width / 3) continue;
          seen.add(glyph);
          covered.push({ ...glyphPlace.get(glyph)!, glyph });
        }
      }
      facts.linkRectangles += area.rects.length;
      if (!covered.length) {
        warn(report, 'layout-link-empty', `page ${p + 1}: the link to ${area.url} covers no text`);
        continue;
      }
      covered.sort((a, b) => a.line.line - b.line.line || a.offset - b.offset);
      const first = covered[0]!;
      const last = covered.at(-1)!;
      found.push({ url: area.url, page: p + 1, line: first.line.line, text: coveredText(covered), rectangles: area.rects.length, order: [first.line.line, first.offset], start: { line: first.line, offset: first.offset }, end: { line: last.line, offset: last.offset, length: last.glyph.text.length } });
    }
    found.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1]);
    for (const link of found) {
      const previous = links.at(-1) as (typeof found)[number] | undefined;
      // A citation wrapped over two lines (or over a page break): the second rectangle starts the line that
      // follows the one where the first ends (a bracket or a comma may be left outside either).
      const wrapped =
        previous !== undefined &&
        previous.url === link.url &&
        link.start.offset <= 1 &&
        nextLine.get(previous.end.line) === link.start.line &&
        previous.end.offset + previous.end.length >= previous.end.line.text.length - 2;
      if (previous && wrapped) {
        previous.text = `${previous.text}${previous.end.line.glue}${link.text}`;
        previous.rectangles += link.rectangles;
        previous.end = link.end;
        continue;
      }
      links.push(link);
    }
  }
  for (const link of links) link.text = linkWords(link.text);
  facts.links = links.length;
  for (const link of links) for (const key of ['order', 'start', 'end']) delete (link as unknown as Record<string, unknown>)[key];

  for (const group of [lines, ...notes.map((n) => n.lines)]) {
    for (const line of group) {
      for (const run of (line as LayoutLine).emphasis ?? []) run.style === 'italic' ? facts.italicRuns++ : facts.boldRuns++;
    }
  }
  facts.lines = lines.length + notes.reduce((n, note) => n + note.lines.length, 0);

  // The reading text, line numbers as in the lines (used for language detection and in messages).
  const all = [...lines, ...notes.flatMap((n) => n.lines)].sort((a, b) => a.line - b.line);
  for (const line of all) textLines[line.line - 1] = line.text.replace(/[\u{F0000}-\u{FFFFD}]/gu, '');
  context.text = Array.from(textLines, (t) => t ?? '').join('\n');
  context.repaired = { lines: lines.filter((l) => l.text.length > 0), notes, citations, links, symbol, pageCount: layout.pages.length };
  context.layoutFacts = facts;
  info(
    report,
    'layout',
    `read from the PDF layout: ${facts.pages} pages, ${facts.lines} lines, ${facts.furniture} furniture lines from the page bands, ${facts.notes} notes in ${facts.noteBlocks} footnote blocks, ${facts.markers} note markers from superscripts (${facts.superscriptsKept} other superscripts kept as printed), ${facts.links} links from ${facts.linkRectangles} annotation rectangles, ${facts.italicRuns} italic and ${facts.boldRuns} bold runs from font names, ${facts.hyphenBreaksKept} line-end hyphens kept as printed, ${facts.softHyphensClosed} soft hyphens closed`,
  );
}

/** The layout stage replaces decode and repair for a PDF (stages.ts). */
export const layoutStage: Stage = { name: 'layout', run: readLayout };

// ---------------------------------------------------------------------------------------------
// Lines

/** The size most glyphs of a set have (the body size of a page, the size of a line). */
function commonSize(glyphs: readonly Glyph[]): number {
  const counts = new Map<number, number>();
  for (const g of glyphs) if (!g.space) counts.set(Math.round(g.size * 10), (counts.get(Math.round(g.size * 10)) ?? 0) + g.text.length);
  let best = 0;
  let bestCount = -1;
  for (const [size, count] of counts) if (count > bestCount || (count === bestCount && size > best)) [best, bestCount] = [size, count];
  return best / 10;
}

function pageLines(page: PdfPage): PageLine[] {
  // Rows: glyphs sharing a baseline, top of the page first.
  const glyphs = [...page.glyphs].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Row[] = [];
  for (const glyph of glyphs) {
    const row = rows.at(-1);
    if (row && Math.abs(row.y - glyph.y) <= SAME_BASELINE * Math.min(row.size, glyph.size)) {
      row.glyphs.push({ glyph, superscript: false });
      if (!glyph.space) {
        row.x1 = Math.min(row.x1, glyph.x);
        row.x2 = Math.max(row.x2, glyph.x + glyph.width);
      }
    } else {
      rows.push({ y: glyph.y, size: glyph.size, x1: glyph.x, x2: glyph.x + glyph.width, glyphs: [{ glyph, superscript: false }] });
    }
  }
  for (const row of rows) row.size = commonSize(row.glyphs.map((g) => g.glyph)) || row.size;
  // A row of small glyphs just above a row of larger ones is its superscripts.
  const kept: Row[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const below = rows[i + 1];
    const small = row.glyphs.every((g) => g.glyph.space || g.glyph.size <= SUPERSCRIPT_SIZE * (below?.size ?? 0));
    const rise = below ? row.y - below.y : 0;
    if (below && small && rise >= 0.1 * below.size && rise <= SUPERSCRIPT_RISE * below.size && row.x1 >= below.x1 - below.size && row.x2 <= below.x2 + 3 * below.size) {
      for (const placed of row.glyphs) below.glyphs.push({ glyph: placed.glyph, superscript: true });
      below.x1 = Math.min(below.x1, row.x1);
      below.x2 = Math.max(below.x2, row.x2);
      continue;
    }
    kept.push(row);
  }
  // Glyphs on a row's own baseline but clearly smaller and raised are superscripts too (rise drawn with Ts).
  const lines: PageLine[] = [];
  for (const row of kept) {
    row.glyphs.sort((a, b) => a.glyph.x - b.glyph.x);
    for (const placed of row.glyphs) {
      const g = placed.glyph;
      if (!placed.superscript && !g.space && g.size <= SUPERSCRIPT_SIZE * row.size && g.y - row.y >= 0.1 * row.size) placed.superscript = true;
    }
    // Drop glyphs drawn twice at the same place (fake bold, shadows).
    const unique: Placed[] = [];
    for (const placed of row.glyphs) {
      const prev = unique.at(-1);
      if (prev && prev.glyph.text === placed.glyph.text && Math.abs(prev.glyph.x - placed.glyph.x) < 0.3 && Math.abs(prev.glyph.y - placed.glyph.y) < 0.3) continue;
      unique.push(placed);
    }
    // Columns: a gap of many ems cuts the row into separate lines (masthead fields).
    let current: Placed[] = [];
    let visibleInCurrent = false;
    let end = -Infinity;
    const flush = () => {
      visibleInCurrent = false;
      const visible = current.filter((p) => !p.glyph.space);
      if (visible.length) {
        const line = makePageLine(page, row, current);
        const previous = lines.at(-1);
        // The symbol printed at the right of the masthead's first row stays on that row, as extractors print it.
        if (previous && previous.y === line.y && SYMBOL_ALONE.test(plainText(line))) previous.pieces.push({ kind: 'space' }, { kind: 'space' }, ...line.pieces);
        else lines.push(line);
      }
      current = [];
    };
    for (const placed of unique) {
      if (placed.glyph.space) {
        current.push(placed);
        continue;
      }
      if (visibleInCurrent && placed.glyph.x - end > COLUMN_GAP * row.size) flush();
      current.push(placed);
      visibleInCurrent = true;
      end = Math.max(end, placed.glyph.x + placed.glyph.width);
    }
    flush();
  }
  return lines;
}

function makePageLine(page: PdfPage, row: Row, glyphs: Placed[]): PageLine {
  const visible = glyphs.filter((p) => !p.glyph.space);
  const x = Math.min(...visible.map((p) => p.glyph.x));
  const band = row.y > page.height * (1 - BAND) ? 'top' : row.y < page.height * BAND ? 'bottom' : null;
  return { page: page.number, y: row.y, x, size: row.size, pieces: piecesOf(glyphs, row.size), band };
}

/** Words and spaces from glyph positions: a space glyph, or a gap wider than WORD_GAP ems. */
function piecesOf(glyphs: Placed[], size: number): Piece[] {
  const pieces: Piece[] = [];
  let end: number | undefined;
  let pendingSpace = false;
  let previous: Glyph | undefined;
  for (const { glyph, superscript } of glyphs) {
    if (glyph.space) {
      pendingSpace = true;
      continue;
    }
    const gap = end === undefined ? 0 : glyph.x - end;
    const unspaced = previous !== undefined && UNSPACED.test(previous.text) && UNSPACED.test(glyph.text);
    if (end !== undefined && (pendingSpace || (!unspaced && gap > WORD_GAP * Math.min(size, glyph.size / (superscript ? SUPERSCRIPT_SIZE : 1))))) {
      // A superscript marker drawn right after its word gets no space before it even if the font spaces it.
      if (!(superscript && !pendingSpace) && pieces.at(-1)?.kind !== 'space') pieces.push(gap > size ? { kind: 'space', wide: true } : { kind: 'space' });
    }
    pendingSpace = false;
    previous = glyph;
    const last = pieces.at(-1);
    if (superscript) {
      if (last?.kind === 'superscript') {
        last.text += glyph.text;
        last.glyphs.push(glyph);
      } else pieces.push({ kind: 'superscript', text: glyph.text, glyphs: [glyph] });
    } else if (last?.kind === 'text' && last.italic === glyph.italic && last.bold === glyph.bold) {
      last.text += glyph.text;
      last.glyphs.push(glyph);
    } else {
      pieces.push({ kind: 'text', text: glyph.text, glyphs: [glyph], italic: glyph.italic, bold: glyph.bold });
    }
    end = glyph.x + glyph.width;
  }
  return pieces;
}

function plainText(line: PageLine): string {
  return line.pieces.map((p) => (p.kind === 'space' ? ' ' : p.text)).join('').trim();
}

/** The line's text: superscripts that name a note become its citation character, others stay as printed. */
function renderLine(line: PageLine, markerFor: (marker: string) => string | undefined): { text: string; emphasis: EmphasisRun[]; places: Array<[Glyph, number]>; kept: number } {
  let text = '';
  const emphasis: EmphasisRun[] = [];
  const places: Array<[Glyph, number]> = [];
  let kept = 0;
  const put = (piece: Extract<Piece, { glyphs: Glyph[] }>) => {
    for (const glyph of piece.glyphs) {
      places.push([glyph, text.length]);
      text += glyph.text;
    }
  };
  for (const piece of line.pieces) {
    if (piece.kind === 'space') {
      if (text.length) text += ' ';
      continue;
    }
    if (piece.kind === 'superscript') {
      const marker = markerFor(piece.text.trim());
      if (marker) {
        if (text.endsWith(' ')) text = text.slice(0, -1);
        text += marker;
      } else {
        kept++;
        put(piece);
      }
      continue;
    }
    const start = text.length;
    put(piece);
    const style = piece.italic ? 'italic' : piece.bold ? 'bold' : undefined;
    if (style) {
      const previous = emphasis.at(-1);
      // Runs separated only by a space are one run ("Noting with satisfaction").
      if (previous && previous.style === style && previous.end >= start - 1) previous.end = text.length;
      else emphasis.push({ start, end: text.length, style });
    }
  }
  const trimmed = text.trimEnd();
  return { text: trimmed, emphasis: emphasis.filter((e) => e.start < trimmed.length), places, kept };
}

/**
 * The words of a link: its rectangles are drawn with a little padding, so the comma after a citation or the
 * brackets around it fall inside; they are punctuation beside the citation, not part of it.
 */
export function linkWords(covered: string): string {
  let text = covered.trim().replace(/[,;:.]+$/u, '');
  for (;;) {
    const open = (text.match(/\(/g) ?? []).length;
    const close = (text.match(/\)/g) ?? []).length;
    if (text.startsWith('(') && (text.endsWith(')') || open > close)) text = text.endsWith(')') && open === close ? text.slice(1, -1) : text.slice(1);
    else if (text.endsWith(')') && close > open) text = text.slice(0, -1);
    else break;
    text = text.trim().replace(/[,;:.]+$/u, '');
  }
  return text;
}

function coveredText(covered: Array<{ line: LayoutLine; offset: number; glyph: Glyph }>): string {
  let text = '';
  let previous: { line: LayoutLine; offset: number; glyph: Glyph } | undefined;
  for (const place of covered) {
    if (previous) {
      if (previous.line !== place.line) text += previous.line.glue;
      else if (place.offset > previous.offset + previous.glyph.text.length) text += place.line.text.slice(previous.offset + previous.glyph.text.length, place.offset);
    }
    text += place.glyph.text;
    previous = place;
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// Furniture and footnotes

const SHAPES: ReadonlyArray<readonly [kind: string, pattern: RegExp]> = [
  ['page-number', /^(?:\d{2}-\d{5}\s+)?\d{1,4}\s*\/\s*\d{1,4}(?:\s+\d{2}-\d{5})?$/],
  ['job-number', /^\d{2}-\d{5}\s*(?:\([A-Z]\))?(?:\s+\d{6})?$/],
  ['barcode', /^\*\d{6,}\*$/],
  ['print-date', /^\d{6}$/],
];

/** Lines in the top or bottom band that recur on other pages (digits aside), or have a furniture shape. */
/** The symbol printed at the end of a line in the first page's top band (the masthead). */
function mastheadSymbolOf(lines: PageLine[]): string | undefined {
  const mastheadSymbol = new RegExp(`(?:^|\\s)(${SYMBOL_SOURCE})$`);
  for (const line of lines) {
    const found = line.band === 'top' ? mastheadSymbol.exec(plainText(line)) : null;
    if (found) return found[1];
  }
  return undefined;
}

function markFurniture(pages: PageLine[][], by: 'shape' | 'repeated', symbol?: string): void {
  const key = (line: PageLine) => `${line.band}:${plainText(line).replace(/\d+/g, '#')}`;
  const seen = new Map<string, Set<number>>();
  for (const lines of pages) for (const line of lines) if (line.band && !line.note && !line.furniture) seen.set(key(line), (seen.get(key(line)) ?? new Set()).add(line.page));
  for (const lines of pages) {
    for (const line of lines) {
      if (!line.band || line.note || line.furniture) continue;
      const text = plainText(line);
      const shape = SHAPES.find(([, pattern]) => pattern.test(text))?.[0];
      if (by === 'shape') {
        if (shape) line.furniture = shape;
      }
      // The first page carries the masthead, not running heads: there only the shapes above are furniture.
      else if (line.page > 1 && ((seen.get(key(line))?.size ?? 0) >= 2 || (line.band === 'top' && text === symbol))) line.furniture = line.band === 'top' ? 'running-header' : 'running-footer';
    }
  }
  if (by === 'shape') return;
  // Beside a running head on its row, and between it and the page edge, is more of the running head (a running
  // title of two lines next to the symbol); text on the body's side of it is never touched.
  for (const lines of pages) {
    if (lines[0]?.page === 1) continue;
    for (const band of ['top', 'bottom'] as const) {
      const zone = lines.filter((l) => l.band === band && !l.note);
      const heads = zone.filter((l) => l.furniture);
      if (!heads.length) continue;
      const inner = band === 'top' ? Math.min(...heads.map((l) => l.y)) : Math.max(...heads.map((l) => l.y));
      for (const line of zone) {
        if (line.furniture) continue;
        const outside = band === 'top' ? line.y >= inner - 0.5 : line.y <= inner + 0.5;
        if (outside) line.furniture = band === 'top' ? 'running-header' : 'running-footer';
      }
    }
  }
}

/** The left edge most lines start at (rounded to a point): the text's left margin. */
function leftMargin(lines: ReadonlyArray<{ x?: number }>): number {
  const counts = new Map<number, number>();
  for (const line of lines) if (line.x !== undefined) counts.set(Math.round(line.x), (counts.get(Math.round(line.x)) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [x, count] of counts) if (count > bestCount || (count === bestCount && x < best)) [best, bestCount] = [x, count];
  return best;
}

/** A rule typed as a run of underscores (word processors draw the footnote separator so). */
const TYPED_RULE = /^_{5,}$/;

/**
 * The lines below the page's footnote rule: a short rule (drawn, or typed as underscores) starting at the
 * text's left margin, with only text smaller than the body's under it down to the bottom band.
 */
function footnoteLines(page: PdfPage, lines: PageLine[]): PageLine[] {
  const content = lines.filter((l) => !l.furniture);
  if (!content.length) return [];
  const left = leftMargin(content);
  const bodySize = commonSize(content.flatMap((l) => l.pieces.flatMap((p) => (p.kind === 'space' ? [] : p.glyphs))));
  const typed = content.filter((l) => TYPED_RULE.test(plainText(l)));
  const candidates = [...page.rules.map((r) => ({ x1: r.x1, x2: r.x2, y: r.y, line: undefined as PageLine | undefined })), ...typed.map((l) => ({ x1: l.x, x2: l.x + 1, y: l.y, line: l as PageLine | undefined }))];
  const rules = candidates
    .filter((r) => r.x1 <= left + 3 && r.x1 >= left - 72 && r.x2 - r.x1 < page.width / 2 && r.y < page.height * 0.75)
    .filter((r) => {
      // The body is what lies above the rule; under it only smaller text (the notes).
      const under = content.filter((l) => l.y < r.y && l !== r.line);
      const above = content.filter((l) => l.y > r.y);
      const size = above.length ? commonSize(above.flatMap((l) => l.pieces.flatMap((p) => (p.kind === 'space' ? [] : p.glyphs)))) : bodySize;
      return under.length > 0 && under.every((l) => l.size < size - 0.3);
    })
    .sort((a, b) => b.y - a.y);
  const rule = rules[0];
  if (!rule) return [];
  if (rule.line) rule.line.furniture = 'footnote-separator';
  const below = content.filter((l) => l.y < rule.y && l !== rule.line && !l.furniture);
  for (const line of below) line.note = true;
  return below;
}
