// Stage 2: structure. Recognise the parts of a resolution in the repaired lines.
// Reads: context.repaired, context.language, context.sidecar.   Writes: context.document (masthead,
// preface, formula, recitals, operative paragraphs with sub-items, annexes, conclusions, notes).
//
// A paragraph starts where the language table's vocabulary says so (a preambular phrase after a line
// that ends a recital, the next operative number, an enumerator "(a)" after a colon or semicolon), so
// the rules are the same for every resolution and every language that has a table.
import type { BuildContext, Stage } from './context.js';
import { languages, toAsciiDigits } from './lang/index.js';
import { statesWithConjunction } from './lang/states.js';
import type { LanguageTable, PhraseTable } from './lang/types.js';
import { mergeMetadata } from './metadata.js';
import type {
  Annex,
  DocumentMeta,
  Footnote,
  Inline,
  ListItem,
  OperativeParagraph,
  Recital,
  ResolutionDocument,
  Section,
} from './model.js';
import { CITATION_PATTERN, citationIndex, SYMBOL_SOURCE, type RepairedText, type TextLine } from './repair.js';
import { InputError, warn, type Report } from './report.js';

const normalizeQuotes = (s: string) => s.replace(/['ʼ]/g, '’').replace(/\s+/g, ' ').trim();

/** A phrase table ready for matching: longest phrase first, quotes normalised. */
function prepare(table: PhraseTable): Array<{ phrase: string; key: string }> {
  return table.map(([phrase, key]) => ({ phrase: normalizeQuotes(phrase), key })).sort((a, b) => b.phrase.length - a.phrase.length);
}

/** The phrase that opens `text`, if any: whole words only. */
const foldFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const caseFolding = new WeakMap<object, boolean>();

function openingPhrase(text: string, table: Array<{ phrase: string; key: string }>): { phrase: string; key: string } | undefined {
  const normalized = normalizeQuotes(text);
  // Languages that write their phrases in lower case (Russian) also print them capitalised at the
  // start of a sentence: for them the first letter's case does not matter.
  let fold = caseFolding.get(table);
  if (fold === undefined) {
    fold = table.some((entry) => /^\p{Ll}/u.test(entry.phrase));
    caseFolding.set(table, fold);
  }
  for (const entry of table) {
    const candidate = fold ? foldFirst(normalized) : normalized;
    if (!candidate.startsWith(fold ? foldFirst(entry.phrase) : entry.phrase)) continue;
    const after = normalized.charAt(entry.phrase.length);
    // Chinese writes no space after a phrase: a phrase ending in a Han character needs no boundary.
    const unspaced = /\p{Script=Han}$/u.test(entry.phrase);
    if (unspaced || after === '' || /[\s,،，:;]/u.test(after) || CITATION_PATTERN.test(after)) {
      CITATION_PATTERN.lastIndex = 0;
      return { phrase: text.slice(0, entry.phrase.length), key: entry.key };
    }
  }
  return undefined;
}

const ROMAN = /^(?:x{0,3})(?:ix|iv|v?i{0,3})$/i;
const ENUMERATOR = /^(?:\((?<paren>[a-z]{1,2}|[ivxlc]{1,6}|\d{1,2})\)|(?<close>[a-z]|[ivx]{1,5})\)|(?<bullet>[•▪◦‣●\-–—]))\s+/u;

type ItemKind = 'letter' | 'roman' | 'number' | 'bullet';

interface Enumerator {
  num: string;
  value: string;
  kinds: ItemKind[];
}

function readEnumerator(text: string): Enumerator | undefined {
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

function letterValue(value: string): number {
  return value.length === 2 ? 26 + value.charCodeAt(0) - 96 : value.charCodeAt(0) - 96;
}
function romanValue(value: string): number {
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
function ordinalOf(value: string, kind: ItemKind): number {
  if (kind === 'letter') return letterValue(value);
  if (kind === 'roman') return romanValue(value);
  if (kind === 'number') return Number(value);
  return 0;
}

/** Builds inline content from lines: joins them with their glue and turns citation characters into note references. */
export function inlinesOf(lines: readonly TextLine[], footnotes: readonly Footnote[], citations: RepairedText['citations']): Inline[] {
  const out: Inline[] = [];
  for (const [i, line] of lines.entries()) {
    const glue = i < lines.length - 1 ? line.glue : '';
    const text = line.text + glue;
    let last = 0;
    for (const match of text.matchAll(CITATION_PATTERN)) {
      if (match.index > last) out.push({ type: 'text', text: text.slice(last, match.index), origin: { line: line.line, page: line.page } });
      const citation = citations[citationIndex(match[0])];
      const note = citation && footnotes[citation.note];
      if (note) out.push({ type: 'noteRef', note, origin: { line: citation.line, page: citation.page } });
      last = match.index + match[0].length;
    }
    if (last < text.length) out.push({ type: 'text', text: text.slice(last), origin: { line: line.line, page: line.page } });
  }
  // Merge adjacent text leaves of the same line so later stages see whole phrases.
  const merged: Inline[] = [];
  for (const node of out) {
    const previous = merged.at(-1);
    if (node.type === 'text' && previous?.type === 'text' && previous.origin.page === node.origin.page) {
      previous.text += node.text;
    } else merged.push(node);
  }
  return merged;
}

/** Removes `count` characters of visible text from the start of an inline run (to take out a number or phrase). */
export function dropLeading(inlines: Inline[], count: number): Inline[] {
  const out = [...inlines];
  let remaining = count;
  while (remaining > 0 && out.length > 0) {
    const first = out[0]!;
    if (first.type !== 'text') break;
    if (first.text.length <= remaining) {
      remaining -= first.text.length;
      out.shift();
    } else {
      out[0] = { ...first, text: first.text.slice(remaining) };
      remaining = 0;
    }
  }
  const head = out[0];
  if (head?.type === 'text') out[0] = { ...head, text: head.text.replace(/^\s+/, '') };
  return out.filter((n) => n.type !== 'text' || n.text.length > 0);
}

function trimInlines(inlines: Inline[]): Inline[] {
  const out = [...inlines];
  const head = out[0];
  if (head?.type === 'text') out[0] = { ...head, text: head.text.replace(/^\s+/, '') };
  const tail = out.at(-1);
  if (tail?.type === 'text') out[out.length - 1] = { ...tail, text: tail.text.replace(/\s+$/, '') };
  return out.filter((n) => n.type !== 'text' || n.text.length > 0);
}

// ---------------------------------------------------------------------------------------------

interface Vocabulary {
  language: LanguageTable;
  preambular: Array<{ phrase: string; key: string }>;
  recitalOpening?: RegExp;
  operative: Array<{ phrase: string; key: string }>;
  recitalEnd: RegExp;
  operativeEnd: RegExp;
  annexHeading: RegExp;
  articleHeading: RegExp;
  preambleHeading: RegExp;
  plenary: RegExp;
  adoption: RegExp;
  draft: RegExp;
}

function vocabularyOf(language: LanguageTable): Vocabulary {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const anyOf = (words: readonly string[]) => words.map(esc).join('|');
  // A recital may end with a conjunction before the next one ("…; and", "…, y", "…; и").
  const punct = (chars: string) =>
    new RegExp(`[${esc(chars)}]\\s*(?:[\\u{F0000}-\\u{FFFFD}]\\s*)*(?:\\s(?:and|et|y|e|и|или|or|ou|o|و))?$`, 'u');
  return {
    language,
    preambular: prepare(language.preambularPhrases),
    recitalOpening: language.recitalOpening ? new RegExp(language.recitalOpening, 'u') : undefined,
    operative: prepare(language.operativePhrases),
    recitalEnd: punct(language.recitalEnd),
    operativeEnd: punct(`${language.operativeEnd}:`),
    annexHeading: new RegExp(`^(?<word>${anyOf(language.annexWords)})(?:\\s+(?<num>[IVXLC]+|\\d+))?\\s*[.:]?$`, 'u'),
    articleHeading: new RegExp(
      language.articleHeadingPattern ?? `^(?:${anyOf(language.articleWords)})\\s+(?<num>\\d+|${anyOf(language.firstWords)})\\.?$`,
      'u',
    ),
    preambleHeading: new RegExp(`^(?:${anyOf(language.preambleHeadings)})$`, 'u'),
    plenary: new RegExp(language.plenaryMeetingPattern, 'u'),
    adoption: new RegExp(language.adoptionLinePattern, 'u'),
    draft: new RegExp(`(?:${anyOf(language.draftWords)})\\s*$`, 'iu'),
  };
}

/** Where the enacting formula is: the first line that is one of the language's formulas. */
function findFormula(lines: readonly TextLine[], vocabulary: Vocabulary): { index: number; body: string; rest: string } | undefined {
  const formulas = vocabulary.language.formulas
    .map(([formula, body]) => ({ formula: normalizeQuotes(formula), body }))
    .sort((a, b) => b.formula.length - a.formula.length);
  const opensParagraph = (text: string | undefined) =>
    text !== undefined &&
    (openingPhrase(text, vocabulary.preambular) !== undefined ||
      openingPhrase(text, vocabulary.operative) !== undefined ||
      /^\d{1,3}\s*[.\-–]\s/u.test(text) ||
      vocabulary.preambleHeading.test(text));
  for (const [index, line] of lines.entries()) {
    const text = normalizeQuotes(line.text.replace(CITATION_PATTERN, ''));
    for (const { formula, body } of formulas) {
      if (!text.startsWith(formula)) continue;
      const rest = text.slice(formula.length).trim();
      if (rest !== '' && /^[\p{L}\p{N}]/u.test(text.charAt(formula.length)) && !/\p{Script=Han}$/u.test(formula)) continue;
      // The formula opens the text: a recital, an operative paragraph or a heading follows it.
      // (A masthead line "General Assembly" is followed by "Distr.: General", not by a paragraph.)
      const next = normalizeQuotes(lines[index + 1]?.text.replace(CITATION_PATTERN, '') ?? '');
      if (rest === '' ? opensParagraph(next) || index === lines.length - 1 : opensParagraph(rest)) {
        return { index, body, rest };
      }
    }
  }
  return undefined;
}

export function parseStructure(context: BuildContext): void {
  const repaired = context.repaired!;
  const language = context.language!;
  const { report } = context;
  const vocabulary = vocabularyOf(language);
  const footnotes: Footnote[] = repaired.notes.map((n) => ({
    marker: n.marker,
    body: [],
    origin: { line: n.line, page: n.page },
    citations: repaired.citations.filter((c) => repaired.notes[c.note] === n).length,
  }));
  const inlines = (lines: readonly TextLine[]) => inlinesOf(lines, footnotes, repaired.citations);
  for (const [i, note] of repaired.notes.entries()) footnotes[i]!.body = [trimInlines(inlines(note.lines))];

  const lines = [...repaired.lines];
  const formula = findFormula(lines, vocabulary);
  if (!formula) {
    const hasPhrases = lines.some((l) => openingPhrase(l.text, vocabulary.preambular) || /^\d{1,3}\.\s+\p{Lu}/u.test(l.text));
    if (!hasPhrases) {
      throw new InputError(
        report.file,
        `no recognisable resolution structure: no enacting formula ("${language.formulas[0]?.[0]}"), no preambular phrase, no numbered paragraph`,
        lines[0]?.line,
        'no-structure',
      );
    }
    warn(report, 'no-formula', 'no enacting formula found; the preamble starts at the first preambular phrase', lines[0]?.line);
  }

  // Everything before the formula (or the first recital) is masthead and preface.
  const firstRecital = lines.findIndex((l, i) => (formula ? i > formula.index : true) && openingPhrase(l.text, vocabulary.preambular));
  const headEnd = formula ? formula.index : Math.max(0, firstRecital);
  const head = parseHead(lines.slice(0, headEnd), vocabulary, inlines);

  // Recitals printed before the formula (declarations: "Preamble" heading, recitals, then "The General Assembly proclaims").
  const formulaLine = formula ? lines[formula.index]! : undefined;
  const afterFormula = formula ? lines.slice(formula.index + 1) : lines.slice(headEnd);
  if (formula && formula.rest && formulaLine) {
    afterFormula.unshift({ ...formulaLine, text: formula.rest });
  }
  // Recitals printed before a late formula and the text after the formula are segmented apart:
  // whatever follows the formula opens a new paragraph.
  const segments = [...segmentParagraphs(head.trailing, vocabulary, report), ...segmentParagraphs(afterFormula, vocabulary, report, head.trailing.length > 0 ? 'afterLateFormula' : 'preamble')];
  const body = buildBody(segments, vocabulary, report, inlines);

  const textMeta: Partial<DocumentMeta> = { ...head.meta };
  if (head.numberLine) textMeta.number = head.numberLine;
  if (formula) textMeta.body = formula.body;
  if (repaired.symbol && !textMeta.symbol) textMeta.symbol = repaired.symbol;
  const meta = mergeMetadata(textMeta, context.sidecar, report);

  const unplacedNotes = footnotes.filter((f) => f.citations === 0);
  const document: ResolutionDocument = {
    language,
    meta,
    masthead: head.masthead.map((l) => inlines([l])),
    preface: {
      adoption: head.adoption.map((group) => trimInlines(inlines(group))),
      sponsors: head.sponsors.length ? trimInlines(inlines(head.sponsors)) : undefined,
      title: trimInlines(inlines(head.title)),
    },
    preambleHeading: head.preambleHeading ? inlines([head.preambleHeading]) : undefined,
    formula: formulaLine ? inlines([{ ...formulaLine, text: formulaLine.text.replace(formula!.rest, '').trim() }]) : undefined,
    recitals: body.recitals,
    operative: body.operative,
    embedded: body.embedded,
    annexes: body.annexes,
    conclusions: body.conclusions.map((l) => trimInlines(inlines([l]))),
    unplacedNotes,
  };
  context.document = document;
  report.detected['recitals'] = { value: String(body.recitals.length), from: 'text' };
  report.detected['operativeParagraphs'] = { value: String(countParagraphs(body.operative)), from: 'text' };
  report.detected['notes'] = { value: String(footnotes.length), from: 'text' };
  report.detected['annexes'] = { value: String(body.annexes.length), from: 'text' };
}

export const structureStage: Stage = { name: 'structure', run: parseStructure };

function countParagraphs(nodes: Array<OperativeParagraph | Section>): number {
  return nodes.reduce((n, node) => n + (node.kind === 'paragraph' ? 1 : countParagraphs(node.children)), 0);
}

// ---------------------------------------------------------------------------------------------
// Masthead and preface

interface Head {
  masthead: TextLine[];
  adoption: TextLine[][];
  sponsors: TextLine[];
  title: TextLine[];
  /** Lines after the title that already belong to the preamble (recitals before a late formula). */
  trailing: TextLine[];
  /** "Preamble" printed as a heading (declarations). */
  preambleHeading?: TextLine;
  numberLine?: string;
  meta: Partial<DocumentMeta>;
}

const MASTHEAD_LINE: ReadonlyArray<RegExp> = [
  /^(?:United Nations|Nations Unies|Naciones Unidas|Организация Объединенных Наций|الأمم المتحدة|联合国)(?=\s|$)/u,
  /^(?:General Assembly|Security Council|Economic and Social Council|Assemblée générale|Conseil de sécurité|Asamblea General|Consejo de Seguridad|Генеральная Ассамблея|Совет Безопасности|الجمعية العامة|مجلس الأمن|大会|安全理事会)$/u,
  /^Distr\.?/u,
  new RegExp(`^${SYMBOL_SOURCE}\\s+\\p{L}`, 'u'), // a collapsed masthead starts with the symbol
  /^(?:Original|Orig\.)\s*:/u,
  // The committee of a committee draft (A/C.3/…): "Third Committee", "Troisième Commission".
  /^(?:(?:First|Second|Third|Fourth|Fifth|Sixth|Special Political and Decolonization) Committee|(?:Première|Deuxième|Troisième|Quatrième|Cinquième|Sixième) Commission|(?:Primera|Segunda|Tercera|Cuarta|Quinta|Sexta) Comisión)$/u,
  /^Français|^English|^Español/u,
];

function parseHead(lines: TextLine[], vocabulary: Vocabulary, inlines: (l: readonly TextLine[]) => Inline[]): Head {
  const language = vocabulary.language;
  const head: Head = { masthead: [], adoption: [], sponsors: [], title: [], trailing: [], meta: {} };
  const session = new RegExp(language.sessionPattern, 'iu');
  const agenda = new RegExp(language.agendaItemPattern, 'iu');
  // Mastheads of every language version print the issue date in English ("4 January 2022").
  const mastheadDates = language.code === 'en' ? [language] : [language, languages.en];
  const dateOnly = { test: (text: string) => mastheadDates.some((l) => l.datePatterns.some((p) => new RegExp(`^(?:${p})$`, 'iu').test(toAsciiDigits(text)))) };
  const mastheadDate = (text: string) => mastheadDates.map((l) => dateIn(text, l)).find(Boolean);
  let i = 0;
  let inAgendaTitle = false;
  let recognisedUpTo = -1;
  while (i < lines.length) {
    const line = lines[i]!;
    const text = line.text.replace(CITATION_PATTERN, '').trim();
    const sessionMatch = session.exec(text);
    if (MASTHEAD_LINE.some((p) => p.test(text)) || new RegExp(`^(?:\\S+\\s+)?${escapeSymbol(head.meta.symbol)}$`).test(text) || dateOnly.test(text)) {
      if (dateOnly.test(text) && !head.meta.issueDate) head.meta.issueDate = mastheadDate(text);
      head.masthead.push(line);
      inAgendaTitle = false;
      recognisedUpTo = i;
      i++;
      continue;
    }
    if (sessionMatch) {
      const ordinal = sessionMatch.groups?.['ordinal']?.toLowerCase() ?? '';
      const number = language.sessionOrdinals[ordinal];
      if (number) head.meta.session = number;
      head.masthead.push(line);
      recognisedUpTo = i;
      i++;
      continue;
    }
    const agendaMatch = agenda.exec(text);
    if (agendaMatch) {
      head.meta.agendaItem = agendaMatch.groups?.['item']?.trim();
      head.masthead.push(line);
      inAgendaTitle = true;
      recognisedUpTo = i;
      i++;
      continue;
    }
    if (vocabulary.adoption.test(text)) {
      const group = [line];
      if (!dateIn(text, language) && lines[i + 1] && dateIn(lines[i + 1]!.text, language)) group.push(lines[++i]!);
      head.adoption.push(group);
      const date = dateIn(group.map((l) => l.text).join(' '), language);
      if (date) head.meta.date = date;
      head.meta.kind = 'resolution';
      inAgendaTitle = false;
      recognisedUpTo = i;
      i++;
      continue;
    }
    if (text.startsWith('[')) {
      const group = [line];
      while (!group.at(-1)!.text.includes(']') && lines[i + 1]) group.push(lines[++i]!);
      head.adoption.push(group);
      const committee = /\((?<symbols>[^()]*)\)\s*\]?$/.exec(group.map((l) => l.text).join(' '));
      const first = committee?.groups?.['symbols']!.split(/\s+(?:and|et|y|и|و|和)\s+|,\s*/u)[0]?.trim();
      // "(A/73/L.6)" is the draft; "(A/73/480)" the committee's report.
      if (first && /\/L\.\d/.test(first)) head.meta.draftSymbol = first;
      else if (first) head.meta.committeeReport = first;
      inAgendaTitle = false;
      recognisedUpTo = i;
      i++;
      continue;
    }
    if (vocabulary.draft.test(text)) {
      // The sponsor line ends with "draft resolution"; a long list wraps over the lines before it, which
      // read as names separated by commas (an agenda item's title before them does not).
      let start = i;
      const listLine = (t: string) => SPONSOR_LIST_LINE.test(t) || (start === i && text.replace(vocabulary.draft, '').trim() === '' && /^\p{Lu}.*[:：]$/u.test(t));
      while (start > 0 && start - 1 > recognisedUpTo - (inAgendaTitle ? 10 : 0) && listLine(lines[start - 1]!.text.replace(CITATION_PATTERN, '').trim())) start--;
      const group = lines.slice(start, i + 1);
      for (const l of group) {
        if (head.masthead.includes(l)) head.masthead.splice(head.masthead.indexOf(l), 1);
      }
      head.sponsors.push(...group);
      head.meta.kind = 'resolutionDraft';
      head.meta.sponsors = splitSponsors(group.map((l) => l.text).join(' ').replace(vocabulary.draft, ''));
      inAgendaTitle = false;
      recognisedUpTo = i;
      i++;
      continue;
    }
    const number = /^(?<number>\d{1,3}\/\d{1,4}(?:\s?[A-Z])?)\.(?:\s+|$)/u.exec(text);
    if (number?.groups) {
      head.numberLine = number.groups['number'];
      head.title.push({ ...line });
      inAgendaTitle = false;
      recognisedUpTo = i;
      i++;
      continue;
    }
    if (vocabulary.preambleHeading.test(text)) {
      // A declaration's "Preamble": its recitals precede the formula.
      head.trailing = lines.slice(i + 1);
      head.preambleHeading = line;
      break;
    }
    if (openingPhrase(text, vocabulary.preambular) && head.title.length > 0) {
      head.trailing = lines.slice(i);
      break;
    }
    if (inAgendaTitle) {
      head.masthead.push(line);
      i++;
      continue;
    }
    head.title.push(line);
    i++;
  }
  // Title lines are the unrecognised lines after the last recognised preface element.
  head.title = head.title.filter((l) => !head.sponsors.includes(l) && !head.masthead.includes(l));
  head.meta.title = inlines(head.title)
    .filter((n): n is Extract<Inline, { type: 'text' }> => n.type === 'text')
    .map((n) => n.text)
    .join('')
    .replace(/^\d{1,3}\/\d{1,4}(?:\s?[A-Z])?\.\s*/u, '')
    .trim();
  if (!head.meta.symbol) {
    const symbolLine = head.masthead.find((l) => /(?:^|\s)[A-Z]{1,5}\/\S+$/.test(l.text.trim()));
    const symbol = symbolLine?.text.trim().split(/\s+/).at(-1);
    if (symbol) head.meta.symbol = symbol;
  }
  return head;
}

/** A line of a wrapped sponsor list: capitalised names, each followed by a comma ("Argentina, Austria,"). */
const SPONSOR_LIST_LINE = /^(?:\p{Lu}[\p{L}’'().\- ]*?\*?,\s*)+(?:\p{Lu}[\p{L}’'().\- ]*?\*?(?:,|\s+(?:and|et|y|и)\s+\p{Lu}[\p{L}’'().\- ]*)?)?$/u;

/** "A, B and C*:" → [A, B, C]; names with a conjunction of their own ("Trinidad and Tobago") stay whole. */
function splitSponsors(line: string): Array<{ name: string }> {
  let text = line.replace(CITATION_PATTERN, '').replace(/\*+/g, '').replace(/[:：\s]+$/u, '');
  const kept: string[] = [];
  for (const state of statesWithConjunction) {
    if (text.includes(state)) {
      text = text.replace(state, `\u0000${kept.length}\u0000`);
      kept.push(state);
    }
  }
  return text
    .split(/,\s*|\s+(?:and|et|y|и)\s+/u)
    .map((name) => name.replace(/\u0000(\d+)\u0000/g, (_, i: string) => kept[Number(i)]!).trim())
    .filter(Boolean)
    .map((name) => ({ name }));
}

function escapeSymbol(symbol: string | undefined): string {
  return symbol ? symbol.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : '(?!)';
}

/** The first date in a text, as YYYY-MM-DD, using the language's date patterns. */
export function dateIn(text: string, language: LanguageTable): string | undefined {
  for (const source of language.datePatterns) {
    const match = new RegExp(source, 'iu').exec(toAsciiDigits(text));
    const groups = match?.groups;
    if (!groups) continue;
    const monthWord = groups['month']!.toLowerCase();
    const month = /^\d+$/.test(monthWord) ? Number(monthWord) : language.months[monthWord];
    const day = Number.parseInt(groups['day']!, 10);
    const year = Number(groups['year']);
    if (!month || !day || day > 31) continue;
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

type Segment =
  | { kind: 'recital'; lines: TextLine[]; phrase: string; key: string }
  | { kind: 'operative'; lines: TextLine[]; num?: string; numberValue?: number; resolutionOwn: boolean }
  | { kind: 'item'; lines: TextLine[]; enumerator: Enumerator }
  | { kind: 'heading'; lines: TextLine[]; num?: string }
  | { kind: 'annex'; lines: TextLine[]; word: string; num?: string }
  | { kind: 'article'; lines: TextLine[]; num: string }
  | { kind: 'conclusion'; lines: TextLine[] }
  | { kind: 'text'; lines: TextLine[] };

// "1. Decides", "21 Encourage" (period missing), "1 - تقرر" (UN Arabic style), "1．" (full-width).
const OPERATIVE_NUMBER = /^(?<num>\d{1,3})(?<period>\.|．|\s?[-–]\s?)?(?:\s+|(?=\p{Lu})|(?=\p{Script=Han}))(?<rest>\S.*)?$/u;
const SECTION_HEADING = /^(?<num>[IVXL]{1,6}|[A-H])\.?(?:\s+(?<title>\p{Lu}.*))?$/u;

function segmentParagraphs(lines: readonly TextLine[], vocabulary: Vocabulary, report: Report, start: 'preamble' | 'afterLateFormula' = 'preamble'): Segment[] {
  const segments: Segment[] = [];
  let mode: 'preamble' | 'operative' | 'annex' | 'declaration' = start === 'preamble' ? 'preamble' : 'operative';
  let expected = 1;
  let current: Segment | undefined;
  const endsParagraph = (seg: Segment | undefined, pattern: RegExp) => {
    const last = seg?.lines.at(-1)?.text ?? '';
    return seg === undefined || seg.kind === 'heading' || seg.kind === 'annex' || seg.kind === 'article' || pattern.test(last);
  };
  const open = (segment: Segment) => {
    segments.push(segment);
    current = segment;
  };
  for (const [index, line] of lines.entries()) {
    const text = line.text;
    const plain = text.replace(CITATION_PATTERN, '').trim();
    const previousText = current?.lines.at(-1)?.text ?? '';
    // Inside an open quotation (a title that wraps: “…of All States,\nTaking into Account…”) no paragraph starts.
    if (current && quoteOpen(current.lines)) {
      current.lines.push(line);
      continue;
    }
    const afterEnd = endsParagraph(current, vocabulary.operativeEnd) || endsParagraph(current, vocabulary.recitalEnd);

    const annex = vocabulary.annexHeading.exec(plain);
    if (annex?.groups && (afterEnd || mode !== 'preamble')) {
      mode = 'annex';
      expected = 1;
      open({ kind: 'annex', lines: [line], word: annex.groups['word']!, num: annex.groups['num'] });
      continue;
    }
    const article = vocabulary.articleHeading.exec(plain);
    if (article?.groups && afterEnd) {
      mode = 'declaration';
      expected = 1;
      open({ kind: 'article', lines: [line], num: article.groups['num']! });
      continue;
    }
    const plenary = vocabulary.plenary.exec(plain);
    if (plenary && afterEnd && index >= lines.length - 3) {
      open({ kind: 'conclusion', lines: [line] });
      for (const after of lines.slice(index + 1)) current!.lines.push(after);
      break;
    }
    const numbered = OPERATIVE_NUMBER.exec(plain);
    if (numbered?.groups && Number(numbered.groups['num']) === expected) {
      const rest = numbered.groups['rest'] ?? '';
      const period = numbered.groups['period'] !== undefined;
      const caseless = !/\p{Lu}|\p{Ll}/u.test(rest.charAt(0));
      const plausible = (period || /^\p{Lu}/u.test(rest) || caseless) && (afterEnd || expected === 1 || current?.kind === 'text');
      if (plausible && (period || openingPhrase(rest, vocabulary.operative) || /^\p{Lu}\p{Ll}/u.test(rest))) {
        if (!period) warn(report, 'missing-period', `paragraph ${expected} has no period after its number`, line.line);
        if (mode === 'preamble') mode = 'operative';
        const printedNum = plain.slice(0, plain.length - rest.length).trim();
        open({ kind: 'operative', lines: [line], num: printedNum, numberValue: expected, resolutionOwn: mode === 'operative' });
        expected++;
        continue;
      }
    }
    const enumerator = readEnumerator(plain);
    // An item follows an intro (":", "shall") or another item; "(a)" right after "paragraph 1" is a citation.
    const previousPlain = previousText.replace(CITATION_PATTERN, '');
    const opensList = enumerator !== undefined && ['a', 'i', '1'].includes(enumerator.value) && !/\d\s*$/.test(previousPlain);
    if (enumerator && current && (/[:;,]\s*$|\b(?:and|or|et|ou|y|o|и|или)\s*$/u.test(previousPlain) || current.kind === 'item' || opensList)) {
      open({ kind: 'item', lines: [line], enumerator });
      continue;
    }
    if (mode === 'preamble' || mode === 'declaration' || mode === 'annex') {
      const opening = vocabulary.recitalOpening?.exec(plain);
      const phrase = openingPhrase(plain, vocabulary.preambular) ?? (opening && mode === 'preamble' ? { phrase: opening[0], key: 'preambularParagraph' } : undefined);
      // Recitals end with a comma, or (declarations: "…; и") with a semicolon.
      if (phrase && (endsParagraph(current, vocabulary.recitalEnd) || endsParagraph(current, vocabulary.operativeEnd))) {
        open({ kind: 'recital', lines: [line], phrase: phrase.phrase, key: phrase.key });
        continue;
      }
    }
    const nextNumber = OPERATIVE_NUMBER.exec(lines[index + 1]?.text.replace(CITATION_PATTERN, '').trim() ?? '');
    const firstOperativeNext = mode === 'preamble' && expected === 1 && Number(nextNumber?.groups?.['num']) === 1;
    // A roman numeral alone is a heading when its title and then paragraph 1 (or the next one) follow.
    const afterTitle = Number(OPERATIVE_NUMBER.exec(lines[index + 2]?.text.replace(CITATION_PATTERN, '').trim() ?? '')?.groups?.['num']);
    const titleThenFirst = /^[IVXL]+\.?$/.test(plain) && (afterTitle === 1 || afterTitle === expected);
    if (
      (mode === 'operative' || firstOperativeNext || (mode === 'preamble' && /^[IVXL]+\.?$/.test(plain))) &&
      current?.kind !== 'heading' &&
      (endsParagraph(current, /[.:;。؛；]\s*(?:[\u{F0000}-\u{FFFFD}]\s*)*$/u) || (mode === 'preamble' && endsParagraph(current, vocabulary.recitalEnd))) &&
      plain.length < 80 &&
      /^\p{Lu}/u.test(plain) &&
      !/[,;.:،؛，；。]$/u.test(plain) &&
      (Number(nextNumber?.groups?.['num']) === expected || Number(nextNumber?.groups?.['num']) === 1 || titleThenFirst)
    ) {
      // A heading between operative paragraphs ("Reports", "Designation Criteria", "II. Financing").
      // Numbering may start again at 1 in each section.
      const roman = SECTION_HEADING.exec(plain);
      const lone = /^[IVXL]+\.?$/.test(plain);
      if (mode === 'preamble' && !firstOperativeNext && !titleThenFirst) {
        // not a heading: fall through
      } else {
        open({ kind: 'heading', lines: [line], num: roman?.groups?.['title'] !== undefined || lone ? roman?.groups?.['num'] : undefined });
        if (mode === 'preamble') mode = 'operative';
        if (Number(nextNumber?.groups?.['num']) === 1 || afterTitle === 1) expected = 1;
        continue;
      }
    }
    if (mode === 'operative' && current?.kind === 'heading' && current.lines.length === 1 && /^[IVXL]+\.?$/.test(current.lines[0]!.text.trim()) && !/[,;.:]$/.test(plain) && plain.length < 100) {
      // "I" on its own line, then the section's title.
      current.lines.push(line);
      if (Number(nextNumber?.groups?.['num']) === 1) expected = 1;
      continue;
    }
    if (mode !== 'preamble' && current && current.kind !== 'annex' && endsParagraph(current, /[.:;。؛；]\s*(?:[\u{F0000}-\u{FFFFD}]\s*)*$/u)) {
      const heading = SECTION_HEADING.exec(plain);
      if (heading && plain.length < 120 && !/[,;.:]$/.test(plain) && (mode === 'operative' || mode === 'annex')) {
        open({ kind: 'heading', lines: [line], num: heading.groups?.['num'] });
        continue;
      }
      if (mode === 'declaration' || (mode === 'annex' && (line.indent || /^\p{Lu}/u.test(plain)))) {
        open({ kind: 'text', lines: [line] });
        continue;
      }
    }
    if (current?.kind === 'annex' || current?.kind === 'article' || current?.kind === 'heading') {
      // Title lines of an annex, or the first paragraph after an article heading.
      if (current.kind === 'annex' && current.lines.length < 4 && !/[.;]$/.test(plain)) {
        current.lines.push(line);
        continue;
      }
      open({ kind: 'text', lines: [line] });
      continue;
    }
    if (!current) {
      open({ kind: 'text', lines: [line] });
      continue;
    }
    current.lines.push(line);
  }
  return segments;
}

function quoteOpen(lines: readonly TextLine[]): boolean {
  let depth = 0;
  for (const line of lines) for (const char of line.text) {
    if (char === '“' || char === '«') depth++;
    else if ((char === '”' || char === '»') && depth > 0) depth--;
  }
  return depth > 0;
}

interface Body {
  recitals: Recital[];
  operative: Array<OperativeParagraph | Section>;
  embedded?: ResolutionDocument['embedded'];
  annexes: Annex[];
  conclusions: TextLine[];
}

function buildBody(segments: Segment[], vocabulary: Vocabulary, report: Report, inlines: (l: readonly TextLine[]) => Inline[]): Body {
  const body: Body = { recitals: [], operative: [], annexes: [], conclusions: [] };
  let target: { recitals: Recital[]; paragraphs: Array<OperativeParagraph | Section> } = { recitals: body.recitals, paragraphs: body.operative };
  let section: Section | undefined;
  /** The list stack of the current paragraph or recital: each level has its kind and its items. */
  let owner: { items: ListItem[] } | undefined;
  let stack: Array<{ kind: ItemKind; items: ListItem[]; last: number }> = [];
  const originOf = (l: TextLine) => ({ line: l.line, page: l.page });
  const addParagraph = (paragraph: OperativeParagraph) => {
    (section ? section.children : target.paragraphs).push(paragraph);
    owner = paragraph;
    stack = [];
  };

  for (const segment of segments) {
    const first = segment.lines[0]!;
    switch (segment.kind) {
      case 'recital': {
        const text = dropLeading(inlines(segment.lines), segment.phrase.length);
        const recital: Recital = { key: segment.key, phrase: segment.phrase, text: trimInlines(text), items: [], origin: originOf(first) };
        target.recitals.push(recital);
        owner = recital;
        stack = [];
        break;
      }
      case 'operative': {
        const all = inlines(segment.lines);
        const numberText = first.text.slice(0, first.text.indexOf(segment.num ?? '') + (segment.num ?? '').length).match(/^.*$/u)![0];
        const text = trimInlines(dropLeading(all, numberText.length));
        const leading = text[0]?.type === 'text' ? text[0].text : '';
        // The resolution's own paragraphs open with an operative verb (italic); an annex's or a
        // declaration's numbered paragraphs are plain text unless they use the table's phrases.
        const phrase = openingPhrase(leading, vocabulary.operative);
        const verb = phrase?.phrase ?? (segment.resolutionOwn ? leading.match(/^\p{Lu}[\p{Ll}’-]*/u)?.[0] : undefined);
        const paragraph: OperativeParagraph = {
          kind: 'paragraph',
          num: segment.num,
          phrase: verb,
          key: phrase?.key,
          text: verb ? dropLeading(text, verb.length) : text,
          items: [],
          origin: originOf(first),
        };
        addParagraph(paragraph);
        break;
      }
      case 'item': {
        if (!owner) {
          warn(report, 'orphan-item', `item ${segment.enumerator.num} has no paragraph to belong to; kept as a paragraph`, first.line);
          addParagraph({ kind: 'paragraph', text: trimInlines(inlines(segment.lines)), items: [], origin: originOf(first) });
          break;
        }
        const e = segment.enumerator;
        // Pick the level: an open level of a kind this enumerator can be, continuing its sequence.
        let levelIndex = -1;
        for (let k = stack.length - 1; k >= 0; k--) {
          const level = stack[k]!;
          if (e.kinds.includes(level.kind) && ordinalOf(e.value, level.kind) === level.last + 1) {
            levelIndex = k;
            break;
          }
        }
        const item: ListItem = { num: e.num, text: trimInlines(dropLeading(inlines(segment.lines), first.text.indexOf(e.num) + e.num.length)), items: [], origin: originOf(first) };
        if (levelIndex >= 0) {
          stack = stack.slice(0, levelIndex + 1);
          const level = stack[levelIndex]!;
          level.items.push(item);
          level.last = ordinalOf(e.value, level.kind);
        } else {
          // A new, deeper level: "(i)" under "(b)" is roman, "(a)" opens letters.
          const kind: ItemKind = e.kinds.includes('letter') && (e.value === 'a' || !e.kinds.includes('roman')) ? 'letter' : e.kinds[e.kinds.length - 1]!;
          const parentItems = stack.length ? stack.at(-1)!.items.at(-1)!.items : owner.items;
          parentItems.push(item);
          stack.push({ kind, items: parentItems, last: ordinalOf(e.value, kind) });
          if (ordinalOf(e.value, kind) !== 1 && kind !== 'bullet') {
            warn(report, 'item-sequence', `item ${e.num} does not continue a list`, first.line);
          }
        }
        break;
      }
      case 'heading': {
        // "II. Financing": the numeral is the section's <num>, the rest its heading.
        const printedNum = segment.num ? /^\s*([IVXL]+\.?|[A-H]\.)/.exec(first.text)?.[1] : undefined;
        const heading = trimInlines(printedNum ? dropLeading(inlines(segment.lines), first.text.indexOf(printedNum) + printedNum.length) : inlines(segment.lines));
        section = { kind: 'section', num: printedNum, heading, children: [], origin: originOf(first) };
        target.paragraphs.push(section);
        owner = undefined;
        break;
      }
      case 'annex': {
        const [headingLine, ...titleLines] = segment.lines;
        const annex: Annex = {
          heading: headingLine!.text.trim(),
          num: segment.num,
          title: trimInlines(inlines(titleLines)),
          preamble: [],
          body: [],
          origin: originOf(first),
        };
        body.annexes.push(annex);
        target = { recitals: annex.preamble, paragraphs: annex.body };
        section = undefined;
        owner = undefined;
        break;
      }
      case 'article': {
        body.embedded ??= { title: [], preamble: [], body: [] };
        if (body.annexes.length === 0) target = { recitals: body.embedded.preamble, paragraphs: body.embedded.body };
        section = { kind: 'section', num: segment.num, heading: trimInlines(inlines(segment.lines)), children: [], origin: originOf(first) };
        target.paragraphs.push(section);
        owner = undefined;
        break;
      }
      case 'conclusion':
        body.conclusions.push(...segment.lines);
        break;
      case 'text': {
        const paragraph: OperativeParagraph = { kind: 'paragraph', text: trimInlines(inlines(segment.lines)), items: [], origin: originOf(first) };
        if (target.paragraphs === body.operative && !section && body.operative.length === 0 && body.recitals.length > 0) {
          // A single unnumbered operative paragraph ("Proclaims this Universal Declaration…").
          const leading = paragraph.text[0]?.type === 'text' ? paragraph.text[0].text : '';
          const phrase = openingPhrase(leading, vocabulary.operative);
          if (phrase) {
            paragraph.phrase = phrase.phrase;
            paragraph.key = phrase.key;
            paragraph.text = dropLeading(paragraph.text, phrase.phrase.length);
          }
        }
        addParagraph(paragraph);
        break;
      }
    }
  }
  return body;
}
