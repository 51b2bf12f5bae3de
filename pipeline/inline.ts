// The inline stage (see stages.ts for the order): inline semantics. Mark what the words refer to.
// Reads: context.document, context.repaired.links, context.language.   Writes: context.document with
// `ref` on each linked citation (the page's link list tells which URL belongs to which citation),
// `date` on dates, `organization`/`role` on the bodies and offices of the language table.
import type { BuildContext, Stage } from './context.js';
import { entities } from './lang/entities.js';
import type { LanguageTable } from './lang/types.js';
import type { Footnote, Inline, ListItem, OperativeParagraph, ResolutionDocument, Section } from './model.js';
import type { PageLink } from './repair.js';
import { warn, type Report } from './report.js';
import { dateIn } from './structure.js';
import { symbolOfUndocsUrl } from './uri.js';

export type TextLeaf = Extract<Inline, { type: 'text' }>;

export interface Match {
  start: number;
  end: number;
  make: (children: Inline[]) => Inline;
}

/** Every inline run of the document, in reading order, notes last (as they are printed at page ends). */
export function runsOf(document: ResolutionDocument): Inline[][] {
  const runs: Inline[][] = [...document.masthead, ...document.preface.adoption];
  if (document.preface.sponsors) runs.push(document.preface.sponsors);
  runs.push(document.preface.title);
  if (document.preambleHeading) runs.push(document.preambleHeading);
  if (document.formula) runs.push(document.formula);
  const items = (list: ListItem[]): void => {
    for (const item of list) {
      runs.push(item.text);
      items(item.items);
      if (item.wrapUp) runs.push(item.wrapUp);
    }
  };
  const hierarchy = (nodes: Array<OperativeParagraph | Section>): void => {
    for (const node of nodes) {
      if (node.kind === 'section') {
        runs.push(node.heading);
        hierarchy(node.children);
      } else {
        runs.push(node.text);
        items(node.items);
        if (node.wrapUp) runs.push(node.wrapUp);
      }
    }
  };
  for (const recital of document.recitals) {
    runs.push(recital.text);
    items(recital.items);
  }
  hierarchy(document.operative);
  if (document.embedded) {
    runs.push(document.embedded.title);
    if (document.embedded.preambleHeading) runs.push(document.embedded.preambleHeading);
    for (const recital of document.embedded.preamble) runs.push(recital.text);
    hierarchy(document.embedded.body);
  }
  for (const annex of document.annexes) {
    runs.push(annex.title);
    if (annex.preambleHeading) runs.push(annex.preambleHeading);
    for (const recital of annex.preamble) {
      runs.push(recital.text);
      items(recital.items);
    }
    hierarchy(annex.body);
  }
  runs.push(...document.conclusions);
  return runs;
}

export function notesOf(runs: Inline[][], document: ResolutionDocument): Footnote[] {
  const seen = new Set<Footnote>(document.unplacedNotes);
  const visit = (inlines: Inline[]) => {
    for (const node of inlines) {
      if (node.type === 'noteRef') seen.add(node.note);
      else if ('children' in node) visit(node.children);
    }
  };
  runs.forEach(visit);
  return [...seen];
}

/** Leaves of a run in order, descending into children (but not into refs: a ref is already marked). */
export function leavesOf(inlines: Inline[], into: TextLeaf[] = []): TextLeaf[] {
  for (const node of inlines) {
    if (node.type === 'text') into.push(node);
    else if (node.type !== 'ref' && node.type !== 'noteRef' && 'children' in node) leavesOf(node.children, into);
  }
  return into;
}

