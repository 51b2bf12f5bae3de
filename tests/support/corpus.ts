// Where the development corpus is: $AKN_CORPUS_DIR, else ../shared/corpus beside the repository (this
// workplace). Every test that reads the corpus finds it through here; without it those tests are skipped
// with a message naming the folder and the variable, never failed with ENOENT.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

export const CORPUS_DIR = process.env['AKN_CORPUS_DIR'] ? resolve(process.env['AKN_CORPUS_DIR']) : fileURLToPath(new URL('../../../shared/corpus', import.meta.url));
export const CORPUS_TEXTS = join(CORPUS_DIR, 'texts');
export const CORPUS_AVAILABLE = existsSync(CORPUS_TEXTS);
export const CORPUS_MISSING = `skipped: the development corpus is not at ${CORPUS_DIR} (set AKN_CORPUS_DIR to a folder holding texts/ and pdf/)`;

/** `it` when the corpus is there, else `it.skip`. */
export const corpusIt = CORPUS_AVAILABLE ? it : it.skip;
/** `describe` when the corpus is there, else `describe.skip`. */
export const corpusDescribe = CORPUS_AVAILABLE ? describe : describe.skip;

/** Without the corpus: one skipped test whose name says why and how to provide it, and the same on stderr. */
export function noteMissingCorpus(): void {
  if (CORPUS_AVAILABLE) return;
  process.stderr.write(`${CORPUS_MISSING}\n`);
  describe('development corpus', () => it.skip(CORPUS_MISSING, () => undefined));
}
