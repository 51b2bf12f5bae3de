// Block rules: each a small named object saying when a line starts its block (`starts`) and what it opens
// (`open`: a segment, a change of region or numbering, a warning). Rules read the line's tags (lexer.ts)
// and the explicit parse state; none keeps state of its own. Layouts (layouts.ts) list them per region.
import type { TextLine } from '../repair.js';
import { warn, type Report } from '../report.js';
import type { Lexicon } from './lexicon.js';
import { ordinalOf, type Enumerator, type ItemKind, type Lexeme } from './lexer.js';

/** Where the parser is: the region decides which rules apply. */
export type Region = 'preamble' | 'operative' | 'annex' | 'declaration' | 'embedded' | 'closing';

export type Segment =
  | { kind: 'recital'; lexemes: Lexeme[]; phrase: string; key: string }
  /** A topical heading between recitals (Security Council preambles). */
  | { kind: 'recitalHeading'; lexemes: Lexeme[] }
  | { kind: 'operative'; lexemes: Lexeme[]; num: string; numberValue: number; resolutionOwn: boolean }
  /** `level`: depth in the block's list (0 = directly under the paragraph); `as`: the kind the level settled on. */
  | { kind: 'item'; lexemes: Lexeme[]; enumerator: Enumerator; level: number; as: ItemKind }
  /** `sub`: a heading right under another heading ("AMISOM" / "Priorities and tasks"). */
  | { kind: 'heading'; lexemes: Lexeme[]; num?: string; sub?: boolean }
  | { kind: 'annex'; lexemes: Lexeme[]; word: string; num?: string }
  | { kind: 'article'; lexemes: Lexeme[]; num: string }
  /** The title of a text adopted inline ("Adopts the following Declaration:" then its title). */
  | { kind: 'adoptedText'; lexemes: Lexeme[] }
  /** The formula again, opening part B of a resolution with parts (inside the part's section). */
  | { kind: 'partFormula'; lexemes: Lexeme[] }
  /** The heading of an annexed or adopted text's preamble ("Preamble", "Préambule", "序言"). */
  | { kind: 'preambleHeading'; lexemes: Lexeme[] }
  | { kind: 'conclusion'; lexemes: Lexeme[] }
  | { kind: 'text'; lexemes: Lexeme[] };

export interface ParseState {
  region: Region;
  /** The operative number the next paragraph should have. */
  expected: number;
  /** The resolution's own numbering while an adopted text numbers its paragraphs from 1. */
  resolutionExpected?: number;
  current?: Segment;
  segments: Segment[];
  /** Quotation depth at the end of the current block, kept line by line (never rescanned). */
  quoteDepth: number;
  quoteOpenedAt?: number;
  /** Open levels of the current block's list: the kind each settled on, its last ordinal, its bullet mark. */
  listLevels: Array<{ kind: ItemKind; last: number; mark?: string }>;
  lexicon: Lexicon;
  report: Report;
}

/** The line being read and its neighbours. */
export interface Cursor {
  lexeme: Lexeme;
  /** The line `offset` lines ahead (1 = next), if any. */
  ahead(offset: number): Lexeme | undefined;
  /** How many lines are left after this one. */
  remaining: number;
}

export interface BlockRule {
  name: string;
  /** Whether the line starts this rule's block, given what came before (the state). */
  starts(cursor: Cursor, state: ParseState): boolean;
  /** Opens the block: pushes a segment, moves region and numbering, warns. */
  open(cursor: Cursor, state: ParseState): void;
}

// ---------------------------------------------------------------------------------------------
// What rules ask of the state

export function openSegment(state: ParseState, segment: Segment): void {
  state.segments.push(segment);
  state.current = segment;
  const first = segment.lexemes[0]!;
  state.quoteDepth = first.quotes.fromZero;
  state.quoteOpenedAt = state.quoteDepth > 0 ? first.line.line : undefined;
  if (segment.kind !== 'item') state.listLevels = [];
}