/** Replaces leaves by the marked-up pieces, in place. */
export function applyMatches(inlines: Inline[], matches: Map<TextLeaf, Match[]>): void {
  for (let i = 0; i < inlines.length; i++) {
    const node = inlines[i]!;
    if (node.type !== 'text') {
      if (node.type !== 'ref' && node.type !== 'noteRef' && 'children' in node) applyMatches(node.children, matches);
      continue;
    }
    const found = matches.get(node);
    if (!found?.length) continue;
    found.sort((a, b) => a.start - b.start);
    const pieces: Inline[] = [];
    let last = 0;
    for (const match of found) {
      if (match.start < last) continue;
      if (match.start > last) pieces.push({ ...node, text: node.text.slice(last, match.start) });
      pieces.push(match.make([{ ...node, text: node.text.slice(match.start, match.end) }]));
      last = match.end;
    }
    if (last < node.text.length) pieces.push({ ...node, text: node.text.slice(last) });
    inlines.splice(i, 1, ...pieces);
    i += pieces.length - 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Links

/** The ways a cited symbol is printed in a resolution's text, most specific first. */
function citationForms(symbol: string): string[] {
  const forms = [symbol];
  // "resolution 37/4" for A/RES/37/4, "2014/16" for E/RES/2014/16, "16/18" for A/HRC/RES/16/18.
  const numbered = /^(?:A|E|A\/HRC|E\/CN\.\d+)\/RES\/(\d+\/\d+(?:\s?[A-Z])?)$/.exec(symbol);
  if (numbered) forms.push(numbered[1]!);
  const old = /^A\/RES\/(\d+)\s?\(([IVXL]+)\)$/.exec(symbol);
  if (old) forms.push(`${old[1]} (${old[2]})`, `${old[1]}(${old[2]})`);
  const sc = /^S\/RES\/(\d+)\s?\((\d{4})\)$/.exec(symbol);
  if (sc) forms.push(`${sc[1]} (${sc[2]})`, `${sc[1]}(${sc[2]})`);
  return forms;
}

const BEFORE_CITATION = /[\p{L}\p{N}/.-]/u;
const DIGIT_OR_SLASH = /[\p{N}/]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** A citation stands alone: "37/4" in "37/4 du", not in "137/4", "37/45", "37/4.2" or "37/4-Add". */
function citationBoundaries(text: string, start: number, end: number): boolean {
  const before = text.charAt(start - 1);
  const after = text.charAt(end);
  if (before && BEFORE_CITATION.test(before)) return false;
  if (!after) return true;
  if (DIGIT_OR_SLASH.test(after)) return false;
  if (after === '.' && /\d/.test(text.charAt(end + 1))) return false;
  if (after === '-' && LETTER_OR_DIGIT.test(text.charAt(end + 1))) return false;
  return true;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** AKN IRI of a GA resolution whose adoption date is printed right after the citation ("37/4 du 22 octobre 1982"). */
function resolutionIri(symbol: string, following: string, language: LanguageTable): string | undefined {
  const ga = /^A\/RES\/(\d+)\/(\d+)$/.exec(symbol);
  if (!ga) return undefined;
  const head = following.slice(0, 40);
  const date = dateIn(head, language);
  if (!date) return undefined;
  // The date must follow at once, joined by at most a short word ("du", "of", "de", ",").
  const dateStart = head.search(/\d/);
  if (dateStart < 0 || !/^[\s,]*(?:\p{L}{1,4})?[\s,]*$/u.test(head.slice(0, dateStart))) return undefined;
  return `/akn/un/statement/deliberation/un-ga/${date}/${ga[1]}-${ga[2]}`;
}

/**
 * A printed symbol with the same number as the link's ("S/PRST/2014/16" for E/RES/2014/16), not yet linked;
 * with `truncated`, one whose number the link's cuts short (UN PDFs link "S/2018/143" to E/RES/2018/14).
 */
function printedSymbolWithTail(
  leaves: TextLeaf[],
  symbol: string,
  taken: Map<TextLeaf, Array<[number, number]>>,
  truncated: boolean,
): { leafIndex: number; leaf: TextLeaf; start: number; end: number } | undefined {
  const tail = /\/\d{4}\/\d+$/.exec(symbol)?.[0];
  if (!tail) return undefined;
  for (const [leafIndex, leaf] of leaves.entries()) {
    for (let at = leaf.text.indexOf(tail); at >= 0; at = leaf.text.indexOf(tail, at + 1)) {
      let end = at + tail.length;
      if (truncated) {
        if (!/\d/.test(leaf.text.charAt(end))) continue;
        while (/\d/.test(leaf.text.charAt(end))) end++;
      }
      if (DIGIT_OR_SLASH.test(leaf.text.charAt(end))) continue;
      let start = at;
      // Back over the series ("S/PRST"): capitals, digits, dots and slashes, bounded to a symbol's length.
      while (start > 0 && at - start < 24 && /[A-Z0-9./]/.test(leaf.text.charAt(start - 1))) start--;
      if (!/^[A-Z]{1,5}\//.test(leaf.text.slice(start, at + 1)) || LETTER_OR_DIGIT.test(leaf.text.charAt(start - 1))) continue;
      if ((taken.get(leaf) ?? []).some(([a, b]) => start < b && end > a)) continue;
      return { leafIndex, leaf, start, end };
    }
  }
  return undefined;
}

function attachLinks(document: ResolutionDocument, links: PageLink[], report: Report): PageLink[] {
  const runs = runsOf(document);
  const notes = notesOf(runs, document);
  const bodyLeaves = runs.flatMap((run) => leavesOf(run));
  const noteLeaves = notes.flatMap((note) => note.body.flatMap((block) => leavesOf(block)));
  // Reading order of a page: its body text, then its footnotes.
  const pages = new Map<number, TextLeaf[]>();
  for (const leaf of [...bodyLeaves, ...noteLeaves]) {
    const page = pages.get(leaf.origin.page);
    if (page) page.push(leaf);
    else pages.set(leaf.origin.page, [leaf]);
  }
  const matches = new Map<TextLeaf, Match[]>();
  const taken = new Map<TextLeaf, Array<[number, number]>>();
  const cursors = new Map<number, { leaf: number; offset: number }>();
  const unattached: PageLink[] = [];
  const attachedOnPage = new Set<string>();

  const tryLeaves = (leaves: TextLeaf[], forms: string[], fromLeaf: number, fromOffset: number) => {
    for (const form of forms) {
      for (let li = fromLeaf; li < leaves.length; li++) {
        const leaf = leaves[li]!;
        for (let start = leaf.text.indexOf(form, li === fromLeaf ? fromOffset : 0); start >= 0; start = leaf.text.indexOf(form, start + 1)) {
          const end = start + form.length;
          if (!citationBoundaries(leaf.text, start, end)) continue;
          if ((taken.get(leaf) ?? []).some(([a, b]) => start < b && end > a)) continue;
          return { leafIndex: li, leaf, start, end };
        }
      }
    }
    return undefined;
  };

  for (const link of links) {
    const symbol = symbolOfUndocsUrl(link.url);
    // A link read from a PDF annotation knows the words it covers (layout.ts): they are looked for first.
    const printed = (link as PageLink & { text?: string }).text;
    const forms = [...(printed ? [printed] : []), ...(symbol ? citationForms(symbol) : [])];
    const pageLeaves = pages.get(link.page) ?? [];
    const cursor = cursors.get(link.page) ?? { leaf: 0, offset: 0 };
    let found = forms.length ? tryLeaves(pageLeaves, forms, cursor.leaf, cursor.offset) ?? tryLeaves(pageLeaves, forms, 0, 0) : undefined;
    let leaves = pageLeaves;
    if (!found && attachedOnPage.has(`${link.page} ${link.url}`)) {
      // A citation that wraps across two lines has two link rectangles, so its URL is listed twice.
      report.diagnostics.push({ severity: 'info', code: 'link-duplicate', message: `link ${link.url} listed again for a citation already linked on page ${link.page}`, file: report.file, line: link.line });
      continue;
    }
    if (!found && symbol) {
      // The link's target and the printed symbol may differ in their series: UN PDFs link
      // "S/PRST/2014/16" to E/RES/2014/16. The annotation covers the printed symbol on this page, so the
      // link goes there, with a warning; the text stays as printed.
      found = printedSymbolWithTail(pageLeaves, symbol, taken, false) ?? printedSymbolWithTail(pageLeaves, symbol, taken, true);
      if (found) warn(report, 'link-target-differs', `link ${link.url} is on the printed symbol "${found.leaf.text.slice(found.start, found.end)}" (page ${link.page}): the target differs from what is printed`, link.line);
    }
    if (!found && forms.length) {
      // The citation may sit across the page break: look on the neighbouring pages, then anywhere.
      for (const page of [link.page - 1, link.page + 1]) {
        leaves = pages.get(page) ?? [];
        found = tryLeaves(leaves, forms, 0, 0);
        if (found) break;
      }
      if (!found) {
        leaves = [...bodyLeaves, ...noteLeaves];
        found = tryLeaves(leaves, forms, 0, 0);
      }
      if (found) warn(report, 'link-elsewhere', `link ${link.url} has no citation on its page; attached to "${found.leaf.text.slice(found.start, found.end)}" on page ${found.leaf.origin.page}`, link.line);
    }
    if (!found) {
      warn(report, 'link-unattached', `link ${link.url}: no citation of ${symbol ?? 'it'} in the text; kept as an implicit reference`, link.line);
      unattached.push(link);
      continue;
    }
    const { leaf, start, end } = found;
    if (leaves === pageLeaves) cursors.set(link.page, { leaf: found.leafIndex, offset: end });
    attachedOnPage.add(`${link.page} ${link.url}`);
    taken.set(leaf, [...(taken.get(leaf) ?? []), [start, end]]);
    const iri = symbol ? resolutionIri(symbol, leaf.text.slice(end), document.language) : undefined;
    const make = (children: Inline[]): Inline => (iri ? { type: 'ref', href: iri, undocs: link.url, children } : { type: 'ref', href: link.url, children });
    matches.set(leaf, [...(matches.get(leaf) ?? []), { start, end, make }]);
  }
  for (const run of runs) applyMatches(run, matches);
  for (const note of notes) for (const block of note.body) applyMatches(block, matches);
  return unattached;
}

// ---------------------------------------------------------------------------------------------
// Dates and entities

interface InlinePatterns {
  datePatterns: RegExp[];
  entityPattern?: RegExp;
  keyOf: Map<string, string>;
}
/** Compiled once per language and process: these expressions cost about a millisecond each to build. */
const inlinePatterns = new WeakMap<LanguageTable, InlinePatterns>();
function patternsFor(language: LanguageTable): InlinePatterns {
  let patterns = inlinePatterns.get(language);
  if (!patterns) {
    const phrases = [...language.organizations, ...language.roles].filter(([, key]) => entities[key]).sort((a, b) => b[0].length - a[0].length);
    patterns = {
      datePatterns: language.datePatterns.map((source) => new RegExp(source, 'giu')),
      entityPattern: phrases.length ? new RegExp(`(?<![\\p{L}])(${phrases.map(([p]) => escapeRegExp(p)).join('|')})(?![\\p{L}])`, 'gu') : undefined,
      keyOf: new Map(phrases.map(([phrase, key]) => [phrase, key])),
    };
    inlinePatterns.set(language, patterns);
  }
  return patterns;
}

function markDatesAndEntities(document: ResolutionDocument): void {
  const language = document.language;
  const { datePatterns, entityPattern, keyOf } = patternsFor(language);

  const runs = runsOf(document);
  const notes = notesOf(runs, document);
  // The masthead, preface and formula get their own markup (docDate, docTitle...) from the serializer.
  const preface = new Set<Inline[]>([...document.masthead, ...document.preface.adoption, document.preface.title]);
  if (document.preface.sponsors) preface.add(document.preface.sponsors);
  if (document.formula) preface.add(document.formula);
  const all = [...runs.filter((run) => !preface.has(run)), ...notes.flatMap((n) => n.body)];
  const matches = new Map<TextLeaf, Match[]>();
  for (const run of all) {
    for (const leaf of leavesOf(run)) {
      const found: Match[] = [];
      for (const pattern of datePatterns) {
        pattern.lastIndex = 0;
        for (const m of leaf.text.matchAll(pattern)) {
          const iso = dateIn(m[0], language);
          if (!iso || Number.isNaN(Date.parse(iso)) || new Date(iso).toISOString().slice(0, 10) !== iso) continue;
          found.push({ start: m.index, end: m.index + m[0].length, make: (children) => ({ type: 'date', date: iso, children }) });
        }
      }
      if (entityPattern) {
        for (const m of leaf.text.matchAll(entityPattern)) {
          const key = keyOf.get(m[1]!)!;
          const definition = entities[key]!;
          if (found.some((f) => m.index < f.end && m.index + m[0].length > f.start)) continue;
          found.push({ start: m.index, end: m.index + m[0].length, make: (children) => ({ type: 'entity', element: definition.element, key, children }) });
        }
      }
      if (found.length) matches.set(leaf, found);
    }
  }
  for (const run of all) applyMatches(run, matches);
}

export function markInline(context: BuildContext): void {
  const document = context.document!;
  const unattached = attachLinks(document, context.repaired?.links ?? [], context.report);
  document.unattachedLinks = unattached.map((l) => l.url);
  markDatesAndEntities(document);
}

export const inlineStage: Stage = { name: 'inline', run: markInline };
