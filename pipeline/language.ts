// The language step: which language table reads this text.
// Reads: context.sidecar.language, context.text.   Writes: context.language (reported when detected).
import type { BuildContext, Stage } from './context.js';
import { detectLanguage, languageByCode } from './lang/index.js';
import { InputError, info } from './report.js';

export function chooseLanguage(context: BuildContext): void {
  const declared = context.sidecar?.language;
  if (declared) {
    const table = languageByCode(declared);
    if (!table) throw new InputError(context.sidecarFile ?? context.file, `language "${declared}" has no language table (supported: en, fr, es, ru, ar, zh)`, undefined, 'language');
    context.language = table;
    context.report.detected['language'] = { value: table.code, from: 'sidecar' };
    return;
  }
  const detected = detectLanguage(context.text ?? '');
  if (!detected) {
    throw new InputError(context.file, 'not a resolution in a UN language: no English, French, Spanish, Russian, Arabic or Chinese text recognised', 1, 'language');
  }
  context.language = detected.table;
  context.report.detected['language'] = { value: detected.table.code, from: 'text' };
  info(context.report, 'language-detected', `language detected: ${detected.table.name} (${detected.reason})`);
}

export const languageStage: Stage = { name: 'language', run: chooseLanguage };