/** Adds a line to the current block, carrying the quotation depth over it. */
export function appendLine(state: ParseState, lexeme: Lexeme): void {
  if (!state.current) {
    openSegment(state, { kind: 'text', lexemes: [lexeme] });
    return;
  }
  state.current.lexemes.push(lexeme);
  const before = state.quoteDepth;
  state.quoteDepth = Math.max(before + lexeme.quotes.net, lexeme.quotes.fromZero);
  if (before === 0 && state.quoteDepth > 0) state.quoteOpenedAt = lexeme.line.line;
}

export function lastLexeme(state: ParseState): Lexeme | undefined {
  return state.current?.lexemes.at(-1);
}

const HEADING_KINDS = new Set<Segment['kind']>(['heading', 'annex', 'article', 'recitalHeading', 'adoptedText', 'partFormula', 'preambleHeading']);

/** The current block is complete: nothing open, a heading, or its last line ends a paragraph. */
export function afterEnd(state: ParseState): boolean {
  const last = lastLexeme(state);
  return state.current === undefined || HEADING_KINDS.has(state.current.kind) || last!.ends.operative || last!.ends.recital;
}

/** The last line ends a sentence (".", ";", ":"), whatever the block. */
const afterSentence = (state: ParseState) => lastLexeme(state)?.ends.sentence ?? false;

const numberAhead = (cursor: Cursor, offset: number) => cursor.ahead(offset)?.number?.value;

// ---------------------------------------------------------------------------------------------
// The rules

/**
 * The heading of the preamble of a text the resolution annexes or adopts ("Preamble" alone on its line, the
 * language table's word): after the text's title or a block's end, never in mid-sentence. The resolution's
 * own preamble heading (a declaration printed alone) is read with the head.
 */
export const preambleHeading: BlockRule = {
  name: 'preamble heading',
  starts: ({ lexeme }, state) =>
    lexeme.preambleHeading && (state.region === 'annex' || state.region === 'embedded') && (afterEnd(state) || afterSentence(state)),
  open: ({ lexeme }, state) => openSegment(state, { kind: 'preambleHeading', lexemes: [lexeme] }),
};

export const annexHeading: BlockRule = {
  name: 'annex heading',
  starts: ({ lexeme }, state) => lexeme.annex !== undefined && (afterEnd(state) || state.region !== 'preamble'),
  open: ({ lexeme }, state) => {
    state.region = 'annex';
    state.expected = 1;
    openSegment(state, { kind: 'annex', lexemes: [lexeme], word: lexeme.annex!.word, num: lexeme.annex!.num });
  },
};

export const articleHeading: BlockRule = {
  name: 'article heading',
  // After a sentence's end, or right after the title of a text adopted inline ("Declaration on …").
  starts: ({ lexeme }, state) => lexeme.article !== undefined && (afterEnd(state) || state.current?.kind === 'adoptedText'),
  open: ({ lexeme }, state) => {
    // An adopted text's articles stay in its region: the resolution's numbering resumes after it.
    if (state.region !== 'embedded') state.region = 'declaration';
    state.expected = 1;
    openSegment(state, { kind: 'article', lexemes: [lexeme], num: lexeme.article!.num });
  },
};

/** "30th plenary meeting" and the date under it close the document. */
export const plenaryLine: BlockRule = {
  name: 'plenary line',
  starts: ({ lexeme, remaining }, state) => lexeme.plenary && afterEnd(state) && remaining <= 2,
  open: ({ lexeme }, state) => {
    state.region = 'closing';
    openSegment(state, { kind: 'conclusion', lexemes: [lexeme] });
  },
};

/**
 * "1. Decides": the number the numbering expects, at a line start. A paragraph whose previous line ends
 * oddly (a stray note marker, a heading that was not recognised) is still found when its number has its
 * period and its text a capital; when a paragraph itself is lost, the next one (N+1, or N+2 opening with
 * an operative phrase) resynchronises the numbering after a sentence end, with a warning: one bad line
 * costs at most its own paragraph.
 */
