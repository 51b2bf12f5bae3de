// Fuzzing the whole build: the sample and the corpus texts, damaged the ways PDF extraction and careless
// editing damage text (lines deleted, duplicated, swapped, joined; hostile characters inserted; runs of
// white space; invisible characters; files cut short; bytes no encoding expects), are built in-process
// with the library's build().
//
// Invisible characters that the decode stage removes (bidi controls, zero-width characters) have a
// stronger property: inserted anywhere, the AKN is the same as without them.
//
// Property: build() either returns schema-valid AKN or throws an InputError (bad input, told as
// `file:line: message`). Any other exception is a bug. So is an InputError with code `invalid-output`:
// it is the pipeline refusing the AKN it wrote itself, not bad input; the crashes it found are kept below as regression cases.
//
// Reproducible: the seed is fixed; FUZZ_SEED=<n> explores others, FUZZ_RUNS=<factor> multiplies the
// 2,000 cases. A failure prints the seed and fast-check's shrunk counterexample (text index and edits).
// Hangs are kept out by bounding the input: at most MAX_CASE_CHARS characters per case.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build } from '../pipeline/build.js';
import { readSidecar, type Sidecar } from '../pipeline/metadata.js';
import { InputError } from '../pipeline/report.js';
import { validateSchema } from '../pipeline/validate.js';
import { CORPUS_AVAILABLE, CORPUS_MISSING, CORPUS_TEXTS } from './support/corpus.js';

const BASE_SEED = process.env.FUZZ_SEED === undefined ? 20_171_207 : Number(process.env.FUZZ_SEED);
const RUN_FACTOR = process.env.FUZZ_RUNS === undefined ? 1 : Number(process.env.FUZZ_RUNS);
if (!Number.isSafeInteger(BASE_SEED)) throw new Error(`FUZZ_SEED must be an integer, not ${process.env.FUZZ_SEED}`);
if (!(RUN_FACTOR > 0)) throw new Error(`FUZZ_RUNS must be a positive number, not ${process.env.FUZZ_RUNS}`);
const MAX_CASE_CHARS = 50_000;

// ---------------------------------------------------------------------------------------------------
// The texts to damage

interface SeedText {
  file: string;
  text: string;
  sidecar?: Sidecar;
}

const root = new URL('..', import.meta.url).pathname;
const corpusDir = CORPUS_TEXTS;
if (!CORPUS_AVAILABLE) process.stderr.write(`fuzz: ${CORPUS_MISSING}; fuzzing the sample only\n`);
const seeds: SeedText[] = [
  { file: 'input/fr_A-72-L.10.txt', text: readFileSync(join(root, 'input/fr_A-72-L.10.txt'), 'utf8'), sidecar: readSidecar(join(root, 'input/fr_A-72-L.10.meta.json')) },
  ...(CORPUS_AVAILABLE ? readdirSync(corpusDir) : [])
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

/**
 * What XML serialization, the line-based parser and the language data could trip on: markup and
 * entities, characters XML forbids, bidi controls, private use, noncharacters, lone surrogates, form
 * feeds (page breaks), `String.replace` patterns, and pieces of resolution structure out of place.
 */
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

/** Runs of white space as PDF extraction leaves them: spaces, tabs, no-break and ideographic spaces, form feeds. */
const whitespaceRun = fc
  .tuple(fc.constantFrom(' ', '\t', '\u00A0', '\u3000', '\u2009', '\f', ' \n', '\n\n'), fc.integer({ min: 1, max: 200 }))
  .map(([unit, n]) => unit.repeat(n));
const whitespaceEdit: fc.Arbitrary<Edit> = fc.tuple(position, whitespaceRun).map(([at, text]) => ({ kind: 'insert' as const, at, text }));

/** Invisible characters the decode stage always removes (joiners and soft hyphens depend on context). */
const REMOVED_INVISIBLES = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C', '\u200B', '\u2060', '\uFEFF', '\u180E'];
const invisibleText = fc.array(fc.constantFrom(...REMOVED_INVISIBLES), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''));
const invisibleEdit: fc.Arbitrary<Edit> = fc.tuple(position, invisibleText).map(([at, text]) => ({ kind: 'insert' as const, at, text }));

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

const SCHEMA_RECHECK = 4;
let builtCount = 0;

type Outcome = 'built' | `refused: ${string}`;

