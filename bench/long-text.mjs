// The linearity input: the sample resolution made N times longer and still a resolution that parses.
// Reads: the sample's text.   Writes: a text whose preamble and operative part are each repeated N times.
//
// The sample is a title, the formula "L'Assemblée générale,", recitals (with footnote blocks and the
// link lists of their pages), then 25 operative paragraphs. Copy k (k = 0…N-1) of the recitals gets its
// footnote markers shifted by k × (notes in the sample), so every marker stays unique and every copy's
// citations find their own notes; copy k of the operative part is renumbered from 25k + 1, and its
// citations of notes point to copy k's notes. The sponsors' note ("* On behalf of…") is kept in the first
// copy only: it belongs to the masthead, of which there is one. Otherwise each copy is the same work.

/** Line-number boundaries of the sample (0-based): the formula line, and the first operative paragraph. */
function sections(lines) {
  const formula = lines.findIndex((l) => /^\s*L[’']Assemblée générale,\s*$/u.test(l));
  const operative = lines.findIndex((l, i) => i > formula && /^\s{1,2}1\. \p{Lu}/u.test(l));
  if (formula < 0 || operative < 0) throw new Error('long-text: the sample no longer has its formula and a paragraph 1.');
  return { formula, operative };
}

/** A footnote marker or citation alone on its line ("2"), as the PDF extraction prints superscripts. */
const MARKER_LINE = /^(\d{1,3})(\s*)$/u;

/** The preamble without the "*" note: from its line to the next numbered note. */
function withoutSponsorsNote(preamble) {
  const start = preamble.findIndex((l) => /^\s*\*\s/u.test(l));
  if (start < 0) return preamble;
  let end = start + 1;
  while (end < preamble.length && !MARKER_LINE.test(preamble[end])) end++;
  return [...preamble.slice(0, start), ...preamble.slice(end)];
}

/** The sample text repeated `times` times in its preamble and operative part (see the header). */
export function longSample(text, times = 10) {
  const lines = text.split('\n');
  const { formula, operative } = sections(lines);
  const head = lines.slice(0, formula + 1);
  const preamble = lines.slice(formula + 1, operative);
  const operativePart = lines.slice(operative);
  const notes = Math.max(0, ...preamble.map((l) => Number(MARKER_LINE.exec(l)?.[1] ?? 0)));
  const paragraphs = operativePart.filter((l) => /^\s{1,2}\d{1,3}\.? \p{Lu}/u.test(l)).length;
  const shiftMarkers = (block, k) => block.map((l) => l.replace(MARKER_LINE, (_, n, rest) => `${Number(n) + k * notes}${rest}`));
  const out = [...head];
  for (let k = 0; k < times; k++) out.push(...shiftMarkers(k === 0 ? preamble : withoutSponsorsNote(preamble), k));
  for (let k = 0; k < times; k++) {
    const renumbered = operativePart.map((l) => l.replace(/^(\s{1,2})(\d{1,3})(\.? )(?=\p{Lu})/u, (_, indent, n, after) => `${indent}${Number(n) + k * paragraphs}${after}`));
    out.push(...shiftMarkers(renumbered, k));
  }
  return { text: out.join('\n'), paragraphs: paragraphs * times, notes: notes * times };
}