export const operativeNumber: BlockRule = {
  name: 'operative number',
  starts: ({ lexeme }, state) => {
    const n = lexeme.number;
    if (!n) return false;
    const rest = n.rest;
    // A capital, or a letter of a script without case (Arabic, Chinese).
    const capital = /^[\p{Lu}\p{Lo}]/u.test(rest);
    const caseless = rest !== '' && !/\p{Lu}|\p{Ll}/u.test(rest.charAt(0));
    const last = lastLexeme(state);
    if (n.value === state.expected) {
      if (!(n.period || n.phrase || /^\p{Lu}\p{Ll}/u.test(rest) || (caseless && afterEnd(state)))) return false;
      if (afterEnd(state) || state.expected === 1 || state.current?.kind === 'text') return n.period || capital || caseless;
      // Local recovery: the previous line does not end a paragraph, but this one plainly starts the next.
      return n.period && capital && !last?.ends.numberedNoun;
    }
    // After a preamble printed inside a section (a part, a budget section), numbering may start again at 1.
    if (n.value === 1 && restartsAfterSectionPreamble(state) && n.period && capital) return true;
    // After a text adopted inline, the resolution's own next number, with its operative phrase, resumes its numbering.
    if (state.region === 'embedded' && n.value === state.resolutionExpected && n.phrase && n.period && afterSentence(state)) return true;
    const skipped = n.value - state.expected;
    if (skipped !== 1 && skipped !== 2) return false;
    // Paragraph 1 lost in the preamble: paragraph 2 resumes only with its operative phrase after a recital's end.
    if (state.region === 'preamble') return skipped === 1 && n.period && n.phrase !== undefined && afterEnd(state);
    return n.period && capital && afterSentence(state) && (skipped === 1 || n.phrase !== undefined);
  },
  open: ({ lexeme }, state) => {
    const n = lexeme.number!;
    if (state.region === 'embedded' && n.value === state.resolutionExpected && n.value !== state.expected) {
      state.region = 'operative';
      state.expected = n.value;
      state.resolutionExpected = undefined;
    }
    if (n.value !== state.expected && !(n.value === 1 && restartsAfterSectionPreamble(state))) {
      warn(state.report, 'paragraph-missing', `paragraph ${state.expected}${n.value - state.expected > 1 ? `–${n.value - 1}` : ''} not found before paragraph ${n.value}; numbering resumes there`, lexeme.line.line);
    } else if (!n.period) {
      warn(state.report, 'missing-period', `paragraph ${n.value} has no period after its number`, lexeme.line.line);
    }
    if (state.region === 'preamble') state.region = 'operative';
    openSegment(state, { kind: 'operative', lexemes: [lexeme], num: n.printed, numberValue: n.value, resolutionOwn: state.region === 'operative' });
    state.expected = n.value + 1;
  },
};

const restartsAfterSectionPreamble = (state: ParseState) => state.region === 'operative' && state.current?.kind === 'recital' && afterEnd(state);

/**
 * An enumerator "(a)", "(ii)", "•" opens an item when the line before introduces or ends one and the
 * enumerator continues an open level of the list or starts a new one with its first value. "(ii)" that
 * continues nothing is a run-in reference that happens to start a line; "(a)" after "paragraph 1" or after a
 * numbered noun of the language's table ("subparagraph", "alinéa", "apartado", "подпункт") cites.
 */
