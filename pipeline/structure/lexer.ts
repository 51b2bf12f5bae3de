// The line lexer: each repaired line is read once and tagged with everything a rule may ask of it
// (operative number, enumerator, preambular phrase, heading shape, annex, article, plenary line, how it
// ends, the quotation marks it opens and closes). Rules read tags; they never run a pattern on a line.
import type { TextLine } from '../repair.js';
import { normalizeQuotes, openingPhrase, withoutCitations, type Lexicon, type Phrase, type SectionNumbering } from './lexicon.js';

export type ItemKind = 'letter' | 'roman' | 'number' | 'bullet';

export interface Enumerator {
  /** As printed: "(a)", "ii)", "•". */
  num: string;
  value: string;
  /** What the enumerator can be: "(i)" is a letter or a roman numeral until its list says which. */
  kinds: ItemKind[];
}

export interface OperativeNumber {
  value: number;
  /** As printed, with its period if any: "21", "3.", "1 -". */
  printed: string;
  rest: string;
  period: boolean;
  /** The operative phrase the paragraph's text opens with ("Requests"), if the table lists it. */
  phrase?: Phrase;
}

export interface Lexeme {
  line: TextLine;
  index: number;
  /** The line without note citations, trimmed. */
  plain: string;
  number?: OperativeNumber;
  /** "73/99" of "73/99. Cooperation in outer space", and the length of that prefix. */
  resolutionNumber?: { number: string; length: number };
  enumerator?: Enumerator;
  /** A phrase of the preambular table, or else a recital-shaped opening (`key` "preambularParagraph"). */
  preambular?: Phrase;
  recitalShaped?: Phrase;
  operative?: Phrase;
  /** The line is an enacting formula and nothing else ("The General Assembly,"). */
  formula: boolean;
  annex?: { word: string; num?: string };
  article?: { num: string };
  plenary: boolean;
  preambleHeading: boolean;
  /** "I" or "IV." alone; "II. Financing", "A. Reports". */
  loneRoman: boolean;
  section?: { num: string; title?: string; numbering: SectionNumbering };
  /** Short, capitalised, no closing punctuation: it may be a heading (rules decide from its neighbours). */
  headingShaped: boolean;
  startsLower: boolean;
  ends: { recital: boolean; operative: boolean; sentence: boolean; colon: boolean; listJoin: boolean; numberedNoun: boolean; comma: boolean };
  /**
   * Quotation marks (“ « opened, ” » closed) of the line: `fromZero` is the depth at its end when none was
   * open before it (a closing mark never takes the depth below zero), `net` opened minus closed. Depth after
   * the line, given depth d before it: max(d + net, fromZero).
   */
  quotes: { net: number; fromZero: number };
}

const ROMAN = /^(?:x{0,3})(?:ix|iv|v?i{0,3})$/i;
const ENUMERATOR = /^(?:\((?<paren>[a-z]{1,2}|[ivxlc]{1,6}|\d{1,2})\)|(?<close>[a-z]|[ivx]{1,5})\)|(?<bullet>[•▪◦‣●\-–—]))\s+/u;
// "1. Decides", "21 Encourage" (period missing), "1 - تقرر" (UN Arabic style), "1．" (full-width).
const OPERATIVE_NUMBER = /^(?<num>\d{1,4})(?<period>\.|．|\s?[-–]\s?)?(?:\s+|(?=\p{Lu})|(?=\p{Script=Han}))(?<rest>\S.*)?$/u;
// A letter numbers a section only with its period ("A. Reports"): "A Multisectoral Response" is a sentence.
// "73/99. Cooperation in outer space", "54/18 B. Question of …", "73/6 - الذكرى" (Arabic style): an adopted
// resolution's number and title.
const RESOLUTION_NUMBER = /^(?<number>\d{1,3}\/\d{1,4}(?:\s?[A-Z])?)(?:\.|\s?[-–])(?:\s+|$)/u;
// The title may be in a script without capitals ("A. 报告").
const SECTION_HEADING = /^(?<num>[IVXL]{1,6}\.?|[A-H]\.)(?:\s+(?<title>[\p{Lu}\p{Lo}].*))?$/u;
const LONE_ROMAN = /^[IVXL]+\.?$/;
const CLOSING_PUNCTUATION = /[,;.:،؛，；。:]$/u;

