// The lexicon: "is this a word of language X?", the evidence every word repair rests on.
// Reads: the language's Hunspell dictionary (npm `dictionary-xx`, read with fs) or its table's words.   Writes: a
// compiled word list per dictionary in the lexicon cache folder (`make lexicon`, else on first use).
//
// Why a compiled list read block by block (measured on this machine, Node 20):
//  - nspell expands every affix form in memory: English 0.25 s and 90 MB, Spanish 1.4 s and 190 MB, Russian
//    3.1 s and 435 MB, French 6 s and 780 MB (3.0 M forms, 2.6 M of them elided: "l'homme", "qu'homme"). A
//    batch of two workers holding that would pass its 300 MB goal with one French text.
//  - So the dictionary is expanded once, with nspell, into a sorted list of UTF-8 words (en 1.2 MB, es 7.6 MB,
//    fr 5.3 MB, ru 33 MB) in `lexicon/` beside package.json (gitignored; `$AKN_LEXICON_DIR` overrides), at
//    `make` or, failing that, the first time a document of the language needs it. French elision prefixes
//    (the affix classes that add "l'", "d'", "qu'"…) are taken out of the affix file before expansion, which
//    brings French to 0.65 s and 451 k forms; the table's `elisions` are stripped at look-up instead.
//  - A look-up does not load the list: it keeps the first word of every 4 kB block (under 10 k strings for
//    Russian) and reads one block from the file. The operating system's page cache holds the file once for
//    every worker, so a worker's heap grows by well under 1 MB per language. Answers are memoised per word.
//  - A language is opened only when a document of that language asks for it.
// Arabic and Chinese have no dictionary here: their lexicon is their table's word list, which can confirm a
// word but never proves that a piece is not one (`complete` is false), so no repair may rest on its silence.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { standaloneCopy } from './characters.js';
import type { LanguageTable } from './lang/types.js';
import { userCacheFolder } from './schema-files.js';

export interface Lexicon {
  /** `dictionary` when built from a Hunspell dictionary; `table` when it only knows the table's common words. */
  readonly source: 'dictionary' | 'table';
  /** True when a word missing from the lexicon is evidence that it is not a word of the language. */
  readonly complete: boolean;
  /** Whether the word is a word of the language, with Hunspell's case rules and the table's elisions. */
  has(word: string): boolean;
}

/** The minimal part of nspell's API used here (nspell ships no types). */
interface NSpellInstance {
  data: Record<string, unknown>;
}
type NSpellFactory = (dictionary: { aff: string; dic: string }) => NSpellInstance;

const require = createRequire(import.meta.url);
const BLOCK_BYTES = 4096;
const MEMO_LIMIT = 50_000;
/** Blocks kept decoded per word list: 256 × 4 kB, each one string and the offsets of its lines. */
const BLOCK_CACHE = 256;

/** A block of the word list as read: its text and where each line starts (the last entry is the text's end + 1). */
interface Block {
  text: string;
  starts: Uint32Array;
}

/**
 * Where compiled word lists live: `$AKN_LEXICON_DIR`, else `lexicon/` beside package.json in a clone of
 * the repository (where `make` fills it), else, for an installed package, the user's cache folder
 * (`$XDG_CACHE_HOME/akn-press/lexicon`), never inside node_modules.
 */
export function lexiconDirectory(): string {
  if (process.env.AKN_LEXICON_DIR) return path.resolve(process.env.AKN_LEXICON_DIR);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) {
      return fs.existsSync(path.join(dir, 'Makefile')) ? path.join(dir, 'lexicon') : path.join(userCacheFolder(), 'lexicon');
    }
    const parent = path.dirname(dir);
    if (parent === dir) return path.join(path.dirname(fileURLToPath(import.meta.url)), 'lexicon');
    dir = parent;
  }
}

/** The folder of an installed npm package, found the way `import` finds it. */
function packageDirectory(name: string): string {
  let entry: string;
  try {
    entry = typeof import.meta.resolve === 'function' ? fileURLToPath(import.meta.resolve(name)) : require.resolve(name);
  } catch {
    entry = require.resolve(name);
  }
  return path.dirname(entry);
}

interface DictionarySource {
  code: string;
  dir: string;
  version: string;
  elisions: readonly string[];
}

function dictionarySource(language: LanguageTable): DictionarySource | undefined {
  const spec = language.dictionary;
  if (!spec) return undefined;
  const dir = packageDirectory(spec.package);
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
  return { code: language.code, dir, version, elisions: spec.elisions ?? [] };
}

const wordListName = (source: DictionarySource) => `${source.code}-${path.basename(source.dir)}@${source.version}.words`;

/** One apostrophe for every look-up and every list: the typographic one is what UN documents print. */
const normalizeApostrophe = (word: string) => word.replace(/[’ʼ]/g, "'");

