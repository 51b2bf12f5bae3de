// The lexicon of one language: every regular expression the structure stage uses, built in one place
// from the language table (pipeline/lang/*.ts), once per table. No parser module builds a pattern of its own.
import { isSpace } from '../characters.js';
import { languages, toAsciiDigits } from '../lang/index.js';
import { statesWithConjunction } from '../lang/states.js';
import type { LanguageTable, PhraseTable } from '../lang/types.js';
import { CITATION_PATTERN, SYMBOL_SOURCE } from '../repair.js';

export interface Phrase {
  phrase: string;
  key: string;
}

/** A phrase table ready for matching: longest phrase first, quotes normalised, case folding decided. */
export interface PhraseMatcher {
  entries: readonly Phrase[];
  /** Languages that write their phrases in lower case (Russian) also print them capitalised. */
  foldFirstLetter: boolean;
}

export type MastheadField = 'organization' | 'organ' | 'distribution' | 'symbol' | 'original' | 'committee' | 'languageName' | 'date';

export interface Lexicon {
  language: LanguageTable;
  formulas: ReadonlyArray<{ formula: string; body: string }>;
  preambular: PhraseMatcher;
  operative: PhraseMatcher;
  /** The shape of a recital opening that the phrase table does not list (a participle phrase). */
  recitalShape?: RegExp;
  /** A line that ends a recital, an operative paragraph, a sentence; an intro to a list. */
  recitalEnd: RegExp;
  operativeEnd: RegExp;
  sentenceEnd: RegExp;
  /** A line that ends with a list conjunction ("…; and"): the next line may open an item. */
  listJoin: RegExp;
  /** A line that ends with a noun taking a number ("paragraph", "resolution"): a number after it is a reference. */
  numberedNounEnd?: { test(text: string): boolean };
  /** An item lettered in the language's own script ("а)", "(أ)"), with each letter's place in the order. */
  nativeEnumerator?: { pattern: RegExp; ordinal: ReadonlyMap<string, number> };
  /** A heading numbered in the language's own words ("ثانيا - التمويل", "二. 其他事项"), each word's level and place. */
  nativeSection?: { pattern: RegExp; numbers: ReadonlyMap<string, SectionNumbering> };
  annexHeading: RegExp;
  articleHeading: RegExp;
  preambleHeading: RegExp;
  plenary: RegExp;
  adoption: RegExp;
  resolutionNumber?: RegExp;
  draft: RegExp;
  /** A line that opens with the draft words ("Draft resolution submitted by the President of the General Assembly"). */
  draftOpening: RegExp;
  session: RegExp;
  agenda: RegExp;
  adoptsText?: RegExp;
  /** Masthead fields, each recognised alone on a line or as one of the fields of a line ("Security Council   Distr.: General"). */
  mastheadFields: ReadonlyArray<{ field: MastheadField; pattern: RegExp }>;
  /** The Organization's or an organ's name at the start of a line with more masthead fields after it. */
  mastheadPrefix: RegExp;
  /** The body (TLC key) of an organ named in the masthead or the adoption line. */
  organBodies: ReadonlyArray<{ pattern: RegExp; body: string }>;
  /** Dates as printed in a masthead: in the language, or in English (every version prints the issue date so). */
  mastheadDate(text: string): string | undefined;
  isDateOnly(text: string): boolean;
  /** A line of a wrapped sponsor list: names each followed by a comma ("Argentina, Bolivia (Plurinational State of),"). */
  sponsorListLine: RegExp;
  sponsorSeparator: RegExp;
  /** Names of States that contain a conjunction ("Trinidad and Tobago"): a sponsor list never splits them. */
  statesWithConjunction: readonly string[];
  /** In a collapsed line (a whole page on one line): where a recital or a paragraph starts. Global patterns. */
  recitalBoundary?: RegExp;
  paragraphBoundary: RegExp;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const anyOf = (words: readonly string[]) => words.map(esc).join('|');
/** What normalizeQuotes changes: an apostrophe to replace, a space other than U+0020, two spaces, a space at an end. */
const NEEDS_NORMALIZING = /['ʼ]|[^\S ]| {2}|^ | $/;

/**
 * Straight and modifier apostrophes as the typographic one, every run of spaces as one space, no space at
 * either end: `s.replace(/['ʼ]/g, '’').replace(/\s+/g, ' ').trim()`, in one scan that returns the string itself
 * when nothing changes (most lines; the lexer asks this of every line, some lines several times).
 */
export function normalizeQuotes(s: string): string {
  // Most lines need nothing: one pattern without backtracking says so faster than a scan in JavaScript.
  if (!NEEDS_NORMALIZING.test(s)) return s;
  let start = 0;
  let end = s.length;
  while (start < end && isSpace(s.charCodeAt(start))) start++;
  while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
  let out = '';
  let copied = start;
  for (let i = start; i < end; i++) {
    const unit = s.charCodeAt(i);
    if (unit === 0x27 || unit === 0x2bc) {
      out += `${s.slice(copied, i)}’`;
      copied = i + 1;
    } else if (isSpace(unit)) {
      let j = i + 1;
      while (j < end && isSpace(s.charCodeAt(j))) j++;
      // One plain space stays as it is; any other run becomes one plain space.
      if (unit !== 0x20 || j > i + 1) {
        out += `${s.slice(copied, i)} `;
        copied = j;
      }
      i = j - 1;
    }
  }
  if (copied === start) return start === 0 && end === s.length ? s : s.slice(start, end);
  return out + s.slice(copied, end);
}
/** Note citations travel inside the line text; patterns see the line without them. */
export const withoutCitations = (s: string) => s.replace(CITATION_PATTERN, '');

function phraseMatcher(table: PhraseTable): PhraseMatcher {
  const entries = table.map(([phrase, key]) => ({ phrase: normalizeQuotes(phrase), key })).sort((a, b) => b.phrase.length - a.phrase.length);
  return { entries, foldFirstLetter: entries.some((entry) => /^\p{Ll}/u.test(entry.phrase)) };
}

const foldFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * A matcher's phrases as compared (first letter folded when the matcher folds), grouped by their first code
 * unit in the matcher's order: a line is compared only with the phrases that start as it does, not with the
 * whole table (a phrase that is empty would open anything: such a matcher is not grouped). Made once per matcher.
 */
interface PhraseGroups {
  byFirstUnit: Map<number, Array<{ entry: Phrase; compared: string }>>;
}
const phraseGroups = new WeakMap<PhraseMatcher, PhraseGroups | null>();
function groupsOf(matcher: PhraseMatcher): PhraseGroups | null {
  let groups = phraseGroups.get(matcher);
  if (groups === undefined) {
    const compared = matcher.entries.map((entry) => ({ entry, compared: matcher.foldFirstLetter ? foldFirst(entry.phrase) : entry.phrase }));
    if (compared.some((c) => c.compared === '')) groups = null;
    else {
      groups = { byFirstUnit: new Map() };
      for (const c of compared) {
        const unit = c.compared.charCodeAt(0);
        const group = groups.byFirstUnit.get(unit);
        if (group) group.push(c);
        else groups.byFirstUnit.set(unit, [c]);
      }
    }
    phraseGroups.set(matcher, groups);
  }
  return groups;
}

/** The phrase of the table that opens `text`, whole words only, as printed in `text`. */
export function openingPhrase(text: string, matcher: PhraseMatcher): Phrase | undefined {
  const normalized = normalizeQuotes(text.slice(0, 200));
  const candidate = matcher.foldFirstLetter ? foldFirst(normalized) : normalized;
  const groups = groupsOf(matcher);
  const compared = groups ? (groups.byFirstUnit.get(candidate.charCodeAt(0)) ?? []) : matcher.entries.map((entry) => ({ entry, compared: matcher.foldFirstLetter ? foldFirst(entry.phrase) : entry.phrase }));
  for (const { entry, compared: phrase } of compared) {
    if (!candidate.startsWith(phrase)) continue;
    const after = normalized.charAt(entry.phrase.length);
    // Chinese writes no space after a phrase: a phrase ending in a Han character needs no boundary.
    const unspaced = /\p{Script=Han}$/u.test(entry.phrase);
    if (unspaced || after === '' || /[\s,،，:;]/u.test(after) || /[\u{F0000}-\u{FFFFD}]/u.test(after)) {
      return { phrase: text.slice(0, entry.phrase.length), key: entry.key };
    }
  }
  return undefined;
}

/** A space or an apostrophe: what may stand before a word that ends a line (endingWord). */
const isWordBoundary = (unit: number) => isSpace(unit) || unit === 0x2019 || unit === 0x27;

/**
 * A test for a line that ends with one of `words` (case aside) after a space, an apostrophe or nothing, spaces
 * after it aside: `/(?:^|[\s’'])(?:words)\s*$/iu`. That pattern is tried at every character of the line (the
 * engine cannot start from its end), each time against every word of the list; this reads the line from its
 * end instead and tries the whole list, anchored, only after each of the last few spaces or apostrophes (one
 * more than any word of the list holds). A list with a word that ends with such a character keeps the pattern.
 */
function endingWord(words: readonly string[]): { test(text: string): boolean } {
  const pattern = new RegExp(`(?:^|[\\s’'])(?:${anyOf(words)})\\s*$`, 'iu');
  if (words.some((word) => word === '' || isWordBoundary(word.charCodeAt(word.length - 1)))) return pattern;
  const whole = new RegExp(`^(?:${anyOf(words)})$`, 'iu');
  const inside = Math.max(...words.map((word) => [...word].filter((c) => isWordBoundary(c.charCodeAt(0))).length));
  return {
    test(text: string): boolean {
      let end = text.length;
      while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
      let seen = 0;
      for (let i = end - 1; i >= 0; i--) {
        if (!isWordBoundary(text.charCodeAt(i))) continue;
        if (whole.test(text.slice(i + 1, end))) return true;
        if (++seen > inside) return false;
      }
      return whole.test(text.slice(0, end));
    },
  };
}

/** "(а)" or "а)" then a space, for the letters of the table; the longest letter first ("هـ" before "ه"). */
function nativeEnumerator(letters: readonly string[]): NonNullable<Lexicon['nativeEnumerator']> {
  const alternatives = anyOf([...letters].sort((a, b) => b.length - a.length));
  return {
    pattern: new RegExp(`^(?:\\((?<paren>${alternatives})\\)|(?<close>${alternatives})\\))\\s+`, 'u'),
    ordinal: new Map(letters.map((letter, i) => [letter, i + 1])),
  };
}

/** The level and place a heading's number gives it: roman N (section) or letter N (title). */
export interface SectionNumbering {
  series: 'roman' | 'letter';
  ordinal: number;
}

/**
 * "أولا - " / "أولاً -" / "一、" / "В. " then the heading; the longest word first ("十一" before "十"). A dash or a
 * period ends the number only before a space, the line's end or Arabic script ("С-Петербург" is no heading).
 */
function nativeSection(numbers: NonNullable<LanguageTable['headingNumbers']>): NonNullable<Lexicon['nativeSection']> {
  const map = new Map<string, SectionNumbering>();
  (numbers.sections ?? []).forEach((word, i) => map.set(word, { series: 'roman', ordinal: i + 1 }));
  (numbers.titles ?? []).forEach((word, i) => map.set(word, { series: 'letter', ordinal: i + 1 }));
  const alternatives = anyOf([...map.keys()].sort((a, b) => b.length - a.length));
  return { pattern: new RegExp(`^(?<num>(?<word>${alternatives})\\u064B?(?:\\s?[-–.](?=[\\s\\p{Script=Arabic}]|$)|[．、]))(?:\\s*(?<title>\\S.*))?$`, 'u'), numbers: map };
}

export function compileLexicon(language: LanguageTable): Lexicon {
  const list = anyOf(language.conjunctions.list);
  // A recital or paragraph may end with a conjunction before the next one ("…; and", "…, y", "…; и").
  const ending = (chars: string) => new RegExp(`[${esc(chars)}]\\s*(?:\\s(?:${list}))?$`, 'u');
  const mastheadLanguages = language.code === 'en' ? [language] : [language, languages.en];
  const mastheadWords = (pick: (l: LanguageTable) => readonly string[]) => anyOf([...new Set(mastheadLanguages.flatMap(pick))]);
  const datePatterns = mastheadLanguages.flatMap((l) => l.datePatterns.map((p) => ({ language: l, whole: new RegExp(`^(?:${p})$`, 'iu') })));
  const organs = mastheadLanguages.flatMap((l) => l.masthead.organs);
  const capitalised = language.preambularPhrases.map(([phrase]) => normalizeQuotes(phrase)).filter((phrase) => /^\p{Lu}/u.test(phrase));
  const name = String.raw`\(?\p{Lu}[\p{L}’'().\- ]{0,60}?\*?`;
  return {
    language,
    formulas: language.formulas.map(([formula, body]) => ({ formula: normalizeQuotes(formula), body })).sort((a, b) => b.formula.length - a.formula.length),
    preambular: phraseMatcher(language.preambularPhrases),
    operative: phraseMatcher(language.operativePhrases),
    recitalShape: language.recitalOpening ? new RegExp(language.recitalOpening, 'u') : undefined,
    recitalEnd: ending(language.recitalEnd),
    operativeEnd: ending(`${language.operativeEnd}:`),
    sentenceEnd: /[.:;。؛；]\s*$/u,
    listJoin: new RegExp(`(?:[:;,،，；]|\\s(?:${list}))\\s*$`, 'u'),
    // After a space or an elision ("de l’alinéa"): a number or an enumerator on the next line cites, it opens nothing.
    nativeEnumerator: language.itemLetters?.length ? nativeEnumerator(language.itemLetters) : undefined,
    nativeSection: language.headingNumbers ? nativeSection(language.headingNumbers) : undefined,
    numberedNounEnd: language.numberedNouns?.length ? endingWord(language.numberedNouns) : undefined,
    annexHeading: new RegExp(`^(?<word>${anyOf(language.annexWords)})(?:\\s+(?<num>[IVXLC]+|\\d+))?\\s*[.:]?$`, 'u'),
    articleHeading: new RegExp(
      language.articleHeadingPattern ?? `^(?:${anyOf(language.articleWords)})\\s+(?<num>\\d+|${anyOf(language.firstWords)})\\.?$`,
      'u',
    ),
    preambleHeading: new RegExp(`^(?:${anyOf(language.preambleHeadings)})$`, 'u'),
    plenary: new RegExp(language.plenaryMeetingPattern, 'u'),
    adoption: new RegExp(language.adoptionLinePattern, 'u'),
    resolutionNumber: language.resolutionNumberPattern ? new RegExp(language.resolutionNumberPattern, 'u') : undefined,
    draft: new RegExp(`(?:${anyOf(language.draftWords)})\\s*$`, 'iu'),
    draftOpening: new RegExp(`^(?:\\p{L}+\\s+)?(?:${anyOf(language.draftWords)})\\s+\\p{L}`, 'iu'),
    session: new RegExp(language.sessionPattern, 'iu'),
    agenda: new RegExp(language.agendaItemPattern, 'iu'),
    adoptsText: language.adoptsTextPattern ? new RegExp(language.adoptsTextPattern, 'u') : undefined,
    mastheadFields: [
      { field: 'organization', pattern: new RegExp(`^(?:${mastheadWords((l) => l.masthead.organization)})$`, 'u') },
      { field: 'organ', pattern: new RegExp(`^(?:${anyOf(organs.map(([n]) => n))})$`, 'u') },
      { field: 'committee', pattern: new RegExp(`^(?:${mastheadWords((l) => l.masthead.committees)})$`, 'u') },
      // "Distr.: General", "Distr. générale": the same abbreviation in every language version.
      { field: 'distribution', pattern: /^Distr\.?(?:\s*:)?(?:\s+\p{L}+)?$/u },
      { field: 'original', pattern: new RegExp(`^(?:${mastheadWords((l) => l.masthead.originalLabels)})\\s*[:：]`, 'u') },
      { field: 'languageName', pattern: new RegExp(`^(?:${mastheadWords((l) => l.masthead.languageNames)})$`, 'u') },
      // A symbol alone ("S/2019/90", "A/RES/54/18 B", "S/RES/2532 (2020)").
      { field: 'symbol', pattern: new RegExp(`^${SYMBOL_SOURCE}(?:\\s[A-Z])?$`, 'u') },
    ],
    mastheadPrefix: new RegExp(`^(?:(?<organization>${mastheadWords((l) => l.masthead.organization)})|(?<organ>${anyOf(organs.map(([n]) => n))}))\\s+(?=\\S)`, 'u'),
    organBodies: organs.map(([organ, body]) => ({ pattern: new RegExp(`(?:^|\\s)${esc(organ)}(?=[\\s,،，:]|$)`, 'u'), body })),
    mastheadDate: (text) => {
      for (const l of mastheadLanguages) {
        const date = dateIn(text, l);
        if (date) return date;
      }
      return undefined;
    },
    isDateOnly: (text) => text.length < 60 && datePatterns.some((p) => p.whole.test(toAsciiDigits(text))),
    sponsorListLine: new RegExp(`^(?:${name},\\s*)+(?:${name}(?:,|\\s+(?:${anyOf(language.conjunctions.and)})\\s+${name})?)?$`, 'u'),
    recitalBoundary: capitalised.length ? new RegExp(`[,;،，]\\s+(?=(?:${anyOf(capitalised)})\\s)`, 'gu') : undefined,
    // After a sentence end the next number; after the last recital's comma paragraph 1; after an intro an item.
    paragraphBoundary: /[.;:]\s+(?=\d{1,4}\.\s+\p{Lu})|[,،，]\s+(?=1\.\s+\p{Lu})|[:;]\s+(?=\([a-z]{1,2}\)\s)/gu,
    statesWithConjunction,
    sponsorSeparator: new RegExp(`,\\s*|\\s+(?:${anyOf(language.conjunctions.and)})\\s+`, 'u'),
  };
}

/** The first date in a text, as YYYY-MM-DD, using the language's date patterns. */
export function dateIn(text: string, language: LanguageTable): string | undefined {
  const ascii = toAsciiDigits(text);
  for (const source of language.datePatterns) {
    const groups = new RegExp(source, 'iu').exec(ascii)?.groups;
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

/**
 * The lexicons of the registered languages, compiled when the module loads (an immutable map: no cache to
 * fill, no state that changes). A table that is not registered (a test's own) is compiled on demand.
 */
const registered: ReadonlyMap<LanguageTable, Lexicon> = new Map(Object.values(languages).map((table) => [table, compileLexicon(table)]));

export function lexiconFor(language: LanguageTable): Lexicon {
  return registered.get(language) ?? compileLexicon(language);
}