export const listItem: BlockRule = {
  name: 'list item',
  starts: ({ lexeme }, state) => {
    const e = lexeme.enumerator;
    const last = lastLexeme(state);
    if (!e || !last) return false;
    const placed = placeItem(e, state.listLevels);
    if (!placed) return false;
    // "paragraph 1\n(a)", "subparagraph\n(a) of resolution …": a citation that happens to start a line.
    if ((/\d\s*$/.test(last.plain) || last.ends.numberedNoun) && !last.ends.listJoin) return false;
    // The first item of a paragraph may continue its intro sentence ("…shall\n(a) prioritize").
    const firstOfBlock = state.listLevels.length === 0 && !placed.continues;
    return last.ends.listJoin || last.ends.sentence || firstOfBlock || (state.current!.kind === 'item' && placed.continues);
  },
  open: ({ lexeme }, state) => {
    const e = lexeme.enumerator!;
    const placed = placeItem(e, state.listLevels)!;
    const levels = state.listLevels.slice(0, placed.level);
    levels.push({ kind: placed.kind, last: ordinalOf(e.value, placed.kind), mark: placed.kind === 'bullet' ? e.value : undefined });
    openSegment(state, { kind: 'item', lexemes: [lexeme], enumerator: e, level: placed.level, as: placed.kind });
    state.listLevels = levels;
  },
};

/** Where an enumerator goes: the open level it continues, or a new level below the deepest one. */
function placeItem(e: Enumerator, levels: ParseState['listLevels']): { level: number; kind: ItemKind; continues: boolean } | undefined {
  for (let k = levels.length - 1; k >= 0; k--) {
    const level = levels[k]!;
    if (level.kind === 'bullet' ? e.kinds.includes('bullet') && level.mark === e.value : e.kinds.includes(level.kind) && ordinalOf(e.value, level.kind) === level.last + 1) {
      return { level: k, kind: level.kind, continues: true };
    }
  }
  // A new level starts at its first value: "(a)", "(i)", "(1)", or a bullet.
  if (e.kinds.includes('bullet')) return { level: levels.length, kind: 'bullet', continues: false };
  if (e.kinds.includes('letter') && e.value === 'a') return { level: levels.length, kind: 'letter', continues: false };
  if (e.kinds.includes('roman') && e.value === 'i') return { level: levels.length, kind: 'roman', continues: false };
  if (e.kinds.includes('number') && e.value === '1') return { level: levels.length, kind: 'number', continues: false };
  return undefined;
}

/**
 * A recital: a phrase of the table, or (in a preamble) the shape of one — a participle phrase such as
 * "Further emphasizing", "Having received" — after a recital that ended with its comma.
 */
export const recital: BlockRule = {
  name: 'recital',
  starts: ({ lexeme }, state) => {
    if (lexeme.preambular) return afterEnd(state);
    if (!lexeme.recitalShaped || (state.region !== 'preamble' && state.region !== 'embedded')) return false;
    const last = lastLexeme(state);
    return state.current === undefined || state.current.kind === 'recitalHeading' || (state.current.kind === 'recital' && last!.ends.recital);
  },
  open: ({ lexeme }, state) => {
    const phrase = lexeme.preambular ?? lexeme.recitalShaped!;
    openSegment(state, { kind: 'recital', lexemes: [lexeme], phrase: phrase.phrase, key: phrase.key });
  },
};

/** A topical heading between recitals: a short line after a recital's comma, a recital after it. */
export const recitalHeading: BlockRule = {
  name: 'heading between recitals',
  starts: (cursor, state) => {
    const { lexeme } = cursor;
    const next = cursor.ahead(1);
    return (
      state.current?.kind === 'recital' &&
      lastLexeme(state)!.ends.recital &&
      lexeme.headingShaped &&
      lexeme.plain.length < 80 &&
      !lexeme.preambular &&
      !lexeme.recitalShaped &&
      !lexeme.number &&
      next !== undefined &&
      (next.preambular !== undefined || next.recitalShaped !== undefined)
    );
  },
  open: ({ lexeme }, state) => openSegment(state, { kind: 'recitalHeading', lexemes: [lexeme] }),
};

