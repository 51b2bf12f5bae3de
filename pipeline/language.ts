// The language step: which language table reads this text.
// Reads: context.sidecar.language, context.text.   Writes: context.language (warning when guessed).
import type { BuildContext, Stage } from './context.js';
import { english } from './lang/en.js';
import { french } from './lang/fr.js';
import type { LanguageTable } from './lang/types.js';
import { InputError, info } from './report.js';

const tables: LanguageTable[] = [english, french];

export function languageByCode(code: string): LanguageTable | undefined {
  const c = code.toLowerCase();
  return tables.find((t) => t.code === c || t.iso639_2 === c);
}

/** Language from script and frequent words. */
export function detectLanguage(text: string): LanguageTable | undefined {
  const sample = text.slice(0, 20000).toLowerCase();
  const score = (words: string[]) => words.reduce((n, w) => n + (sample.match(new RegExp(`(?<![\\p{L}])${w}(?![\\p{L}])`, 'gu'))?.length ?? 0), 0);
  const fr = score(['le', 'la', 'les', 'des', 'du', 'et', 'dans']);
  const en = score(['the', 'of', 'and', 'to', 'in', 'that']);
  if (Math.max(fr, en) < 5) return undefined;
  return fr > en ? french : english;
}

export function chooseLanguage(context: BuildContext): void {
  const declared = context.sidecar?.language;
  if (declared) {
    const table = languageByCode(declared);
    if (!table) throw new InputError(context.sidecarFile ?? context.file, `language "${declared}" has no language table`, undefined, 'language');
    context.language = table;
    context.report.detected['language'] = { value: table.code, from: 'sidecar' };
    return;
  }
  const detected = detectLanguage(context.text ?? '');
  if (!detected) throw new InputError(context.file, 'the text is in none of the supported languages (or is not a resolution)', 1, 'language');
  context.language = detected;
  context.report.detected['language'] = { value: detected.code, from: 'text' };
  info(context.report, 'language-detected', `language detected: ${detected.name}`);
}

export const languageStage: Stage = { name: 'language', run: chooseLanguage };
