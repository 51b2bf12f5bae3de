// Reading a PDF: the positioned glyphs, rules and link annotations of each page, through Mozilla's PDF.js.
// Reads: the bytes of a PDF.   Writes: a PdfLayout (pages of glyphs in page coordinates, rules, links), or an
// InputError naming the file: encrypted, damaged, no text layer, too many pages.
//
// PDF.js is asynchronous, the stages are not: this runs before them (buildAsync in build.ts), and the
// layout stage (layout.ts) reads what it returns. PDF.js runs in this thread (its "fake worker"), without
// eval, without loading fonts into a browser, without system fonts and without fetching anything.
// getTextContent() is not used: it merges glyphs into runs and guesses spaces from gaps with fixed factors
// ("Presid en t"); the operator list gives every glyph with its font, size and advance, so the text state
// is followed here (text matrix, character and word spacing, horizontal scale, rise, CTM).
import { InputError } from './report.js';

/** A glyph (or a ligature) as drawn: origin on the baseline, in page units with y upwards. */
export interface Glyph {
  text: string;
  x: number;
  y: number;
  /** Advance of the glyph itself (without character spacing). */
  width: number;
  /** Font size in page units (vertical scale of text and CTM applied). */
  size: number;
  font: string;
  italic: boolean;
  bold: boolean;
  /** The font's space glyph (byte 32), drawn: a word boundary stated by the PDF. */
  space: boolean;
}

/** A horizontal stroke or thin filled rectangle: footnote separators, underlines. */
export interface Rule {
  x1: number;
  x2: number;
  y: number;
}

export interface LinkArea {
  url: string;
  /** Rectangles [x1, y1, x2, y2] (quadrilaterals when the annotation has them, else its rect). */
  rects: Array<[number, number, number, number]>;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  glyphs: Glyph[];
  rules: Rule[];
  links: LinkArea[];
  /** Glyphs drawn rotated or mirrored, left out of the lines. */
  rotated?: number;
}

export interface PdfLayout {
  pages: PdfPage[];
  /** Milliseconds spent in PDF.js (open, operator lists, annotations). */
  parseMs: number;
}

/** A resolution has tens of pages; a file of thousands is not one and would hold a worker for minutes. */
export const MAX_PDF_PAGES = 400;

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

interface GraphicsState {
  ctm: Matrix;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
  font?: PdfFont;
  fontSize: number;
  lineWidth: number;
}

interface PdfFont {
  name: string;
  fontMatrix: Matrix;
  vertical: boolean;
}

