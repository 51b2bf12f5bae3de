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
import { isLetterOrNumber, standaloneCopy } from './characters.js';
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
  // Each line is cut into tokens once (tokenized: shared with the passes below while its text is unchanged)
  // and each distinct token is read once (shapeOf): its words and their lower case come from that memo, so
  // the document's words and its pairs of adjacent words cost a look-up per token, a lower-casing per word.
  const document = ++documentCount;
  lineTokens = new Map();
  const distinct: Shape[] = [];
  const pairs: PairCounts = new Map();
  for (const lines of lists) {
    for (const line of lines) {
      // The counts of the words printed after the previous word (its entry in `pairs`).
      let previous: Map<string, number> | undefined;
      for (const shape of tokenized(line).shapes) {
        // Times printed are kept on the shape while the lines are read, then summed per distinct token.
        if (forDocument(shape, document)) distinct.push(shape);
        shape.times++;
        const last = shape.printed.length - 1;
        for (let k = 0; k <= last; k++) {
          const lower = shape.printedLower[k]!;
          if (previous) previous.set(lower, (previous.get(lower) ?? 0) + 1);
          // The entry of the token's last word is kept on its shape: the next token counts into it.
          if (k === last && shape.after) previous = shape.after;
          else {
            previous = pairs.get(lower);
            if (!previous) pairs.set(lower, (previous = new Map()));
            if (k === last) shape.after = previous;
          }
        }
      }
    }
  }
  const printed = new Map<string, number>();
  for (const shape of distinct) {
    for (const core of shape.printed) printed.set(core, (printed.get(core) ?? 0) + shape.times);
    // The shapes outlive the document (a memo of the process): they keep no reference to its counts.
    shape.after = undefined;
  }
  // Only a core with a hyphen and an apostrophe can be such a compound: the pattern runs on those alone.
  const words = new Map(printed);
  for (const [core, times] of printed) {
    if (!core.includes('-') || !(core.includes('’') || core.includes("'"))) continue;
    const stem = /^(.+-.+\p{L})[’']\p{L}{1,2}$/u.exec(core)?.[1];
    if (stem !== undefined) words.set(stem, (words.get(stem) ?? 0) + times);
  }
  for (const ordinal of Object.keys(state.language.sessionOrdinals)) words.set(ordinal, (words.get(ordinal) ?? 0) + 1);
  const judge = new WordJudge(state.language, new DocumentLexicon(lexiconFor(state.language), words), pairs, document);
  const width = printedWidth(state.lines);
  try {
    repairLists(state, lists, judge, width);
  } finally {
    lineTokens = new Map();
  }
}

function repairLists(state: RepairState, lists: TextLine[][], judge: WordJudge, width: number): void {
  for (const lines of lists) {
    for (const pass of wordPasses) pass.run({ lines, judge, language: state.language, report: state.report, width });
    if (judge.complete) warnKeptFragments(lines, judge, state.report);
    // A line whose words all joined the line before it is gone.
    for (let i = lines.length - 1; i >= 0; i--) if (lines[i]!.text === '' && lines !== state.lines) lines.splice(i, 1);
  }
}