export function readEnumerator(text: string): Enumerator | undefined {
  const match = ENUMERATOR.exec(text);
  if (!match?.groups) return undefined;
  const { paren, close, bullet } = match.groups;
  if (bullet) return { num: bullet, value: bullet, kinds: ['bullet'] };
  const value = (paren ?? close)!;
  const num = paren !== undefined ? `(${paren})` : `${close})`;
  if (/^\d+$/.test(value)) return { num, value, kinds: ['number'] };
  const kinds: ItemKind[] = [];
  if (/^[a-z]{1,2}$/.test(value) && (value.length === 1 || value[0] === value[1])) kinds.push('letter');
  if (ROMAN.test(value)) kinds.push('roman');
  return kinds.length ? { num, value, kinds } : undefined;
}

/**
 * An item lettered in the language's own script: "б)" is item 2. It is read as the Latin letter of the same
 * place ("b"), so lists, levels and sequence checks work as for "(b)"; `num` keeps what is printed.
 */
function readNativeEnumerator(text: string, lexicon: Lexicon): Enumerator | undefined {
  const native = lexicon.nativeEnumerator;
  const match = native?.pattern.exec(text);
  if (!native || !match?.groups) return undefined;
  const { paren, close } = match.groups;
  const letter = (paren ?? close)!;
  const place = native.ordinal.get(letter)!;
  if (place > 26) return undefined;
  return { num: paren !== undefined ? `(${paren})` : `${close})`, value: String.fromCharCode(96 + place), kinds: ['letter'] };
}

/** "II. Financing", "A. Reports", or a number of the language's own ("ألف - التقارير" is letter A). */
function readSection(plain: string, lexicon: Lexicon): Lexeme['section'] {
  const latin = SECTION_HEADING.exec(plain)?.groups;
  if (latin) {
    const num = latin['num']!;
    const roman = /^[IVXL]/.test(num);
    const numbering: SectionNumbering = roman ? { series: 'roman', ordinal: ordinalOf(num.replace(/\.$/, ''), 'roman') } : { series: 'letter', ordinal: num.charCodeAt(0) - 64 };
    return { num, title: latin['title'], numbering };
  }
  const native = lexicon.nativeSection?.pattern.exec(plain)?.groups;
  if (!native) return undefined;
  return { num: native['num']!, title: native['title'], numbering: lexicon.nativeSection!.numbers.get(native['word']!)! };
}

export function ordinalOf(value: string, kind: ItemKind): number {
  if (kind === 'letter') return value.length === 2 ? 26 + value.charCodeAt(0) - 96 : value.charCodeAt(0) - 96;
  if (kind === 'number') return Number(value);
  if (kind === 'bullet') return 0;
  const digits: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
  let total = 0;
  const v = value.toLowerCase();
  for (let i = 0; i < v.length; i++) {
    const current = digits[v[i]!]!;
    const next = digits[v[i + 1]!] ?? 0;
    total += current < next ? -current : current;
  }
  return total;
}

function countQuotes(text: string): Lexeme['quotes'] {
  let depth = 0;
  let net = 0;
  for (const char of text) {
    if (char === '“' || char === '«') {
      depth++;
      net++;
    } else if (char === '”' || char === '»') {
      net--;
      if (depth > 0) depth--;
    }
  }
  return { net, fromZero: depth };
}

/** A line that is one of the table's formulas, as normalised (normalizeQuotes, once per line rather than per formula). */
const isFormula = (normalized: string, lexicon: Lexicon) => lexicon.formulas.some((f) => f.formula === normalized);

