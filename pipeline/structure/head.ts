// The head of a resolution: the enacting formula, and before it the masthead and the preface (adoption
// line, committee line, sponsors, number and title). Each kind of head line is a small named rule.
import type { DocumentMeta } from '../model.js';
import type { TextLine } from '../repair.js';
import { tagLine, type Lexeme } from './lexer.js';
import { normalizeQuotes, withoutCitations, type Lexicon, type MastheadField } from './lexicon.js';

export interface Head {
  masthead: TextLine[];
  adoption: TextLine[][];
  sponsors: TextLine[];
  title: TextLine[];
  /** Lines after the title that already belong to the preamble (recitals before a late formula). */
  trailing: Lexeme[];
  /** "Preamble" printed as a heading (declarations). */
  preambleHeading?: TextLine;
  numberLine?: string;
  meta: Partial<DocumentMeta>;
}

/** Where the enacting formula is: the first line that is one of the language's formulas and opens the text. */
export function findFormula(lexemes: readonly Lexeme[], lexicon: Lexicon): { index: number; body: string; rest: string } | undefined {
  // The formula opens the text: a recital, an operative paragraph or a heading follows it.
  // (A masthead line "General Assembly" is followed by "Distr.: General", not by a paragraph.)
  const opensParagraph = (l: Lexeme | undefined) =>
    l !== undefined && (l.preambular !== undefined || l.recitalShaped !== undefined || l.operative !== undefined || (l.number !== undefined && l.number.period && l.number.rest !== '') || l.preambleHeading);
  for (const [index, lexeme] of lexemes.entries()) {
    const text = normalizeQuotes(lexeme.plain);
    for (const { formula, body } of lexicon.formulas) {
      if (!text.startsWith(formula)) continue;
      const rest = text.slice(formula.length).trim();
      // "The General Assembly" is not the start of "The General Assemblyman"; a formula that ends with its
      // punctuation ("因此现在，大会，") or with a Han character needs no boundary after it.
      if (rest !== '' && /[\p{L}\p{N}]$/u.test(formula) && /^[\p{L}\p{N}]/u.test(text.charAt(formula.length)) && !/\p{Script=Han}$/u.test(formula)) continue;
      const opens = rest === '' ? opensParagraph(lexemes[index + 1]) || index === lexemes.length - 1 : opensParagraph(tagLine({ ...lexeme.line, text: rest }, index, lexicon));
      if (opens) return { index, body, rest };
    }
  }
  return undefined;
}

interface HeadState {
  head: Head;
  lexemes: readonly Lexeme[];
  /** Index of the line being read; a rule that takes more lines moves it. */
  i: number;
  inAgendaTitle: boolean;
  recognisedUpTo: number;
  lexicon: Lexicon;
  /** Set by a rule that ends the head (the rest belongs to the preamble). */
  done?: boolean;
}

interface HeadRule {
  name: string;
  matches(lexeme: Lexeme, state: HeadState): boolean;
  take(lexeme: Lexeme, state: HeadState): void;
}

const recognised = (state: HeadState) => {
  state.inAgendaTitle = false;
  state.recognisedUpTo = state.i;
};

/**
 * The masthead fields of a line: one field, or several separated by wide spaces ("Security Council   Distr.: General"),
 * or a name of the Organization or an organ followed by more fields on a line whose spacing was collapsed
 * ("United Nations A/RES/73/99").
 */
export function mastheadFields(text: string, lexicon: Lexicon, depth = 0): Array<{ field: MastheadField; text: string }> | undefined {
  if (text.length > 200 || depth > 3) return undefined;
  const parts = text.split(/\s{2,}|\t/u).map((f) => f.trim()).filter(Boolean);
  const found: Array<{ field: MastheadField; text: string }> = [];
  for (const part of parts) {
    const field = lexicon.mastheadFields.find((f) => f.pattern.test(part))?.field ?? (lexicon.isDateOnly(part) ? 'date' : undefined);
    if (field) {
      found.push({ field, text: part });
      continue;
    }
    const prefix = lexicon.mastheadPrefix.exec(part);
    const rest = prefix ? mastheadFields(part.slice(prefix[0].length), lexicon, depth + 1) : undefined;
    if (!prefix || !rest) return undefined;
    found.push({ field: prefix.groups!['organ'] ? 'organ' : 'organization', text: prefix[0].trim() }, ...rest);
  }
  return found.length ? found : undefined;
}

