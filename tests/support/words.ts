// The "no word lost" comparison shared by the tests: the words of an input text (page furniture, link
// lists and separators removed) must all be in an output's text, except where a reported repair
// changed them (a split word rejoined, a superscript put back).
import type { Report } from '../../pipeline/report.js';

/** Words: runs of letters and digits; each Han character is a word of its own (Chinese has no spaces). */
export function words(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(/\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu) ?? [];
}

export function countWords(list: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of list) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** The words of the input as the reader should see them: furniture and link lines out, repairs applied. */
export function inputWords(text: string, report: Report): Map<string, number> {
  const furniture = new Set(report.furniture.map((f) => f.line));
  const kept = text
    .replace(/\f/g, '')
    .split('\n')
    .filter((line, i) => !furniture.has(i + 1) && !/^\s*https?:\/\/\S+\s*$/.test(line) && !/^\s*_{5,}\s*$/.test(line))
    .join('\n');
  const counts = countWords(words(kept));
  for (const repair of report.repairs) {
    if (repair.kind !== 'split-word' && repair.kind !== 'superscript' && !repair.kind.startsWith('note-marker') && repair.kind !== 'hyphen-restored') continue;
    for (const w of words(repair.before)) counts.set(w, (counts.get(w) ?? 0) - 1);
    for (const w of words(repair.after)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return counts;
}

/**
 * Note markers are not words of the text: AKN keeps them in `authorialNote/@marker`. Each citation in
 * the input printed its marker once; the reading text prints each note's marker once.
 */
export function withoutCitationMarkers(expected: Map<string, number>, xml: string): Map<string, number> {
  const out = new Map(expected);
  for (const m of xml.matchAll(/<authorialNote [^>]*marker="(\d+)"/g)) out.set(m[1]!, (out.get(m[1]!) ?? 0) - 1);
  return out;
}

/** Words of `expected` missing from `actual` (with how many are missing). */
export function missingWords(expected: Map<string, number>, actualText: string): Array<[string, number]> {
  const actual = countWords(words(actualText));
  const missing: Array<[string, number]> = [];
  for (const [w, n] of expected) {
    const have = actual.get(w) ?? 0;
    if (n > have) missing.push([w, n - have]);
  }
  return missing;
}
