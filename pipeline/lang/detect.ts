// Language detection: which of the six UN languages a text is written in, for inputs without a sidecar.
// Reads: the first DETECTION_WINDOW characters of a text.   Returns: the language table, a confidence, the evidence.
//
// Decided in this order, in one pass over the characters and one over the words:
//   1. a text that is mostly control characters, replacement characters or symbols is no language;
//   2. the script of most letters: Arabic → Arabic, Cyrillic → Russian, Han → Chinese, Latin → step 3;
//      letters that only a neighbouring language uses (Persian "پ", Ukrainian "і", Japanese kana) rule it out;
//   3. for Latin script, the share of words that are frequent words of each table (`commonWords`), against the
//      same share for the frequent Latin-script languages that are not UN languages (German, Italian,
//      Portuguese, Dutch): a French text must look more French than Italian, not only more than English;
//   4. the resolution phrases of the tables (formulas, preambular and operative phrases) found in the text
//      confirm the choice and are reported as evidence.
// What a language contributes (frequent words, phrases) comes from its table; a new table is one entry in
// `latinTables` or `scriptTables` below.
import { isLetterOrMark, isWordUnit } from '../characters.js';
import { arabic } from './ar.js';
import { english } from './en.js';
import { spanish } from './es.js';
import { french } from './fr.js';
import { russian } from './ru.js';
import type { LanguageTable } from './types.js';
import { chinese } from './zh.js';

/** Characters looked at: a resolution's masthead, preface and first paragraphs are enough, and a 20 MB input stays fast. */
export const DETECTION_WINDOW = 20_000;

export interface DetectedLanguage {
  table: LanguageTable;
  /** 0..1: how clearly the evidence points to this language (a score, not a probability). */
  confidence: number;
  /** The evidence, in words, for the report: "Latin script; 38% frequent French words (English 6%, …)". */
  reason: string;
}

/** Fewer letters than this is too little text to name a language. */
const MIN_LETTERS = 30;
/** Above this share of control or replacement characters among non-blank characters, the input is not text. */
const MAX_CONTROL_SHARE = 0.02;
/** Below this share of letters among non-blank characters, the input is symbols or numbers, not prose. */
const MIN_LETTER_SHARE = 0.5;
/** Latin script: the winning language's frequent words must be at least this share of the words… */
const MIN_LATIN_COVERAGE = 0.12;
/** …and ahead of every other language (UN or not) by this much. */
const MIN_LATIN_MARGIN = 0.03;
/** Other scripts: the table's frequent words must be at least this share (rules out Persian, Bulgarian, …). */
const MIN_SCRIPT_COVERAGE = 0.04;
/** Letters of a neighbouring language above this share of the script's letters rule the UN language out. */
const MAX_FOREIGN_LETTER_SHARE = 0.005;

/**
 * Frequent words of Latin-script languages that are not UN languages. They are a yardstick, not tables: a text
 * whose best UN language covers fewer words than one of these is reported as no UN language.
 */
const nonUnLatinWords: Readonly<Record<string, readonly string[]>> = {
  German: [
    'der', 'die', 'das', 'und', 'ist', 'nicht', 'ein', 'eine', 'zu', 'den', 'von', 'mit', 'sich', 'des', 'auf', 'für',
    'im', 'dem', 'als', 'auch', 'es', 'an', 'werden', 'aus', 'er', 'hat', 'dass', 'sie', 'nach', 'bei', 'um', 'am',
    'sind', 'noch', 'wie', 'einem', 'über', 'einen', 'so', 'zum', 'zur', 'haben', 'oder', 'aber', 'vor', 'durch', 'jeder',
  ],
  Italian: [
    'il', 'di', 'che', 'è', 'e', 'la', 'per', 'un', 'in', 'non', 'una', 'sono', 'gli', 'le', 'del', 'della', 'dei',
    'delle', 'con', 'si', 'al', 'alla', 'da', 'come', 'ma', 'nel', 'nella', 'anche', 'questo', 'ogni', 'ha', 'suo',
  ],
  Portuguese: [
    'de', 'a', 'o', 'que', 'e', 'do', 'da', 'em', 'um', 'para', 'é', 'com', 'não', 'uma', 'os', 'no', 'se', 'na', 'por',
    'mais', 'as', 'dos', 'como', 'mas', 'ao', 'das', 'pelo', 'pela', 'são', 'também', 'seu', 'sua', 'nos', 'às',
  ],
  Dutch: [
    'de', 'het', 'een', 'en', 'van', 'in', 'is', 'dat', 'op', 'te', 'zijn', 'met', 'voor', 'niet', 'aan', 'er', 'die',
    'ook', 'als', 'door', 'om', 'bij', 'maar', 'naar', 'dan', 'wordt', 'worden', 'heeft', 'zich', 'ieder',
  ],
};