const headRules: readonly HeadRule[] = [
  {
    name: 'masthead line',
    matches: (l, s) => mastheadFields(l.plain, s.lexicon) !== undefined || collapsedMasthead(l.plain, s.lexicon),
    take: (l, s) => {
      for (const { field, text } of mastheadFields(l.plain, s.lexicon) ?? []) {
        if (field === 'date') s.head.meta.issueDate ??= s.lexicon.mastheadDate(text);
        if (field === 'symbol') s.head.meta.symbol ??= text;
        if (field === 'organ') s.head.meta.body ??= s.lexicon.organBodies.find((o) => o.pattern.test(text))?.body;
      }
      s.head.masthead.push(l.line);
      recognised(s);
    },
  },
  {
    name: 'session line',
    matches: (l, s) => s.lexicon.session.test(l.plain),
    take: (l, s) => {
      const ordinal = s.lexicon.session.exec(l.plain)?.groups?.['ordinal']?.toLowerCase() ?? '';
      const number = s.lexicon.language.sessionOrdinals[ordinal];
      if (number) s.head.meta.session = number;
      s.head.masthead.push(l.line);
      recognised(s);
    },
  },
  {
    name: 'agenda item',
    matches: (l, s) => s.lexicon.agenda.test(l.plain),
    take: (l, s) => {
      s.head.meta.agendaItem = s.lexicon.agenda.exec(l.plain)?.groups?.['item']?.trim();
      s.head.masthead.push(l.line);
      recognised(s);
      s.inAgendaTitle = true;
    },
  },
  {
    name: 'adoption line',
    matches: (l, s) => s.lexicon.adoption.test(l.plain),
    take: (l, s) => {
      const group = [l.line];
      const next = s.lexemes[s.i + 1];
      if (!s.lexicon.mastheadDate(l.plain) && next && s.lexicon.mastheadDate(next.plain)) {
        group.push(next.line);
        s.i++;
      }
      s.head.adoption.push(group);
      const date = s.lexicon.mastheadDate(group.map((g) => withoutCitations(g.text)).join(' '));
      if (date) s.head.meta.date = date;
      s.head.meta.kind = 'resolution';
      const organ = s.lexicon.organBodies.find((o) => o.pattern.test(l.plain));
      if (organ) s.head.meta.body ??= organ.body;
      recognised(s);
    },
  },
  {
    // "Resolution 2532 (2020)": a Security Council resolution's number, printed above its adoption line.
    name: 'resolution number line',
    matches: (l, s) => s.lexicon.resolutionNumber?.test(l.plain) ?? false,
    take: (l, s) => {
      s.head.numberLine = s.lexicon.resolutionNumber!.exec(l.plain)!.groups!['number'];
      s.head.adoption.push([l.line]);
      s.head.meta.kind = 'resolution';
      recognised(s);
    },
  },
  {
    name: 'committee report line',
    matches: (l) => l.plain.startsWith('['),
    take: (l, s) => {
      const group = [l.line];
      while (!withoutCitations(group.at(-1)!.text).includes(']') && s.lexemes[s.i + 1] && group.length < 6) group.push(s.lexemes[++s.i]!.line);
      s.head.adoption.push(group);
      const committee = /\((?<symbols>[^()]*)\)\s*\]?$/.exec(group.map((g) => withoutCitations(g.text)).join(' '));
      const first = committee?.groups?.['symbols']!.split(s.lexicon.sponsorSeparator)[0]?.trim();
      // "(A/73/L.6)" is the draft; "(A/73/480)" the committee's report.
      if (first && /\/L\.\d/.test(first)) s.head.meta.draftSymbol = first;
      else if (first) s.head.meta.committeeReport = first;
      recognised(s);
    },
  },
  {
    // The sponsor line ends with "draft resolution"; a long list wraps over the lines before it, which read
    // as names separated by commas (a wrapped name may start its line: "(Plurinational State of), Brazil,").
    name: 'sponsor line',
    matches: (l, s) => s.lexicon.draft.test(l.plain),
    take: (l, s) => {
      let start = s.i;
      const bare = l.plain.replace(s.lexicon.draft, '').trim() === '';
      const listLine = (t: string) => t.length < 300 && (s.lexicon.sponsorListLine.test(t) || (start === s.i && bare && /^\p{Lu}.*[:：]$/u.test(t)));
      while (start > 0 && start - 1 > s.recognisedUpTo - (s.inAgendaTitle ? 10 : 0) && listLine(s.lexemes[start - 1]!.plain)) start--;
      const group = s.lexemes.slice(start, s.i + 1).map((g) => g.line);
      s.head.masthead = s.head.masthead.filter((m) => !group.includes(m));
      s.head.title = s.head.title.filter((m) => !group.includes(m));
      s.head.sponsors.push(...group);
      s.head.meta.kind = 'resolutionDraft';
      s.head.meta.sponsors = splitSponsors(group.map((g) => withoutCitations(g.text)).join(' ').replace(s.lexicon.draft, ''), s.lexicon);
      recognised(s);
    },
  },
  {
    // "Draft resolution submitted by the President of the General Assembly": a draft with no sponsor list.
    name: 'draft line',
    matches: (l, s) => l.plain.length < 200 && s.lexicon.draftOpening.test(l.plain),
    take: (l, s) => {
      s.head.adoption.push([l.line]);
      s.head.meta.kind = 'resolutionDraft';
      recognised(s);
    },
  },
  {
    name: 'number and title',
    matches: (l) => l.resolutionNumber !== undefined,
    take: (l, s) => {
      s.head.numberLine = l.resolutionNumber!.number;
      s.head.title.push(l.line);
      recognised(s);
    },
  },
  {
    // A declaration's "Preamble": its recitals precede the formula.
    name: 'preamble heading',
    matches: (l) => l.preambleHeading,
    take: (l, s) => {
      s.head.trailing = s.lexemes.slice(s.i + 1);
      s.head.preambleHeading = l.line;
      s.done = true;
    },
  },
  {
    name: 'recital before the formula',
    matches: (l, s) => l.preambular !== undefined && s.head.title.length > 0,
    take: (_l, s) => {
      s.head.trailing = s.lexemes.slice(s.i);
      s.done = true;
    },
  },
  {
    // The title of the agenda item runs on under "Agenda item 74 (b)" until the next recognised line.
    name: 'agenda item title',
    matches: (_l, s) => s.inAgendaTitle,
    take: (l, s) => {
      s.head.masthead.push(l.line);
    },
  },
  { name: 'title', matches: () => true, take: (l, s) => void s.head.title.push(l.line) },
];

