// The character classes the text-cleaning passes scan with (pipeline/characters.ts) answer exactly what the
// regular expressions they replace answer, for every UTF-16 code unit and for characters outside the BMP.
import { describe, expect, it } from 'vitest';
import { codePointBefore, isLetterOrMark, isLetterOrNumber, isSpace, isWordUnit } from '../pipeline/characters.js';

describe('character classes', () => {
  it('isSpace is \\s (and what trim removes) for every code unit', () => {
    const mismatches: number[] = [];
    for (let unit = 0; unit < 0x10000; unit++) {
      const char = String.fromCharCode(unit);
      if (isSpace(unit) !== /\s/.test(char)) mismatches.push(unit);
      if (isSpace(unit) !== (char.trim() === '')) mismatches.push(unit);
    }
    expect(mismatches).toEqual([]);
  });

  it('isWordUnit is [\\p{L}\\p{M}\\p{N}] on one code unit, lone surrogates included', () => {
    const mismatches: number[] = [];
    for (let unit = 0; unit < 0x10000; unit++) if (isWordUnit(unit) !== /[\p{L}\p{M}\p{N}]/u.test(String.fromCharCode(unit))) mismatches.push(unit);
    expect(mismatches).toEqual([]);
  });

  it('isLetterOrNumber is [\\p{L}\\p{N}] on a code point, in and beyond the BMP', () => {
    const mismatches: number[] = [];
    const points = [...Array.from({ length: 0x10000 }, (_, i) => i).filter((i) => i < 0xd800 || i > 0xdfff), 0x1d400, 0x1d7ce, 0x20000, 0x1f600, 0xf0001];
    for (const cp of points) if (isLetterOrNumber(cp) !== /^[\p{L}\p{N}]$/u.test(String.fromCodePoint(cp))) mismatches.push(cp);
    expect(mismatches).toEqual([]);
  });

  it('isLetterOrMark is [\\p{L}\\p{M}] on a code point, lone surrogates none of them', () => {
    const mismatches: number[] = [];
    const points = [...Array.from({ length: 0x10000 }, (_, i) => i), 0x1d400, 0x20000, 0x1f600, 0xe0100, 0xf0001];
    for (const cp of points) if (isLetterOrMark(cp) !== /^[\p{L}\p{M}]$/u.test(String.fromCodePoint(cp))) mismatches.push(cp);
    expect(mismatches).toEqual([]);
  });

  it('codePointBefore reads a surrogate pair whole and a lone surrogate as itself', () => {
    expect(codePointBefore('a𝐀', 3)).toBe(0x1d400);
    expect(codePointBefore('a𝐀', 2)).toBe(0xd835);
    expect(codePointBefore('ab', 1)).toBe(0x61);
    expect(codePointBefore('ab', 0)).toBe(-1);
    expect(codePointBefore('\udc00x', 1)).toBe(0xdc00);
  });
});