const latinTables: readonly LanguageTable[] = [english, french, spanish];
/** The vocabularies a Latin-script text is measured against: the UN tables' frequent words, then the yardsticks. */
const latinVocabularies: ReadonlyArray<readonly [string, readonly string[]]> = [
  ...latinTables.map((table) => [table.code, table.commonWords] as const),
  ...Object.entries(nonUnLatinWords),
];

type Script = 'latin' | 'cyrillic' | 'arabic' | 'han';

/** The UN language written in each script other than Latin, and the English name of the script for the reason. */
const scriptTables: Readonly<Record<Exclude<Script, 'latin'>, { table: LanguageTable; name: string }>> = {
  cyrillic: { table: russian, name: 'Cyrillic' },
  arabic: { table: arabic, name: 'Arabic' },
  han: { table: chinese, name: 'Han (Chinese)' },
};

interface CharacterCounts {
  nonBlank: number;
  controls: number;
  latin: number;
  cyrillic: number;
  arabic: number;
  han: number;
  /** Hiragana and katakana: Japanese, which also writes Han characters. */
  kana: number;
  hangul: number;
  otherLetters: number;
  /** Arabic-script letters of Persian and Urdu that Arabic does not use (پ چ ژ گ ٹ ڈ ڑ ں ھ ہ ے). */
  persianLetters: number;
  /** Cyrillic letters of Ukrainian, Belarusian, Serbian, Macedonian, Kazakh… that Russian does not use. */
  nonRussianCyrillic: number;
  /** ы and э: frequent in Russian, absent from Bulgarian, Ukrainian, Serbian and Macedonian. */
  russianOnlyCyrillic: number;
}

const PERSIAN_LETTERS = new Set([0x067e, 0x0686, 0x0698, 0x06af, 0x0679, 0x0688, 0x0691, 0x06ba, 0x06be, 0x06c1, 0x06d2]);
const NON_RUSSIAN_CYRILLIC = new Set([
  0x0402, 0x0403, 0x0404, 0x0405, 0x0406, 0x0407, 0x0408, 0x0409, 0x040a, 0x040b, 0x040c, 0x040e, 0x040f,
  0x0452, 0x0453, 0x0454, 0x0455, 0x0456, 0x0457, 0x0458, 0x0459, 0x045a, 0x045b, 0x045c, 0x045e, 0x045f,
]);
const RUSSIAN_ONLY_CYRILLIC = new Set([0x042b, 0x044b, 0x042d, 0x044d]);
/** Arabic-block characters that are punctuation or digits, not letters (، ؛ ؟ ٠-٩ ٫ ٬ ۔ ۰-۹). */
const ARABIC_NON_LETTERS = new Set([0x060c, 0x061b, 0x061f, 0x066b, 0x066c, 0x06d4]);
const OTHER_LETTER = /\p{L}/u;

function countCharacters(sample: string): CharacterCounts {
  const counts: CharacterCounts = {
    nonBlank: 0, controls: 0, latin: 0, cyrillic: 0, arabic: 0, han: 0, kana: 0, hangul: 0, otherLetters: 0,
    persianLetters: 0, nonRussianCyrillic: 0, russianOnlyCyrillic: 0,
  };
  for (let i = 0; i < sample.length; i++) {
    let c = sample.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0xa0) continue;
    counts.nonBlank++;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < sample.length) {
      const low = sample.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0xfffd || (c >= 0xd800 && c <= 0xdfff)) counts.controls++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) counts.latin++;
    else if (c >= 0x0400 && c <= 0x052f) {
      counts.cyrillic++;
      if (NON_RUSSIAN_CYRILLIC.has(c) || c >= 0x0460) counts.nonRussianCyrillic++;
      if (RUSSIAN_ONLY_CYRILLIC.has(c)) counts.russianOnlyCyrillic++;
    } else if ((c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0x08a0 && c <= 0x08ff) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff)) {
      if (ARABIC_NON_LETTERS.has(c) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06f0 && c <= 0x06f9)) continue;
      counts.arabic++;
      if (PERSIAN_LETTERS.has(c)) counts.persianLetters++;
    } else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff)) counts.han++;
    // U+30FB KATAKANA MIDDLE DOT also separates foreign names in Chinese: not evidence of Japanese.
    else if ((c >= 0x3040 && c <= 0x309f) || (c >= 0x30a0 && c <= 0x30ff && c !== 0x30fb)) counts.kana++;
    else if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff)) counts.hangul++;
    else if (c > 0x7f && OTHER_LETTER.test(String.fromCodePoint(c))) counts.otherLetters++;
  }
  return counts;
}

