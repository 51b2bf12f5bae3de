// Repair stage, words: split words rejoined, hyphen breaks closed, dropped hyphens restored, spacing fixed.
// Reads: the body and note lines of the repair state, the language's lexicon (lexicon.ts).   Writes: those lines'
// text, and one report entry per change.
//
// The text as printed is sacred: a change needs positive evidence. Two pieces are joined only when the joined
// form is a word (of the dictionary, or printed elsewhere in the document) and at least one piece is not a word;
// never when every piece is a word ("health care", "road map", "ANSAR ALLAH" stay). Which neighbour a fragment
// joins is decided for the whole line at once, as the reading that leaves the fewest non-words with the fewest
// joins: "the e ffectiveness" reads "the effectiveness", not "thee ffectiveness". A hyphen is put back into a
// word only when the word as printed is not a word and the document prints the hyphenated form; a hyphen at a
// line end is closed only when both pieces are fragments.
import type { LanguageTable } from './lang/types.js';
import { DocumentLexicon, lexiconFor } from './lexicon.js';
import { CITATION_PATTERN, type RepairState, type TextLine } from './repair.js';
import { warn, type Report } from './report.js';

/** What every word pass reads: one list of lines (the body, or one note) and the document's words. */
interface WordContext {
  lines: TextLine[];
  judge: WordJudge;
  language: LanguageTable;
  report: Report;
  /** The printed width of a line (characters), for finding where an extractor joined two printed lines. */
  width: number;
}

interface WordPass {
  name: string;
  run(context: WordContext): void;
}

/** The word passes, in order, run on the body and then on each note. */
export const wordPasses: readonly WordPass[] = [
  { name: 'hyphen breaks', run: closeHyphenBreaks },
  { name: 'split words', run: rejoinSplitWords },
  { name: 'split years', run: rejoinSplitYears },
  { name: 'dropped hyphens', run: restoreDroppedHyphens },
  { name: 'punctuation spacing', run: fixPunctuationSpacing },
  { name: 'line glue', run: glueUnspacedLines },
];

