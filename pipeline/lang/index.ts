// The six UN languages: their tables by code, and the look-up from the codes people and metadata use.
// A language is added by writing its table (like fr.ts) and listing it here; no parser code changes.
import { arabic } from './ar.js';
import { english } from './en.js';
import { spanish } from './es.js';
import { french } from './fr.js';
import { russian } from './ru.js';
import type { LanguageTable } from './types.js';
import { chinese } from './zh.js';

export type { LanguageTable, PhraseTable } from './types.js';
export { arabic, chinese, english, french, russian, spanish };
export { detectLanguage, DETECTION_WINDOW, type DetectedLanguage } from './detect.js';

export type LanguageCode = LanguageTable['code'];

export const languages: Readonly<Record<LanguageCode, LanguageTable>> = {
  en: english,
  fr: french,
  es: spanish,
  ru: russian,
  ar: arabic,
  zh: chinese,
};

/**
 * ISO 639-2 bibliographic codes that differ from the terminology codes (`fre` for `fra`, `chi` for `zho`).
 * The other four languages have one 639-2 code.
 */
const bibliographicCodes: Readonly<Record<string, LanguageCode>> = { fre: 'fr', chi: 'zh' };

/**
 * The table for a language code: ISO 639-1 (`fr`), 639-2/T (`fra`) or 639-2/B (`fre`), in any case; a BCP 47
 * tag with a region or script (`zh-CN`, `zh-Hans`, `en_US`) is read by its primary subtag.
 */
export function languageByCode(code: string): LanguageTable | undefined {
  const primary = code.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (primary in languages) return languages[primary as LanguageCode];
  const bibliographic = bibliographicCodes[primary];
  if (bibliographic) return languages[bibliographic];
  return Object.values(languages).find((table) => table.iso639_2 === primary);
}

/**
 * Arabic-Indic (٠-٩), Eastern Arabic-Indic (۰-۹) and full-width (０-９) digits as ASCII digits, so that
 * `Number()` reads the numbers the date, session and agenda patterns capture.
 */
export function toAsciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9\uFF10-\uFF19]/g, (digit) => {
    const code = digit.charCodeAt(0);
    const zero = code >= 0xff10 ? 0xff10 : code >= 0x06f0 ? 0x06f0 : 0x0660;
    return String(code - zero);
  });
}