/** Lower-case words of the sample (letters and combining marks; "l’Assemblée" gives "l" and "assemblée"). */
function wordsOf(sample: string): string[] {
  // `lower.match(/[\p{L}\p{M}]+/gu)`, as a scan by code point (a surrogate pair is one character, a lone
  // surrogate none of these), which costs a third of the pattern.
  const lower = sample.toLowerCase();
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < lower.length; ) {
    const cp = lower.codePointAt(i)!;
    if (isLetterOrMark(cp)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words.push(lower.slice(start, i));
      start = -1;
    }
    i += cp > 0xffff ? 2 : 1;
  }
  if (start >= 0) words.push(lower.slice(start));
  return words;
}

/** Share of `words` that are in `vocabulary`. */
function coverage(words: readonly string[], vocabulary: ReadonlySet<string>): number {
  if (words.length === 0) return 0;
  let hits = 0;
  for (const word of words) if (vocabulary.has(word)) hits++;
  return hits / words.length;
}

/** Chinese writes no spaces: the share of Han characters that are one-character frequent words ("的", "和", "在"). */
function hanCoverage(sample: string, table: LanguageTable, hanCount: number): number {
  if (hanCount === 0) return 0;
  const characters = new Set(table.commonWords.filter((w) => [...w].length === 1));
  let hits = 0;
  for (const character of sample) if (characters.has(character)) hits++;
  return hits / hanCount;
}

/**
 * The shares of `words` in each of several vocabularies, in one pass: each word is looked up once in a map
 * from word to the vocabularies that hold it (one bit each), made once per list of vocabularies.
 */
const mergedVocabularies = new Map<string, Map<string, number>>();
function coverages(words: readonly string[], vocabularies: ReadonlyArray<readonly [name: string, words: readonly string[]]>): number[] {
  const key = vocabularies.map(([name]) => name).join('\u0000');
  let merged = mergedVocabularies.get(key);
  if (!merged) {
    merged = new Map();
    for (const [bit, [name, list]] of vocabularies.entries()) {
      for (const word of vocabularyOf(name, list)) merged.set(word, (merged.get(word) ?? 0) | (1 << bit));
    }
    mergedVocabularies.set(key, merged);
  }
  const hits = vocabularies.map(() => 0);
  for (const word of words) {
    let bits = merged.get(word);
    for (let bit = 0; bits; bit++, bits >>>= 1) if (bits & 1) hits[bit]!++;
  }
  return hits.map((count) => (words.length === 0 ? 0 : count / words.length));
}

const vocabularies = new Map<string, ReadonlySet<string>>();
function vocabularyOf(name: string, words: readonly string[]): ReadonlySet<string> {
  let vocabulary = vocabularies.get(name);
  if (!vocabulary) {
    vocabulary = new Set(words.map((w) => w.toLowerCase()));
    vocabularies.set(name, vocabulary);
  }
  return vocabulary;
}

/**
 * A table's resolution phrases (formulas, preambular and operative phrases), once per table, indexed by their
 * first word: a phrase found as whole words starts where a word of the sample starts, and that word is the
 * phrase's first word, so one scan of the sample's words finds them all (rather than a search of the whole
 * sample for each of some two hundred phrases).
 */
interface PhraseIndex {
  /** The phrases, in the table's order (formulas without their final comma), duplicates and one-letter phrases out. */
  phrases: string[];
  wordBounded: boolean;
  /** First word (a run of letters, marks and digits) → the phrases that start with it. */
  byFirstWord: Map<string, number[]>;
  /** The first code unit of each first word: a word starting otherwise is not looked up. */
  firstUnits: Set<number>;
  /** Phrases that start with a character that is no letter, mark or digit: searched for as before. */
  unindexed: number[];
}

