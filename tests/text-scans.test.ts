// The scans that replaced regular expressions in the text-cleaning passes find exactly what those expressions
// found: compared on random strings made of the characters each pattern cares about (seeded, reproducible).
import { describe, expect, it } from 'vitest';
import { floatingNumbers } from '../pipeline/repair.js';
import { languages } from '../pipeline/lang/index.js';
import { compileLexicon, normalizeQuotes } from '../pipeline/structure/lexicon.js';

/** A small deterministic generator (mulberry32), so a failure names a string that can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function strings(alphabet: readonly string[], count: number, maxLength: number, seed: number): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    let text = '';
    const length = Math.floor(next() * maxLength);
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)]!;
    return text;
  });
}

describe('floatingNumbers', () => {
  const pattern = /(?<=[\p{L}\p{N}”’»),])\s(\d{1,4})(?=[\s,.;:]|$)/gu;
  const alphabet = ['1', '2', '0', '9', '19', '20', ' ', ' ', ' ', '\u00a0', '\t', 'a', 'É', 'я', '𝐀', '\u{F0001}', '\udc00', '”', '’', '»', ')', ',', '.', ';', ':', '-', '('];

  it('finds the matches of its regular expression, with the word and number before each', () => {
    for (const text of strings(alphabet, 4000, 40, 11)) {
      const expected = [...text.matchAll(pattern)].map((m) => {
        const before = text.slice(0, m.index);
        return {
          at: m.index,
          length: m[0].length,
          value: Number(m[1]),
          word: before.split(/\s+/).at(-1),
          afterNumber: /\d,?$/.test(before),
          afterYear: /(?:^|\s)(?:19|20)\d\d$/.test(before),
        };
      });
      const found = [...floatingNumbers(text)].map((m) => ({ at: m.at, length: m.length, value: m.value, word: text.slice(m.wordStart, m.at), afterNumber: m.afterNumber, afterYear: m.afterYear }));
      expect(found, JSON.stringify(text)).toEqual(expected);
    }
  });
});

describe('normalizeQuotes', () => {
  const alphabet = ['a', 'b', "'", 'ʼ', '’', ' ', ' ', '\u00a0', '\t', '\n', '\u3000', '\u2028', '\ufeff', '𝐀', 'é'];

  it('is the replace-replace-trim it stands for, and returns an unchanged string itself', () => {
    for (const text of strings(alphabet, 4000, 24, 7)) {
      expect(normalizeQuotes(text), JSON.stringify(text)).toBe(text.replace(/['ʼ]/g, '’').replace(/\s+/g, ' ').trim());
    }
    const clean = 'Recalling its resolution 1325 (2000)';
    expect(normalizeQuotes(clean)).toBe(clean);
  });
});

describe('numberedNounEnd', () => {
  const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

  it('answers as /(?:^|[\\s’\'])(?:nouns)\\s*$/iu for every language, multi-word nouns (Arabic) included', () => {
    let tested = 0;
    let matched = 0;
    for (const [code, language] of Object.entries(languages)) {
      const nouns = language.numberedNouns ?? [];
      if (nouns.length === 0) continue;
      const pattern = new RegExp(`(?:^|[\\s’'])(?:${nouns.map(escape).join('|')})\\s*$`, 'iu');
      const test = compileLexicon(language).numberedNounEnd!;
      const pieces = [...nouns, ...nouns.map((n) => n.toUpperCase()), ...nouns.map((n) => n.slice(1)), 'x', 'of', '12', ' ', ' ', '\u00a0', '\t', '’', "'", '-', '(', ')'];
      for (const text of strings(pieces, 3000, 6, code.charCodeAt(0) * 31 + code.charCodeAt(1))) {
        const expected = pattern.test(text);
        expect(test.test(text), `${code} ${JSON.stringify(text)}`).toBe(expected);
        tested++;
        if (expected) matched++;
      }
    }
    expect(tested).toBeGreaterThan(10_000);
    expect(matched).toBeGreaterThan(1000);
  });
});
