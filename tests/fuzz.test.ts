// Fuzzing the whole build: the sample and the corpus texts, damaged the ways PDF extraction and careless
// editing damage text (lines deleted, duplicated, swapped, joined; hostile characters inserted; files cut
// short; bytes no encoding expects), are built in-process with the library's build().
//
// Property: build() either returns schema-valid AKN or throws an InputError (bad input, told as
// `file:line: message`). Any other exception is a bug. An InputError with code `invalid-output` is the
// pipeline saying it wrote invalid AKN itself: a bug too, not bad input.
//
// Reproducible: the seed is fixed; FUZZ_SEED=<n> explores others (FUZZ_RUNS=<factor> multiplies the runs).
// Hangs are kept out by bounding the input: at most MAX_CASE_CHARS characters per case.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build } from '../pipeline/build.js';
import { readSidecar, type Sidecar } from '../pipeline/metadata.js';
import { InputError } from '../pipeline/report.js';
import { validateSchema } from '../pipeline/validate.js';

const BASE_SEED = process.env.FUZZ_SEED === undefined ? 20_171_207 : Number(process.env.FUZZ_SEED);
const RUN_FACTOR = process.env.FUZZ_RUNS === undefined ? 1 : Number(process.env.FUZZ_RUNS);
const MAX_CASE_CHARS = 50_000;

// ---------------------------------------------------------------------------------------------------
// The texts to damage

interface SeedText {
  file: string;
  text: string;
  sidecar?: Sidecar;
}

const root = new URL('..', import.meta.url).pathname;
const corpusDir = join(root, '../shared/corpus/texts');
const seeds: SeedText[] = [
  { file: 'input/fr_A-72-L.10.txt', text: readFileSync(join(root, 'input/fr_A-72-L.10.txt'), 'utf8'), sidecar: readSidecar(join(root, 'input/fr_A-72-L.10.meta.json')) },
  ...readdirSync(corpusDir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({ file: `corpus/${name}`, text: readFileSync(join(corpusDir, name), 'utf8') })),
];

// ---------------------------------------------------------------------------------------------------
// Damage, as data (so a shrunk counterexample prints as a readable list of edits)

type Edit =
  | { kind: 'delete-line'; at: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'swap-lines'; at: number; with: number }
  | { kind: 'join-lines'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'cut'; at: number };

/** What XML, the parser and the renderers may choke on; each comes from a real failure class. */
const HOSTILE = [
  '<', '>', '&', '&amp;', '&#0;', '&#x1F;', ']]>', '<![CDATA[', '<!--', '-->', '<?xml version="1.0"?>',
  '<!DOCTYPE a [<!ENTITY b "c">]>', '<p>', '</akomaNtoso>', '"', "'", '{1}', '{', '}', '$&', '$1', '\\',
  '\u0000', '\u0001', '\u0008', '\u000B', '\f', '\r', '\r\n', '\t', '\u001F', '\u007F', '\u0085',
  '\u200E', '\u200F', '\u202A', '\u202E', '\u2066', '\u2067', '\u2069', '\u061C', // bidi marks and overrides
  '\uE000', '\uF8FF', '\u{F0000}', '\u{10FFFD}', // private use
  '\uFEFF', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF', '\uFFFD', '\u2028', '\u2029', '\u00A0', '\u202F',
  '\u0301', '\u0640', '\u00AD', '\u200B', '\u200D',
  '*', '1', '12.', ' 3. ', '(a)', '(iv)', '•', '-', ' -', '__________', '\n__________\n', '\n1\n', '\n2\n',
  'https://undocs.org/fr/A/RES/72/1', '\nhttps://undocs.org/en/S/RES/2401(2018)\n', 'A/RES/73/6', '37/4',
  ' 22 octobre 1982', 'January', 'Annexe', 'Article premier', '\nL’Assemblée générale,\n', '\nThe Security Council,\n',
];

const position = fc.nat({ max: 1_000_000 });
const hostileText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...HOSTILE), { minLength: 2, maxLength: 4 }).map((parts) => parts.join('')) },
);

const lineEdit: fc.Arbitrary<Edit> = fc.oneof(
  position.map((at) => ({ kind: 'delete-line' as const, at })),
  position.map((at) => ({ kind: 'duplicate-line' as const, at })),
  fc.tuple(position, position).map(([at, other]) => ({ kind: 'swap-lines' as const, at, with: other })),
  position.map((at) => ({ kind: 'join-lines' as const, at })),
);
const insertEdit: fc.Arbitrary<Edit> = fc.tuple(position, hostileText).map(([at, text]) => ({ kind: 'insert' as const, at, text }));
const cutEdit: fc.Arbitrary<Edit> = position.map((at) => ({ kind: 'cut' as const, at }));

function applyEdit(text: string, edit: Edit): string {
  if (edit.kind === 'insert') {
    const at = edit.at % (text.length + 1);
    return `${text.slice(0, at)}${edit.text}${text.slice(at)}`;
  }
  if (edit.kind === 'cut') return text.slice(0, edit.at % (text.length + 1));
  const lines = text.split('\n');
  const at = edit.at % lines.length;
  switch (edit.kind) {
    case 'delete-line':
      lines.splice(at, 1);
      break;
    case 'duplicate-line':
      lines.splice(at, 0, lines[at]!);
      break;
    case 'swap-lines': {
      const other = edit.with % lines.length;
      [lines[at], lines[other]] = [lines[other]!, lines[at]!];
      break;
    }
    case 'join-lines':
      if (at + 1 < lines.length) lines.splice(at, 2, `${lines[at]}${lines[at + 1]}`);
      break;
  }
  return lines.join('\n');
}

