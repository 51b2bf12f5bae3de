// From segments to the document model: recitals, operative paragraphs with their lists, sections, the
// annexes, a text adopted inline or proclaimed with articles, and the closing lines.
import type { Annex, EmbeddedText, Footnote, Inline, ListItem, OperativeParagraph, Recital, Section } from '../model.js';
import { CITATION_PATTERN, citationIndex, type RepairedText, type TextLine } from '../repair.js';
import { warn, type Report } from '../report.js';
import { openingPhrase, type Lexicon } from './lexicon.js';
import { nestHeadings } from './levels.js';
import { linesOf, type Segment } from './rules.js';

/** Builds inline content from lines: joins them with their glue and turns citation characters into note references. */
export function inlinesOf(lines: readonly TextLine[], footnotes: readonly Footnote[], citations: RepairedText['citations']): Inline[] {
  const out: Inline[] = [];
  for (const [i, line] of lines.entries()) {
    const glue = i < lines.length - 1 ? line.glue : '';
    const text = line.text + glue;
    let last = 0;
    for (const match of text.matchAll(CITATION_PATTERN)) {
      if (match.index > last) out.push({ type: 'text', text: text.slice(last, match.index), origin: { line: line.line, page: line.page } });
      const citation = citations[citationIndex(match[0])];
      const note = citation && footnotes[citation.note];
      if (note) out.push({ type: 'noteRef', note, origin: { line: citation.line, page: citation.page } });
      last = match.index + match[0].length;
    }
    if (last < text.length) out.push({ type: 'text', text: text.slice(last), origin: { line: line.line, page: line.page } });
  }
  // Merge adjacent text leaves of the same page so later stages see whole phrases.
  const merged: Inline[] = [];
  for (const node of out) {
    const previous = merged.at(-1);
    if (node.type === 'text' && previous?.type === 'text' && previous.origin.page === node.origin.page) {
      previous.text += node.text;
    } else merged.push(node);
  }
  return merged;
}

/** Removes `count` characters of visible text from the start of an inline run (to take out a number or phrase). */
export function dropLeading(inlines: Inline[], count: number): Inline[] {
  const out = [...inlines];
  let remaining = count;
  while (remaining > 0 && out.length > 0) {
    const first = out[0]!;
    if (first.type !== 'text') break;
    if (first.text.length <= remaining) {
      remaining -= first.text.length;
      out.shift();
    } else {
      out[0] = { ...first, text: first.text.slice(remaining) };
      remaining = 0;
    }
  }
  const head = out[0];
  if (head?.type === 'text') out[0] = { ...head, text: head.text.replace(/^\s+/, '') };
  return out.filter((n) => n.type !== 'text' || n.text.length > 0);
}

export function trimInlines(inlines: Inline[]): Inline[] {
  const out = [...inlines];
  const head = out[0];
  if (head?.type === 'text') out[0] = { ...head, text: head.text.replace(/^\s+/, '') };
  const tail = out.at(-1);
  if (tail?.type === 'text') out[out.length - 1] = { ...tail, text: tail.text.replace(/\s+$/, '') };
  return out.filter((n) => n.type !== 'text' || n.text.length > 0);
}

export interface Body {
  recitals: Recital[];
  operative: Array<OperativeParagraph | Section>;
  embedded?: EmbeddedText;
  annexes: Annex[];
  conclusions: TextLine[];
}

type Inlines = (lines: readonly TextLine[]) => Inline[];