/** The letters of each word of a text (cut at any space), punctuation and citations aside. */
function coresOf(text: string): string[] {
  const out: string[] = [];
  for (const token of text.replace(CITATION_PATTERN, ' ').split(/\s+/)) {
    const core = trimToLettersAndDigits(token);
    if (core) out.push(core);
  }
  return out;
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

/** How often the document prints each pair of adjacent words (lower case, toLowerCase): first word → second → times. */
type PairCounts = Map<string, Map<string, number>>;

/** Whether a piece of the text is a word: the lexicon, the table's short words, and the document. */
class WordJudge {
  private readonly never: Set<string>;
  private readonly words: WordSets;
  /**
   * What isPiece answers for each piece, once per distinct piece of the document: +Infinity for a word whatever
   * the count, -1 for never a word, else the document's count of it (a word when printed more than `besides`).
   */
  private readonly pieceScores = new Map<string, number>();
  private readonly shortWords = new Map<string, boolean>();
  readonly complete: boolean;

  /** `pairs`: how often each pair of adjacent words is printed (a piece is a word only outside the split judged). */
  /** `document`: the number of the repairWords call, under which shapes keep this judge's answers. */
  constructor(
    language: LanguageTable,
    readonly lexicon: DocumentLexicon,
    private readonly pairs: PairCounts,
    private readonly document: number,
  ) {
    this.complete = lexicon.language.complete;
    this.never = new Set((language.neverJoin ?? []).map((w) => w.toLocaleLowerCase()));
    this.words = wordSets(language);
  }

  /** How many times the document prints these two words side by side. */
  pairCount(first: string, second: string): number {
    return this.pairCountLower(first.toLowerCase(), second.toLowerCase());
  }

  /** pairCount of two words already in lower case (toLowerCase). */
  pairCountLower(first: string, second: string): number {
    return this.pairs.get(first)?.get(second) ?? 0;
  }

  /**
   * A piece printed in the text is a word of its own: one or two letters only when the table lists them
   * (dictionaries hold every letter and many abbreviations); a capitalised piece of four letters or more
   * is taken for a name; otherwise the dictionary, or the document printing it more than `besides` times.
   */
  isPiece(core: string, besides = 0): boolean {
    let score = this.pieceScores.get(core);
    if (score === undefined) {
      score = this.pieceScore(core);
      this.pieceScores.set(core, score);
    }
    return score > besides;
  }

  private pieceScore(core: string): number {
    const lower = core.toLocaleLowerCase();
    const length = codePoints(core);
    const { single, two, common } = this.words;
    if (length === 1 && single) return single.has(lower) ? Infinity : -1;
    if (length === 2 && two) return two.has(lower) ? Infinity : -1;
    if (length >= 4 && /^\p{Lu}/u.test(core)) return Infinity;
    return this.lexicon.inDictionary(core) || common.has(lower) ? Infinity : this.lexicon.count(core);
  }

  /** isPiece of a token's core, kept on its shape for the document: the split-word pass asks it of every token. */
  isPieceShape(shape: Shape, besides: number): boolean {
    forDocument(shape, this.document);
    if (Number.isNaN(shape.piece)) {
      const core = shape.core;
      let score = this.pieceScores.get(core);
      if (score === undefined) {
        score = this.pieceScore(core);
        this.pieceScores.set(core, score);
      }
      shape.piece = score;
    }
    return shape.piece > besides;
  }

  /** isShortWord of a token's core, kept on its shape for the document. */
  isShortShape(shape: Shape): boolean {
    forDocument(shape, this.document);
    if (shape.short === 0) shape.short = this.isShortWord(shape.core) ? 1 : 2;
    return shape.short === 1;
  }

  /** A frequent word of three letters or fewer, as the table lists them ("in", "an", "the"). */
  isShortWord(core: string): boolean {
    let short = this.shortWords.get(core);
    if (short === undefined) {
      short = false;
      if (core.length > 0 && core.length <= 6 && codePoints(core) <= 3) {
        const lower = core.toLowerCase();
        const { common, two, single } = this.words;
        short = common.has(lower) || (two?.has(lower) ?? false) || (single?.has(lower) ?? false);
      }
      this.shortWords.set(core, short);
    }
    return short;
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

/** A token of a line in its place: what it is made of (its shape), its line, and how that line joins the one before. */
interface Token {
  text: string;
  shape: Shape;
  /** Index of its line in the list, and whether it is the first token of that line. */
  line: number;
  first: boolean;
  /** For the first token of a line: the glue from the line before ('' after a hyphen break). */
  glue?: string;
}

const TOKEN = /^([(«“‘"'[]*)(\p{L}(?:[\p{L}\p{M}'’-]*[\p{L}\p{M}])?)([^\p{L}\p{N}]*)$/u;
const ENUMERATOR = /^\(\p{L}{1,5}\)[^\p{L}]*$/u;
const MAX_PIECES = 5;

/**
 * What a printed token (a line cut at its spaces) is made of, whatever its place: opening punctuation, the
 * letters of a word, closing punctuation; and the words it gives the document's counts. Read once per
 * distinct token: a document repeats its words, and so does every document of a batch.
 */
interface Shape {
  lead: string;
  core: string;
  trail: string;
  /** The core in lower case (toLowerCase), and whether it starts with a lower-case letter. */
  lower: string;
  lowerStart: boolean;
  /** The words of the token as the document's word and pair counts read them (coresOf), and their lower case. */
  printed: readonly string[];
  printedLower: readonly string[];
  /**
   * What one document knows of the token, valid while `document` is that document's number (documentCount;
   * a build runs its repair to the end before the next starts, so the shapes shared by every document of the
   * process hold one document's answers at a time): the times it is printed, the judge's isPiece score of its
   * core (NaN until asked) and whether the core is a short word (0 until asked, 1 yes, 2 no). Properties of the
   * shape rather than maps keyed by the token: the passes ask them of every token of the text.
   */
  document: number;
  times: number;
  piece: number;
  short: 0 | 1 | 2;
  /** The document's counts of the words printed after the token's last word (its entry in the pair counts). */
  after: Map<string, number> | undefined;
}

/** How many documents repairWords has read in this process: the number that makes a shape's answers current. */
let documentCount = 0;

/** Makes the shape's per-document answers those of `document`, cleared when they were another's; true then. */
function forDocument(shape: Shape, document: number): boolean {
  if (shape.document === document) return false;
  shape.document = document;
  shape.times = 0;
  shape.piece = Number.NaN;
  shape.short = 0;
  shape.after = undefined;
  return true;
}
const shapes = new Map<string, Shape>();
/** Distinct tokens remembered (a resolution has a few thousand); the memo starts again when full. */
const SHAPE_MEMO_LIMIT = 20_000;

function shapeOf(token: string): Shape {
  let shape = shapes.get(token);
  if (shape) return shape;
  // The key and every part of the shape are cut from a copy of the token, not from the line (standaloneCopy).
  const text = standaloneCopy(token);
  const printed = coresOf(text);
  const printedLower = printed.map((core) => core.toLowerCase());
  // An enumerator ("(b)", "(iv)") is no word and no piece of one.
  const match = ENUMERATOR.test(text) ? undefined : TOKEN.exec(text);
  // Every shape has the same fields in the same order (one hidden class for the engine).
  if (!match) shape = { lead: '', core: '', trail: '', lower: '', lowerStart: false, printed, printedLower, document: 0, times: 0, piece: Number.NaN, short: 0, after: undefined };
  else {
    const core = match[2]!;
    shape = { lead: match[1]!, core, trail: match[3]!, lower: core.toLowerCase(), lowerStart: /^\p{Ll}/u.test(core), printed, printedLower, document: 0, times: 0, piece: Number.NaN, short: 0, after: undefined };
  }
  if (shapes.size >= SHAPE_MEMO_LIMIT) shapes.clear();
  shapes.set(text, shape);
  return shape;
}

/** A line cut at its spaces, and the shape of each token, for the text it was cut from. */
interface LineTokens {
  text: string;
  texts: string[];
  shapes: Shape[];
  /** The text is not its tokens joined by single spaces (a space at an end, or two side by side). */
  spaced: boolean;
}
/**
 * The tokens of each line, kept while its text stays the same: the document's counts, the split words and the
 * fragments left over read a line each, and most lines come out of the passes between them unchanged. A map
 * emptied when the document's words are repaired (a WeakMap measured slower: its entries cost the collector).
 */
let lineTokens = new Map<TextLine, LineTokens>();

function tokenized(line: TextLine): LineTokens {
  const known = lineTokens.get(line);
  if (known && known.text === line.text) return known;
  const texts: string[] = [];
  const lineShapes: Shape[] = [];
  let spaced = false;
  for (const text of line.text.split(' ')) {
    if (text === '') {
      spaced = true;
      continue;
    }
    texts.push(text);
    lineShapes.push(shapeOf(text));
  }
  const tokens = { text: line.text, texts, shapes: lineShapes, spaced };
  lineTokens.set(line, tokens);
  return tokens;
}

function tokensOf(lines: TextLine[]): Token[] {
  const out: Token[] = [];
  for (let index = 0; index < lines.length; index++) {
    const { texts, shapes: lineShapes } = tokenized(lines[index]!);
    for (let k = 0; k < texts.length; k++) {
      out.push({ text: texts[k]!, shape: lineShapes[k]!, line: index, first: k === 0, glue: k === 0 ? lines[index - 1]?.glue : undefined });
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
  // Flags in typed arrays filled by loops, not arrays made by map: the engine's optimised map makes an array of
  // another hidden class than the interpreter's, and each reader of it was deoptimised ("wrong map") in turn.
  const pieceIsWord = new Uint8Array(n);
  // A short frequent word ("in", "to", "the") is the likeliest to be glued by mistake to a fragment beside it.
  const shortWord = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const shape = tokens[k]!.shape;
    const isWord = shape.core ? judge.isPieceShape(shape, Math.max(1, pairNext[k]!, pairNext[k + 1]!)) : true;
    pieceIsWord[k] = isWord ? 1 : 0;
    shortWord[k] = isWord && judge.isShortShape(shape) ? 1 : 0;
  }
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
    const last = tokens[i - 1]!.shape;
    nonWords[i]! += last.core && !pieceIsWord[i - 1] ? 1 : 0;
    size[i] = 1;
    // A join ends with a word piece that has no opening punctuation (joinedWord): most tokens end none.
    if (!last.core || last.lead) continue;
    for (let span = 2; span <= Math.min(MAX_PIECES, i); span++) {
      const start = i - span;
      // A longer join takes the first piece of this one inside it, where it must be bare (joinedWord): if it
      // is not, no longer join ending here exists.
      const bare = tokens[start]!.shape.core !== '' && !tokens[start]!.shape.lead && !tokens[start]!.shape.trail;
      const word = joinedWord(tokens, start, span, judge, pieceIsWord);
      if (word === undefined) {
        if (!bare) break;
        continue;
      }
      let short = 0;
      for (let k = start; k < i; k++) if (shortWord[k]) short++;
      const lowerWord = word.toLowerCase();
      // Read within bounds: a read past the end deoptimises the compiled pass.
      const before = start > 0 ? tokens[start - 1]!.shape : undefined;
      const after = i < n ? tokens[i]!.shape : undefined;
      const around = (before?.core ? judge.pairCountLower(before.lower, lowerWord) : 0) + (after?.core ? judge.pairCountLower(lowerWord, after.lower) : 0);
      // Lower is better for each cost; the context and the letters count against.
      const reading = [nonWords[start]!, absorbed[start]! + short, joins[start]! + 1, context[start]! - around, letters[start]! - word.length];
      const k = reading.findIndex((value, c) => value !== costs[c]![i]);
      if (k >= 0 && reading[k]! <= costs[k]![i]!) {
        for (const [c, cost] of costs.entries()) cost[i] = reading[c]!;
        size[i] = span;
      }
      if (!bare) break;
    }
  }
  const groups: Array<[start: number, size: number]> = [];
  for (let i = n; i > 0; i -= size[i]!) if (size[i]! > 1) groups.push([i - size[i]!, size[i]!]);
  if (groups.length === 0) return;
  groups.reverse();
  const grouped = new Set(groups.flatMap(([start, size]) => Array.from({ length: size }, (_, k) => start + k)));
  // A join beside a fragment left over is a guess ("thee ffectiveness" when "effectiveness" is unknown): undone.
  const leftOver = (k: number) => k >= 0 && k < n && !grouped.has(k) && !pieceIsWord[k] && /^\p{Ll}[\p{L}'’]*$/u.test(tokens[k]!.shape.core);
  const joined = groups.filter(([start, size]) => !((!pieceIsWord[start + size - 1] && leftOver(start + size)) || (!pieceIsWord[start] && leftOver(start - 1))));
  const replaced = new Map<number, string>();
  const removed = new Set<number>();
  for (const [start, size] of joined) {
    const pieces = tokens.slice(start, start + size);
    let cores = '';
    let printedPieces = '';
    for (const [k, piece] of pieces.entries()) {
      cores += piece.shape.core;
      printedPieces += k === 0 ? piece.text : ` ${piece.text}`;
    }
    const word = `${pieces[0]!.shape.lead}${cores}${pieces.at(-1)!.shape.trail}`;
    replaced.set(start, word);
    for (let k = start + 1; k < start + size; k++) removed.add(k);
    report.repairs.push({ file: report.file, line: lines[pieces[0]!.line]!.line, kind: 'split-word', before: printedPieces.replace(CITATION_PATTERN, ''), after: word.replace(CITATION_PATTERN, '') });
  }
  // Lines are written again from their tokens: those holding a join, and those whose spacing that changes
  // (a space at an end, two spaces); any other line would be written as it is, and is left alone.
  const rewritten = new Uint8Array(lines.length);
  const texts: string[][] = [];
  for (const line of lines) {
    rewritten[texts.length] = tokenized(line).spaced ? 1 : 0;
    texts.push([]);
  }
  for (const [start, size] of joined) for (let k = start; k < start + size; k++) rewritten[tokens[k]!.line] = 1;
  for (const [k, token] of tokens.entries()) {
    if (removed.has(k) || !rewritten[token.line]) continue;
    texts[token.line]!.push(replaced.get(k) ?? token.text);
  }
  for (const [index, line] of lines.entries()) if (rewritten[index]) line.text = texts[index]!.join(' ');
}

/**
 * The word tokens[start..start+size) make if they can be one: bare inner pieces, at most one line end crossed
 * into a lower-case continuation, pieces after the first in lower case (unless all is in capitals: "UNM ISS"),
 * a piece that is not a word, and a joined form that is. Undefined otherwise.
 */
function joinedWord(tokens: Token[], start: number, size: number, judge: WordJudge, pieceIsWord: Uint8Array): string | undefined {
  let lineEnds = 0;
  let nonWord = false;
  let lowerAfterFirst = true;
  for (let k = 0; k < size; k++) {
    const piece = tokens[start + k]!;
    const { core, lead, trail } = piece.shape;
    if (!core || (k > 0 && lead) || (k < size - 1 && trail)) return undefined;
    if (k > 0) {
      const lower = piece.shape.lowerStart;
      lowerAfterFirst &&= lower;
      // Across a line end only into a continuation in lower case ("humanitari" / "an assistance").
      if (piece.first && (++lineEnds > 1 || piece.glue !== ' ' || !lower)) return undefined;
    }
    nonWord ||= !pieceIsWord[start + k];
  }
  // Never two words; the look-up of the joined form comes last, as the costliest test.
  if (!nonWord) return undefined;
  let core = '';
  for (let k = 0; k < size; k++) core += tokens[start + k]!.shape.core;
  if (!lowerAfterFirst && core !== core.toUpperCase()) return undefined;
  return judge.isJoined(core) ? core : undefined;
}

/** How many times the document prints tokens k and k+1 side by side (a split seen twice is still a split). */
function pairAt(tokens: Token[], k: number, judge: WordJudge): number {
  const a = tokens[k]?.shape;
  const b = tokens[k + 1]?.shape;
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
  // Arrays filled by loops, not by map and filter: those made another hidden class in optimised code than in the
  // interpreter, and repairWords, into which this is inlined, was deoptimised ("wrong map") again and again.
  const lengths: number[] = [];
  for (const line of lines) if (line.text.length >= 20) lengths.push(line.text.length);
  lengths.sort((a, b) => a - b);
  if (lengths.length < 10) return 0;
  const median = lengths[lengths.length >> 1]!;
  const normal: number[] = [];
  for (const length of lengths) if (length <= median * 1.3) normal.push(length);
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
    // Both repairs below happen only where a printed line ended inside this one: other lines are not read.
    const joinedLine = width > 0 && line.text.length > width * 1.08;
    if (!joinedLine) continue;
    const words = line.text.split(' ');
    const atPrintedEnd = (offset: number) => offset >= width * 0.7 && offset <= width * 1.1;
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
      const cut = hyphenatedForm(letters, judge, allowed) ?? dictionaryCut(letters, judge, allowed);
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
function printedWordOf(printed: string): readonly [string, string, string] | null {
  let shape = printedWords.get(printed);
  if (shape === undefined) {
    // The key and its parts are cut from a copy of the word, not from the line (standaloneCopy).
    const word = standaloneCopy(printed);
    const match = /^([^\p{L}]*)(\p{L}+)((?:[’']\p{L}{1,2})?[^\p{L}]*)$/u.exec(word);
    shape = match ? [match[1]!, match[2]!, match[3]!] : null;
    if (printedWords.size >= SHAPE_MEMO_LIMIT) printedWords.clear();
    printedWords.set(word, shape);
  }
  return shape;
}

/** A word of letters only, punctuation after it; once per distinct word. */
const bareWords = new Map<string, readonly [whole: string, letters: string] | null>();
function bareWordOf(printed: string): readonly [string, string] | null {
  let shape = bareWords.get(printed);
  if (shape === undefined) {
    // The key and its parts are cut from a copy of the word, not from the line (standaloneCopy).
    const word = standaloneCopy(printed);
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
  const { beforeClass, beforeChars, afterClass, afterChars } = spacingPatterns(language);
  for (const line of lines) {
    let text = line.text;
    const before = text;
    // Each pattern needs a space beside the punctuation it moves: a line without that pair is not scanned
    // (a run of spaces ends with a space beside the punctuation, so looking at the last one is enough).
    if (spaceBeforeAny(text, ',.)]”')) text = text.replace(/(\S) +([,.)\]”])(?=\s|$|[\p{P}])/gu, '$1$2');
    if (text.includes('( ') || text.includes('[ ')) text = text.replace(/([([]) +(?=[^\s)\]])/gu, '$1');
    // An apostrophe split from its word: "Darfur ’s", "d ’urgence", "l 'homme".
    if (text.includes(' ’')) text = text.replace(/(\p{L}) ’(?=\p{L})/gu, '$1’');
    if (text.includes(" '")) text = text.replace(/(?<![\p{L}])(\p{L}{1,3}) '(?=\p{L})/gu, "$1'");
    if (beforeClass) {
      if (beforeChars!.some((c) => spacedBefore(text, c))) text = text.replace(beforeClass, '\u00A0');
    } else if (spaceBeforeAny(text, ';:')) text = text.replace(/(\p{L}|\p{N}|[)”’]) +([;:])(?=\s|$)/gu, '$1$2');
    if (afterClass && (afterChars === undefined || afterChars.some((c) => text.includes(c)))) text = text.replace(afterClass, '$1\u00A0');
    if (text !== before) {
      report.repairs.push({ file: report.file, line: line.line, kind: 'punctuation-space', before: excerptOfChange(before, text), after: excerptOfChange(text, before) });
      line.text = text;
    }
  }
}

/** The table's no-break-space patterns (French: before ; : ! ? », after «), built once per table. */
interface SpacingPatterns {
  beforeClass?: RegExp;
  /** The characters of `beforeClass`'s class, each looked for before the pattern runs. */
  beforeChars?: string[];
  afterClass?: RegExp;
  /** The characters of `afterClass`'s class when they are plain characters (else the pattern always runs). */
  afterChars?: string[];
}
const spacingOf = new WeakMap<LanguageTable, SpacingPatterns>();
function spacingPatterns(language: LanguageTable): SpacingPatterns {
  let patterns = spacingOf.get(language);
  if (!patterns) {
    const nbspBefore = language.spaceBefore;
    const after = language.spaceAfter;
    patterns = {
      beforeClass: nbspBefore ? new RegExp(`(?<=\\S)[ \\u00A0\\u202F]+(?=[${nbspBefore.replace(/[\]\\^-]/g, '\\$&')}])`, 'gu') : undefined,
      beforeChars: nbspBefore ? [...nbspBefore] : undefined,
      afterClass: after ? new RegExp(`([${after}])[ \\u00A0]+`, 'gu') : undefined,
      afterChars: after && !/[\]\\^-]/.test(after) ? [...after] : undefined,
    };
    spacingOf.set(language, patterns);
  }
  return patterns;
}

/** Whether a space is followed somewhere by one of `chars` (BMP characters). */
function spaceBeforeAny(text: string, chars: string): boolean {
  for (let i = text.indexOf(' '); i >= 0 && i + 1 < text.length; i = text.indexOf(' ', i + 1)) {
    if (chars.includes(text[i + 1]!)) return true;
  }
  return false;
}

/** Whether `char` follows a space, a no-break space or a narrow no-break space somewhere in the text. */
function spacedBefore(text: string, char: string): boolean {
  for (let i = text.indexOf(char, 1); i > 0; i = text.indexOf(char, i + 1)) {
    const unit = text.charCodeAt(i - 1);
    if (unit === 0x20 || unit === 0xa0 || unit === 0x202f) return true;
  }
  return false;
}

function excerptOfChange(a: string, b: string): string {
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  return a.slice(Math.max(0, start - 12), start + 12).replace(CITATION_PATTERN, '');
}

/** Fragments left as printed (no neighbour makes a word with them): reported, so a reader can check them. */
function warnKeptFragments(lines: TextLine[], judge: WordJudge, report: Report): void {
  for (const line of lines) {
    for (const shape of tokenized(line).shapes) {
      // One character: one code unit, or two for a surrogate pair.
      if (shape.core && shape.lowerStart && shape.core.length <= 2 && codePoints(shape.core) === 1 && !judge.isPieceShape(shape, 0)) {
        warn(report, 'split-word-kept', `"${shape.core}" is not a word and makes none with its neighbours; kept as printed`, line.line);
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