/** Builds a text; returns what happened, or throws what the property forbids. */
function buildChecked(file: string, text: string | Uint8Array, sidecar?: Sidecar): Outcome {
  let xml: string;
  try {
    xml = build({ file, text, sidecar }, { formats: ['xml'] }).xml;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    if (error.code === 'invalid-output') throw new Error(`the pipeline wrote invalid AKN: ${error.message}`, { cause: error });
    expect(error.toString()).toMatch(/^[^\n]+: [^\n]+$/); // `file[:line]: message`, one line
    return `refused: ${error.code}`;
  }
  // build() validated already (validateAkn); the schema is checked again here, independently, on every
  // SCHEMA_RECHECK-th document built, which is enough to catch a validation stage that lets XML through.
  if (builtCount++ % SCHEMA_RECHECK === 0) expect(validateSchema(xml)).toEqual([]);
  return 'built';
}

/** Tallies of a run, printed so a reader sees the fuzz reached the building stages, not only refusals. */
const tally = new Map<Outcome, number>();
const count = (outcome: Outcome) => tally.set(outcome, (tally.get(outcome) ?? 0) + 1);

function assertProperty(name: string, index: number, numRuns: number, property: fc.IProperty<unknown>) {
  const seed = BASE_SEED + index;
  try {
    fc.assert(property, { seed, numRuns: Math.max(1, Math.round(numRuns * RUN_FACTOR)) });
  } catch (error) {
    // fast-check's message holds the shrunk counterexample (seed text index, edits) and its path.
    throw new Error(`${name}: counterexample with FUZZ_SEED=${BASE_SEED} (fast-check seed ${seed}); rerun with that FUZZ_SEED.\n${(error as Error).message}`, { cause: error });
  }
}

// Texts are picked with a weight falling with their length (size^-0.75): every text is damaged, the
// short ones more often, so 2,000 cases stay within the time the suite can give them.
const seedIndex = fc.oneof(...seeds.map((source, index) => ({ weight: Math.max(1, Math.round(10_000 * source.text.length ** -0.75)), arbitrary: fc.constant(index) })));

function textProperty(name: string, index: number, numRuns: number, edits: fc.Arbitrary<Edit[]>) {
  const property = fc.property(seedIndex, edits, fc.boolean(), (which, list, sidecarGiven) => {
    const source = seeds[which]!;
    count(buildChecked(source.file, damage(source, list), sidecarGiven ? source.sidecar : undefined));
  });
  assertProperty(name, index, numRuns, property);
}

const byteEdit: fc.Arbitrary<[number, readonly number[]]> = fc.tuple(
  position,
  fc.oneof(
    // Byte order marks (UTF-8, UTF-16 LE/BE, UTF-32), NUL, truncated and overlong sequences, encoded
    // surrogates, code points above U+10FFFF, lone continuation bytes, form feed, escape.
    fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xff, 0xfe, 0x00, 0x00], [0x00], [0xc3], [0xe2, 0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xff], [0x0c], [0x1b]),
    fc.uint8Array({ minLength: 1, maxLength: 6 }).map((bytes) => [...bytes]),
  ),
);

