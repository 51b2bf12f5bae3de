// Reads: tests/corpus/expectations.json and the corpus texts in ../shared
// Writes: nothing; checks that every line-anchored fact in the expectations still holds for the texts
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusTextPath, loadCorpusExpectations } from './expectations.js';
import { CORPUS_AVAILABLE, noteMissingCorpus } from '../support/corpus.js';

const expectations = loadCorpusExpectations();
const linesOf = (file: string): string[] => readFileSync(corpusTextPath(file), 'utf8').split('\n');

noteMissingCorpus();
describe.each(CORPUS_AVAILABLE ? Object.entries(expectations.files) : [])('corpus expectations for %s', (file, entry) => {
  const lines = linesOf(file);
  const lineAt = (n: number): string => lines[n - 1] ?? '';

  it('has internally consistent counts', () => {
    if (entry.preamble) expect(entry.preamble.openings).toHaveLength(entry.preamble.count);
    if (entry.operative) {
      expect(entry.operative.numbers).toHaveLength(entry.operative.count);
      const subItems = entry.operative.subItems.reduce((sum, group) => sum + group.count, 0);
      expect(subItems).toBe(entry.operative.subItemCount);
    }
    expect(entry.notes.reduce((sum, note) => sum + note.citations, 0)).toBe(entry.noteCitationCount);
    expect(entry.annexes.items).toHaveLength(entry.annexes.count);
  });

  it('lists as many links as the text has link lines', () => {
    const linkLines = lines.filter((line) => /^https?:\/\//.test(line)).length;
    expect(linkLines).toBe(entry.links?.count ?? 0);
    if (entry.links) expect(entry.links.perPage.reduce((a, b) => a + b, 0)).toBe(entry.links.count);
  });

  it('counts pages as the form feeds of a pdftotext file', () => {
    if (entry.extractor !== 'pdftotext') return;
    expect(lines.join('\n').split('\f').length - 1).toBe(entry.pages);
  });

  it('finds each page-furniture example on its line', () => {
    for (const furniture of entry.pageFurniture) {
      const line = lineAt(furniture.line).replace('\f', '').trim();
      if (furniture.partOfLine) expect(line).toContain(furniture.example);
      else expect(line).toBe(furniture.example);
    }
  });

  it('finds each split word on its line', () => {
    for (const split of entry.splitWords) {
      expect(lineAt(split.line)).toContain(split.asExtracted);
    }
  });

  it('reads each spot check from its lines after the listed repairs', () => {
    for (const spot of entry.spotChecks) {
      const [first, last] = spot.lines;
      const skipped = new Set(spot.skippedLines ?? []);
      let reading = lines
        .slice(first - 1, last)
        .filter((_, i) => !skipped.has(first + i))
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim();
      for (const repair of spot.repairs ?? []) reading = reading.split(repair.from).join(repair.to);
      expect(reading, `${file}:${first}-${last}`).toContain(spot.text);
    }
  });

  it('names a pair that names it back', () => {
    if (!entry.pair) return;
    expect(expectations.files[entry.pair.other]?.pair?.other).toBe(file);
  });
});
