// Collection, step 2: documents grouped into Works (one Work IRI, one Expression per language) and
// the language versions aligned unit by unit — by eId only, and only where the structures agree.
// Reads: SiteDocument records.   Writes: SiteWork records and warnings naming the files concerned.
import type { AlignmentUnit, SiteDocument } from './collect.js';

export interface SiteWork {
  iri: string;
  /** Short name for file names: the IRI's actor, date and number (`un-ga-1948-12-10-217_A_III`). */
  slug: string;
  symbol?: string;
  actor: string;
  date?: string;
  /** One document per language, in the UN's language order (ar, zh, en, fr, ru, es, then others). */
  expressions: SiteDocument[];
  /** Documents that repeat an Expression already in `expressions` (another extraction of the same text). */
  duplicates: SiteDocument[];
  /** The versions aligned in at least one part (two or more, or none), in language order. */
  aligned: SiteDocument[];
  /** The parts (preamble, body), each with its units and the versions aligned in it. */
  parts: AlignedPart[];
}

/** A part of the text aligned on its own, so that a recital read differently does not unalign the articles. */
export interface AlignedPart {
  name: 'preamble' | 'body';
  /** The units, in document order (their eIds are the same in every aligned version). */
  units: AlignmentUnit[];
  /** The versions whose units in this part have exactly these eIds. */
  aligned: SiteDocument[];
}

export interface SiteWarning {
  message: string;
  /** The files the warning is about. */
  files: string[];
}

/** The official languages first, in the order the UN lists them; others after, by tag. */
const LANGUAGE_ORDER = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
function languageRank(lang: string): number {
  const i = LANGUAGE_ORDER.indexOf(lang.split('-')[0]!);
  return i < 0 ? LANGUAGE_ORDER.length : i;
}
export function byLanguage(a: SiteDocument, b: SiteDocument): number {
  return languageRank(a.lang) - languageRank(b.lang) || (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0);
}

/** Groups documents (in input order) into Works and aligns each Work's language versions. */
export function groupWorks(documents: readonly SiteDocument[]): { works: SiteWork[]; warnings: SiteWarning[] } {
  const warnings: SiteWarning[] = [];
  const byIri = new Map<string, SiteWork>();
  const symbolWork = new Map<string, SiteDocument>();
  for (const doc of documents) {
    // The same symbol must mean the same Work: two IRIs for one symbol are facts that disagree (a date
    // read differently, say); they stay apart, and the reader is told which files to reconcile.
    if (doc.symbol) {
      const earlier = symbolWork.get(doc.symbol);
      if (earlier && earlier.workIri !== doc.workIri) {
        warnings.push({
          message: `${doc.source} and ${earlier.source} have the same symbol ${doc.symbol} but different Work IRIs (${doc.workIri}, ${earlier.workIri}); they are kept apart: give both the same facts (a sidecar) to make them one Work`,
          files: [doc.source, earlier.source],
        });
      } else if (!earlier) symbolWork.set(doc.symbol, doc);
    }
    let work = byIri.get(doc.workIri);
    if (!work) {
      work = { iri: doc.workIri, slug: slugOf(doc.workIri), symbol: doc.symbol, actor: doc.actor, date: doc.date, expressions: [], duplicates: [], aligned: [], parts: [] };
      byIri.set(doc.workIri, work);
    }
    const same = work.expressions.find((e) => e.expressionIri === doc.expressionIri);
    if (same) {
      work.duplicates.push(doc);
      warnings.push({
        message: `${doc.source} is the same Expression as ${same.source} (${doc.expressionIri}); both are published, the linked data and the parallel view use ${same.source}`,
        files: [doc.source, same.source],
      });
    } else work.expressions.push(doc);
  }
  const works = [...byIri.values()];
  for (const work of works) {
    work.expressions.sort(byLanguage);
    align(work, warnings);
  }
  return { works, warnings };
}

