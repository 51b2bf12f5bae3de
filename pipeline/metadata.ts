// Metadata: the sidecar file (what the text lacks), its merge with what the text says, and the
// FRBR identifiers that follow from both (akn4un-profile.md §2).
// Reads: `<stem>.meta.json` next to the input, or the file given with --meta.   Writes: DocumentMeta.
//
// Sidecar format (JSON, schemas/sidecar.schema.json, checked by sidecar.ts; every field optional;
// unknown facts are left out, never invented):
//   symbol          "A/72/L.10"                 UN document symbol
//   body            "un-ga" | "un-sc" | ...     TLC key of the body whose document it is
//   kind            "resolution" | "resolutionDraft"
//   language        "fr" (ISO 639-1 or 639-2)   language of this text
//   originalLanguage                            language of the original, when known
//   session         72                          session number
//   agendaItem      "64"
//   date            "2017-12-07" | "2017-12" | "2017"   date of the text (adoption, or date printed on a draft)
//   dateNote        why the date is partial or what it stands for
//   title           the title, when the text does not print it
//   number          "72/123" resolution number (adopted texts)
//   sponsors        [{ "name": "Côte d’Ivoire", "onBehalfOf": "…" }]
//   adoption        { "date": "2017-12", "plenaryMeeting": 65, "resolution": "A/RES/72/…",
//                     "vote": { "inFavour": 92, "against": 0, "abstaining": 4 } }
//   sources         ["UN press release GA/11986", …]   where the facts come from
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { LanguageTable } from './lang/types.js';
import type { DocumentMeta } from './model.js';
import { info, warn, type Report } from './report.js';

export interface Sidecar {
  symbol?: string;
  body?: string;
  kind?: 'resolution' | 'resolutionDraft';
  language?: string;
  originalLanguage?: string;
  session?: number;
  agendaItem?: string;
  date?: string;
  dateNote?: string;
  title?: string;
  number?: string;
  sponsors?: Array<{ name: string; onBehalfOf?: string }>;
  adoption?: {
    date?: string;
    plenaryMeeting?: number;
    resolution?: string;
    vote?: { inFavour: number; against: number; abstaining: number };
  };
  sources?: string[];
}

/** The sidecar of an input: `x.meta.json` next to `x.txt`. */
export function sidecarPathFor(inputPath: string): string {
  return inputPath.replace(/\.(?:txt|pdf)$/i, '') + '.meta.json';
}

export { readSidecar } from './sidecar.js';

export function findSidecar(inputPath: string, otherFolders: readonly string[] = []): string | undefined {
  const path = sidecarPathFor(inputPath);
  if (existsSync(path)) return path;
  // Texts in a folder one cannot write to (a shared corpus) are described from a folder of one's own.
  for (const folder of otherFolders) {
    const other = join(folder, basename(path));
    if (existsSync(other)) return other;
  }
  return undefined;
}