export function tagLine(line: TextLine, index: number, lexicon: Lexicon): Lexeme {
  const plain = withoutCitations(line.text).trim();
  const numbered = OPERATIVE_NUMBER.exec(plain)?.groups;
  const number: OperativeNumber | undefined = numbered
    ? {
        value: Number(numbered['num']),
        rest: numbered['rest'] ?? '',
        period: numbered['period'] !== undefined,
        printed: plain.slice(0, plain.length - (numbered['rest'] ?? '').length).trim(),
        phrase: openingPhrase(numbered['rest'] ?? '', lexicon.operative),
      }
    : undefined;
  const resolution = RESOLUTION_NUMBER.exec(plain);
  const annex = lexicon.annexHeading.exec(plain)?.groups;
  const article = lexicon.articleHeading.exec(plain)?.groups;
  const preambular = openingPhrase(plain, lexicon.preambular);
  const shape = preambular ? undefined : lexicon.recitalShape?.exec(plain)?.[0];
  const section = readSection(plain, lexicon);
  const tail = plain.slice(-80);
  return {
    line,
    index,
    plain,
    number,
    resolutionNumber: resolution ? { number: resolution.groups!['number']!, length: resolution[0].length } : undefined,
    enumerator: readEnumerator(plain) ?? readNativeEnumerator(plain, lexicon),
    preambular,
    recitalShaped: shape ? { phrase: shape, key: 'preambularParagraph' } : undefined,
    operative: openingPhrase(plain, lexicon.operative),
    formula: plain.length < 80 && isFormula(normalizeQuotes(plain), lexicon),
    annex: annex ? { word: annex['word']!, num: annex['num'] } : undefined,
    article: article ? { num: article['num']! } : undefined,
    plenary: lexicon.plenary.test(plain),
    preambleHeading: lexicon.preambleHeading.test(plain),
    // "أولا -" or "一." alone on its line, its title on the next, as "I" alone.
    loneRoman: LONE_ROMAN.test(plain) || (section !== undefined && section.title === undefined && section.numbering.series === 'roman' && lexicon.nativeSection !== undefined),
    section,
    // A heading numbered in words of a script without capitals ("ثانيا - التمويل") has the shape too.
    headingShaped: plain.length > 0 && plain.length < 100 && (/^\p{Lu}/u.test(plain) || section !== undefined) && !CLOSING_PUNCTUATION.test(plain),
    startsLower: /^\p{Ll}/u.test(plain),
    ends: {
      recital: lexicon.recitalEnd.test(tail),
      operative: lexicon.operativeEnd.test(tail),
      sentence: lexicon.sentenceEnd.test(tail),
      colon: /[:：]\s*$/u.test(tail),
      comma: /[,،，]\s*$/u.test(tail),
      listJoin: lexicon.listJoin.test(tail),
      numberedNoun: lexicon.numberedNounEnd?.test(tail) ?? false,
    },
    quotes: countQuotes(line.text),
  };
}

/**
 * Texts whose whitespace was collapsed (a web copy: a whole page on one line) are cut back into lines
 * where a new block visibly starts: before the next operative number after a sentence end, before a
 * preambular phrase of the table after a recital end, before an enumerator after an intro. Only long
 * lines are cut, in one pass over each.
 */
export function splitCollapsed(lines: readonly TextLine[], lexicon: Lexicon): TextLine[] {
  const out: TextLine[] = [];
  const { recitalBoundary, paragraphBoundary } = lexicon;
  for (const line of lines) {
    if (line.text.length < 200) {
      out.push(line);
      continue;
    }
    const cuts = new Set<number>();
    for (const m of line.text.matchAll(paragraphBoundary)) cuts.add(m.index + m[0].length);
    if (recitalBoundary) for (const m of line.text.matchAll(recitalBoundary)) cuts.add(m.index + m[0].length);
    const points = [...cuts].filter((c) => c > 0).sort((a, b) => a - b);
    let from = 0;
    for (const cut of [...points, line.text.length]) {
      const text = line.text.slice(from, cut).trim();
      if (text) out.push({ ...line, text, glue: cut === line.text.length ? line.glue : ' ' });
      from = cut;
    }
  }
  return out;
}
