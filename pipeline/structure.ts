// The structure stage (see stages.ts for the order): recognise the parts of a resolution in the repaired lines.
// Reads: context.repaired, context.language, context.sidecar.   Writes: context.document (masthead,
// preface, formula, recitals, operative paragraphs with sub-items, annexes, conclusions, notes).
//
// The parser is rules as data (structure/): the language's lexicon (every pattern, compiled once per
// table), a line lexer that tags each line once, block rules that read the tags and an explicit state,
// and layouts that list the rules per region (GA resolution, SC draft, committee draft, text adopted
// inline, proclaimed text with articles). This module runs them in order and builds the document.
import type { BuildContext, Stage } from './context.js';
import { mergeMetadata } from './metadata.js';
import type { DocumentMeta, Footnote, OperativeParagraph, ResolutionDocument, Section } from './model.js';
import type { TextLine } from './repair.js';
import { InputError, warn } from './report.js';
import { buildBody, inlinesOf, trimInlines } from './structure/body.js';
import { findFormula, parseHead } from './structure/head.js';
import { chooseLayout, segment } from './structure/layouts.js';
import { splitCollapsed, tagLine, type Lexeme } from './structure/lexer.js';
import { lexiconFor, type Lexicon } from './structure/lexicon.js';
import type { ParseState, Region } from './structure/rules.js';

export { dateIn } from './structure/lexicon.js';
export { dropLeading, inlinesOf } from './structure/body.js';

export function parseStructure(context: BuildContext): void {
  const repaired = context.repaired!;
  const language = context.language!;
  const { report } = context;
  const lexicon = lexiconFor(language);
  // How many places cite each note, counted in one pass.
  const citationCounts = new Array<number>(repaired.notes.length).fill(0);
  for (const citation of repaired.citations) citationCounts[citation.note] = (citationCounts[citation.note] ?? 0) + 1;
  const footnotes: Footnote[] = repaired.notes.map((n, i) => ({ marker: n.marker, body: [], origin: { line: n.line, page: n.page }, citations: citationCounts[i]! }));
  const inlines = (lines: readonly TextLine[]) => inlinesOf(lines, footnotes, repaired.citations);
  for (const [i, note] of repaired.notes.entries()) footnotes[i]!.body = [trimInlines(inlines(note.lines))];

  const lexemes = splitCollapsed(repaired.lines, lexicon).map((line, index) => tagLine(line, index, lexicon));
  const formula = findFormula(lexemes, lexicon);
  if (!formula) {
    if (!lexemes.some((l) => l.preambular || (l.number?.period && /^\p{Lu}/u.test(l.number.rest)))) {
      throw new InputError(
        report.file,
        `no recognisable resolution structure: no enacting formula ("${language.formulas[0]?.[0]}"), no preambular phrase, no numbered paragraph`,
        lexemes[0]?.line.line,
        'no-structure',
      );
    }
    warn(report, 'no-formula', 'no enacting formula found; the preamble starts at the first preambular phrase', lexemes[0]?.line.line);
  }

  // Everything before the formula (or the first recital) is masthead and preface.
  const firstRecital = formula ? -1 : lexemes.findIndex((l) => l.preambular);
  const headEnd = formula ? formula.index : Math.max(0, firstRecital);
  const head = parseHead(lexemes.slice(0, headEnd), lexicon);

  // A formula that runs on into the proclamation with no space ("因此现在，大会，发布这一…") stays in it:
  // cutting it out would put a break where the text has none.
  const runOn = formula !== undefined && /^\p{Script=Han}/u.test(formula.rest);
  const formulaLexeme = formula && !runOn ? lexemes[formula.index]! : undefined;
  const afterFormula: Lexeme[] = formula ? lexemes.slice(runOn ? formula.index : formula.index + 1) : lexemes.slice(headEnd);
  if (formula?.rest && formulaLexeme) afterFormula.unshift(tagLine({ ...formulaLexeme.line, text: formula.rest }, formulaLexeme.index, lexicon));

  const textMeta: Partial<DocumentMeta> = { ...head.meta };
  if (head.numberLine) textMeta.number = head.numberLine;
  if (formula) textMeta.body = formula.body;
  if (repaired.symbol && !textMeta.symbol) textMeta.symbol = repaired.symbol;

  const layout = chooseLayout({
    body: textMeta.body,
    kind: textMeta.kind,
    symbol: textMeta.symbol,
    articles: lexemes.some((l) => l.article),
    adoptsText: lexemes.some((l, i) => l.ends.colon && adoptsText(l, lexemes[i - 1], lexicon)),
  });
  report.detected['layout'] = { value: layout.name, from: 'text' };
  // Recitals printed before a late formula and the text after the formula are segmented apart:
  // whatever follows the formula opens a new paragraph.
  const run = (lines: readonly Lexeme[], region: Region) => {
    const state: ParseState = { region, expected: 1, segments: [], quoteDepth: 0, listLevels: [], lexicon, report };
    return segment(lines, layout, state);
  };
  const segments = [...run(head.trailing, 'preamble'), ...run(afterFormula, head.trailing.length > 0 ? 'operative' : 'preamble')];
  const body = buildBody(segments, lexicon, report, inlines);

  const meta = mergeMetadata(textMeta, context.sidecar, report);
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
    formula: formulaLexeme ? inlines([{ ...formulaLexeme.line, text: formulaLexeme.line.text.replace(formula!.rest, '').trim() }]) : undefined,
    recitals: body.recitals,
    operative: body.operative,
    embedded: body.embedded,
    annexes: body.annexes,
    conclusions: body.conclusions.map((l) => trimInlines(inlines([l]))),
    unplacedNotes: footnotes.filter((f) => f.citations === 0),
  };
  context.document = document;
  report.detected['recitals'] = { value: String(body.recitals.length), from: 'text' };
  report.detected['operativeParagraphs'] = { value: String(countParagraphs(body.operative)), from: 'text' };
  report.detected['notes'] = { value: String(footnotes.length), from: 'text' };
  report.detected['annexes'] = { value: String(body.annexes.length), from: 'text' };
}

export const structureStage: Stage = { name: 'structure', run: parseStructure };

/** The line (or the line before and it) is a paragraph that adopts a text printed after it. */
function adoptsText(line: Lexeme, before: Lexeme | undefined, lexicon: Lexicon): boolean {
  if (!lexicon.adoptsText || line.plain.length > 300) return false;
  const unnumbered = (l: Lexeme) => l.number?.rest ?? l.plain;
  return lexicon.adoptsText.test(unnumbered(line)) || (before !== undefined && before.plain.length < 300 && lexicon.adoptsText.test(`${unnumbered(before)} ${line.plain}`));
}

function countParagraphs(nodes: Array<OperativeParagraph | Section>): number {
  return nodes.reduce((n, node) => n + (node.kind === 'paragraph' ? 1 : countParagraphs(node.children)), 0);
}
