// The akn stage (see stages.ts for the order). Write the document model as AKN 3.0 XML per the AKN4UN profile.
// Reads: context.document, context.file, context.options.   Writes: context.xml.
// Element order follows the XSD (meta blocks, FRBR levels); eIds follow the naming convention (§3.5):
// context prefix, NC abbreviations, numbers from <num> (Latin letters/roman numerals from the position
// when the printed enumerator is not Latin, so fragments match across languages).
import { basename } from 'node:path';
import type { BuildContext, Stage } from './context.js';
import { entities } from './lang/entities.js';
import { languages } from './lang/index.js';
import { frbrIris, fullDate } from './metadata.js';
import type { Annex, Footnote, Inline, ListItem, OperativeParagraph, Recital, ResolutionDocument, Section } from './model.js';
import { CITATION_PATTERN } from './repair.js';
import { dateIn, dropLeading } from './structure.js';
import { warn } from './report.js';
import { asUri } from './uri.js';

export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';
/** Namespace of akn-press's own proprietary metadata. */
export const AKP_NAMESPACE = 'https://akn-press.org/ns/proprietary/1.0';
export const CONVERTER = 'akn-press';

// ---------------------------------------------------------------------------------------------
// A small XML tree: block elements are indented, mixed content is written on one line.

interface XmlElement {
  name: string;
  attrs: Array<[string, string | undefined]>;
  children: XmlNode[];
}
type XmlNode = XmlElement | string;

function el(name: string, attrs: Record<string, string | number | undefined> = {}, children: XmlNode[] = []): XmlElement {
  return { name, attrs: Object.entries(attrs).map(([k, v]) => [k, v === undefined ? undefined : String(v)]), children };
}

// Characters XML 1.0 forbids are removed by the decode stage; here we only escape.
const escapeText = (text: string) => text.replace(CITATION_PATTERN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (text: string) => escapeText(text).replace(/"/g, '&quot;');

/**
 * Block elements are indented; an element with text among its children (mixed content) is written on
 * one line, since whitespace there would be text (`depth` undefined).
 */
function serialize(node: XmlNode, depth: number | undefined, out: string[]): void {
  if (typeof node === 'string') {
    out.push(escapeText(node));
    return;
  }
  const attrs = node.attrs.filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${escapeAttr(v!)}"`).join('');
  if (node.children.length === 0) {
    out.push(`<${node.name}${attrs}/>`);
    return;
  }
  out.push(`<${node.name}${attrs}>`);
  const mixed = depth === undefined || node.children.some((c) => typeof c === 'string') || INLINE_CONTAINERS.has(node.name);
  for (const child of node.children) {
    if (!mixed) out.push('\n' + '  '.repeat(depth + 1));
    serialize(child, mixed ? undefined : depth + 1, out);
  }
  if (!mixed) out.push('\n' + '  '.repeat(depth));
  out.push(`</${node.name}>`);
}

const INLINE_CONTAINERS = new Set(['p', 'block', 'num', 'heading', 'listIntroduction', 'docTitle', 'i', 'sup', 'ref', 'date', 'docDate']);


function attr(element: XmlElement, name: string): string | undefined {
  return element.attrs.find(([k]) => k === name)?.[1];
}

// ---------------------------------------------------------------------------------------------
// eIds

/**
 * The last word on eIds: the XSD wants them unique in the whole statement. A text that prints a
 * number twice (two "Article 1", a paragraph numbered like its neighbour) would give two equal eIds;
 * the later one, and every eId under it, gets a suffix ("para_2-2"). Deterministic, and reported.
 */
function makeEidsUnique(roots: XmlElement[], report: { warn(message: string): void }): void {
  const seen = new Set<string>();
  const visit = (element: XmlElement, renamed: Array<[string, string]>) => {
    let local = renamed;
    const eId = attr(element, 'eId');
    if (eId !== undefined) {
      let value = eId;
      for (const [from, to] of renamed) if (value.startsWith(`${from}__`)) value = `${to}${value.slice(from.length)}`;
      if (seen.has(value)) {
        let n = 2;
        while (seen.has(`${value}-${n}`)) n++;
        report.warn(`eId ${value} would repeat (a number printed twice?); the later one is ${value}-${n}`);
        local = [...renamed, [value, `${value}-${n}`]];
        value = `${value}-${n}`;
      } else if (value !== eId) {
        local = [...renamed, [eId, value]];
      }
      seen.add(value);
      element.attrs = element.attrs.map(([k, v]) => [k, k === 'eId' ? value : v]);
    }
    for (const child of element.children) if (typeof child !== 'string') visit(child, local);
  };
  for (const root of roots) visit(root, []);
}

class EidScope {
  private counters = new Map<string, number>();
  constructor(readonly prefix: string) {}
  /** `{prefix}__{ref}_{n}` with n counted per ref in this scope. */
  next(ref: string): string {
    const n = (this.counters.get(ref) ?? 0) + 1;
    this.counters.set(ref, n);
    return this.join(`${ref}_${n}`);
  }
  join(local: string): string {
    return this.prefix ? `${this.prefix}__${local}` : local;
  }
}

/**
 * eId number from a printed enumerator: "(a)" → "a", "1." → "1", "1 -" (Arabic style) → "1", "11.2 Rev. A" →
 * "11-2RevA" (profile §3.5). A letter of another script ("б)", "(ب)") takes the Latin letter of its place, so
 * paragraph and point N have the same eId in every language version.
 */
function eidNumber(num: string | undefined, position: number, kind: 'letter' | 'roman' | 'number'): string {
  const cleaned = (num ?? '').replace(/[()[\]\s]/g, '').replace(/[.:;,)\-–]+$/, '').replace(/\./g, '-');
  if (/^[A-Za-z0-9-]+$/.test(cleaned) && cleaned !== '') return cleaned;
  if (kind === 'letter') return position <= 26 ? String.fromCharCode(96 + position) : `${String.fromCharCode(96 + Math.floor((position - 1) / 26))}${String.fromCharCode(97 + ((position - 1) % 26))}`;
  if (kind === 'roman') return toRoman(position).toLowerCase();
  return String(position);
}

function toRoman(n: number): string {
  const table: Array<[number, string]> = [[100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [value, letters] of table) while (n >= value) { out += letters; n -= value; }
  return out;
}

// ---------------------------------------------------------------------------------------------

interface Writer {
  document: ResolutionDocument;
  /** TLC keys mentioned (organizations, roles, concepts, events). */
  organizations: Set<string>;
  roles: Set<string>;
  concepts: Map<string, string>;
  events: Map<string, { href: string; showAs: string }>;
  /** eId of each ref → its undocs URL, for alternativeReference. */
  /** Each ref with an undocs URL, and the URL (the ref's eId is read once eIds are final). */
  alternatives: Array<[XmlElement, string]>;
}

function inlineNodes(inlines: readonly Inline[], scope: EidScope, writer: Writer): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of inlines) {
    switch (node.type) {
      case 'text':
        out.push(node.text);
        break;
      case 'noteRef':
        out.push(el('sup', {}, [authorialNote(node.note, scope, writer)]));
        break;
      case 'i':
        out.push(el('i', {}, inlineNodes(node.children, scope, writer)));
        break;
      case 'ref': {
        const eId = scope.next('ref');
        const ref = el('ref', { eId, href: asUri(node.href) }, inlineNodes(node.children, scope, writer));
        if (node.undocs) writer.alternatives.push([ref, asUri(node.undocs)]);
        out.push(ref);
        break;
      }
      case 'date':
        out.push(el('date', { date: node.date }, inlineNodes(node.children, scope, writer)));
        break;
      case 'entity': {
        const definition = entities[node.key]!;
        (definition.element === 'role' ? writer.roles : writer.organizations).add(node.key);
        out.push(el(node.element, { refersTo: `#${node.key}` }, inlineNodes(node.children, scope, writer)));
        break;
      }
      case 'doc':
        out.push(el(node.element, node.attrs ?? {}, inlineNodes(node.children, scope, writer)));
        break;
      case 'inline':
        out.push(el('inline', { name: node.name, refersTo: node.refersTo }, inlineNodes(node.children, scope, writer)));
        break;
    }
  }
  return out;
}