/** A collapsed masthead (a web copy) starts with the symbol followed by words. */
function collapsedMasthead(text: string, lexicon: Lexicon): boolean {
  const [first, ...rest] = text.split(/\s+/u);
  return rest.length > 0 && /^\p{L}/u.test(rest[0]!) && lexicon.mastheadFields.find((f) => f.field === 'symbol')!.pattern.test(first ?? '') && /\//.test(first ?? '');
}

export function parseHead(lexemes: readonly Lexeme[], lexicon: Lexicon): Head {
  const state: HeadState = {
    head: { masthead: [], adoption: [], sponsors: [], title: [], trailing: [], meta: {} },
    lexemes,
    i: 0,
    inAgendaTitle: false,
    recognisedUpTo: -1,
    lexicon,
  };
  while (state.i < lexemes.length && !state.done) {
    const lexeme = lexemes[state.i]!;
    headRules.find((rule) => rule.matches(lexeme, state))!.take(lexeme, state);
    if (!state.done) state.i++;
  }
  const { head } = state;
  const numbered = head.title.length ? lexemes.find((l) => l.line === head.title[0])?.resolutionNumber : undefined;
  head.meta.title = head.title
    .map((l, i) => withoutCitations(l.text) + (i < head.title.length - 1 ? l.glue : ''))
    .join('')
    .trim()
    .slice(numbered?.length ?? 0)
    .trim();
  return head;
}

/** "A, B and C*:" → [A, B, C]; a name with a conjunction of its own ("Trinidad and Tobago") stays whole. */
export function splitSponsors(line: string, lexicon: Lexicon): Array<{ name: string }> {
  const text = line.replace(/\*+/g, '').replace(/[:：\s]+$/u, '');
  const names: string[] = [];
  let rest = text;
  // Names that contain the conjunction are taken first, wherever they are in the list.
  const whole = lexicon.statesWithConjunction.filter((state) => rest.includes(state));
  const kept = new Map<string, string>();
  whole.forEach((state, i) => {
    const token = `#${i}#`;
    kept.set(token, state);
    rest = rest.replace(state, token);
  });
  for (const piece of rest.split(lexicon.sponsorSeparator)) {
    const name = piece.replace(/#\d+#/g, (token) => kept.get(token) ?? token).trim();
    if (name) names.push(name);
  }
  return names.map((name) => ({ name }));
}