const phraseIndexes = new WeakMap<LanguageTable, PhraseIndex>();
function phraseIndex(table: LanguageTable): PhraseIndex {
  let index = phraseIndexes.get(table);
  if (index) return index;
  const all = new Set<string>();
  for (const [formula] of table.formulas) all.add(formula.replace(/[,،，]$/u, ''));
  for (const [phrase] of table.preambularPhrases) all.add(phrase);
  for (const [phrase] of table.operativePhrases) all.add(phrase);
  const phrases = [...all].filter((phrase) => phrase.length >= 2);
  index = { phrases, wordBounded: table.code !== 'zh', byFirstWord: new Map(), firstUnits: new Set(), unindexed: [] };
  for (const [p, phrase] of phrases.entries()) {
    let end = 0;
    while (end < phrase.length && isWordUnit(phrase.charCodeAt(end))) end++;
    if (end === 0) {
      index.unindexed.push(p);
      continue;
    }
    const first = phrase.slice(0, end);
    index.byFirstWord.set(first, [...(index.byFirstWord.get(first) ?? []), p]);
    index.firstUnits.add(phrase.charCodeAt(0));
  }
  phraseIndexes.set(table, index);
  return index;
}

/**
 * Where the runs of letters, marks and digits (code unit by code unit) of a sample start and end; read once
 * for the three Latin-script tables, which look for their phrases in the same sample.
 */
interface WordRuns {
  starts: number[];
  ends: number[];
}
function wordRuns(sample: string): WordRuns {
  const starts: number[] = [];
  const ends: number[] = [];
  const n = sample.length;
  let i = 0;
  while (i < n) {
    if (!isWordUnit(sample.charCodeAt(i))) {
      i++;
      continue;
    }
    starts.push(i);
    while (i < n && isWordUnit(sample.charCodeAt(i))) i++;
    ends.push(i);
  }
  return { starts, ends };
}

/** The resolution phrases of a table that the sample contains as whole words (for Chinese: anywhere). */
function phrasesFound(sample: string, table: LanguageTable, runs?: WordRuns): string[] {
  const { phrases, wordBounded, byFirstWord, firstUnits, unindexed } = phraseIndex(table);
  const hit = new Uint8Array(phrases.length);
  // Whole words: no letter, mark or digit on either side (a code unit each side, as charAt reads them).
  const bounded = (at: number, length: number) => (at === 0 || !isWordUnit(sample.charCodeAt(at - 1))) && (at + length >= sample.length || !isWordUnit(sample.charCodeAt(at + length)));
  if (!wordBounded) {
    for (const [p, phrase] of phrases.entries()) if (sample.includes(phrase)) hit[p] = 1;
  } else {
    for (const p of unindexed) {
      const phrase = phrases[p]!;
      for (let at = sample.indexOf(phrase); at >= 0; at = sample.indexOf(phrase, at + 1)) {
        if (bounded(at, phrase.length)) {
          hit[p] = 1;
          break;
        }
      }
    }
    const { starts, ends } = runs ?? wordRuns(sample);
    for (let w = 0; w < starts.length; w++) {
      const start = starts[w]!;
      if (!firstUnits.has(sample.charCodeAt(start))) continue;
      const candidates = byFirstWord.get(sample.slice(start, ends[w]!));
      if (!candidates) continue;
      for (const p of candidates) {
        const phrase = phrases[p]!;
        if (hit[p] === 0 && sample.startsWith(phrase, start) && bounded(start, phrase.length)) hit[p] = 1;
      }
    }
  }
  const found = phrases.filter((_, p) => hit[p] === 1);
  // Longest first, and not a phrase that is only part of a longer one found ("Recalling" inside "Recalling also").
  found.sort((a, b) => b.length - a.length);
  return found.filter((phrase, i) => !found.slice(0, i).some((longer) => longer.startsWith(phrase)));
}

const percent = (share: number) => `${Math.round(share * 100)}%`;
/** English names for the reason ("Spanish"), from the runtime's ICU data rather than another table. */
const englishNames = new Intl.DisplayNames(['en'], { type: 'language' });
const englishName = (table: LanguageTable) => englishNames.of(table.code) ?? table.name;
const round2 = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;

function phraseEvidence(found: readonly string[]): string {
  if (found.length === 0) return 'no resolution phrase';
  const examples = found.slice(0, 3).map((p) => `"${p}"`).join(', ');
  return `${found.length} resolution phrase${found.length === 1 ? '' : 's'} (${examples}${found.length > 3 ? ', …' : ''})`;
}

/**
 * The UN language of `text`, or undefined when it is in none of them (another language, too little text, binary
 * data); the caller reports undefined as a problem of the input.
 */
