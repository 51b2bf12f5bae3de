// "Is this a dictionary word?" for the corpus invariants: the pipeline's own lexicon (Hunspell dictionaries
// for en/fr/es/ru, the table's words for ar/zh). Words come lower-cased from words(); a proper noun is
// accepted in its capitalised form too.
import { languageByCode } from '../../pipeline/lang/index.js';
import { lexiconFor } from '../../pipeline/lexicon.js';

export function isDictionaryWord(languageCode: string, word: string): boolean {
  const table = languageByCode(languageCode);
  if (!table) return false;
  const lexicon = lexiconFor(table);
  return lexicon.has(word) || lexicon.has(word.charAt(0).toUpperCase() + word.slice(1)) || lexicon.has(word.toUpperCase());
}
