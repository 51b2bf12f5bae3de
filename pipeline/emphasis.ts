// Emphasis from the PDF: the italic runs the fonts print, kept in the document as `i`.
// Reads: context.repaired.lines (the emphasis runs of a PDF's lines, layout.ts), context.document.
// Writes: context.document with `i` around each italic run of the running text ("inter alia", a ship's name,
// "demanding" inside a recital). The opening phrase of a recital or operative paragraph is italic already
// (the structure stage sets it apart), so a run that is that phrase is left to it. Bold runs are counted by the
// layout stage but not marked: in these documents bold is the masthead and the title, which AKN marks up itself.
//
// The structure stage merges the lines of a page into text leaves, so a run is found again by its words with
// the words printed before it on its line (or after it, at a line start), page by page in reading order.
import type { BuildContext, Stage } from './context.js';
import { applyMatches, leavesOf, notesOf, runsOf, type Match, type TextLeaf } from './inline.js';
import type { LayoutLine } from './layout.js';
import type { Inline, ResolutionDocument } from './model.js';
import { CITATION_PATTERN } from './repair.js';
import { info } from './report.js';

/** Characters of context taken from the line around a run to find it again. */
const CONTEXT = 24;

export function markEmphasis(context: BuildContext): void {
  const document = context.document!;
  const lines = [...context.repaired!.lines, ...context.repaired!.notes.flatMap((n) => n.lines)] as LayoutLine[];
  if (!lines.some((l) => l.emphasis?.length)) return;
  const phraseLines = phraseLinesOf(document);
  const runs = runsOf(document);
  const notes = notesOf(runs, document);
  const pages = new Map<number, TextLeaf[]>();
  for (const leaf of [...runs.flatMap((run) => leavesOf(run)), ...notes.flatMap((note) => note.body.flatMap((block) => leavesOf(block)))]) {
    pages.set(leaf.origin.page, [...(pages.get(leaf.origin.page) ?? []), leaf]);
  }
  const cursors = new Map<number, { leaf: number; offset: number }>();
  const matches = new Map<TextLeaf, Match[]>();
  let marked = 0;
  let left = 0;
  for (const line of lines.sort((a, b) => a.line - b.line)) {
    const plain = line.text.replace(CITATION_PATTERN, '');
    for (const run of line.emphasis ?? []) {
      if (run.style !== 'italic') continue;
      const text = line.text.slice(run.start, run.end).replace(CITATION_PATTERN, '').trim();
      if (!/\p{L}/u.test(text)) continue;
      // The opening phrase of a recital or paragraph is italic through the structure already.
      const phrase = phraseLines.get(line.line);
      const lead = line.text.slice(0, run.start).replace(/^\s*(?:\d+\.|\([a-z]+\))?\s*/u, '');
      if (phrase && lead === '' && (phrase.startsWith(text) || text.startsWith(phrase))) continue;
      const start = plain.indexOf(text);
      const before = plain.slice(Math.max(0, start - CONTEXT), start);
      const after = plain.slice(start + text.length, start + text.length + CONTEXT);
      const leaves = pages.get(line.page) ?? [];
      const cursor = cursors.get(line.page) ?? { leaf: 0, offset: 0 };
      const found = find(leaves, cursor, before, text, before ? '' : after);
      if (!found) {
        left++;
        continue;
      }
      cursors.set(line.page, { leaf: found.leafIndex, offset: found.end });
      const leafMatches = matches.get(found.leaf) ?? [];
      if (leafMatches.some((m) => found.start < m.end && found.end > m.start)) continue;
      leafMatches.push({ start: found.start, end: found.end, make: (children: Inline[]): Inline => ({ type: 'i', children }) });
      matches.set(found.leaf, leafMatches);
      marked++;
    }
  }
  for (const run of runs) applyMatches(run, matches);
  for (const note of notes) for (const block of note.body) applyMatches(block, matches);
  info(context.report, 'layout-italics', `${marked} italic runs of the running text kept as <i> from the PDF's fonts${left ? `; ${left} not found again in the structured text (left roman)` : ''}`);
}

/** Lines where a recital or operative paragraph starts, with its (italic) opening phrase. */
function phraseLinesOf(document: ResolutionDocument): Map<number, string> {
  const map = new Map<number, string>();
  for (const recital of document.recitals) if (recital.phrase) map.set(recital.origin.line, recital.phrase);
  const visit = (nodes: ResolutionDocument['operative']) => {
    for (const node of nodes) {
      if (node.kind === 'section') visit(node.children);
      else if (node.phrase) map.set(node.origin.line, node.phrase);
    }
  };
  visit(document.operative);
  for (const annex of document.annexes) {
    for (const recital of annex.preamble) if (recital.phrase) map.set(recital.origin.line, recital.phrase);
    visit(annex.body);
  }
  return map;
}

/** The run in the page's leaves from the cursor on, found with its context; word boundaries at both ends. */
function find(leaves: TextLeaf[], cursor: { leaf: number; offset: number }, before: string, text: string, after: string) {
  const needle = before + text + after;
  for (let li = cursor.leaf; li < leaves.length; li++) {
    const leaf = leaves[li]!;
    const haystack = leaf.text;
    for (let at = haystack.indexOf(needle, li === cursor.leaf ? cursor.offset : 0); at >= 0; at = haystack.indexOf(needle, at + 1)) {
      const start = at + before.length;
      const end = start + text.length;
      if (/[\p{L}\p{N}]/u.test(haystack.charAt(start - 1)) || /[\p{L}\p{N}]/u.test(haystack.charAt(end))) continue;
      return { leafIndex: li, leaf, start, end };
    }
  }
  return undefined;
}

export const emphasisStage: Stage = { name: 'emphasis', run: markEmphasis };
