// The validate stage (see stages.ts for the order): validation of what the akn stage wrote.
// Reads: context.xml.   Writes: context.problems; a document with problems fails with an InputError.
import type { BuildContext, Stage } from './context.js';
import { markValidatedAkn } from './akn-tree.js';
import { InputError } from './report.js';
import { validateAkn } from './validate.js';

export function validateBuiltXml(context: BuildContext): void {
  context.problems = validateAkn(context.xml!);
  const first = context.problems[0];
  if (first) {
    throw new InputError(
      context.file,
      `the Akoma Ntoso built from this text is not valid (${context.problems.length} problem${context.problems.length > 1 ? 's' : ''}); first, at XML line ${first.line ?? '?'}: ${first.message}`,
      undefined,
      'invalid-output',
    );
  }
  // libxml2 parsed this XML without an error: the publications need not check its well-formedness again.
  markValidatedAkn(context.xml!, context.file);
}

export const validateStage: Stage = { name: 'validate', run: validateBuiltXml };
