// The lexicon on its own: the Hunspell dictionaries compiled to word lists, case rules, elisions, the
// compile-on-first-use path, and the document's own words.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { arabic, chinese, english, french, russian, spanish } from '../pipeline/lang/index.js';
import { compileWordList, DocumentLexicon, ensureWordList, lexiconFor } from '../pipeline/lexicon.js';

describe('lexicon: Hunspell dictionaries', () => {
  it('tells English words from the fragments of split words', () => {
    const en = lexiconFor(english);
    expect(en.source).toBe('dictionary');
    expect(en.complete).toBe(true);
    for (const word of ['effectiveness', 'determined', 'removal', 'institutions', 'economy', 'financial', 'monitoring', 'waterborne', 'the', 'their']) {
      expect(en.has(word), word).toBe(true);
    }
    for (const piece of ['ffectiveness', 'termined', 'moval', 'insti', 'tutions', 'omy', 'financi', 'onitoring', 'theirr', 'eral']) {
      expect(en.has(piece), piece).toBe(false);
    }
  });

  it('follows Hunspell case rules: a lower-case entry reads capitalised and upper case, a name never lower case', () => {
    const en = lexiconFor(english);
    expect(en.has('General')).toBe(true);
    expect(en.has('GENERAL')).toBe(true);
    expect(en.has('Paris')).toBe(true);
    expect(en.has('PARIS')).toBe(true);
    expect(en.has('paris')).toBe(false);
    expect(en.has('gEneral')).toBe(false);
  });

  it('reads the typographic apostrophe as the dictionary’s', () => {
    expect(lexiconFor(english).has('Darfur’s')).toBe(true);
    expect(lexiconFor(english).has("Darfur's")).toBe(true);
  });

  it('strips French elisions at look-up instead of storing the elided forms', () => {
    const fr = lexiconFor(french);
    expect(fr.has('l’homme')).toBe(true);
    expect(fr.has('qu’il')).toBe(true);
    expect(fr.has('jusqu’à')).toBe(true);
    expect(fr.has('aujourd’hui')).toBe(true);
    expect(fr.has('RÉSOLUTION')).toBe(true);
    expect(fr.has('d’omaines')).toBe(false);
    expect(fr.has('ur')).toBe(false);
    // The compiled list holds no elided form: "l'homme" is found through "homme" alone.
    const list = fs.readFileSync(ensureWordList(french)!, 'utf8');
    expect(list.includes("\nl'homme\n")).toBe(false);
    expect(list.includes('\nhomme\n')).toBe(true);
  });

  it('knows Spanish and Russian words', () => {
    expect(lexiconFor(spanish).has('Ejército')).toBe(true);
    expect(lexiconFor(spanish).has('resolución')).toBe(true);
    expect(lexiconFor(spanish).has('Ejércitode')).toBe(false);
    expect(lexiconFor(russian).has('резолюция')).toBe(true);
    expect(lexiconFor(russian).has('Резолюции')).toBe(true);
    expect(lexiconFor(russian).has('езолюция')).toBe(false);
  });

  it('gives Arabic and Chinese their table words, which never prove a piece is not a word', () => {
    const ar = lexiconFor(arabic);
    expect(ar.source).toBe('table');
    expect(ar.complete).toBe(false);
    expect(ar.has(arabic.commonWords[0]!)).toBe(true);
    expect(lexiconFor(chinese).has(chinese.commonWords[0]!)).toBe(true);
  });
});

describe('lexicon: compiled once', () => {
  it('compiles a missing list on first use into the lexicon folder, written whole', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'akn-lexicon-'));
    try {
      const file = ensureWordList(english, directory)!;
      expect(path.dirname(file)).toBe(directory);
      expect(path.basename(file)).toBe('en-dictionary-en@4.0.0.words');
      const words = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
      expect(words.length).toBeGreaterThan(100_000);
      // Sorted in the order the look-up's binary search assumes, without duplicates.
      for (let i = 1; i < words.length; i++) expect(words[i - 1]! < words[i]!, `${words[i - 1]} < ${words[i]}`).toBe(true);
      // The list and the index of its blocks, nothing else (no temporary file left).
      expect(fs.readdirSync(directory).sort()).toEqual([path.basename(file), `${path.basename(file)}.index`]);
      // A second call finds it and compiles nothing.
      const before = fs.statSync(file).mtimeMs;
      expect(ensureWordList(english, directory)).toBe(file);
      expect(fs.statSync(file).mtimeMs).toBe(before);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it('expands French without the affix classes that only add an elided article', () => {
    const source = { code: 'fr', dir: path.dirname(fileFor('dictionary-fr')), version: '3.0.0', elisions: french.dictionary!.elisions! };
    const words = compileWordList(source);
    expect(words.length).toBeGreaterThan(400_000);
    expect(words.length).toBeLessThan(600_000);
    // Only the dictionary's own entries keep an apostrophe prefix ("d'aucuns", "qu'en-dira-t-on").
    expect(words.filter((w) => /^(?:l|d|qu)'/i.test(w)).length).toBeLessThan(10);
    expect(words).not.toContain("l'homme");
    expect(words).toContain('homme');
    expect(words).toContain("aujourd'hui");
  });
});

describe('lexicon: the document’s own words', () => {
  it('counts a token of the document as a word only where it occurs outside the split judged', () => {
    const lexicon = new DocumentLexicon(lexiconFor(english), ['Houthi', 'insti', 'tutions', 'Houthi', 'zerotolerance']);
    expect(lexicon.isWord('Houthi')).toBe(true);
    expect(lexicon.isWord('houthi', 2)).toBe(false);
    expect(lexicon.isWord('insti')).toBe(true);
    expect(lexicon.isWord('insti', 1)).toBe(false);
    expect(lexicon.inDictionary('insti')).toBe(false);
    expect(lexicon.isWord('institutions', 5)).toBe(true);
  });

  it('counts the same from a map of distinct words to their times as from the words one by one', () => {
    const printed = ['Houthi', 'insti', 'tutions', 'houthi', 'HOUTHI', 'zerotolerance', 'Insti'];
    const times = new Map<string, number>();
    for (const word of printed) times.set(word, (times.get(word) ?? 0) + 1);
    times.set('tutions', 3);
    const one = new DocumentLexicon(lexiconFor(english), [...printed, 'tutions', 'tutions']);
    const many = new DocumentLexicon(lexiconFor(english), times);
    for (const word of ['houthi', 'Houthi', 'insti', 'tutions', 'zerotolerance', 'missing']) expect(many.count(word)).toBe(one.count(word));
    expect(many.count('HOUTHI')).toBe(3);
    expect(many.count('tutions')).toBe(3);
  });
});

function fileFor(name: string): string {
  return fs.realpathSync(path.join(import.meta.dirname, '..', 'node_modules', name, 'index.js'));
}
