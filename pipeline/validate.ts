// Validation of Akoma Ntoso XML, for the validate stage and the `validate` command.
// Reads: AKN XML text.   Writes: a list of problems (schema errors with line numbers, then profile checks).
// The XSD is compiled once per process (per worker thread) by libxml2 (libxml2-wasm); documents are
// parsed with no DTD loading, no entity substitution and no network access.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ParseOption,
  XmlDocument,
  XmlError,
  XmlLibError,
  XsdValidator,
  xmlRegisterInputProvider,
} from 'libxml2-wasm';
import { checkProfile } from './profile-checks.js';
import { schemaDir } from './schema-files.js';

export interface ValidationProblem {
  line?: number;
  kind: 'xml' | 'schema' | 'profile';
  message: string;
}

let validator: XsdValidator | undefined;
let memoryFiles: Map<string, Uint8Array> | undefined;

/** Serves the schema files from memory, so libxml2 never opens anything else (no file, no URL). */
function registerSchemaProvider(files: Map<string, Uint8Array>): void {
  const open = new Map<number, { bytes: Uint8Array; offset: number }>();
  let nextFd = 1;
  const key = (name: string) => name.replace(/^.*[\\/]/, '');
  xmlRegisterInputProvider({
    match: (name) => files.has(key(name)),
    open: (name) => {
      const bytes = files.get(key(name));
      if (!bytes) return undefined;
      const fd = nextFd++;
      open.set(fd, { bytes, offset: 0 });
      return fd;
    },
    read: (fd, buf) => {
      const state = open.get(fd as number);
      if (!state) return -1;
      const n = Math.min(buf.byteLength, state.bytes.byteLength - state.offset);
      buf.set(state.bytes.subarray(state.offset, state.offset + n));
      state.offset += n;
      return n;
    },
    close: (fd) => open.delete(fd as number),
  });
}

/** The compiled schema; the first call compiles it (about a second), later calls reuse it. */
export function schemaValidator(): XsdValidator {
  if (validator) return validator;
  const dir = schemaDir();
  memoryFiles = new Map(
    ['akomantoso30.xsd', 'xml.xsd'].map((name) => [name, new Uint8Array(readFileSync(join(dir, name)))]),
  );
  registerSchemaProvider(memoryFiles);
  const xsdDoc = XmlDocument.fromBuffer(memoryFiles.get('akomantoso30.xsd')!, {
    url: 'akomantoso30.xsd',
    option: ParseOption.XML_PARSE_NONET,
  });
  validator = XsdValidator.fromDoc(xsdDoc);
  xsdDoc.dispose();
  return validator;
}

const SAFE_PARSE = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE;

/** Schema validation only: libxml2's errors, each with its line. */
export function validateSchema(xml: string): ValidationProblem[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    const index = xml.search(/<!DOCTYPE|<!ENTITY/i);
    return [{ kind: 'xml', line: xml.slice(0, index).split('\n').length, message: 'DTDs and entity declarations are refused' }];
  }
  const xsd = schemaValidator();
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromString(xml, { option: SAFE_PARSE });
  } catch (error) {
    return libxmlProblems(error, 'xml');
  }
  try {
    xsd.validate(doc);
    return [];
  } catch (error) {
    return libxmlProblems(error, 'schema');
  } finally {
    doc.dispose();
  }
}

function libxmlProblems(error: unknown, kind: 'xml' | 'schema'): ValidationProblem[] {
  if (error instanceof XmlLibError && error.details.length > 0) {
    return error.details.map((d) => ({ kind, line: d.line || undefined, message: d.message.trim() }));
  }
  if (error instanceof XmlError) return [{ kind, message: error.message.trim() }];
  throw error;
}

/** Full validation: the official XSD, then the profile checks the XSD cannot express. */
export function validateAkn(xml: string): ValidationProblem[] {
  const problems = validateSchema(xml);
  if (problems.some((p) => p.kind === 'xml')) return problems;
  return [...problems, ...checkProfile(xml)];
}
