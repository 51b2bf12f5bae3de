// Profile checks the XSD cannot make (akn4un-profile.md §8, §2): eIds unique, every `#id` resolves,
// FRBR values consistent with each other and with the IRIs.
// Reads: AKN XML text (already well-formed).   Writes: problems with line numbers.
import type { ValidationProblem } from './validate.js';

interface Tag {
  name: string;
  attrs: Map<string, string>;
  line: number;
}

const TAG = /<([A-Za-z_][\w:.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g;
const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function decode(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

function scanTags(xml: string): Tag[] {
  const tags: Tag[] = [];
  let line = 1;
  let last = 0;
  for (const match of xml.matchAll(TAG)) {
    for (let i = last; i < match.index; i++) if (xml.charCodeAt(i) === 10) line++;
    last = match.index;
    const attrs = new Map<string, string>();
    for (const a of (match[2] ?? '').matchAll(ATTR)) attrs.set(a[1]!, decode(a[2] ?? a[3] ?? ''));
    tags.push({ name: match[1]!.replace(/^.*:/, ''), attrs, line });
  }
  return tags;
}

/** Attributes whose value may be a same-document reference `#eId`. */
const POINTER_ATTRS = ['refersTo', 'href', 'as', 'source', 'by', 'outcome', 'for', 'alternativeTo'];

export function checkProfile(xml: string): ValidationProblem[] {
  const tags = scanTags(xml);
  const problems: ValidationProblem[] = [];
  const ids = new Map<string, number>();
  for (const tag of tags) {
    const eId = tag.attrs.get('eId');
    if (eId === undefined) continue;
    const first = ids.get(eId);
    if (first !== undefined) problems.push({ kind: 'profile', line: tag.line, message: `eId "${eId}" already used on line ${first}` });
    else ids.set(eId, tag.line);
  }
  for (const tag of tags) {
    for (const attr of POINTER_ATTRS) {
      const value = tag.attrs.get(attr);
      if (!value) continue;
      for (const token of value.split(/\s+/)) {
        if (token.startsWith('#') && !ids.has(token.slice(1))) {
          problems.push({ kind: 'profile', line: tag.line, message: `<${tag.name} ${attr}="${token}">: no element has eId "${token.slice(1)}"` });
        }
      }
    }
  }
  problems.push(...checkFrbr(tags));
  return problems;
}

function checkFrbr(tags: Tag[]): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const level = (name: string) => {
    const start = tags.findIndex((t) => t.name === name);
    if (start < 0) return undefined;
    const end = tags.findIndex((t, i) => i > start && /^FRBR(Work|Expression|Manifestation)$/.test(t.name));
    return tags.slice(start + 1, end < 0 ? undefined : end);
  };
  const work = level('FRBRWork');
  const expression = level('FRBRExpression');
  const manifestation = level('FRBRManifestation');
  if (!work || !expression || !manifestation) {
    const line = tags.find((t) => t.name === 'identification')?.line;
    return [{ kind: 'profile', line, message: 'identification lacks one of FRBRWork, FRBRExpression, FRBRManifestation' }];
  }
  const get = (lvl: Tag[], name: string, attr = 'value') => {
    const tag = lvl.find((t) => t.name === name);
    return tag ? { value: tag.attrs.get(attr) ?? '', line: tag.line } : undefined;
  };
  const problem = (line: number | undefined, message: string) => problems.push({ kind: 'profile', line, message });

  const workUri = get(work, 'FRBRuri');
  const exprUri = get(expression, 'FRBRuri');
  const maniUri = get(manifestation, 'FRBRuri');
  if (!workUri || !exprUri || !maniUri) return problems;

  const docType = tags.find((t, i) => i > 0 && tags[0]?.name === 'akomaNtoso' && t.name !== 'akomaNtoso')?.name;
  const parts = workUri.value.split('/');
  // /akn/{country}/{docType}/{subtype?}/{actor?}/{date}/{number}
  if (parts[1] !== 'akn') problem(workUri.line, `Work FRBRuri "${workUri.value}" does not start with /akn/`);
  const country = get(work, 'FRBRcountry');
  if (country && parts[2] !== country.value) problem(country.line, `FRBRcountry "${country.value}" differs from the IRI's "${parts[2]}"`);
  if (docType && parts[3] !== docType) problem(workUri.line, `Work FRBRuri document type "${parts[3]}" is not the document element <${docType}>`);
  const subtype = get(work, 'FRBRsubtype');
  if (subtype && parts[4] !== subtype.value) problem(subtype.line, `FRBRsubtype "${subtype.value}" differs from the IRI's "${parts[4]}"`);
  const number = get(work, 'FRBRnumber');
  if (number && parts.at(-1) !== number.value) problem(number.line, `FRBRnumber "${number.value}" differs from the IRI's "${parts.at(-1)}"`);
  const workDate = get(work, 'FRBRdate', 'date');
  if (workDate && !parts.includes(workDate.value)) problem(workDate.line, `Work FRBRdate ${workDate.value} is not the date in the IRI`);

  const workThis = get(work, 'FRBRthis');
  if (workThis && !workThis.value.startsWith(workUri.value)) problem(workThis.line, `Work FRBRthis does not extend FRBRuri`);
  if (!exprUri.value.startsWith(`${workUri.value}/`)) problem(exprUri.line, `Expression FRBRuri "${exprUri.value}" is not under the Work "${workUri.value}"`);
  const lang = get(expression, 'FRBRlanguage', 'language');
  const exprTail = exprUri.value.slice(workUri.value.length + 1);
  const [exprLang, exprDate] = exprTail.split('@');
  if (lang && exprLang !== lang.value) problem(lang.line, `FRBRlanguage "${lang.value}" differs from the Expression IRI's "${exprLang}"`);
  const exprFrbrDate = get(expression, 'FRBRdate', 'date');
  if (exprFrbrDate && exprDate && exprDate !== exprFrbrDate.value) problem(exprFrbrDate.line, `Expression FRBRdate ${exprFrbrDate.value} differs from the IRI's version ${exprDate}`);
  const exprThis = get(expression, 'FRBRthis');
  if (exprThis && !exprThis.value.startsWith(exprUri.value)) problem(exprThis.line, 'Expression FRBRthis does not extend its FRBRuri');
  if (!maniUri.value.startsWith(exprUri.value)) problem(maniUri.line, `Manifestation FRBRuri is not under the Expression "${exprUri.value}"`);
  const maniThis = get(manifestation, 'FRBRthis');
  if (maniThis && !maniThis.value.startsWith(exprUri.value)) problem(maniThis.line, 'Manifestation FRBRthis is not under the Expression');
  return problems;
}