/** `/akn/un/statement/deliberation/un-ga/1948-12-10/217_A_III` → `un-ga-1948-12-10-217_A_III`. */
export function slugOf(workIri: string): string {
  const parts = workIri.split('/').filter(Boolean);
  const dateAt = parts.findIndex((p) => /^\d{4}-\d{2}-\d{2}$/.test(p));
  const tail = dateAt > 0 ? parts.slice(dateAt - 1) : parts;
  return tail.join('-').replace(/[^\p{L}\p{N}_.-]+/gu, '_');
}

const PART_OF: Readonly<Record<AlignmentUnit['kind'], AlignedPart['name']>> = { formula: 'preamble', recital: 'preamble', paragraph: 'body', article: 'body' };

/** The units of one part of a document. */
export function partUnits(doc: SiteDocument, part: AlignedPart['name']): AlignmentUnit[] {
  return doc.units.filter((u) => PART_OF[u.kind] === part);
}

/**
 * Alignment by eId, part by part (preamble, body). In each part, the versions whose units have the
 * same eIds in the same order form the aligned set (the largest such group; on a tie, the one holding
 * the first language). A version whose structure differs is left out of that part of the parallel view
 * with a warning naming it and a version it disagrees with: its paragraphs are never matched by position
 * or by guess. A unit with text in one version and none in another is aligned (the eIds agree) but
 * reported, as it means the text was read differently.
 */
function align(work: SiteWork, warnings: SiteWarning[]): void {
  if (work.expressions.length < 2) return;
  for (const name of ['preamble', 'body'] as const) {
    const groups = new Map<string, SiteDocument[]>();
    for (const doc of work.expressions) {
      const key = partUnits(doc, name).map((u) => u.eId).join('\n');
      groups.set(key, [...(groups.get(key) ?? []), doc]);
    }
    let best: SiteDocument[] = [];
    for (const group of groups.values()) if (group.length > best.length) best = group;
    const reference = best[0]!;
    const units = partUnits(reference, name);
    if (units.length === 0) continue;
    for (const doc of work.expressions) {
      if (best.includes(doc)) continue;
      warnings.push({
        message: `${doc.source} and ${reference.source}: the structures of the ${name === 'body' ? 'operative part' : 'preamble'} disagree (${describeDifference(partUnits(doc, name), units)}); that part of ${doc.source} is left out of the parallel view`,
        files: [doc.source, reference.source],
      });
    }
    if (best.length < 2) continue;
    work.parts.push({ name, units, aligned: best });
    const unitsOf = new Map(best.map((d) => [d, partUnits(d, name)]));
    units.forEach((unit, i) => {
      const withText = best.filter((d) => { const u = unitsOf.get(d)![i]!; return u.blocks.length > 0 || u.heading; });
      if (withText.length > 0 && withText.length < best.length) {
        const empty = best.find((d) => !withText.includes(d))!;
        warnings.push({ message: `${empty.source}: ${unit.eId} has no text, while ${withText[0]!.source} has; the parallel view shows it empty`, files: [empty.source, withText[0]!.source] });
      }
    });
  }
  work.aligned = work.expressions.filter((doc) => work.parts.some((p) => p.aligned.includes(doc)));
}

function describeDifference(units: readonly AlignmentUnit[], reference: readonly AlignmentUnit[]): string {
  const count = (list: readonly AlignmentUnit[], kind: AlignmentUnit['kind']) => list.filter((u) => u.kind === kind).length;
  const parts: string[] = [];
  for (const kind of ['formula', 'recital', 'paragraph', 'article'] as const) {
    const a = count(units, kind);
    const b = count(reference, kind);
    if (a !== b) parts.push(`${a} ${kind}${a === 1 ? '' : 's'} against ${b}`);
  }
  if (parts.length === 0) {
    const i = units.findIndex((u, k) => u.eId !== reference[k]?.eId);
    const at = i < 0 ? units.length : i;
    parts.push(`unit ${at + 1} is ${units[at]?.eId ?? 'missing'} against ${reference[at]?.eId ?? 'missing'}`);
  }
  return parts.join(', ');
}