describe('fuzz: damaged texts either build to valid AKN or are refused with an InputError', () => {
  it('lines deleted, duplicated, swapped and joined', () => {
    textProperty('line edits', 0, 500, fc.array(lineEdit, { minLength: 1, maxLength: 12 }));
  });

  it('hostile characters inserted (markup, controls, bidi marks, private use, form feeds)', () => {
    textProperty('insertions', 1, 500, fc.array(insertEdit, { minLength: 1, maxLength: 8 }));
  });

  it('runs of white space (spaces, tabs, no-break and ideographic spaces, form feeds, blank lines) inserted', () => {
    textProperty('white space', 5, 300, fc.array(whitespaceEdit, { minLength: 1, maxLength: 8 }));
  });

  it('invisible characters and soft hyphens mixed with other damage', () => {
    const softOrJoiner = fc.tuple(position, fc.constantFrom('\u00AD', '\u00AD\n', '\u200C', '\u200D', '\u200D\u200C')).map(([at, text]) => ({ kind: 'insert' as const, at, text }));
    textProperty('invisibles', 6, 200, fc.array(fc.oneof(invisibleEdit, softOrJoiner, lineEdit, whitespaceEdit), { minLength: 1, maxLength: 10 }));
  });

  it('invisible characters the decode stage removes change nothing in the AKN, wherever they are', () => {
    const clean = new Map<number, string>();
    const property = fc.property(seedIndex, fc.array(invisibleEdit, { minLength: 1, maxLength: 6 }), (which, list) => {
      const source = seeds[which]!;
      const text = source.text.slice(0, MAX_CASE_CHARS);
      // Not between CR and LF: that would split one line end into two, which is a real change.
      const edits = list.map((e) => ({ ...e, at: text[(e.at % (text.length + 1)) - 1] === '\r' ? (e.at % (text.length + 1)) - 1 : e.at % (text.length + 1) }));
      let damaged = text;
      for (const edit of [...edits].sort((a, b) => b.at - a.at)) damaged = `${damaged.slice(0, edit.at)}${edit.text}${damaged.slice(edit.at)}`;
      let expected = clean.get(which);
      if (expected === undefined) {
        try {
          expected = build({ file: source.file, text, sidecar: source.sidecar }, { formats: ['xml'] }).xml;
        } catch (error) {
          expected = `refused: ${String(error)}`;
        }
        clean.set(which, expected);
      }
      let actual: string;
      try {
        actual = build({ file: source.file, text: damaged, sidecar: source.sidecar }, { formats: ['xml'] }).xml;
      } catch (error) {
        actual = `refused: ${String(error)}`;
      }
      expect(actual).toBe(expected);
      count('built');
    });
    assertProperty('removed invisibles', 7, 120, property);
  });

  it('files cut at any point, after other damage', () => {
    textProperty('cuts', 2, 400, fc.tuple(fc.array(fc.oneof(lineEdit, insertEdit), { maxLength: 4 }), cutEdit).map(([edits, cut]) => [...edits, cut]));
  });

  it('every kind of damage mixed', () => {
    textProperty('mixed', 3, 400, fc.array(fc.oneof(lineEdit, insertEdit, cutEdit), { minLength: 1, maxLength: 16 }));
  });

  it('bytes no encoding expects: byte order marks, invalid UTF-8, NULs', () => {
    const property = fc.property(seedIndex, fc.array(byteEdit, { minLength: 1, maxLength: 6 }), fc.boolean(), (which, list, atStart) => {
      const source = seeds[which]!;
      let bytes = [...new TextEncoder().encode(source.text.slice(0, MAX_CASE_CHARS))];
      for (const [k, [at, inserted]] of list.entries()) {
        const offset = k === 0 && atStart ? 0 : at % (bytes.length + 1);
        bytes = [...bytes.slice(0, offset), ...inserted, ...bytes.slice(offset)];
      }
      count(buildChecked(source.file, new Uint8Array(bytes), source.sidecar));
    });
    assertProperty('byte edits', 4, 200, property);
  });

  it('reached the building stages, not only refusals', () => {
    const cases = [...tally.values()].reduce((a, b) => a + b, 0);
    console.info(`fuzz: ${cases} cases (FUZZ_SEED=${BASE_SEED}): ${JSON.stringify(Object.fromEntries([...tally].sort()))}`);
    expect(cases).toBeGreaterThan(0);
    expect((tally.get('built') ?? 0) / cases).toBeGreaterThan(0.3);
  });
});

// ---------------------------------------------------------------------------------------------------
// Crashes the fuzz found (minimal inputs), kept as regression cases: each must build to valid AKN or be
// refused as bad input (an InputError that is not `invalid-output`).

function expectBuildsOrRefuses(text: string): void {
  buildChecked('minimal.txt', text);
}

describe('crashes the fuzz found, fixed: each input now builds or is refused as bad input', () => {
  it('an article heading printed twice gives two art_1', () => {
    expectBuildsOrRefuses(
      'Universal Declaration of Human Rights\n\nThe General Assembly,\n\nProclaims this Universal Declaration of Human Rights.\n\n' +
        'Article 1\n\nAll human beings are born free.\n\nArticle 1\n\nEveryone has the right to life.\n',
    );
  });

  it('an unnumbered paragraph of an article before its paragraph 2 gives two para_2', () => {
    expectBuildsOrRefuses(
      'Universal Declaration of Human Rights\n\nThe General Assembly,\n\nProclaims this Universal Declaration of Human Rights.\n\n' +
        'Article 16\n\n1. Men and women have the right to marry.\n\nMarriage shall be entered into only with free consent.\n\n2. The family is the natural unit of society.\n',
    );
  });

  it('a recital after the formula, taken as an unnumbered paragraph, and paragraph 1. give two para_1', () => {
    expectBuildsOrRefuses('A/RES/73/8\n\nReaffirming its resolution 70/1,\n\nThe General Assembly,\n\nDetermined to act,\n\n1. Requests the Secretary-General to report.\n');
  });

  it('two notes cited nowhere, hung on the title, both get authorialNote_1', () => {
    expectBuildsOrRefuses(
      'Cooperation between the United Nations and the African Union\n\nThe General Assembly,\n\nConvinced of the need to act,\n' +
        '__________________\n2 See resolution 70/1.\n3 See resolution 69/283.\n',
    );
  });

  it('a link line that is not a valid URI is written as an href', () => {
    expectBuildsOrRefuses('The General Assembly,\n\nRecalling its resolution 70/1,\n\n1. Decides to act.\nhttps://undocs.org/en/A/RES/[70/1\n');
  });
});