/** Merges what the text says with the sidecar: the sidecar wins, and each disagreement is a warning. */
export function mergeMetadata(fromText: Partial<DocumentMeta>, sidecar: Sidecar | undefined, report: Report): DocumentMeta {
  const meta: DocumentMeta = {
    // A Security Council document says so by its symbol ("S/RES/2532 (2020)", "S/2019/90") when nothing else does.
    body: fromText.body ?? (fromText.symbol && /^S\//.test(fromText.symbol) ? 'un-sc' : 'un-ga'),
    kind: fromText.kind ?? (fromText.symbol && /\/L\.\d|^S\/\d{4}\/\d+$/.test(fromText.symbol) ? 'resolutionDraft' : 'resolution'),
    sponsors: fromText.sponsors ?? [],
    ...stripUndefined(fromText),
  } as DocumentMeta;
  const from = (field: string, value: unknown, source: 'text' | 'sidecar') => {
    if (value !== undefined && value !== '') report.detected[field] = { value: String(value), from: source };
  };
  for (const [field, value] of Object.entries(fromText)) if (typeof value !== 'object') from(field, value, 'text');
  if (!fromText.body) {
    report.detected['body'] = { value: meta.body, from: meta.body === 'un-ga' ? 'default' : 'text' };
  }
  if (sidecar) {
    const take = <K extends keyof DocumentMeta>(field: K, value: DocumentMeta[K] | undefined) => {
      if (value === undefined) return;
      const textValue = fromText[field];
      if (textValue !== undefined && typeof value !== 'object' && String(textValue) !== String(value)) {
        warn(report, 'metadata-conflict', `${field}: the text says "${String(textValue)}", the sidecar "${String(value)}"; the sidecar wins`);
      }
      meta[field] = value;
      if (typeof value !== 'object') from(field, value, 'sidecar');
    };
    take('symbol', sidecar.symbol);
    take('body', sidecar.body);
    take('kind', sidecar.kind);
    take('session', sidecar.session);
    take('agendaItem', sidecar.agendaItem);
    take('title', sidecar.title);
    take('number', sidecar.number);
    take('originalLanguage', sidecar.originalLanguage);
    if (sidecar.date) {
      take('date', sidecar.date);
      meta.dateIsPartial = sidecar.date.length < 10;
    }
    if (sidecar.sponsors?.length && meta.sponsors.length === 0) {
      meta.sponsors = sidecar.sponsors.map((s) => ({ name: s.name, note: s.onBehalfOf }));
      meta.sponsorsFromSidecar = true;
    }
    if (sidecar.adoption) {
      meta.plenaryMeeting ??= sidecar.adoption.plenaryMeeting;
      meta.adoptedSymbol = sidecar.adoption.resolution;
      meta.adoptionDate = sidecar.adoption.date;
      meta.vote = sidecar.adoption.vote;
    }
  }
  // A Main Committee's draft (A/C.3/73/L.5) is that committee's document: its IRI actor is un-ga-c3.
  const committee = meta.symbol && !sidecar?.body ? /^A\/C\.([1-6])\//.exec(meta.symbol) : null;
  if (committee && meta.body === 'un-ga') {
    meta.body = `un-ga-c${committee[1]}`;
    report.detected['body'] = { value: meta.body, from: 'text' };
  }
  if (!meta.symbol) warn(report, 'no-symbol', 'no document symbol in the text or the sidecar; identifiers use the file name');
  if (!meta.date && meta.kind === 'resolutionDraft' && meta.issueDate) {
    // A draft's own date is the one printed in its masthead.
    meta.date = meta.issueDate;
    report.detected['date'] = { value: meta.date, from: 'text' };
  }
  if (!meta.date) {
    const fallback = meta.kind === 'resolutionDraft' ? meta.adoptionDate : undefined;
    if (fallback) {
      meta.date = fallback;
      meta.dateIsPartial = fallback.length < 10;
      warn(report, 'date-guessed', `the date printed on the draft is unknown; the Work IRI uses the adoption date ${fallback}${meta.dateIsPartial ? ' (day unknown)' : ''}`);
    } else {
      warn(report, 'no-date', 'no date in the text or the sidecar; the Work IRI uses an unknown date');
    }
  } else if (meta.date.length < 10) {
    info(report, 'partial-date', `date known only to ${meta.date.length === 7 ? 'the month' : 'the year'} (${meta.date}); the IRI uses its first day`);
  }
  if (!meta.title) {
    // Security Council drafts print no title: that is their form, not a loss.
    if (meta.kind === 'resolutionDraft' && meta.body === 'un-sc') info(report, 'no-title', 'no title printed (Security Council draft)');
    else warn(report, 'no-title', 'no title in the text or the sidecar');
  }
  return meta;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The AKN date for a partial date: the first day of the month or year (naming convention). */
export function fullDate(date: string | undefined): string {
  if (!date) return '0001-01-01';
  if (date.length === 4) return `${date}-01-01`;
  if (date.length === 7) return `${date}-01`;
  return date;
}

/** AKN IRI number from a resolution number or a symbol: "72/123" → "72-123"; "A/C.3/80/L.45/Rev.1" → "A-C3-80-L45-Rev1". */
export function iriNumber(meta: DocumentMeta, fallback: string): string {
  if (meta.kind === 'resolution' && meta.number) return meta.number.replace(/\s+/g, '_').replace(/\//g, '-').replace(/[()]/g, '');
  const symbol = meta.symbol ?? fallback;
  const number = symbol.replace(/\./g, '').replace(/\s+/g, '_').replace(/\//g, '-').replace(/[^A-Za-z0-9_-]/g, '');
  if (/[A-Za-z0-9]/.test(number)) return number;
  // A name with no Latin letter or digit (a file named in Arabic or Chinese) keeps its letters, so that two
  // such files never share a Work IRI; the IRI is an IRI, not an ASCII URI.
  const letters = symbol.replace(/\s+/g, '_').replace(/\//g, '-').replace(/[^\p{L}\p{N}_-]/gu, '');
  return /[\p{L}\p{N}]/u.test(letters) ? letters : 'unnamed';
}

export interface FrbrIris {
  work: string;
  expression: string;
  manifestation: string;
  workDate: string;
  expressionDate: string;
  number: string;
  actor: string;
}

export function frbrIris(meta: DocumentMeta, language: LanguageTable, fallbackName: string): FrbrIris {
  const workDate = fullDate(meta.date);
  const number = iriNumber(meta, fallbackName);
  const actor = meta.body;
  const work = `/akn/un/statement/deliberation/${actor}/${workDate}/${number}`;
  const expression = `${work}/${language.iso639_2}@${workDate}`;
  return { work, expression, manifestation: `${expression}.akn`, workDate, expressionDate: workDate, number, actor };
}