function authorialNote(note: Footnote, scope: EidScope, writer: Writer): XmlElement {
  const eId = scope.next('authorialNote');
  const inner = new EidScope(eId);
  const blocks = note.body.length ? note.body : [[]];
  return el('authorialNote', { eId, marker: note.marker, placement: 'bottom' }, blocks.map((block) => el('p', {}, inlineNodes(block, inner, writer))));
}

/** `<p>` with the opening phrase in italics. */
function phraseParagraph(phrase: string | undefined, text: Inline[], scope: EidScope, writer: Writer): XmlElement {
  const rest = inlineNodes(text, scope, writer);
  if (!phrase) return el('p', {}, rest);
  const first = rest[0];
  // Chinese writes no space after the phrase ("鉴于…", "发布…"): none is added where none was printed.
  const separator = (typeof first === 'string' && /^[\s,،，:]/u.test(first)) || /\p{Script=Han}$/u.test(phrase) ? '' : ' ';
  return el('p', {}, [el('i', {}, [phrase]), ...(rest.length && separator ? [separator] : []), ...rest]);
}

function listItems(items: ListItem[], listEid: string, writer: Writer, element: 'point' | 'item'): XmlElement[] {
  const letterFirst = /^\(?\p{Ll}|^\(?\p{Lo}/u.test(items[0]?.num ?? '(a)') && !/^\(?i\)/.test(items[0]?.num ?? '');
  // Bullets and unnumbered items have no number to take: an implicit count (profile §3.5), `point_1`.
  const counted = items[0]?.num !== undefined && !/[\p{L}\p{N}]/u.test(items[0].num);
  const kind = counted || /^\(?\d/.test(items[0]?.num ?? '') ? 'number' : letterFirst ? 'letter' : 'roman';
  return items.map((item, index) => {
    const eId = `${listEid}__${element}_${eidNumber(item.num, index + 1, kind)}`;
    const scope = new EidScope(eId);
    const children: XmlElement[] = [];
    if (item.num) children.push(el('num', {}, [item.num]));
    if (element === 'item') {
      children.push(el('p', {}, inlineNodes(item.text, scope, writer)));
      if (item.items.length) children.push(el('blockList', { eId: `${eId}__list_1` }, listItems(item.items, `${eId}__list_1`, writer, 'item')));
      return el('item', { eId }, children);
    }
    if (item.items.length) {
      const sublist = `${eId}__list_1`;
      const intro = el('intro', { eId: `${sublist}__intro` }, [el('p', {}, inlineNodes(item.text, new EidScope(`${sublist}__intro`), writer))]);
      children.push(el('list', { eId: sublist }, [intro, ...listItems(item.items, sublist, writer, 'point')]));
    } else {
      children.push(el('content', { eId: `${eId}__content` }, [el('p', {}, inlineNodes(item.text, scope, writer))]));
    }
    return el('point', { eId }, children);
  });
}

function recitalContainer(recital: Recital, eId: string, writer: Writer): XmlElement {
  writer.concepts.set(recital.key, recital.key);
  const scope = new EidScope(eId);
  const attrs = { name: recital.key, refersTo: `#${recital.key}`, eId };
  if (recital.items.length === 0) return el('container', attrs, [phraseParagraph(recital.phrase, recital.text, scope, writer)]);
  const listEid = `${eId}__list_1`;
  const intro = phraseParagraph(recital.phrase, recital.text, new EidScope(`${listEid}__intro`), writer);
  return el('container', attrs, [
    el('blockList', { eId: listEid }, [el('listIntroduction', { eId: `${listEid}__intro` }, intro.children), ...listItems(recital.items, listEid, writer, 'item')]),
  ]);
}

function operativeParagraph(paragraph: OperativeParagraph, eId: string, writer: Writer): XmlElement {
  const scope = new EidScope(eId);
  const children: XmlNode[] = [];
  if (paragraph.num) children.push(el('num', {}, [paragraph.num]));
  const main = phraseParagraph(paragraph.phrase, paragraph.text, scope, writer);
  if (paragraph.items.length === 0) {
    children.push(el('content', { eId: `${eId}__content` }, [main]));
  } else {
    const listEid = `${eId}__list_1`;
    const intro = el('intro', { eId: `${listEid}__intro` }, [phraseParagraph(paragraph.phrase, paragraph.text, new EidScope(`${listEid}__intro`), writer)]);
    children.push(el('list', { eId: listEid }, [intro, ...listItems(paragraph.items, listEid, writer, 'point')]));
  }
  return el('paragraph', { eId }, children);
}

function hierarchy(nodes: Array<OperativeParagraph | Section>, prefix: string, writer: Writer, sectionElement: 'section' | 'article', nested = false): XmlElement[] {
  const scope = new EidScope(prefix);
  let unnumbered = 0;
  const levels = { article: 0, section: 0, title: 0, division: 0 };
  return nodes.map((node) => {
    if (node.kind === 'paragraph') {
      unnumbered++;
      const number = node.num ? eidNumber(node.num, unnumbered, 'number') : String(unnumbered);
      return operativeParagraph(node, scope.join(`para_${number}`), writer);
    }
    // The level a heading opens (profile §3.3): a roman numeral or a part of the resolution ("B", with its own
    // formula) a `section`, a capital letter a `title` ("A. Reports"), an unnumbered heading a `division`
    // ("Reports"); articles stay articles. A letter inside another heading is a title even with clauses of
    // its own (crossHeadings): only a formula makes it a part.
    const part = node.formula !== undefined || (!nested && (node.recitals?.length ?? 0) > 0);
    const asArticle = sectionElement === 'article' || node.article === true;
    const letter = node.numbering ? node.numbering.series === 'letter' : node.num !== undefined && /^[A-H]\.$/.test(node.num.trim());
    const element = asArticle ? 'article' : !node.num ? 'division' : letter && !part ? 'title' : 'section';
    const ref = { article: 'art', section: 'sec', title: 'title', division: 'dvs' }[element];
    const counted = ++levels[element];
    // Articles are numbered by position when printed in words ("Article premier", "第一条").
    // A number printed in words of another script ("ثانيا -", "باء -") takes the roman numeral or letter of its
    // place, so section II and title B have the same eId in every language version.
    const numbering = node.numbering;
    const latin = numbering ? (numbering.series === 'roman' ? toRoman(numbering.ordinal) : String.fromCharCode(64 + numbering.ordinal)) : undefined;
    const printed = node.num ? (latin && !/^[\sA-Za-z0-9.()-]+$/.test(node.num) ? latin : eidNumber(node.num, counted, 'number')) : String(counted);
    const eId = scope.join(`${ref}_${asArticle && !/^\d+$/.test(printed) ? counted : printed}`);
    const headingScope = new EidScope(eId);
    const headingNodes = inlineNodes(node.heading, headingScope, writer);
    // A preamble printed inside the section (part B's formula and recitals, a budget section's clauses):
    // crossHeadings that refer to #preamble (profile §3.2).
    const preambleLines = [...(node.formula ? [{ phrase: undefined, text: node.formula }] : []), ...(node.recitals ?? []).map((r) => ({ phrase: r.phrase, text: [...r.text, ...r.items.flatMap(itemInlines)] }))];
    if (preambleLines.length) writer.concepts.set('preamble', 'preamble');
    const crossHeadings = preambleLines.map((line, k) => {
      const crossEid = `${eId}__crossHeading_${k + 1}`;
      return el('crossHeading', { eId: crossEid, refersTo: '#preamble' }, phraseParagraph(line.phrase, line.text, new EidScope(crossEid), writer).children);
    });
    const children = [...crossHeadings, ...hierarchy(node.children, eId, writer, 'section', true)];
    const numbered = !asArticle && node.num ? [el('num', {}, [node.num])] : [];
    if (children.length === 0) {
      // An article or section with no paragraph of its own still needs a content model: its text is the heading.
      return el(element, { eId }, [...numbered, el('heading', {}, headingNodes), el('content', { eId: `${eId}__content` }, [el('p', {}, [])])]);
    }
    return el(element, { eId }, [...numbered, el('heading', {}, headingNodes), ...children]);
  });
}

/** A list item of a clause printed as one line of text (a crossHeading holds inline content only). */
function itemInlines(item: ListItem): Inline[] {
  const origin = item.origin;
  return [{ type: 'text', text: ` ${item.num ?? ''} `, origin }, ...item.text, ...item.items.flatMap(itemInlines)];
}

// ---------------------------------------------------------------------------------------------

function textOfInlines(inlines: readonly Inline[]): string {
  return inlines.map((n) => (n.type === 'text' ? n.text : n.type === 'noteRef' ? '' : 'children' in n ? textOfInlines(n.children) : '')).join('');
}

function coverPage(document: ResolutionDocument, writer: Writer): XmlElement | undefined {
  if (document.masthead.length === 0) return undefined;
  const eId = 'coverPage__container_1';
  const scope = new EidScope(eId);
  const meta = document.meta;
  const language = document.language;
  const authorities = [...language.organizations].sort((a, b) => b[0].length - a[0].length);
  const session = new RegExp(language.sessionPattern, 'iu');
  const agenda = new RegExp(language.agendaItemPattern, 'iu');
  const authority = (text: string): XmlNode[] => {
    const found = authorities.find(([phrase]) => phrase === text);
    if (!found) return [text];
    writer.organizations.add(found[1]);
    return [el('docAuthority', { refersTo: `#${found[1]}` }, [text])];
  };
  const lines = document.masthead.map((line) => {
    const text = textOfInlines(line).trim();
    // Notes cited in the masthead ("A/72/L.10*", "Agenda item 68*") keep their place at the line's end.
    const notes = line.filter((n) => n.type === 'noteRef').flatMap((n) => inlineNodes([n], scope, writer));
    let content: XmlNode[];
    if (meta.symbol && text.endsWith(meta.symbol)) {
      writer.concepts.set('symbol', 'documentSymbol');
      const before = text.slice(0, text.length - meta.symbol.length).trim();
      content = [...(before ? [...authority(before), ' '] : []), el('docNumber', { refersTo: '#symbol' }, [meta.symbol])];
    } else if ((dateIn(text, language) ?? dateIn(text, languages.en)) && text.length < 40) {
      // Every language version prints the masthead date in English.
      writer.concepts.set('publicationDate', 'publicationDate');
      content = [el('docDate', { date: (dateIn(text, language) ?? dateIn(text, languages.en))!, refersTo: '#publicationDate' }, [text])];
    } else if (/^Distr/u.test(text)) {
      content = [el('inline', { name: 'distribution' }, [text])];
    } else if (/^(?:Original|Orig\.)\s*:/u.test(text)) {
      content = [el('inline', { name: 'originalLanguage' }, [text])];
    } else if (session.test(text)) {
      content = [el('session', { value: meta.session }, [text])];
    } else if (agenda.test(text)) {
      content = [el('inline', { name: 'agendaItem' }, [text])];
    } else {
      const whole = authority(text);
      content = typeof whole[0] === 'string' ? inlineNodes(line.filter((n) => n.type !== 'noteRef'), scope, writer) : whole;
    }
    return el('p', {}, [...content, ...notes]);
  });
  return el('coverPage', {}, [el('container', { name: 'masthead', eId }, lines)]);
}

function preface(document: ResolutionDocument, writer: Writer): XmlElement | undefined {
  const containers: XmlElement[] = [];
  const meta = document.meta;
  const scope = new EidScope('preface');
  const unplaced = [...document.unplacedNotes];
  const noteAfter = (nodes: XmlNode[], containerScope: EidScope) => {
    const star = unplaced.findIndex((n) => n.marker.startsWith('*'));
    if (star < 0) return nodes;
    const [note] = unplaced.splice(star, 1);
    return [...nodes, el('sup', {}, [authorialNote(note!, containerScope, writer)])];
  };
  if (document.preface.adoption.length) {
    const eId = scope.next('container');
    const inner = new EidScope(eId);
    containers.push(el('container', { name: 'adoption', eId }, document.preface.adoption.map((line) => el('p', {}, inlineNodes(line, inner, writer)))));
  }
  // Sponsors: as printed, or (drafts whose extraction lost the line) from the sidecar, so the `*` note has its place.
  if (document.preface.sponsors || meta.sponsors.length) {
    const eId = scope.next('container');
    const inner = new EidScope(eId);
    const draftWord = document.language.draftWords[0] ?? 'draft resolution';
    let nodes: XmlNode[];
    if (document.preface.sponsors) {
      // The printed line: each sponsor a docProponent, "draft resolution" the docType.
      const marked = markPhrases(document.preface.sponsors, [
        ...meta.sponsors.map((s) => ({ text: s.name, element: 'docProponent' as const })),
        ...document.language.draftWords.map((w) => ({ text: w, element: 'docType' as const })),
      ]);
      nodes = inlineNodes(marked, inner, writer);
    } else {
      nodes = [];
      meta.sponsors.forEach((sponsor, i) => {
        if (i > 0) nodes.push(', ');
        nodes.push(el('docProponent', {}, [sponsor.name]));
      });
      nodes = noteAfter(nodes, inner);
      nodes.push(document.language.code === 'fr' ? '\u00A0: ' : ': ', el('docType', {}, [draftWord]));
    }
    containers.push(el('container', { name: 'sponsors', eId }, [el('p', {}, nodes)]));
  }
  const titleText = document.preface.title;
  if (titleText.length || meta.title) {
    const eId = scope.next('container');
    const inner = new EidScope(eId);
    const nodes: XmlNode[] = [];
    const printed = textOfInlines(titleText);
    const number = /^(\d{1,3}\/\d{1,4}(?:\s?[A-Z])?)(?:\.|\s?[-–])\s*/u.exec(printed);
    let titleInlines = titleText;
    if (number) {
      // The separator as printed: ". " (most languages) or " - " (Arabic).
      nodes.push(el('docNumber', {}, [number[1]!]), number[0].slice(number[1]!.length).replace(/\s+$/u, ' '));
      titleInlines = dropLeading(titleText, number[0].length);
    }
    const title = titleInlines.length ? inlineNodes(titleInlines, inner, writer) : [meta.title ?? ''];
    nodes.push(el('docTitle', {}, title));
    containers.push(el('container', { name: 'title', eId }, [el('p', {}, noteAfter(nodes, inner))]));
  }
  if (unplaced.length) {
    // Notes with no place of their own go after the title, in order (profile §4).
    const last = containers.at(-1);
    const p = last?.children[0] as XmlElement | undefined;
    const titleScope = last ? new EidScope(attr(last, 'eId')!) : undefined;
    if (p && titleScope) for (const note of unplaced) p.children.push(el('sup', {}, [authorialNote(note, titleScope, writer)]));
  }
  return containers.length ? el('preface', {}, containers) : undefined;
}

/** Wraps the first occurrence of each phrase found in a text leaf in the given doc element. */
function markPhrases(inlines: Inline[], phrases: Array<{ text: string; element: 'docProponent' | 'docType' }>): Inline[] {
  let out = inlines;
  for (const { text, element } of phrases) {
    if (!text) continue;
    const next: Inline[] = [];
    let done = false;
    for (const node of out) {
      const at = !done && node.type === 'text' ? node.text.toLowerCase().indexOf(text.toLowerCase()) : -1;
      if (at < 0 || node.type !== 'text') {
        next.push(node);
        continue;
      }
      done = true;
      if (at > 0) next.push({ ...node, text: node.text.slice(0, at) });
      next.push({ type: 'doc', element, children: [{ ...node, text: node.text.slice(at, at + text.length) }] });
      if (at + text.length < node.text.length) next.push({ ...node, text: node.text.slice(at + text.length) });
    }
    out = next;
  }
  return out;
}


function preamble(document: ResolutionDocument, writer: Writer): XmlElement | undefined {
  const children: XmlElement[] = [];
  const formula = document.formula ? el('formula', { name: 'enactingFormula', eId: 'preamble__formula_1' }, [formulaParagraph(document.formula)]) : undefined;
  // The formula stands where it is printed: first in resolutions, after the recitals in declarations.
  const formulaFirst = !document.formula || document.recitals.length === 0 || document.formula[0]!.type !== 'text' || document.recitals[0]!.origin.line >= (document.formula[0] as { origin: { line: number } }).origin.line;
  if (document.preambleHeading) children.push(preambleHeadingBlock(document.preambleHeading, 'preamble', writer));
  if (formula && formulaFirst) children.push(formula);
  document.recitals.forEach((recital, i) => {
    // A topical heading between recitals (Security Council preambles) stands before its recital.
    if (recital.heading) children.push(el('p', { class: 'crossHeading' }, inlineNodes(recital.heading, new EidScope('preamble'), writer)));
    children.push(recitalContainer(recital, `preamble__container_${i + 1}`, writer));
  });
  if (formula && !formulaFirst) children.push(formula);
  return children.length ? el('preamble', {}, children) : undefined;
}

/**
 * "Preamble" printed over a declaration's recitals: the heading of that part. `preamble` has no `heading`
 * child in the schema and a recital container takes blocks only, so it is a named block (AKN's `block`
 * with @name, as container/@name names the recitals; profile §3.2), valid in a preamble and in a container.
 */
function preambleHeadingBlock(heading: Inline[], context: string, writer: Writer): XmlElement {
  const eId = `${context}__block_1`;
  return el('block', { name: 'preambleHeading', eId }, inlineNodes(heading, new EidScope(eId), writer));
}

function formulaParagraph(formula: Inline[]): XmlElement {
  const text = textOfInlines(formula).trim();
  const match = /^(.*?)([,،，:]?)$/u.exec(text)!;
  return el('p', {}, [el('i', {}, [match[1]!]), ...(match[2] ? [match[2]] : [])]);
}

function mainBody(document: ResolutionDocument, writer: Writer): XmlElement {
  const children = hierarchy(document.operative, '', writer, 'section');
  if (document.embedded) {
    // The text hangs under the paragraph that adopts it; a proclaimed text's articles under the last one.
    // Without an operative paragraph to hold it, the text is held by a paragraph para_1 made for it; its
    // eIds take that context too, so article N has the same eId whichever way a language version was printed.
    const hostIndex = document.embedded.host ? document.operative.indexOf(document.embedded.host) : -1;
    const host = hostIndex >= 0 ? children[hostIndex] : children.at(-1);
    const embeddedScope = `${host ? host.attrs.find(([k]) => k === 'eId')![1] : 'para_1'}__embeddedStructure_1`;
    const structure = el('embeddedStructure', { eId: embeddedScope }, [
      // The title of a text adopted inline ("Political declaration of …").
      ...(document.embedded.title.length ? [el('p', { class: 'title' }, inlineNodes(document.embedded.title, new EidScope(embeddedScope), writer))] : []),
      ...(document.embedded.preamble.length || document.embedded.preambleHeading
        ? [
            el('container', { name: 'preamble', eId: `${embeddedScope}__container_1` }, [
              ...(document.embedded.preambleHeading ? [preambleHeadingBlock(document.embedded.preambleHeading, `${embeddedScope}__container_1`, writer)] : []),
              ...document.embedded.preamble.map((r) => phraseParagraph(r.phrase, r.text, new EidScope(embeddedScope), writer)),
            ]),
          ]
        : []),
      ...hierarchy(document.embedded.body, embeddedScope, writer, 'article'),
    ]);
    const holder = el('p', {}, [structure]);
    if (host) {
      const content = host.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'content');
      if (content) content.children.push(holder);
      else children.push(el('paragraph', { eId: 'para_embedded' }, [el('content', {}, [holder])]));
    } else {
      children.push(el('paragraph', { eId: 'para_1' }, [el('content', { eId: 'para_1__content' }, [holder])]));
    }
  }
  if (children.length === 0) {
    // mainBody is mandatory: a text with no operative part (an excerpt) says so in a named container.
    children.push(el('hcontainer', { name: 'noOperativePart', eId: 'hcontainer_1' }, [el('content', { eId: 'hcontainer_1__content' }, [el('p', {}, [])])]));
  }
  return el('mainBody', {}, children);
}

function conclusions(document: ResolutionDocument, writer: Writer): XmlElement | undefined {
  if (document.conclusions.length === 0) return undefined;
  const eId = 'conclusions__container_1';
  const scope = new EidScope(eId);
  const plenary = new RegExp(document.language.plenaryMeetingPattern, 'u');
  return el('conclusions', {}, [
    el(
      'container',
      { name: 'conclusion', eId },
      document.conclusions.map((line) => {
        const text = textOfInlines(line).trim();
        const meeting = plenary.exec(text);
        if (meeting?.groups?.['number']) {
          const key = `plenaryMeeting_${meeting.groups['number']}`;
          writer.events.set(key, { href: `/akn/ontology/event/un/${document.meta.body}.${document.meta.session ?? 'session'}.plenary.${meeting.groups['number']}`, showAs: text });
          return el('p', {}, [el('event', { refersTo: `#${key}` }, [text])]);
        }
        const date = dateIn(text, document.language);
        if (date && text.length < 40) {
          writer.concepts.set('adoptionDate', 'adoptionDate');
          return el('p', {}, [el('docDate', { date, refersTo: '#adoptionDate' }, [text])]);
        }
        return el('p', {}, inlineNodes(line, scope, writer));
      }),
    ),
  ]);
}

function annexAttachment(annex: Annex, index: number, document: ResolutionDocument, writer: Writer, iris: ReturnType<typeof frbrIris>, markupDate: string): XmlElement {
  const prefix = `att_${index}`;
  const component = `!annex_${index}`;
  const prefaceChildren: XmlElement[] = [el('p', {}, [el('docNumber', {}, [annex.heading])])];
  if (annex.title.length) prefaceChildren.push(el('p', {}, [el('docTitle', {}, inlineNodes(annex.title, new EidScope(`${prefix}__preface`), writer))]));
  const preambleChildren = annex.preamble.map((r, i) => recitalContainer(r, `${prefix}__preamble__container_${i + 1}`, writer));
  if (annex.preambleHeading) preambleChildren.unshift(preambleHeadingBlock(annex.preambleHeading, `${prefix}__preamble`, writer));
  const body = hierarchy(annex.body, prefix, writer, 'section');
  if (body.length === 0) body.push(el('paragraph', { eId: `${prefix}__para_1` }, [el('content', { eId: `${prefix}__para_1__content` }, [el('p', {}, [])])]));
  return el('attachment', { eId: prefix }, [
    el('doc', { name: 'annex' }, [
      el('meta', {}, [
        identification(document, iris, markupDate, component, { workTail: [el('FRBRname', { value: 'annex' })] }),
      ]),
      el('preface', {}, [el('container', { name: 'annexHeading', eId: `${prefix}__preface__container_1` }, prefaceChildren)]),
      ...(preambleChildren.length ? [el('preamble', {}, preambleChildren)] : []),
      el('mainBody', {}, body),
    ]),
  ]);
}

/**
 * The FRBR identification of the main document (component `!main`) or of an annex (`!annex_N`): the
 * Work, Expression and Manifestation IRIs of the naming convention (profile §2.1), with what only one
 * of them has passed in `extra`: aliases (before the date), subtype, number or name (after the country).
 */
function identification(
  document: ResolutionDocument,
  iris: ReturnType<typeof frbrIris>,
  markupDate: string,
  component: string,
  extra: { work?: XmlElement[]; workTail?: XmlElement[]; expression?: XmlElement[] },
): XmlElement {
  const meta = document.meta;
  const dateName = meta.kind === 'resolution' ? 'adoption' : meta.dateIsPartial ? 'adoptionMonth' : 'draft';
  const author = el('FRBRauthor', { href: `#${meta.body}`, as: '#author' });
  return el('identification', { source: `#${CONVERTER}` }, [
    el('FRBRWork', {}, [
      el('FRBRthis', { value: `${iris.work}/${component}` }),
      el('FRBRuri', { value: iris.work }),
      ...(extra.work ?? []),
      el('FRBRdate', { date: iris.workDate, name: dateName }),
      author,
      el('FRBRcountry', { value: 'un' }),
      ...(extra.workTail ?? []),
    ]),
    el('FRBRExpression', {}, [
      el('FRBRthis', { value: `${iris.expression}/${component}` }),
      el('FRBRuri', { value: iris.expression }),
      ...(extra.expression ?? []),
      el('FRBRdate', { date: iris.expressionDate, name: dateName }),
      el('FRBRauthor', { href: `#${meta.body}`, as: '#author' }),
      el('FRBRlanguage', { language: document.language.iso639_2 }),
    ]),
    el('FRBRManifestation', {}, [
      el('FRBRthis', { value: `${iris.expression}/${component}.xml` }),
      el('FRBRuri', { value: iris.manifestation }),
      el('FRBRdate', { date: markupDate, name: 'markup' }),
      el('FRBRauthor', { href: `#${CONVERTER}`, as: '#editor' }),
      el('FRBRformat', { value: 'xml' }),
    ]),
  ]);
}

// ---------------------------------------------------------------------------------------------

const CONCEPT_NAMES: Record<string, string> = {
  symbol: 'UN document symbol',
  publicationDate: 'date of issue',
  adoptionDate: 'date of adoption',
  adoption: 'adoption',
  adopted: 'adopted',
  recordedVote: 'recorded vote',
  inFavour: 'in favour',
  against: 'against',
  abstaining: 'abstaining',
  draftIssued: 'draft resolution issued',
};

function humanize(key: string): string {
  return CONCEPT_NAMES[key] ?? key.replace(/([A-Z])/g, ' $1').toLowerCase();
}

/**
 * A file name as XML can carry it: characters XML 1.0 forbids (control characters a file name may hold)
 * and bidirectional controls written as \u escapes, so the name stays recognisable and the XML well-formed.
 */
function xmlSafeName(name: string): string {
  return name.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function metaBlock(document: ResolutionDocument, writer: Writer, iris: ReturnType<typeof frbrIris>, context: BuildContext, markupDate: string): XmlElement {
  const meta = document.meta;
  const lang = document.language;
  const source = `#${CONVERTER}`;
  writer.organizations.add(meta.body);
  const identificationBlock = identification(document, iris, markupDate, '!main', {
    work: meta.symbol ? [el('FRBRalias', { name: 'unDocumentSymbol', value: meta.symbol })] : [],
    workTail: [
      el('FRBRsubtype', { value: 'deliberation' }),
      el('FRBRnumber', { value: iris.number, showAs: meta.kind === 'resolution' && meta.number ? meta.number : meta.symbol ?? iris.number }),
    ],
    expression: meta.symbol ? [el('FRBRalias', { name: 'undocs', value: `https://undocs.org/${lang.code}/${meta.symbol}` })] : [],
  });
  const blocks: XmlElement[] = [identificationBlock];
  if (meta.issueDate && meta.symbol) {
    blocks.push(el('publication', { date: meta.issueDate, name: 'unDocument', showAs: `United Nations document ${meta.symbol}`, number: meta.symbol }));
  }
  const steps: XmlElement[] = [];
  if (meta.kind === 'resolution' && meta.date && !meta.dateIsPartial) {
    writer.concepts.set('adoption', 'adoption');
    blocks.push(el('lifecycle', { source }, [el('eventRef', { eId: 'eventRef_1', date: meta.date, source: '#original', type: 'generation', refersTo: '#adoption' })]));
  }
  if (meta.kind === 'resolutionDraft' && meta.adoptionDate) {
    writer.concepts.set('adoption', 'adoption');
    writer.concepts.set('adopted', 'adopted');
    steps.push(el('step', { eId: 'step_1', date: fullDate(meta.adoptionDate), by: `#${meta.body}`, refersTo: '#adoption', outcome: '#adopted' }));
  }
  if (steps.length) blocks.push(el('workflow', { source }, steps));
  const analysis: XmlElement[] = [];
  if (meta.vote) {
    for (const key of ['recordedVote', 'adopted', 'inFavour', 'against', 'abstaining']) writer.concepts.set(key, key);
    analysis.push(
      el('parliamentary', {}, [
        el('voting', { eId: 'voting_1', refersTo: '#recordedVote', outcome: '#adopted' }, [
          el('count', { eId: 'voting_1__count_1', refersTo: '#inFavour', value: meta.vote.inFavour }),
          el('count', { eId: 'voting_1__count_2', refersTo: '#against', value: meta.vote.against }),
          el('count', { eId: 'voting_1__count_3', refersTo: '#abstaining', value: meta.vote.abstaining }),
        ]),
      ]),
    );
  }
  const others = [
    ...writer.alternatives.map(([ref, href]) => el('alternativeReference', { for: `#${attr(ref, 'eId')}`, href, showAs: href.replace(/^https?:\/\//, '') })),
    ...(document.unattachedLinks ?? []).map((href) => el('implicitReference', { href: asUri(href), showAs: href.replace(/^https?:\/\//, '') })),
  ];
  if (others.length) analysis.push(el('otherReferences', { source }, others));
  if (analysis.length) blocks.push(el('analysis', { source }, analysis));

  const tlcs: XmlElement[] = [el('original', { eId: 'original', href: iris.expression, showAs: meta.title ?? meta.symbol ?? xmlSafeName(basename(context.file)) })];
  for (const key of [...writer.organizations].sort()) {
    const d = entities[key] ?? { href: `/akn/ontology/organization/un/${key}`, showAs: key, shortForm: undefined };
    tlcs.push(el('TLCOrganization', { eId: key, href: d.href, showAs: showAsIn(key, lang) ?? d.showAs, shortForm: d.shortForm }));
  }
  tlcs.push(el('TLCOrganization', { eId: CONVERTER, href: `/akn/ontology/organization/${CONVERTER}`, showAs: 'akn-press text-to-AKN converter' }));
  tlcs.push(el('TLCRole', { eId: 'author', href: '/akn/ontology/role/un/author', showAs: 'Author' }));
  tlcs.push(el('TLCRole', { eId: 'editor', href: '/akn/ontology/role/un/editor', showAs: 'Editor' }));
  for (const key of [...writer.roles].sort()) tlcs.push(el('TLCRole', { eId: key, href: entities[key]!.href, showAs: showAsIn(key, lang) ?? entities[key]!.showAs }));
  for (const [key, value] of [...writer.events].sort()) tlcs.push(el('TLCEvent', { eId: key, href: value.href, showAs: value.showAs }));
  for (const [key, concept] of [...writer.concepts].sort()) {
    tlcs.push(el('TLCConcept', { eId: key, href: `/akn/ontology/concept/un/${concept}`, showAs: humanize(key) }));
  }
  blocks.push(el('references', { source }, tlcs));
  const proprietary: XmlElement[] = [el('akp:sourceFile', {}, [xmlSafeName(basename(context.file))])];
  if (meta.dateIsPartial && meta.date) proprietary.push(el('akp:datePrecision', { date: meta.date }, [meta.date.length === 7 ? 'month' : 'year']));
  if (meta.sponsorsFromSidecar) proprietary.push(el('akp:sponsorsFrom', {}, ['sidecar']));
  const job = context.report.furniture.find((f) => f.kind === 'job-number');
  if (job) proprietary.push(el('akp:jobNumber', {}, [job.text]));
  if (meta.plenaryMeeting) proprietary.push(el('akp:plenaryMeeting', {}, [String(meta.plenaryMeeting)]));
  // The adoption date as precise as known (the workflow step needs a full date, the first of the month).
  if (meta.adoptionDate) proprietary.push(el('akp:adoptionDate', {}, [meta.adoptionDate]));
  if (meta.adoptedSymbol) proprietary.push(el('akp:adoptedAs', {}, [meta.adoptedSymbol]));
  if (meta.draftSymbol) proprietary.push(el('akp:draft', {}, [meta.draftSymbol]));
  if (meta.committeeReport) proprietary.push(el('akp:committeeReport', {}, [meta.committeeReport]));
  blocks.push(el('proprietary', { source }, proprietary));
  return el('meta', {}, blocks);
}

function showAsIn(key: string, language: ResolutionDocument['language']): string | undefined {
  const entry = [...language.organizations, ...language.roles].find(([, k]) => k === key);
  return entry?.[0];
}

export function writeAkn(context: BuildContext): void {
  const document = context.document!;
  const writer: Writer = { document, organizations: new Set(), roles: new Set(), concepts: new Map(), events: new Map(), alternatives: [] };
  const stem = basename(context.file).replace(/\.[^.]+$/, '');
  const iris = frbrIris(document.meta, document.language, stem);
  const markupDate = context.options.markupDate ?? iris.expressionDate;
  // Body first: it collects the TLCs and references that the meta block lists.
  const parts = [coverPage(document, writer), preface(document, writer), preamble(document, writer), mainBody(document, writer), conclusions(document, writer)];
  const attachments = document.annexes.map((annex, i) => annexAttachment(annex, i + 1, document, writer, iris, markupDate));
  makeEidsUnique([...(parts.filter(Boolean) as XmlElement[]), ...attachments], { warn: (message) => warn(context.report, 'eid-repeated', message) });
  const meta = metaBlock(document, writer, iris, context, markupDate);
  const statement = el('statement', { name: document.meta.kind, contains: 'originalVersion' }, [
    meta,
    ...(parts.filter(Boolean) as XmlElement[]),
    ...(attachments.length ? [el('attachments', {}, attachments)] : []),
  ]);
  const root = el('akomaNtoso', { xmlns: AKN_NAMESPACE, 'xmlns:akp': AKP_NAMESPACE }, [statement]);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  serialize(root, 0, out);
  out.push('\n');
  context.xml = out.join('');
}

export const aknStage: Stage = { name: 'akn', run: writeAkn };
