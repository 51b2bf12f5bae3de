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
  const num = section.num?.trim();
  const roman = num !== undefined && /^[IVXL]+\.?$/.test(num) ? romanValue(num.replace(/\.$/, '')) : undefined;
  const letter = num !== undefined && /^[A-H]\.$/.test(num) ? num.charCodeAt(0) - 64 : undefined;
  if (num !== undefined && roman === undefined && letter === undefined) return undefined;
  const ordinal = roman ?? letter;
  if (section.formula !== undefined) return { rank: 0, series: roman !== undefined ? 'part-roman' : 'part-letter', ordinal };
  if (roman !== undefined) return { rank: 1, series: 'roman', ordinal };
  if (letter !== undefined) return { rank: 2, series: 'letter', ordinal };
  return { rank: 3 };
}

function romanValue(numeral: string): number | undefined {
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };
  let total = 0;
  for (let i = 0; i < numeral.length; i++) {
    const value = values[numeral[i]!]!;
    const next = values[numeral[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  // "IIII", "VX": not a numeral as UN documents print them.
  return total > 0 && toRoman(total) === numeral ? total : undefined;
}

function toRoman(n: number): string {
  const table: Array<[number, string]> = [[50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [value, numeral] of table) while (n >= value) (out += numeral), (n -= value);
  return out;
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
