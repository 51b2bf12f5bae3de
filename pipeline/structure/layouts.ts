// Layouts: the kinds of document the parser knows, each a list of block rules per region. A new layout
// is a new entry here built from the rules of rules.ts; it changes no rule and no other layout.
// `segment` runs a layout over the tagged lines with an explicit state.
import { warn } from '../report.js';
import type { Lexeme } from './lexer.js';
import {
  adoptedText,
  adoptedTextTitleLine,
  afterHeading,
  annexHeading,
  annexSubHeading,
  annexTitle,
  appendLine,
  articleHeading,
  firstText,
  freeParagraph,
  headingSecondLine,
  lastLexeme,
  listItem,
  operativeHeading,
  operativeNumber,
  partFormula,
  plenaryLine,
  preambleHeading,
  recital,
  recitalHeading,
  sectionHeading,
  sectionRecital,
  type BlockRule,
  type Cursor,
  type ParseState,
  type Region,
  type Segment,
} from './rules.js';

export interface LayoutFacts {
  body?: string;
  kind?: 'resolution' | 'resolutionDraft';
  symbol?: string;
  /** Some line is an article heading ("Article 1"). */
  articles: boolean;
  /** Some paragraph adopts a text printed after it ("Adopts the following Declaration:"). */
  adoptsText: boolean;
}

export interface Layout {
  name: string;
  fits(facts: LayoutFacts): boolean;
  regions: Readonly<Record<Region, readonly BlockRule[]>>;
}

// The region lists every layout starts from. Order matters: the first rule whose `starts` holds opens the block.
const opening: readonly BlockRule[] = [preambleHeading, annexHeading, articleHeading, plenaryLine, operativeNumber, listItem];
const closing: readonly BlockRule[] = [afterHeading, firstText];
const annex: readonly BlockRule[] = [...opening, recital, annexTitle, sectionHeading, annexSubHeading, freeParagraph, ...closing];
const declaration: readonly BlockRule[] = [...opening, recital, freeParagraph, ...closing];
const embedded: readonly BlockRule[] = [...opening, adoptedTextTitleLine, recital, sectionHeading, operativeHeading, freeParagraph, ...closing];

const generalAssembly: Layout['regions'] = {
  preamble: [...opening, recital, operativeHeading, ...closing],
  operative: [...opening, partFormula, sectionRecital, operativeHeading, headingSecondLine, sectionHeading, ...closing],
  annex,
  declaration,
  embedded,
  closing: [],
};

/** Inserts `rule` before `before` in a region's list (a layout that adds a rule to another's list). */
const withRule = (rules: readonly BlockRule[], rule: BlockRule, before: BlockRule): BlockRule[] => {
  const at = rules.indexOf(before);
  return [...rules.slice(0, at), rule, ...rules.slice(at)];
};

/** The layouts, most specific first; the first that fits the document is used. */
export const layouts: readonly Layout[] = [
  {
    // A resolution that adopts a text with articles ("Adopts the following Declaration:", then its title
    // and "Article 1"…): the text is embedded under the paragraph that adopts it, its articles its own.
    name: 'text with articles adopted inline',
    fits: (facts) => facts.adoptsText && facts.articles,
    regions: { ...generalAssembly, operative: withRule(generalAssembly.operative, adoptedText, operativeHeading) },
  },
  {
    // The UDHR and other proclaimed texts: a preamble (maybe before the formula), a proclamation, articles.
    name: 'proclaimed text with articles',
    fits: (facts) => facts.articles,
    regions: generalAssembly,
  },
  {
    // A resolution that adopts a declaration or programme printed after "Adopts the following …:".
    name: 'declaration adopted inline',
    fits: (facts) => facts.adoptsText,
    regions: { ...generalAssembly, operative: withRule(generalAssembly.operative, adoptedText, operativeHeading) },
  },
  {
    // Security Council drafts and resolutions: topical headings may stand between recitals.
    name: 'Security Council resolution or draft',
    fits: (facts) => facts.body === 'un-sc',
    regions: { ...generalAssembly, preamble: withRule(generalAssembly.preamble, recitalHeading, operativeHeading) },
  },
  {
    // A Main Committee's draft (A/C.3/…): its masthead names the committee; the body reads as the Assembly's.
    name: 'Main Committee draft',
    fits: (facts) => facts.kind === 'resolutionDraft' && /^A\/C\.\d\//.test(facts.symbol ?? ''),
    regions: generalAssembly,
  },
  { name: 'General Assembly resolution or draft', fits: () => true, regions: generalAssembly },
];

export function chooseLayout(facts: LayoutFacts): Layout {
  return layouts.find((layout) => layout.fits(facts))!;
}

/**
 * Segments the lines into blocks with the layout's rules. Each line is looked at once: the quotation
 * depth is carried from line to line, and an unclosed quotation ends at the next operative number (or
 * annex heading) that starts a line after a sentence end, with a warning, so it cannot swallow the rest.
 */
export function segment(lexemes: readonly Lexeme[], layout: Layout, state: ParseState): Segment[] {
  for (let i = 0; i < lexemes.length; i++) {
    const lexeme = lexemes[i]!;
    const cursor: Cursor = { lexeme, ahead: (offset) => lexemes[i + offset], remaining: lexemes.length - 1 - i };
    if (state.current && state.quoteDepth > 0) {
      if (!endsQuotation(cursor, state)) {
        appendLine(state, lexeme);
        continue;
      }
      warn(state.report, 'unclosed-quotation', `the quotation opened on line ${state.quoteOpenedAt} is not closed before line ${lexeme.line.line}; it is taken to end there`, lexeme.line.line);
      state.quoteDepth = 0;
    }
    const rule = layout.regions[state.region].find((r) => r.starts(cursor, state));
    if (rule) rule.open(cursor, state);
    else appendLine(state, lexeme);
  }
  return state.segments;
}

function endsQuotation({ lexeme }: Cursor, state: ParseState): boolean {
  const last = lastLexeme(state);
  if (!last?.ends.sentence) return false;
  const n = lexeme.number;
  return (n !== undefined && n.value === state.expected && n.period && /^\p{Lu}/u.test(n.rest)) || lexeme.annex !== undefined;
}
