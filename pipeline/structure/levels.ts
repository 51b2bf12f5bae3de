// The levels of operative headings: a flat run of headings ("I.", "A.", "B.", "II.") nested as printed.
// Reads: one body's paragraphs and sections in print order (each heading holding its own paragraphs).
// Writes: the same nodes, a lettered heading inside the roman one before it, an unnumbered one inside both.
import type { OperativeParagraph, Section } from '../model.js';
import { warn, type Report } from '../report.js';

type Node = OperativeParagraph | Section;

/**
 * The rank a heading's printed number gives it (profile §3.3, part > section > title > division): a part of
 * the resolution (its own formula, "B. … The General Assembly,") 0, a roman numeral 1, a capital letter 2, an
 * unnumbered heading 3. A heading with another kind of number (an article) has no rank: nothing is nested.
 */
function rankOf(section: Section): { rank: number; series?: string; ordinal?: number } | undefined {
  if (section.article || (section.num !== undefined && section.numbering === undefined)) return undefined;
  const numbering = section.numbering;
  if (section.formula !== undefined) return { rank: 0, series: numbering && `part-${numbering.series}`, ordinal: numbering?.ordinal };
  if (!numbering) return { rank: 3 };
  return { rank: numbering.series === 'roman' ? 1 : 2, series: numbering.series, ordinal: numbering.ordinal };
}

interface Open {
  index: number;
  rank: number;
  depth: number;
  /** The ordinal of the last heading of each series placed directly under this one. */
  last: Map<string, number>;
}

/**
 * Nests each heading under the nearest open heading of a higher rank. The printed numbering must agree:
 * under a heading, a series starts at 1 ("A.", "I.") or carries on the same series of the heading's
 * predecessor at the same depth ("C." after "B." of the section before), and then goes up by one. When it
 * does not ("A.", "I.", "B.": is B under I or beside A?), nothing is guessed: the headings stay one level
 * with a warning. One pass to decide, one to build: linear in the number of nodes.
 */
export function nestHeadings(nodes: Node[], report: Report): Node[] {
  const ranks = nodes.map((node) => (node.kind === 'section' ? rankOf(node) : undefined));
  if (nodes.some((node, i) => node.kind === 'section' && ranks[i] === undefined)) return nodes;
  const distinct = new Set(ranks.flatMap((r) => (r ? [r.rank] : [])));
  if (distinct.size < 2) return nodes;

  // First decide where each node goes (the index of its parent heading, -1 for the body), then move them:
  // nothing is changed when the numbering disagrees.
  const parentOf: number[] = [];
  const rootLast = new Map<string, number>();
  // The last heading of each series anywhere, with its depth: lettering may run on from section to section.
  const lastOfSeries = new Map<string, { ordinal: number; depth: number }>();
  let stack: Open[] = [];
  const open = (index: number, rank: number, depth: number): Open => {
    const section = nodes[index] as Section;
    const entry: Open = { index, rank, depth, last: new Map() };
    // Sub-headings the segmenter already put inside it ("II. Other matters" / "A. Coordination").
    for (const child of section.children) {
      const r = child.kind === 'section' ? rankOf(child) : undefined;
      if (r?.series && r.ordinal !== undefined) {
        entry.last.set(r.series, r.ordinal);
        lastOfSeries.set(r.series, { ordinal: r.ordinal, depth: depth + 1 });
      }
    }
    return entry;
  };
  for (const [i, node] of nodes.entries()) {
    const rank = ranks[i];
    if (node.kind === 'paragraph' || !rank) {
      parentOf.push(-1);
      stack = [];
      continue;
    }
    while (stack.length > 0 && stack.at(-1)!.rank >= rank.rank) stack.pop();
    const parent = stack.at(-1);
    const depth = parent ? parent.depth + 1 : 0;
    if (rank.series && rank.ordinal !== undefined) {
      const siblings = parent ? parent.last : rootLast;
      const previous = siblings.get(rank.series);
      const before = lastOfSeries.get(rank.series);
      const inSequence =
        previous !== undefined
          ? rank.ordinal === previous + 1
          : !parent || rank.ordinal === 1 || (before !== undefined && before.depth === depth && rank.ordinal === before.ordinal + 1);
      if (!inSequence) {
        warn(
          report,
          'heading-levels-uncertain',
          `heading ${node.num!.trim()} does not follow the numbering of the headings before it; the headings are left at one level`,
          node.origin.line,
        );
        return nodes;
      }
      siblings.set(rank.series, rank.ordinal);
      lastOfSeries.set(rank.series, { ordinal: rank.ordinal, depth });
    }
    parentOf.push(parent ? parent.index : -1);
    stack.push(open(i, rank.rank, depth));
  }
  const root: Node[] = [];
  for (const [i, node] of nodes.entries()) {
    const parent = parentOf[i]!;
    (parent < 0 ? root : (nodes[parent] as Section).children).push(node);
  }
  return root;
}