/**
 * A heading before an operative paragraph ("Reporting", "II. Financing", "I" then its title): a short
 * capitalised line after a paragraph's end, followed by the expected number (or 1: numbering restarts).
 * A line after a colon continues its sentence ("…Foreign Policy:\nA Multisectoral Response, …").
 */
export const operativeHeading: BlockRule = {
  name: 'operative heading',
  starts: (cursor, state) => {
    const { lexeme } = cursor;
    if (!lexeme.headingShaped || lexeme.plain.length >= 80 || state.current?.kind === 'heading' || lexeme.number || lexeme.enumerator) return false;
    // A line that opens with an operative or preambular phrase is a paragraph's text, not a heading.
    if (lexeme.operative || lexeme.preambular) return false;
    const last = lastLexeme(state);
    const inPreamble = state.region === 'preamble';
    // A part's or a section's own clauses end like recitals ("B." formula, "Emphasizing …,", then "I.").
    const afterRecital = inPreamble || state.current?.kind === 'recital';
    const ended = afterRecital ? last === undefined || last.ends.recital || (last.ends.sentence && !last.ends.colon) : last !== undefined && last.ends.sentence && !last.ends.colon;
    if (!ended) return false;
    const next = numberAhead(cursor, 1);
    const afterTitle = numberAhead(cursor, 2);
    const titled = lexeme.loneRoman || cursor.ahead(1)?.headingShaped === true;
    const titleThenNumber = titled && (afterTitle === 1 || afterTitle === state.expected);
    // A section may open with a preamble of its own: preambular clauses, or the formula of a part.
    const opensPreamble = (l: Lexeme | undefined) => l !== undefined && (l.preambular !== undefined || l.formula);
    // "I. General matters" then "A. Reports" then paragraph 1: the first section opens on its first title.
    const sectionThenTitle = lexeme.section !== undefined && cursor.ahead(1)?.section?.title !== undefined && afterTitle === 1;
    if (inPreamble) return next === 1 || sectionThenTitle || (lexeme.loneRoman && (titleThenNumber || opensPreamble(cursor.ahead(2))));
    return next === state.expected || next === 1 || titleThenNumber || opensPreamble(cursor.ahead(1)) || (titled && opensPreamble(cursor.ahead(2)));
  },
  open: (cursor, state) => {
    const { lexeme } = cursor;
    const numbered = lexeme.section && (lexeme.section.title !== undefined || lexeme.loneRoman) ? lexeme.section.num : undefined;
    openSegment(state, { kind: 'heading', lexemes: [lexeme], num: numbered });
    if (state.region === 'preamble') state.region = 'operative';
    if (numberAhead(cursor, 1) === 1 || numberAhead(cursor, 2) === 1) state.expected = 1;
  },
};

/** The line after a heading that is itself heading-shaped: the title of "I", or a sub-heading. */
export const headingSecondLine: BlockRule = {
  name: 'heading second line',
  starts: (cursor, state) => {
    const current = state.current;
    if (current?.kind !== 'heading' || current.lexemes.length !== 1) return false;
    const { lexeme } = cursor;
    const next = cursor.ahead(1);
    // The title under a number alone ("I", "أولا -") in a script without capitals has no heading shape of its own.
    const titleOfNumber = current.lexemes[0]!.loneRoman && lexeme.plain.length < 100 && !lexeme.ends.sentence && !lexeme.ends.comma;
    return (
      (lexeme.headingShaped || titleOfNumber) &&
      !lexeme.number &&
      !lexeme.enumerator &&
      !lexeme.preambular &&
      !lexeme.formula &&
      (numberAhead(cursor, 1) === 1 || numberAhead(cursor, 1) === state.expected || next?.preambular !== undefined || next?.formula === true)
    );
  },
  open: (cursor, state) => {
    const current = state.current as Extract<Segment, { kind: 'heading' }>;
    // "I" then its title, or a long heading that wraps onto a capitalised line: one heading. A short
    // heading then another ("AMISOM" / "Priorities and tasks"): a sub-heading.
    const first = current.lexemes[0]!;
    if (first.loneRoman || first.plain.length >= 50) appendLine(state, cursor.lexeme);
    // A lettered sub-heading keeps its number ("II. Other matters" / "A. Coordination").
    else openSegment(state, { kind: 'heading', lexemes: [cursor.lexeme], sub: true, num: cursor.lexeme.section?.title !== undefined ? cursor.lexeme.section.num : undefined });
    if (numberAhead(cursor, 1) === 1) state.expected = 1;
  },
};