export function detectLanguage(text: string): DetectedLanguage | undefined {
  const sample = text.slice(0, DETECTION_WINDOW);
  const counts = countCharacters(sample);
  if (counts.nonBlank === 0 || counts.controls / counts.nonBlank > MAX_CONTROL_SHARE) return undefined;

  const letters = counts.latin + counts.cyrillic + counts.arabic + counts.han + counts.kana + counts.hangul + counts.otherLetters;
  if (letters < MIN_LETTERS || letters / counts.nonBlank < MIN_LETTER_SHARE) return undefined;

  // A Han character carries about a word: weigh it against Latin letters so that Chinese text citing
  // "A/RES/73/6" and English names is still Chinese.
  const weighted: Record<Script | 'kana' | 'hangul' | 'other', number> = {
    latin: counts.latin,
    cyrillic: counts.cyrillic,
    arabic: counts.arabic,
    han: counts.han * 2,
    kana: counts.kana * 2,
    hangul: counts.hangul * 2,
    other: counts.otherLetters,
  };
  const total = Object.values(weighted).reduce((a, b) => a + b, 0);
  const [script, scriptWeight] = Object.entries(weighted).sort((a, b) => b[1] - a[1])[0]!;
  const scriptShare = scriptWeight / total;
  if (script === 'kana' || script === 'hangul' || script === 'other') return undefined;

  if (script === 'latin') return detectLatin(sample, scriptShare);
  return detectByScript(sample, script as Exclude<Script, 'latin'>, scriptShare, counts);
}

function detectByScript(sample: string, script: Exclude<Script, 'latin'>, scriptShare: number, counts: CharacterCounts): DetectedLanguage | undefined {
  const { table, name } = scriptTables[script];
  if (script === 'arabic' && counts.persianLetters / counts.arabic > MAX_FOREIGN_LETTER_SHARE) return undefined;
  if (script === 'cyrillic') {
    if (counts.nonRussianCyrillic / counts.cyrillic > MAX_FOREIGN_LETTER_SHARE) return undefined;
    // Bulgarian and Macedonian have no letter of their own that Russian lacks, but they never write ы or э.
    if (counts.cyrillic >= 200 && counts.russianOnlyCyrillic === 0) return undefined;
  }
  // Japanese writes Han characters too, with kana between them.
  if (script === 'han' && counts.kana / (counts.han + counts.kana) > 0.05) return undefined;

  const share =
    script === 'han' ? hanCoverage(sample, table, counts.han) : coverage(wordsOf(sample), vocabularyOf(table.code, table.commonWords));
  if (share < MIN_SCRIPT_COVERAGE) return undefined;
  const found = phrasesFound(sample, table);
  const confidence = round2(scriptShare * Math.min(1, 0.6 + share * 3 + found.length * 0.05));
  const wordsOrCharacters = script === 'han' ? 'characters' : 'words';
  return {
    table,
    confidence,
    reason: `${name} script (${percent(scriptShare)} of letters); ${percent(share)} of ${wordsOrCharacters} are frequent ${englishName(table)} ${wordsOrCharacters}; ${phraseEvidence(found)}`,
  };
}

function detectLatin(sample: string, scriptShare: number): DetectedLanguage | undefined {
  const words = wordsOf(sample);
  if (words.length === 0) return undefined;
  // The UN languages' frequent words, then the yardsticks', counted in one pass over the words.
  const shares = coverages(words, latinVocabularies);
  const runs = wordRuns(sample);
  const candidates = latinTables
    .map((table, t) => ({ table, share: shares[t]!, found: phrasesFound(sample, table, runs) }))
    // Frequent words decide; resolution phrases break a near tie (a short excerpt of a preamble).
    .sort((a, b) => b.share + b.found.length * 0.005 - (a.share + a.found.length * 0.005));
  const best = candidates[0]!;
  const runnerUp = candidates[1]!;
  const [foreignName, foreignShare] = Object.keys(nonUnLatinWords)
    .map((name, k) => [name, shares[latinTables.length + k]!] as const)
    .sort((a, b) => b[1] - a[1])[0]!;

  const rival = Math.max(runnerUp.share, foreignShare);
  const margin = best.share - rival;
  if (best.share < MIN_LATIN_COVERAGE || margin < MIN_LATIN_MARGIN) return undefined;

  const others = candidates
    .slice(1)
    .map((c) => `${englishName(c.table)} ${percent(c.share)}`)
    .concat(`${foreignName} ${percent(foreignShare)}`)
    .join(', ');
  const confidence = round2(scriptShare * Math.min(1, 0.5 + (margin / best.share) * 0.5 + best.found.length * 0.05));
  return {
    table: best.table,
    confidence,
    reason: `Latin script; ${percent(best.share)} of words are frequent ${englishName(best.table)} words (${others}); ${phraseEvidence(best.found)}`,
  };
}
