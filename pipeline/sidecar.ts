// The metadata sidecar (`x.meta.json`): read within a size limit, parsed, and checked against the
// published JSON Schema schemas/sidecar.schema.json with ajv, dates checked against the calendar.
// Reads: the sidecar file.   Writes: a Sidecar, or an InputError naming the sidecar (never the text).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Sidecar } from './metadata.js';
import { MAX_SIDECAR_BYTES, readBounded } from './read-input.js';
import { InputError, type Report, warn } from './report.js';
import { packageRoot } from './schema-files.js';

/** YYYY, YYYY-MM or YYYY-MM-DD that exists in the (proleptic Gregorian) calendar: 2017-02-30 does not. */
export function isPartialDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  if (year < 1900 || year > 2999) return false;
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day >= 1 && day <= days;
}

let validator: ValidateFunction | undefined;

export function sidecarSchemaPath(): string {
  return join(packageRoot(), 'schemas', 'sidecar.schema.json');
}

function sidecarValidator(): ValidateFunction {
  if (validator) return validator;
  const ajv = new Ajv({ allErrors: false, strict: true });
  ajv.addFormat('partial-date', { type: 'string', validate: isPartialDate });
  validator = ajv.compile(JSON.parse(readFileSync(sidecarSchemaPath(), 'utf8')) as object);
  return validator;
}

/** One error of ajv in words: `field "adoption.vote.against" must be an integer`. */
function describe(error: ErrorObject, data: unknown): string {
  const field = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const where = field ? `field "${field}"` : 'the sidecar';
  const value = field ? field.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], data) : data;
  const shown = typeof value === 'string' ? ` ("${value.length > 40 ? `${value.slice(0, 40)}…` : value}")` : value === null ? ' (null)' : typeof value === 'number' ? ` (${value})` : '';
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown field "${[field, (error.params as { additionalProperty: string }).additionalProperty].filter(Boolean).join('.')}" in the metadata sidecar`;
    case 'type':
      return `${where} must be ${article((error.params as { type: string }).type)}${shown}`;
    case 'format':
      return `${where} is not a date that exists: expected YYYY, YYYY-MM or YYYY-MM-DD${shown}`;
    case 'enum':
      return `${where} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}${shown}`;
    case 'required':
      return `${where} lacks "${(error.params as { missingProperty: string }).missingProperty}"`;
    default:
      return `${where} ${error.message ?? 'is invalid'}${shown}`;
  }
}

function article(type: string): string {
  return type === 'integer' || type === 'object' || type === 'array' ? `an ${type}` : `a ${type}`;
}

/**
 * Reads and checks a sidecar. Every problem is an InputError naming the sidecar file: missing, too large,
 * not JSON (with its line), not matching the schema. A UTF-8 byte order mark is ignored with a warning.
 */
export function readSidecar(path: string, report?: Report): Sidecar {
  const bytes = readBounded(path, MAX_SIDECAR_BYTES, 'metadata sidecar');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new InputError(path, 'metadata sidecar is not valid UTF-8', undefined, 'sidecar');
  }
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    if (report) warn(report, 'sidecar-bom', `${path}: the metadata sidecar starts with a byte order mark; ignored`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
    throw new InputError(path, `metadata sidecar is not valid JSON: ${message}`, line, 'sidecar');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new InputError(path, 'metadata sidecar must be a JSON object', 1, 'sidecar');
  const validate = sidecarValidator();
  if (!validate(data)) throw new InputError(path, describe(validate.errors![0]!, data), undefined, 'sidecar');
  return data as Sidecar;
}