interface PdfGlyphObject {
  unicode: string;
  width: number;
  isSpace: boolean;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- PDF.js's operator arguments are untyped arrays */
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;
const loadPdfJs = (): Promise<PdfJs> => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

const ITALIC = /italic|oblique|-it\b|,it\b/i;
const BOLD = /bold|black|heavy|semibold|demi/i;
const LIGATURE = /[\uFB00-\uFB06]/;

/** Reads the glyphs, rules and links of every page. Bad PDFs throw an InputError. */
export async function readPdf(file: string, bytes: Uint8Array): Promise<PdfLayout> {
  const started = performance.now();
  const lib = await loadPdfJs();
  const OPS = lib.OPS;
  // PDF.js takes ownership of (and may detach) the buffer it is given: give it a copy.
  const task = lib.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    stopAtErrors: true,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw pdfError(file, error);
  }
  try {
    if (doc.numPages > MAX_PDF_PAGES) throw new InputError(file, `the PDF has ${doc.numPages} pages, over the limit of ${MAX_PDF_PAGES} pages for one resolution`, undefined, 'too-large');
    const pages: PdfPage[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const operators = await page.getOperatorList();
      const annotations = await page.getAnnotations({ intent: 'display' });
      const result: PdfPage = { number, width: x1 - x0, height: y1 - y0, glyphs: [], rules: [], links: [], rotated: 0 };
      interpret(operators.fnArray, operators.argsArray, (name: string) => fontOf(page.commonObjs, name), OPS, result, [1, 0, 0, 1, -x0, -y0]);
      for (const annotation of annotations as any[]) {
        const url = annotation.url ?? annotation.unsafeUrl;
        if (annotation.subtype !== 'Link' || typeof url !== 'string') continue;
        result.links.push({ url, rects: linkRects(annotation, x0, y0) });
      }
      pages.push(result);
      page.cleanup();
    }
    const characters = pages.reduce((n, p) => n + p.glyphs.filter((g) => !g.space && g.text.trim()).length, 0);
    if (characters < 20 * pages.length && characters < 200) {
      throw new InputError(file, `the PDF has no text layer (${characters} characters on ${pages.length} page${pages.length === 1 ? '' : 's'}): a scanned document? OCR is not supported`, undefined, 'no-text');
    }
    return { pages, parseMs: performance.now() - started };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw pdfError(file, error);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

function pdfError(file: string, error: unknown): InputError {
  const name = (error as { name?: string })?.name ?? '';
  const message = String((error as { message?: string })?.message ?? error).split('\n')[0]!;
  if (name === 'PasswordException') return new InputError(file, 'the PDF is encrypted (password-protected); decrypt it first', undefined, 'encrypted');
  return new InputError(file, `damaged or not a PDF: ${message}`, undefined, 'damaged');
}

function fontOf(objects: any, name: string): PdfFont {
  const font = objects.has(name) ? objects.get(name) : undefined;
  const matrix = (font?.fontMatrix as number[] | undefined) ?? [0.001, 0, 0, 0.001, 0, 0];
  return { name: String(font?.name ?? name), fontMatrix: [...matrix] as Matrix, vertical: Boolean(font?.vertical) };
}

function linkRects(annotation: any, x0: number, y0: number): Array<[number, number, number, number]> {
  const quads = annotation.quadPoints as ArrayLike<number> | undefined;
  const rects: Array<[number, number, number, number]> = [];
  if (quads && quads.length >= 8) {
    for (let i = 0; i + 8 <= quads.length; i += 8) {
      const xs = [quads[i]!, quads[i + 2]!, quads[i + 4]!, quads[i + 6]!];
      const ys = [quads[i + 1]!, quads[i + 3]!, quads[i + 5]!, quads[i + 7]!];
      rects.push([Math.min(...xs) - x0, Math.min(...ys) - y0, Math.max(...xs) - x0, Math.max(...ys) - y0]);
    }
  }
  if (rects.length === 0) {
    const [a, b, c, d] = annotation.rect as number[];
    rects.push([Math.min(a!, c!) - x0, Math.min(b!, d!) - y0, Math.max(a!, c!) - x0, Math.max(b!, d!) - y0]);
  }
  return rects;
}

/** Follows the text and graphics state through a page's operators, collecting glyphs and rules. */
function interpret(fnArray: number[], argsArray: any[], fontOf: (name: string) => PdfFont, OPS: PdfJs['OPS'], page: PdfPage, base: Matrix): void {
  let state: GraphicsState = { ctm: base, charSpacing: 0, wordSpacing: 0, hScale: 1, leading: 0, rise: 0, fontSize: 0, lineWidth: 1 };
  const stack: GraphicsState[] = [];
  let textMatrix: Matrix = IDENTITY;
  let lineMatrix: Matrix = IDENTITY;
  const fonts = new Map<string, PdfFont>();
  const matrixArg = (args: any[]): Matrix => (args.length === 1 ? Array.from(args[0] as ArrayLike<number>) : [...args]) as Matrix;
  const moveText = (tx: number, ty: number) => {
    lineMatrix = multiply([1, 0, 0, 1, tx, ty], lineMatrix);
    textMatrix = lineMatrix;
  };
  const show = (items: Array<PdfGlyphObject | number>) => {
    const font = state.font;
    if (!font || !items) return;
    const size = state.fontSize;
    const scale = font.fontMatrix[0];
    for (const item of items) {
      if (typeof item === 'number') {
        const tx = (-item / 1000) * size * state.hScale;
        textMatrix = multiply([1, 0, 0, 1, tx, 0], textMatrix);
        continue;
      }
      if (!item) continue;
      const advance = item.width * scale * size;
      const full = multiply(textMatrix, state.ctm);
      const [x, y] = apply(full, 0, state.rise);
      const vertical = Math.hypot(full[2], full[3]);
      const horizontal = Math.hypot(full[0], full[1]);
      // Rotated or mirrored text (a margin note set sideways) does not run along the lines: left out, counted.
      const upright = full[0] > 0 && Math.abs(full[1]) <= 0.05 * full[0] && Math.abs(full[2]) <= 0.05 * Math.abs(full[3]) && full[3] > 0;
      if (!upright && item.unicode) page.rotated = (page.rotated ?? 0) + 1;
      if (item.unicode !== undefined && item.unicode !== '' && !font.vertical && upright) {
        page.glyphs.push({
          // Ligatures (ﬁ, ﬂ) are their letters: the text is what is read, not how it is drawn.
          text: LIGATURE.test(item.unicode) ? item.unicode.normalize('NFKC') : item.unicode,
          x,
          y,
          width: advance * state.hScale * horizontal,
          size: size * vertical,
          font: font.name,
          italic: ITALIC.test(font.name),
          bold: BOLD.test(font.name),
          space: item.isSpace || /^\s+$/u.test(item.unicode),
        });
      }
      const tx = (advance + state.charSpacing + (item.isSpace ? state.wordSpacing : 0)) * state.hScale;
      textMatrix = multiply([1, 0, 0, 1, tx, 0], textMatrix);
    }
  };
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = (argsArray[i] ?? []) as any[];
    switch (fn) {
      case OPS.save:
        stack.push({ ...state });
        break;
      case OPS.restore:
        state = stack.pop() ?? state;
        break;
      case OPS.transform:
        state.ctm = multiply(matrixArg(args), state.ctm);
        break;
      case OPS.paintFormXObjectBegin:
        stack.push({ ...state });
        if (args[0]) state.ctm = multiply(Array.from(args[0] as ArrayLike<number>) as Matrix, state.ctm);
        break;
      case OPS.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case OPS.setLineWidth:
        state.lineWidth = Number(args[0]);
        break;
      case OPS.beginText:
        textMatrix = IDENTITY;
        lineMatrix = IDENTITY;
        break;
      case OPS.setFont: {
        const name = String(args[0]);
        let font = fonts.get(name);
        if (!font) fonts.set(name, (font = fontOf(name)));
        state.font = font;
        state.fontSize = Number(args[1]);
        break;
      }
      case OPS.setTextMatrix:
        textMatrix = lineMatrix = matrixArg(args);
        break;
      case OPS.moveText:
        moveText(Number(args[0]), Number(args[1]));
        break;
      case OPS.setLeadingMoveText:
        state.leading = -Number(args[1]);
        moveText(Number(args[0]), Number(args[1]));
        break;
      case OPS.nextLine:
        moveText(0, -state.leading);
        break;
      case OPS.setCharSpacing:
        state.charSpacing = Number(args[0]);
        break;
      case OPS.setWordSpacing:
        state.wordSpacing = Number(args[0]);
        break;
      case OPS.setHScale:
        state.hScale = Number(args[0]) / 100;
        break;
      case OPS.setLeading:
        state.leading = Number(args[0]);
        break;
      case OPS.setTextRise:
        state.rise = Number(args[0]);
        break;
      case OPS.showText:
      case OPS.showSpacedText:
        show(args[0]);
        break;
      case OPS.nextLineShowText:
        moveText(0, -state.leading);
        show(args[0]);
        break;
      case OPS.nextLineSetSpacingShowText:
        state.wordSpacing = Number(args[0]);
        state.charSpacing = Number(args[1]);
        moveText(0, -state.leading);
        show(args[2]);
        break;
      case OPS.constructPath:
        collectRule(args, state, page, OPS);
        break;
    }
  }
}

/** A painted path whose box is flat and wide enough is a rule (a separator line or a thin bar). */
function collectRule(args: any[], state: GraphicsState, page: PdfPage, OPS: PdfJs['OPS']): void {
  const paint = Number(args[0]);
  if (paint !== OPS.stroke && paint !== OPS.fill && paint !== OPS.eoFill && paint !== OPS.fillStroke && paint !== OPS.closeStroke) return;
  const box = args[2] as ArrayLike<number> | undefined;
  if (!box || box.length < 4) return;
  const [ax, ay] = apply(state.ctm, box[0]!, box[1]!);
  const [bx, by] = apply(state.ctm, box[2]!, box[3]!);
  const stroke = paint === OPS.stroke || paint === OPS.closeStroke || paint === OPS.fillStroke ? state.lineWidth * Math.hypot(state.ctm[2], state.ctm[3]) : 0;
  const height = Math.abs(by - ay) + stroke;
  const width = Math.abs(bx - ax);
  if (height <= 2.5 && width >= 20) page.rules.push({ x1: Math.min(ax, bx), x2: Math.max(ax, bx), y: (ay + by) / 2 });
}