export function buildBody(segments: readonly Segment[], lexicon: Lexicon, report: Report, inlines: Inlines): Body {
  const body: Body = { recitals: [], operative: [], annexes: [], conclusions: [] };
  let target: { recitals: Recital[]; paragraphs: Array<OperativeParagraph | Section> } = { recitals: body.recitals, paragraphs: body.operative };
  let section: Section | undefined;
  /** The block whose list items follow, and the last item at each level of its list. */
  let owner: { items: ListItem[] } | undefined;
  let lastAt: ListItem[] = [];
  let pendingHeading: Inline[] | undefined;
  const originOf = (l: TextLine) => ({ line: l.line, page: l.page });
  const addParagraph = (paragraph: OperativeParagraph) => {
    (section ? section.children : target.paragraphs).push(paragraph);
    owner = paragraph;
    lastAt = [];
  };

  for (const segment of segments) {
    const lines = linesOf(segment);
    const first = lines[0]!;
    if (pendingHeading && segment.kind !== 'recital') {
      // No recital followed the heading: its words stay, as a paragraph of the preamble.
      warn(report, 'heading-without-recital', 'a heading between recitals is followed by no recital; kept as a preambular paragraph', first.line);
      target.recitals.push({ key: 'preambularParagraph', phrase: '', text: pendingHeading, items: [], origin: originOf(first) });
      pendingHeading = undefined;
    }
    switch (segment.kind) {
      case 'recital': {
        const text = dropLeading(inlines(lines), segment.phrase.length);
        const recital: Recital = { key: segment.key, phrase: segment.phrase, text: trimInlines(text), items: [], origin: originOf(first) };
        if (pendingHeading) recital.heading = pendingHeading;
        pendingHeading = undefined;
        // Inside a section of the operative part (a part's preamble, a budget section's clauses).
        if (section && target.paragraphs === body.operative) (section.recitals ??= []).push(recital);
        else target.recitals.push(recital);
        owner = recital;
        lastAt = [];
        break;
      }
      case 'recitalHeading':
        pendingHeading = trimInlines(inlines(lines));
        break;
      case 'operative': {
        if (segment.resolutionOwn && target.paragraphs !== body.operative && body.annexes.length === 0) {
          // The resolution's numbering resumes after a text it adopted inline.
          target = { recitals: body.recitals, paragraphs: body.operative };
          section = undefined;
        }
        const all = inlines(lines);
        const numberText = first.text.slice(0, first.text.indexOf(segment.num) + segment.num.length);
        const text = trimInlines(dropLeading(all, numberText.length));
        const leading = text[0]?.type === 'text' ? text[0].text : '';
        // The resolution's own paragraphs open with an operative verb (italic); an annex's or an adopted
        // text's numbered paragraphs are plain text unless they use the table's phrases.
        const phrase = openingPhrase(leading, lexicon.operative);
        const verb = phrase?.phrase ?? (segment.resolutionOwn ? leading.match(/^\p{Lu}[\p{Ll}’-]*/u)?.[0] : undefined);
        addParagraph({
          kind: 'paragraph',
          num: segment.num,
          phrase: verb,
          key: phrase?.key,
          text: verb ? dropLeading(text, verb.length) : text,
          items: [],
          origin: originOf(first),
        });
        break;
      }
      case 'item': {
        if (!owner) {
          warn(report, 'orphan-item', `item ${segment.enumerator.num} has no paragraph to belong to; kept as a paragraph`, first.line);
          addParagraph({ kind: 'paragraph', text: trimInlines(inlines(lines)), items: [], origin: originOf(first) });
          break;
        }
        const e = segment.enumerator;
        const item: ListItem = { num: e.num, text: trimInlines(dropLeading(inlines(lines), first.text.indexOf(e.num) + e.num.length)), items: [], origin: originOf(first) };
        const level = Math.min(segment.level, lastAt.length);
        const parent = level === 0 ? owner.items : lastAt[level - 1]!.items;
        parent.push(item);
        lastAt = [...lastAt.slice(0, level), item];
        break;
      }
      case 'heading': {
        // "II. Financing": the numeral is the section's <num>, the rest its heading.
        const numbered = segment.num ? segment.lexemes[0]!.section : undefined;
        const printedNum = numbered && first.text.includes(numbered.num) ? numbered.num : undefined;
        const heading = trimInlines(printedNum ? dropLeading(inlines(lines), first.text.indexOf(printedNum) + printedNum.length) : inlines(lines));
        const next: Section = { kind: 'section', num: printedNum, numbering: printedNum ? numbered!.numbering : undefined, heading, children: [], origin: originOf(first) };
        if (segment.sub && section && section.children.length === 0) section.children.push(next);
        else target.paragraphs.push(next);
        section = next;
        owner = undefined;
        break;
      }
      case 'annex': {
        const [headingLine, ...titleLines] = lines;
        const annex: Annex = { heading: headingLine!.text.trim(), num: segment.num, title: trimInlines(inlines(titleLines)), preamble: [], body: [], origin: originOf(first) };
        body.annexes.push(annex);
        target = { recitals: annex.preamble, paragraphs: annex.body };
        section = undefined;
        owner = undefined;
        break;
      }
      case 'adoptedText': {
        const host = owner && 'kind' in owner && owner.kind === 'paragraph' ? (owner as OperativeParagraph) : undefined;
        body.embedded = { host, title: trimInlines(inlines(lines)), preamble: [], body: [] };
        target = { recitals: body.embedded.preamble, paragraphs: body.embedded.body };
        section = undefined;
        owner = undefined;
        break;
      }
      case 'article': {
        // An annexed text's articles stay in its annex (an empty embedded text would be an empty, invalid
        // embeddedStructure).
        if (body.annexes.length === 0) {
          body.embedded ??= { title: [], preamble: [], body: [] };
          target = { recitals: body.embedded.preamble, paragraphs: body.embedded.body };
        }
        section = { kind: 'section', num: segment.num, heading: trimInlines(inlines(lines)), children: [], origin: originOf(first), article: true };
        target.paragraphs.push(section);
        owner = undefined;
        break;
      }
      case 'partFormula': {
        if (!section) {
          // No heading names the part: the formula opens an unnamed section of its own.
          section = { kind: 'section', heading: [], children: [], origin: originOf(first) };
          target.paragraphs.push(section);
        }
        section.formula = trimInlines(inlines(lines));
        owner = undefined;
        break;
      }
      case 'preambleHeading': {
        // The heading of the preamble of the text being read (an annex, a text adopted inline).
        const heading = trimInlines(inlines(lines));
        const annex = body.annexes.at(-1);
        if (annex && target.recitals === annex.preamble && !annex.preambleHeading) annex.preambleHeading = heading;
        else if (body.embedded && target.recitals === body.embedded.preamble && !body.embedded.preambleHeading) body.embedded.preambleHeading = heading;
        else addParagraph({ kind: 'paragraph', text: heading, items: [], origin: originOf(first) });
        owner = undefined;
        break;
      }
      case 'conclusion':
        body.conclusions.push(...lines);
        break;
      case 'text': {
        if (body.embedded && target.recitals === body.embedded.preamble && !section && target.paragraphs.length === 0) {
          // The intro of an adopted text ("We, Heads of State …,") belongs to its preamble, in print order.
          const intro: Recital = { key: 'preambularParagraph', phrase: '', text: trimInlines(inlines(lines)), items: [], origin: originOf(first) };
          target.recitals.push(intro);
          owner = intro;
          lastAt = [];
          break;
        }
        const paragraph: OperativeParagraph = { kind: 'paragraph', text: trimInlines(inlines(lines)), items: [], origin: originOf(first) };
        if (target.paragraphs === body.operative && !section && body.operative.length === 0 && body.recitals.length > 0) {
          // A single unnumbered operative paragraph ("Proclaims this Universal Declaration…").
          const leading = paragraph.text[0]?.type === 'text' ? paragraph.text[0].text : '';
          const phrase = openingPhrase(leading, lexicon.operative);
          if (phrase) {
            paragraph.phrase = phrase.phrase;
            paragraph.key = phrase.key;
            paragraph.text = dropLeading(paragraph.text, phrase.phrase.length);
          }
        }
        addParagraph(paragraph);
        break;
      }
    }
  }
  // Headings printed one after another nest by their numbering (profile §3.3): "A." inside "I.".
  body.operative = nestHeadings(body.operative, report);
  for (const annex of body.annexes) annex.body = nestHeadings(annex.body, report);
  if (pendingHeading) {
    warn(report, 'heading-without-recital', 'a heading between recitals is followed by no recital; kept as a preambular paragraph');
    target.recitals.push({ key: 'preambularParagraph', phrase: '', text: pendingHeading, items: [], origin: { line: 0, page: 1 } });
  }
  return body;
}
