// The shape of a language table: everything the parser needs to know about one UN language.
// Tables are data only (no parsing code); adding a language means adding one file like fr.ts.

/** A phrase that opens a paragraph, mapped to a language-neutral key (`recalling`, `requests`, ...). */
export type PhraseTable = ReadonlyArray<readonly [phrase: string, key: string]>;

export interface LanguageTable {
  /** ISO 639-1 (BCP 47) code, used in HTML `lang`, undocs URLs and JSON-LD. */
  code: 'en' | 'fr' | 'es' | 'ru' | 'ar' | 'zh';
  /** ISO 639-2/T code, used in FRBR IRIs and `FRBRlanguage`. */
  iso639_2: 'eng' | 'fra' | 'spa' | 'rus' | 'ara' | 'zho';
  name: string;
  dir: 'ltr' | 'rtl';

  /** Enacting formulas, keyed by the body that speaks (`un-ga`, `un-sc`). Matched case-sensitively after trimming. */
  formulas: ReadonlyArray<readonly [formula: string, body: string]>;
  /** Opening phrases of preambular paragraphs (participles), longest first is not required: the parser sorts. */
  preambularPhrases: PhraseTable;
  /**
   * Optional pattern (regular-expression source, `u` flag) of a recital opening the phrase table does
   * not list (a participle: "Determining", "Constatant"); such recitals get the key `preambularParagraph`.
   */
  recitalOpening?: string;
  /**
   * The letters of lettered items in this language's own script, in order, when its documents do not use
   * Latin "(a)" (Russian "а)", "б)"…; Arabic "(أ)", "(ب)"…): item N is the Nth letter.
   */
  itemLetters?: readonly string[];
  /**
   * Heading numbers in this language's own words or numerals, in order, where its documents print no roman
   * numeral or capital letter: `sections` the roman level (Arabic "أولا", "ثانيا"…; Chinese "一", "二"…),
   * `titles` the capital-letter level (Arabic "ألف", "باء"…). The Nth is read as roman N or letter N, so a
   * heading has the same level and eId in every language version; a dash, a period or "、" follows it.
   */
  headingNumbers?: { sections?: readonly string[]; titles?: readonly string[] };
  /** Opening phrases of operative paragraphs (verbs in the present tense). */
  operativePhrases: PhraseTable;

  /** Month names (lower case) to month numbers 1..12; genitive forms included where the language has them. */
  months: Readonly<Record<string, number>>;
  /**
   * Date patterns as regular-expression sources with named groups `day`, `month`, `year`
   * (`month` is a month name looked up in `months`, or digits). Matched with the `u` flag.
   */
  datePatterns: readonly string[];
  /** Ordinal session words ("soixante-douzième") to numbers, lower case. */
  sessionOrdinals: Readonly<Record<string, number>>;
  /** Regular-expression source matching a session line, with a named group `ordinal`. */
  sessionPattern: string;
  /** Regular-expression source matching an agenda-item line, with a named group `item`. */
  agendaItemPattern: string;
  /** Regular-expression source matching the plenary-meeting closing line, group `number`. */
  plenaryMeetingPattern: string;
  /** Optional regular-expression source of a Security Council resolution's number line ("Resolution 2532 (2020)"), group `number`. */
  resolutionNumberPattern?: string;
  /** Regular-expression source matching "Resolution adopted by the General Assembly on", group `body` optional. */
  adoptionLinePattern: string;
  /** Words that head an annex ("Annex", "Annexe"), followed optionally by a roman numeral. */
  annexWords: readonly string[];
  /** Words that head an article of an embedded or declared text ("Article"), and the word for "first". */
  articleWords: readonly string[];
  firstWords: readonly string[];
  /** Optional pattern for an article heading when words + number cannot express it ("第一条"); group `num`. */
  articleHeadingPattern?: string;
  /** Headings of a preamble section in declarations ("Preamble", "Préambule"). */
  preambleHeadings: readonly string[];
  /** Words announcing a draft ("draft resolution", "projet de résolution"). */
  draftWords: readonly string[];

  /** The masthead as printed in this language: the Organization's name, its organs (with the TLC key of
   * each), the Main Committees, the labels of the "Original:" line and the language-version names. */
  masthead: {
    organization: readonly string[];
    organs: ReadonlyArray<readonly [name: string, body: string]>;
    committees: readonly string[];
    originalLabels: readonly string[];
    languageNames: readonly string[];
  };
  /** Conjunctions: `and` joins the last two sponsors ("A, B and C"); `list` may end a recital or an item
   * before the next one ("…; and", "…; or"). */
  conjunctions: { and: readonly string[]; list: readonly string[] };
  /**
   * Optional pattern (regular-expression source, `u` flag) of an operative paragraph that adopts a text
   * printed after it ("Adopts the following Declaration:"); the text is structured as an embedded document.
   */
  adoptsTextPattern?: string;