/** "II. Financing", "A. Reports" after a paragraph's end, in the operative part or an annex. */
export const sectionHeading: BlockRule = {
  name: 'section heading',
  starts: ({ lexeme }, state) =>
    lexeme.section !== undefined &&
    lexeme.plain.length < 120 &&
    !/[,;.:]$/.test(lexeme.plain) &&
    state.current !== undefined &&
    state.current.kind !== 'annex' &&
    afterSentence(state) &&
    !lastLexeme(state)!.ends.colon,
  open: ({ lexeme }, state) => openSegment(state, { kind: 'heading', lexemes: [lexeme], num: lexeme.section!.num }),
};

/** A sub-heading inside an annex: a short capitalised line between two paragraphs. */
export const annexSubHeading: BlockRule = {
  name: 'annex sub-heading',
  starts: (cursor, state) => {
    const { lexeme } = cursor;
    const next = cursor.ahead(1);
    return (
      state.current !== undefined &&
      state.current.kind !== 'annex' &&
      state.current.kind !== 'heading' &&
      afterSentence(state) &&
      !lastLexeme(state)!.ends.colon &&
      lexeme.headingShaped &&
      lexeme.plain.length < 80 &&
      !lexeme.number &&
      !lexeme.enumerator &&
      !lexeme.operative &&
      next !== undefined &&
      !next.startsLower &&
      !next.headingShaped
    );
  },
  open: ({ lexeme }, state) => openSegment(state, { kind: 'heading', lexemes: [lexeme] }),
};

/**
 * The title lines under "Annex" (at most three, no closing punctuation). A line that begins a sentence
 * continued on lower-case lines to a full stop is the annex's first, unnumbered paragraph.
 */
export const annexTitle: BlockRule = {
  name: 'annex title',
  starts: (cursor, state) => {
    const { lexeme } = cursor;
    if (state.current?.kind !== 'annex' || state.current.lexemes.length > 3 || /[.;:,]$/u.test(lexeme.plain) || lexeme.number || lexeme.enumerator) return false;
    return !beginsSentence(cursor);
  },
  open: ({ lexeme }, state) => appendLine(state, lexeme),
};

/** The line starts a sentence that runs on lower-case lines to its end. */
function beginsSentence(cursor: Cursor): boolean {
  for (let k = 1; k <= 4; k++) {
    const next = cursor.ahead(k);
    if (!next || !next.startsLower) return false;
    if (next.ends.sentence) return true;
  }
  return false;
}

/**
 * The formula printed again after a heading ("B. United Nations public information policies", then
 * "The General Assembly,"): part B of a resolution with parts, numbered from 1 again (AKN4UN: each part has
 * its own numbering). Its preamble is kept in the part's section.
 */
export const partFormula: BlockRule = {
  name: 'formula of a part',
  starts: (cursor, state) => {
    const next = cursor.ahead(1);
    return (
      cursor.lexeme.formula &&
      (state.current?.kind === 'heading' || afterSentence(state)) &&
      next !== undefined &&
      (next.preambular !== undefined || next.recitalShaped !== undefined || next.number?.value === 1)
    );
  },
  open: ({ lexeme }, state) => {
    state.expected = 1;
    openSegment(state, { kind: 'partFormula', lexemes: [lexeme] });
  },
};

