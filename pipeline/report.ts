// The per-document report: what was detected, repaired, guessed and dropped, and what went wrong.
// Every stage appends to it; the CLI prints it (stderr, or JSON with --json).

/** A place in an input file, for messages of the form `file:line: message`. */
export interface SourcePlace {
  file: string;
  line?: number;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic extends SourcePlace {
  severity: Severity;
  /** Stable, machine-readable kind, e.g. `split-word`, `missing-period`, `schema`. */
  code: string;
  message: string;
}

/** A repair of the extraction: what was there and what it became. */
export interface Repair extends SourcePlace {
  kind: string;
  before: string;
  after: string;
}

export interface Report {
  file: string;
  diagnostics: Diagnostic[];
  repairs: Repair[];
  /** Lines dropped as page furniture (running heads, page numbers, job numbers...). */
  furniture: Array<{ line: number; text: string; kind: string }>;
  /** Facts found in the text or the sidecar, with where each came from. */
  detected: Record<string, { value: string; from: 'text' | 'sidecar' | 'filename' | 'default' }>;
}

export function newReport(file: string): Report {
  return { file, diagnostics: [], repairs: [], furniture: [], detected: {} };
}

export function warn(report: Report, code: string, message: string, line?: number): void {
  report.diagnostics.push({ severity: 'warning', code, message, file: report.file, line });
}

export function info(report: Report, code: string, message: string, line?: number): void {
  report.diagnostics.push({ severity: 'info', code, message, file: report.file, line });
}

/** The error type every stage throws for bad input: it names the file and line, never a stack trace. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
    readonly code = 'input',
  ) {
    super(message);
    this.name = 'InputError';
  }

  /** `file:line: message`, the one line the CLI prints. */
  override toString(): string {
    return `${printable(this.file)}${this.line !== undefined ? `:${this.line}` : ''}: ${this.message}`;
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${printable(d.file)}${d.line !== undefined ? `:${d.line}` : ''}: ${d.severity}: ${d.message}`;
}

/**
 * A file name as it may be shown on a terminal: control characters (C0, DEL, C1, which could move the
 * cursor or recolour the screen) and bidirectional controls as \u escapes.
 */
export function printable(name: string): string {
  return name.replace(/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// Faults of the machine rather than of the input: the message names the path and what to do.
const ENVIRONMENT_FAULTS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'exists and is not a folder',
  EMFILE: 'too many open files',
};

/** `path: no space left on the device` for a file-system error of a known kind, else undefined. */
export function describeEnvironmentError(error: unknown): string | undefined {
  const e = error as { code?: unknown; path?: unknown; message?: unknown } | null;
  if (!e || typeof e.code !== 'string' || !(e.code in ENVIRONMENT_FAULTS)) return undefined;
  const path = typeof e.path === 'string' ? e.path : /'([^']+)'/.exec(String(e.message))?.[1];
  return `${path ? printable(path) : 'output'}: ${ENVIRONMENT_FAULTS[e.code]}`;
}