/**
 * Expands a Hunspell dictionary with nspell into the sorted list of its word forms. Affix classes that
 * only add an elided article or pronoun ("l'", "qu'") are dropped first: the look-up strips those prefixes.
 */
export function compileWordList(source: DictionarySource): string[] {
  let aff = fs.readFileSync(path.join(source.dir, 'index.aff'), 'utf8');
  const dic = fs.readFileSync(path.join(source.dir, 'index.dic'), 'utf8');
  if (source.elisions.length > 0) {
    const elidingClasses = new Set<string>();
    for (const rule of aff.matchAll(/^PFX (\S+) \S+ (\S+) \S+/gm)) {
      if (/['’]$/.test(rule[2]!.split('/')[0]!)) elidingClasses.add(rule[1]!);
    }
    aff = aff
      .split('\n')
      .filter((line) => !elidingClasses.has(/^PFX (\S+) /.exec(line)?.[1] ?? ''))
      .join('\n');
  }
  const nspell = require('nspell') as NSpellFactory;
  const words = new Set<string>();
  for (const word of Object.keys(nspell({ aff, dic }).data)) {
    if (word.length > 0 && !word.includes('\n')) words.add(normalizeApostrophe(word));
  }
  return [...words].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The compiled list's path, compiling it first if it is not there (written whole, then renamed into place). */
export function ensureWordList(language: LanguageTable, directory = lexiconDirectory()): string | undefined {
  const source = dictionarySource(language);
  if (!source) return undefined;
  const file = path.join(directory, wordListName(source));
  if (fs.existsSync(file)) return file;
  const text = compileWordList(source).join('\n');
  try {
    fs.mkdirSync(directory, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${text}\n`);
    fs.renameSync(temporary, file);
    writeBlockIndex(file);
    return file;
  } catch {
    // A read-only installation: the list lives in a temporary folder for this machine instead.
    const fallback = path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'akn-press-lexicon');
    if (directory !== fallback) return ensureWordList(language, fallback);
    throw new Error(`cannot write the compiled word list for ${language.code} (${file}); set AKN_LEXICON_DIR to a writable folder`);
  }
}

/** Where each 4 kB block of a word list starts, and its first word; saved beside the list. */
interface BlockIndex {
  size: number;
  offsets: number[];
  firstWords: string[];
}

function readBlockIndex(file: string, size: number): BlockIndex | undefined {
  try {
    const index = JSON.parse(fs.readFileSync(file, 'utf8')) as BlockIndex;
    return index.size === size && index.offsets.length === index.firstWords.length ? index : undefined;
  } catch {
    return undefined;
  }
}

/** Builds the block index of a word list (one read of the whole list) and saves it when the folder allows. */
function writeBlockIndex(file: string): BlockIndex {
  const whole = fs.readFileSync(file);
  const index: BlockIndex = { size: whole.length, offsets: [], firstWords: [] };
  let start = 0;
  while (start < whole.length) {
    const end = whole.indexOf(10, start);
    index.offsets.push(start);
    index.firstWords.push(whole.toString('utf8', start, end < 0 ? whole.length : end));
    const next = whole.indexOf(10, start + BLOCK_BYTES);
    if (next < 0) break;
    start = next + 1;
  }
  try {
    const temporary = `${file}.index.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(index));
    fs.renameSync(temporary, `${file}.index`);
  } catch {
    // A read-only folder: the index is rebuilt by each process, which costs one read of the list.
  }
  return index;
}

/** A sorted word list on disk, searched through a sparse index of its blocks. */
class WordListFile {
  private readonly fd: number;
  private readonly offsets: number[];
  private readonly firstWords: string[];
  private readonly size: number;
  private buffer = Buffer.alloc(BLOCK_BYTES * 2);
  private readonly blocks = new Map<number, Block>();

  constructor(file: string) {
    this.fd = fs.openSync(file, 'r');
    this.size = fs.fstatSync(this.fd).size;
    const index = readBlockIndex(`${file}.index`, this.size) ?? writeBlockIndex(file);
    this.offsets = index.offsets;
    this.firstWords = index.firstWords;
  }

  /**
   * Block `index`, read from the file; the blocks read last are kept (about 2 MB). A block stays one string
   * with its line offsets: a look-up cuts out only the few words its binary search compares, where splitting
   * the block made some 400 strings per block read (garbage for the collector).
   */
  private block(index: number): Block {
    const cached = this.blocks.get(index);
    if (cached) return cached;
    const from = this.offsets[index]!;
    const to = this.offsets[index + 1] ?? this.size;
    if (this.buffer.length < to - from) this.buffer = Buffer.alloc(to - from);
    const read = fs.readSync(this.fd, this.buffer, 0, to - from, from);
    const text = this.buffer.toString('utf8', 0, read);
    let lines = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    const starts = new Uint32Array(lines + 1);
    let line = 0;
    starts[line++] = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[line++] = i + 1;
    starts[line] = text.length + 1;
    const block = { text, starts };
    if (this.blocks.size >= BLOCK_CACHE) this.blocks.delete(this.blocks.keys().next().value!);
    this.blocks.set(index, block);
    return block;
  }

  has(word: string): boolean {
    // The last block whose first word is not after the word.
    let low = 0;
    let high = this.firstWords.length - 1;
    if (high < 0 || word < this.firstWords[0]!) return false;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.firstWords[mid]! <= word) low = mid;
      else high = mid - 1;
    }
    const { text, starts } = this.block(low);
    let a = 0;
    let b = starts.length - 2;
    while (a <= b) {
      const mid = (a + b) >> 1;
      const candidate = text.slice(starts[mid]!, starts[mid + 1]! - 1);
      if (candidate === word) return true;
      if (candidate < word) a = mid + 1;
      else b = mid - 1;
    }
    return false;
  }
}

class DictionaryLexicon implements Lexicon {
  readonly source = 'dictionary';
  readonly complete = true;
  private readonly memo = new Map<string, boolean>();
  private readonly elision: RegExp | undefined;

  constructor(
    private readonly list: WordListFile,
    elisions: readonly string[],
  ) {
    this.elision = elisions.length > 0 ? new RegExp(`^(?:${elisions.join('|')})'(?=\\p{L})`, 'iu') : undefined;
  }

  has(word: string): boolean {
    const known = this.memo.get(word);
    if (known !== undefined) return known;
    const answer = this.lookUp(normalizeApostrophe(word));
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    // A copy as the key: the word may be cut from a line, and would keep the document's text alive.
    this.memo.set(standaloneCopy(word), answer);
    return answer;
  }

  private lookUp(word: string): boolean {
    if (word.length === 0) return false;
    if (this.cased(word)) return true;
    const bare = this.elision ? word.replace(this.elision, '') : word;
    return bare !== word && bare.length > 0 && this.cased(bare);
  }

  /** Hunspell's case rules: "house" also reads "House" and "HOUSE"; "Paris" also "PARIS", never "paris". */
  private cased(word: string): boolean {
    if (this.list.has(word)) return true;
    const lower = word.toLocaleLowerCase();
    if (lower === word) return false;
    const rest = [...word].slice(1).join('');
    const capitalised = rest === rest.toLocaleLowerCase();
    const upper = word === word.toLocaleUpperCase();
    if (!capitalised && !upper) return false;
    if (this.list.has(lower)) return true;
    if (upper) {
      const title = `${[...lower][0]!.toLocaleUpperCase()}${[...lower].slice(1).join('')}`;
      return this.list.has(title);
    }
    return false;
  }
}

/** Arabic, Chinese: the table's words only, which confirm a word and never rule one out. */
class TableLexicon implements Lexicon {
  readonly source = 'table';
  readonly complete = false;
  private readonly words: Set<string>;
  constructor(language: LanguageTable) {
    this.words = new Set(language.commonWords.map((w) => w.toLocaleLowerCase()));
  }
  has(word: string): boolean {
    return this.words.has(word.toLocaleLowerCase());
  }
}

const opened = new Map<string, Lexicon>();

/** The lexicon of a language, opened on first use and shared by every document of that language. */
export function lexiconFor(language: LanguageTable): Lexicon {
  let lexicon = opened.get(language.code);
  if (!lexicon) {
    const file = ensureWordList(language);
    lexicon = file ? new DictionaryLexicon(new WordListFile(file), language.dictionary?.elisions ?? []) : new TableLexicon(language);
    opened.set(language.code, lexicon);
  }
  return lexicon;
}

/**
 * The words of one document beside its language's lexicon. A piece counts as a word of the document only
 * where it occurs outside the split being judged: "insti tutions" twice does not make "insti" a word.
 */
export class DocumentLexicon {
  private readonly counts = new Map<string, number>();

  /**
   * `tokens`: the document's words as printed, each once per time it is printed, or as a map from each distinct
   * word to its number of times (a document repeats its words: each is lower-cased once).
   */
  constructor(
    readonly language: Lexicon,
    tokens: Iterable<string> | ReadonlyMap<string, number>,
  ) {
    if (tokens instanceof Map) {
      for (const [token, times] of tokens as ReadonlyMap<string, number>) {
        const key = token.toLocaleLowerCase();
        this.counts.set(key, (this.counts.get(key) ?? 0) + times);
      }
      return;
    }
    for (const token of tokens as Iterable<string>) {
      const key = token.toLocaleLowerCase();
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    }
  }

  /** How many times the document prints the word as a token of its own (case aside). */
  count(word: string): number {
    return this.counts.get(word.toLocaleLowerCase()) ?? 0;
  }

  inDictionary(word: string): boolean {
    return this.language.has(word);
  }

  /** A word of the language, or a token the document prints more than `besides` times. */
  isWord(word: string, besides = 0): boolean {
    return this.language.has(word) || this.count(word) > besides;
  }
}
