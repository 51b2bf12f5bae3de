// Fidelity invariants over the whole corpus (issue 9): for every text of ../shared/corpus/texts and the
// sample, every extraction, the build is judged against the inputs and a dictionary only, never against
// per-file expectations:
//  - no invented word: every word of the reading text occurs in one of the document's extractions or in
//    the language's dictionary (a rejoined "institutions" is in the dictionary; "thee" from "the e
//    ffectiveness" would be, but "ffectiveness" glued elsewhere would not);
//  - no lost word: every dictionary word of the input body is in the reading text (page furniture and link
//    lists aside; a piece of a split word may go when the word it was rejoined into is a dictionary word);
//  - every link of the page link lists is on its citation (a `ref` or its alternativeReference), none left
//    over as an implicitReference;
//  - operative numbers as printed: the `num` of every operative paragraph is a number printed at the start
//    of a line of the input, and the numbers run 1, 2, 3… within each part.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { childElements, findAll, parseAkn, path, textOf, type AknElement } from '../pipeline/akn-tree.js';
import { build, type BuildResult } from '../pipeline/build.js';
import { readingText } from '../pipeline/reading-text.js';
import { isDictionaryWord } from './support/dictionary.js';
import { CORPUS_AVAILABLE, CORPUS_TEXTS, noteMissingCorpus } from './support/corpus.js';
import { words } from './support/words.js';

interface Extraction {
  file: string;
  path: string;
  /** The same document's other extractions (X.txt and X.pdftotext.txt). */
  siblings: string[];
}

function extractions(): Extraction[] {
  const texts = CORPUS_TEXTS;
  const files = readdirSync(texts).filter((f) => f.endsWith('.txt')).sort();
  const documentOf = (f: string) => f.replace(/\.pdftotext\.txt$|\.txt$/, '');
  const all: Extraction[] = files.map((file) => ({
    file,
    path: join(texts, file),
    siblings: files.filter((other) => other !== file && documentOf(other) === documentOf(file)).map((other) => join(texts, other)),
  }));
  all.unshift({ file: 'fr_A-72-L.10.txt', path: join(import.meta.dirname, '../input/fr_A-72-L.10.txt'), siblings: [] });
  return all;
}

interface Built {
  result: BuildResult;
  statement: AknElement;
  reading: string;
  language: string;
}
const cache = new Map<string, Built>();
function built(extraction: Extraction): Built {
  let value = cache.get(extraction.file);
  if (!value) {
    const result = build({ file: extraction.path, text: readFileSync(extraction.path) }, { formats: ['xml'] });
    value = {
      result,
      statement: childElements(parseAkn(result.xml))[0]!,
      reading: readingText(result.xml),
      language: result.context.language!.code,
    };
    cache.set(extraction.file, value);
  }
  return value;
}

const URL_LINE = /^\s*(https?:\/\/\S+)\s*$/;
const SEPARATOR = /^\s*_{5,}\s*$/;

/** The input's lines that are the document (not furniture, not a link list, not a footnote separator). */
function bodyText(text: string, result: BuildResult): string {
  const furniture = new Set(result.report.furniture.map((f) => f.line));
  return text
    .replace(/\f/g, '')
    .split('\n')
    .filter((line, i) => !furniture.has(i + 1) && !URL_LINE.test(line) && !SEPARATOR.test(line))
    .join('\n');
}

/** Words that are numbers, marks or single letters say nothing about corruption of the text. */
const isWordy = (w: string) => /\p{L}/u.test(w) && w.length > 1;

noteMissingCorpus();
describe.each(CORPUS_AVAILABLE ? extractions() : [])('$file', (extraction) => {
  it('invents no word: each word of the reading text is in an extraction or the dictionary', () => {
    const { result, reading, language } = built(extraction);
    const printed = new Set<string>();
    for (const file of [extraction.path, ...extraction.siblings]) for (const w of words(readFileSync(file, 'utf8'))) printed.add(w);
    // A superscript put back on its line ("n" + "o" → "nº") is printed, only not on one line.
    for (const repair of result.report.repairs) if (repair.kind === 'superscript') for (const w of words(repair.after)) printed.add(w);
    const invented = [...new Set(words(reading))].filter((w) => isWordy(w) && !printed.has(w) && !isDictionaryWord(language, w));
    expect(invented).toEqual([]);
  });

  it('loses no word: each dictionary word of the input body is in the reading text', () => {
    const { result, reading, language } = built(extraction);
    const input = bodyText(readFileSync(extraction.path, 'utf8'), result);
    const kept = new Set(words(reading));
    // A piece of a word the repair rejoined goes away, when what it became is a word of the language.
    const consumed = new Set<string>();
    for (const repair of result.report.repairs) {
      const after = words(repair.after);
      if (after.every((w) => !isWordy(w) || isDictionaryWord(language, w) || kept.has(w))) for (const w of words(repair.before)) consumed.add(w);
    }
    const lost = [...new Set(words(input))].filter((w) => isWordy(w) && !kept.has(w) && !consumed.has(w) && isDictionaryWord(language, w));
    expect(lost).toEqual([]);
  });

  it('puts every link of the page link lists on its citation', () => {
    const { statement } = built(extraction);
    const listed = readFileSync(extraction.path, 'utf8')
      .split('\n')
      .map((l) => URL_LINE.exec(l)?.[1])
      .filter((u): u is string => u !== undefined);
    const meta = path(statement, 'meta')!;
    expect(findAll(meta, 'implicitReference').map((r) => r.attrs['href'])).toEqual([]);
    const alternatives = new Map(findAll(meta, 'alternativeReference').map((a) => [a.attrs['for']!.slice(1), a.attrs['href']!]));
    const onCitations = findAll(statement, 'ref').flatMap((ref) => [ref.attrs['href'], alternatives.get(ref.attrs['eId'] ?? '')]);
    const decoded = (u: string | undefined) => (u === undefined ? '' : safeDecode(u));
    const cited = new Set(onCitations.map(decoded));
    expect(listed.filter((u) => !cited.has(safeDecode(u)))).toEqual([]);
  });

  it('numbers operative paragraphs as printed, 1, 2, 3… in each part', () => {
    const { statement } = built(extraction);
    const lineStarts = new Set(
      readFileSync(extraction.path, 'utf8')
        .split('\n')
        .map((l) => /^[\s\f]*(\d{1,3})/.exec(l)?.[1])
        .filter((n): n is string => n !== undefined),
    );
    const body = path(statement, 'mainBody');
    if (!body) return;
    const parts = [body, ...findAll(body, 'section')];
    for (const part of parts) {
      const numbers = childElements(part, 'paragraph')
        .map((p) => childElements(p, 'num')[0])
        .filter((n): n is AknElement => n !== undefined)
        .map((n) => /\d+/.exec(textOf(n))?.[0])
        .filter((n): n is string => n !== undefined);
      for (const n of numbers) expect(lineStarts.has(n)).toBe(true);
      numbers.forEach((n, i) => {
        if (i > 0) expect(Number(n)).toBe(Number(numbers[i - 1]) + 1);
      });
    }
  });
});

function safeDecode(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