  /** Superscript suffixes that the extraction puts on their own line after a number ("1" + "er" → "1er"). */
  ordinalSuffixes: Readonly<Record<string, string>>;
  /** Typography: insert a no-break space before these characters (French: ";:!?»", after "«"). */
  spaceBefore: string;
  spaceAfter: string;
  /** Sentence punctuation used to recognise the end of a recital and of an operative paragraph. */
  recitalEnd: string;
  operativeEnd: string;

  /** Offices and organizations recognised in the text: phrase → TLC key (see lang/entities.ts). */
  roles: PhraseTable;
  organizations: PhraseTable;

  /** Nouns that take a number ("paragraph 4", "article 2"): a number after them is never a footnote marker. */
  numberedNouns?: readonly string[];
  /** The decimal separator ("1,5" in French): a number after it is part of a number, never a footnote marker. */
  decimalSeparator?: '.' | ',';
  /** Words that join numbers ("and", "to", "et", "à"): a number after one continues a list or a range
   * ("3 and 4", "2 to 5"), never a footnote marker. */
  numberJoiners?: readonly string[];
  /** What a number written right after it is an ordinal or a reference of ("第1段", "第74/134号决议" in Chinese,
   * where the noun follows the number): such a number is never a footnote marker. */
  numberPrefixes?: readonly string[];

  /** Frequent words of the language, to confirm that a split word ("d omaines") should be rejoined. */
  commonWords: readonly string[];
  /**
   * Letters of the language's words, for telling the fragments of a split word ("durin g", "framewo rk")
   * from words: a lower-case piece with no vowel, or a single letter that is not a word, is a fragment.
   */
  wordLetters?: { vowels: string; singleLetterWords: readonly string[]; suffixes?: readonly string[]; twoLetterWords?: readonly string[] };
  /** Words that a split must never produce by joining (both halves are real words that often meet). */
  neverJoin?: readonly string[];

  /**
   * The Hunspell dictionary of the language (an npm package with index.aff and index.dic), the lexicon that
   * tells a word from the fragment of one; `elisions` are the elided words a look-up strips ("l’", "qu’").
   * Without one, the lexicon is `commonWords` alone, which never proves that a piece is not a word.
   */
  dictionary?: { package: string; elisions?: readonly string[] };
}

/**
 * The table as one object with every field, in the order above, an optional one absent as undefined: the six
 * tables then share one hidden class, and the stages reading them are optimised once, not again for each
 * language met (a table literal lacking a field or listing them in another order has a class of its own).
 */
export function languageTable(fields: LanguageTable): LanguageTable {
  const table = {
    code: fields.code,
    iso639_2: fields.iso639_2,
    name: fields.name,
    dir: fields.dir,
    formulas: fields.formulas,
    preambularPhrases: fields.preambularPhrases,
    recitalOpening: fields.recitalOpening,
    itemLetters: fields.itemLetters,
    headingNumbers: fields.headingNumbers,
    operativePhrases: fields.operativePhrases,
    months: fields.months,
    datePatterns: fields.datePatterns,
    sessionOrdinals: fields.sessionOrdinals,
    sessionPattern: fields.sessionPattern,
    agendaItemPattern: fields.agendaItemPattern,
    plenaryMeetingPattern: fields.plenaryMeetingPattern,
    resolutionNumberPattern: fields.resolutionNumberPattern,
    adoptionLinePattern: fields.adoptionLinePattern,
    annexWords: fields.annexWords,
    articleWords: fields.articleWords,
    firstWords: fields.firstWords,
    articleHeadingPattern: fields.articleHeadingPattern,
    preambleHeadings: fields.preambleHeadings,
    draftWords: fields.draftWords,
    masthead: fields.masthead,
    conjunctions: fields.conjunctions,
    adoptsTextPattern: fields.adoptsTextPattern,
    ordinalSuffixes: fields.ordinalSuffixes,
    spaceBefore: fields.spaceBefore,
    spaceAfter: fields.spaceAfter,
    recitalEnd: fields.recitalEnd,
    operativeEnd: fields.operativeEnd,
    roles: fields.roles,
    organizations: fields.organizations,
    numberedNouns: fields.numberedNouns,
    decimalSeparator: fields.decimalSeparator,
    numberJoiners: fields.numberJoiners,
    numberPrefixes: fields.numberPrefixes,
    commonWords: fields.commonWords,
    wordLetters: fields.wordLetters,
    neverJoin: fields.neverJoin,
    dictionary: fields.dictionary,
  } satisfies Record<keyof LanguageTable, unknown>;
  return table;
}