/**
 * A preambular clause inside the operative part: after a section's heading (budget resolutions), after a
 * part's formula, or after another such clause that ended with its comma.
 */
export const sectionRecital: BlockRule = {
  name: 'recital inside a section',
  starts: ({ lexeme }, state) => {
    const phrase = lexeme.preambular ?? (state.current?.kind === 'partFormula' ? lexeme.recitalShaped : undefined);
    if (!phrase) return false;
    const current = state.current;
    return current?.kind === 'heading' || current?.kind === 'partFormula' || (current?.kind === 'recital' && lastLexeme(state)!.ends.recital);
  },
  open: ({ lexeme }, state) => {
    const phrase = lexeme.preambular ?? lexeme.recitalShaped!;
    openSegment(state, { kind: 'recital', lexemes: [lexeme], phrase: phrase.phrase, key: phrase.key });
  },
};

/** The title of a text the resolution adopts inline ("Adopts the following Political Declaration:"). */
export const adoptedText: BlockRule = {
  name: 'text adopted inline',
  starts: (cursor, state) => {
    const { lexeme } = cursor;
    const current = state.current;
    if (current?.kind !== 'operative' || !state.lexicon.adoptsText || !lexeme.headingShaped || lexeme.number || lexeme.enumerator) return false;
    // A title, not the first line of a sentence that runs on ("The Committee should consider\nthe matter.").
    if (lexeme.plain.length >= 90 || beginsSentence(cursor)) return false;
    const last = current.lexemes.at(-1)!;
    if (!last.ends.colon) return false;
    const text = [current.lexemes[0]!.number?.rest ?? current.lexemes[0]!.plain, ...current.lexemes.slice(1).map((l) => l.plain)].join(' ');
    return text.length < 600 && state.lexicon.adoptsText.test(text);
  },
  open: ({ lexeme }, state) => {
    state.resolutionExpected = state.expected;
    state.expected = 1;
    state.region = 'embedded';
    openSegment(state, { kind: 'adoptedText', lexemes: [lexeme] });
  },
};

/** A second title line of an adopted text (its title wraps). */
export const adoptedTextTitleLine: BlockRule = {
  name: 'adopted text title line',
  starts: (cursor, state) =>
    state.current?.kind === 'adoptedText' && state.current.lexemes.length < 3 && !/[.;:,]$/u.test(cursor.lexeme.plain) && !cursor.lexeme.number && !beginsSentence(cursor) && !cursor.lexeme.preambular,
  open: ({ lexeme }, state) => appendLine(state, lexeme),
};

/** An unnumbered paragraph of an annex, a declaration or an adopted text: it starts after a sentence end. */
export const freeParagraph: BlockRule = {
  name: 'free paragraph',
  starts: ({ lexeme }, state) =>
    state.current !== undefined &&
    state.current.kind !== 'annex' &&
    afterSentence(state) &&
    (state.region === 'declaration' || lexeme.line.indent || /^\p{Lu}/u.test(lexeme.plain) || /^[\p{Lo}]/u.test(lexeme.plain)),
  open: ({ lexeme }, state) => openSegment(state, { kind: 'text', lexemes: [lexeme] }),
};

/** The first paragraph after a heading, an annex's title or an article heading. */
export const afterHeading: BlockRule = {
  name: 'after a heading',
  starts: (_cursor, state) => state.current !== undefined && HEADING_KINDS.has(state.current.kind),
  open: ({ lexeme }, state) => openSegment(state, { kind: 'text', lexemes: [lexeme] }),
};

/** Text before any block. */
export const firstText: BlockRule = {
  name: 'first text',
  starts: (_cursor, state) => state.current === undefined,
  open: ({ lexeme }, state) => openSegment(state, { kind: 'text', lexemes: [lexeme] }),
};

export const linesOf = (segment: Segment): TextLine[] => segment.lexemes.map((l) => l.line);