export function repairWords(state: RepairState, lists: TextLine[][]): void {
  // The table's words (ordinals such as "twenty-first") count as printed words of every document.
  // A compound printed with a clitic ("Secretary-General’s") prints the compound too: evidence for a hyphen.
  // Each line's words are read once, for the document's words and for its pairs of adjacent words.
  const cores = lists.flatMap((lines) => lines.map((line) => coresOf(line.text)));
  const printed = cores.flat();
  // Only a core with a hyphen and an apostrophe can be such a compound: the pattern runs on those alone.
  const stems = printed.flatMap((core) => (core.includes('-') && (core.includes('’') || core.includes("'")) ? (/^(.+-.+\p{L})[’']\p{L}{1,2}$/u.exec(core)?.[1] ?? []) : []));
  const tokens = [...printed, ...stems, ...Object.keys(state.language.sessionOrdinals)];
  const judge = new WordJudge(state.language, new DocumentLexicon(lexiconFor(state.language), tokens), cores);
  const width = printedWidth(state.lines);
  for (const lines of lists) {
    for (const pass of wordPasses) pass.run({ lines, judge, language: state.language, report: state.report, width });
    if (judge.complete) warnKeptFragments(lines, judge, state.report);
    // A line whose words all joined the line before it is gone.
    for (let i = lines.length - 1; i >= 0; i--) if (lines[i]!.text === '' && lines !== state.lines) lines.splice(i, 1);
  }
}

/** The letters of each word of a text, punctuation and citations aside. */
function coresOf(text: string): string[] {
  const out: string[] = [];
  for (const token of text.replace(CITATION_PATTERN, ' ').split(/\s+/)) {
    const core = trimToLettersAndDigits(token);
    if (core) out.push(core);
  }
  return out;
}

/** Whether a code point is a letter or a digit (\p{L}, \p{N}); the answers for the BMP are kept. */
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const bmpLetterOrNumber = new Uint8Array(0x10000);
function isLetterOrNumber(cp: number): boolean {
  if (cp < 0x80) return (cp >= 48 && cp <= 57) || ((cp | 32) >= 97 && (cp | 32) <= 122);
  if (cp > 0xffff) return LETTER_OR_NUMBER.test(String.fromCodePoint(cp));
  let known = bmpLetterOrNumber[cp]!;
  if (known === 0) bmpLetterOrNumber[cp] = known = LETTER_OR_NUMBER.test(String.fromCharCode(cp)) ? 1 : 2;
  return known === 1;
}

/** A token without the characters that are neither letters nor digits at either end, scanned from both ends. */
function trimToLettersAndDigits(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end) {
    const cp = token.codePointAt(start)!;
    if (isLetterOrNumber(cp)) break;
    start += cp > 0xffff ? 2 : 1;
  }
  while (end > start) {
    let i = end - 1;
    const unit = token.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff && i > start) {
      const high = token.charCodeAt(i - 1);
      if (high >= 0xd800 && high <= 0xdbff) i--;
    }
    if (isLetterOrNumber(token.codePointAt(i)!)) break;
    end = i;
  }
  return start === 0 && end === token.length ? token : token.slice(start, end);
}

/** The number of code points of a string (`[...s].length` without the array). */
function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i + 1 < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** A table's word lists as sets, made once per language. */
interface WordSets {
  common: Set<string>;
  single?: Set<string>;
  two?: Set<string>;
}
const wordSetsOf = new WeakMap<LanguageTable, WordSets>();
function wordSets(language: LanguageTable): WordSets {
  let sets = wordSetsOf.get(language);
  if (!sets) {
    const letters = language.wordLetters;
    sets = { common: new Set(language.commonWords), single: letters ? new Set(letters.singleLetterWords) : undefined, two: letters?.twoLetterWords ? new Set(letters.twoLetterWords) : undefined };
    wordSetsOf.set(language, sets);
  }
  return sets;
}

/** Whether a piece of the text is a word: the lexicon, the table's short words, and the document. */
class WordJudge {
  /** How often each pair of adjacent words is printed: a piece is a word only outside the split judged. */
  private readonly pairs = new Map<string, number>();
  private readonly never: Set<string>;
  private readonly words: WordSets;
  readonly complete: boolean;

  /** `cores`: the words of each line of the document (coresOf), as printed. */
  constructor(
    language: LanguageTable,
    readonly lexicon: DocumentLexicon,
    cores: string[][],
  ) {
    this.complete = lexicon.language.complete;
    this.never = new Set((language.neverJoin ?? []).map((w) => w.toLocaleLowerCase()));
    this.words = wordSets(language);
    for (const line of cores) {
      let previous = line.length > 0 ? line[0]!.toLowerCase() : '';
      for (let i = 1; i < line.length; i++) {
        const word = line[i]!.toLowerCase();
        const key = `${previous} ${word}`;
        this.pairs.set(key, (this.pairs.get(key) ?? 0) + 1);
        previous = word;
      }
    }
  }

  /** How many times the document prints these two words side by side. */
  pairCount(first: string, second: string): number {
    return this.pairs.get(`${first.toLowerCase()} ${second.toLowerCase()}`) ?? 0;
  }

  /** pairCount of two words already in lower case (toLowerCase). */
  pairCountLower(first: string, second: string): number {
    return this.pairs.get(`${first} ${second}`) ?? 0;
  }

  /**
   * A piece printed in the text is a word of its own: one or two letters only when the table lists them
   * (dictionaries hold every letter and many abbreviations); a capitalised piece of four letters or more
   * is taken for a name; otherwise the dictionary, or the document printing it more than `besides` times.
   */
  isPiece(core: string, besides = 0): boolean {
    const lower = core.toLocaleLowerCase();
    const length = codePoints(core);
    const { single, two, common } = this.words;
    if (length === 1 && single) return single.has(lower);
    if (length === 2 && two) return two.has(lower);
    if (length >= 4 && /^\p{Lu}/u.test(core)) return true;
    return this.lexicon.isWord(core, besides) || common.has(lower);
  }

  /** A frequent word of three letters or fewer, as the table lists them ("in", "an", "the"). */
  isShortWord(core: string): boolean {
    if (core.length === 0 || core.length > 6 || codePoints(core) > 3) return false;
    const lower = core.toLowerCase();
    const { common, two, single } = this.words;
    return common.has(lower) || (two?.has(lower) ?? false) || (single?.has(lower) ?? false);
  }

  /** A joined form is a word: short ones from the dictionary alone, longer ones also from the document. */
  isJoined(core: string): boolean {
    const lower = core.toLocaleLowerCase();
    if (this.never.has(lower)) return false;
    if (this.lexicon.inDictionary(core) || this.words.common.has(lower)) return true;
    return codePoints(core) >= 4 && this.lexicon.count(core) > 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Split words

/** A token of a line: opening punctuation, the letters of a word, closing punctuation. */
interface Token {
  text: string;
  lead: string;
  core: string;
  trail: string;
  /** The core in lower case (toLowerCase), and whether it starts with a lower-case letter. */
  lower: string;
  lowerStart: boolean;
  /** Index of its line in the list, and whether it is the first token of that line. */
  line: number;
  first: boolean;
  /** For the first token of a line: the glue from the line before ('' after a hyphen break). */
  glue?: string;
}

const TOKEN = /^([(«“‘"'[]*)(\p{L}(?:[\p{L}\p{M}'’-]*[\p{L}\p{M}])?)([^\p{L}\p{N}]*)$/u;
const ENUMERATOR = /^\(\p{L}{1,5}\)[^\p{L}]*$/u;
const MAX_PIECES = 5;

/** What a printed token is made of, whatever its place: read once per distinct token (a document repeats its words). */
interface Shape {
  lead: string;
  core: string;
  trail: string;
  lower: string;
  lowerStart: boolean;
}
const NO_WORD: Shape = { lead: '', core: '', trail: '', lower: '', lowerStart: false };
const shapes = new Map<string, Shape>();
/** Distinct tokens remembered (a resolution has a few thousand); the memo starts again when full. */
const SHAPE_MEMO_LIMIT = 20_000;

function shapeOf(text: string): Shape {
  let shape = shapes.get(text);
  if (shape) return shape;
  // An enumerator ("(b)", "(iv)") is no word and no piece of one.
  const match = ENUMERATOR.test(text) ? undefined : TOKEN.exec(text);
  if (!match) shape = NO_WORD;
  else {
    const core = match[2]!;
    shape = { lead: match[1]!, core, trail: match[3]!, lower: core.toLowerCase(), lowerStart: /^\p{Ll}/u.test(core) };
  }
  if (shapes.size >= SHAPE_MEMO_LIMIT) shapes.clear();
  shapes.set(text, shape);
  return shape;
}

function tokensOf(lines: TextLine[]): Token[] {
  const out: Token[] = [];
  for (let index = 0; index < lines.length; index++) {
    let first = true;
    for (const text of lines[index]!.text.split(' ')) {
      if (text === '') continue;
      const { lead, core, trail, lower, lowerStart } = shapeOf(text);
      out.push({ text, lead, core, trail, lower, lowerStart, line: index, first, glue: first ? lines[index - 1]?.glue : undefined });
      first = false;
    }
  }
  return out;
}

/**
 * "insti tutions", "Presid en t", "the e ffectiveness", "humanitari" / "an": the pieces of words split by the
 * extraction, rejoined across the whole list of lines at once (a word split at a line end joins on the first
 * line). For each run of tokens the reading kept is the one with the fewest non-words, then the fewest joins.
 */
function rejoinSplitWords({ lines, judge, report }: WordContext): void {
  if (!judge.complete) return;
  const tokens = tokensOf(lines);
  const n = tokens.length;
  // A token is a word of the document only where it is printed apart from its neighbours here.
  const pairNext = new Int32Array(n + 1);
  for (let k = 0; k + 1 < n; k++) pairNext[k + 1] = pairAt(tokens, k, judge);
  // pairNext[k + 1]: tokens k and k + 1 side by side; pairNext[k]: tokens k - 1 and k.
  const pieceIsWord = tokens.map((t, k) => (t.core ? judge.isPiece(t.core, Math.max(1, pairNext[k]!, pairNext[k + 1]!)) : true));
  // A short frequent word ("in", "to", "the") is the likeliest to be glued by mistake to a fragment beside it.
  const shortWord = tokens.map((t, k) => pieceIsWord[k]! && judge.isShortWord(t.core));
  // For each i, the cheapest reading of tokens[0..i). Costs compare in order: non-words left; short printed
  // words absorbed into a join ("in e ffectiveness": "in effectiveness", not "ineffectiveness"); joins made;
  // how often the document prints each joined word beside its neighbours ("pursuant to re solution": "to
  // resolution", not "tore solution"); the longer joined words ("Yemen i s": "Yemenis", not "Yemen is").
  // Parallel arrays rather than one object per token: the pass runs on every line of every document.
  const costs = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)] as const;
  const [nonWords, absorbed, joins, context, letters] = costs;
  const size = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    for (const cost of costs) cost[i] = cost[i - 1]!;
    nonWords[i]! += tokens[i - 1]!.core && !pieceIsWord[i - 1] ? 1 : 0;
    size[i] = 1;
    for (let span = 2; span <= Math.min(MAX_PIECES, i); span++) {
      const start = i - span;
      const word = joinedWord(tokens, start, span, judge, pieceIsWord);
      if (word === undefined) continue;
      let short = 0;
      for (let k = start; k < i; k++) if (shortWord[k]) short++;
      const lowerWord = word.toLowerCase();
      const around = (tokens[start - 1]?.core ? judge.pairCountLower(tokens[start - 1]!.lower, lowerWord) : 0) + (tokens[i]?.core ? judge.pairCountLower(lowerWord, tokens[i]!.lower) : 0);
      // Lower is better for each cost; the context and the letters count against.
      const reading = [nonWords[start]!, absorbed[start]! + short, joins[start]! + 1, context[start]! - around, letters[start]! - word.length];
      const k = reading.findIndex((value, c) => value !== costs[c]![i]);
      if (k < 0 || reading[k]! > costs[k]![i]!) continue;
      for (const [c, cost] of costs.entries()) cost[i] = reading[c]!;
      size[i] = span;
    }
  }
  const groups: Array<[start: number, size: number]> = [];
  for (let i = n; i > 0; i -= size[i]!) if (size[i]! > 1) groups.push([i - size[i]!, size[i]!]);
  if (groups.length === 0) return;
  groups.reverse();
  const grouped = new Set(groups.flatMap(([start, size]) => Array.from({ length: size }, (_, k) => start + k)));
  // A join beside a fragment left over is a guess ("thee ffectiveness" when "effectiveness" is unknown): undone.
  const leftOver = (k: number) => k >= 0 && k < n && !grouped.has(k) && !pieceIsWord[k] && /^\p{Ll}[\p{L}'’]*$/u.test(tokens[k]!.core);
  const joined = groups.filter(([start, size]) => !((!pieceIsWord[start + size - 1] && leftOver(start + size)) || (!pieceIsWord[start] && leftOver(start - 1))));
  const replaced = new Map<number, string>();
  const removed = new Set<number>();
  for (const [start, size] of joined) {
    const pieces = tokens.slice(start, start + size);
    const word = `${pieces[0]!.lead}${pieces.map((p) => p.core).join('')}${pieces.at(-1)!.trail}`;
    replaced.set(start, word);
    for (let k = start + 1; k < start + size; k++) removed.add(k);
    report.repairs.push({ file: report.file, line: lines[pieces[0]!.line]!.line, kind: 'split-word', before: pieces.map((p) => p.text).join(' ').replace(CITATION_PATTERN, ''), after: word.replace(CITATION_PATTERN, '') });
  }
  const texts: string[][] = lines.map(() => []);
  for (const [k, token] of tokens.entries()) {
    if (removed.has(k)) continue;
    texts[token.line]!.push(replaced.get(k) ?? token.text);
  }
  for (const [index, line] of lines.entries()) line.text = texts[index]!.join(' ');
}

/**
 * The word tokens[start..start+size) make if they can be one: bare inner pieces, at most one line end crossed
 * into a lower-case continuation, pieces after the first in lower case (unless all is in capitals: "UNM ISS"),
 * a piece that is not a word, and a joined form that is. Undefined otherwise.
 */
function joinedWord(tokens: Token[], start: number, size: number, judge: WordJudge, pieceIsWord: boolean[]): string | undefined {
  let lineEnds = 0;
  let nonWord = false;
  let lowerAfterFirst = true;
  for (let k = 0; k < size; k++) {
    const piece = tokens[start + k]!;
    if (!piece.core || (k > 0 && piece.lead) || (k < size - 1 && piece.trail)) return undefined;
    if (k > 0) {
      const lower = piece.lowerStart;
      lowerAfterFirst &&= lower;
      // Across a line end only into a continuation in lower case ("humanitari" / "an assistance").
      if (piece.first && (++lineEnds > 1 || piece.glue !== ' ' || !lower)) return undefined;
    }
    nonWord ||= !pieceIsWord[start + k];
  }
  // Never two words; the look-up of the joined form comes last, as the costliest test.
  if (!nonWord) return undefined;
  let core = '';
  for (let k = 0; k < size; k++) core += tokens[start + k]!.core;
  if (!lowerAfterFirst && core !== core.toUpperCase()) return undefined;
  return judge.isJoined(core) ? core : undefined;
}

/** How many times the document prints tokens k and k+1 side by side (a split seen twice is still a split). */
function pairAt(tokens: Token[], k: number, judge: WordJudge): number {
  const [a, b] = [tokens[k], tokens[k + 1]];
  return a?.core && b?.core ? judge.pairCountLower(a.lower, b.lower) : 0;
}

/** A year split inside its parentheses: "(201 5)" → "(2015)", or across a line end "(201" / "5)". */
function rejoinSplitYears({ lines, report }: WordContext): void {
  for (const [i, line] of lines.entries()) {
    // Both forms need an opening parenthesis: a line without one is not scanned.
    if (!line.text.includes('(')) continue;
    line.text = line.text.replace(/\((\d{1,3}) (\d{1,3}) ?\)/g, (all, a: string, b: string) => {
      const year = `${a}${b}`;
      if (!/^(?:19|20)\d\d$/.test(year)) return all;
      report.repairs.push({ file: report.file, line: line.line, kind: 'split-word', before: all, after: `(${year})` });
      return `(${year})`;
    });
    const next = lines[i + 1];
    if (!next || line.glue !== ' ') continue;
    const tail = /(?:^|\s)\((\d{1,3})$/.exec(line.text);
    const head = /^(\d{1,3})\)/.exec(next.text);
    if (!tail || !head || !/^(?:19|20)\d\d$/.test(`${tail[1]}${head[1]}`)) continue;
    line.text = `${line.text}${head[1]})`;
    next.text = next.text.slice(head[0].length).trimStart();
    report.repairs.push({ file: report.file, line: line.line, kind: 'split-word', before: `(${tail[1]} ${head[0]}`, after: `(${tail[1]}${head[1]})` });
  }
}

// ---------------------------------------------------------------------------------------------
// Hyphens

/**
 * "Bosnie -" + "Herzégovine", "al-" + "Hikma", "Moyen -Orient": the break is closed and the hyphen kept, as
 * printed. The hyphen goes only when both pieces are fragments and together a word ("insti-" + "tutions").
 */
function closeHyphenBreaks({ lines, judge, language, report }: WordContext): void {
  // A heading number alone on its line ("ثانيا -", its title on the next line) ends with a dash that breaks nothing.
  const headingNumbers = new Set([...(language.headingNumbers?.sections ?? []), ...(language.headingNumbers?.titles ?? [])]);
  for (const [i, line] of lines.entries()) {
    const next = lines[i + 1];
    // The patterns run only on a line that has what they need (" -", a hyphen at its end): most lines have neither.
    if (line.text.includes(' -')) {
      line.text = line.text.replace(/(\p{L}+) -(\p{L}+)/gu, (all, left: string, right: string) => {
        report.repairs.push({ file: report.file, line: line.line, kind: 'hyphen-space', before: all, after: `${left}-${right}` });
        return `${left}-${right}`;
      });
    }
    if (!next || !line.text.endsWith('-') || !/\p{L}[)]? ?-$/u.test(line.text.slice(-5)) || !/^\p{L}/u.test(next.text)) continue;
    if (headingNumbers.size > 0 && headingNumbers.has(line.text.replace(/[\s\u064B]*-$/u, '').trim())) continue;
    line.text = line.text.replace(/ ?-$/, '-');
    const before = line.text;
    line.glue = '';
    const left = /(\p{L}+)-$/u.exec(line.text)?.[1];
    const right = /^(\p{Ll}+)(?=[^\p{L}-]|$)/u.exec(next.text)?.[1];
    const fragments = judge.complete && left !== undefined && right !== undefined && !judge.isPiece(left, 1) && !judge.isPiece(right, 1);
    let after = `${line.text.split(' ').at(-1)}${next.text.split(' ')[0]}`;
    if (fragments && judge.isJoined(`${left}${right}`) && !/-\p{L}*-$/u.test(line.text.split(' ').at(-1)!)) {
      // Two fragments of one word: the word goes whole on the first line, without the hyphen.
      line.text = `${line.text.slice(0, -1)}${right}`;
      next.text = next.text.slice(right.length).trimStart();
      line.glue = ' ';
      after = line.text.split(' ').at(-1)!;
    }
    report.repairs.push({ file: report.file, line: line.line, kind: 'hyphen-break', before: `${before.split(' ').at(-1)} / ${right ?? next.text.split(' ')[0]}`, after });
  }
}

/**
 * The printed width of the document's lines: the 90th percentile of line lengths, lines far longer than most
 * left out (an extractor that joins a paragraph's lines makes them). Zero when the text has too few lines.
 */
function printedWidth(lines: TextLine[]): number {
  const lengths = lines.map((l) => l.text.length).filter((n) => n >= 20).sort((a, b) => a - b);
  if (lengths.length < 10) return 0;
  const median = lengths[lengths.length >> 1]!;
  const normal = lengths.filter((n) => n <= median * 1.3);
  return normal[Math.floor(normal.length * 0.9)] ?? 0;
}

/**
 * Some extractors join two printed lines into one and drop the hyphen that ended the first: "zero-" +
 * "tolerance" becomes "zerotolerance", "capacity -" + "building" becomes "capacity building". The hyphen is
 * put back only there, on positive evidence: in a line longer than the document's printed width (by 8 %), where the
 * printed line ended, a non-word (not in the dictionary, printed nowhere else) that the document prints
 * hyphenated or that is two dictionary words, or a pair the document prints hyphenated and never spaced
 * elsewhere. Anywhere else a word is as printed: "peacebuilding" beside "peace-building" stays.
 */
function restoreDroppedHyphens({ lines, judge, report, width }: WordContext): void {
  if (!judge.complete) return;
  for (const line of lines) {
    const words = line.text.split(' ');
    const joinedLine = width > 0 && line.text.length > width * 1.08;
    const atPrintedEnd = (offset: number) => joinedLine && offset >= width * 0.7 && offset <= width * 1.1;
    let offset = 0;
    let changed = false;
    for (let i = 0; i < words.length; offset += words[i]!.length + 1, i++) {
      const word = words[i]!;
      // Letters, with punctuation (and a clitic after an apostrophe: "’s") kept around them.
      const core = printedWordOf(word);
      if (!core) continue;
      const [lead, letters, trail] = core;
      const start = offset + lead.length;
      const next = words[i + 1];
      const nextCore = next === undefined || trail ? undefined : bareWordOf(next);
      if (nextCore && atPrintedEnd(start + letters.length) && judge.lexicon.count(`${letters}-${nextCore[1]}`) > 0 && judge.pairCount(letters, nextCore[1]!) <= 1) {
        const repaired = `${word}-${next}`;
        report.repairs.push({ file: report.file, line: line.line, kind: 'hyphen-restored', before: `${word} ${next}`.replace(CITATION_PATTERN, ''), after: repaired.replace(CITATION_PATTERN, '') });
        words.splice(i, 2, repaired);
        changed = true;
        continue;
      }
      if (letters.length < 5 || judge.lexicon.inDictionary(letters) || judge.lexicon.count(letters) > 1) continue;
      const allowed = (k: number) => atPrintedEnd(start + k);
      const cut = joinedLine ? (hyphenatedForm(letters, judge, allowed) ?? dictionaryCut(letters, judge, allowed)) : undefined;
      if (cut === undefined) continue;
      const repaired = `${lead}${letters.slice(0, cut)}-${letters.slice(cut)}${trail}`;
      report.repairs.push({ file: report.file, line: line.line, kind: 'hyphen-restored', before: word.replace(CITATION_PATTERN, ''), after: repaired.replace(CITATION_PATTERN, '') });
      words[i] = repaired;
      changed = true;
    }
    if (changed) line.text = words.join(' ');
  }
}

/** A word's letters with the punctuation (and a clitic after an apostrophe: "’s") around them; once per distinct word. */
const printedWords = new Map<string, readonly [lead: string, letters: string, trail: string] | null>();
function printedWordOf(word: string): readonly [string, string, string] | null {
  let shape = printedWords.get(word);
  if (shape === undefined) {
    const match = /^([^\p{L}]*)(\p{L}+)((?:[’']\p{L}{1,2})?[^\p{L}]*)$/u.exec(word);
    shape = match ? [match[1]!, match[2]!, match[3]!] : null;
    if (printedWords.size >= SHAPE_MEMO_LIMIT) printedWords.clear();
    printedWords.set(word, shape);
  }
  return shape;
}

/** A word of letters only, punctuation after it; once per distinct word. */
const bareWords = new Map<string, readonly [whole: string, letters: string] | null>();
function bareWordOf(word: string): readonly [string, string] | null {
  let shape = bareWords.get(word);
  if (shape === undefined) {
    const match = /^(\p{L}+)([^\p{L}]*)$/u.exec(word);
    shape = match ? [match[0], match[1]!] : null;
    if (bareWords.size >= SHAPE_MEMO_LIMIT) bareWords.clear();
    bareWords.set(word, shape);
  }
  return shape;
}

/** The one place where a non-word splits into two dictionary words of three letters or more, if it is one. */
function dictionaryCut(letters: string, judge: WordJudge, allowed: (cut: number) => boolean): number | undefined {
  const cuts: number[] = [];
  for (let cut = 3; cut <= letters.length - 3; cut++) {
    if (allowed(cut) && judge.lexicon.inDictionary(letters.slice(0, cut)) && judge.lexicon.inDictionary(letters.slice(cut))) cuts.push(cut);
  }
  return cuts.length === 1 ? cuts[0] : undefined;
}

/** Where the document's hyphenated spelling of a word cuts it ("zero-tolerance" for "zerotolerance"). */
function hyphenatedForm(letters: string, judge: WordJudge, allowed: (cut: number) => boolean): number | undefined {
  for (let cut = 2; cut <= letters.length - 2; cut++) {
    if (allowed(cut) && judge.lexicon.count(`${letters.slice(0, cut)}-${letters.slice(cut)}`) > 0) return cut;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Spacing

/**
 * Spaces the extraction put where the print has none: before , . ) ; :, after an opening bracket ("( S/2021/839)"),
 * before an apostrophe inside a word ("Darfur ’s", "d ’urgence"). French wants a no-break space before ; : ! ? »
 * and after «.
 */
function fixPunctuationSpacing({ lines, language, report }: WordContext): void {
  const nbspBefore = language.spaceBefore;
  const beforeClass = nbspBefore ? new RegExp(`(?<=\\S)[ \\u00A0\\u202F]+(?=[${nbspBefore.replace(/[\]\\^-]/g, '\\$&')}])`, 'gu') : undefined;
  const afterClass = language.spaceAfter ? new RegExp(`([${language.spaceAfter}])[ \\u00A0]+`, 'gu') : undefined;
  for (const line of lines) {
    let text = line.text;
    const before = text;
    text = text.replace(/(\S) +([,.)\]”])(?=\s|$|[\p{P}])/gu, '$1$2');
    // The patterns below each need two characters side by side: a line without them is not scanned.
    if (text.includes('( ') || text.includes('[ ')) text = text.replace(/([([]) +(?=[^\s)\]])/gu, '$1');
    // An apostrophe split from its word: "Darfur ’s", "d ’urgence", "l 'homme".
    if (text.includes(' ’')) text = text.replace(/(\p{L}) ’(?=\p{L})/gu, '$1’');
    if (text.includes(" '")) text = text.replace(/(?<![\p{L}])(\p{L}{1,3}) '(?=\p{L})/gu, "$1'");
    if (beforeClass) text = text.replace(beforeClass, '\u00A0');
    else text = text.replace(/(\p{L}|\p{N}|[)”’]) +([;:])(?=\s|$)/gu, '$1$2');
    if (afterClass) text = text.replace(afterClass, '$1\u00A0');
    if (text !== before) {
      report.repairs.push({ file: report.file, line: line.line, kind: 'punctuation-space', before: excerptOfChange(before, text), after: excerptOfChange(text, before) });
      line.text = text;
    }
  }
}

function excerptOfChange(a: string, b: string): string {
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  return a.slice(Math.max(0, start - 12), start + 12).replace(CITATION_PATTERN, '');
}

/** Fragments left as printed (no neighbour makes a word with them): reported, so a reader can check them. */
function warnKeptFragments(lines: TextLine[], judge: WordJudge, report: Report): void {
  for (const line of lines) {
    for (const token of tokensOf([line])) {
      if (token.core && token.lowerStart && codePoints(token.core) === 1 && !judge.isPiece(token.core)) {
        warn(report, 'split-word-kept', `"${token.core}" is not a word and makes none with its neighbours; kept as printed`, line.line);
      }
    }
  }
}

/**
 * Scripts written without spaces between words (Chinese, Japanese): a line that ends and a line that starts in
 * such a script (its punctuation after it aside: "大会,") are joined without a space ("鉴于" at a line end, "对人类" on
 * the next line read "鉴于对人类").
 */
const UNSPACED_END = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\uFF00-\uFF65]\p{P}{0,3}$/u;
const UNSPACED_START = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\uFF00-\uFF65]/u;

function glueUnspacedLines({ lines }: WordContext): void {
  for (const [i, line] of lines.entries()) {
    const next = lines[i + 1];
    if (next && line.glue === ' ' && UNSPACED_START.test(next.text) && UNSPACED_END.test(line.text.replace(CITATION_PATTERN, ''))) line.glue = '';
  }
}