function damage(seed: SeedText, edits: readonly Edit[]): string {
  let text = seed.text;
  for (const edit of edits) text = applyEdit(text, edit).slice(0, MAX_CASE_CHARS);
  return text;
}

// ---------------------------------------------------------------------------------------------------
// The property

type Outcome = { kind: 'built' } | { kind: 'refused'; code: string };

/** Builds a text; returns what happened, or throws what the property forbids. */
function buildChecked(file: string, text: string | Uint8Array, sidecar?: Sidecar): Outcome {
  let xml: string;
  try {
    xml = build({ file, text, sidecar }, { formats: ['xml'] }).xml;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    if (error.code === 'invalid-output') throw new Error(`the pipeline wrote invalid AKN: ${error.message}`, { cause: error });
    expect(error.toString()).toMatch(/^\S.*: \S/); // `file[:line]: message`, one line
    return { kind: 'refused', code: error.code };
  }
  expect(validateSchema(xml)).toEqual([]);
  return { kind: 'built' };
}

/** Tallies of a run, printed so a reader sees the fuzz reached the building stages, not only refusals. */
const tally = new Map<string, number>();
const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);

function runProperty(name: string, index: number, numRuns: number, edits: fc.Arbitrary<Edit[]>, withSidecar = true) {
  const seed = BASE_SEED + index;
  const property = fc.property(fc.nat({ max: seeds.length - 1 }), edits, fc.boolean(), (which, list, sidecarGiven) => {
    const source = seeds[which]!;
    const outcome = buildChecked(source.file, damage(source, list), withSidecar && sidecarGiven ? source.sidecar : undefined);
    count(outcome.kind === 'built' ? 'built' : `refused: ${outcome.code}`);
  });
  try {
    fc.assert(property, { seed, numRuns: Math.round(numRuns * RUN_FACTOR) });
  } catch (error) {
    // fast-check's message holds the shrunk counterexample (seed text index, edits) and its path.
    throw new Error(`${name}: counterexample found with FUZZ_SEED=${BASE_SEED} (fast-check seed ${seed}); rerun with that FUZZ_SEED.\n${(error as Error).message}`, { cause: error });
  }
}

describe('fuzz: damaged texts either build to valid AKN or are refused with an InputError', () => {
  it('lines deleted, duplicated, swapped and joined', () => {
    runProperty('line edits', 0, 500, fc.array(lineEdit, { minLength: 1, maxLength: 12 }));
  });

  it('hostile characters inserted (markup, controls, bidi marks, private use, form feeds)', () => {
    runProperty('insertions', 1, 500, fc.array(insertEdit, { minLength: 1, maxLength: 8 }));
  });

  it('files cut at any point, after other damage', () => {
    runProperty('cuts', 2, 400, fc.tuple(fc.array(fc.oneof(lineEdit, insertEdit), { maxLength: 4 }), cutEdit).map(([edits, cut]) => [...edits, cut]));
  });

  it('every kind of damage mixed', () => {
    runProperty('mixed', 3, 400, fc.array(fc.oneof(lineEdit, insertEdit, cutEdit), { minLength: 1, maxLength: 16 }));
  });

  it('bytes no encoding expects: byte order marks, invalid UTF-8, NULs, UTF-16 halves', () => {
    const byteEdit = fc.tuple(position, fc.oneof(
      fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xff, 0xfe, 0x00, 0x00], [0x00], [0xc3], [0xe2, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xff], [0x0c], [0x1b]),
      fc.uint8Array({ minLength: 1, maxLength: 6 }).map((bytes) => [...bytes]),
    ));
    const seed = BASE_SEED + 4;
    const property = fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(byteEdit, { minLength: 1, maxLength: 6 }), fc.boolean(), (which, list, atStart) => {
      const source = seeds[which]!;
      let bytes = [...new TextEncoder().encode(source.text.slice(0, MAX_CASE_CHARS))];
      for (const [k, [at, inserted]] of list.entries()) {
        const offset = k === 0 && atStart ? 0 : at % (bytes.length + 1);
        bytes = [...bytes.slice(0, offset), ...inserted, ...bytes.slice(offset)];
      }
      const outcome = buildChecked(source.file, new Uint8Array(bytes), source.sidecar);
      count(outcome.kind === 'built' ? 'built' : `refused: ${outcome.code}`);
    });
    try {
      fc.assert(property, { seed, numRuns: Math.round(200 * RUN_FACTOR) });
    } catch (error) {
      throw new Error(`byte edits: counterexample found with FUZZ_SEED=${BASE_SEED} (fast-check seed ${seed}).\n${(error as Error).message}`, { cause: error });
    }
  });

  it('reached the building stages (not only refusals)', () => {
    console.info(`fuzz outcomes (FUZZ_SEED=${BASE_SEED}): ${JSON.stringify(Object.fromEntries([...tally].sort()))}`);
    expect(tally.get('built') ?? 0).toBeGreaterThan(100);
  });
});
